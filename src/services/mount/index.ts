// Mount-script generation: public entry points.
//
//   generateMount(info, opts)    -> MountScript (install / mount / persist / unmount, full text)
//   defaultMountOptions(info)    -> the options the mount screen starts from
//   recommendS3Method(needs)     -> which S3 mount tool, and why
//   shellQuote / fstabEscape     -> the quoting every generated value goes through
//   ssmRunShellScriptInput(...)  -> ssm:SendCommand input running the script on an instance
import type { StorageInfo } from '../types.js';
import { TYPE_LABEL, validationError } from '../types.js';
import type { Ctx } from './context.js';
import { ebsPlan } from './ebs.js';
import { efsPlan } from './efs.js';
import { lustrePlan } from './lustre.js';
import { openZfsPlan } from './nfs.js';
import { ontapPlan, pickOntap } from './ontap.js';
import { renderBash, renderPowerShell, sectionsOf, type Plan } from './render.js';
import { s3Plan } from './s3.js';
import { windowsPlan } from './smb.js';
import { OS_FAMILIES, OS_LABEL, type MountOptions, type MountScript } from './types.js';
import { assertLinuxMountPoint, driveLetter } from './validate.js';

export type { MountOptions, MountScript, MountSection, MountSectionTitle, OsFamily, S3Method } from './types.js';
export { OS_FAMILIES, OS_LABEL, S3_METHODS, SECTION_TITLES } from './types.js';
export { fstabEscape, psQuote, shellQuote } from './quote.js';
export { recommendS3Method, type S3Needs } from './recommend.js';
export { ssmRunShellScriptInput, type RunShellScriptInput } from './ssm.js';

const NFS_VERSIONS = new Set(['3', '4.0', '4.1', '4.2']);
const SMB_VERSIONS = new Set(['2.1', '3.0', '3.1.1']);

function validate(info: StorageInfo, opts: MountOptions): void {
  const resource = info.id;
  if (!OS_FAMILIES.includes(opts.os)) throw validationError(`Unknown OS family "${String(opts.os)}"`, `Choose one of: ${OS_FAMILIES.join(', ')}.`, resource);
  for (const [key, value] of Object.entries(opts)) {
    if (typeof value === 'string' && value.includes('\0')) throw validationError(`Option ${key} contains a NUL byte`, 'Remove the NUL character.', resource);
  }
  const windowsClient = opts.client === 'windows';
  const smbCapable = info.type === 'fsx-windows' || (info.type === 'fsx-ontap' && opts.ontapProtocol === 'smb');
  if (windowsClient && !smbCapable) {
    throw validationError(`A Windows client can only map SMB shares, not ${TYPE_LABEL[info.type]}`, 'Choose the Linux client, or an FSx for Windows / ONTAP SMB share.', resource);
  }
  if (windowsClient) driveLetter(opts.mountPoint, resource);
  else if (!(info.type === 'fsx-ontap' && opts.ontapProtocol === 'iscsi')) assertLinuxMountPoint(opts.mountPoint, resource);
  if (opts.nfsVersion !== undefined && !NFS_VERSIONS.has(opts.nfsVersion)) throw validationError(`Unknown NFS version "${opts.nfsVersion}"`, 'Choose 3, 4.0, 4.1 or 4.2.', resource);
  if (opts.smbVersion !== undefined && !SMB_VERSIONS.has(opts.smbVersion)) throw validationError(`Unknown SMB version "${opts.smbVersion}"`, 'Choose 2.1, 3.0 or 3.1.1.', resource);
  if (opts.windowsShare !== undefined && (opts.windowsShare === '' || /[\\/\u0000-\u001f\u007f]/.test(opts.windowsShare))) {
    throw validationError(`"${opts.windowsShare}" is not a share name`, 'Give the share name only (for example "share"), without slashes or control characters.', resource);
  }
  if (opts.ebsFsType !== undefined && opts.ebsFsType !== 'xfs' && opts.ebsFsType !== 'ext4') throw validationError(`Unsupported file system "${String(opts.ebsFsType)}"`, 'Choose xfs or ext4.', resource);
}

