// Guided creation, the run: createStorage executes planCreate's steps
// (create-plan.ts) in order, waiting where a later call needs an earlier
// resource to be ready (wait.ts), and reporting precisely which step failed and
// what exists already. The API references are listed in create-plan.ts.
import { AttachVolumeCommand, CreateVolumeCommand as Ec2CreateVolumeCommand, DescribeVolumesCommand as Ec2DescribeVolumesCommand, type AttachVolumeCommandInput, type CreateVolumeCommandInput as Ec2CreateVolumeInput } from '@aws-sdk/client-ec2';
import {
  CreateAccessPointCommand,
  CreateFileSystemCommand as EfsCreateFileSystemCommand,
  CreateMountTargetCommand,
  DescribeFileSystemsCommand as EfsDescribeFileSystemsCommand,
  DescribeMountTargetsCommand,
  PutLifecycleConfigurationCommand,
  type CreateAccessPointCommandInput,
  type CreateFileSystemCommandInput as EfsCreateFileSystemInput,
  type CreateMountTargetCommandInput,
  type PutLifecycleConfigurationCommandInput,
} from '@aws-sdk/client-efs';
import {
  CreateDataRepositoryAssociationCommand,
  CreateFileSystemCommand as FsxCreateFileSystemCommand,
  CreateStorageVirtualMachineCommand,
  CreateVolumeCommand as FsxCreateVolumeCommand,
  DescribeStorageVirtualMachinesCommand,
  type CreateDataRepositoryAssociationCommandInput,
  type CreateFileSystemCommandInput as FsxCreateFileSystemInput,
  type CreateStorageVirtualMachineCommandInput,
  type CreateVolumeCommandInput as FsxCreateVolumeInput,
} from '@aws-sdk/client-fsx';
import {
  CreateBucketCommand,
  HeadBucketCommand,
  PutBucketEncryptionCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  PutPublicAccessBlockCommand,
  type CreateBucketCommandInput,
  type PutBucketEncryptionCommandInput,
  type PutBucketLifecycleConfigurationCommandInput,
  type PutBucketTaggingCommandInput,
  type PutBucketVersioningCommandInput,
  type PutPublicAccessBlockCommandInput,
} from '@aws-sdk/client-s3';
import { maskSecretKeys } from '../audit.js';
import type { AuditLog } from '../audit.js';
import { StorageError, TYPE_LABEL, validationError, type ServiceName, type StorageRequest, type StorageState, type StorageType } from '../types.js';
import type { ClientPool } from './clients.js';
import { PLAN_REF, newRequest, planCreate, secretsOf, type PreparedRequest } from './create-plan.js';
import { codeOf, formatDuration, makeCtx, mutate, poll, read, type Ctx, type MutationOptions } from './mutation-support.js';
import { POLL_INTERVAL_MS, waitUntilAvailable } from './wait.js';

// ---------------------------------------------------------------------------
// Running the plan.

/** A creation step failed: which one, and what exists already (never leave the user guessing). */
export class CreateFailedError extends StorageError {
  constructor(
    cause: StorageError,
    readonly failedStep: number,
    readonly command: string,
    readonly totalSteps: number,
    readonly created: { kind: string; id: string }[],
    /** Whether running the same request again continues (idempotency tokens); S3 buckets have none. */
    readonly resumable = true,
  ) {
    const exists = created.length ? ` Already created: ${created.map((c) => `${c.kind} ${c.id}`).join(', ')}.` : ' Nothing was created.';
    super({
      type: cause.type,
      service: cause.service,
      resource: cause.resource,
      code: cause.code,
      message: `Step ${failedStep + 1} of ${totalSteps} (${command}) failed: ${cause.message}.${exists}`,
      hint: !created.length
        ? cause.hint
        : resumable
          ? `${cause.hint} What was created is kept (not rolled back): run the same creation again to continue where it stopped, or delete ${created[0].id} from the list.`
          : `${cause.hint} The bucket ${created[0].id} exists with only part of its settings (not rolled back): finish them from its detail screen, or delete it and create it again.`,
      recoverable: cause.recoverable,
      retryAfter: cause.retryAfter,
    });
    this.name = 'CreateFailedError';
  }
}

