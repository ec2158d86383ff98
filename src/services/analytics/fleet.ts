// The fleet at a glance: totals over every store, a breakdown per kind, and the top consumers
// by estimated monthly cost and by measured throughput. Pure: inventory (StorageInfo, with the
// pricing engine's monthlyCost) plus whatever metrics window the caller fetched (the analytics
// screen passes 30 days hourly, so "throughput" is the average over those days).
import { s3BytesByClass } from '../metrics/convert.js';
import { estimateStorageCost, type S3StorageClass } from '../pricing/index.js';
import { STORAGE_TYPES, type MetricPoint, type StorageInfo, type StorageMetrics, type StorageType } from '../types.js';
import { compareText } from '../collate.js';

/** States that no longer hold data or cost anything: left out of every figure. */
const GONE = new Set(['deleted']);

export interface ActivityFigures {
  /** Mean read + write bytes per second over the series given; null when no store had data. */
  throughputBytesPerSec: number | null;
  /** Mean read + write operations per second; null when no store had data. */
  iops: number | null;
}

export interface FleetTotals extends ActivityFigures {
  count: number;
  /** Provisioned (EBS, FSx) or measured (EFS, S3) bytes, over the stores that report a size. */
  sizeBytes: number;
  /** Latest used bytes, over the stores whose metrics report it (FSx, EFS, S3; never EBS). */
  usedBytes: number | null;
  /** Estimated USD per month over the priced stores. */
  monthlyUsd: number;
  /** Stores whose monthly cost is unknown (unpriced region or option, or not yet estimated): not in monthlyUsd. */
  unpriced: number;
  /** Stores that had metrics in the window. */
  withMetrics: number;
  regions: string[];
}

export interface KindBreakdown extends FleetTotals {
  type: StorageType;
}

export interface Consumer {
  id: string;
  name: string;
  type: StorageType;
  region: string;
  /** USD per month (by cost) or bytes per second (by throughput). */
  value: number;
  /** By throughput: the busiest period's read + write bytes per second. */
  peak?: number;
  /** This store's share of the fleet's total of the same measure (0..1). */
  share: number;
}

export interface FleetSummary {
  totals: FleetTotals;
  /** Kinds that have at least one store, in the product's kind order. */
  byKind: KindBreakdown[];
  topByCost: Consumer[];
  topByThroughput: Consumer[];
}

export interface FleetOptions {
  /** Consumers listed per ranking (default 5). */
  top?: number;
}

interface Activity {
  tput: number | null;
  peak: number | null;
  iops: number | null;
  used: number | null;
}

/** Mean of a + b over the union of their timestamps (a missing side counts as 0), and the largest sum. */
function meanOfSum(a: readonly MetricPoint[], b: readonly MetricPoint[]): { mean: number; peak: number } | null {
  if (a.length === 0 && b.length === 0) return null;
  const sums = new Map<number, number>();
  for (const p of a) if (Number.isFinite(p.v)) sums.set(p.t, (sums.get(p.t) ?? 0) + p.v);
  for (const p of b) if (Number.isFinite(p.v)) sums.set(p.t, (sums.get(p.t) ?? 0) + p.v);
  if (sums.size === 0) return null;
  let total = 0;
  let peak = -Infinity;
  for (const v of sums.values()) {
    total += v;
    if (v > peak) peak = v;
  }
  return { mean: total / sums.size, peak };
}

function latest(points: readonly MetricPoint[] | undefined): number | null {
  if (!points || points.length === 0) return null;
  let best: MetricPoint | undefined;
  for (const p of points) if (Number.isFinite(p.v) && (!best || p.t >= best.t)) best = p;
  return best ? best.v : null;
}

/** Throughput, IOPS and used bytes of one store from its metrics (nulls where there are none). */
export function activityOf(m: StorageMetrics | undefined): Activity {
  if (!m) return { tput: null, peak: null, iops: null, used: null };
  const t = meanOfSum(m.readBytesPerSec, m.writeBytesPerSec);
  const o = meanOfSum(m.readOpsPerSec, m.writeOpsPerSec);
  return { tput: t?.mean ?? null, peak: t?.peak ?? null, iops: o?.mean ?? null, used: latest(m.usedBytes) };
}

/**
 * Size and monthly cost of a store: as the inventory has them, except for an S3 bucket the
 * inventory has not sized yet (its size comes only from CloudWatch's daily storage metrics),
 * which is sized and priced from the metrics given, per storage class.
 */
export function sizeAndCost(r: StorageInfo, m: StorageMetrics | undefined): { sizeBytes: number | undefined; monthlyUsd: number | null } {
  const known = typeof r.monthlyCost === 'number' && Number.isFinite(r.monthlyCost) ? r.monthlyCost : null;
  if (r.type !== 's3' || (known !== null && r.sizeBytes !== undefined) || !m) return { sizeBytes: r.sizeBytes, monthlyUsd: known };
  const byClass = s3BytesByClass(m.extra);
  const classes = Object.keys(byClass);
  if (classes.length === 0) return { sizeBytes: r.sizeBytes, monthlyUsd: known };
  const total = Object.values(byClass).reduce((a, b) => a + b, 0);
  if (known !== null) return { sizeBytes: total, monthlyUsd: known };
  const est = estimateStorageCost({ ...r, sizeBytes: total }, { s3BytesByClass: byClass as Partial<Record<S3StorageClass, number>> });
  return { sizeBytes: total, monthlyUsd: est.ok ? est.estimate.totalUsd : null };
}

