// One running session against one backend: the store, the breakers and the
// inventory poller. The TUI, `list --watch` and the REST server each hold one.
import { credentialProvider, probeCredentials, readAwsConfig, withRegions, type Backend } from './backend.js';
import { ClientPool } from './aws/clients.js';
import { BUCKET_FACTS_TTL_MS, clearBucketFacts } from './aws/bucket-facts-cache.js';
import { classifyError } from './aws/errors.js';
import { chunkKey, chunkKeys, fetchInventory, type ChunkResult } from './inventory.js';
import { Poller } from './poller.js';
import { BreakerSet, DEFAULT_BREAKER, type RetryPolicy } from './resilience.js';
import { Store } from './store.js';
import { INVENTORY_LABEL, StorageError, type StorageInfo, type StorageMetrics } from './types.js';
import { ApiMeter, MetricsService, s3BytesByClass, type SeriesRequest, type Window } from './metrics/index.js';
import { estimateStorageCost } from './pricing/index.js';


export interface SessionOptions {
  refreshMs?: number;
  maxBackoffMs?: number;
  now?: () => number;
  retry?: RetryPolicy;
  /** Live metrics refresh (one-minute CloudWatch period: no point asking faster). */
  metricsMs?: number;
  /** Off for the CLI's one-shot commands. */
  metrics?: boolean;
  /**
   * The first list of a session is shown whole once every service has answered, or
   * after this many milliseconds (default FIRST_LIST_SETTLE_MS) with what has
   * answered by then, so rows do not jump about as services answer one by one;
   * later answers follow as they come.
   */
  firstListSettleMs?: number;
  /**
   * Per-store detail calls (S3 bucket settings, EFS mount targets) wait for this, at
   * most 2 s: the dashboard resolves it once its first frame is out.
   */
  detailsAfter?: Promise<unknown>;
  /** S3 bucket settings are read again after this long (default BUCKET_FACTS_TTL_MS), or on `r`. */
  bucketFactsTtlMs?: number;
}

/** What the screens show right now: metrics are fetched for these stores only. */
export interface Interest {
  /** Ids of the list rows on screen. */
  visible: string[];
  /** The store open in the detail screen, with its chart window. */
  detail?: { id: string; window: Window };
}

/**
 * How long the first list waits for every service before showing what has
 * answered: a status check in about a second, and no half list redrawn a moment
 * later when all services answer within it (10,000 stores take about that long).
 */
export const FIRST_LIST_SETTLE_MS = 1_000;

/** Metrics kept for stores no longer on screen (scrolling back shows them at once). */
const METRICS_CACHE_LIMIT = 2_000;

export class Session {
  readonly store = new Store();
  readonly breakers: BreakerSet;
  private poller: Poller;
  private metricsPoller: Poller;
  private detailsGate?: Promise<unknown>;
  private metricsService: MetricsService;
  readonly meter = new ApiMeter();
  private interest: Interest = { visible: [] };
  private interestKey = '';
  private generation = 0;
  private readonly now: () => number;
  /** Calls made by inventory refreshes (for the fault measurements). */
  refreshes = 0;

