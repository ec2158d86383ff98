// The simulated region's Cost Explorer: a bill that follows what each resource provisions,
// grouped and filtered like Cost Explorer does, paged, forecast with ordered bounds.
import { CostExplorerClient, GetCostAndUsageCommand, GetCostForecastCommand, GetDimensionValuesCommand } from '@aws-sdk/client-cost-explorer';
import type { GetCostAndUsageCommandInput, GetCostAndUsageCommandOutput, GetCostForecastCommandOutput, ResultByTime } from '@aws-sdk/client-cost-explorer';
import { HttpResponse } from '@smithy/core/protocols';
import { describe, expect, it } from 'vitest';
import { CE_PAGE_GROUPS, SERVICE_EC2_OTHER, SERVICE_EFS, SERVICE_FSX, SERVICE_S3, SERVICE_COMPUTE, handleCostExplorer, normalQuantile } from '../../src/services/sim/costexplorer.js';
import type { SimMetricSubject, SimWorldView } from '../../src/services/sim/subject.js';
import { DAY_MS } from '../../src/services/sim/workload.js';

const GiB = 1024 ** 3;
const TiB = 1024 ** 4;
const MiB = 1024 ** 2;
const NOW = Date.UTC(2025, 5, 18, 12, 34, 56); // 2025-06-18, June has 30 days

const gp3: SimMetricSubject = {
  id: 'vol-0aaaaaaaaaaaaaaa1',
  type: 'ebs',
  profile: 'steady-database',
  seed: 11,
  createdAt: Date.UTC(2025, 0, 1),
  capacityBytes: 1000 * GiB,
  usedFraction: 0.6,
  throughputBytesPerSec: 250 * MiB,
  iops: 6000,
  variant: 'gp3',
  attachedTo: 'i-0aaaaaaaaaaaaaaa1',
};

function richWorld(): SimMetricSubject[] {
  const base = { createdAt: Date.UTC(2025, 0, 1), usedFraction: 0.6, iops: 0, throughputBytesPerSec: 0, scenarioAt: NOW };
  return [
    gp3,
    { ...base, id: 'vol-0aaaaaaaaaaaaaaa2', type: 'ebs', profile: 'office-hours-home', seed: 12, capacityBytes: 200 * GiB, iops: 600, throughputBytesPerSec: 250 * MiB, variant: 'gp2', attachedTo: 'i-0aaaaaaaaaaaaaaa2' },
    { ...base, id: 'vol-0aaaaaaaaaaaaaaa3', type: 'ebs', profile: 'steady-database', seed: 13, capacityBytes: 400 * GiB, iops: 16000, throughputBytesPerSec: 500 * MiB, variant: 'io2', attachedTo: 'i-0aaaaaaaaaaaaaaa2' },
    { ...base, id: 'vol-0bbbbbbbbbbbbbbb1', type: 'ebs', profile: 'idle', seed: 14, capacityBytes: 100 * GiB, iops: 3000, throughputBytesPerSec: 125 * MiB, variant: 'gp3', region: 'us-west-2' },
    { ...base, id: 'fs-0lustre0000000001', type: 'fsx-lustre', fsxType: 'LUSTRE', profile: 'nightly-training', seed: 21, capacityBytes: 2.4 * TiB, throughputBytesPerSec: 480e6, variant: 'SCRATCH_2' },
    { ...base, id: 'fs-0ontap0000000001', type: 'fsx-ontap', fsxType: 'ONTAP', profile: 'office-hours-home', seed: 22, capacityBytes: 2 * TiB, throughputBytesPerSec: 256e6, variant: 'MULTI_AZ_1' },
    { ...base, id: 'fs-0efs000000000001', type: 'efs', profile: 'burst-credit-drain', seed: 31, capacityBytes: 300 * GiB, throughputBytesPerSec: 15 * MiB, variant: 'bursting' },
    { ...base, id: 'fs-0efs000000000002', type: 'efs', profile: 'office-hours-home', seed: 32, capacityBytes: TiB, throughputBytesPerSec: 3 * GiB, variant: 'elastic', storageClassFractions: { Standard: 0.4, IA: 0.6 } },
    { ...base, id: 'climate-archive', type: 's3', profile: 'archive-cold', seed: 41, capacityBytes: 50 * TiB, objectCount: 2_000_000, variant: 'STANDARD' },
    { ...base, id: 'web-assets-prod', type: 's3', profile: 'web-assets', seed: 42, capacityBytes: 2 * TiB, objectCount: 900_000, variant: 'INTELLIGENT_TIERING', region: 'us-west-2' },
    { ...base, id: 'dataset-growing', type: 's3', profile: 'growing', seed: 43, capacityBytes: 20 * TiB, objectCount: 100_000, variant: 'STANDARD' },
  ];
}

