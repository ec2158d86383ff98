// Safe deletion. previewDelete looks at the resource as it is NOW (fresh
// describes, never the list's cached copy) and says what is lost, what is
// kept and what blocks the deletion; deleteStorage runs the same inspection,
// refuses (before any mutating call) while anything blocks, and otherwise
// takes the safety copy first (EBS snapshot, FSx final backup) and deletes in
// the order AWS requires.
//
// API references:
//   EBS  DeleteVolume   https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeleteVolume.html
//        (the volume must be 'available', i.e. not attached)
//        CreateSnapshot https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSnapshot.html
//   EFS  DeleteFileSystem https://docs.aws.amazon.com/efs/latest/ug/API_DeleteFileSystem.html
//        (mount targets, and access points, must be deleted first: FileSystemInUse otherwise)
//        DeleteMountTarget https://docs.aws.amazon.com/efs/latest/ug/API_DeleteMountTarget.html
//        DeleteAccessPoint https://docs.aws.amazon.com/efs/latest/ug/API_DeleteAccessPoint.html
//   S3   DeleteBucket   https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucket.html
//        (every object version and delete marker must be deleted first)
//        DeleteObjects  https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjects.html (at most 1,000 keys per call)
//        ListObjectVersions https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectVersions.html
//   FSx  DeleteFileSystem https://docs.aws.amazon.com/fsx/latest/APIReference/API_DeleteFileSystem.html
//        Lustre  SkipFinalBackup defaults to TRUE (no backup unless asked); scratch and S3-linked
//                file systems cannot be backed up.
//                https://docs.aws.amazon.com/fsx/latest/APIReference/API_DeleteFileSystemLustreConfiguration.html
//        Windows / OpenZFS  SkipFinalBackup defaults to FALSE (a final backup is taken);
//                OpenZFS needs Options DELETE_CHILD_VOLUMES_AND_SNAPSHOTS when child volumes exist.
//                https://docs.aws.amazon.com/fsx/latest/APIReference/API_DeleteFileSystemWindowsConfiguration.html
//                https://docs.aws.amazon.com/fsx/latest/APIReference/API_DeleteFileSystemOpenZFSConfiguration.html
//        ONTAP   DeleteFileSystem takes no final-backup option: every volume and SVM must be deleted
//                first; the final backups are per volume (DeleteVolume OntapConfiguration SkipFinalBackup).
//                https://docs.aws.amazon.com/fsx/latest/APIReference/API_DeleteVolumeOntapConfiguration.html
//                https://docs.aws.amazon.com/fsx/latest/APIReference/API_DeleteStorageVirtualMachine.html
//        Deleting a file system also deletes its automatic backups; user-initiated backups are kept.
import { randomUUID } from 'node:crypto';
import { CreateSnapshotCommand, DeleteVolumeCommand as Ec2DeleteVolumeCommand, DescribeInstancesCommand, DescribeSnapshotsCommand, DescribeVolumesCommand as Ec2DescribeVolumesCommand, type Volume as Ec2Volume } from '@aws-sdk/client-ec2';
import {
  DeleteAccessPointCommand,
  DeleteFileSystemCommand as EfsDeleteFileSystemCommand,
  DeleteMountTargetCommand,
  DescribeAccessPointsCommand,
  DescribeFileSystemsCommand as EfsDescribeFileSystemsCommand,
  DescribeMountTargetsCommand,
  type AccessPointDescription,
  type FileSystemDescription,
  type MountTargetDescription,
} from '@aws-sdk/client-efs';
import {
  DeleteFileSystemCommand as FsxDeleteFileSystemCommand,
  DeleteStorageVirtualMachineCommand,
  DeleteVolumeCommand as FsxDeleteVolumeCommand,
  DescribeDataRepositoryAssociationsCommand,
  DescribeFileSystemsCommand as FsxDescribeFileSystemsCommand,
  DescribeStorageVirtualMachinesCommand,
  DescribeVolumesCommand as FsxDescribeVolumesCommand,
  type DeleteFileSystemCommandInput as FsxDeleteFileSystemInput,
  type FileSystem as FsxFileSystem,
  type StorageVirtualMachine,
  type Tag as FsxTag,
  type Volume as FsxVolume,
} from '@aws-sdk/client-fsx';
import {
  AbortMultipartUploadCommand,
  DeleteBucketCommand,
  DeleteObjectsCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  type ObjectIdentifier,
} from '@aws-sdk/client-s3';
import type { AuditLog } from '../audit.js';
import { formatBytes } from '../format.js';
import { StorageError, TYPE_LABEL, type ServiceName, type StorageInfo, type StorageType } from '../types.js';
import type { ClientPool } from './clients.js';
import { bucketRegion, codeOf, makeCtx, mutate, poll, read, refuse, type Ctx, type MutationOptions } from './mutation-support.js';
import { groupDigits } from '../format.js';

export interface DeleteOptions {
  /** EBS: snapshot the volume first (default true). */
  snapshotFirst?: boolean;
  /** FSx: take the final backup the API offers (default true). */
  finalBackup?: boolean;
  /** EFS: delete mount targets and access points first; S3: delete every object version first (default false: refuse while non-empty). */
  emptyFirst?: boolean;
}

/** What the confirm dialog shows. */
export interface DeletePreview {
  lost: string[];
  kept: string[];
  refusals: string[];
}

export interface DeleteRunOptions extends DeleteOptions, MutationOptions {
  audit?: AuditLog;
  /** Each wait (snapshot completion, mount targets / ONTAP volumes and SVMs going away). Default 60 min. */
  waitTimeoutMs?: number;
  intervalMs?: number;
  /** Progress ("snapshot snap-... 40%", "deleted 12,000 object versions"). */
  onProgress?: (message: string) => void;
}

const DEFAULT_WAIT_MS = 60 * 60_000;
const DEFAULT_INTERVAL_MS: Record<ServiceName, number> = { ec2: 15_000, efs: 5_000, fsx: 30_000, s3: 1_000, cloudwatch: 5_000, ce: 5_000, ssm: 5_000, sts: 5_000, kms: 5_000, ds: 5_000 };
/** DeleteObjects takes at most 1,000 keys per call; ListObjectVersions returns at most 1,000 per page. */
const S3_BATCH = 1000;
/** Tag keys AWS reserves (cannot be set by users). */
const RESERVED_TAG = /^aws:/i;
/** FSx and EC2 allow at most 50 user tags per resource. */
const MAX_TAGS = 50;

