// Analytics for the scripting faces: the metrics service (batched
// GetMetricData), the pattern analysis, the recommendation rules and the
// Cost Explorer service, composed over a list of stores. Pure composition:
// every number comes from src/services (metrics, analytics, pricing, costs).
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { analyzeMetrics, optimizeForWorkload, recommend, staleMultipartUploads, type Focus, type OptimizePlan, type Recommendation, type UsagePattern, type WorkloadKind } from '../../services/analytics/index.js';
import type { Backend } from '../../services/backend.js';
import type { ClientPool } from '../../services/aws/clients.js';
import { classifyError } from '../../services/aws/errors.js';
import { CostService, type CostSummary } from '../../services/costs/index.js';
import { MetricsService, quantile, summarize, WINDOWS, type Window } from '../../services/metrics/index.js';
import { cacheDir } from '../../services/paths.js';
import { StorageError, type MetricPoint, type StorageErrorShape, type StorageInfo, type StorageMetrics, type StorageType } from '../../services/types.js';
import { compareText } from '../../services/collate.js';

const DAY_MS = 86_400_000;
/** States without metrics or recommendations: nothing runs there. */
const INACTIVE = new Set(['creating', 'deleting', 'deleted', 'failed']);

export { WINDOWS };
export type { Window };

export function isWindow(v: string): v is Window {
  return (WINDOWS as string[]).includes(v);
}

export interface MetricsResult {
  metrics: Map<string, StorageMetrics>;
  /** Regions whose CloudWatch failed while others answered. */
  errors: StorageErrorShape[];
}

/** Every series of `stores` over `window`, in as few GetMetricData calls as the API allows. Throws when no region answers. */
export async function fetchMetrics(pool: ClientPool, stores: readonly StorageInfo[], window: Window, now: () => number, signal?: AbortSignal): Promise<MetricsResult> {
  const active = stores.filter((s) => !INACTIVE.has(s.state));
  if (active.length === 0) return { metrics: new Map(), errors: [] };
  const svc = new MetricsService(pool, { now });
  const metrics = await svc.fetch(
    active.map((resource) => ({ resource, window })),
    signal,
  );
  return { metrics, errors: svc.lastErrors.map((e) => e.toJSON()) };
}

// ---------------------------------------------------------------------------
// analytics: a per-store summary of a window

export interface Stat {
  average: number | null;
  p99: number | null;
  peak: number | null;
}

export interface AnalyticsRow {
  id: string;
  name: string;
  type: StorageType;
  region: string;
  window: Window;
  periodSeconds: number | null;
  /** Read + write, bytes per second. */
  throughputBytesPerSec: Stat;
  /** Read + write operations per second. */
  iops: Stat;
  latencyMs: Stat | null;
  /** Latest used bytes, when the service reports it. */
  usedBytes: number | null;
  /** Provisioned (EBS, FSx) or measured (EFS, S3) size. */
  sizeBytes: number | null;
  /** p99 throughput as a share of the provisioned throughput (0..1+), when provisioned. */
  throughputUtilisation: number | null;
  monthlyCost: number | null;
  /** Data points seen (0: no metrics for this window). */
  points: number;
}

function stat(points: readonly MetricPoint[]): Stat {
  const s = summarize(points);
  return { average: s.average, p99: quantile(points, 0.99), peak: s.peak };
}

function sumSeries(a: readonly MetricPoint[], b: readonly MetricPoint[]): MetricPoint[] {
  const m = new Map<number, number>();
  for (const p of a) m.set(p.t, (m.get(p.t) ?? 0) + p.v);
  for (const p of b) m.set(p.t, (m.get(p.t) ?? 0) + p.v);
  return [...m.entries()].sort((x, y) => x[0] - y[0]).map(([t, v]) => ({ t, v }));
}

