// The simulated region's CloudWatch: GetMetricData / ListMetrics answered from the workload
// models, called directly, through a real SDK client (initialize-step middleware, as the sim
// plugs in), and over the wire format so the SDK's own deserializer reads our output shape.
import { CloudWatchClient, GetMetricDataCommand, ListMetricsCommand, paginateGetMetricData, paginateListMetrics, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import type { GetMetricDataCommandInput, GetMetricDataCommandOutput, MetricDataQuery, MetricDataResult } from '@aws-sdk/client-cloudwatch';
import { HttpResponse } from '@smithy/core/protocols';
import { describe, expect, it } from 'vitest';
import { handleCloudWatch, getMetricData, MAX_QUERIES, LIST_METRICS_PAGE } from '../../src/services/sim/cloudwatch.js';
import type { SimMetricSubject, SimWorldView } from '../../src/services/sim/subject.js';
import { DAY_MS, HOUR_MS, MINUTE_MS, sample } from '../../src/services/sim/workload.js';

const GiB = 1024 ** 3;
const TiB = 1024 ** 4;
const MiB = 1024 ** 2;
const NOW = Date.UTC(2025, 5, 18, 12, 34, 56); // Wednesday

function world(now = NOW, extra: SimMetricSubject[] = []): SimMetricSubject[] {
  const base = { seed: 1, createdAt: now - 200 * DAY_MS, usedFraction: 0.6, iops: 0, throughputBytesPerSec: 0, scenarioAt: now };
  return [
    { ...base, id: 'vol-0aaaaaaaaaaaaaaa1', type: 'ebs', profile: 'steady-database', seed: 11, capacityBytes: 500 * GiB, iops: 6000, throughputBytesPerSec: 250 * MiB, variant: 'gp3', attachedTo: 'i-0aaaaaaaaaaaaaaa1' },
    { ...base, id: 'vol-0aaaaaaaaaaaaaaa2', type: 'ebs', profile: 'idle', seed: 12, capacityBytes: 1000 * GiB, iops: 3000, throughputBytesPerSec: 125 * MiB, variant: 'gp3' },
    { ...base, id: 'vol-0aaaaaaaaaaaaaaa3', type: 'ebs', profile: 'office-hours-home', seed: 13, capacityBytes: 200 * GiB, iops: 600, throughputBytesPerSec: 250 * MiB, variant: 'gp2', attachedTo: 'i-0aaaaaaaaaaaaaaa2' },
    { ...base, id: 'fs-0lustre0000000001', type: 'fsx-lustre', fsxType: 'LUSTRE', profile: 'nightly-training', seed: 21, capacityBytes: 2.4 * TiB, throughputBytesPerSec: 480 * MiB, variant: 'SCRATCH_2' },
    { ...base, id: 'fs-0efs000000000001', type: 'efs', profile: 'burst-credit-drain', seed: 31, capacityBytes: 300 * GiB, throughputBytesPerSec: 15 * MiB, variant: 'bursting' },
    { ...base, id: 'climate-archive', type: 's3', profile: 'archive-cold', seed: 41, capacityBytes: 50 * TiB, objectCount: 2_000_000, variant: 'STANDARD', requestMetrics: true },
    ...extra,
  ];
}

function view(now = NOW, extra: SimMetricSubject[] = []): SimWorldView {
  const subjects = world(now, extra);
  return { region: 'us-east-1', subjects: () => subjects, now: () => now };
}

/** A real SDK client whose traffic the handler answers, as the sim's plugin does. */
function client(v: SimWorldView): CloudWatchClient {
  const c = new CloudWatchClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
  c.middlewareStack.add(
    (_next, context) => async (args) => ({ output: (await handleCloudWatch(v, context.commandName as string, args.input)) as never, response: {} }),
    { step: 'initialize', name: 'simulatedRegion' },
  );
  return c;
}

const ebsQuery = (id: string, metric: string, volume: string, period = 300, stat = 'Sum', extra: Partial<MetricDataQuery> = {}): MetricDataQuery => ({
  Id: id,
  MetricStat: { Metric: { Namespace: 'AWS/EBS', MetricName: metric, Dimensions: [{ Name: 'VolumeId', Value: volume }] }, Period: period, Stat: stat },
  ...extra,
});

function direct(v: SimWorldView, input: GetMetricDataCommandInput): GetMetricDataCommandOutput {
  return getMetricData(v, input);
}

async function rejection(p: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number }; $fault?: string }> {
  try {
    await p;
  } catch (e) {
    return e as Error & { $metadata?: { httpStatusCode?: number } };
  }
  throw new Error('expected a rejection');
}

