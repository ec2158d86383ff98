// FSx inventory: DescribeFileSystems (all four types), then, only when needed,
// ONE paginated DescribeStorageVirtualMachines (ONTAP endpoints) and ONE
// paginated DescribeVolumes (ONTAP junction paths, OpenZFS volume paths) for the
// whole region, grouped by FileSystemId. If the SVM or volume call fails, the
// file systems stay listed and carry the failure in StorageInfo.detailErrors.
import {
  paginateDescribeFileSystems,
  paginateDescribeStorageVirtualMachines,
  paginateDescribeVolumes,
  type FileSystem,
  type StorageVirtualMachine,
  type Volume,
} from '@aws-sdk/client-fsx';
import type { FsxDetails, OntapSvm, OntapVolume, OpenZfsVolume, StorageErrorShape, StorageInfo, StorageState, StorageType } from '../types.js';
import type { ClientPool } from './clients.js';
import { detailError, displayName, gibToBytes, groupBy, normaliseState, settle, tagsToRecord, toIso, type ProviderOptions } from './util.js';
import { compareText } from '../collate.js';

/**
 * FSx returns min(MaxResults, its internal page maximum) per call, so a large
 * value just means "as many as you will give".
 * https://docs.aws.amazon.com/fsx/latest/APIReference/API_DescribeFileSystems.html
 */
export const FSX_PAGE_SIZE = 1000;

/** FileSystem Lifecycle values (https://docs.aws.amazon.com/fsx/latest/APIReference/API_FileSystem.html). */
const FSX_STATE: Readonly<Record<string, StorageState>> = {
  AVAILABLE: 'available',
  CREATING: 'creating',
  FAILED: 'failed',
  DELETING: 'deleting',
  MISCONFIGURED: 'misconfigured',
  MISCONFIGURED_UNAVAILABLE: 'misconfigured',
  UPDATING: 'updating',
};

const FSX_TYPE: Readonly<Record<string, { type: StorageType; fs: FsxDetails['fileSystemType'] }>> = {
  LUSTRE: { type: 'fsx-lustre', fs: 'LUSTRE' },
  OPENZFS: { type: 'fsx-openzfs', fs: 'OPENZFS' },
  WINDOWS: { type: 'fsx-windows', fs: 'WINDOWS' },
  ONTAP: { type: 'fsx-ontap', fs: 'ONTAP' },
};

export function mapOntapVolume(v: Volume): OntapVolume {
  const c = v.OntapConfiguration;
  return {
    id: v.VolumeId ?? '',
    name: v.Name ?? v.VolumeId ?? '',
    junctionPath: c?.JunctionPath || undefined,
    sizeMiB: c?.SizeInMegabytes,
    securityStyle: c?.SecurityStyle,
    state: v.Lifecycle ?? '',
  };
}

export function mapOpenZfsVolume(v: Volume): OpenZfsVolume {
  const c = v.OpenZFSConfiguration;
  const exports = c?.NfsExports?.flatMap((e) => (e.ClientConfigurations ?? []).map((cc) => ({ clients: cc.Clients ?? '', options: cc.Options ?? [] })));
  return {
    id: v.VolumeId ?? '',
    name: v.Name ?? v.VolumeId ?? '',
    volumePath: c?.VolumePath ?? '',
    parentVolumeId: c?.ParentVolumeId,
    state: v.Lifecycle ?? '',
    quotaGiB: c?.StorageCapacityQuotaGiB,
    reservationGiB: c?.StorageCapacityReservationGiB,
    recordSizeKiB: c?.RecordSizeKiB,
    compression: c?.DataCompressionType,
    nfsExports: exports,
  };
}

export function mapSvm(svm: StorageVirtualMachine, volumes: Volume[]): OntapSvm {
  const ep = svm.Endpoints;
  const ad = svm.ActiveDirectoryConfiguration;
  return {
    id: svm.StorageVirtualMachineId ?? '',
    name: svm.Name ?? svm.StorageVirtualMachineId ?? '',
    state: svm.Lifecycle ?? '',
    nfsDnsName: ep?.Nfs?.DNSName,
    smbDnsName: ep?.Smb?.DNSName,
    iscsiDnsName: ep?.Iscsi?.DNSName,
    managementDnsName: ep?.Management?.DNSName,
    nfsIpAddresses: ep?.Nfs?.IpAddresses,
    activeDirectory: ad ? { netBiosName: ad.NetBiosName, domainName: ad.SelfManagedActiveDirectoryConfiguration?.DomainName } : undefined,
    volumes: volumes.map(mapOntapVolume),
  };
}

