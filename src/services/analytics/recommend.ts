// Recommendations: rules with thresholds over inventory, 30 days of metrics and usage patterns.
// Each says exactly what to change, why (evidence with numbers), how sure it is, and what it
// saves per month according to the pricing engine (the cost of the configuration before minus
// the cost after; negative when the change costs more, and then the text says so).
import { addSeries, quantile, s3BytesByClass, summarize } from '../metrics/convert.js';
import { BYTES_PER_GIB, ebsMonthly, estimateStorageCost, type S3StorageClass, type StorageUsage } from '../pricing/index.js';
import { formatBytes, formatUsd } from '../format.js';
import { sanitize } from '../sanitize.js';
import type { MetricPoint, StorageInfo, StorageMetrics, StorageType } from '../types.js';
import { EBS, efsArchiveAllowed, fsxThroughputOptions, gp2BaselineIops, gp2ThroughputMiBps, lustrePerUnitOptions, smallestAtLeast } from './limits.js';
import { analyzeMetrics, linearFit, type UsagePattern } from './patterns.js';
import { compareText } from '../collate.js';
import { groupDigits } from '../format.js';

export type OptimizeAction =
  | { kind: 'ebs-modify'; volumeType?: string; iops?: number; throughputMBps?: number }
  | { kind: 'efs-lifecycle'; transitionToIA?: string; transitionToArchive?: string; transitionToPrimaryStorageClass?: string }
  | { kind: 'efs-throughput'; mode: 'elastic' | 'provisioned' | 'bursting'; provisionedMiBps?: number }
  | { kind: 's3-lifecycle'; rule: { id: string; transitions: { days: number; storageClass: string }[]; abortIncompleteMultipartDays?: number } }
  /** FSx throughput capacity in MB/s; Lustre persistent file systems also carry their per-TiB value (what UpdateFileSystem takes). */
  | { kind: 'fsx-throughput'; throughputCapacityMBps: number; perUnitStorageThroughput?: number }
  | { kind: 'ebs-snapshot-delete' };

export type Confidence = 'high' | 'medium' | 'low';
export type Focus = 'cost' | 'performance' | 'risk';

export interface Recommendation {
  /** Stable id: `<rule>:<resourceId>`. */
  id: string;
  rule: string;
  resourceId: string;
  resourceName: string;
  type: StorageType;
  title: string;
  /** Exactly what to change. */
  action: string;
  evidence: string;
  confidence: Confidence;
  /** USD per month saved (negative: the change costs this much more); null when it cannot be priced. */
  monthlySavingsUsd: number | null;
  focus: Focus;
  optimize?: OptimizeAction;
}

export interface RecommendationInput {
  resources: StorageInfo[];
  /** About 30 days of hourly metrics per resource id (MetricsService window '30d'). */
  metrics: Map<string, StorageMetrics>;
  patterns?: Map<string, UsagePattern>;
  extra?: {
    /** Incomplete multipart uploads older than a week per bucket name (staleMultipartUploads in uploads.ts). */
    s3IncompleteUploads?: Map<string, number>;
    /** Bytes per storage class per bucket, when known from elsewhere (else from the metrics). */
    s3BytesByClass?: Map<string, Record<string, number>>;
  };
  now: number;
}

/** Thresholds of the rules, in one place. */
export const THRESHOLDS = {
  /** Days of metrics a usage-based rule needs before it says anything. */
  minDaysOfData: 7,
  /** Days of metrics for 'medium' (not 'low') confidence in right-sizing. */
  confidentDaysOfData: 14,
  /** Headroom over the 99th percentile of hourly use when right-sizing. */
  p99Headroom: 1.3,
  /** Headroom over the hourly peak when right-sizing. */
  peakHeadroom: 1.1,
  /** A right-sizing is proposed only when it lowers the setting by at least this share. */
  minReduction: 0.2,
  /** Cost rules below this monthly saving are noise. */
  minSavingsUsd: 1,
  /** Attached EBS volume idle at least this long counts as idle. */
  idleDays: 14,
  /** EFS: monthly reads below this share of the stored bytes mean "read rarely". */
  efsRareReadRatio: 0.3,
  efsVeryRareReadRatio: 0.05,
  /** EFS bursting: credits projected to run out within this many days. */
  burstDepletionDays: 14,
  /** S3: monthly downloads below this share of stored bytes mean "cold". */
  s3ColdReadRatio: 0.01,
  /** S3: size change below this share over the window means "written once". */
  s3StableGrowth: 0.01,
  /** Capacity runway that counts as a risk. */
  runwayDays: 30,
  /** Growth room a capacity increase should buy. */
  runwayTargetDays: 90,
} as const;

const DAY_MS = 86_400_000;
const MIB = 1024 * 1024;
const MB = 1_000_000;
const TIB = 1024 ** 4;
const INACTIVE = new Set(['creating', 'deleting', 'deleted', 'failed']);

// ---------------------------------------------------------------------------
// Helpers.

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

function fmtInt(n: number): string {
  return groupDigits(Math.round(n));
}

function cost(info: StorageInfo, usage?: StorageUsage): number | null {
  const r = estimateStorageCost(info, usage);
  return r.ok ? r.estimate.totalUsd : null;
}

function saving(before: number | null, after: number | null): number | null {
  return before === null || after === null ? null : round2(before - after);
}

