// The simulated region's workload models: metrics a pure, deterministic function of
// (subject, time) whose shapes look like the profiles they claim to be.
import { describe, expect, it } from 'vitest';
import type { SimMetricSubject } from '../../src/services/sim/subject.js';
import { DAY_MS, HOUR_MS, MINUTE_MS, WEEK_MS, efsBurstCredits, metricsFor, parseStat, sample, storedBytesAt } from '../../src/services/sim/workload.js';

const GiB = 1024 ** 3;
const TiB = 1024 ** 4;
const MiB = 1024 ** 2;
// Wednesday 2025-06-18 12:34:56 UTC
const NOW = Date.UTC(2025, 5, 18, 12, 34, 56);
const LAST_MONDAY = Date.UTC(2025, 5, 16);

function subject(over: Partial<SimMetricSubject>): SimMetricSubject {
  return {
    id: 'vol-0123456789abcdef0',
    type: 'ebs',
    profile: 'steady-database',
    seed: 1234,
    createdAt: NOW - 120 * DAY_MS,
    capacityBytes: 500 * GiB,
    usedFraction: 0.5,
    throughputBytesPerSec: 250 * MiB,
    iops: 6000,
    variant: 'gp3',
    attachedTo: 'i-0aaaaaaaaaaaaaaaa',
    ...over,
  };
}

const lustre = subject({ id: 'fs-0lustre000000000', type: 'fsx-lustre', fsxType: 'LUSTRE', profile: 'nightly-training', variant: 'SCRATCH_2', capacityBytes: 2.4 * TiB, throughputBytesPerSec: 480 * MiB, iops: 0, attachedTo: undefined });
const fsxDims = (s: SimMetricSubject) => ({ FileSystemId: s.id });
const ebsDims = (s: SimMetricSubject) => ({ VolumeId: s.id });

/** Mean utilisation (read+write bytes per second / provisioned) over one period. */
function fsxUtil(s: SimMetricSubject, t: number, P: number): number {
  const r = sample(s, 'AWS/FSx', 'DataReadBytes', fsxDims(s), t, P, 'Sum') ?? NaN;
  const w = sample(s, 'AWS/FSx', 'DataWriteBytes', fsxDims(s), t, P, 'Sum') ?? NaN;
  return (r + w) / P / s.throughputBytesPerSec;
}

describe('determinism', () => {
  it('gives the same answer for the same (subject, time), from an equal but distinct subject object too', () => {
    const a = sample(lustre, 'AWS/FSx', 'DataReadBytes', fsxDims(lustre), LAST_MONDAY + 23 * HOUR_MS, 300, 'Sum');
    const b = sample({ ...lustre }, 'AWS/FSx', 'DataReadBytes', fsxDims(lustre), LAST_MONDAY + 23 * HOUR_MS, 300, 'Sum');
    expect(a).toBeGreaterThan(0);
    expect(b).toBe(a);
  });

  it('varies with the seed and from period to period (seeded noise, not a constant)', () => {
    const t = LAST_MONDAY + 23 * HOUR_MS;
    const other = sample({ ...lustre, seed: 99 }, 'AWS/FSx', 'DataReadBytes', fsxDims(lustre), t, 60, 'Sum');
    const minutes = Array.from({ length: 30 }, (_, i) => sample(lustre, 'AWS/FSx', 'DataReadBytes', fsxDims(lustre), t + i * MINUTE_MS, 60, 'Sum'));
    expect(other).not.toBe(minutes[0]);
    expect(new Set(minutes).size).toBeGreaterThan(25);
  });
});