const SERVICE: Record<StorageType, ServiceName> = { ebs: 'ec2', efs: 'efs', s3: 's3', 'fsx-lustre': 'fsx', 'fsx-openzfs': 'fsx', 'fsx-windows': 'fsx', 'fsx-ontap': 'fsx' };
const DELETE_ACTION: Record<StorageType, string> = {
  ebs: 'ec2:DeleteVolume',
  efs: 'elasticfilesystem:DeleteFileSystem',
  s3: 's3:DeleteBucket',
  'fsx-lustre': 'fsx:DeleteFileSystem',
  'fsx-openzfs': 'fsx:DeleteFileSystem',
  'fsx-windows': 'fsx:DeleteFileSystem',
  'fsx-ontap': 'fsx:DeleteFileSystem',
};

// ---------------------------------------------------------------------------
// What is there now.

interface EbsFacts {
  kind: 'ebs';
  volume: Ec2Volume;
  instanceNames: Map<string, string>;
}
interface EfsFacts {
  kind: 'efs';
  fs: FileSystemDescription;
  mountTargets: MountTargetDescription[];
  accessPoints: AccessPointDescription[];
}
interface S3Facts {
  kind: 's3';
  region: string;
  /** Current objects on the first page (at most 1,000) and whether more exist. */
  objects: number;
  moreObjects: boolean;
  /** Noncurrent versions and delete markers, looked for only when no current object is listed. */
  versions: number;
  moreVersions: boolean;
  /** Incomplete multipart uploads (their parts are stored, billed data). */
  uploads: number;
  moreUploads: boolean;
}
interface FsxFacts {
  kind: 'fsx';
  fs: FsxFileSystem;
  /** ONTAP: SVMs and their non-root volumes; OpenZFS: child volumes. */
  svms: StorageVirtualMachine[];
  volumes: FsxVolume[];
  /** Lustre: data repository associations (undefined = could not be read). */
  associations?: number;
}
type Facts = EbsFacts | EfsFacts | S3Facts | FsxFacts;

function notFound(info: StorageInfo): StorageError {
  return new StorageError({
    type: 'not-found',
    service: SERVICE[info.type],
    resource: info.id,
    code: 'NotFound',
    message: `${TYPE_LABEL[info.type]} ${info.id} no longer exists in ${info.region}`,
    hint: 'It was deleted already (here or elsewhere): refresh the list.',
    recoverable: false,
  });
}

async function inspect(pool: ClientPool, info: StorageInfo, ctx: Ctx): Promise<Facts> {
  const id = info.id;
  switch (info.type) {
    case 'ebs': {
      const ec2 = pool.ec2(ctx.region);
      const out = await read(ctx, { service: 'ec2', action: 'ec2:DescribeVolumes', resource: id }, () => ec2.send(new Ec2DescribeVolumesCommand({ VolumeIds: [id] })));
      const volume = out.Volumes?.[0];
      if (!volume) throw notFound(info);
      const instanceIds = [...new Set((volume.Attachments ?? []).map((a) => a.InstanceId).filter((x): x is string => !!x))];
      const instanceNames = new Map<string, string>();
      if (instanceIds.length) {
        // Names make the refusal recognisable ("genomics-head"); without ec2:DescribeInstances the id alone still says it.
        try {
          const r = await ec2.send(new DescribeInstancesCommand({ InstanceIds: instanceIds }));
          for (const res of r.Reservations ?? [])
            for (const inst of res.Instances ?? []) {
              const name = inst.Tags?.find((t) => t.Key === 'Name')?.Value;
              if (inst.InstanceId && name) instanceNames.set(inst.InstanceId, name);
            }
        } catch {
          // names are a courtesy
        }
      }
      return { kind: 'ebs', volume, instanceNames };
    }
    case 'efs': {
      const efs = pool.efs(ctx.region);
      const fsOut = await read(ctx, { service: 'efs', action: 'elasticfilesystem:DescribeFileSystems', resource: id }, () => efs.send(new EfsDescribeFileSystemsCommand({ FileSystemId: id })));
      const fs = fsOut.FileSystems?.[0];
      if (!fs) throw notFound(info);
      const [mountTargets, accessPoints] = await Promise.all([efsMountTargets(pool, ctx, id), efsAccessPoints(pool, ctx, id)]);
      return { kind: 'efs', fs, mountTargets, accessPoints };
    }
    case 's3': {
      const region = ctx.region;
      const s3 = pool.s3(region);
      const rctx = ctx;
      const objs = await read(rctx, { service: 's3', action: 's3:ListBucket', resource: id }, () => s3.send(new ListObjectsV2Command({ Bucket: id, MaxKeys: S3_BATCH })));
      const objects = objs.KeyCount ?? objs.Contents?.length ?? 0;
      let versions = 0;
      let moreVersions = false;
      if (objects === 0) {
        const v = await read(rctx, { service: 's3', action: 's3:ListBucketVersions', resource: id }, () => s3.send(new ListObjectVersionsCommand({ Bucket: id, MaxKeys: S3_BATCH })));
        versions = (v.Versions?.length ?? 0) + (v.DeleteMarkers?.length ?? 0);
        moreVersions = v.IsTruncated === true;
      }
      const mpu = await read(rctx, { service: 's3', action: 's3:ListBucketMultipartUploads', resource: id }, () => s3.send(new ListMultipartUploadsCommand({ Bucket: id, MaxUploads: S3_BATCH })));
      return { kind: 's3', region, objects, moreObjects: objs.IsTruncated === true, versions, moreVersions, uploads: mpu.Uploads?.length ?? 0, moreUploads: mpu.IsTruncated === true };
    }
    default: {
      const fsx = pool.fsx(ctx.region);
      const out = await read(ctx, { service: 'fsx', action: 'fsx:DescribeFileSystems', resource: id }, () => fsx.send(new FsxDescribeFileSystemsCommand({ FileSystemIds: [id] })));
      const fs = out.FileSystems?.[0];
      if (!fs) throw notFound(info);
      let svms: StorageVirtualMachine[] = [];
      let volumes: FsxVolume[] = [];
      let associations: number | undefined;
      if (fs.FileSystemType === 'ONTAP' || fs.FileSystemType === 'OPENZFS') volumes = await fsxVolumes(pool, ctx, id);
      if (fs.FileSystemType === 'ONTAP') svms = await fsxSvms(pool, ctx, id);
      if (fs.FileSystemType === 'LUSTRE' && fs.LustreConfiguration?.DeploymentType !== 'SCRATCH_1') associations = await lustreAssociations(pool, ctx, id);
      return { kind: 'fsx', fs, svms, volumes, associations };
    }
  }
}

