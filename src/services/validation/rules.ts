// AWS limits that creation requests must respect, one table per service.
// Every number here was looked up; the source is cited next to its table.
// Where the SDK's own API documentation (shipped in node_modules/@aws-sdk/client-*)
// and the botocore service model (min/max/pattern) agree, both are named.
import { BucketLocationConstraint } from '@aws-sdk/client-s3';
import type { EbsConfig, FsxLustreConfig, FsxOntapConfig, FsxOpenZfsConfig, FsxWindowsConfig } from '../types.js';

// ---------------------------------------------------------------------------
// EBS
// Sizes, IOPS and throughput ranges: CreateVolume API reference
//   https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVolume.html
//   (as shipped in @aws-sdk/client-ec2 3.1169 CreateVolumeRequest: gp3 1-65,536 GiB,
//   3,000-80,000 IOPS, 125-2,000 MiB/s; io2 4-65,536 GiB, 100-256,000 IOPS)
// Ratios: gp3 500 IOPS per GiB and 0.25 MiB/s per IOPS
//   https://docs.aws.amazon.com/ebs/latest/userguide/general-purpose.html
// io1 50 IOPS per GiB, io2 1,000 IOPS per GiB
//   https://docs.aws.amazon.com/ebs/latest/userguide/provisioned-iops.html

export interface EbsTypeRule {
  label: string;
  minGiB: number;
  maxGiB: number;
  /** Provisioned IOPS, where the type has them. */
  iops?: { min: number; max: number; perGiB: number; required: boolean; /** Always allowed regardless of size (gp3 baseline). */ baseline?: number };
  /** Provisioned throughput in MiB/s, where the type has it. */
  throughput?: { min: number; max: number; perIops: number; baseline: number };
}

export const EBS_TYPES: Record<EbsConfig['volumeType'], EbsTypeRule> = {
  gp2: { label: 'gp2', minGiB: 1, maxGiB: 16_384 },
  gp3: {
    label: 'gp3',
    minGiB: 1,
    maxGiB: 65_536,
    iops: { min: 3_000, max: 80_000, perGiB: 500, required: false, baseline: 3_000 },
    throughput: { min: 125, max: 2_000, perIops: 0.25, baseline: 125 },
  },
  io1: { label: 'io1', minGiB: 4, maxGiB: 16_384, iops: { min: 100, max: 64_000, perGiB: 50, required: true } },
  io2: { label: 'io2', minGiB: 4, maxGiB: 65_536, iops: { min: 100, max: 256_000, perGiB: 1_000, required: true } },
  st1: { label: 'st1', minGiB: 125, maxGiB: 16_384 },
  sc1: { label: 'sc1', minGiB: 125, maxGiB: 16_384 },
};
export const EBS_VOLUME_TYPES = Object.keys(EBS_TYPES) as EbsConfig['volumeType'][];

/** Highest IOPS a volume of this size may provision (null when the type has no IOPS). */
export function ebsMaxIops(type: EbsConfig['volumeType'], sizeGiB: number): number | null {
  const r = EBS_TYPES[type]?.iops;
  if (!r) return null;
  const byRatio = Math.floor(r.perGiB * Math.max(0, sizeGiB));
  return Math.max(r.baseline ?? 0, Math.min(r.max, byRatio));
}

/** Highest throughput (MiB/s) a gp3 volume with these IOPS may provision. */
export function ebsMaxThroughput(type: EbsConfig['volumeType'], iops: number): number | null {
  const t = EBS_TYPES[type]?.throughput;
  if (!t) return null;
  return Math.max(t.baseline, Math.min(t.max, Math.floor(iops * t.perIops)));
}

// EC2 device names for EBS attachments on Linux: /dev/sd[f-p] recommended (shown as /dev/xvd[f-p] by
// newer kernels); /dev/xvd[b-c][a-z] also valid. Device naming on Linux instances:
//   http://docs.aws.amazon.com/AWSEC2/latest/UserGuide/device_naming.html
//   (as quoted in https://github.com/kubernetes/kubernetes/commit/89d075f3fbba0a166673993931ed63852fdb95f6)
export const EBS_DEVICE = /^\/dev\/(sd[f-p]|xvd[f-p]|xvd[b-c][a-z])$/;

