// Cost Explorer: month-to-date and the last 30 days by day and service, EBS split out of
// "EC2 - Other", and the month-end forecast. Cost Explorer bills every request (see the pricing
// engine's API prices), so answers are cached on disk and refreshed at most once an hour.
//
// API facts (Cost Explorer API reference, https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_GetCostAndUsage.html
// and API_GetCostForecast.html; endpoint https://ce.us-east-1.amazonaws.com):
//   - TimePeriod.End is exclusive; dates are YYYY-MM-DD (UTC);
//   - EBS charges are reported under the SERVICE "EC2 - Other" with USAGE_TYPEs such as
//     "EBS:VolumeUsage.gp3", "EBS:SnapshotUsage" (region-prefixed, e.g. "USE2-EBS:VolumeUsage.gp2");
//   - GetCostForecast's period must start today or later; it can fail with DataUnavailableException
//     (not enough history) — then the forecast is unavailable, never invented.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetCostAndUsageCommand, GetCostForecastCommand, type GetCostAndUsageCommandInput, type ResultByTime } from '@aws-sdk/client-cost-explorer';
import type { ClientPool } from '../aws/clients.js';
import { classifyError } from '../aws/errors.js';
import type { ApiMeter } from '../metrics/meter.js';
import { cacheDir as xdgCacheDir } from '../paths.js';
import { StorageError } from '../types.js';

export interface DailyCost {
  date: string; // YYYY-MM-DD (UTC)
  byService: Record<string, number>;
}

export interface CostSummary {
  monthToDateUsd: number;
  /** Month-end total: actual cost before today plus Cost Explorer's forecast from today; null when unavailable. */
  forecastUsd: number | null;
  forecastReason?: string;
  /** Cost Explorer's 80% prediction interval for the month end, when it gave one. */
  forecastRange?: { lowUsd: number; highUsd: number };
  /** The last 30 days (today included), oldest first. */
  daily: DailyCost[];
  /** Month to date by Cost Explorer service name. */
  byService: Record<string, number>;
  /** Month to date of EBS usage types inside "EC2 - Other". */
  ebsUsd: number;
  /** EBS by day over the last 30 days. */
  ebsDaily: { date: string; usd: number }[];
  /** Month to date of the storage this dashboard shows: S3, EFS, FSx and EBS. */
  storageUsd: number;
  last30DaysUsd: number;
  fetchedAt: string; // ISO 8601
  currency: string;
  /** Cost Explorer marks the latest days as estimated (not final). */
  estimated: boolean;
}

export interface CostServiceOptions {
  /** Directory of the JSON cache; null = memory only. */
  cacheDir: string | null;
  now?: () => number;
  meter?: ApiMeter;
  /** Account id or mode ("sim"): one cache file each. */
  cacheKey: string;
  /** Minimum time between refreshes unless forced (default one hour). */
  maxAgeMs?: number;
}

/** Cost Explorer SERVICE names of the storage this dashboard shows (EBS is inside "EC2 - Other"). */
export const STORAGE_SERVICES = ['Amazon Simple Storage Service', 'Amazon Elastic File System', 'Amazon FSx'] as const;
export const EC2_OTHER = 'EC2 - Other';

const HOUR_MS = 3600_000;
const DAY_MS = 86_400_000;
const CACHE_VERSION = 1;

/** The default cache directory: $XDG_CACHE_HOME/prism-storage (or ~/.cache/prism-storage). */
export function defaultCostCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return xdgCacheDir(env);
}

