// Step 2 of the wizard as data: the ordered fields of each kind, and string in/out access to a
// config so a screen only renders fields, feeds keystrokes and shows validateRequest's errors.
// setField never throws: what cannot be stored as the field's type is kept as typed (see
// validation/raw-input.ts) and reported by validateRequest. Changing a choice that others depend
// on (deployment type, volume type...) clears settings that no longer apply and fills ones that
// became required, so a switch never leaves an error the person did not make.
import type { EbsConfig, EfsConfig, FsxLustreConfig, FsxOntapConfig, FsxOpenZfsConfig, FsxWindowsConfig, StorageConfig, StorageType } from '../types.js';
import { type RawEntry, rawInputs, setRawInputs } from '../validation/raw-input.js';
import {
  EBS_TYPES,
  EBS_VOLUME_TYPES,
  EFS_LIFECYCLE_VALUES,
  ebsMaxIops,
  efsLifecycleDays,
  ebsMaxThroughput,
  lustreCapacityRule,
  lustrePerUnitValues,
  ONTAP_CAPACITY_PER_PAIR,
  ontapThroughputValues,
  OPENZFS_RECORD_SIZES,
  OPENZFS_THROUGHPUT,
  WINDOWS_CAPACITY,
  WINDOWS_THROUGHPUT,
} from '../validation/rules.js';
import type { AccountContext } from './context.js';
import { roundUpSteps } from './defaults.js';
import { groupDigits } from '../format.js';

export interface FieldSpec {
  key: string;
  label: string;
  kind: 'enum' | 'number' | 'text' | 'secret' | 'bool' | 'multi';
  options?: (ctx: AccountContext, cfg: StorageConfig) => { value: string; label: string }[];
  unit?: string;
  help: string;
  visible?: (cfg: StorageConfig) => boolean;
}

/** How a field's text maps to the stored value. */
type Codec = 'string' | 'optString' | 'number' | 'optNumber' | 'bool' | 'list';
interface FieldDef extends FieldSpec {
  codec: Codec;
}

type Option = { value: string; label: string };
type Sub = Record<string, unknown>;

// ---------------------------------------------------------------------------
// Option builders

const nums = (values: readonly number[], unit: string): Option[] => values.map((v) => ({ value: String(v), label: `${groupDigits(v)} ${unit}` }));
const words = (values: readonly string[]): Option[] => values.map((v) => ({ value: v, label: v }));
const zones = (ctx: AccountContext): Option[] => ctx.availabilityZones.map((z) => ({ value: z, label: z }));

function subnetOptions(ctx: AccountContext, az?: string): Option[] {
  return ctx.subnets
    .filter((s) => !az || s.az === az)
    .map((s) => ({ value: s.id, label: `${s.id}  ${s.az}${s.name ? `  ${s.name}` : ''}  (${s.vpcId})` }));
}

function chosenSubnets(cfg: StorageConfig): string[] {
  switch (cfg.type) {
    case 'efs':
      return cfg.efs.subnetIds ?? [];
    case 'fsx-lustre':
      return cfg.lustre.subnetId ? [cfg.lustre.subnetId] : [];
    case 'fsx-openzfs':
      return cfg.openzfs.subnetIds ?? [];
    case 'fsx-windows':
      return cfg.windows.subnetIds ?? [];
    case 'fsx-ontap':
      return cfg.ontap.subnetIds ?? [];
    default:
      return [];
  }
}

/** Security groups of the VPC the chosen subnets are in (all groups until a subnet is chosen). */
function securityGroupOptions(ctx: AccountContext, cfg: StorageConfig): Option[] {
  const ids = chosenSubnets(cfg);
  const vpc = ctx.subnets.find((s) => ids.includes(s.id))?.vpcId;
  return ctx.securityGroups.filter((g) => !vpc || g.vpcId === vpc).map((g) => ({ value: g.id, label: `${g.name} (${g.id})` }));
}

function preferredOptions(ctx: AccountContext, cfg: StorageConfig): Option[] {
  const ids = chosenSubnets(cfg);
  return subnetOptions(ctx).filter((o) => ids.includes(o.value));
}

/** Archive values later than the Infrequent Access transition (files reach Archive only after IA). */
function archiveChoices(ia: string | undefined): string[] {
  const after = ia ? (efsLifecycleDays(ia) ?? 0) : 0;
  return EFS_LIFECYCLE_VALUES.filter((v) => (efsLifecycleDays(v) ?? 0) > after);
}

const kmsOptions = (ctx: AccountContext): Option[] => [{ value: '', label: 'AWS managed key (default)' }, ...ctx.kmsKeys.map((k) => ({ value: k.id, label: k.alias }))];

// ---------------------------------------------------------------------------
// Field tables, in the order the form shows them

const ebsOf = (c: StorageConfig) => (c.type === 'ebs' ? c.ebs : undefined);
const efsOf = (c: StorageConfig) => (c.type === 'efs' ? c.efs : undefined);
const lustreOf = (c: StorageConfig) => (c.type === 'fsx-lustre' ? c.lustre : undefined);
const zfsOf = (c: StorageConfig) => (c.type === 'fsx-openzfs' ? c.openzfs : undefined);
const winOf = (c: StorageConfig) => (c.type === 'fsx-windows' ? c.windows : undefined);
const ontapOf = (c: StorageConfig) => (c.type === 'fsx-ontap' ? c.ontap : undefined);

