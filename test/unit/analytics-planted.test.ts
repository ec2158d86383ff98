// End to end over the simulated region's own CloudWatch and Cost Explorer models (sim/cloudwatch.ts,
// sim/costexplorer.ts behind real SDK clients): stores with the planted workload profiles go
// through MetricsService (30 days, hourly) -> usage patterns -> recommendations, and each planted
// case is found with the saving the pricing engine gives for the before/after configurations.
import { describe, expect, it } from 'vitest';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { ClientPool, type ClientPlugin } from '../../src/services/aws/clients.js';
import { analyzeMetrics } from '../../src/services/analytics/patterns.js';
import { recommend, type Recommendation } from '../../src/services/analytics/recommend.js';
import { CostService } from '../../src/services/costs/service.js';
import { ApiMeter } from '../../src/services/metrics/meter.js';
import { MetricsService } from '../../src/services/metrics/service.js';
import { s3BytesByClass } from '../../src/services/metrics/convert.js';
import { estimateStorageCost, type StorageUsage } from '../../src/services/pricing/index.js';
import { handleCloudWatch } from '../../src/services/sim/cloudwatch.js';
import { handleCostExplorer } from '../../src/services/sim/costexplorer.js';
import type { SimMetricSubject, SimWorldView } from '../../src/services/sim/subject.js';
import type { StorageInfo, StorageMetrics } from '../../src/services/types.js';

const DAY = 86_400_000;
const GiB = 1024 ** 3;
const MiB = 1024 ** 2;
const NOW = Date.UTC(2025, 5, 30, 12, 0, 0);
const CREATED = NOW - 120 * DAY;

function subject(s: Omit<SimMetricSubject, 'seed' | 'createdAt' | 'scenarioAt'> & { seed?: number }): SimMetricSubject {
  return { seed: 7, createdAt: CREATED, scenarioAt: NOW, ...s };
}

const subjects: SimMetricSubject[] = [
  subject({ id: 'vol-0idle0000000000001', type: 'ebs', profile: 'idle', capacityBytes: 200 * GiB, usedFraction: 0.4, throughputBytesPerSec: 125 * MiB, iops: 3000, variant: 'gp3' }),
  subject({ id: 'vol-0gp20000000000002', type: 'ebs', profile: 'steady-database', capacityBytes: 500 * GiB, usedFraction: 0.6, throughputBytesPerSec: 250 * MiB, iops: 1500, variant: 'gp2', attachedTo: 'i-0db' }),
  subject({ id: 'fs-0zfs0000000000003', type: 'fsx-openzfs', fsxType: 'OPENZFS', profile: 'overprovisioned', capacityBytes: 1024 * GiB, usedFraction: 0.3, throughputBytesPerSec: 1024e6, iops: 40000, variant: 'SINGLE_AZ_1' }),
  subject({ id: 'fs-0efs0000000000004', type: 'efs', profile: 'burst-credit-drain', capacityBytes: 500 * GiB, usedFraction: 1, throughputBytesPerSec: 500 * 50 * 1024, iops: 55000, variant: 'bursting', performanceMode: 'generalPurpose' }),
  subject({ id: 'fs-0lus0000000000005', type: 'fsx-lustre', fsxType: 'LUSTRE', profile: 'nightly-training', capacityBytes: 2400 * GiB, usedFraction: 0.5, throughputBytesPerSec: 469e6, iops: 100000, variant: 'SCRATCH_2' }),
  subject({ id: 'cold-archive-bucket', type: 's3', profile: 'archive-cold', capacityBytes: 20 * 1024 * GiB, usedFraction: 1, throughputBytesPerSec: 10 * 1024 * MiB, iops: 5500, variant: 'STANDARD', objectCount: 2_000_000 }),
  subject({ id: 'fs-0win0000000000007', type: 'fsx-windows', fsxType: 'WINDOWS', profile: 'growing', capacityBytes: 1024 * GiB, usedFraction: 0.93, throughputBytesPerSec: 64e6, iops: 3072, variant: 'SINGLE_AZ_2' }),
];

function info(id: string, over: Partial<StorageInfo>): StorageInfo {
  return { name: id, id, type: 'ebs', state: 'available', rawState: 'available', region: 'us-east-1', encrypted: true, tags: {}, mount: {}, createdAt: new Date(CREATED).toISOString(), ...over };
}

