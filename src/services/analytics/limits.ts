// The values AWS accepts for the settings recommendations change, so a recommendation never
// proposes something the API would refuse.
import type { StorageInfo } from '../types.js';

/**
 * FSx for OpenZFS ThroughputCapacity by deployment type.
 * https://docs.aws.amazon.com/fsx/latest/APIReference/API_UpdateFileSystemOpenZFSConfiguration.html
 * (SINGLE_AZ_1: 64-4096; MULTI_AZ_1 and SINGLE_AZ_2: 160-10240; the HA variants follow their
 * generation per API_CreateFileSystemOpenZFSConfiguration.html: SINGLE_AZ_HA_1 64-4,096, SINGLE_AZ_HA_2 160-10,240.)
 */
const OPENZFS_GEN1 = [64, 128, 256, 512, 1024, 2048, 3072, 4096];
const OPENZFS_GEN2 = [160, 320, 640, 1280, 2560, 3840, 5120, 7680, 10240];
export const OPENZFS_THROUGHPUT: Record<string, readonly number[]> = {
  SINGLE_AZ_1: OPENZFS_GEN1,
  SINGLE_AZ_HA_1: OPENZFS_GEN1,
  SINGLE_AZ_2: OPENZFS_GEN2,
  SINGLE_AZ_HA_2: OPENZFS_GEN2,
  MULTI_AZ_1: OPENZFS_GEN2,
};

/**
 * FSx for Windows File Server ThroughputCapacity: powers of two from 8 to 2,048 MB/s
 * (API_CreateFileSystemWindowsConfiguration.html; performance table in
 * github.com/awsdocs/amazon-fsx-windows-user-guide doc_source/performance.md), plus the larger
 * levels the current performance page lists (4,608, 6,144, 9,216, 12,288 MB/s; not verified here).
 */
export const WINDOWS_THROUGHPUT: readonly number[] = [8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4608, 6144, 9216, 12288];

/**
 * FSx for NetApp ONTAP ThroughputCapacity (per HA pair) by deployment type.
 * https://docs.aws.amazon.com/fsx/latest/APIReference/API_UpdateFileSystemOntapConfiguration.html
 */
export const ONTAP_THROUGHPUT: Record<string, readonly number[]> = {
  SINGLE_AZ_1: [128, 256, 512, 1024, 2048, 4096],
  MULTI_AZ_1: [128, 256, 512, 1024, 2048, 4096],
  SINGLE_AZ_2: [1536, 3072, 6144],
  MULTI_AZ_2: [384, 768, 1536, 3072, 6144],
};

/**
 * FSx for Lustre PerUnitStorageThroughput (MB/s per TiB) by deployment and storage type; scratch
 * file systems have none (their throughput follows capacity and cannot be changed).
 * https://docs.aws.amazon.com/fsx/latest/APIReference/API_CreateFileSystemLustreConfiguration.html
 */
export const LUSTRE_PER_UNIT: Record<string, readonly number[]> = {
  'PERSISTENT_1:SSD': [50, 100, 200],
  'PERSISTENT_1:HDD': [12, 40],
  'PERSISTENT_2:SSD': [125, 250, 500, 1000],
};

/**
 * EBS: gp3 includes 3,000 IOPS and 125 MiB/s and accepts 3,000-16,000 IOPS and 125-1,000 MiB/s;
 * io1 and io2 accept from 100 IOPS. gp2 gives 3 IOPS per GiB (100 minimum, 16,000 maximum) and
 * 128 MiB/s up to 170 GiB, 250 MiB/s from 334 GiB (250 with burst credits in between).
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyVolume.html
 * https://docs.aws.amazon.com/ebs/latest/userguide/general-purpose.html
 */
export const EBS = {
  gp3: { minIops: 3000, maxIops: 16000, minThroughput: 125, maxThroughput: 1000, iopsPerGiB: 500, throughputPerIops: 0.25 },
  provisionedMinIops: 100,
  gp2: { iopsPerGiB: 3, minIops: 100, maxIops: 16000 },
} as const;

/** gp2 baseline IOPS of a volume of `sizeGiB`. */
export function gp2BaselineIops(sizeGiB: number): number {
  return Math.max(EBS.gp2.minIops, Math.min(EBS.gp2.maxIops, Math.round(EBS.gp2.iopsPerGiB * sizeGiB)));
}

/** gp2 throughput (MiB/s) of a volume of `sizeGiB`: 128 up to 170 GiB, else 250. */
export function gp2ThroughputMiBps(sizeGiB: number): number {
  return sizeGiB <= 170 ? 128 : 250;
}

/** EFS lifecycle values (API_LifecyclePolicy.html, https://docs.aws.amazon.com/efs/latest/ug/API_LifecyclePolicy.html). */
export const EFS_TRANSITION_VALUES = ['AFTER_1_DAY', 'AFTER_7_DAYS', 'AFTER_14_DAYS', 'AFTER_30_DAYS', 'AFTER_60_DAYS', 'AFTER_90_DAYS', 'AFTER_180_DAYS', 'AFTER_270_DAYS', 'AFTER_365_DAYS'] as const;

/**
 * EFS Archive storage class: only for file systems in Elastic throughput mode and General Purpose
 * performance mode (API_PutLifecycleConfiguration.html, https://docs.aws.amazon.com/efs/latest/ug/API_PutLifecycleConfiguration.html).
 */
export function efsArchiveAllowed(info: StorageInfo): boolean {
  return info.efs?.throughputMode === 'elastic' && info.efs.performanceMode === 'generalPurpose' && !info.efs.oneZone;
}

/** Allowed throughput capacities for an FSx file system (MB/s), or null when it cannot be changed. */
export function fsxThroughputOptions(info: StorageInfo): readonly number[] | null {
  const dep = info.fsx?.deploymentType ?? '';
  switch (info.type) {
    case 'fsx-openzfs':
      return OPENZFS_THROUGHPUT[dep] ?? null;
    case 'fsx-windows':
      return WINDOWS_THROUGHPUT;
    case 'fsx-ontap':
      return ONTAP_THROUGHPUT[dep] ?? null;
    default:
      return null;
  }
}

/** Allowed Lustre per-unit throughputs for this file system, or null (scratch, unknown). */
export function lustrePerUnitOptions(info: StorageInfo): readonly number[] | null {
  const dep = info.fsx?.deploymentType ?? '';
  return LUSTRE_PER_UNIT[`${dep}:${info.fsx?.storageType ?? 'SSD'}`] ?? null;
}

/** Smallest allowed value >= need; the largest allowed when none is big enough. */
export function smallestAtLeast(options: readonly number[], need: number): number {
  for (const v of options) if (v >= need) return v;
  return options[options.length - 1];
}
