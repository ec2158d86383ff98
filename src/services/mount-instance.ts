// Mount (and unmount) a store on an EC2 instance: pick and check the instance
// (running, in a reachable AZ/VPC, managed by Systems Manager), attach an EBS
// volume first (a free device name, wait until attached), then run the
// generated script through SSM Run Command (AWS-RunShellScript) and follow the
// command's status and output until it ends. Every mutating call is audited;
// nothing runs in a read-only session. Used by the mount screen and the
// `prism-storage mount <store> <instance>` command alike (no React here).
//
// API references:
//   DescribeInstances  https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInstances.html
//   Device names: "Recommended for EBS volumes: /dev/sd[f-p]" (Linux; a /dev/sdX name may appear as
//     /dev/xvdX inside the instance, so both spellings of a letter count as taken):
//     https://docs.aws.amazon.com/ebs/latest/userguide/device_naming.html
//   DescribeInstanceInformation (PingStatus Online | ConnectionLost; PlatformName / PlatformVersion)
//     https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_DescribeInstanceInformation.html
//   SendCommand        https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_SendCommand.html
//   GetCommandInvocation (Status Pending | InProgress | Delayed | Success | Cancelled | TimedOut | Failed |
//     Cancelling; InvocationDoesNotExist until the invocation is registered; StandardOutputContent and
//     StandardErrorContent hold at most the first 24,000 / 8,000 characters)
//     https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetCommandInvocation.html
//   Managed nodes need the SSM Agent and an instance profile with AmazonSSMManagedInstanceCore:
//     https://docs.aws.amazon.com/systems-manager/latest/userguide/setup-instance-permissions.html
import { DescribeInstancesCommand, DescribeSubnetsCommand, DescribeVolumesCommand, paginateDescribeInstances, type Instance, type Volume } from '@aws-sdk/client-ec2';
import { DescribeInstanceInformationCommand, GetCommandInvocationCommand, SendCommandCommand, type GetCommandInvocationCommandOutput, type InstanceInformation } from '@aws-sdk/client-ssm';
import type { AuditLog } from './audit.js';
import type { ClientPool } from './aws/clients.js';
import { attachEbsVolume, detachEbsVolume } from './aws/modify.js';
import { codeOf, makeCtx, mutate, poll, read, type Ctx, type Sleep } from './aws/mutation-support.js';
import { ebsCandidates } from './mount/ebs.js';
import { generateMount, OS_LABEL, shellQuote, ssmRunShellScriptInput, type MountOptions, type MountScript, type OsFamily, type RunShellScriptInput } from './mount/index.js';
import { DEFAULT_RETRY, type RetryPolicy } from './resilience.js';
import { sanitize } from './sanitize.js';
import { StorageError, TYPE_LABEL, type StorageErrorShape, type StorageInfo } from './types.js';
import { compareText } from './collate.js';

// ---------------------------------------------------------------------------
// Instances

export interface InstanceSummary {
  id: string;
  /** Name tag, sanitized. */
  name?: string;
  /** EC2 state name: pending | running | stopping | stopped | shutting-down. */
  state: string;
  availabilityZone?: string;
  vpcId?: string;
  subnetId?: string;
  platform: 'linux' | 'windows';
  /** An IAM instance profile is attached (credentials for IAM-based mounts and for the SSM Agent). */
  instanceProfile: boolean;
  /** Device names of the instance's block device mappings (root included). */
  devices: string[];
}

export type SsmStatus = 'online' | 'offline' | 'absent' | 'unknown';

/** What Systems Manager knows about an instance. */
export interface SsmNode {
  /** online: PingStatus Online; offline: registered but not reachable; absent: not a managed node; unknown: could not ask. */
  status: SsmStatus;
  pingStatus?: string;
  platformName?: string;
  platformVersion?: string;
  /** The OS family of the node when the generator knows it. */
  os?: OsFamily;
  /** Why the status is unknown (the failed DescribeInstanceInformation). */
  error?: string;
}

/** The result of checking one instance against one store. */
export interface InstanceCheck {
  instance: InstanceSummary;
  ssm: SsmNode;
  /**
   * true: Run Command reaches it; false: it is not managed by Systems Manager (run the script by
   * hand); undefined: Systems Manager could not be asked (the command is tried and answers).
   */
  ssmManaged: boolean | undefined;
  /** Nothing blocks mounting there: no problems, and not known to be unmanaged. */
  ok: boolean;
  /** What makes mounting there impossible (stopped, another AZ for EBS, another VPC, ...). */
  problems: string[];
  /** Worth knowing, not blocking (cross-AZ EFS traffic, no instance profile, SSM unknown). */
  warnings: string[];
  /** Why Run Command cannot be used, when ssmManaged is false. */
  ssmReason?: string;
  /** OS family reported by Systems Manager. */
  os?: OsFamily;
  /** EBS: attached to the instance already, and the device it has or will get. */
  ebs?: { attached: boolean; device?: string };
  /** A few words for a list column: the first blocker, else how it would run ("ready", "not managed", ...). */
  summary: string;
}

/** Extra facts about the store that a check needs (read once for a whole instance list). */
export interface StoreFacts {
  /** EBS: the volume as DescribeVolumes reports it now. */
  volume?: Volume;
  /** EFS: the VPC of the file system's mount targets. */
  efsVpcId?: string;
}

/** Device names AWS recommends for EBS data volumes on Linux: /dev/sdf ... /dev/sdp. */
export const EBS_DEVICE_LETTERS = 'fghijklmnop';

/** The first of /dev/sdf../dev/sdp whose letter no mapping uses (as /dev/sdX or /dev/xvdX); undefined when all are taken. */
export function freeDeviceName(used: readonly string[]): string | undefined {
  const taken = new Set<string>();
  for (const d of used) {
    const m = /^(?:\/dev\/)?(?:sd|xvd)([a-z])(?:\d+)?$/.exec(d);
    if (m) taken.add(m[1]);
  }
  for (const letter of EBS_DEVICE_LETTERS) if (!taken.has(letter)) return `/dev/sd${letter}`;
  return undefined;
}