describe('profiles', () => {
  it("'nightly-training' bursts 22:00-04:00 UTC at 60-90% of provisioned throughput and is near zero by day", () => {
    for (let day = 0; day < 7; day++) {
      for (let h = 0; h < 24; h++) {
        const t = LAST_MONDAY - 7 * DAY_MS + day * DAY_MS + h * HOUR_MS;
        const u = fsxUtil(lustre, t, 3600);
        if (h >= 22 || h < 4) {
          expect(u).toBeGreaterThanOrEqual(0.6);
          expect(u).toBeLessThanOrEqual(0.9);
        } else {
          expect(u).toBeLessThan(0.03); // 04:00-22:00, boundaries included
        }
      }
    }
    // single minutes of the burst stay inside the band too
    for (let m = 0; m < 120; m += 7) {
      const u = fsxUtil(lustre, LAST_MONDAY + 22 * HOUR_MS + m * MINUTE_MS, 60);
      expect(u).toBeGreaterThanOrEqual(0.6);
      expect(u).toBeLessThanOrEqual(0.9);
    }
  });

  it("'office-hours-home' is busy on weekday working hours, dips at lunch and is low at night and on weekends", () => {
    const home = subject({ id: 'fs-0home0000000000', type: 'fsx-windows', fsxType: 'WINDOWS', profile: 'office-hours-home', variant: 'MULTI_AZ_1', capacityBytes: 2 * TiB, throughputBytesPerSec: 128 * MiB, iops: 0 });
    const at = (day: number, h: number) => fsxUtil(home, LAST_MONDAY - 7 * DAY_MS + day * DAY_MS + h * HOUR_MS, 3600);
    for (let d = 0; d < 5; d++) {
      expect(at(d, 10)).toBeGreaterThan(0.25);
      expect(at(d, 12)).toBeLessThan(at(d, 10));
      expect(at(d, 12)).toBeLessThan(at(d, 14));
      expect(at(d, 3)).toBeLessThan(at(d, 10) / 10);
    }
    for (const d of [5, 6]) expect(at(d, 11)).toBeLessThan(at(2, 11) / 4);
    // metadata heavy: more metadata operations than data operations
    const t = LAST_MONDAY + 10 * HOUR_MS;
    const meta = sample(home, 'AWS/FSx', 'MetadataOperations', fsxDims(home), t, 3600, 'Sum')!;
    const data = sample(home, 'AWS/FSx', 'DataReadOperations', fsxDims(home), t, 3600, 'Sum')! + sample(home, 'AWS/FSx', 'DataWriteOperations', fsxDims(home), t, 3600, 'Sum')!;
    expect(meta).toBeGreaterThan(data);
  });

  it("'idle' has exactly zero IO and VolumeIdleTime equal to the period, at every resolution", () => {
    const idle = subject({ profile: 'idle' }); // attached, yet nothing happens
    for (const P of [60, 300, 3600, 86400]) {
      const t = Math.floor((NOW - 3 * DAY_MS) / (P * 1000)) * P * 1000;
      for (const m of ['VolumeReadBytes', 'VolumeWriteBytes', 'VolumeReadOps', 'VolumeWriteOps', 'VolumeTotalReadTime', 'VolumeTotalWriteTime']) {
        expect(sample(idle, 'AWS/EBS', m, ebsDims(idle), t, P, 'Sum')).toBe(0);
        expect(sample(idle, 'AWS/EBS', m, ebsDims(idle), t, P, 'Maximum')).toBe(0);
      }
      expect(sample(idle, 'AWS/EBS', 'VolumeIdleTime', ebsDims(idle), t, P, 'Sum')).toBe(P);
      expect(sample(idle, 'AWS/EBS', 'VolumeQueueLength', ebsDims(idle), t, P, 'Average')).toBe(0);
    }
  });

  it("'overprovisioned' never uses more than 5% of its throughput", () => {
    const zfs = subject({ id: 'fs-0zfs00000000000', type: 'fsx-openzfs', fsxType: 'OPENZFS', profile: 'overprovisioned', variant: 'SINGLE_AZ_2', capacityBytes: 4 * TiB, throughputBytesPerSec: 2048e6, iops: 0 });
    let peak = 0;
    for (let m = 0; m < 7 * 24 * 60; m += 37) peak = Math.max(peak, fsxUtil(zfs, LAST_MONDAY - 7 * DAY_MS + m * MINUTE_MS, 60));
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThan(0.05);
    const hourlyMax = sample(zfs, 'AWS/FSx', 'DataReadBytes', fsxDims(zfs), LAST_MONDAY + 14 * HOUR_MS, 3600, 'Maximum')!;
    expect(hourlyMax / 60 / zfs.throughputBytesPerSec).toBeLessThan(0.05);
  });

  it("'archive-cold' has zero reads and an S3 bucket kept in STANDARD shows StandardStorage only", () => {
    const cold = subject({ id: 'climate-archive-2019', type: 's3', profile: 'archive-cold', variant: 'STANDARD', capacityBytes: 80 * TiB, objectCount: 4_000_000, throughputBytesPerSec: 0, iops: 0, attachedTo: undefined, requestMetrics: true });
    const day = Date.UTC(2025, 5, 10);
    expect(sample(cold, 'AWS/S3', 'BucketSizeBytes', { BucketName: cold.id, StorageType: 'StandardStorage' }, day, 86400, 'Average')).toBeCloseTo(80 * TiB, -9);
    expect(sample(cold, 'AWS/S3', 'BucketSizeBytes', { BucketName: cold.id, StorageType: 'GlacierStorage' }, day, 86400, 'Average')).toBeUndefined();
    for (let h = 0; h < 48; h++) {
      const t = day + h * HOUR_MS;
      expect(sample(cold, 'AWS/S3', 'GetRequests', { BucketName: cold.id, FilterId: 'EntireBucket' }, t, 3600, 'Sum')).toBeUndefined();
      expect(sample(cold, 'AWS/S3', 'BytesDownloaded', { BucketName: cold.id, FilterId: 'EntireBucket' }, t, 3600, 'Sum')).toBeUndefined();
    }
    const efsCold = subject({ id: 'fs-0cold0000000000', type: 'efs', profile: 'archive-cold', variant: 'bursting', capacityBytes: 5 * TiB, throughputBytesPerSec: 250 * MiB, iops: 0 });
    expect(sample(efsCold, 'AWS/EFS', 'DataReadIOBytes', { FileSystemId: efsCold.id }, day, 86400, 'Sum')).toBe(0);
  });

  it("'growing' grows used capacity 2-5% a week, so a runway can be computed", () => {
    const g = subject({ id: 'fs-0grow0000000000', type: 'fsx-ontap', fsxType: 'ONTAP', profile: 'growing', variant: 'MULTI_AZ_1', capacityBytes: 10 * TiB, usedFraction: 0.7, throughputBytesPerSec: 512e6, iops: 0, scenarioAt: NOW });
    const used = (t: number) => sample(g, 'AWS/FSx', 'StorageUsed', fsxDims(g), Math.floor(t / DAY_MS) * DAY_MS, 86400, 'Average')!;
    for (let w = -8; w < 0; w++) {
      const ratio = used(NOW + (w + 1) * WEEK_MS) / used(NOW + w * WEEK_MS);
      expect(ratio).toBeGreaterThan(1.015);
      expect(ratio).toBeLessThan(1.055);
    }
    // usedFraction applies at scenarioAt (up to the small day-to-day wobble)
    expect(storedBytesAt(g, NOW) / (0.7 * 10 * TiB)).toBeCloseTo(1, 2);
    // the SSD tier's capacity and usage are published with the detailed dimensions
    const cap = sample(g, 'AWS/FSx', 'StorageCapacity', { FileSystemId: g.id, StorageTier: 'SSD', DataType: 'All' }, NOW - DAY_MS, 3600, 'Maximum');
    expect(cap).toBe(10 * TiB);
    expect(sample(g, 'AWS/FSx', 'StorageCapacity', fsxDims(g), NOW - DAY_MS, 3600, 'Maximum')).toBeUndefined();
  });

  it("'burst-credit-drain' runs the EFS credit balance down to near zero over the last days, then throttles to baseline", () => {
    const efs = subject({ id: 'fs-0drain000000000', type: 'efs', profile: 'burst-credit-drain', variant: 'bursting', capacityBytes: 300 * GiB, throughputBytesPerSec: 15 * MiB, iops: 0, scenarioAt: NOW });
    const dims = { FileSystemId: efs.id };
    const daily = Array.from({ length: 12 }, (_, i) => sample(efs, 'AWS/EFS', 'BurstCreditBalance', dims, Math.floor(NOW / DAY_MS) * DAY_MS - (11 - i) * DAY_MS, 86400, 'Average')!);
    for (let i = 1; i < daily.length; i++) expect(daily[i]).toBeLessThan(daily[i - 1]);
    expect(daily[0]).toBeGreaterThan(1.5 * TiB);
    expect(efsBurstCredits(efs, NOW)).toBeLessThan(0.15 * 2.1 * TiB);
    // two days later the credits are gone: permitted throughput falls to the baseline and the
    // file system is pinned at it (metered throughput == permitted)
    const later = Math.floor((NOW + 2 * DAY_MS) / HOUR_MS) * HOUR_MS;
    const permitted = sample(efs, 'AWS/EFS', 'PermittedThroughput', dims, later, 3600, 'Average')!;
    const metered = sample(efs, 'AWS/EFS', 'MeteredIOBytes', dims, later, 3600, 'Sum')! / 3600;
    expect(permitted).toBeCloseTo(50 * 1024 * 300, -4); // 50 KiB/s per GiB
    expect(metered / permitted).toBeGreaterThan(0.9);
    expect(metered / permitted).toBeLessThan(1.05);
    const before = sample(efs, 'AWS/EFS', 'PermittedThroughput', dims, later - 5 * DAY_MS, 3600, 'Average')!;
    expect(before).toBe(100 * MiB);
  });

  it("'creating' has no IO, and nothing exists before createdAt", () => {
    const fresh = subject({ profile: 'creating', createdAt: NOW - 10 * MINUTE_MS });
    const t = Math.floor(NOW / MINUTE_MS) * MINUTE_MS - 2 * MINUTE_MS;
    expect(sample(fresh, 'AWS/EBS', 'VolumeWriteBytes', ebsDims(fresh), t, 60, 'Sum')).toBe(0);
    expect(sample(fresh, 'AWS/EBS', 'VolumeWriteBytes', ebsDims(fresh), NOW - 20 * MINUTE_MS, 60, 'Sum')).toBeUndefined();
  });
});

