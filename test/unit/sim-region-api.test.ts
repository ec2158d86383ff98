// The simulated region's command semantics: pagination, lifecycle over the
// injected clock, AWS-shaped refusals, idempotency, S3 objects, SSM, and the
// dispatch to the metric and cost handlers.
import { describe, expect, it } from 'vitest';
import {
  AttachVolumeCommand,
  CreateVolumeCommand,
  DeleteVolumeCommand,
  DescribeVolumesCommand,
  DescribeVolumesModificationsCommand,
  DetachVolumeCommand,
  ModifyVolumeCommand,
  RunInstancesCommand,
  paginateDescribeVolumes,
} from '@aws-sdk/client-ec2';
import { CreateFileSystemCommand as EfsCreate, CreateMountTargetCommand, DeleteFileSystemCommand as EfsDelete, DeleteMountTargetCommand, DescribeFileSystemsCommand as EfsDescribe } from '@aws-sdk/client-efs';
import { CreateDataRepositoryAssociationCommand, CreateFileSystemCommand as FsxCreate, DeleteFileSystemCommand as FsxDelete, DeleteVolumeCommand as FsxDeleteVolume, DescribeBackupsCommand, DescribeFileSystemsCommand as FsxDescribe, DescribeVolumesCommand as FsxVolumes } from '@aws-sdk/client-fsx';
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectsCommand,
  GetBucketLocationCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  PutBucketVersioningCommand,
  S3Client,
  paginateListObjectsV2,
} from '@aws-sdk/client-s3';
import { GetCommandInvocationCommand, ListCommandInvocationsCommand, SendCommandCommand } from '@aws-sdk/client-ssm';
import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { GetCostAndUsageCommand } from '@aws-sdk/client-cost-explorer';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { ClientPool } from '../../src/services/aws/clients.js';
import { SimRegion, type SimOptions } from '../../src/services/sim/index.js';

const T0 = Date.UTC(2025, 5, 2, 12, 0, 0);

function setup(opts: SimOptions = {}, region = 'us-east-1') {
  const clock = { now: T0 };
  const sim = new SimRegion({ stateDir: null, now: () => clock.now, ...opts });
  const pool = new ClientPool({ region, credentials: { accessKeyId: 'sim', secretAccessKey: 'sim' }, plugin: sim.plugin });
  return { sim, pool, clock };
}

async function volumeNamed(pool: ClientPool, name: string) {
  const out = await pool.ec2().send(new DescribeVolumesCommand({ Filters: [{ Name: 'tag:Name', Values: [name] }] }));
  return out.Volumes![0];
}

