// S3: storage by class (STANDARD tiered by TB-month), Intelligent-Tiering monitoring, requests.

import { Bill, badQuantity, firstError, pricesFor, unavailable } from './bill.js';
import { BYTES_PER_GIB, GIB_PER_TIB, S3_STORAGE_CLASSES, type EstimateResult, type S3Prices, type S3StorageClass } from './model.js';

export interface S3Params {
  /** Bytes stored per storage class (a month's average). */
  bytesByClass: Partial<Record<S3StorageClass, number>>;
  /**
   * Objects monitored by Intelligent-Tiering (objects over 128 KB in that class), for the
   * per-1,000-objects monitoring charge. Pass only Intelligent-Tiering's objects when the bucket is mixed.
   */
  objects?: number;
  /**
   * How the INTELLIGENT_TIERING bytes split across its access tiers. Absent: all of it is priced
   * at the Frequent Access tier (the upper bound) and a note says so.
   */
  intelligentTieringTiers?: { frequentBytes?: number; infrequentBytes?: number; archiveInstantBytes?: number };
  /** Requests per month, priced at the rates of `storageClass` (default STANDARD). */
  requests?: { storageClass?: S3StorageClass; put?: number; get?: number };
}

function isClass(c: string): c is S3StorageClass {
  return (S3_STORAGE_CLASSES as readonly string[]).includes(c);
}

const LABEL: Record<S3StorageClass, string> = {
  STANDARD: 'S3 Standard',
  INTELLIGENT_TIERING: 'S3 Intelligent-Tiering',
  STANDARD_IA: 'S3 Standard-IA',
  ONEZONE_IA: 'S3 One Zone-IA',
  GLACIER_IR: 'S3 Glacier Instant Retrieval',
  GLACIER: 'S3 Glacier Flexible Retrieval',
  DEEP_ARCHIVE: 'S3 Glacier Deep Archive',
};

function tierName(lower: number, upper: number | null): string {
  const tb = (gib: number) => `${gib / GIB_PER_TIB} TB`;
  if (lower === 0) return upper === null ? 'all' : `first ${tb(upper)}`;
  return upper === null ? `over ${tb(lower)}` : `next ${tb(upper - lower)}`;
}

export function s3Monthly(region: string, p: S3Params): EstimateResult {
  const t = pricesFor(region, 's3');
  if (!t.ok) return unavailable(t.reason);
  const prices = t.prices;
  for (const key of Object.keys(p.bytesByClass)) {
    if (!isClass(key)) return unavailable(`S3 storage class ${JSON.stringify(key)} has no price: estimate unavailable`);
  }
  const it = p.intelligentTieringTiers;
  const err = firstError(
    ...S3_STORAGE_CLASSES.map((c) => badQuantity(`bytes in ${c}`, p.bytesByClass[c])),
    badQuantity('objects', p.objects),
    badQuantity('intelligent-tiering frequent bytes', it?.frequentBytes),
    badQuantity('intelligent-tiering infrequent bytes', it?.infrequentBytes),
    badQuantity('intelligent-tiering archive instant bytes', it?.archiveInstantBytes),
    badQuantity('PUT requests', p.requests?.put),
    badQuantity('GET requests', p.requests?.get),
  );
  if (err) return unavailable(err);

  const bill = new Bill(region);
  const gib = (bytes: number | undefined) => (bytes ?? 0) / BYTES_PER_GIB;
  const present = S3_STORAGE_CLASSES.filter((c) => p.bytesByClass[c] !== undefined);
  const classes = present.length > 0 ? present : (['STANDARD'] as S3StorageClass[]);
  for (const c of classes) {
    const q = gib(p.bytesByClass[c]);
    if (c === 'STANDARD') bill.addTiered(`${LABEL[c]} storage`, q, prices.standard, tierName);
    else if (c === 'INTELLIGENT_TIERING') addIntelligentTiering(bill, prices, q, p, gib);
    else bill.add(`${LABEL[c]} storage`, q, flatRate(prices, c), 'GiB-month');
  }
  if (p.requests && (p.requests.put !== undefined || p.requests.get !== undefined)) {
    const rc = p.requests.storageClass ?? 'STANDARD';
    const r = prices.requests[rc];
    bill.add(`${LABEL[rc]} PUT/COPY/POST/LIST requests`, (p.requests.put ?? 0) / 1000, r.put);
    bill.add(`${LABEL[rc]} GET/SELECT requests`, (p.requests.get ?? 0) / 1000, r.get);
  } else {
    bill.note('Requests, retrievals and data transfer out are billed by use; not included.');
  }
  for (const c of ['STANDARD_IA', 'ONEZONE_IA', 'GLACIER_IR', 'GLACIER', 'DEEP_ARCHIVE'] as const) {
    if ((p.bytesByClass[c] ?? 0) > 0) {
      bill.note('Infrequent-access and archive classes bill a minimum storage duration and object size, and per-GB retrieval; not included.');
      break;
    }
  }
  return bill.result();
}

function addIntelligentTiering(bill: Bill, prices: S3Prices, totalGiB: number, p: S3Params, gib: (b: number | undefined) => number): void {
  const split = p.intelligentTieringTiers;
  if (split) {
    bill.addTiered('S3 Intelligent-Tiering Frequent Access', gib(split.frequentBytes), prices.intelligentTieringFrequent, tierName);
    bill.add('S3 Intelligent-Tiering Infrequent Access', gib(split.infrequentBytes), prices.intelligentTieringInfrequent, 'GiB-month');
    bill.add('S3 Intelligent-Tiering Archive Instant Access', gib(split.archiveInstantBytes), prices.intelligentTieringArchiveInstant, 'GiB-month');
  } else {
    bill.addTiered('S3 Intelligent-Tiering (all at Frequent Access)', totalGiB, prices.intelligentTieringFrequent, tierName);
    bill.note('Intelligent-Tiering priced at its Frequent Access rate (tier split unknown): an upper bound.');
  }
  if (p.objects !== undefined) bill.add('S3 Intelligent-Tiering monitoring', p.objects / 1000, prices.intelligentTieringMonitoring);
  else bill.note(`Intelligent-Tiering monitoring ($${prices.intelligentTieringMonitoring.usd} per 1,000 objects over 128 KB) not included: object count unknown.`);
}

function flatRate(prices: S3Prices, c: Exclude<S3StorageClass, 'STANDARD' | 'INTELLIGENT_TIERING'>) {
  switch (c) {
    case 'STANDARD_IA':
      return prices.standardIa;
    case 'ONEZONE_IA':
      return prices.onezoneIa;
    case 'GLACIER_IR':
      return prices.glacierIr;
    case 'GLACIER':
      return prices.glacier;
    case 'DEEP_ARCHIVE':
      return prices.deepArchive;
  }
}

/** The brief's entry point: storage by class plus Intelligent-Tiering monitoring for `objects`. */
export function estimateS3Cost(region: string, bytesByClass: Partial<Record<S3StorageClass, number>>, objects?: number): EstimateResult {
  return s3Monthly(region, { bytesByClass, objects });
}