const resources: StorageInfo[] = [
  info('vol-0idle0000000000001', { type: 'ebs', sizeBytes: 200 * GiB, iops: 3000, throughputMBps: 125, ebs: { volumeType: 'gp3' } }),
  info('vol-0gp20000000000002', { type: 'ebs', state: 'in-use', sizeBytes: 500 * GiB, iops: 1500, ebs: { volumeType: 'gp2' }, mount: { ebsAttachments: [{ instanceId: 'i-0db', device: '/dev/xvdf', state: 'attached' }] } }),
  info('fs-0zfs0000000000003', { type: 'fsx-openzfs', sizeBytes: 1024 * GiB, throughputMBps: 1024, fsx: { fileSystemType: 'OPENZFS', deploymentType: 'SINGLE_AZ_1', storageType: 'SSD', subnetIds: [] } }),
  info('fs-0efs0000000000004', {
    type: 'efs',
    sizeBytes: 500 * GiB,
    efs: { performanceMode: 'generalPurpose', throughputMode: 'bursting', lifecyclePolicies: ['TransitionToIA:AFTER_30_DAYS'], oneZone: false, numberOfMountTargets: 3, sizeInStandardBytes: 500 * GiB, sizeInIaBytes: 0 },
  }),
  info('fs-0lus0000000000005', { type: 'fsx-lustre', sizeBytes: 2400 * GiB, fsx: { fileSystemType: 'LUSTRE', deploymentType: 'SCRATCH_2', storageType: 'SSD', subnetIds: [] } }),
  info('cold-archive-bucket', { type: 's3', s3: { versioning: 'Disabled', hasLifecycleRules: false } }),
  info('fs-0win0000000000007', { type: 'fsx-windows', sizeBytes: 1024 * GiB, throughputMBps: 64, fsx: { fileSystemType: 'WINDOWS', deploymentType: 'SINGLE_AZ_2', storageType: 'SSD', subnetIds: [] } }),
];

const view: SimWorldView = { region: 'us-east-1', subjects: () => subjects, now: () => NOW };

const simPlugin: ClientPlugin = (client, service) => {
  if (service !== 'cloudwatch' && service !== 'ce') return;
  (client as CloudWatchClient).middlewareStack.add(
    (_next, context) => async (args) => {
      const name = context.commandName ?? '';
      const output = service === 'cloudwatch' ? await handleCloudWatch(view, name, args.input) : await handleCostExplorer(view, name, args.input);
      return { output: output as never, response: {} };
    },
    { step: 'initialize', name: 'simulatedMetrics' },
  );
};

function usd(i: StorageInfo, usage?: StorageUsage): number {
  const r = estimateStorageCost(i, usage);
  if (!r.ok) throw new Error(r.reason);
  return r.estimate.totalUsd;
}
const round2 = (v: number) => Math.round(v * 100) / 100;
const byId = (id: string) => resources.find((r) => r.id === id)!;

let cached: { metrics: Map<string, StorageMetrics>; recs: Recommendation[]; calls: number } | undefined;
async function analyse(): Promise<NonNullable<typeof cached>> {
  if (cached) return cached;
  const meter = new ApiMeter();
  const svc = new MetricsService(new ClientPool({ region: 'us-east-1', credentials: { accessKeyId: 'sim', secretAccessKey: 'sim' }, plugin: simPlugin }), { now: () => NOW, meter });
  const metrics = await svc.fetch(resources.map((resource) => ({ resource, window: '30d' as const })));
  const recs = recommend({ resources, metrics, extra: { s3IncompleteUploads: new Map([['cold-archive-bucket', 4]]) }, now: NOW });
  cached = { metrics, recs, calls: meter.calls };
  return cached;
}

function find(recs: Recommendation[], rule: string, id: string): Recommendation {
  const r = recs.find((x) => x.rule === rule && x.resourceId === id);
  if (!r) throw new Error(`${rule} for ${id} not found; got ${recs.map((x) => x.id).join(', ')}`);
  return r;
}

