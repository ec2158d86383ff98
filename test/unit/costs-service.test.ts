// CostService through a real Cost Explorer client answered by a hand-written middleware:
// month to date, 30 days by day and service, EBS split out of "EC2 - Other" by USAGE_TYPE,
// the forecast (and its absence), pagination, and the on-disk cache (at most one refresh an hour).
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CostExplorerClient, GetCostAndUsageCommandInput, GetCostAndUsageCommandOutput, GetCostForecastCommandInput, GetCostForecastCommandOutput, ResultByTime } from '@aws-sdk/client-cost-explorer';
import { ClientPool, type ClientPlugin } from '../../src/services/aws/clients.js';
import { cacheFileName, CostService, isEbsUsageType } from '../../src/services/costs/service.js';
import { ApiMeter } from '../../src/services/metrics/meter.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2025, 5, 12, 15, 0, 0); // 12 June 2025, 15:00 UTC

/** USD per day by service, and inside "EC2 - Other" by usage type. */
const SERVICES: Record<string, number> = {
  'Amazon Simple Storage Service': 2,
  'Amazon Elastic File System': 1.5,
  'Amazon FSx': 10,
  'Amazon Elastic Compute Cloud - Compute': 20,
  'EC2 - Other': 5,
};
const EC2_OTHER: Record<string, number> = { 'EBS:VolumeUsage.gp3': 2.5, 'USE2-EBS:VolumeUsage.gp2': 0.5, 'EBS:SnapshotUsage': 0.5, 'NatGateway-Hours': 1.5 };

interface FakeCe {
  plugin: ClientPlugin;
  calls: { command: string; input: GetCostAndUsageCommandInput | GetCostForecastCommandInput }[];
}

function fakeCostExplorer(opts: { forecast?: number | Error; pageDays?: number } = {}): FakeCe {
  const calls: FakeCe['calls'] = [];
  const plugin: ClientPlugin = (client, service) => {
    if (service !== 'ce') return;
    (client as CostExplorerClient).middlewareStack.add(
      (_next, context) => async (args) => {
        const command = context.commandName ?? '';
        if (command === 'GetCostForecastCommand') {
          const input = args.input as GetCostForecastCommandInput;
          calls.push({ command, input });
          if (opts.forecast instanceof Error) throw opts.forecast;
          if (opts.forecast === undefined) throw Object.assign(new Error('The GetCostForecast action has not been implemented'), { name: 'NotImplemented', $metadata: { httpStatusCode: 500 } });
          const output: GetCostForecastCommandOutput = {
            $metadata: {},
            Total: { Amount: String(opts.forecast), Unit: 'USD' },
            ForecastResultsByTime: [{ TimePeriod: input.TimePeriod, MeanValue: String(opts.forecast), PredictionIntervalLowerBound: String(opts.forecast * 0.9), PredictionIntervalUpperBound: String(opts.forecast * 1.1) }],
          };
          return { output, response: {} };
        }
        if (command !== 'GetCostAndUsageCommand') throw Object.assign(new Error(command), { name: 'UnsupportedOperation' });
        const input = args.input as GetCostAndUsageCommandInput;
        calls.push({ command, input });
        const start = Date.parse(`${input.TimePeriod?.Start}T00:00:00Z`);
        const end = Date.parse(`${input.TimePeriod?.End}T00:00:00Z`);
        const byUsageType = input.GroupBy?.[0]?.Key === 'USAGE_TYPE';
        const table = byUsageType ? EC2_OTHER : SERVICES;
        const days: ResultByTime[] = [];
        for (let t = start; t < end; t += DAY) {
          days.push({
            TimePeriod: { Start: new Date(t).toISOString().slice(0, 10), End: new Date(t + DAY).toISOString().slice(0, 10) },
            Total: {},
            Groups: Object.entries(table).map(([k, usd]) => ({ Keys: [k], Metrics: { UnblendedCost: { Amount: usd.toFixed(10), Unit: 'USD' } } })),
            Estimated: t >= NOW - DAY,
          });
        }
        const offset = input.NextPageToken ? Number(input.NextPageToken) : 0;
        const size = opts.pageDays ?? days.length;
        const output: GetCostAndUsageCommandOutput = { $metadata: {}, ResultsByTime: days.slice(offset, offset + size), NextPageToken: offset + size < days.length ? String(offset + size) : undefined, DimensionValueAttributes: [] };
        return { output, response: {} };
      },
      { step: 'initialize', name: 'fakeCostExplorer' },
    );
  };
  return { plugin, calls };
}

