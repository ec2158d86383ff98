// EFS: file systems, mount targets, access points, lifecycle policies, tags.
// API reference: https://docs.aws.amazon.com/efs/latest/ug/API_Operations.html
import type {
  AccessPointDescription,
  CreateAccessPointRequest,
  CreateFileSystemRequest,
  CreateMountTargetRequest,
  DeleteAccessPointRequest,
  DeleteFileSystemRequest,
  DeleteMountTargetRequest,
  DescribeAccessPointsRequest,
  DescribeAccessPointsResponse,
  DescribeFileSystemsRequest,
  DescribeFileSystemsResponse,
  DescribeLifecycleConfigurationRequest,
  DescribeMountTargetSecurityGroupsRequest,
  DescribeMountTargetSecurityGroupsResponse,
  DescribeMountTargetsRequest,
  DescribeMountTargetsResponse,
  FileSystemDescription,
  LifecycleConfigurationDescription,
  LifecyclePolicy,
  ListTagsForResourceRequest,
  ListTagsForResourceResponse,
  MountTargetDescription,
  PutLifecycleConfigurationRequest,
  TagResourceRequest,
  UntagResourceRequest,
  UpdateFileSystemRequest,
} from '@aws-sdk/client-efs';
import type { AccessPoint, EfsFileSystem, MountTarget, Tags } from '../model.js';
import { exists, phase } from '../model.js';
import { awsError } from '../errors.js';
import { paginate } from '../paging.js';
import { ACCOUNT_ID, DAY } from '../world.js';
import { resolveKmsKey } from './kms.js';
import { efsSizesAt } from '../view.js';
import type { Ctx, HandlerTable } from './common.js';
import { tagList, tagsFrom } from './common.js';

const err = (code: string, message: string, status = 400, extra?: Record<string, unknown>) => awsError('efs', code, message, { status, extra });

function fsArn(ctx: Ctx, id: string): string {
  return `arn:aws:elasticfilesystem:${ctx.region}:${ACCOUNT_ID}:file-system/${id}`;
}

function findFs(ctx: Ctx, id: string | undefined): EfsFileSystem {
  if (!id) throw err('BadRequest', 'FileSystemId is required.');
  const bare = id.startsWith('arn:') ? id.slice(id.lastIndexOf('/') + 1) : id;
  const fs = ctx.rw.efs.get(bare);
  if (!fs || !exists(fs, ctx.now)) throw err('FileSystemNotFound', `File system '${bare}' does not exist.`, 404);
  return fs;
}

function findMt(ctx: Ctx, id: string | undefined): MountTarget {
  const mt = id ? ctx.rw.mountTargets.get(id) : undefined;
  if (!mt || !exists(mt, ctx.now)) throw err('MountTargetNotFound', `Mount target '${id}' does not exist.`, 404);
  return mt;
}

function findAp(ctx: Ctx, id: string | undefined): AccessPoint {
  const bare = id?.startsWith('arn:') ? id.slice(id.lastIndexOf('/') + 1) : id;
  const ap = bare ? ctx.rw.accessPoints.get(bare) : undefined;
  if (!ap || !exists(ap, ctx.now)) throw err('AccessPointNotFound', `Access point '${bare}' does not exist.`, 404);
  return ap;
}

function mountTargetsOf(ctx: Ctx, fsId: string): MountTarget[] {
  const out: MountTarget[] = [];
  for (const m of ctx.rw.mountTargets.values()) if (m.fsId === fsId && exists(m, ctx.now)) out.push(m);
  return out;
}

function lifeState(l: { readyAt: number; createdAt: number; seq: number; deleteAt?: number; goneAt?: number }, now: number, updatingUntil?: number): 'creating' | 'available' | 'updating' | 'deleting' {
  const p = phase(l, now);
  if (p === 'creating') return 'creating';
  if (p === 'deleting' || p === 'gone') return 'deleting';
  if (updatingUntil !== undefined && now < updatingUntil) return 'updating';
  return 'available';
}

/** An empty EFS file system meters 6 KiB. */
const EMPTY_FS_BYTES = 6144;

/** Live mount targets per file system, counted in one pass (a page of file systems would otherwise scan them all once each). */
function mountTargetCounts(ctx: Ctx): Map<string, number> {
  const n = new Map<string, number>();
  for (const m of ctx.rw.mountTargets.values()) if (exists(m, ctx.now)) n.set(m.fsId, (n.get(m.fsId) ?? 0) + 1);
  return n;
}

