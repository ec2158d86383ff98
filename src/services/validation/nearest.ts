// Nearest valid values for a numeric field, for "try 2,400 or 4,800" and for the form to offer.
import type { EbsConfig, StorageConfig, StorageType } from '../types.js';
import {
  EBS_TYPES,
  EFS_PROVISIONED_MIBPS,
  ebsMaxIops,
  ebsMaxThroughput,
  lustreCapacityRule,
  lustrePerUnitValues,
  ONTAP_CAPACITY_PER_PAIR,
  ONTAP_HA_PAIRS,
  ONTAP_VOLUME_MIB,
  ontapThroughputValues,
  OPENZFS_CAPACITY,
  OPENZFS_RECORD_SIZES,
  OPENZFS_THROUGHPUT,
  POSIX_ID_MAX,
  type StepRule,
  WINDOWS_CAPACITY,
  WINDOWS_THROUGHPUT,
} from './rules.js';

/** The values of a sorted set closest to v: v itself when allowed, else the neighbours below and above. */
export function neighboursInSet(sorted: readonly number[], v: number): number[] {
  if (sorted.length === 0) return [];
  if (!Number.isFinite(v)) return [sorted[0]];
  if (sorted.includes(v)) return [v];
  const below = [...sorted].reverse().find((x) => x < v);
  const above = sorted.find((x) => x > v);
  return [below, above].filter((x): x is number => x !== undefined);
}

/** Neighbours of v in a step rule ("1,200 or a multiple of 2,400"). */
export function neighboursInSteps(rule: StepRule, v: number, max = Number.MAX_SAFE_INTEGER): number[] {
  if (!Number.isFinite(v) || v <= 0) return [rule.fixed[0] ?? rule.step];
  const isValid = (x: number) => rule.fixed.includes(x) || (x > 0 && x % rule.step === 0);
  if (Number.isInteger(v) && isValid(v)) return [v];
  const stepBelow = Math.floor(v / rule.step) * rule.step;
  const stepAbove = stepBelow + rule.step;
  const candidates = [...rule.fixed, stepBelow, stepAbove].filter((x) => x > 0 && x <= max && isValid(x));
  const below = candidates.filter((x) => x < v).sort((a, b) => b - a)[0];
  const above = candidates.filter((x) => x > v).sort((a, b) => a - b)[0];
  return [below, above].filter((x): x is number => x !== undefined);
}

/** A range: v when inside (rounded to a whole number), else the nearest bound. */
export function clampToRange(v: number, min: number, max: number): number[] {
  if (!Number.isFinite(v)) return [min];
  const r = Math.round(v);
  if (r < min) return [min];
  if (r > max) return [max];
  if (r !== v) return [...new Set([Math.max(min, Math.floor(v)), Math.min(max, Math.ceil(v))])];
  return [r];
}

/**
 * Suggestions for a numeric field of a config, nearest first by value order (ascending).
 * Field keys are the form's keys (see wizard fieldsFor). Unknown fields yield [].
 */
export function nearestValid(type: StorageType, field: string, value: number, config: StorageConfig): number[] {
  if (!config || config.type !== type) return [];
  switch (config.type) {
    case 'ebs':
      return ebsNearest(field, value, config.ebs);
    case 'efs':
      if (field === 'provisionedThroughputMiBps') return clampToRange(value, EFS_PROVISIONED_MIBPS.min, EFS_PROVISIONED_MIBPS.max);
      if (field === 'accessPoint.uid' || field === 'accessPoint.gid') return clampToRange(value, 0, POSIX_ID_MAX);
      return [];
    case 'fsx-lustre': {
      const c = config.lustre;
      if (field === 'storageCapacityGiB') return neighboursInSteps(lustreCapacityRule(c), value);
      if (field === 'perUnitStorageThroughput') return neighboursInSet(lustrePerUnitValues(c), value);
      return [];
    }
    case 'fsx-openzfs': {
      const c = config.openzfs;
      if (field === 'storageCapacityGiB') return clampToRange(value, OPENZFS_CAPACITY.min, OPENZFS_CAPACITY.max);
      if (field === 'throughputCapacityMBps') return neighboursInSet(OPENZFS_THROUGHPUT[c.deploymentType] ?? [], value);
      if (field === 'recordSizeKiB') return neighboursInSet(OPENZFS_RECORD_SIZES, value);
      return [];
    }
    case 'fsx-windows': {
      const c = config.windows;
      const cap = WINDOWS_CAPACITY[c.storageType] ?? WINDOWS_CAPACITY.SSD;
      if (field === 'storageCapacityGiB') return clampToRange(value, cap.min, cap.max);
      if (field === 'throughputCapacityMBps') return neighboursInSet(WINDOWS_THROUGHPUT, value);
      return [];
    }
    case 'fsx-ontap': {
      const c = config.ontap;
      const pairs = Number.isInteger(c.haPairs) && (c.haPairs ?? 1) >= 1 ? (c.haPairs ?? 1) : 1;
      if (field === 'throughputCapacityMBps') return neighboursInSet(ontapThroughputValues(c.deploymentType, pairs), value);
      if (field === 'storageCapacityGiB') return clampToRange(value, ONTAP_CAPACITY_PER_PAIR.min * pairs, ONTAP_CAPACITY_PER_PAIR.max * pairs);
      if (field === 'haPairs') return clampToRange(value, ONTAP_HA_PAIRS.min, c.deploymentType === 'SINGLE_AZ_2' ? ONTAP_HA_PAIRS.max : 1);
      if (field === 'volumeSizeMiB') return clampToRange(value, ONTAP_VOLUME_MIB.min, ONTAP_VOLUME_MIB.max);
      return [];
    }
    case 's3':
      return [];
  }
}

function ebsNearest(field: string, value: number, c: EbsConfig): number[] {
  const rule = EBS_TYPES[c.volumeType];
  if (!rule) return [];
  if (field === 'sizeGiB') {
    const inRange = clampToRange(value, rule.minGiB, rule.maxGiB);
    // A size too small for the IOPS already chosen: also offer the smallest size that carries them.
    if (rule.iops && typeof c.iops === 'number' && c.iops > (rule.iops.baseline ?? 0)) {
      const needed = Math.ceil(c.iops / rule.iops.perGiB);
      if (needed <= rule.maxGiB && inRange.every((s) => s < needed)) return [...new Set([...inRange, needed])].sort((a, b) => a - b);
    }
    return inRange;
  }
  if (field === 'iops' && rule.iops) {
    const size = Number.isFinite(c.sizeGiB) ? c.sizeGiB : rule.minGiB;
    const max = ebsMaxIops(c.volumeType, size) ?? rule.iops.max;
    return clampToRange(value, rule.iops.min, Math.max(rule.iops.min, max));
  }
  if (field === 'throughputMBps' && rule.throughput) {
    const iops = typeof c.iops === 'number' && Number.isFinite(c.iops) ? c.iops : (rule.iops?.baseline ?? 0);
    const max = ebsMaxThroughput(c.volumeType, iops) ?? rule.throughput.max;
    return clampToRange(value, rule.throughput.min, max);
  }
  return [];
}