/** Days spanned by the activity series of a StorageMetrics (0 when none). */
export function daysOfData(m: StorageMetrics | undefined): number {
  if (!m) return 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of [m.readBytesPerSec, m.writeBytesPerSec, m.readOpsPerSec, m.writeOpsPerSec]) {
    if (s.length === 0) continue;
    lo = Math.min(lo, s[0].t);
    hi = Math.max(hi, s[s.length - 1].t + m.periodSeconds * 1000);
  }
  return Number.isFinite(lo) ? (hi - lo) / DAY_MS : 0;
}

/** Total bytes moved by a rate series (rate x period). */
function totalOf(points: readonly MetricPoint[], periodSeconds: number): number {
  let s = 0;
  for (const p of points) s += p.v * periodSeconds;
  return s;
}

/** Bytes per 30 days extrapolated from what a window of `days` moved. */
function perMonth(total: number, days: number): number {
  return days > 0 ? (total * 30) / days : 0;
}

function needFrom(points: readonly MetricPoint[]): number {
  const p99 = quantile(points, 0.99) ?? 0;
  const peak = summarize(points).peak ?? 0;
  return Math.max(p99 * THRESHOLDS.p99Headroom, peak * THRESHOLDS.peakHeadroom);
}

function attached(info: StorageInfo): boolean {
  return (info.mount.ebsAttachments ?? []).some((a) => a.state === 'attached' || a.state === 'attaching' || a.state === 'busy');
}

function priceNote(s: number | null): string {
  return s === null ? ' No price for this region or configuration: saving unknown.' : '';
}

interface Ctx {
  info: StorageInfo;
  m?: StorageMetrics;
  days: number;
  pattern?: UsagePattern;
  input: RecommendationInput;
}

function rec(ctx: Ctx, r: Omit<Recommendation, 'id' | 'resourceId' | 'resourceName' | 'type'>): Recommendation {
  return { id: `${r.rule}:${ctx.info.id}`, resourceId: ctx.info.id, resourceName: ctx.info.name, type: ctx.info.type, ...r };
}

// ---------------------------------------------------------------------------
// EBS.

/**
 * What keeping a copy of an EBS volume costs once the volume is gone: a snapshot in the standard
 * tier, or moved to the archive tier (90-day minimum, restores take 24-72 hours:
 * https://docs.aws.amazon.com/ebs/latest/userguide/snapshot-archive.html). Priced at the full
 * volume size, an upper bound (snapshots bill the blocks in use).
 */
function keepCopyCosts(info: StorageInfo): { volume: number | null; standard: number | null; archive: number | null } {
  const sizeGiB = (info.sizeBytes ?? 0) / BYTES_PER_GIB;
  const volume = cost(info);
  const withSnap = cost(info, { backupGiB: sizeGiB });
  const p = { volumeType: info.ebs?.volumeType ?? '', sizeGiB, iops: info.iops, throughputMBps: info.throughputMBps };
  const plain = ebsMonthly(info.region, p);
  const archived = ebsMonthly(info.region, { ...p, snapshotArchiveGiB: sizeGiB });
  return {
    volume,
    standard: volume !== null && withSnap !== null ? round2(withSnap - volume) : null,
    archive: plain.ok && archived.ok ? round2(archived.estimate.totalUsd - plain.estimate.totalUsd) : null,
  };
}

interface DeletePlan {
  saving: number | null;
  /** Snapshot-then-delete pays off with a standard snapshot (the automatic action can do it). */
  standardPays: boolean;
  text: string;
}

function deletePlan(info: StorageInfo): DeletePlan {
  const c = keepCopyCosts(info);
  const withStandard = c.volume !== null && c.standard !== null ? round2(c.volume - c.standard) : null;
  const withArchive = c.volume !== null && c.archive !== null ? round2(c.volume - c.archive) : null;
  const volumeText = c.volume !== null ? `it costs ${formatUsd(c.volume)}/month` : 'its cost is unknown';
  if (withStandard !== null && withStandard > 0) {
    const more = withArchive !== null && c.archive !== null && c.standard !== null && c.archive < c.standard ? `; moving the snapshot to the archive tier would cut that to ${formatUsd(c.archive)}/month` : '';
    return { saving: withStandard, standardPays: true, text: `${volumeText}; a full snapshot would cost at most ${formatUsd(c.standard ?? 0)}/month (snapshots bill the blocks in use)${more}` };
  }
  return {
    saving: withArchive !== null && withArchive > 0 ? withArchive : withStandard,
    standardPays: false,
    text: `${volumeText}; a full snapshot in the standard tier would cost ${c.standard !== null ? formatUsd(c.standard) : 'an unknown amount'}/month, more than the volume, so keep a copy only in the archive tier (${c.archive !== null ? formatUsd(c.archive) : 'unknown'}/month, 90-day minimum, restores take 24-72 hours)`,
  };
}

