// Recommendation rules on hand-made stores and metrics: each fires on its evidence (and not
// without it), says exactly what to change, and prices the saving with the pricing engine
// (cost of the configuration before minus after).
import { describe, expect, it } from 'vitest';
import { recommend, nextFsxCapacityGiB, type Recommendation, type RecommendationInput } from '../../src/services/analytics/recommend.js';
import { estimateStorageCost, type StorageUsage } from '../../src/services/pricing/index.js';
import type { MetricPoint, StorageInfo, StorageMetrics, StorageType } from '../../src/services/types.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const GiB = 1024 ** 3;
const NOW = Date.UTC(2025, 5, 30, 12);
const FROM = NOW - 30 * DAY;

function usd(info: StorageInfo, usage?: StorageUsage): number {
  const r = estimateStorageCost(info, usage);
  if (!r.ok) throw new Error(r.reason);
  return r.estimate.totalUsd;
}

const round2 = (v: number) => Math.round(v * 100) / 100;

function base(type: StorageType, id: string, over: Partial<StorageInfo> = {}): StorageInfo {
  return { name: `${id}-name`, type, id, state: 'available', rawState: 'available', region: 'us-east-1', encrypted: true, tags: {}, mount: {}, createdAt: new Date(NOW - 200 * DAY).toISOString(), ...over };
}

function hourly(days: number, f: (t: number, i: number) => number): MetricPoint[] {
  const start = NOW - days * DAY;
  return Array.from({ length: days * 24 }, (_, i) => ({ t: start + i * HOUR, v: f(start + i * HOUR, i) }));
}

function metrics(info: StorageInfo, over: Partial<StorageMetrics> = {}): StorageMetrics {
  return { resourceId: info.id, type: info.type, periodSeconds: 3600, readBytesPerSec: [], writeBytesPerSec: [], readOpsPerSec: [], writeOpsPerSec: [], extra: {}, fetchedAt: NOW, ...over };
}

function run(resources: StorageInfo[], ms: StorageMetrics[] = [], extra?: RecommendationInput['extra']): Recommendation[] {
  return recommend({ resources, metrics: new Map(ms.map((m) => [m.resourceId, m])), extra, now: NOW });
}

function only(recs: Recommendation[], rule: string): Recommendation {
  const r = recs.filter((x) => x.rule === rule);
  expect(r, `${rule} in ${recs.map((x) => x.rule).join(', ')}`).toHaveLength(1);
  return r[0];
}

