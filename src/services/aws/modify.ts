// Changes to existing stores: EBS volume type/size/IOPS/throughput, EFS
// lifecycle and throughput mode, S3 lifecycle rules (merged, never dropped),
// FSx throughput, EBS attach/detach. Each checks locally what AWS would
// reject anyway (with a clearer message), then makes one audited call.
//
// API references:
//   EC2 ModifyVolume   https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyVolume.html
//       (size can only grow; Iops for gp3/io1/io2 only, Throughput for gp3 only)
//       AttachVolume / DetachVolume https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AttachVolume.html
//       https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DetachVolume.html
//   EFS PutLifecycleConfiguration (replaces the whole configuration; one transition per policy object)
//       https://docs.aws.amazon.com/efs/latest/ug/API_PutLifecycleConfiguration.html
//       UpdateFileSystem https://docs.aws.amazon.com/efs/latest/ug/API_UpdateFileSystem.html
//   S3  PutBucketLifecycleConfiguration replaces every rule: read, merge, write back.
//       https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketLifecycleConfiguration.html
//   FSx UpdateFileSystem https://docs.aws.amazon.com/fsx/latest/APIReference/API_UpdateFileSystem.html
//       Lustre: PerUnitStorageThroughput of persistent SSD file systems only (PERSISTENT_1 50/100/200,
//       PERSISTENT_2 125/250/500/1000 MB/s/TiB): https://docs.aws.amazon.com/fsx/latest/LustreGuide/managing-throughput-capacity.html
import { randomUUID } from 'node:crypto';
import { AttachVolumeCommand, DescribeVolumesCommand, DetachVolumeCommand, ModifyVolumeCommand, type ModifyVolumeCommandInput, type Volume, type VolumeType } from '@aws-sdk/client-ec2';
import { PutLifecycleConfigurationCommand, UpdateFileSystemCommand as EfsUpdateFileSystemCommand, type LifecyclePolicy } from '@aws-sdk/client-efs';
import { DescribeFileSystemsCommand as FsxDescribeFileSystemsCommand, UpdateFileSystemCommand as FsxUpdateFileSystemCommand, type UpdateFileSystemCommandInput as FsxUpdateInput } from '@aws-sdk/client-fsx';
import { GetBucketLifecycleConfigurationCommand, PutBucketLifecycleConfigurationCommand, type LifecycleRule, type PutBucketLifecycleConfigurationCommandInput, type TransitionStorageClass } from '@aws-sdk/client-s3';
import type { AuditLog } from '../audit.js';
import { lustrePerUnitValues } from '../validation/rules.js';
import { StorageError, type StorageInfo, type StorageType } from '../types.js';
import type { ClientPool } from './clients.js';
import { bucketRegion, codeOf, invalid, makeCtx, mutate, read, refuse, type Ctx, type MutationOptions } from './mutation-support.js';

function ctxFor(info: StorageInfo, audit: AuditLog | undefined, opts: MutationOptions | undefined, region = info.region): Ctx {
  return makeCtx(region, { ...opts, audit: audit ?? opts?.audit });
}

function requireType(ctx: Ctx, info: StorageInfo, types: StorageType[], action: string, service: 'ec2' | 'efs' | 'fsx' | 's3'): void {
  if (!types.includes(info.type)) invalid(ctx, { service, action, resource: info.id }, `${action} does not apply to ${info.type} ${info.id}`, 'Choose a store of the right kind.');
}

async function freshVolume(pool: ClientPool, ctx: Ctx, id: string): Promise<Volume> {
  const out = await read(ctx, { service: 'ec2', action: 'ec2:DescribeVolumes', resource: id }, () => pool.ec2(ctx.region).send(new DescribeVolumesCommand({ VolumeIds: [id] })));
  const v = out.Volumes?.[0];
  if (!v) throw new StorageError({ type: 'not-found', service: 'ec2', resource: id, code: 'InvalidVolume.NotFound', message: `${id} no longer exists`, hint: 'Refresh the list.', recoverable: false });
  return v;
}

// ---------------------------------------------------------------------------
// EBS

export interface EbsChange {
  volumeType?: string;
  iops?: number;
  throughputMBps?: number;
  sizeGiB?: number;
}

const IOPS_TYPES = new Set(['gp3', 'io1', 'io2']);