function renderFs(ctx: Ctx, fs: EfsFileSystem, mountTargets: Map<string, number> = mountTargetCounts(ctx)): FileSystemDescription {
  const sizes = efsSizesAt(ctx.world, fs, ctx.now);
  const total = sizes.standard + sizes.ia + sizes.archive;
  const az = fs.azName ? ctx.rw.azs.find((z) => z.name === fs.azName) : undefined;
  return {
    OwnerId: ACCOUNT_ID,
    CreationToken: fs.creationToken,
    FileSystemId: fs.id,
    FileSystemArn: fsArn(ctx, fs.id),
    CreationTime: new Date(fs.createdAt),
    LifeCycleState: lifeState(fs, ctx.now, fs.updatingUntil),
    Name: fs.tags.Name,
    NumberOfMountTargets: mountTargets.get(fs.id) ?? 0,
    SizeInBytes: {
      Value: Math.max(EMPTY_FS_BYTES, total),
      Timestamp: new Date(Math.floor(ctx.now / 3_600_000) * 3_600_000),
      ValueInStandard: Math.max(EMPTY_FS_BYTES, sizes.standard),
      ValueInIA: sizes.ia,
      ValueInArchive: sizes.archive,
    },
    PerformanceMode: fs.performanceMode as FileSystemDescription['PerformanceMode'],
    Encrypted: fs.encrypted,
    KmsKeyId: fs.kmsKeyId,
    ThroughputMode: fs.throughputMode as FileSystemDescription['ThroughputMode'],
    ProvisionedThroughputInMibps: fs.throughputMode === 'provisioned' ? fs.provisionedMiBps : undefined,
    AvailabilityZoneName: fs.azName,
    AvailabilityZoneId: az?.id,
    Tags: tagList(fs.tags),
    FileSystemProtection: { ReplicationOverwriteProtection: 'ENABLED' },
  };
}

function renderMt(ctx: Ctx, mt: MountTarget): MountTargetDescription {
  return {
    OwnerId: ACCOUNT_ID,
    MountTargetId: mt.id,
    FileSystemId: mt.fsId,
    SubnetId: mt.subnetId,
    LifeCycleState: lifeState(mt, ctx.now),
    IpAddress: mt.ip,
    NetworkInterfaceId: mt.eni,
    AvailabilityZoneId: mt.azId,
    AvailabilityZoneName: mt.az,
    VpcId: mt.vpcId,
  };
}

function renderAp(ctx: Ctx, ap: AccessPoint): AccessPointDescription {
  return {
    ClientToken: ap.clientToken,
    Name: ap.tags.Name,
    Tags: tagList(ap.tags),
    AccessPointId: ap.id,
    AccessPointArn: `arn:aws:elasticfilesystem:${ctx.region}:${ACCOUNT_ID}:access-point/${ap.id}`,
    FileSystemId: ap.fsId,
    PosixUser: ap.posixUser,
    RootDirectory: ap.rootDirectory ?? { Path: '/' },
    OwnerId: ACCOUNT_ID,
    LifeCycleState: lifeState(ap, ctx.now),
  };
}

function maxItems(v: number | undefined, dflt: number): number {
  if (v === undefined) return dflt;
  if (!Number.isInteger(v) || v < 1) throw err('BadRequest', `MaxItems must be a positive integer.`);
  return Math.min(v, dflt);
}

// ---------------------------------------------------------------------------

/** DescribeFileSystems returns at most 100 per page: https://docs.aws.amazon.com/efs/latest/ug/API_DescribeFileSystems.html */
function describeFileSystems(ctx: Ctx, input: unknown): DescribeFileSystemsResponse {
  const i = input as DescribeFileSystemsRequest;
  let list = [...ctx.rw.efs.values()].filter((f) => exists(f, ctx.now));
  if (i.FileSystemId) list = [findFs(ctx, i.FileSystemId)];
  if (i.CreationToken) list = list.filter((f) => f.creationToken === i.CreationToken);
  const page = paginate('efs', 'DescribeFileSystems', list, maxItems(i.MaxItems, 100), i.Marker);
  const mountTargets = mountTargetCounts(ctx);
  return { FileSystems: page.items.map((f) => renderFs(ctx, f, mountTargets)), Marker: i.Marker, NextMarker: page.next };
}

