// Fleet figures of the analytics screen: totals, the per-kind breakdown, the top consumers by
// cost and by measured throughput, and which stores an analysis covers when there are many.
import { describe, expect, it } from 'vitest';
import { activityOf, fleetSummary, selectForAnalysis, sizeAndCost } from '../../src/services/analytics/fleet.js';
import { estimateStorageCost } from '../../src/services/pricing/index.js';
import type { MetricPoint, StorageInfo, StorageMetrics, StorageType } from '../../src/services/types.js';

const GiB = 1024 ** 3;
const T0 = Date.UTC(2025, 5, 1);
const H = 3_600_000;

function store(id: string, type: StorageType, over: Partial<StorageInfo> = {}): StorageInfo {
  return { id, name: id, type, state: 'available', rawState: 'available', region: 'us-east-1', encrypted: true, tags: {}, mount: {}, ...over };
}

function series(values: number[], start = T0): MetricPoint[] {
  return values.map((v, i) => ({ t: start + i * H, v }));
}

function metrics(id: string, type: StorageType, m: Partial<StorageMetrics>): StorageMetrics {
  return { resourceId: id, type, periodSeconds: 3600, readBytesPerSec: [], writeBytesPerSec: [], readOpsPerSec: [], writeOpsPerSec: [], extra: {}, fetchedAt: T0 + 30 * 24 * H, ...m };
}

describe('activityOf', () => {
  it('averages read + write over every period either reports, a missing side counting as zero', () => {
    const m = metrics('a', 'ebs', {
      readBytesPerSec: series([100, 300]), // periods 0, 1
      writeBytesPerSec: [{ t: T0 + H, v: 100 }, { t: T0 + 2 * H, v: 200 }], // periods 1, 2
      readOpsPerSec: series([10, 10, 10]),
      usedBytes: [{ t: T0 + 5 * H, v: 7 }, { t: T0 + H, v: 3 }],
    });
    const a = activityOf(m);
    // Sums per period: 100, 400, 200 -> mean 233.3, peak 400.
    expect(a.tput).toBeCloseTo(700 / 3, 6);
    expect(a.peak).toBe(400);
    expect(a.iops).toBe(10);
    expect(a.used).toBe(7); // the latest point, not the last listed
  });

  it('reports nothing (not zero) for a store without metrics or without points', () => {
    expect(activityOf(undefined)).toEqual({ tput: null, peak: null, iops: null, used: null });
    expect(activityOf(metrics('a', 'ebs', {})).tput).toBeNull();
  });
});

describe('fleetSummary', () => {
  const resources = [
    store('vol-a', 'ebs', { sizeBytes: 100 * GiB, monthlyCost: 8 }),
    store('vol-b', 'ebs', { sizeBytes: 500 * GiB, monthlyCost: 40, region: 'us-west-2' }),
    store('fs-lustre', 'fsx-lustre', { sizeBytes: 2400 * GiB, monthlyCost: 336 }),
    store('fs-unpriced', 'fsx-openzfs', { sizeBytes: 64 * GiB, monthlyCost: null }),
    store('vol-gone', 'ebs', { state: 'deleted', sizeBytes: 1000 * GiB, monthlyCost: 80 }),
  ];
  const m = new Map<string, StorageMetrics>([
    ['vol-a', metrics('vol-a', 'ebs', { readBytesPerSec: series([1e6, 3e6]), readOpsPerSec: series([100, 300]) })],
    ['fs-lustre', metrics('fs-lustre', 'fsx-lustre', { readBytesPerSec: series([50e6, 50e6]), writeBytesPerSec: series([10e6, 30e6]), usedBytes: series([1000 * GiB, 1200 * GiB]) })],
  ]);
  const f = fleetSummary(resources, m, { top: 2 });

  it('totals every listed store but the deleted ones; unpriced stores are counted, not summed', () => {
    expect(f.totals.count).toBe(4);
    expect(f.totals.sizeBytes).toBe((100 + 500 + 2400 + 64) * GiB);
    expect(f.totals.monthlyUsd).toBe(384);
    expect(f.totals.unpriced).toBe(1);
    expect(f.totals.regions).toEqual(['us-east-1', 'us-west-2']);
    expect(f.totals.withMetrics).toBe(2);
    expect(f.totals.throughputBytesPerSec).toBe(2e6 + 70e6);
    expect(f.totals.iops).toBe(200);
    expect(f.totals.usedBytes).toBe(1200 * GiB);
  });

  it('breaks the fleet down per kind, in the product order of kinds', () => {
    expect(f.byKind.map((k) => [k.type, k.count, k.monthlyUsd, k.unpriced])).toEqual([
      ['ebs', 2, 48, 0],
      ['fsx-lustre', 1, 336, 0],
      ['fsx-openzfs', 1, 0, 1],
    ]);
    expect(f.byKind[0].regions).toEqual(['us-east-1', 'us-west-2']);
    expect(f.byKind[0].usedBytes).toBeNull(); // EBS never reports used space
  });

  it('ranks the top consumers by cost and by measured throughput, with their share of the fleet', () => {
    expect(f.topByCost.map((c) => [c.id, c.value])).toEqual([
      ['fs-lustre', 336],
      ['vol-b', 40],
    ]);
    expect(f.topByCost[0].share).toBeCloseTo(336 / 384, 9);
    expect(f.topByThroughput.map((c) => [c.id, c.value, c.peak])).toEqual([
      ['fs-lustre', 70e6, 80e6],
      ['vol-a', 2e6, 3e6],
    ]);
    expect(f.topByThroughput[1].share).toBeCloseTo(2 / 72, 9);
  });

  it('sizes and prices an S3 bucket from its daily storage metrics when the inventory has not yet', () => {
    const bucket = store('cold-bucket', 's3', { s3: { versioning: 'Disabled', hasLifecycleRules: false } });
    const bm = metrics('cold-bucket', 's3', { extra: { 's3:StandardStorage': [{ t: T0, v: 1000 * GiB }], 's3:GlacierStorage': [{ t: T0, v: 4000 * GiB }] } });
    const sc = sizeAndCost(bucket, bm);
    const expected = estimateStorageCost({ ...bucket, sizeBytes: 5000 * GiB }, { s3BytesByClass: { STANDARD: 1000 * GiB, GLACIER: 4000 * GiB } });
    if (!expected.ok) throw new Error(expected.reason);
    expect(sc).toEqual({ sizeBytes: 5000 * GiB, monthlyUsd: expected.estimate.totalUsd });
    const s = fleetSummary([bucket], new Map([['cold-bucket', bm]]));
    expect(s.totals.monthlyUsd).toBe(Math.round(expected.estimate.totalUsd * 100) / 100);
    expect(s.totals.unpriced).toBe(0);
    // Without metrics the bucket stays unpriced rather than guessed.
    expect(fleetSummary([bucket], new Map()).totals.unpriced).toBe(1);
  });

  it('is empty for an empty inventory', () => {
    const e = fleetSummary([], new Map());
    expect(e.totals.count).toBe(0);
    expect(e.byKind).toEqual([]);
    expect(e.topByCost).toEqual([]);
  });
});

