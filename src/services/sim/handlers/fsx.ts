// FSx: Lustre, OpenZFS, Windows File Server and NetApp ONTAP file systems,
// ONTAP SVMs and volumes, OpenZFS volumes, backups, data repository
// associations and tags. Limits come from the FSx API reference
// (https://docs.aws.amazon.com/fsx/latest/APIReference/API_CreateFileSystem.html
// and the per-type configuration shapes it links to).
import type {
  CreateBackupRequest,
  CreateBackupResponse,
  CreateDataRepositoryAssociationRequest,
  CreateDataRepositoryAssociationResponse,
  DeleteDataRepositoryAssociationRequest,
  DeleteDataRepositoryAssociationResponse,
  CreateFileSystemRequest,
  CreateFileSystemResponse,
  CreateStorageVirtualMachineRequest,
  CreateStorageVirtualMachineResponse,
  CreateVolumeRequest,
  CreateVolumeResponse,
  DeleteFileSystemRequest,
  DeleteFileSystemResponse,
  DeleteStorageVirtualMachineRequest,
  DeleteStorageVirtualMachineResponse,
  DeleteVolumeRequest,
  DeleteVolumeResponse,
  DescribeBackupsRequest,
  DescribeBackupsResponse,
  DescribeDataRepositoryAssociationsRequest,
  DescribeDataRepositoryAssociationsResponse,
  DescribeFileSystemsRequest,
  DescribeFileSystemsResponse,
  DescribeStorageVirtualMachinesRequest,
  DescribeStorageVirtualMachinesResponse,
  DescribeVolumesRequest,
  DescribeVolumesResponse,
  ListTagsForResourceRequest,
  ListTagsForResourceResponse,
  TagResourceRequest,
  UntagResourceRequest,
  UpdateFileSystemRequest,
  UpdateFileSystemResponse,
  UpdateVolumeRequest,
  UpdateVolumeResponse,
  Tag,
} from '@aws-sdk/client-fsx';
import type { DataRepositoryAssociation, FsxBackup, FsxFileSystem, FsxSettings, FsxUpdate, FsxVolume, NfsExport, Svm, Tags } from '../model.js';
import { exists, phase } from '../model.js';
import { awsError } from '../errors.js';
import { paginate } from '../paging.js';
import { ACCOUNT_ID } from '../world.js';
import { backupOf, effectiveSettings, fsxDns, fsxLifecycle, lustreMountName, ontapEndpoints, renderBackup, renderDra, renderFileSystem, renderSvm, renderVolume, windowsDns } from '../fsx-shapes.js';
import { resolveKmsKey } from './kms.js';
import type { Ctx, HandlerTable } from './common.js';
import { idempotent, rememberToken, tagsFrom } from './common.js';

const err = (code: string, message: string, extra?: Record<string, unknown>) => awsError('fsx', code, message, { status: 400, extra });
const bad = (message: string) => err('BadRequest', message);
const incompatible = (parameter: string, message: string) => err('IncompatibleParameterError', message, { Parameter: parameter });

function findFs(ctx: Ctx, id: string | undefined): FsxFileSystem {
  const fs = id ? ctx.rw.fsx.get(id) : undefined;
  if (!fs || !exists(fs, ctx.now)) throw err('FileSystemNotFound', `File system '${id}' does not exist.`);
  return fs;
}

function findVolume(ctx: Ctx, id: string | undefined): FsxVolume {
  const v = id ? ctx.rw.fsxVolumes.get(id) : undefined;
  if (!v || !exists(v, ctx.now)) throw err('VolumeNotFound', `Volume '${id}' does not exist.`);
  return v;
}

function findSvm(ctx: Ctx, id: string | undefined): Svm {
  const s = id ? ctx.rw.svms.get(id) : undefined;
  if (!s || !exists(s, ctx.now)) throw err('StorageVirtualMachineNotFound', `Storage virtual machine '${id}' does not exist.`);
  return s;
}

function maxResults(v: number | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!Number.isInteger(v) || v < 1) throw bad('MaxResults must be greater than 0.');
  return Math.min(v, 2147483647);
}

interface FsxFilter {
  Name?: string;
  Values?: string[];
}

function filterBy<T>(items: T[], filters: FsxFilter[] | undefined, fields: Record<string, (r: T) => string | undefined>): T[] {
  let out = items;
  for (const f of filters ?? []) {
    const get = f.Name ? fields[f.Name] : undefined;
    if (!get) throw bad(`Invalid filter name: ${f.Name}`);
    out = out.filter((r) => (f.Values ?? []).includes(get(r) ?? ''));
  }
  return out;
}

// ---------------------------------------------------------------------------
// Describe

function describeFileSystems(ctx: Ctx, input: unknown): DescribeFileSystemsResponse {
  const i = input as DescribeFileSystemsRequest;
  const list = i.FileSystemIds?.length ? i.FileSystemIds.map((id) => findFs(ctx, id)) : [...ctx.rw.fsx.values()].filter((f) => exists(f, ctx.now));
  const page = paginate('fsx', 'DescribeFileSystems', list, maxResults(i.MaxResults), i.NextToken);
  return { FileSystems: page.items.map((f) => renderFileSystem(f, ctx.rw, ctx.now)), NextToken: page.next };
}

function describeStorageVirtualMachines(ctx: Ctx, input: unknown): DescribeStorageVirtualMachinesResponse {
  const i = input as DescribeStorageVirtualMachinesRequest;
  let list = i.StorageVirtualMachineIds?.length ? i.StorageVirtualMachineIds.map((id) => findSvm(ctx, id)) : [...ctx.rw.svms.values()].filter((s) => exists(s, ctx.now));
  list = filterBy(list, i.Filters, { 'file-system-id': (s) => s.fsId });
  const page = paginate('fsx', 'DescribeStorageVirtualMachines', list, maxResults(i.MaxResults), i.NextToken);
  return { StorageVirtualMachines: page.items.map((s) => renderSvm(s, ctx.region, ctx.now)), NextToken: page.next };
}

function describeVolumes(ctx: Ctx, input: unknown): DescribeVolumesResponse {
  const i = input as DescribeVolumesRequest;
  let list = i.VolumeIds?.length ? i.VolumeIds.map((id) => findVolume(ctx, id)) : [...ctx.rw.fsxVolumes.values()].filter((v) => exists(v, ctx.now));
  list = filterBy(list, i.Filters, { 'file-system-id': (v) => v.fsId, 'storage-virtual-machine-id': (v) => v.ontap?.svmId });
  const page = paginate('fsx', 'DescribeVolumes', list, maxResults(i.MaxResults), i.NextToken);
  return { Volumes: page.items.map((v) => renderVolume(v, ctx.region, ctx.now)), NextToken: page.next };
}

function directoryOf(ctx: Ctx, b: FsxBackup): { id: string; name: string } | undefined {
  const adId = b.fileSystem.WindowsConfiguration?.ActiveDirectoryId;
  const d = adId ? ctx.rw.directories.find((x) => x.id === adId) : undefined;
  return d ? { id: d.id, name: d.name } : undefined;
}

function describeBackups(ctx: Ctx, input: unknown): DescribeBackupsResponse {
  const i = input as DescribeBackupsRequest;
  let list: FsxBackup[];
  if (i.BackupIds?.length) {
    list = i.BackupIds.map((id) => {
      const b = ctx.rw.backups.get(id);
      if (!b || !exists(b, ctx.now)) throw err('BackupNotFound', `Backup '${id}' does not exist.`);
      return b;
    });
  } else list = [...ctx.rw.backups.values()].filter((b) => exists(b, ctx.now));
  list = filterBy(list, i.Filters, {
    'file-system-id': (b) => b.fsId,
    'backup-type': (b) => b.type,
    'file-system-type': (b) => b.fileSystem.FileSystemType,
    'volume-id': (b) => b.volumeId,
    'data-repository-type': () => undefined,
  });
  const page = paginate('fsx', 'DescribeBackups', list, maxResults(i.MaxResults), i.NextToken);
  return { Backups: page.items.map((b) => renderBackup(b, ctx.region, ctx.now, directoryOf(ctx, b))), NextToken: page.next };
}

