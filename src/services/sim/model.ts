// The simulated region's records. These are the sim's own compact shapes;
// handlers render them into SDK output shapes on every call, computing state
// words from timestamps (creating -> available, deleting -> gone) against the
// injected clock, so nothing needs a timer.
import type { LifecycleRule, IntelligentTieringConfiguration, MetricsConfiguration, PublicAccessBlockConfiguration } from '@aws-sdk/client-s3';
import type { FileSystem as FsxFileSystemShape, Volume as FsxVolumeShape, NFSDataRepositoryConfiguration } from '@aws-sdk/client-fsx';
import type { LifecyclePolicy } from '@aws-sdk/client-efs';
import type { WorkloadProfile } from './subject.js';
import type { Intervals } from './intervals.js';

export type Tags = Record<string, string>;

/** Creation/deletion timeline of a record (epoch ms). */
export interface Life {
  /** Insertion order; pagination cursors point at it. */
  seq: number;
  createdAt: number;
  readyAt: number;
  deleteAt?: number;
  goneAt?: number;
}

export type Phase = 'creating' | 'ready' | 'deleting' | 'gone';

export function phase(l: Life, now: number): Phase {
  if (l.goneAt !== undefined && now >= l.goneAt) return 'gone';
  if (l.deleteAt !== undefined && now >= l.deleteAt) return 'deleting';
  if (now < l.readyAt) return 'creating';
  return 'ready';
}

export function exists(l: Life, now: number): boolean {
  return phase(l, now) !== 'gone';
}

/** What the metric models need to know about a storage resource. */
export interface Workload {
  profile: WorkloadProfile;
  usedFraction: number;
}

// ---------------------------------------------------------------------------
// EC2

export interface Attachment {
  instanceId: string;
  device: string;
  attachAt: number;
  attachedAt: number;
  detachAt?: number;
  detachedAt?: number;
  deleteOnTermination: boolean;
}

export interface VolumeSpec {
  sizeGiB: number;
  type: string;
  iops?: number;
  throughput?: number;
}

export interface VolumeMod {
  startAt: number;
  optimizingAt: number;
  completeAt: number;
  original: VolumeSpec;
  target: VolumeSpec;
}

export interface EbsVolume extends Life, Workload {
  id: string;
  az: string;
  spec: VolumeSpec;
  encrypted: boolean;
  kmsKeyId?: string;
  snapshotId?: string;
  multiAttach: boolean;
  tags: Tags;
  attachments: Attachment[];
  mods: VolumeMod[];
  /** Creation failed (e.g. a KMS key that does not exist): state "error" once ready. */
  error?: boolean;
}

export interface Snapshot extends Life {
  id: string;
  volumeId: string;
  sizeGiB: number;
  description: string;
  encrypted: boolean;
  kmsKeyId?: string;
  tags: Tags;
}

export interface Instance {
  seq: number;
  id: string;
  name: string;
  type: string;
  az: string;
  subnetId: string;
  vpcId: string;
  running: boolean;
  launchTime: number;
  stoppedReason?: string;
  windows: boolean;
  os: { name: string; version: string };
  ssm: boolean;
  privateIp: string;
  sgIds: string[];
  imageId: string;
  arch: 'x86_64' | 'arm64';
  tags: Tags;
}

export interface Vpc {
  seq: number;
  id: string;
  cidr: string;
  isDefault: boolean;
  tags: Tags;
}

export interface Subnet {
  seq: number;
  id: string;
  vpcId: string;
  az: string;
  azId: string;
  cidr: string;
  defaultForAz: boolean;
  availableIps: number;
  tags: Tags;
}

export interface SgRule {
  protocol: string; // tcp | udp | -1
  from: number;
  to: number;
  cidr?: string;
  groupId?: string;
  description?: string;
}

export interface SecurityGroup {
  seq: number;
  id: string;
  name: string;
  description: string;
  vpcId: string;
  ingress: SgRule[];
  egress: SgRule[];
  tags: Tags;
}

// ---------------------------------------------------------------------------
// EFS