const EBS_TYPE_LABEL: Record<EbsConfig['volumeType'], string> = {
  gp3: 'gp3  General Purpose SSD, IOPS and throughput set apart from size',
  gp2: 'gp2  General Purpose SSD, 3 IOPS per GiB (previous generation)',
  io2: 'io2  Provisioned IOPS SSD, sub-millisecond, 99.999% durable',
  io1: 'io1  Provisioned IOPS SSD (previous generation)',
  st1: 'st1  Throughput Optimized HDD, large sequential reads',
  sc1: 'sc1  Cold HDD, the cheapest, rarely read data',
};

const FIELDS: Record<StorageType, FieldDef[]> = {
  ebs: [
    { key: 'volumeType', label: 'Volume type', kind: 'enum', codec: 'string', options: () => EBS_VOLUME_TYPES.map((t) => ({ value: t, label: EBS_TYPE_LABEL[t] })), help: 'gp3 suits most workloads; io2 for demanding databases; st1/sc1 for big sequential or cold data.' },
    { key: 'sizeGiB', label: 'Size', kind: 'number', codec: 'number', unit: 'GiB', help: 'Volumes can grow later without downtime, but never shrink.' },
    { key: 'iops', label: 'IOPS', kind: 'number', codec: 'optNumber', unit: 'IOPS', help: 'gp3 includes 3,000; io1/io2 need a value. Limited per GiB of size.', visible: (c) => !!EBS_TYPES[ebsOf(c)?.volumeType ?? 'gp2']?.iops },
    { key: 'throughputMBps', label: 'Throughput', kind: 'number', codec: 'optNumber', unit: 'MiB/s', help: 'gp3 includes 125 MiB/s; up to 0.25 MiB/s per provisioned IOPS.', visible: (c) => ebsOf(c)?.volumeType === 'gp3' },
    { key: 'availabilityZone', label: 'Availability Zone', kind: 'enum', codec: 'string', options: zones, help: 'A volume attaches only to instances in the same zone.' },
    { key: 'encrypted', label: 'Encrypted', kind: 'bool', codec: 'bool', help: 'Encryption at rest with KMS; no performance cost.' },
    { key: 'kmsKeyId', label: 'KMS key', kind: 'enum', codec: 'optString', options: kmsOptions, help: 'Leave the AWS managed key unless your policy needs your own key.', visible: (c) => ebsOf(c)?.encrypted === true },
    {
      key: 'attachToInstanceId',
      label: 'Attach to instance',
      kind: 'enum',
      codec: 'optString',
      options: (ctx, c) => [{ value: '', label: 'Do not attach' }, ...ctx.instances.filter((i) => i.az === ebsOf(c)?.availabilityZone).map((i) => ({ value: i.id, label: `${i.name ?? i.id} (${i.id}, ${i.state})` }))],
      help: 'Only instances in the volume\'s zone are listed.',
    },
    { key: 'device', label: 'Device name', kind: 'text', codec: 'optString', help: 'Linux: /dev/sdf through /dev/sdp (newer kernels show /dev/nvme*).', visible: (c) => !!ebsOf(c)?.attachToInstanceId },
  ],
  efs: [
    { key: 'availabilityZoneName', label: 'Redundancy', kind: 'enum', codec: 'optString', options: (ctx) => [{ value: '', label: 'Regional (several zones)' }, ...ctx.availabilityZones.map((z) => ({ value: z, label: `One Zone: ${z} (about half the price)` }))], help: 'One Zone keeps data in a single zone: cheaper, but lost if that zone is.' },
    { key: 'performanceMode', label: 'Performance mode', kind: 'enum', codec: 'string', options: () => words(['generalPurpose', 'maxIO']), help: 'General Purpose has the lowest latency; Max I/O is legacy.' },
    { key: 'throughputMode', label: 'Throughput mode', kind: 'enum', codec: 'string', options: () => words(['elastic', 'bursting', 'provisioned']), help: 'Elastic scales with use and bills per GB moved; provisioned for steady high rates.' },
    { key: 'provisionedThroughputMiBps', label: 'Provisioned throughput', kind: 'number', codec: 'optNumber', unit: 'MiB/s', help: '1 to 3,414 MiB/s, billed whether used or not.', visible: (c) => efsOf(c)?.throughputMode === 'provisioned' },
    { key: 'transitionToIA', label: 'Move to Infrequent Access', kind: 'enum', codec: 'optString', options: () => [{ value: '', label: 'Never' }, ...words(EFS_LIFECYCLE_VALUES)], help: 'Files not read for this long cost less to store, more to read.' },
    { key: 'transitionToArchive', label: 'Move to Archive', kind: 'enum', codec: 'optString', options: (_ctx, c) => [{ value: '', label: 'Never' }, ...words(archiveChoices(efsOf(c)?.transitionToIA))], help: 'Cheapest tier; needs Elastic throughput and General Purpose mode.', visible: (c) => efsOf(c)?.throughputMode === 'elastic' && efsOf(c)?.performanceMode === 'generalPurpose' },
    { key: 'encrypted', label: 'Encrypted', kind: 'bool', codec: 'bool', help: 'Encryption at rest; cannot be changed after creation.' },
    { key: 'kmsKeyId', label: 'KMS key', kind: 'enum', codec: 'optString', options: kmsOptions, help: 'Leave the AWS managed key unless your policy needs your own key.', visible: (c) => efsOf(c)?.encrypted === true },
    { key: 'subnetIds', label: 'Mount target subnets', kind: 'multi', codec: 'list', options: (ctx, c) => subnetOptions(ctx, efsOf(c)?.availabilityZoneName || undefined), help: 'One subnet per zone your clients run in.' },
    { key: 'securityGroupIds', label: 'Security groups', kind: 'multi', codec: 'list', options: securityGroupOptions, help: 'Must allow NFS (TCP 2049) from your clients; at most 5.' },
    { key: 'accessPoint', label: 'Create an access point', kind: 'bool', codec: 'bool', help: 'Pins clients to one directory and POSIX identity, e.g. per project.' },
    { key: 'accessPoint.path', label: 'Access point path', kind: 'text', codec: 'string', help: 'Absolute, up to four levels, e.g. /projects/alpha; created on first mount.', visible: (c) => !!efsOf(c)?.accessPoint },
    { key: 'accessPoint.uid', label: 'Access point user id', kind: 'number', codec: 'number', help: 'POSIX uid every request through the access point uses.', visible: (c) => !!efsOf(c)?.accessPoint },
    { key: 'accessPoint.gid', label: 'Access point group id', kind: 'number', codec: 'number', help: 'POSIX gid every request through the access point uses.', visible: (c) => !!efsOf(c)?.accessPoint },
    { key: 'accessPoint.permissions', label: 'Directory permissions', kind: 'text', codec: 'string', help: 'Octal mode for the directory when EFS creates it, e.g. 0755.', visible: (c) => !!efsOf(c)?.accessPoint },
  ],
  s3: [
    { key: 'bucketName', label: 'Bucket name', kind: 'text', codec: 'string', help: 'Globally unique; 3-63 lowercase letters, numbers, hyphens.' },
    { key: 'encryption', label: 'Encryption', kind: 'enum', codec: 'string', options: () => [{ value: 'AES256', label: 'AES256  S3 managed keys (free)' }, { value: 'aws:kms', label: 'aws:kms  your KMS key (per-request charges)' }], help: 'S3 encrypts every object; KMS adds key policies and audit.' },
    { key: 'kmsKeyId', label: 'KMS key', kind: 'enum', codec: 'optString', options: kmsOptions, help: 'The key that encrypts new objects.', visible: (c) => c.type === 's3' && c.s3.encryption === 'aws:kms' },
    { key: 'versioning', label: 'Versioning', kind: 'bool', codec: 'bool', help: 'Keeps overwritten and deleted objects recoverable (and billed).' },
    { key: 'blockPublicAccess', label: 'Block public access', kind: 'bool', codec: 'bool', help: 'Leave on unless the bucket must serve the public.' },
    {
      key: 'lifecyclePreset',
      label: 'Lifecycle',
      kind: 'enum',
      codec: 'optString',
      options: () => [
        { value: 'none', label: 'None' },
        { value: 'intelligent-tiering', label: 'Intelligent-Tiering: tiers objects by access' },
        { value: 'archive-after-90', label: 'Archive: Glacier after 90 days' },
        { value: 'expire-scratch-30', label: 'Scratch: delete after 30 days' },
      ],
      help: 'Rules S3 applies to objects as they age.',
    },
  ],
  'fsx-lustre': [
    { key: 'deploymentType', label: 'Deployment type', kind: 'enum', codec: 'string', options: () => [{ value: 'SCRATCH_2', label: 'SCRATCH_2  temporary, cheapest, no replication' }, { value: 'SCRATCH_1', label: 'SCRATCH_1  temporary (previous generation)' }, { value: 'PERSISTENT_2', label: 'PERSISTENT_2  replicated SSD, 125-1,000 MB/s/TiB' }, { value: 'PERSISTENT_1', label: 'PERSISTENT_1  replicated SSD or HDD' }], help: 'Scratch for data you can recreate; persistent for data that must survive failures.' },
    { key: 'storageType', label: 'Storage type', kind: 'enum', codec: 'optString', options: () => words(['SSD', 'HDD']), help: 'HDD is cheaper per TiB for large sequential data.', visible: (c) => lustreOf(c)?.deploymentType === 'PERSISTENT_1' },
    { key: 'perUnitStorageThroughput', label: 'Throughput per TiB', kind: 'enum', codec: 'optNumber', unit: 'MB/s/TiB', options: (_ctx, c) => nums(lustrePerUnitValues({ deploymentType: lustreOf(c)?.deploymentType ?? 'SCRATCH_2', storageType: lustreOf(c)?.storageType ?? 'SSD' }), 'MB/s/TiB'), help: 'Total throughput is this times the capacity in TiB.', visible: (c) => (lustreOf(c)?.deploymentType ?? '').startsWith('PERSISTENT') },
    { key: 'storageCapacityGiB', label: 'Storage capacity', kind: 'number', codec: 'number', unit: 'GiB', help: 'Lustre capacity comes in fixed steps, from 1,200 GiB.' },
    { key: 'driveCacheType', label: 'SSD read cache', kind: 'enum', codec: 'optString', options: () => [{ value: 'READ', label: 'READ  cache hot files on SSD' }, { value: 'NONE', label: 'NONE' }], help: 'HDD file systems can cache up to 20% of capacity on SSD.', visible: (c) => lustreOf(c)?.storageType === 'HDD' },
    { key: 'dataCompressionType', label: 'Compression', kind: 'enum', codec: 'string', options: () => words(['LZ4', 'NONE']), help: 'LZ4 stores more per GiB with little CPU cost.' },
    { key: 'importPath', label: 'Import from S3', kind: 'text', codec: 'optString', help: 's3://bucket/prefix to present as files; leave empty for none.', visible: (c) => lustreOf(c)?.deploymentType !== 'PERSISTENT_2' },
    { key: 'exportPath', label: 'Export to S3', kind: 'text', codec: 'optString', help: 'Where changed files are written back; same bucket as the import.', visible: (c) => lustreOf(c)?.deploymentType !== 'PERSISTENT_2' && !!lustreOf(c)?.importPath },
    { key: 'subnetId', label: 'Subnet', kind: 'enum', codec: 'string', options: (ctx) => subnetOptions(ctx), help: 'Put it in the zone of your compute for the best latency.' },
    { key: 'securityGroupIds', label: 'Security groups', kind: 'multi', codec: 'list', options: securityGroupOptions, help: 'Must allow Lustre (TCP 988, 1018-1023) between clients and servers.' },
  ],
  'fsx-openzfs': [
    { key: 'deploymentType', label: 'Deployment type', kind: 'enum', codec: 'string', options: () => words(['SINGLE_AZ_1', 'SINGLE_AZ_2', 'SINGLE_AZ_HA_1', 'SINGLE_AZ_HA_2', 'MULTI_AZ_1']), help: 'SINGLE_AZ_2 and MULTI_AZ_1 add an NVMe cache and higher throughput.' },
    { key: 'throughputCapacityMBps', label: 'Throughput capacity', kind: 'enum', codec: 'number', unit: 'MB/s', options: (_ctx, c) => nums(OPENZFS_THROUGHPUT[zfsOf(c)?.deploymentType ?? 'SINGLE_AZ_1'] ?? [], 'MB/s'), help: 'Sets the server size: throughput, IOPS and cache memory.' },
    { key: 'storageCapacityGiB', label: 'Storage capacity', kind: 'number', codec: 'number', unit: 'GiB', help: '64 GiB to 512 TiB of SSD.' },
    { key: 'dataCompressionType', label: 'Compression', kind: 'enum', codec: 'string', options: () => words(['LZ4', 'ZSTD', 'NONE']), help: 'LZ4 is fast; ZSTD compresses more for cold data.' },
    { key: 'recordSizeKiB', label: 'Record size', kind: 'enum', codec: 'number', unit: 'KiB', options: () => nums(OPENZFS_RECORD_SIZES, 'KiB'), help: '128 KiB suits most; match database page size; 1 MiB for streaming.' },
    { key: 'nfsExportClients', label: 'NFS clients', kind: 'text', codec: 'string', help: '* for any client the security groups allow, or IPs/CIDRs separated by commas.' },
    { key: 'subnetIds', label: 'Subnets', kind: 'multi', codec: 'list', options: (ctx) => subnetOptions(ctx), help: 'One subnet; two in different zones for MULTI_AZ_1.' },
    { key: 'preferredSubnetId', label: 'Preferred subnet', kind: 'enum', codec: 'optString', options: preferredOptions, help: 'Where the active file server runs.', visible: (c) => zfsOf(c)?.deploymentType === 'MULTI_AZ_1' },
    { key: 'securityGroupIds', label: 'Security groups', kind: 'multi', codec: 'list', options: securityGroupOptions, help: 'Must allow NFS (TCP/UDP 111, 2049, 20001-20003) from clients.' },
  ],
  'fsx-windows': [
    { key: 'deploymentType', label: 'Deployment type', kind: 'enum', codec: 'string', options: () => [{ value: 'SINGLE_AZ_2', label: 'SINGLE_AZ_2  one zone, SSD or HDD' }, { value: 'MULTI_AZ_1', label: 'MULTI_AZ_1  standby server in a second zone' }, { value: 'SINGLE_AZ_1', label: 'SINGLE_AZ_1  one zone, SSD only (previous generation)' }], help: 'MULTI_AZ_1 fails over automatically if a zone goes down.' },
    { key: 'storageType', label: 'Storage type', kind: 'enum', codec: 'string', options: () => words(['SSD', 'HDD']), help: 'HDD (from 2,000 GiB) for large, rarely busy shares.' },
    { key: 'storageCapacityGiB', label: 'Storage capacity', kind: 'number', codec: 'number', unit: 'GiB', help: 'SSD 32 GiB-64 TiB; HDD 2,000 GiB-64 TiB.' },
    { key: 'throughputCapacityMBps', label: 'Throughput capacity', kind: 'enum', codec: 'number', unit: 'MB/s', options: () => nums(WINDOWS_THROUGHPUT, 'MB/s'), help: 'Sets the server size: network throughput, IOPS and cache.' },
    { key: 'adMode', label: 'Active Directory', kind: 'enum', codec: 'string', options: () => [{ value: 'aws-managed', label: 'AWS Managed Microsoft AD' }, { value: 'self-managed', label: 'Self-managed AD (your domain controllers)' }], help: 'FSx for Windows joins a domain for SMB authentication.' },
    { key: 'activeDirectoryId', label: 'Directory', kind: 'enum', codec: 'optString', options: (ctx) => ctx.directories.filter((d) => d.type === 'MicrosoftAD' || d.type === 'SharedMicrosoftAD').map((d) => ({ value: d.id, label: `${d.name} (${d.id})` })), help: 'An AWS Managed Microsoft AD in this region.', visible: (c) => !winOf(c)?.selfManagedAd },
    { key: 'selfManagedAd.domainName', label: 'Domain', kind: 'text', codec: 'string', help: 'Fully qualified, e.g. corp.example.com.', visible: (c) => !!winOf(c)?.selfManagedAd },
    { key: 'selfManagedAd.dnsIps', label: 'DNS servers', kind: 'text', codec: 'list', help: '1-3 domain controller or DNS IPs, separated by commas.', visible: (c) => !!winOf(c)?.selfManagedAd },
    { key: 'selfManagedAd.userName', label: 'Service account', kind: 'text', codec: 'string', help: 'An account allowed to join computers to the domain.', visible: (c) => !!winOf(c)?.selfManagedAd },
    { key: 'selfManagedAd.password', label: 'Service account password', kind: 'secret', codec: 'string', help: 'Sent only to AWS; never stored or shown.', visible: (c) => !!winOf(c)?.selfManagedAd },
    { key: 'selfManagedAd.organizationalUnit', label: 'Organizational unit', kind: 'text', codec: 'optString', help: 'Optional, e.g. OU=FSx,DC=corp,DC=example,DC=com.', visible: (c) => !!winOf(c)?.selfManagedAd },
    { key: 'selfManagedAd.fileSystemAdministratorsGroup', label: 'Administrators group', kind: 'text', codec: 'optString', help: 'Optional; defaults to Domain Admins.', visible: (c) => !!winOf(c)?.selfManagedAd },
    { key: 'subnetIds', label: 'Subnets', kind: 'multi', codec: 'list', options: (ctx) => subnetOptions(ctx), help: 'One subnet; two in different zones for MULTI_AZ_1.' },
    { key: 'preferredSubnetId', label: 'Preferred subnet', kind: 'enum', codec: 'optString', options: preferredOptions, help: 'Where the active file server runs.', visible: (c) => winOf(c)?.deploymentType === 'MULTI_AZ_1' },
    { key: 'securityGroupIds', label: 'Security groups', kind: 'multi', codec: 'list', options: securityGroupOptions, help: 'Must allow SMB (TCP 445) and AD traffic.' },
  ],
  'fsx-ontap': [
    { key: 'deploymentType', label: 'Deployment type', kind: 'enum', codec: 'string', options: () => [{ value: 'SINGLE_AZ_1', label: 'SINGLE_AZ_1  one zone' }, { value: 'MULTI_AZ_1', label: 'MULTI_AZ_1  standby in a second zone' }, { value: 'SINGLE_AZ_2', label: 'SINGLE_AZ_2  scale-out, 1-12 HA pairs' }, { value: 'MULTI_AZ_2', label: 'MULTI_AZ_2  second generation, standby in a second zone' }], help: 'Multi-AZ fails over automatically if a zone goes down.' },
    { key: 'haPairs', label: 'HA pairs', kind: 'number', codec: 'optNumber', help: 'Scale-out file servers, 1-12; SINGLE_AZ_2 only.', visible: (c) => ontapOf(c)?.deploymentType === 'SINGLE_AZ_2' },
    { key: 'throughputCapacityMBps', label: 'Throughput capacity', kind: 'enum', codec: 'number', unit: 'MB/s', options: (_ctx, c) => nums(ontapThroughputValues(ontapOf(c)?.deploymentType ?? 'SINGLE_AZ_1', ontapOf(c)?.haPairs ?? 1), 'MB/s'), help: 'Sets the server size: throughput, IOPS and cache.' },
    { key: 'storageCapacityGiB', label: 'SSD capacity', kind: 'number', codec: 'number', unit: 'GiB', help: 'The SSD tier; cold data tiers to the elastic capacity pool.' },
    { key: 'adminPassword', label: 'fsxadmin password', kind: 'secret', codec: 'optString', help: 'Optional, 8-50 characters, for the ONTAP CLI and REST API.' },
    { key: 'svmName', label: 'SVM name', kind: 'text', codec: 'string', help: 'The storage virtual machine clients connect to.' },
    { key: 'volumeName', label: 'Volume name', kind: 'text', codec: 'string', help: 'Letters, digits and underscores.' },
    { key: 'junctionPath', label: 'Junction path', kind: 'text', codec: 'string', help: 'Where clients mount the volume, e.g. /vol1.' },
    { key: 'volumeSizeMiB', label: 'Volume size', kind: 'number', codec: 'number', unit: 'MiB', help: 'May exceed the SSD tier; cold data tiers to the capacity pool.' },
    { key: 'subnetIds', label: 'Subnets', kind: 'multi', codec: 'list', options: (ctx) => subnetOptions(ctx), help: 'One subnet; two in different zones for Multi-AZ.' },
    { key: 'preferredSubnetId', label: 'Preferred subnet', kind: 'enum', codec: 'optString', options: preferredOptions, help: 'Where the active file server runs.', visible: (c) => (ontapOf(c)?.deploymentType ?? '').startsWith('MULTI_AZ') },
    { key: 'securityGroupIds', label: 'Security groups', kind: 'multi', codec: 'list', options: securityGroupOptions, help: 'Must allow NFS, SMB or iSCSI from clients, and ONTAP management.' },
  ],
};

