// Batching of metric queries into GetMetricData calls, windows and periods.
import { describe, expect, it } from 'vitest';
import { buildQueries, dailyRange, QUERY_ID_RE, type SeriesRequest } from '../../src/services/metrics/queries.js';
import { metricSpecs } from '../../src/services/metrics/catalogue.js';
import { MAX_DATAPOINTS_PER_CALL, minimumPeriodForAge, periodFor, pointsPerSeries, WINDOWS, windowRange, withinRetention } from '../../src/services/metrics/windows.js';
import type { StorageInfo } from '../../src/services/types.js';

const NOW = Date.UTC(2025, 5, 2, 10, 17, 42);

function vol(i: number, volumeType = 'gp3'): StorageInfo {
  return { name: `v${i}`, type: 'ebs', id: `vol-${i.toString(16).padStart(17, '0')}`, state: 'in-use', rawState: 'in-use', region: 'us-east-1', encrypted: true, tags: {}, mount: {}, ebs: { volumeType } };
}

/** 149 gp3 volumes (8 series each) + 1 gp2 (9, with BurstBalance) = 1,201 series. */
function requests1201(): SeriesRequest[] {
  const reqs: SeriesRequest[] = [];
  for (let i = 0; i < 149; i++) reqs.push({ resource: vol(i), window: '1h' });
  reqs.push({ resource: vol(149, 'gp2'), window: '1h' });
  return reqs;
}

describe('buildQueries', () => {
  it('packs 1,201 series into 3 calls of at most 500 queries', () => {
    const reqs = requests1201();
    expect(reqs.reduce((n, r) => n + metricSpecs(r.resource).length, 0)).toBe(1201);
    const b = buildQueries(reqs, NOW);
    expect(b.queries).toHaveLength(1201);
    expect(b.batches.map((x) => x.length)).toEqual([500, 500, 201]);
    expect(b.calls).toHaveLength(3);
  });

  it('gives every query a valid, unique id that maps back to its resource and metric', () => {
    const reqs = requests1201();
    const b = buildQueries(reqs, NOW);
    const ids = b.queries.map((q) => q.Id ?? '');
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(QUERY_ID_RE);
    for (const q of b.queries) {
      const target = b.index.get(q.Id ?? '');
      expect(target).toBeDefined();
      const dim = q.MetricStat?.Metric?.Dimensions?.[0];
      expect(dim).toEqual({ Name: 'VolumeId', Value: target?.resourceId });
      expect(q.MetricStat?.Metric?.MetricName).toBe(target?.metric);
    }
    // Every resource's series are all there
    const perResource = new Map<string, number>();
    for (const t of b.index.values()) perResource.set(t.resourceId, (perResource.get(t.resourceId) ?? 0) + 1);
    expect(perResource.get(vol(0).id)).toBe(8);
    expect(perResource.get(vol(149).id)).toBe(9);
  });

  it('uses the window period, whole periods only, ending before the running minute', () => {
    const b = buildQueries([{ resource: vol(1), window: '1h' }], NOW);
    expect(b.queries[0].MetricStat?.Period).toBe(60);
    expect(b.calls[0].end.getTime()).toBe(Date.UTC(2025, 5, 2, 10, 17, 0));
    expect(b.calls[0].start.getTime()).toBe(Date.UTC(2025, 5, 2, 9, 17, 0));
  });

  it('puts different windows in different calls (the time range belongs to the call)', () => {
    const b = buildQueries(
      [
        { resource: vol(1), window: '1h' },
        { resource: vol(2), window: '30d' },
      ],
      NOW,
    );
    expect(b.calls).toHaveLength(2);
    const periods = b.calls.map((c) => c.queries[0].MetricStat?.Period);
    expect(periods.sort()).toEqual([3600, 60]);
  });

  it('asks for S3 daily storage metrics over whole days, and skips them when told', () => {
    const bucket: StorageInfo = { name: 'b', type: 's3', id: 'bucket-a', state: 'available', rawState: '', region: 'us-east-1', encrypted: true, tags: {}, mount: {} };
    const b = buildQueries([{ resource: bucket, window: '1h' }], NOW);
    expect(b.calls).toHaveLength(1);
    const r = dailyRange('1h', NOW);
    expect(b.calls[0].start.getTime()).toBe(r.start);
    expect((r.end - r.start) / 86_400_000).toBe(3);
    expect(b.queries.every((q) => q.MetricStat?.Period === 86_400)).toBe(true);
    expect(buildQueries([{ resource: bucket, window: '1h' }], NOW, { skipDaily: () => true }).queries).toHaveLength(0);
  });

  it('asks nothing for stores that cannot have metrics yet', () => {
    const creating = { ...vol(3), state: 'creating' as const };
    expect(buildQueries([{ resource: creating, window: '1h' }], NOW).queries).toHaveLength(0);
  });
});

describe('windows', () => {
  it('keeps each window within CloudWatch retention at its period', () => {
    for (const w of WINDOWS) expect(withinRetention(w), w).toBe(true);
    expect(minimumPeriodForAge(14 * 86_400)).toBe(60);
    expect(minimumPeriodForAge(30 * 86_400)).toBe(300);
    expect(minimumPeriodForAge(100 * 86_400)).toBe(3600);
    expect(minimumPeriodForAge(500 * 86_400)).toBeNull();
    // A 30-day window at 1-minute resolution would reach past the 15 days 1-minute data is kept
    expect(withinRetention('30d', 60)).toBe(false);
  });

  it('keeps a full batch of the live window within one call, and the 30-day window hourly', () => {
    expect(periodFor('1h')).toBe(60);
    expect(pointsPerSeries('1h') * 500).toBeLessThanOrEqual(MAX_DATAPOINTS_PER_CALL);
    expect(pointsPerSeries('30d')).toBe(720);
    const r = windowRange('24h', NOW);
    expect((r.end - r.start) / periodFor('24h') / 1000).toBe(pointsPerSeries('24h'));
  });
});