export function analyticsRow(info: StorageInfo, m: StorageMetrics | undefined, window: Window): AnalyticsRow {
  const tput = m ? sumSeries(m.readBytesPerSec, m.writeBytesPerSec) : [];
  const ops = m ? sumSeries(m.readOpsPerSec, m.writeOpsPerSec) : [];
  const t = stat(tput);
  const used = m?.usedBytes?.length ? summarize(m.usedBytes).current : null;
  const provisioned = info.throughputMBps ? info.throughputMBps * 1_000_000 : null;
  return {
    id: info.id,
    name: info.name,
    type: info.type,
    region: info.region,
    window,
    periodSeconds: m?.periodSeconds ?? null,
    throughputBytesPerSec: t,
    iops: stat(ops),
    latencyMs: m?.latencyMs?.length ? stat(m.latencyMs) : null,
    usedBytes: used,
    sizeBytes: info.sizeBytes ?? null,
    throughputUtilisation: provisioned && t.p99 !== null ? t.p99 / provisioned : null,
    monthlyCost: info.monthlyCost ?? null,
    points: tput.length,
  };
}

export async function analytics(pool: ClientPool, stores: readonly StorageInfo[], window: Window, now: () => number): Promise<{ rows: AnalyticsRow[]; errors: StorageErrorShape[] }> {
  const { metrics, errors } = await fetchMetrics(pool, stores, window, now);
  return { rows: stores.map((s) => analyticsRow(s, metrics.get(s.id), window)), errors };
}

// ---------------------------------------------------------------------------
// usage patterns

export interface PatternRow extends UsagePattern {
  name: string;
  type: StorageType;
  region: string;
  days: number;
}

/** The capacity a pattern's runway is measured against (as the recommendation rules do). */
function capacityOf(info: StorageInfo): number | undefined {
  return info.type.startsWith('fsx-') ? info.sizeBytes : undefined;
}

function trimmed(m: StorageMetrics, from: number): StorageMetrics {
  const cut = (s: MetricPoint[]) => s.filter((p) => p.t >= from);
  const extra: Record<string, MetricPoint[]> = {};
  for (const [k, v] of Object.entries(m.extra)) extra[k] = cut(v);
  return {
    ...m,
    readBytesPerSec: cut(m.readBytesPerSec),
    writeBytesPerSec: cut(m.writeBytesPerSec),
    readOpsPerSec: cut(m.readOpsPerSec),
    writeOpsPerSec: cut(m.writeOpsPerSec),
    latencyMs: m.latencyMs ? cut(m.latencyMs) : undefined,
    usedBytes: m.usedBytes ? cut(m.usedBytes) : undefined,
    extra,
  };
}

export const MAX_PATTERN_DAYS = 30;

/** Usage patterns over the last `days` days (1..30) of hourly data. */
export async function patterns(pool: ClientPool, stores: readonly StorageInfo[], days: number, now: () => number): Promise<{ patterns: PatternRow[]; errors: StorageErrorShape[] }> {
  const window: Window = days <= 7 ? '7d' : '30d';
  const { metrics, errors } = await fetchMetrics(pool, stores, window, now);
  const to = now();
  const from = to - days * DAY_MS;
  const out: PatternRow[] = [];
  for (const s of stores) {
    const m = metrics.get(s.id);
    if (!m) continue;
    const p = analyzeMetrics(trimmed(m, from), capacityOf(s), { from, to });
    out.push({ ...p, name: s.name, type: s.type, region: s.region, days });
  }
  return { patterns: out, errors };
}

// ---------------------------------------------------------------------------
// recommendations

export { FOCUSES } from '../choices.js';

export async function recommendations(pool: ClientPool, stores: readonly StorageInfo[], focus: Focus | undefined, now: () => number): Promise<{ recommendations: Recommendation[]; errors: StorageErrorShape[] }> {
  const active = stores.filter((s) => !INACTIVE.has(s.state));
  const [{ metrics, errors }, uploads] = await Promise.all([fetchMetrics(pool, active, '30d', now), staleMultipartUploads(pool, active, { now: now() })]);
  const recs = recommend({ resources: active, metrics, extra: { s3IncompleteUploads: uploads }, now: now() });
  return { recommendations: focus ? recs.filter((r) => r.focus === focus) : recs, errors };
}