/** The ordered fields of step 2 for a kind (the `codec` is internal and left out). */
export function fieldsFor(type: StorageType): FieldSpec[] {
  return (FIELDS[type] ?? []).map(({ codec: _codec, ...spec }) => spec);
}

// ---------------------------------------------------------------------------
// Access

function subOf(cfg: StorageConfig): Sub {
  switch (cfg.type) {
    case 'ebs':
      return cfg.ebs as unknown as Sub;
    case 'efs':
      return cfg.efs as unknown as Sub;
    case 's3':
      return cfg.s3 as unknown as Sub;
    case 'fsx-lustre':
      return cfg.lustre as unknown as Sub;
    case 'fsx-openzfs':
      return cfg.openzfs as unknown as Sub;
    case 'fsx-windows':
      return cfg.windows as unknown as Sub;
    case 'fsx-ontap':
      return cfg.ontap as unknown as Sub;
  }
}

function getPath(sub: Sub, key: string): unknown {
  let v: unknown = sub;
  for (const part of key.split('.')) v = v && typeof v === 'object' ? (v as Sub)[part] : undefined;
  return v;
}

function setPath(sub: Sub, key: string, value: unknown): void {
  const parts = key.split('.');
  let o = sub;
  for (const p of parts.slice(0, -1)) {
    if (!o[p] || typeof o[p] !== 'object') return; // parent not enabled (e.g. no access point): nothing to set
    o = o[p] as Sub;
  }
  const last = parts[parts.length - 1];
  if (value === undefined) delete o[last];
  else o[last] = value;
}

