// Mounting for the scripting faces: the mount generator's options from
// flags or a REST body, the client instance's zone and OS (DescribeInstances,
// SSM DescribeInstanceInformation), and running the script through SSM Run
// Command (SendCommand, then GetCommandInvocation until it ends).
//
// API references:
//   SendCommand          https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_SendCommand.html
//   GetCommandInvocation https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetCommandInvocation.html
//     Status: Pending | InProgress | Delayed | Success | Cancelled | TimedOut | Failed | Cancelling;
//     InvocationDoesNotExist right after SendCommand until the invocation is registered.
//   DescribeInstanceInformation https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_DescribeInstanceInformation.html
//     (PlatformName / PlatformVersion of managed nodes)
import { DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { DescribeInstanceInformationCommand, GetCommandInvocationCommand, SendCommandCommand, type GetCommandInvocationCommandOutput } from '@aws-sdk/client-ssm';
import type { AuditLog } from '../../services/audit.js';
import type { ClientPool } from '../../services/aws/clients.js';
import { classifyError } from '../../services/aws/errors.js';
import { MOUNT_METHODS } from '../choices.js';
import { defaultMountOptions, generateMount, OS_FAMILIES, ssmRunShellScriptInput, type MountOptions, type MountScript, type OsFamily } from '../../services/mount/index.js';
import { sleep as realSleep } from '../../services/resilience.js';
import { StorageError, TYPE_LABEL, validationError, type StorageInfo } from '../../services/types.js';

export { MOUNT_METHODS };

/** What a person (flags) or a client (REST body) may choose; everything else keeps the defaults. */
export interface MountChoices {
  os?: string;
  method?: string;
  mountPoint?: string;
  readOnly?: boolean;
  client?: 'linux' | 'windows';
  prefix?: string;
  cacheDir?: string;
  allowDelete?: boolean;
  allowOverwrite?: boolean;
  s3fsAuth?: 'iam-role' | 'passwd-file';
  nfsVersion?: string;
  volumeId?: string;
  svmId?: string;
  accessPointId?: string;
  iam?: boolean;
  share?: string;
  smbVersion?: string;
  fsType?: string;
  device?: string;
  instanceAz?: string;
}

/** The generator's options: its defaults for the store, then the choices (validated by the generator). */
export function mountOptionsFor(info: StorageInfo, c: MountChoices): MountOptions {
  const o = defaultMountOptions(info);
  if (c.os !== undefined) {
    if (!OS_FAMILIES.includes(c.os as OsFamily)) throw validationError(`unknown OS family "${c.os}"`, `use one of: ${OS_FAMILIES.join(', ')}`, info.id);
    o.os = c.os as OsFamily;
  }
  if (c.method !== undefined) {
    const allowed = MOUNT_METHODS[info.type];
    if (!allowed.includes(c.method)) {
      throw validationError(
        allowed.length ? `"${c.method}" is not a way to mount ${TYPE_LABEL[info.type]}` : `${TYPE_LABEL[info.type]} mounts one way only; --method does not apply`,
        allowed.length ? `use one of: ${allowed.join(', ')}` : 'leave out --method',
        info.id,
      );
    }
    if (info.type === 's3') o.s3Method = c.method as MountOptions['s3Method'];
    else if (info.type === 'efs') o.efsMode = c.method as MountOptions['efsMode'];
    else if (info.type === 'fsx-ontap') o.ontapProtocol = c.method as MountOptions['ontapProtocol'];
    else if (info.type === 'fsx-windows') o.windowsAuth = c.method as MountOptions['windowsAuth'];
  }
  if (c.client !== undefined) o.client = c.client;
  if (c.mountPoint !== undefined) o.mountPoint = c.mountPoint;
  else if (o.client === 'windows') o.mountPoint = 'Z:';
  if (c.readOnly !== undefined) o.readOnly = c.readOnly;
  if (c.prefix !== undefined) o.s3Prefix = c.prefix;
  if (c.cacheDir !== undefined) o.s3CacheDir = c.cacheDir;
  if (c.allowDelete !== undefined) o.s3AllowDelete = c.allowDelete;
  if (c.allowOverwrite !== undefined) o.s3AllowOverwrite = c.allowOverwrite;
  if (c.s3fsAuth !== undefined) o.s3fsAuth = c.s3fsAuth;
  if (c.nfsVersion !== undefined) o.nfsVersion = c.nfsVersion as MountOptions['nfsVersion'];
  if (c.volumeId !== undefined) {
    if (info.type === 'fsx-ontap') o.ontapVolumeId = c.volumeId;
    else o.openZfsVolumeId = c.volumeId;
  }
  if (c.svmId !== undefined) o.ontapSvmId = c.svmId;
  if (c.accessPointId !== undefined) o.efsAccessPointId = c.accessPointId;
  if (c.iam !== undefined) o.efsIam = c.iam;
  if (c.share !== undefined) o.windowsShare = c.share;
  if (c.smbVersion !== undefined) o.smbVersion = c.smbVersion as MountOptions['smbVersion'];
  if (c.fsType !== undefined) o.ebsFsType = c.fsType as MountOptions['ebsFsType'];
  if (c.device !== undefined) o.ebsDevice = c.device;
  if (c.instanceAz !== undefined) o.instanceAz = c.instanceAz;
  return o;
}

export function mountScript(info: StorageInfo, c: MountChoices): MountScript {
  return generateMount(info, mountOptionsFor(info, c));
}

// ---------------------------------------------------------------------------
// The client instance

export interface InstanceFacts {
  id: string;
  availabilityZone?: string;
  state?: string;
  /** From SSM: the managed node's OS, mapped to a family the generator knows. */
  os?: OsFamily;
  platform?: string;
  /** SSM agent reachable (PingStatus Online). */
  managed: boolean;
}

/** "Amazon Linux" 2023 -> al2023, "Ubuntu" -> ubuntu, "Red Hat Enterprise Linux" / "Rocky Linux" -> rhel. */
export function osFamilyOf(platformName: string | undefined, version: string | undefined): OsFamily | undefined {
  const n = (platformName ?? '').toLowerCase();
  const v = version ?? '';
  if (n.includes('amazon linux')) return v.startsWith('2023') ? 'al2023' : v.startsWith('2') ? 'al2' : undefined;
  if (n.includes('ubuntu')) return 'ubuntu';
  if (n.includes('red hat') || n.includes('rocky') || n.includes('rhel')) return 'rhel';
  return undefined;
}

/** Zone and state (EC2), OS and SSM reachability (Systems Manager) of the instance a script is for. */
export async function instanceFacts(pool: ClientPool, region: string, instanceId: string): Promise<InstanceFacts> {
  let ec2;
  try {
    ec2 = await pool.ec2(region).send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }));
  } catch (e) {
    throw classifyError(e, { service: 'ec2', action: 'ec2:DescribeInstances', resource: instanceId, region });
  }
  const inst = ec2.Reservations?.flatMap((r) => r.Instances ?? []).find((i) => i.InstanceId === instanceId);
  if (!inst) {
    throw new StorageError({ type: 'not-found', service: 'ec2', resource: instanceId, code: 'InvalidInstanceID.NotFound', message: `instance ${instanceId} was not found in ${region}`, hint: 'check the id, or use --region for the instance\'s region', recoverable: false });
  }
  const facts: InstanceFacts = { id: instanceId, availabilityZone: inst.Placement?.AvailabilityZone, state: inst.State?.Name, managed: false };
  try {
    const info = await pool.ssm(region).send(new DescribeInstanceInformationCommand({ Filters: [{ Key: 'InstanceIds', Values: [instanceId] }] }));
    const node = info.InstanceInformationList?.find((n) => n.InstanceId === instanceId);
    if (node) {
      facts.managed = node.PingStatus === 'Online';
      facts.platform = [node.PlatformName, node.PlatformVersion].filter(Boolean).join(' ');
      facts.os = osFamilyOf(node.PlatformName, node.PlatformVersion);
    }
  } catch {
    // No SSM access: the OS stays unknown (the caller's --os decides) and running is refused later by SSM itself.
  }
  return facts;
}

