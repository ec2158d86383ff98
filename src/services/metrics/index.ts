// Metrics service: CloudWatch catalogue, query batching, conversions and the API cost meter.
export { WINDOWS, WINDOW_SECONDS, MAX_QUERIES_PER_CALL, MAX_DATAPOINTS_PER_CALL, RETENTION, periodFor, windowSeconds, pointsPerSeries, minimumPeriodForAge, withinRetention, windowRange, isWindow, type Window } from './windows.js';
export { metricSpecs, S3_STORAGE_TYPES, S3_SIZE_PREFIX, type MetricSpec, type Stat } from './catalogue.js';
export { buildQueries, dailyRange, QUERY_ID_RE, type SeriesRequest, type QueryTarget, type MetricCall, type BuiltQueries, type BuildOptions } from './queries.js';
export { assemble, summarize, quantile, perSecond, latencyMs, zipWith, addSeries, s3BytesByClass, S3_EXTRA_PREFIX, formatBytesPerSec, formatIops, type RawSeries } from './convert.js';
export { ApiMeter, HOURS_PER_MONTH, CE_REQUESTS_PER_REFRESH, CE_REFRESH_SECONDS, type MeterSnapshot, type ProjectionOptions } from './meter.js';
export { MetricsService, type MetricsServiceOptions } from './service.js';
