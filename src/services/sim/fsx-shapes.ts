// FSx records rendered into the SDK's FileSystem / Volume / SVM / Backup
// shapes, with lifecycle words computed from timestamps.
// Field meanings: https://docs.aws.amazon.com/fsx/latest/APIReference/API_FileSystem.html
import type {
  AdministrativeAction,
  Backup,
  DataRepositoryAssociation as DraShape,
  FileSystem,
  FileSystemLifecycle,
  StorageVirtualMachine,
  Tag,
  Volume,
} from '@aws-sdk/client-fsx';
import type { FsxBackup, FsxFileSystem, FsxSettings, FsxVolume, RegionWorld, Svm, Tags, DataRepositoryAssociation } from './model.js';
import { phase } from './model.js';
import type { Rng } from './rand.js';
import { ACCOUNT_ID } from './world.js';

export function fsxTags(t: Tags): Tag[] {
  return Object.entries(t).map(([Key, Value]) => ({ Key, Value }));
}

export function fsxDns(id: string, region: string): string {
  return `${id}.fsx.${region}.amazonaws.com`;
}

/** Lustre MountName: 8 lowercase alphanumerics, unique per region (SCRATCH_1 is always "fsx"). */
export function lustreMountName(rng: Rng): string {
  return rng.alnumLower(8);
}

/** FSx for Windows joins the domain as amznfsxXXXXXXXX.<domain>. */
export function windowsDns(rng: Rng, domain: string): string {
  return `amznfsx${rng.alnumLower(8)}.${domain}`;
}

export function ontapEndpoints(rng: Rng, id: string, region: string, range: string | undefined): NonNullable<FsxFileSystem['ontap']> {
  const base = range ? range.split('/')[0].split('.').slice(0, 3).join('.') : `10.20.${rng.int(32, 60)}`;
  return {
    endpointIpRange: range,
    mgmtDns: `management.${id}.fsx.${region}.amazonaws.com`,
    mgmtIps: [`${base}.${rng.int(2, 40)}`],
    interclusterDns: `intercluster.${id}.fsx.${region}.amazonaws.com`,
    interclusterIps: [`${base}.${rng.int(41, 80)}`, `${base}.${rng.int(81, 120)}`],
    haPairs: 1,
  };
}

export function fsArn(region: string, id: string): string {
  return `arn:aws:fsx:${region}:${ACCOUNT_ID}:file-system/${id}`;
}

/** Settings in effect at `now`: the base plus every update that has completed. */
export function effectiveSettings(fs: FsxFileSystem, now: number): FsxSettings {
  let s = fs.settings;
  for (const u of fs.updates) if (u.doneAt <= now && u.type === 'FILE_SYSTEM_UPDATE') s = { ...s, ...u.apply };
  return s;
}

export function fsxLifecycle(fs: FsxFileSystem, now: number): FileSystemLifecycle {
  const p = phase(fs, now);
  if (p === 'deleting') return 'DELETING';
  if (p === 'creating') return 'CREATING';
  if (fs.failure) return 'FAILED';
  if (fs.updates.some((u) => u.type === 'FILE_SYSTEM_UPDATE' && u.requestedAt <= now && now < u.doneAt)) return 'UPDATING';
  return 'AVAILABLE';
}

