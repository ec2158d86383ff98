// Estimates from domain objects: a StorageInfo (what exists) or a StorageRequest (what the wizard will create).
// Both are turned into the same kind-specific parameters, so the same resource gets the same estimate.

import type { StorageInfo, StorageRequest } from '../types.js';
import { unavailable } from './bill.js';
import { ebsMonthly, GP3_INCLUDED_IOPS, GP3_INCLUDED_THROUGHPUT_MIBPS, type EbsParams } from './ebs.js';
import { efsMonthly, type EfsParams } from './efs.js';
import { fsxMonthly, type FsxParams } from './fsx.js';
import { BYTES_PER_GIB, type EstimateResult, type S3StorageClass } from './model.js';
import { s3Monthly, type S3Params } from './s3.js';

/** Usage the provisioned values do not tell; every field optional. Charges left unknown are listed in `notes`. */
export interface StorageUsage {
  /** S3: bytes per storage class (otherwise the whole size is priced as STANDARD, with a note). */
  s3BytesByClass?: Partial<Record<S3StorageClass, number>>;
  /** S3: objects monitored by Intelligent-Tiering. */
  s3Objects?: number;
  /** S3 Intelligent-Tiering tier split, in bytes. */
  s3IntelligentTieringTiers?: S3Params['intelligentTieringTiers'];
  /** EFS elastic throughput: GiB read / written per month. */
  efsElasticReadGiB?: number;
  efsElasticWriteGiB?: number;
  /** FSx ONTAP: data in the capacity pool tier, GiB. */
  ontapCapacityPoolGiB?: number;
  /** FSx / EFS backups, EBS snapshots (standard tier), GiB. */
  backupGiB?: number;
  /** For a request (nothing stored yet): GiB expected to be stored in EFS or S3. Default 0. */
  expectedStoredGiB?: number;
}

const gibOf = (bytes: number) => bytes / BYTES_PER_GIB;

