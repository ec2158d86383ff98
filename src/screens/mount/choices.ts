// The choices of the mount screen, per kind: which exist, their key, how each
// cycles, and what the recommended method is and why. Pure: the generator's
// options in, the next options out. Choice changes keep the options
// consistent (e.g. plain NFS for EFS turns IAM and access points off; a
// Windows client mounts on a drive letter).
import { defaultMountOptions, OS_FAMILIES, OS_LABEL, recommendS3Method, S3_METHODS, type MountOptions, type S3Method, type S3Needs } from '../../services/mount/index.js';
import { sanitize } from '../../services/sanitize.js';
import type { StorageInfo } from '../../services/types.js';

export type S3Pattern = 'sequential' | 'posix' | 'random' | 'general';
export const S3_PATTERNS: readonly S3Pattern[] = ['sequential', 'posix', 'random', 'general'];
export const S3_PATTERN_LABEL: Record<S3Pattern, string> = {
  sequential: 'big sequential reads',
  posix: 'needs POSIX',
  random: 'random access',
  general: 'general use',
};
const NEEDS: Record<S3Pattern, S3Needs> = {
  sequential: { sequentialBigReads: true },
  posix: { posix: true },
  random: { randomAccess: true },
  general: {},
};

export const S3_METHOD_LABEL: Record<S3Method, string> = {
  mountpoint: 'Mountpoint for Amazon S3',
  s3fs: 's3fs',
  goofys: 'goofys',
  rclone: 'rclone',
};

/** What the screen chooses with: the generator's options plus the S3 access pattern behind the recommendation. */
export interface MountChoices {
  opts: MountOptions;
  pattern: S3Pattern;
}

export type ChoiceId =
  | 'os'
  | 'mountPoint'
  | 'readOnly'
  | 'pattern'
  | 's3Method'
  | 'prefix'
  | 'cacheDir'
  | 'allowDelete'
  | 'allowOverwrite'
  | 's3fsAuth'
  | 'efsMode'
  | 'efsIam'
  | 'accessPoint'
  | 'nfsVersion'
  | 'zfsVolume'
  | 'protocol'
  | 'svm'
  | 'ontapVolume'
  | 'client'
  | 'winAuth'
  | 'smbVersion'
  | 'share'
  | 'fsType';

export type TextChoiceId = 'mountPoint' | 'prefix' | 'cacheDir' | 'share';

export interface Choice {
  id: ChoiceId;
  /** The key that changes it. */
  key: string;
  label: string;
  value: string;
  edit: 'cycle' | 'toggle' | 'text';
}

export function initialChoices(info: StorageInfo): MountChoices {
  return { opts: defaultMountOptions(info), pattern: 'sequential' };
}

const yesNo = (b: boolean | undefined) => (b ? 'yes' : 'no');

function next<T>(list: readonly T[], current: T | undefined): T {
  const i = current === undefined ? -1 : list.indexOf(current);
  return list[(i + 1) % list.length];
}

function windowsCapable(info: StorageInfo, o: MountOptions): boolean {
  return info.type === 'fsx-windows' || (info.type === 'fsx-ontap' && o.ontapProtocol === 'smb');
}

function nfsVersions(info: StorageInfo): MountOptions['nfsVersion'][] {
  // EFS serves NFSv4.0 and v4.1 (mount/efs.ts); OpenZFS and ONTAP serve v3, v4.0, v4.1, v4.2 (mount/nfs.ts, mount/ontap.ts notes).
  return info.type === 'efs' ? ['4.1', '4.0'] : ['3', '4.0', '4.1', '4.2'];
}

function svmOf(info: StorageInfo, o: MountOptions) {
  const svms = info.mount.svms ?? [];
  return svms.find((s) => s.id === o.ontapSvmId) ?? svms.find((s) => s.nfsDnsName) ?? svms[0];
}

function mountableVolumes(info: StorageInfo, o: MountOptions) {
  return (svmOf(info, o)?.volumes ?? []).filter((v) => v.junctionPath);
}