function describeDataRepositoryAssociations(ctx: Ctx, input: unknown): DescribeDataRepositoryAssociationsResponse {
  const i = input as DescribeDataRepositoryAssociationsRequest;
  let list = [...ctx.rw.dras.values()].filter((d) => exists(d, ctx.now));
  if (i.AssociationIds?.length) {
    list = i.AssociationIds.map((id) => {
      const d = ctx.rw.dras.get(id);
      if (!d || !exists(d, ctx.now)) throw err('DataRepositoryAssociationNotFound', `Data repository association '${id}' does not exist.`);
      return d;
    });
  }
  list = filterBy(list, i.Filters, { 'file-system-id': (d) => d.fsId, 'data-repository-type': () => 'S3' });
  const page = paginate('fsx', 'DescribeDataRepositoryAssociations', list, maxResults(i.MaxResults), i.NextToken);
  return { Associations: page.items.map((d) => renderDra(d, ctx.region, ctx.now)), NextToken: page.next };
}

// ---------------------------------------------------------------------------
// Create file system

/** Lustre per-unit throughput (MB/s/TiB) by deployment and storage type. */
const LUSTRE_PER_UNIT: Record<string, number[]> = { PERSISTENT_1_SSD: [50, 100, 200], PERSISTENT_1_HDD: [12, 40], PERSISTENT_2_SSD: [125, 250, 500, 1000] };
/** OpenZFS throughput capacity (MB/s) by deployment type. */
const ZFS_THROUGHPUT: Record<string, number[]> = {
  SINGLE_AZ_1: [64, 128, 256, 512, 1024, 2048, 3072, 4096],
  SINGLE_AZ_2: [160, 320, 640, 1280, 2560, 3840, 5120, 7680, 10240],
  SINGLE_AZ_HA_1: [64, 128, 256, 512, 1024, 2048, 3072, 4096],
  SINGLE_AZ_HA_2: [160, 320, 640, 1280, 2560, 3840, 5120, 7680, 10240],
  MULTI_AZ_1: [160, 320, 640, 1280, 2560, 3840, 5120, 7680, 10240],
};
/** Windows throughput capacity: powers of two from 8 to 2048 MB/s. */
const WINDOWS_THROUGHPUT = [8, 16, 32, 64, 128, 256, 512, 1024, 2048];
/** ONTAP throughput per HA pair (MB/s) by deployment type. */
const ONTAP_THROUGHPUT: Record<string, number[]> = {
  SINGLE_AZ_1: [128, 256, 512, 1024, 2048, 4096],
  MULTI_AZ_1: [128, 256, 512, 1024, 2048, 4096],
  SINGLE_AZ_2: [1536, 3072, 6144],
  MULTI_AZ_2: [384, 768, 1536, 3072, 6144],
};

function lustreCapacityOk(deployment: string, storageType: string, perUnit: number | undefined, gib: number): boolean {
  if (deployment === 'SCRATCH_1') return gib === 1200 || gib === 2400 || (gib > 0 && gib % 3600 === 0);
  if (deployment === 'PERSISTENT_1' && storageType === 'HDD') return gib > 0 && gib % (perUnit === 12 ? 6000 : 1800) === 0;
  return gib === 1200 || gib === 2400 || (gib > 0 && gib % 2400 === 0);
}

function subnetsFor(ctx: Ctx, ids: string[] | undefined, expected: number, preferred: string | undefined): { ids: string[]; vpcId: string } {
  if (!ids?.length) throw bad('SubnetIds is required.');
  const subnets = ids.map((id) => {
    const s = ctx.rw.subnets.find((x) => x.id === id);
    if (!s) throw err('InvalidNetworkSettings', `The subnet ID '${id}' does not exist`, { InvalidSubnetId: id });
    return s;
  });
  if (subnets.length !== expected) throw incompatible('SubnetIds', `This deployment type requires exactly ${expected} subnet ID${expected > 1 ? 's' : ''}.`);
  if (expected === 2) {
    if (subnets[0].az === subnets[1].az) throw err('InvalidNetworkSettings', 'The two subnets must be in different Availability Zones.', { InvalidSubnetId: subnets[1].id });
    if (!preferred) throw incompatible('PreferredSubnetId', 'PreferredSubnetId is required for Multi-AZ deployment types.');
    if (!ids.includes(preferred)) throw err('InvalidNetworkSettings', `PreferredSubnetId '${preferred}' is not one of the SubnetIds.`, { InvalidSubnetId: preferred });
  }
  if (subnets.some((s) => s.vpcId !== subnets[0].vpcId)) throw err('InvalidNetworkSettings', 'All subnets must be in the same VPC.');
  return { ids: [...ids], vpcId: subnets[0].vpcId };
}

function checkSgs(ctx: Ctx, ids: string[] | undefined, vpcId: string): void {
  for (const id of ids ?? []) {
    const g = ctx.rw.securityGroups.find((x) => x.id === id);
    if (!g || g.vpcId !== vpcId) throw err('InvalidNetworkSettings', `The security group '${id}' does not exist in VPC ${vpcId}`, { InvalidSecurityGroupId: id });
  }
}

function checkRetention(days: number | undefined): number {
  if (days === undefined) return 0;
  if (!Number.isInteger(days) || days < 0 || days > 90) throw bad('AutomaticBackupRetentionDays must be between 0 and 90.');
  return days;
}

function checkTags(t: Tags): void {
  for (const k of Object.keys(t)) if (k.toLowerCase().startsWith('aws:')) throw bad("Tag keys with the prefix 'aws:' are reserved.");
  if (Object.keys(t).length > 50) throw bad('A resource can have at most 50 tags.');
}

function bucketOfPath(path: string): string | undefined {
  return /^s3:\/\/([^/]+)/.exec(path)?.[1];
}

