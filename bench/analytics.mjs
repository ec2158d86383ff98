// Issue 4's measurements at 10,000 stores in the simulated region (BENCH_ANALYTICS_SCALE to
// change): metric refresh calls against ceil(series / 500) for a screenful, the analytics
// screen's first frame, and usage-pattern analysis over 30 days of hourly data. Medians.
import { execFileSync } from 'node:child_process';
import { bundle, fmt } from './lib.mjs';

export default async function analytics() {
  const scale = Number(process.env.BENCH_ANALYTICS_SCALE ?? 10000);
  const runs = Number(process.env.BENCH_RUNS ?? 7);
  console.log(`== metrics and analytics at ${scale.toLocaleString('en-US')} stores ==`);
  await bundle('bench/analytics-run.tsx', 'dist/bench-analytics.js');
  const out = execFileSync('node', ['dist/bench-analytics.js', String(scale), String(runs)], { encoding: 'utf8', timeout: 20 * 60_000, maxBuffer: 16 * 1024 * 1024 });
  const r = JSON.parse(out.trim().split('\n').pop());
  const l = r.liveRefresh;
  console.log(
    `live refresh, ${l.visibleStores} visible stores: ${l.steadyState.series} series in ${l.steadyState.calls} GetMetricData call(s) (ceil(series/500) = ${l.steadyState.expectedCalls}: ${l.steadyState.callsEqualCeilSeriesOver500 ? 'yes' : 'NO'}), median ${fmt(l.steadyState.medianMs)}; first refresh with every bucket's daily size: ${l.firstRefresh.series} series in ${l.firstRefresh.calls} calls`,
  );
  console.log(`analytics screen first frame: cold ${fmt(r.analyticsFirstFrame.coldMs)}, reopened median ${fmt(r.analyticsFirstFrame.warmMedianMs)}`);
  console.log(`usage patterns, 30 days hourly (720 points), ${r.patterns.visibleStores} visible stores: median ${fmt(r.patterns.medianMs)} (${fmt(r.patterns.perStoreMs)} per store)`);
  const a = r.analysis;
  console.log(
    `analytics analysis: ${a.analysed} of ${a.of} stores${a.bounded ? ' (the most expensive)' : ''} in ${fmt(a.wallMs)} — fetch ${fmt(a.fetchMs)} (${a.getMetricDataCalls} calls, ${a.metricsRequested} metrics, ${a.datapoints} points), patterns ${fmt(a.patternsMs)}, recommendations ${fmt(a.recommendMs)}; ${a.recommendations} recommendations`,
  );
  return { analytics: r };
}