function planFor(ctx: Ctx): Plan {
  switch (ctx.info.type) {
    case 'fsx-lustre':
      return lustrePlan(ctx);
    case 'fsx-openzfs':
      return openZfsPlan(ctx);
    case 'fsx-windows':
      return windowsPlan(ctx);
    case 'fsx-ontap':
      return ontapPlan(ctx);
    case 'efs':
      return efsPlan(ctx);
    case 'ebs':
      return ebsPlan(ctx);
    case 's3':
      return s3Plan(ctx);
  }
}

const READY_STATES = new Set(['available', 'in-use', 'updating']);

/**
 * Build the mount script for `info` with `opts`. Throws StorageError (type 'validation',
 * service 'local') with a hint when the options cannot work (mount point not absolute,
 * unknown volume id, SMB on an SVM without Active Directory, ...). Missing AWS data that the
 * script needs (e.g. a Lustre MountName) does not throw: it becomes a warning and a script
 * that stops with an explanation instead of guessing.
 */
export function generateMount(info: StorageInfo, opts: MountOptions): MountScript {
  validate(info, opts);
  const ctx: Ctx = { info, opts, resource: info.id };
  const plan = planFor(ctx);
  if (!READY_STATES.has(info.state)) plan.warnings.unshift(`${info.id} is ${info.rawState || info.state}: mounting fails until it is available.`);
  const sections = sectionsOf(plan);
  const where = plan.language === 'powershell' ? `drive ${opts.mountPoint}` : `mount point ${opts.mountPoint}`;
  const header = [
    `prism-storage mount script: ${TYPE_LABEL[info.type]} ${info.id}${info.name && info.name !== info.id ? ` (${info.name})` : ''}`,
    `Method: ${plan.method}; ${plan.language === 'powershell' ? 'Windows client' : `for ${OS_LABEL[opts.os]}`}; ${where}${opts.readOnly ? ' (read-only)' : ''}.`,
    'Review it before running. It holds no credentials or secrets.',
  ];
  const script = plan.language === 'powershell' ? renderPowerShell(header, sections) : renderBash(header, sections);
  return { kind: info.type, method: plan.method, language: plan.language, sections, warnings: plan.warnings, notes: plan.notes, script };
}

const DEFAULT_MOUNT_POINT: Record<StorageInfo['type'], string> = {
  'fsx-lustre': '/mnt/fsx',
  'fsx-openzfs': '/mnt/fsx',
  'fsx-windows': '/mnt/fsx',
  'fsx-ontap': '/mnt/fsx',
  efs: '/mnt/efs',
  ebs: '/mnt/data',
  s3: '/mnt/s3',
};

/** The options the mount screen starts from for `info` (Amazon Linux 2023, read-write). */
export function defaultMountOptions(info: StorageInfo): MountOptions {
  const opts: MountOptions = { os: 'al2023', mountPoint: DEFAULT_MOUNT_POINT[info.type], readOnly: false, client: 'linux' };
  switch (info.type) {
    case 's3':
      opts.s3Method = 'mountpoint';
      opts.s3fsAuth = 'iam-role';
      break;
    case 'fsx-openzfs': {
      opts.nfsVersion = '4.1';
      const root = info.mount.openZfsVolumes?.find((v) => v.id === info.fsx?.rootVolumeId);
      if (root) opts.openZfsVolumeId = root.id;
      break;
    }
    case 'fsx-ontap': {
      opts.ontapProtocol = 'nfs';
      opts.nfsVersion = '3';
      if (info.mount.svms?.length) {
        const { svm, volume } = pickOntap({ info, opts, resource: info.id });
        opts.ontapSvmId = svm.id;
        if (volume) opts.ontapVolumeId = volume.id;
      }
      break;
    }
    case 'fsx-windows':
      opts.windowsAuth = 'credentials-file';
      opts.smbVersion = '3.0';
      opts.windowsShare = 'share';
      break;
    case 'efs':
      opts.efsMode = 'efs-utils';
      opts.efsIam = true;
      break;
    case 'ebs':
      opts.ebsFsType = 'xfs';
      break;
    case 'fsx-lustre':
      break;
  }
  return opts;
}
