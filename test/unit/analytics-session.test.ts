// The analytics controller over the simulated region's default world with a fixed clock: what
// it fetches (and what it does not fetch again), the Cost Explorer cache per account, the bound
// on analysed stores, re-deriving recommendations when the inventory changes, and errors.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AnalyticsSession, analyticsFor, costCacheKey, type AnalyticsSource } from '../../src/services/analytics-session.js';
import { ClientPool } from '../../src/services/aws/clients.js';
import type { Backend } from '../../src/services/backend.js';
import { ApiMeter } from '../../src/services/metrics/index.js';
import { Session } from '../../src/services/session.js';
import { SimRegion, type FaultSpec } from '../../src/services/sim/index.js';
import type { StorageInfo } from '../../src/services/types.js';

const NOW = Date.UTC(2025, 5, 30, 12);
const HOUR = 3_600_000;
const dirs: string[] = [];
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'prism-analytics-'));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

interface World {
  clock: { now: number };
  sim: SimRegion;
  session: Session;
  resources: StorageInfo[];
}

async function world(faults?: FaultSpec, inventory = true): Promise<World> {
  const clock = { now: NOW };
  const sim = new SimRegion({ stateDir: null, now: () => clock.now, faults });
  const pool = new ClientPool({ region: 'us-east-1', credentials: { accessKeyId: 'sim', secretAccessKey: 'sim' }, plugin: sim.plugin });
  const backend: Backend = { mode: 'sim', reason: 'test', region: 'us-east-1', regions: ['us-east-1'], readOnly: false, pool, sim, serviceEndpoints: {} };
  const session = new Session(backend, { metrics: false, now: () => clock.now });
  if (inventory) await session.refreshOnce();
  return { clock, sim, session, resources: [...session.store.getSnapshot().resources] };
}

let shared: Promise<{ w: World; a: AnalyticsSession; cacheDir: string }> | undefined;
function analysed() {
  shared ??= (async () => {
    const w = await world();
    const cacheDir = tmp();
    const a = new AnalyticsSession(w.session, { now: () => w.clock.now, cacheDir });
    await a.ensure(w.resources);
    return { w, a, cacheDir };
  })();
  return shared;
}