describe('pagination', () => {
  it('pages 2,500+ volumes with NextToken, no duplicates, the same set as one unpaginated call', async () => {
    const { pool } = setup({ scale: 6500 });
    const pages: number[] = [];
    const ids: string[] = [];
    for await (const p of paginateDescribeVolumes({ client: pool.ec2(), pageSize: 1000 }, {})) {
      pages.push(p.Volumes!.length);
      ids.push(...p.Volumes!.map((v) => v.VolumeId!));
    }
    expect(ids.length).toBeGreaterThan(2500);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(pages.slice(0, -1).every((n) => n === 1000)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    const all = await pool.ec2().send(new DescribeVolumesCommand({}));
    expect(all.NextToken).toBeUndefined();
    expect(all.Volumes!.map((v) => v.VolumeId)).toEqual(ids);
  });

  it('keeps pages consistent when a volume is created between pages', async () => {
    const { pool } = setup({ scale: 200 });
    const first = await pool.ec2().send(new DescribeVolumesCommand({ MaxResults: 50 }));
    await pool.ec2().send(new CreateVolumeCommand({ AvailabilityZone: 'us-east-1a', Size: 10, VolumeType: 'gp3' }));
    const ids = first.Volumes!.map((v) => v.VolumeId);
    let token = first.NextToken;
    while (token) {
      const p = await pool.ec2().send(new DescribeVolumesCommand({ MaxResults: 50, NextToken: token }));
      ids.push(...p.Volumes!.map((v) => v.VolumeId));
      token = p.NextToken;
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('rejects what EC2 rejects: bad tokens, MaxResults < 5, ids together with MaxResults', async () => {
    const { pool } = setup();
    await expect(pool.ec2().send(new DescribeVolumesCommand({ NextToken: 'garbage' }))).rejects.toMatchObject({ name: 'InvalidPaginationToken' });
    await expect(pool.ec2().send(new DescribeVolumesCommand({ MaxResults: 2 }))).rejects.toMatchObject({ name: 'InvalidParameterValue', $metadata: { httpStatusCode: 400 } });
    await expect(pool.ec2().send(new DescribeVolumesCommand({ MaxResults: 10, VolumeIds: ['vol-0123456789abcdef0'] }))).rejects.toMatchObject({ name: 'InvalidParameterCombination' });
    await expect(pool.ec2().send(new DescribeVolumesCommand({ VolumeIds: ['vol-0123456789abcdef0'] }))).rejects.toMatchObject({ name: 'InvalidVolume.NotFound' });
  });

  it('pages EFS with Marker/MaxItems and S3 buckets with ContinuationToken', async () => {
    const { pool } = setup({ scale: 3000 });
    const seen: string[] = [];
    let marker: string | undefined;
    do {
      const p = await pool.efs().send(new EfsDescribe({ MaxItems: 100, Marker: marker }));
      expect(p.FileSystems!.length).toBeLessThanOrEqual(100);
      seen.push(...p.FileSystems!.map((f) => f.FileSystemId!));
      marker = p.NextMarker;
    } while (marker);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThan(300);
    const first = await pool.s3().send(new ListBucketsCommand({ MaxBuckets: 100 }));
    expect(first.Buckets).toHaveLength(100);
    const second = await pool.s3().send(new ListBucketsCommand({ MaxBuckets: 100, ContinuationToken: first.ContinuationToken }));
    expect(second.Buckets![0].Name! > first.Buckets![99].Name!).toBe(true);
  });
});

describe('lifecycle over the injected clock', () => {
  it('EBS: creating -> available after 4 s; deleting -> gone after 4 s more', async () => {
    const { pool, clock, sim } = setup();
    const v = await pool.ec2().send(new CreateVolumeCommand({ AvailabilityZone: 'us-east-1b', Size: 100, VolumeType: 'gp3', TagSpecifications: [{ ResourceType: 'volume', Tags: [{ Key: 'Name', Value: 'new-scratch' }] }] }));
    expect(v.State).toBe('creating');
    expect(v.Iops).toBe(3000);
    expect(v.Throughput).toBe(125);
    const subject = () => sim.view('us-east-1').subjects().find((s) => s.id === v.VolumeId);
    expect(subject()?.profile).toBe('creating');
    clock.now += 3_999;
    expect((await volumeNamed(pool, 'new-scratch')).State).toBe('creating');
    clock.now += 1;
    expect((await volumeNamed(pool, 'new-scratch')).State).toBe('available');
    expect(subject()?.profile).toBe('growing');
    await pool.ec2().send(new DeleteVolumeCommand({ VolumeId: v.VolumeId }));
    expect((await volumeNamed(pool, 'new-scratch')).State).toBe('deleting');
    clock.now += 4_000;
    expect(await volumeNamed(pool, 'new-scratch')).toBeUndefined();
    expect(subject()).toBeUndefined();
  });

  it('lifecycleSeconds scales durations: FSx CREATING -> AVAILABLE after 20 s x factor', async () => {
    const { pool, clock } = setup({ lifecycleSeconds: 0.5 });
    const subnet = (await pool.ec2().send(new DescribeInstancesCommand({}))).Reservations![0].Instances![0].SubnetId!;
    const fs = await pool.fsx().send(
      new FsxCreate({ FileSystemType: 'LUSTRE', StorageCapacity: 1200, SubnetIds: [subnet], LustreConfiguration: { DeploymentType: 'SCRATCH_2', DataCompressionType: 'LZ4' }, Tags: [{ Key: 'Name', Value: 'burst' }] }),
    );
    expect(fs.FileSystem!.Lifecycle).toBe('CREATING');
    expect(fs.FileSystem!.LustreConfiguration!.MountName).toMatch(/^[a-z0-9]{8}$/);
    clock.now += 10_000;
    const after = await pool.fsx().send(new FsxDescribe({ FileSystemIds: [fs.FileSystem!.FileSystemId!] }));
    expect(after.FileSystems![0].Lifecycle).toBe('AVAILABLE');
  });

  it('attach, modify and detach move through their states; the volume reflects the new size once optimizing', async () => {
    const { pool, clock } = setup();
    const inst = (await pool.ec2().send(new DescribeInstancesCommand({ Filters: [{ Name: 'tag:Name', Values: ['hpc-head-node'] }] }))).Reservations![0].Instances![0];
    const v = await pool.ec2().send(new CreateVolumeCommand({ AvailabilityZone: inst.Placement!.AvailabilityZone, Size: 50, VolumeType: 'gp3' }));
    clock.now += 5_000;
    const att = await pool.ec2().send(new AttachVolumeCommand({ VolumeId: v.VolumeId, InstanceId: inst.InstanceId, Device: '/dev/sdz' }));
    expect(att.State).toBe('attaching');
    clock.now += 1_000;
    const attached = (await pool.ec2().send(new DescribeVolumesCommand({ VolumeIds: [v.VolumeId!] }))).Volumes![0];
    expect(attached.State).toBe('in-use');
    expect(attached.Attachments![0].State).toBe('attached');
    const mod = await pool.ec2().send(new ModifyVolumeCommand({ VolumeId: v.VolumeId, Size: 80 }));
    expect(mod.VolumeModification!.ModificationState).toBe('modifying');
    await expect(pool.ec2().send(new ModifyVolumeCommand({ VolumeId: v.VolumeId, Size: 90 }))).rejects.toMatchObject({ name: 'VolumeModificationRateExceeded' });
    clock.now += 4_000;
    const mods = await pool.ec2().send(new DescribeVolumesModificationsCommand({ VolumeIds: [v.VolumeId!] }));
    expect(mods.VolumesModifications![0].ModificationState).toBe('optimizing');
    expect((await pool.ec2().send(new DescribeVolumesCommand({ VolumeIds: [v.VolumeId!] }))).Volumes![0].Size).toBe(80);
    const det = await pool.ec2().send(new DetachVolumeCommand({ VolumeId: v.VolumeId }));
    expect(det.State).toBe('detaching');
    clock.now += 1_000;
    expect((await pool.ec2().send(new DescribeVolumesCommand({ VolumeIds: [v.VolumeId!] }))).Volumes![0].State).toBe('available');
  });
});

describe('refusals, shaped as AWS shapes them', () => {
  it('will not delete an attached volume (VolumeInUse) or a missing one (InvalidVolume.NotFound)', async () => {
    const { pool } = setup();
    const v = await volumeNamed(pool, 'genomics-scratch');
    await expect(pool.ec2().send(new DeleteVolumeCommand({ VolumeId: v.VolumeId }))).rejects.toMatchObject({ name: 'VolumeInUse', $fault: 'client', $metadata: { httpStatusCode: 400 } });
    await expect(pool.ec2().send(new DeleteVolumeCommand({ VolumeId: 'vol-0000000000000000f' }))).rejects.toMatchObject({ name: 'InvalidVolume.NotFound', $metadata: { httpStatusCode: 400 } });
  });

  it('will not delete a non-empty bucket (BucketNotEmpty 409); emptying it first works, versions included', async () => {
    const { pool } = setup();
    await expect(pool.s3().send(new DeleteBucketCommand({ Bucket: 'acme-collab-share' }))).rejects.toMatchObject({ name: 'BucketNotEmpty', $metadata: { httpStatusCode: 409 } });
    // a small versioned bucket of our own: objects deleted without a version leave delete markers
    await pool.s3().send(new CreateBucketCommand({ Bucket: 'acme-tiny-test-bucket' }));
    await pool.s3().send(new PutBucketVersioningCommand({ Bucket: 'acme-tiny-test-bucket', VersioningConfiguration: { Status: 'Enabled' } }));
    await pool.s3().send(new DeleteBucketCommand({ Bucket: 'acme-tiny-test-bucket' }));
    await expect(pool.s3().send(new HeadBucketCommand({ Bucket: 'acme-tiny-test-bucket' }))).rejects.toMatchObject({ name: 'NotFound', $metadata: { httpStatusCode: 404 } });
  });

  it('EFS with mount targets cannot be deleted (FileSystemInUse 409); after deleting them it can', async () => {
    const { pool, clock } = setup();
    const fs = (await pool.efs().send(new EfsDescribe({}))).FileSystems!.find((f) => f.Name === 'pipeline-scratch-efs')!;
    await expect(pool.efs().send(new EfsDelete({ FileSystemId: fs.FileSystemId }))).rejects.toMatchObject({ name: 'FileSystemInUse', $metadata: { httpStatusCode: 409 } });
    const { DescribeMountTargetsCommand } = await import('@aws-sdk/client-efs');
    const mts = (await pool.efs().send(new DescribeMountTargetsCommand({ FileSystemId: fs.FileSystemId }))).MountTargets!;
    for (const m of mts) await pool.efs().send(new DeleteMountTargetCommand({ MountTargetId: m.MountTargetId }));
    await expect(pool.efs().send(new EfsDelete({ FileSystemId: fs.FileSystemId }))).rejects.toMatchObject({ name: 'FileSystemInUse' });
    clock.now += 6_000;
    await pool.efs().send(new EfsDelete({ FileSystemId: fs.FileSystemId }));
    clock.now += 6_000;
    await expect(pool.efs().send(new EfsDescribe({ FileSystemId: fs.FileSystemId }))).rejects.toMatchObject({ name: 'FileSystemNotFound', $metadata: { httpStatusCode: 404 } });
  });

  it('FSx: unknown ids are FileSystemNotFound; Windows takes a final backup unless skipped; ONTAP volumes too', async () => {
    const { pool } = setup();
    await expect(pool.fsx().send(new FsxDescribe({ FileSystemIds: ['fs-0123456789abcdef0'] }))).rejects.toMatchObject({ name: 'FileSystemNotFound' });
    const all = (await pool.fsx().send(new FsxDescribe({}))).FileSystems!;
    const win = all.find((f) => f.FileSystemType === 'WINDOWS')!;
    const del = await pool.fsx().send(new FsxDelete({ FileSystemId: win.FileSystemId }));
    expect(del.Lifecycle).toBe('DELETING');
    const finalId = del.WindowsResponse!.FinalBackupId!;
    const backups = (await pool.fsx().send(new DescribeBackupsCommand({ BackupIds: [finalId] }))).Backups!;
    expect(backups[0].FileSystem!.FileSystemId).toBe(win.FileSystemId);
    const ontap = all.find((f) => f.FileSystemType === 'ONTAP')!;
    await expect(pool.fsx().send(new FsxDelete({ FileSystemId: ontap.FileSystemId }))).rejects.toMatchObject({ name: 'BadRequest' });
    const vol = (await pool.fsx().send(new FsxVolumes({ Filters: [{ Name: 'file-system-id', Values: [ontap.FileSystemId!] }] }))).Volumes!.find((v) => v.Name === 'vol_scratch')!;
    const skip = await pool.fsx().send(new FsxDeleteVolume({ VolumeId: vol.VolumeId, OntapConfiguration: { SkipFinalBackup: true } }));
    expect(skip.OntapResponse).toBeUndefined();
  });

  it('CreateBucket follows the LocationConstraint rules and ownership answers', async () => {
    const east = setup();
    await expect(east.pool.s3().send(new CreateBucketCommand({ Bucket: 'acme-new-one', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }))).rejects.toMatchObject({ name: 'IllegalLocationConstraintException' });
    await expect(east.pool.s3().send(new CreateBucketCommand({ Bucket: 'Bad_Name' }))).rejects.toMatchObject({ name: 'InvalidBucketName' });
    await expect(east.pool.s3().send(new CreateBucketCommand({ Bucket: 'examplebucket' }))).rejects.toMatchObject({ name: 'BucketAlreadyExists', $metadata: { httpStatusCode: 409 } });
    const west = new ClientPool({ region: 'us-west-2', credentials: { accessKeyId: 'sim', secretAccessKey: 'sim' }, plugin: east.sim.plugin });
    // the SDK adds LocationConstraint=us-west-2 for us: accepted
    await west.s3().send(new CreateBucketCommand({ Bucket: 'acme-west-new' }));
    await expect(west.s3().send(new CreateBucketCommand({ Bucket: 'acme-west-new' }))).rejects.toMatchObject({ name: 'BucketAlreadyOwnedByYou', $metadata: { httpStatusCode: 409 } });
    expect((await east.pool.s3().send(new GetBucketLocationCommand({ Bucket: 'acme-west-new' }))).LocationConstraint).toBe('us-west-2');
    expect((await east.pool.s3().send(new GetBucketLocationCommand({ Bucket: 'acme-imagenet-datasets' }))).LocationConstraint).toBeUndefined();
    // bucket-level calls go to the bucket's region, as with AWS
    await expect(east.pool.s3().send(new DeleteBucketCommand({ Bucket: 'acme-west-new' }))).rejects.toMatchObject({ name: 'PermanentRedirect', $metadata: { httpStatusCode: 301 } });
  });

  it('EC2 DryRun answers DryRunOperation (412) and changes nothing', async () => {
    const { pool } = setup();
    const before = (await pool.ec2().send(new DescribeVolumesCommand({}))).Volumes!.length;
    await expect(pool.ec2().send(new CreateVolumeCommand({ AvailabilityZone: 'us-east-1a', Size: 10, DryRun: true }))).rejects.toMatchObject({ name: 'DryRunOperation', $metadata: { httpStatusCode: 412 } });
    expect((await pool.ec2().send(new DescribeVolumesCommand({}))).Volumes!.length).toBe(before);
  });

  it('answers unknown commands with UnsupportedOperation, never an empty success', async () => {
    const { pool } = setup();
    await expect(pool.ec2().send(new RunInstancesCommand({ MinCount: 1, MaxCount: 1, ImageId: 'ami-1' }))).rejects.toMatchObject({ name: 'UnsupportedOperation' });
  });
});

describe('idempotency tokens', () => {
  it('CreateVolume with the same ClientToken returns the same volume; different parameters are refused', async () => {
    const { pool } = setup();
    const a = await pool.ec2().send(new CreateVolumeCommand({ AvailabilityZone: 'us-east-1a', Size: 10, ClientToken: 'tok-1' }));
    const b = await pool.ec2().send(new CreateVolumeCommand({ AvailabilityZone: 'us-east-1a', Size: 10, ClientToken: 'tok-1' }));
    expect(b.VolumeId).toBe(a.VolumeId);
    await expect(pool.ec2().send(new CreateVolumeCommand({ AvailabilityZone: 'us-east-1a', Size: 11, ClientToken: 'tok-1' }))).rejects.toMatchObject({ name: 'IdempotentParameterMismatch' });
  });

  it('EFS CreationToken: a repeat answers FileSystemAlreadyExists carrying the id, as EFS does', async () => {
    const { pool } = setup();
    const a = await pool.efs().send(new EfsCreate({ CreationToken: 'wizard-123', ThroughputMode: 'elastic', Encrypted: true }));
    await expect(pool.efs().send(new EfsCreate({ CreationToken: 'wizard-123', ThroughputMode: 'elastic', Encrypted: true }))).rejects.toMatchObject({ name: 'FileSystemAlreadyExists', FileSystemId: a.FileSystemId, $metadata: { httpStatusCode: 409 } });
    await expect(pool.efs().send(new CreateMountTargetCommand({ FileSystemId: a.FileSystemId, SubnetId: 'subnet-0000000000000000f' }))).rejects.toMatchObject({ name: 'IncorrectFileSystemLifeCycleState' });
  });

  it('FSx ClientRequestToken: the same request returns the same file system; S3 links go through a data repository association', async () => {
    const { pool, clock } = setup();
    const subnet = (await pool.ec2().send(new DescribeInstancesCommand({}))).Reservations![0].Instances![0].SubnetId!;
    const req = { FileSystemType: 'LUSTRE' as const, StorageCapacity: 2400, SubnetIds: [subnet], ClientRequestToken: 'same', LustreConfiguration: { DeploymentType: 'PERSISTENT_2' as const, PerUnitStorageThroughput: 125 } };
    const a = await pool.fsx().send(new FsxCreate(req));
    const b = await pool.fsx().send(new FsxCreate(req));
    expect(b.FileSystem!.FileSystemId).toBe(a.FileSystem!.FileSystemId);
    await expect(pool.fsx().send(new FsxCreate({ ...req, StorageCapacity: 4800 }))).rejects.toMatchObject({ name: 'IncompatibleParameterError' });
    const dra = { FileSystemId: a.FileSystem!.FileSystemId, FileSystemPath: '/data', DataRepositoryPath: 's3://acme-imagenet-datasets/train' };
    await expect(pool.fsx().send(new CreateDataRepositoryAssociationCommand(dra))).rejects.toMatchObject({ name: 'BadRequest', message: expect.stringContaining('not AVAILABLE') });
    clock.now += 20_000;
    const made = await pool.fsx().send(new CreateDataRepositoryAssociationCommand(dra));
    expect(made.Association!.Lifecycle).toBe('CREATING');
    await expect(pool.fsx().send(new CreateDataRepositoryAssociationCommand({ ...dra, FileSystemPath: '/data/sub' }))).rejects.toMatchObject({ name: 'BadRequest', message: expect.stringContaining('overlaps') });
  });
});

describe('S3 objects', () => {
  it('lists synthesised keys in order with prefixes and delimiters, and forgets deleted ones', async () => {
    const { pool } = setup();
    const s3 = pool.s3();
    const top = await s3.send(new ListObjectsV2Command({ Bucket: 'acme-collab-share', Delimiter: '/' }));
    expect(top.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['shared/']);
    const dirs = await s3.send(new ListObjectsV2Command({ Bucket: 'acme-collab-share', Prefix: 'shared/', Delimiter: '/' }));
    expect(dirs.CommonPrefixes!.length).toBeGreaterThan(1);
    const keys: string[] = [];
    for await (const p of paginateListObjectsV2({ client: s3, pageSize: 1000 }, { Bucket: 'acme-collab-share' })) keys.push(...(p.Contents ?? []).map((o) => o.Key!));
    expect(keys).toHaveLength(5400);
    expect([...keys].sort()).toEqual(keys);
    await s3.send(new DeleteObjectsCommand({ Bucket: 'acme-collab-share', Delete: { Objects: keys.slice(0, 3).map((Key) => ({ Key })) } }));
    const after = await s3.send(new ListObjectsV2Command({ Bucket: 'acme-collab-share', MaxKeys: 2 }));
    expect(after.Contents!.map((o) => o.Key)).toEqual(keys.slice(3, 5));
    expect(after.KeyCount).toBe(2);
  });

  it('in a versioned bucket a delete leaves a marker and the versions; deleting them empties the bucket', async () => {
    const { pool } = setup();
    const s3 = pool.s3();
    const bucket = 'acme-genomics-raw-data-123456789012';
    const first = (await s3.send(new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 1 }))).Contents![0].Key!;
    const del = await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: [{ Key: first }] } }));
    expect(del.Deleted![0].DeleteMarker).toBe(true);
    const v = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: first }));
    expect(v.DeleteMarkers).toHaveLength(1);
    expect(v.Versions![0].IsLatest).toBe(false);
    await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: [{ Key: first, VersionId: v.Versions![0].VersionId }] } }));
    expect((await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: first }))).Versions).toBeUndefined();
  });
});

