// The simulated region's default world, through real SDK clients and paginators:
// every kind, every planted case, determinism, and the generated scale.
import { describe, expect, it } from 'vitest';
import { DescribeInstancesCommand, DescribeSubnetsCommand, DescribeVolumesCommand, DescribeVpcsCommand, paginateDescribeVolumes, type Volume } from '@aws-sdk/client-ec2';
import { DescribeAccessPointsCommand, DescribeFileSystemsCommand as EfsDescribe, DescribeLifecycleConfigurationCommand, DescribeMountTargetsCommand, paginateDescribeFileSystems as paginateEfs } from '@aws-sdk/client-efs';
import {
  DescribeBackupsCommand,
  DescribeDataRepositoryAssociationsCommand,
  DescribeFileSystemsCommand as FsxDescribe,
  DescribeStorageVirtualMachinesCommand,
  DescribeVolumesCommand as FsxVolumes,
  paginateDescribeFileSystems as paginateFsx,
  type FileSystem,
} from '@aws-sdk/client-fsx';
import { GetBucketLifecycleConfigurationCommand, GetBucketTaggingCommand, ListMultipartUploadsCommand, ListObjectsV2Command, paginateListBuckets, type Bucket } from '@aws-sdk/client-s3';
import { DescribeDirectoriesCommand } from '@aws-sdk/client-directory-service';
import { ListAliasesCommand } from '@aws-sdk/client-kms';
import { DescribeInstanceInformationCommand } from '@aws-sdk/client-ssm';
import { ClientPool } from '../../src/services/aws/clients.js';
import { SimRegion, type SimOptions } from '../../src/services/sim/index.js';
import { scaleCounts } from '../../src/services/sim/scale.js';

const NOW = Date.UTC(2025, 5, 2, 12, 0, 0);

function setup(opts: SimOptions = {}, region = 'us-east-1') {
  const sim = new SimRegion({ stateDir: null, now: () => NOW, ...opts });
  const pool = new ClientPool({ region, credentials: { accessKeyId: 'sim', secretAccessKey: 'sim' }, plugin: sim.plugin });
  return { sim, pool };
}

async function allVolumes(pool: ClientPool, region?: string): Promise<Volume[]> {
  const out: Volume[] = [];
  for await (const p of paginateDescribeVolumes({ client: pool.ec2(region), pageSize: 500 }, {})) out.push(...(p.Volumes ?? []));
  return out;
}

async function allFsx(pool: ClientPool, region?: string): Promise<FileSystem[]> {
  const out: FileSystem[] = [];
  for await (const p of paginateFsx({ client: pool.fsx(region), pageSize: 500 }, {})) out.push(...(p.FileSystems ?? []));
  return out;
}

async function allBuckets(pool: ClientPool): Promise<Bucket[]> {
  const out: Bucket[] = [];
  for await (const p of paginateListBuckets({ client: pool.s3(), pageSize: 1000 }, {})) out.push(...(p.Buckets ?? []));
  return out;
}

const nameOf = (tags: { Key?: string; Value?: string }[] | undefined) => tags?.find((t) => t.Key === 'Name')?.Value;

