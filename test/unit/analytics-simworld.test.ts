// The simulated region's default world, end to end the way the dashboard runs it: inventory
// providers -> MetricsService (30 days) -> stale multipart uploads -> recommendations, each
// planted case found with the saving the pricing engine gives for its before/after
// configurations; then the optimize actions applied through the mutations API and read back.
import { describe, expect, it } from 'vitest';
import { DescribeVolumesCommand, DescribeSnapshotsCommand } from '@aws-sdk/client-ec2';
import { DescribeFileSystemsCommand as EfsDescribe } from '@aws-sdk/client-efs';
import { DescribeFileSystemsCommand as FsxDescribe } from '@aws-sdk/client-fsx';
import { GetBucketLifecycleConfigurationCommand } from '@aws-sdk/client-s3';
import { AuditLog } from '../../src/services/audit.js';
import { ClientPool } from '../../src/services/aws/clients.js';
import { listEbsVolumes } from '../../src/services/aws/ebs.js';
import { listEfsFileSystems } from '../../src/services/aws/efs.js';
import { listFsxFileSystems } from '../../src/services/aws/fsx.js';
import { listS3Buckets } from '../../src/services/aws/s3.js';
import { applyOptimization } from '../../src/services/analytics/apply.js';
import { analyzeMetrics } from '../../src/services/analytics/patterns.js';
import { recommend, type Recommendation } from '../../src/services/analytics/recommend.js';
import { staleMultipartUploads } from '../../src/services/analytics/uploads.js';
import { CostService } from '../../src/services/costs/service.js';
import { s3BytesByClass } from '../../src/services/metrics/convert.js';
import { ApiMeter } from '../../src/services/metrics/meter.js';
import { MetricsService } from '../../src/services/metrics/service.js';
import { ebsMonthly, estimateStorageCost, type StorageUsage } from '../../src/services/pricing/index.js';
import { SimRegion } from '../../src/services/sim/index.js';
import { StorageError, type StorageInfo, type StorageMetrics } from '../../src/services/types.js';

const NOW = Date.UTC(2025, 5, 30, 12);
const REGION = 'us-east-1';
const GiB = 1024 ** 3;

function world(): { pool: ClientPool; sim: SimRegion; clock: { now: number } } {
  const clock = { now: NOW };
  const sim = new SimRegion({ stateDir: null, now: () => clock.now });
  const pool = new ClientPool({ region: REGION, credentials: { accessKeyId: 'sim', secretAccessKey: 'sim' }, plugin: sim.plugin });
  return { pool, sim, clock };
}

async function inventory(pool: ClientPool): Promise<StorageInfo[]> {
  return [...(await listEbsVolumes(pool, REGION)), ...(await listEfsFileSystems(pool, REGION)), ...(await listFsxFileSystems(pool, REGION)), ...(await listS3Buckets(pool, [REGION]))];
}

interface Analysis {
  resources: StorageInfo[];
  metrics: Map<string, StorageMetrics>;
  recs: Recommendation[];
}
let analysis: Analysis | undefined;
async function analyse(): Promise<Analysis> {
  if (analysis) return analysis;
  const { pool } = world();
  const resources = await inventory(pool);
  const metrics = await new MetricsService(pool, { now: () => NOW, meter: new ApiMeter() }).fetch(resources.map((resource) => ({ resource, window: '30d' as const })));
  const uploads = await staleMultipartUploads(pool, resources, { now: NOW });
  analysis = { resources, metrics, recs: recommend({ resources, metrics, extra: { s3IncompleteUploads: uploads }, now: NOW }) };
  return analysis;
}

const named = (a: Analysis, name: string) => {
  const r = a.resources.find((x) => x.name === name);
  if (!r) throw new Error(`${name} not in the world`);
  return r;
};
function find(a: Analysis, rule: string, name: string): Recommendation {
  const r = a.recs.find((x) => x.rule === rule && x.resourceName === name);
  if (!r) throw new Error(`${rule} for ${name} not found: ${a.recs.map((x) => `${x.rule}:${x.resourceName}`).join(', ')}`);
  return r;
}
function usd(i: StorageInfo, usage?: StorageUsage): number {
  const r = estimateStorageCost(i, usage);
  if (!r.ok) throw new Error(r.reason);
  return r.estimate.totalUsd;
}
const round2 = (v: number) => Math.round(v * 100) / 100;

