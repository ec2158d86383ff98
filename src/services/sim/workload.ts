// The simulated region's workload models. Every CloudWatch number the sim answers is a
// pure, deterministic function of (subject, time): profiles give a weekly intensity
// shape, noise comes from a seeded hash of (subject.seed, period index), never Math.random,
// so any window (1 minute to 30 days, any period that is a multiple of 60 s) answers the
// same way twice. Period boundaries are aligned to the period (epoch multiples).
//
// Metric catalogue, names, dimensions and statistic semantics are taken from the AWS docs:
//   EBS  https://docs.aws.amazon.com/ebs/latest/userguide/using_cloudwatch_ebs.html
//        (VolumeThroughputPercentage / VolumeConsumedReadWriteOps: Provisioned IOPS SSD only;
//         BurstBalance: gp2, st1, sc1 only, reported only while the volume is attached)
//   EFS  https://docs.aws.amazon.com/efs/latest/ug/efs-metrics.html
//        (PercentIOLimit: General Purpose mode only; Data*IOBytes SampleCount = operations;
//         ClientConnections valid statistic Sum; StorageBytes emitted every 15 minutes with
//         the StorageClass dimension Total / Standard / IA / Archive)
//        Bursting model: https://docs.aws.amazon.com/efs/latest/ug/performance.html
//        (baseline 50 KiB/s per GiB of Standard storage and at least 1 MiB/s, burst 100 MiB/s per TiB and at least 100 MiB/s,
//         credit balance up to 2.1 TiB, or 2.1 TiB per TiB stored above 1 TiB)
//   FSx  Lustre   https://docs.aws.amazon.com/fsx/latest/LustreGuide/monitoring-cloudwatch.html
//                 (one data point per disk (OST) per minute: Sum = file-system total,
//                  SampleCount = disks; FreeDataStorageCapacity, Logical/PhysicalDiskUsage)
//        Windows  https://docs.aws.amazon.com/fsx/latest/WindowsGuide/monitoring-cloudwatch.html
//                 (FreeStorageCapacity; one data point per file system per minute)
//        ONTAP    https://docs.aws.amazon.com/fsx/latest/ONTAPGuide/file-system-metrics.html
//                 (StorageUsed, LogicalDataStored by FileSystemId; detailed StorageCapacity /
//                  StorageUsed with StorageTier SSD|StandardCapacityPool and DataType All)
//        OpenZFS  https://docs.aws.amazon.com/fsx/latest/OpenZFSGuide/fsx-openzfs-metrics.html
//                 (UsedStorageCapacity, StorageCapacity; StorageTier 'All' / DataType refinements)
//   S3   https://docs.aws.amazon.com/AmazonS3/latest/userguide/metrics-dimensions.html
//        (daily BucketSizeBytes by StorageType, NumberOfObjects with AllStorageTypes; request
//         metrics with FilterId only where a metrics configuration exists, one sample per request)
import type { StorageType } from '../types.js';
import type { SimMetricSubject, WorkloadProfile } from './subject.js';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;
const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;
const TiB = 1024 * GiB;

// ---------------------------------------------------------------------------
// Deterministic noise.