function ebsUnattached(ctx: Ctx): Recommendation | null {
  const { info, m, days, pattern } = ctx;
  if (info.type !== 'ebs' || attached(info) || info.state !== 'available' || info.sizeBytes === undefined) return null;
  const plan = deletePlan(info);
  const before = cost(info);
  const ageDays = info.createdAt ? (ctx.input.now - Date.parse(info.createdAt)) / DAY_MS : undefined;
  const noIo = !m || days === 0 || (pattern?.idleFraction ?? 1) >= 0.999;
  const quietDays = m && days > 0 && pattern?.idleSinceDays != null ? pattern.idleSinceDays : undefined;
  const confidence: Confidence = noIo && (ageDays === undefined || ageDays >= 7) ? 'high' : 'medium';
  const evidence = ['Not attached to any instance', noIo ? (quietDays !== undefined ? `no reads or writes for ${Math.round(quietDays)} days` : 'no reads or writes reported in the last 30 days') : 'some IO in the window (it was attached recently)', plan.text].join('; ');
  const deleteOnly = before !== null ? `; if the data is not needed, delete it without a snapshot and save ${formatUsd(before)}/month` : '';
  return rec(ctx, {
    rule: 'ebs-unattached',
    title: `Unattached EBS volume ${info.name}`,
    action: plan.standardPays
      ? `Snapshot ${info.id} and delete the volume (${formatBytes(info.sizeBytes)} ${info.ebs?.volumeType ?? ''})${deleteOnly}.`
      : `Snapshot ${info.id}, move the snapshot to the archive tier (EC2 ModifySnapshotTier), then delete the volume (${formatBytes(info.sizeBytes)} ${info.ebs?.volumeType ?? ''})${deleteOnly}.`,
    evidence: evidence + '.' + priceNote(plan.saving),
    confidence,
    monthlySavingsUsd: plan.saving,
    focus: 'cost',
    // The automatic action keeps a standard-tier snapshot: offered only where that pays off.
    ...(plan.standardPays ? { optimize: { kind: 'ebs-snapshot-delete' } as const } : {}),
  });
}

function ebsIdleAttached(ctx: Ctx): Recommendation | null {
  const { info, days, pattern } = ctx;
  if (info.type !== 'ebs' || !attached(info) || info.sizeBytes === undefined || !pattern) return null;
  if (days < THRESHOLDS.idleDays || (pattern.idleSinceDays ?? 0) < THRESHOLDS.idleDays) return null;
  const plan = deletePlan(info);
  const inst = (info.mount.ebsAttachments ?? []).map((a) => `${a.instanceId} (${a.device})`).join(', ');
  return rec(ctx, {
    rule: 'ebs-idle',
    title: `Idle EBS volume ${info.name}`,
    action: `If nothing on ${inst} needs ${info.id}: unmount it, detach it, snapshot it${plan.standardPays ? '' : ' (archive tier)'} and delete the volume.`,
    evidence: `Attached to ${inst} but no reads or writes for ${Math.round(pattern.idleSinceDays ?? 0)} days (${Math.round(days)} days observed); ${plan.text}. A boot or standby volume can look like this: check before deleting.${priceNote(plan.saving)}`,
    confidence: 'medium',
    monthlySavingsUsd: plan.saving,
    focus: 'cost',
  });
}

function ebsGp2(ctx: Ctx): Recommendation | null {
  const { info } = ctx;
  if (info.type !== 'ebs' || info.ebs?.volumeType !== 'gp2' || info.sizeBytes === undefined) return null;
  if (!attached(info) && info.state === 'available') return null; // the unattached rule covers it
  const sizeGiB = info.sizeBytes / BYTES_PER_GIB;
  const iops = Math.max(EBS.gp3.minIops, Math.min(EBS.gp3.maxIops, gp2BaselineIops(sizeGiB)));
  const gp2Tput = gp2ThroughputMiBps(sizeGiB);
  const tput = gp2Tput <= 128 ? EBS.gp3.minThroughput : Math.min(EBS.gp3.maxThroughput, gp2Tput);
  const after: StorageInfo = { ...info, ebs: { ...info.ebs, volumeType: 'gp3' }, iops, throughputMBps: tput };
  const s = saving(cost(info), cost(after));
  if (s !== null && s <= 0) return null;
  return rec(ctx, {
    rule: 'ebs-gp2-to-gp3',
    title: `Move ${info.name} from gp2 to gp3`,
    action: `Modify ${info.id} to gp3 with ${fmtInt(iops)} IOPS and ${tput} MiB/s (ModifyVolume; online, no detach or downtime).`,
    evidence: `gp2 at ${fmtInt(sizeGiB)} GiB gives a ${fmtInt(gp2BaselineIops(sizeGiB))} IOPS baseline and up to ${gp2Tput} MiB/s; gp3 gives ${fmtInt(iops)} IOPS and ${tput} MiB/s for less per GiB.${priceNote(s)}`,
    confidence: 'high',
    monthlySavingsUsd: s,
    focus: 'cost',
    optimize: { kind: 'ebs-modify', volumeType: 'gp3', iops, throughputMBps: tput },
  });
}

