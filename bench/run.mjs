// `npm run bench`: speed and memory targets, as medians on this machine.
// Never timed tests: the machines are shared and noisy.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { bundle, fmt } from './lib.mjs';
import { startupBench } from './startup.mjs';

mkdirSync('dist', { recursive: true });
const results = { machine: { node: process.version, cpus: (await import('node:os')).cpus().length }, at: new Date().toISOString() };

console.log('== start to first full frame (simulated region, real pty) ==');
results.startup = await startupBench(Number(process.env.BENCH_RUNS ?? 7));
for (const [k, v] of Object.entries(results.startup)) console.log(`${k.padEnd(20)} ${String(v.resources).padStart(6)} stores  first frame median ${fmt(v.firstFrameMedianMs)} (min ${fmt(v.firstFrameMinMs)})  RSS ${v.rssMedianMb.toFixed(0)} MB`);

console.log('== keypress at 10,000 stores ==');
await bundle('bench/keypress.tsx', 'dist/bench-keypress.js');
results.keypress = JSON.parse(execFileSync('node', ['dist/bench-keypress.js', '10000'], { encoding: 'utf8' }).trim().split('\n').pop());
const k = results.keypress;
console.log(`${k.resources} stores: move ${fmt(k.moveMedianMs)}, page ${fmt(k.pageMedianMs)}, filter keystroke ${fmt(k.filterMedianMs)} (medians); peak RSS ${k.maxRssMb.toFixed(0)} MB`);

for (const extra of ['./cli-vs-awscli.mjs', './analytics.mjs', './faults.mjs']) {
  try {
    const mod = await import(extra);
    Object.assign(results, await mod.default());
  } catch (e) {
    if (e.code !== 'ERR_MODULE_NOT_FOUND') throw e;
  }
}

writeFileSync('bench/results.json', JSON.stringify(results, null, 2) + '\n');
console.log('written: bench/results.json');