describe('EBS rules', () => {
  const gp2 = base('ebs', 'vol-0gp2', { state: 'in-use', sizeBytes: 500 * GiB, iops: 1500, ebs: { volumeType: 'gp2' }, mount: { ebsAttachments: [{ instanceId: 'i-0abc', device: '/dev/xvdf', state: 'attached' }] } });

  it('moves gp2 to gp3 at the same baseline and prices the difference', () => {
    const r = only(run([gp2]), 'ebs-gp2-to-gp3');
    // 500 GiB gp2: 1,500 IOPS baseline, 250 MiB/s -> gp3 with 3,000 IOPS (its floor) and 250 MiB/s
    expect(r.optimize).toEqual({ kind: 'ebs-modify', volumeType: 'gp3', iops: 3000, throughputMBps: 250 });
    expect(r.monthlySavingsUsd).toBe(round2(usd(gp2) - usd({ ...gp2, ebs: { volumeType: 'gp3' }, iops: 3000, throughputMBps: 250 })));
    expect(r.monthlySavingsUsd).toBeGreaterThan(0);
    expect(r.action).toContain('gp3 with 3,000 IOPS and 250 MiB/s');
    expect(r.confidence).toBe('high');
    // A large gp2 keeps its higher baseline on gp3
    const big = { ...gp2, id: 'vol-0big', sizeBytes: 4000 * GiB, iops: 12000 };
    expect(only(run([big]), 'ebs-gp2-to-gp3').optimize).toEqual({ kind: 'ebs-modify', volumeType: 'gp3', iops: 12000, throughputMBps: 250 });
  });

  it('finds an unattached volume; the saving keeps a snapshot, the action says to snapshot then delete', () => {
    const vol = base('ebs', 'vol-0idle', { sizeBytes: 200 * GiB, ebs: { volumeType: 'gp3' }, iops: 3000, throughputMBps: 125 });
    const r = only(run([vol]), 'ebs-unattached');
    const volumeCost = usd(vol);
    const snapshotCost = usd(vol, { backupGiB: 200 }) - volumeCost;
    expect(r.monthlySavingsUsd).toBe(round2(volumeCost - round2(snapshotCost)));
    expect(r.optimize).toEqual({ kind: 'ebs-snapshot-delete' });
    expect(r.confidence).toBe('high');
    expect(r.action).toMatch(/^Snapshot vol-0idle and delete the volume/);
    expect(r.evidence).toContain('Not attached to any instance');
    // An unattached gp2 gets the delete recommendation, not a gp2->gp3 one
    const rules = run([{ ...vol, ebs: { volumeType: 'gp2' } }]).map((x) => x.rule);
    expect(rules).toEqual(['ebs-unattached']);
  });

  it('finds an attached volume idle for weeks, without an automatic action', () => {
    const vol = { ...gp2, id: 'vol-0quiet', ebs: { volumeType: 'gp3' }, iops: 3000, throughputMBps: 125 };
    const m = metrics(vol, { readBytesPerSec: hourly(30, (t) => (t < NOW - 20 * DAY ? 5e6 : 0)), writeBytesPerSec: hourly(30, () => 0) });
    const r = only(run([vol], [m]), 'ebs-idle');
    expect(r.optimize).toBeUndefined();
    expect(r.evidence).toContain('no reads or writes for 20 days');
    expect(r.action).toContain('i-0abc (/dev/xvdf)');
    // Busy until a week ago: not idle enough
    const recent = metrics(vol, { readBytesPerSec: hourly(30, (t) => (t < NOW - 7 * DAY ? 5e6 : 0)) });
    expect(run([vol], [recent]).map((x) => x.rule)).not.toContain('ebs-idle');
  });

  it('right-sizes an over-provisioned gp3 to the smallest values with headroom', () => {
    const vol = { ...gp2, id: 'vol-0fat', ebs: { volumeType: 'gp3' }, iops: 12000, throughputMBps: 600 };
    const m = metrics(vol, {
      readOpsPerSec: hourly(30, (_t, i) => 1000 + (i % 24) * 50), // peak 2,150
      writeOpsPerSec: hourly(30, () => 100),
      readBytesPerSec: hourly(30, () => 40 * 1024 * 1024), // 40 MiB/s
      writeBytesPerSec: hourly(30, () => 10 * 1024 * 1024),
    });
    const r = only(run([vol], [m]), 'ebs-overprovisioned');
    // need = max(p99 x 1.3, peak x 1.1) = 2,250 x 1.3 = 2,925 -> gp3 floor 3,000; 50 MiB/s x 1.3 = 65 -> floor 125
    expect(r.optimize).toEqual({ kind: 'ebs-modify', iops: 3000, throughputMBps: 125 });
    expect(r.monthlySavingsUsd).toBe(round2(usd(vol) - usd({ ...vol, iops: 3000, throughputMBps: 125 })));
    expect(r.confidence).toBe('medium');
    // Fewer than 7 days of data: no opinion
    const short = metrics(vol, { readOpsPerSec: hourly(5, () => 10) });
    expect(run([vol], [short]).map((x) => x.rule)).not.toContain('ebs-overprovisioned');
    // Used near what is provisioned: nothing to say
    const busy = metrics(vol, { readOpsPerSec: hourly(30, () => 10000), readBytesPerSec: hourly(30, () => 500 * 1024 * 1024) });
    expect(run([vol], [busy]).map((x) => x.rule)).not.toContain('ebs-overprovisioned');
  });
});