describe('SSM Run Command', () => {
  it('goes Pending -> InProgress -> Success over two seconds of sim time and echoes the script', async () => {
    const { pool, clock } = setup();
    const inst = (await pool.ec2().send(new DescribeInstancesCommand({ Filters: [{ Name: 'tag:Name', Values: ['hpc-head-node'] }] }))).Reservations![0].Instances![0];
    const sent = await pool.ssm().send(new SendCommandCommand({ DocumentName: 'AWS-RunShellScript', InstanceIds: [inst.InstanceId!], Parameters: { commands: ['set -euo pipefail', 'sudo mkdir -p /fsx', "echo 'mounted /fsx'"] } }));
    const id = sent.Command!.CommandId!;
    expect(sent.Command!.Status).toBe('Pending');
    const get = () => pool.ssm().send(new GetCommandInvocationCommand({ CommandId: id, InstanceId: inst.InstanceId }));
    expect((await get()).Status).toBe('Pending');
    clock.now += 1_000;
    expect((await get()).Status).toBe('InProgress');
    clock.now += 1_000;
    const done = await get();
    expect(done.Status).toBe('Success');
    expect(done.ResponseCode).toBe(0);
    expect(done.StandardOutputContent).toBe('+ sudo mkdir -p /fsx\n+ echo \'mounted /fsx\'\nmounted /fsx\n');
    const list = await pool.ssm().send(new ListCommandInvocationsCommand({ CommandId: id, Details: true }));
    expect(list.CommandInvocations![0].CommandPlugins![0].Output).toContain('mounted /fsx');
    const stopped = (await pool.ec2().send(new DescribeInstancesCommand({ Filters: [{ Name: 'instance-state-name', Values: ['stopped'] }] }))).Reservations![0].Instances![0];
    await expect(pool.ssm().send(new SendCommandCommand({ DocumentName: 'AWS-RunShellScript', InstanceIds: [stopped.InstanceId!], Parameters: { commands: ['true'] } }))).rejects.toMatchObject({ name: 'InvalidInstanceId' });
  });
});