function describeMountTargets(ctx: Ctx, input: unknown): DescribeMountTargetsResponse {
  const i = input as DescribeMountTargetsRequest;
  let list: MountTarget[];
  if (i.MountTargetId) list = [findMt(ctx, i.MountTargetId)];
  else if (i.FileSystemId) list = mountTargetsOf(ctx, findFs(ctx, i.FileSystemId).id);
  else if (i.AccessPointId) list = mountTargetsOf(ctx, findAp(ctx, i.AccessPointId).fsId);
  else throw err('BadRequest', 'Please provide either FileSystemId, MountTargetId or AccessPointId.');
  const page = paginate('efs', 'DescribeMountTargets', list, maxItems(i.MaxItems, 100), i.Marker);
  return { MountTargets: page.items.map((m) => renderMt(ctx, m)), Marker: i.Marker, NextMarker: page.next };
}

function describeMountTargetSecurityGroups(ctx: Ctx, input: unknown): DescribeMountTargetSecurityGroupsResponse {
  const i = input as DescribeMountTargetSecurityGroupsRequest;
  const mt = findMt(ctx, i.MountTargetId);
  if (lifeState(mt, ctx.now) !== 'available') throw err('IncorrectMountTargetState', `Mount target '${mt.id}' is not in the available state.`, 409);
  return { SecurityGroups: [...mt.sgIds] };
}

function describeAccessPoints(ctx: Ctx, input: unknown): DescribeAccessPointsResponse {
  const i = input as DescribeAccessPointsRequest;
  let list: AccessPoint[];
  if (i.AccessPointId) list = [findAp(ctx, i.AccessPointId)];
  else if (i.FileSystemId) {
    const fs = findFs(ctx, i.FileSystemId);
    list = [...ctx.rw.accessPoints.values()].filter((a) => a.fsId === fs.id && exists(a, ctx.now));
  } else list = [...ctx.rw.accessPoints.values()].filter((a) => exists(a, ctx.now) && ctx.rw.efs.has(a.fsId));
  const page = paginate('efs', 'DescribeAccessPoints', list, maxItems(i.MaxResults, 1000), i.NextToken);
  return { AccessPoints: page.items.map((a) => renderAp(ctx, a)), NextToken: page.next };
}

function describeLifecycleConfiguration(ctx: Ctx, input: unknown): LifecycleConfigurationDescription {
  const i = input as DescribeLifecycleConfigurationRequest;
  const fs = findFs(ctx, i.FileSystemId);
  return { LifecyclePolicies: fs.lifecycle.map((p) => ({ ...p })) };
}

/** Allowed transition values: https://docs.aws.amazon.com/efs/latest/ug/API_LifecyclePolicy.html */
const AFTER_DAYS = ['AFTER_1_DAY', 'AFTER_7_DAYS', 'AFTER_14_DAYS', 'AFTER_30_DAYS', 'AFTER_60_DAYS', 'AFTER_90_DAYS', 'AFTER_180_DAYS', 'AFTER_270_DAYS', 'AFTER_365_DAYS'];
const days = (v: string) => Number(/AFTER_(\d+)_DAY/.exec(v)?.[1] ?? 0);

function validateLifecycle(fs: EfsFileSystem, policies: LifecyclePolicy[]): void {
  const seen = new Set<string>();
  for (const p of policies) {
    const keys = Object.keys(p).filter((k) => p[k as keyof LifecyclePolicy] !== undefined);
    if (keys.length !== 1) throw err('BadRequest', 'Each LifecyclePolicy must specify exactly one of TransitionToIA, TransitionToArchive or TransitionToPrimaryStorageClass.');
    if (seen.has(keys[0])) throw err('BadRequest', `Only one ${keys[0]} policy is allowed.`);
    seen.add(keys[0]);
    if (p.TransitionToIA && !AFTER_DAYS.includes(p.TransitionToIA)) throw err('BadRequest', `Invalid TransitionToIA value ${p.TransitionToIA}.`);
    if (p.TransitionToArchive && !AFTER_DAYS.includes(p.TransitionToArchive)) throw err('BadRequest', `Invalid TransitionToArchive value ${p.TransitionToArchive}.`);
    if (p.TransitionToPrimaryStorageClass && p.TransitionToPrimaryStorageClass !== 'AFTER_1_ACCESS') throw err('BadRequest', `Invalid TransitionToPrimaryStorageClass value ${p.TransitionToPrimaryStorageClass}.`);
  }
  const ia = policies.find((p) => p.TransitionToIA)?.TransitionToIA;
  const ar = policies.find((p) => p.TransitionToArchive)?.TransitionToArchive;
  if (ar && fs.throughputMode !== 'elastic') throw err('BadRequest', 'TransitionToArchive requires a file system with Elastic throughput.');
  if (ar && fs.performanceMode !== 'generalPurpose') throw err('BadRequest', 'TransitionToArchive requires General Purpose performance mode.');
  if (ia && ar && days(ar) <= days(ia)) throw err('BadRequest', 'TransitionToArchive must be later than TransitionToIA.');
}