function view(subjects: SimMetricSubject[], now = NOW): SimWorldView {
  return { region: 'us-east-1', subjects: () => subjects, now: () => now };
}

function client(v: SimWorldView): CostExplorerClient {
  const c = new CostExplorerClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
  c.middlewareStack.add(
    (_next, context) => async (args) => ({ output: (await handleCostExplorer(v, context.commandName as string, args.input)) as never, response: {} }),
    { step: 'initialize', name: 'simulatedRegion' },
  );
  return c;
}

async function cau(v: SimWorldView, input: GetCostAndUsageCommandInput): Promise<GetCostAndUsageCommandOutput> {
  return (await handleCostExplorer(v, 'GetCostAndUsage', input)) as GetCostAndUsageCommandOutput;
}

async function errorName(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as Error).name;
  }
  return 'no error';
}

const amount = (r: ResultByTime, key?: string, metric = 'UnblendedCost'): number =>
  Number(key === undefined ? r.Total![metric].Amount : (r.Groups!.find((g) => g.Keys!.join('|') === key)?.Metrics![metric].Amount ?? 0));
const ebsOnly = { Dimensions: { Key: 'SERVICE' as const, Values: [SERVICE_EC2_OTHER] } };
const monthEnd = { TimePeriod: { Start: '2025-06-18', End: '2025-07-01' }, Granularity: 'MONTHLY' as const, Metric: 'UNBLENDED_COST' as const };

