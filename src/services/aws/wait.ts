// Waiting for a resource to become usable: one targeted describe per poll,
// a bounded deadline, an injected sleep (tests advance a clock), state changes
// reported as they happen, and the resource mapped exactly as the list maps it.
import { DescribeVolumesCommand as Ec2DescribeVolumesCommand } from '@aws-sdk/client-ec2';
import { DescribeFileSystemsCommand as EfsDescribeFileSystemsCommand } from '@aws-sdk/client-efs';
import { DescribeFileSystemsCommand as FsxDescribeFileSystemsCommand, DescribeStorageVirtualMachinesCommand, DescribeVolumesCommand as FsxDescribeVolumesCommand, type FileSystem as FsxFileSystem } from '@aws-sdk/client-fsx';
import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { StorageError, TYPE_LABEL, type ServiceName, type StorageInfo, type StorageState, type StorageType } from '../types.js';
import type { ClientPool } from './clients.js';
import { mapEbsVolume } from './ebs.js';
import { detailsOfEfs, mapEfsFileSystem } from './efs.js';
import { mapFsxFileSystem, mapOpenZfsVolume, mapSvm } from './fsx.js';
import { bucketFacts, mapS3Bucket } from './s3.js';
import { codeOf, makeCtx, poll, read } from './mutation-support.js';

export interface WaitOptions {
  timeoutMs: number;
  intervalMs?: number;
  sleep?: (ms: number) => Promise<void>;
  onState?: (s: StorageState, raw: string) => void;
  signal?: AbortSignal;
}

/** Default poll intervals: EBS/EFS/S3 settle in seconds, FSx in many minutes. */
export const POLL_INTERVAL_MS: Record<StorageType, number> = {
  ebs: 5_000,
  efs: 5_000,
  s3: 2_000,
  'fsx-lustre': 30_000,
  'fsx-openzfs': 30_000,
  'fsx-windows': 30_000,
  'fsx-ontap': 30_000,
};

/** Right after a create, describes may not see the resource yet (eventual consistency): keep asking this long. */
const NOT_FOUND_GRACE_MS = 60_000;

interface Observed {
  state: StorageState;
  raw: string;
  reason?: string;
  /** Present when done: the resource as the list shows it. */
  info?: () => Promise<StorageInfo>;
}

const EBS_STATE: Record<string, StorageState> = { creating: 'creating', available: 'available', 'in-use': 'in-use', deleting: 'deleting', deleted: 'deleted', error: 'failed' };
const EFS_STATE: Record<string, StorageState> = { creating: 'creating', available: 'available', updating: 'updating', deleting: 'deleting', deleted: 'deleted', error: 'failed' };
const FSX_STATE: Record<string, StorageState> = {
  CREATING: 'creating',
  AVAILABLE: 'available',
  UPDATING: 'updating',
  DELETING: 'deleting',
  FAILED: 'failed',
  MISCONFIGURED: 'misconfigured',
  MISCONFIGURED_UNAVAILABLE: 'misconfigured',
};

const READ_ACTION: Record<StorageType, { service: ServiceName; action: string }> = {
  ebs: { service: 'ec2', action: 'ec2:DescribeVolumes' },
  efs: { service: 'efs', action: 'elasticfilesystem:DescribeFileSystems' },
  s3: { service: 's3', action: 's3:ListBucket' },
  'fsx-lustre': { service: 'fsx', action: 'fsx:DescribeFileSystems' },
  'fsx-openzfs': { service: 'fsx', action: 'fsx:DescribeFileSystems' },
  'fsx-windows': { service: 'fsx', action: 'fsx:DescribeFileSystems' },
  'fsx-ontap': { service: 'fsx', action: 'fsx:DescribeFileSystems' },
};

function isNotFound(e: unknown): boolean {
  if (e instanceof StorageError) return e.type === 'not-found';
  const c = codeOf(e) ?? '';
  return /NotFound|NoSuch/.test(c) || c === 'FileSystemNotFound';
}

async function fsxInfo(pool: ClientPool, fs: FsxFileSystem, region: string): Promise<StorageInfo> {
  const client = pool.fsx(region);
  const id = fs.FileSystemId ?? '';
  if (fs.FileSystemType === 'ONTAP') {
    const [svms, vols] = await Promise.all([
      client.send(new DescribeStorageVirtualMachinesCommand({ Filters: [{ Name: 'file-system-id', Values: [id] }] })),
      client.send(new FsxDescribeVolumesCommand({ Filters: [{ Name: 'file-system-id', Values: [id] }] })),
    ]);
    const volumes = vols.Volumes ?? [];
    return mapFsxFileSystem(fs, region, {
      svms: (svms.StorageVirtualMachines ?? []).map((s) => mapSvm(s, volumes.filter((v) => v.OntapConfiguration?.StorageVirtualMachineId === s.StorageVirtualMachineId))),
    });
  }
  if (fs.FileSystemType === 'OPENZFS') {
    const vols = await client.send(new FsxDescribeVolumesCommand({ Filters: [{ Name: 'file-system-id', Values: [id] }] }));
    return mapFsxFileSystem(fs, region, { openZfsVolumes: (vols.Volumes ?? []).map(mapOpenZfsVolume) });
  }
  return mapFsxFileSystem(fs, region);
}

