// Applies an OptimizeAction through the mutations API (one audited call, or snapshot-then-delete
// for an unused EBS volume). The caller has already shown the change (describeAction) and had
// the user confirm it, and never calls this in --read-only mode.
import type { AuditLog } from '../audit.js';
import type { ClientPool } from '../aws/clients.js';
import { deleteStorage, modifyEbsVolume, putEfsLifecycle, putS3LifecycleRule, updateEfsThroughput, updateFsxThroughput, type MutationOptions } from '../aws/mutations.js';
import { validationError, type StorageInfo, type StorageType } from '../types.js';
import type { OptimizeAction } from './recommend.js';

const KIND_OF_ACTION: Record<OptimizeAction['kind'], readonly StorageType[]> = {
  'ebs-modify': ['ebs'],
  'ebs-snapshot-delete': ['ebs'],
  'efs-lifecycle': ['efs'],
  'efs-throughput': ['efs'],
  's3-lifecycle': ['s3'],
  'fsx-throughput': ['fsx-lustre', 'fsx-openzfs', 'fsx-windows', 'fsx-ontap'],
};

export interface ApplyResult {
  /** EBS snapshot taken before a delete. */
  snapshotId?: string;
}

export async function applyOptimization(pool: ClientPool, info: StorageInfo, action: OptimizeAction, audit?: AuditLog, opts: MutationOptions = {}): Promise<ApplyResult> {
  if (!KIND_OF_ACTION[action.kind].includes(info.type)) {
    throw validationError(`${action.kind} does not apply to ${info.type} ${info.id}`, 'The recommendation no longer matches this store: refresh and try again.', info.id);
  }
  switch (action.kind) {
    case 'ebs-modify':
      await modifyEbsVolume(pool, info, { volumeType: action.volumeType, iops: action.iops, throughputMBps: action.throughputMBps }, audit, opts);
      return {};
    case 'ebs-snapshot-delete': {
      const r = await deleteStorage(pool, info, { ...opts, audit, snapshotFirst: true });
      return r.snapshotId ? { snapshotId: r.snapshotId } : {};
    }
    case 'efs-lifecycle':
      await putEfsLifecycle(pool, info, { transitionToIA: action.transitionToIA, transitionToArchive: action.transitionToArchive, transitionToPrimaryStorageClass: action.transitionToPrimaryStorageClass }, audit, opts);
      return {};
    case 'efs-throughput':
      await updateEfsThroughput(pool, info, action.mode, action.provisionedMiBps, audit, opts);
      return {};
    case 's3-lifecycle':
      await putS3LifecycleRule(pool, info, action.rule, audit, opts);
      return {};
    case 'fsx-throughput':
      // Lustre takes its per-TiB tier (PerUnitStorageThroughput); the others take MB/s.
      if (info.type === 'fsx-lustre') {
        if (action.perUnitStorageThroughput === undefined) throw validationError(`no throughput tier given for Lustre file system ${info.id}`, 'Lustre throughput is set per TiB: pick a tier.', info.id);
        await updateFsxThroughput(pool, info, action.perUnitStorageThroughput, audit, opts);
      } else await updateFsxThroughput(pool, info, action.throughputCapacityMBps, audit, opts);
      return {};
  }
}
