// MetricsService through real SDK clients whose traffic a tiny hand-written CloudWatch answers
// (an initialize-step middleware, as the simulated region does): calls per refresh, NextToken
// pagination, conversions end to end, the daily S3 cache, regions, errors and the API meter.
import { describe, expect, it } from 'vitest';
import type { CloudWatchClient, GetMetricDataCommandInput, GetMetricDataCommandOutput, MetricDataResult } from '@aws-sdk/client-cloudwatch';
import { ClientPool, type ClientPlugin } from '../../src/services/aws/clients.js';
import { ApiMeter } from '../../src/services/metrics/meter.js';
import { MetricsService } from '../../src/services/metrics/service.js';
import type { SeriesRequest } from '../../src/services/metrics/queries.js';
import { StorageError, type StorageInfo } from '../../src/services/types.js';

const NOW = Date.UTC(2025, 5, 2, 10, 17, 42);
const GiB = 1024 ** 3;

type Value = (metric: string, dims: Record<string, string>, stat: string, t: number, period: number) => number | undefined;

interface FakeCloudWatch {
  plugin: ClientPlugin;
  calls: (GetMetricDataCommandInput & { region: string })[];
}

/**
 * GetMetricData over a value function. Data points are returned id by id, in time order, at most
 * `pageSize` per response, with NextToken for the rest (the shape AWS uses: a query id can appear
 * on several pages). `fail(region)` makes a region answer with an error.
 */
function fakeCloudWatch(value: Value, opts: { pageSize?: number; fail?: (region: string) => Error | undefined } = {}): FakeCloudWatch {
  const calls: FakeCloudWatch['calls'] = [];
  const plugin: ClientPlugin = (client, service, region) => {
    if (service !== 'cloudwatch') return;
    (client as CloudWatchClient).middlewareStack.add(
      (_next, context) => async (args) => {
        if (context.commandName !== 'GetMetricDataCommand') throw Object.assign(new Error(`unsupported ${context.commandName}`), { name: 'UnsupportedOperation' });
        const input = args.input as GetMetricDataCommandInput;
        calls.push({ ...input, region });
        const err = opts.fail?.(region);
        if (err) throw err;
        if ((input.MetricDataQueries?.length ?? 0) > 500) throw Object.assign(new Error('too many queries'), { name: 'ValidationError' });
        const start = new Date(input.StartTime ?? 0).getTime();
        const end = new Date(input.EndTime ?? 0).getTime();
        const flat: { id: string; t: number; v: number }[] = [];
        for (const q of input.MetricDataQueries ?? []) {
          const ms = q.MetricStat;
          if (!ms?.Metric || !ms.Period) continue;
          const dims = Object.fromEntries((ms.Metric.Dimensions ?? []).map((d) => [d.Name ?? '', d.Value ?? '']));
          const p = ms.Period * 1000;
          for (let t = Math.ceil(start / p) * p; t < end; t += p) {
            const v = value(ms.Metric.MetricName ?? '', dims, ms.Stat ?? '', t, ms.Period);
            if (v !== undefined) flat.push({ id: q.Id ?? '', t, v });
          }
        }
        const offset = input.NextToken ? Number(input.NextToken) : 0;
        const size = opts.pageSize ?? Infinity;
        const page = flat.slice(offset, offset + size);
        const byId = new Map<string, MetricDataResult>();
        for (const q of input.MetricDataQueries ?? []) byId.set(q.Id ?? '', { Id: q.Id, Label: q.Id, Timestamps: [], Values: [], StatusCode: 'Complete' });
        for (const x of page) {
          const r = byId.get(x.id);
          r?.Timestamps?.push(new Date(x.t));
          r?.Values?.push(x.v);
        }
        const more = offset + size < flat.length;
        const output: GetMetricDataCommandOutput = { $metadata: {}, MetricDataResults: [...byId.values()], NextToken: more ? String(offset + size) : undefined, Messages: [] };
        return { output, response: {} };
      },
      { step: 'initialize', name: 'fakeCloudWatch' },
    );
  };
  return { plugin, calls };
}

