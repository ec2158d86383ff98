// Time windows of the metric views and the CloudWatch period each one uses.
//
// CloudWatch facts (GetMetricData API reference,
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html):
//   - one call: at most 500 metric queries and 100,800 data points (more => NextToken pages);
//   - retention: 60-second data points are kept 15 days, 300-second points 63 days,
//     3600-second points 455 days (15 months); older data is only there at the coarser period.
// A period must be a multiple of 60 for metrics with standard (1-minute) resolution.

export type Window = '1h' | '6h' | '24h' | '7d' | '30d';

export const WINDOWS: Window[] = ['1h', '6h', '24h', '7d', '30d'];

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;

/** Length of each window in seconds. */
export const WINDOW_SECONDS: Record<Window, number> = {
  '1h': HOUR,
  '6h': 6 * HOUR,
  '24h': DAY,
  '7d': 7 * DAY,
  '30d': 30 * DAY,
};

/** Per-call limits of GetMetricData (see the URL above). */
export const MAX_QUERIES_PER_CALL = 500;
export const MAX_DATAPOINTS_PER_CALL = 100_800;

/**
 * Retention of CloudWatch data by period: [shortest period in seconds, how long it is kept in seconds].
 * Source: GetMetricData API reference (URL above).
 */
export const RETENTION: readonly { periodSeconds: number; keptSeconds: number }[] = [
  { periodSeconds: 60, keptSeconds: 15 * DAY },
  { periodSeconds: 300, keptSeconds: 63 * DAY },
  { periodSeconds: 3600, keptSeconds: 455 * DAY },
];

/**
 * The period for each window. The live view (1h) is one point per minute; longer windows keep
 * the number of points per series small enough for a chart 80-200 columns wide while the
 * 30-day window stays hourly (720 points), which is what usage-pattern analysis needs.
 *   1h: 60 s -> 60 points   6h: 300 s -> 72   24h: 900 s -> 96   7d: 3600 s -> 168   30d: 3600 s -> 720
 */
const PERIOD: Record<Window, number> = {
  '1h': MINUTE,
  '6h': 5 * MINUTE,
  '24h': 15 * MINUTE,
  '7d': HOUR,
  '30d': HOUR,
};

export function periodFor(window: Window): number {
  return PERIOD[window];
}

export function windowSeconds(window: Window): number {
  return WINDOW_SECONDS[window];
}

/** Number of points one series has in a window at its period. */
export function pointsPerSeries(window: Window): number {
  return Math.ceil(WINDOW_SECONDS[window] / PERIOD[window]);
}

/**
 * Smallest period CloudWatch still holds for data that is `ageSeconds` old
 * (60 s up to 15 days, 300 s up to 63 days, 3600 s up to 455 days; null beyond).
 */
export function minimumPeriodForAge(ageSeconds: number): number | null {
  for (const r of RETENTION) if (ageSeconds <= r.keptSeconds) return r.periodSeconds;
  return null;
}

/** True when `periodSeconds` is still retained for the whole window ending now. */
export function withinRetention(window: Window, periodSeconds = periodFor(window)): boolean {
  const min = minimumPeriodForAge(WINDOW_SECONDS[window]);
  return min !== null && periodSeconds >= min && periodSeconds % min === 0;
}

/** Aligned [start, end) in epoch ms for a window ending at `now`: whole periods only, the running period excluded. */
export function windowRange(window: Window, now: number, periodSeconds = periodFor(window)): { start: number; end: number } {
  const p = periodSeconds * 1000;
  const end = Math.floor(now / p) * p;
  return { start: end - WINDOW_SECONDS[window] * 1000, end };
}

export function isWindow(v: string): v is Window {
  return (WINDOWS as string[]).includes(v);
}
