// MetricsService and CostService against moto (the AWS emulator, shared by the test run).
// CloudWatch: data put with PutMetricData comes back through GetMetricData as converted rates
// (the service sends plain MetricStat queries with bare ids; moto's metric math handles bare ids
// only, and the service needs no math). Cost Explorer: moto answers GetCostAndUsage with results
// queued through its moto-api (one per distinct request) and has no GetCostForecast, which must
// come out as "forecast unavailable", never a number.
import { describe, expect, it } from 'vitest';
import { PutMetricDataCommand, type MetricDatum } from '@aws-sdk/client-cloudwatch';
import { ClientPool } from '../../src/services/aws/clients.js';
import { CostService } from '../../src/services/costs/service.js';
import { ApiMeter } from '../../src/services/metrics/meter.js';
import { MetricsService } from '../../src/services/metrics/service.js';
import type { StorageInfo } from '../../src/services/types.js';
import { motoEndpointOrSkip, uniqueName } from '../helpers/moto.js';

const endpoint = motoEndpointOrSkip();
const REGION = 'us-east-1';
const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };
const GiB = 1024 ** 3;

function pool(): ClientPool {
  return new ClientPool({ region: REGION, endpointUrl: endpoint, credentials });
}

describe.skipIf(!endpoint)('CloudWatch through moto', () => {
  it('returns what PutMetricData stored as bytes/s, IOPS and latency for an EBS volume', async () => {
    const p = pool();
    const volumeId = `vol-${uniqueName('m').replace(/[^a-z0-9]/g, '')}`;
    const now = Date.now();
    const minute = 60_000;
    const end = Math.floor(now / minute) * minute;
    const data: MetricDatum[] = [];
    for (let k = 2; k <= 6; k++) {
      const Timestamp = new Date(end - k * minute);
      const Dimensions = [{ Name: 'VolumeId', Value: volumeId }];
      data.push(
        { MetricName: 'VolumeReadBytes', Dimensions, Timestamp, Value: 6e6 * k, Unit: 'Bytes' },
        { MetricName: 'VolumeReadOps', Dimensions, Timestamp, Value: 100, Unit: 'Count' },
        { MetricName: 'VolumeTotalReadTime', Dimensions, Timestamp, Value: 0.2, Unit: 'Seconds' },
        { MetricName: 'VolumeIdleTime', Dimensions, Timestamp, Value: 30, Unit: 'Seconds' },
      );
    }
    await p.cloudwatch().send(new PutMetricDataCommand({ Namespace: 'AWS/EBS', MetricData: data }));

    const vol: StorageInfo = { name: 'moto-vol', type: 'ebs', id: volumeId, state: 'in-use', rawState: 'in-use', region: REGION, encrypted: false, tags: {}, mount: {}, ebs: { volumeType: 'gp3' }, sizeBytes: 10 * GiB };
    const meter = new ApiMeter();
    const svc = new MetricsService(p, { now: () => now, meter });
    const m = (await svc.fetch([{ resource: vol, window: '1h' }])).get(volumeId);
    p.destroy();

    expect(meter.calls).toBe(1);
    expect(m?.periodSeconds).toBe(60);
    const read = new Map(m?.readBytesPerSec.map((x) => [x.t, x.v]));
    for (let k = 2; k <= 6; k++) expect(read.get(end - k * minute), `minute -${k}`).toBeCloseTo((6e6 * k) / 60, 6);
    expect(m?.readOpsPerSec.find((x) => x.t === end - 3 * minute)?.v).toBeCloseTo(100 / 60, 6);
    expect(m?.latencyMs?.find((x) => x.t === end - 3 * minute)?.v).toBeCloseTo(2, 6);
    expect(m?.extra.idlePercent?.find((x) => x.t === end - 3 * minute)?.v).toBeCloseTo(50, 6);
    // Nothing was put for writes: no points, not zeros made up
    expect(m?.writeBytesPerSec).toEqual([]);
  });
});

describe.skipIf(!endpoint)('Cost Explorer through moto', () => {
  it('reads GetCostAndUsage into a summary; no forecast in moto means "forecast unavailable"', async () => {
    const now = Date.UTC(2031, 2, 3, 12); // a date no other test asks about (moto keys its answers by request)
    const day = (d: number) => `2031-03-0${d}`;
    const byService = {
      ResultsByTime: [1, 2, 3].map((d) => ({
        TimePeriod: { Start: day(d), End: day(d + 1) },
        Total: {},
        Groups: [
          { Keys: ['Amazon Simple Storage Service'], Metrics: { UnblendedCost: { Amount: '1.25', Unit: 'USD' } } },
          { Keys: ['EC2 - Other'], Metrics: { UnblendedCost: { Amount: '4', Unit: 'USD' } } },
        ],
        Estimated: d === 3,
      })),
      DimensionValueAttributes: [],
    };
    const ebsUsage = {
      ResultsByTime: [1, 2, 3].map((d) => ({
        TimePeriod: { Start: day(d), End: day(d + 1) },
        Total: {},
        Groups: [
          { Keys: ['EBS:VolumeUsage.gp3'], Metrics: { UnblendedCost: { Amount: '3', Unit: 'USD' } } },
          { Keys: ['NatGateway-Hours'], Metrics: { UnblendedCost: { Amount: '1', Unit: 'USD' } } },
        ],
        Estimated: false,
      })),
      DimensionValueAttributes: [],
    };
    // The service asks by SERVICE first, then "EC2 - Other" by USAGE_TYPE: moto pops one queued answer per new request.
    const res = await fetch(`${endpoint}/moto-api/static/ce/cost-and-usage-results`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ results: [byService, ebsUsage] }) });
    await res.arrayBuffer();
    expect(res.status).toBeLessThan(300);

    const p = pool();
    const meter = new ApiMeter();
    const s = await new CostService(p, { cacheDir: null, now: () => now, cacheKey: 'moto', meter }).get();
    p.destroy();
    expect(s.monthToDateUsd).toBe(15.75);
    expect(s.byService).toEqual({ 'Amazon Simple Storage Service': 3.75, 'EC2 - Other': 12 });
    expect(s.ebsUsd).toBe(9);
    expect(s.storageUsd).toBe(12.75);
    expect(s.currency).toBe('USD');
    expect(s.estimated).toBe(true);
    expect(s.daily.map((d) => d.date)).toEqual([day(1), day(2), day(3)]);
    expect(s.forecastUsd).toBeNull();
    expect(s.forecastReason).toMatch(/^forecast unavailable/);
    expect(meter.ceRequests).toBe(3);
  });
});