/** The choices offered for `info` in the current state, in display order. */
export function choicesFor(info: StorageInfo, c: MountChoices): Choice[] {
  const o = c.opts;
  const out: Choice[] = [];
  const windows = o.client === 'windows';
  if (!windows) out.push({ id: 'os', key: 'o', label: 'OS', value: OS_LABEL[o.os], edit: 'cycle' });
  out.push({ id: 'mountPoint', key: 'p', label: windows ? 'drive' : 'mount point', value: o.mountPoint, edit: 'text' });
  out.push({ id: 'readOnly', key: 't', label: 'read-only', value: yesNo(o.readOnly), edit: 'toggle' });
  switch (info.type) {
    case 's3': {
      const method = o.s3Method ?? 'mountpoint';
      out.push({ id: 'pattern', key: 'a', label: 'access', value: S3_PATTERN_LABEL[c.pattern], edit: 'cycle' });
      out.push({ id: 's3Method', key: 's', label: 'method', value: method, edit: 'cycle' });
      out.push({ id: 'prefix', key: 'f', label: 'prefix', value: o.s3Prefix ? o.s3Prefix : '(whole bucket)', edit: 'text' });
      out.push({ id: 'cacheDir', key: 'c', label: 'cache', value: o.s3CacheDir ?? '(none)', edit: 'text' });
      if (method === 'mountpoint') {
        out.push({ id: 'allowDelete', key: 'x', label: 'allow delete', value: yesNo(o.s3AllowDelete), edit: 'toggle' });
        out.push({ id: 'allowOverwrite', key: 'v', label: 'allow overwrite', value: yesNo(o.s3AllowOverwrite), edit: 'toggle' });
      }
      if (method === 's3fs') out.push({ id: 's3fsAuth', key: 'u', label: 'credentials', value: o.s3fsAuth === 'passwd-file' ? 'passwd file (600)' : 'instance role', edit: 'toggle' });
      break;
    }
    case 'efs': {
      const mode = o.efsMode ?? 'efs-utils';
      out.push({ id: 'efsMode', key: 'u', label: 'client', value: mode === 'nfs' ? 'plain NFS' : 'efs-utils (TLS)', edit: 'toggle' });
      if (mode === 'efs-utils') {
        out.push({ id: 'efsIam', key: 'a', label: 'IAM', value: yesNo(o.efsIam), edit: 'toggle' });
        const aps = info.mount.efsAccessPoints ?? [];
        if (aps.length) {
          const ap = aps.find((a) => a.id === o.efsAccessPointId);
          out.push({ id: 'accessPoint', key: 'e', label: 'access point', value: ap ? `${ap.id}${ap.rootDirectory ? ` ${ap.rootDirectory}` : ''}` : '(none)', edit: 'cycle' });
        }
      } else out.push({ id: 'nfsVersion', key: 'n', label: 'NFS', value: `v${o.nfsVersion ?? '4.1'}`, edit: 'cycle' });
      break;
    }
    case 'fsx-openzfs': {
      out.push({ id: 'nfsVersion', key: 'n', label: 'NFS', value: `v${o.nfsVersion ?? '4.1'}`, edit: 'cycle' });
      const vols = info.mount.openZfsVolumes ?? [];
      if (vols.length) {
        const v = vols.find((x) => x.id === o.openZfsVolumeId);
        out.push({ id: 'zfsVolume', key: 'v', label: 'volume', value: v ? v.volumePath : '/fsx (root)', edit: 'cycle' });
      }
      break;
    }
    case 'fsx-ontap': {
      const protocol = o.ontapProtocol ?? 'nfs';
      out.push({ id: 'protocol', key: 'u', label: 'protocol', value: protocol.toUpperCase(), edit: 'cycle' });
      const svm = svmOf(info, o);
      if ((info.mount.svms?.length ?? 0) > 0) out.push({ id: 'svm', key: 's', label: 'SVM', value: svm ? svm.name : '(none)', edit: 'cycle' });
      if (protocol !== 'iscsi') {
        const vol = mountableVolumes(info, o).find((v) => v.id === o.ontapVolumeId);
        out.push({ id: 'ontapVolume', key: 'v', label: 'volume', value: vol ? `${vol.name} ${vol.junctionPath ?? ''}`.trim() : '(none)', edit: 'cycle' });
      }
      if (protocol === 'nfs') out.push({ id: 'nfsVersion', key: 'n', label: 'NFS', value: `v${o.nfsVersion ?? '3'}`, edit: 'cycle' });
      if (protocol === 'smb') {
        out.push({ id: 'client', key: 'l', label: 'client', value: windows ? 'Windows' : 'Linux', edit: 'toggle' });
        out.push({ id: 'share', key: 'h', label: 'share', value: o.windowsShare ?? '(volume name)', edit: 'text' });
        if (!windows) out.push({ id: 'smbVersion', key: 'b', label: 'SMB', value: o.smbVersion ?? '3.0', edit: 'cycle' });
      }
      break;
    }
    case 'fsx-windows':
      out.push({ id: 'client', key: 'l', label: 'client', value: windows ? 'Windows' : 'Linux', edit: 'toggle' });
      if (!windows) {
        out.push({ id: 'winAuth', key: 'u', label: 'auth', value: o.windowsAuth === 'kerberos' ? 'Kerberos (domain-joined)' : 'credentials file (600)', edit: 'toggle' });
        out.push({ id: 'smbVersion', key: 'b', label: 'SMB', value: o.smbVersion ?? '3.0', edit: 'cycle' });
      }
      out.push({ id: 'share', key: 'h', label: 'share', value: o.windowsShare ?? 'share', edit: 'text' });
      break;
    case 'ebs':
      out.push({ id: 'fsType', key: 'f', label: 'new file system', value: o.ebsFsType ?? 'xfs', edit: 'toggle' });
      break;
    case 'fsx-lustre':
      break;
  }
  return out.map((ch) => ({ ...ch, value: sanitize(ch.value) }));
}

