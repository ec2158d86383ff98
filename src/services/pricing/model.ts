// Shapes of the pricing engine: results, rates and the per-region price table.
//
// Conventions used everywhere in src/services/pricing:
// - Every rate is a monthly rate in USD. AWS prorates storage and provisioned
//   capacity by the hour; a month is 730 hours (AWS's own convention on its
//   pricing pages: 24 h x 365 d / 12), see HOURS_PER_MONTH.
// - "GB" on AWS storage price pages is billed as GiB (2^30 bytes); sizes coming
//   from the SDK in bytes are divided by 2^30 (BYTES_PER_GIB).
// - No rate is ever guessed: an unknown region or an unpriced option yields
//   { ok: false, reason } ("estimate unavailable").

export type S3StorageClass = 'STANDARD' | 'INTELLIGENT_TIERING' | 'STANDARD_IA' | 'ONEZONE_IA' | 'GLACIER_IR' | 'GLACIER' | 'DEEP_ARCHIVE';

export const S3_STORAGE_CLASSES: readonly S3StorageClass[] = ['STANDARD', 'INTELLIGENT_TIERING', 'STANDARD_IA', 'ONEZONE_IA', 'GLACIER_IR', 'GLACIER', 'DEEP_ARCHIVE'];

export interface CostComponent {
  label: string;
  quantity: number;
  unit: string;
  /** USD per unit (for a tiered rate: the rate of the tier this component covers). */
  rate: number;
  usd: number;
  /** Where the rate comes from (URL), the date it was read, and "unverified" when it is not confirmed by the source. */
  source: string;
}

export interface CostEstimate {
  totalUsd: number;
  components: CostComponent[];
  region: string;
  /** Date (YYYY-MM-DD) the rates used were read from their sources. */
  asOf: string;
  /** Charges that exist but are not in the total because they depend on usage not known here (e.g. backups, requests). */
  notes?: string[];
}

export type EstimateResult = { ok: true; estimate: CostEstimate } | { ok: false; reason: string };

/** 730 hours in a month: AWS prorates monthly rates by the hour with this figure. */
export const HOURS_PER_MONTH = 730;
export const BYTES_PER_GIB = 1024 ** 3;
/** S3 tier boundaries are in TB of 1,024 GB. */
export const GIB_PER_TIB = 1024;

/** One price with its provenance. */
export interface Rate {
  usd: number;
  /** Unit the price is quoted per, e.g. "GB-month", "IOPS-month", "MBps-month", "1,000 requests". */
  unit: string;
  /** URL of the page the number was read from (with "as cited by ..." when read second-hand). */
  source: string;
  /** Date the number was read (YYYY-MM-DD). */
  asOf: string;
  /** true when the number was read on the source named; false when it is the best-documented figure found. */
  verified: boolean;
}

/** A graduated price: `upTo` is the cumulative upper bound of the tier in `unit` quantity; null = no bound. */
export interface TieredRate {
  tiers: { upTo: number | null; usd: number }[];
  unit: string;
  source: string;
  asOf: string;
  verified: boolean;
}

export type EbsVolumeType = 'gp2' | 'gp3' | 'io1' | 'io2' | 'st1' | 'sc1' | 'standard';
export const EBS_VOLUME_TYPES: readonly EbsVolumeType[] = ['gp2', 'gp3', 'io1', 'io2', 'st1', 'sc1', 'standard'];

export interface EbsPrices {
  /** Storage per GB-month by volume type. */
  storage: Record<EbsVolumeType, Rate>;
  /** gp3 IOPS above the 3,000 included, per IOPS-month. */
  gp3Iops: Rate;
  /** gp3 throughput above the 125 MiB/s included, per MiBps-month. */
  gp3Throughput: Rate;
  io1Iops: Rate;
  /** io2 IOPS tiers: up to 32,000; 32,001-64,000; above 64,000 (per IOPS-month). */
  io2Iops: TieredRate;
  /** Magnetic (standard) I/O, per 1 million requests. */
  standardIo: Rate;
  snapshot: Rate;
  snapshotArchive: Rate;
}