function putLifecycleConfiguration(ctx: Ctx, input: unknown): LifecycleConfigurationDescription {
  const i = input as PutLifecycleConfigurationRequest;
  const fs = findFs(ctx, i.FileSystemId);
  const policies = i.LifecyclePolicies ?? [];
  validateLifecycle(fs, policies);
  fs.lifecycle = policies.map((p) => ({ ...p }));
  return { LifecyclePolicies: fs.lifecycle.map((p) => ({ ...p })) };
}

const PERF = ['generalPurpose', 'maxIO'];
const THR = ['bursting', 'provisioned', 'elastic'];
/** Provisioned throughput range in MiB/s: https://docs.aws.amazon.com/efs/latest/ug/API_CreateFileSystem.html */
const PROVISIONED_MAX = 3414;

function checkThroughput(perf: string, mode: string, provisioned: number | undefined, oneZone: boolean): void {
  if (!PERF.includes(perf)) throw err('BadRequest', `Invalid PerformanceMode ${perf}.`);
  if (!THR.includes(mode)) throw err('BadRequest', `Invalid ThroughputMode ${mode}.`);
  if (mode === 'provisioned' && provisioned === undefined) throw err('BadRequest', 'ProvisionedThroughputInMibps is required when ThroughputMode is provisioned.');
  if (mode !== 'provisioned' && provisioned !== undefined) throw err('BadRequest', 'ProvisionedThroughputInMibps can only be set with ThroughputMode provisioned.');
  if (provisioned !== undefined && (provisioned < 1 || provisioned > PROVISIONED_MAX)) throw err('BadRequest', `ProvisionedThroughputInMibps must be between 1 and ${PROVISIONED_MAX}.`);
  if (perf === 'maxIO' && mode === 'elastic') throw err('BadRequest', 'Elastic throughput is not supported with the Max I/O performance mode.');
  if (perf === 'maxIO' && oneZone) throw err('BadRequest', 'One Zone file systems support only the General Purpose performance mode.');
}

function checkTagKeys(t: Tags): void {
  for (const k of Object.keys(t)) if (k.toLowerCase().startsWith('aws:')) throw err('BadRequest', "Tag keys with the prefix 'aws:' are reserved.");
  if (Object.keys(t).length > 50) throw err('BadRequest', 'A resource can have at most 50 tags.');
}

function createFileSystem(ctx: Ctx, input: unknown): FileSystemDescription {
  const i = input as CreateFileSystemRequest;
  if (!i.CreationToken) throw err('BadRequest', 'CreationToken is required.');
  // EFS idempotency: a reused creation token answers FileSystemAlreadyExists with the id.
  const dup = [...ctx.rw.efs.values()].find((f) => f.creationToken === i.CreationToken && exists(f, ctx.now));
  if (dup) throw err('FileSystemAlreadyExists', `File system '${dup.id}' already exists with creation token '${i.CreationToken}'`, 409, { FileSystemId: dup.id });
  const perf = i.PerformanceMode ?? 'generalPurpose';
  const mode = i.ThroughputMode ?? 'elastic';
  checkThroughput(perf, mode, i.ProvisionedThroughputInMibps, !!i.AvailabilityZoneName);
  if (i.AvailabilityZoneName && !ctx.rw.azs.some((z) => z.name === i.AvailabilityZoneName)) throw err('UnsupportedAvailabilityZone', `Availability Zone '${i.AvailabilityZoneName}' is not supported.`);
  if (i.KmsKeyId && !i.Encrypted) throw err('BadRequest', 'KmsKeyId requires Encrypted to be true.');
  let kmsKeyId: string | undefined;
  if (i.Encrypted) {
    const key = resolveKmsKey(ctx.rw, i.KmsKeyId ?? 'alias/aws/elasticfilesystem');
    if (!key) throw err('BadRequest', `Invalid KMS key '${i.KmsKeyId}'.`);
    kmsKeyId = key.arn;
  }
  const tags = tagsFrom(i.Tags);
  checkTagKeys(tags);
  const fs: EfsFileSystem = {
    seq: ctx.world.nextSeq(),
    createdAt: ctx.now,
    readyAt: ctx.now + ctx.durations.efs,
    id: ctx.ids.awsId('fs'),
    creationToken: i.CreationToken,
    performanceMode: perf,
    throughputMode: mode,
    provisionedMiBps: i.ProvisionedThroughputInMibps,
    encrypted: !!i.Encrypted,
    kmsKeyId,
    azName: i.AvailabilityZoneName,
    sizes: { standard: 0, ia: 0, archive: 0 },
    lifecycle: [],
    tags,
    profile: 'creating',
    usedFraction: 0,
  };
  ctx.rw.efs.set(fs.id, fs);
  return renderFs(ctx, fs);
}