describe('FSx rules', () => {
  const zfs = base('fsx-openzfs', 'fs-0zfs', { sizeBytes: 2048 * GiB, throughputMBps: 1024, fsx: { fileSystemType: 'OPENZFS', deploymentType: 'SINGLE_AZ_1', storageType: 'SSD', subnetIds: [] } });

  it('lowers OpenZFS throughput capacity to an allowed value that covers the peak with headroom', () => {
    // about 20 MB/s, peaks 40 MB/s: need 44 MB/s -> 64 MB/s (SINGLE_AZ_1 values 64, 128, ...)
    const m = metrics(zfs, { readBytesPerSec: hourly(30, (_t, i) => (i % 24 === 3 ? 40e6 : 20e6)) });
    const r = only(run([zfs], [m]), 'fsx-overprovisioned');
    expect(r.optimize).toEqual({ kind: 'fsx-throughput', throughputCapacityMBps: 64 });
    expect(r.monthlySavingsUsd).toBe(round2(usd(zfs) - usd({ ...zfs, throughputMBps: 64 })));
    expect(r.confidence).toBe('high'); // 99th percentile under 5% of what is provisioned, 30 days of data
    expect(r.action).toContain('from 1,024 to 64 MB/s');
  });

  it('uses the second-generation values for SINGLE_AZ_2 and leaves a busy file system alone', () => {
    const gen2 = { ...zfs, id: 'fs-0gen2', throughputMBps: 2560, fsx: { ...zfs.fsx!, deploymentType: 'SINGLE_AZ_2' } };
    const m = metrics(gen2, { readBytesPerSec: hourly(30, () => 200e6) });
    expect(only(run([gen2], [m]), 'fsx-overprovisioned').optimize).toEqual({ kind: 'fsx-throughput', throughputCapacityMBps: 320 });
    const busy = metrics(gen2, { readBytesPerSec: hourly(30, () => 2200e6) });
    expect(run([gen2], [busy])).toEqual([]);
  });

  it('lowers a persistent Lustre tier per TiB; never touches scratch throughput', () => {
    const lustre = base('fsx-lustre', 'fs-0lus', { sizeBytes: 4800 * GiB, fsx: { fileSystemType: 'LUSTRE', deploymentType: 'PERSISTENT_2', storageType: 'SSD', perUnitStorageThroughput: 1000, subnetIds: [] } });
    // 4.6875 TiB at 1000 MB/s/TiB = 4,688 MB/s provisioned; use 300 MB/s -> need 390 -> 125 MB/s/TiB (586 MB/s)
    const m = metrics(lustre, { readBytesPerSec: hourly(30, () => 300e6) });
    const r = only(run([lustre], [m]), 'fsx-overprovisioned');
    expect(r.optimize).toEqual({ kind: 'fsx-throughput', throughputCapacityMBps: 586, perUnitStorageThroughput: 125 });
    expect(r.monthlySavingsUsd).toBe(round2(usd(lustre) - usd({ ...lustre, fsx: { ...lustre.fsx!, perUnitStorageThroughput: 125 } })));
    const scratch = { ...lustre, id: 'fs-0scr', fsx: { ...lustre.fsx!, deploymentType: 'SCRATCH_2', perUnitStorageThroughput: undefined } };
    expect(run([scratch], [metrics(scratch, { readBytesPerSec: hourly(30, () => 1e6) })]).map((x) => x.rule)).not.toContain('fsx-overprovisioned');
  });

  it('warns before a file system fills up, with an allowed bigger size and its extra cost', () => {
    const lustre = base('fsx-lustre', 'fs-0full', { sizeBytes: 2400 * GiB, fsx: { fileSystemType: 'LUSTRE', deploymentType: 'SCRATCH_2', storageType: 'SSD', subnetIds: [] } });
    // 2,000 GiB used, growing 30 GiB a day: full in ~13 days
    const used = hourly(30, (t) => (1100 + (30 * (t - FROM)) / DAY) * GiB);
    const m = metrics(lustre, { usedBytes: used, readBytesPerSec: hourly(30, () => 1e8) });
    const r = only(run([lustre], [m]), 'capacity-runway');
    expect(r.focus).toBe('risk');
    expect(r.confidence).toBe('high');
    // need ~2,000 + 90 x 30 = 4,700 GiB -> 4,800 (multiple of 2,400)
    expect(r.action).toContain('from 2,400 GiB to 4,800 GiB');
    expect(r.monthlySavingsUsd).toBe(round2(usd(lustre) - usd({ ...lustre, sizeBytes: 4800 * GiB })));
    expect(r.monthlySavingsUsd).toBeLessThan(0);
    expect(r.evidence).toContain('costs');
    // Growth of at least 10% (2,640 GiB), rounded up to the next Lustre increment
    expect(nextFsxCapacityGiB(lustre, 100)).toBe(4800);
    expect(nextFsxCapacityGiB({ ...lustre, fsx: { ...lustre.fsx!, deploymentType: 'SCRATCH_1' } }, 5000)).toBe(7200);
    expect(nextFsxCapacityGiB({ ...lustre, type: 'fsx-openzfs', sizeBytes: 100 * GiB }, 50)).toBe(110);
  });
});