export interface EfsPrices {
  standard: Rate;
  infrequentAccess: Rate;
  archive: Rate;
  oneZone: Rate;
  oneZoneInfrequentAccess: Rate;
  /** One Zone has no Archive class: null. */
  oneZoneArchive: Rate | null;
  elasticRead: Rate;
  elasticWrite: Rate;
  /** Provisioned throughput per MiBps-month, billed above the Bursting baseline of the Standard storage. */
  provisionedThroughput: Rate;
  /** Baseline throughput Bursting mode gives per GiB of Standard storage (MiB/s per GiB): what Provisioned mode does not bill. */
  burstingBaselineMiBpsPerGiB: number;
  backup: Rate;
}

export interface LustrePrices {
  /** SCRATCH_1 and SCRATCH_2 (SSD), per GB-month. */
  scratch: Rate;
  /** By PerUnitStorageThroughput (MB/s/TiB); a tier left out is unpriced. */
  persistent1Ssd: Partial<Record<'50' | '100' | '200', Rate>>;
  persistent1Hdd: Partial<Record<'12' | '40', Rate>>;
  /** SSD read cache of PERSISTENT_1 HDD file systems (DriveCacheType READ), per GB-month of cache; null = no documented rate. */
  persistent1HddReadCache: Rate | null;
  persistent2: Partial<Record<'125' | '250' | '500' | '1000', Rate>>;
  backup: Rate;
}

export interface OpenZfsDeploymentPrices {
  ssdStorage: Rate;
  throughput: Rate;
  /** SSD IOPS provisioned above the included 3 IOPS per GiB, per IOPS-month. */
  iops: Rate;
}

export type OpenZfsDeployment = 'SINGLE_AZ_1' | 'SINGLE_AZ_2' | 'SINGLE_AZ_HA_1' | 'SINGLE_AZ_HA_2' | 'MULTI_AZ_1';

export interface OpenZfsPrices {
  /** Deployment types with no row here are unpriced (estimate unavailable). */
  deployments: Partial<Record<OpenZfsDeployment, OpenZfsDeploymentPrices>>;
  backup: Rate;
}

export interface WindowsAzPrices {
  ssdStorage: Rate;
  hddStorage: Rate;
  throughput: Rate;
  /** SSD IOPS above the included 3 per GiB; null = no documented rate (extra IOPS then make the estimate unavailable). */
  iops: Rate | null;
}

export interface WindowsPrices {
  singleAz: WindowsAzPrices;
  multiAz: WindowsAzPrices;
  backup: Rate;
}

export interface OntapAzPrices {
  ssdStorage: Rate;
  capacityPool: Rate;
  throughput: Rate;
  iops: Rate;
}

export type OntapDeployment = 'SINGLE_AZ_1' | 'SINGLE_AZ_2' | 'MULTI_AZ_1' | 'MULTI_AZ_2';

export interface OntapPrices {
  /** Deployment types with no row here are unpriced (estimate unavailable). */
  deployments: Partial<Record<OntapDeployment, OntapAzPrices>>;
  backup: Rate;
}

export interface S3Prices {
  /** Storage per GB-month by class. STANDARD and INTELLIGENT_TIERING frequent are tiered by TB-month. */
  standard: TieredRate;
  intelligentTieringFrequent: TieredRate;
  intelligentTieringInfrequent: Rate;
  intelligentTieringArchiveInstant: Rate;
  /** Monitoring and automation, per 1,000 objects (objects over 128 KB) per month. */
  intelligentTieringMonitoring: Rate;
  standardIa: Rate;
  onezoneIa: Rate;
  glacierIr: Rate;
  glacier: Rate;
  deepArchive: Rate;
  /** PUT/COPY/POST/LIST and GET/SELECT per 1,000 requests, by class. */
  requests: Record<S3StorageClass, { put: Rate; get: Rate }>;
}

export interface ApiPrices {
  /** CloudWatch GetMetricData, per 1,000 metrics requested. */
  getMetricData: Rate;
  /** Cost Explorer API, per request (paginated requests count each). */
  costExplorerRequest: Rate;
}

/**
 * Everything the engine needs for one region. Register more with registerRegionPrices().
 * A service left out is unpriced in that region: its estimates say so instead of guessing.
 */
export interface RegionPriceTable {
  ebs?: EbsPrices;
  efs?: EfsPrices;
  lustre?: LustrePrices;
  openzfs?: OpenZfsPrices;
  windows?: WindowsPrices;
  ontap?: OntapPrices;
  s3?: S3Prices;
  api?: ApiPrices;
}

export type PricedService = keyof RegionPriceTable;