describe('default world (us-east-1)', () => {
  it('holds about thirty stores across all seven kinds, each with a recognisable Name and Project/Owner/CostCenter tags', async () => {
    const { pool } = setup();
    const vols = await allVolumes(pool);
    const efs = (await pool.efs().send(new EfsDescribe({}))).FileSystems ?? [];
    const fsx = await allFsx(pool);
    const buckets = (await allBuckets(pool)).filter((b) => b.BucketRegion === 'us-east-1');
    const types = new Set(fsx.map((f) => f.FileSystemType));
    expect(types).toEqual(new Set(['LUSTRE', 'OPENZFS', 'WINDOWS', 'ONTAP']));
    const total = vols.length + efs.length + fsx.length + buckets.length;
    expect(total).toBeGreaterThanOrEqual(25);
    expect(total).toBeLessThanOrEqual(35);
    for (const v of vols) {
      expect(v.VolumeId).toMatch(/^vol-0[0-9a-f]{16}$/);
      expect(nameOf(v.Tags)).toBeTruthy();
      expect(v.Tags?.map((t) => t.Key)).toEqual(expect.arrayContaining(['Project', 'Owner', 'CostCenter']));
      expect(v.AvailabilityZone).toMatch(/^us-east-1[a-f]$/);
    }
    for (const f of efs) expect(f.FileSystemId).toMatch(/^fs-0[0-9a-f]{16}$/);
    expect(efs.map((f) => f.Name)).toContain('research-home');
    expect(fsx.map((f) => nameOf(f.Tags))).toEqual(expect.arrayContaining(['imagenet-train-lustre', 'climate-model-home']));
    // creation times spread over past months, relative to now
    const ages = vols.map((v) => (NOW - v.CreateTime!.getTime()) / 86_400_000);
    expect(Math.max(...ages)).toBeGreaterThan(90);
    expect(Math.min(...ages)).toBeLessThan(1);
  });

  it('plants an unattached volume idle for weeks, a gp2 volume in use and a volume still creating', async () => {
    const { pool, sim } = setup();
    const vols = await allVolumes(pool);
    const subjects = new Map(sim.view('us-east-1').subjects().map((s) => [s.id, s]));
    const idle = vols.find((v) => v.State === 'available' && subjects.get(v.VolumeId!)?.profile === 'idle');
    expect(idle, 'unattached idle volume').toBeDefined();
    expect(idle!.Attachments).toEqual([]);
    expect(NOW - idle!.CreateTime!.getTime()).toBeGreaterThan(21 * 86_400_000);
    const gp2 = vols.find((v) => v.VolumeType === 'gp2');
    expect(gp2?.State).toBe('in-use');
    expect(gp2?.Iops).toBe(1500); // 3 IOPS/GiB baseline for 500 GiB
    const creating = vols.find((v) => v.State === 'creating');
    expect(creating?.SnapshotId).toMatch(/^snap-/);
    // filters: attachment.status and volume-type
    const attached = await pool.ec2().send(new DescribeVolumesCommand({ Filters: [{ Name: 'attachment.status', Values: ['attached'] }] }));
    expect(attached.Volumes!.every((v) => v.Attachments!.some((a) => a.State === 'attached'))).toBe(true);
    const gp2only = await pool.ec2().send(new DescribeVolumesCommand({ Filters: [{ Name: 'volume-type', Values: ['gp2'] }] }));
    expect(gp2only.Volumes!.map((v) => v.VolumeId)).toEqual([gp2!.VolumeId]);
    const byName = await pool.ec2().send(new DescribeVolumesCommand({ Filters: [{ Name: 'tag:Name', Values: ['old-analysis-*'] }] }));
    expect(byName.Volumes!.map((v) => v.VolumeId)).toEqual([idle!.VolumeId]);
  });

  it('plants an over-provisioned OpenZFS, a nightly-training Lustre SCRATCH_2 and a FAILED file system with its reason', async () => {
    const { pool, sim } = setup();
    const fsx = await allFsx(pool);
    const subjects = new Map(sim.view('us-east-1').subjects().map((s) => [s.id, s]));
    const over = fsx.find((f) => subjects.get(f.FileSystemId!)?.profile === 'overprovisioned');
    expect(over?.FileSystemType).toBe('OPENZFS');
    expect(over!.OpenZFSConfiguration!.ThroughputCapacity).toBeGreaterThanOrEqual(1024);
    expect(subjects.get(over!.FileSystemId!)!.usedFraction).toBeLessThan(0.05);
    const nightly = fsx.find((f) => subjects.get(f.FileSystemId!)?.profile === 'nightly-training');
    expect(nightly?.LustreConfiguration?.DeploymentType).toBe('SCRATCH_2');
    expect(nightly!.LustreConfiguration!.MountName).toMatch(/^[a-z0-9]{8}$/);
    expect(nightly!.DNSName).toBe(`${nightly!.FileSystemId}.fsx.us-east-1.amazonaws.com`);
    const failed = fsx.find((f) => f.Lifecycle === 'FAILED');
    expect(failed?.FailureDetails?.Message).toMatch(/security group/);
  });

  it('has a PERSISTENT_2 Lustre linked to S3 through a data repository association', async () => {
    const { pool } = setup();
    const p2 = (await allFsx(pool)).find((f) => f.LustreConfiguration?.DeploymentType === 'PERSISTENT_2' && f.Lifecycle === 'AVAILABLE');
    expect(p2).toBeDefined();
    const dras = await pool.fsx().send(new DescribeDataRepositoryAssociationsCommand({ Filters: [{ Name: 'file-system-id', Values: [p2!.FileSystemId!] }] }));
    expect(dras.Associations?.[0].DataRepositoryPath).toMatch(/^s3:\/\//);
  });

  it('has ONTAP with two SVMs (one joined to AD) and volumes with junction paths, Windows with a managed AD, OpenZFS child volumes with NFS exports', async () => {
    const { pool } = setup();
    const fsx = await allFsx(pool);
    const ontap = fsx.find((f) => f.FileSystemType === 'ONTAP')!;
    const svms = (await pool.fsx().send(new DescribeStorageVirtualMachinesCommand({ Filters: [{ Name: 'file-system-id', Values: [ontap.FileSystemId!] }] }))).StorageVirtualMachines!;
    expect(svms).toHaveLength(2);
    expect(svms.filter((s) => s.ActiveDirectoryConfiguration?.NetBiosName)).toHaveLength(1);
    const ontapVols = (await pool.fsx().send(new FsxVolumes({ Filters: [{ Name: 'file-system-id', Values: [ontap.FileSystemId!] }] }))).Volumes!;
    const junctions = ontapVols.filter((v) => !v.OntapConfiguration?.StorageVirtualMachineRoot).map((v) => v.OntapConfiguration?.JunctionPath);
    expect(junctions.length).toBeGreaterThanOrEqual(3);
    expect(junctions.every((j) => j?.startsWith('/'))).toBe(true);

    const win = fsx.find((f) => f.FileSystemType === 'WINDOWS')!;
    const dirs = (await pool.ds().send(new DescribeDirectoriesCommand({}))).DirectoryDescriptions!;
    expect(dirs.map((d) => d.DirectoryId)).toContain(win.WindowsConfiguration!.ActiveDirectoryId);

    const zfs = fsx.find((f) => f.FileSystemType === 'OPENZFS' && nameOf(f.Tags) === 'climate-model-home')!;
    const zvols = (await pool.fsx().send(new FsxVolumes({ Filters: [{ Name: 'file-system-id', Values: [zfs.FileSystemId!] }] }))).Volumes!;
    const children = zvols.filter((v) => v.OpenZFSConfiguration?.ParentVolumeId === zfs.OpenZFSConfiguration!.RootVolumeId);
    expect(children.length).toBeGreaterThanOrEqual(2);
    expect(children.every((v) => v.OpenZFSConfiguration!.VolumePath!.startsWith('/fsx/'))).toBe(true);
    expect(children.every((v) => (v.OpenZFSConfiguration!.NfsExports ?? []).length > 0)).toBe(true);

    const backups = (await pool.fsx().send(new DescribeBackupsCommand({}))).Backups!;
    expect(backups.length).toBeGreaterThan(0);
  });

  it('has EFS with mount targets in 3 AZs and an access point, a lifecycle policy, and one bursting file system draining credits', async () => {
    const { pool, sim } = setup();
    const efs = (await pool.efs().send(new EfsDescribe({}))).FileSystems!;
    const home = efs.find((f) => f.Name === 'research-home')!;
    const mts = (await pool.efs().send(new DescribeMountTargetsCommand({ FileSystemId: home.FileSystemId }))).MountTargets!;
    expect(new Set(mts.map((m) => m.AvailabilityZoneName)).size).toBe(3);
    expect(home.NumberOfMountTargets).toBe(3);
    const aps = (await pool.efs().send(new DescribeAccessPointsCommand({ FileSystemId: home.FileSystemId }))).AccessPoints!;
    expect(aps.length).toBeGreaterThan(0);
    const lc = await pool.efs().send(new DescribeLifecycleConfigurationCommand({ FileSystemId: home.FileSystemId }));
    expect(lc.LifecyclePolicies?.some((p) => p.TransitionToIA)).toBe(true);
    const profiles = new Map(sim.view('us-east-1').subjects().map((s) => [s.id, s.profile]));
    const drain = efs.find((f) => profiles.get(f.FileSystemId!) === 'burst-credit-drain');
    expect(drain?.ThroughputMode).toBe('bursting');
  });

  it('has S3 buckets with configuration variety: a cold archive in STANDARD without lifecycle rules, incomplete uploads, a hostile tag', async () => {
    const { pool, sim } = setup();
    const buckets = await allBuckets(pool);
    expect(new Set(buckets.map((b) => b.BucketRegion))).toEqual(new Set(['us-east-1', 'us-west-2']));
    const profiles = new Map(sim.view('us-east-1').subjects().map((s) => [s.id, s.profile]));
    const archive = buckets.find((b) => profiles.get(b.Name!) === 'archive-cold')!;
    await expect(pool.s3().send(new GetBucketLifecycleConfigurationCommand({ Bucket: archive.Name }))).rejects.toMatchObject({ name: 'NoSuchLifecycleConfiguration', $metadata: { httpStatusCode: 404 } });
    const objs = await pool.s3().send(new ListObjectsV2Command({ Bucket: archive.Name, MaxKeys: 5 }));
    expect(objs.Contents!.every((o) => o.StorageClass === 'STANDARD')).toBe(true);
    expect(objs.IsTruncated).toBe(true);

    let uploads = 0;
    let hostile = false;
    for (const b of buckets.filter((x) => x.BucketRegion === 'us-east-1')) {
      uploads += (await pool.s3().send(new ListMultipartUploadsCommand({ Bucket: b.Name }))).Uploads?.length ?? 0;
      try {
        const tags = (await pool.s3().send(new GetBucketTaggingCommand({ Bucket: b.Name }))).TagSet ?? [];
        if (tags.some((t) => t.Value?.includes('\u001b['))) hostile = true;
      } catch (e) {
        expect((e as Error).name).toBe('NoSuchTagSet');
      }
    }
    expect(uploads).toBeGreaterThan(0);
    expect(hostile).toBe(true);
  });

  it('keeps the network, instances, keys and managed directories the wizard and mount screens need', async () => {
    const { pool } = setup();
    const subnets = (await pool.ec2().send(new DescribeSubnetsCommand({ Filters: [{ Name: 'tag:Name', Values: ['*'] }] }))).Subnets!;
    expect(new Set(subnets.map((s) => s.AvailabilityZone)).size).toBe(6);
    const vpcs = (await pool.ec2().send(new DescribeVpcsCommand({}))).Vpcs!;
    expect(vpcs.some((v) => v.IsDefault)).toBe(true);
    const inst = (await pool.ec2().send(new DescribeInstancesCommand({}))).Reservations!.flatMap((r) => r.Instances!);
    expect(inst.some((i) => i.State?.Name === 'stopped')).toBe(true);
    expect(inst.some((i) => i.State?.Name === 'running')).toBe(true);
    const ssm = (await pool.ssm().send(new DescribeInstanceInformationCommand({}))).InstanceInformationList!;
    expect(ssm.some((i) => i.PlatformType === 'Linux' && i.PingStatus === 'Online')).toBe(true);
    const aliases = (await pool.kms().send(new ListAliasesCommand({}))).Aliases!.map((a) => a.AliasName);
    expect(aliases).toEqual(expect.arrayContaining(['alias/aws/ebs', 'alias/research-data']));
  });
});

describe('other regions', () => {
  it('us-west-2 has a handful of stores; eu-west-1 is empty but valid (default VPC, no storage)', async () => {
    const { pool } = setup({}, 'us-west-2');
    const west = (await allVolumes(pool)).length + ((await pool.efs().send(new EfsDescribe({}))).FileSystems ?? []).length + (await allFsx(pool)).length + (await allBuckets(pool)).filter((b) => b.BucketRegion === 'us-west-2').length;
    expect(west).toBeGreaterThanOrEqual(5);
    expect(west).toBeLessThanOrEqual(6);
    expect(await allVolumes(pool, 'eu-west-1')).toEqual([]);
    expect(await allFsx(pool, 'eu-west-1')).toEqual([]);
    const vpcs = (await pool.ec2('eu-west-1').send(new DescribeVpcsCommand({}))).Vpcs!;
    expect(vpcs).toHaveLength(1);
    expect(vpcs[0].IsDefault).toBe(true);
  });
});

describe('determinism', () => {
  it('same seed and clock give identical answers; another seed gives other ids', async () => {
    const a = setup({ seed: 7 });
    const b = setup({ seed: 7 });
    const c = setup({ seed: 8 });
    const strip = <T extends { $metadata?: unknown }>(o: T) => ({ ...o, $metadata: undefined });
    expect(strip(await a.pool.ec2().send(new DescribeVolumesCommand({})))).toEqual(strip(await b.pool.ec2().send(new DescribeVolumesCommand({}))));
    expect(strip(await a.pool.fsx().send(new FsxDescribe({})))).toEqual(strip(await b.pool.fsx().send(new FsxDescribe({}))));
    const idsA = (await allVolumes(a.pool)).map((v) => v.VolumeId);
    const idsC = (await allVolumes(c.pool)).map((v) => v.VolumeId);
    expect(idsA).not.toEqual(idsC);
    expect(a.sim.view('us-east-1').subjects()).toEqual(b.sim.view('us-east-1').subjects());
  });
});

describe('scale', () => {
  it('10,000 generated stores over all seven kinds list completely through the paginators', async () => {
    const base = setup();
    const seeded = {
      ebs: (await allVolumes(base.pool)).length,
      efs: (await base.pool.efs().send(new EfsDescribe({}))).FileSystems!.length,
      fsx: (await allFsx(base.pool)).length,
      s3: (await allBuckets(base.pool)).length,
    };
    const { pool } = setup({ scale: 10_000 });
    const n = scaleCounts(10_000);
    expect(Object.values(n).reduce((a, b) => a + b, 0)).toBe(10_000);
    expect(Object.values(n).every((k) => k > 0)).toBe(true);
    const vols = await allVolumes(pool);
    expect(new Set(vols.map((v) => v.VolumeId)).size).toBe(vols.length);
    expect(vols.length).toBe(seeded.ebs + n.ebs);
    let efs = 0;
    for await (const p of paginateEfs({ client: pool.efs(), pageSize: 100 }, {})) efs += p.FileSystems!.length;
    expect(efs).toBe(seeded.efs + n.efs);
    const fsx = await allFsx(pool);
    expect(fsx.length).toBe(seeded.fsx + n.lustre + n.openzfs + n.windows + n.ontap);
    expect((await allBuckets(pool)).length).toBe(seeded.s3 + n.s3);
    expect(vols.some((v) => nameOf(v.Tags)?.match(/^proj-\d{4}-/))).toBe(true);
  });
});

describe('metric subjects', () => {
  const NAMESPACE = { ebs: 'AWS/EBS', efs: 'AWS/EFS', s3: 'AWS/S3' } as Record<string, string>;
  const namespaceOf = (type: string) => NAMESPACE[type] ?? 'AWS/FSx';

  it('looks up one resource exactly as the full list describes it, and nothing that does not exist in the region', () => {
    const { sim } = setup({ scale: 400 });
    const view = sim.view('us-east-1');
    const all = view.subjects();
    expect(all.length).toBeGreaterThan(400);
    for (const s of all) expect(view.subject!(namespaceOf(s.type), s.id), s.id).toEqual(s);
    // Another kind's namespace, an unknown id, and a store of another region.
    const ebs = all.find((s) => s.type === 'ebs')!;
    expect(view.subject!('AWS/EFS', ebs.id)).toBeUndefined();
    expect(view.subject!('AWS/EBS', 'vol-0000000000000000f')).toBeUndefined();
    const west = sim.view('us-west-2').subjects();
    expect(west.length).toBeGreaterThan(0);
    expect(view.subject!(namespaceOf(west[0]!.type), west[0]!.id)).toBeUndefined();
  });

  it('GetMetricData gives the same answer through the lookup as through the full list', async () => {
    const { sim } = setup({ scale: 400 });
    const view = sim.view('us-east-1');
    // 1 ms later, so GetMetricData's series cache (keyed by the clock) cannot answer the second request from the first.
    const listOnly = { region: view.region, now: () => NOW + 1, subjects: () => view.subjects() };
    const { getMetricData } = await import('../../src/services/sim/cloudwatch.js');
    const picks = [...new Map(view.subjects().map((s) => [s.type, s])).values()];
    expect(picks.length).toBe(7);
    const metric: Record<string, [string, string]> = { ebs: ['VolumeReadOps', 'VolumeId'], efs: ['DataReadIOBytes', 'FileSystemId'], s3: ['BucketSizeBytes', 'BucketName'] };
    const queries = picks.map((s, i) => {
      const [name, dim] = metric[s.type] ?? ['DataReadBytes', 'FileSystemId'];
      const dims = [{ Name: dim, Value: s.id }, ...(s.type === 's3' ? [{ Name: 'StorageType', Value: 'StandardStorage' }] : [])];
      return { Id: `q${i}`, MetricStat: { Metric: { Namespace: namespaceOf(s.type), MetricName: name, Dimensions: dims }, Period: s.type === 's3' ? 86_400 : 300, Stat: 'Sum' } };
    });
    const input = { MetricDataQueries: queries, StartTime: new Date(NOW - 3 * 86_400_000), EndTime: new Date(NOW - 3_600_000) };
    const fast = getMetricData(view, input).MetricDataResults!;
    const slow = getMetricData(listOnly, input).MetricDataResults!;
    expect(fast).toEqual(slow);
    // Every kind has data, so the comparison is not between two empty answers.
    expect(fast.filter((r) => r.Values!.length > 0).length).toBe(7);
  });
});