describe('EFS rules', () => {
  const efs = base('efs', 'fs-0efs', {
    sizeBytes: 1000 * GiB,
    efs: { performanceMode: 'generalPurpose', throughputMode: 'bursting', lifecyclePolicies: [], oneZone: false, numberOfMountTargets: 3, sizeInStandardBytes: 1000 * GiB, sizeInIaBytes: 0 },
  });

  it('proposes a lifecycle to IA when data is read rarely, priced on what was not read', () => {
    // 20 GiB read a month out of 1,000 GiB
    const perSec = (20 * GiB) / (30 * 86400);
    const m = metrics(efs, { readBytesPerSec: hourly(30, () => perSec) });
    const r = only(run([efs], [m]), 'efs-lifecycle');
    expect(r.optimize).toEqual({ kind: 'efs-lifecycle', transitionToIA: 'AFTER_30_DAYS', transitionToPrimaryStorageClass: 'AFTER_1_ACCESS' });
    const hot = perSec * 30 * 86400;
    const after = { ...efs, efs: { ...efs.efs!, sizeInStandardBytes: hot, sizeInIaBytes: 1000 * GiB - hot } };
    expect(r.monthlySavingsUsd).toBe(round2(usd(efs) - usd(after)));
    expect(r.confidence).toBe('high');
    expect(r.evidence).toContain('Archive needs Elastic throughput');
    // Archive is proposed where it is allowed
    const elastic = { ...efs, efs: { ...efs.efs!, throughputMode: 'elastic' } };
    expect(only(run([elastic], [metrics(elastic, { readBytesPerSec: hourly(30, () => perSec) })]), 'efs-lifecycle').optimize).toMatchObject({ transitionToArchive: 'AFTER_90_DAYS' });
    // Already has a lifecycle policy, or read a lot: nothing
    const withPolicy = { ...efs, efs: { ...efs.efs!, lifecyclePolicies: ['TransitionToIA:AFTER_30_DAYS'] } };
    expect(run([withPolicy], [m]).map((x) => x.rule)).not.toContain('efs-lifecycle');
    const busy = metrics(efs, { readBytesPerSec: hourly(30, () => (800 * GiB) / (30 * 86400)) });
    expect(run([efs], [busy]).map((x) => x.rule)).not.toContain('efs-lifecycle');
  });

  const credits = hourly(30, (t) => Math.max(0, 2.1e12 * (1 - (t - FROM) / (29 * DAY))));

  it('sees burst credits running out; a spiky load goes to Elastic, and the text says what it costs', () => {
    // 10 MB/s, with five hours at 400 MB/s: too spiky for a provisioned cap
    const spikes = new Set([100, 250, 400, 550, 700]);
    const read = hourly(30, (_t, i) => (spikes.has(i) ? 400e6 : 10e6));
    const write = read.map((p) => ({ t: p.t, v: p.v / 4 }));
    const m = metrics(efs, { readBytesPerSec: read, writeBytesPerSec: write, extra: { burstCreditBalance: credits } });
    const r = only(run([efs], [m]), 'efs-burst-credits');
    expect(r.focus).toBe('performance');
    expect(r.optimize).toEqual({ kind: 'efs-throughput', mode: 'elastic' });
    const gib = (s: MetricPoint[]) => s.reduce((a, p) => a + p.v * 3600, 0) / GiB;
    const after = usd({ ...efs, efs: { ...efs.efs!, throughputMode: 'elastic' } }, { efsElasticReadGiB: gib(read), efsElasticWriteGiB: gib(write) });
    expect(r.monthlySavingsUsd).toBe(round2(usd(efs) - after));
    expect(r.monthlySavingsUsd).toBeLessThan(0);
    expect(r.evidence).toMatch(/This costs about \$[\d,.]+\/month more/);
    expect(r.evidence).toContain('spiky');
    expect(r.confidence).toBe('high');
  });

  it('puts a steady load above the baseline on Provisioned throughput when that is cheaper than Elastic', () => {
    const traffic = hourly(30, () => 60e6);
    const m = metrics(efs, { readBytesPerSec: traffic, writeBytesPerSec: traffic.map((p) => ({ t: p.t, v: p.v / 4 })), extra: { burstCreditBalance: credits } });
    const r = only(run([efs], [m]), 'efs-burst-credits');
    // 75 MB/s = 71.5 MiB/s at the 99th percentile, +20% -> 86 MiB/s
    expect(r.optimize).toEqual({ kind: 'efs-throughput', mode: 'provisioned', provisionedMiBps: 86 });
    expect(r.monthlySavingsUsd).toBe(round2(usd(efs) - usd({ ...efs, efs: { ...efs.efs!, throughputMode: 'provisioned', provisionedThroughputMiBps: 86 } })));
    expect(r.action).toContain('ProvisionedThroughputInMibps=86');
    expect(r.evidence).toMatch(/Elastic would cost \$[\d,.]+\/month more/);
    // Healthy, steady credits: nothing
    const steady = metrics(efs, { extra: { burstCreditBalance: hourly(30, () => 2.1e12) } });
    expect(run([efs], [steady]).map((x) => x.rule)).not.toContain('efs-burst-credits');
  });
});