function updateFileSystem(ctx: Ctx, input: unknown): FileSystemDescription {
  const i = input as UpdateFileSystemRequest;
  const fs = findFs(ctx, i.FileSystemId);
  if (lifeState(fs, ctx.now, fs.updatingUntil) !== 'available') throw err('IncorrectFileSystemLifeCycleState', `File system '${fs.id}' is not in the available state.`, 409);
  const mode = i.ThroughputMode ?? fs.throughputMode;
  const provisioned = mode === 'provisioned' ? (i.ProvisionedThroughputInMibps ?? fs.provisionedMiBps) : undefined;
  checkThroughput(fs.performanceMode, mode, provisioned, !!fs.azName);
  if (mode === fs.throughputMode && provisioned === fs.provisionedMiBps) throw err('BadRequest', 'The requested throughput settings match the current ones.');
  // Mode changes and provisioned decreases: once per 24 hours.
  // https://docs.aws.amazon.com/efs/latest/ug/performance.html#throughput-modes
  const restricted = mode !== fs.throughputMode || (provisioned !== undefined && fs.provisionedMiBps !== undefined && provisioned < fs.provisionedMiBps);
  if (restricted && fs.throughputChangedAt !== undefined && ctx.now - fs.throughputChangedAt < DAY) {
    const at = new Date(fs.throughputChangedAt + DAY).toISOString();
    throw err('TooManyRequests', `You have reached the limit of throughput mode changes or provisioned throughput decreases. Try again after ${at}.`, 429, { ErrorCode: 'TooManyRequests' });
  }
  if (mode !== 'elastic' && fs.lifecycle.some((p) => p.TransitionToArchive)) throw err('BadRequest', 'Remove the TransitionToArchive lifecycle policy before leaving Elastic throughput.');
  if (restricted) fs.throughputChangedAt = ctx.now;
  fs.throughputMode = mode;
  fs.provisionedMiBps = provisioned;
  fs.updatingUntil = ctx.now + Math.max(1, ctx.durations.efs / 2);
  return renderFs(ctx, fs);
}

function deleteFileSystem(ctx: Ctx, input: unknown): object {
  const i = input as DeleteFileSystemRequest;
  const fs = findFs(ctx, i.FileSystemId);
  if (mountTargetsOf(ctx, fs.id).length > 0) throw err('FileSystemInUse', `File system '${fs.id}' has mount targets and cannot be deleted.`, 409);
  if (phase(fs, ctx.now) === 'deleting') return {};
  fs.deleteAt = ctx.now;
  fs.goneAt = ctx.now + ctx.durations.efs;
  for (const ap of ctx.rw.accessPoints.values()) if (ap.fsId === fs.id && exists(ap, ctx.now)) [ap.deleteAt, ap.goneAt] = [ctx.now, ctx.now + ctx.durations.efs];
  return {};
}

function ipInCidr(ip: string, cidr: string): boolean {
  const toN = (s: string) => s.split('.').reduce((a, b) => a * 256 + Number(b), 0);
  const [base, bits] = cidr.split('/');
  const size = 2 ** (32 - Number(bits));
  const n = toN(ip);
  return /^\d+\.\d+\.\d+\.\d+$/.test(ip) && n >= toN(base) && n < toN(base) + size;
}