describe('the default world, analysed', () => {
  it('has 30 days of hourly metrics for every store that can have them', async () => {
    const a = await analyse();
    for (const r of a.resources) {
      const m = a.metrics.get(r.id);
      if (r.type === 's3' || r.state === 'creating' || r.state === 'failed') continue;
      expect(m?.readBytesPerSec.length, r.name).toBe(720);
    }
  });

  it('finds the unattached EBS volume idle for weeks: snapshot and delete', async () => {
    const a = await analyse();
    const r = find(a, 'ebs-unattached', 'old-analysis-scratch');
    const v = named(a, 'old-analysis-scratch');
    const sizeGiB = (v.sizeBytes ?? 0) / GiB;
    expect(r.monthlySavingsUsd).toBe(round2(usd(v) - round2(usd(v, { backupGiB: sizeGiB }) - usd(v))));
    expect(r.optimize).toEqual({ kind: 'ebs-snapshot-delete' });
    expect(r.confidence).toBe('high');
  });

  it('keeps only an archive-tier copy of an idle st1 volume whose snapshot would cost more than the volume', async () => {
    const a = await analyse();
    const r = find(a, 'ebs-idle', 'cryoem-staging');
    const v = named(a, 'cryoem-staging');
    const sizeGiB = (v.sizeBytes ?? 0) / GiB;
    const plain = ebsMonthly(REGION, { volumeType: 'st1', sizeGiB });
    const archived = ebsMonthly(REGION, { volumeType: 'st1', sizeGiB, snapshotArchiveGiB: sizeGiB });
    if (!plain.ok || !archived.ok) throw new Error('no EBS price');
    expect(r.monthlySavingsUsd).toBe(round2(usd(v) - round2(archived.estimate.totalUsd - plain.estimate.totalUsd)));
    expect(r.evidence).toContain('archive tier');
  });

  it('moves the gp2 volume to gp3', async () => {
    const a = await analyse();
    const v = named(a, 'legacy-rstudio-home');
    const r = find(a, 'ebs-gp2-to-gp3', 'legacy-rstudio-home');
    const o = r.optimize;
    if (o?.kind !== 'ebs-modify') throw new Error('no ebs-modify');
    expect(r.monthlySavingsUsd).toBe(round2(usd(v) - usd({ ...v, ebs: { volumeType: 'gp3' }, iops: o.iops, throughputMBps: o.throughputMBps })));
  });

  it('right-sizes the over-provisioned OpenZFS file system', async () => {
    const a = await analyse();
    const v = named(a, 'proteomics-results-zfs');
    const r = find(a, 'fsx-overprovisioned', 'proteomics-results-zfs');
    expect(v.throughputMBps).toBeGreaterThanOrEqual(1024);
    const o = r.optimize;
    if (o?.kind !== 'fsx-throughput') throw new Error('no fsx-throughput');
    expect(o.throughputCapacityMBps).toBeLessThan(v.throughputMBps ?? 0);
    expect(r.monthlySavingsUsd).toBe(round2(usd(v) - usd({ ...v, throughputMBps: o.throughputCapacityMBps })));
    expect(r.confidence).toBe('high');
  });

  it('sees the bursting EFS file system running out of credits', async () => {
    const a = await analyse();
    const v = named(a, 'pipeline-scratch-efs');
    const r = find(a, 'efs-burst-credits', 'pipeline-scratch-efs');
    expect(r.focus).toBe('performance');
    const o = r.optimize;
    if (o?.kind !== 'efs-throughput') throw new Error('no efs-throughput');
    if (o.mode === 'provisioned') {
      expect(r.monthlySavingsUsd).toBe(round2(usd(v) - usd({ ...v, efs: { ...v.efs!, throughputMode: 'provisioned', provisionedThroughputMiBps: o.provisionedMiBps } })));
    } else expect(o.mode).toBe('elastic');
    if ((r.monthlySavingsUsd ?? 0) < 0) expect(r.evidence).toMatch(/costs about \$[\d,.]+\/month more/);
  });

  it('reads the nightly training bursts of the Lustre scratch file system', async () => {
    const a = await analyse();
    const p = analyzeMetrics(a.metrics.get(named(a, 'imagenet-train-lustre').id)!);
    expect(p.peakHoursUtc).toEqual([0, 1, 2, 3, 22, 23]);
    expect(p.dailySeasonality).toBeGreaterThan(0.8);
  });

  it('proposes a colder class for the cold archive bucket kept in STANDARD', async () => {
    const a = await analyse();
    const b = named(a, 'CMIP6 model output 2019 (archive)');
    const m = a.metrics.get(b.id)!;
    const classes = s3BytesByClass(m.extra);
    const r = find(a, 's3-cold', b.name);
    const objects = m.extra.objects.at(-1)!.v;
    const after = usd(b, { s3BytesByClass: { ...classes, STANDARD: 0, INTELLIGENT_TIERING: classes.STANDARD }, s3Objects: objects, s3IntelligentTieringTiers: { infrequentBytes: classes.STANDARD } });
    expect(r.monthlySavingsUsd).toBe(round2(usd(b, { s3BytesByClass: classes }) - after));
    expect(r.monthlySavingsUsd).toBeGreaterThan(100);
  });

  it('finds the incomplete multipart uploads older than a week', async () => {
    const a = await analyse();
    const r = find(a, 's3-incomplete-multipart', 'sequencer uploads');
    expect(r.evidence).toMatch(/^3 multipart uploads/);
  });

  it('never proposes a throughput change the API would refuse (scratch Lustre, failed file systems)', async () => {
    const a = await analyse();
    for (const r of a.recs) {
      const info = a.resources.find((x) => x.id === r.resourceId)!;
      expect(info.state, r.id).not.toBe('failed');
      if (r.optimize?.kind === 'fsx-throughput' && info.type === 'fsx-lustre') expect(info.fsx?.deploymentType).not.toMatch(/^SCRATCH/);
    }
    const s = a.recs.map((r) => r.monthlySavingsUsd ?? 0);
    expect(s).toEqual([...s].sort((x, y) => y - x));
  });
});