describe('S3 rules', () => {
  const bucket = base('s3', 'cold-archive', { s3: { versioning: 'Disabled', hasLifecycleRules: false } });
  const day0 = Math.floor(NOW / DAY) * DAY - 20 * DAY;
  const sizeSeries = (bytes: number) => Array.from({ length: 20 }, (_, i) => ({ t: day0 + i * DAY, v: bytes }));

  it('moves cold data with request metrics to Glacier Instant Retrieval', () => {
    const b = { ...bucket, s3: { ...bucket.s3!, requestMetricsFilterId: 'EntireBucket' } };
    const m = metrics(b, { readBytesPerSec: hourly(30, () => 10), readOpsPerSec: hourly(30, () => 0.001), usedBytes: sizeSeries(5000 * GiB), extra: { 's3:StandardStorage': sizeSeries(5000 * GiB) } });
    const r = only(run([b], [m]), 's3-cold');
    expect(r.optimize).toEqual({ kind: 's3-lifecycle', rule: { id: 'prism-cold-to-glacier-ir', transitions: [{ days: 30, storageClass: 'GLACIER_IR' }] } });
    expect(r.monthlySavingsUsd).toBe(round2(usd(b, { s3BytesByClass: { STANDARD: 5000 * GiB } }) - usd(b, { s3BytesByClass: { STANDARD: 0, GLACIER_IR: 5000 * GiB } })));
    expect(r.confidence).toBe('high');
  });

  it('without request metrics proposes Intelligent-Tiering for a bucket that does not change', () => {
    const m = metrics(bucket, { usedBytes: sizeSeries(5000 * GiB), extra: { 's3:StandardStorage': sizeSeries(5000 * GiB), objects: sizeSeries(1_000_000) } });
    const r = only(run([bucket], [m]), 's3-cold');
    expect(r.optimize).toEqual({ kind: 's3-lifecycle', rule: { id: 'prism-intelligent-tiering', transitions: [{ days: 0, storageClass: 'INTELLIGENT_TIERING' }] } });
    const after = usd(bucket, { s3BytesByClass: { STANDARD: 0, INTELLIGENT_TIERING: 5000 * GiB }, s3Objects: 1_000_000, s3IntelligentTieringTiers: { infrequentBytes: 5000 * GiB } });
    expect(r.monthlySavingsUsd).toBe(round2(usd(bucket, { s3BytesByClass: { STANDARD: 5000 * GiB } }) - after));
    expect(r.confidence).toBe('medium');
    expect(r.evidence).toContain('Reads are unknown');
    // A growing bucket, or one with lifecycle rules: nothing
    const growing = metrics(bucket, { usedBytes: sizeSeries(5000 * GiB).map((p, i) => ({ t: p.t, v: p.v * (1 + i * 0.01) })), extra: { 's3:StandardStorage': sizeSeries(5000 * GiB) } });
    expect(run([bucket], [growing])).toEqual([]);
    expect(run([{ ...bucket, s3: { ...bucket.s3!, hasLifecycleRules: true } }], [m])).toEqual([]);
  });

  it('asks to abort incomplete multipart uploads, unpriced', () => {
    const r = only(run([bucket], [], { s3IncompleteUploads: new Map([['cold-archive', 12]]) }), 's3-incomplete-multipart');
    expect(r.monthlySavingsUsd).toBeNull();
    expect(r.optimize).toEqual({ kind: 's3-lifecycle', rule: { id: 'prism-abort-incomplete-mpu', transitions: [], abortIncompleteMultipartDays: 7 } });
    expect(r.evidence).toContain('12 multipart uploads were started more than a week ago and never completed');
    expect(r.confidence).toBe('high');
  });
});