/** Elastic Volumes: type, size (grow only), IOPS, throughput. After a size change, grow the file system inside the instance. */
export async function modifyEbsVolume(pool: ClientPool, info: StorageInfo, change: EbsChange, audit?: AuditLog, opts?: MutationOptions): Promise<void> {
  const ctx = ctxFor(info, audit, opts);
  const spec = { service: 'ec2' as const, action: 'ec2:ModifyVolume', resource: info.id };
  requireType(ctx, info, ['ebs'], spec.action, 'ec2');
  const v = await freshVolume(pool, ctx, info.id);
  const currentType = v.VolumeType ?? info.ebs?.volumeType ?? '';
  const target = change.volumeType ?? currentType;
  const input: ModifyVolumeCommandInput = { VolumeId: info.id };
  if (change.volumeType !== undefined && change.volumeType !== currentType) input.VolumeType = change.volumeType as VolumeType;
  if (change.sizeGiB !== undefined && change.sizeGiB !== v.Size) {
    if (!Number.isInteger(change.sizeGiB) || change.sizeGiB <= 0) invalid(ctx, spec, `size must be a whole number of GiB, not ${change.sizeGiB}`, 'Enter a size in GiB.');
    if (v.Size !== undefined && change.sizeGiB < v.Size) {
      invalid(ctx, spec, `EBS volumes can only grow: ${info.id} is ${v.Size} GiB, ${change.sizeGiB} GiB is smaller`, 'To shrink, copy the data to a new, smaller volume.');
    }
    input.Size = change.sizeGiB;
  }
  if (change.iops !== undefined && change.iops !== v.Iops) {
    if (!IOPS_TYPES.has(target)) invalid(ctx, spec, `${target} volumes have no provisioned IOPS`, 'Provisioned IOPS exist on gp3, io1 and io2 only.');
    input.Iops = change.iops;
  }
  if (change.throughputMBps !== undefined && change.throughputMBps !== v.Throughput) {
    if (target !== 'gp3') invalid(ctx, spec, `${target} volumes have no provisioned throughput`, 'Provisioned throughput exists on gp3 only.');
    input.Throughput = change.throughputMBps;
  }
  if (Object.keys(input).length === 1) invalid(ctx, spec, `nothing to change on ${info.id}`, 'Pick a new type, size, IOPS or throughput.');
  const state = v.State ?? '';
  if (state !== 'available' && state !== 'in-use') refuse(ctx, spec, [`${info.id} is ${state}: it can be modified once it is available or in use`], 'Nothing was changed; try again shortly.');

  await mutate(ctx, { ...spec, detail: JSON.stringify(input) }, async (attempt) => {
    try {
      return await pool.ec2(ctx.region).send(new ModifyVolumeCommand(input));
    } catch (e) {
      // A retried call whose first attempt went through finds the modification already running.
      if (attempt > 1 && codeOf(e) === 'IncorrectModificationState') return {};
      throw e;
    }
  });
}

/** Attaches a volume (must be available, same AZ as the instance). */
export async function attachEbsVolume(pool: ClientPool, info: StorageInfo, instanceId: string, device: string, audit?: AuditLog, opts?: MutationOptions): Promise<void> {
  const ctx = ctxFor(info, audit, opts);
  const spec = { service: 'ec2' as const, action: 'ec2:AttachVolume', resource: info.id };
  requireType(ctx, info, ['ebs'], spec.action, 'ec2');
  const v = await freshVolume(pool, ctx, info.id);
  const attachments = (v.Attachments ?? []).filter((a) => a.State !== 'detached');
  if (attachments.some((a) => a.InstanceId === instanceId)) {
    refuse(ctx, spec, [`${info.id} is already attached to ${instanceId}`], 'Nothing to do.');
  }
  if (attachments.length && !v.MultiAttachEnabled) {
    const a = attachments[0];
    refuse(ctx, spec, [`${info.id} is attached to ${a.InstanceId} as ${a.Device}: detach it first`], 'Only io1/io2 volumes with Multi-Attach enabled can be attached to several instances.');
  }
  if (v.State !== 'available' && !(v.MultiAttachEnabled && v.State === 'in-use')) refuse(ctx, spec, [`${info.id} is ${v.State}: it can be attached once it is available`], 'Wait until it is available.');
  await mutate(ctx, { ...spec, detail: `to ${instanceId} as ${device}` }, async (attempt) => {
    try {
      return await pool.ec2(ctx.region).send(new AttachVolumeCommand({ VolumeId: info.id, InstanceId: instanceId, Device: device }));
    } catch (e) {
      if (attempt > 1) {
        const now = await pool.ec2(ctx.region).send(new DescribeVolumesCommand({ VolumeIds: [info.id] }));
        if ((now.Volumes?.[0]?.Attachments ?? []).some((a) => a.InstanceId === instanceId)) return {};
      }
      throw e;
    }
  });
}

