// Fetches every series the screens need with as few GetMetricData calls as possible
// (ceil(series / 500) per window and region), pages data points with NextToken, converts the
// raw statistics (convert.ts) and returns one StorageMetrics per store.
//
// S3 storage metrics are daily: they are asked for at most every few hours and cached here, so
// a live refresh stays one call.
import { GetMetricDataCommand, type GetMetricDataCommandOutput } from '@aws-sdk/client-cloudwatch';
import type { ClientPool } from '../aws/clients.js';
import { classifyError } from '../aws/errors.js';
import { StorageError, type MetricPoint, type StorageMetrics } from '../types.js';
import { assemble } from './convert.js';
import type { ApiMeter } from './meter.js';
import { buildQueries, dailyRange, type MetricCall, type QueryTarget, type SeriesRequest } from './queries.js';
import { periodFor, type Window } from './windows.js';

export interface MetricsServiceOptions {
  now?: () => number;
  meter?: ApiMeter;
  /** How long daily S3 storage series are reused before asking again (default 3 h). */
  dailyTtlMs?: number;
  /** Safety bound on NextToken pages per call. */
  maxPages?: number;
}

interface DailyEntry {
  at: number;
  start: number;
  series: Map<string, MetricPoint[]>;
}

type RawByResource = Map<string, Map<string, MetricPoint[]>>;

const DEFAULT_DAILY_TTL_MS = 3 * 3600_000;
const DEFAULT_MAX_PAGES = 200;

function abortError(signal: AbortSignal): Error {
  const r: unknown = signal.reason;
  return r instanceof Error ? r : Object.assign(new Error('aborted'), { name: 'AbortError' });
}

export class MetricsService {
  private readonly now: () => number;
  private readonly daily = new Map<string, DailyEntry>();
  /** Errors of the last fetch for regions that failed while others answered. */
  lastErrors: StorageError[] = [];

  constructor(
    private readonly pool: ClientPool,
    private readonly opts: MetricsServiceOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
  }

  /** Number of metric queries one fetch of `reqs` sends (daily series counted only when due). */
  countSeries(reqs: SeriesRequest[]): number {
    const now = this.now();
    const windows = new Map(reqs.map((r) => [r.resource.id, r.window]));
    return buildQueries(reqs, now, { skipDaily: (id) => this.dailyFresh(id, windows.get(id), now) }).queries.length;
  }

  /**
   * Every series of `reqs` (one window per store: a store listed twice keeps its last window),
   * converted; stores without data get empty series, never invented ones. Throws a StorageError
   * only when no region answered; see `lastErrors` for regions that failed while others answered.
   */
  async fetch(requests: SeriesRequest[], signal?: AbortSignal): Promise<Map<string, StorageMetrics>> {
    const now = this.now();
    const reqs = [...new Map(requests.map((r) => [r.resource.id, r])).values()];
    const byRegion = new Map<string, SeriesRequest[]>();
    for (const r of reqs) {
      const list = byRegion.get(r.resource.region) ?? [];
      list.push(r);
      byRegion.set(r.resource.region, list);
    }
    const raw: RawByResource = new Map();
    const errors: StorageError[] = [];
    let sent = 0;
    let okRegions = 0;
    // Regions one after another: a refresh usually has one, and CloudWatch throttles per account and region.
    const windows = new Map(reqs.map((r) => [r.resource.id, r.window]));
    for (const [region, list] of byRegion) {
      if (signal?.aborted) throw abortError(signal);
      const built = buildQueries(list, now, { skipDaily: (id) => this.dailyFresh(id, windows.get(id), now) });
      try {
        for (const call of built.calls) {
          await this.runCall(region, call, built.index, raw, signal);
          sent += call.queries.length;
        }
        this.storeDaily(built.index, raw, now);
        okRegions++;
      } catch (e) {
        if (signal?.aborted) throw abortError(signal);
        errors.push(e instanceof StorageError ? e : classifyError(e, { service: 'cloudwatch', action: 'cloudwatch:GetMetricData', region }));
      }
    }
    this.opts.meter?.recordRefresh(sent);
    this.lastErrors = errors;
    if (errors.length > 0 && okRegions === 0) throw errors[0];

    const out = new Map<string, StorageMetrics>();
    for (const r of reqs) {
      const id = r.resource.id;
      const series = new Map(raw.get(id) ?? []);
      const cached = this.daily.get(id);
      if (cached) for (const [k, v] of cached.series) series.set(k, v);
      out.set(id, assemble(r.resource, series, periodFor(r.window), now));
    }
    return out;
  }