export interface EfsFileSystem extends Life, Workload {
  id: string;
  creationToken: string;
  performanceMode: string;
  throughputMode: string;
  provisionedMiBps?: number;
  encrypted: boolean;
  kmsKeyId?: string;
  /** One Zone file systems. */
  azName?: string;
  sizes: { standard: number; ia: number; archive: number };
  lifecycle: LifecyclePolicy[];
  tags: Tags;
  /** Last throughput-mode change or provisioned decrease (24 h rule). */
  throughputChangedAt?: number;
  updatingUntil?: number;
}

export interface MountTarget extends Life {
  id: string;
  fsId: string;
  subnetId: string;
  vpcId: string;
  az: string;
  azId: string;
  ip: string;
  eni: string;
  sgIds: string[];
}

export interface AccessPoint extends Life {
  id: string;
  fsId: string;
  clientToken: string;
  posixUser?: { Uid: number; Gid: number; SecondaryGids?: number[] };
  rootDirectory?: { Path?: string; CreationInfo?: { OwnerUid: number; OwnerGid: number; Permissions: string } };
  tags: Tags;
}

// ---------------------------------------------------------------------------
// FSx

export type FsxType = 'LUSTRE' | 'OPENZFS' | 'WINDOWS' | 'ONTAP';

export interface FsxUpdate {
  type: string; // FILE_SYSTEM_UPDATE | STORAGE_OPTIMIZATION | ...
  requestedAt: number;
  doneAt: number;
  /** Fields applied once the update completes. */
  apply: Partial<FsxSettings>;
}

/** The mutable settings of an FSx file system. */
export interface FsxSettings {
  storageCapacity: number;
  throughputCapacity?: number;
  perUnitStorageThroughput?: number;
  backupRetentionDays: number;
  compression?: string;
  iops?: number;
}

export interface FsxFileSystem extends Life, Workload {
  id: string;
  type: FsxType;
  deploymentType: string;
  storageType: string;
  settings: FsxSettings;
  subnetIds: string[];
  preferredSubnetId?: string;
  vpcId: string;
  dnsName?: string;
  kmsKeyId?: string;
  tags: Tags;
  failure?: string;
  clientToken?: string;
  eniIds: string[];
  updates: FsxUpdate[];
  lustre?: { mountName: string; importPath?: string; exportPath?: string; autoImport?: string; version: string; driveCacheType?: string };
  openzfs?: { rootVolumeId: string; recordSizeKiB: number; endpointIp: string };
  windows?: {
    adId?: string;
    selfManaged?: { domain: string; dnsIps: string[]; userName: string; ou?: string; adminsGroup?: string };
    preferredIp: string;
    remoteAdmin: string;
    aliases: string[];
  };
  ontap?: { endpointIpRange?: string; mgmtDns: string; mgmtIps: string[]; interclusterDns: string; interclusterIps: string[]; haPairs: number };
}

export interface Svm extends Life {
  id: string;
  fsId: string;
  name: string;
  uuid: string;
  rootVolumeSecurityStyle: string;
  ad?: { netBiosName: string; domainName: string; ou?: string; dnsIps: string[] };
  nfsIp: string;
  tags: Tags;
}

export interface FsxVolume extends Life {
  id: string;
  fsId: string;
  kind: 'ONTAP' | 'OPENZFS';
  name: string;
  tags: Tags;
  ontap?: { svmId: string; junctionPath?: string; sizeMiB: number; securityStyle: string; storageEfficiency: boolean; tieringPolicy: string; uuid: string; isRoot: boolean };
  openzfs?: {
    parentId?: string;
    path: string;
    quotaGiB?: number;
    reservationGiB?: number;
    recordSizeKiB: number;
    compression: string;
    nfsExports: NfsExport[];
    readOnly: boolean;
    isRoot: boolean;
  };
}

export interface NfsExport {
  clients: string;
  options: string[];
}