function createMountTarget(ctx: Ctx, input: unknown): MountTargetDescription {
  const i = input as CreateMountTargetRequest;
  const fs = findFs(ctx, i.FileSystemId);
  if (lifeState(fs, ctx.now, fs.updatingUntil) !== 'available') throw err('IncorrectFileSystemLifeCycleState', `File system '${fs.id}' is not in the available state.`, 409);
  const sn = ctx.rw.subnets.find((s) => s.id === i.SubnetId);
  if (!sn) throw err('SubnetNotFound', `The subnet ID '${i.SubnetId}' does not exist`);
  if (fs.azName && fs.azName !== sn.az) throw err('BadRequest', `One Zone file system '${fs.id}' can only have a mount target in ${fs.azName}.`);
  const others = mountTargetsOf(ctx, fs.id);
  if (others.some((m) => m.az === sn.az)) throw err('MountTargetConflict', `A mount target already exists in Availability Zone ${sn.az} for file system '${fs.id}'.`, 409);
  if (others.some((m) => m.vpcId !== sn.vpcId)) throw err('MountTargetConflict', `All mount targets of file system '${fs.id}' must be in the same VPC (${others[0].vpcId}).`, 409);
  const sgIds = i.SecurityGroups?.length ? i.SecurityGroups : [ctx.rw.securityGroups.find((g) => g.vpcId === sn.vpcId && g.name === 'default')!.id];
  if (sgIds.length > 5) throw err('SecurityGroupLimitExceeded', 'A mount target can have at most 5 security groups.');
  for (const g of sgIds) {
    const sg = ctx.rw.securityGroups.find((x) => x.id === g);
    if (!sg) throw err('SecurityGroupNotFound', `The security group '${g}' does not exist.`);
    if (sg.vpcId !== sn.vpcId) throw err('SecurityGroupNotFound', `The security group '${g}' is not in VPC ${sn.vpcId}.`);
  }
  let ip = i.IpAddress;
  if (ip && !ipInCidr(ip, sn.cidr)) throw err('BadRequest', `IP address ${ip} is not in the subnet's CIDR block ${sn.cidr}.`);
  if (ip && [...ctx.rw.mountTargets.values()].some((m) => m.ip === ip && exists(m, ctx.now))) throw err('IpAddressInUse', `IP address ${ip} is already in use.`, 409);
  if (!ip) {
    const [a, b, c] = sn.cidr.split('/')[0].split('.').map(Number);
    ip = `${a}.${b}.${c + ctx.ids.int(0, 14)}.${ctx.ids.int(10, 250)}`;
  }
  const mt: MountTarget = {
    seq: ctx.world.nextSeq(),
    createdAt: ctx.now,
    readyAt: ctx.now + ctx.durations.efs,
    id: ctx.ids.awsId('fsmt'),
    fsId: fs.id,
    subnetId: sn.id,
    vpcId: sn.vpcId,
    az: sn.az,
    azId: sn.azId,
    ip,
    eni: ctx.ids.awsId('eni'),
    sgIds: [...sgIds],
  };
  ctx.rw.mountTargets.set(mt.id, mt);
  return renderMt(ctx, mt);
}

function deleteMountTarget(ctx: Ctx, input: unknown): object {
  const i = input as DeleteMountTargetRequest;
  const mt = findMt(ctx, i.MountTargetId);
  if (phase(mt, ctx.now) !== 'deleting') {
    mt.deleteAt = ctx.now;
    mt.goneAt = ctx.now + ctx.durations.efs;
  }
  return {};
}