/** Parameters for a resource that exists; a reason string when a value the price depends on is unknown. */
export function paramsFromInfo(info: StorageInfo, usage: StorageUsage = {}): { region: string; params: KindParams } | { reason: string } {
  const size = info.sizeBytes;
  const sizeUnknown = { reason: `size of ${info.id} unknown: estimate unavailable` };
  switch (info.type) {
    case 'ebs': {
      if (size === undefined) return sizeUnknown;
      if (!info.ebs) return { reason: `volume type of ${info.id} unknown: estimate unavailable` };
      return {
        region: info.region,
        params: { kind: 'ebs', p: { volumeType: info.ebs.volumeType, sizeGiB: gibOf(size), iops: info.iops, throughputMBps: info.throughputMBps, snapshotGiB: usage.backupGiB } },
      };
    }
    case 'efs': {
      const e = info.efs;
      if (!e) return { reason: `EFS details of ${info.id} unknown: estimate unavailable` };
      const ia = e.sizeInIaBytes ?? 0;
      const archive = e.sizeInArchiveBytes ?? 0;
      const standard = e.sizeInStandardBytes ?? (size !== undefined ? Math.max(0, size - ia - archive) : undefined);
      if (standard === undefined) return sizeUnknown;
      return {
        region: info.region,
        params: {
          kind: 'efs',
          p: {
            standardGiB: gibOf(standard),
            iaGiB: gibOf(ia),
            archiveGiB: gibOf(archive),
            throughputMode: e.throughputMode,
            provisionedMiBps: e.provisionedThroughputMiBps,
            oneZone: e.oneZone,
            elasticReadGiB: usage.efsElasticReadGiB,
            elasticWriteGiB: usage.efsElasticWriteGiB,
            backupGiB: usage.backupGiB,
          },
        },
      };
    }
    case 's3': {
      const region = info.mount.s3Region ?? info.region;
      if (usage.s3BytesByClass) return { region, params: { kind: 's3', p: { bytesByClass: usage.s3BytesByClass, objects: usage.s3Objects, intelligentTieringTiers: usage.s3IntelligentTieringTiers } } };
      if (size === undefined) return sizeUnknown;
      return { region, params: { kind: 's3', assumedStandard: true, p: { bytesByClass: { STANDARD: size }, objects: usage.s3Objects } } };
    }
    case 'fsx-lustre':
    case 'fsx-openzfs':
    case 'fsx-windows':
    case 'fsx-ontap': {
      if (size === undefined) return sizeUnknown;
      const f = info.fsx;
      if (!f?.deploymentType) return { reason: `deployment type of ${info.id} unknown: estimate unavailable` };
      const capacityGiB = gibOf(size);
      if (info.type === 'fsx-lustre') {
        return {
          region: info.region,
          params: { kind: 'fsx', p: { kind: 'lustre', deploymentType: f.deploymentType, storageType: f.storageType, storageCapacityGiB: capacityGiB, perUnitStorageThroughput: f.perUnitStorageThroughput, backupGiB: usage.backupGiB } },
        };
      }
      if (info.throughputMBps === undefined) return { reason: `throughput capacity of ${info.id} unknown: estimate unavailable` };
      const tput = info.throughputMBps;
      if (info.type === 'fsx-openzfs') {
        return { region: info.region, params: { kind: 'fsx', p: { kind: 'openzfs', deploymentType: f.deploymentType, storageType: f.storageType, storageCapacityGiB: capacityGiB, throughputCapacityMBps: tput, iops: info.iops, backupGiB: usage.backupGiB } } };
      }
      if (info.type === 'fsx-windows') {
        return {
          region: info.region,
          params: { kind: 'fsx', p: { kind: 'windows', deploymentType: f.deploymentType, storageType: f.storageType ?? 'SSD', storageCapacityGiB: capacityGiB, throughputCapacityMBps: tput, iops: info.iops, backupGiB: usage.backupGiB } },
        };
      }
      return {
        region: info.region,
        params: { kind: 'fsx', p: { kind: 'ontap', deploymentType: f.deploymentType, ssdStorageGiB: capacityGiB, capacityPoolGiB: usage.ontapCapacityPoolGiB, throughputCapacityMBps: tput, iops: info.iops, backupGiB: usage.backupGiB } },
      };
    }
  }
}