describe('planted cases through the simulated CloudWatch', () => {
  it('fetches 30 days of hourly data for every store', async () => {
    const { metrics, calls } = await analyse();
    expect(metrics.get('fs-0zfs0000000000003')?.readBytesPerSec.length).toBe(720);
    expect(metrics.get('fs-0zfs0000000000003')?.periodSeconds).toBe(3600);
    expect(calls).toBeGreaterThanOrEqual(2); // the hourly window and the daily S3 range
  });

  it('finds the unattached, idle EBS volume with the snapshot-and-delete saving', async () => {
    const { recs } = await analyse();
    const v = byId('vol-0idle0000000000001');
    const r = find(recs, 'ebs-unattached', v.id);
    const cost = usd(v);
    expect(r.monthlySavingsUsd).toBe(round2(cost - round2(usd(v, { backupGiB: 200 }) - cost)));
    expect(r.confidence).toBe('high');
  });

  it('moves the gp2 volume to gp3', async () => {
    const { recs } = await analyse();
    const v = byId('vol-0gp20000000000002');
    const r = find(recs, 'ebs-gp2-to-gp3', v.id);
    expect(r.monthlySavingsUsd).toBe(round2(usd(v) - usd({ ...v, ebs: { volumeType: 'gp3' }, iops: 3000, throughputMBps: 250 })));
  });

  it('right-sizes the over-provisioned OpenZFS file system (1,024 MB/s, under 5% used)', async () => {
    const { recs, metrics } = await analyse();
    const fs = byId('fs-0zfs0000000000003');
    const m = metrics.get(fs.id)!;
    const peak = Math.max(...m.readBytesPerSec.map((p, i) => p.v + (m.writeBytesPerSec[i]?.v ?? 0)));
    expect(peak).toBeLessThan(0.05 * 1024e6);
    const r = find(recs, 'fsx-overprovisioned', fs.id);
    expect(r.optimize).toEqual({ kind: 'fsx-throughput', throughputCapacityMBps: 64 });
    expect(r.monthlySavingsUsd).toBe(round2(usd(fs) - usd({ ...fs, throughputMBps: 64 })));
    expect(r.confidence).toBe('high');
  });

  it('sees the EFS file system running out of burst credits and prices the fix at its traffic', async () => {
    const { recs, metrics } = await analyse();
    const fs = byId('fs-0efs0000000000004');
    const m = metrics.get(fs.id)!;
    const r = find(recs, 'efs-burst-credits', fs.id);
    expect(r.focus).toBe('performance');
    expect(r.confidence).toBe('high');
    // The planted load is steady (sustained above the baseline): Provisioned at the 99th percentile + 20%
    const total = m.readBytesPerSec.map((p, i) => p.v + m.writeBytesPerSec[i].v).sort((a, b) => a - b);
    const p99 = total[Math.ceil(0.99 * total.length) - 1] / MiB;
    const provisionedMiBps = Math.ceil(p99 * 1.2);
    expect(r.optimize).toEqual({ kind: 'efs-throughput', mode: 'provisioned', provisionedMiBps });
    expect(r.monthlySavingsUsd).toBe(round2(usd(fs) - usd({ ...fs, efs: { ...fs.efs!, throughputMode: 'provisioned', provisionedThroughputMiBps: provisionedMiBps } })));
    expect(r.monthlySavingsUsd).toBeLessThan(0);
    expect(r.evidence).toMatch(/This costs about \$[\d,.]+\/month more/);
    expect(r.evidence).toMatch(/Elastic would cost \$[\d,.]+\/month more/);
  });

  it('proposes a colder class for the cold archive bucket in STANDARD, and an abort rule for its stale uploads', async () => {
    const { recs, metrics } = await analyse();
    const b = byId('cold-archive-bucket');
    const classes = s3BytesByClass(metrics.get(b.id)!.extra);
    expect(Object.keys(classes)).toEqual(['STANDARD']);
    const r = find(recs, 's3-cold', b.id);
    const objects = metrics.get(b.id)!.extra.objects.at(-1)!.v;
    const after = usd(b, { s3BytesByClass: { STANDARD: 0, INTELLIGENT_TIERING: classes.STANDARD }, s3Objects: objects, s3IntelligentTieringTiers: { infrequentBytes: classes.STANDARD } });
    expect(r.monthlySavingsUsd).toBe(round2(usd(b, { s3BytesByClass: { STANDARD: classes.STANDARD } }) - after));
    expect(r.monthlySavingsUsd).toBeGreaterThan(0);
    expect(find(recs, 's3-incomplete-multipart', b.id).optimize).toMatchObject({ rule: { abortIncompleteMultipartDays: 7 } });
  });

  it('reads the nightly training rhythm of the Lustre scratch file system, and proposes no throughput change for it', async () => {
    const { recs, metrics } = await analyse();
    const p = analyzeMetrics(metrics.get('fs-0lus0000000000005')!);
    expect(p.peakHoursUtc).toEqual([0, 1, 2, 3, 22, 23]);
    expect(p.dailySeasonality).toBeGreaterThan(0.8);
    expect(p.summary).toContain('22:00-04:00 UTC');
    expect(recs.filter((r) => r.resourceId === 'fs-0lus0000000000005' && r.rule === 'fsx-overprovisioned')).toEqual([]);
  });

  it('warns that the growing Windows file system fills up within 30 days', async () => {
    const { recs } = await analyse();
    const r = find(recs, 'capacity-runway', 'fs-0win0000000000007');
    expect(r.focus).toBe('risk');
    expect(r.action).toMatch(/Increase the storage capacity of fs-0win0000000000007 from 1,024 GiB to [\d,]+ GiB before \d{4}-\d{2}-\d{2}/);
    expect(r.monthlySavingsUsd).toBeLessThan(0);
  });

  it('lists the biggest savings first', async () => {
    const { recs } = await analyse();
    const s = recs.map((r) => r.monthlySavingsUsd ?? 0);
    expect(s).toEqual([...s].sort((a, b) => b - a));
  });
});

describe('CostService through the simulated Cost Explorer', () => {
  it('gets month to date, EBS out of "EC2 - Other", and a forecast', async () => {
    const pool = new ClientPool({ region: 'us-east-1', credentials: { accessKeyId: 'sim', secretAccessKey: 'sim' }, plugin: simPlugin });
    const s = await new CostService(pool, { cacheDir: null, now: () => NOW, cacheKey: 'sim' }).get();
    expect(s.monthToDateUsd).toBeGreaterThan(0);
    expect(s.ebsUsd).toBeGreaterThan(0);
    expect(s.ebsUsd).toBeLessThanOrEqual(s.byService['EC2 - Other'] + 0.01);
    expect(s.daily).toHaveLength(30);
    expect(s.forecastUsd).not.toBeNull();
    expect(s.forecastUsd!).toBeGreaterThanOrEqual(s.monthToDateUsd - s.daily.at(-1)!.byService['Amazon FSx']);
    expect(s.byService['Amazon FSx']).toBeGreaterThan(0);
  });
});
