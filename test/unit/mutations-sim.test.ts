// Mutations through the simulated region: the real SDK clients and commands,
// with the network replaced. The clock is injected: waits advance it instead
// of sleeping, so "20 minutes of FSx creation" takes milliseconds.
import { DescribeInstancesCommand, DescribeSnapshotsCommand, DescribeSubnetsCommand, DescribeVolumesCommand } from '@aws-sdk/client-ec2';
import { DescribeMountTargetsCommand } from '@aws-sdk/client-efs';
import { DescribeBackupsCommand, DescribeFileSystemsCommand, DescribeStorageVirtualMachinesCommand, DescribeVolumesCommand as FsxDescribeVolumesCommand } from '@aws-sdk/client-fsx';
import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/services/audit.js';
import { ClientPool } from '../../src/services/aws/clients.js';
import { listEbsVolumes } from '../../src/services/aws/ebs.js';
import { listEfsFileSystems } from '../../src/services/aws/efs.js';
import { listFsxFileSystems } from '../../src/services/aws/fsx.js';
import { listS3Buckets } from '../../src/services/aws/s3.js';
import {
  CreateFailedError,
  createStorage,
  deleteStorage,
  detachEbsVolume,
  modifyEbsVolume,
  newRequest,
  previewDelete,
  updateEfsThroughput,
  updateFsxThroughput,
  waitUntilAvailable,
} from '../../src/services/aws/mutations.js';
import { SimRegion } from '../../src/services/sim/index.js';
import { StorageError, type StorageInfo, type StorageState } from '../../src/services/types.js';

const REGION = 'us-east-1';
const T0 = Date.UTC(2025, 2, 3, 14, 0, 0);
const HOUR = 3_600_000;

let clock = T0;
let sim: SimRegion;
let pool: ClientPool;
let audit: AuditLog;
let auditDir: string;
/** Waiting = advancing the simulated clock. */
const sleep = async (ms: number) => {
  clock += ms;
};
const fast = { sleep, intervalMs: 10_000, waitTimeoutMs: 3 * HOUR };

beforeEach(() => {
  clock = T0;
  sim = new SimRegion({ stateDir: null, now: () => clock });
  pool = new ClientPool({ region: REGION, credentials: { accessKeyId: 'SIMULATED', secretAccessKey: 'SIMULATED' }, plugin: sim.plugin });
  auditDir = mkdtempSync(join(tmpdir(), 'prism-mut-'));
  audit = new AuditLog(join(auditDir, 'audit.log'), { profile: 'sim', now: () => clock });
});
afterEach(() => {
  pool.destroy();
  rmSync(auditDir, { recursive: true, force: true });
});

async function subnets(): Promise<{ id: string; az: string }[]> {
  const out = await pool.ec2().send(new DescribeSubnetsCommand({}));
  return (out.Subnets ?? []).map((s) => ({ id: s.SubnetId ?? '', az: s.AvailabilityZone ?? '' })).sort((a, b) => a.az.localeCompare(b.az));
}

async function waitFor(type: StorageInfo['type'], id: string, region = REGION, states?: [StorageState, string][]): Promise<StorageInfo> {
  return waitUntilAvailable(pool, type, id, region, { timeoutMs: 3 * HOUR, intervalMs: 10_000, sleep, onState: (s, raw) => states?.push([s, raw]) });
}

async function find(list: StorageInfo[], id: string): Promise<StorageInfo> {
  const r = list.find((x) => x.id === id);
  if (!r) throw new Error(`${id} not listed`);
  return r;
}