export interface CreateOptions extends MutationOptions {
  audit?: AuditLog;
  onStep?: (i: number, command: string) => void;
  /** Each wait for a resource a later step needs (default: 15 min for EBS/EFS, 90 min for FSx). */
  waitTimeoutMs?: number;
  /** Poll interval of those waits (default per type, POLL_INTERVAL_MS). */
  intervalMs?: number;
  /** State changes while waiting (progress display). */
  onState?: (what: string, s: StorageState, raw: string) => void;
}

const DEFAULT_WAIT_MS = { fast: 15 * 60_000, fsx: 90 * 60_000 };

/** IAM action names of the plan commands, per service (what the audit log records). */
const IAM_PREFIX: Record<ServiceName, string> = { ec2: 'ec2', efs: 'elasticfilesystem', fsx: 'fsx', s3: 's3', cloudwatch: 'cloudwatch', ce: 'ce', ssm: 'ssm', sts: 'sts', kms: 'kms', ds: 'ds' };

/** S3 IAM actions differ from the operation names. */
const S3_ACTION: Record<string, string> = {
  CreateBucket: 's3:CreateBucket',
  PutPublicAccessBlock: 's3:PutBucketPublicAccessBlock',
  PutBucketEncryption: 's3:PutEncryptionConfiguration',
  PutBucketVersioning: 's3:PutBucketVersioning',
  PutBucketLifecycleConfiguration: 's3:PutLifecycleConfiguration',
  PutBucketTagging: 's3:PutBucketTagging',
};

function actionOf(service: ServiceName, command: string): string {
  return service === 's3' ? (S3_ACTION[command] ?? `s3:${command}`) : `${IAM_PREFIX[service]}:${command}`;
}

/** Replaces PLAN_REF placeholders (anywhere in the input) with the values earlier steps produced. */
function resolveRefs(input: Record<string, unknown>, refs: Map<string, string>): Record<string, unknown> {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return refs.get(v) ?? v;
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(input) as Record<string, unknown>;
}