/** One look at a resource's lifecycle state. */
async function observe(pool: ClientPool, type: StorageType, id: string, region: string): Promise<Observed> {
  switch (type) {
    case 'ebs': {
      const out = await pool.ec2(region).send(new Ec2DescribeVolumesCommand({ VolumeIds: [id] }));
      const v = out.Volumes?.[0];
      if (!v) return { state: 'unknown', raw: 'not found' };
      const raw = v.State ?? '';
      // Attaching or detaching: not settled yet, whatever the volume state says.
      const moving = (v.Attachments ?? []).find((a) => a.State === 'attaching' || a.State === 'detaching');
      if (moving && raw === 'in-use') return { state: 'updating', raw: `in-use (${moving.State} ${moving.InstanceId ?? ''})`.replace(' )', ')') };
      return { state: EBS_STATE[raw] ?? 'unknown', raw, reason: raw === 'error' ? 'EBS reports the volume in the error state' : undefined, info: async () => mapEbsVolume(v, region) };
    }
    case 'efs': {
      const out = await pool.efs(region).send(new EfsDescribeFileSystemsCommand({ FileSystemId: id }));
      const fs = out.FileSystems?.[0];
      if (!fs) return { state: 'unknown', raw: 'not found' };
      const raw = fs.LifeCycleState ?? '';
      return { state: EFS_STATE[raw] ?? 'unknown', raw, reason: raw === 'error' ? 'EFS reports the file system in the error state' : undefined, info: async () => mapEfsFileSystem(fs, region, await detailsOfEfs(pool.efs(region), id, region)) };
    }
    case 's3': {
      const client = pool.s3(region);
      await client.send(new HeadBucketCommand({ Bucket: id }));
      return { state: 'available', raw: 'available', info: async () => mapS3Bucket({ Name: id, BucketRegion: region }, region, await bucketFacts(client, id)) };
    }
    default: {
      const out = await pool.fsx(region).send(new FsxDescribeFileSystemsCommand({ FileSystemIds: [id] }));
      const fs = out.FileSystems?.[0];
      if (!fs) return { state: 'unknown', raw: 'not found' };
      const raw = fs.Lifecycle ?? '';
      return { state: FSX_STATE[raw] ?? 'unknown', raw, reason: fs.FailureDetails?.Message, info: async () => fsxInfo(pool, fs, region) };
    }
  }
}

function failedError(type: StorageType, id: string, o: Observed): StorageError {
  const service = READ_ACTION[type].service;
  const misconfigured = o.state === 'misconfigured';
  const reason = o.reason ? `: ${o.reason}` : '';
  return new StorageError({
    type: misconfigured ? 'validation' : 'unknown',
    service,
    resource: id,
    code: misconfigured ? 'Misconfigured' : 'CreationFailed',
    message: `${TYPE_LABEL[type]} ${id} ${misconfigured ? 'is misconfigured' : 'failed'} (${o.raw})${reason}`,
    hint: misconfigured
      ? 'Fix what AWS names (often Active Directory credentials, DNS or security groups); the file system retries on its own once it can reach what it needs.'
      : 'AWS could not create it; the reason above says why. Delete the failed resource from the list (it is not billed as storage) and create it again with corrected settings.',
    recoverable: false,
  });
}

/**
 * Polls until the resource is usable: 'available', or 'in-use' for an EBS volume whose
 * attachments are settled (none attaching or detaching). 'failed' throws with AWS's reason.
 */
export async function waitUntilAvailable(pool: ClientPool, type: StorageType, id: string, region: string, opts: WaitOptions): Promise<StorageInfo> {
  const ctx = makeCtx(region, { sleep: opts.sleep, signal: opts.signal });
  const spec = { ...READ_ACTION[type], resource: id };
  const interval = opts.intervalMs ?? POLL_INTERVAL_MS[type];
  let last: string | undefined;
  let waited = 0;
  return poll(ctx, { timeoutMs: opts.timeoutMs, intervalMs: interval }, { service: spec.service, resource: id, waitingFor: 'available' }, async () => {
    let o: Observed;
    try {
      o = await read(ctx, spec, () => observe(pool, type, id, region));
    } catch (e) {
      // Just created: a describe may not see it yet. Past the grace period, not found is final.
      if (isNotFound(e) && waited < NOT_FOUND_GRACE_MS) o = { state: 'creating', raw: 'not visible yet' };
      else throw e;
    }
    waited += interval;
    if (o.raw !== last) {
      last = o.raw;
      opts.onState?.(o.state, o.raw);
    }
    if (o.state === 'failed' || o.state === 'misconfigured') throw failedError(type, id, o);
    if (o.state === 'deleting' || o.state === 'deleted') {
      throw new StorageError({ type: 'not-found', service: spec.service, resource: id, code: 'Deleted', message: `${id} is ${o.raw}, not becoming available`, hint: 'It was deleted (here or elsewhere) while being waited for; refresh the list.', recoverable: false });
    }
    if ((o.state === 'available' || o.state === 'in-use') && o.info) return read(ctx, spec, o.info);
    return undefined;
  });
}
