// "Optimize for workload": what to change on an existing store so it suits a kind of work,
// as a list of changes a confirm dialog can show and, where the change is one API call, the
// action that performs it (applied by apply.ts after the user confirms). Pure.
import { BYTES_PER_GIB } from '../pricing/index.js';
import type { StorageInfo } from '../types.js';
import { EBS, efsArchiveAllowed, fsxThroughputOptions, lustrePerUnitOptions } from './limits.js';
import type { OptimizeAction } from './recommend.js';
import { groupDigits } from '../format.js';

export type WorkloadKind = 'ml' | 'hpc' | 'bigdata' | 'general' | 'archive';
export const WORKLOAD_KINDS: WorkloadKind[] = ['ml', 'hpc', 'bigdata', 'general', 'archive'];

export interface OptimizePlan {
  changes: string[];
  action?: OptimizeAction;
  rationale: string;
}

const TIB = 1024 ** 4;

/**
 * st1/sc1 minimum size is 125 GiB (API_CreateVolume / EBS volume types); st1 gives a baseline of
 * 40 MiB/s per TiB (burst 250 MiB/s per TiB, 500 MiB/s max), so below 2 TiB gp3 is faster.
 * https://docs.aws.amazon.com/ebs/latest/userguide/hdd-vols.html
 */
const HDD_MIN_GIB = 125;
const ST1_WORTH_GIB = 2048;

/** gp3 settings clamped to what the volume size allows (500 IOPS per GiB, 0.25 MiB/s per IOPS). */
function gp3(sizeGiB: number, iops: number, tput: number): { iops: number; throughputMBps: number } {
  const maxIops = Math.min(EBS.gp3.maxIops, Math.max(EBS.gp3.minIops, Math.floor(sizeGiB * EBS.gp3.iopsPerGiB)));
  const i = Math.max(EBS.gp3.minIops, Math.min(iops, maxIops));
  const t = Math.max(EBS.gp3.minThroughput, Math.min(tput, EBS.gp3.maxThroughput, Math.floor(i * EBS.gp3.throughputPerIops)));
  return { iops: i, throughputMBps: t };
}

function ebsPlan(info: StorageInfo, w: WorkloadKind): OptimizePlan {
  const sizeGiB = (info.sizeBytes ?? 0) / BYTES_PER_GIB;
  const cur = info.ebs?.volumeType ?? 'unknown';
  const curIops = info.iops;
  const curT = info.throughputMBps;
  const toGp3 = (iops: number, tput: number, why: string): OptimizePlan => {
    const g = gp3(sizeGiB, iops, tput);
    if (cur === 'gp3' && curIops === g.iops && curT === g.throughputMBps) return { changes: [], rationale: `${info.id} already has gp3 at ${g.iops} IOPS and ${g.throughputMBps} MiB/s. ${why}` };
    const changes = [cur !== 'gp3' ? `volume type ${cur} -> gp3` : '', curIops !== g.iops ? `IOPS ${curIops ?? '?'} -> ${g.iops}` : '', curT !== g.throughputMBps ? `throughput ${curT ?? '?'} -> ${g.throughputMBps} MiB/s` : ''].filter(Boolean);
    return { changes, action: { kind: 'ebs-modify', volumeType: 'gp3', iops: g.iops, throughputMBps: g.throughputMBps }, rationale: why };
  };
  switch (w) {
    case 'ml':
      return toGp3(6000, 1000, 'Training reads large files sequentially: throughput matters more than IOPS; gp3 gives up to 1,000 MiB/s without paying for io2.');
    case 'hpc':
      return toGp3(16000, 1000, 'HPC jobs mix metadata-heavy small IO with large streams: the gp3 maximum of 16,000 IOPS and 1,000 MiB/s. For sub-millisecond latency consider io2 Block Express instead.');
    case 'bigdata':
      if (sizeGiB >= ST1_WORTH_GIB) {
        if (cur === 'st1') return { changes: [], rationale: `${info.id} is already st1.` };
        return {
          changes: [`volume type ${cur} -> st1 (throughput-optimized HDD)`],
          action: { kind: 'ebs-modify', volumeType: 'st1' },
          rationale: `Big sequential scans at ${groupDigits(Math.round(sizeGiB))} GiB: st1 streams ${Math.min(500, Math.round((sizeGiB / 1024) * 40))} MiB/s baseline (bursting to 500) at a fraction of the SSD price. st1 cannot be a boot volume and is slow for small random IO.`,
        };
      }
      return toGp3(3000, 500, 'Sequential scans: more throughput, default IOPS; below 2 TiB st1 would be slower than gp3.');
    case 'archive':
      if (sizeGiB >= HDD_MIN_GIB) {
        if (cur === 'sc1') return { changes: [], rationale: `${info.id} is already sc1.` };
        return {
          changes: [`volume type ${cur} -> sc1 (cold HDD)`],
          action: { kind: 'ebs-modify', volumeType: 'sc1' },
          rationale: 'Rarely read data: sc1 is the cheapest EBS volume type. If it is read almost never, a snapshot (archive tier) and deleting the volume costs less still.',
        };
      }
      return { changes: ['snapshot the volume, archive the snapshot, delete the volume'], rationale: `Below ${HDD_MIN_GIB} GiB there is no HDD volume type; an archived snapshot is the cheapest way to keep rarely read data.` };
    case 'general':
      return toGp3(EBS.gp3.minIops, EBS.gp3.minThroughput, 'General use: gp3 with its included 3,000 IOPS and 125 MiB/s is the cheapest SSD.');
  }
}