export function cacheFileName(cacheKey: string): string {
  const safe = cacheKey.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_') || 'default';
  return `ce-${safe}.json`;
}

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function dayStart(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

function monthStart(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

function nextMonthStart(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

/** True for USAGE_TYPEs that are EBS (volumes, IOPS, throughput, snapshots), with or without a region prefix. */
export function isEbsUsageType(usageType: string): boolean {
  return /(^|-)EBS:/.test(usageType);
}

function amount(m: { Amount?: string } | undefined): number {
  const v = Number(m?.Amount ?? 0);
  return Number.isFinite(v) ? v : 0;
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

interface CacheFile {
  version: number;
  key: string;
  summary: CostSummary;
}

function isSummary(v: unknown): v is CostSummary {
  if (!v || typeof v !== 'object') return false;
  const s = v as Record<string, unknown>;
  return typeof s.monthToDateUsd === 'number' && typeof s.fetchedAt === 'string' && Array.isArray(s.daily) && typeof s.byService === 'object' && typeof s.currency === 'string';
}

export class CostService {
  private readonly now: () => number;
  private memo?: CostSummary;
  private loaded = false;
  private inflight?: Promise<CostSummary>;

  constructor(
    private readonly pool: ClientPool,
    private readonly opts: CostServiceOptions,
  ) {
    this.now = opts.now ?? Date.now;
  }

  /** Path of the cache file, or null when caching in memory only. */
  get cachePath(): string | null {
    return this.opts.cacheDir === null ? null : join(this.opts.cacheDir, cacheFileName(this.opts.cacheKey));
  }

  /** The last summary known (possibly stale), without any call. */
  cached(): CostSummary | undefined {
    this.load();
    return this.memo;
  }

  /** Age of the cached summary in ms, or undefined when there is none. */
  age(): number | undefined {
    const c = this.cached();
    return c ? this.now() - Date.parse(c.fetchedAt) : undefined;
  }

  /**
   * The cost summary: from the cache when it is younger than an hour, else fresh from Cost
   * Explorer (3 requests). `force` refreshes regardless. Concurrent calls share one refresh.
   */
  async get(force = false): Promise<CostSummary> {
    const c = this.cached();
    const maxAge = this.opts.maxAgeMs ?? HOUR_MS;
    if (!force && c) {
      const age = this.now() - Date.parse(c.fetchedAt);
      if (age >= 0 && age < maxAge) return c;
    }
    if (!this.inflight) {
      this.inflight = this.refresh().finally(() => {
        this.inflight = undefined;
      });
    }
    return this.inflight;
  }

  private load(): void {
    if (this.loaded) return;
    this.loaded = true;
    const path = this.cachePath;
    if (!path) return;
    try {
      const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<CacheFile>;
      if (parsed.version === CACHE_VERSION && parsed.key === this.opts.cacheKey && isSummary(parsed.summary)) this.memo = parsed.summary;
    } catch {
      // No cache yet, or unreadable: refresh from Cost Explorer.
    }
  }

  private save(summary: CostSummary): void {
    const path = this.cachePath;
    if (!path || this.opts.cacheDir === null) return;
    try {
      mkdirSync(this.opts.cacheDir, { recursive: true, mode: 0o700 });
      const tmp = `${path}.${process.pid}.tmp`;
      const body: CacheFile = { version: CACHE_VERSION, key: this.opts.cacheKey, summary };
      writeFileSync(tmp, JSON.stringify(body), { mode: 0o600 });
      renameSync(tmp, path);
    } catch {
      // A cache that cannot be written costs money on the next start, nothing else.
    }
  }

  private async call<T>(action: string, fn: () => Promise<T>): Promise<T> {
    this.opts.meter?.recordCostExplorer(1);
    try {
      return await fn();
    } catch (e) {
      throw e instanceof StorageError ? e : classifyError(e, { service: 'ce', action: `ce:${action}`, region: 'us-east-1' });
    }
  }

  private async usage(input: GetCostAndUsageCommandInput): Promise<ResultByTime[]> {
    const client = this.pool.ce();
    const out: ResultByTime[] = [];
    let token: string | undefined;
    const seen = new Set<string>();
    do {
      const page = await this.call('GetCostAndUsage', () => client.send(new GetCostAndUsageCommand({ ...input, NextPageToken: token })));
      out.push(...(page.ResultsByTime ?? []));
      token = page.NextPageToken || undefined;
      if (token && seen.has(token)) break;
      if (token) seen.add(token);
    } while (token);
    return out;
  }

  private async refresh(): Promise<CostSummary> {
    const now = this.now();
    const today = dayStart(now);
    const first30 = today - 29 * DAY_MS;
    const mStart = monthStart(now);
    const start = Math.min(first30, mStart);
    const end = today + DAY_MS; // exclusive: today's partial costs included
    const period = { Start: isoDate(start), End: isoDate(end) };

    const byDay = await this.usage({ TimePeriod: period, Granularity: 'DAILY', Metrics: ['UnblendedCost'], GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }] });
    const ebs = await this.usage({
      TimePeriod: period,
      Granularity: 'DAILY',
      Metrics: ['UnblendedCost'],
      Filter: { Dimensions: { Key: 'SERVICE', Values: [EC2_OTHER] } },
      GroupBy: [{ Type: 'DIMENSION', Key: 'USAGE_TYPE' }],
    });

    let currency = '';
    let estimated = false;
    const dayMap = new Map<string, Record<string, number>>();
    for (const r of byDay) {
      const date = r.TimePeriod?.Start;
      if (!date) continue;
      if (r.Estimated) estimated = true;
      const rec = dayMap.get(date) ?? {};
      for (const g of r.Groups ?? []) {
        const svc = g.Keys?.[0];
        const m = g.Metrics?.UnblendedCost;
        if (!svc || !m) continue;
        if (!currency && m.Unit) currency = m.Unit;
        rec[svc] = (rec[svc] ?? 0) + amount(m);
      }
      // Without GroupBy results, Total carries the day's cost (never both).
      if (!r.Groups?.length && r.Total?.UnblendedCost) {
        const v = amount(r.Total.UnblendedCost);
        if (v !== 0) rec.Total = (rec.Total ?? 0) + v;
        if (!currency && r.Total.UnblendedCost.Unit) currency = r.Total.UnblendedCost.Unit;
      }
      dayMap.set(date, rec);
    }
    const ebsByDay = new Map<string, number>();
    for (const r of ebs) {
      const date = r.TimePeriod?.Start;
      if (!date) continue;
      let sum = ebsByDay.get(date) ?? 0;
      for (const g of r.Groups ?? []) if (isEbsUsageType(g.Keys?.[0] ?? '')) sum += amount(g.Metrics?.UnblendedCost);
      ebsByDay.set(date, sum);
    }

    const mStartIso = isoDate(mStart);
    const first30Iso = isoDate(first30);
    const todayIso = isoDate(today);
    const byService: Record<string, number> = {};
    let mtd = 0;
    let mtdBeforeToday = 0;
    let last30 = 0;
    const daily: DailyCost[] = [];
    for (const date of [...dayMap.keys()].sort()) {
      const rec = dayMap.get(date) ?? {};
      const total = Object.values(rec).reduce((a, b) => a + b, 0);
      if (date >= first30Iso) {
        daily.push({ date, byService: Object.fromEntries(Object.entries(rec).map(([k, v]) => [k, round2(v)])) });
        last30 += total;
      }
      if (date >= mStartIso) {
        mtd += total;
        if (date < todayIso) mtdBeforeToday += total;
        for (const [k, v] of Object.entries(rec)) byService[k] = (byService[k] ?? 0) + v;
      }
    }
    let ebsUsd = 0;
    const ebsDaily: { date: string; usd: number }[] = [];
    for (const date of [...ebsByDay.keys()].sort()) {
      const v = ebsByDay.get(date) ?? 0;
      if (date >= first30Iso) ebsDaily.push({ date, usd: round2(v) });
      if (date >= mStartIso) ebsUsd += v;
    }
    let storageUsd = ebsUsd;
    for (const s of STORAGE_SERVICES) storageUsd += byService[s] ?? 0;

    let forecastUsd: number | null = null;
    let forecastReason: string | undefined;
    let forecastRange: { lowUsd: number; highUsd: number } | undefined;
    try {
      const f = await this.call('GetCostForecast', () =>
        this.pool.ce().send(new GetCostForecastCommand({ TimePeriod: { Start: todayIso, End: isoDate(nextMonthStart(now)) }, Metric: 'UNBLENDED_COST', Granularity: 'MONTHLY', PredictionIntervalLevel: 80 })),
      );
      if (f.Total?.Amount !== undefined && Number.isFinite(Number(f.Total.Amount))) {
        forecastUsd = round2(mtdBeforeToday + Number(f.Total.Amount));
        if (!currency && f.Total.Unit) currency = f.Total.Unit;
        const lows = (f.ForecastResultsByTime ?? []).map((x) => Number(x.PredictionIntervalLowerBound));
        const highs = (f.ForecastResultsByTime ?? []).map((x) => Number(x.PredictionIntervalUpperBound));
        if (lows.length && lows.every(Number.isFinite) && highs.every(Number.isFinite)) {
          forecastRange = { lowUsd: round2(mtdBeforeToday + lows.reduce((a, b) => a + b, 0)), highUsd: round2(mtdBeforeToday + highs.reduce((a, b) => a + b, 0)) };
        }
      } else forecastReason = 'Cost Explorer returned no forecast';
    } catch (e) {
      const err = e instanceof StorageError ? e : classifyError(e, { service: 'ce', action: 'ce:GetCostForecast' });
      forecastReason = `forecast unavailable: ${err.message}`;
    }

    const summary: CostSummary = {
      monthToDateUsd: round2(mtd),
      forecastUsd,
      ...(forecastReason ? { forecastReason } : {}),
      ...(forecastRange ? { forecastRange } : {}),
      daily,
      byService: Object.fromEntries(Object.entries(byService).map(([k, v]) => [k, round2(v)])),
      ebsUsd: round2(ebsUsd),
      ebsDaily,
      storageUsd: round2(storageUsd),
      last30DaysUsd: round2(last30),
      fetchedAt: new Date(now).toISOString(),
      currency: currency || 'USD',
      estimated,
    };
    this.memo = summary;
    this.save(summary);
    return summary;
  }
}