function findDef(type: StorageType, key: string): FieldDef | undefined {
  return FIELDS[type]?.find((f) => f.key === key);
}

/** The field's value as the form shows it: numbers plain, booleans yes/no, lists comma-separated. Secrets are returned as is, for the screen to mask. */
export function getField(cfg: StorageConfig, key: string): string {
  try {
    const def = findDef(cfg.type, key);
    if (!def) return '';
    const raw = rawInputs(cfg).get(key);
    if (raw) return raw.text;
    const sub = subOf(cfg);
    if (cfg.type === 'efs' && key === 'accessPoint') return sub.accessPoint ? 'yes' : 'no';
    if (cfg.type === 'fsx-windows' && key === 'adMode') return sub.selfManagedAd ? 'self-managed' : 'aws-managed';
    const v = getPath(sub, key);
    if (v === undefined || v === null) return '';
    if (def.codec === 'bool') return v === true ? 'yes' : 'no';
    if (def.codec === 'list') return Array.isArray(v) ? v.join(', ') : String(v);
    if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
    return String(v);
  } catch {
    return '';
  }
}

const YES = new Set(['yes', 'y', 'true', 'on', '1']);
const NO = new Set(['no', 'n', 'false', 'off', '0']);

/** undefined: empty; null: not a number. Thousands separators and underscores are accepted. */
function parseNumber(raw: string): number | undefined | null {
  const t = raw.trim().replace(/[,_\s]/g, '');
  if (t === '') return undefined;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return null;
  return Number(t);
}