// ---------------------------------------------------------------------------
// EFS
// CreateFileSystem API reference (ProvisionedThroughputInMibps 1-3,414; maxIO not on One Zone):
//   https://docs.aws.amazon.com/efs/latest/ug/API_CreateFileSystem.html
// Elastic throughput requires General Purpose performance mode:
//   https://docs.aws.amazon.com/efs/latest/ug/performance.html
// Lifecycle values, Archive only with Elastic throughput + General Purpose, Archive later than IA:
//   https://docs.aws.amazon.com/efs/latest/ug/API_PutLifecycleConfiguration.html
// One mount target per AZ; One Zone: a single mount target in the file system's AZ; "up to five VPC
// security group IDs ... for the same VPC as subnet specified":
//   https://docs.aws.amazon.com/efs/latest/ug/API_CreateMountTarget.html
//   https://docs.aws.amazon.com/efs/latest/ug/API_ModifyMountTargetSecurityGroups.html
// Access point RootDirectory Path: 1-100 chars, up to 4 subdirectories, pattern below;
// CreationInfo uid/gid 0-4294967295, Permissions ^[0-7]{3,4}$:
//   https://docs.aws.amazon.com/efs/latest/ug/API_RootDirectory.html
//   https://docs.aws.amazon.com/efs/latest/ug/API_CreationInfo.html
export const EFS_PROVISIONED_MIBPS = { min: 1, max: 3_414 };
export const EFS_LIFECYCLE_DAYS = [1, 7, 14, 30, 60, 90, 180, 270, 365] as const;
export const EFS_LIFECYCLE_VALUES = EFS_LIFECYCLE_DAYS.map((d) => (d === 1 ? 'AFTER_1_DAY' : `AFTER_${d}_DAYS`));
export const EFS_MAX_SGS_PER_MOUNT_TARGET = 5;
export const EFS_AP_PATH_MAX = 100;
export const EFS_AP_PATH = /^(\/|(\/(?!\.)+[^$#<>;`|&?{}^*/\n]+){1,4})$/;
export const POSIX_ID_MAX = 4_294_967_295;
export const POSIX_PERMISSIONS = /^[0-7]{3,4}$/;

export function efsLifecycleDays(v: string): number | null {
  const m = /^AFTER_(\d+)_DAYS?$/.exec(v);
  return m ? Number(m[1]) : null;
}

// ---------------------------------------------------------------------------
// S3 general purpose bucket naming rules, in the order AWS lists them:
//   https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
export const S3_RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'] as const;
export const S3_RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'] as const;

// ---------------------------------------------------------------------------
// Regions: the S3 CreateBucket LocationConstraint values known to the installed SDK
// (@aws-sdk/client-s3 BucketLocationConstraint), plus us-east-1, which takes no constraint.
//   https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucketConfiguration.html
export const KNOWN_REGIONS: ReadonlySet<string> = new Set([
  'us-east-1',
  ...Object.values(BucketLocationConstraint).filter((r) => r !== 'EU'),
]);

// ---------------------------------------------------------------------------
// FSx for Lustre
// StorageCapacity (CreateFileSystem API reference, as shipped in @aws-sdk/client-fsx 3.1098):
//   SCRATCH_2, PERSISTENT_1 SSD, PERSISTENT_2: 1,200 GiB, 2,400 GiB and increments of 2,400 GiB
//   PERSISTENT_1 HDD: increments of 6,000 GiB (12 MB/s/TiB) or 1,800 GiB (40 MB/s/TiB)
//   SCRATCH_1: 1,200 GiB, 2,400 GiB and increments of 3,600 GiB
// PerUnitStorageThroughput: PERSISTENT_1 SSD 50/100/200, PERSISTENT_1 HDD 12/40, PERSISTENT_2 125/250/500/1000
// HDD only with PERSISTENT_1, and DriveCacheType is required with HDD; DataCompressionType NONE|LZ4:
//   https://docs.aws.amazon.com/fsx/latest/APIReference/API_CreateFileSystem.html
//   https://docs.aws.amazon.com/fsx/latest/APIReference/API_CreateFileSystemLustreConfiguration.html
// ImportPath/ExportPath are not supported with PERSISTENT_2 (use a data repository association):
//   https://www.pulumi.com/registry/packages/aws@5.x/api-docs/fsx/lustrefilesystem/
//   https://docs.aws.amazon.com/fsx/latest/APIReference/API_DataRepositoryAssociation.html
export const LUSTRE_DEPLOYMENTS = ['SCRATCH_1', 'SCRATCH_2', 'PERSISTENT_1', 'PERSISTENT_2'] as const;

/** Valid capacities: any of `fixed`, or any positive multiple of `step`. */
export interface StepRule {
  fixed: number[];
  step: number;
  /** How a person reads the rule, e.g. "1,200 GiB or a multiple of 2,400 GiB". */
  text: string;
}

export function lustreCapacityRule(c: Pick<FsxLustreConfig, 'deploymentType' | 'storageType' | 'perUnitStorageThroughput'>): StepRule {
  if (c.deploymentType === 'SCRATCH_1') return { fixed: [1_200, 2_400], step: 3_600, text: '1,200 GiB, 2,400 GiB or a multiple of 3,600 GiB' };
  if (c.deploymentType === 'PERSISTENT_1' && c.storageType === 'HDD') {
    return c.perUnitStorageThroughput === 40
      ? { fixed: [], step: 1_800, text: 'a multiple of 1,800 GiB' }
      : { fixed: [], step: 6_000, text: 'a multiple of 6,000 GiB' };
  }
  return { fixed: [1_200], step: 2_400, text: '1,200 GiB or a multiple of 2,400 GiB' };
}

export function lustrePerUnitValues(c: Pick<FsxLustreConfig, 'deploymentType' | 'storageType'>): number[] {
  if (c.deploymentType === 'PERSISTENT_1') return c.storageType === 'HDD' ? [12, 40] : [50, 100, 200];
  if (c.deploymentType === 'PERSISTENT_2') return [125, 250, 500, 1_000];
  return [];
}

// ---------------------------------------------------------------------------
// FSx for OpenZFS
// StorageCapacity 64-524,288 GiB; ThroughputCapacity per DeploymentType (SINGLE_AZ_HA_1 has the
// SINGLE_AZ_1 range, SINGLE_AZ_HA_2 the SINGLE_AZ_2 range); RecordSizeKiB 4..1024 powers of two;
// DataCompressionType NONE|ZSTD|LZ4; NFS export Clients: *, an IP or a CIDR, printable ASCII 1-128;
// MULTI_AZ_1 needs PreferredSubnetId:
//   https://docs.aws.amazon.com/fsx/latest/APIReference/API_CreateFileSystemOpenZFSConfiguration.html
//   https://docs.aws.amazon.com/fsx/latest/APIReference/API_OpenZFSCreateRootVolumeConfiguration.html
//   https://docs.aws.amazon.com/fsx/latest/APIReference/API_OpenZFSClientConfiguration.html
export const OPENZFS_DEPLOYMENTS = ['SINGLE_AZ_1', 'SINGLE_AZ_2', 'SINGLE_AZ_HA_1', 'SINGLE_AZ_HA_2', 'MULTI_AZ_1'] as const;
export const OPENZFS_CAPACITY = { min: 64, max: 524_288 };
const OPENZFS_GEN1 = [64, 128, 256, 512, 1_024, 2_048, 3_072, 4_096];
const OPENZFS_GEN2 = [160, 320, 640, 1_280, 2_560, 3_840, 5_120, 7_680, 10_240];
export const OPENZFS_THROUGHPUT: Record<FsxOpenZfsConfig['deploymentType'], number[]> = {
  SINGLE_AZ_1: OPENZFS_GEN1,
  SINGLE_AZ_HA_1: OPENZFS_GEN1,
  SINGLE_AZ_2: OPENZFS_GEN2,
  SINGLE_AZ_HA_2: OPENZFS_GEN2,
  MULTI_AZ_1: OPENZFS_GEN2,
};
export const OPENZFS_RECORD_SIZES = [4, 8, 16, 32, 64, 128, 256, 512, 1_024];
export const OPENZFS_COMPRESSION = ['NONE', 'ZSTD', 'LZ4'] as const;
export const OPENZFS_CLIENTS_MAX = 128;

// ---------------------------------------------------------------------------
// FSx for Windows File Server
// StorageCapacity SSD 32-65,536 GiB, HDD 2,000-65,536 GiB; HDD only on SINGLE_AZ_2 and MULTI_AZ_1;
// MULTI_AZ_1 takes exactly two subnets and a PreferredSubnetId, Single-AZ exactly one;
// ActiveDirectoryId ^d-[0-9a-f]{10}$; self-managed AD: DomainName 1-255, DnsIps 1-3,
// UserName 1-256, Password 1-256 (sensitive):
//   https://docs.aws.amazon.com/fsx/latest/APIReference/API_CreateFileSystem.html
//   https://docs.aws.amazon.com/fsx/latest/APIReference/API_CreateFileSystemWindowsConfiguration.html
//   https://docs.aws.amazon.com/fsx/latest/APIReference/API_SelfManagedActiveDirectoryConfiguration.html
// ThroughputCapacity: the API reference lists powers of two from 8 to 2,048 MB/s. The higher tiers
// (3,072, 4,608, 6,144, 9,216, 12,288 MB/s) come from the Windows File Server performance guide
//   https://docs.aws.amazon.com/fsx/latest/WindowsGuide/performance.html
// and could not be confirmed in the stored copy of that page; AWS re-validates on create.
export const WINDOWS_DEPLOYMENTS = ['SINGLE_AZ_1', 'SINGLE_AZ_2', 'MULTI_AZ_1'] as const;
export const WINDOWS_THROUGHPUT = [8, 16, 32, 64, 128, 256, 512, 1_024, 2_048, 3_072, 4_608, 6_144, 9_216, 12_288];
export const WINDOWS_CAPACITY: Record<FsxWindowsConfig['storageType'], { min: number; max: number }> = {
  SSD: { min: 32, max: 65_536 },
  HDD: { min: 2_000, max: 65_536 },
};
export const WINDOWS_DNS_IPS = { min: 1, max: 3 };
export const DIRECTORY_ID = /^d-[0-9a-f]{10}$/;

// ---------------------------------------------------------------------------
// FSx for NetApp ONTAP
// ThroughputCapacity(PerHAPair): SINGLE_AZ_1/MULTI_AZ_1 128-4,096; SINGLE_AZ_2 1,536/3,072/6,144 per HA pair
// (1-12 pairs); MULTI_AZ_2 384-6,144; StorageCapacity 1,024 x HAPairs to 524,288 x HAPairs;
// FsxAdminPassword 8-50 chars; Multi-AZ needs two subnets and PreferredSubnetId:
//   https://docs.aws.amazon.com/fsx/latest/APIReference/API_CreateFileSystemOntapConfiguration.html
//   https://docs.aws.amazon.com/fsx/latest/APIReference/API_CreateFileSystem.html
// SVM name: up to 47 letters, digits and underscores; volume name: up to 203 letters, digits and
// underscores, starting with a letter (ONTAP) or underscore; JunctionPath starts with "/", 1-255 chars,
// none of * # " > < | ? \ ; SizeInMegabytes up to 2,147,483,647:
//   https://docs.aws.amazon.com/fsx/latest/APIReference/API_CreateStorageVirtualMachine.html
//   https://docs.aws.amazon.com/fsx/latest/APIReference/API_CreateOntapVolumeConfiguration.html
//   https://docs.netapp.com/us-en/ontap/smb-admin/create-volumes-specified-junction-task.html
//   https://docs.netapp.com/us-en/ontap-cli-93/volume-rename.html
export const ONTAP_DEPLOYMENTS = ['SINGLE_AZ_1', 'SINGLE_AZ_2', 'MULTI_AZ_1', 'MULTI_AZ_2'] as const;
export const ONTAP_THROUGHPUT_PER_PAIR: Record<FsxOntapConfig['deploymentType'], number[]> = {
  SINGLE_AZ_1: [128, 256, 512, 1_024, 2_048, 4_096],
  MULTI_AZ_1: [128, 256, 512, 1_024, 2_048, 4_096],
  SINGLE_AZ_2: [1_536, 3_072, 6_144],
  MULTI_AZ_2: [384, 768, 1_536, 3_072, 6_144],
};
export const ONTAP_HA_PAIRS = { min: 1, max: 12 };
export const ONTAP_CAPACITY_PER_PAIR = { min: 1_024, max: 524_288 };
export const ONTAP_ADMIN_PASSWORD = { min: 8, max: 50 };
export const ONTAP_SVM_NAME = /^[A-Za-z0-9_]{1,47}$/;
export const ONTAP_VOLUME_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,202}$/;
export const ONTAP_JUNCTION_FORBIDDEN = /[*#"><|?\\]/;
export const ONTAP_JUNCTION_MAX = 255;
export const ONTAP_VOLUME_MIB = { min: 1, max: 2_147_483_647 };

/** The allowed total throughput values for an ONTAP deployment with `haPairs` pairs. */
export function ontapThroughputValues(deploymentType: FsxOntapConfig['deploymentType'], haPairs = 1): number[] {
  const per = ONTAP_THROUGHPUT_PER_PAIR[deploymentType] ?? [];
  return deploymentType === 'SINGLE_AZ_2' ? per.map((v) => v * haPairs) : per;
}

// ---------------------------------------------------------------------------
// Shared identifiers and tags
// Resource id patterns from the FSx/EFS service models (botocore fsx 2018-03-01, efs 2015-02-01):
//   subnet ^subnet-[0-9a-f]{8,}$, security group ^sg-[0-9a-f]{8,}$, KMS key id/alias/ARN below.
// Tags: at most 50 per resource, keys 1-128 and values 0-256 characters, aws: prefix reserved;
// EFS and FSx allow letters, numbers, spaces and _ . : / = + - @ only:
//   https://docs.amazonaws.cn/en_us/batch/latest/userguide/tag-restrictions.md
//   https://docs.aws.amazon.com/efs/latest/ug/API_Tag.html
//   https://docs.aws.amazon.com/fsx/latest/APIReference/API_Tag.html
// Idempotency tokens: FSx ClientRequestToken 1-63 of [A-Za-z0-9_.-] (the strictest of EC2, EFS, FSx):
//   https://docs.aws.amazon.com/fsx/latest/APIReference/API_CreateFileSystem.html
export const SUBNET_ID = /^subnet-[0-9a-f]{8,40}$/;
export const SECURITY_GROUP_ID = /^sg-[0-9a-f]{8,40}$/;
export const INSTANCE_ID = /^i-[0-9a-f]{8,17}$/;
export const KMS_KEY_ID =
  /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32}|alias\/[a-zA-Z0-9/_-]+|(arn:aws[-a-z]*:kms:[a-z0-9-]+:\d{12}:((key\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})|(key\/mrk-[0-9a-f]{32})|(alias\/[a-zA-Z0-9/_-]+))))$/;
export const TAGS_MAX = 50;
export const TAG_KEY_MAX = 128;
export const TAG_VALUE_MAX = 256;
export const TAG_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
export const CLIENT_TOKEN = /^[A-Za-z0-9_.-]{1,63}$/;
