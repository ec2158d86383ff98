// Amazon FSx: Lustre, OpenZFS, Windows File Server and NetApp ONTAP.

import { groupDigits } from '../format.js';
import { Bill, badQuantity, firstError, pricesFor, unavailable } from './bill.js';
import type { EstimateResult, OntapDeployment, OpenZfsDeployment, Rate } from './model.js';

/** FSx includes 3 SSD IOPS per GiB of SSD storage (OpenZFS, Windows, ONTAP); only IOPS above that are billed. */
export const FSX_INCLUDED_IOPS_PER_GIB = 3;
/** A PERSISTENT_1 HDD file system with DriveCacheType READ gets an SSD cache of 20% of its storage capacity. */
export const LUSTRE_HDD_READ_CACHE_FRACTION = 0.2;

export interface LustreParams {
  kind: 'lustre';
  deploymentType: string; // SCRATCH_1 | SCRATCH_2 | PERSISTENT_1 | PERSISTENT_2
  storageType?: string; // SSD (default) | HDD
  storageCapacityGiB: number;
  /** MB/s per TiB; required for PERSISTENT_1 / PERSISTENT_2. */
  perUnitStorageThroughput?: number;
  driveCacheType?: string; // NONE | READ (PERSISTENT_1 HDD)
  backupGiB?: number;
}

export interface OpenZfsParams {
  kind: 'openzfs';
  deploymentType: string;
  storageType?: string; // SSD (default)
  storageCapacityGiB: number;
  throughputCapacityMBps: number;
  /** Provisioned SSD IOPS (user-provisioned mode); absent = automatic (3 per GiB, included). */
  iops?: number;
  backupGiB?: number;
}

export interface WindowsParams {
  kind: 'windows';
  deploymentType: string; // SINGLE_AZ_1 | SINGLE_AZ_2 | MULTI_AZ_1
  storageType: string; // SSD | HDD
  storageCapacityGiB: number;
  throughputCapacityMBps: number;
  /** Provisioned SSD IOPS; absent = automatic (3 per GiB, included). */
  iops?: number;
  backupGiB?: number;
}

export interface OntapParams {
  kind: 'ontap';
  deploymentType: string; // SINGLE_AZ_1 | SINGLE_AZ_2 | MULTI_AZ_1 | MULTI_AZ_2
  /** Provisioned SSD storage (the file system's StorageCapacity), GiB. */
  ssdStorageGiB: number;
  /** Data in the capacity pool tier (usage-based), GiB. */
  capacityPoolGiB?: number;
  /** Total throughput capacity (all HA pairs), MBps. */
  throughputCapacityMBps: number;
  /** Provisioned SSD IOPS; absent = automatic (3 per GiB, included). */
  iops?: number;
  backupGiB?: number;
}

export type FsxParams = LustreParams | OpenZfsParams | WindowsParams | OntapParams;

export function fsxMonthly(region: string, p: FsxParams): EstimateResult {
  switch (p.kind) {
    case 'lustre':
      return lustreMonthly(region, p);
    case 'openzfs':
      return openZfsMonthly(region, p);
    case 'windows':
      return windowsMonthly(region, p);
    case 'ontap':
      return ontapMonthly(region, p);
  }
}