function createFileSystem(ctx: Ctx, input: unknown): CreateFileSystemResponse {
  const i = input as CreateFileSystemRequest;
  const prior = idempotent(ctx, i.ClientRequestToken, i, () => incompatible('ClientRequestToken', 'The ClientRequestToken was already used with different parameters.'));
  if (prior) return { FileSystem: renderFileSystem(ctx.rw.fsx.get(prior)!, ctx.rw, ctx.now) };
  const type = i.FileSystemType;
  if (type !== 'LUSTRE' && type !== 'OPENZFS' && type !== 'WINDOWS' && type !== 'ONTAP') throw bad(`Invalid FileSystemType ${type}. Valid values: WINDOWS, LUSTRE, ONTAP, OPENZFS.`);
  const storageType = i.StorageType ?? 'SSD';
  const tags = tagsFrom(i.Tags);
  checkTags(tags);
  const id = ctx.ids.awsId('fs');
  let deploymentType: string;
  let settings: FsxSettings;
  let subnets: { ids: string[]; vpcId: string };
  let preferredSubnetId: string | undefined;
  const fs: Partial<FsxFileSystem> = {};

  if (type === 'LUSTRE') {
    const c = i.LustreConfiguration ?? {};
    deploymentType = c.DeploymentType ?? 'SCRATCH_1';
    const scratch = deploymentType.startsWith('SCRATCH');
    const key = `${deploymentType}_${storageType}`;
    if (storageType === 'HDD' && deploymentType !== 'PERSISTENT_1') throw incompatible('StorageType', 'HDD storage is supported only with the PERSISTENT_1 deployment type.');
    if (!scratch && c.PerUnitStorageThroughput === undefined) throw incompatible('PerUnitStorageThroughput', `PerUnitStorageThroughput is required for ${deploymentType}.`);
    if (scratch && c.PerUnitStorageThroughput !== undefined) throw incompatible('PerUnitStorageThroughput', `PerUnitStorageThroughput is not supported for ${deploymentType}.`);
    if (c.PerUnitStorageThroughput !== undefined && !LUSTRE_PER_UNIT[key]?.includes(c.PerUnitStorageThroughput))
      throw err('InvalidPerUnitStorageThroughput', `PerUnitStorageThroughput ${c.PerUnitStorageThroughput} is not valid for ${deploymentType} ${storageType}. Valid values: ${(LUSTRE_PER_UNIT[key] ?? []).join(', ')}.`);
    const cap = i.StorageCapacity ?? 0;
    if (!lustreCapacityOk(deploymentType, storageType, c.PerUnitStorageThroughput, cap))
      throw incompatible('StorageCapacity', deploymentType === 'SCRATCH_1' ? 'StorageCapacity must be 1200, 2400, or a multiple of 3600 GiB.' : 'StorageCapacity must be 1200, 2400, or a multiple of 2400 GiB.');
    if ((c.ImportPath || c.ExportPath) && deploymentType === 'PERSISTENT_2') throw bad('ImportPath and ExportPath are not supported for PERSISTENT_2; link S3 with a data repository association.');
    if (c.ExportPath && !c.ImportPath) throw incompatible('ExportPath', 'ExportPath requires ImportPath.');
    if (c.ImportPath) {
      const bucket = bucketOfPath(c.ImportPath);
      if (!bucket || !ctx.world.buckets.has(bucket)) throw bad(`The ImportPath ${c.ImportPath} does not exist or is not accessible.`);
      if (c.ExportPath && bucketOfPath(c.ExportPath) !== bucket) throw incompatible('ExportPath', 'ExportPath must be in the same S3 bucket as ImportPath.');
    }
    if (scratch && (c.AutomaticBackupRetentionDays ?? 0) > 0) throw incompatible('AutomaticBackupRetentionDays', 'Automatic backups are not supported for scratch file systems.');
    if (c.DataCompressionType && c.DataCompressionType !== 'NONE' && c.DataCompressionType !== 'LZ4') throw bad(`Invalid DataCompressionType ${c.DataCompressionType}.`);
    subnets = subnetsFor(ctx, i.SubnetIds, 1, undefined);
    settings = { storageCapacity: cap, perUnitStorageThroughput: c.PerUnitStorageThroughput, backupRetentionDays: checkRetention(c.AutomaticBackupRetentionDays), compression: c.DataCompressionType ?? 'NONE' };
    const version = i.FileSystemTypeVersion ?? '2.15';
    if (!['2.10', '2.12', '2.15'].includes(version)) throw bad(`Invalid FileSystemTypeVersion ${version}.`);
    if (deploymentType === 'PERSISTENT_2' && version === '2.10') throw incompatible('FileSystemTypeVersion', 'PERSISTENT_2 requires Lustre 2.12 or later.');
    fs.lustre = {
      mountName: deploymentType === 'SCRATCH_1' ? 'fsx' : lustreMountName(ctx.ids),
      importPath: c.ImportPath,
      exportPath: c.ImportPath ? (c.ExportPath ?? `${c.ImportPath.replace(/\/$/, '')}/FSxLustre${new Date(ctx.now).toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`) : undefined,
      autoImport: c.ImportPath ? (c.AutoImportPolicy ?? 'NONE') : undefined,
      version,
      driveCacheType: c.DriveCacheType,
    };
    fs.dnsName = fsxDns(id, ctx.region);
  } else if (type === 'OPENZFS') {
    const c = i.OpenZFSConfiguration;
    if (!c) throw err('MissingFileSystemConfiguration', 'OpenZFSConfiguration is required for OPENZFS file systems.');
    deploymentType = c.DeploymentType ?? '';
    const allowed = ZFS_THROUGHPUT[deploymentType];
    if (!allowed) throw bad(`Invalid OpenZFS DeploymentType ${deploymentType}.`);
    if (!allowed.includes(c.ThroughputCapacity ?? -1)) throw incompatible('ThroughputCapacity', `ThroughputCapacity for ${deploymentType} must be one of ${allowed.join(', ')} MBps.`);
    const cap = i.StorageCapacity ?? 0;
    if (storageType === 'SSD' && (cap < 64 || cap > 524288)) throw incompatible('StorageCapacity', 'StorageCapacity must be between 64 and 524288 GiB.');
    const multi = deploymentType === 'MULTI_AZ_1';
    subnets = subnetsFor(ctx, i.SubnetIds, multi ? 2 : 1, c.PreferredSubnetId);
    preferredSubnetId = multi ? c.PreferredSubnetId : undefined;
    const root = c.RootVolumeConfiguration ?? {};
    const record = root.RecordSizeKiB ?? 128;
    if (![4, 8, 16, 32, 64, 128, 256, 512, 1024].includes(record)) throw bad('RecordSizeKiB must be a power of 2 from 4 to 1024.');
    settings = { storageCapacity: cap, throughputCapacity: c.ThroughputCapacity, backupRetentionDays: checkRetention(c.AutomaticBackupRetentionDays), iops: c.DiskIopsConfiguration?.Mode === 'USER_PROVISIONED' ? c.DiskIopsConfiguration.Iops : undefined };
    const rootId = ctx.ids.awsId('fsvol');
    const exports: NfsExport[] = root.NfsExports?.length
      ? root.NfsExports.flatMap((e) => (e.ClientConfigurations ?? []).map((cc) => ({ clients: cc.Clients ?? '*', options: cc.Options ?? ['rw', 'crossmnt'] })))
      : [{ clients: '*', options: ['rw', 'crossmnt'] }];
    ctx.rw.fsxVolumes.set(rootId, {
      seq: ctx.world.nextSeq(),
      createdAt: ctx.now,
      readyAt: ctx.now + ctx.durations.fsx,
      id: rootId,
      fsId: id,
      kind: 'OPENZFS',
      name: 'fsx',
      tags: {},
      openzfs: { path: '/fsx', recordSizeKiB: record, compression: root.DataCompressionType ?? 'NONE', nfsExports: exports, readOnly: !!root.ReadOnly, isRoot: true },
    });
    const sn = ctx.rw.subnets.find((s) => s.id === (preferredSubnetId ?? subnets.ids[0]))!;
    const [a, b, cc] = sn.cidr.split('/')[0].split('.').map(Number);
    fs.openzfs = { rootVolumeId: rootId, recordSizeKiB: record, endpointIp: `${a}.${b}.${cc + ctx.ids.int(0, 14)}.${ctx.ids.int(10, 250)}` };
    fs.dnsName = fsxDns(id, ctx.region);
  } else if (type === 'WINDOWS') {
    const c = i.WindowsConfiguration;
    if (!c) throw err('MissingFileSystemConfiguration', 'WindowsConfiguration is required for WINDOWS file systems.');
    deploymentType = c.DeploymentType ?? 'SINGLE_AZ_1';
    if (!['SINGLE_AZ_1', 'SINGLE_AZ_2', 'MULTI_AZ_1'].includes(deploymentType)) throw bad(`Invalid Windows DeploymentType ${deploymentType}.`);
    if (!WINDOWS_THROUGHPUT.includes(c.ThroughputCapacity ?? -1)) throw incompatible('ThroughputCapacity', 'ThroughputCapacity must be a power of 2 between 8 and 2048 MB/s.');
    const cap = i.StorageCapacity ?? 0;
    if (storageType === 'HDD' && deploymentType === 'SINGLE_AZ_1') throw incompatible('StorageType', 'HDD storage requires SINGLE_AZ_2 or MULTI_AZ_1.');
    const [lo, hi] = storageType === 'HDD' ? [2000, 65536] : [32, 65536];
    if (cap < lo || cap > hi) throw incompatible('StorageCapacity', `StorageCapacity for ${storageType} must be between ${lo} and ${hi} GiB.`);
    if (!!c.ActiveDirectoryId === !!c.SelfManagedActiveDirectoryConfiguration) throw bad('Specify exactly one of ActiveDirectoryId or SelfManagedActiveDirectoryConfiguration.');
    let domain: string;
    if (c.ActiveDirectoryId) {
      const d = ctx.rw.directories.find((x) => x.id === c.ActiveDirectoryId);
      if (!d) throw err('ActiveDirectoryError', `The directory '${c.ActiveDirectoryId}' was not found.`, { ActiveDirectoryId: c.ActiveDirectoryId, Type: 'DOMAIN_NOT_FOUND' });
      domain = d.name;
    } else {
      const sm = c.SelfManagedActiveDirectoryConfiguration!;
      if (!sm.DomainName || !sm.UserName || !sm.Password || !sm.DnsIps?.length) throw bad('SelfManagedActiveDirectoryConfiguration needs DomainName, UserName, Password and DnsIps.');
      domain = sm.DomainName;
    }
    const multi = deploymentType === 'MULTI_AZ_1';
    subnets = subnetsFor(ctx, i.SubnetIds, multi ? 2 : 1, c.PreferredSubnetId);
    preferredSubnetId = multi ? c.PreferredSubnetId : subnets.ids[0];
    settings = { storageCapacity: cap, throughputCapacity: c.ThroughputCapacity, backupRetentionDays: checkRetention(c.AutomaticBackupRetentionDays ?? 7) };
    const sn = ctx.rw.subnets.find((s) => s.id === preferredSubnetId)!;
    const [a, b, cc] = sn.cidr.split('/')[0].split('.').map(Number);
    const sm = c.SelfManagedActiveDirectoryConfiguration;
    fs.dnsName = windowsDns(ctx.ids, domain);
    fs.windows = {
      adId: c.ActiveDirectoryId,
      // The password is never kept (nor echoed back, as AWS does not).
      selfManaged: sm ? { domain: sm.DomainName!, dnsIps: [...(sm.DnsIps ?? [])], userName: sm.UserName!, ou: sm.OrganizationalUnitDistinguishedName, adminsGroup: sm.FileSystemAdministratorsGroup } : undefined,
      preferredIp: `${a}.${b}.${cc + ctx.ids.int(0, 14)}.${ctx.ids.int(10, 250)}`,
      remoteAdmin: `amznfsx${ctx.ids.alnumLower(8)}.${domain}`,
      aliases: (c.Aliases ?? []).map((x) => x.toLowerCase()),
    };
  } else {
    const c = i.OntapConfiguration;
    if (!c) throw err('MissingFileSystemConfiguration', 'OntapConfiguration is required for ONTAP file systems.');
    deploymentType = c.DeploymentType ?? '';
    const allowed = ONTAP_THROUGHPUT[deploymentType];
    if (!allowed) throw bad(`Invalid ONTAP DeploymentType ${deploymentType}.`);
    const ha = c.HAPairs ?? 1;
    if (ha < 1 || ha > 12 || (ha > 1 && deploymentType !== 'SINGLE_AZ_2')) throw bad('HAPairs must be 1, or 1-12 for SINGLE_AZ_2.');
    if (c.ThroughputCapacity !== undefined && c.ThroughputCapacityPerHAPair !== undefined && c.ThroughputCapacity !== c.ThroughputCapacityPerHAPair * ha) throw bad('ThroughputCapacity and ThroughputCapacityPerHAPair do not agree.');
    const perHa = c.ThroughputCapacityPerHAPair ?? (c.ThroughputCapacity !== undefined ? c.ThroughputCapacity / ha : undefined);
    if (perHa === undefined || !allowed.includes(perHa)) throw incompatible('ThroughputCapacity', `ThroughputCapacity per HA pair for ${deploymentType} must be one of ${allowed.join(', ')} MBps.`);
    const cap = i.StorageCapacity ?? 0;
    if (cap < 1024 * ha || cap > 524288 * ha) throw incompatible('StorageCapacity', `StorageCapacity must be between ${1024 * ha} and ${524288 * ha} GiB.`);
    const multi = deploymentType.startsWith('MULTI_AZ');
    subnets = subnetsFor(ctx, i.SubnetIds, multi ? 2 : 1, c.PreferredSubnetId);
    preferredSubnetId = c.PreferredSubnetId ?? subnets.ids[0];
    settings = { storageCapacity: cap, throughputCapacity: perHa * ha, backupRetentionDays: checkRetention(c.AutomaticBackupRetentionDays ?? 30), iops: c.DiskIopsConfiguration?.Mode === 'USER_PROVISIONED' ? c.DiskIopsConfiguration.Iops : undefined };
    fs.ontap = { ...ontapEndpoints(ctx.ids, id, ctx.region, multi ? (c.EndpointIpAddressRange ?? `198.19.${ctx.ids.int(0, 254)}.0/24`) : undefined), haPairs: ha };
  }
  checkSgs(ctx, i.SecurityGroupIds, subnets.vpcId);

  let kmsKeyId: string | undefined;
  const scratch = type === 'LUSTRE' && deploymentType.startsWith('SCRATCH');
  if (i.KmsKeyId && scratch) throw incompatible('KmsKeyId', 'KmsKeyId is not supported for scratch file systems; they are encrypted with AWS owned keys.');
  if (!scratch) {
    const key = resolveKmsKey(ctx.rw, i.KmsKeyId ?? 'alias/aws/fsx');
    if (!key) throw bad(`The KMS key '${i.KmsKeyId}' does not exist or is not accessible.`);
    kmsKeyId = key.arn;
  }
  const rec: FsxFileSystem = {
    seq: ctx.world.nextSeq(),
    createdAt: ctx.now,
    readyAt: ctx.now + ctx.durations.fsx,
    id,
    type,
    deploymentType,
    storageType,
    settings,
    subnetIds: subnets.ids,
    preferredSubnetId,
    vpcId: subnets.vpcId,
    dnsName: fs.dnsName,
    kmsKeyId,
    tags,
    clientToken: i.ClientRequestToken,
    eniIds: subnets.ids.map(() => ctx.ids.awsId('eni')),
    updates: [],
    lustre: fs.lustre,
    openzfs: fs.openzfs,
    windows: fs.windows,
    ontap: fs.ontap,
    profile: 'creating',
    usedFraction: 0,
  };
  ctx.rw.fsx.set(id, rec);
  rememberToken(ctx, i.ClientRequestToken, i, id);
  return { FileSystem: renderFileSystem(rec, ctx.rw, ctx.now) };
}