/** The next state after pressing the key of a cycle or toggle choice. */
export function cycleChoice(info: StorageInfo, c: MountChoices, id: ChoiceId): MountChoices {
  const o: MountOptions = { ...c.opts };
  const defaults = defaultMountOptions(info);
  switch (id) {
    case 'os':
      o.os = next(OS_FAMILIES, o.os);
      break;
    case 'readOnly':
      o.readOnly = !o.readOnly;
      break;
    case 'pattern': {
      const pattern = next(S3_PATTERNS, c.pattern);
      // A new access pattern brings its recommended method (the user may override it again with s).
      return { pattern, opts: { ...o, s3Method: recommendS3Method(NEEDS[pattern]).method } };
    }
    case 's3Method':
      o.s3Method = next(S3_METHODS, o.s3Method ?? 'mountpoint');
      break;
    case 'allowDelete':
      o.s3AllowDelete = !o.s3AllowDelete;
      break;
    case 'allowOverwrite':
      o.s3AllowOverwrite = !o.s3AllowOverwrite;
      break;
    case 's3fsAuth':
      o.s3fsAuth = o.s3fsAuth === 'passwd-file' ? 'iam-role' : 'passwd-file';
      break;
    case 'efsMode':
      if ((o.efsMode ?? 'efs-utils') === 'efs-utils') {
        // Plain NFS has no TLS, so neither IAM authorization nor access points.
        o.efsMode = 'nfs';
        o.efsIam = false;
        o.efsAccessPointId = undefined;
        o.nfsVersion = '4.1';
      } else {
        o.efsMode = 'efs-utils';
        o.efsIam = true;
        o.nfsVersion = undefined;
      }
      break;
    case 'efsIam':
      o.efsIam = !o.efsIam;
      break;
    case 'accessPoint': {
      const ids: (string | undefined)[] = [undefined, ...(info.mount.efsAccessPoints ?? []).filter((a) => a.state.toLowerCase() === 'available').map((a) => a.id)];
      o.efsAccessPointId = next(ids, o.efsAccessPointId);
      break;
    }
    case 'nfsVersion':
      o.nfsVersion = next(nfsVersions(info), o.nfsVersion ?? (info.type === 'fsx-ontap' ? '3' : '4.1'));
      break;
    case 'zfsVolume': {
      const vols = info.mount.openZfsVolumes ?? [];
      if (vols.length) o.openZfsVolumeId = next(vols.map((v) => v.id), o.openZfsVolumeId);
      break;
    }
    case 'protocol': {
      const was = o.ontapProtocol ?? 'nfs';
      o.ontapProtocol = next(['nfs', 'smb', 'iscsi'] as const, was);
      if (o.ontapProtocol === 'nfs') o.nfsVersion = o.nfsVersion ?? '3';
      if (was === 'smb' && o.client === 'windows') {
        o.client = 'linux';
        o.mountPoint = defaults.mountPoint;
      }
      break;
    }
    case 'svm': {
      const svms = info.mount.svms ?? [];
      if (!svms.length) break;
      const svm = svms[(svms.findIndex((s) => s.id === svmOf(info, o)?.id) + 1) % svms.length];
      o.ontapSvmId = svm.id;
      const vols = svm.volumes.filter((v) => v.junctionPath);
      o.ontapVolumeId = (vols.find((v) => v.junctionPath !== '/') ?? vols[0])?.id;
      break;
    }
    case 'ontapVolume': {
      const vols = mountableVolumes(info, o);
      if (vols.length) o.ontapVolumeId = next(vols.map((v) => v.id), o.ontapVolumeId);
      break;
    }
    case 'client':
      if (!windowsCapable(info, o)) break;
      if (o.client === 'windows') {
        o.client = 'linux';
        o.mountPoint = defaults.mountPoint;
      } else {
        o.client = 'windows';
        o.mountPoint = 'Z:';
      }
      break;
    case 'winAuth':
      o.windowsAuth = o.windowsAuth === 'kerberos' ? 'credentials-file' : 'kerberos';
      break;
    case 'smbVersion':
      o.smbVersion = next(['2.1', '3.0', '3.1.1'] as const, o.smbVersion ?? '3.0');
      break;
    case 'fsType':
      o.ebsFsType = o.ebsFsType === 'ext4' ? 'xfs' : 'ext4';
      break;
    default:
      break;
  }
  return { ...c, opts: o };
}

