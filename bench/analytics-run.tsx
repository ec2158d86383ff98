// Issue 4's measurements at N stores in the simulated region (bundled by bench/analytics.mjs):
//   1. live metric refresh for a screenful of the list: GetMetricData calls vs ceil(series / 500);
//   2. the analytics screen's first frame after `a` (cold: nothing analysed yet; warm: reopened);
//   3. usage-pattern analysis over 30 days of hourly data for every visible store, and the
//      analytics screen's full analysis (the 300 most expensive stores) stage by stage.
// Prints one JSON line; medians over repeated runs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClientPool } from '../src/services/aws/clients.js';
import { analyticsFor } from '../src/services/analytics-session.js';
import { analyzeMetrics } from '../src/services/analytics/index.js';
import { ApiMeter, MetricsService } from '../src/services/metrics/index.js';
import { applyQuery } from '../src/services/query.js';
import { DEFAULT_QUERY } from '../src/services/query.js';
import { Session } from '../src/services/session.js';
import { SimRegion } from '../src/services/sim/index.js';
import { Out, median, renderDashboard } from './tty.js';


const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (v: number) => Math.round(v * 100) / 100;

async function main(): Promise<void> {
  const scale = Number(process.argv[2] ?? 10000);
  const runs = Number(process.argv[3] ?? 7);
  // A private cache: Cost Explorer answers from earlier runs must not make the cold start warm.
  process.env.XDG_CACHE_HOME = mkdtempSync(join(tmpdir(), 'prism-bench-cache-'));
  const sim = new SimRegion({ stateDir: null, scale });
  const pool = new ClientPool({ region: 'us-east-1', credentials: { accessKeyId: 's', secretAccessKey: 's' }, plugin: sim.plugin });
  const session = new Session({ mode: 'sim', reason: 'bench', region: 'us-east-1', regions: ['us-east-1'], readOnly: true, pool, sim, serviceEndpoints: {} }, { refreshMs: 3_600_000, metrics: false });
  await session.refreshOnce();
  const resources = session.store.getSnapshot().resources;
  const stdout = new Out();
  // The screenful the list shows at 100x30: header, tabs, column titles and the hint bar leave 24 rows.
  const screenful = applyQuery(resources, DEFAULT_QUERY).slice(0, stdout.rows - 6);

  // 1. Live refresh for a screenful: the first refresh also fetches every bucket's daily size
  //    (cached for hours), the steady-state refresh only the visible rows' 1-minute series.
  session.setInterest({ visible: screenful.map((r) => r.id) });
  const m = session.meter;
  const refresh = async () => {
    const c0 = m.calls;
    const t = performance.now();
    await session.refreshMetricsOnce();
    return { calls: m.calls - c0, series: m.lastRefreshMetrics, ms: performance.now() - t };
  };
  const first = await refresh();
  const steady: { calls: number; series: number; ms: number }[] = [];
  for (let i = 0; i < runs; i++) steady.push(await refresh());
  const s0 = steady[0];

  // 3a. Pattern analysis over 30 days of hourly data for every visible store.
  const thirty = await new MetricsService(pool, { meter: new ApiMeter() }).fetch(screenful.map((resource) => ({ resource, window: '30d' as const })));
  const patternMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    for (const r of screenful) {
      const x = thirty.get(r.id);
      if (x) analyzeMetrics(x, r.type.startsWith('fsx-') ? r.sizeBytes : undefined);
    }
    patternMs.push(performance.now() - t);
  }

  // 2. The analytics screen's first frame.
  const { stdin, inst } = await renderDashboard(session, stdout);
  await sleep(300);
  const frameWith = (text: string, key: string): Promise<number> =>
    new Promise((res) => {
      const t0 = performance.now();
      const on = () => {
        if (stdout.last.includes(text)) {
          stdout.off('wrote', on);
          res(performance.now() - t0);
        }
      };
      stdout.on('wrote', on);
      stdin.send(key);
    });
  const ctl = analyticsFor(session);
  const coldMs = await frameWith('Analytics', 'a');
  // The analysis the screen started: wait for it, and take its stage timings.
  const ta = performance.now();
  while (ctl.getSnapshot().analysis.loading || ctl.getSnapshot().analysis.at === undefined || ctl.getSnapshot().costs.loading) await sleep(50);
  const analysisWallMs = performance.now() - ta;
  const a = ctl.getSnapshot();
  const warm: number[] = [];
  for (let i = 0; i < runs; i++) {
    await frameWith('NAME', '\u001b');
    await sleep(60);
    warm.push(await frameWith('Analytics', 'a'));
    await sleep(60);
  }
  inst.unmount();
  session.stop();
  rmSync(process.env.XDG_CACHE_HOME, { recursive: true, force: true });

  const t = a.analysis.timings;
  const result = {
    resources: resources.length,
    liveRefresh: {
      visibleStores: screenful.length,
      firstRefresh: { series: first.series, calls: first.calls, note: 'includes the daily size of every S3 bucket (cached for 3 h), in its own time range' },
      steadyState: { series: s0.series, calls: s0.calls, expectedCalls: Math.ceil(s0.series / 500), callsEqualCeilSeriesOver500: steady.every((x) => x.calls === Math.ceil(x.series / 500)), medianMs: round(median(steady.map((x) => x.ms))) },
    },
    analyticsFirstFrame: { coldMs: round(coldMs), warmMedianMs: round(median(warm)), runs },
    patterns: { visibleStores: screenful.length, pointsPerSeries: 720, medianMs: round(median(patternMs)), perStoreMs: round(median(patternMs) / Math.max(1, screenful.length)) },
    analysis: {
      analysed: a.analysis.analysed,
      of: a.analysis.total,
      bounded: a.analysis.bounded,
      wallMs: Math.round(analysisWallMs + coldMs),
      fetchMs: Math.round(t?.fetchMs ?? 0),
      patternsMs: Math.round(t?.patternsMs ?? 0),
      recommendMs: Math.round(t?.recommendMs ?? 0),
      getMetricDataCalls: a.analysisMeter.calls,
      metricsRequested: a.analysisMeter.metricsRequested,
      datapoints: a.analysisMeter.datapoints,
      recommendations: a.analysis.recommendations.length,
    },
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  process.stdout.write(JSON.stringify(result) + '\n');
  process.exit(0);
}

void main();
