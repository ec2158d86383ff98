// Conversions from raw CloudWatch statistics to the rates a person reads, and the
// assembly of one StorageMetrics per store. Pure functions.
//
// The rules (from the metric pages cited in catalogue.ts):
//   bytes/s        = Sum(bytes) / period
//   IOPS           = Sum(operations) / period
//   EFS ops/s      = SampleCount(DataReadIOBytes) / period   (each IO is one sample)
//   EBS latency ms = Sum(VolumeTotalReadTime + VolumeTotalWriteTime) / Sum(VolumeReadOps + VolumeWriteOps) * 1000
//   EBS idle %     = Sum(VolumeIdleTime) / period * 100
//   EFS clients    = Sum(ClientConnections) / minutes in the period
//   used bytes     = capacity - free (Lustre FreeDataStorageCapacity, Windows FreeStorageCapacity);
//                    StorageUsed of the SSD tier (ONTAP), UsedStorageCapacity (OpenZFS), StorageBytes Total (EFS),
//                    the sum of BucketSizeBytes over storage types (S3)
import type { MetricPoint, StorageInfo, StorageMetrics } from '../types.js';
import { S3_SIZE_PREFIX, S3_STORAGE_TYPES } from './catalogue.js';

export type RawSeries = ReadonlyMap<string, MetricPoint[]>;

const EMPTY: MetricPoint[] = [];

/** Sum per period -> rate per second. */
export function perSecond(points: readonly MetricPoint[], periodSeconds: number): MetricPoint[] {
  return points.map((p) => ({ t: p.t, v: p.v / periodSeconds }));
}

export function scale(points: readonly MetricPoint[], factor: number): MetricPoint[] {
  return points.map((p) => ({ t: p.t, v: p.v * factor }));
}

/**
 * Combines series point by point on equal timestamps. A timestamp missing from any input is
 * skipped unless `missingAsZero` (CloudWatch omits periods without activity for Sum metrics).
 */
export function zipWith(series: readonly (readonly MetricPoint[])[], f: (values: number[]) => number | null, missingAsZero = false): MetricPoint[] {
  const maps = series.map((s) => new Map(s.map((p) => [p.t, p.v])));
  const times = new Set<number>();
  for (const s of series) for (const p of s) times.add(p.t);
  const out: MetricPoint[] = [];
  for (const t of [...times].sort((a, b) => a - b)) {
    const values: number[] = [];
    let ok = true;
    for (const m of maps) {
      const v = m.get(t);
      if (v === undefined) {
        if (!missingAsZero) {
          ok = false;
          break;
        }
        values.push(0);
      } else values.push(v);
    }
    if (!ok) continue;
    const v = f(values);
    if (v !== null && Number.isFinite(v)) out.push({ t, v });
  }
  return out;
}

/** Latency in ms from total seconds spent and operation counts; periods without operations are left out. */
export function latencyMs(totalSeconds: readonly (readonly MetricPoint[])[], ops: readonly (readonly MetricPoint[])[]): MetricPoint[] {
  const n = totalSeconds.length;
  return zipWith(
    [...totalSeconds, ...ops],
    (v) => {
      let time = 0;
      let count = 0;
      for (let i = 0; i < n; i++) time += v[i];
      for (let i = n; i < v.length; i++) count += v[i];
      return count > 0 ? (time / count) * 1000 : null;
    },
    true,
  );
}

function get(raw: RawSeries, key: string): MetricPoint[] {
  return raw.get(key) ?? EMPTY;
}

function putExtra(extra: Record<string, MetricPoint[]>, key: string, points: MetricPoint[]): void {
  if (points.length > 0) extra[key] = points;
}

/** Prefix of the per-storage-type size series in StorageMetrics.extra: `s3:<StorageType>`. */
export const S3_EXTRA_PREFIX = 's3:';

/**
 * Bytes per S3 storage class (STANDARD, STANDARD_IA, ...) on the latest day that has data, from
 * StorageMetrics.extra of a bucket. Empty when CloudWatch has no storage metrics for it yet.
 */
export function s3BytesByClass(extra: Readonly<Record<string, readonly MetricPoint[]>>): Record<string, number> {
  const entries = Object.entries(extra).filter(([k, pts]) => k.startsWith(S3_EXTRA_PREFIX) && pts.length > 0);
  let latest = -Infinity;
  for (const [, pts] of entries) latest = Math.max(latest, pts[pts.length - 1].t);
  const out: Record<string, number> = {};
  for (const [k, pts] of entries) {
    const cls = S3_STORAGE_TYPES[k.slice(S3_EXTRA_PREFIX.length)];
    const last = pts.find((p) => p.t === latest);
    if (cls && last) out[cls] = (out[cls] ?? 0) + last.v;
  }
  return out;
}