function lustreMonthly(region: string, p: LustreParams): EstimateResult {
  const t = pricesFor(region, 'lustre');
  if (!t.ok) return unavailable(t.reason);
  const prices = t.prices;
  const err = firstError(badQuantity('storageCapacityGiB', p.storageCapacityGiB), badQuantity('backupGiB', p.backupGiB));
  if (err) return unavailable(err);
  const storageType = (p.storageType ?? 'SSD').toUpperCase();
  const dep = p.deploymentType.toUpperCase();
  const tier = p.perUnitStorageThroughput;
  const bill = new Bill(region);
  const what = `${dep}${tier !== undefined ? ` ${tier} MB/s/TiB` : ''}${storageType !== 'SSD' ? ` ${storageType}` : ''}`;
  const noPrice = unavailable(`FSx for Lustre ${what} has no price: estimate unavailable`);

  if (dep === 'SCRATCH_1' || dep === 'SCRATCH_2') {
    if (storageType !== 'SSD') return noPrice;
    bill.add(`${dep} SSD storage`, p.storageCapacityGiB, prices.scratch, 'GiB-month');
  } else if (dep === 'PERSISTENT_1' && storageType === 'SSD') {
    const rate = tier === 50 || tier === 100 || tier === 200 ? prices.persistent1Ssd[String(tier) as '50' | '100' | '200'] : undefined;
    if (!rate) return noPrice;
    bill.add(`PERSISTENT_1 SSD ${tier} MB/s/TiB storage`, p.storageCapacityGiB, rate, 'GiB-month');
  } else if (dep === 'PERSISTENT_1' && storageType === 'HDD') {
    const rate = tier === 12 || tier === 40 ? prices.persistent1Hdd[String(tier) as '12' | '40'] : undefined;
    if (!rate) return noPrice;
    bill.add(`PERSISTENT_1 HDD ${tier} MB/s/TiB storage`, p.storageCapacityGiB, rate, 'GiB-month');
    if ((p.driveCacheType ?? 'NONE').toUpperCase() === 'READ') {
      if (!prices.persistent1HddReadCache) return unavailable('FSx for Lustre HDD SSD read cache has no price: estimate unavailable');
      bill.add('SSD read cache (20% of capacity)', p.storageCapacityGiB * LUSTRE_HDD_READ_CACHE_FRACTION, prices.persistent1HddReadCache, 'GiB-month');
    }
  } else if (dep === 'PERSISTENT_2' && storageType === 'SSD') {
    const rate = tier === 125 || tier === 250 || tier === 500 || tier === 1000 ? prices.persistent2[String(tier) as '125' | '250' | '500' | '1000'] : undefined;
    if (!rate) return noPrice;
    bill.add(`PERSISTENT_2 SSD ${tier} MB/s/TiB storage`, p.storageCapacityGiB, rate, 'GiB-month');
  } else {
    return noPrice;
  }
  if (p.backupGiB !== undefined) {
    if (dep.startsWith('SCRATCH')) return unavailable('FSx for Lustre scratch file systems have no backups: estimate unavailable');
    bill.add('Backups', p.backupGiB, prices.backup, 'GiB-month');
  } else if (!dep.startsWith('SCRATCH')) {
    bill.note(`Backups are billed separately ($${prices.backup.usd} per GB-month); not included.`);
  }
  return bill.result();
}

function openZfsMonthly(region: string, p: OpenZfsParams): EstimateResult {
  const t = pricesFor(region, 'openzfs');
  if (!t.ok) return unavailable(t.reason);
  const prices = t.prices;
  const err = firstError(
    badQuantity('storageCapacityGiB', p.storageCapacityGiB),
    badQuantity('throughputCapacityMBps', p.throughputCapacityMBps),
    badQuantity('iops', p.iops),
    badQuantity('backupGiB', p.backupGiB),
  );
  if (err) return unavailable(err);
  const dep = p.deploymentType.toUpperCase() as OpenZfsDeployment;
  const row = prices.deployments[dep];
  if (!row) return unavailable(`FSx for OpenZFS ${p.deploymentType} has no price: estimate unavailable`);
  const storageType = (p.storageType ?? 'SSD').toUpperCase();
  if (storageType !== 'SSD') return unavailable(`FSx for OpenZFS ${storageType} storage has no price: estimate unavailable`);
  const bill = new Bill(region)
    .add(`${dep} SSD storage`, p.storageCapacityGiB, row.ssdStorage, 'GiB-month')
    .add(`${dep} throughput capacity`, p.throughputCapacityMBps, row.throughput);
  addExtraIops(bill, p.iops, p.storageCapacityGiB, row.iops, 'FSx for OpenZFS');
  addBackup(bill, p.backupGiB, prices.backup);
  return bill.result();
}

