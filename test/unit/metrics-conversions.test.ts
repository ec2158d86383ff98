// Conversions from raw CloudWatch statistics to what the screens show, per kind of store.
import { describe, expect, it } from 'vitest';
import { assemble, formatBytesPerSec, formatIops, latencyMs, perSecond, quantile, s3BytesByClass, summarize } from '../../src/services/metrics/convert.js';
import { metricSpecs } from '../../src/services/metrics/catalogue.js';
import type { MetricPoint, StorageInfo, StorageType } from '../../src/services/types.js';

const T0 = Date.UTC(2025, 5, 2, 10, 0, 0);
const GiB = 1024 ** 3;

function info(type: StorageType, over: Partial<StorageInfo> = {}): StorageInfo {
  return { name: 'x', type, id: type === 's3' ? 'my-bucket' : type === 'ebs' ? 'vol-0abc' : 'fs-0abc', state: 'available', rawState: 'available', region: 'us-east-1', encrypted: true, tags: {}, mount: {}, ...over };
}

function pts(...values: number[]): MetricPoint[] {
  return values.map((v, i) => ({ t: T0 + i * 60_000, v }));
}

describe('rate conversions', () => {
  it('turns a Sum of bytes per period into bytes per second', () => {
    // 60 s period, 6,000,000 bytes read -> 100,000 B/s
    expect(perSecond(pts(6_000_000, 0), 60)).toEqual([
      { t: T0, v: 100_000 },
      { t: T0 + 60_000, v: 0 },
    ]);
    // A 5-minute period: 300 MB in 300 s = 1 MB/s
    expect(perSecond([{ t: T0, v: 300e6 }], 300)[0].v).toBe(1e6);
  });

  it('computes EBS latency as total time over operations, in milliseconds', () => {
    // 0.5 s spent on 250 reads and 0.3 s on 50 writes -> 0.8 s / 300 ops = 2.667 ms
    const l = latencyMs([pts(0.5), pts(0.3)], [pts(250), pts(50)]);
    expect(l).toHaveLength(1);
    expect(l[0].v).toBeCloseTo((0.8 / 300) * 1000, 10);
    // A period without operations has no latency (not 0, not NaN)
    expect(latencyMs([pts(0)], [pts(0)])).toEqual([]);
  });

  it('assembles EBS series: bytes/s, IOPS, latency, idle %, burst balance', () => {
    const v = info('ebs', { ebs: { volumeType: 'gp2' }, sizeBytes: 100 * GiB });
    const raw = new Map<string, MetricPoint[]>([
      ['VolumeReadBytes', pts(60 * 1024 * 1024)],
      ['VolumeWriteBytes', pts(30 * 1024 * 1024)],
      ['VolumeReadOps', pts(6000)],
      ['VolumeWriteOps', pts(1200)],
      ['VolumeTotalReadTime', pts(3)],
      ['VolumeTotalWriteTime', pts(1.2)],
      ['VolumeIdleTime', pts(15)],
      ['VolumeQueueLength', pts(0.7)],
      ['BurstBalance', pts(98)],
    ]);
    const m = assemble(v, raw, 60, T0);
    expect(m.readBytesPerSec[0].v).toBe(1024 * 1024); // 1 MiB/s
    expect(m.writeBytesPerSec[0].v).toBe(512 * 1024);
    expect(m.readOpsPerSec[0].v).toBe(100);
    expect(m.writeOpsPerSec[0].v).toBe(20);
    expect(m.latencyMs?.[0].v).toBeCloseTo((4.2 / 7200) * 1000, 10);
    expect(m.extra.readLatencyMs[0].v).toBeCloseTo(0.5, 10);
    expect(m.extra.writeLatencyMs[0].v).toBeCloseTo(1, 10);
    expect(m.extra.idlePercent[0].v).toBe(25);
    expect(m.extra.burstBalance[0].v).toBe(98);
    expect(m.usedBytes).toBeUndefined(); // EBS has no used-bytes metric without the CloudWatch agent
    expect(m.periodSeconds).toBe(60);
  });

  it('assembles EFS: operations per second from SampleCount, client count from Sum over minutes', () => {
    const fs = info('efs', { efs: { performanceMode: 'generalPurpose', throughputMode: 'bursting', lifecyclePolicies: [], oneZone: false, numberOfMountTargets: 1 } });
    const raw = new Map<string, MetricPoint[]>([
      ['DataReadIOBytes', [{ t: T0, v: 300 * 1e6 }]],
      ['DataReadIOBytes:SampleCount', [{ t: T0, v: 3000 }]],
      ['DataWriteIOBytes', [{ t: T0, v: 0 }]],
      ['DataWriteIOBytes:SampleCount', [{ t: T0, v: 0 }]],
      ['ClientConnections', [{ t: T0, v: 20 }]],
      ['StorageBytes:Total', [{ t: T0, v: 5 * GiB }]],
      ['BurstCreditBalance', [{ t: T0, v: 2e12 }]],
    ]);
    const m = assemble(fs, raw, 300, T0);
    expect(m.readBytesPerSec[0].v).toBe(1e6); // 300 MB / 300 s
    expect(m.readOpsPerSec[0].v).toBe(10); // 3,000 IOs / 300 s
    expect(m.extra.clientConnections[0].v).toBe(4); // Sum 20 over 5 minutes
    expect(m.usedBytes?.[0].v).toBe(5 * GiB);
    expect(m.extra.burstCreditBalance[0].v).toBe(2e12);
  });

  it('derives FSx used bytes from free capacity (Lustre, Windows) or the used metric (ONTAP SSD tier, OpenZFS)', () => {
    const lustre = assemble(info('fsx-lustre', { sizeBytes: 1200 * GiB }), new Map([['FreeDataStorageCapacity', [{ t: T0, v: 200 * GiB }]]]), 60, T0);
    expect(lustre.usedBytes?.[0].v).toBe(1000 * GiB);
    expect(lustre.extra.freeBytes[0].v).toBe(200 * GiB);
    const win = assemble(info('fsx-windows', { sizeBytes: 32 * GiB }), new Map([['FreeStorageCapacity', [{ t: T0, v: 2 * GiB }]]]), 60, T0);
    expect(win.usedBytes?.[0].v).toBe(30 * GiB);
    const ontap = assemble(
      info('fsx-ontap', { sizeBytes: 1024 * GiB }),
      new Map([
        ['StorageUsed', [{ t: T0, v: 700 * GiB }]],
        ['StorageUsed:SSD', [{ t: T0, v: 400 * GiB }]],
        ['StorageCapacity:SSD', [{ t: T0, v: 1024 * GiB }]],
      ]),
      60,
      T0,
    );
    expect(ontap.usedBytes?.[0].v).toBe(400 * GiB);
    expect(ontap.extra.storedBytes[0].v).toBe(700 * GiB);
    const zfs = assemble(
      info('fsx-openzfs', { sizeBytes: 64 * GiB }),
      new Map([
        ['UsedStorageCapacity', [{ t: T0, v: 3 * GiB }]],
        ['DataReadBytes', [{ t: T0, v: 120e6 }]],
        ['DataReadOperations', [{ t: T0, v: 600 }]],
      ]),
      60,
      T0,
    );
    expect(zfs.usedBytes?.[0].v).toBe(3 * GiB);
    expect(zfs.readBytesPerSec[0].v).toBe(2e6);
    expect(zfs.readOpsPerSec[0].v).toBe(10);
    // Lustre without a known capacity: free bytes only, never a made-up used value
    const unknown = assemble(info('fsx-lustre'), new Map([['FreeDataStorageCapacity', [{ t: T0, v: 1 }]]]), 60, T0);
    expect(unknown.usedBytes).toBeUndefined();
  });

  it('sums S3 storage types into used bytes and maps them to storage classes', () => {
    const day = 86_400_000;
    const d0 = Date.UTC(2025, 5, 1);
    const raw = new Map<string, MetricPoint[]>([
      [
        'BucketSizeBytes:StandardStorage',
        [
          { t: d0, v: 100 * GiB },
          { t: d0 + day, v: 110 * GiB },
        ],
      ],
      ['BucketSizeBytes:GlacierStorage', [{ t: d0 + day, v: 50 * GiB }]],
      ['BucketSizeBytes:IntelligentTieringFAStorage', [{ t: d0 + day, v: 1 * GiB }]],
      ['BucketSizeBytes:IntelligentTieringIAStorage', [{ t: d0 + day, v: 2 * GiB }]],
      ['NumberOfObjects', [{ t: d0 + day, v: 12345 }]],
    ]);
    const m = assemble(info('s3'), raw, 60, T0);
    expect(m.usedBytes).toEqual([
      { t: d0, v: 100 * GiB },
      { t: d0 + day, v: 163 * GiB },
    ]);
    expect(m.extra.objects[0].v).toBe(12345);
    expect(s3BytesByClass(m.extra)).toEqual({ STANDARD: 110 * GiB, GLACIER: 50 * GiB, INTELLIGENT_TIERING: 3 * GiB });
    // No request metrics configured: no throughput series rather than zeros
    expect(m.readBytesPerSec).toEqual([]);
  });
});