function ebsOverprovisioned(ctx: Ctx): Recommendation | null {
  const { info, m, days } = ctx;
  if (info.type !== 'ebs' || !m || days < THRESHOLDS.minDaysOfData) return null;
  const vt = info.ebs?.volumeType;
  if (vt !== 'gp3' && vt !== 'io1' && vt !== 'io2') return null;
  const curIops = info.iops;
  if (curIops === undefined) return null;
  const needIops = needFrom(addSeries(m.readOpsPerSec, m.writeOpsPerSec));
  const needTputMiB = needFrom(addSeries(m.readBytesPerSec, m.writeBytesPerSec)) / MIB;
  const minIops = vt === 'gp3' ? EBS.gp3.minIops : EBS.provisionedMinIops;
  let newIops = Math.max(minIops, Math.ceil(needIops / 100) * 100);
  let newTput: number | undefined;
  const changes: string[] = [];
  if (vt === 'gp3') {
    const curT = info.throughputMBps ?? EBS.gp3.minThroughput;
    newTput = Math.max(EBS.gp3.minThroughput, Math.ceil(needTputMiB / 25) * 25);
    if (newTput >= curT * (1 - THRESHOLDS.minReduction)) newTput = curT;
    // gp3 allows at most 0.25 MiB/s per provisioned IOPS.
    newIops = Math.max(newIops, Math.ceil(newTput / EBS.gp3.throughputPerIops / 100) * 100);
    if (newTput < curT) changes.push(`throughput ${curT} -> ${newTput} MiB/s`);
  }
  if (newIops >= curIops * (1 - THRESHOLDS.minReduction)) newIops = curIops;
  if (newIops < curIops) changes.unshift(`IOPS ${fmtInt(curIops)} -> ${fmtInt(newIops)}`);
  if (changes.length === 0) return null;
  const after: StorageInfo = { ...info, iops: newIops, ...(newTput !== undefined ? { throughputMBps: newTput } : {}) };
  const s = saving(cost(info), cost(after));
  if (s !== null && s < THRESHOLDS.minSavingsUsd) return null;
  const peakIops = summarize(addSeries(m.readOpsPerSec, m.writeOpsPerSec)).peak ?? 0;
  const peakMiB = (summarize(addSeries(m.readBytesPerSec, m.writeBytesPerSec)).peak ?? 0) / MIB;
  return rec(ctx, {
    rule: 'ebs-overprovisioned',
    title: `Over-provisioned ${vt} volume ${info.name}`,
    action: `Modify ${info.id}: ${changes.join(', ')} (ModifyVolume; online; a volume can be modified again after 6 hours).`,
    evidence: `Over ${Math.round(days)} days the busiest hour averaged ${fmtInt(peakIops)} IOPS and ${peakMiB.toFixed(1)} MiB/s against ${fmtInt(curIops)} IOPS${vt === 'gp3' ? ` and ${info.throughputMBps ?? EBS.gp3.minThroughput} MiB/s` : ''} provisioned; the new values keep ${Math.round((THRESHOLDS.p99Headroom - 1) * 100)}% headroom over the 99th percentile. Hourly averages hide sub-hour bursts.${priceNote(s)}`,
    confidence: days >= THRESHOLDS.confidentDaysOfData ? 'medium' : 'low',
    monthlySavingsUsd: s,
    focus: 'cost',
    optimize: { kind: 'ebs-modify', iops: newIops, ...(newTput !== undefined ? { throughputMBps: newTput } : {}) },
  });
}

// ---------------------------------------------------------------------------
// FSx.

function fsxOverprovisioned(ctx: Ctx): Recommendation | null {
  const { info, m, days } = ctx;
  if (!m || days < THRESHOLDS.minDaysOfData || !info.type.startsWith('fsx-')) return null;
  const tputPoints = addSeries(m.readBytesPerSec, m.writeBytesPerSec);
  const needMB = needFrom(tputPoints) / MB;
  const p99MB = (quantile(tputPoints, 0.99) ?? 0) / MB;
  const peakMB = (summarize(tputPoints).peak ?? 0) / MB;
  let cur: number;
  let next: number;
  let after: StorageInfo;
  let optimize: OptimizeAction;
  let unit = 'MB/s';
  if (info.type === 'fsx-lustre') {
    const options = lustrePerUnitOptions(info);
    const pu = info.fsx?.perUnitStorageThroughput;
    if (!options || pu === undefined || info.sizeBytes === undefined || !options.includes(pu)) return null;
    const tib = info.sizeBytes / TIB;
    cur = pu;
    next = Math.min(pu, smallestAtLeast(options, needMB / tib));
    if (next >= pu) return null;
    const total = Math.round(next * tib);
    after = { ...info, throughputMBps: total, fsx: { ...info.fsx!, perUnitStorageThroughput: next } };
    optimize = { kind: 'fsx-throughput', throughputCapacityMBps: total, perUnitStorageThroughput: next };
    unit = 'MB/s per TiB';
  } else {
    const options = fsxThroughputOptions(info);
    const t = info.throughputMBps;
    if (!options || t === undefined || !options.includes(t)) return null;
    cur = t;
    next = Math.min(t, smallestAtLeast(options, needMB));
    if (next >= t * (1 - THRESHOLDS.minReduction) || next >= t) return null;
    after = { ...info, throughputMBps: next };
    optimize = { kind: 'fsx-throughput', throughputCapacityMBps: next };
  }
  const s = saving(cost(info), cost(after));
  if (s !== null && s < THRESHOLDS.minSavingsUsd) return null;
  const provisionedMB = info.type === 'fsx-lustre' ? cur * ((info.sizeBytes ?? 0) / TIB) : cur;
  const usePct = provisionedMB > 0 ? (p99MB / provisionedMB) * 100 : 0;
  const confidence: Confidence = days >= THRESHOLDS.confidentDaysOfData ? (usePct < 5 ? 'high' : 'medium') : 'low';
  return rec(ctx, {
    rule: 'fsx-overprovisioned',
    title: `Over-provisioned throughput on ${info.name}`,
    action: `Lower the throughput capacity of ${info.id} from ${fmtInt(cur)} to ${fmtInt(next)} ${unit} (UpdateFileSystem${info.type === 'fsx-lustre' ? ' PerUnitStorageThroughput' : ' ThroughputCapacity'}; Single-AZ file systems pause for a few minutes while the file server is replaced).`,
    evidence: `Over ${Math.round(days)} days the 99th percentile was ${p99MB.toFixed(1)} MB/s and the busiest hour ${peakMB.toFixed(1)} MB/s, ${usePct < 0.1 ? 'under 0.1' : usePct.toFixed(1)}% of the ${fmtInt(provisionedMB)} MB/s provisioned; ${fmtInt(next)} ${unit} is the smallest allowed value with ${Math.round((THRESHOLDS.p99Headroom - 1) * 100)}% headroom. Throughput capacity also sets IOPS and cache memory: check latency after the change.${priceNote(s)}`,
    confidence,
    monthlySavingsUsd: s,
    focus: 'cost',
    optimize,
  });
}