/** Parameters for a resource the wizard is about to create. */
export function paramsFromRequest(req: StorageRequest, usage: StorageUsage = {}): { region: string; params: KindParams } {
  const c = req.config;
  const expectedGiB = usage.expectedStoredGiB ?? 0;
  switch (c.type) {
    case 'ebs': {
      const e = c.ebs;
      const gp3 = e.volumeType === 'gp3';
      return {
        region: req.region,
        params: {
          kind: 'ebs',
          p: {
            volumeType: e.volumeType,
            sizeGiB: e.sizeGiB,
            iops: gp3 ? (e.iops ?? GP3_INCLUDED_IOPS) : e.iops,
            throughputMBps: gp3 ? (e.throughputMBps ?? GP3_INCLUDED_THROUGHPUT_MIBPS) : e.throughputMBps,
            snapshotGiB: usage.backupGiB,
          },
        },
      };
    }
    case 'efs':
      return {
        region: req.region,
        params: {
          kind: 'efs',
          p: {
            standardGiB: expectedGiB,
            iaGiB: 0,
            archiveGiB: 0,
            throughputMode: c.efs.throughputMode,
            provisionedMiBps: c.efs.throughputMode === 'provisioned' ? c.efs.provisionedThroughputMiBps : undefined,
            oneZone: c.efs.availabilityZoneName !== undefined,
            elasticReadGiB: usage.efsElasticReadGiB,
            elasticWriteGiB: usage.efsElasticWriteGiB,
            backupGiB: usage.backupGiB,
          },
        },
      };
    case 's3': {
      const region = c.s3.region || req.region;
      const expectedBytes = expectedGiB * BYTES_PER_GIB;
      if (usage.s3BytesByClass) return { region, params: { kind: 's3', p: { bytesByClass: usage.s3BytesByClass, objects: usage.s3Objects, intelligentTieringTiers: usage.s3IntelligentTieringTiers } } };
      // A bucket whose lifecycle moves everything to Intelligent-Tiering is priced there; otherwise new data lands in STANDARD.
      if (c.s3.lifecyclePreset === 'intelligent-tiering') return { region, params: { kind: 's3', p: { bytesByClass: { INTELLIGENT_TIERING: expectedBytes }, objects: usage.s3Objects } } };
      return { region, params: { kind: 's3', p: { bytesByClass: { STANDARD: expectedBytes }, objects: usage.s3Objects } } };
    }
    case 'fsx-lustre': {
      const l = c.lustre;
      return {
        region: req.region,
        params: {
          kind: 'fsx',
          p: { kind: 'lustre', deploymentType: l.deploymentType, storageType: l.storageType, storageCapacityGiB: l.storageCapacityGiB, perUnitStorageThroughput: l.perUnitStorageThroughput, driveCacheType: l.driveCacheType, backupGiB: usage.backupGiB },
        },
      };
    }
    case 'fsx-openzfs': {
      const z = c.openzfs;
      return { region: req.region, params: { kind: 'fsx', p: { kind: 'openzfs', deploymentType: z.deploymentType, storageCapacityGiB: z.storageCapacityGiB, throughputCapacityMBps: z.throughputCapacityMBps, backupGiB: usage.backupGiB } } };
    }
    case 'fsx-windows': {
      const w = c.windows;
      return {
        region: req.region,
        params: { kind: 'fsx', p: { kind: 'windows', deploymentType: w.deploymentType, storageType: w.storageType, storageCapacityGiB: w.storageCapacityGiB, throughputCapacityMBps: w.throughputCapacityMBps, backupGiB: usage.backupGiB } },
      };
    }
    case 'fsx-ontap': {
      const o = c.ontap;
      return {
        region: req.region,
        params: {
          kind: 'fsx',
          p: { kind: 'ontap', deploymentType: o.deploymentType, ssdStorageGiB: o.storageCapacityGiB, capacityPoolGiB: usage.ontapCapacityPoolGiB, throughputCapacityMBps: o.throughputCapacityMBps, backupGiB: usage.backupGiB },
        },
      };
    }
  }
}

export type KindParams = { kind: 'ebs'; p: EbsParams } | { kind: 'efs'; p: EfsParams } | { kind: 's3'; p: S3Params; assumedStandard?: boolean } | { kind: 'fsx'; p: FsxParams };

function run(region: string, k: KindParams): EstimateResult {
  switch (k.kind) {
    case 'ebs':
      return ebsMonthly(region, k.p);
    case 'efs':
      return efsMonthly(region, k.p);
    case 'fsx':
      return fsxMonthly(region, k.p);
    case 's3': {
      const r = s3Monthly(region, k.p);
      if (r.ok && k.assumedStandard) {
        r.estimate.notes = [...(r.estimate.notes ?? []), 'Storage class breakdown unknown: the whole bucket is priced as S3 Standard.'];
      }
      return r;
    }
  }
}

/** Monthly cost of an existing resource from its provisioned (EBS, FSx) or measured (EFS, S3) values. */
export function estimateStorageCost(info: StorageInfo, usage?: StorageUsage): EstimateResult {
  const m = paramsFromInfo(info, usage);
  if ('reason' in m) return unavailable(m.reason);
  return run(m.region, m.params);
}

/** Monthly cost of what a create request would provision (the wizard's review step). Same engine as estimateStorageCost. */
export function estimateRequestCost(req: StorageRequest, usage?: StorageUsage): EstimateResult {
  const m = paramsFromRequest(req, usage);
  return run(m.region, m.params);
}

/** Convenience for lists: the monthly total in USD, or null when the estimate is unavailable. */
export function monthlyCostOf(info: StorageInfo): number | null {
  const r = estimateStorageCost(info);
  return r.ok ? r.estimate.totalUsd : null;
}