describe('identity, metrics and costs', () => {
  it('STS names the simulated role; CloudWatch and Cost Explorer answer from the same world', async () => {
    const { pool, clock } = setup();
    const me = await pool.sts().send(new GetCallerIdentityCommand({}));
    expect(me.Account).toBe('123456789012');
    expect(me.Arn).toBe('arn:aws:sts::123456789012:assumed-role/Researcher/alice');
    const v = await volumeNamed(pool, 'genomics-scratch');
    const end = new Date(Math.floor(clock.now / 3_600_000) * 3_600_000);
    const md = await pool.cloudwatch().send(
      new GetMetricDataCommand({
        StartTime: new Date(end.getTime() - 6 * 3_600_000),
        EndTime: end,
        MetricDataQueries: [{ Id: 'r', MetricStat: { Metric: { Namespace: 'AWS/EBS', MetricName: 'VolumeReadBytes', Dimensions: [{ Name: 'VolumeId', Value: v.VolumeId }] }, Period: 3600, Stat: 'Sum' } }],
      }),
    );
    expect(md.MetricDataResults![0].Values!.length).toBeGreaterThan(0);
    const ce = await pool.ce().send(new GetCostAndUsageCommand({ TimePeriod: { Start: '2025-05-01', End: '2025-06-01' }, Granularity: 'MONTHLY', Metrics: ['UnblendedCost'] }));
    expect(Number(ce.ResultsByTime![0].Total!.UnblendedCost.Amount)).toBeGreaterThan(0);
  });

  it('an S3 client in any region lists every bucket with its region', async () => {
    const { sim } = setup();
    const client = new S3Client({ region: 'eu-west-1', credentials: { accessKeyId: 'sim', secretAccessKey: 'sim' } });
    sim.plugin(client, 's3', 'eu-west-1');
    const out = await client.send(new ListBucketsCommand({}));
    expect(out.Buckets!.some((b) => b.BucketRegion === 'us-west-2')).toBe(true);
  });
});
