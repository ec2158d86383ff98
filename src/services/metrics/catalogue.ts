// The CloudWatch metric catalogue: per kind of store, which namespace, metric names,
// dimensions and statistics the dashboard asks for. Conversions to rates live in convert.ts.
//
// Sources (read 2025; names, dimensions and valid statistics are taken from these pages):
//   EBS   https://docs.aws.amazon.com/ebs/latest/userguide/using_cloudwatch_ebs.html
//         (AWS/EBS, dimension VolumeId; bytes/ops/time as Sum per period; BurstBalance for gp2, st1, sc1;
//          VolumeQueueLength Average; VolumeIdleTime Sum in seconds)
//   EFS   https://docs.aws.amazon.com/efs/latest/ug/efs-metrics.html
//         (AWS/EFS, dimension FileSystemId; DataReadIOBytes/DataWriteIOBytes/MetadataIOBytes Sum = bytes,
//          SampleCount = operations; PercentIOLimit for General Purpose only; BurstCreditBalance bytes;
//          PermittedThroughput bytes/s; StorageBytes with StorageClass Total|Standard|IA|Archive, every 15 min;
//          ClientConnections Sum, divide by minutes in the period for an average)
//   FSx Lustre   https://docs.aws.amazon.com/fsx/latest/LustreGuide/fs-metrics.html
//         (AWS/FSx, FileSystemId; DataRead/WriteBytes, DataRead/WriteOperations, MetadataOperations Sum;
//          FreeDataStorageCapacity Sum = bytes free in the whole file system)
//   FSx Windows  https://docs.aws.amazon.com/fsx/latest/WindowsGuide/fsx-windows-metrics.html
//         (AWS/FSx, FileSystemId; the same IO metrics as Sum; FreeStorageCapacity Average|Minimum)
//   FSx ONTAP    https://docs.aws.amazon.com/fsx/latest/ONTAPGuide/file-system-metrics.html
//         (AWS/FSx, FileSystemId; DataRead/WriteBytes, Operations, MetadataOperations Sum; StorageUsed Average;
//          detailed metrics with StorageTier SSD|StandardCapacityPool and DataType All: StorageUsed Average,
//          StorageCapacity Maximum — also github.com/awsdocs/amazon-fsx-ontap-user-guide file-system-metrics.md)
//   FSx OpenZFS  https://docs.aws.amazon.com/fsx/latest/OpenZFSGuide/fsx-openzfs-metrics.html
//         (AWS/FSx, FileSystemId [+ VolumeId for a volume]; DataRead/WriteBytes, Operations, MetadataOperations Sum;
//          UsedStorageCapacity and StorageCapacity Average — also in the archived guide
//          github.com/awsdocs/amazon-fsx-openzfs-user-guide doc_source/monitoring-cloudwatch.md)
//   S3    https://docs.aws.amazon.com/AmazonS3/latest/userguide/metrics-dimensions.html
//         (AWS/S3, daily storage metrics BucketSizeBytes by BucketName+StorageType and NumberOfObjects with
//          StorageType AllStorageTypes, one point per day; request metrics (AllRequests, GetRequests,
//          PutRequests, BytesDownloaded, BytesUploaded, FirstByteLatency ms) by BucketName+FilterId,
//          1-minute, only for buckets with a request-metrics configuration)
import type { Dimension } from '@aws-sdk/client-cloudwatch';
import type { StorageInfo } from '../types.js';

export type Stat = 'Sum' | 'Average' | 'SampleCount' | 'Maximum' | 'Minimum';

export interface MetricSpec {
  /** Unique key of this raw series within one resource (e.g. "VolumeReadBytes", "DataReadIOBytes:SampleCount"). */
  metric: string;
  namespace: string;
  metricName: string;
  dimensions: Dimension[];
  stat: Stat;
  /** Daily metrics (S3 storage): queried at an 86,400 s period over a range of days. */
  daily?: boolean;
}