describe('create all seven kinds, then wait until available (advanced clock)', () => {
  it('EBS gp3, attached to an instance in its AZ', async () => {
    const inst = (await pool.ec2().send(new DescribeInstancesCommand({}))).Reservations?.flatMap((r) => r.Instances ?? []).find((i) => i.State?.Name === 'running');
    const az = inst?.Placement?.AvailabilityZone ?? '';
    const req = newRequest({ name: 'new-scratch', region: REGION, tags: { project: 'demo' }, config: { type: 'ebs', ebs: { volumeType: 'gp3', sizeGiB: 100, iops: 4000, throughputMBps: 250, availabilityZone: az, encrypted: true, attachToInstanceId: inst?.InstanceId, device: '/dev/sdz' } } });
    const steps: string[] = [];
    const made = await createStorage(pool, req, { audit, onStep: (_i, c) => steps.push(c), ...fast });
    expect(steps).toEqual(['CreateVolume', 'AttachVolume']);
    // The same request again (a retry after a dropped connection): same volume, thanks to ClientToken.
    const again = await createStorage(pool, req, { audit, ...fast });
    expect(again.id).toBe(made.id);

    const states: [StorageState, string][] = [];
    const info = await waitFor('ebs', made.id, REGION, states);
    expect(info).toMatchObject({ id: made.id, name: 'new-scratch', type: 'ebs', iops: 4000, throughputMBps: 250, tags: { Name: 'new-scratch', project: 'demo' } });
    expect(['available', 'in-use']).toContain(info.state);
    expect(states.length).toBeGreaterThanOrEqual(1);
    expect((await listEbsVolumes(pool, REGION)).filter((v) => v.name === 'new-scratch')).toHaveLength(1);
  });

  it('EFS regional, elastic, with lifecycle, a mount target per AZ and an access point', async () => {
    const sn = await subnets();
    const twoAzs = [...new Map(sn.map((s) => [s.az, s])).values()].slice(0, 2);
    const req = newRequest({
      name: 'team-home',
      region: REGION,
      tags: { team: 'bio' },
      config: {
        type: 'efs',
        efs: {
          performanceMode: 'generalPurpose',
          throughputMode: 'elastic',
          encrypted: true,
          transitionToIA: 'AFTER_30_DAYS',
          transitionToArchive: 'AFTER_90_DAYS',
          subnetIds: twoAzs.map((s) => s.id),
          securityGroupIds: [],
          accessPoint: { path: '/home', uid: 1000, gid: 1000, permissions: '750' },
        },
      },
    });
    const waits: string[] = [];
    const made = await createStorage(pool, req, { audit, onState: (what, _s, raw) => waits.push(`${what}:${raw}`), ...fast });
    expect(made.id).toMatch(/^fs-/);
    // Lifecycle and mount targets waited for the file system to be available.
    expect(waits.at(-1)).toBe(`${made.id}:available`);
    const info = await waitFor('efs', made.id);
    expect(info).toMatchObject({ state: 'available', name: 'team-home', efs: { throughputMode: 'elastic', lifecyclePolicies: ['TransitionToIA:AFTER_30_DAYS', 'TransitionToArchive:AFTER_90_DAYS'] } });
    expect(info.mount.efsMountTargets?.map((m) => m.subnetId).sort()).toEqual(twoAzs.map((s) => s.id).sort());
    expect(info.mount.efsAccessPoints).toEqual([expect.objectContaining({ rootDirectory: '/home', posixUser: { uid: 1000, gid: 1000 } })]);
  });

  it('EFS One Zone: the file system lives in the chosen AZ', async () => {
    const [s] = await subnets();
    const made = await createStorage(pool, newRequest({ name: 'onezone', region: REGION, tags: {}, config: { type: 'efs', efs: { performanceMode: 'generalPurpose', throughputMode: 'bursting', encrypted: true, availabilityZoneName: s.az, subnetIds: [s.id], securityGroupIds: [] } } }), { audit, ...fast });
    const info = await waitFor('efs', made.id);
    expect(info).toMatchObject({ availabilityZone: s.az, efs: { oneZone: true, throughputMode: 'bursting' } });
  });

  it('S3 in another region: the bucket is listed there with its configuration', async () => {
    const bucket = 'prism-new-bucket-euw1';
    const made = await createStorage(
      pool,
      newRequest({ name: 'lab archive', region: 'eu-west-1', tags: { project: 'x' }, config: { type: 's3', s3: { bucketName: bucket, region: 'eu-west-1', encryption: 'AES256', versioning: true, blockPublicAccess: true, lifecyclePreset: 'archive-after-90' } } }),
      { audit, ...fast },
    );
    expect(made).toEqual({ type: 's3', id: bucket, region: 'eu-west-1' });
    const info = await waitFor('s3', bucket, 'eu-west-1');
    expect(info).toMatchObject({ name: 'lab archive', region: 'eu-west-1', s3: { versioning: 'Enabled', hasLifecycleRules: true, blockPublicAccess: true, defaultEncryption: 'AES256' } });
    const listed = await find(await listS3Buckets(pool, ['eu-west-1']), bucket);
    expect(listed.tags).toMatchObject({ Name: 'lab archive', project: 'x' });
  });

  it('FSx Lustre PERSISTENT_2: creating, then available after the simulated minutes pass', async () => {
    const [s] = await subnets();
    const made = await createStorage(
      pool,
      newRequest({ name: 'training-lustre', region: REGION, tags: {}, config: { type: 'fsx-lustre', lustre: { deploymentType: 'PERSISTENT_2', storageCapacityGiB: 1200, perUnitStorageThroughput: 250, dataCompressionType: 'LZ4', subnetId: s.id, securityGroupIds: [] } } }),
      { audit, ...fast },
    );
    const start = clock;
    const states: [StorageState, string][] = [];
    const info = await waitFor('fsx-lustre', made.id, REGION, states);
    expect(states[0]).toEqual(['creating', 'CREATING']);
    expect(states.at(-1)).toEqual(['available', 'AVAILABLE']);
    expect(clock).toBeGreaterThan(start);
    expect(info).toMatchObject({ state: 'available', fsx: { deploymentType: 'PERSISTENT_2', perUnitStorageThroughput: 250, dataCompressionType: 'LZ4' } });
    expect(info.mount.lustreMountName).toBeTruthy();
  });

  it('FSx OpenZFS: root volume with the chosen record size, compression and NFS export', async () => {
    const [s] = await subnets();
    const made = await createStorage(
      pool,
      newRequest({
        name: 'zfs-home',
        region: REGION,
        tags: {},
        config: { type: 'fsx-openzfs', openzfs: { deploymentType: 'SINGLE_AZ_2', throughputCapacityMBps: 320, storageCapacityGiB: 512, dataCompressionType: 'ZSTD', recordSizeKiB: 128, nfsExportClients: '10.0.0.0/8', subnetIds: [s.id], securityGroupIds: [] } },
      }),
      { audit, ...fast },
    );
    const info = await waitFor('fsx-openzfs', made.id);
    expect(info.throughputMBps).toBe(320);
    const root = info.mount.openZfsVolumes?.find((v) => v.id === info.fsx?.rootVolumeId);
    expect(root).toMatchObject({ recordSizeKiB: 128, compression: 'ZSTD', nfsExports: [{ clients: '10.0.0.0/8', options: ['rw', 'crossmnt'] }] });
  });

  it('FSx Windows with self-managed AD: the password never reaches the audit log', async () => {
    const sn = await subnets();
    const azs = [...new Map(sn.map((s) => [s.az, s])).values()];
    const password = 'Join-Passw0rd-7781';
    const made = await createStorage(
      pool,
      newRequest({
        name: 'lab-shares',
        region: REGION,
        tags: {},
        config: {
          type: 'fsx-windows',
          windows: {
            deploymentType: 'MULTI_AZ_1',
            throughputCapacityMBps: 64,
            storageType: 'SSD',
            storageCapacityGiB: 100,
            selfManagedAd: { domainName: 'corp.research.example.org', dnsIps: ['10.20.0.10', '10.20.1.10'], userName: 'fsx-join', password },
            subnetIds: [azs[0].id, azs[1].id],
            securityGroupIds: [],
          },
        },
      }),
      { audit, ...fast },
    );
    const info = await waitFor('fsx-windows', made.id);
    expect(info).toMatchObject({ type: 'fsx-windows', fsx: { deploymentType: 'MULTI_AZ_1' } });
    const file = readFileSync(join(auditDir, 'audit.log'), 'utf8');
    expect(file).toContain('fsx:CreateFileSystem');
    expect(file).not.toContain(password);
  });

  it('FSx ONTAP: the SVM waits for the file system, the volume for the SVM; admin password never logged', async () => {
    const sn = await subnets();
    const azs = [...new Map(sn.map((s) => [s.az, s])).values()];
    const steps: [number, string, number][] = [];
    const made = await createStorage(
      pool,
      newRequest({
        name: 'netapp-projects',
        region: REGION,
        tags: {},
        config: {
          type: 'fsx-ontap',
          ontap: { deploymentType: 'MULTI_AZ_1', throughputCapacityMBps: 256, storageCapacityGiB: 1024, adminPassword: 'Ontap-Adm1n-Pass', svmName: 'projects', volumeName: 'proj_vol', junctionPath: '/projects', volumeSizeMiB: 204800, subnetIds: [azs[0].id, azs[1].id], securityGroupIds: [] },
        },
      }),
      { audit, onStep: (i, c) => steps.push([i, c, clock]), ...fast },
    );
    expect(steps.map(([i, c]) => `${i}:${c}`)).toEqual(['0:CreateFileSystem', '1:CreateStorageVirtualMachine', '2:CreateVolume']);
    const info = await waitFor('fsx-ontap', made.id);
    const svm = info.mount.svms?.find((s) => s.name === 'projects');
    expect(svm?.volumes).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'proj_vol', junctionPath: '/projects', sizeMiB: 204800 })]));
    expect(readFileSync(join(auditDir, 'audit.log'), 'utf8')).not.toContain('Ontap-Adm1n-Pass');
  });
});