async function efsMountTargets(pool: ClientPool, ctx: Ctx, id: string): Promise<MountTargetDescription[]> {
  const out: MountTargetDescription[] = [];
  let Marker: string | undefined;
  do {
    const r = await read(ctx, { service: 'efs', action: 'elasticfilesystem:DescribeMountTargets', resource: id }, () => pool.efs(ctx.region).send(new DescribeMountTargetsCommand({ FileSystemId: id, Marker })));
    out.push(...(r.MountTargets ?? []));
    Marker = r.NextMarker;
  } while (Marker);
  return out.filter((m) => m.LifeCycleState !== 'deleted');
}

async function efsAccessPoints(pool: ClientPool, ctx: Ctx, id: string): Promise<AccessPointDescription[]> {
  const out: AccessPointDescription[] = [];
  let NextToken: string | undefined;
  do {
    const r = await read(ctx, { service: 'efs', action: 'elasticfilesystem:DescribeAccessPoints', resource: id }, () => pool.efs(ctx.region).send(new DescribeAccessPointsCommand({ FileSystemId: id, NextToken })));
    out.push(...(r.AccessPoints ?? []));
    NextToken = r.NextToken;
  } while (NextToken);
  return out.filter((a) => a.LifeCycleState !== 'deleted');
}

async function fsxVolumes(pool: ClientPool, ctx: Ctx, id: string): Promise<FsxVolume[]> {
  const out: FsxVolume[] = [];
  let NextToken: string | undefined;
  do {
    const r = await read(ctx, { service: 'fsx', action: 'fsx:DescribeVolumes', resource: id }, () =>
      pool.fsx(ctx.region).send(new FsxDescribeVolumesCommand({ Filters: [{ Name: 'file-system-id', Values: [id] }], NextToken })),
    );
    out.push(...(r.Volumes ?? []));
    NextToken = r.NextToken;
  } while (NextToken);
  return out.filter((v) => v.FileSystemId === undefined || v.FileSystemId === id);
}

async function fsxSvms(pool: ClientPool, ctx: Ctx, id: string): Promise<StorageVirtualMachine[]> {
  const out: StorageVirtualMachine[] = [];
  let NextToken: string | undefined;
  do {
    const r = await read(ctx, { service: 'fsx', action: 'fsx:DescribeStorageVirtualMachines', resource: id }, () =>
      pool.fsx(ctx.region).send(new DescribeStorageVirtualMachinesCommand({ Filters: [{ Name: 'file-system-id', Values: [id] }], NextToken })),
    );
    out.push(...(r.StorageVirtualMachines ?? []));
    NextToken = r.NextToken;
  } while (NextToken);
  return out.filter((s) => s.FileSystemId === undefined || s.FileSystemId === id);
}

async function lustreAssociations(pool: ClientPool, ctx: Ctx, id: string): Promise<number | undefined> {
  try {
    // One attempt, no retries: this only refines the preview; DeleteFileSystem has the last word.
    const r = await pool.fsx(ctx.region).send(new DescribeDataRepositoryAssociationsCommand({ Filters: [{ Name: 'file-system-id', Values: [id] }] }));
    return (r.Associations ?? []).filter((a) => a.Lifecycle !== 'DELETING').length;
  } catch {
    // Not readable (older file systems, missing permission): the backup question stays with AWS.
    return undefined;
  }
}

// ---------------------------------------------------------------------------
// The preview (pure over the facts).

const isRoot = (v: FsxVolume) => v.OntapConfiguration?.StorageVirtualMachineRoot === true;
const ontapDataVolumes = (f: FsxFacts) => f.volumes.filter((v) => v.VolumeType === 'ONTAP' && !isRoot(v) && v.Lifecycle !== 'DELETING');
const zfsChildVolumes = (f: FsxFacts) => f.volumes.filter((v) => v.VolumeType === 'OPENZFS' && !!v.OpenZFSConfiguration?.ParentVolumeId && v.Lifecycle !== 'DELETING');

function named(info: StorageInfo): string {
  return info.name && info.name !== info.id ? `${info.id} (${info.name})` : info.id;
}

function countText(n: number, more: boolean, noun: string): string {
  return `${more ? `${groupDigits(n)}+` : groupDigits(n)} ${noun}${n === 1 && !more ? '' : 's'}`;
}

/** Lustre final backups: persistent file systems not linked to S3 only. */
function lustreBackup(f: FsxFacts): { possible: boolean; why?: string; linkedTo?: string } {
  const l = f.fs.LustreConfiguration;
  const deployment = l?.DeploymentType ?? '';
  if (deployment.startsWith('SCRATCH')) return { possible: false, why: `${deployment} (scratch) file systems cannot be backed up` };
  const importPath = l?.DataRepositoryConfiguration?.ImportPath;
  if (importPath || (f.associations ?? 0) > 0) return { possible: false, why: 'file systems linked to S3 cannot be backed up', linkedTo: importPath ?? 'its linked S3 buckets' };
  return { possible: true };
}