// ---------------------------------------------------------------------------
// Update / delete file system

function updateFileSystem(ctx: Ctx, input: unknown): UpdateFileSystemResponse {
  const i = input as UpdateFileSystemRequest;
  const fs = findFs(ctx, i.FileSystemId);
  const life = fsxLifecycle(fs, ctx.now);
  if (life === 'UPDATING') throw bad(`Unable to perform the update because file system ${fs.id} has an update in progress.`);
  if (life !== 'AVAILABLE') throw bad(`File system ${fs.id} is ${life} and cannot be updated.`);
  const cur = effectiveSettings(fs, ctx.now);
  const apply: Partial<FsxSettings> = {};
  const immediate: Partial<FsxSettings> = {};
  if (i.StorageCapacity !== undefined && i.StorageCapacity !== cur.storageCapacity) {
    if (i.StorageCapacity < cur.storageCapacity) throw bad('Storage capacity can only be increased.');
    if (fs.type === 'LUSTRE') {
      if (fs.deploymentType === 'SCRATCH_1') throw bad('Storage capacity cannot be increased on SCRATCH_1 file systems.');
      if (!lustreCapacityOk(fs.deploymentType, fs.storageType, cur.perUnitStorageThroughput, i.StorageCapacity)) throw incompatible('StorageCapacity', 'The new StorageCapacity is not a valid size for this deployment type.');
    }
    if ((fs.type === 'WINDOWS' || fs.type === 'ONTAP') && i.StorageCapacity < cur.storageCapacity * 1.1) throw bad('The new storage capacity must be at least 10% larger than the current storage capacity.');
    apply.storageCapacity = i.StorageCapacity;
  }
  const throughput = i.OpenZFSConfiguration?.ThroughputCapacity ?? i.WindowsConfiguration?.ThroughputCapacity ?? i.OntapConfiguration?.ThroughputCapacity;
  if (throughput !== undefined && throughput !== cur.throughputCapacity) {
    const ok = fs.type === 'OPENZFS' ? ZFS_THROUGHPUT[fs.deploymentType] : fs.type === 'WINDOWS' ? WINDOWS_THROUGHPUT : fs.type === 'ONTAP' ? ONTAP_THROUGHPUT[fs.deploymentType] : [];
    if (!ok?.includes(throughput)) throw incompatible('ThroughputCapacity', `ThroughputCapacity must be one of ${(ok ?? []).join(', ')} MBps.`);
    apply.throughputCapacity = throughput;
  }
  const perUnit = i.LustreConfiguration?.PerUnitStorageThroughput;
  if (perUnit !== undefined && perUnit !== cur.perUnitStorageThroughput) {
    if (!LUSTRE_PER_UNIT[`${fs.deploymentType}_${fs.storageType}`]?.includes(perUnit)) throw err('InvalidPerUnitStorageThroughput', `PerUnitStorageThroughput ${perUnit} is not valid for ${fs.deploymentType}.`);
    apply.perUnitStorageThroughput = perUnit;
  }
  const retention = i.LustreConfiguration?.AutomaticBackupRetentionDays ?? i.OpenZFSConfiguration?.AutomaticBackupRetentionDays ?? i.WindowsConfiguration?.AutomaticBackupRetentionDays ?? i.OntapConfiguration?.AutomaticBackupRetentionDays;
  if (retention !== undefined) {
    if (fs.deploymentType.startsWith('SCRATCH') && retention > 0) throw incompatible('AutomaticBackupRetentionDays', 'Automatic backups are not supported for scratch file systems.');
    immediate.backupRetentionDays = checkRetention(retention);
  }
  const compression = i.LustreConfiguration?.DataCompressionType;
  if (compression !== undefined) {
    if (compression !== 'NONE' && compression !== 'LZ4') throw bad(`Invalid DataCompressionType ${compression}.`);
    immediate.compression = compression;
  }
  const diskIops = i.OpenZFSConfiguration?.DiskIopsConfiguration ?? i.OntapConfiguration?.DiskIopsConfiguration ?? i.WindowsConfiguration?.DiskIopsConfiguration;
  if (diskIops?.Mode === 'USER_PROVISIONED' && diskIops.Iops !== undefined) apply.iops = diskIops.Iops;
  if (Object.keys(apply).length === 0 && Object.keys(immediate).length === 0) throw bad('The update request does not change the file system.');
  // Settings that take effect at once are folded into the base; slow ones become administrative actions.
  fs.settings = { ...fs.settings, ...immediate };
  if (Object.keys(apply).length) {
    const d = Math.max(1, ctx.durations.fsx);
    const u: FsxUpdate = { type: 'FILE_SYSTEM_UPDATE', requestedAt: ctx.now, doneAt: ctx.now + d, apply };
    fs.updates.push(u);
    if (apply.storageCapacity !== undefined && fs.type !== 'LUSTRE') fs.updates.push({ type: 'STORAGE_OPTIMIZATION', requestedAt: ctx.now + d, doneAt: ctx.now + 7 * d, apply: {} });
  }
  return { FileSystem: renderFileSystem(fs, ctx.rw, ctx.now) };
}