function efsPlan(info: StorageInfo, w: WorkloadKind): OptimizePlan {
  const e = info.efs;
  const mode = e?.throughputMode ?? 'unknown';
  const hasIa = (e?.lifecyclePolicies ?? []).some((p) => p.startsWith('TransitionToIA'));
  const elastic = (why: string): OptimizePlan =>
    mode === 'elastic' ? { changes: [], rationale: `${info.id} already uses Elastic throughput. ${why}` } : { changes: [`throughput mode ${mode} -> elastic`], action: { kind: 'efs-throughput', mode: 'elastic' }, rationale: why };
  switch (w) {
    case 'ml':
    case 'hpc':
    case 'bigdata':
      return elastic(
        `${w === 'ml' ? 'Training' : w === 'hpc' ? 'HPC jobs' : 'Scans'} burst far above the baseline for hours: Elastic throughput scales on demand and never runs out of credits. Performance mode cannot change after creation; for heavy parallel IO compare FSx for Lustre.`,
      );
    case 'general':
      if (!hasIa) {
        return {
          changes: ['lifecycle: TransitionToIA AFTER_30_DAYS, back to Standard on first access'],
          action: { kind: 'efs-lifecycle', transitionToIA: 'AFTER_30_DAYS', transitionToPrimaryStorageClass: 'AFTER_1_ACCESS' },
          rationale: 'Shared home or project data: files not opened for 30 days move to Infrequent Access and return on first access.',
        };
      }
      return mode === 'bursting' ? elastic('General use with spiky access: Elastic avoids running out of burst credits.') : { changes: [], rationale: `${info.id} already has a lifecycle policy and ${mode} throughput.` };
    case 'archive': {
      const archive = info.efs ? efsArchiveAllowed(info) : false;
      return {
        changes: ['lifecycle: TransitionToIA AFTER_7_DAYS', ...(archive ? ['lifecycle: TransitionToArchive AFTER_90_DAYS'] : [])],
        action: { kind: 'efs-lifecycle', transitionToIA: 'AFTER_7_DAYS', ...(archive ? { transitionToArchive: 'AFTER_90_DAYS' } : {}) },
        rationale: archive
          ? 'Rarely read data: to Infrequent Access after a week, to Archive after 90 days.'
          : 'Rarely read data: to Infrequent Access after a week. The Archive class needs Elastic throughput and General Purpose mode (Regional): switch to Elastic first to use it.',
      };
    }
  }
}