function fsxBackupTags(info: StorageInfo): FsxTag[] {
  const tags: FsxTag[] = [
    { Key: 'Name', Value: `${info.name} final backup` },
    { Key: 'prism-storage:final-backup-of', Value: info.id },
  ];
  // FinalBackupTags replace CopyTagsToBackups: carry the file system's own tags (cost allocation) over.
  for (const [Key, Value] of Object.entries(info.tags)) if (Key !== 'Name' && !RESERVED_TAG.test(Key) && tags.length < MAX_TAGS) tags.push({ Key, Value });
  return tags;
}

function previewOf(info: StorageInfo, f: Facts, opts: DeleteOptions): DeletePreview {
  const lost: string[] = [];
  const kept: string[] = [];
  const refusals: string[] = [];
  const who = named(info);

  switch (f.kind) {
    case 'ebs': {
      const v = f.volume;
      const size = formatBytes((v.Size ?? 0) * 1024 ** 3);
      for (const a of v.Attachments ?? []) {
        const inst = a.InstanceId ?? 'an instance';
        const name = f.instanceNames.get(inst);
        const label = name ? `${inst} (${name})` : inst;
        if (a.State === 'detaching') refusals.push(`being detached from ${label}: wait until the detach finishes`);
        else if (a.State !== 'detached') refusals.push(`attached to ${label} as ${a.Device ?? 'a device'}: detach it first (unmount inside the instance, then detach)`);
      }
      const state = v.State ?? 'unknown';
      if (!refusals.length && state !== 'available' && state !== 'error') {
        refusals.push(state === 'deleting' || state === 'deleted' ? `${info.id} is already ${state}` : `${info.id} is ${state}: only an available volume can be deleted`);
      }
      if (state === 'error' && opts.snapshotFirst !== false) refusals.push(`${info.id} is in the error state and cannot be snapshotted: delete it without a snapshot (its data cannot be read anyway)`);
      if (opts.snapshotFirst !== false) {
        kept.push(`a snapshot of ${info.id} (${size}) is taken first and kept; the volume is deleted only once the snapshot is complete (snapshot storage is billed until you delete it)`);
        lost.push(`volume ${who}: ${size} ${v.VolumeType ?? ''}${v.Iops ? `, ${groupDigits(v.Iops)} IOPS` : ''}`.trim());
      } else {
        lost.push(`${size} of data on ${who}: no snapshot is taken, it is gone for good`);
      }
      break;
    }
    case 'efs': {
      const size = formatBytes(f.fs.SizeInBytes?.Value ?? info.sizeBytes ?? 0);
      const mts = f.mountTargets;
      const aps = f.accessPoints;
      const mtText = countText(mts.length, false, 'mount target') + (mts.length ? ` (${mts.map((m) => m.AvailabilityZoneName ?? m.SubnetId).join(', ')})` : '');
      const apText = countText(aps.length, false, 'access point') + (aps.length ? ` (${aps.map((a) => a.Name || a.RootDirectory?.Path || a.AccessPointId).join(', ')})` : '');
      if (!opts.emptyFirst) {
        if (mts.length) refusals.push(`has ${mtText}: instances mounting it would lose access; choose "delete mount targets and access points first"`);
        if (aps.length) refusals.push(`has ${apText}: choose "delete mount targets and access points first"`);
      } else {
        if (mts.length) lost.push(`${mtText} are deleted first: every instance mounting ${info.id} loses access immediately`);
        if (aps.length) lost.push(`${apText} are deleted first`);
      }
      const state = f.fs.LifeCycleState ?? 'unknown';
      if (state !== 'available' && state !== 'error') refusals.push(state === 'deleting' || state === 'deleted' ? `${info.id} is already ${state}` : `${info.id} is ${state}: wait until it is available`);
      lost.push(`${size} of data on ${who}: EFS takes no final backup (copies exist only where AWS Backup already made recovery points)`);
      break;
    }
    case 's3': {
      const nonEmpty = f.objects > 0 || f.versions > 0;
      const what = f.objects > 0 ? countText(f.objects, f.moreObjects, 'object') : countText(f.versions, f.moreVersions, 'old object version');
      const bytes = info.sizeBytes !== undefined ? ` (${formatBytes(info.sizeBytes)})` : '';
      const uploads = countText(f.uploads, f.moreUploads, 'incomplete multipart upload');
      if (nonEmpty && !opts.emptyFirst) refusals.push(`s3://${info.id} holds ${what}${bytes}: choose "empty it first" to delete every object and version`);
      if (f.uploads > 0 && !opts.emptyFirst) refusals.push(`s3://${info.id} has ${uploads} (parts already uploaded): choose "empty it first" to abort them`);
      if (nonEmpty && opts.emptyFirst) lost.push(`all ${what}${bytes} in s3://${info.id}, with every old version and delete marker: S3 keeps no copy`);
      if (f.uploads > 0 && opts.emptyFirst) lost.push(`${uploads} in s3://${info.id} are aborted and their uploaded parts deleted`);
      lost.push(`the bucket ${info.id}: its name becomes free for any AWS account to take`);
      break;
    }
    case 'fsx': {
      const fs = f.fs;
      const state = fs.Lifecycle ?? 'UNKNOWN';
      const size = formatBytes((fs.StorageCapacity ?? 0) * 1024 ** 3);
      if (state === 'CREATING' || state === 'UPDATING') refusals.push(`${info.id} is ${state.toLowerCase()}: wait until it is available`);
      if (state === 'DELETING') refusals.push(`${info.id} is already being deleted`);
      const backup = opts.finalBackup !== false;
      if (state === 'FAILED') {
        // Creation failed: nothing was ever stored, and there is nothing to back up.
        lost.push(`the failed file system ${who}: it never became available, so it holds no data and no final backup is taken`);
        if (fs.FailureDetails?.Message) lost.push(`(it failed because: ${fs.FailureDetails.Message})`);
      } else if (fs.FileSystemType === 'LUSTRE') {
        const b = lustreBackup(f);
        if (!b.possible) {
          lost.push(`${size} of data on ${who}: ${b.why}, so no final backup is possible`);
          if (b.linkedTo) kept.push(`objects already exported to ${b.linkedTo} stay in S3 (files not yet exported are lost)`);
        } else if (backup) kept.push(`a final backup of ${info.id} (${size}) is taken and kept until you delete it (billed as backup storage)`);
        else lost.push(`${size} of data on ${who}: no final backup, it is gone for good`);
      } else if (fs.FileSystemType === 'ONTAP') {
        const vols = ontapDataVolumes(f);
        for (const v of vols) {
          const c = v.OntapConfiguration;
          const desc = `volume ${v.Name ?? v.VolumeId}${c?.JunctionPath ? ` (${c.JunctionPath}` : ' ('}${c?.SizeInMegabytes ? `${c.JunctionPath ? ', ' : ''}${formatBytes(c.SizeInMegabytes * 1024 ** 2)}` : ''})`.replace(' ()', '');
          if (backup) kept.push(`a final backup of ${desc} is taken before it is deleted`);
          else lost.push(`${desc}: no final backup, gone for good`);
        }
        if (f.svms.length) lost.push(`${countText(f.svms.length, false, 'storage virtual machine')} (${f.svms.map((s) => s.Name ?? s.StorageVirtualMachineId).join(', ')}) and their root volumes are deleted after the volumes`);
        lost.push(`file system ${who} (${size} SSD) is deleted last; its automatic backups go with it`);
      } else {
        // Windows and OpenZFS take a final backup unless told not to.
        if (backup) kept.push(`a final backup of ${info.id} (${size}) is taken and kept until you delete it (billed as backup storage)`);
        else lost.push(`${size} of data on ${who}: no final backup, it is gone for good`);
        if (fs.FileSystemType === 'OPENZFS') {
          const children = zfsChildVolumes(f);
          if (children.length) lost.push(`${countText(children.length, false, 'child volume')} (${children.map((v) => v.OpenZFSConfiguration?.VolumePath ?? v.Name).join(', ')}) and all their snapshots are deleted`);
        }
      }
      const auto = fs.LustreConfiguration?.AutomaticBackupRetentionDays ?? fs.WindowsConfiguration?.AutomaticBackupRetentionDays ?? fs.OpenZFSConfiguration?.AutomaticBackupRetentionDays;
      if (auto && fs.FileSystemType !== 'ONTAP' && state !== 'FAILED') lost.push(`the automatic (daily) backups of ${info.id} are deleted with it; user-initiated backups are kept`);
      break;
    }
  }
  return { lost, kept, refusals };
}

/** What deleting `info` would lose and keep, and what blocks it (fresh describes, no mutation). */
export async function previewDelete(pool: ClientPool, info: StorageInfo, opts: DeleteOptions): Promise<DeletePreview> {
  const ctx = makeCtx(info.type === 's3' ? await bucketRegion(pool, info) : info.region);
  return previewOf(info, await inspect(pool, info, ctx), opts);
}

// ---------------------------------------------------------------------------
// Deleting.

export interface DeleteResult {
  snapshotId?: string;
  backupRequested?: boolean;
}

/**
 * Deletes `info` after the same inspection previewDelete makes. Refuses (a
 * 'conflict' StorageError, audited as refused) before any mutating call while
 * anything blocks. EBS: snapshot first and wait for it; FSx: final backup.
 */
export async function deleteStorage(pool: ClientPool, info: StorageInfo, opts: DeleteRunOptions = {}): Promise<DeleteResult> {
  const region = info.type === 's3' ? await bucketRegion(pool, info, opts) : info.region;
  const ctx = makeCtx(region, opts);
  const spec = { service: SERVICE[info.type], action: DELETE_ACTION[info.type], resource: info.id };
  let facts: Facts;
  try {
    facts = await inspect(pool, info, ctx);
  } catch (e) {
    const err = e instanceof StorageError ? e : new StorageError({ type: 'unknown', service: spec.service, resource: info.id, code: 'Unknown', message: String(e), hint: 'Retry.', recoverable: false });
    ctx.audit?.record({ profile: '', region, action: spec.action, resource: info.id, outcome: 'error', detail: `inspection before delete failed: ${err.code}: ${err.message}` });
    throw err;
  }
  const preview = previewOf(info, facts, opts);
  if (preview.refusals.length) refuse(ctx, spec, preview.refusals, refusalHint(info.type));

  const run: Run = { pool, ctx, info, opts, waitMs: opts.waitTimeoutMs ?? DEFAULT_WAIT_MS };
  switch (facts.kind) {
    case 'ebs':
      return deleteEbs(run, facts);
    case 'efs':
      return deleteEfs(run, facts);
    case 's3':
      return deleteS3(run, facts);
    case 'fsx':
      return deleteFsx(run, facts);
  }
}

function refusalHint(type: StorageType): string {
  switch (type) {
    case 'ebs':
      return 'Nothing was changed. Unmount the file system inside the instance, detach the volume, then delete again.';
    case 'efs':
      return 'Nothing was changed. Unmount it everywhere, then delete with "delete mount targets and access points first".';
    case 's3':
      return 'Nothing was changed. Delete with "empty it first" to remove every object and version (this cannot be undone).';
    default:
      return 'Nothing was changed. Wait until the file system is available, then delete again.';
  }
}

interface Run {
  pool: ClientPool;
  ctx: Ctx;
  info: StorageInfo;
  opts: DeleteRunOptions;
  waitMs: number;
}

function interval(run: Run, service: ServiceName): number {
  return run.opts.intervalMs ?? DEFAULT_INTERVAL_MS[service];
}

// ---- EBS

async function deleteEbs(run: Run, f: EbsFacts): Promise<DeleteResult> {
  const { pool, ctx, info } = run;
  const ec2 = pool.ec2(ctx.region);
  let snapshotId: string | undefined;
  if (run.opts.snapshotFirst !== false) {
    const tags = [
      { Key: 'Name', Value: `${info.name} (before delete)` },
      { Key: 'prism-storage:snapshot-of', Value: info.id },
      ...(f.volume.Tags ?? []).filter((t) => t.Key && t.Key !== 'Name' && !RESERVED_TAG.test(t.Key)),
    ].slice(0, MAX_TAGS);
    const input = { VolumeId: info.id, Description: `prism-storage: ${info.name} before deletion`, TagSpecifications: [{ ResourceType: 'snapshot' as const, Tags: tags }] };
    // CreateSnapshot has no idempotency token: a blind retry could make two snapshots. Only retry if none was made.
    const snap = await mutate(ctx, { service: 'ec2', action: 'ec2:CreateSnapshot', resource: info.id, detail: 'snapshot before delete', describe: (o) => (o as { SnapshotId?: string }).SnapshotId }, async (attempt) => {
      if (attempt > 1) {
        const earlier = await ec2.send(new DescribeSnapshotsCommand({ OwnerIds: ['self'], Filters: [{ Name: 'volume-id', Values: [info.id] }, { Name: 'tag:prism-storage:snapshot-of', Values: [info.id] }, { Name: 'status', Values: ['pending'] }] }));
        const s = earlier.Snapshots?.[0];
        if (s?.SnapshotId) return { SnapshotId: s.SnapshotId };
      }
      return ec2.send(new CreateSnapshotCommand(input));
    });
    snapshotId = snap.SnapshotId;
    if (!snapshotId) throw new StorageError({ type: 'unknown', service: 'ec2', resource: info.id, code: 'NoSnapshotId', message: 'CreateSnapshot returned no snapshot id', hint: `${info.id} was not deleted. Check its snapshots in the EC2 console, then delete again.`, recoverable: false });
    await waitSnapshot(run, snapshotId);
  }
  await mutate(ctx, { service: 'ec2', action: 'ec2:DeleteVolume', resource: info.id, detail: snapshotId ? `snapshot ${snapshotId} kept` : 'no snapshot' }, async (attempt) => {
    try {
      return await ec2.send(new Ec2DeleteVolumeCommand({ VolumeId: info.id }));
    } catch (e) {
      // Our first attempt went through before the connection dropped.
      if (attempt > 1 && codeOf(e) === 'InvalidVolume.NotFound') return {};
      throw e;
    }
  });
  return { snapshotId };
}

/** The snapshot must be complete before the volume goes: if it fails, the data must still exist. */
async function waitSnapshot(run: Run, snapshotId: string): Promise<void> {
  const { pool, ctx, info } = run;
  let lastProgress: string | undefined;
  try {
    await poll(ctx, { timeoutMs: run.waitMs, intervalMs: interval(run, 'ec2') }, { service: 'ec2', resource: snapshotId, waitingFor: 'completed' }, async () => {
      const out = await read(ctx, { service: 'ec2', action: 'ec2:DescribeSnapshots', resource: snapshotId }, () => pool.ec2(ctx.region).send(new DescribeSnapshotsCommand({ SnapshotIds: [snapshotId] })));
      const s = out.Snapshots?.[0];
      const state = s?.State ?? 'pending';
      if (s?.Progress && s.Progress !== lastProgress) {
        lastProgress = s.Progress;
        run.opts.onProgress?.(`snapshot ${snapshotId} ${s.Progress}`);
      }
      if (state === 'error' || state === 'recoverable') {
        throw new StorageError({
          type: 'unknown',
          service: 'ec2',
          resource: info.id,
          code: 'SnapshotFailed',
          message: `snapshot ${snapshotId} of ${info.id} failed (${state}${s?.StateMessage ? `: ${s.StateMessage}` : ''}); ${info.id} was NOT deleted`,
          hint: 'The volume and its data are untouched. Try again later, or delete without a snapshot if the data is not needed.',
          recoverable: false,
        });
      }
      return state === 'completed' ? true : undefined;
    });
  } catch (e) {
    if (e instanceof StorageError && e.code === 'WaitTimeout') {
      const err = new StorageError({
        type: 'unavailable',
        service: 'ec2',
        resource: info.id,
        code: 'WaitTimeout',
        message: `snapshot ${snapshotId} of ${info.id} is still in progress; ${info.id} was NOT deleted`,
        hint: `The snapshot keeps going in AWS. Once it is completed, delete ${info.id} again without a new snapshot (${snapshotId} holds the data).`,
        recoverable: true,
      });
      ctx.audit?.record({ profile: '', region: ctx.region, action: 'ec2:DeleteVolume', resource: info.id, outcome: 'error', detail: err.message });
      throw err;
    }
    if (e instanceof StorageError) ctx.audit?.record({ profile: '', region: ctx.region, action: 'ec2:DeleteVolume', resource: info.id, outcome: 'error', detail: e.message });
    throw e;
  }
}

// ---- EFS

async function deleteEfs(run: Run, f: EfsFacts): Promise<DeleteResult> {
  const { pool, ctx, info } = run;
  const efs = pool.efs(ctx.region);
  const gone = (e: unknown) => /NotFound/.test(codeOf(e) ?? '');
  for (const ap of f.accessPoints) {
    const id = ap.AccessPointId ?? '';
    await mutate(ctx, { service: 'efs', action: 'elasticfilesystem:DeleteAccessPoint', resource: id, detail: `of ${info.id}` }, async () => {
      try {
        return await efs.send(new DeleteAccessPointCommand({ AccessPointId: id }));
      } catch (e) {
        if (gone(e)) return {};
        throw e;
      }
    });
  }
  for (const mt of f.mountTargets) {
    const id = mt.MountTargetId ?? '';
    if (mt.LifeCycleState === 'deleting') continue;
    await mutate(ctx, { service: 'efs', action: 'elasticfilesystem:DeleteMountTarget', resource: id, detail: `of ${info.id} in ${mt.AvailabilityZoneName ?? mt.SubnetId}` }, async () => {
      try {
        return await efs.send(new DeleteMountTargetCommand({ MountTargetId: id }));
      } catch (e) {
        if (gone(e)) return {};
        throw e;
      }
    });
  }
  if (f.mountTargets.length || f.accessPoints.length) {
    run.opts.onProgress?.(`waiting for the mount targets of ${info.id} to go away`);
    await poll(ctx, { timeoutMs: run.waitMs, intervalMs: interval(run, 'efs') }, { service: 'efs', resource: info.id, waitingFor: 'free of mount targets' }, async () => {
      const [mts, aps] = await Promise.all([efsMountTargets(pool, ctx, info.id), efsAccessPoints(pool, ctx, info.id)]);
      return mts.length === 0 && aps.length === 0 ? true : undefined;
    });
  }
  await mutate(ctx, { service: 'efs', action: 'elasticfilesystem:DeleteFileSystem', resource: info.id }, async (attempt) => {
    try {
      return await efs.send(new EfsDeleteFileSystemCommand({ FileSystemId: info.id }));
    } catch (e) {
      if (attempt > 1 && gone(e)) return {};
      throw e;
    }
  });
  return {};
}

// ---- S3

async function deleteS3(run: Run, f: S3Facts): Promise<DeleteResult> {
  const { pool, ctx, info } = run;
  const s3 = pool.s3(f.region);
  const bucket = info.id;
  if (run.opts.emptyFirst && (f.objects > 0 || f.versions > 0)) await emptyBucket(run, s3, bucket);
  if (run.opts.emptyFirst && f.uploads > 0) await abortUploads(run, s3, bucket);
  await mutate(ctx, { service: 's3', action: 's3:DeleteBucket', resource: bucket }, async (attempt) => {
    try {
      return await s3.send(new DeleteBucketCommand({ Bucket: bucket }));
    } catch (e) {
      if (attempt > 1 && codeOf(e) === 'NoSuchBucket') return {};
      throw e;
    }
  });
  return {};
}

/** Deletes every object version and delete marker, 1,000 per call, re-listing from the start (the list shrinks as we go). */
async function emptyBucket(run: Run, s3: ReturnType<ClientPool['s3']>, bucket: string): Promise<void> {
  const { ctx } = run;
  let deleted = 0;
  const record = (outcome: 'ok' | 'error', extra = '') =>
    ctx.audit?.record({ profile: '', region: ctx.region, action: 's3:DeleteObjectVersion', resource: bucket, outcome, detail: `emptied before delete: ${groupDigits(deleted)} object versions deleted${extra}` });
  try {
    for (;;) {
      if (ctx.signal?.aborted) throw new StorageError({ type: 'unknown', service: 's3', resource: bucket, code: 'Cancelled', message: `emptying s3://${bucket} was cancelled after ${groupDigits(deleted)} object versions`, hint: 'The bucket was not deleted; what was deleted is gone.', recoverable: false });
      const page = await read(ctx, { service: 's3', action: 's3:ListBucketVersions', resource: bucket }, () => s3.send(new ListObjectVersionsCommand({ Bucket: bucket, MaxKeys: S3_BATCH })));
      const ids: ObjectIdentifier[] = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])]
        .filter((o): o is typeof o & { Key: string } => typeof o.Key === 'string')
        .map((o) => (o.VersionId ? { Key: o.Key, VersionId: o.VersionId } : { Key: o.Key }));
      if (ids.length === 0) break;
      for (let i = 0; i < ids.length; i += S3_BATCH) {
        const batch = ids.slice(i, i + S3_BATCH);
        const out = await mutate(ctx, { service: 's3', action: 's3:DeleteObjectVersion', resource: bucket, audited: false }, () => s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch, Quiet: true } })));
        const errors = out.Errors ?? [];
        if (errors.length) {
          const first = errors[0];
          deleted += batch.length - errors.length;
          throw new StorageError({
            type: first.Code === 'AccessDenied' ? 'access-denied' : 'conflict',
            service: 's3',
            resource: bucket,
            code: first.Code ?? 'DeleteObjectsFailed',
            message: `${groupDigits(errors.length)} object versions of s3://${bucket} could not be deleted (first: ${first.Key}: ${first.Message ?? first.Code})`,
            hint: 'The bucket was not deleted. Object Lock retention, a legal hold or a bucket policy can prevent deletion; s3:DeleteObjectVersion is needed for versioned buckets.',
            recoverable: false,
          });
        }
        deleted += batch.length;
        run.opts.onProgress?.(`deleted ${groupDigits(deleted)} object versions from s3://${bucket}`);
      }
    }
  } catch (e) {
    record('error', e instanceof StorageError ? `; ${e.code}: ${e.message}` : '');
    throw e;
  }
  record('ok');
}