/**
 * Detaches a volume. Unmount it inside the instance first: detaching a mounted
 * volume can lose writes still in the page cache. `force` is the last resort
 * for a stuck detach (it can corrupt the file system).
 */
export async function detachEbsVolume(pool: ClientPool, info: StorageInfo, instanceId?: string, audit?: AuditLog, opts?: MutationOptions & { force?: boolean }): Promise<void> {
  const ctx = ctxFor(info, audit, opts);
  const spec = { service: 'ec2' as const, action: 'ec2:DetachVolume', resource: info.id };
  requireType(ctx, info, ['ebs'], spec.action, 'ec2');
  const v = await freshVolume(pool, ctx, info.id);
  const attachments = (v.Attachments ?? []).filter((a) => a.State === 'attached' || a.State === 'attaching' || a.State === 'busy' || (opts?.force && a.State === 'detaching'));
  if (!attachments.length) refuse(ctx, spec, [`${info.id} is not attached to any instance`], 'Nothing to do.');
  const target = instanceId ? attachments.find((a) => a.InstanceId === instanceId) : attachments.length === 1 ? attachments[0] : undefined;
  if (!target) {
    refuse(
      ctx,
      spec,
      [instanceId ? `${info.id} is not attached to ${instanceId}` : `${info.id} is attached to ${attachments.map((a) => a.InstanceId).join(', ')}: name the instance to detach from`],
      'Choose one of the instances it is attached to.',
    );
  }
  await mutate(ctx, { ...spec, detail: `from ${target.InstanceId} (${target.Device})${opts?.force ? ' FORCED' : ''}` }, async (attempt) => {
    try {
      return await pool.ec2(ctx.region).send(new DetachVolumeCommand({ VolumeId: info.id, InstanceId: target.InstanceId, Device: target.Device, Force: opts?.force || undefined }));
    } catch (e) {
      if (attempt > 1 && codeOf(e) === 'IncorrectState') return {};
      throw e;
    }
  });
}

// ---------------------------------------------------------------------------
// EFS

export interface EfsLifecyclePolicies {
  transitionToIA?: string;
  transitionToArchive?: string;
  transitionToPrimaryStorageClass?: string;
}

/** Sets the file system's lifecycle management to exactly these transitions (none given = lifecycle management off). */
export async function putEfsLifecycle(pool: ClientPool, info: StorageInfo, policies: EfsLifecyclePolicies, audit?: AuditLog, opts?: MutationOptions): Promise<void> {
  const ctx = ctxFor(info, audit, opts);
  const spec = { service: 'efs' as const, action: 'elasticfilesystem:PutLifecycleConfiguration', resource: info.id };
  requireType(ctx, info, ['efs'], spec.action, 'efs');
  const list: LifecyclePolicy[] = [];
  if (policies.transitionToIA) list.push({ TransitionToIA: policies.transitionToIA as LifecyclePolicy['TransitionToIA'] });
  if (policies.transitionToArchive) list.push({ TransitionToArchive: policies.transitionToArchive as LifecyclePolicy['TransitionToArchive'] });
  if (policies.transitionToPrimaryStorageClass) list.push({ TransitionToPrimaryStorageClass: policies.transitionToPrimaryStorageClass as LifecyclePolicy['TransitionToPrimaryStorageClass'] });
  await mutate(ctx, { ...spec, detail: JSON.stringify(list) }, () => pool.efs(ctx.region).send(new PutLifecycleConfigurationCommand({ FileSystemId: info.id, LifecyclePolicies: list })));
}

/** Elastic, bursting or provisioned (with MiB/s). AWS allows leaving provisioned / lowering it once per 24 hours. */
export async function updateEfsThroughput(pool: ClientPool, info: StorageInfo, mode: 'elastic' | 'bursting' | 'provisioned', provisionedMiBps?: number, audit?: AuditLog, opts?: MutationOptions): Promise<void> {
  const ctx = ctxFor(info, audit, opts);
  const spec = { service: 'efs' as const, action: 'elasticfilesystem:UpdateFileSystem', resource: info.id };
  requireType(ctx, info, ['efs'], spec.action, 'efs');
  if (mode === 'provisioned' && !(provisionedMiBps !== undefined && provisionedMiBps > 0)) invalid(ctx, spec, 'provisioned throughput needs a MiB/s value above 0', 'Enter the throughput to provision in MiB/s.');
  const input = { FileSystemId: info.id, ThroughputMode: mode, ProvisionedThroughputInMibps: mode === 'provisioned' ? provisionedMiBps : undefined };
  await mutate(ctx, { ...spec, detail: `${mode}${mode === 'provisioned' ? ` ${provisionedMiBps} MiB/s` : ''}` }, () => pool.efs(ctx.region).send(new EfsUpdateFileSystemCommand(input)));
}