function unresolved(input: Record<string, unknown>): string | undefined {
  const refs = new Set<string>(Object.values(PLAN_REF));
  let found: string | undefined;
  const walk = (v: unknown): void => {
    if (found) return;
    if (typeof v === 'string' && refs.has(v)) found = v;
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(input);
  return found;
}

/** A short, secret-free description of a step for the audit log. */
function stepDetail(command: string, input: Record<string, unknown>): string {
  return `${command} ${JSON.stringify(maskSecretKeys(input))}`;
}

interface RunState {
  pool: ClientPool;
  ctx: Ctx;
  req: PreparedRequest;
  type: StorageType;
  refs: Map<string, string>;
  created: { kind: string; id: string }[];
  primaryId?: string;
  /** Resources already confirmed ready (no second wait). */
  ready: Set<string>;
  opts: CreateOptions;
}

function waitMs(s: RunState): number {
  return s.opts.waitTimeoutMs ?? (s.type.startsWith('fsx') ? DEFAULT_WAIT_MS.fsx : DEFAULT_WAIT_MS.fast);
}

async function ensureAvailable(s: RunState, type: StorageType, id: string): Promise<void> {
  if (s.ready.has(id)) return;
  await waitUntilAvailable(s.pool, type, id, s.ctx.region, {
    timeoutMs: waitMs(s),
    intervalMs: s.opts.intervalMs,
    sleep: (ms) => s.ctx.sleep(ms, s.ctx.signal),
    signal: s.ctx.signal,
    onState: (st, raw) => s.opts.onState?.(id, st, raw),
  });
  s.ready.add(id);
}

const SVM_READY = new Set(['CREATED']);
const SVM_FAILED = new Set(['FAILED', 'MISCONFIGURED']);

async function ensureSvmCreated(s: RunState, svmId: string): Promise<void> {
  if (s.ready.has(svmId)) return;
  const client = s.pool.fsx(s.ctx.region);
  const spec = { service: 'fsx' as const, action: 'fsx:DescribeStorageVirtualMachines', resource: svmId };
  let last: string | undefined;
  await poll(s.ctx, { timeoutMs: waitMs(s), intervalMs: s.opts.intervalMs ?? POLL_INTERVAL_MS['fsx-ontap'] }, { service: 'fsx', resource: svmId, waitingFor: 'created' }, async () => {
    const out = await read(s.ctx, spec, () => client.send(new DescribeStorageVirtualMachinesCommand({ StorageVirtualMachineIds: [svmId] })));
    const svm = out.StorageVirtualMachines?.[0];
    const raw = svm?.Lifecycle ?? 'not visible yet';
    if (raw !== last) {
      last = raw;
      s.opts.onState?.(svmId, raw === 'CREATED' ? 'available' : SVM_FAILED.has(raw) ? 'failed' : 'creating', raw);
    }
    if (SVM_FAILED.has(raw)) {
      throw new StorageError({
        type: 'unknown',
        service: 'fsx',
        resource: svmId,
        code: 'CreationFailed',
        message: `storage virtual machine ${svmId} is ${raw}${svm?.LifecycleTransitionReason?.Message ? `: ${svm.LifecycleTransitionReason.Message}` : ''}`,
        hint: 'Fix what AWS names (for an Active Directory join: credentials, DNS servers, security groups), then delete the SVM and create it again.',
        recoverable: false,
      });
    }
    return SVM_READY.has(raw) ? true : undefined;
  });
  s.ready.add(svmId);
}

/** Waits for whatever the step needs to exist and be ready. */
async function prerequisites(s: RunState, command: string): Promise<void> {
  const fsId = s.refs.get(PLAN_REF.fileSystemId);
  switch (`${s.type}:${command}`) {
    case 'ebs:AttachVolume': {
      const vol = s.refs.get(PLAN_REF.volumeId);
      if (vol) await ensureAvailable(s, 'ebs', vol);
      return;
    }
    case 'efs:PutLifecycleConfiguration':
    case 'efs:CreateMountTarget':
    case 'efs:CreateAccessPoint':
      if (fsId) await ensureAvailable(s, 'efs', fsId);
      return;
    case 'fsx-ontap:CreateStorageVirtualMachine':
    case 'fsx-lustre:CreateDataRepositoryAssociation':
      if (fsId) await ensureAvailable(s, s.type, fsId);
      return;
    case 'fsx-ontap:CreateVolume': {
      const svm = s.refs.get(PLAN_REF.storageVirtualMachineId);
      if (svm) await ensureSvmCreated(s, svm);
      return;
    }
    default:
      return;
  }
}

/** A field of an SDK error (e.g. EFS FileSystemAlreadyExists carries FileSystemId). */
function errorField(e: unknown, key: string): string | undefined {
  const v = e && typeof e === 'object' ? (e as Record<string, unknown>)[key] : undefined;
  return typeof v === 'string' && v ? v : undefined;
}

/** Runs one step; returns the id it produced (if any) and a label for "what exists". */
async function runStep(s: RunState, command: string, input: Record<string, unknown>): Promise<{ id?: string; kind?: string }> {
  const { pool, ctx } = s;
  const region = ctx.region;
  const service = SERVICE_OF_PLAN[s.type];
  const resource = s.primaryId ?? s.req.name;
  const spec = (res: string, describe?: (out: unknown) => string | undefined) => ({ service, action: actionOf(service, command), resource: res, detail: stepDetail(command, input), describe });
  const label = TYPE_LABEL[s.type];

  switch (`${service}:${command}`) {
    // ---- EBS
    case 'ec2:CreateVolume': {
      const out = await mutate(ctx, spec(s.req.name, (o) => (o as { VolumeId?: string }).VolumeId), () => pool.ec2(region).send(new Ec2CreateVolumeCommand(input as Ec2CreateVolumeInput)));
      return { id: out.VolumeId, kind: 'EBS volume' };
    }
    case 'ec2:AttachVolume': {
      const a = input as unknown as AttachVolumeCommandInput;
      await mutate(ctx, spec(a.VolumeId ?? resource), async (attempt) => {
        try {
          return await pool.ec2(region).send(new AttachVolumeCommand(a));
        } catch (e) {
          // A retried (or re-run) attach that already went through is done, not failed.
          if (attempt > 1 || codeOf(e) === 'VolumeInUse' || codeOf(e) === 'IncorrectState') {
            const v = await pool.ec2(region).send(new Ec2DescribeVolumesCommand({ VolumeIds: [a.VolumeId ?? ''] }));
            if ((v.Volumes?.[0]?.Attachments ?? []).some((x) => x.InstanceId === a.InstanceId)) return {};
          }
          throw e;
        }
      });
      return { kind: `attachment to ${a.InstanceId}` };
    }
    // ---- EFS
    case 'efs:CreateFileSystem': {
      const out = await mutate(ctx, spec(s.req.name, (o) => (o as { FileSystemId?: string }).FileSystemId), async () => {
        try {
          return await pool.efs(region).send(new EfsCreateFileSystemCommand(input as unknown as EfsCreateFileSystemInput));
        } catch (e) {
          // Same CreationToken = this very request made it before (a retry or a re-run): continue with it.
          if (codeOf(e) !== 'FileSystemAlreadyExists') throw e;
          const token = (input as { CreationToken?: string }).CreationToken;
          const existing = errorField(e, 'FileSystemId') ?? (await pool.efs(region).send(new EfsDescribeFileSystemsCommand({ CreationToken: token }))).FileSystems?.[0]?.FileSystemId;
          if (existing) return { FileSystemId: existing };
          throw e;
        }
      });
      return { id: out.FileSystemId, kind: `${label} file system` };
    }
    case 'efs:PutLifecycleConfiguration':
      await mutate(ctx, spec(resource), () => pool.efs(region).send(new PutLifecycleConfigurationCommand(input as unknown as PutLifecycleConfigurationCommandInput)));
      return { kind: 'lifecycle configuration' };
    case 'efs:CreateMountTarget': {
      const m = input as unknown as CreateMountTargetCommandInput;
      const out = await mutate(ctx, spec(resource, (o) => (o as { MountTargetId?: string }).MountTargetId), async () => {
        try {
          return await pool.efs(region).send(new CreateMountTargetCommand(m));
        } catch (e) {
          // One mount target per AZ: if this file system already has one in this subnet (a retry or re-run), it is done.
          if (codeOf(e) === 'MountTargetConflict') {
            const mts = await pool.efs(region).send(new DescribeMountTargetsCommand({ FileSystemId: m.FileSystemId }));
            const same = (mts.MountTargets ?? []).find((t) => t.SubnetId === m.SubnetId);
            if (same?.MountTargetId) return { MountTargetId: same.MountTargetId };
          }
          throw e;
        }
      });
      return { id: out.MountTargetId, kind: `mount target in ${m.SubnetId}` };
    }
    case 'efs:CreateAccessPoint': {
      const out = await mutate(ctx, spec(resource, (o) => (o as { AccessPointId?: string }).AccessPointId), async () => {
        try {
          return await pool.efs(region).send(new CreateAccessPointCommand(input as unknown as CreateAccessPointCommandInput));
        } catch (e) {
          const existing = codeOf(e) === 'AccessPointAlreadyExists' ? errorField(e, 'AccessPointId') : undefined;
          if (existing) return { AccessPointId: existing };
          throw e;
        }
      });
      return { id: out.AccessPointId, kind: 'access point' };
    }
    // ---- S3
    case 's3:CreateBucket': {
      const b = input as unknown as CreateBucketCommandInput;
      const bucket = b.Bucket ?? s.req.name;
      await existingBucketGuard(s, bucket);
      await mutate(ctx, spec(bucket), async (attempt) => {
        try {
          return await pool.s3(region).send(new CreateBucketCommand(b));
        } catch (e) {
          // Our own first attempt went through before the connection dropped.
          if (attempt > 1 && codeOf(e) === 'BucketAlreadyOwnedByYou') return {};
          throw e;
        }
      });
      return { id: bucket, kind: 'S3 bucket' };
    }
    case 's3:PutPublicAccessBlock':
      await mutate(ctx, spec(resource), () => pool.s3(region).send(new PutPublicAccessBlockCommand(input as unknown as PutPublicAccessBlockCommandInput)));
      return {};
    case 's3:PutBucketEncryption':
      await mutate(ctx, spec(resource), () => pool.s3(region).send(new PutBucketEncryptionCommand(input as unknown as PutBucketEncryptionCommandInput)));
      return {};
    case 's3:PutBucketVersioning':
      await mutate(ctx, spec(resource), () => pool.s3(region).send(new PutBucketVersioningCommand(input as unknown as PutBucketVersioningCommandInput)));
      return {};
    case 's3:PutBucketLifecycleConfiguration':
      await mutate(ctx, spec(resource), () => pool.s3(region).send(new PutBucketLifecycleConfigurationCommand(input as unknown as PutBucketLifecycleConfigurationCommandInput)));
      return {};
    case 's3:PutBucketTagging':
      await mutate(ctx, spec(resource), () => pool.s3(region).send(new PutBucketTaggingCommand(input as unknown as PutBucketTaggingCommandInput)));
      return {};
    // ---- FSx (ClientRequestToken makes every create safe to repeat: same token, same resource)
    case 'fsx:CreateFileSystem': {
      const out = await mutate(ctx, spec(s.req.name, (o) => (o as { FileSystem?: { FileSystemId?: string } }).FileSystem?.FileSystemId), () =>
        pool.fsx(region).send(new FsxCreateFileSystemCommand(input as unknown as FsxCreateFileSystemInput)),
      );
      return { id: out.FileSystem?.FileSystemId, kind: `${label} file system` };
    }
    case 'fsx:CreateStorageVirtualMachine': {
      const out = await mutate(ctx, spec(resource, (o) => (o as { StorageVirtualMachine?: { StorageVirtualMachineId?: string } }).StorageVirtualMachine?.StorageVirtualMachineId), () =>
        pool.fsx(region).send(new CreateStorageVirtualMachineCommand(input as unknown as CreateStorageVirtualMachineCommandInput)),
      );
      return { id: out.StorageVirtualMachine?.StorageVirtualMachineId, kind: 'storage virtual machine' };
    }
    case 'fsx:CreateVolume': {
      const out = await mutate(ctx, spec(resource, (o) => (o as { Volume?: { VolumeId?: string } }).Volume?.VolumeId), () => pool.fsx(region).send(new FsxCreateVolumeCommand(input as unknown as FsxCreateVolumeInput)));
      return { id: out.Volume?.VolumeId, kind: 'ONTAP volume' };
    }
    case 'fsx:CreateDataRepositoryAssociation': {
      const out = await mutate(ctx, spec(resource, (o) => (o as { Association?: { AssociationId?: string } }).Association?.AssociationId), () =>
        pool.fsx(region).send(new CreateDataRepositoryAssociationCommand(input as unknown as CreateDataRepositoryAssociationCommandInput)),
      );
      return { id: out.Association?.AssociationId, kind: 'data repository association' };
    }
    default:
      throw validationError(`unknown plan step ${service}:${command}`, 'the plan was not made by planCreate');
  }
}

const SERVICE_OF_PLAN: Record<StorageType, ServiceName> = { ebs: 'ec2', efs: 'efs', s3: 's3', 'fsx-lustre': 'fsx', 'fsx-openzfs': 'fsx', 'fsx-windows': 'fsx', 'fsx-ontap': 'fsx' };

/**
 * In us-east-1, CreateBucket on a bucket you already own answers 200 OK: the
 * following Put* calls would then overwrite an existing bucket's encryption,
 * lifecycle rules and tags. Refuse before any call when the bucket exists.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html (BucketAlreadyOwnedByYou)
 */
async function existingBucketGuard(s: RunState, bucket: string): Promise<void> {
  const spec = { service: 's3' as const, action: 's3:ListBucket', resource: bucket };
  let exists = false;
  try {
    await read(s.ctx, spec, () => s.pool.s3(s.ctx.region).send(new HeadBucketCommand({ Bucket: bucket })));
    exists = true;
  } catch (e) {
    // 404: free to create. Anything else (403: someone else's; 301: another region's; no
    // s3:ListBucket permission): CreateBucket itself answers precisely, so let it.
    if (e instanceof StorageError && e.recoverable) throw e;
  }
  if (exists) {
    s.ctx.audit?.record({ profile: '', region: s.ctx.region, action: 's3:CreateBucket', resource: bucket, outcome: 'refused', detail: 'bucket already exists in this account' });
    throw new StorageError({
      type: 'conflict',
      service: 's3',
      resource: bucket,
      code: 'BucketAlreadyOwnedByYou',
      message: `you already own a bucket named ${bucket}`,
      hint: 'prism-storage does not reconfigure an existing bucket (its encryption, lifecycle rules and tags would be overwritten): choose another name, or change that bucket from its detail screen.',
      recoverable: false,
    });
  }
}

/**
 * Creates what `req` describes, step by step (onStep before each). Later steps
 * wait for what they need. On failure: a CreateFailedError naming the step and
 * what already exists. Resolves with the primary resource's id.
 */
export async function createStorage(pool: ClientPool, req: StorageRequest, opts: CreateOptions = {}): Promise<{ type: StorageType; id: string; region: string }> {
  const prepared = newRequest(req);
  const plan = planCreate(prepared);
  // A bucket lives where its LocationConstraint says: talk to that region's endpoint.
  const region = prepared.config.type === 's3' ? prepared.config.s3.region : prepared.region;
  const ctx = makeCtx(region, opts);
  opts.audit?.scrub(...secretsOf(prepared));
  const s: RunState = { pool, ctx, req: prepared, type: prepared.config.type, refs: new Map(), created: [], ready: new Set(), opts };

  for (let i = 0; i < plan.steps.length; i++) {
    const { command } = plan.steps[i];
    opts.onStep?.(i, command);
    try {
      await prerequisites(s, command);
      const input = resolveRefs(plan.steps[i].input, s.refs);
      const missing = unresolved(input);
      if (missing) throw validationError(`step ${command} needs ${missing}, which no earlier step produced`, 'this is a bug in the plan; report it');
      const r = await runStep(s, command, input);
      if (r.id) {
        if (i === 0) {
          s.primaryId = r.id;
          s.refs.set(PLAN_REF.fileSystemId, r.id);
          s.refs.set(PLAN_REF.volumeId, r.id);
        }
        if (command === 'CreateStorageVirtualMachine') s.refs.set(PLAN_REF.storageVirtualMachineId, r.id);
        s.created.push({ kind: r.kind ?? command, id: r.id });
      }
      if (i === 0 && !r.id) throw validationError(`${command} returned no id`, 'AWS accepted the call but named nothing; refresh the list to find the new resource');
    } catch (e) {
      const err = e instanceof StorageError ? e : new StorageError({ type: 'unknown', service: plan.service, code: 'Unknown', message: e instanceof Error ? e.message : String(e), hint: 'Retry; report it if it persists.', recoverable: false });
      throw new CreateFailedError(err, i, command, plan.steps.length, [...s.created], plan.service !== 's3');
    }
  }
  return { type: prepared.config.type, id: s.primaryId ?? '', region };
}

/** How long createStorage may wait in total at most (the review screen says "this can take up to ..."). */
export function expectedWait(type: StorageType): string {
  return formatDuration(type.startsWith('fsx') ? DEFAULT_WAIT_MS.fsx : DEFAULT_WAIT_MS.fast);
}