describe('GetMetricData through a real SDK client', () => {
  it('answers a batch with SDK-shaped results: Ids, labels, Date timestamps newest first, Complete', async () => {
    const v = view();
    const out = await client(v).send(
      new GetMetricDataCommand({
        StartTime: new Date(NOW - 3 * HOUR_MS),
        EndTime: new Date(NOW),
        MetricDataQueries: [ebsQuery('r', 'VolumeReadBytes', 'vol-0aaaaaaaaaaaaaaa1'), ebsQuery('w', 'VolumeWriteBytes', 'vol-0aaaaaaaaaaaaaaa1', 300, 'Sum', { Label: 'db writes' })],
      }),
    );
    const [r, w] = out.MetricDataResults!;
    expect(r.Id).toBe('r');
    expect(r.Label).toBe('VolumeReadBytes');
    expect(w.Label).toBe('db writes');
    expect(r.StatusCode).toBe('Complete');
    expect(r.Timestamps!.length).toBeGreaterThanOrEqual(35);
    expect(r.Timestamps![0]).toBeInstanceOf(Date);
    const ts = r.Timestamps!.map((d) => d.getTime());
    for (let i = 1; i < ts.length; i++) expect(ts[i - 1] - ts[i]).toBe(300_000);
    // aligned to the period, inside [StartTime, EndTime), complete periods only
    for (const t of ts) {
      expect(t % 300_000).toBe(0);
      expect(t).toBeGreaterThanOrEqual(NOW - 3 * HOUR_MS);
      expect(t + 300_000).toBeLessThanOrEqual(NOW);
    }
    // the values are the workload model's
    const subject = v.subjects()[0];
    expect(r.Values![0]).toBe(sample(subject, 'AWS/EBS', 'VolumeReadBytes', { VolumeId: subject.id }, ts[0], 300, 'Sum'));
    expect(r.Values!.every((x) => x > 0)).toBe(true);
  });

  it('is deterministic across calls, worlds and overlapping windows', () => {
    const q = [ebsQuery('r', 'VolumeReadOps', 'vol-0aaaaaaaaaaaaaaa3', 60)];
    const a = direct(view(), { StartTime: new Date(NOW - 2 * HOUR_MS), EndTime: new Date(NOW), MetricDataQueries: q });
    const b = direct(view(), { StartTime: new Date(NOW - 2 * HOUR_MS), EndTime: new Date(NOW), MetricDataQueries: q });
    expect(b.MetricDataResults).toEqual(a.MetricDataResults);
    const c = direct(view(), { StartTime: new Date(NOW - 90 * MINUTE_MS), EndTime: new Date(NOW - 20 * MINUTE_MS), MetricDataQueries: q });
    const byT = new Map(a.MetricDataResults![0].Timestamps!.map((t, i) => [t.getTime(), a.MetricDataResults![0].Values![i]]));
    const later = c.MetricDataResults![0];
    expect(later.Values!.length).toBe(70);
    later.Timestamps!.forEach((t, i) => expect(later.Values![i]).toBe(byT.get(t.getTime())));
  });

  it('honours ScanBy TimestampAscending', () => {
    const out = direct(view(), { StartTime: new Date(NOW - HOUR_MS), EndTime: new Date(NOW), ScanBy: 'TimestampAscending', MetricDataQueries: [ebsQuery('r', 'VolumeReadOps', 'vol-0aaaaaaaaaaaaaaa1', 60)] });
    const ts = out.MetricDataResults![0].Timestamps!.map((d) => d.getTime());
    expect([...ts].sort((x, y) => x - y)).toEqual(ts);
  });

  it('pages data points with MaxDatapoints/NextToken; the SDK paginator reassembles exactly the unpaged series', async () => {
    const v = view();
    const queries = ['VolumeReadBytes', 'VolumeWriteBytes', 'VolumeReadOps'].map((m, i) => ebsQuery(`q${i}`, m, 'vol-0aaaaaaaaaaaaaaa1', 60));
    const input = { StartTime: new Date(NOW - 2 * HOUR_MS), EndTime: new Date(NOW), MetricDataQueries: queries };
    const whole = direct(v, input);
    const first = direct(v, { ...input, MaxDatapoints: 50 });
    expect(first.NextToken).toBeDefined();
    expect(first.MetricDataResults!.reduce((p, r) => p + r.Values!.length, 0)).toBe(50);
    expect(first.MetricDataResults![0].StatusCode).toBe('PartialData');
    const merged = new Map<string, { t: number[]; v: number[] }>();
    let pages = 0;
    for await (const page of paginateGetMetricData({ client: client(v) }, { ...input, MaxDatapoints: 50 })) {
      pages++;
      for (const r of page.MetricDataResults ?? []) {
        const m = merged.get(r.Id!) ?? { t: [], v: [] };
        m.t.push(...r.Timestamps!.map((d) => d.getTime()));
        m.v.push(...r.Values!);
        merged.set(r.Id!, m);
      }
    }
    expect(pages).toBe(Math.ceil((3 * 119) / 50));
    for (const r of whole.MetricDataResults!) {
      expect(merged.get(r.Id!)!.t).toEqual(r.Timestamps!.map((d) => d.getTime()));
      expect(merged.get(r.Id!)!.v).toEqual(r.Values);
    }
  });

  it('rejects a NextToken that is forged or belongs to another request', async () => {
    const v = view();
    const input = { StartTime: new Date(NOW - 2 * HOUR_MS), EndTime: new Date(NOW), MetricDataQueries: [ebsQuery('a', 'VolumeReadOps', 'vol-0aaaaaaaaaaaaaaa1', 60)], MaxDatapoints: 10 };
    const first = direct(v, input);
    const e = await rejection(client(v).send(new GetMetricDataCommand({ ...input, StartTime: new Date(NOW - 3 * HOUR_MS), NextToken: first.NextToken })));
    expect(e.name).toBe('InvalidNextToken');
    expect((await rejection(client(v).send(new GetMetricDataCommand({ ...input, NextToken: 'garbage' })))).name).toBe('InvalidNextToken');
  });

  it(`refuses more than ${MAX_QUERIES} queries with a ValidationError, like AWS`, async () => {
    const v = view();
    const queries = Array.from({ length: MAX_QUERIES + 1 }, (_, i) => ebsQuery(`m${i}`, 'VolumeReadOps', 'vol-0aaaaaaaaaaaaaaa1'));
    const e = await rejection(client(v).send(new GetMetricDataCommand({ StartTime: new Date(NOW - HOUR_MS), EndTime: new Date(NOW), MetricDataQueries: queries })));
    expect(e.name).toBe('ValidationError');
    expect(e.message).toContain('500');
    expect(e.$metadata?.httpStatusCode).toBe(400);
    expect(e.$fault).toBe('client');
    const ok = await client(v).send(new GetMetricDataCommand({ StartTime: new Date(NOW - HOUR_MS), EndTime: new Date(NOW), MetricDataQueries: queries.slice(0, MAX_QUERIES) }));
    expect(ok.MetricDataResults).toHaveLength(MAX_QUERIES);
  });

  it('validates ids, periods, statistics and the time window', () => {
    const v = view();
    const w = { StartTime: new Date(NOW - HOUR_MS), EndTime: new Date(NOW) };
    const err = (input: GetMetricDataCommandInput): string => {
      try {
        direct(v, input);
      } catch (e) {
        return (e as Error).name;
      }
      return 'no error';
    };
    expect(err({ ...w, MetricDataQueries: [ebsQuery('Bad', 'VolumeReadOps', 'vol-0aaaaaaaaaaaaaaa1')] })).toBe('ValidationError');
    expect(err({ ...w, MetricDataQueries: [ebsQuery('a', 'VolumeReadOps', 'v'), ebsQuery('a', 'VolumeWriteOps', 'v')] })).toBe('ValidationError');
    expect(err({ ...w, MetricDataQueries: [ebsQuery('a', 'VolumeReadOps', 'v', 90)] })).toBe('ValidationError');
    expect(err({ ...w, MetricDataQueries: [ebsQuery('a', 'VolumeReadOps', 'v', 300, 'Mean')] })).toBe('ValidationError');
    expect(err({ ...w, MetricDataQueries: [] })).toBe('MissingParameter');
    expect(err({ StartTime: new Date(NOW), EndTime: new Date(NOW - HOUR_MS), MetricDataQueries: [ebsQuery('a', 'VolumeReadOps', 'v')] })).toBe('InvalidParameterValue');
    expect(err({ ...w, MetricDataQueries: [{ Id: 'a' }] })).toBe('ValidationError');
  });

  it('answers an empty, Complete series for metrics that do not exist', () => {
    const out = direct(view(), {
      StartTime: new Date(NOW - HOUR_MS),
      EndTime: new Date(NOW),
      MetricDataQueries: [
        ebsQuery('nosuchvolume', 'VolumeReadOps', 'vol-0fffffffffffffff0'),
        ebsQuery('nosuchmetric', 'VolumeReadKittens', 'vol-0aaaaaaaaaaaaaaa1'),
        ebsQuery('noburst', 'BurstBalance', 'vol-0aaaaaaaaaaaaaaa1', 300, 'Average'),
        { Id: 'otherns', MetricStat: { Metric: { Namespace: 'AWS/EC2', MetricName: 'CPUUtilization', Dimensions: [{ Name: 'InstanceId', Value: 'i-0aaaaaaaaaaaaaaa1' }] }, Period: 300, Stat: 'Average' } },
        { ...ebsQuery('wrongunit', 'VolumeReadOps', 'vol-0aaaaaaaaaaaaaaa1'), MetricStat: { ...ebsQuery('x', 'VolumeReadOps', 'vol-0aaaaaaaaaaaaaaa1').MetricStat!, Unit: 'Bytes' } },
      ],
    });
    for (const r of out.MetricDataResults!) {
      expect(r.StatusCode).toBe('Complete');
      expect(r.Values).toEqual([]);
      expect(r.Timestamps).toEqual([]);
    }
  });

  it('keeps 1-minute data 15 days and 5-minute data 63 days', () => {
    const v = view();
    const q = (p: number) => [ebsQuery('r', 'VolumeReadOps', 'vol-0aaaaaaaaaaaaaaa1', p)];
    const inside = { StartTime: new Date(NOW - 14.9 * DAY_MS), EndTime: new Date(NOW - 14.8 * DAY_MS) };
    expect(direct(v, { ...inside, MetricDataQueries: q(60) }).MetricDataResults![0].Values).toHaveLength(144);
    const beyond = { StartTime: new Date(NOW - 15.2 * DAY_MS), EndTime: new Date(NOW - 15.1 * DAY_MS) };
    expect(direct(v, { ...beyond, MetricDataQueries: q(60) }).MetricDataResults![0].Values).toEqual([]);
    const old = { StartTime: new Date(NOW - 20 * DAY_MS), EndTime: new Date(NOW - 19 * DAY_MS) };
    expect(direct(v, { ...old, MetricDataQueries: q(60) }).MetricDataResults![0].Values).toEqual([]);
    expect(direct(v, { ...old, MetricDataQueries: q(300) }).MetricDataResults![0].Values).toHaveLength(288);
    const older = { StartTime: new Date(NOW - 70 * DAY_MS), EndTime: new Date(NOW - 69 * DAY_MS) };
    expect(direct(v, { ...older, MetricDataQueries: q(300) }).MetricDataResults![0].Values).toEqual([]);
    expect(direct(v, { ...older, MetricDataQueries: q(3600) }).MetricDataResults![0].Values).toHaveLength(24);
  });

  it('evaluates metric math on the series: (read + write) / PERIOD, latency, SUM(METRICS()), ReturnData false', () => {
    const v = view();
    const vol = 'vol-0aaaaaaaaaaaaaaa1';
    const out = direct(v, {
      StartTime: new Date(NOW - HOUR_MS),
      EndTime: new Date(NOW),
      MetricDataQueries: [
        ebsQuery('rb', 'VolumeReadBytes', vol, 300, 'Sum', { ReturnData: false }),
        ebsQuery('wb', 'VolumeWriteBytes', vol, 300, 'Sum', { ReturnData: false }),
        ebsQuery('rt', 'VolumeTotalReadTime', vol, 300, 'Sum', { ReturnData: false }),
        ebsQuery('ro', 'VolumeReadOps', vol, 300, 'Sum', { ReturnData: false }),
        { Id: 'bps', Expression: '(rb + wb) / PERIOD(rb)', Label: 'bytes/s' },
        { Id: 'latency_ms', Expression: 'rt / ro * 1000' },
        { Id: 'total', Expression: 'SUM(METRICS("b"))' },
      ],
    });
    const ids = out.MetricDataResults!.map((r) => r.Id);
    expect(ids).toEqual(['bps', 'latency_ms', 'total']);
    const [bps, lat, total] = out.MetricDataResults!;
    const t = bps.Timestamps![0].getTime();
    const s = v.subjects()[0];
    const at = (m: string) => sample(s, 'AWS/EBS', m, { VolumeId: vol }, t, 300, 'Sum')!;
    expect(bps.Label).toBe('bytes/s');
    expect(bps.Values![0]).toBeCloseTo((at('VolumeReadBytes') + at('VolumeWriteBytes')) / 300, 6);
    expect(lat.Values![0]).toBeCloseTo((at('VolumeTotalReadTime') / at('VolumeReadOps')) * 1000, 9);
    expect(total.Values![0]).toBe(at('VolumeReadBytes') + at('VolumeWriteBytes'));
    expect(bps.Values!.length).toBe(11); // 11:35 .. 12:25: complete 5-minute periods of the hour before 12:34:56
  });

  it('drops non-numeric math results with an ArithmeticError message, and rejects what it cannot evaluate', () => {
    const v = view();
    const w = { StartTime: new Date(NOW - HOUR_MS), EndTime: new Date(NOW) };
    const idle = 'vol-0aaaaaaaaaaaaaaa2';
    const out = direct(v, { ...w, MetricDataQueries: [ebsQuery('ro', 'VolumeReadOps', idle, 300, 'Sum', { ReturnData: false }), ebsQuery('rt', 'VolumeTotalReadTime', idle, 300, 'Sum', { ReturnData: false }), { Id: 'lat', Expression: 'rt / ro' }] });
    expect(out.MetricDataResults![0].Values).toEqual([]);
    expect(out.MetricDataResults![0].Messages![0].Code).toBe('ArithmeticError');
    const name = (expr: string): string => {
      try {
        direct(v, { ...w, MetricDataQueries: [ebsQuery('ro', 'VolumeReadOps', idle), { Id: 'e', Expression: expr }] });
      } catch (e) {
        return (e as Error).name;
      }
      return 'no error';
    };
    expect(name('ANOMALY_DETECTION_BAND(ro)')).toBe('ValidationError');
    expect(name('SELECT AVG(CPUUtilization) FROM "AWS/EC2"')).toBe('ValidationError');
    expect(name('ro + nosuchid')).toBe('ValidationError');
    expect(name('ro +')).toBe('ValidationError');
    expect(name('ro * 2')).toBe('no error');
  });
});

