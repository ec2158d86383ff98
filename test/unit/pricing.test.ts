import { describe, expect, it } from 'vitest';
import {
  apiCostPerMonth,
  ebsMonthly,
  efsMonthly,
  estimateRequestCost,
  estimateS3Cost,
  estimateStorageCost,
  fsxMonthly,
  metricsPerMonth,
  monthlyCostOf,
  priceTableFor,
  pricedRegions,
  registerRegionPrices,
  s3Monthly,
  type CostEstimate,
  type EstimateResult,
  type Rate,
  type RegionPriceTable,
} from '../../src/services/pricing/index.js';
import type { StorageInfo, StorageRequest } from '../../src/services/types.js';

const GiB = 1024 ** 3;

function ok(r: EstimateResult): CostEstimate {
  if (!r.ok) throw new Error(`expected an estimate, got: ${r.reason}`);
  return r.estimate;
}

function reason(r: EstimateResult): string {
  if (r.ok) throw new Error(`expected "unavailable", got $${r.estimate.totalUsd}`);
  return r.reason;
}

function info(p: Partial<StorageInfo> & Pick<StorageInfo, 'type' | 'id'>): StorageInfo {
  return { name: p.id, state: 'available', rawState: 'available', region: 'us-east-1', encrypted: true, tags: {}, mount: {}, ...p };
}

function request(config: StorageRequest['config'], region = 'us-east-1'): StorageRequest {
  return { name: 'x', region, tags: {}, config };
}

const label = (e: CostEstimate) => e.components.map((c) => c.label);