function takeFinalBackup(ctx: Ctx, fs: FsxFileSystem, tags: Tag[] | undefined, volume?: FsxVolume): string {
  const b = backupOf(ctx.ids.awsId('backup'), fs, ctx.rw, ctx.now, 'USER_INITIATED', ctx.world.nextSeq(), volume, Math.max(1, ctx.durations.fsx));
  b.tags = tagsFrom(tags);
  ctx.rw.backups.set(b.id, b);
  return b.id;
}

function markDeleted(ctx: Ctx, r: { deleteAt?: number; goneAt?: number }, d: number): void {
  r.deleteAt = ctx.now;
  r.goneAt = ctx.now + d;
}

function childVolumes(ctx: Ctx, v: FsxVolume): FsxVolume[] {
  return [...ctx.rw.fsxVolumes.values()].filter((c) => c.openzfs?.parentId === v.id && exists(c, ctx.now));
}

function deleteFileSystem(ctx: Ctx, input: unknown): DeleteFileSystemResponse {
  const i = input as DeleteFileSystemRequest;
  const fs = findFs(ctx, i.FileSystemId);
  const life = fsxLifecycle(fs, ctx.now);
  if (life === 'DELETING') return { FileSystemId: fs.id, Lifecycle: 'DELETING' };
  if (life === 'CREATING' || life === 'UPDATING') throw bad(`File system ${fs.id} is ${life} and cannot be deleted now.`);
  const vols = [...ctx.rw.fsxVolumes.values()].filter((v) => v.fsId === fs.id && exists(v, ctx.now));
  const out: DeleteFileSystemResponse = { FileSystemId: fs.id, Lifecycle: 'DELETING' };
  const failed = life === 'FAILED';
  if (fs.type === 'ONTAP') {
    const svms = [...ctx.rw.svms.values()].filter((s) => s.fsId === fs.id && exists(s, ctx.now));
    if (vols.some((v) => !v.ontap?.isRoot) || svms.length) throw bad(`Delete all volumes and storage virtual machines of ${fs.id} before deleting the file system.`);
  }
  if (fs.type === 'OPENZFS') {
    const root = fs.openzfs ? ctx.rw.fsxVolumes.get(fs.openzfs.rootVolumeId) : undefined;
    const hasChildren = root ? childVolumes(ctx, root).length > 0 : false;
    if (hasChildren && !i.OpenZFSConfiguration?.Options?.includes('DELETE_CHILD_VOLUMES_AND_SNAPSHOTS'))
      throw bad(`File system ${fs.id} has child volumes. Use the DELETE_CHILD_VOLUMES_AND_SNAPSHOTS option to delete them with the file system.`);
    const skip = i.OpenZFSConfiguration?.SkipFinalBackup ?? false;
    if (!skip && !failed) out.OpenZFSResponse = { FinalBackupId: takeFinalBackup(ctx, fs, i.OpenZFSConfiguration?.FinalBackupTags), FinalBackupTags: i.OpenZFSConfiguration?.FinalBackupTags };
  }
  if (fs.type === 'WINDOWS') {
    const skip = i.WindowsConfiguration?.SkipFinalBackup ?? false;
    if (!skip && !failed) out.WindowsResponse = { FinalBackupId: takeFinalBackup(ctx, fs, i.WindowsConfiguration?.FinalBackupTags), FinalBackupTags: i.WindowsConfiguration?.FinalBackupTags };
  }
  if (fs.type === 'LUSTRE') {
    // Lustre's default is to skip the final backup; scratch file systems cannot be backed up.
    const skip = i.LustreConfiguration?.SkipFinalBackup ?? true;
    if (!skip && fs.deploymentType.startsWith('SCRATCH')) throw bad('Final backups are not supported for scratch file systems; set SkipFinalBackup to true.');
    if (!skip && !failed) out.LustreResponse = { FinalBackupId: takeFinalBackup(ctx, fs, i.LustreConfiguration?.FinalBackupTags), FinalBackupTags: i.LustreConfiguration?.FinalBackupTags };
  }
  const d = Math.max(1, ctx.durations.fsx);
  markDeleted(ctx, fs, d);
  for (const v of vols) markDeleted(ctx, v, d);
  for (const dra of ctx.rw.dras.values()) if (dra.fsId === fs.id && exists(dra, ctx.now)) markDeleted(ctx, dra, d);
  // Automatic backups go with the file system; user-initiated ones stay.
  for (const b of ctx.rw.backups.values()) if (b.fsId === fs.id && b.type === 'AUTOMATIC' && exists(b, ctx.now)) markDeleted(ctx, b, d);
  return out;
}

// ---------------------------------------------------------------------------
// SVMs and volumes

const SVM_NAME = /^[a-zA-Z0-9_]{1,47}$/;