/** The editable text of a text choice. */
export function textOf(c: MountChoices, id: TextChoiceId): string {
  const o = c.opts;
  switch (id) {
    case 'mountPoint':
      return o.mountPoint;
    case 'prefix':
      return o.s3Prefix ?? '';
    case 'cacheDir':
      return o.s3CacheDir ?? '';
    case 'share':
      return o.windowsShare ?? '';
  }
}

/** The state with a text choice set (empty prefix / cache / share mean "none" / the default). */
export function setText(c: MountChoices, id: TextChoiceId, value: string): MountChoices {
  const o: MountOptions = { ...c.opts };
  const v = value.trim();
  switch (id) {
    case 'mountPoint':
      o.mountPoint = v;
      break;
    case 'prefix':
      o.s3Prefix = v === '' ? undefined : v;
      break;
    case 'cacheDir':
      o.s3CacheDir = v === '' ? undefined : v;
      break;
    case 'share':
      o.windowsShare = v === '' ? undefined : v;
      break;
  }
  return { ...c, opts: o };
}

export const TEXT_LABEL: Record<TextChoiceId, string> = {
  mountPoint: 'mount point',
  prefix: 'S3 prefix',
  cacheDir: 'cache directory',
  share: 'share name',
};

/** The recommendation line: S3 from the access pattern (and whether the user overrode it); the one method elsewhere. */
export function recommendation(info: StorageInfo, c: MountChoices, method: string | undefined): string {
  const o = c.opts;
  switch (info.type) {
    case 's3': {
      const rec = recommendS3Method(NEEDS[c.pattern]);
      const chosen = o.s3Method ?? 'mountpoint';
      if (chosen === rec.method) return `Recommended: ${S3_METHOD_LABEL[rec.method]}. ${rec.reason}`;
      return `Using ${S3_METHOD_LABEL[chosen]} (your choice). Recommended for ${S3_PATTERN_LABEL[c.pattern]}: ${S3_METHOD_LABEL[rec.method]}. ${rec.reason}`;
    }
    case 'fsx-lustre':
      return "Method: the Lustre client, mounting the DNS name and the file system's own mount name (the one documented way).";
    case 'fsx-openzfs':
      return `Method: NFS v${o.nfsVersion ?? '4.1'} to the file system's DNS name and volume path, with the recommended options.`;
    case 'fsx-windows':
      return o.client === 'windows'
        ? 'Method: a mapped network drive (New-PSDrive -Persist; net use) to the file system DNS name.'
        : `Method: CIFS (SMB ${o.smbVersion ?? '3.0'}) with ${o.windowsAuth === 'kerberos' ? 'Kerberos, for domain-joined hosts' : 'a mode-600 credentials file, for hosts outside the domain'}.`;
    case 'fsx-ontap': {
      const p = o.ontapProtocol ?? 'nfs';
      if (p === 'iscsi') return 'Method: iSCSI to the SVM (initiator, multipath, 4 sessions per file server) for LUNs.';
      if (p === 'smb') return "Method: SMB to the SVM's SMB endpoint (the SVM is joined to Active Directory).";
      return `Method: NFS v${o.nfsVersion ?? '3'} to the SVM's NFS endpoint and the volume's junction path.`;
    }
    case 'efs':
      return (o.efsMode ?? 'efs-utils') === 'efs-utils'
        ? `Recommended: the EFS mount helper (amazon-efs-utils) with TLS${o.efsIam ? ' and IAM authorization' : ''}; plain NFS is the alternative (u).`
        : 'Using plain NFS v4.1 with the documented options: no encryption in transit. Recommended: efs-utils with TLS (u).';
    case 'ebs':
      return `Method: find the volume by its id (NVMe serial), create ${o.ebsFsType ?? 'xfs'} only on a blank volume, mount, persist by UUID with nofail${method ? ` (${method})` : ''}.`;
  }
}