function adminActions(fs: FsxFileSystem, now: number): AdministrativeAction[] {
  return fs.updates
    .filter((u) => u.requestedAt <= now)
    .map((u) => {
      const done = u.doneAt <= now;
      const target: FileSystem = {};
      if (u.apply.storageCapacity !== undefined) target.StorageCapacity = u.apply.storageCapacity;
      if (u.apply.throughputCapacity !== undefined) {
        if (fs.type === 'OPENZFS') target.OpenZFSConfiguration = { ThroughputCapacity: u.apply.throughputCapacity };
        if (fs.type === 'WINDOWS') target.WindowsConfiguration = { ThroughputCapacity: u.apply.throughputCapacity };
        if (fs.type === 'ONTAP') target.OntapConfiguration = { ThroughputCapacity: u.apply.throughputCapacity };
      }
      if (u.apply.perUnitStorageThroughput !== undefined) target.LustreConfiguration = { PerUnitStorageThroughput: u.apply.perUnitStorageThroughput };
      const total = Math.max(1, u.doneAt - u.requestedAt);
      return {
        AdministrativeActionType: u.type as AdministrativeAction['AdministrativeActionType'],
        RequestTime: new Date(u.requestedAt),
        Status: done ? 'COMPLETED' : 'IN_PROGRESS',
        ProgressPercent: done ? 100 : Math.floor((100 * (now - u.requestedAt)) / total),
        TargetFileSystemValues: u.type === 'FILE_SYSTEM_UPDATE' ? target : undefined,
      };
    });
}

const WEEKLY = '7:09:30';
const DAILY = '05:00';