describe('kind-specific catalogue and semantics', () => {
  const t = LAST_MONDAY + 23 * HOUR_MS;

  it('BurstBalance exists for attached gp2/st1/sc1 only; io1/io2 publish VolumeThroughputPercentage and VolumeConsumedReadWriteOps', () => {
    const names = (s: SimMetricSubject) => metricsFor(s).map((m) => m.metricName);
    expect(names(subject({ variant: 'gp2' }))).toContain('BurstBalance');
    expect(names(subject({ variant: 'st1' }))).toContain('BurstBalance');
    expect(names(subject({ variant: 'gp3' }))).not.toContain('BurstBalance');
    expect(names(subject({ variant: 'gp2', attachedTo: undefined }))).not.toContain('BurstBalance');
    expect(sample(subject({ variant: 'gp3' }), 'AWS/EBS', 'BurstBalance', { VolumeId: 'vol-0123456789abcdef0' }, t, 300, 'Average')).toBeUndefined();
    for (const v of ['io1', 'io2']) {
      expect(names(subject({ variant: v }))).toEqual(expect.arrayContaining(['VolumeThroughputPercentage', 'VolumeConsumedReadWriteOps']));
    }
    expect(names(subject({ variant: 'gp3' }))).not.toContain('VolumeConsumedReadWriteOps');
  });

  it('a gp2 volume with nightly bursts spends its burst credits at night and has them back by afternoon', () => {
    const gp2 = subject({ variant: 'gp2', profile: 'nightly-training', capacityBytes: 100 * GiB, iops: 300, throughputBytesPerSec: 250 * MiB });
    const bb = (h: number) => sample(gp2, 'AWS/EBS', 'BurstBalance', ebsDims(gp2), LAST_MONDAY + h * HOUR_MS, 300, 'Average')!;
    expect(bb(3)).toBeLessThan(20);
    expect(bb(16)).toBe(100);
  });

  it('EBS latency (TotalReadTime / ReadOps) is in the range of the volume type', () => {
    const db = subject({ variant: 'gp3', profile: 'steady-database' });
    const secs = sample(db, 'AWS/EBS', 'VolumeTotalReadTime', ebsDims(db), t, 300, 'Sum')!;
    const ops = sample(db, 'AWS/EBS', 'VolumeReadOps', ebsDims(db), t, 300, 'Sum')!;
    expect(ops).toBeGreaterThan(0);
    expect(secs / ops).toBeGreaterThan(0.0003);
    expect(secs / ops).toBeLessThan(0.003);
    const sc1 = subject({ variant: 'sc1', profile: 'steady-database', iops: 250, throughputBytesPerSec: 80 * MiB, capacityBytes: TiB });
    const hdd = sample(sc1, 'AWS/EBS', 'VolumeTotalReadTime', ebsDims(sc1), t, 300, 'Sum')! / sample(sc1, 'AWS/EBS', 'VolumeReadOps', ebsDims(sc1), t, 300, 'Sum')!;
    expect(hdd).toBeGreaterThan(secs / ops);
  });

  it('EFS: SampleCount(DataReadIOBytes) counts operations (ops/s = SampleCount/period), PercentIOLimit only in General Purpose mode', () => {
    const home = subject({ id: 'fs-0efshome0000000', type: 'efs', profile: 'office-hours-home', variant: 'elastic', capacityBytes: 2 * TiB, throughputBytesPerSec: 3 * GiB, iops: 0, scenarioAt: NOW - 8 * DAY_MS });
    const dims = { FileSystemId: home.id };
    const at = LAST_MONDAY + 10 * HOUR_MS;
    const sum = sample(home, 'AWS/EFS', 'DataReadIOBytes', dims, at, 60, 'Sum')!;
    const count = sample(home, 'AWS/EFS', 'DataReadIOBytes', dims, at, 60, 'SampleCount')!;
    expect(count).toBeGreaterThan(0);
    expect(sum / count).toBeCloseTo(32 * 1024, -2); // the profile's read size
    expect(sample(home, 'AWS/EFS', 'DataReadIOBytes', dims, at, 60, 'Average')).toBeCloseTo(sum / count);
    const pct = sample(home, 'AWS/EFS', 'PercentIOLimit', dims, at, 60, 'Average')!;
    expect(pct).toBeGreaterThan(0);
    expect(pct).toBeLessThanOrEqual(100);
    expect(sample({ ...home, performanceMode: 'maxIO' }, 'AWS/EFS', 'PercentIOLimit', dims, at, 60, 'Average')).toBeUndefined();
    // StorageBytes is emitted every 15 minutes, by storage class
    expect(sample(home, 'AWS/EFS', 'StorageBytes', { FileSystemId: home.id, StorageClass: 'Total' }, at, 60, 'Average')! / (2 * TiB)).toBeCloseTo(1, 2);
    expect(sample(home, 'AWS/EFS', 'StorageBytes', { FileSystemId: home.id, StorageClass: 'Total' }, at + MINUTE_MS, 60, 'Average')).toBeUndefined();
    expect(sample(home, 'AWS/EFS', 'StorageBytes', { FileSystemId: home.id, StorageClass: 'IA' }, at, 900, 'Average')).toBe(0);
  });

  it('Lustre reports one data point per disk per minute: Sum is the file-system total, SampleCount the disks', () => {
    const free60 = sample(lustre, 'AWS/FSx', 'FreeDataStorageCapacity', fsxDims(lustre), t, 60, 'Sum')!;
    expect(free60).toBeCloseTo(lustre.capacityBytes - storedBytesAt(lustre, t), -6);
    expect(sample(lustre, 'AWS/FSx', 'FreeDataStorageCapacity', fsxDims(lustre), t, 60, 'SampleCount')).toBe(2);
    expect(sample(lustre, 'AWS/FSx', 'DataReadBytes', fsxDims(lustre), t, 300, 'SampleCount')).toBe(10);
    expect(sample(lustre, 'AWS/FSx', 'FreeStorageCapacity', fsxDims(lustre), t, 60, 'Average')).toBeUndefined();
  });

  it('S3 storage metrics are daily (00:00 UTC) and request metrics need a metrics configuration', () => {
    const b = subject({ id: 'genomics-raw', type: 's3', profile: 'web-assets', variant: 'INTELLIGENT_TIERING', capacityBytes: 10 * TiB, objectCount: 1_000_000, throughputBytesPerSec: 0, iops: 0, attachedTo: undefined, scenarioAt: Date.UTC(2025, 5, 12) });
    const midnight = Date.UTC(2025, 5, 12);
    const dims = { BucketName: b.id, StorageType: 'IntelligentTieringFAStorage' };
    expect(sample(b, 'AWS/S3', 'BucketSizeBytes', dims, midnight, 86400, 'Average')).toBeGreaterThan(0);
    expect(sample(b, 'AWS/S3', 'BucketSizeBytes', dims, midnight, 3600, 'Average')).toBeGreaterThan(0);
    expect(sample(b, 'AWS/S3', 'BucketSizeBytes', dims, midnight + 6 * HOUR_MS, 3600, 'Average')).toBeUndefined();
    expect(sample(b, 'AWS/S3', 'NumberOfObjects', { BucketName: b.id, StorageType: 'AllStorageTypes' }, midnight, 86400, 'Average')! / 1_000_000).toBeCloseTo(1, 2);
    const req = { BucketName: b.id, FilterId: 'EntireBucket' };
    expect(sample(b, 'AWS/S3', 'AllRequests', req, midnight + 15 * HOUR_MS, 3600, 'Sum')).toBeUndefined();
    const withCfg = { ...b, requestMetrics: true };
    const all = sample(withCfg, 'AWS/S3', 'AllRequests', req, midnight + 15 * HOUR_MS, 3600, 'Sum')!;
    const gets = sample(withCfg, 'AWS/S3', 'GetRequests', req, midnight + 15 * HOUR_MS, 3600, 'Sum')!;
    expect(gets).toBeGreaterThan(0);
    expect(all).toBeGreaterThan(gets);
    const lat = sample(withCfg, 'AWS/S3', 'FirstByteLatency', req, midnight + 15 * HOUR_MS, 3600, 'Average')!;
    expect(lat).toBeGreaterThan(5);
    expect(lat).toBeLessThan(100);
  });

  it('statistics are consistent: Average = Sum/SampleCount, Minimum <= p50 <= p99 <= Maximum', () => {
    const office = subject({ profile: 'office-hours-home', variant: 'gp3' });
    for (const [m, P, at] of [
      ['VolumeReadBytes', 3600, LAST_MONDAY + 12 * HOUR_MS],
      ['VolumeReadOps', 86400, LAST_MONDAY],
      ['VolumeQueueLength', 300, LAST_MONDAY + 10 * HOUR_MS],
    ] as const) {
      const st = (s: string) => sample(office, 'AWS/EBS', m, ebsDims(office), at, P, s)!;
      expect(st('Average')).toBeCloseTo(st('Sum') / st('SampleCount'), 6);
      expect(st('Minimum')).toBeLessThanOrEqual(st('p50') + 1e-9);
      expect(st('p50')).toBeLessThanOrEqual(st('p99') + 1e-9);
      expect(st('p99')).toBeLessThanOrEqual(st('Maximum') + 1e-9);
    }
    expect(parseStat('p99.9')).toEqual({ kind: 'p', q: 99.9 });
    expect(parseStat('tm99')).toEqual({ kind: 'Average' });
    expect(parseStat('Median')).toBeUndefined();
    expect(sample(office, 'AWS/EBS', 'VolumeReadBytes', ebsDims(office), LAST_MONDAY, 60, 'Bogus')).toBeUndefined();
  });

  it('answers nothing for unknown metrics, other namespaces, wrong or extra dimensions, and sub-minute periods', () => {
    const v = subject({});
    expect(sample(v, 'AWS/EBS', 'VolumeReadBits', ebsDims(v), t, 60, 'Sum')).toBeUndefined();
    expect(sample(v, 'AWS/EFS', 'VolumeReadBytes', ebsDims(v), t, 60, 'Sum')).toBeUndefined();
    expect(sample(v, 'AWS/EBS', 'VolumeReadBytes', { VolumeId: 'vol-other' }, t, 60, 'Sum')).toBeUndefined();
    expect(sample(v, 'AWS/EBS', 'VolumeReadBytes', { VolumeId: v.id, InstanceId: 'i-1' }, t, 60, 'Sum')).toBeUndefined();
    expect(sample(v, 'AWS/EBS', 'VolumeReadBytes', ebsDims(v), t, 10, 'Sum')).toBeUndefined();
    expect(sample(v, 'AWS/EBS', 'VolumeReadBytes', ebsDims(v), t, 90, 'Sum')).toBeUndefined();
  });

  it('every metric ListMetrics would show answers GetMetricData for a recent day', () => {
    const kinds: SimMetricSubject[] = [
      subject({ variant: 'io2', iops: 20000 }),
      subject({ variant: 'gp2', iops: 300, capacityBytes: 100 * GiB }),
      subject({ id: 'fs-0efs00000000000', type: 'efs', profile: 'office-hours-home', variant: 'bursting', capacityBytes: TiB, throughputBytesPerSec: 50 * MiB, iops: 0 }),
      lustre,
      subject({ id: 'fs-0win00000000000', type: 'fsx-windows', fsxType: 'WINDOWS', variant: 'SINGLE_AZ_2', capacityBytes: TiB, throughputBytesPerSec: 64e6, iops: 0 }),
      subject({ id: 'fs-0ont00000000000', type: 'fsx-ontap', fsxType: 'ONTAP', variant: 'SINGLE_AZ_1', capacityBytes: TiB, throughputBytesPerSec: 128e6, iops: 0 }),
      subject({ id: 'fs-0zfs00000000000', type: 'fsx-openzfs', fsxType: 'OPENZFS', variant: 'SINGLE_AZ_1', capacityBytes: TiB, throughputBytesPerSec: 160e6, iops: 0 }),
      subject({ id: 'web-assets-prod', type: 's3', profile: 'web-assets', variant: 'STANDARD', capacityBytes: TiB, objectCount: 200_000, throughputBytesPerSec: 0, iops: 0, requestMetrics: true }),
    ];
    const day = Date.UTC(2025, 5, 17);
    for (const s of kinds) {
      const defs = metricsFor(s);
      expect(defs.length).toBeGreaterThan(3);
      for (const d of defs) expect(sample(s, d.namespace, d.metricName, d.dimensions, day, 86400, 'Average'), `${s.type} ${d.metricName} ${JSON.stringify(d.dimensions)}`).toBeDefined();
    }
  });
});