// ---------------------------------------------------------------------------
// Running through SSM Run Command

const DONE = new Set(['Success', 'Cancelled', 'TimedOut', 'Failed']);

export interface RunResult {
  commandId: string;
  status: string;
  statusDetails?: string;
  exitCode?: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  audit?: AuditLog;
  timeoutMs?: number;
  intervalMs?: number;
  sleep?: (ms: number) => Promise<void>;
  onStatus?: (status: string) => void;
}

/** Sends the script to the instance and waits (bounded) until it ends; output as SSM reports it (truncated to 24,000 characters by SSM). */
export async function runOnInstance(pool: ClientPool, region: string, script: MountScript, instanceId: string, opts: RunOptions = {}): Promise<RunResult> {
  const input = ssmRunShellScriptInput(script, instanceId);
  const ssm = pool.ssm(region);
  const sleep = opts.sleep ?? ((ms: number) => realSleep(ms));
  let commandId: string;
  try {
    const out = await ssm.send(new SendCommandCommand(input));
    commandId = out.Command?.CommandId ?? '';
    opts.audit?.record({ profile: '', region, action: 'ssm:SendCommand', resource: instanceId, outcome: 'ok', detail: `${input.Comment}; command ${commandId}` });
  } catch (e) {
    const err = classifyError(e, { service: 'ssm', action: 'ssm:SendCommand', resource: instanceId, region });
    opts.audit?.record({ profile: '', region, action: 'ssm:SendCommand', resource: instanceId, outcome: 'error', detail: `${err.code}: ${err.message}` });
    throw err;
  }
  if (!commandId) throw new StorageError({ type: 'unknown', service: 'ssm', resource: instanceId, code: 'NoCommandId', message: 'SendCommand returned no command id', hint: 'look for the command in the Systems Manager console (Run Command history)', recoverable: false });
  const deadline = (opts.timeoutMs ?? 15 * 60_000);
  const interval = opts.intervalMs ?? 2_000;
  let waited = 0;
  let last = '';
  for (;;) {
    let inv: GetCommandInvocationCommandOutput | undefined;
    try {
      inv = await ssm.send(new GetCommandInvocationCommand({ CommandId: commandId, InstanceId: instanceId }));
    } catch (e) {
      const name = (e as { name?: string }).name ?? '';
      if (name !== 'InvocationDoesNotExist') throw classifyError(e, { service: 'ssm', action: 'ssm:GetCommandInvocation', resource: instanceId, region });
    }
    const status = inv?.Status ?? 'Pending';
    if (status !== last) {
      last = status;
      opts.onStatus?.(status);
    }
    if (inv && DONE.has(status)) {
      return { commandId, status, statusDetails: inv.StatusDetails, exitCode: inv.ResponseCode, stdout: inv.StandardOutputContent ?? '', stderr: inv.StandardErrorContent ?? '' };
    }
    if (waited >= deadline) {
      throw new StorageError({ type: 'unavailable', service: 'ssm', resource: instanceId, code: 'WaitTimeout', message: `command ${commandId} on ${instanceId} still ${status} after ${Math.round(deadline / 1000)} s`, hint: `it may still finish: check with \`aws ssm get-command-invocation --command-id ${commandId} --instance-id ${instanceId}\``, recoverable: true });
    }
    await sleep(interval);
    waited += interval;
  }
}