function s3Plan(info: StorageInfo, w: WorkloadKind): OptimizePlan {
  const existing = info.s3?.hasLifecycleRules ? ' The rule is added next to the existing lifecycle rules.' : '';
  switch (w) {
    case 'ml':
    case 'hpc':
    case 'bigdata':
      return {
        changes: [],
        rationale: `Data read again and again belongs in S3 Standard (no retrieval fees); mount it with Mountpoint for Amazon S3 for large sequential reads, or link it to FSx for Lustre as a data repository for POSIX and high throughput.${info.s3?.hasLifecycleRules ? ' Check that no lifecycle rule moves training data to an archive class.' : ''}`,
      };
    case 'general':
      return {
        changes: ['lifecycle: transition objects to INTELLIGENT_TIERING at day 0'],
        action: { kind: 's3-lifecycle', rule: { id: 'prism-intelligent-tiering', transitions: [{ days: 0, storageClass: 'INTELLIGENT_TIERING' }] } },
        rationale: `Unknown or changing access: Intelligent-Tiering moves objects between tiers by use, with no retrieval fees, for a small monitoring fee per object.${existing}`,
      };
    case 'archive':
      return {
        changes: ['lifecycle: GLACIER_IR after 30 days', 'lifecycle: DEEP_ARCHIVE after 180 days', 'lifecycle: abort incomplete multipart uploads after 7 days'],
        action: {
          kind: 's3-lifecycle',
          rule: {
            id: 'prism-archive',
            transitions: [
              { days: 30, storageClass: 'GLACIER_IR' },
              { days: 180, storageClass: 'DEEP_ARCHIVE' },
            ],
            abortIncompleteMultipartDays: 7,
          },
        },
        rationale: `Archive: Glacier Instant Retrieval after a month keeps millisecond reads; Deep Archive after six months is the cheapest storage (restores take up to 12 hours).${existing}`,
      };
  }
}

function nextUp(options: readonly number[], cur: number, steps: number): number {
  const i = options.findIndex((v) => v > cur);
  if (i < 0) return options[options.length - 1];
  return options[Math.min(options.length - 1, i + steps - 1)];
}

function fsxPlan(info: StorageInfo, w: WorkloadKind): OptimizePlan {
  if (info.type === 'fsx-lustre') {
    const options = lustrePerUnitOptions(info);
    const pu = info.fsx?.perUnitStorageThroughput;
    const tib = (info.sizeBytes ?? 0) / TIB;
    const dep = info.fsx?.deploymentType ?? 'unknown';
    if (w === 'archive') return { changes: [], rationale: 'Lustre is for hot data: export results to the linked S3 bucket (data repository) and delete the file system, or keep it in S3 with an archive lifecycle.' };
    if (!options || pu === undefined) {
      return {
        changes: [],
        rationale: `${dep} throughput follows storage capacity (200 MB/s per TiB for SCRATCH_2) and cannot be set: add capacity for more throughput, link an S3 data repository so the data can be re-imported, and delete the file system between campaigns.`,
      };
    }
    const target = w === 'general' ? options[0] : w === 'bigdata' ? options[Math.min(1, options.length - 1)] : w === 'ml' ? nextUp(options, pu, 1) : options[options.length - 1];
    if (target === pu) return { changes: [], rationale: `${info.id} already has ${pu} MB/s per TiB.` };
    const total = Math.round(target * tib);
    return {
      changes: [`throughput ${pu} -> ${target} MB/s per TiB (${Math.round(pu * tib)} -> ${total} MB/s)`],
      action: { kind: 'fsx-throughput', throughputCapacityMBps: total, perUnitStorageThroughput: target },
      rationale:
        w === 'general'
          ? 'General use: the lowest throughput tier.'
          : w === 'bigdata'
            ? 'Sequential scans of large files: a middle tier; enable LZ4 compression to raise effective throughput.'
            : w === 'ml'
              ? 'Training epochs re-read the data set: one tier up shortens the read-bound part of each epoch.'
              : 'HPC jobs saturate the file system: the highest tier.',
    };
  }
  const options = fsxThroughputOptions(info);
  const cur = info.throughputMBps;
  if (!options || cur === undefined) return { changes: [], rationale: `The allowed throughput capacities for ${info.fsx?.deploymentType ?? 'this deployment type'} are unknown: change it in the console.` };
  let target = cur;
  let why: string;
  switch (w) {
    case 'ml':
    case 'hpc':
      target = nextUp(options, cur, w === 'hpc' ? 2 : 1);
      why = 'Throughput capacity also sets IOPS and cache memory: more of it serves many clients reading at once.';
      break;
    case 'bigdata':
      target = nextUp(options, cur, 1);
      why = 'Large sequential scans are throughput-bound: one step up.';
      break;
    case 'archive':
      target = options[0];
      why = 'Rarely read data needs little throughput: the smallest allowed capacity. For real archives, S3 Glacier classes cost far less.';
      break;
    case 'general':
      return { changes: [], rationale: `${info.id} keeps ${cur} MB/s; use the recommendations (30 days of metrics) to right-size it.` };
  }
  if (target === cur) return { changes: [], rationale: `${info.id} is already at ${cur} MB/s. ${why}` };
  return { changes: [`throughput capacity ${cur} -> ${target} MB/s`], action: { kind: 'fsx-throughput', throughputCapacityMBps: target }, rationale: why };
}