/** S3 StorageType dimension values of BucketSizeBytes and the storage class each one is billed as. */
export const S3_STORAGE_TYPES: Readonly<Record<string, string>> = {
  StandardStorage: 'STANDARD',
  IntelligentTieringFAStorage: 'INTELLIGENT_TIERING',
  IntelligentTieringIAStorage: 'INTELLIGENT_TIERING',
  IntelligentTieringAIAStorage: 'INTELLIGENT_TIERING',
  IntelligentTieringAAStorage: 'INTELLIGENT_TIERING',
  IntelligentTieringDAAStorage: 'INTELLIGENT_TIERING',
  StandardIAStorage: 'STANDARD_IA',
  OneZoneIAStorage: 'ONEZONE_IA',
  GlacierInstantRetrievalStorage: 'GLACIER_IR',
  GlacierStorage: 'GLACIER',
  DeepArchiveStorage: 'DEEP_ARCHIVE',
};

/** Prefix of the raw S3 size series keys: `BucketSizeBytes:<StorageType>`. */
export const S3_SIZE_PREFIX = 'BucketSizeBytes:';

const EBS_BURSTING = new Set(['gp2', 'st1', 'sc1']);

function dims(pairs: Record<string, string>): Dimension[] {
  return Object.entries(pairs).map(([Name, Value]) => ({ Name, Value }));
}

function spec(namespace: string, metricName: string, stat: Stat, d: Dimension[], key?: string, daily?: boolean): MetricSpec {
  return { metric: key ?? metricName, namespace, metricName, dimensions: d, stat, ...(daily ? { daily } : {}) };
}

function ebs(info: StorageInfo): MetricSpec[] {
  const d = dims({ VolumeId: info.id });
  const out = [
    spec('AWS/EBS', 'VolumeReadBytes', 'Sum', d),
    spec('AWS/EBS', 'VolumeWriteBytes', 'Sum', d),
    spec('AWS/EBS', 'VolumeReadOps', 'Sum', d),
    spec('AWS/EBS', 'VolumeWriteOps', 'Sum', d),
    spec('AWS/EBS', 'VolumeTotalReadTime', 'Sum', d),
    spec('AWS/EBS', 'VolumeTotalWriteTime', 'Sum', d),
    spec('AWS/EBS', 'VolumeIdleTime', 'Sum', d),
    spec('AWS/EBS', 'VolumeQueueLength', 'Average', d),
  ];
  if (EBS_BURSTING.has(info.ebs?.volumeType ?? '')) out.push(spec('AWS/EBS', 'BurstBalance', 'Average', d));
  return out;
}

function efs(info: StorageInfo): MetricSpec[] {
  const d = dims({ FileSystemId: info.id });
  const out = [
    spec('AWS/EFS', 'DataReadIOBytes', 'Sum', d),
    spec('AWS/EFS', 'DataReadIOBytes', 'SampleCount', d, 'DataReadIOBytes:SampleCount'),
    spec('AWS/EFS', 'DataWriteIOBytes', 'Sum', d),
    spec('AWS/EFS', 'DataWriteIOBytes', 'SampleCount', d, 'DataWriteIOBytes:SampleCount'),
    spec('AWS/EFS', 'MetadataIOBytes', 'Sum', d),
    spec('AWS/EFS', 'PermittedThroughput', 'Average', d),
    spec('AWS/EFS', 'ClientConnections', 'Sum', d),
    spec('AWS/EFS', 'StorageBytes', 'Average', dims({ FileSystemId: info.id, StorageClass: 'Total' }), 'StorageBytes:Total'),
  ];
  // PercentIOLimit exists only for General Purpose file systems.
  if ((info.efs?.performanceMode ?? 'generalPurpose') === 'generalPurpose') out.push(spec('AWS/EFS', 'PercentIOLimit', 'Average', d));
  // Burst credits only govern file systems in bursting throughput mode.
  if ((info.efs?.throughputMode ?? 'bursting') === 'bursting') out.push(spec('AWS/EFS', 'BurstCreditBalance', 'Average', d));
  return out;
}