describe('waitUntilAvailable', () => {
  it("a 'failed' file system throws with AWS's failure reason", async () => {
    const failed = (await listFsxFileSystems(pool, REGION)).find((f) => f.state === 'failed');
    expect(failed).toBeDefined();
    const err = await waitFor(failed!.type, failed!.id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect((err as StorageError).message).toContain(failed!.failureReason ?? '');
    expect((err as StorageError).message).toMatch(/failed \(FAILED\): Amazon FSx is unable to create/);
  });
});

describe('createStorage failure reporting', () => {
  it('names the failed step and what exists already', async () => {
    const [s] = await subnets();
    const req = newRequest({ name: 'half-made', region: REGION, tags: {}, config: { type: 'efs', efs: { performanceMode: 'generalPurpose', throughputMode: 'elastic', encrypted: true, subnetIds: [s.id, 'subnet-0000000000deadbee'], securityGroupIds: [] } } });
    const err = await createStorage(pool, req, { audit, ...fast }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CreateFailedError);
    const f = err as CreateFailedError;
    expect(f.failedStep).toBe(2);
    expect(f.command).toBe('CreateMountTarget');
    expect(f.created.map((c) => c.kind)).toEqual(['EFS file system', `mount target in ${s.id}`]);
    expect(f.message).toMatch(/^Step 3 of 3 \(CreateMountTarget\) failed: .*Already created: EFS file system fs-/);
    expect(f.hint).toContain('run the same creation again to continue');
    const audited = audit.entries().map((e) => `${e.action}:${e.outcome}`);
    expect(audited).toEqual(['elasticfilesystem:CreateFileSystem:ok', 'elasticfilesystem:CreateMountTarget:ok', 'elasticfilesystem:CreateMountTarget:error']);
  });
});

describe('createStorage: S3 partial failure', () => {
  it('says the bucket exists with part of its settings, and a re-run is refused instead of overwriting it', async () => {
    // AccessDenied on the last step, as a missing s3:PutBucketTagging permission would give.
    pool.s3('eu-west-1').middlewareStack.add(
      (next, context) => async (args) => {
        if ((context as { commandName?: string }).commandName === 'PutBucketTaggingCommand') throw Object.assign(new Error('Access Denied'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
        return next(args);
      },
      { step: 'initialize', priority: 'high', name: 'denyTagging' },
    );
    const req = newRequest({ name: 'half-bucket', region: 'eu-west-1', tags: {}, config: { type: 's3', s3: { bucketName: 'prism-half-bucket', region: 'eu-west-1', encryption: 'AES256', versioning: false, blockPublicAccess: true } } });
    const err = (await createStorage(pool, req, { audit, ...fast }).catch((e: unknown) => e)) as CreateFailedError;
    expect(err).toBeInstanceOf(CreateFailedError);
    expect(err).toMatchObject({ type: 'access-denied', command: 'PutBucketTagging', failedStep: 3, resumable: false, created: [{ kind: 'S3 bucket', id: 'prism-half-bucket' }] });
    expect(err.hint).toContain('s3:PutBucketTagging');
    expect(err.hint).toContain('exists with only part of its settings');
    const again = (await createStorage(pool, req, { audit, ...fast }).catch((e: unknown) => e)) as CreateFailedError;
    expect(again).toMatchObject({ type: 'conflict', code: 'BucketAlreadyOwnedByYou', failedStep: 0 });
    expect(audit.entries().map((e) => `${e.action}:${e.outcome}`)).toEqual([
      's3:CreateBucket:ok',
      's3:PutBucketPublicAccessBlock:ok',
      's3:PutEncryptionConfiguration:ok',
      's3:PutBucketTagging:error',
      's3:CreateBucket:refused',
    ]);
  });
});

describe('delete guards', () => {
  it('EBS: an attached volume is refused, naming the instance, before any mutating call', async () => {
    const vols = await listEbsVolumes(pool, REGION);
    const attached = vols.find((v) => v.name === 'genomics-scratch');
    expect(attached?.mount.ebsAttachments?.[0]?.instanceId).toMatch(/^i-/);
    const preview = await previewDelete(pool, attached!, {});
    expect(preview.refusals).toEqual([`attached to ${attached!.mount.ebsAttachments![0].instanceId} (hpc-head-node) as /dev/sdf: detach it first (unmount inside the instance, then detach)`]);
    const err = await deleteStorage(pool, attached!, { audit, ...fast }).catch((e: unknown) => e);
    expect(err).toMatchObject({ type: 'conflict', code: 'Refused', message: expect.stringContaining('(hpc-head-node)') });
    const snaps = await pool.ec2().send(new DescribeSnapshotsCommand({ Filters: [{ Name: 'volume-id', Values: [attached!.id] }] }));
    expect((snaps.Snapshots ?? []).filter((x) => x.Tags?.some((t) => t.Key === 'prism-storage:snapshot-of'))).toHaveLength(0);
    expect(audit.entries().map((e) => `${e.action}:${e.outcome}`)).toEqual(['ec2:DeleteVolume:refused']);
  });

  it('EBS: detach, then delete takes a snapshot first, waits for it, and it stays visible in DescribeSnapshots', async () => {
    const vol = (await listEbsVolumes(pool, REGION)).find((v) => v.name === 'genomics-scratch')!;
    await detachEbsVolume(pool, vol, undefined, audit);
    await waitFor('ebs', vol.id);
    const fresh = await find(await listEbsVolumes(pool, REGION), vol.id);
    expect(fresh.state).toBe('available');
    const preview = await previewDelete(pool, fresh, {});
    expect(preview.refusals).toEqual([]);
    expect(preview.kept[0]).toMatch(/a snapshot of vol-\S+ \(4\.0 TiB\) is taken first/);
    const progress: string[] = [];
    const { snapshotId } = await deleteStorage(pool, fresh, { audit, onProgress: (m) => progress.push(m), ...fast });
    expect(snapshotId).toMatch(/^snap-/);
    const snap = (await pool.ec2().send(new DescribeSnapshotsCommand({ SnapshotIds: [snapshotId!] }))).Snapshots?.[0];
    expect(snap).toMatchObject({ VolumeId: vol.id, State: 'completed' });
    expect(snap?.Tags).toEqual(expect.arrayContaining([{ Key: 'prism-storage:snapshot-of', Value: vol.id }, { Key: 'Name', Value: 'genomics-scratch (before delete)' }]));
    const after = (await pool.ec2().send(new DescribeVolumesCommand({ Filters: [{ Name: 'volume-id', Values: [vol.id] }] }))).Volumes ?? [];
    expect(after.every((v) => v.State === 'deleting' || v.State === 'deleted')).toBe(true);
    expect(audit.entries().map((e) => `${e.action}:${e.outcome}`)).toEqual(['ec2:DetachVolume:ok', 'ec2:CreateSnapshot:ok', 'ec2:DeleteVolume:ok']);
  });

  it('EBS: without a snapshot the preview says the data is gone for good', async () => {
    const vol = (await listEbsVolumes(pool, REGION)).find((v) => !(v.mount.ebsAttachments ?? []).length && v.state === 'available')!;
    const preview = await previewDelete(pool, vol, { snapshotFirst: false });
    expect(preview.kept).toEqual([]);
    expect(preview.lost[0]).toContain('no snapshot is taken, it is gone for good');
  });

  it('EFS: refused while it has mount targets; emptyFirst deletes them (and access points) first', async () => {
    const fs = (await listEfsFileSystems(pool, REGION)).find((f) => (f.mount.efsMountTargets ?? []).length > 0)!;
    const preview = await previewDelete(pool, fs, {});
    expect(preview.refusals[0]).toMatch(/^has \d+ mount targets? \(.+\): instances mounting it would lose access/);
    await expect(deleteStorage(pool, fs, { audit, ...fast })).rejects.toMatchObject({ type: 'conflict' });
    expect((await pool.efs().send(new DescribeMountTargetsCommand({ FileSystemId: fs.id }))).MountTargets?.length).toBeGreaterThan(0);

    const withEmpty = await previewDelete(pool, fs, { emptyFirst: true });
    expect(withEmpty.refusals).toEqual([]);
    expect(withEmpty.lost[0]).toContain('are deleted first: every instance mounting');
    await deleteStorage(pool, fs, { audit, emptyFirst: true, ...fast });
    const left = (await listEfsFileSystems(pool, REGION)).find((f) => f.id === fs.id);
    expect(left === undefined || left.state === 'deleting' || left.state === 'deleted').toBe(true);
    const actions = audit.entries().map((e) => e.action);
    expect(actions[0]).toBe('elasticfilesystem:DeleteFileSystem'); // the refusal
    expect(actions.lastIndexOf('elasticfilesystem:DeleteFileSystem')).toBeGreaterThan(actions.lastIndexOf('elasticfilesystem:DeleteMountTarget'));
    expect(audit.entries().at(-1)).toMatchObject({ action: 'elasticfilesystem:DeleteFileSystem', outcome: 'ok' });
  });

  it('S3: a non-empty bucket is refused ("1,000+ objects"); emptyFirst deletes every version and aborts uploads', async () => {
    const buckets = await listS3Buckets(pool, [REGION]);
    const b = await find(buckets, 'acme-pipeline-uploads');
    const preview = await previewDelete(pool, b, {});
    expect(preview.refusals).toEqual([
      expect.stringMatching(/^s3:\/\/acme-pipeline-uploads holds 1,000\+ objects/),
      's3://acme-pipeline-uploads has 4 incomplete multipart uploads (parts already uploaded): choose "empty it first" to abort them',
    ]);
    await expect(deleteStorage(pool, b, { audit })).rejects.toMatchObject({ type: 'conflict', code: 'Refused' });
    await pool.s3().send(new HeadBucketCommand({ Bucket: b.id }));

    const progress: string[] = [];
    await deleteStorage(pool, b, { audit, emptyFirst: true, onProgress: (m) => progress.push(m), sleep });
    expect(progress.length).toBeGreaterThan(10);
    await expect(pool.s3().send(new HeadBucketCommand({ Bucket: b.id }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
    const summary = audit.entries().find((e) => e.action === 's3:DeleteObjectVersion');
    expect(summary?.detail).toMatch(/emptied before delete: [\d,]+ object versions deleted/);
    expect(audit.entries().filter((e) => e.action === 's3:AbortMultipartUpload')).toHaveLength(4);
    expect(audit.entries().at(-1)).toMatchObject({ action: 's3:DeleteBucket', outcome: 'ok' });
  });

  it('FSx Windows: the final backup is requested with tags and visible in DescribeBackups', async () => {
    const fs = (await listFsxFileSystems(pool, REGION)).find((f) => f.type === 'fsx-windows' && f.state === 'available')!;
    const preview = await previewDelete(pool, fs, {});
    expect(preview.kept[0]).toContain('a final backup of');
    const r = await deleteStorage(pool, fs, { audit, ...fast });
    expect(r.backupRequested).toBe(true);
    const backups = (await pool.fsx().send(new DescribeBackupsCommand({ Filters: [{ Name: 'file-system-id', Values: [fs.id] }] }))).Backups ?? [];
    const final = backups.find((b) => b.Tags?.some((t) => t.Key === 'prism-storage:final-backup-of' && t.Value === fs.id));
    expect(final).toBeDefined();
    expect(final?.Type).toBe('USER_INITIATED');
    expect(audit.entries().at(-1)).toMatchObject({ action: 'fsx:DeleteFileSystem', outcome: 'ok', detail: expect.stringMatching(/final backup requested -> final backup backup-/) });
  });

  it('FSx ONTAP: volumes (with final backups) first, then SVMs, then the file system', async () => {
    const fs = (await listFsxFileSystems(pool, REGION)).find((f) => f.type === 'fsx-ontap' && f.state === 'available')!;
    const dataVols = ((await pool.fsx().send(new FsxDescribeVolumesCommand({ Filters: [{ Name: 'file-system-id', Values: [fs.id] }] }))).Volumes ?? []).filter((v) => !v.OntapConfiguration?.StorageVirtualMachineRoot);
    expect(dataVols.length).toBeGreaterThan(0);
    const preview = await previewDelete(pool, fs, {});
    expect(preview.kept.filter((k) => k.startsWith('a final backup of volume'))).toHaveLength(dataVols.length);
    expect(preview.lost.at(-1)).toContain('is deleted last');

    const r = await deleteStorage(pool, fs, { audit, ...fast });
    expect(r.backupRequested).toBe(true);
    const actions = audit.entries().map((e) => `${e.action}:${e.outcome}`);
    expect(actions.filter((a) => a === 'fsx:DeleteVolume:ok')).toHaveLength(dataVols.length);
    expect(actions.lastIndexOf('fsx:DeleteVolume:ok')).toBeLessThan(actions.indexOf('fsx:DeleteStorageVirtualMachine:ok'));
    expect(actions.at(-1)).toBe('fsx:DeleteFileSystem:ok');
    const backups = (await pool.fsx().send(new DescribeBackupsCommand({ Filters: [{ Name: 'file-system-id', Values: [fs.id] }] }))).Backups ?? [];
    for (const v of dataVols) expect(backups.some((b) => b.Volume?.VolumeId === v.VolumeId || b.Tags?.some((t) => t.Value === `${v.Name} final backup`))).toBe(true);
    const svms = (await pool.fsx().send(new DescribeStorageVirtualMachinesCommand({ Filters: [{ Name: 'file-system-id', Values: [fs.id] }] }))).StorageVirtualMachines ?? [];
    expect(svms.every((s) => s.Lifecycle === 'DELETING')).toBe(true);
    const after = (await pool.fsx().send(new DescribeFileSystemsCommand({ FileSystemIds: [fs.id] }))).FileSystems?.[0];
    expect(after?.Lifecycle).toBe('DELETING');
  });

  it('FSx Lustre scratch: no final backup possible, said in the preview, and none requested', async () => {
    const fs = (await listFsxFileSystems(pool, REGION)).find((f) => f.type === 'fsx-lustre' && f.state === 'available' && f.fsx?.deploymentType?.startsWith('SCRATCH'));
    if (!fs) return expect.fail('the simulated region has no available scratch Lustre file system');
    const preview = await previewDelete(pool, fs, {});
    expect(preview.lost[0]).toContain('(scratch) file systems cannot be backed up');
    expect(preview.kept.filter((k) => k.includes('final backup'))).toEqual([]);
    expect((await deleteStorage(pool, fs, { audit })).backupRequested).toBe(false);
  });
});

describe('modify', () => {
  it('EBS: gp2 -> gp3 with IOPS; shrinking is refused locally', async () => {
    const vol = (await listEbsVolumes(pool, REGION)).find((v) => v.ebs?.volumeType === 'gp2')!;
    await modifyEbsVolume(pool, vol, { volumeType: 'gp3', iops: 4000 }, audit);
    await expect(modifyEbsVolume(pool, vol, { sizeGiB: 1 }, audit)).rejects.toMatchObject({ type: 'validation', message: expect.stringContaining('can only grow') });
    await expect(modifyEbsVolume(pool, vol, { volumeType: 'st1', iops: 500 }, audit)).rejects.toMatchObject({ type: 'validation' });
    expect(audit.entries().map((e) => `${e.action}:${e.outcome}`)).toEqual(['ec2:ModifyVolume:ok', 'ec2:ModifyVolume:refused', 'ec2:ModifyVolume:refused']);
  });

  it('EFS throughput mode and FSx throughput go through UpdateFileSystem', async () => {
    const efs = (await listEfsFileSystems(pool, REGION)).find((f) => f.efs?.throughputMode === 'bursting' && f.state === 'available')!;
    await updateEfsThroughput(pool, efs, 'provisioned', 128, audit);
    const zfs = (await listFsxFileSystems(pool, REGION)).find((f) => f.type === 'fsx-openzfs' && f.state === 'available')!;
    await updateFsxThroughput(pool, zfs, (zfs.throughputMBps ?? 64) * 2, audit);
    const lustre = (await listFsxFileSystems(pool, REGION)).find((f) => f.name === 'genomics-persistent-lustre')!;
    await expect(updateFsxThroughput(pool, lustre, 300, audit)).rejects.toMatchObject({ type: 'validation', hint: 'Choose one of 125, 250, 500, 1000 MB/s per TiB.' });
    await updateFsxThroughput(pool, lustre, 500, audit);
    await waitFor('fsx-lustre', lustre.id);
    expect((await find(await listFsxFileSystems(pool, REGION), lustre.id)).fsx?.perUnitStorageThroughput).toBe(500);
    expect(audit.entries()[0]).toMatchObject({ action: 'elasticfilesystem:UpdateFileSystem', outcome: 'ok', detail: 'provisioned 128 MiB/s' });
    expect(audit.entries()[1]).toMatchObject({ action: 'fsx:UpdateFileSystem', outcome: 'ok' });
  });
});