/** "Amazon Linux" 2023 -> al2023, "Ubuntu" / "Debian" -> ubuntu, RHEL / Rocky / Alma / CentOS -> rhel. */
export function osFamilyOf(platformName: string | undefined, version: string | undefined): OsFamily | undefined {
  const n = (platformName ?? '').toLowerCase();
  const v = version ?? '';
  if (n.includes('amazon linux')) return v.startsWith('2023') ? 'al2023' : v === '2' || v.startsWith('2.') ? 'al2' : undefined;
  if (n.includes('ubuntu') || n.includes('debian')) return 'ubuntu';
  if (n.includes('red hat') || n.includes('rhel') || n.includes('rocky') || n.includes('alma') || n.includes('centos')) return 'rhel';
  return undefined;
}

/** "name (i-...)" or the id. */
export function instanceLabel(i: Pick<InstanceSummary, 'id' | 'name'>): string {
  return i.name && i.name !== i.id ? `${i.name} (${i.id})` : i.id;
}

function summaryOf(i: Instance): InstanceSummary | undefined {
  if (!i.InstanceId) return undefined;
  const name = i.Tags?.find((t) => t.Key === 'Name')?.Value;
  const windows = (i.Platform as string | undefined)?.toLowerCase() === 'windows' || /windows/i.test(i.PlatformDetails ?? '');
  return {
    id: i.InstanceId,
    name: name ? sanitize(name) : undefined,
    state: i.State?.Name ?? 'unknown',
    availabilityZone: i.Placement?.AvailabilityZone,
    vpcId: i.VpcId,
    subnetId: i.SubnetId,
    platform: windows ? 'windows' : 'linux',
    instanceProfile: !!i.IamInstanceProfile?.Arn,
    devices: (i.BlockDeviceMappings ?? []).map((b) => b.DeviceName ?? '').filter((d) => d !== ''),
  };
}

/** Bounded listing: enough for large accounts, never an endless wait for a picker. */
const MAX_INSTANCE_PAGES = 10;
const INSTANCE_PAGE_SIZE = 1000;
/** Instance ids per DescribeInstanceInformation filter (kept well under the API's limit on filter values). */
const SSM_FILTER_CHUNK = 40;
/** DescribeInstanceInformation MaxResults: 5..50. */
const SSM_PAGE_SIZE = 50;

export interface InstanceQueryOptions {
  sleep?: Sleep;
  signal?: AbortSignal;
  retry?: RetryPolicy;
  audit?: AuditLog;
}

function queryCtx(region: string, o: InstanceQueryOptions = {}): Ctx {
  return makeCtx(region, { sleep: o.sleep, signal: o.signal, retry: o.retry, audit: o.audit });
}

/** Instances of a region that exist (terminated ones left out), sorted by name. */
export async function listInstances(pool: ClientPool, region: string, o: InstanceQueryOptions = {}): Promise<InstanceSummary[]> {
  const ctx = queryCtx(region, o);
  const out: InstanceSummary[] = [];
  await read(ctx, { service: 'ec2', action: 'ec2:DescribeInstances', resource: region }, async () => {
    out.length = 0;
    let pages = 0;
    const filter = [{ Name: 'instance-state-name', Values: ['pending', 'running', 'stopping', 'stopped'] }];
    for await (const page of paginateDescribeInstances({ client: pool.ec2(region), pageSize: INSTANCE_PAGE_SIZE }, { Filters: filter })) {
      for (const r of page.Reservations ?? []) for (const i of r.Instances ?? []) {
        const s = summaryOf(i);
        if (s) out.push(s);
      }
      if (++pages >= MAX_INSTANCE_PAGES) break;
    }
  });
  return out.sort((a, b) => compareText(a.name ?? '\uffff', b.name ?? '\uffff') || compareText(a.id, b.id));
}

async function describeInstance(pool: ClientPool, ctx: Ctx, instanceId: string): Promise<InstanceSummary> {
  const out = await read(ctx, { service: 'ec2', action: 'ec2:DescribeInstances', resource: instanceId }, () => pool.ec2(ctx.region).send(new DescribeInstancesCommand({ InstanceIds: [instanceId] })));
  const found = out.Reservations?.flatMap((r) => r.Instances ?? []).find((i) => i.InstanceId === instanceId);
  const s = found ? summaryOf(found) : undefined;
  if (!s) {
    throw new StorageError({
      type: 'not-found',
      service: 'ec2',
      resource: instanceId,
      code: 'InvalidInstanceID.NotFound',
      message: `instance ${instanceId} was not found in ${ctx.region}`,
      hint: "Check the id, and that the instance is in the store's region.",
      recoverable: false,
    });
  }
  return s;
}

function nodeOf(n: InstanceInformation): SsmNode {
  const online = n.PingStatus === 'Online';
  return { status: online ? 'online' : 'offline', pingStatus: n.PingStatus, platformName: n.PlatformName, platformVersion: n.PlatformVersion, os: osFamilyOf(n.PlatformName, n.PlatformVersion) };
}

/** Systems Manager's view of each instance; every id gets an answer ('unknown' when it could not be asked). */
export async function ssmNodes(pool: ClientPool, region: string, instanceIds: readonly string[], o: InstanceQueryOptions = {}): Promise<Map<string, SsmNode>> {
  const ctx = queryCtx(region, o);
  const out = new Map<string, SsmNode>();
  for (let i = 0; i < instanceIds.length; i += SSM_FILTER_CHUNK) {
    const chunk = instanceIds.slice(i, i + SSM_FILTER_CHUNK);
    try {
      let token: string | undefined;
      do {
        const page = await read(ctx, { service: 'ssm', action: 'ssm:DescribeInstanceInformation', resource: chunk[0] }, () =>
          pool.ssm(region).send(new DescribeInstanceInformationCommand({ Filters: [{ Key: 'InstanceIds', Values: [...chunk] }], MaxResults: SSM_PAGE_SIZE, NextToken: token })),
        );
        for (const n of page.InstanceInformationList ?? []) if (n.InstanceId) out.set(n.InstanceId, nodeOf(n));
        token = page.NextToken;
      } while (token);
      for (const id of chunk) if (!out.has(id)) out.set(id, { status: 'absent' });
    } catch (e) {
      if (ctx.signal?.aborted) throw e;
      const why = e instanceof StorageError ? `${e.code}: ${e.message}` : e instanceof Error ? e.message : String(e);
      for (const id of chunk) out.set(id, { status: 'unknown', error: sanitize(why) });
    }
  }
  return out;
}

