// EFS inventory: DescribeFileSystems (paginated), then per file system its
// mount targets (+ their security groups), access points and lifecycle policies.
// A failed detail call keeps the file system and records the failure in
// StorageInfo.detailErrors; only a failed DescribeFileSystems fails the list.
import {
  DescribeLifecycleConfigurationCommand,
  DescribeMountTargetSecurityGroupsCommand,
  paginateDescribeAccessPoints,
  paginateDescribeFileSystems,
  paginateDescribeMountTargets,
  type AccessPointDescription,
  type EFSClient,
  type FileSystemDescription,
  type LifecyclePolicy,
  type MountTargetDescription,
} from '@aws-sdk/client-efs';
import type { EfsAccessPoint, EfsMountTarget, StorageErrorShape, StorageInfo, StorageState } from '../types.js';
import type { ClientPool } from './clients.js';
import { detailError, displayName, dnsSuffix, mapLimit, normaliseState, settle, tagsToRecord, toIso, type ProviderOptions } from './util.js';

/**
 * Page sizes: DescribeFileSystems pages at 100 file systems, DescribeAccessPoints
 * defaults to 100, DescribeMountTargets to 10 (one per AZ at most, so one page).
 * https://docs.aws.amazon.com/efs/latest/ug/API_DescribeFileSystems.html
 * https://docs.aws.amazon.com/efs/latest/ug/API_DescribeAccessPoints.html
 * https://docs.aws.amazon.com/efs/latest/ug/API_DescribeMountTargets.html
 */
export const EFS_PAGE_SIZE = 100;
/** File systems whose detail calls run at once (each makes 3+ calls). */
export const EFS_DETAIL_CONCURRENCY = 8;

/** LifeCycleState values: creating | available | updating | deleting | deleted | error. */
const EFS_STATE: Readonly<Record<string, StorageState>> = {
  creating: 'creating',
  available: 'available',
  updating: 'updating',
  deleting: 'deleting',
  deleted: 'deleted',
  error: 'failed',
};

/** DNS name clients mount: file-system-id.efs.aws-region.amazonaws.com (https://docs.aws.amazon.com/efs/latest/ug/mounting-fs-mount-cmd-dns-name.html). */
export function efsDnsName(fileSystemId: string, region: string): string {
  return `${fileSystemId}.efs.${region}.${dnsSuffix(region)}`;
}

/** LifecyclePolicies -> ["TransitionToIA:AFTER_30_DAYS", "TransitionToArchive:AFTER_90_DAYS", ...]. */
export function lifecycleStrings(policies: LifecyclePolicy[] | undefined): string[] {
  const out: string[] = [];
  for (const p of policies ?? []) {
    if (p.TransitionToIA) out.push(`TransitionToIA:${p.TransitionToIA}`);
    if (p.TransitionToArchive) out.push(`TransitionToArchive:${p.TransitionToArchive}`);
    if (p.TransitionToPrimaryStorageClass) out.push(`TransitionToPrimaryStorageClass:${p.TransitionToPrimaryStorageClass}`);
  }
  return out;
}

export function mapEfsMountTarget(mt: MountTargetDescription, securityGroups: string[] | undefined): EfsMountTarget {
  return {
    id: mt.MountTargetId ?? '',
    subnetId: mt.SubnetId ?? '',
    availabilityZone: mt.AvailabilityZoneName,
    ipAddress: mt.IpAddress,
    state: mt.LifeCycleState ?? '',
    securityGroups,
  };
}

export function mapEfsAccessPoint(ap: AccessPointDescription): EfsAccessPoint {
  return {
    id: ap.AccessPointId ?? '',
    name: ap.Name || undefined,
    rootDirectory: ap.RootDirectory?.Path,
    posixUser: ap.PosixUser && ap.PosixUser.Uid !== undefined && ap.PosixUser.Gid !== undefined ? { uid: ap.PosixUser.Uid, gid: ap.PosixUser.Gid } : undefined,
    state: ap.LifeCycleState ?? '',
  };
}

/** What the per-file-system detail calls found (undefined = that call failed). */
export interface EfsDetailsFound {
  mountTargets?: EfsMountTarget[];
  accessPoints?: EfsAccessPoint[];
  lifecyclePolicies?: string[];
  errors: StorageErrorShape[];
}

export function mapEfsFileSystem(fs: FileSystemDescription, region: string, found: EfsDetailsFound = { errors: [] }): StorageInfo {
  const id = fs.FileSystemId ?? '';
  const tags = tagsToRecord(fs.Tags);
  const size = fs.SizeInBytes;
  const provisioned = fs.ThroughputMode === 'provisioned' ? fs.ProvisionedThroughputInMibps : undefined;
  const info: StorageInfo = {
    name: displayName(tags, id),
    type: 'efs',
    id,
    arn: fs.FileSystemArn,
    state: normaliseState(EFS_STATE, fs.LifeCycleState),
    rawState: fs.LifeCycleState ?? '',
    region,
    availabilityZone: fs.AvailabilityZoneName,
    sizeBytes: size?.Value,
    throughputMBps: provisioned,
    encrypted: fs.Encrypted === true,
    kmsKeyId: fs.KmsKeyId,
    tags,
    createdAt: toIso(fs.CreationTime),
    mount: {
      dnsName: id ? efsDnsName(id, region) : undefined,
      efsMountTargets: found.mountTargets,
      efsAccessPoints: found.accessPoints,
    },
    efs: {
      performanceMode: fs.PerformanceMode ?? '',
      throughputMode: fs.ThroughputMode ?? '',
      provisionedThroughputMiBps: provisioned,
      lifecyclePolicies: found.lifecyclePolicies ?? [],
      oneZone: fs.AvailabilityZoneName !== undefined && fs.AvailabilityZoneName !== '',
      sizeInStandardBytes: size?.ValueInStandard,
      sizeInIaBytes: size?.ValueInIA,
      sizeInArchiveBytes: size?.ValueInArchive,
      numberOfMountTargets: fs.NumberOfMountTargets ?? found.mountTargets?.length ?? 0,
    },
  };
  if (found.errors.length) info.detailErrors = found.errors;
  return info;
}