  constructor(
    public backend: Backend,
    private readonly opts: SessionOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
    this.breakers = new BreakerSet({ ...DEFAULT_BREAKER, now: this.now });
    this.poller = this.makePoller();
    this.metricsService = new MetricsService(backend.pool, { now: this.now, meter: this.meter });
    this.metricsPoller = this.makeMetricsPoller();
    if (opts.detailsAfter) {
      let timer: NodeJS.Timeout | undefined;
      const cap = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, 2_000);
        timer.unref();
      });
      this.detailsGate = Promise.race([opts.detailsAfter, cap]).finally(() => clearTimeout(timer));
    }
  }

  get readOnly(): boolean {
    return this.backend.readOnly;
  }

  start(): void {
    this.poller.start();
    if (this.opts.metrics !== false) this.metricsPoller.start();
  }

  stop(): void {
    this.poller.stop();
    this.metricsPoller.stop();
    this.backend.pool.destroy();
  }

  /**
   * The screens say what is on them; metrics follow at once when that changes
   * (scrolling, opening a detail, changing the chart window), else every minute.
   */
  setInterest(i: Interest): void {
    const key = `${i.visible.join(',')}|${i.detail ? `${i.detail.id}:${i.detail.window}` : ''}`;
    if (key === this.interestKey) return;
    this.interestKey = key;
    this.interest = i;
    if (this.opts.metrics !== false) this.metricsPoller.trigger();
  }

  /** One metrics refresh for what is on screen, plus every S3 bucket's daily size (cached for hours). */
  async refreshMetricsOnce(signal?: AbortSignal): Promise<boolean> {
    const gen = this.generation;
    const snap = this.store.getSnapshot();
    if (snap.resources.length === 0) return true;
    const byId = new Map<string, StorageInfo>();
    for (const r of snap.resources) byId.set(r.id, r);
    const reqs = new Map<string, SeriesRequest>();
    for (const id of this.interest.visible) {
      const r = byId.get(id);
      if (r) reqs.set(id, { resource: r, window: '1h' });
    }
    for (const r of snap.resources) if (r.type === 's3' && !reqs.has(r.id)) reqs.set(r.id, { resource: r, window: '1h' });
    const d = this.interest.detail;
    if (d && byId.has(d.id)) reqs.set(d.id, { resource: byId.get(d.id)!, window: d.window });
    if (reqs.size === 0) return true;
    let fetched: Map<string, StorageMetrics>;
    try {
      fetched = await this.metricsService.fetch([...reqs.values()], signal);
    } catch (e) {
      if (gen === this.generation) this.store.setMetricsError(e instanceof StorageError ? e.toJSON() : classifyError(e, { service: 'cloudwatch', action: 'cloudwatch:GetMetricData' }).toJSON());
      return false;
    }
    if (gen !== this.generation || signal?.aborted) return true;
    // S3 sizes and costs come from the daily storage metrics.
    const patches = new Map<string, Partial<StorageInfo>>();
    for (const [id, m] of fetched) {
      const r = byId.get(id);
      if (!r || r.type !== 's3') continue;
      const byClass = s3BytesByClass(m.extra);
      const total = Object.values(byClass).reduce((a, b) => a + b, 0);
      if (Object.keys(byClass).length === 0) continue;
      const est = estimateStorageCost({ ...r, sizeBytes: total }, { s3BytesByClass: byClass });
      patches.set(id, { sizeBytes: total, monthlyCost: est.ok ? est.estimate.totalUsd : null });
    }
    if (patches.size) this.store.patch(patches);
    const prev = this.store.getSnapshot().metrics;
    const merged = new Map<string, StorageMetrics>(fetched);
    for (const [id, m] of prev) {
      if (merged.size >= METRICS_CACHE_LIMIT) break;
      if (!merged.has(id) && byId.has(id)) merged.set(id, m);
    }
    this.store.setMetrics(merged);
    this.store.setMetricsError(undefined);
    return true;
  }

  /** `r`: refresh now, and give paused services an immediate probe. */
  refresh(): void {
    this.breakers.resetAll();
    clearBucketFacts(this.backend.pool);
    this.poller.trigger();
  }

  /** One full inventory refresh; resolves to whether every chunk succeeded. */
  async refreshOnce(signal?: AbortSignal): Promise<boolean> {
    const gen = this.generation;
    this.refreshes++;
    this.store.setLoading(true);
    const pool = this.backend.pool;
    const apply = this.firstListGate(gen, signal);
    const results = await fetchInventory(
      pool,
      {
        regions: this.backend.regions,
        breakers: this.breakers,
        now: this.now,
        profile: this.backend.profile,
        retry: this.opts.retry,
        retryDeps: { signal },
        detailsAfter: this.detailsGate,
        bucketFactsTtlMs: this.opts.bucketFactsTtlMs ?? BUCKET_FACTS_TTL_MS,
        onRetry: (service, _region, err, wait) => {
          if (gen === this.generation) this.store.setMessage(`${service}: ${err.message} — retrying in ${(wait / 1000).toFixed(1)}s`, 'warn', this.now());
        },
      },
      apply.chunk,
    );
    apply.flush();
    if (gen !== this.generation) return true;
    // The poller backs off only when nothing at all answered (network down, credentials gone):
    // one denied service must not slow the refresh of the others.
    const allOk = results.some((r) => !r.error);
    const failed = results.filter((r) => r.error);
    if (failed.length === 0) this.store.setMessage(undefined);
    else {
      // The hint first: it is what a person can act on, and the line is narrow.
      const e = failed[0].error as StorageError;
      const more = failed.length > 1 ? ` (+${failed.length - 1} more)` : '';
      this.store.setMessage(`${INVENTORY_LABEL[failed[0].service]}: ${e.hint}${more} — press e for details`, e.type === 'throttling' || e.type === 'unavailable' ? 'warn' : 'error', this.now());
    }
    this.store.setLoading(false);
    return allOk;
  }

  /**
   * Applies chunk results to the store. While the store has never listed anything
   * (the first list, or the first after a region/profile switch) results are held
   * until every chunk has answered or firstListSettleMs has passed, then drawn in
   * one go; after that each is applied as it lands.
   */
  private firstListGate(gen: number, signal?: AbortSignal): { chunk: (c: ChunkResult) => void; flush: () => void } {
    const live = () => gen === this.generation && !signal?.aborted;
    const applyNow = (c: ChunkResult) => {
      // A region/profile switch during the fetch: drop what the old one returns.
      if (live()) this.store.applyChunk(c);
    };
    const applyAll = (cs: ChunkResult[]) => {
      if (live()) this.store.applyChunks(cs);
    };
    const settleMs = this.opts.firstListSettleMs ?? FIRST_LIST_SETTLE_MS;
    if (!this.store.getSnapshot().initial || settleMs <= 0) return { chunk: applyNow, flush: () => undefined };
    const expected = new Set(chunkKeys(this.backend.regions).map((k) => chunkKey(k.service, k.region)));
    let held: ChunkResult[] | null = [];
    const answered = new Set<string>();
    const flush = () => {
      clearTimeout(timer);
      if (!held) return;
      const batch = held;
      held = null;
      applyAll(batch);
    };
    const timer = setTimeout(flush, settleMs);
    timer.unref();
    return {
      chunk: (c) => {
        if (!held) return applyNow(c);
        held.push(c);
        answered.add(chunkKey(c.service, c.region));
        if ([...expected].every((k) => answered.has(k))) flush();
      },
      flush,
    };
  }

  /**
   * Resolves once the first list is in the store (every service answered, or the
   * settle window passed), or after maxWaitMs, whichever is first.
   */
  firstList(maxWaitMs: number): Promise<void> {
    const snap = this.store.getSnapshot();
    if (!snap.initial || snap.chunks.length > 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        unsubscribe();
        resolve();
      };
      const timer = setTimeout(done, maxWaitMs);
      const unsubscribe = this.store.subscribe(() => {
        const s = this.store.getSnapshot();
        if (!s.initial || s.chunks.length > 0) done();
      });
    });
  }

  /** `:region a,b`: switch live; old results are not mixed in. */
  switchRegions(regions: string[]): void {
    this.poller.stop();
    this.generation++;
    this.metricsPoller.stop();
    this.backend = withRegions(this.backend, regions);
    this.resetAfterSwitch();
  }

  /** `:profile name`: resolve the profile's credentials first; on failure nothing changes. */
  async switchProfile(profile: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
    if (this.backend.mode === 'sim') {
      throw new StorageError({ type: 'validation', service: 'local', code: 'SimulatedRegion', message: 'profiles do not apply to the simulated region', hint: 'restart with --aws --profile NAME to use an AWS profile', recoverable: false });
    }
    const credentials = credentialProvider(profile);
    const probe = await probeCredentials(credentials);
    if (!probe.ok) throw classifyError(probe.error, { service: 'sts', profile });
    const region = readAwsConfig(env).get(profile)?.region ?? this.backend.region;
    this.poller.stop();
    this.generation++;
    this.backend.pool.destroy();
    const regions = this.backend.regions.length > 1 ? this.backend.regions : [region];
    const pool = new ClientPool({ ...this.backend.pool.options, credentials, region: regions[0] });
    this.metricsPoller.stop();
    this.backend = { ...this.backend, profile, credentials, pool, region: regions[0], regions };
    this.resetAfterSwitch();
  }

  private resetAfterSwitch(): void {
    this.breakers.clear();
    this.store.clear();
    this.metricsService = new MetricsService(this.backend.pool, { now: this.now, meter: this.meter });
    this.interestKey = '';
    this.poller = this.makePoller();
    this.metricsPoller = this.makeMetricsPoller();
    this.start();
  }

  private makeMetricsPoller(): Poller {
    return new Poller({
      intervalMs: this.opts.metricsMs ?? 60_000,
      maxBackoffMs: 600_000,
      task: (signal) => this.refreshMetricsOnce(signal),
    });
  }

  private makePoller(): Poller {
    return new Poller({
      intervalMs: this.opts.refreshMs ?? 30_000,
      maxBackoffMs: this.opts.maxBackoffMs ?? 120_000,
      task: (signal) => this.refreshOnce(signal),
    });
  }
}