export function renderFileSystem(fs: FsxFileSystem, rw: RegionWorld, now: number): FileSystem {
  const s = effectiveSettings(fs, now);
  const lifecycle = fsxLifecycle(fs, now);
  const out: FileSystem = {
    OwnerId: ACCOUNT_ID,
    CreationTime: new Date(fs.createdAt),
    FileSystemId: fs.id,
    FileSystemType: fs.type,
    Lifecycle: lifecycle,
    FailureDetails: lifecycle === 'FAILED' && fs.failure ? { Message: fs.failure } : undefined,
    StorageCapacity: s.storageCapacity,
    StorageType: fs.storageType as FileSystem['StorageType'],
    VpcId: fs.vpcId,
    SubnetIds: [...fs.subnetIds],
    NetworkInterfaceIds: lifecycle === 'FAILED' ? [] : [...fs.eniIds],
    DNSName: fs.dnsName,
    KmsKeyId: fs.kmsKeyId,
    ResourceARN: fsArn(rw.region, fs.id),
    Tags: fsxTags(fs.tags),
    AdministrativeActions: adminActions(fs, now),
    NetworkType: 'IPV4',
  };
  if (fs.type === 'LUSTRE' && fs.lustre) {
    const l = fs.lustre;
    out.FileSystemTypeVersion = l.version;
    const scratch = fs.deploymentType.startsWith('SCRATCH');
    out.LustreConfiguration = {
      WeeklyMaintenanceStartTime: WEEKLY,
      DeploymentType: fs.deploymentType as NonNullable<FileSystem['LustreConfiguration']>['DeploymentType'],
      PerUnitStorageThroughput: s.perUnitStorageThroughput,
      MountName: l.mountName,
      DataCompressionType: (s.compression ?? 'NONE') as 'LZ4' | 'NONE',
      DailyAutomaticBackupStartTime: scratch ? undefined : DAILY,
      AutomaticBackupRetentionDays: scratch ? undefined : s.backupRetentionDays,
      CopyTagsToBackups: scratch ? undefined : false,
      DriveCacheType: l.driveCacheType as 'NONE' | 'READ' | undefined,
      LogConfiguration: { Level: 'WARN_ERROR', Destination: `arn:aws:logs:${rw.region}:${ACCOUNT_ID}:log-group:/aws/fsx/lustre:*` },
      DataRepositoryConfiguration:
        l.importPath !== undefined
          ? { Lifecycle: lifecycle === 'CREATING' ? 'CREATING' : 'AVAILABLE', ImportPath: l.importPath, ExportPath: l.exportPath, ImportedFileChunkSize: 1024, AutoImportPolicy: (l.autoImport ?? 'NONE') as 'NONE' | 'NEW' | 'NEW_CHANGED' | 'NEW_CHANGED_DELETED' }
          : undefined,
      MetadataConfiguration: fs.deploymentType === 'PERSISTENT_2' ? { Mode: 'AUTOMATIC', Iops: s.storageCapacity <= 12000 ? 1500 : 3000 } : undefined,
    };
  }
  if (fs.type === 'OPENZFS' && fs.openzfs) {
    out.OpenZFSConfiguration = {
      AutomaticBackupRetentionDays: s.backupRetentionDays,
      CopyTagsToBackups: false,
      CopyTagsToVolumes: false,
      DailyAutomaticBackupStartTime: DAILY,
      DeploymentType: fs.deploymentType as NonNullable<FileSystem['OpenZFSConfiguration']>['DeploymentType'],
      ThroughputCapacity: s.throughputCapacity,
      WeeklyMaintenanceStartTime: WEEKLY,
      DiskIopsConfiguration: { Mode: 'AUTOMATIC', Iops: s.iops ?? s.storageCapacity * 3 },
      RootVolumeId: fs.openzfs.rootVolumeId,
      PreferredSubnetId: fs.preferredSubnetId,
      EndpointIpAddress: fs.openzfs.endpointIp,
    };
  }
  if (fs.type === 'WINDOWS' && fs.windows) {
    const w = fs.windows;
    out.WindowsConfiguration = {
      ActiveDirectoryId: w.adId,
      SelfManagedActiveDirectoryConfiguration: w.selfManaged
        ? { DomainName: w.selfManaged.domain, OrganizationalUnitDistinguishedName: w.selfManaged.ou, FileSystemAdministratorsGroup: w.selfManaged.adminsGroup ?? 'Domain Admins', UserName: w.selfManaged.userName, DnsIps: [...w.selfManaged.dnsIps] }
        : undefined,
      DeploymentType: fs.deploymentType as NonNullable<FileSystem['WindowsConfiguration']>['DeploymentType'],
      RemoteAdministrationEndpoint: w.remoteAdmin,
      PreferredSubnetId: fs.preferredSubnetId ?? fs.subnetIds[0],
      PreferredFileServerIp: w.preferredIp,
      ThroughputCapacity: s.throughputCapacity,
      WeeklyMaintenanceStartTime: WEEKLY,
      DailyAutomaticBackupStartTime: DAILY,
      AutomaticBackupRetentionDays: s.backupRetentionDays,
      CopyTagsToBackups: false,
      Aliases: w.aliases.map((Name) => ({ Name, Lifecycle: 'AVAILABLE' })),
      DiskIopsConfiguration: { Mode: 'AUTOMATIC', Iops: s.iops ?? s.storageCapacity * 3 },
    };
  }
  if (fs.type === 'ONTAP' && fs.ontap) {
    const o = fs.ontap;
    out.OntapConfiguration = {
      AutomaticBackupRetentionDays: s.backupRetentionDays,
      DailyAutomaticBackupStartTime: DAILY,
      DeploymentType: fs.deploymentType as NonNullable<FileSystem['OntapConfiguration']>['DeploymentType'],
      EndpointIpAddressRange: o.endpointIpRange,
      Endpoints: { Intercluster: { DNSName: o.interclusterDns, IpAddresses: [...o.interclusterIps] }, Management: { DNSName: o.mgmtDns, IpAddresses: [...o.mgmtIps] } },
      DiskIopsConfiguration: { Mode: 'AUTOMATIC', Iops: s.iops ?? s.storageCapacity * 3 },
      PreferredSubnetId: fs.preferredSubnetId,
      RouteTableIds: fs.deploymentType.startsWith('MULTI_AZ') ? ['rtb-0a1b2c3d4e5f60718'] : undefined,
      ThroughputCapacity: s.throughputCapacity,
      ThroughputCapacityPerHAPair: s.throughputCapacity !== undefined ? s.throughputCapacity / o.haPairs : undefined,
      HAPairs: o.haPairs,
      WeeklyMaintenanceStartTime: WEEKLY,
    };
  }
  return out;
}

