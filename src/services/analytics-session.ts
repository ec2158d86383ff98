// The analytics controller: one per session, shared by the analytics screen, the CLI and the
// REST server. It holds the Cost Explorer service (disk cache, one file per account: the
// simulated region never shares a cache with a real account), fetches 30 days of hourly
// metrics for the stores it analyses (all of them up to `maxStores`, else the most expensive
// `maxStores`), scans S3 for stale multipart uploads, derives usage patterns and the
// recommendations, and exposes results, loading and error state through subscribe/getSnapshot.
//
// Costs: Cost Explorer bills every request, so costs come from the cache when it is younger
// than an hour, unless a refresh is forced. The 30-day analysis requests ~10 metrics per store
// (GetMetricData bills per metric requested), so it reruns only when older than an hour, when
// new stores appear, or when forced — never on every frame.
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { Backend } from './backend.js';
import type { ClientPool } from './aws/clients.js';
import { classifyError } from './aws/errors.js';
import { CostService, defaultCostCacheDir, type CostSummary } from './costs/index.js';
import { ApiMeter, MetricsService, type MeterSnapshot } from './metrics/index.js';
import { analyzeMetrics, recommend, staleMultipartUploads, type Recommendation, type UsagePattern } from './analytics/index.js';
import { fleetSummary, selectForAnalysis, type FleetSummary } from './analytics/fleet.js';
import { Poller } from './poller.js';
import { StorageError, type ServiceName, type StorageErrorShape, type StorageInfo, type StorageMetrics } from './types.js';

/** What the controller needs from a session (the TUI's Session satisfies it). */
export interface AnalyticsSource {
  readonly backend: Backend;
  /** The session's API meter: Cost Explorer requests are counted there. */
  readonly meter: ApiMeter;
}

export interface AnalyticsSessionOptions {
  now?: () => number;
  env?: NodeJS.ProcessEnv;
  /** Cost cache directory; null keeps answers in memory only. Default: defaultCostCacheDir(env). */
  cacheDir?: string | null;
  /** Most stores analysed at once (default 300). */
  maxStores?: number;
  /** An analysis older than this is redone when asked for (default one hour). */
  analysisMaxAgeMs?: number;
  /** Cost Explorer refresh interval unless forced (default and minimum sensible: one hour). */
  costMaxAgeMs?: number;
  /** How often an open screen checks whether costs or the analysis are due (default 5 minutes). */
  checkMs?: number;
  /** Consumers per ranking in the fleet summary (default 5). */
  fleetTop?: number;
}

export interface CostsState {
  summary?: CostSummary;
  loading: boolean;
  error?: StorageErrorShape;
  /** The cache key in use ("sim", "aws-<account>", ...). */
  cacheKey?: string;
}

export interface AnalysisTimings {
  fetchMs: number;
  uploadsMs: number;
  patternsMs: number;
  recommendMs: number;
}

export interface AnalysisState {
  loading: boolean;
  /** Why the last analysis failed (CloudWatch answered in no region); earlier results stay. */
  error?: StorageErrorShape;
  /** Regions whose CloudWatch failed while others answered. */
  warnings: StorageErrorShape[];
  /** Epoch ms of the last completed analysis. */
  at?: number;
  /** Stores analysed / active stores in the inventory. */
  analysed: number;
  total: number;
  /** True when only the `maxStores` most expensive stores were analysed. */
  bounded: boolean;
  maxStores: number;
  /** The analysed stores, as the inventory last described them. */
  resources: readonly StorageInfo[];
  /** 30 days of hourly metrics per analysed store id. */
  metrics: ReadonlyMap<string, StorageMetrics>;
  patterns: ReadonlyMap<string, UsagePattern>;
  /** Incomplete multipart uploads older than a week per bucket (buckets that could be listed). */
  uploads: ReadonlyMap<string, number>;
  /** Most money saved first. */
  recommendations: readonly Recommendation[];
  timings?: AnalysisTimings;
}