/**
 * One StorageMetrics from the raw statistics of one store. `periodSeconds` is the period of the
 * non-daily series; daily series (S3 storage) are used as they are.
 */
export function assemble(info: StorageInfo, raw: RawSeries, periodSeconds: number, fetchedAt: number): StorageMetrics {
  const extra: Record<string, MetricPoint[]> = {};
  const base = { resourceId: info.id, type: info.type, periodSeconds, fetchedAt, extra };
  const p = periodSeconds;
  switch (info.type) {
    case 'ebs': {
      putExtra(extra, 'idlePercent', scale(get(raw, 'VolumeIdleTime'), 100 / p));
      putExtra(extra, 'queueLength', get(raw, 'VolumeQueueLength'));
      putExtra(extra, 'burstBalance', get(raw, 'BurstBalance'));
      putExtra(extra, 'readLatencyMs', latencyMs([get(raw, 'VolumeTotalReadTime')], [get(raw, 'VolumeReadOps')]));
      putExtra(extra, 'writeLatencyMs', latencyMs([get(raw, 'VolumeTotalWriteTime')], [get(raw, 'VolumeWriteOps')]));
      return {
        ...base,
        readBytesPerSec: perSecond(get(raw, 'VolumeReadBytes'), p),
        writeBytesPerSec: perSecond(get(raw, 'VolumeWriteBytes'), p),
        readOpsPerSec: perSecond(get(raw, 'VolumeReadOps'), p),
        writeOpsPerSec: perSecond(get(raw, 'VolumeWriteOps'), p),
        latencyMs: latencyMs([get(raw, 'VolumeTotalReadTime'), get(raw, 'VolumeTotalWriteTime')], [get(raw, 'VolumeReadOps'), get(raw, 'VolumeWriteOps')]),
      };
    }
    case 'efs': {
      putExtra(extra, 'metadataBytesPerSec', perSecond(get(raw, 'MetadataIOBytes'), p));
      putExtra(extra, 'permittedThroughput', get(raw, 'PermittedThroughput'));
      putExtra(extra, 'percentIOLimit', get(raw, 'PercentIOLimit'));
      putExtra(extra, 'burstCreditBalance', get(raw, 'BurstCreditBalance'));
      putExtra(extra, 'clientConnections', scale(get(raw, 'ClientConnections'), 60 / p));
      return {
        ...base,
        readBytesPerSec: perSecond(get(raw, 'DataReadIOBytes'), p),
        writeBytesPerSec: perSecond(get(raw, 'DataWriteIOBytes'), p),
        readOpsPerSec: perSecond(get(raw, 'DataReadIOBytes:SampleCount'), p),
        writeOpsPerSec: perSecond(get(raw, 'DataWriteIOBytes:SampleCount'), p),
        usedBytes: get(raw, 'StorageBytes:Total'),
      };
    }
    case 's3': {
      const sizeKeys = [...raw.keys()].filter((k) => k.startsWith(S3_SIZE_PREFIX));
      for (const k of sizeKeys) putExtra(extra, S3_EXTRA_PREFIX + k.slice(S3_SIZE_PREFIX.length), get(raw, k));
      putExtra(extra, 'objects', get(raw, 'NumberOfObjects'));
      putExtra(extra, 'requestsPerSec', perSecond(get(raw, 'AllRequests'), p));
      const used = zipWith(
        sizeKeys.map((k) => get(raw, k)),
        (v) => v.reduce((a, b) => a + b, 0),
        true,
      );
      const firstByte = get(raw, 'FirstByteLatency');
      return {
        ...base,
        readBytesPerSec: perSecond(get(raw, 'BytesDownloaded'), p),
        writeBytesPerSec: perSecond(get(raw, 'BytesUploaded'), p),
        readOpsPerSec: perSecond(get(raw, 'GetRequests'), p),
        writeOpsPerSec: perSecond(get(raw, 'PutRequests'), p),
        ...(firstByte.length ? { latencyMs: firstByte } : {}),
        usedBytes: used,
      };
    }
    case 'fsx-lustre':
    case 'fsx-windows':
    case 'fsx-ontap':
    case 'fsx-openzfs': {
      putExtra(extra, 'metadataOpsPerSec', perSecond(get(raw, 'MetadataOperations'), p));
      let usedBytes: MetricPoint[] | undefined;
      const capacity = info.sizeBytes;
      if (info.type === 'fsx-lustre' || info.type === 'fsx-windows') {
        // Lustre publishes one FreeDataStorageCapacity point per storage target per minute: the
        // Sum over a period of p seconds counts every target p/60 times, so the free total is
        // Sum * 60 / p (AWS documents the Sum at a 1-minute period as the file system's free space).
        const rawFree = get(raw, info.type === 'fsx-lustre' ? 'FreeDataStorageCapacity' : 'FreeStorageCapacity');
        const free = info.type === 'fsx-lustre' && p > 60 ? rawFree.map((pt) => ({ t: pt.t, v: (pt.v * 60) / p })) : rawFree;
        putExtra(extra, 'freeBytes', free);
        if (capacity !== undefined) usedBytes = free.map((pt) => ({ t: pt.t, v: Math.max(0, capacity - pt.v) }));
      } else if (info.type === 'fsx-ontap') {
        // The SSD tier is what fills up (the capacity pool is elastic); StorageUsed is both tiers.
        usedBytes = get(raw, 'StorageUsed:SSD');
        putExtra(extra, 'storedBytes', get(raw, 'StorageUsed'));
        putExtra(extra, 'capacityBytes', get(raw, 'StorageCapacity:SSD'));
      } else {
        usedBytes = get(raw, 'UsedStorageCapacity');
        putExtra(extra, 'capacityBytes', get(raw, 'StorageCapacity'));
      }
      return {
        ...base,
        readBytesPerSec: perSecond(get(raw, 'DataReadBytes'), p),
        writeBytesPerSec: perSecond(get(raw, 'DataWriteBytes'), p),
        readOpsPerSec: perSecond(get(raw, 'DataReadOperations'), p),
        writeOpsPerSec: perSecond(get(raw, 'DataWriteOperations'), p),
        ...(usedBytes ? { usedBytes } : {}),
      };
    }
  }
}