export function volumeLifecycle(v: FsxVolume, now: number): NonNullable<Volume['Lifecycle']> {
  const p = phase(v, now);
  if (p === 'deleting') return 'DELETING';
  if (p === 'creating') return 'CREATING';
  return v.kind === 'ONTAP' ? 'CREATED' : 'AVAILABLE';
}

export function renderVolume(v: FsxVolume, region: string, now: number): Volume {
  const out: Volume = {
    CreationTime: new Date(v.createdAt),
    FileSystemId: v.fsId,
    Lifecycle: volumeLifecycle(v, now),
    Name: v.name,
    ResourceARN: `arn:aws:fsx:${region}:${ACCOUNT_ID}:volume/${v.fsId}/${v.id}`,
    Tags: fsxTags(v.tags),
    VolumeId: v.id,
    VolumeType: v.kind,
  };
  if (v.ontap) {
    const o = v.ontap;
    out.OntapConfiguration = {
      FlexCacheEndpointType: 'NONE',
      JunctionPath: o.junctionPath,
      SecurityStyle: o.securityStyle as 'UNIX' | 'NTFS' | 'MIXED',
      SizeInMegabytes: o.sizeMiB,
      SizeInBytes: o.sizeMiB * 1024 * 1024,
      StorageEfficiencyEnabled: o.storageEfficiency,
      StorageVirtualMachineId: o.svmId,
      StorageVirtualMachineRoot: o.isRoot,
      TieringPolicy: { Name: o.tieringPolicy as 'SNAPSHOT_ONLY' | 'AUTO' | 'ALL' | 'NONE', CoolingPeriod: o.tieringPolicy === 'AUTO' ? 31 : o.tieringPolicy === 'SNAPSHOT_ONLY' ? 2 : undefined },
      UUID: o.uuid,
      OntapVolumeType: o.isRoot ? 'LS' : 'RW',
      SnapshotPolicy: o.isRoot ? 'none' : 'default',
      CopyTagsToBackups: false,
      VolumeStyle: 'FLEXVOL',
    };
  }
  if (v.openzfs) {
    const z = v.openzfs;
    out.OpenZFSConfiguration = {
      ParentVolumeId: z.parentId,
      VolumePath: z.path,
      StorageCapacityQuotaGiB: z.quotaGiB,
      StorageCapacityReservationGiB: z.reservationGiB,
      RecordSizeKiB: z.recordSizeKiB,
      DataCompressionType: z.compression as 'NONE' | 'ZSTD' | 'LZ4',
      CopyTagsToSnapshots: false,
      ReadOnly: z.readOnly,
      NfsExports: z.nfsExports.map((e) => ({ ClientConfigurations: [{ Clients: e.clients, Options: [...e.options] }] })),
      UserAndGroupQuotas: [],
    };
  }
  return out;
}

export function svmLifecycle(s: Svm, now: number): NonNullable<StorageVirtualMachine['Lifecycle']> {
  const p = phase(s, now);
  if (p === 'deleting') return 'DELETING';
  if (p === 'creating') return 'CREATING';
  return 'CREATED';
}

export function renderSvm(s: Svm, region: string, now: number): StorageVirtualMachine {
  const host = `${s.id}.${s.fsId}.fsx.${region}.amazonaws.com`;
  return {
    ActiveDirectoryConfiguration: s.ad
      ? { NetBiosName: s.ad.netBiosName, SelfManagedActiveDirectoryConfiguration: { DomainName: s.ad.domainName, OrganizationalUnitDistinguishedName: s.ad.ou, FileSystemAdministratorsGroup: 'Domain Admins', UserName: 'fsx-service', DnsIps: [...s.ad.dnsIps] } }
      : undefined,
    CreationTime: new Date(s.createdAt),
    Endpoints: {
      Iscsi: { DNSName: `iscsi.${host}`, IpAddresses: [s.nfsIp.replace(/\.(\d+)$/, (_, d: string) => `.${Number(d) + 1}`)] },
      Management: { DNSName: host, IpAddresses: [s.nfsIp] },
      Nfs: { DNSName: host, IpAddresses: [s.nfsIp] },
      Smb: s.ad ? { DNSName: `${s.ad.netBiosName}.${s.ad.domainName}`, IpAddresses: [s.nfsIp] } : undefined,
    },
    FileSystemId: s.fsId,
    Lifecycle: svmLifecycle(s, now),
    Name: s.name,
    ResourceARN: `arn:aws:fsx:${region}:${ACCOUNT_ID}:storage-virtual-machine/${s.fsId}/${s.id}`,
    StorageVirtualMachineId: s.id,
    Subtype: 'DEFAULT',
    UUID: s.uuid,
    Tags: fsxTags(s.tags),
    RootVolumeSecurityStyle: s.rootVolumeSecurityStyle as 'UNIX' | 'NTFS' | 'MIXED',
  };
}