export interface AnalyticsSnapshot {
  readonly version: number;
  readonly costs: CostsState;
  readonly analysis: AnalysisState;
  /** Over every store of the inventory, with throughput from the analysed stores' 30 days. */
  readonly fleet: FleetSummary;
  /** Recommendations applied in this session (ids), until the inventory shows the change. */
  readonly applied: ReadonlySet<string>;
  /** GetMetricData calls of the 30-day analyses (the live list/detail calls are on the session's meter). */
  readonly analysisMeter: MeterSnapshot;
}

const HOUR_MS = 3_600_000;
const DEFAULT_MAX_STORES = 300;
const INACTIVE = new Set(['creating', 'deleting', 'deleted', 'failed']);

/** One Cost Explorer cache per account: the simulated region, else the caller's account (STS, free), else the profile. */
export async function costCacheKey(backend: Backend): Promise<string> {
  if (backend.mode === 'sim') return 'sim';
  // An emulator (moto, LocalStack) answers for a made-up account: never the same file as a real one.
  const where = backend.endpointUrl ? `endpoint-${safeHost(backend.endpointUrl)}-` : 'aws-';
  try {
    const out = await backend.pool.sts().send(new GetCallerIdentityCommand({}));
    if (out.Account) return `${where}${out.Account}`;
  } catch {
    // Identity unknown: one cache per profile still keeps accounts apart in the common case.
  }
  return `${where}profile-${backend.profile ?? 'default'}`;
}

function safeHost(url: string): string {
  try {
    return new URL(url).host.replace(/[^A-Za-z0-9.-]/g, '_');
  } catch {
    return 'custom';
  }
}

function errorShape(e: unknown, service: ServiceName, action: string): StorageErrorShape {
  return (e instanceof StorageError ? e : classifyError(e, { service, action })).toJSON();
}

function isAbort(e: unknown): boolean {
  return e instanceof Error && e.name === 'AbortError';
}

/** The capacity a usage pattern's runway is measured against (what the recommendation rules use). */
function capacityFor(info: StorageInfo): number | undefined {
  return info.type.startsWith('fsx-') ? info.sizeBytes : undefined;
}

function backendKey(b: Backend): string {
  return `${b.mode}|${b.profile ?? ''}|${b.regions.join(',')}|${b.endpointUrl ?? ''}`;
}

export class AnalyticsSession {
  private readonly now: () => number;
  private readonly listeners = new Set<() => void>();
  private readonly maxStores: number;
  private snap: AnalyticsSnapshot;
  private pool?: ClientPool;
  private key = '';
  private costs?: CostService;
  private costsKeyPromise?: Promise<CostService>;
  private metricsService?: MetricsService;
  private analysisMeter = new ApiMeter();
  private generation = 0;
  private analysisAbort?: AbortController;
  private analysisRun?: Promise<void>;
  private costRun?: Promise<void>;
  private resources: readonly StorageInfo[] = [];
  private analysedIds = new Set<string>();
  /** Every store id the inventory had when the last analysis started: only stores new since then make it due early. */
  private knownIds = new Set<string>();
  private poller?: Poller;
  private unsubscribeMeter?: () => void;

  constructor(
    private readonly source: AnalyticsSource,
    private readonly opts: AnalyticsSessionOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
    this.maxStores = Math.max(1, opts.maxStores ?? DEFAULT_MAX_STORES);
    this.snap = this.initial();
  }

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  getSnapshot = (): AnalyticsSnapshot => this.snap;