// ---------------------------------------------------------------------------
// S3

export interface S3LifecycleRuleChange {
  id: string;
  transitions: { days: number; storageClass: string }[];
  abortIncompleteMultipartDays?: number;
}

/** The rule as S3 takes it: whole bucket, enabled. */
export function s3RuleOf(rule: S3LifecycleRuleChange): LifecycleRule {
  const r: LifecycleRule = { ID: rule.id, Status: 'Enabled', Filter: { Prefix: '' } };
  if (rule.transitions.length) r.Transitions = rule.transitions.map((t) => ({ Days: t.days, StorageClass: t.storageClass as TransitionStorageClass }));
  if (rule.abortIncompleteMultipartDays !== undefined) r.AbortIncompleteMultipartUpload = { DaysAfterInitiation: rule.abortIncompleteMultipartDays };
  return r;
}

/** Existing rules with `rule` replacing the one of the same ID (or appended): nothing else is touched. */
export function mergeLifecycleRules(existing: LifecycleRule[], rule: LifecycleRule): LifecycleRule[] {
  const i = existing.findIndex((r) => r.ID === rule.ID);
  if (i < 0) return [...existing, rule];
  const out = [...existing];
  out[i] = rule;
  return out;
}

/** Adds or replaces one lifecycle rule, keeping every other rule exactly as it was. */
export async function putS3LifecycleRule(pool: ClientPool, info: StorageInfo, rule: S3LifecycleRuleChange, audit?: AuditLog, opts?: MutationOptions): Promise<void> {
  const ctx = ctxFor(info, audit, opts, info.type === 's3' ? await bucketRegion(pool, info, opts) : info.region);
  const spec = { service: 's3' as const, action: 's3:PutLifecycleConfiguration', resource: info.id };
  requireType(ctx, info, ['s3'], spec.action, 's3');
  if (!rule.id.trim() || rule.id.length > 255) invalid(ctx, spec, 'a lifecycle rule needs an ID of 1-255 characters', 'Name the rule.');
  if (!rule.transitions.length && rule.abortIncompleteMultipartDays === undefined) invalid(ctx, spec, `rule ${rule.id} does nothing`, 'Add a transition or an abort-incomplete-uploads age.');
  for (const t of rule.transitions) if (!Number.isInteger(t.days) || t.days < 0) invalid(ctx, spec, `transition after ${t.days} days is not a whole number of days`, 'Use 0 or more whole days.');
  if (rule.abortIncompleteMultipartDays !== undefined && !(Number.isInteger(rule.abortIncompleteMultipartDays) && rule.abortIncompleteMultipartDays > 0)) {
    invalid(ctx, spec, 'abort incomplete multipart uploads after at least 1 day', 'Use 1 or more whole days.');
  }
  const s3 = pool.s3(ctx.region);
  let existing: LifecycleRule[] = [];
  let minSize: PutBucketLifecycleConfigurationCommandInput['TransitionDefaultMinimumObjectSize'];
  try {
    const cur = await read(ctx, { service: 's3', action: 's3:GetLifecycleConfiguration', resource: info.id }, async () => {
      try {
        return await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: info.id }));
      } catch (e) {
        if (codeOf(e) === 'NoSuchLifecycleConfiguration') return { Rules: [], TransitionDefaultMinimumObjectSize: undefined };
        throw e;
      }
    });
    existing = cur.Rules ?? [];
    minSize = cur.TransitionDefaultMinimumObjectSize;
  } catch (e) {
    // Without the current rules a write would drop them: refuse instead.
    if (e instanceof StorageError) refuse(ctx, spec, [`the current lifecycle rules of ${info.id} could not be read (${e.code}): writing now could drop them`], e.hint);
    throw e;
  }
  const rules = mergeLifecycleRules(existing, s3RuleOf(rule));
  const input: PutBucketLifecycleConfigurationCommandInput = { Bucket: info.id, LifecycleConfiguration: { Rules: rules }, ...(minSize ? { TransitionDefaultMinimumObjectSize: minSize } : {}) };
  await mutate(ctx, { ...spec, detail: `rule ${rule.id} ${existing.some((r) => r.ID === rule.id) ? 'replaced' : 'added'}; ${rules.length} rules in all` }, () => s3.send(new PutBucketLifecycleConfigurationCommand(input)));
}