/** Storage capacity (GiB) AWS accepts that is at least `needGiB`, by FSx kind. */
export function nextFsxCapacityGiB(info: StorageInfo, needGiB: number): number {
  const cur = (info.sizeBytes ?? 0) / BYTES_PER_GIB;
  // Windows and ONTAP increases must be at least 10% (managing-storage-capacity pages of each guide).
  const need = Math.max(needGiB, Math.ceil(cur * 1.1 - 1e-9));
  if (info.type === 'fsx-lustre') {
    // Lustre increments (CreateFileSystem StorageCapacity, API reference): SCRATCH_1 1,200, 2,400 then
    // multiples of 3,600; SSD SCRATCH_2/PERSISTENT 1,200, 2,400 then multiples of 2,400; HDD 12 MB/s/TiB
    // multiples of 6,000, 40 MB/s/TiB multiples of 1,800.
    const dep = info.fsx?.deploymentType;
    const hdd = info.fsx?.storageType === 'HDD';
    const step = hdd ? (info.fsx?.perUnitStorageThroughput === 12 ? 6000 : 1800) : dep === 'SCRATCH_1' ? 3600 : 2400;
    if (!hdd && need <= 1200) return 1200;
    if (!hdd && need <= 2400) return 2400;
    return Math.ceil(need / step) * step;
  }
  return Math.ceil(need);
}

function capacityRunway(ctx: Ctx): Recommendation | null {
  const { info, m, pattern } = ctx;
  if (!info.type.startsWith('fsx-') || !m?.usedBytes || m.usedBytes.length < 2 || info.sizeBytes === undefined) return null;
  const runway = pattern?.runwayDays;
  if (runway === null || runway === undefined || runway >= THRESHOLDS.runwayDays) return null;
  const u = m.usedBytes;
  const fit = linearFit(
    u.map((p) => (p.t - u[0].t) / DAY_MS),
    u.map((p) => p.v),
  );
  if (!fit || fit.slope <= 0) return null;
  const usedNow = u[u.length - 1].v;
  const needGiB = (usedNow + fit.slope * THRESHOLDS.runwayTargetDays) / BYTES_PER_GIB;
  const newGiB = nextFsxCapacityGiB(info, needGiB);
  const curGiB = info.sizeBytes / BYTES_PER_GIB;
  const after: StorageInfo = { ...info, sizeBytes: newGiB * BYTES_PER_GIB };
  const s = saving(cost(info), cost(after));
  const fullOn = new Date(ctx.input.now + runway * DAY_MS).toISOString().slice(0, 10);
  return rec(ctx, {
    rule: 'capacity-runway',
    title: `${info.name} fills up in about ${Math.round(runway)} days`,
    action: `Increase the storage capacity of ${info.id} from ${fmtInt(curGiB)} GiB to ${fmtInt(newGiB)} GiB before ${fullOn} (UpdateFileSystem StorageCapacity; capacity can only grow), or delete data.`,
    evidence: `${formatBytes(usedNow)} of ${formatBytes(info.sizeBytes)} used, growing ${formatBytes(fit.slope)} a day (fit R² ${fit.r2.toFixed(2)}); ${fmtInt(newGiB)} GiB leaves room for about ${THRESHOLDS.runwayTargetDays} more days.${s !== null && s < 0 ? ` The larger file system costs ${formatUsd(-s)}/month more.` : ''}${priceNote(s)}`,
    confidence: fit.r2 >= 0.8 ? 'high' : fit.r2 >= 0.5 ? 'medium' : 'low',
    monthlySavingsUsd: s,
    focus: 'risk',
  });
}

// ---------------------------------------------------------------------------
// EFS.