function pool(plugin: ClientPlugin): ClientPool {
  return new ClientPool({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, plugin });
}

function vol(i: number, over: Partial<StorageInfo> = {}): StorageInfo {
  return { name: `v${i}`, type: 'ebs', id: `vol-${i.toString(16).padStart(17, '0')}`, state: 'in-use', rawState: 'in-use', region: 'us-east-1', encrypted: true, tags: {}, mount: {}, ebs: { volumeType: 'gp3' }, sizeBytes: 100 * GiB, ...over };
}

/** EBS: 6 MB read and 100 read ops per minute; everything else 0. */
const ebsValue: Value = (metric, _dims, _stat, _t, period) => {
  const perMin = { VolumeReadBytes: 6e6, VolumeReadOps: 100, VolumeTotalReadTime: 0.2, VolumeWriteBytes: 0, VolumeWriteOps: 0, VolumeTotalWriteTime: 0, VolumeIdleTime: 30, VolumeQueueLength: 0.5 } as Record<string, number>;
  const v = perMin[metric];
  if (v === undefined) return undefined;
  return metric === 'VolumeQueueLength' ? v : (v * period) / 60;
};

describe('MetricsService', () => {
  it('fetches 1,201 series in 3 GetMetricData calls and converts them', async () => {
    const cw = fakeCloudWatch(ebsValue);
    const meter = new ApiMeter();
    const svc = new MetricsService(pool(cw.plugin), { now: () => NOW, meter });
    const reqs: SeriesRequest[] = [];
    for (let i = 0; i < 149; i++) reqs.push({ resource: vol(i), window: '1h' });
    reqs.push({ resource: vol(149, { ebs: { volumeType: 'gp2' } }), window: '1h' });
    const out = await svc.fetch(reqs);
    expect(cw.calls).toHaveLength(3);
    expect(cw.calls.map((c) => c.MetricDataQueries?.length)).toEqual([500, 500, 201]);
    expect(out.size).toBe(150);
    const m = out.get(vol(7).id);
    expect(m?.readBytesPerSec).toHaveLength(60);
    expect(m?.readBytesPerSec[0].v).toBe(100_000); // 6 MB per minute
    expect(m?.readOpsPerSec[0].v).toBeCloseTo(100 / 60, 10);
    expect(m?.latencyMs?.[0].v).toBeCloseTo(2, 10); // 0.2 s over 100 ops
    expect(m?.extra.idlePercent[0].v).toBe(50);
    expect(meter.calls).toBe(3);
    expect(meter.metricsRequested).toBe(1201);
    expect(meter.lastRefreshMetrics).toBe(1201);
  });

  it('follows NextToken until every data point is in, in order and without duplicates', async () => {
    const cw = fakeCloudWatch(ebsValue, { pageSize: 97 });
    const meter = new ApiMeter();
    const svc = new MetricsService(pool(cw.plugin), { now: () => NOW, meter });
    const out = await svc.fetch([
      { resource: vol(1), window: '1h' },
      { resource: vol(2), window: '1h' },
    ]);
    // 2 volumes x 8 series x 60 points = 960 points -> 10 pages of 97
    expect(cw.calls).toHaveLength(10);
    expect(cw.calls.slice(1).every((c) => c.NextToken !== undefined)).toBe(true);
    for (const id of [vol(1).id, vol(2).id]) {
      const s = out.get(id)?.readBytesPerSec ?? [];
      expect(s).toHaveLength(60);
      for (let i = 1; i < s.length; i++) expect(s[i].t - s[i - 1].t).toBe(60_000);
    }
    expect(meter.calls).toBe(10);
    expect(meter.metricsRequested).toBe(160); // every page re-sends the 16 queries
    expect(meter.datapoints).toBe(960);
  });

  it('asks for daily S3 storage metrics once, then serves them from its cache for a few hours', async () => {
    const cw = fakeCloudWatch((metric, dims) => {
      if (metric === 'BucketSizeBytes' && dims.StorageType === 'StandardStorage') return 500 * GiB;
      if (metric === 'BucketSizeBytes' && dims.StorageType === 'GlacierStorage') return 100 * GiB;
      if (metric === 'NumberOfObjects') return 1000;
      return undefined;
    });
    let now = NOW;
    const svc = new MetricsService(pool(cw.plugin), { now: () => now });
    const bucket: StorageInfo = { name: 'b', type: 's3', id: 'bucket-a', state: 'available', rawState: '', region: 'us-east-1', encrypted: true, tags: {}, mount: {} };
    const first = await svc.fetch([{ resource: bucket, window: '1h' }, { resource: vol(1), window: '1h' }]);
    expect(cw.calls).toHaveLength(2); // the 1h window and the daily range
    expect(first.get('bucket-a')?.usedBytes?.at(-1)?.v).toBe(600 * GiB);
    now += 60_000;
    const second = await svc.fetch([{ resource: bucket, window: '1h' }, { resource: vol(1), window: '1h' }]);
    expect(cw.calls).toHaveLength(3); // one call: the daily series came from the cache
    expect(cw.calls[2].MetricDataQueries?.every((q) => q.MetricStat?.Period === 60)).toBe(true);
    expect(second.get('bucket-a')?.usedBytes?.at(-1)?.v).toBe(600 * GiB);
    now += 4 * 3600_000;
    await svc.fetch([{ resource: bucket, window: '1h' }]);
    expect(cw.calls).toHaveLength(4);
    expect(cw.calls[3].MetricDataQueries?.[0].MetricStat?.Period).toBe(86_400);
  });

  it('asks each region its own CloudWatch, and keeps the regions that answered when one fails', async () => {
    const cw = fakeCloudWatch(ebsValue, { fail: (r) => (r === 'eu-west-1' ? Object.assign(new Error('Rate exceeded'), { name: 'Throttling', $metadata: { httpStatusCode: 400 } }) : undefined) });
    const svc = new MetricsService(pool(cw.plugin), { now: () => NOW });
    const out = await svc.fetch([
      { resource: vol(1), window: '1h' },
      { resource: vol(2, { region: 'eu-west-1' }), window: '1h' },
    ]);
    expect(cw.calls.map((c) => c.region).sort()).toEqual(['eu-west-1', 'us-east-1']);
    expect(out.get(vol(1).id)?.readBytesPerSec).toHaveLength(60);
    expect(out.get(vol(2).id)?.readBytesPerSec).toEqual([]); // no data, never made up
    expect(svc.lastErrors).toHaveLength(1);
    expect(svc.lastErrors[0]).toBeInstanceOf(StorageError);
    expect(svc.lastErrors[0].type).toBe('throttling');
  });

  it('throws one StorageError when nothing answered', async () => {
    const cw = fakeCloudWatch(ebsValue, { fail: () => Object.assign(new Error('User: arn:aws:iam::123456789012:user/x is not authorized to perform: cloudwatch:GetMetricData'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } }) });
    const svc = new MetricsService(pool(cw.plugin), { now: () => NOW });
    await expect(svc.fetch([{ resource: vol(1), window: '1h' }])).rejects.toMatchObject({ name: 'StorageError', type: 'access-denied', service: 'cloudwatch' });
  });

  it('stops when the refresh is cancelled', async () => {
    const cw = fakeCloudWatch(ebsValue, { pageSize: 10 });
    const ac = new AbortController();
    ac.abort();
    const svc = new MetricsService(pool(cw.plugin), { now: () => NOW });
    await expect(svc.fetch([{ resource: vol(1), window: '1h' }], ac.signal)).rejects.toThrow();
    expect(cw.calls).toHaveLength(0);
  });
});
