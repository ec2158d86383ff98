// Public types of the mount-script generator (issue "Mounting").
import type { StorageType } from '../types.js';

/** Target OS family of the client instance ('rhel' covers RHEL and Rocky Linux). */
export type OsFamily = 'al2023' | 'al2' | 'ubuntu' | 'rhel';
export const OS_FAMILIES: readonly OsFamily[] = ['al2023', 'al2', 'ubuntu', 'rhel'];
export const OS_LABEL: Record<OsFamily, string> = {
  al2023: 'Amazon Linux 2023',
  al2: 'Amazon Linux 2',
  ubuntu: 'Ubuntu',
  rhel: 'RHEL / Rocky Linux',
};

/** How an S3 bucket is mounted. */
export type S3Method = 'mountpoint' | 's3fs' | 'goofys' | 'rclone';
export const S3_METHODS: readonly S3Method[] = ['mountpoint', 's3fs', 'goofys', 'rclone'];

export interface MountOptions {
  os: OsFamily;
  /** Absolute path on Linux; a drive letter ("Z:") when client is 'windows'. */
  mountPoint: string;
  readOnly: boolean;
  s3Method?: S3Method;
  /** Key prefix inside the bucket (Mountpoint requires a trailing "/"; added when missing). */
  s3Prefix?: string;
  /** Local cache directory (Mountpoint --cache, s3fs use_cache, rclone --cache-dir). */
  s3CacheDir?: string;
  s3AllowDelete?: boolean;
  s3AllowOverwrite?: boolean;
  /** s3fs credentials: the instance's IAM role (default) or a mode-600 passwd file the user fills in. */
  s3fsAuth?: 'iam-role' | 'passwd-file';
  nfsVersion?: '3' | '4.0' | '4.1' | '4.2';
  openZfsVolumeId?: string;
  ontapSvmId?: string;
  ontapVolumeId?: string;
  ontapProtocol?: 'nfs' | 'smb' | 'iscsi';
  efsMode?: 'efs-utils' | 'nfs';
  efsIam?: boolean;
  efsAccessPointId?: string;
  /** AZ of the client instance, e.g. "us-east-1a": used to check mount-target / volume placement. */
  instanceAz?: string;
  windowsAuth?: 'kerberos' | 'credentials-file';
  smbVersion?: '2.1' | '3.0' | '3.1.1';
  windowsShare?: string;
  ebsFsType?: 'xfs' | 'ext4';
  /** Device name override for EBS (e.g. /dev/xvdf); by default the NVMe by-id link of the volume id. */
  ebsDevice?: string;
  client?: 'linux' | 'windows';
}

export type MountSectionTitle = 'install' | 'mount' | 'persist' | 'unmount';
export const SECTION_TITLES: readonly MountSectionTitle[] = ['install', 'mount', 'persist', 'unmount'];

export interface MountSection {
  title: MountSectionTitle;
  /** Script lines of the section (a line may hold a newline inside a quoted value). */
  lines: string[];
}

export interface MountScript {
  kind: StorageType;
  /** e.g. 'lustre', 'nfs', 'efs-utils', 'smb-kerberos', 'iscsi', 'ebs-xfs', 'mountpoint'. */
  method: string;
  language: 'bash' | 'powershell';
  sections: MountSection[];
  /** Things the user must know before running (missing data, unmaintained tools, cross-AZ...). */
  warnings: string[];
  /** Explanations and documentation links. */
  notes: string[];
  /** Full text: shebang, set -euo pipefail, the four sections as functions, a dispatcher. */
  script: string;
}
