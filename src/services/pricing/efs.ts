// EFS: storage by class (Regional or One Zone) plus the throughput mode's charges.

import { Bill, badQuantity, firstError, pricesFor, unavailable } from './bill.js';
import type { EstimateResult } from './model.js';

export type EfsThroughputMode = 'elastic' | 'bursting' | 'provisioned';

export interface EfsParams {
  standardGiB: number;
  iaGiB?: number;
  archiveGiB?: number;
  throughputMode: EfsThroughputMode | string;
  /** Provisioned mode: the provisioned throughput in MiB/s. */
  provisionedMiBps?: number;
  /** One Zone storage classes (lower rates, no Archive class). */
  oneZone?: boolean;
  /** Elastic mode: data read per month, GiB. */
  elasticReadGiB?: number;
  /** Elastic mode: data written per month, GiB. */
  elasticWriteGiB?: number;
  /** Backup (AWS Backup warm storage) GiB. */
  backupGiB?: number;
}

export function efsMonthly(region: string, p: EfsParams): EstimateResult {
  const table = pricesFor(region, 'efs');
  if (!table.ok) return unavailable(table.reason);
  const prices = table.prices;
  const err = firstError(
    badQuantity('standardGiB', p.standardGiB),
    badQuantity('iaGiB', p.iaGiB),
    badQuantity('archiveGiB', p.archiveGiB),
    badQuantity('provisionedMiBps', p.provisionedMiBps),
    badQuantity('elasticReadGiB', p.elasticReadGiB),
    badQuantity('elasticWriteGiB', p.elasticWriteGiB),
    badQuantity('backupGiB', p.backupGiB),
  );
  if (err) return unavailable(err);
  const mode = p.throughputMode;
  if (mode !== 'elastic' && mode !== 'bursting' && mode !== 'provisioned') return unavailable(`EFS throughput mode ${JSON.stringify(mode)} has no price: estimate unavailable`);

  const bill = new Bill(region);
  if (p.oneZone) {
    bill.add('One Zone storage', p.standardGiB, prices.oneZone, 'GiB-month');
    if (p.iaGiB) bill.add('One Zone-IA storage', p.iaGiB, prices.oneZoneInfrequentAccess, 'GiB-month');
    if (p.archiveGiB) {
      if (!prices.oneZoneArchive) return unavailable('EFS One Zone has no Archive storage class: estimate unavailable');
      bill.add('One Zone Archive storage', p.archiveGiB, prices.oneZoneArchive, 'GiB-month');
    }
  } else {
    bill.add('Standard storage', p.standardGiB, prices.standard, 'GiB-month');
    if (p.iaGiB) bill.add('Infrequent Access storage', p.iaGiB, prices.infrequentAccess, 'GiB-month');
    if (p.archiveGiB) bill.add('Archive storage', p.archiveGiB, prices.archive, 'GiB-month');
  }

  switch (mode) {
    case 'elastic':
      if (p.elasticReadGiB === undefined && p.elasticWriteGiB === undefined) {
        bill.note(`Elastic throughput is billed per GB transferred ($${prices.elasticRead.usd}/GB read, $${prices.elasticWrite.usd}/GB written); not included.`);
      } else {
        bill.add('Elastic throughput: reads', p.elasticReadGiB ?? 0, prices.elasticRead);
        bill.add('Elastic throughput: writes', p.elasticWriteGiB ?? 0, prices.elasticWrite);
      }
      break;
    case 'provisioned': {
      if (p.provisionedMiBps === undefined) return unavailable('EFS provisioned throughput mode without a provisioned MiB/s value: estimate unavailable');
      // Provisioned mode bills only what exceeds the baseline Bursting mode would give the Standard storage.
      const baseline = p.standardGiB * prices.burstingBaselineMiBpsPerGiB;
      const billed = Math.max(0, p.provisionedMiBps - baseline);
      bill.add(`Provisioned throughput above the ${round2(baseline)} MiB/s bursting baseline`, round6(billed), prices.provisionedThroughput);
      break;
    }
    case 'bursting':
      break;
  }
  if (p.backupGiB !== undefined) bill.add('Backups (warm)', p.backupGiB, prices.backup, 'GiB-month');
  if (p.iaGiB || p.archiveGiB) bill.note('Reads from (and tiering into) Infrequent Access and Archive are billed per GB; not included.');
  return bill.result();
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