function createStorageVirtualMachine(ctx: Ctx, input: unknown): CreateStorageVirtualMachineResponse {
  const i = input as CreateStorageVirtualMachineRequest;
  const prior = idempotent(ctx, i.ClientRequestToken, i, () => incompatible('ClientRequestToken', 'The ClientRequestToken was already used with different parameters.'));
  if (prior) return { StorageVirtualMachine: renderSvm(ctx.rw.svms.get(prior)!, ctx.region, ctx.now) };
  const fs = findFs(ctx, i.FileSystemId);
  if (fs.type !== 'ONTAP') throw bad(`File system ${fs.id} is not an FSx for ONTAP file system.`);
  if (fsxLifecycle(fs, ctx.now) !== 'AVAILABLE') throw bad(`File system ${fs.id} is not AVAILABLE.`);
  if (!i.Name || !SVM_NAME.test(i.Name)) throw bad('Name must be 1-47 letters, digits or underscores.');
  if ([...ctx.rw.svms.values()].some((s) => s.fsId === fs.id && s.name === i.Name && exists(s, ctx.now))) throw bad(`A storage virtual machine named ${i.Name} already exists on ${fs.id}.`);
  const ad = i.ActiveDirectoryConfiguration;
  if (ad && (!ad.NetBiosName || !ad.SelfManagedActiveDirectoryConfiguration?.DomainName)) throw bad('ActiveDirectoryConfiguration needs NetBiosName and SelfManagedActiveDirectoryConfiguration.');
  const style = i.RootVolumeSecurityStyle ?? 'UNIX';
  const tags = tagsFrom(i.Tags);
  checkTags(tags);
  const d = Math.max(1, ctx.durations.fsx / 2);
  const base = fs.ontap?.endpointIpRange?.split('/')[0].split('.').slice(0, 3).join('.') ?? '10.20.50';
  const s: Svm = {
    seq: ctx.world.nextSeq(),
    createdAt: ctx.now,
    readyAt: ctx.now + d,
    id: ctx.ids.awsId('svm'),
    fsId: fs.id,
    name: i.Name,
    uuid: ctx.ids.uuid(),
    rootVolumeSecurityStyle: style,
    // SvmAdminPassword and the AD service password are never kept.
    ad: ad ? { netBiosName: ad.NetBiosName!.toUpperCase(), domainName: ad.SelfManagedActiveDirectoryConfiguration!.DomainName!, ou: ad.SelfManagedActiveDirectoryConfiguration!.OrganizationalUnitDistinguishedName, dnsIps: [...(ad.SelfManagedActiveDirectoryConfiguration!.DnsIps ?? [])] } : undefined,
    nfsIp: `${base}.${ctx.ids.int(121, 250)}`,
    tags: { Name: i.Name, ...tags },
  };
  ctx.rw.svms.set(s.id, s);
  const root: FsxVolume = {
    seq: ctx.world.nextSeq(),
    createdAt: ctx.now,
    readyAt: ctx.now + d,
    id: ctx.ids.awsId('fsvol'),
    fsId: fs.id,
    kind: 'ONTAP',
    name: `${i.Name}_root`,
    tags: {},
    ontap: { svmId: s.id, junctionPath: '/', sizeMiB: 1024, securityStyle: style, storageEfficiency: false, tieringPolicy: 'NONE', uuid: ctx.ids.uuid(), isRoot: true },
  };
  ctx.rw.fsxVolumes.set(root.id, root);
  rememberToken(ctx, i.ClientRequestToken, i, s.id);
  return { StorageVirtualMachine: renderSvm(s, ctx.region, ctx.now) };
}

function deleteStorageVirtualMachine(ctx: Ctx, input: unknown): DeleteStorageVirtualMachineResponse {
  const i = input as DeleteStorageVirtualMachineRequest;
  const s = findSvm(ctx, i.StorageVirtualMachineId);
  const vols = [...ctx.rw.fsxVolumes.values()].filter((v) => v.ontap?.svmId === s.id && exists(v, ctx.now));
  if (vols.some((v) => !v.ontap?.isRoot)) throw bad(`Delete all volumes of storage virtual machine ${s.id} before deleting it.`);
  const d = Math.max(1, ctx.durations.fsx / 2);
  if (phase(s, ctx.now) !== 'deleting') {
    markDeleted(ctx, s, d);
    for (const v of vols) markDeleted(ctx, v, d);
  }
  return { StorageVirtualMachineId: s.id, Lifecycle: 'DELETING' };
}

const ONTAP_VOL_NAME = /^[A-Za-z0-9_]{1,203}$/;
const ZFS_VOL_NAME = /^[A-Za-z0-9_:.-]{1,203}$/;

function createVolume(ctx: Ctx, input: unknown): CreateVolumeResponse {
  const i = input as CreateVolumeRequest;
  const prior = idempotent(ctx, i.ClientRequestToken, i, () => incompatible('ClientRequestToken', 'The ClientRequestToken was already used with different parameters.'));
  if (prior) return { Volume: renderVolume(ctx.rw.fsxVolumes.get(prior)!, ctx.region, ctx.now) };
  const tags = tagsFrom(i.Tags);
  checkTags(tags);
  const d = Math.max(1, ctx.durations.fsx / 2);
  const base = { seq: ctx.world.nextSeq(), createdAt: ctx.now, readyAt: ctx.now + d, id: ctx.ids.awsId('fsvol'), name: i.Name ?? '', tags };
  let v: FsxVolume;
  if (i.VolumeType === 'ONTAP') {
    const c = i.OntapConfiguration;
    if (!c) throw err('MissingVolumeConfiguration', 'OntapConfiguration is required for ONTAP volumes.');
    if (!ONTAP_VOL_NAME.test(base.name)) throw bad('ONTAP volume names may contain only letters, digits and underscores (1-203).');
    const svm = findSvm(ctx, c.StorageVirtualMachineId);
    if (svmLifecycleReady(svm, ctx.now) === false) throw bad(`Storage virtual machine ${svm.id} is not CREATED yet.`);
    const siblings = [...ctx.rw.fsxVolumes.values()].filter((x) => x.ontap?.svmId === svm.id && exists(x, ctx.now));
    if (siblings.some((x) => x.name === base.name)) throw bad(`A volume named ${base.name} already exists on ${svm.id}.`);
    if (c.JunctionPath !== undefined) {
      if (!c.JunctionPath.startsWith('/')) throw bad('JunctionPath must start with /.');
      if (siblings.some((x) => x.ontap?.junctionPath === c.JunctionPath)) throw bad(`JunctionPath ${c.JunctionPath} is already in use on ${svm.id}.`);
    }
    const sizeMiB = c.SizeInMegabytes ?? (c.SizeInBytes !== undefined ? Math.ceil(Number(c.SizeInBytes) / 1024 / 1024) : undefined);
    if (sizeMiB === undefined || sizeMiB < 20 || sizeMiB > 314_572_800) throw bad('SizeInMegabytes must be between 20 and 314572800.');
    v = {
      fsId: svm.fsId,
      kind: 'ONTAP',
      ontap: { svmId: svm.id, junctionPath: c.JunctionPath, sizeMiB, securityStyle: c.SecurityStyle ?? svm.rootVolumeSecurityStyle, storageEfficiency: c.StorageEfficiencyEnabled ?? true, tieringPolicy: c.TieringPolicy?.Name ?? 'SNAPSHOT_ONLY', uuid: ctx.ids.uuid(), isRoot: false },
      ...base,
    };
  } else if (i.VolumeType === 'OPENZFS') {
    const c = i.OpenZFSConfiguration;
    if (!c) throw err('MissingVolumeConfiguration', 'OpenZFSConfiguration is required for OPENZFS volumes.');
    if (!ZFS_VOL_NAME.test(base.name)) throw bad('OpenZFS volume names may contain letters, digits, _ : . - (1-203).');
    const parent = findVolume(ctx, c.ParentVolumeId);
    if (!parent.openzfs) throw bad(`${parent.id} is not an OpenZFS volume.`);
    if (childVolumes(ctx, parent).some((x) => x.name === base.name)) throw bad(`A volume named ${base.name} already exists under ${parent.openzfs.path}.`);
    if (c.StorageCapacityReservationGiB !== undefined && c.StorageCapacityQuotaGiB !== undefined && c.StorageCapacityReservationGiB > c.StorageCapacityQuotaGiB) throw bad('StorageCapacityReservationGiB cannot exceed StorageCapacityQuotaGiB.');
    const exports: NfsExport[] = (c.NfsExports ?? []).flatMap((e) => (e.ClientConfigurations ?? []).map((cc) => ({ clients: cc.Clients ?? '*', options: cc.Options ?? ['rw', 'crossmnt'] })));
    v = {
      fsId: parent.fsId,
      kind: 'OPENZFS',
      openzfs: {
        parentId: parent.id,
        path: `${parent.openzfs.path}/${base.name}`,
        quotaGiB: c.StorageCapacityQuotaGiB,
        reservationGiB: c.StorageCapacityReservationGiB,
        recordSizeKiB: c.RecordSizeKiB ?? 128,
        compression: c.DataCompressionType ?? 'NONE',
        nfsExports: exports,
        readOnly: !!c.ReadOnly,
        isRoot: false,
      },
      ...base,
    };
  } else throw bad(`Invalid VolumeType ${i.VolumeType}. Valid values: ONTAP, OPENZFS.`);
  const fs = findFs(ctx, v.fsId);
  if (fsxLifecycle(fs, ctx.now) !== 'AVAILABLE' && fsxLifecycle(fs, ctx.now) !== 'UPDATING') throw bad(`File system ${fs.id} is not AVAILABLE.`);
  ctx.rw.fsxVolumes.set(v.id, v);
  rememberToken(ctx, i.ClientRequestToken, i, v.id);
  return { Volume: renderVolume(v, ctx.region, ctx.now) };
}