function mix(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Uniform [0, 1) from (seed, a, b); integers of any size up to 2^53 are fine. */
export function hash01(seed: number, a: number, b = 0): number {
  let h = mix((seed >>> 0) ^ 0x9e3779b9);
  h = mix(h ^ (a >>> 0));
  h = mix(h ^ (Math.floor(a / 4294967296) >>> 0) ^ 0x68e31da4);
  h = mix(h ^ (b >>> 0) ^ 0x1b873593);
  return h / 4294967296;
}

/** A stable numeric code for a string (subject ids, instance ids). */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const clamp = (x: number, lo: number, hi: number): number => (x < lo ? lo : x > hi ? hi : x);

// ---------------------------------------------------------------------------
// Profiles: a weekly intensity table (hour of week, Monday 00:00 UTC first) plus levels.

interface ProfileSpec {
  week: Float64Array; // 168 intensities 0..1
  prefix: Float64Array; // 169 cumulative intensity-seconds
  /** Shift the week by a per-subject number of hours (jobs that do not all run at once). */
  shift: boolean;
  /** Utilisation of the binding limit (throughput or IOPS) when the intensity is 1 / 0. */
  busy: readonly [number, number];
  idle: readonly [number, number];
  readShare: number; // share of bytes that are reads
  readIo: number; // bytes per read operation
  writeIo: number;
  metaPerOp: number; // metadata operations per data operation
  conns: readonly [number, number, number]; // client connections: idle, busy min, busy max
  growth: readonly [number, number]; // relative growth of stored data per week
}

function weekTable(f: (dow: number, hour: number) => number): { week: Float64Array; prefix: Float64Array } {
  const week = new Float64Array(168);
  const prefix = new Float64Array(169);
  for (let i = 0; i < 168; i++) {
    week[i] = clamp(f(Math.floor(i / 24), i % 24), 0, 1);
    prefix[i + 1] = prefix[i] + week[i] * 3600;
  }
  return { week, prefix };
}

const cosPeak = (h: number, peak: number): number => 0.5 + 0.5 * Math.cos((2 * Math.PI * (h + 0.5 - peak)) / 24);

const W_NIGHTLY = weekTable((_d, h) => (h >= 22 || h < 4 ? 1 : 0));
const W_OFFICE = weekTable((d, h) => {
  if (d >= 5) return h >= 10 && h < 17 ? 0.12 : 0.01;
  if (h === 8) return 0.6;
  if ((h >= 9 && h < 12) || (h >= 13 && h < 17)) return 1;
  if (h === 12) return 0.5; // lunch dip
  if (h === 17) return 0.7;
  if (h === 18 || h === 19) return 0.2;
  return 0.02;
});
const W_WEB = weekTable((d, h) => (0.35 + 0.65 * cosPeak(h, 16)) * (d >= 5 ? 0.85 : 1));
const W_DB = weekTable((_d, h) => 0.75 + 0.25 * cosPeak(h, 15));
const W_BATCH = weekTable((d, h) => ((d === 0 && h >= 2 && h < 8) || (d === 2 && h >= 10 && h < 17) || (d === 3 && h >= 22) || (d === 4 && h < 5) ? 1 : 0));
const W_MILD = weekTable((d, h) => (0.4 + 0.6 * cosPeak(h, 14)) * (d >= 5 ? 0.6 : 1));
const W_FLAT = weekTable((_d, h) => 0.88 + 0.12 * cosPeak(h, 15));
const W_ZERO = weekTable(() => 0);

const FLAT_GROWTH = [0.001, 0.003] as const;

const PROFILES: Record<WorkloadProfile, ProfileSpec> = {
  'nightly-training': { ...W_NIGHTLY, shift: false, busy: [0.6, 0.9], idle: [0, 0.02], readShare: 0.85, readIo: MiB, writeIo: MiB, metaPerOp: 0.02, conns: [2, 16, 32], growth: FLAT_GROWTH },
  'office-hours-home': { ...W_OFFICE, shift: false, busy: [0.3, 0.55], idle: [0.005, 0.02], readShare: 0.65, readIo: 32 * KiB, writeIo: 16 * KiB, metaPerOp: 1.5, conns: [4, 60, 120], growth: FLAT_GROWTH },
  idle: { ...W_ZERO, shift: false, busy: [0, 0], idle: [0, 0], readShare: 0.5, readIo: 16 * KiB, writeIo: 16 * KiB, metaPerOp: 0, conns: [0, 0, 0], growth: [0, 0] },
  'steady-database': { ...W_DB, shift: false, busy: [0.2, 0.35], idle: [0.2, 0.35], readShare: 0.7, readIo: 16 * KiB, writeIo: 16 * KiB, metaPerOp: 0.01, conns: [4, 4, 8], growth: FLAT_GROWTH },
  'batch-hpc': { ...W_BATCH, shift: true, busy: [0.9, 1], idle: [0, 0.01], readShare: 0.55, readIo: MiB, writeIo: MiB, metaPerOp: 0.05, conns: [1, 32, 96], growth: FLAT_GROWTH },
  'archive-cold': { ...W_ZERO, shift: false, busy: [0, 0], idle: [0, 0.0005], readShare: 0, readIo: MiB, writeIo: MiB, metaPerOp: 0.01, conns: [0, 1, 1], growth: [0, 0] },
  'web-assets': { ...W_WEB, shift: false, busy: [0.25, 0.45], idle: [0.05, 0.1], readShare: 0.95, readIo: 64 * KiB, writeIo: 256 * KiB, metaPerOp: 0.1, conns: [20, 40, 80], growth: FLAT_GROWTH },
  overprovisioned: { ...W_MILD, shift: false, busy: [0.02, 0.045], idle: [0.004, 0.012], readShare: 0.6, readIo: 64 * KiB, writeIo: 64 * KiB, metaPerOp: 0.05, conns: [2, 4, 8], growth: FLAT_GROWTH },
  // Relative to the EFS baseline: demand above baseline, sustained.
  'burst-credit-drain': { ...W_FLAT, shift: false, busy: [1.4, 1.8], idle: [1.4, 1.8], readShare: 0.6, readIo: 64 * KiB, writeIo: 64 * KiB, metaPerOp: 0.3, conns: [10, 20, 40], growth: FLAT_GROWTH },
  growing: { ...W_MILD, shift: false, busy: [0.12, 0.25], idle: [0.02, 0.05], readShare: 0.35, readIo: 128 * KiB, writeIo: 128 * KiB, metaPerOp: 0.2, conns: [4, 8, 20], growth: [0.02, 0.05] },
  creating: { ...W_ZERO, shift: false, busy: [0, 0], idle: [0, 0], readShare: 0.5, readIo: 64 * KiB, writeIo: 64 * KiB, metaPerOp: 0, conns: [0, 0, 0], growth: [0, 0] },
};

/** Seconds from Monday 1969-12-29 00:00 UTC (the week before the epoch's Thursday). */
const WEEK_ORIGIN_S = 3 * 86400;
const WEEK_S = 7 * 86400;

function cumulative(p: ProfileSpec, tMs: number, shiftS: number): number {
  const x = tMs / 1000 + WEEK_ORIGIN_S + shiftS;
  const weeks = Math.floor(x / WEEK_S);
  const r = x - weeks * WEEK_S;
  const hour = Math.min(167, Math.floor(r / 3600));
  return weeks * p.prefix[168] + p.prefix[hour] + p.week[hour] * (r - hour * 3600);
}

function shiftOf(s: SimMetricSubject, p: ProfileSpec): number {
  return p.shift ? (mix(s.seed ^ 0x5bd1e995) % 168) * 3600 : 0;
}

/** Mean profile intensity over [t0, t1) (exact, O(1)). */
function intensity(s: SimMetricSubject, t0: number, t1: number): number {
  const p = PROFILES[s.profile] ?? PROFILES.idle;
  if (t1 <= t0) return 0;
  const sh = shiftOf(s, p);
  return (cumulative(p, t1, sh) - cumulative(p, t0, sh)) / ((t1 - t0) / 1000);
}

// ---------------------------------------------------------------------------
// Load of one period.

interface Load {
  /** Mean utilisation of the reference rate over the period (EFS draining: may exceed 1). */
  u: number;
  /** Highest and lowest one-minute utilisation inside the period. */
  peak: number;
  trough: number;
  /** Mean profile intensity (0..1). */
  w: number;
  readShare: number;
}

const ZERO_LOAD: Load = { u: 0, peak: 0, trough: 0, w: 0, readShare: 0.5 };

function isSilent(s: SimMetricSubject): boolean {
  return s.profile === 'idle' || s.profile === 'creating' || (s.type === 'ebs' && !s.attachedTo);
}

/** Per-period load; noise shrinks for long periods (averaging) as (60/P)^0.25. */
function load(s: SimMetricSubject, start: number, periodSeconds: number): Load {
  if (isSilent(s)) return ZERO_LOAD;
  const p = PROFILES[s.profile] ?? PROFILES.idle;
  const idx = Math.floor(start / (periodSeconds * 1000));
  const k = Math.pow(60 / periodSeconds, 0.25);
  const pick = (r: readonly [number, number], h: number): number => (r[0] + r[1]) / 2 + ((r[1] - r[0]) / 2) * (2 * h - 1) * k;
  const busy = pick(p.busy, hash01(s.seed, idx, periodSeconds * 8 + 1));
  const idle = pick(p.idle, hash01(s.seed, idx, periodSeconds * 8 + 2));
  const w = intensity(s, start, start + periodSeconds * 1000);
  const u = idle + w * (busy - idle);
  let readShare = p.readShare;
  if (readShare > 0 && readShare < 1) readShare = clamp(readShare + 0.1 * (hash01(s.seed, idx, periodSeconds * 8 + 3) - 0.5) * k, 0.01, 0.99);
  let peak = u;
  let trough = u;
  if (periodSeconds > 60) {
    if (w >= 0.999) {
      peak = Math.min(p.busy[1], u * 1.08);
      trough = u * 0.92;
    } else if (w <= 0.001) {
      peak = Math.min(Math.max(p.idle[1], u), u * 1.5);
      trough = u * 0.5;
    } else {
      peak = Math.max(u, busy);
      trough = Math.min(u, idle);
    }
  }
  return { u, peak, trough, w, readShare };
}

// ---------------------------------------------------------------------------
// Stored data.

/** When usedFraction / objectCount apply. */
function anchorOf(s: SimMetricSubject): number {
  return s.scenarioAt ?? s.createdAt + 30 * DAY_MS;
}

function growthPerWeek(s: SimMetricSubject): number {
  const g = (PROFILES[s.profile] ?? PROFILES.idle).growth;
  return g[0] + (g[1] - g[0]) * hash01(s.seed, 0x6e6f, 0x77);
}

/** Multiplier on the anchor size at time t (compounding weekly growth, small day-to-day wobble). */
function growthFactor(s: SimMetricSubject, t: number): number {
  if (t < s.createdAt) return 0;
  const g = growthPerWeek(s);
  if (g === 0) return 1;
  const weeks = (t - anchorOf(s)) / WEEK_MS;
  const wobble = 1 + 0.003 * (hash01(s.seed, Math.floor(t / DAY_MS), 0x7767) - 0.5);
  return Math.pow(1 + g, weeks) * wobble;
}

function isProvisioned(type: StorageType): boolean {
  return type !== 'efs' && type !== 's3';
}

/** Bytes stored (FSx/EBS: used of provisioned; EFS/S3: metered size) at time t. */
export function storedBytesAt(s: SimMetricSubject, t: number): number {
  if (t < s.createdAt) return 0;
  if (s.profile === 'creating') return s.type === 'efs' ? 6 * KiB : 0;
  const cap = Math.max(0, s.capacityBytes);
  if (!isProvisioned(s.type)) return Math.round(cap * growthFactor(s, t));
  const base = cap * clamp(s.usedFraction, 0, 1);
  return Math.round(Math.min(cap * 0.995, Math.max(cap * 0.001, base * growthFactor(s, t))));
}

/** S3 objects at time t. */
function objectsAt(s: SimMetricSubject, t: number): number {
  if (t < s.createdAt || s.profile === 'creating') return 0;
  const n = s.objectCount ?? Math.max(1, Math.round(s.capacityBytes / (4 * MiB)));
  return Math.round(n * growthFactor(s, t));
}

// ---------------------------------------------------------------------------
// Statistics.

export interface Agg {
  sum: number;
  count: number;
  min: number;
  max: number;
}

export type ParsedStat = { kind: 'Sum' | 'Average' | 'Minimum' | 'Maximum' | 'SampleCount' } | { kind: 'p'; q: number };

/**
 * Statistic names CloudWatch accepts: the five basic ones, percentiles pNN[.NN], and the
 * extended statistics (IQM, trimmed / winsorized means), which the sim approximates by the mean.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Statistics-definitions.html
 */
export function parseStat(stat: string): ParsedStat | undefined {
  switch (stat) {
    case 'Sum':
    case 'Average':
    case 'Minimum':
    case 'Maximum':
    case 'SampleCount':
      return { kind: stat };
    case 'IQM':
      return { kind: 'Average' };
  }
  const m = /^p(\d{1,2}(?:\.\d{1,10})?|100)$/.exec(stat);
  if (m) return { kind: 'p', q: Number(m[1]) };
  if (/^(tm|wm|tc|ts)\d{1,2}(\.\d+)?$/.test(stat) || /^(TM|WM|TC|TS)\(\d*(\.\d+)?%?:\d*(\.\d+)?%?\)$/.test(stat)) return { kind: 'Average' };
  return undefined;
}

export function statValue(a: Agg, st: ParsedStat): number {
  const avg = a.count > 0 ? a.sum / a.count : 0;
  switch (st.kind) {
    case 'Sum':
      return a.sum;
    case 'SampleCount':
      return a.count;
    case 'Average':
      return avg;
    case 'Minimum':
      return a.min;
    case 'Maximum':
      return a.max;
    case 'p': {
      // A plausible unimodal distribution between min and max whose median is the mean.
      if (st.q <= 50) return a.min + (avg - a.min) * (st.q / 50);
      const f = (st.q - 50) / 50;
      return avg + (a.max - avg) * f * f;
    }
  }
}

/** One raw data point per minute per emitter: additive totals spread over `points`. */
function additive(total: number, points: number, l: Load): Agg {
  const mean = points > 0 ? total / points : 0;
  const hi = l.u > 0 ? l.peak / l.u : 1;
  const lo = l.u > 0 ? l.trough / l.u : 1;
  return { sum: total, count: points, min: mean * lo, max: mean * hi };
}

/** A gauge: `points` raw data points whose mean is avg. */
function gauge(avg: number, points: number, min = avg, max = avg): Agg {
  return { sum: avg * points, count: points, min: Math.min(min, avg), max: Math.max(max, avg) };
}

/** Deterministic rounding of a fractional count (small rates show sporadic events). */
function roundCount(x: number, seed: number, idx: number, salt: number): number {
  return Math.floor(x + hash01(seed, idx, salt));
}

// ---------------------------------------------------------------------------
// Kind models: each knows its namespace, identity dimension, metrics and how to evaluate them.

interface Ctx {
  s: SimMetricSubject;
  start: number;
  P: number; // seconds
  minutes: number;
  idx: number;
}

interface MetricSpec<C> {
  name: string;
  /** Extra dimension sets besides the identity dimension; listed by ListMetrics. Default [{}]. */
  variants?: readonly Record<string, string>[] | ((s: SimMetricSubject) => readonly Record<string, string>[]);
  /** Accepted by GetMetricData but not listed (documented alternative dimension sets). */
  aliases?: readonly Record<string, string>[];
  applies?: (s: SimMetricSubject) => boolean;
  /** Raw data points exist only on these boundaries (ms), e.g. 15 minutes for EFS StorageBytes. */
  emitEveryMs?: number;
  /** n: raw data points per emitter in the period (minutes, or emission instants for emitEveryMs). */
  evaluate: (c: C, extra: Record<string, string>, n: number) => Agg | undefined;
}

interface KindModel<C> {
  namespace: string;
  identity: string;
  build: (base: Ctx) => C;
  metrics: readonly MetricSpec<C>[];
}

export interface MetricDefinition {
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
}

/** Evaluates one resolved metric for one period; undefined = no data point. */
export type MetricEvaluator = (periodStart: number, periodSeconds: number) => Agg | undefined;

interface ErasedModel {
  namespace: string;
  identity: string;
  list(s: SimMetricSubject): MetricDefinition[];
  resolve(s: SimMetricSubject, metricName: string, dims: Record<string, string>): MetricEvaluator | undefined;
}

function sameDims(a: Record<string, string>, b: Record<string, string>, identity: string): boolean {
  const ka = Object.keys(a);
  let n = 0;
  for (const k of ka) {
    if (k === identity) continue;
    if (b[k] !== a[k]) return false;
    n++;
  }
  return n === Object.keys(b).length;
}

function variantsOf<C>(spec: MetricSpec<C>, s: SimMetricSubject): readonly Record<string, string>[] {
  const v = spec.variants ?? [{}];
  return typeof v === 'function' ? v(s) : v;
}

// Within one handler call, consecutive evaluations of the same resource and period (the
// handler evaluates all metrics of a resource period by period) share one context.
interface Memo {
  s: SimMetricSubject | undefined;
  model: unknown;
  start: number;
  P: number;
  c: unknown;
}
let memo: Memo | undefined;

/** Run fn with context sharing enabled (a batch of queries over the same periods). */
export function withEvalCache<T>(fn: () => T): T {
  const prev = memo;
  memo = { s: undefined, model: undefined, start: 0, P: 0, c: undefined };
  try {
    return fn();
  } finally {
    memo = prev;
  }
}

function contextFor<C>(m: KindModel<C>, s: SimMetricSubject, start: number, P: number): C {
  if (memo && memo.s === s && memo.model === m && memo.start === start && memo.P === P) return memo.c as C;
  const c = m.build({ s, start, P, minutes: P / 60, idx: Math.floor(start / (P * 1000)) });
  if (memo) {
    memo.s = s;
    memo.model = m;
    memo.start = start;
    memo.P = P;
    memo.c = c;
  }
  return c;
}

function defineModel<C>(m: KindModel<C>): ErasedModel {
  const byName = new Map<string, MetricSpec<C>>();
  for (const spec of m.metrics) byName.set(spec.name, spec);
  return {
    namespace: m.namespace,
    identity: m.identity,
    list(s) {
      const out: MetricDefinition[] = [];
      for (const spec of m.metrics) {
        if (spec.applies && !spec.applies(s)) continue;
        for (const extra of variantsOf(spec, s)) out.push({ namespace: m.namespace, metricName: spec.name, dimensions: { [m.identity]: s.id, ...extra } });
      }
      return out;
    },
    resolve(s, metricName, dims) {
      const spec = byName.get(metricName);
      if (!spec || dims[m.identity] !== s.id) return undefined;
      if (spec.applies && !spec.applies(s)) return undefined;
      const extra = [...variantsOf(spec, s), ...(spec.aliases ?? [])].find((v) => sameDims(dims, v, m.identity));
      if (!extra) return undefined;
      return (start, P) => {
        if (P < 60 || P % 60 !== 0 || start < s.createdAt) return undefined;
        const periodMs = P * 1000;
        let n = P / 60;
        if (spec.emitEveryMs) {
          const first = Math.ceil(start / spec.emitEveryMs) * spec.emitEveryMs;
          if (first >= start + periodMs) return undefined;
          n = Math.floor((start + periodMs - 1 - first) / spec.emitEveryMs) + 1;
        }
        return spec.evaluate(contextFor(m, s, start, P), extra, n);
      };
    },
  };
}

// --- EBS ------------------------------------------------------------------

/** Device latency per operation at low load, seconds (rough figures per volume type). */
const EBS_LATENCY_S: Record<string, number> = { gp3: 0.0006, gp2: 0.0008, io1: 0.0004, io2: 0.00025, st1: 0.004, sc1: 0.008, standard: 0.015 };
/** Largest I/O EBS counts as one operation: 256 KiB on SSD, 1 MiB on HDD (EBS I/O characteristics doc). */
const isHdd = (v: string): boolean => v === 'st1' || v === 'sc1' || v === 'standard';

interface EbsCtx extends Ctx {
  l: Load;
  variant: string;
  readBps: number;
  writeBps: number;
  readOps: number;
  writeOps: number;
  readIo: number;
  writeIo: number;
  latR: number;
  latW: number;
  rho: number; // mean operations in flight
}

/** Default throughput ceilings per volume type when the subject gives none. */
const EBS_DEFAULT_TP: Record<string, number> = { gp3: 125 * MiB, gp2: 250 * MiB, io1: 1000 * MiB, io2: 1000 * MiB, st1: 500 * MiB, sc1: 250 * MiB, standard: 90 * MiB };

function ebsDefaults(s: SimMetricSubject): { variant: string; iops: number; tp: number } {
  const variant = s.variant ?? 'gp3';
  const gib = s.capacityBytes / GiB;
  let iops = s.iops > 0 ? s.iops : variant === 'gp2' ? Math.max(100, 3 * gib) : variant === 'st1' ? 500 : variant === 'sc1' ? 250 : 3000;
  // gp2 below 1 TiB can burst to 3,000 IOPS on credits: what a busy workload actually drives.
  if (variant === 'gp2' && gib < 1000) iops = Math.max(iops, 3000);
  const tp = s.throughputBytesPerSec > 0 ? s.throughputBytesPerSec : (EBS_DEFAULT_TP[variant] ?? 125 * MiB);
  return { variant, iops, tp };
}

const EBS: KindModel<EbsCtx> = {
  namespace: 'AWS/EBS',
  identity: 'VolumeId',
  build(base) {
    const { s, start, P, idx } = base;
    const p = PROFILES[s.profile] ?? PROFILES.idle;
    const l = load(s, start, P);
    const { variant, iops, tp } = ebsDefaults(s);
    const cap = isHdd(variant) ? MiB : 256 * KiB;
    const readIo = Math.min(p.readIo, cap);
    const writeIo = Math.min(p.writeIo, cap);
    const avgIo = l.readShare * readIo + (1 - l.readShare) * writeIo;
    const ref = Math.min(tp, iops * avgIo);
    const bytes = Math.min(1, l.u) * ref;
    const readBps = bytes * l.readShare;
    const writeBps = bytes - readBps;
    const readOps = readBps / readIo;
    const writeOps = writeBps / writeIo;
    const u = Math.min(1, l.u);
    const jitter = 1 + 0.2 * (hash01(s.seed, idx, P * 8 + 4) - 0.5);
    const lat = (EBS_LATENCY_S[variant] ?? 0.0008) * (1 + 1.5 * u * u) * (1 + avgIo / (2 * MiB)) * jitter;
    const latR = lat;
    const latW = lat * 1.25;
    const rho = readOps * latR + writeOps * latW;
    return { s: base.s, start: base.start, P: base.P, minutes: base.minutes, idx: base.idx, l, variant, readBps, writeBps, readOps, writeOps, readIo, writeIo, latR, latW, rho };
  },
  metrics: [
    { name: 'VolumeReadBytes', evaluate: (c) => additive(Math.round(c.readBps * c.P), c.minutes, c.l) },
    { name: 'VolumeWriteBytes', evaluate: (c) => additive(Math.round(c.writeBps * c.P), c.minutes, c.l) },
    { name: 'VolumeReadOps', evaluate: (c) => additive(Math.round(c.readOps * c.P), c.minutes, c.l) },
    { name: 'VolumeWriteOps', evaluate: (c) => additive(Math.round(c.writeOps * c.P), c.minutes, c.l) },
    { name: 'VolumeTotalReadTime', evaluate: (c) => additive(Math.round(c.readOps * c.P) * c.latR, c.minutes, c.l) },
    { name: 'VolumeTotalWriteTime', evaluate: (c) => additive(Math.round(c.writeOps * c.P) * c.latW, c.minutes, c.l) },
    {
      name: 'VolumeIdleTime',
      evaluate: (c) => {
        const u = c.l.u;
        const idleAt = (x: number): number => 60 * Math.exp(-(u > 0 ? (c.rho * x) / u : 0));
        return { sum: c.P * Math.exp(-c.rho), count: c.minutes, min: idleAt(c.l.peak), max: idleAt(c.l.trough) };
      },
    },
    {
      name: 'VolumeQueueLength',
      evaluate: (c) => (c.l.u > 0 ? gauge(c.rho, c.minutes, (c.rho * c.l.trough) / c.l.u, (c.rho * c.l.peak) / c.l.u) : gauge(0, c.minutes)),
    },
    {
      name: 'VolumeThroughputPercentage',
      applies: (s) => s.variant === 'io1' || s.variant === 'io2',
      evaluate: (c) => {
        const v = 100 - 2.5 * Math.min(1, c.l.u) * hash01(c.s.seed, c.idx, c.P * 8 + 5);
        return gauge(v, c.minutes, v - 0.5 * Math.min(1, c.l.peak), 100);
      },
    },
    {
      name: 'VolumeConsumedReadWriteOps',
      applies: (s) => s.variant === 'io1' || s.variant === 'io2',
      evaluate: (c) => {
        const units = (io: number): number => Math.max(1, Math.ceil(io / (256 * KiB)));
        return additive(Math.round((c.readOps * units(c.readIo) + c.writeOps * units(c.writeIo)) * c.P), c.minutes, c.l);
      },
    },
    {
      name: 'BurstBalance',
      applies: (s) => (s.variant === 'gp2' || s.variant === 'st1' || s.variant === 'sc1') && Boolean(s.attachedTo),
      evaluate: (c) => {
        const v0 = ebsBurstBalance(c.s, c.start);
        const v1 = ebsBurstBalance(c.s, c.start + c.P * 1000);
        return gauge((v0 + v1) / 2, c.minutes, Math.min(v0, v1), Math.max(v0, v1));
      },
    },
  ],
};

/**
 * EBS burst bucket (percent) at time t: the bucket is simulated hour by hour over the previous
 * day (starting full), earning at the baseline rate and spending what demand takes above it.
 * gp2 earns 3 IOPS/GiB into a 5.4 M I/O-credit bucket and bursts to 3,000 IOPS; st1/sc1 earn
 * 40/12 MiB/s per TiB and burst to 250/80 MiB/s per TiB
 * (https://docs.aws.amazon.com/ebs/latest/userguide/ebs-volume-types.html).
 */
function ebsBurstBalance(s: SimMetricSubject, t: number): number {
  if (isSilent(s)) return 100;
  const p = PROFILES[s.profile] ?? PROFILES.idle;
  const variant = s.variant ?? 'gp2';
  const tib = Math.max(s.capacityBytes / TiB, 1 / 1024);
  const busy = (p.busy[0] + p.busy[1]) / 2;
  const idle = (p.idle[0] + p.idle[1]) / 2;
  const { iops, tp } = ebsDefaults(s);
  let baseline: number;
  let bucket: number;
  let ref: number;
  if (variant === 'gp2') {
    baseline = Math.max(100, 3 * (s.capacityBytes / GiB));
    if (baseline >= 3000) return 100;
    bucket = 5.4e6;
    const avgIo = p.readShare * Math.min(p.readIo, 256 * KiB) + (1 - p.readShare) * Math.min(p.writeIo, 256 * KiB);
    ref = Math.min(iops, tp / avgIo); // operations per second
  } else {
    baseline = (variant === 'st1' ? 40 : 12) * MiB * tib;
    bucket = (variant === 'st1' ? 1 : 0.33) * TiB * Math.max(1, tib);
    ref = tp; // bytes per second
  }
  const step = HOUR_MS / 4;
  let balance = bucket;
  for (let t0 = t - DAY_MS; t0 < t; t0 += step) {
    const w = intensity(s, t0, t0 + step);
    const demand = (idle + w * (busy - idle)) * ref;
    balance = clamp(balance + (baseline - demand) * (step / 1000), 0, bucket);
  }
  return (100 * balance) / bucket;
}

// --- EFS ------------------------------------------------------------------

interface EfsCtx extends Ctx {
  l: Load;
  readBps: number;
  writeBps: number;
  readOps: number;
  writeOps: number;
  metaOps: number;
  readIo: number;
  writeIo: number;
  permitted: number;
  conns: number;
}

const EFS_META_IO = 4 * KiB;

/** Bytes in the EFS Standard class: what bursting throughput and credits scale with. */
function efsStandardBytes(s: SimMetricSubject, t: number): number {
  return storedBytesAt(s, t) * (s.storageClassFractions ? (s.storageClassFractions.Standard ?? 0) : 1);
}

function efsBaseline(s: SimMetricSubject, t: number): number {
  return Math.max(MiB, 50 * KiB * (efsStandardBytes(s, t) / GiB));
}

function efsBurstRate(s: SimMetricSubject, t: number): number {
  return Math.max(100 * MiB, 100 * MiB * (efsStandardBytes(s, t) / TiB));
}

function efsMaxCredits(s: SimMetricSubject, t: number): number {
  return Math.max(2.1 * TiB, 2.1 * efsStandardBytes(s, t));
}

/** Bursting-mode credit balance (bytes) at time t. */
export function efsBurstCredits(s: SimMetricSubject, t: number): number {
  const max = efsMaxCredits(s, t);
  if (s.profile === 'burst-credit-drain') {
    // Sustained demand above baseline: credits fall from full to empty over 12 days, reaching
    // zero a day after scenarioAt, then hover near zero (earned and spent at once).
    const end = anchorOf(s) + DAY_MS;
    const begin = end - 13 * DAY_MS;
    const wob = hash01(s.seed, Math.floor(t / HOUR_MS), 0x6372);
    if (t <= begin) return max * (0.985 + 0.015 * wob);
    if (t >= end) return max * 0.002 * wob;
    const f = (end - t) / (end - begin);
    return max * f * (0.99 + 0.02 * wob);
  }
  if (isSilent(s)) return max;
  const p = PROFILES[s.profile] ?? PROFILES.idle;
  const w = intensity(s, t - 12 * HOUR_MS, t);
  const demand = ((p.busy[0] + p.busy[1]) / 2) * efsBurstRate(s, t);
  const over = Math.max(0, demand - efsBaseline(s, t)) / efsBurstRate(s, t);
  return max * (1 - clamp(0.6 * w * over, 0, 0.6));
}

function efsMode(s: SimMetricSubject): string {
  return s.variant ?? 'bursting';
}

const EFS_CLASSES = ['Total', 'Standard', 'IA', 'Archive'] as const;

function efsClassShare(s: SimMetricSubject, cls: string): number {
  if (cls === 'Total') return 1;
  const f = s.storageClassFractions;
  if (!f) return cls === 'Standard' ? 1 : 0;
  return f[cls] ?? 0;
}

const EFS: KindModel<EfsCtx> = {
  namespace: 'AWS/EFS',
  identity: 'FileSystemId',
  build(base) {
    const { s, start, P } = base;
    const p = PROFILES[s.profile] ?? PROFILES.idle;
    const l = load(s, start, P);
    const mode = efsMode(s);
    const baseline = efsBaseline(s, start);
    const burst = efsBurstRate(s, start);
    const tp = s.throughputBytesPerSec > 0 ? s.throughputBytesPerSec : baseline;
    let ref: number;
    let permitted: number;
    let u = l.u;
    if (mode === 'bursting') {
      const credits = efsBurstCredits(s, start);
      const exhausted = credits <= efsMaxCredits(s, start) * 0.005;
      permitted = exhausted ? baseline : burst;
      if (s.profile === 'burst-credit-drain') {
        ref = baseline;
        if (exhausted) u = Math.min(u, 0.97 + 0.03 * hash01(s.seed, base.idx, P * 8 + 6));
        u = Math.min(u, burst / baseline);
      } else {
        ref = burst;
        u = Math.min(u, 1);
      }
    } else if (mode === 'provisioned') {
      permitted = Math.max(tp, baseline);
      ref = permitted;
      u = Math.min(u, 1);
    } else {
      // elastic: traffic scales with the data (20 KiB/s per GiB at full intensity: a busy home
      // directory moves about a quarter of its data a day), not with the 3 GiB/s ceiling in
      // throughputBytesPerSec; elastic is billed per GB transferred, so this sets its bill.
      permitted = tp;
      ref = Math.min(tp, Math.max(10 * MiB, 20 * KiB * (storedBytesAt(s, start) / GiB)));
      u = Math.min(u, 1);
    }
    // Throughput limits apply to metered throughput: reads count one third, metadata 4 KiB each.
    const perByte = l.readShare / 3 + (1 - l.readShare) + (p.metaPerOp * EFS_META_IO * (l.readShare / p.readIo + (1 - l.readShare) / p.writeIo));
    const bytes = (u * ref) / perByte;
    const readBps = bytes * l.readShare;
    const writeBps = bytes - readBps;
    const readOps = readBps / p.readIo;
    const writeOps = writeBps / p.writeIo;
    const metaOps = (readOps + writeOps) * p.metaPerOp;
    const [c0, c1, c2] = p.conns;
    const busyConns = c1 + (c2 - c1) * hash01(s.seed, 0x636f, 0x6e);
    const conns = isSilent(s) ? 0 : Math.round(c0 + l.w * (busyConns - c0));
    const lScaled = l.u > 0 && u !== l.u ? { ...l, u, peak: (l.peak * u) / l.u, trough: (l.trough * u) / l.u } : l;
    return { s: base.s, start: base.start, P: base.P, minutes: base.minutes, idx: base.idx, l: lScaled, readBps, writeBps, readOps, writeOps, metaOps, readIo: p.readIo, writeIo: p.writeIo, permitted, conns };
  },
  metrics: [
    { name: 'DataReadIOBytes', evaluate: (c) => opSized(Math.round(c.readBps * c.P), Math.round(c.readOps * c.P), c.readIo) },
    { name: 'DataWriteIOBytes', evaluate: (c) => opSized(Math.round(c.writeBps * c.P), Math.round(c.writeOps * c.P), c.writeIo) },
    { name: 'MetadataIOBytes', evaluate: (c) => opSized(Math.round(c.metaOps * c.P) * EFS_META_IO, Math.round(c.metaOps * c.P), EFS_META_IO) },
    {
      name: 'TotalIOBytes',
      evaluate: (c) => {
        const ops = Math.round(c.readOps * c.P) + Math.round(c.writeOps * c.P) + Math.round(c.metaOps * c.P);
        const bytes = Math.round(c.readBps * c.P) + Math.round(c.writeBps * c.P) + Math.round(c.metaOps * c.P) * EFS_META_IO;
        return opSized(bytes, ops, Math.max(c.readIo, c.writeIo));
      },
    },
    {
      name: 'MeteredIOBytes',
      evaluate: (c) => {
        // Reads are metered at one third of the rate of other operations.
        const ops = Math.round(c.readOps * c.P) + Math.round(c.writeOps * c.P) + Math.round(c.metaOps * c.P);
        const bytes = Math.round((c.readBps * c.P) / 3) + Math.round(c.writeBps * c.P) + Math.round(c.metaOps * c.P) * EFS_META_IO;
        return opSized(bytes, ops, Math.max(c.readIo, c.writeIo));
      },
    },
    { name: 'PermittedThroughput', evaluate: (c) => gauge(c.permitted, c.minutes) },
    {
      name: 'PercentIOLimit',
      applies: (s) => (s.performanceMode ?? 'generalPurpose') === 'generalPurpose',
      evaluate: (c) => {
        const limit = c.s.iops > 0 ? c.s.iops : 35_000;
        const pct = (u: number): number => clamp(100 * ((c.readOps * u) / limit + ((c.writeOps + c.metaOps) * u) / (limit / 5)), 0, 100);
        const r = c.l.u > 0 ? 1 / c.l.u : 0;
        return gauge(pct(1), c.minutes, pct(c.l.trough * r), pct(c.l.peak * r));
      },
    },
    {
      name: 'BurstCreditBalance',
      applies: (s) => efsMode(s) === 'bursting',
      evaluate: (c) => {
        const v0 = efsBurstCredits(c.s, c.start);
        const v1 = efsBurstCredits(c.s, c.start + c.P * 1000);
        return gauge(Math.round((v0 + v1) / 2), c.minutes, Math.min(v0, v1), Math.max(v0, v1));
      },
    },
    { name: 'ClientConnections', evaluate: (c) => gauge(c.conns, c.minutes) },
    {
      name: 'StorageBytes',
      variants: EFS_CLASSES.map((StorageClass) => ({ StorageClass })),
      emitEveryMs: 15 * MINUTE_MS,
      evaluate: (c, extra, n) => {
        const share = efsClassShare(c.s, extra.StorageClass);
        const v0 = Math.round(storedBytesAt(c.s, c.start) * share);
        const v1 = Math.round(storedBytesAt(c.s, c.start + c.P * 1000 - 1) * share);
        return gauge(Math.round((v0 + v1) / 2), n, Math.min(v0, v1), Math.max(v0, v1));
      },
    },
  ],
};

/** EFS per-operation metrics: Sum = bytes, SampleCount = operations, Min/Max = op sizes. */
function opSized(bytes: number, ops: number, typicalIo: number): Agg {
  if (ops <= 0) return { sum: 0, count: 0, min: 0, max: 0 };
  return { sum: bytes, count: ops, min: Math.max(1, Math.round(typicalIo / 16)), max: Math.min(MiB, typicalIo * 4) };
}

// --- FSx ------------------------------------------------------------------

interface FsxCtx extends Ctx {
  l: Load;
  readBps: number;
  writeBps: number;
  readOps: number;
  writeOps: number;
  metaOps: number;
  /** Raw data points per minute (Lustre: one per disk). */
  k: number;
}

const FSX_IO: Record<string, number> = { LUSTRE: MiB, WINDOWS: 64 * KiB, ONTAP: 32 * KiB, OPENZFS: 128 * KiB };

function fsxType(s: SimMetricSubject): 'LUSTRE' | 'OPENZFS' | 'WINDOWS' | 'ONTAP' {
  if (s.fsxType) return s.fsxType;
  return s.type === 'fsx-lustre' ? 'LUSTRE' : s.type === 'fsx-openzfs' ? 'OPENZFS' : s.type === 'fsx-windows' ? 'WINDOWS' : 'ONTAP';
}

/** Lustre object storage targets (disks): about one per 1.2 TiB of SSD storage. */
function lustreDisks(s: SimMetricSubject): number {
  return clamp(Math.round(s.capacityBytes / (1.2 * TiB)), 1, 2000);
}

function buildFsx(base: Ctx): FsxCtx {
  const { s, start, P } = base;
  const p = PROFILES[s.profile] ?? PROFILES.idle;
  const l = load(s, start, P);
  const t = fsxType(s);
  const io = FSX_IO[t];
  const ref = s.throughputBytesPerSec > 0 ? s.throughputBytesPerSec : 125 * MiB;
  const u = Math.min(1, l.u);
  const bytes = u * ref;
  const readBps = bytes * l.readShare;
  const writeBps = bytes - readBps;
  // client I/O sizes: the profile's, bounded by what the file system type typically sees
  const readIo = Math.min(p.readIo, io);
  const writeIo = Math.min(p.writeIo, io);
  const readOps = readBps / readIo;
  const writeOps = writeBps / writeIo;
  const metaOps = (readOps + writeOps) * p.metaPerOp;
  const lc = u !== l.u && l.u > 0 ? { ...l, u, peak: Math.min(1, l.peak), trough: Math.min(u, l.trough) } : l;
  return { s: base.s, start: base.start, P: base.P, minutes: base.minutes, idx: base.idx, l: lc, readBps, writeBps, readOps, writeOps, metaOps, k: t === 'LUSTRE' ? lustreDisks(s) : 1 };
}

function fsxIoMetrics(): MetricSpec<FsxCtx>[] {
  const per = (c: FsxCtx, total: number): Agg => {
    const a = additive(total, c.minutes * c.k, c.l);
    if (c.k > 1) {
      // per-disk imbalance
      a.min *= 0.85;
      a.max *= 1.15;
    }
    return a;
  };
  return [
    { name: 'DataReadBytes', evaluate: (c) => per(c, Math.round(c.readBps * c.P)) },
    { name: 'DataWriteBytes', evaluate: (c) => per(c, Math.round(c.writeBps * c.P)) },
    { name: 'DataReadOperations', evaluate: (c) => per(c, Math.round(c.readOps * c.P)) },
    { name: 'DataWriteOperations', evaluate: (c) => per(c, Math.round(c.writeOps * c.P)) },
    { name: 'MetadataOperations', evaluate: (c) => per(c, Math.round(c.metaOps * c.P)) },
  ];
}

/** A storage gauge over the period from values at its start and end. */
function storageGauge(c: Ctx, f: (t: number) => number, points = c.minutes): Agg {
  const v0 = Math.round(f(c.start));
  const v1 = Math.round(f(c.start + c.P * 1000 - 1));
  return gauge(Math.round((v0 + v1) / 2), points, Math.min(v0, v1), Math.max(v0, v1));
}

/** Per-disk storage gauge (Lustre): Sum per minute = file-system total, SampleCount = disks. */
function perDiskStorage(c: FsxCtx, f: (t: number) => number): Agg {
  const total = storageGauge(c, f, 1);
  const perDisk = total.sum / c.k;
  const n = c.minutes * c.k;
  return { sum: total.sum * c.minutes, count: n, min: c.k > 1 ? perDisk * 0.93 : total.min, max: c.k > 1 ? perDisk * 1.06 : total.max };
}

const freeBytes = (s: SimMetricSubject) => (t: number) => Math.max(0, s.capacityBytes - storedBytesAt(s, t));

const LUSTRE: KindModel<FsxCtx> = {
  namespace: 'AWS/FSx',
  identity: 'FileSystemId',
  build: buildFsx,
  metrics: [
    ...fsxIoMetrics(),
    { name: 'FreeDataStorageCapacity', evaluate: (c) => perDiskStorage(c, freeBytes(c.s)) },
    // logical = physical: the subject carries no compression setting to derive a ratio from
    { name: 'LogicalDiskUsage', evaluate: (c) => perDiskStorage(c, (t) => storedBytesAt(c.s, t)) },
    { name: 'PhysicalDiskUsage', evaluate: (c) => perDiskStorage(c, (t) => storedBytesAt(c.s, t)) },
  ],
};

const WINDOWS: KindModel<FsxCtx> = {
  namespace: 'AWS/FSx',
  identity: 'FileSystemId',
  build: buildFsx,
  metrics: [...fsxIoMetrics(), { name: 'FreeStorageCapacity', evaluate: (c) => storageGauge(c, freeBytes(c.s)) }],
};

/** Share of an ONTAP file system's used data tiered to the capacity pool. */
function ontapPoolShare(s: SimMetricSubject): number {
  return s.profile === 'archive-cold' ? 0.8 : 0.15 + 0.2 * hash01(s.seed, 0x706f, 0x6f6c);
}

const ONTAP: KindModel<FsxCtx> = {
  namespace: 'AWS/FSx',
  identity: 'FileSystemId',
  build: buildFsx,
  metrics: [
    ...fsxIoMetrics(),
    {
      name: 'StorageUsed',
      variants: [{}, { StorageTier: 'SSD', DataType: 'All' }, { StorageTier: 'StandardCapacityPool', DataType: 'All' }],
      evaluate: (c, extra) => {
        const share = extra.StorageTier === 'SSD' ? 1 - ontapPoolShare(c.s) : extra.StorageTier === 'StandardCapacityPool' ? ontapPoolShare(c.s) : 1;
        return storageGauge(c, (t) => storedBytesAt(c.s, t) * share);
      },
    },
    { name: 'LogicalDataStored', evaluate: (c) => storageGauge(c, (t) => storedBytesAt(c.s, t) * (1.2 + 0.4 * hash01(c.s.seed, 0x6566, 0x66))) },
    { name: 'StorageCapacity', variants: [{ StorageTier: 'SSD', DataType: 'All' }], evaluate: (c) => gauge(c.s.capacityBytes, c.minutes) },
  ],
};

const OPENZFS_ALIASES = [
  { StorageTier: 'All', DataType: 'All' },
  { StorageTier: 'SSD', DataType: 'All' },
];

const OPENZFS: KindModel<FsxCtx> = {
  namespace: 'AWS/FSx',
  identity: 'FileSystemId',
  build: buildFsx,
  metrics: [
    ...fsxIoMetrics(),
    { name: 'UsedStorageCapacity', aliases: OPENZFS_ALIASES, evaluate: (c) => storageGauge(c, (t) => storedBytesAt(c.s, t)) },
    { name: 'StorageCapacity', aliases: OPENZFS_ALIASES, evaluate: (c) => gauge(c.s.capacityBytes, c.minutes) },
  ],
};

// --- S3 -------------------------------------------------------------------

/** CloudWatch StorageType per dominant S3 storage class (subject.variant). */
const S3_CLASS_MIX: Record<string, Record<string, number>> = {
  STANDARD: { StandardStorage: 1 },
  STANDARD_IA: { StandardIAStorage: 0.97, StandardStorage: 0.03 },
  ONEZONE_IA: { OneZoneIAStorage: 0.97, StandardStorage: 0.03 },
  INTELLIGENT_TIERING: { IntelligentTieringFAStorage: 0.35, IntelligentTieringIAStorage: 0.45, IntelligentTieringAAStorage: 0.2 },
  GLACIER_IR: { GlacierInstantRetrievalStorage: 0.97, StandardStorage: 0.03 },
  GLACIER: { GlacierStorage: 0.95, StandardStorage: 0.05 },
  DEEP_ARCHIVE: { DeepArchiveStorage: 0.95, StandardStorage: 0.05 },
  REDUCED_REDUNDANCY: { ReducedRedundancyStorage: 1 },
};

/** Share of bytes per CloudWatch StorageType for a bucket. */
export function s3ClassFractions(s: SimMetricSubject): Record<string, number> {
  return s.storageClassFractions ?? S3_CLASS_MIX[s.variant ?? 'STANDARD'] ?? S3_CLASS_MIX.STANDARD;
}

interface S3Ctx extends Ctx {
  l: Load;
  gets: number;
  puts: number;
  heads: number;
  lists: number;
  deletes: number;
  downloaded: number;
  uploaded: number;
  objSize: number;
}

/** Every request of the period (what AllRequests counts; the latencies and error rates are over these). */
function allRequests(c: S3Ctx): number {
  return c.gets + c.puts + c.heads + c.lists + c.deletes;
}

const REQUEST_FILTER = 'EntireBucket';
const reqDims = [{ FilterId: REQUEST_FILTER }];
const hasRequestMetrics = (s: SimMetricSubject): boolean => Boolean(s.requestMetrics);

function s3ObjectSize(s: SimMetricSubject): number {
  const n = s.objectCount ?? 0;
  return n > 0 ? clamp(s.capacityBytes / n, 4 * KiB, 64 * MiB) : 4 * MiB;
}

const S3: KindModel<S3Ctx> = {
  namespace: 'AWS/S3',
  identity: 'BucketName',
  build(base) {
    const { s, start, P, idx } = base;
    const l = load(s, start, P);
    // Traffic scales with the data (a tenth of it per day at full intensity); throughputBytesPerSec
    // is only a ceiling for S3 (it scales per prefix, not per provisioned unit).
    const ref = Math.min(s.throughputBytesPerSec > 0 ? s.throughputBytesPerSec : Infinity, clamp(s.capacityBytes / (10 * 86400), 64 * KiB, 200 * MiB));
    const bytes = Math.min(1, l.u) * ref * P;
    const objSize = s3ObjectSize(s);
    const downloaded = bytes * l.readShare;
    const uploaded = bytes - downloaded;
    const gets = roundCount(downloaded / objSize, s.seed, idx, P * 16 + 1);
    const puts = roundCount(uploaded / objSize, s.seed, idx, P * 16 + 2);
    const heads = roundCount(gets * 0.15, s.seed, idx, P * 16 + 3);
    const lists = roundCount((gets + puts) * 0.02 + (l.u > 0 ? 0.2 * l.w * (P / 60) : 0), s.seed, idx, P * 16 + 4);
    const deletes = roundCount(puts * 0.05, s.seed, idx, P * 16 + 5);
    return { s: base.s, start: base.start, P: base.P, minutes: base.minutes, idx: base.idx, l, gets, puts, heads, lists, deletes, downloaded: gets * objSize, uploaded: puts * objSize, objSize };
  },
  metrics: [
    {
      name: 'BucketSizeBytes',
      emitEveryMs: DAY_MS,
      variants: (s) =>
        Object.entries(s3ClassFractions(s))
          .filter(([, f]) => f > 0)
          .map(([StorageType]) => ({ StorageType })),
      evaluate: (c, extra, n) => {
        const share = s3ClassFractions(c.s)[extra.StorageType] ?? 0;
        return daily(c, n, (t) => storedBytesAt(c.s, t) * share);
      },
    },
    { name: 'NumberOfObjects', emitEveryMs: DAY_MS, variants: [{ StorageType: 'AllStorageTypes' }], evaluate: (c, _x, n) => daily(c, n, (t) => objectsAt(c.s, t)) },
    { name: 'AllRequests', variants: reqDims, applies: hasRequestMetrics, evaluate: (c) => perRequest(allRequests(c)) },
    { name: 'GetRequests', variants: reqDims, applies: hasRequestMetrics, evaluate: (c) => perRequest(c.gets) },
    { name: 'PutRequests', variants: reqDims, applies: hasRequestMetrics, evaluate: (c) => perRequest(c.puts) },
    { name: 'HeadRequests', variants: reqDims, applies: hasRequestMetrics, evaluate: (c) => perRequest(c.heads) },
    { name: 'ListRequests', variants: reqDims, applies: hasRequestMetrics, evaluate: (c) => perRequest(c.lists) },
    { name: 'DeleteRequests', variants: reqDims, applies: hasRequestMetrics, evaluate: (c) => perRequest(c.deletes) },
    { name: 'BytesDownloaded', variants: reqDims, applies: hasRequestMetrics, evaluate: (c) => perRequest(c.gets, c.downloaded, c.objSize) },
    { name: 'BytesUploaded', variants: reqDims, applies: hasRequestMetrics, evaluate: (c) => perRequest(c.puts, c.uploaded, c.objSize) },
    {
      name: 'FirstByteLatency',
      variants: reqDims,
      applies: hasRequestMetrics,
      evaluate: (c) => {
        const n = allRequests(c);
        const ms = 18 + 25 * hash01(c.s.seed, c.idx, c.P * 16 + 6);
        return n > 0 ? { sum: n * ms, count: n, min: 4, max: ms * 6 } : undefined;
      },
    },
    {
      name: 'TotalRequestLatency',
      variants: reqDims,
      applies: hasRequestMetrics,
      evaluate: (c) => {
        const n = allRequests(c);
        const ms = 18 + 25 * hash01(c.s.seed, c.idx, c.P * 16 + 6) + (c.objSize / (80 * 1e6)) * 1000 * ((c.gets + c.puts) / Math.max(1, n));
        return n > 0 ? { sum: n * ms, count: n, min: 5, max: ms * 5 } : undefined;
      },
    },
    {
      name: '4xxErrors',
      variants: reqDims,
      applies: hasRequestMetrics,
      evaluate: (c) => {
        const n = allRequests(c);
        return n > 0 ? { sum: roundCount(n * 0.004, c.s.seed, c.idx, c.P * 16 + 7), count: n, min: 0, max: 1 } : undefined;
      },
    },
    {
      name: '5xxErrors',
      variants: reqDims,
      applies: hasRequestMetrics,
      evaluate: (c) => {
        const n = allRequests(c);
        return n > 0 ? { sum: roundCount(n * 0.00005, c.s.seed, c.idx, c.P * 16 + 8), count: n, min: 0, max: n > 1000 ? 1 : 0 } : undefined;
      },
    },
  ],
};

/** S3 storage metrics: one data point per day stamped 00:00 UTC. */
function daily(c: Ctx, days: number, f: (t: number) => number): Agg {
  const first = Math.ceil(c.start / DAY_MS) * DAY_MS;
  const last = first + (days - 1) * DAY_MS;
  const v0 = Math.round(f(first));
  const v1 = Math.round(f(last));
  return { sum: ((v0 + v1) / 2) * days, count: days, min: Math.min(v0, v1), max: Math.max(v0, v1) };
}

/** S3 request metrics: one sample per request (value 1, or bytes per request). No requests: no data. */
function perRequest(n: number, bytes?: number, size?: number): Agg | undefined {
  if (n <= 0) return undefined;
  if (bytes === undefined) return { sum: n, count: n, min: 1, max: 1 };
  return { sum: bytes, count: n, min: Math.max(1, Math.round((size ?? 1) / 8)), max: Math.round((size ?? 1) * 3) };
}

// ---------------------------------------------------------------------------
// Traffic totals for billing (the same numbers the metrics show).

export interface Traffic {
  readBytes: number;
  writeBytes: number;
  readOps: number;
  writeOps: number;
  /** S3 only: requests by pricing tier (PUT/COPY/POST/LIST vs GET/HEAD and others). */
  tier1Requests: number;
  tier2Requests: number;
}

/** Totals over [start, start + periodSeconds) whatever metrics configuration the resource has. */
export function traffic(s: SimMetricSubject, start: number, periodSeconds: number): Traffic {
  const P = periodSeconds;
  const base: Ctx = { s, start, P, minutes: P / 60, idx: Math.floor(start / (P * 1000)) };
  if (s.type === 's3') {
    const c = S3.build(base);
    return { readBytes: c.downloaded, writeBytes: c.uploaded, readOps: c.gets, writeOps: c.puts, tier1Requests: c.puts + c.lists, tier2Requests: c.gets + c.heads };
  }
  const c = s.type === 'ebs' ? EBS.build(base) : s.type === 'efs' ? EFS.build(base) : buildFsx(base);
  return { readBytes: c.readBps * P, writeBytes: c.writeBps * P, readOps: c.readOps * P, writeOps: c.writeOps * P, tier1Requests: 0, tier2Requests: 0 };
}

// ---------------------------------------------------------------------------
// Public entry points.

const MODELS: Record<StorageType, ErasedModel> = {
  ebs: defineModel(EBS),
  efs: defineModel(EFS),
  s3: defineModel(S3),
  'fsx-lustre': defineModel(LUSTRE),
  'fsx-windows': defineModel(WINDOWS),
  'fsx-ontap': defineModel(ONTAP),
  'fsx-openzfs': defineModel(OPENZFS),
};

function modelOf(s: SimMetricSubject): ErasedModel {
  if (s.type.startsWith('fsx-') || s.fsxType) {
    const t = fsxType(s);
    return MODELS[t === 'LUSTRE' ? 'fsx-lustre' : t === 'WINDOWS' ? 'fsx-windows' : t === 'ONTAP' ? 'fsx-ontap' : 'fsx-openzfs'];
  }
  return MODELS[s.type];
}

const IDENTITY_BY_NAMESPACE: Record<string, string> = { 'AWS/EBS': 'VolumeId', 'AWS/EFS': 'FileSystemId', 'AWS/FSx': 'FileSystemId', 'AWS/S3': 'BucketName' };

/** The dimension naming the resource in a namespace the sim models (undefined: not modelled). */
export function identityDimension(namespace: string): string | undefined {
  return IDENTITY_BY_NAMESPACE[namespace];
}

const UNIT_BY_METRIC: Record<string, string> = {
  VolumeTotalReadTime: 'Seconds',
  VolumeTotalWriteTime: 'Seconds',
  VolumeIdleTime: 'Seconds',
  VolumeThroughputPercentage: 'Percent',
  BurstBalance: 'Percent',
  PercentIOLimit: 'Percent',
  PermittedThroughput: 'Bytes/Second',
  FirstByteLatency: 'Milliseconds',
  TotalRequestLatency: 'Milliseconds',
};

/** The unit a metric is published with (a MetricStat asking for another unit gets no data). */
export function unitOf(metricName: string): string {
  const u = UNIT_BY_METRIC[metricName];
  if (u) return u;
  return /Bytes$|Capacity$|StorageUsed$|DataStored$|DiskUsage$|CreditBalance$|^BytesDownloaded$|^BytesUploaded$/.test(metricName) ? 'Bytes' : 'Count';
}

/** The CloudWatch namespace a subject's metrics live in. */
export function namespaceOf(s: SimMetricSubject): string {
  return modelOf(s).namespace;
}

/** Every metric that exists for a subject (what ListMetrics shows). */
export function metricsFor(s: SimMetricSubject): MetricDefinition[] {
  return modelOf(s).list(s);
}

/** Resolve (namespace, metric, dimensions) for a subject once; evaluate per period after. */
export function resolveMetric(s: SimMetricSubject, namespace: string, metricName: string, dimensions: Record<string, string>): MetricEvaluator | undefined {
  const m = modelOf(s);
  return m.namespace === namespace ? m.resolve(s, metricName, dimensions) : undefined;
}

/**
 * The CloudWatch statistic of one metric for one period, or undefined when there is no data
 * point (before createdAt, metric absent for this kind/variant, S3 storage metrics off the
 * daily boundary, S3 request metrics without requests, unknown statistic).
 */
export function sample(
  subject: SimMetricSubject,
  namespace: string,
  metricName: string,
  dimensions: Record<string, string>,
  periodStart: number,
  periodSeconds: number,
  stat: string,
): number | undefined {
  const st = parseStat(stat);
  if (!st) return undefined;
  const ev = resolveMetric(subject, namespace, metricName, dimensions);
  const a = ev?.(periodStart, periodSeconds);
  return a ? statValue(a, st) : undefined;
}