export interface FsxBackup extends Life {
  id: string;
  fsId: string;
  volumeId?: string;
  type: 'AUTOMATIC' | 'USER_INITIATED';
  tags: Tags;
  /** The file system (and volume) as it was when backed up. */
  fileSystem: FsxFileSystemShape;
  volume?: FsxVolumeShape;
  kmsKeyId?: string;
}

export interface DataRepositoryAssociation extends Life {
  id: string;
  fsId: string;
  fsPath: string;
  s3Path: string;
  importOnCreate: boolean;
  autoImport: string[];
  autoExport: string[];
  nfs?: NFSDataRepositoryConfiguration;
  tags: Tags;
}

// ---------------------------------------------------------------------------
// S3

export interface ObjectTemplate {
  /** Keys are `${dir(i)}/${stem}${index padded}${ext}`, sorted by index. */
  dirPrefix: string;
  perDir: number;
  stem: string;
  ext: string;
  width: number;
}

export interface ObjectSet {
  count: number;
  avgBytes: number;
  template: ObjectTemplate;
  /** Objects whose current version is a delete marker (versioned buckets). */
  marked: Intervals;
  /** Objects with no versions left. */
  purged: Intervals;
  /** Epoch ms of the first object's LastModified; later objects are later. */
  firstModified: number;
  lastModified: number;
  storageClass: string;
}

export interface MultipartUpload {
  key: string;
  uploadId: string;
  initiated: number;
  storageClass: string;
  parts: number;
  partBytes: number;
}

export interface Bucket extends Life, Workload {
  name: string;
  region: string;
  versioning?: 'Enabled' | 'Suspended';
  encryption: { algorithm: 'AES256' | 'aws:kms' | 'aws:kms:dsse'; kmsKeyId?: string; bucketKey: boolean };
  lifecycle?: LifecycleRule[];
  tags?: Tags;
  publicAccessBlock?: PublicAccessBlockConfiguration;
  tiering: IntelligentTieringConfiguration[];
  metrics: MetricsConfiguration[];
  uploads: MultipartUpload[];
  objects: ObjectSet;
}

// ---------------------------------------------------------------------------
// KMS, Directory Service, SSM

export interface KmsKey {
  id: string;
  arn: string;
  aliases: string[];
  manager: 'AWS' | 'CUSTOMER';
  description: string;
  createdAt: number;
}

export interface Directory {
  id: string;
  name: string;
  shortName: string;
  type: 'MicrosoftAD' | 'SimpleAD' | 'ADConnector';
  edition?: 'Standard' | 'Enterprise';
  vpcId: string;
  subnetIds: string[];
  azs: string[];
  dnsIps: string[];
  sgId: string;
  launchTime: number;
  description: string;
}

export interface SsmCommand {
  seq: number;
  id: string;
  documentName: string;
  instanceIds: string[];
  commands: string[];
  comment?: string;
  requestedAt: number;
  timeoutSeconds: number;
  workingDirectory?: string;
}

// ---------------------------------------------------------------------------

export interface RegionWorld {
  region: string;
  azs: { name: string; id: string }[];
  vpcs: Vpc[];
  subnets: Subnet[];
  securityGroups: SecurityGroup[];
  instances: Instance[];
  volumes: Map<string, EbsVolume>;
  snapshots: Map<string, Snapshot>;
  efs: Map<string, EfsFileSystem>;
  mountTargets: Map<string, MountTarget>;
  accessPoints: Map<string, AccessPoint>;
  fsx: Map<string, FsxFileSystem>;
  svms: Map<string, Svm>;
  fsxVolumes: Map<string, FsxVolume>;
  backups: Map<string, FsxBackup>;
  dras: Map<string, DataRepositoryAssociation>;
  kmsKeys: KmsKey[];
  directories: Directory[];
  ssmCommands: Map<string, SsmCommand>;
  /** Idempotency: "<service>:<token>" -> resource id and a fingerprint of the request. */
  tokens: Map<string, { id: string; fingerprint: string }>;
}

export interface Durations {
  ebs: number;
  s3: number;
  efs: number;
  fsx: number;
}