/** Current (latest), peak and mean of a series; nulls when there is no data. */
export function summarize(points: readonly MetricPoint[]): { current: number | null; peak: number | null; average: number | null } {
  let peak = -Infinity;
  let sum = 0;
  let n = 0;
  let current: number | null = null;
  let latestT = -Infinity;
  for (const p of points) {
    if (!Number.isFinite(p.v)) continue;
    if (p.v > peak) peak = p.v;
    sum += p.v;
    n++;
    if (p.t >= latestT) {
      latestT = p.t;
      current = p.v;
    }
  }
  if (n === 0) return { current: null, peak: null, average: null };
  return { current, peak, average: sum / n };
}

/** Value at quantile q (0..1) of a series (nearest-rank); null when empty. */
export function quantile(points: readonly MetricPoint[], q: number): number | null {
  const v = points.map((p) => p.v).filter(Number.isFinite).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const i = Math.min(v.length - 1, Math.max(0, Math.ceil(q * v.length) - 1));
  return v[i];
}

/** Sum of two rate series on equal timestamps (missing = 0): total throughput or total IOPS. */
export function addSeries(a: readonly MetricPoint[], b: readonly MetricPoint[]): MetricPoint[] {
  return zipWith([a, b], (v) => v[0] + v[1], true);
}

function scaled(n: number, units: string[], base: number): { v: number; unit: string } {
  let v = n;
  let i = 0;
  while (Math.abs(v) >= base && i < units.length - 1) {
    v /= base;
    i++;
  }
  return { v, unit: units[i] };
}

function digits(v: number): string {
  const a = Math.abs(v);
  if (a === 0) return '0';
  if (a >= 100) return Math.round(v).toString();
  if (a >= 10) return v.toFixed(1);
  return v.toFixed(2);
}

/** Human-readable throughput in decimal units, as AWS quotes MB/s: "0 B/s", "812 KB/s", "1.25 GB/s". */
export function formatBytesPerSec(bytesPerSec: number | null | undefined): string {
  if (bytesPerSec === null || bytesPerSec === undefined || !Number.isFinite(bytesPerSec)) return '—';
  const { v, unit } = scaled(bytesPerSec, ['B/s', 'KB/s', 'MB/s', 'GB/s', 'TB/s'], 1000);
  return `${unit === 'B/s' ? Math.round(v).toString() : digits(v)} ${unit}`;
}

/** Human-readable IOPS: "0 IOPS", "850 IOPS", "12.5k IOPS", "1.20M IOPS". */
export function formatIops(iops: number | null | undefined): string {
  if (iops === null || iops === undefined || !Number.isFinite(iops)) return '—';
  if (Math.abs(iops) < 1000) return `${Math.abs(iops) < 10 && iops !== 0 ? iops.toFixed(1) : Math.round(iops)} IOPS`;
  const { v, unit } = scaled(iops, ['', 'k', 'M', 'G'], 1000);
  return `${digits(v)}${unit} IOPS`;
}
