// Usage patterns, recommendations and optimize-for-workload plans.
export { analyzePattern, analyzeMetrics, throughputSeries, toHourly, linearFit, type UsagePattern, type PatternOptions } from './patterns.js';
export { recommend, daysOfData, nextFsxCapacityGiB, THRESHOLDS, type Recommendation, type RecommendationInput, type OptimizeAction, type Confidence, type Focus } from './recommend.js';
export { optimizeForWorkload, describeAction, WORKLOAD_KINDS, type WorkloadKind, type OptimizePlan } from './optimize.js';
export { OPENZFS_THROUGHPUT, WINDOWS_THROUGHPUT, ONTAP_THROUGHPUT, LUSTRE_PER_UNIT, EBS as EBS_LIMITS, EFS_TRANSITION_VALUES, gp2BaselineIops, gp2ThroughputMiBps, efsArchiveAllowed, fsxThroughputOptions, lustrePerUnitOptions, smallestAtLeast } from './limits.js';
export { applyOptimization, type ApplyResult } from './apply.js';
export { staleMultipartUploads, type UploadScanOptions } from './uploads.js';
