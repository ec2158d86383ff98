// Optimize-for-workload plans: what each kind of store should change for each kind of work,
// always within the values AWS accepts, and a confirm-dialog line for every action.
import { describe, expect, it } from 'vitest';
import { describeAction, optimizeForWorkload, WORKLOAD_KINDS } from '../../src/services/analytics/optimize.js';
import { fsxThroughputOptions, lustrePerUnitOptions } from '../../src/services/analytics/limits.js';
import type { StorageInfo, StorageType } from '../../src/services/types.js';

const GiB = 1024 ** 3;

function base(type: StorageType, over: Partial<StorageInfo> = {}): StorageInfo {
  return { name: 'n', type, id: type === 's3' ? 'bucket' : type === 'ebs' ? 'vol-0a' : 'fs-0a', state: 'available', rawState: 'available', region: 'us-east-1', encrypted: true, tags: {}, mount: {}, ...over };
}

const stores: StorageInfo[] = [
  base('ebs', { sizeBytes: 500 * GiB, ebs: { volumeType: 'gp2' }, iops: 1500 }),
  base('ebs', { id: 'vol-0small', sizeBytes: 8 * GiB, ebs: { volumeType: 'gp3' }, iops: 3000, throughputMBps: 125 }),
  base('ebs', { id: 'vol-0huge', sizeBytes: 8192 * GiB, ebs: { volumeType: 'gp3' }, iops: 3000, throughputMBps: 125 }),
  base('efs', { efs: { performanceMode: 'generalPurpose', throughputMode: 'bursting', lifecyclePolicies: [], oneZone: false, numberOfMountTargets: 2 } }),
  base('efs', { id: 'fs-0elastic', efs: { performanceMode: 'generalPurpose', throughputMode: 'elastic', lifecyclePolicies: ['TransitionToIA:AFTER_30_DAYS'], oneZone: false, numberOfMountTargets: 2 } }),
  base('s3', { s3: { versioning: 'Enabled', hasLifecycleRules: true } }),
  base('fsx-lustre', { sizeBytes: 2400 * GiB, fsx: { fileSystemType: 'LUSTRE', deploymentType: 'PERSISTENT_2', storageType: 'SSD', perUnitStorageThroughput: 250, subnetIds: [] } }),
  base('fsx-lustre', { id: 'fs-0scratch', sizeBytes: 1200 * GiB, fsx: { fileSystemType: 'LUSTRE', deploymentType: 'SCRATCH_2', subnetIds: [] } }),
  base('fsx-openzfs', { sizeBytes: 1024 * GiB, throughputMBps: 160, fsx: { fileSystemType: 'OPENZFS', deploymentType: 'SINGLE_AZ_2', subnetIds: [] } }),
  base('fsx-windows', { sizeBytes: 1024 * GiB, throughputMBps: 32, fsx: { fileSystemType: 'WINDOWS', deploymentType: 'MULTI_AZ_1', storageType: 'SSD', subnetIds: [] } }),
  base('fsx-ontap', { sizeBytes: 1024 * GiB, throughputMBps: 512, fsx: { fileSystemType: 'ONTAP', deploymentType: 'MULTI_AZ_1', subnetIds: [] } }),
];