describe('costs of the default world', () => {
  it('month to date by service, EBS split out, with a forecast', async () => {
    const { pool } = world();
    const meter = new ApiMeter();
    const s = await new CostService(pool, { cacheDir: null, now: () => NOW, cacheKey: 'sim', meter }).get();
    expect(s.monthToDateUsd).toBeGreaterThan(0);
    expect(s.byService['Amazon FSx']).toBeGreaterThan(0);
    expect(s.ebsUsd).toBeGreaterThan(0);
    expect(s.ebsUsd).toBeLessThanOrEqual(s.byService['EC2 - Other']);
    expect(s.forecastUsd).toBeGreaterThan(s.monthToDateUsd * 0.5);
    expect(meter.ceRequests).toBe(3);
  });
});

describe('applying optimize actions through the simulated region', () => {
  it('modifies the gp2 volume to gp3 and records it in the audit log', async () => {
    const { pool, clock } = world();
    const a = await analyse();
    const r = find(a, 'ebs-gp2-to-gp3', 'legacy-rstudio-home');
    const v = (await listEbsVolumes(pool, REGION)).find((x) => x.name === 'legacy-rstudio-home')!;
    const audit = new AuditLog(null, { now: () => clock.now });
    await applyOptimization(pool, v, r.optimize!, audit);
    clock.now += 3600_000;
    const out = await pool.ec2().send(new DescribeVolumesCommand({ VolumeIds: [v.id] }));
    expect(out.Volumes?.[0].VolumeType).toBe('gp3');
    expect(audit.entries().map((e) => [e.action, e.outcome])).toContainEqual(['ec2:ModifyVolume', 'ok']);
  });

  it('lowers OpenZFS throughput, and sets EFS throughput mode', async () => {
    const { pool, clock } = world();
    const a = await analyse();
    const zfs = (await listFsxFileSystems(pool, REGION)).find((x) => x.name === 'proteomics-results-zfs')!;
    const zr = find(a, 'fsx-overprovisioned', 'proteomics-results-zfs');
    await applyOptimization(pool, zfs, zr.optimize!);
    clock.now += 6 * 3600_000;
    const fs = (await pool.fsx().send(new FsxDescribe({ FileSystemIds: [zfs.id] }))).FileSystems?.[0];
    expect(fs?.OpenZFSConfiguration?.ThroughputCapacity).toBe(zr.optimize?.kind === 'fsx-throughput' ? zr.optimize.throughputCapacityMBps : -1);

    const efs = (await listEfsFileSystems(pool, REGION)).find((x) => x.name === 'pipeline-scratch-efs')!;
    const er = find(a, 'efs-burst-credits', 'pipeline-scratch-efs');
    await applyOptimization(pool, efs, er.optimize!);
    const e = (await pool.efs().send(new EfsDescribe({ FileSystemId: efs.id }))).FileSystems?.[0];
    expect(e?.ThroughputMode).toBe(er.optimize?.kind === 'efs-throughput' ? er.optimize.mode : '');
  });

  it('adds lifecycle rules to buckets and keeps the rules already there', async () => {
    const { pool } = world();
    const a = await analyse();
    const buckets = await listS3Buckets(pool, [REGION]);
    const uploads = buckets.find((x) => x.name === 'sequencer uploads')!;
    await applyOptimization(pool, uploads, find(a, 's3-incomplete-multipart', 'sequencer uploads').optimize!);
    const rules = (await pool.s3().send(new GetBucketLifecycleConfigurationCommand({ Bucket: uploads.id }))).Rules ?? [];
    expect(rules.map((x) => x.ID).sort()).toEqual(['expire-tmp-7d', 'prism-abort-incomplete-mpu']);
    expect(rules.find((x) => x.ID === 'prism-abort-incomplete-mpu')?.AbortIncompleteMultipartUpload?.DaysAfterInitiation).toBe(7);

    const cold = buckets.find((x) => x.name === 'CMIP6 model output 2019 (archive)')!;
    await applyOptimization(pool, cold, find(a, 's3-cold', cold.name).optimize!);
    const coldRules = (await pool.s3().send(new GetBucketLifecycleConfigurationCommand({ Bucket: cold.id }))).Rules ?? [];
    expect(coldRules.map((x) => [x.ID, x.Transitions?.[0]?.StorageClass])).toEqual([['prism-intelligent-tiering', 'INTELLIGENT_TIERING']]);
  });

  it('snapshots the unattached volume, then deletes it', async () => {
    const { pool, clock } = world();
    const a = await analyse();
    const v = (await listEbsVolumes(pool, REGION)).find((x) => x.name === 'old-analysis-scratch')!;
    const r = find(a, 'ebs-unattached', 'old-analysis-scratch');
    const result = await applyOptimization(pool, v, r.optimize!, undefined, {
      sleep: async (ms) => {
        clock.now += ms;
      },
    });
    expect(result.snapshotId).toMatch(/^snap-/);
    const snaps = await pool.ec2().send(new DescribeSnapshotsCommand({ SnapshotIds: [result.snapshotId!] }));
    expect(snaps.Snapshots?.[0].VolumeId).toBe(v.id);
    clock.now += 3600_000;
    const left = (await listEbsVolumes(pool, REGION)).filter((x) => x.id === v.id && x.state !== 'deleted');
    expect(left).toEqual([]);
  });

  it('refuses an action meant for another kind of store before any call', async () => {
    const { pool, sim } = world();
    const a = await analyse();
    const bucket = named(a, 'sequencer uploads');
    const before = sim.stats.calls;
    await expect(applyOptimization(pool, bucket, { kind: 'ebs-modify', volumeType: 'gp3' })).rejects.toBeInstanceOf(StorageError);
    expect(sim.stats.calls).toBe(before);
  });
});
