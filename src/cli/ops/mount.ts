// Mounting for the scripting faces (the commands and the REST API): the mount
// generator's options from flags or a REST body, the script tailored to a
// client instance, and how a run on an instance is reported. The run itself
// (check the instance, attach an EBS volume and wait, run the script through
// SSM Run Command, name the failing step) is the services' mountOnInstance,
// the same flow the dashboard's mount screen uses.
import type { ClientPool } from '../../services/aws/clients.js';
import { checkInstance, instanceLabel, scriptForInstance, type InstanceCheck, type InstanceQueryOptions, type MountEvent, type MountRunResult } from '../../services/mount-instance.js';
import { MOUNT_METHODS } from '../choices.js';
import { defaultMountOptions, generateMount, OS_FAMILIES, OS_LABEL, type MountOptions, type MountScript, type OsFamily } from '../../services/mount/index.js';
import { sanitize } from '../../services/sanitize.js';
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
  return o;
}

export function mountScript(info: StorageInfo, c: MountChoices): MountScript {
  return generateMount(info, mountOptionsFor(info, c));
}

// ---------------------------------------------------------------------------
// On an instance

/** A script tailored to one instance: the exact script a run there executes, and what the check found. */
export interface InstanceScript {
  script: MountScript;
  check: InstanceCheck;
  /** The OS family the script is written for came from Systems Manager (no OS was chosen). */
  osFromInstance: boolean;
}

/**
 * The script for `instanceId` (its Availability Zone, and its OS as Systems Manager reports it unless
 * `choices.os` is set), without running anything: reads only (DescribeInstances,
 * DescribeInstanceInformation, the store's own facts).
 */
export async function scriptOnInstance(pool: ClientPool, info: StorageInfo, choices: MountChoices, instanceId: string, o: InstanceQueryOptions = {}): Promise<InstanceScript> {
  const opts = mountOptionsFor(info, choices);
  const check = await checkInstance(pool, info, instanceId, o);
  const osFromInstance = choices.os === undefined;
  return { script: scriptForInstance(info, opts, check, osFromInstance), check, osFromInstance };
}

/** Things worth saying about an instance before using a script there: what blocks a run, warnings, an unknown OS. */
export function instanceNotes(info: StorageInfo, check: InstanceCheck, choices: MountChoices): string[] {
  const notes = [...check.problems, ...check.warnings];
  if (choices.os === undefined && !check.os && check.instance.platform !== 'windows' && choices.client !== 'windows') {
    const platform = [check.ssm.platformName, check.ssm.platformVersion].filter(Boolean).join(' ');
    notes.push(`the OS of ${instanceLabel(check.instance)} is unknown${platform ? ` (${platform})` : ''}: the script is written for ${OS_LABEL[mountOptionsFor(info, choices).os]}; choose the OS to change that`);
  }
  return notes.map((n) => sanitize(n));
}

/** One progress line for a run's event (undefined: nothing worth a line). A step gets one line, when it ends. */
export function mountEventLine(e: MountEvent, instanceId: string): string | undefined {
  switch (e.type) {
    case 'step':
      return e.state === 'running' || e.state === 'pending' ? undefined : sanitize(`${e.step}: ${e.state}: ${e.message}`);
    case 'command':
      return sanitize(`run: command ${e.commandId} sent to ${instanceId} (AWS-RunShellScript); following it until it ends`);
    default:
      return undefined;
  }
}

/** The document of a run on an instance (CLI --output json|yaml, the REST operation's result). */
export function mountRunDoc(info: StorageInfo, r: MountRunResult): Record<string, unknown> {
  return {
    store: { id: info.id, name: info.name, type: info.type, region: info.region },
    instanceId: r.instanceId,
    action: r.action,
    status: r.status,
    ok: r.ok,
    message: sanitize(r.message),
    ...(r.hint ? { hint: sanitize(r.hint) } : {}),
    ...(r.failedStep ? { failedStep: r.failedStep } : {}),
    ...(r.failedSection ? { failedSection: r.failedSection } : {}),
    steps: r.steps.map((s) => ({ id: s.id, state: s.state, title: sanitize(s.title) })),
    ...(r.script ? { method: r.script.method, language: r.script.language, warnings: r.script.warnings.map((w) => sanitize(w)) } : {}),
    ...(r.device ? { device: r.device } : {}),
    ...(r.commandId ? { commandId: r.commandId } : {}),
    ...(r.commandStatus ? { commandStatus: r.commandStatus } : {}),
    ...(r.exitCode !== undefined ? { exitCode: r.exitCode } : {}),
    stdout: r.stdout,
    stderr: r.stderr,
    ...(r.error ? { error: r.error } : {}),
  };
}

/** A run that did not succeed, as one StorageError (the REST operation's error): the failing step named. */
export function mountRunError(info: StorageInfo, r: MountRunResult): StorageError {
  const code = r.status === 'not-managed' ? 'NotManaged' : r.status === 'refused' ? 'MountRefused' : r.status === 'cancelled' ? 'Cancelled' : r.error?.code ?? 'MountFailed';
  const type = r.status === 'not-managed' || r.status === 'refused' ? 'conflict' : r.error?.type ?? 'unknown';
  const step = r.status === 'failed' && r.failedStep ? `${r.failedStep} step failed: ` : '';
  return new StorageError({
    type,
    service: r.error?.service ?? (r.failedStep === 'run' ? 'ssm' : 'ec2'),
    resource: r.instanceId,
    code,
    message: `${step}${r.message}`,
    hint: r.hint ?? `Check ${r.instanceId} and ${info.id}, then try again.`,
    recoverable: r.error?.recoverable ?? false,
  });
}