describe('ListMetrics', () => {
  it('lists what exists, filtered by namespace, metric name and dimensions', async () => {
    const c = client(view());
    const ebs = await c.send(new ListMetricsCommand({ Namespace: 'AWS/EBS', Dimensions: [{ Name: 'VolumeId', Value: 'vol-0aaaaaaaaaaaaaaa3' }] }));
    const names = ebs.Metrics!.map((m) => m.MetricName);
    expect(names).toContain('BurstBalance'); // gp2, attached
    expect(names).toContain('VolumeIdleTime');
    expect(ebs.Metrics!.every((m) => m.Dimensions!.some((d) => d.Name === 'VolumeId' && d.Value === 'vol-0aaaaaaaaaaaaaaa3'))).toBe(true);
    const s3 = await c.send(new ListMetricsCommand({ Namespace: 'AWS/S3', MetricName: 'BucketSizeBytes' }));
    expect(s3.Metrics!.map((m) => m.Dimensions!.find((d) => d.Name === 'StorageType')!.Value)).toEqual(['StandardStorage']);
    const byFilter = await c.send(new ListMetricsCommand({ Namespace: 'AWS/S3', Dimensions: [{ Name: 'FilterId' }] }));
    expect(byFilter.Metrics!.map((m) => m.MetricName)).toContain('GetRequests');
    const efs = await c.send(new ListMetricsCommand({ Namespace: 'AWS/EFS', MetricName: 'StorageBytes' }));
    expect(efs.Metrics!.map((m) => m.Dimensions!.find((d) => d.Name === 'StorageClass')!.Value).sort()).toEqual(['Archive', 'IA', 'Standard', 'Total']);
  });

  it(`pages ${LIST_METRICS_PAGE} metrics at a time without duplicates`, async () => {
    const many: SimMetricSubject[] = Array.from({ length: 120 }, (_, i) => ({
      id: `vol-1${i.toString(16).padStart(16, '0')}`,
      type: 'ebs',
      profile: 'steady-database',
      seed: i,
      createdAt: NOW - 10 * DAY_MS,
      capacityBytes: 100 * GiB,
      usedFraction: 0.5,
      throughputBytesPerSec: 125 * MiB,
      iops: 3000,
      variant: 'io2',
      attachedTo: 'i-1',
    }));
    const c = client(view(NOW, many));
    const seen: string[] = [];
    let pages = 0;
    for await (const page of paginateListMetrics({ client: c }, { Namespace: 'AWS/EBS' })) {
      pages++;
      expect(page.Metrics!.length).toBeLessThanOrEqual(LIST_METRICS_PAGE);
      for (const m of page.Metrics!) seen.push(`${m.MetricName}|${JSON.stringify(m.Dimensions)}`);
    }
    const expected = 120 * 10 + 8 + 8 + 9; // io2: 10 metrics; the gp3s 8; the attached gp2 9
    expect(seen).toHaveLength(expected);
    expect(new Set(seen).size).toBe(expected);
    expect(pages).toBe(Math.ceil(expected / LIST_METRICS_PAGE));
  });
});