// ---------------------------------------------------------------------------
// optimize for a workload


export function optimizePlan(info: StorageInfo, workload: WorkloadKind): OptimizePlan {
  return optimizeForWorkload(info, workload);
}

// ---------------------------------------------------------------------------
// cost analysis: what the pricing engine estimates for the stores, and what Cost Explorer billed

export interface CostAnalysis {
  /** The pricing engine's monthly estimate of the listed stores (provisioned or measured size). */
  estimated: {
    totalUsd: number;
    byType: Partial<Record<StorageType, number>>;
    /** Stores without an estimate (unknown region or option): not in the total. */
    unpriced: number;
    /** The most expensive stores, highest first. */
    top: { id: string; name: string; type: StorageType; region: string; monthlyCost: number }[];
  };
  /** Cost Explorer month to date, forecast and daily costs; null when it could not be read. */
  billed: CostSummary | null;
  errors: StorageErrorShape[];
}

const round2 = (v: number) => Math.round(v * 100) / 100;

export function estimatedCosts(stores: readonly StorageInfo[], top = 10): CostAnalysis['estimated'] {
  const byType: Partial<Record<StorageType, number>> = {};
  let total = 0;
  let unpriced = 0;
  for (const s of stores) {
    if (typeof s.monthlyCost !== 'number') {
      unpriced++;
      continue;
    }
    total += s.monthlyCost;
    byType[s.type] = (byType[s.type] ?? 0) + s.monthlyCost;
  }
  for (const k of Object.keys(byType) as StorageType[]) byType[k] = round2(byType[k] ?? 0);
  const ranked = stores
    .filter((s): s is StorageInfo & { monthlyCost: number } => typeof s.monthlyCost === 'number')
    .sort((a, b) => b.monthlyCost - a.monthlyCost || compareText(a.name, b.name))
    .slice(0, top)
    .map((s) => ({ id: s.id, name: s.name, type: s.type, region: s.region, monthlyCost: s.monthlyCost }));
  return { totalUsd: round2(total), byType, unpriced, top: ranked };
}

/** One Cost Explorer cache per account: the simulated region, else the caller's account id (STS). */
export async function costCacheKey(backend: Backend): Promise<string> {
  if (backend.mode === 'sim') return 'sim';
  try {
    const out = await backend.pool.sts().send(new GetCallerIdentityCommand({}));
    if (out.Account) return out.Account;
  } catch {
    // fall back to the profile name: still one cache per set of credentials
  }
  return `profile-${backend.profile ?? 'default'}`;
}

export interface CostOptions {
  now: () => number;
  env: NodeJS.ProcessEnv;
  /** Refresh even when the cached answer is younger than an hour (Cost Explorer bills each request). */
  force?: boolean;
  /** Keep the answer in memory only (tests, --sim-ephemeral). */
  memoryOnly?: boolean;
  /** A CostService to reuse (the REST server keeps one). */
  service?: CostService;
}

export function costService(backend: Backend, key: string, opts: Pick<CostOptions, 'now' | 'env' | 'memoryOnly'>): CostService {
  return new CostService(backend.pool, { cacheDir: opts.memoryOnly ? null : cacheDir(opts.env), cacheKey: key, now: opts.now });
}

export async function costAnalysis(backend: Backend, stores: readonly StorageInfo[], opts: CostOptions): Promise<CostAnalysis> {
  const estimated = estimatedCosts(stores);
  const svc = opts.service ?? costService(backend, await costCacheKey(backend), opts);
  try {
    return { estimated, billed: await svc.get(opts.force), errors: [] };
  } catch (e) {
    const err = e instanceof StorageError ? e : classifyError(e, { service: 'ce', action: 'ce:GetCostAndUsage', region: 'us-east-1' });
    return { estimated, billed: svc.cached() ?? null, errors: [err.toJSON()] };
  }
}