/** The region instances of `info` live in: the store's own, S3 buckets are reachable from any region. */
export function instanceRegion(pool: ClientPool, info: StorageInfo): string {
  return info.type === 's3' ? pool.region : info.region;
}

/** Facts about the store a check needs beyond the inventory (fresh EBS volume state, EFS VPC). */
export async function storeFacts(pool: ClientPool, info: StorageInfo, o: InstanceQueryOptions = {}): Promise<StoreFacts> {
  const ctx = queryCtx(info.region, o);
  if (info.type === 'ebs') {
    const out = await read(ctx, { service: 'ec2', action: 'ec2:DescribeVolumes', resource: info.id }, () => pool.ec2(info.region).send(new DescribeVolumesCommand({ VolumeIds: [info.id] })));
    const volume = out.Volumes?.[0];
    if (!volume) throw new StorageError({ type: 'not-found', service: 'ec2', resource: info.id, code: 'InvalidVolume.NotFound', message: `${info.id} no longer exists`, hint: 'Refresh the list.', recoverable: false });
    return { volume };
  }
  if (info.type === 'efs') {
    const subnet = info.mount.efsMountTargets?.find((t) => t.subnetId)?.subnetId;
    if (!subnet) return {};
    try {
      const out = await read(ctx, { service: 'ec2', action: 'ec2:DescribeSubnets', resource: subnet }, () => pool.ec2(info.region).send(new DescribeSubnetsCommand({ SubnetIds: [subnet] })));
      return { efsVpcId: out.Subnets?.[0]?.VpcId };
    } catch (e) {
      if (ctx.signal?.aborted) throw e;
      // The VPC stays unknown: the check then relies on the AZ alone.
      return {};
    }
  }
  return {};
}

const READY_STATES = new Set(['available', 'in-use', 'updating']);

/** Does `inst` reach `info`, and how? Pure: every fact comes in as an argument. */
export function assessInstance(info: StorageInfo, inst: InstanceSummary, ssm: SsmNode, facts: StoreFacts = {}): InstanceCheck {
  const problems: string[] = [];
  const warnings: string[] = [];
  const tags: string[] = [];
  const block = (tag: string, text: string) => {
    tags.push(tag);
    problems.push(text);
  };
  const who = instanceLabel(inst);
  const az = inst.availabilityZone;

  if (inst.state === 'pending') block('starting', `${who} is starting: try again once it is running.`);
  else if (inst.state !== 'running') block(inst.state, `${who} is ${inst.state}: start it first.`);
  if (inst.platform === 'windows') {
    block('Windows', `${who} runs Windows: mounting on an instance runs the Linux (bash) script through AWS-RunShellScript. For a Windows client, run the PowerShell script there yourself.`);
  }

  let ebs: InstanceCheck['ebs'];
  switch (info.type) {
    case 'ebs': {
      const v = facts.volume;
      const volAz = v?.AvailabilityZone ?? info.availabilityZone;
      if (volAz && az && volAz !== az) block(`other AZ (${az})`, `${info.id} is in ${volAz} and ${who} in ${az}: an EBS volume attaches only to instances in its own Availability Zone (snapshot it and restore the copy in ${az}).`);
      const live = (v?.Attachments ?? []).filter((a) => a.State === 'attached' || a.State === 'attaching' || a.State === 'busy');
      const mine = live.find((a) => a.InstanceId === inst.id);
      const others = live.filter((a) => a.InstanceId !== inst.id);
      if (others.length) {
        block(
          'volume in use',
          v?.MultiAttachEnabled
            ? `${info.id} is also attached to ${others.map((a) => a.InstanceId).join(', ')} (Multi-Attach): xfs and ext4 mounted on two instances at once corrupt data; unmount and detach it there first.`
            : `${info.id} is attached to ${others[0].InstanceId} as ${others[0].Device}: unmount and detach it there first.`,
        );
      }
      const detaching = (v?.Attachments ?? []).find((a) => a.State === 'detaching');
      if (detaching) block('volume detaching', `${info.id} is still detaching from ${detaching.InstanceId}: try again once it is available.`);
      const state = v?.State ?? info.rawState;
      if (!mine && !others.length && !detaching && state && state !== 'available' && state !== 'in-use') block(`volume ${state}`, `${info.id} is ${state}: it can be attached once it is available.`);
      if (mine) ebs = { attached: true, device: mine.Device };
      else {
        const device = freeDeviceName(inst.devices);
        if (!device) block('no free device', `${who} uses every device name from /dev/sdf to /dev/sdp: detach a volume there first.`);
        ebs = { attached: false, device };
      }
      break;
    }
    case 'efs': {
      const all = info.mount.efsMountTargets ?? [];
      const ready = all.filter((t) => t.state.toLowerCase() === 'available');
      if (info.mount.efsMountTargets && ready.length === 0) block('no mount target', `${info.id} has no available mount target: create one in ${az ?? "the instance's Availability Zone"} (aws efs create-mount-target).`);
      else if (az && ready.length && !ready.some((t) => t.availabilityZone === az)) {
        warnings.push(`${info.id} has no mount target in ${az}: the script mounts through ${ready[0].availabilityZone ?? 'another Availability Zone'} (cross-AZ latency and data transfer charges). Create a mount target in ${az} to avoid it.`);
      }
      if (facts.efsVpcId && inst.vpcId && facts.efsVpcId !== inst.vpcId) {
        block('other VPC', `The mount targets of ${info.id} are in ${facts.efsVpcId} and ${who} in ${inst.vpcId}: the file system's DNS name resolves only inside its VPC.`);
      }
      if (!inst.instanceProfile) warnings.push(`${who} has no IAM instance profile: IAM authorization (the efs-utils iam option) has no credentials to use.`);
      break;
    }
    case 's3':
      if (!inst.instanceProfile) warnings.push(`${who} has no IAM instance profile: the S3 mount has no credentials unless you provide them on the instance.`);
      break;
    default: {
      // FSx: clients connect inside the file system's VPC.
      const vpc = info.fsx?.vpcId;
      if (vpc && inst.vpcId && vpc !== inst.vpcId) block('other VPC', `${info.id} is in ${vpc} and ${who} in ${inst.vpcId}: FSx file systems are mounted from their own VPC (or a peered one with routes and DNS you set up).`);
      if (info.availabilityZone && az && info.availabilityZone !== az && info.type === 'fsx-lustre') {
        warnings.push(`${info.id} is in ${info.availabilityZone} and ${who} in ${az}: Lustre traffic crosses Availability Zones (latency, data transfer charges).`);
      }
    }
  }
  if (info.type !== 'ebs' && !READY_STATES.has(info.state)) block(`store ${info.rawState || info.state}`, `${info.id} is ${info.rawState || info.state}: it can be mounted once it is available.`);

  let ssmManaged: boolean | undefined;
  let ssmReason: string | undefined;
  switch (ssm.status) {
    case 'online':
      ssmManaged = true;
      break;
    case 'offline':
      ssmManaged = false;
      ssmReason = `${who} is registered with Systems Manager but its agent does not answer (PingStatus ${ssm.pingStatus ?? 'unknown'}): check that the SSM Agent runs and can reach Systems Manager.`;
      break;
    case 'absent':
      ssmManaged = false;
      ssmReason = `${who} is not managed by Systems Manager: it needs the SSM Agent and an instance profile with the AmazonSSMManagedInstanceCore policy.`;
      break;
    case 'unknown':
      ssmManaged = undefined;
      warnings.push(`Systems Manager could not be asked about ${who}${ssm.error ? ` (${ssm.error})` : ''}: the command is sent and Systems Manager answers whether it can run there.`);
      break;
  }
  const platform = [ssm.platformName, ssm.platformVersion].filter(Boolean).join(' ');
  const summary = tags.length ? tags[0] : ssmManaged === true ? `ready${platform ? `: ${platform}` : ''}` : ssmManaged === false ? (ssm.status === 'offline' ? 'SSM agent offline' : 'not managed by SSM') : 'SSM unknown';
  return { instance: inst, ssm, ssmManaged, ok: problems.length === 0 && ssmManaged !== false, problems, warnings, ssmReason, os: ssm.os, ebs, summary: sanitize(summary) };
}