  /**
   * The inventory changed (or the screen opened): the fleet summary is redone, and the
   * recommendations are re-derived from the stored metrics for the new descriptions (an applied
   * change that AWS now reports makes its recommendation go away). No AWS call.
   */
  setResources(resources: readonly StorageInfo[]): void {
    this.syncBackend();
    if (resources === this.resources) return;
    this.resources = resources;
    const a = this.snap.analysis;
    const byId = new Map(resources.map((r) => [r.id, r]));
    const analysedNow = a.resources.map((r) => byId.get(r.id)).filter((r): r is StorageInfo => r !== undefined && !INACTIVE.has(r.state));
    let analysis = a;
    let applied = this.snap.applied;
    if (a.at !== undefined) {
      const recommendations = this.recommendFor(analysedNow, a.metrics, a.patterns, a.uploads);
      const stillThere = new Set(recommendations.map((r) => r.id));
      applied = new Set([...applied].filter((id) => stillThere.has(id)));
      analysis = { ...a, resources: analysedNow, recommendations, total: resources.filter((r) => !INACTIVE.has(r.state)).length };
    }
    this.set({ analysis, applied, fleet: this.fleet(resources, analysis.metrics) });
  }

  /**
   * Brings costs and the analysis up to date for `resources`: costs from the cache unless older
   * than an hour (or `force`), the analysis when there is none, it is older than an hour, new
   * stores appeared, or `force`. Resolves when both are done; errors land in the snapshot.
   */
  async ensure(resources: readonly StorageInfo[], opts: { force?: boolean } = {}): Promise<void> {
    await Promise.all([this.refreshCosts(opts.force === true), this.analyse(resources, opts.force === true)]);
  }

  /** Costs: from the cache when younger than an hour, else (or when `force`) from Cost Explorer. */
  refreshCosts(force = false): Promise<void> {
    this.syncBackend();
    if (this.costRun) return this.costRun;
    const gen = this.generation;
    const run = (async () => {
      let svc: CostService;
      try {
        svc = await this.costService();
      } catch (e) {
        if (gen === this.generation) this.set({ costs: { ...this.snap.costs, loading: false, error: errorShape(e, 'ce', 'ce:GetCostAndUsage') } });
        return;
      }
      if (gen !== this.generation) return;
      const cached = svc.cached();
      const maxAge = this.opts.costMaxAgeMs ?? HOUR_MS;
      const age = svc.age();
      const due = force || !cached || age === undefined || age < 0 || age >= maxAge;
      this.set({ costs: { ...this.snap.costs, summary: cached ?? this.snap.costs.summary, loading: due, cacheKey: this.costsCacheKeyValue } });
      if (!due) return;
      try {
        const summary = await svc.get(force);
        if (gen === this.generation) this.set({ costs: { summary, loading: false, cacheKey: this.costsCacheKeyValue } });
      } catch (e) {
        if (gen === this.generation) this.set({ costs: { ...this.snap.costs, summary: svc.cached() ?? this.snap.costs.summary, loading: false, error: errorShape(e, 'ce', 'ce:GetCostAndUsage') } });
      }
    })().finally(() => {
      if (this.costRun === run) this.costRun = undefined;
    });
    this.costRun = run;
    return run;
  }

  /** True when an analysis of `resources` would be redone now (none yet, stale, or new stores). */
  analysisDue(resources: readonly StorageInfo[]): boolean {
    const a = this.snap.analysis;
    if (a.at === undefined) return true;
    if (this.now() - a.at >= (this.opts.analysisMaxAgeMs ?? HOUR_MS)) return true;
    // New stores (not a store whose cost moved it into the top `maxStores`: that waits for the hourly rerun).
    const { selected } = selectForAnalysis(resources, this.maxStores);
    return selected.some((r) => !this.analysedIds.has(r.id) && !this.knownIds.has(r.id));
  }

  /** The 30-day analysis (see the file comment); a run in flight is shared, not doubled. */
  analyse(resources: readonly StorageInfo[], force = false): Promise<void> {
    this.setResources(resources);
    if (this.analysisRun) return this.analysisRun;
    if (!force && !this.analysisDue(resources)) return Promise.resolve();
    const run = this.runAnalysis(resources).finally(() => {
      if (this.analysisRun === run) this.analysisRun = undefined;
    });
    this.analysisRun = run;
    return run;
  }