describe('dispatch', () => {
  it('throws UnsupportedOperation for commands the sim does not answer', async () => {
    const e = await rejection(client(view()).send(new DescribeAlarmsCommand({})));
    expect(e.name).toBe('UnsupportedOperation');
    await expect(handleCloudWatch(view(), 'PutMetricData', {})).rejects.toMatchObject({ name: 'UnsupportedOperation' });
  });
});

// ---------------------------------------------------------------------------
// Wire-level: serialise the handler's output as the CloudWatch JSON protocol would and let
// the SDK's own deserializer read it back. A field with a wrong name or type would be lost.

function toWire(x: unknown): unknown {
  if (x instanceof Date) return x.getTime() / 1000;
  if (Array.isArray(x)) return x.map(toWire);
  if (x && typeof x === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) if (k !== '$metadata' && v !== undefined) out[k] = toWire(v);
    return out;
  }
  return x;
}

function wireClient(v: SimWorldView): CloudWatchClient {
  return new CloudWatchClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    requestHandler: {
      async handle(request: { headers: Record<string, string>; body?: unknown }) {
        const op = String(request.headers['x-amz-target']).split('.').pop()!;
        const input = JSON.parse(String(request.body)) as Record<string, unknown>;
        for (const k of ['StartTime', 'EndTime']) if (typeof input[k] === 'number') input[k] = new Date((input[k] as number) * 1000);
        const output = await handleCloudWatch(v, op, input);
        return { response: new HttpResponse({ statusCode: 200, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: Buffer.from(JSON.stringify(toWire(output))) }) };
      },
    },
  });
}