// ---------------------------------------------------------------------------
// FSx

/**
 * Windows, ONTAP, OpenZFS: ThroughputCapacity in MB/s. Lustre (persistent SSD):
 * the value is the per-unit throughput in MB/s per TiB (PerUnitStorageThroughput),
 * what Lustre provisions; Intelligent-Tiering Lustre takes ThroughputCapacity.
 */
export async function updateFsxThroughput(pool: ClientPool, info: StorageInfo, throughputCapacityMBps: number, audit?: AuditLog, opts?: MutationOptions): Promise<void> {
  const ctx = ctxFor(info, audit, opts);
  const spec = { service: 'fsx' as const, action: 'fsx:UpdateFileSystem', resource: info.id };
  requireType(ctx, info, ['fsx-lustre', 'fsx-windows', 'fsx-ontap', 'fsx-openzfs'], spec.action, 'fsx');
  if (!(Number.isInteger(throughputCapacityMBps) && throughputCapacityMBps > 0)) invalid(ctx, spec, `throughput must be a whole number of MB/s above 0, not ${throughputCapacityMBps}`, 'Pick one of the offered values.');
  const fsx = pool.fsx(ctx.region);
  const out = await read(ctx, { service: 'fsx', action: 'fsx:DescribeFileSystems', resource: info.id }, () => fsx.send(new FsxDescribeFileSystemsCommand({ FileSystemIds: [info.id] })));
  const fs = out.FileSystems?.[0];
  if (!fs) throw new StorageError({ type: 'not-found', service: 'fsx', resource: info.id, code: 'FileSystemNotFound', message: `${info.id} no longer exists`, hint: 'Refresh the list.', recoverable: false });
  if (fs.Lifecycle !== 'AVAILABLE') refuse(ctx, spec, [`${info.id} is ${(fs.Lifecycle ?? 'unknown').toLowerCase()}: throughput can be changed once it is available`], 'Wait until the current change finishes.');
  const input: FsxUpdateInput = { FileSystemId: info.id, ClientRequestToken: randomUUID() };
  switch (fs.FileSystemType) {
    case 'LUSTRE': {
      const l = fs.LustreConfiguration;
      const deploymentType = l?.DeploymentType ?? '';
      if (fs.StorageType === 'INTELLIGENT_TIERING') {
        input.LustreConfiguration = { ThroughputCapacity: throughputCapacityMBps };
        break;
      }
      if (deploymentType.startsWith('SCRATCH')) invalid(ctx, spec, `${deploymentType} file systems have a fixed throughput`, 'Scratch throughput follows capacity: grow the storage capacity instead.');
      if (fs.StorageType === 'HDD') invalid(ctx, spec, 'the throughput tier of an HDD Lustre file system cannot be changed', 'Create a new file system with the tier you need.');
      const allowed = lustrePerUnitValues({ deploymentType: deploymentType as 'PERSISTENT_1' | 'PERSISTENT_2', storageType: 'SSD' });
      if (!allowed.includes(throughputCapacityMBps)) invalid(ctx, spec, `${throughputCapacityMBps} MB/s/TiB is not a ${deploymentType} tier`, `Choose one of ${allowed.join(', ')} MB/s per TiB.`);
      input.LustreConfiguration = { PerUnitStorageThroughput: throughputCapacityMBps };
      break;
    }
    case 'WINDOWS':
      input.WindowsConfiguration = { ThroughputCapacity: throughputCapacityMBps };
      break;
    case 'ONTAP':
      input.OntapConfiguration = { ThroughputCapacity: throughputCapacityMBps };
      break;
    case 'OPENZFS':
      input.OpenZFSConfiguration = { ThroughputCapacity: throughputCapacityMBps };
      break;
    default:
      invalid(ctx, spec, `unknown FSx type ${fs.FileSystemType}`, 'Refresh the list.');
  }
  const unit = fs.FileSystemType === 'LUSTRE' && fs.StorageType !== 'INTELLIGENT_TIERING' ? 'MB/s/TiB' : 'MB/s';
  // ClientRequestToken makes the retry of this very request idempotent.
  await mutate(ctx, { ...spec, detail: `throughput ${throughputCapacityMBps} ${unit}` }, () => fsx.send(new FsxUpdateFileSystemCommand(input)));
}
