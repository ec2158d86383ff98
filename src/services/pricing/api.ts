// The dashboard's own AWS API bill: CloudWatch GetMetricData and Cost Explorer requests.

import { Bill, badQuantity, firstError, pricesFor, unavailable } from './bill.js';
import { HOURS_PER_MONTH, type EstimateResult } from './model.js';

export interface ApiUsage {
  /** Metrics requested through GetMetricData per month (each metric in each call counts). */
  getMetricDataMetricsPerMonth: number;
  /** Cost Explorer API requests per month (each paginated page is a request). */
  costExplorerRequestsPerMonth: number;
}

export function apiCostPerMonth(usage: ApiUsage, region = 'us-east-1'): EstimateResult {
  const t = pricesFor(region, 'api');
  if (!t.ok) return unavailable(t.reason);
  const err = firstError(
    badQuantity('getMetricDataMetricsPerMonth', usage.getMetricDataMetricsPerMonth),
    badQuantity('costExplorerRequestsPerMonth', usage.costExplorerRequestsPerMonth),
  );
  if (err) return unavailable(err);
  return new Bill(region)
    .add('CloudWatch GetMetricData metrics requested', usage.getMetricDataMetricsPerMonth / 1000, t.prices.getMetricData)
    .add('Cost Explorer API requests', usage.costExplorerRequestsPerMonth, t.prices.costExplorerRequest)
    .result();
}

/**
 * Metrics requested per month by a poller that asks for `metricsPerPoll` metrics every
 * `intervalSeconds` (730-hour month). Helps the status bar show what a refresh rate costs.
 */
export function metricsPerMonth(metricsPerPoll: number, intervalSeconds: number): number {
  if (!(intervalSeconds > 0) || !(metricsPerPoll >= 0)) return 0;
  return Math.round(((HOURS_PER_MONTH * 3600) / intervalSeconds) * metricsPerPoll);
}
