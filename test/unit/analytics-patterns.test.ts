// Usage patterns on synthetic series with known answers: a trend, a daily and a weekly cycle,
// a planted anomaly, idle periods, capacity runway.
import { describe, expect, it } from 'vitest';
import { analyzeMetrics, analyzePattern, linearFit, toHourly } from '../../src/services/analytics/patterns.js';
import type { MetricPoint, StorageMetrics } from '../../src/services/types.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const GiB = 1024 ** 3;
/** Monday 2 June 2025 00:00 UTC. */
const START = Date.UTC(2025, 5, 2);

/** Deterministic noise in [-1, 1). */
function noise(i: number): number {
  const x = Math.sin(i * 12.9898 + 78.233) * 43758.5453;
  return (x - Math.floor(x)) * 2 - 1;
}

function hourly(days: number, f: (t: number, i: number) => number): MetricPoint[] {
  return Array.from({ length: days * 24 }, (_, i) => ({ t: START + i * HOUR, v: f(START + i * HOUR, i) }));
}

const hourOf = (t: number) => new Date(t).getUTCHours();

describe('analyzePattern', () => {
  it('finds a nightly training cycle: strong daily seasonality, peak hours 22:00-04:00 UTC', () => {
    const s = hourly(30, (t, i) => {
      const h = hourOf(t);
      return h >= 22 || h < 4 ? 100e6 * (0.8 + 0.1 * noise(i)) : 2e3 * (1 + 0.2 * noise(i));
    });
    const p = analyzePattern(s, undefined, undefined, { resourceId: 'fs-train' });
    expect(p.resourceId).toBe('fs-train');
    expect(p.dailySeasonality).toBeGreaterThan(0.9);
    expect(p.weeklySeasonality).toBeLessThan(0.05);
    expect(p.peakHoursUtc).toEqual([0, 1, 2, 3, 22, 23]);
    expect(p.summary).toContain('22:00-04:00 UTC');
    expect(p.idleFraction).toBe(0);
    expect(p.anomalies).toEqual([]);
  });

  it('separates the weekly rhythm of office hours from the daily one', () => {
    const s = hourly(28, (t, i) => {
      const d = new Date(t).getUTCDay(); // 0 Sunday
      const h = hourOf(t);
      const workday = d >= 1 && d <= 5;
      return workday && h >= 8 && h < 18 ? 50e6 * (1 + 0.05 * noise(i)) : 1e5 * (1 + 0.05 * noise(i));
    });
    const p = analyzePattern(s);
    expect(p.dailySeasonality).toBeGreaterThan(0.4);
    expect(p.weeklySeasonality).toBeGreaterThan(0.15);
    expect(p.peakHoursUtc).toEqual([8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
    // The quiet weekends are the rhythm, not anomalies
    expect(p.anomalies).toEqual([]);
  });

  it('flags a planted anomaly and nothing else', () => {
    const spikeAt = START + 20 * DAY + 14 * HOUR;
    const s = hourly(30, (t, i) => {
      const base = 10e6 + 5e6 * Math.sin((2 * Math.PI * hourOf(t)) / 24) + 0.5e6 * noise(i);
      return t === spikeAt ? base * 10 : base;
    });
    const p = analyzePattern(s);
    expect(p.anomalies).toHaveLength(1);
    expect(p.anomalies[0].t).toBe(spikeAt);
    expect(p.anomalies[0].z).toBeGreaterThan(3.5);
    expect(p.summary).toContain('1 unusual hour');
  });

  it('flags a burst on an otherwise silent store', () => {
    const at = START + 3 * DAY;
    const p = analyzePattern(hourly(14, (t) => (t === at ? 5e6 : 0)));
    expect(p.anomalies.map((a) => a.t)).toEqual([at]);
  });

  it('measures idle time and how long the store has been idle', () => {
    const s = hourly(30, (t, i) => (t < START + 10 * DAY ? 1e6 * (1 + 0.1 * noise(i)) : 0));
    const p = analyzePattern(s);
    expect(p.idleSinceDays).toBe(20);
    expect(p.idleFraction).toBeCloseTo(20 / 30, 3);
    expect(p.summary).toContain('Idle for the last 20 days');
    const never = analyzePattern(hourly(30, () => 0));
    expect(never.idleFraction).toBe(1);
    expect(never.idleSinceDays).toBe(30);
    expect(never.summary).toContain('Idle for the whole 30 days');
  });

  it('treats hours CloudWatch left out as idle, within the span asked for', () => {
    // Sum metrics omit periods without activity: 2 data points over a 10-day span
    const p = analyzePattern(
      [
        { t: START, v: 5e6 },
        { t: START + HOUR, v: 5e6 },
      ],
      undefined,
      undefined,
      { span: { from: START, to: START + 10 * DAY } },
    );
    expect(p.idleSinceDays).toBeCloseTo((10 * 24 - 2) / 24, 1);
    expect(toHourly([{ t: START + 30 * 60_000, v: 4 }, { t: START + 45 * 60_000, v: 8 }])).toEqual([{ t: START, v: 6 }]);
  });

  it('computes the weekly growth and the runway to a full file system', () => {
    // 1,000 GiB growing 5 GiB a day, sampled hourly for 30 days, capacity 1,200 GiB
    const used = hourly(30, (t) => 1000 * GiB + (5 * GiB * (t - START)) / DAY);
    const lastDay = (used.at(-1)!.t - START) / DAY;
    const level = 1000 + 5 * lastDay;
    const p = analyzePattern([], used, 1200 * GiB);
    expect(p.trendPerWeek).toBeCloseTo(35 / level, 6);
    expect(p.runwayDays).toBeCloseTo((1200 - level) / 5, 1);
    expect(p.summary).toMatch(/grows 3\.0% a week; full in about 10 days/);
    // Shrinking or flat data has no runway
    expect(analyzePattern([], hourly(30, (t) => 900 * GiB - (t - START) / 1000), 1200 * GiB).runwayDays).toBeNull();
    // Unknown capacity: trend but no runway
    expect(analyzePattern([], used).runwayDays).toBeNull();
  });

  it('says there is no data rather than inventing a pattern', () => {
    const p = analyzePattern([]);
    expect(p).toMatchObject({ trendPerWeek: null, dailySeasonality: 0, weeklySeasonality: 0, peakHoursUtc: [], idleFraction: 0, idleSinceDays: null, anomalies: [], runwayDays: null });
    expect(p.summary).toBe('No activity data.');
  });

  it('reads a StorageMetrics directly (read + write throughput, used bytes)', () => {
    const read = hourly(10, (t) => (hourOf(t) === 3 ? 8e6 : 1e3));
    const m: StorageMetrics = {
      resourceId: 'fs-1',
      type: 'fsx-lustre',
      periodSeconds: 3600,
      readBytesPerSec: read,
      writeBytesPerSec: read.map((p) => ({ t: p.t, v: p.v / 2 })),
      readOpsPerSec: [],
      writeOpsPerSec: [],
      usedBytes: hourly(10, (t) => 100 * GiB + ((t - START) / DAY) * GiB),
      extra: {},
      fetchedAt: START + 10 * DAY,
    };
    const p = analyzeMetrics(m, 120 * GiB);
    expect(p.resourceId).toBe('fs-1');
    expect(p.peakHoursUtc).toEqual([3]);
    expect(p.runwayDays).toBeCloseTo(120 - 100 - (m.usedBytes!.at(-1)!.t - START) / DAY, 1);
  });
});

describe('linearFit', () => {
  it('fits a line and reports R²', () => {
    const f = linearFit([0, 1, 2, 3], [1, 3, 5, 7]);
    expect(f).toEqual({ slope: 2, intercept: 1, r2: 1 });
    expect(linearFit([1], [1])).toBeNull();
    expect(linearFit([2, 2], [1, 3])).toBeNull();
  });
});