function svmLifecycleReady(s: Svm, now: number): boolean {
  return phase(s, now) === 'ready';
}

function updateVolume(ctx: Ctx, input: unknown): UpdateVolumeResponse {
  const i = input as UpdateVolumeRequest;
  const v = findVolume(ctx, i.VolumeId);
  if (phase(v, ctx.now) !== 'ready') throw bad(`Volume ${v.id} is not available for updates.`);
  if (i.Name !== undefined) {
    if (!(v.kind === 'ONTAP' ? ONTAP_VOL_NAME : ZFS_VOL_NAME).test(i.Name)) throw bad('Invalid volume name.');
    v.name = i.Name;
  }
  if (i.OntapConfiguration) {
    if (!v.ontap) throw bad(`${v.id} is not an ONTAP volume.`);
    const c = i.OntapConfiguration;
    if (c.JunctionPath !== undefined) {
      if (!c.JunctionPath.startsWith('/')) throw bad('JunctionPath must start with /.');
      const taken = [...ctx.rw.fsxVolumes.values()].some((x) => x.id !== v.id && x.ontap?.svmId === v.ontap!.svmId && x.ontap?.junctionPath === c.JunctionPath && exists(x, ctx.now));
      if (taken) throw bad(`JunctionPath ${c.JunctionPath} is already in use.`);
      v.ontap.junctionPath = c.JunctionPath;
    }
    const size = c.SizeInMegabytes ?? (c.SizeInBytes !== undefined ? Math.ceil(Number(c.SizeInBytes) / 1024 / 1024) : undefined);
    if (size !== undefined) {
      if (size < 20) throw bad('SizeInMegabytes must be at least 20.');
      v.ontap.sizeMiB = size;
    }
    if (c.SecurityStyle) v.ontap.securityStyle = c.SecurityStyle;
    if (c.StorageEfficiencyEnabled !== undefined) v.ontap.storageEfficiency = c.StorageEfficiencyEnabled;
    if (c.TieringPolicy?.Name) v.ontap.tieringPolicy = c.TieringPolicy.Name;
  }
  if (i.OpenZFSConfiguration) {
    if (!v.openzfs) throw bad(`${v.id} is not an OpenZFS volume.`);
    const c = i.OpenZFSConfiguration;
    const quota = c.StorageCapacityQuotaGiB ?? v.openzfs.quotaGiB;
    const reservation = c.StorageCapacityReservationGiB ?? v.openzfs.reservationGiB;
    if (quota !== undefined && reservation !== undefined && quota !== -1 && reservation > quota) throw bad('StorageCapacityReservationGiB cannot exceed StorageCapacityQuotaGiB.');
    v.openzfs.quotaGiB = quota === -1 ? undefined : quota;
    v.openzfs.reservationGiB = reservation === -1 ? undefined : reservation;
    if (c.RecordSizeKiB !== undefined) v.openzfs.recordSizeKiB = c.RecordSizeKiB;
    if (c.DataCompressionType) v.openzfs.compression = c.DataCompressionType;
    if (c.ReadOnly !== undefined) v.openzfs.readOnly = c.ReadOnly;
    if (c.NfsExports) v.openzfs.nfsExports = c.NfsExports.flatMap((e) => (e.ClientConfigurations ?? []).map((cc) => ({ clients: cc.Clients ?? '*', options: cc.Options ?? ['rw', 'crossmnt'] })));
  }
  return { Volume: renderVolume(v, ctx.region, ctx.now) };
}

function deleteVolume(ctx: Ctx, input: unknown): DeleteVolumeResponse {
  const i = input as DeleteVolumeRequest;
  const v = findVolume(ctx, i.VolumeId);
  if (phase(v, ctx.now) === 'deleting') return { VolumeId: v.id, Lifecycle: 'DELETING' };
  if (v.ontap?.isRoot || v.openzfs?.isRoot) throw bad(`${v.id} is a root volume and cannot be deleted on its own.`);
  const d = Math.max(1, ctx.durations.fsx / 2);
  const out: DeleteVolumeResponse = { VolumeId: v.id, Lifecycle: 'DELETING' };
  if (v.openzfs) {
    const descendants: FsxVolume[] = [];
    const walk = (p: FsxVolume) => childVolumes(ctx, p).forEach((c) => (descendants.push(c), walk(c)));
    walk(v);
    if (descendants.length && !i.OpenZFSConfiguration?.Options?.includes('DELETE_CHILD_VOLUMES_AND_SNAPSHOTS')) throw bad(`Volume ${v.id} has child volumes. Use the DELETE_CHILD_VOLUMES_AND_SNAPSHOTS option.`);
    for (const c of descendants) markDeleted(ctx, c, d);
  }
  if (v.ontap) {
    // ONTAP takes a final backup of the volume unless told not to.
    const skip = i.OntapConfiguration?.SkipFinalBackup ?? false;
    if (!skip) {
      const fs = findFs(ctx, v.fsId);
      out.OntapResponse = { FinalBackupId: takeFinalBackup(ctx, fs, i.OntapConfiguration?.FinalBackupTags, v), FinalBackupTags: i.OntapConfiguration?.FinalBackupTags };
    }
  }
  markDeleted(ctx, v, d);
  return out;
}

function createBackup(ctx: Ctx, input: unknown): CreateBackupResponse {
  const i = input as CreateBackupRequest;
  const prior = idempotent(ctx, i.ClientRequestToken, i, () => incompatible('ClientRequestToken', 'The ClientRequestToken was already used with different parameters.'));
  if (prior) {
    const b = ctx.rw.backups.get(prior)!;
    return { Backup: renderBackup(b, ctx.region, ctx.now, directoryOf(ctx, b)) };
  }
  if (!!i.FileSystemId === !!i.VolumeId) throw bad('Specify exactly one of FileSystemId or VolumeId.');
  const vol = i.VolumeId ? findVolume(ctx, i.VolumeId) : undefined;
  const fs = findFs(ctx, vol ? vol.fsId : i.FileSystemId);
  if (fsxLifecycle(fs, ctx.now) !== 'AVAILABLE') throw bad(`File system ${fs.id} is not AVAILABLE.`);
  if (fs.deploymentType.startsWith('SCRATCH')) throw bad('Backups are not supported for scratch file systems.');
  if (fs.type === 'ONTAP' && !vol) throw bad('FSx for ONTAP backs up volumes: pass VolumeId.');
  if (fs.type === 'LUSTRE' && fs.lustre?.importPath) throw bad('Backups are not supported for file systems linked to a data repository with ImportPath.');
  if ([...ctx.rw.backups.values()].some((b) => b.fsId === fs.id && b.volumeId === vol?.id && phase(b, ctx.now) === 'creating')) throw err('BackupInProgress', `Another backup of ${vol?.id ?? fs.id} is in progress.`);
  const b = backupOf(ctx.ids.awsId('backup'), fs, ctx.rw, ctx.now, 'USER_INITIATED', ctx.world.nextSeq(), vol, Math.max(1, ctx.durations.fsx));
  b.tags = tagsFrom(i.Tags);
  ctx.rw.backups.set(b.id, b);
  rememberToken(ctx, i.ClientRequestToken, i, b.id);
  return { Backup: renderBackup(b, ctx.region, ctx.now, directoryOf(ctx, b)) };
}