  /** A recommendation was applied: shown as such until the inventory reports the change. */
  markApplied(recommendationId: string): void {
    const applied = new Set(this.snap.applied);
    applied.add(recommendationId);
    this.set({ applied });
  }

  /** While a screen shows the results: costs and the analysis are checked every `checkMs` and refreshed when due. */
  open(resources: () => readonly StorageInfo[]): void {
    this.syncBackend();
    if (this.poller) return;
    this.poller = new Poller({
      intervalMs: this.opts.checkMs ?? 5 * 60_000,
      maxBackoffMs: HOUR_MS,
      task: async () => {
        await this.ensure(resources());
        return this.snap.analysis.error === undefined && this.snap.costs.error === undefined;
      },
    });
    this.poller.start();
  }

  /** The screen closed: no more checks; a run in flight finishes and is kept. */
  close(): void {
    this.poller?.stop();
    this.poller = undefined;
  }

  /** Stops everything (session end). */
  dispose(): void {
    this.close();
    this.analysisAbort?.abort();
    this.unsubscribeMeter?.();
    this.listeners.clear();
  }

  // -------------------------------------------------------------------------

  private costsCacheKeyValue?: string;

  private costService(): Promise<CostService> {
    if (this.costs) return Promise.resolve(this.costs);
    if (!this.costsKeyPromise) {
      const backend = this.source.backend;
      const gen = this.generation;
      this.costsKeyPromise = costCacheKey(backend).then((cacheKey) => {
        const svc = new CostService(backend.pool, {
          cacheDir: this.opts.cacheDir === undefined ? defaultCostCacheDir(this.opts.env ?? process.env) : this.opts.cacheDir,
          cacheKey,
          now: this.now,
          meter: this.source.meter,
          maxAgeMs: this.opts.costMaxAgeMs,
        });
        if (gen === this.generation) {
          this.costs = svc;
          this.costsCacheKeyValue = cacheKey;
        }
        return svc;
      });
      this.costsKeyPromise.catch(() => {
        this.costsKeyPromise = undefined;
      });
    }
    return this.costsKeyPromise;
  }

  private async runAnalysis(resources: readonly StorageInfo[]): Promise<void> {
    const gen = this.generation;
    const { selected, total, bounded } = selectForAnalysis(resources, this.maxStores);
    const known = new Set(resources.map((r) => r.id));
    this.set({ analysis: { ...this.snap.analysis, loading: true, total, bounded, analysed: selected.length } });
    const abort = new AbortController();
    this.analysisAbort = abort;
    const svc = this.metrics();
    const t0 = performance.now();
    try {
      const [metrics, uploads] = await Promise.all([
        selected.length ? svc.fetch(selected.map((resource) => ({ resource, window: '30d' as const })), abort.signal) : Promise.resolve(new Map<string, StorageMetrics>()),
        (async () => {
          const t = performance.now();
          const u = await staleMultipartUploads(this.source.backend.pool, selected, { now: this.now(), signal: abort.signal });
          return { map: u, ms: performance.now() - t };
        })(),
      ]);
      if (gen !== this.generation || abort.signal.aborted) return;
      const fetchMs = performance.now() - t0;
      const t1 = performance.now();
      const patterns = new Map<string, UsagePattern>();
      for (const r of selected) {
        const m = metrics.get(r.id);
        if (m) patterns.set(r.id, analyzeMetrics(m, capacityFor(r)));
      }
      const patternsMs = performance.now() - t1;
      // The inventory may have moved on while the metrics were fetched: recommend on the latest descriptions.
      const latest = new Map(this.resources.map((r) => [r.id, r]));
      const current = selected.map((r) => latest.get(r.id) ?? r).filter((r) => !INACTIVE.has(r.state));
      const t2 = performance.now();
      const recommendations = this.recommendFor(current, metrics, patterns, uploads.map);
      const recommendMs = performance.now() - t2;
      this.analysedIds = new Set(selected.map((r) => r.id));
      this.knownIds = known;
      const analysis: AnalysisState = {
        loading: false,
        warnings: svc.lastErrors.map((e) => e.toJSON()),
        at: this.now(),
        analysed: selected.length,
        total,
        bounded,
        maxStores: this.maxStores,
        resources: current,
        metrics,
        patterns,
        uploads: uploads.map,
        recommendations,
        timings: { fetchMs, uploadsMs: uploads.ms, patternsMs, recommendMs },
      };
      this.set({ analysis, fleet: this.fleet(this.resources, metrics) });
    } catch (e) {
      if (gen !== this.generation || isAbort(e) || abort.signal.aborted) return;
      this.set({ analysis: { ...this.snap.analysis, loading: false, error: errorShape(e, 'cloudwatch', 'cloudwatch:GetMetricData') } });
    } finally {
      if (this.analysisAbort === abort) this.analysisAbort = undefined;
    }
  }