function efsLifecycle(ctx: Ctx): Recommendation | null {
  const { info, m, days } = ctx;
  const e = info.efs;
  if (info.type !== 'efs' || !e || !m || days < THRESHOLDS.minDaysOfData) return null;
  if (e.lifecyclePolicies.some((p) => p.startsWith('TransitionToIA'))) return null;
  const standard = e.sizeInStandardBytes ?? info.sizeBytes;
  if (standard === undefined || standard < BYTES_PER_GIB) return null;
  const monthlyRead = perMonth(totalOf(m.readBytesPerSec, m.periodSeconds), days);
  const ratio = monthlyRead / standard;
  if (ratio >= THRESHOLDS.efsRareReadRatio) return null;
  const hot = Math.min(standard, monthlyRead);
  const cold = standard - hot;
  const archive = efsArchiveAllowed(info);
  const after: StorageInfo = { ...info, efs: { ...e, sizeInStandardBytes: hot, sizeInIaBytes: (e.sizeInIaBytes ?? 0) + cold } };
  const s = saving(cost(info), cost(after));
  if (s !== null && s < THRESHOLDS.minSavingsUsd) return null;
  const policies = [`TransitionToIA AFTER_30_DAYS`, ...(archive ? ['TransitionToArchive AFTER_90_DAYS'] : []), 'TransitionToPrimaryStorageClass AFTER_1_ACCESS'];
  return rec(ctx, {
    rule: 'efs-lifecycle',
    title: `Lifecycle to Infrequent Access${archive ? ' and Archive' : ''} for ${info.name}`,
    action: `Put a lifecycle configuration on ${info.id}: ${policies.join(', ')} (PutLifecycleConfiguration).`,
    evidence: `No lifecycle policy; ${formatBytes(standard)} in Standard but only ${formatBytes(monthlyRead)} read per month over the last ${Math.round(days)} days (${(ratio * 100).toFixed(1)}% of the data). The saving assumes what was not read moves to IA; reads from IA are billed per GB and files return to Standard on first access.${archive ? '' : ' Archive needs Elastic throughput and General Purpose mode, so it is not proposed.'}${priceNote(s)}`,
    confidence: ratio < THRESHOLDS.efsVeryRareReadRatio ? 'high' : 'medium',
    monthlySavingsUsd: s,
    focus: 'cost',
    optimize: { kind: 'efs-lifecycle', transitionToIA: 'AFTER_30_DAYS', ...(archive ? { transitionToArchive: 'AFTER_90_DAYS' } : {}), transitionToPrimaryStorageClass: 'AFTER_1_ACCESS' },
  });
}

/**
 * EFS throughput modes (https://docs.aws.amazon.com/efs/latest/ug/performance.html): Bursting earns
 * credits at 50 KiB/s per GiB of Standard storage and spends them above that baseline; Elastic
 * scales on demand and bills per GB transferred; Provisioned bills the MiB/s set above the
 * baseline and caps throughput there. A mode can be left or lowered once per 24 hours.
 */
function efsBurstCredits(ctx: Ctx): Recommendation | null {
  const { info, m, days } = ctx;
  const e = info.efs;
  if (info.type !== 'efs' || !e || e.throughputMode !== 'bursting' || !m) return null;
  const credits = m.extra.burstCreditBalance ?? [];
  if (credits.length < 24) return null;
  const latest = credits[credits.length - 1];
  const max = summarize(credits).peak ?? 0;
  const recent = credits.filter((p) => p.t >= latest.t - 7 * DAY_MS);
  const fit = linearFit(
    recent.map((p) => (p.t - recent[0].t) / DAY_MS),
    recent.map((p) => p.v),
  );
  const perDay = fit?.slope ?? 0;
  const daysLeft = perDay < 0 ? latest.v / -perDay : null;
  const low = max > 0 && latest.v <= 0.1 * max;
  if (!low && (daysLeft === null || daysLeft > THRESHOLDS.burstDepletionDays)) return null;

  const readGiB = perMonth(totalOf(m.readBytesPerSec, m.periodSeconds), days) / BYTES_PER_GIB;
  const writeGiB = perMonth(totalOf(m.writeBytesPerSec, m.periodSeconds), days) / BYTES_PER_GIB;
  const total = addSeries(m.readBytesPerSec, m.writeBytesPerSec);
  const p99MiB = (quantile(total, 0.99) ?? 0) / MIB;
  const peakMiB = (summarize(total).peak ?? 0) / MIB;
  const before = cost(info);
  const elasticUsd = cost({ ...info, efs: { ...e, throughputMode: 'elastic' } }, { efsElasticReadGiB: readGiB, efsElasticWriteGiB: writeGiB });
  // Provisioned fits a steady load (hourly peak within 1.5x the 99th percentile): set it with 20% headroom.
  const steady = p99MiB > 0 && peakMiB <= 1.5 * p99MiB;
  const provisionedMiBps = Math.max(1, Math.ceil(p99MiB * 1.2));
  const provisionedUsd = steady ? cost({ ...info, efs: { ...e, throughputMode: 'provisioned', provisionedThroughputMiBps: provisionedMiBps } }) : null;
  const useProvisioned = provisionedUsd !== null && (elasticUsd === null || provisionedUsd < elasticUsd);
  const s = saving(before, useProvisioned ? provisionedUsd : elasticUsd);

  const nearZero = max > 0 && latest.v <= 0.01 * max;
  const when = nearZero
    ? 'the credits are used up now'
    : daysLeft !== null
      ? `at this rate they run out in ${daysLeft < 1 ? 'less than a day' : `about ${Math.round(daysLeft)} day${Math.round(daysLeft) === 1 ? '' : 's'}`}`
      : 'they are low';
  const traffic = `${fmtInt(readGiB)} GiB read and ${fmtInt(writeGiB)} GiB written a month, ${p99MiB.toFixed(1)} MiB/s at the 99th percentile`;
  const costText = s === null ? ' The cost of the change is unknown (no price).' : s < 0 ? ` This costs about ${formatUsd(-s)}/month more at the last ${Math.round(days)} days' traffic (${traffic}).` : ` At the last ${Math.round(days)} days' traffic (${traffic}) it also saves ${formatUsd(s)}/month.`;
  const other = useProvisioned
    ? elasticUsd !== null && before !== null
      ? ` Elastic would cost ${formatUsd(elasticUsd - before)}/month more; Provisioned is cheaper for a load this steady but caps throughput at ${provisionedMiBps} MiB/s.`
      : ''
    : provisionedUsd !== null && before !== null
      ? ` Provisioned ${provisionedMiBps} MiB/s would cost ${formatUsd(provisionedUsd - before)}/month more.`
      : steady
        ? ''
        : ` The load is spiky (busiest hour ${peakMiB.toFixed(1)} MiB/s), which Provisioned would cap.`;
  return rec(ctx, {
    rule: 'efs-burst-credits',
    title: `${info.name} is running out of burst credits`,
    action: useProvisioned
      ? `Switch ${info.id} to Provisioned throughput at ${provisionedMiBps} MiB/s (UpdateFileSystem ThroughputMode=provisioned, ProvisionedThroughputInMibps=${provisionedMiBps}); it can be lowered or left once per 24 hours.`
      : `Switch ${info.id} to Elastic throughput (UpdateFileSystem ThroughputMode=elastic): it scales with demand and has no credits to run out; you can switch back after 24 hours.`,
    evidence: `BurstCreditBalance fell from ${formatBytes(max)} to ${formatBytes(latest.v)}; ${when}. Without credits a bursting file system drops to its baseline throughput (50 KiB/s per GiB of Standard storage).${costText}${other}`,
    confidence: nearZero || (daysLeft !== null && daysLeft <= 3) ? 'high' : 'medium',
    monthlySavingsUsd: s,
    focus: 'performance',
    optimize: useProvisioned ? { kind: 'efs-throughput', mode: 'provisioned', provisionedMiBps } : { kind: 'efs-throughput', mode: 'elastic' },
  });
}