describe('EBS', () => {
  it('prices gp3 1,000 GiB with 6,000 IOPS and 250 MB/s at 1000*0.08 + 3000*0.005 + 125*0.04 = $100.00', () => {
    const e = ok(ebsMonthly('us-east-1', { volumeType: 'gp3', sizeGiB: 1000, iops: 6000, throughputMBps: 250 }));
    expect(e.totalUsd).toBe(100);
    expect(e.components.map((c) => [c.quantity, c.rate, c.usd])).toEqual([
      [1000, 0.08, 80],
      [3000, 0.005, 15],
      [125, 0.04, 5],
    ]);
    expect(e.region).toBe('us-east-1');
    expect(e.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('charges nothing extra for gp3 at its included 3,000 IOPS / 125 MiB/s', () => {
    const e = ok(ebsMonthly('us-east-1', { volumeType: 'gp3', sizeGiB: 100 }));
    expect(e.totalUsd).toBe(8);
    expect(e.components).toHaveLength(1);
  });

  it('shows the gp2 -> gp3 saving: 500 GiB is $50.00 on gp2 and $40.00 on gp3', () => {
    const gp2 = ok(ebsMonthly('us-east-1', { volumeType: 'gp2', sizeGiB: 500, iops: 1500 }));
    const gp3 = ok(ebsMonthly('us-east-1', { volumeType: 'gp3', sizeGiB: 500 }));
    expect(gp2.totalUsd).toBe(50);
    expect(gp3.totalUsd).toBe(40);
    expect(gp2.totalUsd - gp3.totalUsd).toBeCloseTo(10, 6);
  });

  it('splits io2 IOPS across its tiers: up to 32,000 / 32,001-64,000 / above 64,000', () => {
    const e = ok(ebsMonthly('us-east-1', { volumeType: 'io2', sizeGiB: 100, iops: 80000 }));
    expect(label(e)).toEqual(['io2 storage', 'io2 provisioned IOPS (up to 32,000)', 'io2 provisioned IOPS (32,001-64,000)', 'io2 provisioned IOPS (above 64,000)']);
    expect(e.components.map((c) => c.quantity)).toEqual([100, 32000, 32000, 16000]);
    // 100*0.125 + 32000*0.065 + 32000*0.0455 + 16000*0.03185
    expect(e.totalUsd).toBeCloseTo(12.5 + 2080 + 1456 + 509.6, 6);
  });

  it('keeps io2 at exactly 32,000 IOPS in the first tier and moves the 32,001st into the second', () => {
    const at = ok(ebsMonthly('us-east-1', { volumeType: 'io2', sizeGiB: 100, iops: 32000 }));
    expect(at.components).toHaveLength(2);
    expect(at.totalUsd).toBeCloseTo(12.5 + 2080, 6);
    const over = ok(ebsMonthly('us-east-1', { volumeType: 'io2', sizeGiB: 100, iops: 32001 }));
    expect(over.components[2]).toMatchObject({ quantity: 1, rate: 0.0455 });
  });

  it('charges io1 for every provisioned IOPS at one rate', () => {
    const e = ok(ebsMonthly('us-east-1', { volumeType: 'io1', sizeGiB: 30, iops: 300 }));
    expect(e.totalUsd).toBeCloseTo(3.75 + 19.5, 6);
  });

  it('prices HDD and magnetic volumes by size, and notes magnetic I/O when its volume is unknown', () => {
    expect(ok(ebsMonthly('us-east-1', { volumeType: 'st1', sizeGiB: 1000 })).totalUsd).toBe(45);
    expect(ok(ebsMonthly('us-east-1', { volumeType: 'sc1', sizeGiB: 1000 })).totalUsd).toBe(15);
    const mag = ok(ebsMonthly('us-east-1', { volumeType: 'standard', sizeGiB: 20 }));
    expect(mag.totalUsd).toBe(1);
    expect(mag.notes?.join(' ')).toMatch(/I\/O requests/);
    expect(ok(ebsMonthly('us-east-1', { volumeType: 'standard', sizeGiB: 20, ioRequestsMillions: 1 })).totalUsd).toBeCloseTo(1.05, 6);
  });

  it('prices snapshots when their size is given', () => {
    const e = ok(ebsMonthly('us-east-1', { volumeType: 'gp3', sizeGiB: 100, snapshotGiB: 10, snapshotArchiveGiB: 100 }));
    expect(e.totalUsd).toBeCloseTo(8 + 0.5 + 1.25, 6);
  });

  it('refuses to guess: io1/io2 without IOPS, unknown volume types and negative sizes are unavailable', () => {
    expect(reason(ebsMonthly('us-east-1', { volumeType: 'io2', sizeGiB: 100 }))).toMatch(/IOPS/);
    expect(reason(ebsMonthly('us-east-1', { volumeType: 'gp4', sizeGiB: 100 }))).toMatch(/gp4/);
    expect(reason(ebsMonthly('us-east-1', { volumeType: 'gp3', sizeGiB: -1 }))).toMatch(/sizeGiB/);
    expect(reason(ebsMonthly('us-east-1', { volumeType: 'gp3', sizeGiB: Number.NaN }))).toMatch(/sizeGiB/);
  });
});

describe('EFS', () => {
  it('prices Regional storage classes and bills provisioned throughput only above the bursting baseline', () => {
    const e = ok(efsMonthly('us-east-1', { standardGiB: 100, iaGiB: 1000, archiveGiB: 1000, throughputMode: 'provisioned', provisionedMiBps: 100 }));
    // Baseline: 50 KiB/s per GiB of Standard = 100 * 50/1024 MiB/s = 4.8828125 MiB/s.
    const billed = 100 - (100 * 50) / 1024;
    expect(e.components.find((c) => c.label.startsWith('Provisioned throughput'))?.quantity).toBeCloseTo(billed, 6);
    expect(e.totalUsd).toBeCloseTo(100 * 0.3 + 1000 * 0.016 + 1000 * 0.008 + billed * 6, 5);
  });

  it('bills nothing for provisioned throughput the Standard storage already earns', () => {
    const e = ok(efsMonthly('us-east-1', { standardGiB: 10240, throughputMode: 'provisioned', provisionedMiBps: 100 }));
    expect(e.components.find((c) => c.label.startsWith('Provisioned'))?.usd).toBe(0);
  });

  it('includes bursting throughput in the storage price', () => {
    const e = ok(efsMonthly('us-east-1', { standardGiB: 100, throughputMode: 'bursting' }));
    expect(e.totalUsd).toBe(30);
    expect(e.components).toHaveLength(1);
  });

  it('charges elastic throughput per GB read and written when the traffic is known, and says so when it is not', () => {
    const known = ok(efsMonthly('us-east-1', { standardGiB: 0, throughputMode: 'elastic', elasticReadGiB: 100, elasticWriteGiB: 50 }));
    expect(known.totalUsd).toBeCloseTo(100 * 0.03 + 50 * 0.06, 6);
    const unknown = ok(efsMonthly('us-east-1', { standardGiB: 10, throughputMode: 'elastic' }));
    expect(unknown.totalUsd).toBe(3);
    expect(unknown.notes?.join(' ')).toMatch(/Elastic throughput/);
  });

  it('uses One Zone rates, and has no One Zone Archive class', () => {
    const e = ok(efsMonthly('us-east-1', { standardGiB: 230, iaGiB: 100, throughputMode: 'bursting', oneZone: true }));
    expect(e.totalUsd).toBeCloseTo(230 * 0.16 + 100 * 0.0133, 6);
    expect(reason(efsMonthly('us-east-1', { standardGiB: 1, archiveGiB: 1, throughputMode: 'elastic', oneZone: true }))).toMatch(/Archive/);
  });

  it('is unavailable for provisioned mode without a value, or an unknown mode', () => {
    expect(reason(efsMonthly('us-east-1', { standardGiB: 1, throughputMode: 'provisioned' }))).toMatch(/provisioned/);
    expect(reason(efsMonthly('us-east-1', { standardGiB: 1, throughputMode: 'turbo' }))).toMatch(/turbo/);
  });
});

describe('FSx for Lustre', () => {
  it('prices PERSISTENT_2 1,200 GiB at 125 MB/s/TiB at $174.00 and SCRATCH_2 2,400 GiB at $336.00', () => {
    expect(ok(fsxMonthly('us-east-1', { kind: 'lustre', deploymentType: 'PERSISTENT_2', storageCapacityGiB: 1200, perUnitStorageThroughput: 125 })).totalUsd).toBeCloseTo(174, 6);
    expect(ok(fsxMonthly('us-east-1', { kind: 'lustre', deploymentType: 'SCRATCH_2', storageCapacityGiB: 2400 })).totalUsd).toBeCloseTo(336, 6);
  });

  it('has a rate for every documented throughput tier', () => {
    const tiers: [string, string, number][] = [
      ['PERSISTENT_1', 'SSD', 50],
      ['PERSISTENT_1', 'SSD', 100],
      ['PERSISTENT_1', 'SSD', 200],
      ['PERSISTENT_1', 'HDD', 12],
      ['PERSISTENT_1', 'HDD', 40],
      ['PERSISTENT_2', 'SSD', 125],
      ['PERSISTENT_2', 'SSD', 250],
      ['PERSISTENT_2', 'SSD', 500],
      ['PERSISTENT_2', 'SSD', 1000],
    ];
    const perGb = tiers.map(([d, s, t]) => ok(fsxMonthly('us-east-1', { kind: 'lustre', deploymentType: d, storageType: s, storageCapacityGiB: 1, perUnitStorageThroughput: t })).totalUsd);
    // Within a deployment and storage type, more throughput per TiB costs more per GB.
    expect(perGb[0]).toBeLessThan(perGb[1]);
    expect(perGb[1]).toBeLessThan(perGb[2]);
    expect(perGb[3]).toBeLessThan(perGb[4]);
    expect(perGb[5]).toBeLessThan(perGb[6]);
    expect(perGb[6]).toBeLessThan(perGb[7]);
    expect(perGb[7]).toBeLessThan(perGb[8]);
  });

  it('does not change the price with data compression (the request estimate is the same for LZ4 and NONE)', () => {
    const base = { deploymentType: 'PERSISTENT_2' as const, storageCapacityGiB: 2400, perUnitStorageThroughput: 250, subnetId: 's', securityGroupIds: [] };
    const lz4 = ok(estimateRequestCost(request({ type: 'fsx-lustre', lustre: { ...base, dataCompressionType: 'LZ4' } })));
    const none = ok(estimateRequestCost(request({ type: 'fsx-lustre', lustre: { ...base, dataCompressionType: 'NONE' } })));
    expect(lz4.totalUsd).toBe(none.totalUsd);
  });

  it('prices backups of persistent file systems, and refuses backups on scratch', () => {
    const e = ok(fsxMonthly('us-east-1', { kind: 'lustre', deploymentType: 'PERSISTENT_2', storageCapacityGiB: 1200, perUnitStorageThroughput: 125, backupGiB: 100 }));
    expect(e.totalUsd).toBeCloseTo(174 + 5, 6);
    expect(reason(fsxMonthly('us-east-1', { kind: 'lustre', deploymentType: 'SCRATCH_2', storageCapacityGiB: 1200, backupGiB: 1 }))).toMatch(/scratch/);
  });

  it('is unavailable for an undocumented tier or option instead of guessing', () => {
    expect(reason(fsxMonthly('us-east-1', { kind: 'lustre', deploymentType: 'PERSISTENT_2', storageCapacityGiB: 1200, perUnitStorageThroughput: 200 }))).toMatch(/PERSISTENT_2 200/);
    expect(reason(fsxMonthly('us-east-1', { kind: 'lustre', deploymentType: 'PERSISTENT_1', storageCapacityGiB: 1200 }))).toMatch(/no price/);
    expect(
      reason(fsxMonthly('us-east-1', { kind: 'lustre', deploymentType: 'PERSISTENT_1', storageType: 'HDD', storageCapacityGiB: 6000, perUnitStorageThroughput: 12, driveCacheType: 'READ' })),
    ).toMatch(/read cache/);
    expect(reason(fsxMonthly('us-east-1', { kind: 'lustre', deploymentType: 'PERSISTENT_2', storageType: 'INTELLIGENT_TIERING', storageCapacityGiB: 0 }))).toMatch(/INTELLIGENT_TIERING/);
  });
});

describe('FSx for OpenZFS, Windows and ONTAP', () => {
  it('prices OpenZFS SINGLE_AZ_1: 300 GiB, 1,024 MBps, 1,000 IOPS = $27.00 + $266.24 + 100 extra IOPS $0.60', () => {
    const e = ok(fsxMonthly('us-east-1', { kind: 'openzfs', deploymentType: 'SINGLE_AZ_1', storageCapacityGiB: 300, throughputCapacityMBps: 1024, iops: 1000 }));
    expect(e.totalUsd).toBeCloseTo(293.84, 6);
    expect(e.components.find((c) => c.label.includes('IOPS'))?.quantity).toBe(100);
  });

  it('bills no IOPS when OpenZFS runs at the included 3 IOPS per GiB', () => {
    const e = ok(fsxMonthly('us-east-1', { kind: 'openzfs', deploymentType: 'SINGLE_AZ_1', storageCapacityGiB: 64, throughputCapacityMBps: 64, iops: 192 }));
    expect(e.totalUsd).toBeCloseTo(64 * 0.09 + 64 * 0.26, 6);
  });

  it('is unavailable for OpenZFS deployment types without a documented rate', () => {
    expect(reason(fsxMonthly('us-east-1', { kind: 'openzfs', deploymentType: 'MULTI_AZ_1', storageCapacityGiB: 64, throughputCapacityMBps: 160 }))).toMatch(/MULTI_AZ_1/);
  });

  it('prices Windows Multi-AZ SSD (300 GiB, 1,024 MBps = $4,677.00) and Single-AZ HDD (2,000 GiB, 32 MBps = $96.40)', () => {
    expect(ok(fsxMonthly('us-east-1', { kind: 'windows', deploymentType: 'MULTI_AZ_1', storageType: 'SSD', storageCapacityGiB: 300, throughputCapacityMBps: 1024 })).totalUsd).toBeCloseTo(69 + 4608, 6);
    expect(ok(fsxMonthly('us-east-1', { kind: 'windows', deploymentType: 'SINGLE_AZ_2', storageType: 'HDD', storageCapacityGiB: 2000, throughputCapacityMBps: 32 })).totalUsd).toBeCloseTo(26 + 70.4, 6);
  });

  it('is unavailable for Windows SSD IOPS above the included amount (no documented rate)', () => {
    expect(reason(fsxMonthly('us-east-1', { kind: 'windows', deploymentType: 'SINGLE_AZ_2', storageType: 'SSD', storageCapacityGiB: 100, throughputCapacityMBps: 32, iops: 5000 }))).toMatch(/IOPS/);
    expect(ok(fsxMonthly('us-east-1', { kind: 'windows', deploymentType: 'SINGLE_AZ_2', storageType: 'SSD', storageCapacityGiB: 100, throughputCapacityMBps: 32, iops: 300 })).totalUsd).toBeCloseTo(13 + 70.4, 6);
  });

  it('prices ONTAP SINGLE_AZ_1 SSD, throughput and capacity pool; second generation is unavailable', () => {
    const e = ok(fsxMonthly('us-east-1', { kind: 'ontap', deploymentType: 'SINGLE_AZ_1', ssdStorageGiB: 1024, throughputCapacityMBps: 128, capacityPoolGiB: 1000 }));
    expect(e.totalUsd).toBeCloseTo(1024 * 0.125 + 128 * 0.72 + 1000 * 0.0219, 6);
    const noPool = ok(fsxMonthly('us-east-1', { kind: 'ontap', deploymentType: 'MULTI_AZ_1', ssdStorageGiB: 1024, throughputCapacityMBps: 128 }));
    expect(noPool.notes?.join(' ')).toMatch(/Capacity pool/);
    expect(reason(fsxMonthly('us-east-1', { kind: 'ontap', deploymentType: 'SINGLE_AZ_2', ssdStorageGiB: 1024, throughputCapacityMBps: 384 }))).toMatch(/SINGLE_AZ_2/);
  });
});

describe('S3', () => {
  it('applies the first-50-TB tier boundary: 60 TB of STANDARD = 51,200 GiB x $0.023 + 10,240 GiB x $0.022', () => {
    const e = ok(estimateS3Cost('us-east-1', { STANDARD: 60 * 1024 * GiB }));
    expect(label(e)).toEqual(['S3 Standard storage (first 50 TB)', 'S3 Standard storage (next 450 TB)']);
    expect(e.totalUsd).toBeCloseTo(51200 * 0.023 + 10240 * 0.022, 6);
  });

  it('keeps exactly 50 TB in the first tier and reaches the third tier above 500 TB', () => {
    expect(ok(estimateS3Cost('us-east-1', { STANDARD: 50 * 1024 * GiB })).components).toHaveLength(1);
    const big = ok(estimateS3Cost('us-east-1', { STANDARD: 600 * 1024 * GiB }));
    expect(big.components.map((c) => c.quantity)).toEqual([51200, 460800, 102400]);
  });

  it('prices each storage class and Intelligent-Tiering monitoring per 1,000 objects', () => {
    const e = ok(
      estimateS3Cost(
        'us-east-1',
        { STANDARD_IA: 1000 * GiB, ONEZONE_IA: 1000 * GiB, GLACIER_IR: 1000 * GiB, GLACIER: 1000 * GiB, DEEP_ARCHIVE: 1000 * GiB, INTELLIGENT_TIERING: 1000 * GiB },
        2_000_000,
      ),
    );
    const usd = Object.fromEntries(e.components.map((c) => [c.label, c.usd]));
    expect(usd['S3 Standard-IA storage']).toBeCloseTo(12.5, 6);
    expect(usd['S3 One Zone-IA storage']).toBeCloseTo(10, 6);
    expect(usd['S3 Glacier Instant Retrieval storage']).toBeCloseTo(4, 6);
    expect(usd['S3 Glacier Flexible Retrieval storage']).toBeCloseTo(3.6, 6);
    expect(usd['S3 Glacier Deep Archive storage']).toBeCloseTo(0.99, 6);
    expect(usd['S3 Intelligent-Tiering monitoring']).toBeCloseTo(5, 6);
    expect(e.notes?.join(' ')).toMatch(/upper bound/);
  });

  it('prices an Intelligent-Tiering tier split and requests', () => {
    const e = ok(
      s3Monthly('us-east-1', {
        bytesByClass: { INTELLIGENT_TIERING: 300 * GiB },
        intelligentTieringTiers: { frequentBytes: 100 * GiB, infrequentBytes: 100 * GiB, archiveInstantBytes: 100 * GiB },
        objects: 1000,
        requests: { put: 1_000_000, get: 10_000_000 },
      }),
    );
    expect(e.totalUsd).toBeCloseTo(2.3 + 1.25 + 0.4 + 0.0025 + 5 + 4, 6);
  });

  it('says when the monitoring charge is left out for lack of an object count', () => {
    const e = ok(estimateS3Cost('us-east-1', { INTELLIGENT_TIERING: GiB }));
    expect(e.notes?.join(' ')).toMatch(/monitoring/);
  });

  it('rejects an unknown storage class', () => {
    expect(reason(s3Monthly('us-east-1', { bytesByClass: { REDUCED_REDUNDANCY: 1 } as never }))).toMatch(/REDUCED_REDUNDANCY/);
  });
});

describe('API cost meter', () => {
  it('prices GetMetricData per 1,000 metrics and Cost Explorer per request', () => {
    const e = ok(apiCostPerMonth({ getMetricDataMetricsPerMonth: 1_000_000, costExplorerRequestsPerMonth: 720 }));
    expect(e.totalUsd).toBeCloseTo(10 + 7.2, 6);
    expect(e.region).toBe('us-east-1');
  });

  it('turns a polling rate into metrics per 730-hour month', () => {
    expect(metricsPerMonth(500, 60)).toBe(730 * 60 * 500);
    expect(metricsPerMonth(500, 0)).toBe(0);
    const e = ok(apiCostPerMonth({ getMetricDataMetricsPerMonth: metricsPerMonth(20, 300), costExplorerRequestsPerMonth: 0 }));
    expect(e.totalUsd).toBeCloseTo((730 * 12 * 20) / 1000 * 0.01, 6);
  });
});

describe('regions', () => {
  const gp3Info = info({ type: 'ebs', id: 'vol-1', region: 'ap-south-2', sizeBytes: 100 * GiB, ebs: { volumeType: 'gp3' } });

  it('answers "estimate unavailable" with a reason for a region without prices, from every entry point', () => {
    const reasons = [
      reason(estimateStorageCost(gp3Info)),
      reason(estimateS3Cost('ap-south-2', { STANDARD: GiB })),
      reason(ebsMonthly('ap-south-2', { volumeType: 'gp3', sizeGiB: 1 })),
      reason(efsMonthly('ap-south-2', { standardGiB: 1, throughputMode: 'elastic' })),
      reason(fsxMonthly('ap-south-2', { kind: 'lustre', deploymentType: 'SCRATCH_2', storageCapacityGiB: 1200 })),
      reason(apiCostPerMonth({ getMetricDataMetricsPerMonth: 1, costExplorerRequestsPerMonth: 1 }, 'ap-south-2')),
      reason(estimateRequestCost(request({ type: 'ebs', ebs: { volumeType: 'gp3', sizeGiB: 10, availabilityZone: 'ap-south-2a', encrypted: true } }, 'ap-south-2'))),
    ];
    for (const r of reasons) expect(r).toBe('no price table for ap-south-2: estimate unavailable');
    expect(monthlyCostOf(gp3Info)).toBeNull();
  });

  it('prices a region added with registerRegionPrices, and only the services it was given', () => {
    const east = priceTableFor('us-east-1');
    if (!east?.ebs) throw new Error('us-east-1 EBS table missing');
    const bumped = (r: Rate): Rate => ({ ...r, usd: r.usd * 1.2, source: 'https://example.test/eu-south-2-prices', verified: false });
    const table: RegionPriceTable = { ebs: { ...east.ebs, storage: { ...east.ebs.storage, gp3: bumped(east.ebs.storage.gp3) } } };
    registerRegionPrices('eu-south-2', table);
    expect(pricedRegions()).toContain('eu-south-2');
    const e = ok(ebsMonthly('eu-south-2', { volumeType: 'gp3', sizeGiB: 100 }));
    expect(e.totalUsd).toBeCloseTo(9.6, 6);
    expect(e.components[0].source).toContain('https://example.test/eu-south-2-prices');
    expect(reason(efsMonthly('eu-south-2', { standardGiB: 1, throughputMode: 'elastic' }))).toBe('no EFS prices for eu-south-2: estimate unavailable');
  });

  it('rejects a table whose rates lack a source or a read date, and a malformed region code', () => {
    const east = priceTableFor('us-east-1');
    if (!east?.api) throw new Error('us-east-1 API table missing');
    const unsourced = { api: { ...east.api, getMetricData: { ...east.api.getMetricData, source: '' } } };
    expect(() => registerRegionPrices('eu-west-3', unsourced)).toThrow(/missing source/);
    const undated = { api: { ...east.api, costExplorerRequest: { ...east.api.costExplorerRequest, asOf: 'last week' } } };
    expect(() => registerRegionPrices('eu-west-3', undated)).toThrow(/asOf/);
    expect(() => registerRegionPrices('Europe', { api: east.api })).toThrow(/region code/);
    expect(pricedRegions()).not.toContain('eu-west-3');
  });
});

describe('provenance', () => {
  it('gives every rate in the us-east-1 table an https source, a read date and a verified flag', () => {
    const rates: Record<string, unknown>[] = [];
    const walk = (n: unknown): void => {
      if (n === null || typeof n !== 'object') return;
      const o = n as Record<string, unknown>;
      if ('usd' in o || 'tiers' in o) rates.push(o);
      else Object.values(o).forEach(walk);
    };
    walk(priceTableFor('us-east-1'));
    expect(rates.length).toBeGreaterThan(60);
    for (const r of rates) {
      expect(r.source).toMatch(/^https:\/\/aws\.amazon\.com\//);
      expect(r.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(typeof r.verified).toBe('boolean');
    }
  });

  it('puts a source on every component of every kind of estimate, marking unverified rates', () => {
    const estimates = [
      ebsMonthly('us-east-1', { volumeType: 'io2', sizeGiB: 100, iops: 70000, snapshotGiB: 5 }),
      efsMonthly('us-east-1', { standardGiB: 1, iaGiB: 1, archiveGiB: 1, throughputMode: 'provisioned', provisionedMiBps: 10, backupGiB: 1 }),
      fsxMonthly('us-east-1', { kind: 'lustre', deploymentType: 'PERSISTENT_1', storageType: 'HDD', storageCapacityGiB: 6000, perUnitStorageThroughput: 12, backupGiB: 1 }),
      fsxMonthly('us-east-1', { kind: 'openzfs', deploymentType: 'SINGLE_AZ_1', storageCapacityGiB: 64, throughputCapacityMBps: 64, iops: 1000, backupGiB: 1 }),
      fsxMonthly('us-east-1', { kind: 'windows', deploymentType: 'MULTI_AZ_1', storageType: 'HDD', storageCapacityGiB: 2000, throughputCapacityMBps: 32, backupGiB: 1 }),
      fsxMonthly('us-east-1', { kind: 'ontap', deploymentType: 'MULTI_AZ_1', ssdStorageGiB: 1024, throughputCapacityMBps: 128, iops: 5000, capacityPoolGiB: 1, backupGiB: 1 }),
      s3Monthly('us-east-1', { bytesByClass: { STANDARD: GiB, GLACIER_IR: GiB, INTELLIGENT_TIERING: GiB }, objects: 10, requests: { storageClass: 'GLACIER_IR', put: 1, get: 1 } }),
      apiCostPerMonth({ getMetricDataMetricsPerMonth: 1, costExplorerRequestsPerMonth: 1 }),
    ].map(ok);
    for (const e of estimates) {
      expect(e.components.length).toBeGreaterThan(0);
      for (const c of e.components) {
        expect(c.source).toMatch(/^https:\/\/aws\.amazon\.com\/.+\(read \d{4}-\d{2}-\d{2}(; unverified)?\)$/);
        expect(c.usd).toBeCloseTo(c.quantity * c.rate, 6);
      }
      expect(e.totalUsd).toBeCloseTo(e.components.reduce((s, c) => s + c.usd, 0), 6);
    }
    const ce = estimates[7].components[1];
    expect(ce.source).not.toContain('unverified');
    expect(estimates[0].components[0].source).toContain('unverified');
  });
});

describe('StorageInfo and StorageRequest', () => {
  const pairs: [string, StorageRequest, StorageInfo][] = [
    [
      'EBS gp3 at the defaults',
      request({ type: 'ebs', ebs: { volumeType: 'gp3', sizeGiB: 500, availabilityZone: 'us-east-1a', encrypted: true } }),
      info({ type: 'ebs', id: 'vol-1', sizeBytes: 500 * GiB, iops: 3000, throughputMBps: 125, ebs: { volumeType: 'gp3' } }),
    ],
    [
      'EBS io2',
      request({ type: 'ebs', ebs: { volumeType: 'io2', sizeGiB: 200, iops: 40000, availabilityZone: 'us-east-1a', encrypted: true } }),
      info({ type: 'ebs', id: 'vol-2', sizeBytes: 200 * GiB, iops: 40000, ebs: { volumeType: 'io2' } }),
    ],
    [
      'EFS One Zone provisioned',
      request({
        type: 'efs',
        efs: { performanceMode: 'generalPurpose', throughputMode: 'provisioned', provisionedThroughputMiBps: 64, encrypted: true, availabilityZoneName: 'us-east-1a', subnetIds: [], securityGroupIds: [] },
      }),
      info({
        type: 'efs',
        id: 'fs-1',
        sizeBytes: 0,
        efs: { performanceMode: 'generalPurpose', throughputMode: 'provisioned', provisionedThroughputMiBps: 64, lifecyclePolicies: [], oneZone: true, numberOfMountTargets: 1, sizeInStandardBytes: 0 },
      }),
    ],
    [
      'S3 bucket',
      request({ type: 's3', s3: { bucketName: 'b', region: 'us-east-1', encryption: 'AES256', versioning: true, blockPublicAccess: true } }),
      info({ type: 's3', id: 'b', sizeBytes: 0, mount: { s3Region: 'us-east-1' } }),
    ],
    [
      'Lustre PERSISTENT_2',
      request({ type: 'fsx-lustre', lustre: { deploymentType: 'PERSISTENT_2', storageCapacityGiB: 4800, perUnitStorageThroughput: 500, dataCompressionType: 'LZ4', subnetId: 's', securityGroupIds: [] } }),
      info({ type: 'fsx-lustre', id: 'fs-2', sizeBytes: 4800 * GiB, fsx: { fileSystemType: 'LUSTRE', deploymentType: 'PERSISTENT_2', storageType: 'SSD', perUnitStorageThroughput: 500, subnetIds: [] } }),
    ],
    [
      'OpenZFS SINGLE_AZ_1',
      request({
        type: 'fsx-openzfs',
        openzfs: { deploymentType: 'SINGLE_AZ_1', throughputCapacityMBps: 128, storageCapacityGiB: 512, dataCompressionType: 'ZSTD', recordSizeKiB: 128, nfsExportClients: '*', subnetIds: [], securityGroupIds: [] },
      }),
      info({ type: 'fsx-openzfs', id: 'fs-3', sizeBytes: 512 * GiB, throughputMBps: 128, iops: 1536, fsx: { fileSystemType: 'OPENZFS', deploymentType: 'SINGLE_AZ_1', storageType: 'SSD', subnetIds: [] } }),
    ],
    [
      'Windows MULTI_AZ_1 SSD',
      request({ type: 'fsx-windows', windows: { deploymentType: 'MULTI_AZ_1', throughputCapacityMBps: 64, storageType: 'SSD', storageCapacityGiB: 1000, subnetIds: [], securityGroupIds: [] } }),
      info({ type: 'fsx-windows', id: 'fs-4', sizeBytes: 1000 * GiB, throughputMBps: 64, iops: 3000, fsx: { fileSystemType: 'WINDOWS', deploymentType: 'MULTI_AZ_1', storageType: 'SSD', subnetIds: [] } }),
    ],
    [
      'ONTAP SINGLE_AZ_1',
      request({
        type: 'fsx-ontap',
        ontap: { deploymentType: 'SINGLE_AZ_1', throughputCapacityMBps: 256, storageCapacityGiB: 2048, svmName: 'svm', volumeName: 'vol', junctionPath: '/vol', volumeSizeMiB: 1024, subnetIds: [], securityGroupIds: [] },
      }),
      info({ type: 'fsx-ontap', id: 'fs-5', sizeBytes: 2048 * GiB, throughputMBps: 256, iops: 6144, fsx: { fileSystemType: 'ONTAP', deploymentType: 'SINGLE_AZ_1', storageType: 'SSD', subnetIds: [] } }),
    ],
  ];

  it.each(pairs)('estimates a %s request exactly like the resource it creates', (_name, req, res) => {
    const a = ok(estimateRequestCost(req));
    const b = ok(estimateStorageCost(res));
    expect(a.components).toEqual(b.components);
    expect(a.totalUsd).toBe(b.totalUsd);
    expect(monthlyCostOf(res)).toBe(b.totalUsd);
  });

  it('reads EFS class sizes from the StorageInfo details', () => {
    const res = info({
      type: 'efs',
      id: 'fs-6',
      sizeBytes: 1200 * GiB,
      efs: { performanceMode: 'generalPurpose', throughputMode: 'elastic', lifecyclePolicies: [], oneZone: false, numberOfMountTargets: 3, sizeInStandardBytes: 100 * GiB, sizeInIaBytes: 1000 * GiB, sizeInArchiveBytes: 100 * GiB },
    });
    expect(ok(estimateStorageCost(res)).totalUsd).toBeCloseTo(30 + 16 + 0.8, 6);
    expect(ok(estimateStorageCost(res, { efsElasticReadGiB: 100, efsElasticWriteGiB: 0 })).totalUsd).toBeCloseTo(30 + 16 + 0.8 + 3, 6);
  });

  it('prices S3 from its size (noting the STANDARD assumption) or from a class breakdown', () => {
    const bucket = info({ type: 's3', id: 'b', sizeBytes: 1000 * GiB });
    const plain = ok(estimateStorageCost(bucket));
    expect(plain.totalUsd).toBeCloseTo(23, 6);
    expect(plain.notes?.join(' ')).toMatch(/priced as S3 Standard/);
    const split = ok(estimateStorageCost(bucket, { s3BytesByClass: { STANDARD: 500 * GiB, DEEP_ARCHIVE: 500 * GiB } }));
    expect(split.totalUsd).toBeCloseTo(11.5 + 0.495, 6);
  });

  it('prices a wizard request for a bucket that lifecycles into Intelligent-Tiering at the expected size', () => {
    const req = request({ type: 's3', s3: { bucketName: 'b', region: 'us-east-1', encryption: 'AES256', versioning: false, blockPublicAccess: true, lifecyclePreset: 'intelligent-tiering' } });
    const e = ok(estimateRequestCost(req, { expectedStoredGiB: 1000 }));
    expect(e.components[0].label).toMatch(/Intelligent-Tiering/);
    expect(e.totalUsd).toBeCloseTo(23, 6);
  });

  it('returns null from monthlyCostOf when a value the price depends on is unknown', () => {
    expect(monthlyCostOf(info({ type: 'ebs', id: 'vol-x', ebs: { volumeType: 'gp3' } }))).toBeNull();
    expect(reason(estimateStorageCost(info({ type: 'fsx-openzfs', id: 'fs-x', sizeBytes: GiB, fsx: { fileSystemType: 'OPENZFS', deploymentType: 'SINGLE_AZ_1', subnetIds: [] } })))).toMatch(/throughput/);
    expect(reason(estimateStorageCost(info({ type: 'fsx-lustre', id: 'fs-y', sizeBytes: GiB, fsx: { fileSystemType: 'LUSTRE', subnetIds: [] } })))).toMatch(/deployment type/);
  });
});
