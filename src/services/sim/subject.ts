// The contract between the simulated region's inventory (world.ts) and its
// workload models (workload.ts, cloudwatch.ts, costexplorer.ts): what a
// metric model needs to know about one simulated resource.
import type { StorageType } from '../types.js';

/** Workload profiles a researcher would recognise. Metrics are a pure function of (subject, time). */
export type WorkloadProfile =
  | 'nightly-training' // bursts 22:00-04:00 UTC, heavy sequential reads
  | 'office-hours-home' // home directories: 08:00-18:00 weekdays, small files, metadata heavy
  | 'idle' // nothing for weeks
  | 'steady-database' // constant random IO, modest peaks
  | 'batch-hpc' // jobs a few times a week, saturating throughput
  | 'archive-cold' // written once, almost never read
  | 'web-assets' // steady reads, diurnal
  | 'overprovisioned' // provisioned far above what is used
  | 'burst-credit-drain' // EFS bursting: sustained load above baseline, credits running out
  | 'growing' // storage used grows steadily (capacity runway)
  | 'creating'; // just created: nothing yet

export interface SimMetricSubject {
  /** vol-..., fs-..., bucket name. */
  id: string;
  type: StorageType;
  profile: WorkloadProfile;
  /** Seed for this subject's noise (derived from the world seed and id). */
  seed: number;
  /** Epoch ms the resource came into being; no data points before it. */
  createdAt: number;
  /** Provisioned capacity in bytes (EBS size, FSx capacity); for EFS/S3 the nominal data size. */
  capacityBytes: number;
  /** Fraction of capacity used at createdAt + 30 days (0..1); growth follows the profile. */
  usedFraction: number;
  /** Provisioned or baseline throughput in bytes/s (what the resource can do). */
  throughputBytesPerSec: number;
  /** Provisioned or baseline IOPS. */
  iops: number;
  /** EBS volume type, FSx deployment type, EFS throughput mode, S3 dominant storage class. */
  variant?: string;
  /** EBS: instance attached to, if any. */
  attachedTo?: string;
  /** FSx: the file system type for namespace dimension choice. */
  fsxType?: 'LUSTRE' | 'OPENZFS' | 'WINDOWS' | 'ONTAP';
  /** S3: object count at createdAt + 30 days. */
  objectCount?: number;
  /** S3: whether a request-metrics configuration ("EntireBucket") exists. */
  requestMetrics?: boolean;
  // --- Optional refinements (added for the metric/cost models; all default sensibly) ---
  /** Region of the resource when a view spans several regions (Cost Explorer is account-wide); default: the view's region. */
  region?: string;
  /**
   * Epoch ms around which the profile's story is told. When set, usedFraction/objectCount apply at this
   * instant (instead of createdAt + 30 days) and 'burst-credit-drain' credits run out about a day after it.
   * The world should set it to its build time ("now" at start), so planted stories are always current.
   */
  scenarioAt?: number;
  /** EFS performance mode ('generalPurpose' | 'maxIO'); PercentIOLimit exists for generalPurpose only. Default generalPurpose. */
  performanceMode?: string;
  /**
   * Share of stored bytes per storage class (sums to 1). S3: CloudWatch StorageType names
   * (StandardStorage, StandardIAStorage, GlacierStorage, ...); EFS: Standard, IA, Archive.
   * Default: derived from variant (S3) or all Standard (EFS).
   */
  storageClassFractions?: Record<string, number>;
}

/** What the metric handlers need from the world. */
export interface SimWorldView {
  region: string;
  /** Every resource that exists at `now` (incl. creating/deleting). */
  subjects(): SimMetricSubject[];
  /**
   * The one resource a metric names (namespace and its identity dimension's value), as
   * it is at `now`; undefined when it does not exist there. Lets GetMetricData build only
   * the subjects a request asks for instead of all of them (10,000 at --sim-scale 10000).
   * Views without it are searched through subjects().
   */
  subject?(namespace: string, id: string): SimMetricSubject | undefined;
  now(): number;
}