/** Checks one instance for `info`: EC2 state and placement, Systems Manager reachability, the store's own constraints. */
export async function checkInstance(pool: ClientPool, info: StorageInfo, instanceId: string, o: InstanceQueryOptions = {}): Promise<InstanceCheck> {
  const region = instanceRegion(pool, info);
  const inst = await describeInstance(pool, queryCtx(region, o), instanceId);
  const [nodes, facts] = await Promise.all([ssmNodes(pool, region, [instanceId], o), storeFacts(pool, info, o)]);
  return assessInstance(info, inst, nodes.get(instanceId) ?? { status: 'unknown' }, facts);
}

/** Every instance of the store's region, checked; usable ones first, then by name. */
export async function listMountCandidates(pool: ClientPool, info: StorageInfo, o: InstanceQueryOptions = {}): Promise<InstanceCheck[]> {
  const region = instanceRegion(pool, info);
  const [instances, facts] = await Promise.all([listInstances(pool, region, o), storeFacts(pool, info, o)]);
  const nodes = await ssmNodes(
    pool,
    region,
    instances.map((i) => i.id),
    o,
  );
  const rank = (c: InstanceCheck) => (c.problems.length ? 3 : c.ssmManaged === true ? 0 : c.ssmManaged === undefined ? 1 : 2);
  // Array.prototype.sort is stable: within a rank the listing's name order stays.
  return instances.map((i) => assessInstance(info, i, nodes.get(i.id) ?? { status: 'unknown' }, facts)).sort((a, b) => rank(a) - rank(b));
}

// ---------------------------------------------------------------------------
// The steps of a run

export type MountAction = 'mount' | 'unmount';
export type MountStepId = 'check' | 'attach' | 'wait-attached' | 'run' | 'detach' | 'wait-detached';
export type MountStepState = 'pending' | 'running' | 'done' | 'failed' | 'skipped';

export interface MountStep {
  id: MountStepId;
  /** What the step does, as shown before it runs (names the AWS call). */
  title: string;
}

export const ATTACH_TIMEOUT_MS = 5 * 60_000;
/** The script may build amazon-efs-utils from source (several minutes) or install large packages. */
export const COMMAND_TIMEOUT_MS = 30 * 60_000;
export const POLL_INTERVAL_MS = 2_000;

function minutes(ms: number): string {
  const m = Math.round(ms / 60_000);
  return m >= 1 ? `${m} min` : `${Math.round(ms / 1000)} s`;
}

/** The script sections a run executes, in order. */
export function sectionsFor(action: MountAction): string[] {
  return action === 'mount' ? ['install', 'mount', 'persist'] : ['unmount'];
}

