// The API cost meter: what was sent, and what running the dashboard for a month costs.
import { describe, expect, it } from 'vitest';
import { ApiMeter, CE_REQUESTS_PER_REFRESH, HOURS_PER_MONTH } from '../../src/services/metrics/meter.js';
import { apiCostPerMonth } from '../../src/services/pricing/index.js';

describe('ApiMeter', () => {
  it('counts calls, metrics requested, data points and Cost Explorer requests', () => {
    const m = new ApiMeter();
    let changes = 0;
    m.subscribe(() => changes++);
    m.recordGetMetricData(500, 30_000);
    m.recordGetMetricData(201, 12_060);
    m.recordRefresh(701);
    m.recordCostExplorer();
    m.recordCostExplorer(2);
    expect(m.snapshot()).toEqual({ calls: 2, metricsRequested: 701, datapoints: 42_060, ceRequests: 3, lastRefreshMetrics: 701 });
    expect(changes).toBe(5);
    m.reset();
    expect(m.snapshot()).toEqual({ calls: 0, metricsRequested: 0, datapoints: 0, ceRequests: 0, lastRefreshMetrics: 0 });
  });

  it('projects the monthly cost with the pricing engine: metrics every refresh, Cost Explorer hourly', () => {
    const m = new ApiMeter();
    const usd = m.projectedMonthlyUsd(60, 400);
    const expected = apiCostPerMonth({ getMetricDataMetricsPerMonth: 400 * HOURS_PER_MONTH * 60, costExplorerRequestsPerMonth: CE_REQUESTS_PER_REFRESH * HOURS_PER_MONTH });
    expect(expected.ok).toBe(true);
    expect(usd).toBe(expected.ok ? expected.estimate.totalUsd : NaN);
    // A slower refresh costs proportionally less for CloudWatch
    const slow = m.projectedMonthlyUsd(300, 400) ?? NaN;
    expect(slow).toBeLessThan(usd ?? 0);
  });

  it('says null (unknown) rather than guessing for a region without prices, or a nonsense rate', () => {
    const m = new ApiMeter();
    expect(m.projectedMonthlyUsd(60, 100, { region: 'xx-nowhere-1' })).toBeNull();
    expect(m.projectedMonthlyUsd(0, 100)).toBeNull();
  });
});