  private recommendFor(resources: StorageInfo[], metrics: ReadonlyMap<string, StorageMetrics>, patterns: ReadonlyMap<string, UsagePattern>, uploads: ReadonlyMap<string, number>): Recommendation[] {
    return recommend({ resources, metrics: new Map(metrics), patterns: new Map(patterns), extra: { s3IncompleteUploads: new Map(uploads) }, now: this.now() });
  }

  private fleet(resources: readonly StorageInfo[], metrics: ReadonlyMap<string, StorageMetrics>): FleetSummary {
    return fleetSummary(resources, metrics, { top: this.opts.fleetTop });
  }

  private metrics(): MetricsService {
    if (!this.metricsService) this.metricsService = new MetricsService(this.source.backend.pool, { now: this.now, meter: this.analysisMeter });
    return this.metricsService;
  }

  /** A region or profile switch: nothing of the old account may show or be cached under the new one. */
  private syncBackend(): void {
    const b = this.source.backend;
    const key = backendKey(b);
    if (this.pool === b.pool && this.key === key) return;
    const first = this.pool === undefined;
    this.pool = b.pool;
    this.key = key;
    if (first) {
      this.unsubscribeMeter = this.analysisMeter.subscribe(() => this.set({}));
      return;
    }
    this.generation++;
    this.analysisAbort?.abort();
    this.analysisRun = undefined;
    this.costRun = undefined;
    this.costs = undefined;
    this.costsKeyPromise = undefined;
    this.costsCacheKeyValue = undefined;
    this.metricsService = undefined;
    this.analysedIds = new Set();
    this.knownIds = new Set();
    this.resources = [];
    this.snap = { ...this.initial(), version: this.snap.version + 1 };
    this.emit();
  }

  private initial(): AnalyticsSnapshot {
    return {
      version: 0,
      costs: { loading: false },
      analysis: { loading: false, warnings: [], analysed: 0, total: 0, bounded: false, maxStores: this.maxStores, resources: [], metrics: new Map(), patterns: new Map(), uploads: new Map(), recommendations: [] },
      fleet: fleetSummary([], new Map()),
      applied: new Set(),
      analysisMeter: this.analysisMeter.snapshot(),
    };
  }

  private set(p: Partial<Omit<AnalyticsSnapshot, 'version' | 'analysisMeter'>>): void {
    this.snap = { ...this.snap, ...p, version: this.snap.version + 1, analysisMeter: this.analysisMeter.snapshot() };
    this.emit();
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }
}

/** One controller per session (the analytics screen, `?` help and the REST server share it). */
const controllers = new WeakMap<AnalyticsSource, AnalyticsSession>();

export function analyticsFor(source: AnalyticsSource, opts?: AnalyticsSessionOptions): AnalyticsSession {
  let c = controllers.get(source);
  if (!c) {
    c = new AnalyticsSession(source, opts);
    controllers.set(source, c);
  }
  return c;
}
