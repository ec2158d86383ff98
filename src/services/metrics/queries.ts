// Turns "these stores over this window" into as few GetMetricData calls as the API allows:
// at most 500 queries per call (GetMetricData API reference, see windows.ts), and one time
// range per call (StartTime/EndTime belong to the request, Period to each query). Requests that
// share a window share calls, so a refresh of N series in one window costs ceil(N / 500) calls.
import type { MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import type { StorageInfo, StorageType } from '../types.js';
import { metricSpecs, type MetricSpec } from './catalogue.js';
import { MAX_QUERIES_PER_CALL, periodFor, windowRange, windowSeconds, type Window } from './windows.js';

export interface SeriesRequest {
  resource: StorageInfo;
  window: Window;
}

/** What a query id stands for. */
export interface QueryTarget {
  resourceId: string;
  metric: string;
  type: StorageType;
  window: Window;
  periodSeconds: number;
  daily: boolean;
}

/** One GetMetricData call: a time range and at most 500 queries. */
export interface MetricCall {
  start: Date;
  end: Date;
  queries: MetricDataQuery[];
}

export interface BuiltQueries {
  queries: MetricDataQuery[];
  index: Map<string, QueryTarget>;
  /** Queries split into calls of <= 500 (same order as `calls`). */
  batches: MetricDataQuery[][];
  calls: MetricCall[];
}

export interface BuildOptions {
  /** Leave out the daily series (S3 storage) of these resources, e.g. because they are cached. */
  skipDaily?: (resourceId: string) => boolean;
  /** Queries per call (default and maximum 500). */
  maxPerCall?: number;
}

/** GetMetricData query ids must match this (MetricDataQuery.Id in the API reference). */
export const QUERY_ID_RE = /^[a-z][a-zA-Z0-9_]*$/;

const DAY_MS = 86_400_000;
/** S3 publishes one storage point per day with a lag; three days always include the latest one. */
const MIN_DAILY_DAYS = 3;

/** States in which a store has no metrics at all (nothing to ask for). */
const NO_METRICS = new Set(['creating', 'deleted', 'failed']);

export function dailyRange(window: Window, now: number): { start: number; end: number } {
  const end = Math.floor(now / DAY_MS) * DAY_MS + DAY_MS;
  const days = Math.max(MIN_DAILY_DAYS, Math.ceil(windowSeconds(window) / 86_400) + 1);
  return { start: end - days * DAY_MS, end };
}

function queryId(resourceIndex: number, specIndex: number): string {
  return `q${resourceIndex.toString(36)}_${specIndex.toString(36)}`;
}

export function buildQueries(reqs: SeriesRequest[], now: number, opts: BuildOptions = {}): BuiltQueries {
  const maxPerCall = Math.min(MAX_QUERIES_PER_CALL, Math.max(1, opts.maxPerCall ?? MAX_QUERIES_PER_CALL));
  const index = new Map<string, QueryTarget>();
  const groups = new Map<string, { start: number; end: number; queries: MetricDataQuery[] }>();
  const queries: MetricDataQuery[] = [];

  const add = (range: { start: number; end: number }, q: MetricDataQuery) => {
    const key = `${range.start}:${range.end}`;
    let g = groups.get(key);
    if (!g) {
      g = { ...range, queries: [] };
      groups.set(key, g);
    }
    g.queries.push(q);
    queries.push(q);
  };

  reqs.forEach((req, ri) => {
    const info = req.resource;
    if (NO_METRICS.has(info.state)) return;
    const period = periodFor(req.window);
    const specs: MetricSpec[] = metricSpecs(info);
    specs.forEach((s, si) => {
      const daily = s.daily === true;
      if (daily && opts.skipDaily?.(info.id)) return;
      const id = queryId(ri, si);
      const p = daily ? 86_400 : period;
      index.set(id, { resourceId: info.id, metric: s.metric, type: info.type, window: req.window, periodSeconds: p, daily });
      add(daily ? dailyRange(req.window, now) : windowRange(req.window, now, period), {
        Id: id,
        MetricStat: {
          Metric: { Namespace: s.namespace, MetricName: s.metricName, Dimensions: s.dimensions },
          Period: p,
          Stat: s.stat,
        },
        ReturnData: true,
      });
    });
  });

  const calls: MetricCall[] = [];
  for (const g of groups.values()) {
    for (let i = 0; i < g.queries.length; i += maxPerCall) {
      calls.push({ start: new Date(g.start), end: new Date(g.end), queries: g.queries.slice(i, i + maxPerCall) });
    }
  }
  return { queries, index, batches: calls.map((c) => c.queries), calls };
}