describe('catalogue', () => {
  it('asks for BurstBalance only on gp2/st1/sc1 and PercentIOLimit only on General Purpose EFS', () => {
    const names = (i: StorageInfo) => metricSpecs(i).map((s) => s.metric);
    expect(names(info('ebs', { ebs: { volumeType: 'gp2' } }))).toContain('BurstBalance');
    expect(names(info('ebs', { ebs: { volumeType: 'gp3' } }))).not.toContain('BurstBalance');
    const efs = (performanceMode: string, throughputMode: string) => info('efs', { efs: { performanceMode, throughputMode, lifecyclePolicies: [], oneZone: false, numberOfMountTargets: 0 } });
    expect(names(efs('generalPurpose', 'elastic'))).toContain('PercentIOLimit');
    expect(names(efs('maxIO', 'elastic'))).not.toContain('PercentIOLimit');
    expect(names(efs('generalPurpose', 'bursting'))).toContain('BurstCreditBalance');
    expect(names(efs('generalPurpose', 'elastic'))).not.toContain('BurstCreditBalance');
  });

  it('uses the documented dimensions per kind', () => {
    const dimsOf = (i: StorageInfo, metric: string) => metricSpecs(i).find((s) => s.metric === metric)?.dimensions;
    expect(dimsOf(info('ebs', { ebs: { volumeType: 'gp3' } }), 'VolumeReadBytes')).toEqual([{ Name: 'VolumeId', Value: 'vol-0abc' }]);
    expect(dimsOf(info('s3'), 'NumberOfObjects')).toEqual([
      { Name: 'BucketName', Value: 'my-bucket' },
      { Name: 'StorageType', Value: 'AllStorageTypes' },
    ]);
    expect(dimsOf(info('fsx-ontap'), 'StorageCapacity:SSD')).toEqual([
      { Name: 'FileSystemId', Value: 'fs-0abc' },
      { Name: 'StorageTier', Value: 'SSD' },
      { Name: 'DataType', Value: 'All' },
    ]);
    // Request metrics only where a metrics configuration exists
    expect(metricSpecs(info('s3')).some((s) => s.metricName === 'GetRequests')).toBe(false);
    const withFilter = metricSpecs(info('s3', { s3: { versioning: 'Disabled', hasLifecycleRules: false, requestMetricsFilterId: 'EntireBucket' } }));
    expect(withFilter.find((s) => s.metricName === 'GetRequests')?.dimensions).toEqual([
      { Name: 'BucketName', Value: 'my-bucket' },
      { Name: 'FilterId', Value: 'EntireBucket' },
    ]);
    expect(metricSpecs(info('s3')).filter((s) => s.daily)).toHaveLength(metricSpecs(info('s3')).length);
  });
});