/** The steps a run takes, for the confirmation (pure). */
export function mountSteps(info: StorageInfo, check: InstanceCheck, action: MountAction, script: Pick<MountScript, 'method'>, opts: Pick<MountOptions, 'os' | 'mountPoint'>, timeouts: { attachMs?: number } = {}): MountStep[] {
  const who = instanceLabel(check.instance);
  const steps: MountStep[] = [{ id: 'check', title: `Check ${who}: running, reachable from ${info.id}, managed by Systems Manager` }];
  const attachWait = minutes(timeouts.attachMs ?? ATTACH_TIMEOUT_MS);
  const run =
    action === 'mount'
      ? `Run the ${script.method} script for ${OS_LABEL[opts.os]} on ${who}: install the client, mount at ${opts.mountPoint}, persist across reboots (ssm:SendCommand, AWS-RunShellScript)`
      : `Run the script's unmount on ${who}: unmount ${opts.mountPoint} and remove its persistent entry (ssm:SendCommand, AWS-RunShellScript)`;
  if (info.type === 'ebs' && action === 'mount') {
    if (check.ebs?.attached) steps.push({ id: 'attach', title: `${info.id} is already attached to ${who} as ${check.ebs.device ?? 'a device'}: no attach needed` });
    else {
      steps.push({ id: 'attach', title: `Attach ${info.id} to ${who} as ${check.ebs?.device ?? 'a free device name'} (ec2:AttachVolume)` });
      steps.push({ id: 'wait-attached', title: `Wait until ${info.id} is attached (up to ${attachWait})` });
    }
  }
  steps.push({ id: 'run', title: run });
  if (info.type === 'ebs' && action === 'unmount') {
    if (check.ebs?.attached) {
      steps.push({ id: 'detach', title: `Detach ${info.id} from ${who} once unmounted (ec2:DetachVolume)` });
      steps.push({ id: 'wait-detached', title: `Wait until ${info.id} is detached (up to ${attachWait})` });
    } else steps.push({ id: 'detach', title: `${info.id} is not attached to ${who}: nothing to detach` });
  }
  return steps;
}

/** The options a run uses on `check`'s instance: its AZ (mount target choice, warnings), and its OS when asked. */
export function optionsForInstance(opts: MountOptions, check: InstanceCheck, osFromInstance = false): MountOptions {
  const out: MountOptions = { ...opts, instanceAz: check.instance.availabilityZone ?? opts.instanceAz };
  if (osFromInstance && check.os) out.os = check.os;
  return out;
}

/** The store as it will be once an EBS volume is attached (the script then also looks for the Xen device name). */
export function infoForInstance(info: StorageInfo, check: InstanceCheck): StorageInfo {
  if (info.type !== 'ebs' || !check.ebs?.device) return info;
  const existing = (info.mount.ebsAttachments ?? []).filter((a) => a.instanceId !== check.instance.id);
  return { ...info, mount: { ...info.mount, ebsAttachments: [...existing, { instanceId: check.instance.id, device: check.ebs.device, state: 'attached' }] } };
}

/** The exact script a run on `check`'s instance executes (pure; throws the generator's validation errors). */
export function scriptForInstance(info: StorageInfo, opts: MountOptions, check: InstanceCheck, osFromInstance = false): MountScript {
  return generateMount(infoForInstance(info, check), optionsForInstance(opts, check, osFromInstance));
}

const RUN_ALL = 'bash "$prism_script" all';
const KEEP_RC = 'prism_rc=$?';
/** Printed (stderr) by the command when a section fails: the failing step is read back from it. */
export const STEP_FAILED = /prism-storage: step (\w+) failed \(exit (\d+)\)/;
/** How long the command waits for a just-attached volume's device node to appear. */
export const DEVICE_WAIT_SECONDS = 60;

/**
 * ssm:SendCommand input for `action`: ssmRunShellScriptInput's wrapper, running the script's
 * sections one at a time (each announced on stdout; a failure names its section on stderr) and,
 * for a just-attached EBS volume, first waiting for its device node to appear.
 */
export function commandInput(script: MountScript, instanceId: string, action: MountAction, waitForDevices: readonly string[] = []): RunShellScriptInput {
  const input = ssmRunShellScriptInput(script, instanceId);
  const cmds = input.Parameters.commands;
  const at = cmds.lastIndexOf(RUN_ALL);
  if (at < 0 || cmds[at + 1] !== KEEP_RC) throw new Error('internal: the AWS-RunShellScript wrapper changed shape (no "bash $prism_script all" line)');
  const wait = waitForDevices.length
    ? [
        'prism_waited=0',
        `while ${waitForDevices.map((d) => `[ ! -e ${shellQuote(d)} ]`).join(' && ')} && [ "$prism_waited" -lt ${DEVICE_WAIT_SECONDS} ]; do sleep 1; prism_waited=$((prism_waited + 1)); done`,
      ]
    : [];
  const run = [
    'prism_rc=0',
    `for prism_step in ${sectionsFor(action).join(' ')}; do`,
    "  printf 'prism-storage: ==> %s\\n' \"$prism_step\"",
    '  bash "$prism_script" "$prism_step" || { prism_rc=$?; printf \'prism-storage: step %s failed (exit %s)\\n\' "$prism_step" "$prism_rc" >&2; break; }',
    'done',
  ];
  const commands = [...cmds.slice(0, at), ...wait, ...run, ...cmds.slice(at + 2)];
  const comment = action === 'unmount' ? input.Comment.replace('prism-storage: mount', 'prism-storage: unmount') : input.Comment;
  return { ...input, Comment: comment.slice(0, 100), Parameters: { commands } };
}

// ---------------------------------------------------------------------------
// Running

export type MountEvent =
  | { type: 'step'; step: MountStepId; state: MountStepState; message: string }
  | { type: 'command'; commandId: string }
  /** GetCommandInvocation Status (and StatusDetails) whenever it changes. */
  | { type: 'status'; status: string; details?: string }
  /** The command's output so far, whenever it changes (SSM keeps the first 24,000 / 8,000 characters). */
  | { type: 'output'; stdout: string; stderr: string };

export interface MountRunOptions {
  audit?: AuditLog;
  /** The session is read-only: refuse before any call, and record the refusal. */
  readOnly?: boolean;
  onEvent?: (e: MountEvent) => void;
  sleep?: Sleep;
  signal?: AbortSignal;
  /** Clock of the wait deadlines (default Date.now); injected sleeps always count. */
  now?: () => number;
  /** Poll interval for the attachment and the command (default 2 s). */
  intervalMs?: number;
  attachTimeoutMs?: number;
  commandTimeoutMs?: number;
  /** Generate the script for the OS family Systems Manager reports (when it reports one) instead of opts.os. */
  osFromInstance?: boolean;
  retry?: RetryPolicy;
}