/** Incomplete multipart uploads are invisible, billed storage: abort them with the bucket. */
async function abortUploads(run: Run, s3: ReturnType<ClientPool['s3']>, bucket: string): Promise<void> {
  const { ctx } = run;
  let KeyMarker: string | undefined;
  let UploadIdMarker: string | undefined;
  for (let page = 0; page < 10_000; page++) {
    const out = await read(ctx, { service: 's3', action: 's3:ListBucketMultipartUploads', resource: bucket }, () => s3.send(new ListMultipartUploadsCommand({ Bucket: bucket, KeyMarker, UploadIdMarker })));
    for (const u of out.Uploads ?? []) {
      if (!u.Key || !u.UploadId) continue;
      const Key = u.Key;
      const UploadId = u.UploadId;
      await mutate(ctx, { service: 's3', action: 's3:AbortMultipartUpload', resource: `${bucket}/${Key}` }, async () => {
        try {
          return await s3.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key, UploadId }));
        } catch (e) {
          if (codeOf(e) === 'NoSuchUpload') return {};
          throw e;
        }
      });
    }
    if (!out.IsTruncated) return;
    KeyMarker = out.NextKeyMarker;
    UploadIdMarker = out.NextUploadIdMarker;
  }
}

// ---- FSx

async function deleteFsx(run: Run, f: FsxFacts): Promise<DeleteResult> {
  const { pool, ctx, info } = run;
  const fsx = pool.fsx(ctx.region);
  // A FAILED file system never held data: no final backup (AWS could not take one).
  const backup = run.opts.finalBackup !== false && f.fs.Lifecycle !== 'FAILED';
  const type = f.fs.FileSystemType;
  const tags = fsxBackupTags(info);
  let backupRequested = false;
  const input: FsxDeleteFileSystemInput = { FileSystemId: info.id, ClientRequestToken: randomUUID() };

  if (type === 'ONTAP') {
    backupRequested = await deleteOntapChildren(run, f, backup, tags);
  } else if (type === 'LUSTRE') {
    const take = backup && lustreBackup(f).possible;
    input.LustreConfiguration = take ? { SkipFinalBackup: false, FinalBackupTags: tags } : { SkipFinalBackup: true };
    backupRequested = take;
  } else if (type === 'WINDOWS') {
    input.WindowsConfiguration = backup ? { SkipFinalBackup: false, FinalBackupTags: tags } : { SkipFinalBackup: true };
    backupRequested = backup;
  } else if (type === 'OPENZFS') {
    const children = zfsChildVolumes(f).length > 0;
    input.OpenZFSConfiguration = {
      ...(backup ? { SkipFinalBackup: false, FinalBackupTags: tags } : { SkipFinalBackup: true }),
      ...(children ? { Options: ['DELETE_CHILD_VOLUMES_AND_SNAPSHOTS'] } : {}),
    };
    backupRequested = backup;
  }
  await mutate(
    ctx,
    { service: 'fsx', action: 'fsx:DeleteFileSystem', resource: info.id, detail: backupRequested ? 'final backup requested' : 'no final backup', describe: (o) => finalBackupOf(o) },
    async (attempt) => {
      try {
        return await fsx.send(new FsxDeleteFileSystemCommand(input));
      } catch (e) {
        if (attempt > 1 && codeOf(e) === 'FileSystemNotFound') return {};
        throw e;
      }
    },
  );
  return { backupRequested };
}

