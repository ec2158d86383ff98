// Issue 3's measurement: a 30% throttle rate for 5 minutes (BENCH_FAULT_SECONDS to change).
import { execFileSync } from 'node:child_process';
import { bundle } from './lib.mjs';

export default async function faults() {
  const seconds = Number(process.env.BENCH_FAULT_SECONDS ?? 300);
  console.log(`== throttling storm: 30% of calls throttled for ${seconds}s, refresh every 5s ==`);
  await bundle('bench/faults-run.ts', 'dist/bench-faults.js');
  const r = JSON.parse(execFileSync('node', ['dist/bench-faults.js', String(seconds), '5000'], { encoding: 'utf8', timeout: (seconds + 120) * 1000 }).trim().split('\n').pop());
  console.log(`calls ${r.callsMade} over ${r.refreshes} refreshes; longest without a successful refresh ${r.longestWithoutSuccessfulRefreshSec}s; fully fresh ${(r.fractionOfTimeFullyFresh * 100).toFixed(1)}% of the time; recovered by itself: ${r.recoveredWithoutIntervention} (${r.recoveredInSec}s)`);
  return { faults: r };
}
