// The dashboard's own AWS bill: GetMetricData is billed per metric requested and Cost Explorer
// per API request (prices in the pricing engine, services/pricing). The meter counts what was
// actually sent and projects what leaving the dashboard running for a month would cost.
import { apiCostPerMonth } from '../pricing/index.js';

/** Hours in a billing month as AWS prices count them (730). */
export const HOURS_PER_MONTH = 730;
const SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600;

/** Cost Explorer requests one cost refresh makes (usage by service, EBS usage types, forecast). */
export const CE_REQUESTS_PER_REFRESH = 3;
/** The cost service refreshes at most once an hour. */
export const CE_REFRESH_SECONDS = 3600;

export interface MeterSnapshot {
  calls: number;
  metricsRequested: number;
  datapoints: number;
  ceRequests: number;
  lastRefreshMetrics: number;
}

export interface ProjectionOptions {
  /** Seconds between cost refreshes (default 3600: at most hourly). */
  ceRefreshSeconds?: number;
  ceRequestsPerRefresh?: number;
  region?: string;
}

export class ApiMeter {
  /** GetMetricData calls sent (each NextToken page is a call). */
  calls = 0;
  /** Metrics requested over all GetMetricData calls (what CloudWatch bills). */
  metricsRequested = 0;
  /** Data points received. */
  datapoints = 0;
  /** Cost Explorer requests sent (each billed). */
  ceRequests = 0;
  /** Metrics requested by the most recent MetricsService.fetch (all its calls). */
  lastRefreshMetrics = 0;

  private listeners = new Set<() => void>();

  /** One GetMetricData call (or page) asking for `metrics` metrics. */
  recordGetMetricData(metrics: number, datapoints = 0): void {
    this.calls += 1;
    this.metricsRequested += metrics;
    this.datapoints += datapoints;
    this.emit();
  }

  /** The metrics requested by one whole refresh (all calls of one fetch). */
  recordRefresh(metrics: number): void {
    this.lastRefreshMetrics = metrics;
    this.emit();
  }

  recordCostExplorer(requests = 1): void {
    this.ceRequests += requests;
    this.emit();
  }

  reset(): void {
    this.calls = 0;
    this.metricsRequested = 0;
    this.datapoints = 0;
    this.ceRequests = 0;
    this.lastRefreshMetrics = 0;
    this.emit();
  }

  snapshot(): MeterSnapshot {
    return { calls: this.calls, metricsRequested: this.metricsRequested, datapoints: this.datapoints, ceRequests: this.ceRequests, lastRefreshMetrics: this.lastRefreshMetrics };
  }

  subscribe(l: () => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  /**
   * USD per month of leaving the dashboard running: `visibleSeries` metrics requested every
   * `refreshSeconds`, plus Cost Explorer at its refresh rate. Null when the pricing engine has
   * no price for the region (never a guess).
   */
  projectedMonthlyUsd(refreshSeconds: number, visibleSeries: number, opts: ProjectionOptions = {}): number | null {
    if (!(refreshSeconds > 0) || !(visibleSeries >= 0)) return null;
    const ceEvery = opts.ceRefreshSeconds ?? CE_REFRESH_SECONDS;
    const perRefresh = opts.ceRequestsPerRefresh ?? CE_REQUESTS_PER_REFRESH;
    const usage = {
      getMetricDataMetricsPerMonth: visibleSeries * (SECONDS_PER_MONTH / refreshSeconds),
      costExplorerRequestsPerMonth: ceEvery > 0 ? perRefresh * (SECONDS_PER_MONTH / ceEvery) : 0,
    };
    const r = apiCostPerMonth(usage, opts.region);
    return r.ok ? r.estimate.totalUsd : null;
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }
}