/** A new config with the field set from what was typed. Never throws; unknown keys leave the config as it was. */
export function setField(cfg: StorageConfig, key: string, raw: string): StorageConfig {
  try {
    const def = findDef(cfg.type, key);
    if (!def) return cfg;
    const text = typeof raw === 'string' ? raw : String(raw ?? '');
    const next = structuredClone(cfg);
    const sub = subOf(next);
    const before = subOf(cfg);
    const rawMap = new Map<string, RawEntry>(rawInputs(cfg));
    rawMap.delete(key);

    if (next.type === 'efs' && key === 'accessPoint') {
      const on = YES.has(text.trim().toLowerCase());
      if (!on && !NO.has(text.trim().toLowerCase())) rawMap.set(key, { text, label: def.label, expected: 'yes-or-no' });
      else if (on && !sub.accessPoint) sub.accessPoint = { path: '/data', uid: 1000, gid: 1000, permissions: '0755' };
      else if (!on) {
        delete sub.accessPoint;
        for (const k of [...rawMap.keys()]) if (k.startsWith('accessPoint.')) rawMap.delete(k);
      }
    } else if (next.type === 'fsx-windows' && key === 'adMode') {
      const w = next.windows;
      if (text.trim() === 'self-managed') {
        w.selfManagedAd = w.selfManagedAd ?? { domainName: '', dnsIps: [], userName: '', password: '' };
        delete w.activeDirectoryId;
      } else if (text.trim() === 'aws-managed') {
        delete w.selfManagedAd;
      }
    } else {
      const value = decode(def, text, getPath(before, key));
      if (value.invalid) rawMap.set(key, { text, label: def.label, expected: def.codec === 'bool' ? 'yes-or-no' : 'number' });
      setPath(sub, key, value.value);
    }
    reconcile(next, key, cfg);
    setRawInputs(next, rawMap);
    return next;
  } catch {
    return cfg;
  }
}