// ---------------------------------------------------------------------------
// S3.

function bucketClasses(ctx: Ctx): Record<string, number> | undefined {
  const given = ctx.input.extra?.s3BytesByClass?.get(ctx.info.id);
  if (given && Object.keys(given).length) return given;
  if (ctx.m) {
    const fromMetrics = s3BytesByClass(ctx.m.extra);
    if (Object.keys(fromMetrics).length) return fromMetrics;
  }
  return undefined;
}

function latestObjects(m: StorageMetrics | undefined): number | undefined {
  const o = m?.extra.objects;
  return o && o.length ? o[o.length - 1].v : undefined;
}

function s3Cold(ctx: Ctx): Recommendation | null {
  const { info, m } = ctx;
  if (info.type !== 's3' || info.s3?.hasLifecycleRules || info.s3?.intelligentTiering) return null;
  const classes = bucketClasses(ctx);
  if (!classes) return null;
  const total = Object.values(classes).reduce((a, b) => a + b, 0);
  const standard = classes.STANDARD ?? 0;
  if (standard < BYTES_PER_GIB || standard < 0.5 * total) return null;
  const usage = (bytesByClass: Record<string, number>, extra: Partial<StorageUsage> = {}): StorageUsage => ({ s3BytesByClass: bytesByClass as Partial<Record<S3StorageClass, number>>, ...extra });
  const before = cost(info, usage(classes));
  const hasRequestMetrics = !!info.s3?.requestMetricsFilterId || (m?.readOpsPerSec.length ?? 0) > 0;
  const days = ctx.days;
  if (hasRequestMetrics && m && days >= THRESHOLDS.minDaysOfData) {
    const downloaded = perMonth(totalOf(m.readBytesPerSec, m.periodSeconds), days);
    const ratio = downloaded / standard;
    if (ratio >= THRESHOLDS.s3ColdReadRatio) return null;
    const afterClasses = { ...classes, STANDARD: 0, GLACIER_IR: (classes.GLACIER_IR ?? 0) + standard };
    const s = saving(before, cost(info, usage(afterClasses)));
    if (s !== null && s < THRESHOLDS.minSavingsUsd) return null;
    return rec(ctx, {
      rule: 's3-cold',
      title: `Cold data in S3 Standard: ${info.name}`,
      action: `Add a lifecycle rule to ${info.id}: transition objects to GLACIER_IR (Glacier Instant Retrieval) 30 days after creation (PutBucketLifecycleConfiguration; existing rules are kept).`,
      evidence: `${formatBytes(standard)} in S3 Standard, no lifecycle rules, and only ${formatBytes(downloaded)} downloaded per month over ${Math.round(days)} days (request metrics). Glacier Instant Retrieval keeps millisecond access; it bills a 90-day minimum, 128 KB minimum object size, per-GB retrieval and one-off transition requests. Saving is the steady state once objects are 30 days old.${priceNote(s)}`,
      confidence: 'high',
      monthlySavingsUsd: s,
      focus: 'cost',
      optimize: { kind: 's3-lifecycle', rule: { id: 'prism-cold-to-glacier-ir', transitions: [{ days: 30, storageClass: 'GLACIER_IR' }] } },
    });
  }
  // Reads unknown (no request metrics): only a bucket that has not changed in size is proposed,
  // for Intelligent-Tiering, which moves data only when it is actually not read.
  const used = m?.usedBytes ?? [];
  if (used.length < 7) return null;
  const first = used[0].v;
  const last = used[used.length - 1].v;
  const spanDays = (used[used.length - 1].t - used[0].t) / DAY_MS;
  if (first <= 0 || spanDays < 6 || Math.abs(last - first) / first > THRESHOLDS.s3StableGrowth) return null;
  const objects = latestObjects(m);
  const afterClasses = { ...classes, STANDARD: 0, INTELLIGENT_TIERING: (classes.INTELLIGENT_TIERING ?? 0) + standard };
  const s = saving(before, cost(info, usage(afterClasses, { s3Objects: objects, s3IntelligentTieringTiers: { infrequentBytes: standard } })));
  if (s !== null && s < THRESHOLDS.minSavingsUsd) return null;
  return rec(ctx, {
    rule: 's3-cold',
    title: `Unchanging data in S3 Standard: ${info.name}`,
    action: `Add a lifecycle rule to ${info.id}: transition objects to INTELLIGENT_TIERING at day 0 (PutBucketLifecycleConfiguration; existing rules are kept).`,
    evidence: `${formatBytes(standard)} in S3 Standard, no lifecycle rules, and the bucket size changed by ${(((last - first) / first) * 100).toFixed(2)}% in ${Math.round(spanDays)} days: written once. Reads are unknown (no request metrics), so Intelligent-Tiering is proposed: it moves objects not read for 30 days to its Infrequent Access tier and back on access, for a monitoring fee per object${objects !== undefined ? ` (${fmtInt(objects)} objects)` : ''}. The saving assumes the data stays unread.${priceNote(s)}`,
    confidence: 'medium',
    monthlySavingsUsd: s,
    focus: 'cost',
    optimize: { kind: 's3-lifecycle', rule: { id: 'prism-intelligent-tiering', transitions: [{ days: 0, storageClass: 'INTELLIGENT_TIERING' }] } },
  });
}