export type MountRunStatus = 'success' | 'failed' | 'not-managed' | 'refused' | 'cancelled';

export interface MountRunResult {
  action: MountAction;
  status: MountRunStatus;
  ok: boolean;
  instanceId: string;
  /** Every planned step with how it ended. */
  steps: (MountStep & { state: MountStepState })[];
  failedStep?: MountStepId;
  /** The script section that failed on the instance (install, mount, persist, unmount), when the command failed. */
  failedSection?: string;
  /** One line for a person: what happened. */
  message: string;
  hint?: string;
  error?: StorageErrorShape;
  /** The script run (or to run by hand when the instance is not managed). */
  script?: MountScript;
  check?: InstanceCheck;
  /** EBS: the device the volume is attached as. */
  device?: string;
  commandId?: string;
  commandStatus?: string;
  exitCode?: number;
  stdout: string;
  stderr: string;
}

const TERMINAL = new Set(['Success', 'Failed', 'Cancelled', 'TimedOut']);

const FAILED_AT: Record<MountStepId, string> = {
  check: 'Checking the instance failed',
  attach: 'Attaching the volume failed',
  'wait-attached': 'Waiting for the attachment failed',
  run: 'Running the script through Systems Manager failed',
  detach: 'Detaching the volume failed',
  'wait-detached': 'Waiting for the detachment failed',
};

function errorShape(e: unknown): StorageErrorShape {
  if (e instanceof StorageError) return e.toJSON();
  const message = e instanceof Error ? e.message : String(e);
  return { type: 'unknown', service: 'local', code: 'Unknown', message, hint: 'Retry, and report it if it persists.', recoverable: false };
}

