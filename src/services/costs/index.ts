// Cost Explorer service with an on-disk cache.
export { CostService, STORAGE_SERVICES, EC2_OTHER, defaultCostCacheDir, cacheFileName, isEbsUsageType, isoDate, type CostSummary, type DailyCost, type CostServiceOptions } from './service.js';
