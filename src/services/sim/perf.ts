// What each simulated resource can do: provisioned or baseline throughput
// and IOPS, used for the SDK outputs (EBS Iops) and for the metric models.

import type { VolumeSpec } from './model.js';

const MiB = 1024 ** 2;

/**
 * EBS performance by volume type.
 * Source: Amazon EBS volume types, https://docs.aws.amazon.com/ebs/latest/userguide/ebs-volume-types.html
 *  - gp2: 3 IOPS/GiB, min 100, max 16,000; throughput up to 250 MiB/s (128 MiB/s at <= 170 GiB)
 *  - gp3: provisioned (default 3,000 IOPS, 125 MiB/s)
 *  - io1/io2: provisioned IOPS; throughput up to 1,000 MiB/s (io2 Block Express up to 4,000), 0.256 MiB/s per IOPS
 *  - st1: baseline 40 MiB/s per TiB, max 500 MiB/s, 500 IOPS (1 MiB I/O)
 *  - sc1: baseline 12 MiB/s per TiB, max 250 MiB/s, 250 IOPS (1 MiB I/O)
 *  - standard: ~100 IOPS, 40-90 MiB/s
 */
export function ebsPerf(spec: VolumeSpec): { iops: number; throughputMiBps: number } {
  const tib = spec.sizeGiB / 1024;
  switch (spec.type) {
    case 'gp2': {
      const iops = Math.min(16_000, Math.max(100, 3 * spec.sizeGiB));
      return { iops, throughputMiBps: spec.sizeGiB <= 170 ? 128 : 250 };
    }
    case 'gp3':
      return { iops: spec.iops ?? 3000, throughputMiBps: spec.throughput ?? 125 };
    case 'io1':
      return { iops: spec.iops ?? 100, throughputMiBps: Math.min(1000, Math.round((spec.iops ?? 100) * 0.256)) };
    case 'io2':
      return { iops: spec.iops ?? 100, throughputMiBps: Math.min(4000, Math.round((spec.iops ?? 100) * 0.256)) };
    case 'st1':
      return { iops: 500, throughputMiBps: Math.min(500, Math.round(40 * tib)) };
    case 'sc1':
      return { iops: 250, throughputMiBps: Math.min(250, Math.round(12 * tib)) };
    default:
      return { iops: 100, throughputMiBps: 60 };
  }
}

/** The Iops field DescribeVolumes reports (gp2: baseline; st1/sc1/standard: none). */
export function ebsReportedIops(spec: VolumeSpec): number | undefined {
  if (spec.type === 'st1' || spec.type === 'sc1' || spec.type === 'standard') return undefined;
  return ebsPerf(spec).iops;
}

/**
 * EFS throughput by mode.
 * Source: Amazon EFS performance, https://docs.aws.amazon.com/efs/latest/ug/performance.html
 *  - bursting: baseline 50 KiB/s per GiB of Standard storage (minimum 1 MiB/s)
 *  - elastic: reads up to 3 GiB/s (most regions; higher for large file systems), writes up to 1 GiB/s
 *  - provisioned: as provisioned
 */
export function efsThroughputBytes(mode: string, provisionedMiBps: number | undefined, standardBytes: number): number {
  if (mode === 'provisioned') return (provisionedMiBps ?? 1) * MiB;
  if (mode === 'elastic') return 3 * 1024 * MiB;
  return Math.max(MiB, (standardBytes / 1024 ** 3) * 50 * 1024);
}

/**
 * FSx throughput and IOPS.
 * Lustre: per-unit throughput x capacity (SCRATCH_2 baseline 200 MB/s/TiB, SCRATCH_1 200).
 *   https://docs.aws.amazon.com/fsx/latest/LustreGuide/performance.html
 * OpenZFS/Windows/ONTAP: the provisioned throughput capacity; SSD IOPS default 3 per GiB.
 *   https://docs.aws.amazon.com/fsx/latest/OpenZFSGuide/performance.html
 */
export function fsxPerf(type: string, deploymentType: string, capacityGiB: number, throughputCapacity: number | undefined, perUnit: number | undefined, iops: number | undefined): { throughputBytes: number; iops: number } {
  const MB = 1_000_000;
  if (type === 'LUSTRE') {
    const per = perUnit ?? (deploymentType.startsWith('SCRATCH') ? 200 : 125);
    return { throughputBytes: (capacityGiB / 1024) * per * MB, iops: Math.round((capacityGiB / 1024) * 10_000) };
  }
  return { throughputBytes: (throughputCapacity ?? 64) * MB, iops: iops ?? capacityGiB * 3 };
}