/** The same as mountOnInstance, for `action`. Never throws: every outcome is a MountRunResult. */
async function runOnInstance(pool: ClientPool, info: StorageInfo, instanceId: string, opts: MountOptions, action: MountAction, o: MountRunOptions): Promise<MountRunResult> {
  const region = instanceRegion(pool, info);
  const ctx = makeCtx(region, { audit: o.audit, sleep: o.sleep, signal: o.signal, retry: o.retry });
  const emit = (e: MountEvent) => o.onEvent?.(e);
  const interval = o.intervalMs ?? POLL_INTERVAL_MS;
  const attachTimeout = o.attachTimeoutMs ?? ATTACH_TIMEOUT_MS;
  const verb = action === 'mount' ? 'mount' : 'unmount';
  const auditRefused = (detail: string) => o.audit?.record({ profile: '', region, action: 'ssm:SendCommand', resource: instanceId, outcome: 'refused', detail: `${verb} ${info.id}: ${detail}` });

  const result: MountRunResult = { action, status: 'failed', ok: false, instanceId, steps: [{ id: 'check', title: `Check ${instanceId}`, state: 'pending' }], message: '', stdout: '', stderr: '' };
  const stepState = (id: MountStepId, state: MountStepState, message: string) => {
    const s = result.steps.find((x) => x.id === id);
    if (s) s.state = state;
    emit({ type: 'step', step: id, state, message });
  };
  const fail = (id: MountStepId, e: unknown, message?: string): MountRunResult => {
    const err = errorShape(e);
    if (err.code === 'Cancelled' || o.signal?.aborted) {
      stepState(id, 'failed', 'cancelled');
      return { ...result, status: 'cancelled', failedStep: id, message: `Stopped following the ${verb} at "${id}": what AWS already accepted keeps going.`, hint: 'Check the instance, or run the mount again: every step checks what is already done.', error: err };
    }
    stepState(id, 'failed', err.message);
    return { ...result, status: 'failed', failedStep: id, message: message ?? `${FAILED_AT[id]}: ${err.message}`, hint: err.hint, error: err };
  };

  // 1. check
  stepState('check', 'running', `checking ${instanceId}`);
  if (o.readOnly) {
    auditRefused('read-only session');
    stepState('check', 'failed', 'read-only');
    return { ...result, status: 'refused', failedStep: 'check', message: `Read-only session: nothing was run on ${instanceId}.`, hint: 'Start prism-storage without --read-only to mount on an instance, or run the script on the instance yourself.' };
  }
  let check: InstanceCheck;
  try {
    check = await checkInstance(pool, info, instanceId, { sleep: o.sleep, signal: o.signal, retry: o.retry });
  } catch (e) {
    return fail('check', e);
  }
  result.check = check;
  let script: MountScript;
  let runOpts: MountOptions;
  try {
    runOpts = optionsForInstance(opts, check, o.osFromInstance);
    script = generateMount(infoForInstance(info, check), runOpts);
  } catch (e) {
    auditRefused(errorShape(e).message);
    const r = fail('check', e);
    return { ...r, status: 'refused' };
  }
  result.script = script;
  result.device = check.ebs?.device;
  result.steps = mountSteps(info, check, action, script, runOpts, { attachMs: attachTimeout }).map((s) => ({ ...s, state: s.id === 'check' ? 'running' : 'pending' }));
  if (script.language !== 'bash') {
    const why = 'the script is PowerShell (Windows client): run it on the Windows instance by hand';
    auditRefused(why);
    stepState('check', 'failed', why);
    return { ...result, status: 'refused', failedStep: 'check', message: `Cannot run a PowerShell script through AWS-RunShellScript on ${instanceId}.`, hint: 'Run the PowerShell script on the Windows instance yourself, or choose the Linux client.' };
  }
  if (check.problems.length) {
    auditRefused(check.problems.join(' '));
    stepState('check', 'failed', check.problems[0]);
    return { ...result, status: 'refused', failedStep: 'check', message: check.problems.join(' '), hint: 'Choose another instance, or fix what is named and try again.' };
  }
  if (check.ssmManaged === false) {
    auditRefused(`not managed by Systems Manager (${check.ssm.status})`);
    stepState('check', 'failed', check.ssmReason ?? 'not managed by Systems Manager');
    return { ...result, status: 'not-managed', failedStep: 'check', message: check.ssmReason ?? `${instanceId} is not managed by Systems Manager.`, hint: manualHint(info, check, action) };
  }
  stepState('check', 'done', `${instanceLabel(check.instance)}: ${check.instance.state} in ${check.instance.availabilityZone ?? 'an unknown AZ'}${check.ssm.status === 'online' ? ', Systems Manager online' : ''}`);

  // 2. EBS: attach first
  let justAttached = false;
  if (info.type === 'ebs' && action === 'mount') {
    if (check.ebs?.attached) stepState('attach', 'skipped', `already attached as ${check.ebs.device ?? 'a device'}`);
    else {
      const device = check.ebs?.device as string;
      stepState('attach', 'running', `attaching ${info.id} as ${device}`);
      try {
        await attachEbsVolume(pool, info, instanceId, device, o.audit, { sleep: o.sleep, signal: o.signal, retry: o.retry });
      } catch (e) {
        return fail('attach', e);
      }
      stepState('attach', 'done', `attach requested as ${device}`);
      stepState('wait-attached', 'running', `waiting for ${info.id} to be attached`);
      try {
        await waitAttachment(pool, ctx, info.id, instanceId, 'attached', { timeoutMs: attachTimeout, intervalMs: interval, now: o.now });
      } catch (e) {
        return fail('wait-attached', e);
      }
      justAttached = true;
      stepState('wait-attached', 'done', `${info.id} is attached as ${device}`);
    }
  }

  // 3. the script, through Run Command
  const waitDevices = justAttached ? ebsCandidates({ info: infoForInstance(info, check), opts: runOpts, resource: info.id }) : [];
  let input: RunShellScriptInput;
  try {
    input = commandInput(script, instanceId, action, waitDevices);
  } catch (e) {
    return fail('run', e);
  }
  stepState('run', 'running', `sending the ${verb} script to ${instanceId}`);
  const sendCtx = makeCtx(region, { audit: o.audit, sleep: o.sleep, signal: o.signal, retry: { ...(o.retry ?? DEFAULT_RETRY), maxAttempts: 1 } });
  let commandId: string;
  try {
    // Not retried: a SendCommand whose answer was lost may have started the script already.
    const out = await mutate(sendCtx, { service: 'ssm', action: 'ssm:SendCommand', resource: instanceId, detail: `${input.Comment} for ${info.id}`, describe: (x) => `command ${(x as { Command?: { CommandId?: string } }).Command?.CommandId ?? '?'}` }, () =>
      pool.ssm(region).send(new SendCommandCommand(input)),
    );
    commandId = out.Command?.CommandId ?? '';
  } catch (e) {
    if (codeOf(e) === 'InvalidInstanceId') {
      const err = errorShape(e);
      stepState('run', 'failed', err.message);
      return {
        ...result,
        status: 'not-managed',
        failedStep: 'run',
        message: `Systems Manager cannot run commands on ${instanceLabel(check.instance)} (not a managed node, or its agent is offline)${justAttached ? `; ${info.id} stays attached as ${check.ebs?.device}` : ''}.`,
        hint: manualHint(info, check, action, justAttached),
        error: err,
      };
    }
    return fail('run', e);
  }
  if (!commandId) return fail('run', new StorageError({ type: 'unknown', service: 'ssm', resource: instanceId, code: 'NoCommandId', message: 'SendCommand returned no command id', hint: 'Look for the command in the Systems Manager console (Run Command, command history).', recoverable: false }));
  result.commandId = commandId;
  emit({ type: 'command', commandId });

  let inv: GetCommandInvocationCommandOutput;
  try {
    inv = await followCommand(pool, ctx, commandId, instanceId, { timeoutMs: o.commandTimeoutMs ?? COMMAND_TIMEOUT_MS, intervalMs: interval, now: o.now }, (status, details, stdout, stderr) => {
      if (status !== result.commandStatus) {
        result.commandStatus = status;
        emit({ type: 'status', status, details });
      }
      if (stdout !== result.stdout || stderr !== result.stderr) {
        result.stdout = stdout;
        result.stderr = stderr;
        emit({ type: 'output', stdout, stderr });
      }
    });
  } catch (e) {
    const err = errorShape(e);
    if (err.code === 'WaitTimeout') {
      return fail('run', e, `Command ${commandId} on ${instanceId} was still ${result.commandStatus ?? 'Pending'} after ${minutes(o.commandTimeoutMs ?? COMMAND_TIMEOUT_MS)}.`);
    }
    return fail('run', e);
  }
  const status = inv.Status ?? 'Failed';
  result.commandStatus = status;
  result.exitCode = inv.ResponseCode;
  o.audit?.record({ profile: '', region, action: 'ssm:SendCommand', resource: instanceId, outcome: status === 'Success' ? 'ok' : 'error', detail: `command ${commandId} (${verb} ${info.id}) finished: ${status}${inv.ResponseCode !== undefined && inv.ResponseCode >= 0 ? ` exit ${inv.ResponseCode}` : ''}` });
  if (status !== 'Success') {
    const m = STEP_FAILED.exec(`${result.stderr}\n${result.stdout}`);
    result.failedSection = m?.[1];
    stepState('run', 'failed', `${status}${m ? ` in ${m[1]}` : ''}`);
    const exit = inv.ResponseCode !== undefined && inv.ResponseCode >= 0 ? ` (exit ${inv.ResponseCode})` : '';
    return {
      ...result,
      status: 'failed',
      failedStep: 'run',
      message: `The ${verb} script ${status === 'Failed' ? 'failed' : status === 'TimedOut' ? 'timed out' : 'was cancelled'} on ${instanceLabel(check.instance)}${m ? ` in its ${m[1]} step` : ''}${exit}${inv.StatusDetails && inv.StatusDetails !== status ? `: ${inv.StatusDetails}` : ''}.`,
      hint: status === 'TimedOut' ? 'The command did not finish within the document timeout: run it by hand to watch it.' : 'Read the output above; fix the cause and run it again (each step skips what is already done).',
    };
  }
  stepState('run', 'done', `${verb} script succeeded`);

  // 4. EBS: detach after unmounting
  let detached = false;
  if (info.type === 'ebs' && action === 'unmount') {
    if (!check.ebs?.attached) stepState('detach', 'skipped', 'not attached to this instance');
    else {
      stepState('detach', 'running', `detaching ${info.id}`);
      try {
        await detachEbsVolume(pool, info, instanceId, o.audit, { sleep: o.sleep, signal: o.signal, retry: o.retry });
      } catch (e) {
        return fail('detach', e);
      }
      stepState('detach', 'done', 'detach requested');
      stepState('wait-detached', 'running', `waiting for ${info.id} to be detached`);
      try {
        await waitAttachment(pool, ctx, info.id, instanceId, 'detached', { timeoutMs: attachTimeout, intervalMs: interval, now: o.now });
      } catch (e) {
        return fail('wait-detached', e);
      }
      detached = true;
      stepState('wait-detached', 'done', `${info.id} is detached`);
    }
  }

  const where = instanceLabel(check.instance);
  const message =
    action === 'mount'
      ? `Mounted ${info.name && info.name !== info.id ? `${info.name} (${info.id})` : info.id} at ${runOpts.mountPoint} on ${where}; mounted again after every reboot.`
      : `Unmounted ${runOpts.mountPoint} on ${where} and removed its persistent entry${detached ? `; ${info.id} is detached` : ''}.`;
  return { ...result, status: 'success', ok: true, message };
}