function emptyTotals(): FleetTotals {
  return { count: 0, sizeBytes: 0, usedBytes: null, monthlyUsd: 0, unpriced: 0, withMetrics: 0, regions: [], throughputBytesPerSec: null, iops: null };
}

function addTo(t: FleetTotals, r: StorageInfo, sc: { sizeBytes: number | undefined; monthlyUsd: number | null }, a: Activity, regions: Set<string>): void {
  t.count++;
  if (typeof sc.sizeBytes === 'number' && Number.isFinite(sc.sizeBytes)) t.sizeBytes += sc.sizeBytes;
  if (sc.monthlyUsd !== null) t.monthlyUsd += sc.monthlyUsd;
  else t.unpriced++;
  if (a.used !== null) t.usedBytes = (t.usedBytes ?? 0) + a.used;
  if (a.tput !== null || a.iops !== null) t.withMetrics++;
  if (a.tput !== null) t.throughputBytesPerSec = (t.throughputBytesPerSec ?? 0) + a.tput;
  if (a.iops !== null) t.iops = (t.iops ?? 0) + a.iops;
  regions.add(r.region);
}

const round2 = (v: number) => Math.round(v * 100) / 100;

/** Fleet totals, the per-kind breakdown and the top consumers by cost and by throughput. */
export function fleetSummary(resources: readonly StorageInfo[], metrics: ReadonlyMap<string, StorageMetrics>, opts: FleetOptions = {}): FleetSummary {
  const top = Math.max(0, opts.top ?? 5);
  const totals = emptyTotals();
  const regions = new Set<string>();
  const kinds = new Map<StorageType, { t: FleetTotals; regions: Set<string> }>();
  const costs: Consumer[] = [];
  const tputs: Consumer[] = [];
  for (const r of resources) {
    if (GONE.has(r.state)) continue;
    const m = metrics.get(r.id);
    const a = activityOf(m);
    const sc = sizeAndCost(r, m);
    addTo(totals, r, sc, a, regions);
    let k = kinds.get(r.type);
    if (!k) kinds.set(r.type, (k = { t: emptyTotals(), regions: new Set() }));
    addTo(k.t, r, sc, a, k.regions);
    const base = { id: r.id, name: r.name, type: r.type, region: r.region, share: 0 };
    if (sc.monthlyUsd !== null && sc.monthlyUsd > 0) costs.push({ ...base, value: sc.monthlyUsd });
    if (a.tput !== null && a.tput > 0) tputs.push({ ...base, value: a.tput, ...(a.peak !== null ? { peak: a.peak } : {}) });
  }
  totals.regions = [...regions].sort();
  totals.monthlyUsd = round2(totals.monthlyUsd);
  const byKind: KindBreakdown[] = [];
  for (const type of STORAGE_TYPES) {
    const k = kinds.get(type);
    if (!k) continue;
    byKind.push({ ...k.t, type, monthlyUsd: round2(k.t.monthlyUsd), regions: [...k.regions].sort() });
  }
  const rank = (list: Consumer[], total: number | null): Consumer[] =>
    list
      .sort((x, y) => y.value - x.value || compareText(x.name, y.name) || compareText(x.id, y.id))
      .slice(0, top)
      .map((c) => ({ ...c, share: total && total > 0 ? c.value / total : 0 }));
  return { totals, byKind, topByCost: rank(costs, totals.monthlyUsd), topByThroughput: rank(tputs, totals.throughputBytesPerSec) };
}

/**
 * The stores an analysis covers: every active store when there are at most `max`, else the
 * `max` most expensive (unpriced ones last, then by name), so the money is where the look goes.
 */
export function selectForAnalysis(resources: readonly StorageInfo[], max = 300): { selected: StorageInfo[]; total: number; bounded: boolean } {
  const active = resources.filter((r) => !INACTIVE.has(r.state));
  if (active.length <= max) return { selected: active.slice(), total: active.length, bounded: false };
  const cost = (r: StorageInfo) => (typeof r.monthlyCost === 'number' && Number.isFinite(r.monthlyCost) ? r.monthlyCost : -1);
  const selected = active
    .slice()
    .sort((a, b) => cost(b) - cost(a) || compareText(a.name, b.name) || compareText(a.id, b.id))
    .slice(0, Math.max(0, max));
  return { selected, total: active.length, bounded: true };
}

/** States with no metrics and nothing to recommend. */
const INACTIVE = new Set(['creating', 'deleting', 'deleted', 'failed']);