function decode(def: FieldDef, text: string, previous: unknown): { value: unknown; invalid?: boolean } {
  switch (def.codec) {
    case 'string':
      return { value: def.kind === 'secret' || def.kind === 'text' ? text : text.trim() };
    case 'optString': {
      if (def.kind === 'secret') return { value: text === '' ? undefined : text };
      const t = text.trim();
      return { value: t === '' ? undefined : t };
    }
    case 'number':
    case 'optNumber': {
      const v = parseNumber(text);
      if (v === null) return { value: Number.NaN, invalid: true };
      if (v === undefined) return { value: def.codec === 'number' ? Number.NaN : undefined };
      return { value: v };
    }
    case 'bool': {
      const t = text.trim().toLowerCase();
      if (YES.has(t)) return { value: true };
      if (NO.has(t)) return { value: false };
      return { value: previous, invalid: true };
    }
    case 'list':
      return { value: text.split(/[\s,]+/).filter(Boolean) };
  }
}

// ---------------------------------------------------------------------------
// Dependent fields

function reconcile(next: StorageConfig, key: string, prev: StorageConfig): void {
  switch (next.type) {
    case 'ebs':
      return reconcileEbs(next.ebs, key);
    case 'efs':
      return reconcileEfs(next.efs, key);
    case 'fsx-lustre':
      return reconcileLustre(next.lustre, key);
    case 'fsx-openzfs':
      return reconcileOpenZfs(next.openzfs, key);
    case 'fsx-windows':
      return reconcileWindows(next.windows, key);
    case 'fsx-ontap':
      return reconcileOntap(next.ontap, key, prev.type === 'fsx-ontap' ? prev.ontap : undefined);
    case 's3':
      if (key === 'encryption' && next.s3.encryption !== 'aws:kms') delete next.s3.kmsKeyId;
      return;
  }
}