/**
 * Data repository associations link a Lustre directory to an S3 prefix (PERSISTENT_2, or
 * PERSISTENT_1 on Lustre 2.12+); at most 8 per file system, paths may not nest.
 * https://docs.aws.amazon.com/fsx/latest/LustreGuide/create-dra-linked-data-repo.html
 */
const MAX_DRAS = 8;

function createDataRepositoryAssociation(ctx: Ctx, input: unknown): CreateDataRepositoryAssociationResponse {
  const i = input as CreateDataRepositoryAssociationRequest;
  const prior = idempotent(ctx, i.ClientRequestToken, i, () => incompatible('ClientRequestToken', 'The ClientRequestToken was already used with different parameters.'));
  if (prior) return { Association: renderDra(ctx.rw.dras.get(prior)!, ctx.region, ctx.now) };
  const fs = findFs(ctx, i.FileSystemId);
  if (fs.type !== 'LUSTRE' || fs.deploymentType.startsWith('SCRATCH') || fs.lustre?.importPath !== undefined || (fs.deploymentType === 'PERSISTENT_1' && fs.lustre?.version === '2.10'))
    throw bad(`Data repository associations need a PERSISTENT_2 (or PERSISTENT_1 on Lustre 2.12+) file system without an ImportPath; ${fs.id} is ${fs.deploymentType}.`);
  if (fsxLifecycle(fs, ctx.now) !== 'AVAILABLE') throw bad(`File system ${fs.id} is not AVAILABLE.`);
  const path = i.FileSystemPath ?? '/';
  if (!path.startsWith('/')) throw bad('FileSystemPath must start with /.');
  const repo = i.DataRepositoryPath ?? '';
  const bucket = bucketOfPath(repo);
  if (!bucket || !ctx.world.buckets.has(bucket)) throw bad(`The data repository path ${repo} does not exist or is not accessible.`);
  const existing = [...ctx.rw.dras.values()].filter((d) => d.fsId === fs.id && exists(d, ctx.now));
  if (existing.length >= MAX_DRAS) throw err('ServiceLimitExceeded', `File system ${fs.id} already has ${MAX_DRAS} data repository associations.`);
  const norm = (p: string) => (p.endsWith('/') ? p : `${p}/`);
  const clash = existing.find((d) => norm(d.fsPath).startsWith(norm(path)) || norm(path).startsWith(norm(d.fsPath)));
  if (clash) throw bad(`FileSystemPath ${path} overlaps the association ${clash.id} at ${clash.fsPath}.`);
  const tags = tagsFrom(i.Tags);
  checkTags(tags);
  const d: DataRepositoryAssociation = {
    seq: ctx.world.nextSeq(),
    createdAt: ctx.now,
    readyAt: ctx.now + Math.max(1, ctx.durations.fsx / 2),
    id: ctx.ids.awsId('dra'),
    fsId: fs.id,
    fsPath: path,
    s3Path: repo,
    importOnCreate: !!i.BatchImportMetaDataOnCreate,
    autoImport: i.S3?.AutoImportPolicy?.Events ?? [],
    autoExport: i.S3?.AutoExportPolicy?.Events ?? [],
    tags,
  };
  ctx.rw.dras.set(d.id, d);
  rememberToken(ctx, i.ClientRequestToken, i, d.id);
  return { Association: renderDra(d, ctx.region, ctx.now) };
}

function deleteDataRepositoryAssociation(ctx: Ctx, input: unknown): DeleteDataRepositoryAssociationResponse {
  const i = input as DeleteDataRepositoryAssociationRequest;
  const d = i.AssociationId ? ctx.rw.dras.get(i.AssociationId) : undefined;
  if (!d || !exists(d, ctx.now)) throw err('DataRepositoryAssociationNotFound', `Data repository association '${i.AssociationId}' does not exist.`);
  if (phase(d, ctx.now) !== 'deleting') markDeleted(ctx, d, Math.max(1, ctx.durations.fsx / 2));
  return { AssociationId: d.id, Lifecycle: 'DELETING', DeleteDataInFileSystem: !!i.DeleteDataInFileSystem };
}

// ---------------------------------------------------------------------------
// Tags

function resourceByArn(ctx: Ctx, arn: string | undefined): { tags: Tags } {
  const m = arn ? /^arn:aws:fsx:([^:]+):(\d{12}):([a-z-]+)\/(.+)$/.exec(arn) : null;
  if (!m) throw err('NotServiceResourceError', `The resource ARN '${arn}' is not an Amazon FSx resource.`, { ResourceARN: arn });
  const [, region, account, kind, rest] = m;
  const id = rest.slice(rest.lastIndexOf('/') + 1);
  const notFound = () => err('ResourceNotFound', `The resource '${arn}' does not exist.`, { ResourceARN: arn });
  if (region !== ctx.region || account !== ACCOUNT_ID) throw notFound();
  const map: Record<string, Map<string, { tags: Tags; readyAt: number; createdAt: number; seq: number; deleteAt?: number; goneAt?: number }>> = {
    'file-system': ctx.rw.fsx,
    volume: ctx.rw.fsxVolumes,
    'storage-virtual-machine': ctx.rw.svms,
    backup: ctx.rw.backups,
    association: ctx.rw.dras,
  };
  const r = map[kind]?.get(id);
  if (!r || !exists(r, ctx.now)) throw notFound();
  return r;
}

function listTagsForResource(ctx: Ctx, input: unknown): ListTagsForResourceResponse {
  const i = input as ListTagsForResourceRequest;
  const r = resourceByArn(ctx, i.ResourceARN);
  const rows = Object.entries(r.tags).map(([Key, Value], n) => ({ Key, Value, seq: n + 1 }));
  const page = paginate('fsx', `ListTagsForResource:${i.ResourceARN}`, rows, maxResults(i.MaxResults), i.NextToken);
  return { Tags: page.items.map(({ Key, Value }) => ({ Key, Value })), NextToken: page.next };
}

function tagResource(ctx: Ctx, input: unknown): object {
  const i = input as TagResourceRequest;
  const r = resourceByArn(ctx, i.ResourceARN);
  const add = tagsFrom(i.Tags);
  checkTags({ ...r.tags, ...add });
  Object.assign(r.tags, add);
  return {};
}

function untagResource(ctx: Ctx, input: unknown): object {
  const i = input as UntagResourceRequest;
  const r = resourceByArn(ctx, i.ResourceARN);
  for (const k of i.TagKeys ?? []) delete r.tags[k];
  return {};
}

export const fsxHandlers: HandlerTable = {
  DescribeFileSystems: describeFileSystems,
  DescribeStorageVirtualMachines: describeStorageVirtualMachines,
  DescribeVolumes: describeVolumes,
  DescribeBackups: describeBackups,
  DescribeDataRepositoryAssociations: describeDataRepositoryAssociations,
  CreateDataRepositoryAssociation: createDataRepositoryAssociation,
  DeleteDataRepositoryAssociation: deleteDataRepositoryAssociation,
  CreateFileSystem: createFileSystem,
  UpdateFileSystem: updateFileSystem,
  DeleteFileSystem: deleteFileSystem,
  CreateStorageVirtualMachine: createStorageVirtualMachine,
  DeleteStorageVirtualMachine: deleteStorageVirtualMachine,
  CreateVolume: createVolume,
  UpdateVolume: updateVolume,
  DeleteVolume: deleteVolume,
  CreateBackup: createBackup,
  ListTagsForResource: listTagsForResource,
  TagResource: tagResource,
  UntagResource: untagResource,
};

export const FSX_MUTATIONS = ['CreateDataRepositoryAssociation', 'DeleteDataRepositoryAssociation', 'CreateFileSystem', 'UpdateFileSystem', 'DeleteFileSystem', 'CreateStorageVirtualMachine', 'DeleteStorageVirtualMachine', 'CreateVolume', 'UpdateVolume', 'DeleteVolume', 'CreateBackup', 'TagResource', 'UntagResource'];