async function mountTargetsOf(client: EFSClient, fileSystemId: string, region: string, errors: StorageErrorShape[]): Promise<EfsMountTarget[] | undefined> {
  const listed = await settle(
    (async () => {
      const mts: MountTargetDescription[] = [];
      for await (const page of paginateDescribeMountTargets({ client, pageSize: EFS_PAGE_SIZE }, { FileSystemId: fileSystemId })) mts.push(...(page.MountTargets ?? []));
      return mts;
    })(),
  );
  if (!listed.ok) {
    errors.push(detailError(listed.error, { service: 'efs', action: 'elasticfilesystem:DescribeMountTargets', resource: fileSystemId, region }));
    return undefined;
  }
  // Security groups: one call per mount target (there is no batch form), all at once.
  return Promise.all(
    listed.value.map(async (mt) => {
      const sg = mt.MountTargetId ? await settle(client.send(new DescribeMountTargetSecurityGroupsCommand({ MountTargetId: mt.MountTargetId }))) : undefined;
      if (sg && !sg.ok) errors.push(detailError(sg.error, { service: 'efs', action: 'elasticfilesystem:DescribeMountTargetSecurityGroups', resource: mt.MountTargetId, region }));
      return mapEfsMountTarget(mt, sg?.ok ? (sg.value.SecurityGroups ?? []) : undefined);
    }),
  );
}

async function accessPointsOf(client: EFSClient, fileSystemId: string, region: string, errors: StorageErrorShape[]): Promise<EfsAccessPoint[] | undefined> {
  const listed = await settle(
    (async () => {
      const aps: EfsAccessPoint[] = [];
      for await (const page of paginateDescribeAccessPoints({ client, pageSize: EFS_PAGE_SIZE }, { FileSystemId: fileSystemId })) {
        for (const ap of page.AccessPoints ?? []) aps.push(mapEfsAccessPoint(ap));
      }
      return aps;
    })(),
  );
  if (listed.ok) return listed.value;
  errors.push(detailError(listed.error, { service: 'efs', action: 'elasticfilesystem:DescribeAccessPoints', resource: fileSystemId, region }));
  return undefined;
}

async function lifecycleOf(client: EFSClient, fileSystemId: string, region: string, errors: StorageErrorShape[]): Promise<string[] | undefined> {
  const r = await settle(client.send(new DescribeLifecycleConfigurationCommand({ FileSystemId: fileSystemId })));
  if (r.ok) return lifecycleStrings(r.value.LifecyclePolicies);
  errors.push(detailError(r.error, { service: 'efs', action: 'elasticfilesystem:DescribeLifecycleConfiguration', resource: fileSystemId, region }));
  return undefined;
}

export async function detailsOfEfs(client: EFSClient, fileSystemId: string, region: string): Promise<EfsDetailsFound> {
  const errors: StorageErrorShape[] = [];
  const [mountTargets, accessPoints, lifecyclePolicies] = await Promise.all([
    mountTargetsOf(client, fileSystemId, region, errors),
    accessPointsOf(client, fileSystemId, region, errors),
    lifecycleOf(client, fileSystemId, region, errors),
  ]);
  return { mountTargets, accessPoints, lifecyclePolicies, errors };
}

export async function listEfsFileSystems(pool: ClientPool, region: string, opts: ProviderOptions = {}): Promise<StorageInfo[]> {
  const client = pool.efs(region);
  const fileSystems: FileSystemDescription[] = [];
  for await (const page of paginateDescribeFileSystems({ client, pageSize: opts.pageSize ?? EFS_PAGE_SIZE }, {})) fileSystems.push(...(page.FileSystems ?? []));
  if (opts.onBasic) {
    opts.onBasic(fileSystems.map((fs) => mapEfsFileSystem(fs, region, { errors: [] })));
    await opts.detailsAfter;
  }
  return mapLimit(fileSystems, opts.concurrency ?? EFS_DETAIL_CONCURRENCY, async (fs) => {
    // A file system being deleted has no details worth asking for (the calls would 404).
    const id = fs.FileSystemId;
    const skip = !id || fs.LifeCycleState === 'deleted' || fs.LifeCycleState === 'deleting';
    return mapEfsFileSystem(fs, region, skip ? { errors: [] } : await detailsOfEfs(client, id, region));
  });
}