function reconcileEbs(c: EbsConfig, key: string): void {
  if (key === 'volumeType') {
    const rule = EBS_TYPES[c.volumeType];
    if (!rule) return;
    if (Number.isFinite(c.sizeGiB)) c.sizeGiB = Math.min(rule.maxGiB, Math.max(rule.minGiB, c.sizeGiB));
    if (!rule.iops) delete c.iops;
    else {
      const max = ebsMaxIops(c.volumeType, c.sizeGiB) ?? rule.iops.max;
      if (c.iops === undefined || c.iops < rule.iops.min || c.iops > max) {
        if (rule.iops.required) c.iops = Math.max(rule.iops.min, Math.min(max, 3_000));
        else delete c.iops;
      }
    }
    if (!rule.throughput) delete c.throughputMBps;
    else if (c.throughputMBps !== undefined && c.throughputMBps > (ebsMaxThroughput(c.volumeType, c.iops ?? rule.iops?.baseline ?? 0) ?? rule.throughput.max)) delete c.throughputMBps;
  }
  if (key === 'encrypted' && c.encrypted === false) delete c.kmsKeyId;
  if (key === 'attachToInstanceId') {
    if (!c.attachToInstanceId) delete c.device;
    else if (!c.device) c.device = '/dev/sdf';
  }
}

function reconcileEfs(c: EfsConfig, key: string): void {
  if (key === 'throughputMode' || key === 'performanceMode' || key === 'availabilityZoneName') {
    if (c.throughputMode !== 'provisioned') delete c.provisionedThroughputMiBps;
    else if (c.provisionedThroughputMiBps === undefined) c.provisionedThroughputMiBps = 100;
    if (c.availabilityZoneName && c.performanceMode === 'maxIO') c.performanceMode = 'generalPurpose';
    if (key === 'throughputMode' && c.throughputMode === 'elastic' && c.performanceMode === 'maxIO') c.performanceMode = 'generalPurpose';
    // Max I/O cannot run with Elastic throughput: bursting is the mode that bills nothing extra.
    if (key === 'performanceMode' && c.performanceMode === 'maxIO' && c.throughputMode === 'elastic') c.throughputMode = 'bursting';
    if (c.throughputMode !== 'elastic' || c.performanceMode !== 'generalPurpose') delete c.transitionToArchive;
  }
  if (key === 'transitionToIA' && c.transitionToArchive) {
    const later = archiveChoices(c.transitionToIA);
    if (!later.includes(c.transitionToArchive)) {
      if (later[0]) c.transitionToArchive = later[0];
      else delete c.transitionToArchive;
    }
  }
  if (key === 'encrypted' && c.encrypted === false) delete c.kmsKeyId;
}