describe('GetCostAndUsage', () => {
  it('bills a gp3 volume by its provisioned size, IOPS and throughput (per-day share of the month) under "EC2 - Other"', async () => {
    const out = await client(view([gp3])).send(
      new GetCostAndUsageCommand({ TimePeriod: { Start: '2025-06-10', End: '2025-06-11' }, Granularity: 'DAILY', Metrics: ['UnblendedCost', 'UsageQuantity'], GroupBy: [{ Type: 'DIMENSION', Key: 'USAGE_TYPE' }], Filter: ebsOnly }),
    );
    const day = out.ResultsByTime![0];
    expect(day.TimePeriod).toEqual({ Start: '2025-06-10', End: '2025-06-11' });
    expect(day.Groups!.map((g) => g.Keys![0]).sort()).toEqual(['EBS:VolumeP-IOPS.gp3', 'EBS:VolumeP-Throughput.gp3', 'EBS:VolumeUsage.gp3']);
    expect(amount(day, 'EBS:VolumeUsage.gp3')).toBeCloseTo((0.08 * 1000) / 30, 8);
    expect(amount(day, 'EBS:VolumeP-IOPS.gp3')).toBeCloseTo((0.005 * 3000) / 30, 8);
    expect(amount(day, 'EBS:VolumeP-Throughput.gp3')).toBeCloseTo((0.04 * 125) / 30, 8);
    const usage = day.Groups!.find((g) => g.Keys![0] === 'EBS:VolumeUsage.gp3')!.Metrics!.UsageQuantity;
    expect(usage.Unit).toBe('GB-Mo');
    expect(Number(usage.Amount)).toBeCloseTo(1000 / 30, 8);
    expect(day.Groups![0].Metrics!.UnblendedCost.Unit).toBe('USD');
    expect(out.GroupDefinitions).toEqual([{ Type: 'DIMENSION', Key: 'USAGE_TYPE' }]);
  });

  it('groups by SERVICE with the real service names, and the groups add up to the total', async () => {
    const v = view(richWorld());
    const period = { Start: '2025-06-01', End: '2025-06-18' };
    const grouped = await cau(v, { TimePeriod: period, Granularity: 'DAILY', Metrics: ['UnblendedCost'], GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }] });
    const total = await cau(v, { TimePeriod: period, Granularity: 'DAILY', Metrics: ['UnblendedCost'] });
    const services = new Set(grouped.ResultsByTime!.flatMap((r) => r.Groups!.map((g) => g.Keys![0])));
    expect([...services].sort()).toEqual([SERVICE_COMPUTE, SERVICE_EFS, SERVICE_FSX, SERVICE_S3, SERVICE_EC2_OTHER].sort());
    grouped.ResultsByTime!.forEach((r, i) => {
      const sum = r.Groups!.reduce((p, g) => p + Number(g.Metrics!.UnblendedCost.Amount), 0);
      expect(sum).toBeCloseTo(amount(total.ResultsByTime![i]), 6);
      expect(r.Total).toEqual({});
    });
    expect(amount(total.ResultsByTime![0])).toBeGreaterThan(10);
  });

  it('splits "EC2 - Other" into EBS usage types, with region codes outside us-east-1', async () => {
    const v = view(richWorld());
    const out = await cau(v, { TimePeriod: { Start: '2025-06-16', End: '2025-06-17' }, Granularity: 'DAILY', Metrics: ['UnblendedCost'], GroupBy: [{ Type: 'DIMENSION', Key: 'USAGE_TYPE' }], Filter: ebsOnly });
    const keys = out.ResultsByTime![0].Groups!.map((g) => g.Keys![0]);
    expect(keys.length).toBeGreaterThan(4);
    for (const k of keys) expect(k).toMatch(/^(USW2-)?EBS:/);
    expect(keys).toEqual(expect.arrayContaining(['EBS:VolumeUsage.gp3', 'EBS:VolumeUsage.gp2', 'EBS:VolumeUsage.io2', 'EBS:VolumeP-IOPS.io2', 'USW2-EBS:VolumeUsage.gp3']));
    // and nothing else is EBS
    const others = await cau(v, { TimePeriod: { Start: '2025-06-16', End: '2025-06-17' }, Granularity: 'DAILY', Metrics: ['UnblendedCost'], GroupBy: [{ Type: 'DIMENSION', Key: 'USAGE_TYPE' }], Filter: { Not: ebsOnly } });
    expect(others.ResultsByTime![0].Groups!.some((g) => g.Keys![0].includes('EBS:'))).toBe(false);
    // two dimensions: service x region
    const two = await cau(v, { TimePeriod: { Start: '2025-06-16', End: '2025-06-17' }, Granularity: 'DAILY', Metrics: ['UnblendedCost'], GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }, { Type: 'DIMENSION', Key: 'REGION' }] });
    const pairs = two.ResultsByTime![0].Groups!.map((g) => g.Keys!.join('|'));
    expect(pairs).toEqual(expect.arrayContaining([`${SERVICE_EC2_OTHER}|us-east-1`, `${SERVICE_EC2_OTHER}|us-west-2`, `${SERVICE_S3}|us-west-2`]));
  });

  it('filters with And/Or/Not and match options, and treats cost-allocation tags as not activated', async () => {
    const v = view(richWorld());
    const tp = { Start: '2025-06-16', End: '2025-06-17' };
    const fsxOrEfs = await cau(v, { TimePeriod: tp, Granularity: 'DAILY', Metrics: ['UnblendedCost'], GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }], Filter: { Or: [{ Dimensions: { Key: 'SERVICE', Values: [SERVICE_FSX] } }, { Dimensions: { Key: 'SERVICE', Values: [SERVICE_EFS] } }] } });
    expect(fsxOrEfs.ResultsByTime![0].Groups!.map((g) => g.Keys![0]).sort()).toEqual([SERVICE_EFS, SERVICE_FSX]);
    const storageTypes = await cau(v, { TimePeriod: tp, Granularity: 'DAILY', Metrics: ['UnblendedCost'], GroupBy: [{ Type: 'DIMENSION', Key: 'USAGE_TYPE' }], Filter: { And: [{ Dimensions: { Key: 'SERVICE', Values: [SERVICE_S3] } }, { Dimensions: { Key: 'USAGE_TYPE', Values: ['TimedStorage'], MatchOptions: ['CONTAINS'] } }] } });
    const keys = storageTypes.ResultsByTime![0].Groups!.map((g) => g.Keys![0]);
    expect(keys).toEqual(expect.arrayContaining(['TimedStorage-ByteHrs', 'USW2-TimedStorage-INT-FA-ByteHrs']));
    expect(keys.every((k) => k.includes('TimedStorage'))).toBe(true);
    const tags = await cau(v, { TimePeriod: tp, Granularity: 'DAILY', Metrics: ['UnblendedCost'], GroupBy: [{ Type: 'TAG', Key: 'Project' }] });
    expect(tags.ResultsByTime![0].Groups!.map((g) => g.Keys)).toEqual([['Project$']]);
  });

  it('splits MONTHLY at month boundaries, marks the current month Estimated and bills only up to now', async () => {
    const v = view([gp3]);
    const out = await cau(v, { TimePeriod: { Start: '2025-04-01', End: '2025-07-01' }, Granularity: 'MONTHLY', Metrics: ['UnblendedCost'], Filter: ebsOnly });
    const rs = out.ResultsByTime!;
    expect(rs.map((r) => r.TimePeriod)).toEqual([
      { Start: '2025-04-01', End: '2025-05-01' },
      { Start: '2025-05-01', End: '2025-06-01' },
      { Start: '2025-06-01', End: '2025-07-01' },
    ]);
    expect(rs.map((r) => r.Estimated)).toEqual([false, false, true]);
    const monthly = 80 + 15 + 5; // storage + IOPS + throughput for a full month
    expect(amount(rs[0])).toBeCloseTo(monthly, 6);
    expect(amount(rs[1])).toBeCloseTo(monthly, 6);
    const elapsed = (NOW - Date.UTC(2025, 5, 1)) / DAY_MS;
    expect(amount(rs[2])).toBeCloseTo((monthly * elapsed) / 30, 6);
    // today is partial and the future is empty
    const days = await cau(v, { TimePeriod: { Start: '2025-06-17', End: '2025-06-21' }, Granularity: 'DAILY', Metrics: ['UnblendedCost'], Filter: ebsOnly });
    const [yesterday, today, ...future] = days.ResultsByTime!.map((r) => amount(r));
    expect(today / yesterday).toBeCloseTo((NOW - Date.UTC(2025, 5, 18)) / DAY_MS, 6);
    expect(future).toEqual([0, 0]);
  });

  it('bills stored bytes for S3 and EFS, so a growing bucket costs more each week', async () => {
    const v = view(richWorld());
    const filter = { And: [{ Dimensions: { Key: 'SERVICE' as const, Values: [SERVICE_S3] } }, { Dimensions: { Key: 'USAGE_TYPE' as const, Values: ['TimedStorage-ByteHrs'] } }] };
    const out = await cau(v, { TimePeriod: { Start: '2025-05-01', End: '2025-05-29' }, Granularity: 'DAILY', Metrics: ['UnblendedCost'], Filter: filter });
    const weekly = [0, 7, 14, 21].map((d) => amount(out.ResultsByTime![d]));
    for (let i = 1; i < weekly.length; i++) expect(weekly[i]).toBeGreaterThan(weekly[i - 1] * 1.005);
  });

  it('is deterministic', async () => {
    const input: GetCostAndUsageCommandInput = { TimePeriod: { Start: '2025-06-01', End: '2025-06-18' }, Granularity: 'DAILY', Metrics: ['UnblendedCost', 'AmortizedCost'], GroupBy: [{ Type: 'DIMENSION', Key: 'USAGE_TYPE' }] };
    expect(await cau(view(richWorld()), input)).toEqual(await cau(view(richWorld()), input));
  });

  it(`pages after about ${CE_PAGE_GROUPS} groups with NextPageToken, each day exactly once, in order`, async () => {
    const v = view(richWorld());
    const input: GetCostAndUsageCommandInput = { TimePeriod: { Start: '2025-03-01', End: '2025-06-18' }, Granularity: 'DAILY', Metrics: ['UnblendedCost'], GroupBy: [{ Type: 'DIMENSION', Key: 'USAGE_TYPE' }] };
    const c = client(v);
    const days: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await c.send(new GetCostAndUsageCommand({ ...input, NextPageToken: token }));
      pages++;
      const groups = page.ResultsByTime!.reduce((p, r) => p + r.Groups!.length, 0);
      expect(groups).toBeLessThanOrEqual(CE_PAGE_GROUPS);
      days.push(...page.ResultsByTime!.map((r) => r.TimePeriod!.Start!));
      token = page.NextPageToken;
    } while (token);
    expect(pages).toBeGreaterThan(2);
    expect(days).toHaveLength(109);
    expect(days[0]).toBe('2025-03-01');
    expect(days.at(-1)).toBe('2025-06-17');
    expect(new Set(days).size).toBe(days.length);
    const first = await cau(v, input);
    expect(await errorName(cau(v, { ...input, Granularity: 'MONTHLY', NextPageToken: first.NextPageToken }))).toBe('InvalidNextTokenException');
    expect(await errorName(cau(v, { ...input, NextPageToken: 'not-a-token' }))).toBe('InvalidNextTokenException');
  });

  it('rejects what Cost Explorer rejects', async () => {
    const v = view(richWorld());
    const ok: GetCostAndUsageCommandInput = { TimePeriod: { Start: '2025-06-01', End: '2025-06-10' }, Granularity: 'DAILY', Metrics: ['UnblendedCost'] };
    expect(await errorName(cau(v, ok))).toBe('no error');
    expect(await errorName(cau(v, { ...ok, Granularity: 'HOURLY' }))).toBe('ValidationException');
    expect(await errorName(cau(v, { ...ok, Metrics: ['Dollars'] }))).toBe('ValidationException');
    expect(await errorName(cau(v, { ...ok, Metrics: [] }))).toBe('ValidationException');
    expect(await errorName(cau(v, { ...ok, TimePeriod: { Start: '2025-06-10', End: '2025-06-10' } }))).toBe('ValidationException');
    expect(await errorName(cau(v, { ...ok, TimePeriod: { Start: '2025-6-1', End: '2025-06-10' } }))).toBe('ValidationException');
    expect(await errorName(cau(v, { ...ok, TimePeriod: { Start: '2023-01-01', End: '2023-02-01' } }))).toBe('ValidationException');
    const three = [{ Type: 'DIMENSION', Key: 'SERVICE' }, { Type: 'DIMENSION', Key: 'REGION' }, { Type: 'DIMENSION', Key: 'USAGE_TYPE' }] as const;
    expect(await errorName(cau(v, { ...ok, GroupBy: [...three] }))).toBe('ValidationException');
    expect(await errorName(cau(v, { ...ok, GroupBy: [{ Type: 'DIMENSION', Key: 'INSTANCE_TYPE' }] }))).toBe('ValidationException');
    expect(await errorName(cau(v, { ...ok, Filter: { Dimensions: { Key: 'SERVICE', Values: ['x'] }, Not: { Dimensions: { Key: 'REGION', Values: ['y'] } } } }))).toBe('ValidationException');
  });
});

