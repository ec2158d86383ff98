// The pricing engine: monthly cost estimates for every storage kind, from price tables
// that carry the source and read date of each rate. Pure functions; no AWS calls.
//
// All rates are monthly (730 hours a month, AWS's proration convention); sizes in GiB.
// An unknown region, or an option with no price, gives { ok: false, reason } — never a guess.

export type {
  CostComponent,
  CostEstimate,
  EstimateResult,
  S3StorageClass,
  RegionPriceTable,
  Rate,
  TieredRate,
  EbsVolumeType,
  EbsPrices,
  EfsPrices,
  LustrePrices,
  OpenZfsPrices,
  OpenZfsDeployment,
  OpenZfsDeploymentPrices,
  WindowsPrices,
  WindowsAzPrices,
  OntapPrices,
  OntapAzPrices,
  OntapDeployment,
  S3Prices,
  ApiPrices,
  PricedService,
} from './model.js';
export { HOURS_PER_MONTH, BYTES_PER_GIB, S3_STORAGE_CLASSES, EBS_VOLUME_TYPES } from './model.js';
export { registerRegionPrices, pricedRegions, priceTableFor } from './bill.js';
export { ebsMonthly, GP3_INCLUDED_IOPS, GP3_INCLUDED_THROUGHPUT_MIBPS, type EbsParams } from './ebs.js';
export { efsMonthly, type EfsParams, type EfsThroughputMode } from './efs.js';
export { fsxMonthly, FSX_INCLUDED_IOPS_PER_GIB, type FsxParams, type LustreParams, type OpenZfsParams, type WindowsParams, type OntapParams } from './fsx.js';
export { s3Monthly, estimateS3Cost, type S3Params } from './s3.js';
export { apiCostPerMonth, metricsPerMonth, type ApiUsage } from './api.js';
export { estimateStorageCost, estimateRequestCost, monthlyCostOf, type StorageUsage } from './estimate.js';