describe('recommend', () => {
  it('sorts by monthly saving, most first, and skips stores being created or deleted', () => {
    const small = base('ebs', 'vol-0small', { sizeBytes: 10 * GiB, ebs: { volumeType: 'gp3' }, iops: 3000, throughputMBps: 125 });
    const large = base('ebs', 'vol-0large', { sizeBytes: 2000 * GiB, ebs: { volumeType: 'gp3' }, iops: 3000, throughputMBps: 125 });
    const deleting = base('ebs', 'vol-0gone', { state: 'deleting', sizeBytes: 5000 * GiB, ebs: { volumeType: 'gp3' } });
    const recs = run([small, large, deleting], [], { s3IncompleteUploads: new Map() });
    expect(recs.map((r) => r.resourceId)).toEqual(['vol-0large', 'vol-0small']);
    expect(recs[0].id).toBe('ebs-unattached:vol-0large');
  });

  it('strips control characters of names that came from tags', () => {
    const hostile = base('s3', 'collab', { name: '\u001b[2J\u001b[31mpwned', s3: { versioning: 'Disabled', hasLifecycleRules: false } });
    const r = only(run([hostile], [], { s3IncompleteUploads: new Map([['collab', 1]]) }), 's3-incomplete-multipart');
    expect(r.resourceName).toBe('pwned');
    expect(r.title).not.toContain('\u001b');
  });

  it('leaves the saving unknown, and says so, in a region without prices', () => {
    const vol = base('ebs', 'vol-0far', { region: 'ap-nowhere-9', sizeBytes: 100 * GiB, ebs: { volumeType: 'gp3' } });
    const r = only(run([vol]), 'ebs-unattached');
    expect(r.monthlySavingsUsd).toBeNull();
    expect(r.evidence).toContain('saving unknown');
  });
});