function pool(plugin: ClientPlugin): ClientPool {
  return new ClientPool({ region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, plugin });
}

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'prism-ce-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('CostService', () => {
  it('sums month to date, the last 30 days by day and service, and the storage share', async () => {
    const ce = fakeCostExplorer({ forecast: 700 });
    const meter = new ApiMeter();
    const svc = new CostService(pool(ce.plugin), { cacheDir: null, now: () => NOW, cacheKey: 'test', meter });
    const s = await svc.get();
    // 1-12 June: 12 days x $38.50
    expect(s.monthToDateUsd).toBe(462);
    expect(s.byService['Amazon FSx']).toBe(120);
    expect(s.byService['EC2 - Other']).toBe(60);
    expect(s.daily).toHaveLength(30);
    expect(s.daily[0].date).toBe('2025-05-14');
    expect(s.daily.at(-1)?.date).toBe('2025-06-12');
    expect(s.daily[0].byService['Amazon Simple Storage Service']).toBe(2);
    expect(s.last30DaysUsd).toBe(1155);
    expect(s.currency).toBe('USD');
    expect(s.fetchedAt).toBe(new Date(NOW).toISOString());
    expect(s.estimated).toBe(true);
    // EBS (all "EBS:" usage types, region-prefixed too) = $3.50 a day; NAT gateway hours are not EBS
    expect(s.ebsUsd).toBe(42);
    expect(s.ebsDaily).toHaveLength(30);
    expect(s.ebsDaily[0]).toEqual({ date: '2025-05-14', usd: 3.5 });
    // S3 + EFS + FSx + EBS month to date
    expect(s.storageUsd).toBe(12 * 13.5 + 42);
    expect(meter.ceRequests).toBe(3);
  });

  it('splits EBS out of "EC2 - Other" with a USAGE_TYPE query, and asks for the right periods', async () => {
    const ce = fakeCostExplorer({ forecast: 700 });
    await new CostService(pool(ce.plugin), { cacheDir: null, now: () => NOW, cacheKey: 'test' }).get();
    const [bySvc, ebs, fc] = ce.calls;
    expect(bySvc.input).toMatchObject({ TimePeriod: { Start: '2025-05-14', End: '2025-06-13' }, Granularity: 'DAILY', GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }] });
    expect(ebs.input).toMatchObject({ Filter: { Dimensions: { Key: 'SERVICE', Values: ['EC2 - Other'] } }, GroupBy: [{ Type: 'DIMENSION', Key: 'USAGE_TYPE' }] });
    expect(fc.command).toBe('GetCostForecastCommand');
    expect(fc.input).toMatchObject({ TimePeriod: { Start: '2025-06-12', End: '2025-07-01' }, Metric: 'UNBLENDED_COST', Granularity: 'MONTHLY' });
    expect(isEbsUsageType('EBS:VolumeIOUsage.piops')).toBe(true);
    expect(isEbsUsageType('APS2-EBS:SnapshotUsage')).toBe(true);
    expect(isEbsUsageType('NatGateway-Bytes')).toBe(false);
    expect(isEbsUsageType('DataTransfer-Out-Bytes')).toBe(false);
  });

  it('adds the forecast for the rest of the month to what was spent before today', async () => {
    const ce = fakeCostExplorer({ forecast: 700 });
    const s = await new CostService(pool(ce.plugin), { cacheDir: null, now: () => NOW, cacheKey: 'test' }).get();
    expect(s.forecastUsd).toBe(11 * 38.5 + 700);
    expect(s.forecastRange).toEqual({ lowUsd: 423.5 + 630, highUsd: 423.5 + 770 });
    expect(s.forecastReason).toBeUndefined();
  });

  it('reports the forecast as unavailable, never invented, when Cost Explorer has none', async () => {
    const ce = fakeCostExplorer({ forecast: Object.assign(new Error('Insufficient amount of historical data to generate forecast.'), { name: 'DataUnavailableException', $metadata: { httpStatusCode: 400 } }) });
    const s = await new CostService(pool(ce.plugin), { cacheDir: null, now: () => NOW, cacheKey: 'test' }).get();
    expect(s.forecastUsd).toBeNull();
    expect(s.forecastReason).toMatch(/^forecast unavailable: .*historical data/);
    expect(s.monthToDateUsd).toBe(462);
    const moto = await new CostService(pool(fakeCostExplorer().plugin), { cacheDir: null, now: () => NOW, cacheKey: 'test' }).get();
    expect(moto.forecastUsd).toBeNull();
    expect(moto.forecastReason).toMatch(/forecast unavailable/);
  });

  it('follows NextPageToken', async () => {
    const ce = fakeCostExplorer({ forecast: 1, pageDays: 7 });
    const s = await new CostService(pool(ce.plugin), { cacheDir: null, now: () => NOW, cacheKey: 'test' }).get();
    expect(ce.calls.filter((c) => c.command === 'GetCostAndUsageCommand')).toHaveLength(10); // 30 days in pages of 7, twice
    expect(s.monthToDateUsd).toBe(462);
    expect(s.daily).toHaveLength(30);
  });

  it('on the first of the month counts only that day', async () => {
    const first = Date.UTC(2025, 6, 1, 9);
    const s = await new CostService(pool(fakeCostExplorer({ forecast: 1000 }).plugin), { cacheDir: null, now: () => first, cacheKey: 'test' }).get();
    expect(s.monthToDateUsd).toBe(38.5);
    expect(s.forecastUsd).toBe(1000);
  });

  it('makes no call within the hour, refreshes when forced or after an hour', async () => {
    const ce = fakeCostExplorer({ forecast: 700 });
    let now = NOW;
    const meter = new ApiMeter();
    const svc = new CostService(pool(ce.plugin), { cacheDir: null, now: () => now, cacheKey: 'test', meter });
    const a = await svc.get();
    expect(ce.calls).toHaveLength(3);
    now += 59 * 60_000;
    const b = await svc.get();
    expect(ce.calls).toHaveLength(3);
    expect(b).toBe(a);
    expect(svc.age()).toBe(59 * 60_000);
    await svc.get(true);
    expect(ce.calls).toHaveLength(6);
    now += 61 * 60_000;
    await svc.get();
    expect(ce.calls).toHaveLength(9);
    expect(meter.ceRequests).toBe(9);
  });

  it('shares one refresh between concurrent callers', async () => {
    const ce = fakeCostExplorer({ forecast: 700 });
    const svc = new CostService(pool(ce.plugin), { cacheDir: null, now: () => NOW, cacheKey: 'test' });
    const [a, b] = await Promise.all([svc.get(), svc.get()]);
    expect(a).toBe(b);
    expect(ce.calls).toHaveLength(3);
  });

  it('keeps the answer on disk: a new process within the hour makes no call', async () => {
    const dir = tempDir();
    const ce = fakeCostExplorer({ forecast: 700 });
    let now = NOW;
    const first = await new CostService(pool(ce.plugin), { cacheDir: dir, now: () => now, cacheKey: '123456789012' }).get();
    const file = join(dir, 'ce-123456789012.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8')).summary.monthToDateUsd).toBe(462);

    now += 30 * 60_000;
    const second = new CostService(pool(ce.plugin), { cacheDir: dir, now: () => now, cacheKey: '123456789012' });
    expect(second.cached()?.monthToDateUsd).toBe(462);
    expect(await second.get()).toEqual(first);
    expect(ce.calls).toHaveLength(3);

    // Another account (or the simulated region) never reads this account's file
    const other = new CostService(pool(ce.plugin), { cacheDir: dir, now: () => now, cacheKey: 'sim' });
    expect(other.cached()).toBeUndefined();
    await other.get();
    expect(ce.calls).toHaveLength(6);

    now += 31 * 60_000;
    await new CostService(pool(ce.plugin), { cacheDir: dir, now: () => now, cacheKey: '123456789012' }).get();
    expect(ce.calls).toHaveLength(9);
  });

  it('ignores a cache file that is damaged and fails with a StorageError when Cost Explorer does', async () => {
    const dir = tempDir();
    const key = 'broken';
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, cacheFileName(key)), '{not json');
    const denied = fakeCostExplorer({ forecast: 1 });
    const svc = new CostService(pool(denied.plugin), { cacheDir: dir, now: () => NOW, cacheKey: key });
    expect(svc.cached()).toBeUndefined();
    expect((await svc.get()).monthToDateUsd).toBe(462);

    const failing: ClientPlugin = (client, service) => {
      if (service !== 'ce') return;
      (client as CostExplorerClient).middlewareStack.add(
        () => async () => {
          throw Object.assign(new Error('User: arn:aws:iam::123456789012:user/x is not authorized to perform: ce:GetCostAndUsage'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 400 } });
        },
        { step: 'initialize', name: 'deny' },
      );
    };
    await expect(new CostService(pool(failing), { cacheDir: null, now: () => NOW, cacheKey: 'x' }).get()).rejects.toMatchObject({ name: 'StorageError', type: 'access-denied', service: 'ce' });
  });

  it('makes a file name out of any cache key', () => {
    expect(cacheFileName('123456789012')).toBe('ce-123456789012.json');
    const hostile = cacheFileName('../../etc/passwd');
    expect(hostile).not.toContain('/');
    expect(hostile.startsWith('ce-')).toBe(true);
    expect(hostile).toBe('ce-__.._etc_passwd.json');
    expect(cacheFileName('')).toBe('ce-default.json');
  });
});