function windowsMonthly(region: string, p: WindowsParams): EstimateResult {
  const t = pricesFor(region, 'windows');
  if (!t.ok) return unavailable(t.reason);
  const prices = t.prices;
  const err = firstError(
    badQuantity('storageCapacityGiB', p.storageCapacityGiB),
    badQuantity('throughputCapacityMBps', p.throughputCapacityMBps),
    badQuantity('iops', p.iops),
    badQuantity('backupGiB', p.backupGiB),
  );
  if (err) return unavailable(err);
  const dep = p.deploymentType.toUpperCase();
  const az = dep === 'MULTI_AZ_1' ? 'multi' : dep === 'SINGLE_AZ_1' || dep === 'SINGLE_AZ_2' ? 'single' : null;
  if (!az) return unavailable(`FSx for Windows File Server ${p.deploymentType} has no price: estimate unavailable`);
  const row = az === 'multi' ? prices.multiAz : prices.singleAz;
  const azLabel = az === 'multi' ? 'Multi-AZ' : 'Single-AZ';
  const storageType = p.storageType.toUpperCase();
  if (storageType !== 'SSD' && storageType !== 'HDD') return unavailable(`FSx for Windows File Server ${p.storageType} storage has no price: estimate unavailable`);
  const bill = new Bill(region)
    .add(`${azLabel} ${storageType} storage`, p.storageCapacityGiB, storageType === 'SSD' ? row.ssdStorage : row.hddStorage, 'GiB-month')
    .add(`${azLabel} throughput capacity`, p.throughputCapacityMBps, row.throughput);
  if (storageType === 'SSD') {
    const err2 = addExtraIops(bill, p.iops, p.storageCapacityGiB, row.iops, `FSx for Windows File Server ${azLabel}`);
    if (err2) return unavailable(err2);
  }
  addBackup(bill, p.backupGiB, prices.backup);
  return bill.result();
}

function ontapMonthly(region: string, p: OntapParams): EstimateResult {
  const t = pricesFor(region, 'ontap');
  if (!t.ok) return unavailable(t.reason);
  const prices = t.prices;
  const err = firstError(
    badQuantity('ssdStorageGiB', p.ssdStorageGiB),
    badQuantity('capacityPoolGiB', p.capacityPoolGiB),
    badQuantity('throughputCapacityMBps', p.throughputCapacityMBps),
    badQuantity('iops', p.iops),
    badQuantity('backupGiB', p.backupGiB),
  );
  if (err) return unavailable(err);
  const dep = p.deploymentType.toUpperCase() as OntapDeployment;
  const row = prices.deployments[dep];
  if (!row) return unavailable(`FSx for NetApp ONTAP ${p.deploymentType} has no price: estimate unavailable`);
  const azLabel = dep.startsWith('MULTI_AZ_') ? 'Multi-AZ' : 'Single-AZ';
  const bill = new Bill(region)
    .add(`${azLabel} SSD storage`, p.ssdStorageGiB, row.ssdStorage, 'GiB-month')
    .add(`${azLabel} throughput capacity`, p.throughputCapacityMBps, row.throughput);
  addExtraIops(bill, p.iops, p.ssdStorageGiB, row.iops, 'FSx for NetApp ONTAP');
  if (p.capacityPoolGiB !== undefined) bill.add(`${azLabel} capacity pool storage`, p.capacityPoolGiB, row.capacityPool, 'GiB-month');
  else bill.note(`Capacity pool storage is billed per GB-month used ($${row.capacityPool.usd}), plus capacity pool requests; not included.`);
  addBackup(bill, p.backupGiB, prices.backup);
  return bill.result();
}

/** Adds the IOPS provisioned above the included 3/GiB; returns a reason when they exist but have no price. */
function addExtraIops(bill: Bill, iops: number | undefined, ssdGiB: number, rate: Rate | null, what: string): string | null {
  if (iops === undefined) return null;
  const included = Math.round(ssdGiB * FSX_INCLUDED_IOPS_PER_GIB);
  const extra = Math.max(0, iops - included);
  if (extra <= 0) return null;
  if (!rate) return `${what} SSD IOPS above the included 3 per GiB have no price: estimate unavailable`;
  bill.add(`SSD IOPS above the ${groupDigits(included)} included (3/GiB)`, extra, rate);
  return null;
}

function addBackup(bill: Bill, backupGiB: number | undefined, rate: Rate): void {
  if (backupGiB !== undefined) bill.add('Backups', backupGiB, rate, 'GiB-month');
  else bill.note(`Backups are billed separately ($${rate.usd} per GB-month); not included.`);
}