describe('GetCostForecast', () => {

  it('forecasts the rest of the month with lower <= mean <= upper', async () => {
    const out = await client(view(richWorld())).send(new GetCostForecastCommand(monthEnd));
    expect(out.ForecastResultsByTime).toHaveLength(1);
    const f = out.ForecastResultsByTime![0];
    expect(f.TimePeriod).toEqual({ Start: '2025-06-18', End: '2025-07-01' });
    const [lo, mean, hi] = [f.PredictionIntervalLowerBound, f.MeanValue, f.PredictionIntervalUpperBound].map(Number);
    expect(lo).toBeGreaterThan(0);
    expect(lo).toBeLessThan(mean);
    expect(mean).toBeLessThan(hi);
    expect(Number(out.Total!.Amount)).toBeCloseTo(mean, 6);
    expect(out.Total!.Unit).toBe('USD');
  });

  it('projects provisioned costs exactly from now to the end of the period', async () => {
    const out = (await handleCostExplorer(view([gp3]), 'GetCostForecast', { ...monthEnd, Filter: ebsOnly })) as GetCostForecastCommandOutput;
    const remainingDays = (Date.UTC(2025, 6, 1) - NOW) / DAY_MS;
    expect(Number(out.ForecastResultsByTime![0].MeanValue)).toBeCloseTo((100 / 30) * remainingDays, 6);
  });

  it('widens the interval for a higher confidence level and with the horizon', async () => {
    const v = view(richWorld());
    const width = (r: { PredictionIntervalLowerBound?: string; PredictionIntervalUpperBound?: string }) => Number(r.PredictionIntervalUpperBound) - Number(r.PredictionIntervalLowerBound);
    const at80 = (await handleCostExplorer(v, 'GetCostForecast', monthEnd)) as GetCostForecastCommandOutput;
    const at95 = (await handleCostExplorer(v, 'GetCostForecast', { ...monthEnd, PredictionIntervalLevel: 95 })) as GetCostForecastCommandOutput;
    expect(width(at95.ForecastResultsByTime![0])).toBeGreaterThan(width(at80.ForecastResultsByTime![0]));
    expect(at95.ForecastResultsByTime![0].MeanValue).toBe(at80.ForecastResultsByTime![0].MeanValue);
    const daily = (await handleCostExplorer(v, 'GetCostForecast', { ...monthEnd, TimePeriod: { Start: '2025-06-19', End: '2025-07-19' }, Granularity: 'DAILY' })) as GetCostForecastCommandOutput;
    const r = daily.ForecastResultsByTime!;
    expect(r).toHaveLength(30);
    expect(width(r[29]) / Number(r[29].MeanValue)).toBeGreaterThan(width(r[0]) / Number(r[0].MeanValue));
    expect(normalQuantile(0.9)).toBeCloseTo(1.2816, 4);
  });

  it('rejects a start in the past, too long a horizon, a bad metric or level; no history means no forecast', async () => {
    const v = view(richWorld());
    expect(await errorName(handleCostExplorer(v, 'GetCostForecast', { ...monthEnd, TimePeriod: { Start: '2025-06-17', End: '2025-07-01' } }))).toBe('ValidationException');
    expect(await errorName(handleCostExplorer(v, 'GetCostForecast', { ...monthEnd, Granularity: 'DAILY', TimePeriod: { Start: '2025-06-18', End: '2025-10-01' } }))).toBe('ValidationException');
    expect(await errorName(handleCostExplorer(v, 'GetCostForecast', { ...monthEnd, Metric: 'USAGE_QUANTITY' }))).toBe('ValidationException');
    expect(await errorName(handleCostExplorer(v, 'GetCostForecast', { ...monthEnd, PredictionIntervalLevel: 50 }))).toBe('ValidationException');
    expect(await errorName(handleCostExplorer(view([]), 'GetCostForecast', monthEnd))).toBe('DataUnavailableException');
  });
});