function createAccessPoint(ctx: Ctx, input: unknown): AccessPointDescription {
  const i = input as CreateAccessPointRequest;
  const fs = findFs(ctx, i.FileSystemId);
  if (!i.ClientToken) throw err('BadRequest', 'ClientToken is required.');
  const dup = [...ctx.rw.accessPoints.values()].find((a) => a.clientToken === i.ClientToken && exists(a, ctx.now));
  if (dup) throw err('AccessPointAlreadyExists', `Access point '${dup.id}' already exists with client token '${i.ClientToken}'`, 409, { AccessPointId: dup.id });
  if (lifeState(fs, ctx.now, fs.updatingUntil) !== 'available') throw err('IncorrectFileSystemLifeCycleState', `File system '${fs.id}' is not in the available state.`, 409);
  const path = i.RootDirectory?.Path;
  if (path !== undefined && (!path.startsWith('/') || path.length > 100 || path.split('/').length > 5)) throw err('BadRequest', 'RootDirectory Path must be absolute, at most 100 characters and at most four subdirectories deep.');
  const tags = tagsFrom(i.Tags);
  checkTagKeys(tags);
  const ap: AccessPoint = {
    seq: ctx.world.nextSeq(),
    createdAt: ctx.now,
    readyAt: ctx.now + Math.max(1, ctx.durations.efs / 3),
    id: ctx.ids.awsId('fsap'),
    fsId: fs.id,
    clientToken: i.ClientToken,
    posixUser: i.PosixUser ? { Uid: i.PosixUser.Uid ?? 0, Gid: i.PosixUser.Gid ?? 0, SecondaryGids: i.PosixUser.SecondaryGids } : undefined,
    rootDirectory: i.RootDirectory
      ? { Path: i.RootDirectory.Path, CreationInfo: i.RootDirectory.CreationInfo ? { OwnerUid: i.RootDirectory.CreationInfo.OwnerUid ?? 0, OwnerGid: i.RootDirectory.CreationInfo.OwnerGid ?? 0, Permissions: i.RootDirectory.CreationInfo.Permissions ?? '0755' } : undefined }
      : undefined,
    tags,
  };
  ctx.rw.accessPoints.set(ap.id, ap);
  return renderAp(ctx, ap);
}

function deleteAccessPoint(ctx: Ctx, input: unknown): object {
  const i = input as DeleteAccessPointRequest;
  const ap = findAp(ctx, i.AccessPointId);
  if (phase(ap, ctx.now) !== 'deleting') [ap.deleteAt, ap.goneAt] = [ctx.now, ctx.now + Math.max(1, ctx.durations.efs / 3)];
  return {};
}

function taggable(ctx: Ctx, id: string | undefined): { tags: Tags } {
  if (id?.startsWith('fsap-') || id?.includes(':access-point/')) return findAp(ctx, id);
  return findFs(ctx, id);
}

function tagResource(ctx: Ctx, input: unknown): object {
  const i = input as TagResourceRequest;
  const r = taggable(ctx, i.ResourceId);
  const add = tagsFrom(i.Tags);
  checkTagKeys({ ...r.tags, ...add });
  Object.assign(r.tags, add);
  return {};
}

function untagResource(ctx: Ctx, input: unknown): object {
  const i = input as UntagResourceRequest;
  const r = taggable(ctx, i.ResourceId);
  for (const k of i.TagKeys ?? []) delete r.tags[k];
  return {};
}

function listTagsForResource(ctx: Ctx, input: unknown): ListTagsForResourceResponse {
  const i = input as ListTagsForResourceRequest;
  const r = taggable(ctx, i.ResourceId);
  const rows = tagList(r.tags).map((t, n) => ({ ...t, seq: n + 1 }));
  const page = paginate('efs', `ListTagsForResource:${i.ResourceId}`, rows, maxItems(i.MaxResults, 100), i.NextToken);
  return { Tags: page.items.map(({ Key, Value }) => ({ Key, Value })), NextToken: page.next };
}

export const efsHandlers: HandlerTable = {
  DescribeFileSystems: describeFileSystems,
  DescribeMountTargets: describeMountTargets,
  DescribeMountTargetSecurityGroups: describeMountTargetSecurityGroups,
  DescribeAccessPoints: describeAccessPoints,
  DescribeLifecycleConfiguration: describeLifecycleConfiguration,
  PutLifecycleConfiguration: putLifecycleConfiguration,
  CreateFileSystem: createFileSystem,
  UpdateFileSystem: updateFileSystem,
  DeleteFileSystem: deleteFileSystem,
  CreateMountTarget: createMountTarget,
  DeleteMountTarget: deleteMountTarget,
  CreateAccessPoint: createAccessPoint,
  DeleteAccessPoint: deleteAccessPoint,
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTagsForResource: listTagsForResource,
};

export const EFS_MUTATIONS = ['PutLifecycleConfiguration', 'CreateFileSystem', 'UpdateFileSystem', 'DeleteFileSystem', 'CreateMountTarget', 'DeleteMountTarget', 'CreateAccessPoint', 'DeleteAccessPoint', 'TagResource', 'UntagResource'];