describe('selectForAnalysis', () => {
  const many = Array.from({ length: 12 }, (_, i) => store(`s${String(i).padStart(2, '0')}`, 'ebs', { monthlyCost: i === 5 ? null : i * 10 }));
  const withInactive = [...many, store('creating-1', 'ebs', { state: 'creating', monthlyCost: 999 }), store('failed-1', 'fsx-lustre', { state: 'failed', monthlyCost: 999 })];

  it('takes every active store when there are few enough', () => {
    const r = selectForAnalysis(withInactive, 300);
    expect(r.bounded).toBe(false);
    expect(r.total).toBe(12);
    expect(r.selected.map((x) => x.id)).not.toContain('creating-1');
    expect(r.selected.map((x) => x.id)).not.toContain('failed-1');
  });

  it('takes the most expensive stores when there are more than the bound, unpriced ones last', () => {
    const r = selectForAnalysis(withInactive, 4);
    expect(r.bounded).toBe(true);
    expect(r.total).toBe(12);
    expect(r.selected.map((x) => x.id)).toEqual(['s11', 's10', 's09', 's08']);
    // s00 costs $0, s05 has no price: the unpriced one is the first left out.
    const r11 = selectForAnalysis(withInactive, 11).selected.map((x) => x.id);
    expect(r11).toContain('s00');
    expect(r11).not.toContain('s05');
  });
});

describe('the analytics overview table', () => {
  it('keeps a space between columns when a kind costs six figures a month (10,000-store fleets)', async () => {
    const { overviewRows } = await import('../../src/screens/analytics/sections.js');
    const { rowText } = await import('../../src/screens/charts.js');
    const stores = Array.from({ length: 40 }, (_, i) => store(`vol-${i}`, 'ebs', { sizeBytes: 16_000 * GiB, monthlyCost: 24_000 }));
    const fleet = fleetSummary(stores, new Map());
    const snap = { costs: { loading: false }, analysis: { recommendations: [] } } as unknown as Parameters<typeof overviewRows>[0];
    const lines = overviewRows(snap, fleet, 80, {} as Parameters<typeof overviewRows>[3]).map(rowText);
    const ebs = lines.find((l) => l.startsWith('EBS'));
    expect(ebs).toBeDefined();
    // "—" (used, unknown) and "$960,000.00" must not run together.
    expect(ebs).toMatch(/— +\$960,000\.00/);
    const header = lines.find((l) => l.startsWith('Kind'))!;
    // Right-aligned under its header, the last place kept for the "not all priced" star.
    expect(header.indexOf('$/month') + '$/month'.length).toBe(ebs!.indexOf('$960,000.00') + '$960,000.00'.length + 1);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(80);
  });
});