function finalBackupOf(o: unknown): string | undefined {
  const r = o as { LustreResponse?: { FinalBackupId?: string }; WindowsResponse?: { FinalBackupId?: string }; OpenZFSResponse?: { FinalBackupId?: string } };
  const id = r.LustreResponse?.FinalBackupId ?? r.WindowsResponse?.FinalBackupId ?? r.OpenZFSResponse?.FinalBackupId;
  return id ? `final backup ${id}` : undefined;
}

/** ONTAP: volumes (with final backups), then SVMs, each phase waited for; returns whether backups were requested. */
async function deleteOntapChildren(run: Run, f: FsxFacts, backup: boolean, tags: FsxTag[]): Promise<boolean> {
  const { pool, ctx, info } = run;
  const fsx = pool.fsx(ctx.region);
  const gone = (e: unknown) => /NotFound/.test(codeOf(e) ?? '');
  const vols = ontapDataVolumes(f);
  for (const v of vols) {
    const id = v.VolumeId ?? '';
    const volTags = [{ Key: 'Name', Value: `${v.Name ?? id} final backup` }, ...tags.filter((t) => t.Key !== 'Name')].slice(0, MAX_TAGS);
    await mutate(
      ctx,
      { service: 'fsx', action: 'fsx:DeleteVolume', resource: id, detail: `${v.Name ?? id} of ${info.id}; ${backup ? 'final backup requested' : 'no final backup'}`, describe: (o) => ((o as { OntapResponse?: { FinalBackupId?: string } }).OntapResponse?.FinalBackupId ? `final backup ${(o as { OntapResponse?: { FinalBackupId?: string } }).OntapResponse?.FinalBackupId}` : undefined) },
      async (attempt) => {
        try {
          return await fsx.send(new FsxDeleteVolumeCommand({ VolumeId: id, ClientRequestToken: randomUUID(), OntapConfiguration: backup ? { SkipFinalBackup: false, FinalBackupTags: volTags } : { SkipFinalBackup: true } }));
        } catch (e) {
          if (attempt > 1 && gone(e)) return {};
          throw e;
        }
      },
    );
  }
  if (vols.length) {
    run.opts.onProgress?.(`waiting for ${vols.length} volume${vols.length === 1 ? '' : 's'} of ${info.id} to be deleted${backup ? ' (final backups first)' : ''}`);
    await poll(ctx, { timeoutMs: run.waitMs, intervalMs: interval(run, 'fsx') }, { service: 'fsx', resource: info.id, waitingFor: 'free of volumes' }, async () => {
      const left = (await fsxVolumes(pool, ctx, info.id)).filter((v) => v.VolumeType === 'ONTAP' && !isRoot(v));
      const failed = left.find((v) => v.Lifecycle === 'FAILED');
      if (failed) throw stuck(info.id, `volume ${failed.Name ?? failed.VolumeId} failed to delete${failed.LifecycleTransitionReason?.Message ? `: ${failed.LifecycleTransitionReason.Message}` : ''}`);
      return left.length === 0 ? true : undefined;
    });
  }
  const svms = f.svms.filter((s) => s.Lifecycle !== 'DELETING');
  for (const s of svms) {
    const id = s.StorageVirtualMachineId ?? '';
    await mutate(ctx, { service: 'fsx', action: 'fsx:DeleteStorageVirtualMachine', resource: id, detail: `${s.Name ?? id} of ${info.id}` }, async (attempt) => {
      try {
        return await fsx.send(new DeleteStorageVirtualMachineCommand({ StorageVirtualMachineId: id, ClientRequestToken: randomUUID() }));
      } catch (e) {
        if (attempt > 1 && gone(e)) return {};
        throw e;
      }
    });
  }
  if (f.svms.length) {
    run.opts.onProgress?.(`waiting for the storage virtual machines of ${info.id} to be deleted`);
    await poll(ctx, { timeoutMs: run.waitMs, intervalMs: interval(run, 'fsx') }, { service: 'fsx', resource: info.id, waitingFor: 'free of storage virtual machines' }, async () => {
      const left = await fsxSvms(pool, ctx, info.id);
      const failed = left.find((x) => x.Lifecycle === 'FAILED');
      if (failed) throw stuck(info.id, `storage virtual machine ${failed.Name ?? failed.StorageVirtualMachineId} failed to delete${failed.LifecycleTransitionReason?.Message ? `: ${failed.LifecycleTransitionReason.Message}` : ''}`);
      return left.length === 0 ? true : undefined;
    });
  }
  return backup && vols.length > 0;
}

function stuck(fsId: string, what: string): StorageError {
  return new StorageError({
    type: 'conflict',
    service: 'fsx',
    resource: fsId,
    code: 'DeleteFailed',
    message: `${what}; ${fsId} itself was not deleted`,
    hint: 'Fix what AWS names (e.g. volumes still in use, SnapLock retention), then delete again: what is already deleted stays deleted.',
    recoverable: false,
  });
}