/** Provisioned throughput in MB/s, as the file system reports it. */
function throughputOf(fs: FileSystem): number | undefined {
  const l = fs.LustreConfiguration;
  if (l) {
    if (l.ThroughputCapacity !== undefined) return l.ThroughputCapacity;
    // Persistent Lustre: MB/s per TiB of storage (StorageCapacity is GiB).
    if (l.PerUnitStorageThroughput !== undefined && fs.StorageCapacity !== undefined) return Math.round((l.PerUnitStorageThroughput * fs.StorageCapacity) / 1024);
    return undefined;
  }
  const o = fs.OntapConfiguration;
  if (o) return o.ThroughputCapacity ?? (o.ThroughputCapacityPerHAPair !== undefined && o.HAPairs !== undefined ? o.ThroughputCapacityPerHAPair * o.HAPairs : undefined);
  return fs.WindowsConfiguration?.ThroughputCapacity ?? fs.OpenZFSConfiguration?.ThroughputCapacity;
}

/** What DescribeStorageVirtualMachines / DescribeVolumes found for one file system (undefined = not fetched or failed). */
export interface FsxChildren {
  svms?: OntapSvm[];
  openZfsVolumes?: OpenZfsVolume[];
  errors?: StorageErrorShape[];
}

export function mapFsxFileSystem(fs: FileSystem, region: string, children: FsxChildren = {}): StorageInfo {
  const id = fs.FileSystemId ?? '';
  const tags = tagsToRecord(fs.Tags);
  const kind = Object.hasOwn(FSX_TYPE, fs.FileSystemType ?? '') ? FSX_TYPE[fs.FileSystemType ?? ''] : FSX_TYPE.LUSTRE;
  const l = fs.LustreConfiguration;
  const w = fs.WindowsConfiguration;
  const o = fs.OntapConfiguration;
  const z = fs.OpenZFSConfiguration;
  const root = z?.RootVolumeId ? children.openZfsVolumes?.find((v) => v.id === z.RootVolumeId) : undefined;
  const repo = l?.DataRepositoryConfiguration;
  const fsx: FsxDetails = {
    fileSystemType: kind.fs,
    deploymentType: l?.DeploymentType ?? w?.DeploymentType ?? o?.DeploymentType ?? z?.DeploymentType,
    storageType: fs.StorageType,
    subnetIds: fs.SubnetIds ?? [],
    vpcId: fs.VpcId,
    perUnitStorageThroughput: l?.PerUnitStorageThroughput,
    // OpenZFS compresses per volume: the root volume's setting is the file system's default.
    dataCompressionType: l?.DataCompressionType ?? root?.compression,
    dataRepository: repo && (repo.ImportPath || repo.ExportPath) ? { importPath: repo.ImportPath, exportPath: repo.ExportPath } : undefined,
    automaticBackupRetentionDays: l?.AutomaticBackupRetentionDays ?? w?.AutomaticBackupRetentionDays ?? o?.AutomaticBackupRetentionDays ?? z?.AutomaticBackupRetentionDays,
    activeDirectoryId: w?.ActiveDirectoryId,
    windowsDnsName: w ? fs.DNSName : undefined,
    lustreVersion: kind.fs === 'LUSTRE' ? fs.FileSystemTypeVersion : undefined,
    rootVolumeId: z?.RootVolumeId,
  };
  const info: StorageInfo = {
    name: displayName(tags, id),
    type: kind.type,
    id,
    arn: fs.ResourceARN,
    state: normaliseState(FSX_STATE, fs.Lifecycle),
    rawState: fs.Lifecycle ?? '',
    region,
    sizeBytes: gibToBytes(fs.StorageCapacity),
    throughputMBps: throughputOf(fs),
    iops: (w ?? o ?? z)?.DiskIopsConfiguration?.Iops,
    // Every FSx file system is encrypted at rest; scratch Lustre with an FSx-managed key
    // (https://docs.aws.amazon.com/fsx/latest/LustreGuide/encryption-at-rest.html,
    // https://docs.aws.amazon.com/fsx/latest/OpenZFSGuide/encryption-rest.html).
    encrypted: true,
    kmsKeyId: fs.KmsKeyId,
    tags,
    createdAt: toIso(fs.CreationTime),
    mount: {
      // ONTAP has no file-system DNS name: clients mount an SVM endpoint.
      dnsName: fs.DNSName,
      lustreMountName: l?.MountName,
      svms: children.svms,
      openZfsVolumes: children.openZfsVolumes,
    },
    fsx,
    failureReason: fs.FailureDetails?.Message,
  };
  if (children.errors?.length) info.detailErrors = children.errors;
  return info;
}