describe('wire format', () => {
  it("the SDK's deserializer reads GetMetricData output back unchanged", async () => {
    const v = view();
    const input: GetMetricDataCommandInput = {
      StartTime: new Date(NOW - 2 * HOUR_MS),
      EndTime: new Date(NOW),
      MaxDatapoints: 40,
      MetricDataQueries: [ebsQuery('r', 'VolumeReadBytes', 'vol-0aaaaaaaaaaaaaaa1', 300), { Id: 'lat', Expression: 'r / PERIOD(r)' }, ebsQuery('none', 'VolumeReadBytes', 'vol-0fffffffffffffff0')],
    };
    const expected = direct(v, input);
    const got = await wireClient(v).send(new GetMetricDataCommand(input));
    const strip = (rs: MetricDataResult[] | undefined) => rs?.map((r) => ({ ...r }));
    expect(strip(got.MetricDataResults)).toEqual(strip(expected.MetricDataResults));
    expect(got.NextToken).toBe(expected.NextToken);
    expect(got.MetricDataResults![0].Timestamps![0]).toBeInstanceOf(Date);
  });

  it("the SDK's deserializer reads ListMetrics output back unchanged", async () => {
    const v = view();
    const got = await wireClient(v).send(new ListMetricsCommand({ Namespace: 'AWS/FSx' }));
    const expected = (await handleCloudWatch(v, 'ListMetrics', { Namespace: 'AWS/FSx' })) as { Metrics: unknown[] };
    expect(got.Metrics).toEqual(expected.Metrics);
    expect(got.Metrics!.length).toBeGreaterThan(5);
  });
});