describe('optimizeForWorkload', () => {
  it('gives every store and workload a rationale, and changes only within allowed values', () => {
    for (const s of stores) {
      for (const w of WORKLOAD_KINDS) {
        const p = optimizeForWorkload(s, w);
        expect(p.rationale.length, `${s.id} ${w}`).toBeGreaterThan(20);
        if (p.action) {
          expect(p.changes.length, `${s.id} ${w}`).toBeGreaterThan(0);
          expect(describeAction(s, p.action)).toContain(s.id);
        }
        const a = p.action;
        if (a?.kind === 'fsx-throughput') {
          if (s.type === 'fsx-lustre') expect(lustrePerUnitOptions(s)).toContain(a.perUnitStorageThroughput);
          else expect(fsxThroughputOptions(s)).toContain(a.throughputCapacityMBps);
        }
        if (a?.kind === 'ebs-modify' && a.volumeType === 'gp3') {
          const sizeGiB = (s.sizeBytes ?? 0) / GiB;
          expect(a.iops).toBeGreaterThanOrEqual(3000);
          expect(a.iops).toBeLessThanOrEqual(Math.max(3000, Math.min(16000, 500 * sizeGiB)));
          expect(a.throughputMBps).toBeLessThanOrEqual((a.iops ?? 0) * 0.25);
        }
      }
    }
  });

  it('EBS: throughput for ML, the gp3 maximum for HPC, st1 only where it is faster, sc1 for archives', () => {
    expect(optimizeForWorkload(stores[0], 'ml').action).toEqual({ kind: 'ebs-modify', volumeType: 'gp3', iops: 6000, throughputMBps: 1000 });
    expect(optimizeForWorkload(stores[0], 'hpc').action).toEqual({ kind: 'ebs-modify', volumeType: 'gp3', iops: 16000, throughputMBps: 1000 });
    // 8 GiB allows at most 4,000 IOPS (500 per GiB) and then 1,000 MiB/s
    expect(optimizeForWorkload(stores[1], 'hpc').action).toEqual({ kind: 'ebs-modify', volumeType: 'gp3', iops: 4000, throughputMBps: 1000 });
    expect(optimizeForWorkload(stores[0], 'bigdata').action).toEqual({ kind: 'ebs-modify', volumeType: 'gp3', iops: 3000, throughputMBps: 500 });
    expect(optimizeForWorkload(stores[2], 'bigdata').action).toEqual({ kind: 'ebs-modify', volumeType: 'st1' });
    expect(optimizeForWorkload(stores[0], 'archive').action).toEqual({ kind: 'ebs-modify', volumeType: 'sc1' });
    expect(optimizeForWorkload(stores[1], 'archive').action).toBeUndefined(); // below the 125 GiB HDD minimum
    const already = optimizeForWorkload(stores[1], 'general');
    expect(already.changes).toEqual([]);
    expect(already.action).toBeUndefined();
  });

  it('EFS: Elastic for heavy work, lifecycle for general and archive data (Archive only where allowed)', () => {
    expect(optimizeForWorkload(stores[3], 'ml').action).toEqual({ kind: 'efs-throughput', mode: 'elastic' });
    expect(optimizeForWorkload(stores[4], 'hpc').action).toBeUndefined();
    expect(optimizeForWorkload(stores[3], 'general').action).toEqual({ kind: 'efs-lifecycle', transitionToIA: 'AFTER_30_DAYS', transitionToPrimaryStorageClass: 'AFTER_1_ACCESS' });
    expect(optimizeForWorkload(stores[3], 'archive').action).toEqual({ kind: 'efs-lifecycle', transitionToIA: 'AFTER_7_DAYS' });
    expect(optimizeForWorkload(stores[4], 'archive').action).toEqual({ kind: 'efs-lifecycle', transitionToIA: 'AFTER_7_DAYS', transitionToArchive: 'AFTER_90_DAYS' });
  });

  it('S3: nothing to change for training data, Intelligent-Tiering for general use, Glacier tiers for archives', () => {
    expect(optimizeForWorkload(stores[5], 'ml').action).toBeUndefined();
    expect(optimizeForWorkload(stores[5], 'general').action).toEqual({ kind: 's3-lifecycle', rule: { id: 'prism-intelligent-tiering', transitions: [{ days: 0, storageClass: 'INTELLIGENT_TIERING' }] } });
    const archive = optimizeForWorkload(stores[5], 'archive');
    expect(archive.action).toMatchObject({ kind: 's3-lifecycle', rule: { transitions: [{ days: 30, storageClass: 'GLACIER_IR' }, { days: 180, storageClass: 'DEEP_ARCHIVE' }], abortIncompleteMultipartDays: 7 } });
    expect(archive.rationale).toContain('existing lifecycle rules');
  });

  it('FSx: Lustre tiers per TiB (none for scratch), throughput steps for the others', () => {
    expect(optimizeForWorkload(stores[6], 'hpc').action).toEqual({ kind: 'fsx-throughput', throughputCapacityMBps: Math.round(1000 * (2400 / 1024)), perUnitStorageThroughput: 1000 });
    expect(optimizeForWorkload(stores[6], 'ml').action).toMatchObject({ perUnitStorageThroughput: 500 });
    expect(optimizeForWorkload(stores[7], 'ml').action).toBeUndefined();
    expect(optimizeForWorkload(stores[7], 'ml').rationale).toContain('SCRATCH_2');
    expect(optimizeForWorkload(stores[8], 'ml').action).toEqual({ kind: 'fsx-throughput', throughputCapacityMBps: 320 });
    expect(optimizeForWorkload(stores[8], 'archive').action).toBeUndefined(); // already the smallest value
    expect(optimizeForWorkload(stores[9], 'hpc').action).toEqual({ kind: 'fsx-throughput', throughputCapacityMBps: 128 });
    expect(optimizeForWorkload(stores[10], 'archive').action).toEqual({ kind: 'fsx-throughput', throughputCapacityMBps: 128 });
  });

  it('describes each action in one line', () => {
    expect(describeAction(stores[0], { kind: 'ebs-modify', volumeType: 'gp3', iops: 3000, throughputMBps: 125 })).toBe('Modify EBS volume vol-0a: type gp3 3000 IOPS 125 MiB/s');
    expect(describeAction(stores[6], { kind: 'fsx-throughput', throughputCapacityMBps: 293, perUnitStorageThroughput: 125 })).toBe('Set throughput capacity of fs-0a to 125 MB/s per TiB (293 MB/s)');
    expect(describeAction(stores[5], { kind: 's3-lifecycle', rule: { id: 'r', transitions: [], abortIncompleteMultipartDays: 7 } })).toBe('Add lifecycle rule "r" to bucket bucket: abort incomplete uploads after 7 days');
  });
});