  /** Forget cached daily series (e.g. after a region or profile switch). */
  clearCache(): void {
    this.daily.clear();
  }

  private dailyFresh(id: string, window: Window | undefined, now: number): boolean {
    const e = this.daily.get(id);
    if (!e || window === undefined || now - e.at >= (this.opts.dailyTtlMs ?? DEFAULT_DAILY_TTL_MS)) return false;
    return e.start <= dailyRange(window, now).start;
  }

  private storeDaily(index: Map<string, QueryTarget>, raw: RawByResource, now: number): void {
    const asked = new Map<string, { window: Window; series: Map<string, MetricPoint[]> }>();
    for (const t of index.values()) {
      if (!t.daily) continue;
      let e = asked.get(t.resourceId);
      if (!e) {
        e = { window: t.window, series: new Map() };
        asked.set(t.resourceId, e);
      }
      e.series.set(t.metric, raw.get(t.resourceId)?.get(t.metric) ?? []);
    }
    for (const [id, e] of asked) this.daily.set(id, { at: now, start: dailyRange(e.window, now).start, series: e.series });
  }

  private async runCall(region: string, call: MetricCall, index: Map<string, QueryTarget>, raw: RawByResource, signal?: AbortSignal): Promise<void> {
    const client = this.pool.cloudwatch(region);
    const maxPages = this.opts.maxPages ?? DEFAULT_MAX_PAGES;
    let token: string | undefined;
    const seenTokens = new Set<string>();
    for (let page = 0; page < maxPages; page++) {
      if (signal?.aborted) throw abortError(signal);
      const out: GetMetricDataCommandOutput = await client.send(
        new GetMetricDataCommand({ MetricDataQueries: call.queries, StartTime: call.start, EndTime: call.end, ScanBy: 'TimestampAscending', NextToken: token }),
        { abortSignal: signal },
      );
      let points = 0;
      for (const r of out.MetricDataResults ?? []) {
        const target = r.Id ? index.get(r.Id) : undefined;
        if (!target) continue;
        const ts = r.Timestamps ?? [];
        const vs = r.Values ?? [];
        let res = raw.get(target.resourceId);
        if (!res) {
          res = new Map();
          raw.set(target.resourceId, res);
        }
        let list = res.get(target.metric);
        if (!list) {
          list = [];
          res.set(target.metric, list);
        }
        for (let i = 0; i < Math.min(ts.length, vs.length); i++) {
          const t = new Date(ts[i]).getTime();
          if (Number.isFinite(t) && Number.isFinite(vs[i])) list.push({ t, v: vs[i] });
        }
        points += Math.min(ts.length, vs.length);
      }
      this.opts.meter?.recordGetMetricData(call.queries.length, points);
      token = out.NextToken || undefined;
      if (!token || seenTokens.has(token)) break;
      seenTokens.add(token);
    }
    // Pages may overlap or arrive out of order: sort and keep one point per timestamp.
    for (const q of call.queries) {
      const target = q.Id ? index.get(q.Id) : undefined;
      const list = target ? raw.get(target.resourceId)?.get(target.metric) : undefined;
      if (!list || list.length < 2) continue;
      list.sort((a, b) => a.t - b.t);
      let w = 1;
      for (let i = 1; i < list.length; i++) if (list[i].t !== list[w - 1].t) list[w++] = list[i];
      list.length = w;
    }
  }
}