describe('dispatch and wire format', () => {
  it('throws UnsupportedOperation for commands the sim does not answer', async () => {
    expect(await errorName(client(view([gp3])).send(new GetDimensionValuesCommand({ TimePeriod: { Start: '2025-06-01', End: '2025-06-02' }, Dimension: 'SERVICE' })))).toBe('UnsupportedOperation');
  });

  it("the SDK's deserializer reads the output back unchanged (JSON 1.1 wire format)", async () => {
    const v = view(richWorld());
    const wire = new CostExplorerClient({
      region: 'us-east-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
      requestHandler: {
        async handle(request: { headers: Record<string, string>; body?: unknown }) {
          const op = String(request.headers['x-amz-target']).split('.').pop()!;
          const output = (await handleCostExplorer(v, op, JSON.parse(String(request.body)))) as Record<string, unknown>;
          const body = Object.fromEntries(Object.entries(output).filter(([k]) => k !== '$metadata'));
          return { response: new HttpResponse({ statusCode: 200, headers: { 'content-type': 'application/x-amz-json-1.1' }, body: Buffer.from(JSON.stringify(body)) }) };
        },
      },
    });
    const input: GetCostAndUsageCommandInput = { TimePeriod: { Start: '2025-05-25', End: '2025-06-18' }, Granularity: 'DAILY', Metrics: ['UnblendedCost', 'UsageQuantity'], GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }] };
    const got = await wire.send(new GetCostAndUsageCommand(input));
    const expected = await cau(v, input);
    expect(got.ResultsByTime).toEqual(expected.ResultsByTime);
    expect(got.GroupDefinitions).toEqual(expected.GroupDefinitions);
    const f = await wire.send(new GetCostForecastCommand(monthEnd));
    const fe = (await handleCostExplorer(v, 'GetCostForecast', monthEnd)) as GetCostForecastCommandOutput;
    expect(f.ForecastResultsByTime).toEqual(fe.ForecastResultsByTime);
    expect(f.Total).toEqual(fe.Total);
  });
});