export function optimizeForWorkload(info: StorageInfo, workload: WorkloadKind): OptimizePlan {
  switch (info.type) {
    case 'ebs':
      return ebsPlan(info, workload);
    case 'efs':
      return efsPlan(info, workload);
    case 's3':
      return s3Plan(info, workload);
    case 'fsx-lustre':
    case 'fsx-openzfs':
    case 'fsx-windows':
    case 'fsx-ontap':
      return fsxPlan(info, workload);
  }
}

/** One line a confirm dialog can show for an action. */
export function describeAction(info: StorageInfo, a: OptimizeAction): string {
  switch (a.kind) {
    case 'ebs-modify':
      return `Modify EBS volume ${info.id}:${a.volumeType ? ` type ${a.volumeType}` : ''}${a.iops !== undefined ? ` ${a.iops} IOPS` : ''}${a.throughputMBps !== undefined ? ` ${a.throughputMBps} MiB/s` : ''}`;
    case 'ebs-snapshot-delete':
      return `Snapshot EBS volume ${info.id}, then delete it`;
    case 'efs-lifecycle':
      return `Set lifecycle of ${info.id}:${a.transitionToIA ? ` TransitionToIA ${a.transitionToIA}` : ''}${a.transitionToArchive ? ` TransitionToArchive ${a.transitionToArchive}` : ''}${a.transitionToPrimaryStorageClass ? ` TransitionToPrimaryStorageClass ${a.transitionToPrimaryStorageClass}` : ''}`;
    case 'efs-throughput':
      return `Set throughput mode of ${info.id} to ${a.mode}${a.provisionedMiBps !== undefined ? ` (${a.provisionedMiBps} MiB/s)` : ''}`;
    case 's3-lifecycle':
      return `Add lifecycle rule "${a.rule.id}" to bucket ${info.id}:${a.rule.transitions.map((t) => ` ${t.storageClass} after ${t.days} days`).join(',')}${a.rule.abortIncompleteMultipartDays !== undefined ? ` abort incomplete uploads after ${a.rule.abortIncompleteMultipartDays} days` : ''}`;
    case 'fsx-throughput':
      return `Set throughput capacity of ${info.id} to ${a.perUnitStorageThroughput !== undefined ? `${a.perUnitStorageThroughput} MB/s per TiB (${a.throughputCapacityMBps} MB/s)` : `${a.throughputCapacityMBps} MB/s`}`;
  }
}
