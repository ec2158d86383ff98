// EBS volumes: storage by volume type plus provisioned performance where AWS bills it.

import { groupDigits } from '../format.js';
import { Bill, badQuantity, firstError, pricesFor, unavailable } from './bill.js';
import { EBS_VOLUME_TYPES, type EbsVolumeType, type EstimateResult } from './model.js';

export interface EbsParams {
  volumeType: EbsVolumeType | string;
  sizeGiB: number;
  /** Provisioned IOPS (gp3, io1, io2). gp3 defaults to the 3,000 included; ignored for gp2/st1/sc1/standard. */
  iops?: number;
  /** gp3 provisioned throughput in MiB/s; defaults to the 125 included. */
  throughputMBps?: number;
  /** Snapshot data (standard tier) to price alongside the volume. */
  snapshotGiB?: number;
  /** Snapshot data in the archive tier. */
  snapshotArchiveGiB?: number;
  /** Magnetic (standard) volumes only: I/O requests per month, in millions. */
  ioRequestsMillions?: number;
}

/** gp3 includes 3,000 IOPS and 125 MiB/s at no extra charge. */
export const GP3_INCLUDED_IOPS = 3000;
export const GP3_INCLUDED_THROUGHPUT_MIBPS = 125;

export function isEbsVolumeType(v: string): v is EbsVolumeType {
  return (EBS_VOLUME_TYPES as readonly string[]).includes(v);
}

export function ebsMonthly(region: string, p: EbsParams): EstimateResult {
  const table = pricesFor(region, 'ebs');
  if (!table.ok) return unavailable(table.reason);
  const prices = table.prices;
  if (!isEbsVolumeType(p.volumeType)) return unavailable(`EBS volume type ${JSON.stringify(p.volumeType)} has no price: estimate unavailable`);
  const err = firstError(
    badQuantity('sizeGiB', p.sizeGiB),
    badQuantity('iops', p.iops),
    badQuantity('throughputMBps', p.throughputMBps),
    badQuantity('snapshotGiB', p.snapshotGiB),
    badQuantity('snapshotArchiveGiB', p.snapshotArchiveGiB),
    badQuantity('ioRequestsMillions', p.ioRequestsMillions),
  );
  if (err) return unavailable(err);

  const type = p.volumeType;
  const bill = new Bill(region).add(`${type} storage`, p.sizeGiB, prices.storage[type], 'GiB-month');
  switch (type) {
    case 'gp3': {
      const iops = Math.max(0, (p.iops ?? GP3_INCLUDED_IOPS) - GP3_INCLUDED_IOPS);
      const tput = Math.max(0, (p.throughputMBps ?? GP3_INCLUDED_THROUGHPUT_MIBPS) - GP3_INCLUDED_THROUGHPUT_MIBPS);
      if (iops > 0) bill.add('gp3 IOPS above 3,000', iops, prices.gp3Iops);
      if (tput > 0) bill.add('gp3 throughput above 125 MiB/s', tput, prices.gp3Throughput);
      break;
    }
    case 'io1':
      if (p.iops === undefined) return unavailable('io1 volume without provisioned IOPS: estimate unavailable');
      bill.add('io1 provisioned IOPS', p.iops, prices.io1Iops);
      break;
    case 'io2':
      if (p.iops === undefined) return unavailable('io2 volume without provisioned IOPS: estimate unavailable');
      bill.addTiered('io2 provisioned IOPS', p.iops, prices.io2Iops, (lo, hi) => (hi === null ? `above ${fmt(lo)}` : lo === 0 ? `up to ${fmt(hi)}` : `${fmt(lo + 1)}-${fmt(hi)}`));
      break;
    case 'standard':
      if (p.ioRequestsMillions !== undefined) bill.add('magnetic I/O requests', p.ioRequestsMillions, prices.standardIo);
      else bill.note('Magnetic (standard) volumes are also billed per million I/O requests; not included.');
      break;
    default:
      break;
  }
  if (p.snapshotGiB !== undefined) bill.add('snapshots (standard tier)', p.snapshotGiB, prices.snapshot, 'GiB-month');
  else bill.note(`Snapshots are billed separately ($${prices.snapshot.usd} per GB-month of changed blocks); not included.`);
  if (p.snapshotArchiveGiB !== undefined) bill.add('snapshots (archive tier)', p.snapshotArchiveGiB, prices.snapshotArchive, 'GiB-month');
  return bill.result();
}

const fmt = groupDigits;
