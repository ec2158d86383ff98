// Domain types of prism-storage, modelled on the architecture document.
// Every face (TUI, CLI, REST) speaks these; providers turn SDK shapes into them.

export const STORAGE_TYPES = ['ebs', 'efs', 's3', 'fsx-lustre', 'fsx-openzfs', 'fsx-windows', 'fsx-ontap'] as const;
export type StorageType = (typeof STORAGE_TYPES)[number];

/** The AWS service a provider talks to (one badge / circuit breaker each). */
export const SERVICES = ['ec2', 'efs', 'fsx', 's3', 'cloudwatch', 'ce', 'ssm', 'sts', 'kms', 'ds'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** Inventory services: the ones whose failure hides rows of the list. */
export const INVENTORY_SERVICES = ['ec2', 'efs', 'fsx', 's3'] as const satisfies readonly ServiceName[];
export type InventoryService = (typeof INVENTORY_SERVICES)[number];

/** How each inventory service is named on badges and in status lines (EC2 holds the EBS volumes). */
export const INVENTORY_LABEL: Record<InventoryService, string> = { ec2: 'EBS', efs: 'EFS', fsx: 'FSx', s3: 'S3' };

export const TYPE_LABEL: Record<StorageType, string> = {
  ebs: 'EBS',
  efs: 'EFS',
  s3: 'S3',
  'fsx-lustre': 'FSx Lustre',
  'fsx-openzfs': 'FSx OpenZFS',
  'fsx-windows': 'FSx Windows',
  'fsx-ontap': 'FSx ONTAP',
};

export const SERVICE_OF_TYPE: Record<StorageType, InventoryService> = {
  ebs: 'ec2',
  efs: 'efs',
  s3: 's3',
  'fsx-lustre': 'fsx',
  'fsx-openzfs': 'fsx',
  'fsx-windows': 'fsx',
  'fsx-ontap': 'fsx',
};

/** Normalised lifecycle state across services. `raw` keeps the AWS word. */
export type StorageState = 'creating' | 'available' | 'in-use' | 'updating' | 'deleting' | 'deleted' | 'failed' | 'misconfigured' | 'unknown';

export interface EbsAttachment {
  instanceId: string;
  device: string;
  state: string; // attaching | attached | detaching | detached | busy
  attachTime?: string;
  deleteOnTermination?: boolean;
}

export interface EfsMountTarget {
  id: string;
  subnetId: string;
  availabilityZone?: string;
  ipAddress?: string;
  state: string;
  securityGroups?: string[];
}

export interface EfsAccessPoint {
  id: string;
  name?: string;
  rootDirectory?: string;
  posixUser?: { uid: number; gid: number };
  state: string;
}

export interface OntapSvm {
  id: string;
  name: string;
  state: string;
  /** DNS names of the SVM's endpoints (what clients mount). */
  nfsDnsName?: string;
  smbDnsName?: string;
  iscsiDnsName?: string;
  managementDnsName?: string;
  nfsIpAddresses?: string[];
  /** Joined to Active Directory (SMB possible). */
  activeDirectory?: { netBiosName?: string; domainName?: string };
  volumes: OntapVolume[];
}

export interface OntapVolume {
  id: string;
  name: string;
  junctionPath?: string;
  sizeMiB?: number;
  securityStyle?: string;
  state: string;
}

export interface OpenZfsVolume {
  id: string;
  name: string;
  /** Path clients mount, e.g. /fsx or /fsx/vol1. */
  volumePath: string;
  parentVolumeId?: string;
  state: string;
  quotaGiB?: number;
  reservationGiB?: number;
  recordSizeKiB?: number;
  compression?: string;
  nfsExports?: { clients: string; options: string[] }[];
}

export interface S3Details {
  versioning: 'Enabled' | 'Suspended' | 'Disabled';
  hasLifecycleRules: boolean;
  /** Storage class most of the data sits in, when known (from metrics or sim). */
  defaultEncryption?: string; // AES256 | aws:kms | aws:kms:dsse
  blockPublicAccess?: boolean;
  intelligentTiering?: boolean;
  /** Id of a request-metrics configuration (ListBucketMetricsConfigurations), e.g. "EntireBucket"; request metrics exist in CloudWatch only when one is set. */
  requestMetricsFilterId?: string;
}

export interface EfsDetails {
  performanceMode: string; // generalPurpose | maxIO
  throughputMode: string; // bursting | provisioned | elastic
  provisionedThroughputMiBps?: number;
  lifecyclePolicies: string[]; // e.g. "TransitionToIA:AFTER_30_DAYS"
  oneZone: boolean;
  sizeInStandardBytes?: number;
  sizeInIaBytes?: number;
  sizeInArchiveBytes?: number;
  numberOfMountTargets: number;
}

export interface EbsDetails {
  volumeType: string; // gp2 | gp3 | io1 | io2 | st1 | sc1 | standard
  snapshotId?: string;
  multiAttach?: boolean;
}

export interface FsxDetails {
  fileSystemType: 'LUSTRE' | 'OPENZFS' | 'WINDOWS' | 'ONTAP';
  deploymentType?: string;
  storageType?: string; // SSD | HDD | INTELLIGENT_TIERING
  subnetIds: string[];
  vpcId?: string;
  /** Lustre: MB/s per TiB */
  perUnitStorageThroughput?: number;
  dataCompressionType?: string;
  /** Lustre data repository (import/export path) or associations. */
  dataRepository?: { importPath?: string; exportPath?: string };
  automaticBackupRetentionDays?: number;
  activeDirectoryId?: string;
  windowsDnsName?: string; // preferred file server DNS for Windows
  lustreVersion?: string;
  rootVolumeId?: string;
}

export interface StorageInfo {
  /** Display name: the Name tag where there is one, else the id. */
  name: string;
  type: StorageType;
  /** AWS id: vol-..., fs-..., fsap?, bucket name for S3. */
  id: string;
  arn?: string;
  state: StorageState;
  /** The AWS state word as reported (e.g. "in-use", "AVAILABLE"). */
  rawState: string;
  region: string;
  availabilityZone?: string;
  /** Provisioned (EBS/FSx) or measured (EFS/S3) size in bytes; undefined when unknown. */
  sizeBytes?: number;
  /** Provisioned throughput in MB/s (FSx throughput capacity, EBS gp3/EFS provisioned). */
  throughputMBps?: number;
  /** Provisioned IOPS where applicable. */
  iops?: number;
  encrypted: boolean;
  encryptionInTransit?: boolean;
  kmsKeyId?: string;
  tags: Record<string, string>;
  createdAt?: string; // ISO 8601
  /** Estimated monthly cost in USD from the pricing engine; null = estimate unavailable. */
  monthlyCost?: number | null;
  /** Everything needed to mount. */
  mount: {
    dnsName?: string;
    lustreMountName?: string;
    svms?: OntapSvm[];
    openZfsVolumes?: OpenZfsVolume[];
    efsMountTargets?: EfsMountTarget[];
    efsAccessPoints?: EfsAccessPoint[];
    ebsAttachments?: EbsAttachment[];
    s3Region?: string;
  };
  ebs?: EbsDetails;
  efs?: EfsDetails;
  s3?: S3Details;
  fsx?: FsxDetails;
  /** Failure reason reported by AWS (e.g. FSx FailureDetails). */
  failureReason?: string;
  /**
   * Detail calls that failed for this resource (e.g. s3:GetBucketTagging denied, FSx
   * DescribeVolumes throttled). The row is kept; the fields those calls fill are missing.
   */
  detailErrors?: StorageErrorShape[];
}

// ---------------------------------------------------------------------------
// Create requests: one configuration per type.

export interface EbsConfig {
  volumeType: 'gp2' | 'gp3' | 'io1' | 'io2' | 'st1' | 'sc1';
  sizeGiB: number;
  iops?: number;
  throughputMBps?: number;
  availabilityZone: string;
  encrypted: boolean;
  kmsKeyId?: string;
  attachToInstanceId?: string;
  device?: string;
}

export interface EfsConfig {
  performanceMode: 'generalPurpose' | 'maxIO';
  throughputMode: 'elastic' | 'bursting' | 'provisioned';
  provisionedThroughputMiBps?: number;
  encrypted: boolean;
  kmsKeyId?: string;
  /** One Zone: the AZ; Regional when undefined. */
  availabilityZoneName?: string;
  transitionToIA?: string; // AFTER_30_DAYS ...
  transitionToArchive?: string;
  subnetIds: string[];
  securityGroupIds: string[];
  accessPoint?: { path: string; uid: number; gid: number; permissions: string };
}

export interface S3Config {
  bucketName: string;
  region: string;
  encryption: 'AES256' | 'aws:kms';
  kmsKeyId?: string;
  versioning: boolean;
  blockPublicAccess: boolean;
  lifecyclePreset?: 'none' | 'intelligent-tiering' | 'archive-after-90' | 'expire-scratch-30';
}

export interface FsxLustreConfig {
  deploymentType: 'SCRATCH_1' | 'SCRATCH_2' | 'PERSISTENT_1' | 'PERSISTENT_2';
  storageCapacityGiB: number;
  perUnitStorageThroughput?: number;
  storageType?: 'SSD' | 'HDD';
  dataCompressionType: 'NONE' | 'LZ4';
  /** PERSISTENT_1 HDD only, where AWS requires it: READ caches up to 20% of capacity on SSD. */
  driveCacheType?: 'NONE' | 'READ';
  importPath?: string;
  exportPath?: string;
  subnetId: string;
  securityGroupIds: string[];
}

export interface FsxOpenZfsConfig {
  deploymentType: 'SINGLE_AZ_1' | 'SINGLE_AZ_2' | 'SINGLE_AZ_HA_1' | 'SINGLE_AZ_HA_2' | 'MULTI_AZ_1';
  throughputCapacityMBps: number;
  storageCapacityGiB: number;
  dataCompressionType: 'NONE' | 'ZSTD' | 'LZ4';
  recordSizeKiB: number;
  nfsExportClients: string;
  subnetIds: string[];
  preferredSubnetId?: string;
  securityGroupIds: string[];
}

export interface FsxWindowsConfig {
  deploymentType: 'SINGLE_AZ_1' | 'SINGLE_AZ_2' | 'MULTI_AZ_1';
  throughputCapacityMBps: number;
  storageType: 'SSD' | 'HDD';
  storageCapacityGiB: number;
  activeDirectoryId?: string;
  selfManagedAd?: {
    domainName: string;
    dnsIps: string[];
    userName: string;
    /** Secret: never logged, persisted or echoed. */
    password: string;
    organizationalUnit?: string;
    fileSystemAdministratorsGroup?: string;
  };
  subnetIds: string[];
  preferredSubnetId?: string;
  securityGroupIds: string[];
}

export interface FsxOntapConfig {
  deploymentType: 'SINGLE_AZ_1' | 'SINGLE_AZ_2' | 'MULTI_AZ_1' | 'MULTI_AZ_2';
  /** Total throughput capacity (for SINGLE_AZ_2: per-HA-pair value x haPairs). */
  throughputCapacityMBps: number;
  /** HA pairs (SINGLE_AZ_2 only: 1-12; every other deployment type has exactly 1). Default 1. */
  haPairs?: number;
  storageCapacityGiB: number;
  /** Secret: never logged, persisted or echoed. */
  adminPassword?: string;
  svmName: string;
  volumeName: string;
  junctionPath: string;
  volumeSizeMiB: number;
  subnetIds: string[];
  preferredSubnetId?: string;
  securityGroupIds: string[];
}

export type StorageConfig =
  | { type: 'ebs'; ebs: EbsConfig }
  | { type: 'efs'; efs: EfsConfig }
  | { type: 's3'; s3: S3Config }
  | { type: 'fsx-lustre'; lustre: FsxLustreConfig }
  | { type: 'fsx-openzfs'; openzfs: FsxOpenZfsConfig }
  | { type: 'fsx-windows'; windows: FsxWindowsConfig }
  | { type: 'fsx-ontap'; ontap: FsxOntapConfig };

export type Workload = 'ml-training' | 'hpc-scratch' | 'home-directories' | 'database' | 'windows-shares' | 'enterprise-nas' | 'archive' | 'general';

export interface StorageRequest {
  name: string;
  region: string;
  workload?: Workload;
  tags: Record<string, string>;
  config: StorageConfig;
  /** Idempotency token (ClientToken / ClientRequestToken) reused across retries. */
  clientToken?: string;
}

// ---------------------------------------------------------------------------
// Metrics.

export interface MetricPoint {
  t: number; // epoch ms, start of the period
  v: number;
}

export interface StorageMetrics {
  resourceId: string;
  type: StorageType;
  periodSeconds: number;
  /** Derived series (already converted: bytes/s, ops/s, ms, bytes, percent). */
  readBytesPerSec: MetricPoint[];
  writeBytesPerSec: MetricPoint[];
  readOpsPerSec: MetricPoint[];
  writeOpsPerSec: MetricPoint[];
  latencyMs?: MetricPoint[];
  usedBytes?: MetricPoint[];
  /** Kind-specific extras: BurstBalance, PercentIOLimit, BurstCreditBalance, ClientConnections, ... */
  extra: Record<string, MetricPoint[]>;
  fetchedAt: number;
}

// ---------------------------------------------------------------------------
// Errors.

export type StorageErrorType =
  | 'auth' // expired / invalid credentials
  | 'access-denied'
  | 'throttling'
  | 'network' // DNS, connection reset, timeout
  | 'not-found'
  | 'validation' // bad input (ours or AWS's)
  | 'conflict' // already exists, in use, not empty
  | 'quota' // service limits
  | 'unavailable' // 5xx, service unavailable, circuit open
  | 'unknown';

export interface StorageErrorShape {
  type: StorageErrorType;
  service: ServiceName | 'local';
  resource?: string;
  code: string;
  message: string;
  /** What a person can do about it. */
  hint: string;
  recoverable: boolean;
  /** Seconds to wait before trying again, when known. */
  retryAfter?: number;
}

export class StorageError extends Error implements StorageErrorShape {
  readonly type: StorageErrorType;
  readonly service: ServiceName | 'local';
  readonly resource?: string;
  readonly code: string;
  readonly hint: string;
  readonly recoverable: boolean;
  readonly retryAfter?: number;

  constructor(shape: StorageErrorShape) {
    super(shape.message);
    this.name = 'StorageError';
    this.type = shape.type;
    this.service = shape.service;
    this.resource = shape.resource;
    this.code = shape.code;
    this.hint = shape.hint;
    this.recoverable = shape.recoverable;
    this.retryAfter = shape.retryAfter;
  }

  toJSON(): StorageErrorShape {
    return {
      type: this.type,
      service: this.service,
      resource: this.resource,
      code: this.code,
      message: this.message,
      hint: this.hint,
      recoverable: this.recoverable,
      retryAfter: this.retryAfter,
    };
  }
}

/** A local validation failure: raised before any AWS call. */
export function validationError(message: string, hint: string, resource?: string): StorageError {
  return new StorageError({ type: 'validation', service: 'local', resource, code: 'InvalidInput', message, hint, recoverable: false });
}