describe('AnalyticsSession', () => {
  it('loads costs and analyses every store over 30 days, finding the planted cases', async () => {
    const { w, a } = await analysed();
    const s = a.getSnapshot();
    expect(s.costs.loading).toBe(false);
    expect(s.costs.summary?.monthToDateUsd).toBeGreaterThan(0);
    expect(w.session.meter.ceRequests).toBe(3);
    const active = w.resources.filter((r) => !['creating', 'deleting', 'deleted', 'failed'].includes(r.state));
    expect(s.analysis.analysed).toBe(active.length);
    expect(s.analysis.bounded).toBe(false);
    expect(s.analysis.at).toBe(NOW);
    const found = s.analysis.recommendations.map((r) => `${r.rule}:${r.resourceName}`);
    for (const planted of [
      'ebs-unattached:old-analysis-scratch',
      'ebs-gp2-to-gp3:legacy-rstudio-home',
      'fsx-overprovisioned:proteomics-results-zfs',
      'efs-burst-credits:pipeline-scratch-efs',
      's3-cold:CMIP6 model output 2019 (archive)',
      's3-incomplete-multipart:sequencer uploads',
    ])
      expect(found).toContain(planted);
    const savings = s.analysis.recommendations.map((r) => r.monthlySavingsUsd ?? 0);
    expect(savings).toEqual([...savings].sort((x, y) => y - x));
    // One 30-day series set per analysed store, hourly; usage patterns for them; fleet over all stores.
    const lustre = w.resources.find((r) => r.name === 'imagenet-train-lustre')!;
    expect(s.analysis.metrics.get(lustre.id)?.readBytesPerSec).toHaveLength(720);
    expect(s.analysis.patterns.get(lustre.id)?.peakHoursUtc).toEqual([0, 1, 2, 3, 22, 23]);
    expect(s.fleet.totals.count).toBe(w.resources.length);
    expect(s.fleet.topByThroughput[0].name).toBe('imagenet-train-lustre');
  });

  it('counts the 30-day fetches on its own meter, apart from the live refresh the API cost projection uses', async () => {
    const { w, a } = await analysed();
    const m = a.getSnapshot().analysisMeter;
    expect(m.metricsRequested).toBeGreaterThan(0);
    expect(m.calls).toBeGreaterThanOrEqual(Math.ceil(m.lastRefreshMetrics / 500));
    expect(w.session.meter.metricsRequested).toBe(0);
  });

  it('fetches nothing again within the hour; a forced refresh asks again', async () => {
    const { w, a } = await analysed();
    const before = { calls: a.getSnapshot().analysisMeter.calls, ce: w.session.meter.ceRequests };
    w.clock.now = NOW + 30 * 60_000;
    await a.ensure(w.resources);
    expect(a.getSnapshot().analysisMeter.calls).toBe(before.calls);
    expect(w.session.meter.ceRequests).toBe(before.ce);
    await a.refreshCosts(true);
    expect(w.session.meter.ceRequests).toBe(before.ce + 3);
    w.clock.now = NOW;
  });

  it('keeps Cost Explorer answers on disk, one file per account: a new session reuses them for an hour', async () => {
    const { w, cacheDir } = await analysed();
    expect(readdirSync(cacheDir)).toEqual(['ce-sim.json']);
    const other = new ApiMeter();
    const source: AnalyticsSource = { backend: w.session.backend, meter: other };
    const fresh = new AnalyticsSession(source, { now: () => NOW + 40 * 60_000, cacheDir });
    await fresh.refreshCosts();
    expect(other.ceRequests).toBe(0);
    expect(fresh.getSnapshot().costs.summary?.monthToDateUsd).toBe((await analysed()).a.getSnapshot().costs.summary?.monthToDateUsd);
    const later = new AnalyticsSession(source, { now: () => NOW + 2 * HOUR, cacheDir });
    await later.refreshCosts();
    expect(other.ceRequests).toBe(3);
  });

  it('re-derives the recommendations when the inventory changes, without calling AWS', async () => {
    const { w, a } = await analysed();
    const calls = a.getSnapshot().analysisMeter.calls;
    const gp2 = w.resources.find((r) => r.name === 'legacy-rstudio-home')!;
    const id = `ebs-gp2-to-gp3:${gp2.id}`;
    a.markApplied(id);
    expect(a.getSnapshot().applied.has(id)).toBe(true);
    const changed = w.resources.map((r) => (r.id === gp2.id ? { ...r, ebs: { volumeType: 'gp3' }, iops: 3000, throughputMBps: 125 } : r));
    a.setResources(changed);
    const s = a.getSnapshot();
    expect(s.analysis.recommendations.some((r) => r.id === id)).toBe(false);
    expect(s.applied.has(id)).toBe(false);
    expect(s.analysisMeter.calls).toBe(calls);
    // Put back: later tests see the world as it is.
    a.setResources(w.resources);
    expect(a.getSnapshot().analysis.recommendations.some((r) => r.id === id)).toBe(true);
  });

  it('is due again for new stores, not for a store whose cost moved', async () => {
    const { w, a } = await analysed();
    expect(a.analysisDue(w.resources)).toBe(false);
    expect(a.analysisDue(w.resources.map((r) => ({ ...r, monthlyCost: (r.monthlyCost ?? 0) + 1 })))).toBe(false);
    const extra: StorageInfo = { ...w.resources.find((r) => r.type === 'ebs' && r.state === 'in-use')!, id: 'vol-0new000000000000', name: 'new-volume' };
    expect(a.analysisDue([...w.resources, extra])).toBe(true);
    w.clock.now = NOW + HOUR + 1;
    expect(a.analysisDue(w.resources)).toBe(true);
    w.clock.now = NOW;
  });

  it('analyses only the most expensive stores beyond the bound, and says so', async () => {
    const w = await world();
    const a = new AnalyticsSession(w.session, { now: () => w.clock.now, cacheDir: null, maxStores: 5 });
    await a.analyse(w.resources);
    const s = a.getSnapshot().analysis;
    expect(s.bounded).toBe(true);
    expect(s.analysed).toBe(5);
    expect(s.maxStores).toBe(5);
    const priciest = w.resources
      .filter((r) => !['creating', 'deleting', 'deleted', 'failed'].includes(r.state) && typeof r.monthlyCost === 'number')
      .sort((x, y) => (y.monthlyCost as number) - (x.monthlyCost as number))
      .slice(0, 5)
      .map((r) => r.id)
      .sort();
    expect(s.resources.map((r) => r.id).sort()).toEqual(priciest);
    expect([...s.metrics.keys()].sort()).toEqual(priciest);
  });

  it('reports a CloudWatch failure as the analysis error and still shows costs', async () => {
    const w = await world({ deny: ['cloudwatch'] });
    const a = new AnalyticsSession(w.session, { now: () => w.clock.now, cacheDir: null });
    await a.ensure(w.resources);
    const s = a.getSnapshot();
    expect(s.analysis.error?.type).toBe('access-denied');
    expect(s.analysis.error?.service).toBe('cloudwatch');
    expect(s.analysis.loading).toBe(false);
    expect(s.costs.summary?.monthToDateUsd).toBeGreaterThan(0);
  });

  it('notifies subscribers of changes and keeps the snapshot stable in between', async () => {
    const w = await world();
    const a = new AnalyticsSession(w.session, { now: () => w.clock.now, cacheDir: null });
    let n = 0;
    const off = a.subscribe(() => n++);
    const s0 = a.getSnapshot();
    expect(a.getSnapshot()).toBe(s0);
    await a.refreshCosts();
    expect(n).toBeGreaterThan(0);
    off();
    const s1 = a.getSnapshot();
    await a.refreshCosts();
    expect(a.getSnapshot().costs.summary).toBe(s1.costs.summary);
  });

  it('starts over when the session switches account or region: nothing of the old one stays', async () => {
    const w = await world();
    const source = { backend: w.session.backend, meter: w.session.meter };
    const a = new AnalyticsSession(source, { now: () => w.clock.now, cacheDir: null });
    await a.ensure(w.resources);
    expect(a.getSnapshot().analysis.recommendations.length).toBeGreaterThan(0);
    const pool = new ClientPool({ region: 'us-west-2', credentials: { accessKeyId: 'sim', secretAccessKey: 'sim' }, plugin: w.sim.plugin });
    source.backend = { ...w.session.backend, pool, region: 'us-west-2', regions: ['us-west-2'] };
    a.setResources([]);
    const s = a.getSnapshot();
    expect(s.analysis.recommendations).toEqual([]);
    expect(s.analysis.at).toBeUndefined();
    expect(s.costs.summary).toBeUndefined();
  });

  it('gives one controller per session', async () => {
    const w = await world();
    expect(analyticsFor(w.session)).toBe(analyticsFor(w.session));
  });
});

describe('costCacheKey', () => {
  it('keeps the simulated region, real accounts and emulators apart', async () => {
    const w = await world();
    const b = w.session.backend;
    expect(await costCacheKey(b)).toBe('sim');
    // The same SDK calls against "AWS" (the sim answering STS): one cache per account.
    const account = await costCacheKey({ ...b, mode: 'aws' });
    expect(account).toMatch(/^aws-\d{12}$/);
    expect(await costCacheKey({ ...b, mode: 'aws', endpointUrl: 'http://127.0.0.1:5000' })).toBe(`endpoint-127.0.0.1_5000-${account.slice(4)}`);
    // STS unreachable: one cache per profile.
    const denied = await world({ offline: true }, false);
    expect(await costCacheKey({ ...denied.session.backend, mode: 'aws', profile: 'research' })).toBe('aws-profile-research');
  });
});