function s3IncompleteUploads(ctx: Ctx): Recommendation | null {
  const { info } = ctx;
  if (info.type !== 's3') return null;
  const count = ctx.input.extra?.s3IncompleteUploads?.get(info.id) ?? 0;
  if (count <= 0) return null;
  const hasRules = !!info.s3?.hasLifecycleRules;
  return rec(ctx, {
    rule: 's3-incomplete-multipart',
    title: `Incomplete multipart uploads in ${info.name}`,
    action: `Add a lifecycle rule to ${info.id}: AbortIncompleteMultipartUpload after 7 days (PutBucketLifecycleConfiguration; existing rules are kept).`,
    evidence: `${fmtInt(count)} multipart upload${count === 1 ? ' was' : 's were'} started more than a week ago and never completed or aborted; their parts are billed as storage but do not show up as objects.${hasRules ? ' The bucket has lifecycle rules, none of which cleaned these up.' : ' The bucket has no lifecycle rules.'} Size of the parts unknown, so the saving is not priced.`,
    confidence: 'high',
    monthlySavingsUsd: null,
    focus: 'cost',
    optimize: { kind: 's3-lifecycle', rule: { id: 'prism-abort-incomplete-mpu', transitions: [], abortIncompleteMultipartDays: 7 } },
  });
}

// ---------------------------------------------------------------------------

const RULES: ((ctx: Ctx) => Recommendation | null)[] = [ebsUnattached, ebsIdleAttached, ebsGp2, ebsOverprovisioned, fsxOverprovisioned, capacityRunway, efsLifecycle, efsBurstCredits, s3Cold, s3IncompleteUploads];

/** Every recommendation for the resources given, most money saved first (unpriced ones count as 0). */
export function recommend(input: RecommendationInput): Recommendation[] {
  const out: Recommendation[] = [];
  for (const raw of input.resources) {
    if (INACTIVE.has(raw.state)) continue;
    // Names come from tags: no control characters in text any face may print.
    const info = { ...raw, name: sanitize(raw.name) };
    const m = input.metrics.get(info.id);
    const days = daysOfData(m);
    let pattern = input.patterns?.get(info.id);
    if (!pattern && m) pattern = analyzeMetrics(m, info.type.startsWith('fsx-') ? info.sizeBytes : undefined);
    const ctx: Ctx = { info, m, days, pattern, input };
    for (const rule of RULES) {
      const r = rule(ctx);
      if (r) out.push(r);
    }
  }
  const focusOrder: Record<Focus, number> = { risk: 0, performance: 1, cost: 2 };
  return out.sort((a, b) => (b.monthlySavingsUsd ?? 0) - (a.monthlySavingsUsd ?? 0) || focusOrder[a.focus] - focusOrder[b.focus] || compareText(a.resourceName, b.resourceName) || compareText(a.id, b.id));
}