async function collect<P, T>(pages: AsyncIterable<P>, items: (page: P) => T[] | undefined): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) for (const it of items(page) ?? []) out.push(it);
  return out;
}

export async function listFsxFileSystems(pool: ClientPool, region: string, opts: ProviderOptions = {}): Promise<StorageInfo[]> {
  const client = pool.fsx(region);
  const pageSize = opts.pageSize ?? FSX_PAGE_SIZE;
  // A file system type this version does not know cannot be shown truthfully: leave it out.
  const fileSystems = (await collect(paginateDescribeFileSystems({ client, pageSize }, {}), (p) => p.FileSystems)).filter((f) => Object.hasOwn(FSX_TYPE, f.FileSystemType ?? ''));

  const needSvms = fileSystems.some((f) => f.FileSystemType === 'ONTAP');
  const needVolumes = needSvms || fileSystems.some((f) => f.FileSystemType === 'OPENZFS');
  const [svmsR, volumesR] = await Promise.all([
    needSvms ? settle(collect(paginateDescribeStorageVirtualMachines({ client, pageSize }, {}), (p) => p.StorageVirtualMachines)) : undefined,
    needVolumes ? settle(collect(paginateDescribeVolumes({ client, pageSize }, {}), (p) => p.Volumes)) : undefined,
  ]);
  const svmError = svmsR && !svmsR.ok ? detailError(svmsR.error, { service: 'fsx', action: 'fsx:DescribeStorageVirtualMachines', region }) : undefined;
  const volError = volumesR && !volumesR.ok ? detailError(volumesR.error, { service: 'fsx', action: 'fsx:DescribeVolumes', region }) : undefined;
  const svmsByFs = groupBy(svmsR?.ok ? svmsR.value : [], (s) => s.FileSystemId);
  const volumes = volumesR?.ok ? volumesR.value : [];
  const ontapVolsBySvm = groupBy(
    volumes.filter((v) => v.VolumeType === 'ONTAP'),
    (v) => v.OntapConfiguration?.StorageVirtualMachineId,
  );
  const zfsVolsByFs = groupBy(
    volumes.filter((v) => v.VolumeType === 'OPENZFS'),
    (v) => v.FileSystemId,
  );

  return fileSystems.map((fs) => {
    const id = fs.FileSystemId ?? '';
    const children: FsxChildren = {};
    if (fs.FileSystemType === 'ONTAP') {
      const errors = [svmError, volError].filter((e): e is StorageErrorShape => e !== undefined);
      if (!svmError) {
        // Without the volume list the SVM endpoints are still right; volumes stay unknown (empty) and the error says why.
        children.svms = (svmsByFs.get(id) ?? []).map((s) => mapSvm(s, ontapVolsBySvm.get(s.StorageVirtualMachineId ?? '') ?? []));
      }
      if (errors.length) children.errors = errors.map((e) => ({ ...e, resource: id }));
    } else if (fs.FileSystemType === 'OPENZFS') {
      if (volError) children.errors = [{ ...volError, resource: id }];
      else children.openZfsVolumes = (zfsVolsByFs.get(id) ?? []).map(mapOpenZfsVolume).sort((a, b) => compareText(a.volumePath, b.volumePath));
    }
    return mapFsxFileSystem(fs, region, children);
  });
}
