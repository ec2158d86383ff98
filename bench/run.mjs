// `npm run bench`: speed and memory targets, as medians on this machine.
// Never timed tests: the machines are shared and noisy.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { bundle, fmt } from './lib.mjs';
import { startupBench } from './startup.mjs';

mkdirSync('dist', { recursive: true });
const results = { machine: { node: process.version, cpus: (await import('node:os')).cpus().length }, at: new Date().toISOString() };

const skip = (name) => process.env.BENCH_ONLY && !process.env.BENCH_ONLY.split(',').includes(name);
if (!skip('startup')) {
console.log('== start to first full frame (simulated region, real pty) ==');
results.startup = await startupBench(Number(process.env.BENCH_RUNS ?? 7));
for (const [k, v] of Object.entries(results.startup)) {
  console.log(`${k.padEnd(20)} ${String(v.resources).padStart(6)} stores  first frame median ${fmt(v.firstFrameMedianMs)} (min ${fmt(v.firstFrameMinMs)}; ${fmt(v.launchToFrameMedianMs)} from launching the command; CPU ${fmt(v.cpuToFrameMedianMs)})  RSS at that frame ${v.rssMedianMb.toFixed(0)} MB`);
  if (v.sessionPeakRssMedianMb) console.log(`${''.padEnd(20)} peak RSS over a short session of use (keys, per-bucket details, metrics): ${v.sessionPeakRssMedianMb.toFixed(0)} MB`);
}

console.log('== keypress at 10,000 stores ==');
await bundle('bench/keypress.tsx', 'dist/bench-keypress.js');
results.keypress = JSON.parse(execFileSync('node', ['dist/bench-keypress.js', '10000'], { encoding: 'utf8' }).trim().split('\n').pop());
const k = results.keypress;
console.log(`${k.resources} stores: move ${fmt(k.moveMedianMs)}, page ${fmt(k.pageMedianMs)}, filter keystroke ${fmt(k.filterMedianMs)} (medians); peak RSS ${k.maxRssMb.toFixed(0)} MB`);
}

// Each further benchmark is a module whose default export returns its results.
// BENCH_ONLY=faults,analytics runs a subset.
const only = process.env.BENCH_ONLY?.split(',');
for (const name of ['cli-vs-awscli', 'server-load', 'analytics', 'faults']) {
  if (only && !only.includes(name)) continue;
  const mod = await import(`./${name}.mjs`);
  Object.assign(results, await mod.default());
}

// Merge with earlier results so a subset run keeps the rest.
let previous = {};
try {
  previous = JSON.parse(readFileSync('bench/results.json', 'utf8'));
} catch {
  // first run
}
writeFileSync('bench/results.json', JSON.stringify({ ...previous, ...results }, null, 2) + '\n');
console.log('written: bench/results.json');