/** What to do by hand when Run Command cannot reach the instance (the attach / detach commands for EBS, quoted). */
export function manualHint(info: StorageInfo, check: InstanceCheck, action: MountAction, attached = false): string {
  const parts = [`Run the script on the instance yourself, as root: sudo bash FILE${action === 'unmount' ? ' unmount' : ''}.`];
  if (info.type === 'ebs' && action === 'mount' && !check.ebs?.attached && !attached && check.ebs?.device) {
    parts.unshift(`Attach the volume first: aws ec2 attach-volume --volume-id ${shellQuote(info.id)} --instance-id ${shellQuote(check.instance.id)} --device ${shellQuote(check.ebs.device)} --region ${shellQuote(info.region)}.`);
  }
  if (info.type === 'ebs' && action === 'unmount' && check.ebs?.attached) parts.push(`Then detach it: aws ec2 detach-volume --volume-id ${shellQuote(info.id)} --region ${shellQuote(info.region)}.`);
  return parts.join(' ');
}

/** Waits until the volume's attachment to the instance is `target` ('detached': no live attachment left). */
async function waitAttachment(pool: ClientPool, ctx: Ctx, volumeId: string, instanceId: string, target: 'attached' | 'detached', o: { timeoutMs: number; intervalMs: number; now?: () => number }): Promise<void> {
  await poll(ctx, o, { service: 'ec2', resource: volumeId, waitingFor: target === 'attached' ? `attached to ${instanceId}` : `detached from ${instanceId}` }, async () => {
    const out = await read(ctx, { service: 'ec2', action: 'ec2:DescribeVolumes', resource: volumeId }, () => pool.ec2(ctx.region).send(new DescribeVolumesCommand({ VolumeIds: [volumeId] })));
    const a = out.Volumes?.[0]?.Attachments?.find((x) => x.InstanceId === instanceId && x.State !== 'detached');
    if (target === 'attached') return a?.State === 'attached' ? true : undefined;
    return a ? undefined : true;
  });
}

/** Polls GetCommandInvocation until the command ends; reports status and output on every poll. */
async function followCommand(
  pool: ClientPool,
  ctx: Ctx,
  commandId: string,
  instanceId: string,
  o: { timeoutMs: number; intervalMs: number; now?: () => number },
  report: (status: string, details: string | undefined, stdout: string, stderr: string) => void,
): Promise<GetCommandInvocationCommandOutput> {
  return poll(ctx, o, { service: 'ssm', resource: instanceId, waitingFor: `done running command ${commandId}` }, async () => {
    let inv: GetCommandInvocationCommandOutput;
    try {
      inv = await read(ctx, { service: 'ssm', action: 'ssm:GetCommandInvocation', resource: instanceId }, () => pool.ssm(ctx.region).send(new GetCommandInvocationCommand({ CommandId: commandId, InstanceId: instanceId })));
    } catch (e) {
      // Right after SendCommand the invocation may not be registered yet.
      if (codeOf(e) === 'InvocationDoesNotExist') {
        report('Pending', undefined, '', '');
        return undefined;
      }
      throw e;
    }
    const status = inv.Status ?? 'Pending';
    report(status, inv.StatusDetails, inv.StandardOutputContent ?? '', inv.StandardErrorContent ?? '');
    return TERMINAL.has(status) ? inv : undefined;
  });
}

/**
 * Mounts `info` on an instance: check it, attach an EBS volume first, run the generated script
 * (install, mount, persist) through SSM Run Command, follow it to the end. Never throws: the
 * result says what happened, which step failed, and (when the instance is not managed by
 * Systems Manager) carries the script to run by hand.
 */
export function mountOnInstance(pool: ClientPool, info: StorageInfo, instanceId: string, opts: MountOptions, o: MountRunOptions = {}): Promise<MountRunResult> {
  return runOnInstance(pool, info, instanceId, opts, 'mount', o);
}

/** Unmounts `info` on an instance (the script's unmount: umount and the persistent entry), then detaches an EBS volume. Never throws. */
export function unmountOnInstance(pool: ClientPool, info: StorageInfo, instanceId: string, opts: MountOptions, o: MountRunOptions = {}): Promise<MountRunResult> {
  return runOnInstance(pool, info, instanceId, opts, 'unmount', o);
}

/** A short label of a store for messages ("EBS vol-... (name)"). */
export function storeLabel(info: StorageInfo): string {
  return `${TYPE_LABEL[info.type]} ${info.name && info.name !== info.id ? `${info.name} (${info.id})` : info.id}`;
}