/** A backup record of a file system (and optionally one of its volumes), frozen as of `at`. */
export function backupOf(id: string, fs: FsxFileSystem, rw: RegionWorld, at: number, type: FsxBackup['type'], seq: number, volume?: FsxVolume, readyAfterMs = 15 * 60_000): FsxBackup {
  const shape = renderFileSystem(fs, rw, Math.max(at, fs.readyAt));
  return {
    seq,
    createdAt: at,
    readyAt: at + readyAfterMs,
    id,
    fsId: fs.id,
    volumeId: volume?.id,
    type,
    tags: {},
    fileSystem: shape,
    volume: volume ? renderVolume(volume, rw.region, Math.max(at, volume.readyAt)) : undefined,
    kmsKeyId: fs.kmsKeyId,
  };
}

export function renderBackup(b: FsxBackup, region: string, now: number, directory?: { id: string; name: string }): Backup {
  const p = phase(b, now);
  const total = Math.max(1, b.readyAt - b.createdAt);
  return {
    BackupId: b.id,
    Lifecycle: p === 'creating' ? 'CREATING' : p === 'deleting' ? 'DELETED' : 'AVAILABLE',
    Type: b.type,
    ProgressPercent: p === 'creating' ? Math.floor((100 * (now - b.createdAt)) / total) : 100,
    CreationTime: new Date(b.createdAt),
    KmsKeyId: b.kmsKeyId,
    ResourceARN: `arn:aws:fsx:${region}:${ACCOUNT_ID}:backup/${b.id}`,
    Tags: fsxTags(b.tags),
    FileSystem: b.fileSystem,
    DirectoryInformation: directory ? { DomainName: directory.name, ActiveDirectoryId: directory.id } : undefined,
    OwnerId: ACCOUNT_ID,
    ResourceType: b.volumeId ? 'VOLUME' : 'FILE_SYSTEM',
    Volume: b.volume,
    SizeInBytes: b.fileSystem.StorageCapacity !== undefined ? Math.round(b.fileSystem.StorageCapacity * 1024 ** 3 * 0.4) : undefined,
  };
}

export function renderDra(d: DataRepositoryAssociation, region: string, now: number): DraShape {
  const p = phase(d, now);
  return {
    AssociationId: d.id,
    ResourceARN: `arn:aws:fsx:${region}:${ACCOUNT_ID}:association/${d.fsId}/${d.id}`,
    FileSystemId: d.fsId,
    Lifecycle: p === 'creating' ? 'CREATING' : p === 'deleting' ? 'DELETING' : 'AVAILABLE',
    FileSystemPath: d.fsPath,
    DataRepositoryPath: d.s3Path,
    BatchImportMetaDataOnCreate: d.importOnCreate,
    ImportedFileChunkSize: 1024,
    S3: { AutoImportPolicy: { Events: d.autoImport as ('NEW' | 'CHANGED' | 'DELETED')[] }, AutoExportPolicy: { Events: d.autoExport as ('NEW' | 'CHANGED' | 'DELETED')[] } },
    Tags: fsxTags(d.tags),
    CreationTime: new Date(d.createdAt),
  };
}