function fsxIo(d: Dimension[], metadata: boolean): MetricSpec[] {
  const out = [
    spec('AWS/FSx', 'DataReadBytes', 'Sum', d),
    spec('AWS/FSx', 'DataWriteBytes', 'Sum', d),
    spec('AWS/FSx', 'DataReadOperations', 'Sum', d),
    spec('AWS/FSx', 'DataWriteOperations', 'Sum', d),
  ];
  if (metadata) out.push(spec('AWS/FSx', 'MetadataOperations', 'Sum', d));
  return out;
}

function fsx(info: StorageInfo): MetricSpec[] {
  const d = dims({ FileSystemId: info.id });
  switch (info.type) {
    case 'fsx-lustre':
      return [...fsxIo(d, true), spec('AWS/FSx', 'FreeDataStorageCapacity', 'Sum', d)];
    case 'fsx-windows':
      return [...fsxIo(d, true), spec('AWS/FSx', 'FreeStorageCapacity', 'Average', d)];
    case 'fsx-ontap':
      // StorageUsed by FileSystemId = physical data on SSD and capacity pool; the SSD tier (the part
      // that can fill up) is the detailed metric with StorageTier=SSD, DataType=All, against the
      // detailed StorageCapacity (valid statistic Maximum).
      return [
        ...fsxIo(d, true),
        spec('AWS/FSx', 'StorageUsed', 'Average', d),
        spec('AWS/FSx', 'StorageUsed', 'Average', dims({ FileSystemId: info.id, StorageTier: 'SSD', DataType: 'All' }), 'StorageUsed:SSD'),
        spec('AWS/FSx', 'StorageCapacity', 'Maximum', dims({ FileSystemId: info.id, StorageTier: 'SSD', DataType: 'All' }), 'StorageCapacity:SSD'),
      ];
    case 'fsx-openzfs':
      return [...fsxIo(d, true), spec('AWS/FSx', 'UsedStorageCapacity', 'Average', d), spec('AWS/FSx', 'StorageCapacity', 'Average', d)];
    default:
      return [];
  }
}

function s3(info: StorageInfo): MetricSpec[] {
  const out: MetricSpec[] = [];
  for (const storageType of Object.keys(S3_STORAGE_TYPES)) {
    out.push(spec('AWS/S3', 'BucketSizeBytes', 'Average', dims({ BucketName: info.id, StorageType: storageType }), S3_SIZE_PREFIX + storageType, true));
  }
  out.push(spec('AWS/S3', 'NumberOfObjects', 'Average', dims({ BucketName: info.id, StorageType: 'AllStorageTypes' }), 'NumberOfObjects', true));
  const filter = info.s3?.requestMetricsFilterId;
  if (filter) {
    const d = dims({ BucketName: info.id, FilterId: filter });
    out.push(
      spec('AWS/S3', 'BytesDownloaded', 'Sum', d),
      spec('AWS/S3', 'BytesUploaded', 'Sum', d),
      spec('AWS/S3', 'GetRequests', 'Sum', d),
      spec('AWS/S3', 'PutRequests', 'Sum', d),
      spec('AWS/S3', 'AllRequests', 'Sum', d),
      spec('AWS/S3', 'FirstByteLatency', 'Average', d),
    );
  }
  return out;
}

/** Every raw series the dashboard asks CloudWatch for, for one store. */
export function metricSpecs(info: StorageInfo): MetricSpec[] {
  switch (info.type) {
    case 'ebs':
      return ebs(info);
    case 'efs':
      return efs(info);
    case 's3':
      return s3(info);
    case 'fsx-lustre':
    case 'fsx-windows':
    case 'fsx-ontap':
    case 'fsx-openzfs':
      return fsx(info);
  }
}