describe('summaries and formatting', () => {
  it('summarizes current, peak and average, and says null when there is no data', () => {
    expect(summarize([])).toEqual({ current: null, peak: null, average: null });
    expect(summarize(pts(1, 5, 3))).toEqual({ current: 3, peak: 5, average: 3 });
    expect(quantile(pts(...Array.from({ length: 100 }, (_, i) => i + 1)), 0.99)).toBe(99);
  });

  it('formats throughput and IOPS the way AWS quotes them', () => {
    expect(formatBytesPerSec(0)).toBe('0 B/s');
    expect(formatBytesPerSec(812)).toBe('812 B/s');
    expect(formatBytesPerSec(812_000)).toBe('812 KB/s');
    expect(formatBytesPerSec(1_250_000_000)).toBe('1.25 GB/s');
    expect(formatBytesPerSec(45_600_000)).toBe('45.6 MB/s');
    expect(formatBytesPerSec(null)).toBe('—');
    expect(formatIops(0)).toBe('0 IOPS');
    expect(formatIops(850)).toBe('850 IOPS');
    expect(formatIops(12_500)).toBe('12.5k IOPS');
    expect(formatIops(1_200_000)).toBe('1.20M IOPS');
    expect(formatIops(0.25)).toBe('0.3 IOPS');
    expect(formatIops(undefined)).toBe('—');
  });
});

describe('Lustre free space over long periods', () => {
  it('divides the per-target-per-minute Sum by the minutes in the period', () => {
    const GiB = 1024 ** 3;
    const info = { name: 'l', id: 'fs-1', type: 'fsx-lustre', state: 'available', rawState: 'AVAILABLE', region: 'us-east-1', encrypted: true, tags: {}, mount: {}, sizeBytes: 1200 * GiB } as const;
    const free = 200 * GiB;
    // One hour: 60 one-minute points per storage target, all summed by CloudWatch.
    const hourly = assemble({ ...info, tags: {}, mount: {} }, new Map([['FreeDataStorageCapacity', [{ t: 0, v: free * 60 }]]]), 3600, 0);
    expect(hourly.usedBytes?.[0].v).toBe(1000 * GiB);
    const minute = assemble({ ...info, tags: {}, mount: {} }, new Map([['FreeDataStorageCapacity', [{ t: 0, v: free }]]]), 60, 0);
    expect(minute.usedBytes?.[0].v).toBe(1000 * GiB);
  });
});