function reconcileLustre(c: FsxLustreConfig, key: string): void {
  if (key !== 'deploymentType' && key !== 'storageType' && key !== 'perUnitStorageThroughput') return;
  const persistent = c.deploymentType === 'PERSISTENT_1' || c.deploymentType === 'PERSISTENT_2';
  if (c.deploymentType !== 'PERSISTENT_1' && c.storageType === 'HDD') c.storageType = 'SSD';
  const storageType = c.storageType ?? 'SSD';
  if (!persistent) delete c.perUnitStorageThroughput;
  else {
    const allowed = lustrePerUnitValues({ deploymentType: c.deploymentType, storageType });
    if (c.perUnitStorageThroughput === undefined || !allowed.includes(c.perUnitStorageThroughput)) c.perUnitStorageThroughput = allowed[0];
  }
  if (storageType === 'HDD') c.driveCacheType = c.driveCacheType ?? 'READ';
  else delete c.driveCacheType;
  if (c.deploymentType === 'PERSISTENT_2') {
    delete c.importPath;
    delete c.exportPath;
  }
  const rule = lustreCapacityRule({ deploymentType: c.deploymentType, storageType, perUnitStorageThroughput: c.perUnitStorageThroughput });
  const cap = c.storageCapacityGiB;
  if (Number.isFinite(cap) && !(rule.fixed.includes(cap) || (cap > 0 && Number.isInteger(cap) && cap % rule.step === 0))) {
    c.storageCapacityGiB = roundUpSteps(rule, cap);
  }
}

/** Multi-AZ: a preferred subnet among the chosen ones. Switching to Single-AZ keeps the first subnet only; subnets typed by the person are left for validation to judge. */
function fixSubnetsForDeployment(c: { subnetIds: string[]; preferredSubnetId?: string }, multi: boolean, key: string): void {
  if (multi) {
    if (!c.preferredSubnetId || !c.subnetIds.includes(c.preferredSubnetId)) {
      if (c.subnetIds[0]) c.preferredSubnetId = c.subnetIds[0];
      else delete c.preferredSubnetId;
    }
  } else {
    if (key === 'deploymentType' && c.subnetIds.length > 1) c.subnetIds = c.subnetIds.slice(0, 1);
    delete c.preferredSubnetId;
  }
}

function reconcileOpenZfs(c: FsxOpenZfsConfig, key: string): void {
  if (key === 'deploymentType') {
    const allowed = OPENZFS_THROUGHPUT[c.deploymentType];
    if (allowed && !allowed.includes(c.throughputCapacityMBps)) c.throughputCapacityMBps = allowed.find((v) => v >= c.throughputCapacityMBps) ?? allowed[allowed.length - 1];
  }
  if (key === 'deploymentType' || key === 'subnetIds') fixSubnetsForDeployment(c, c.deploymentType === 'MULTI_AZ_1', key);
}

function reconcileWindows(c: FsxWindowsConfig, key: string): void {
  if (key === 'deploymentType' && c.deploymentType === 'SINGLE_AZ_1' && c.storageType === 'HDD') c.storageType = 'SSD';
  if (key === 'deploymentType' || key === 'storageType') {
    const r = WINDOWS_CAPACITY[c.storageType];
    if (r && Number.isFinite(c.storageCapacityGiB)) c.storageCapacityGiB = Math.min(r.max, Math.max(r.min, c.storageCapacityGiB));
  }
  if (key === 'deploymentType' || key === 'subnetIds') fixSubnetsForDeployment(c, c.deploymentType === 'MULTI_AZ_1', key);
}

function reconcileOntap(c: FsxOntapConfig, key: string, prev?: FsxOntapConfig): void {
  if (key === 'deploymentType' && c.deploymentType !== 'SINGLE_AZ_2') c.haPairs = 1;
  if (key === 'deploymentType' || key === 'haPairs') {
    const pairs = Number.isInteger(c.haPairs) && (c.haPairs ?? 1) >= 1 ? (c.haPairs ?? 1) : 1;
    const allowed = ontapThroughputValues(c.deploymentType, pairs);
    if (allowed.length && !allowed.includes(c.throughputCapacityMBps)) {
      // Keep the per-pair choice when only the number of pairs changed.
      const prevPairs = prev?.haPairs ?? 1;
      const perPair = key === 'haPairs' && prev ? prev.throughputCapacityMBps / prevPairs : c.throughputCapacityMBps;
      const scaled = c.deploymentType === 'SINGLE_AZ_2' ? perPair * pairs : perPair;
      c.throughputCapacityMBps = allowed.includes(scaled) ? scaled : (allowed.find((v) => v >= scaled) ?? allowed[allowed.length - 1]);
    }
    const minCap = ONTAP_CAPACITY_PER_PAIR.min * pairs;
    const maxCap = ONTAP_CAPACITY_PER_PAIR.max * pairs;
    if (Number.isFinite(c.storageCapacityGiB)) c.storageCapacityGiB = Math.min(maxCap, Math.max(minCap, c.storageCapacityGiB));
  }
  if (key === 'deploymentType' || key === 'subnetIds') fixSubnetsForDeployment(c, c.deploymentType === 'MULTI_AZ_1' || c.deploymentType === 'MULTI_AZ_2', key);
  if (key === 'volumeName' && prev && c.junctionPath === `/${prev.volumeName}` && /^[A-Za-z0-9_]+$/.test(c.volumeName)) c.junctionPath = `/${c.volumeName}`;
}
