// The simulated region's Cost Explorer: GetCostAndUsage and GetCostForecast answered from
// each subject's provisioned size/throughput plus the request/transfer traffic of its workload
// model, so costs move with what the metrics show. Deterministic: same world, same clock, same bill.
//
// API facts (https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_GetCostAndUsage.html,
// .../API_GetCostForecast.html): TimePeriod Start inclusive, End exclusive (YYYY-MM-DD); up to two
// GroupBy definitions; NextPageToken pages; forecast Start must not be in the past, DAILY forecasts
// cover up to 3 months and MONTHLY up to 12; PredictionIntervalLevel 51..99, default 80.
// Service names as Cost Explorer shows them; EBS lives in "EC2 - Other" with usage types
// "<region code>-EBS:VolumeUsage.gp3", etc. (no prefix in us-east-1):
// https://docs.aws.amazon.com/ebs/latest/userguide/ebs-billing-usage-reports.html
import type {
  DateInterval,
  DimensionValues,
  Expression,
  GetCostAndUsageCommandInput,
  GetCostAndUsageCommandOutput,
  GetCostForecastCommandInput,
  GetCostForecastCommandOutput,
  Group,
  GroupDefinition,
  MetricValue,
  ResultByTime,
} from '@aws-sdk/client-cost-explorer';
import type { SimMetricSubject, SimWorldView } from './subject.js';
import { DAY_MS, hashString, storedBytesAt, s3ClassFractions, traffic } from './workload.js';
import type { Traffic } from './workload.js';

export const ACCOUNT_ID = '123456789012';
export const SERVICE_COMPUTE = 'Amazon Elastic Compute Cloud - Compute';
export const SERVICE_EC2_OTHER = 'EC2 - Other';
export const SERVICE_EFS = 'Amazon Elastic File System';
export const SERVICE_FSX = 'Amazon FSx';
export const SERVICE_S3 = 'Amazon Simple Storage Service';
/** Groups per GetCostAndUsage page before NextPageToken (pages break between time buckets). */
export const CE_PAGE_GROUPS = 500;

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

function ceError(name: string, message: string): Error {
  const e = new Error(message);
  e.name = name;
  Object.assign(e, { $fault: 'client', $metadata: { httpStatusCode: 400, attempts: 1, totalRetryDelay: 0 } });
  return e;
}
const validation = (m: string): Error => ceError('ValidationException', m);

// ---------------------------------------------------------------------------
// Rough list prices, USD, us-east-1 (the real pricing engine lives in src/services/pricing;
// this table only has to make the simulated bill plausible). Sources:
//   https://aws.amazon.com/ebs/pricing/          https://aws.amazon.com/efs/pricing/
//   https://aws.amazon.com/fsx/lustre/pricing/   https://aws.amazon.com/fsx/windows/pricing/
//   https://aws.amazon.com/fsx/netapp-ontap/pricing/  https://aws.amazon.com/fsx/openzfs/pricing/
//   https://aws.amazon.com/s3/pricing/           https://aws.amazon.com/ec2/pricing/on-demand/
const EBS_GB_MONTH: Record<string, number> = { gp3: 0.08, gp2: 0.1, io1: 0.125, io2: 0.125, st1: 0.045, sc1: 0.015, standard: 0.05 };
const EBS_USAGE_SUFFIX: Record<string, string> = { gp3: '.gp3', gp2: '.gp2', io1: '.piops', io2: '.io2', st1: '.st1', sc1: '.sc1', standard: '' };
const GP3_IOPS_MONTH = 0.005; // above 3,000
const GP3_MIBPS_MONTH = 0.04; // above 125 MiB/s
const PIOPS_MONTH = 0.065; // io1, and io2 up to 32,000
const IO2_TIER2_MONTH = 0.0455; // io2 32,001..64,000
const IO2_TIER3_MONTH = 0.03185; // io2 above 64,000
const STANDARD_PER_MILLION_IO = 0.05;
const EFS_GB_MONTH: Record<string, number> = { Standard: 0.3, IA: 0.016, Archive: 0.008 };
const EFS_USAGE: Record<string, string> = { Standard: 'TimedStorage-ByteHrs', IA: 'IATimedStorage-ByteHrs', Archive: 'ArchiveTimedStorage-ByteHrs' };
const EFS_PROVISIONED_MIBPS_MONTH = 6.0;
const EFS_ELASTIC_READ_GB = 0.03;
const EFS_ELASTIC_WRITE_GB = 0.06;
/** Lustre GB-month by deployment and throughput per TiB (MB/s/TiB). */
const LUSTRE_GB_MONTH: Record<string, readonly (readonly [number, number])[]> = {
  SCRATCH_1: [[200, 0.14]],
  SCRATCH_2: [[200, 0.14]],
  PERSISTENT_1: [
    [12, 0.025],
    [40, 0.083],
    [50, 0.145],
    [100, 0.21],
    [200, 0.29],
  ],
  PERSISTENT_2: [
    [125, 0.145],
    [250, 0.21],
    [500, 0.34],
    [1000, 0.6],
  ],
};
/** FSx per deployment family: SSD GB-month and throughput MBps-month, single-AZ vs multi-AZ. */
const FSX_RATES: Record<'WINDOWS' | 'ONTAP' | 'OPENZFS', { single: [number, number]; multi: [number, number]; poolGb?: [number, number] }> = {
  WINDOWS: { single: [0.13, 2.2], multi: [0.23, 4.5] },
  ONTAP: { single: [0.125, 0.72], multi: [0.25, 1.2], poolGb: [0.0219, 0.0438] },
  OPENZFS: { single: [0.09, 0.26], multi: [0.18, 0.52] },
};
const S3_GB_MONTH: Record<string, [string, number]> = {
  StandardStorage: ['TimedStorage-ByteHrs', 0.023],
  StandardIAStorage: ['TimedStorage-SIA-ByteHrs', 0.0125],
  OneZoneIAStorage: ['TimedStorage-ZIA-ByteHrs', 0.01],
  ReducedRedundancyStorage: ['TimedStorage-RRS-ByteHrs', 0.024],
  GlacierInstantRetrievalStorage: ['TimedStorage-GIR-ByteHrs', 0.004],
  GlacierStorage: ['TimedStorage-GlacierByteHrs', 0.0036],
  DeepArchiveStorage: ['TimedStorage-GDA-ByteHrs', 0.00099],
  IntelligentTieringFAStorage: ['TimedStorage-INT-FA-ByteHrs', 0.023],
  IntelligentTieringIAStorage: ['TimedStorage-INT-IA-ByteHrs', 0.0125],
  IntelligentTieringAAStorage: ['TimedStorage-INT-AA-ByteHrs', 0.0036],
  IntelligentTieringDAAStorage: ['TimedStorage-INT-DAA-ByteHrs', 0.00099],
};
const S3_TIER1_PER_1000 = 0.005;
const S3_TIER2_PER_1000 = 0.0004;
const S3_TRANSFER_OUT_GB = 0.09;
/** Instance types the simulated instances are billed as (on-demand Linux, per hour). */
const INSTANCE_RATES: readonly (readonly [string, number])[] = [
  ['m5.xlarge', 0.192],
  ['c5.2xlarge', 0.34],
  ['r5.xlarge', 0.252],
  ['m6i.2xlarge', 0.384],
  ['g5.xlarge', 1.006],
];
/** Regional price level relative to us-east-1 (rough). */
const REGION_FACTOR: Record<string, number> = { 'us-east-1': 1, 'us-east-2': 1, 'us-west-2': 1, 'us-west-1': 1.15, 'eu-west-1': 1.08, 'eu-central-1': 1.15, 'ca-central-1': 1.1 };
/** AWS Region billing codes used as usage-type prefixes. */
const REGION_CODE: Record<string, string> = {
  'us-east-1': 'USE1',
  'us-east-2': 'USE2',
  'us-west-1': 'USW1',
  'us-west-2': 'USW2',
  'ca-central-1': 'CAN1',
  'eu-west-1': 'EU',
  'eu-west-2': 'EUW2',
  'eu-west-3': 'EUW3',
  'eu-central-1': 'EUC1',
  'eu-north-1': 'EUN1',
  'ap-northeast-1': 'APN1',
  'ap-northeast-2': 'APN2',
  'ap-southeast-1': 'APS1',
  'ap-southeast-2': 'APS2',
  'ap-south-1': 'APS3',
  'sa-east-1': 'SAE1',
};

// ---------------------------------------------------------------------------
// Meters: what each resource is billed for. A meter's service, usage type, price, filter match
// and group are fixed for a request; only its quantity changes from day to day.

/** The Cost Explorer dimensions of a meter. */
interface Dims {
  service: string;
  usageType: string;
  region: string;
}

type Quantity =
  | { kind: 'monthly'; amount: number } // provisioned: amount per month (GB, IOPS, MiB/s), prorated
  | { kind: 'stored'; share: number } // GB of stored data (share of it), prorated per month
  | { kind: 'traffic'; pick: (t: Traffic) => number } // the day's traffic
  | { kind: 'hours' }; // running time

interface Owner {
  s?: SimMetricSubject;
  since: number;
  /** The day whose traffic is cached below. */
  day: number;
  traffic?: Traffic;
}

interface Meter extends Dims {
  unit: string;
  /** USD per unit, regional price level included. */
  price: number;
  /** Driven by traffic (noisier in forecasts) rather than provisioning. */
  usage: boolean;
  q: Quantity;
  owner: Owner;
  /** Group key for the request being answered. */
  key: string;
}

const regionCode = (r: string): string => REGION_CODE[r] ?? r.toUpperCase().replace(/-/g, '');
/** EC2/EBS and S3 usage types carry no prefix in us-east-1; EFS and FSx always do. */
const legacyPrefix = (r: string): string => (r === 'us-east-1' ? '' : `${regionCode(r)}-`);
const prefix = (r: string): string => `${regionCode(r)}-`;

function daysInMonth(t: number): number {
  const d = new Date(t);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
}

function nearestRate(table: readonly (readonly [number, number])[], x: number): number {
  let best = table[0];
  for (const row of table) if (Math.abs(row[0] - x) < Math.abs(best[0] - x)) best = row;
  return best[1];
}

const isMultiAz = (variant: string | undefined): boolean => Boolean(variant && variant.startsWith('MULTI_AZ'));

/** The meters of one resource. */
function metersOf(s: SimMetricSubject, defaultRegion: string): Meter[] {
  const region = s.region ?? defaultRegion;
  const rf = REGION_FACTOR[region] ?? 1.1;
  const owner: Owner = { s, since: s.createdAt, day: Number.NaN };
  const out: Meter[] = [];
  const add = (service: string, usageType: string, unit: string, unitPrice: number, q: Quantity, usage = false): void => {
    if (q.kind === 'monthly' && !(q.amount > 0)) return;
    if (q.kind === 'stored' && !(q.share > 0)) return;
    out.push({ service, usageType, region, unit, price: unitPrice * rf, usage, q, owner, key: '' });
  };
  const gb = s.capacityBytes / GiB;
  switch (s.type) {
    case 'ebs': {
      const v = s.variant ?? 'gp3';
      const p = legacyPrefix(region);
      add(SERVICE_EC2_OTHER, `${p}EBS:VolumeUsage${EBS_USAGE_SUFFIX[v] ?? `.${v}`}`, 'GB-Mo', EBS_GB_MONTH[v] ?? 0.08, { kind: 'monthly', amount: gb });
      if (v === 'gp3') {
        add(SERVICE_EC2_OTHER, `${p}EBS:VolumeP-IOPS.gp3`, 'IOPS-Mo', GP3_IOPS_MONTH, { kind: 'monthly', amount: s.iops - 3000 });
        add(SERVICE_EC2_OTHER, `${p}EBS:VolumeP-Throughput.gp3`, 'MiBps-Mo', GP3_MIBPS_MONTH, { kind: 'monthly', amount: s.throughputBytesPerSec / MiB - 125 });
      } else if (v === 'io1') {
        add(SERVICE_EC2_OTHER, `${p}EBS:VolumeP-IOPS.piops`, 'IOPS-Mo', PIOPS_MONTH, { kind: 'monthly', amount: s.iops });
      } else if (v === 'io2') {
        add(SERVICE_EC2_OTHER, `${p}EBS:VolumeP-IOPS.io2`, 'IOPS-Mo', PIOPS_MONTH, { kind: 'monthly', amount: Math.min(s.iops, 32_000) });
        add(SERVICE_EC2_OTHER, `${p}EBS:VolumeP-IOPS.io2.tier2`, 'IOPS-Mo', IO2_TIER2_MONTH, { kind: 'monthly', amount: Math.min(s.iops - 32_000, 32_000) });
        add(SERVICE_EC2_OTHER, `${p}EBS:VolumeP-IOPS.io2.tier3`, 'IOPS-Mo', IO2_TIER3_MONTH, { kind: 'monthly', amount: s.iops - 64_000 });
      } else if (v === 'standard') {
        add(SERVICE_EC2_OTHER, `${p}EBS:VolumeIOUsage`, 'Million IOs', STANDARD_PER_MILLION_IO, { kind: 'traffic', pick: (t) => (t.readOps + t.writeOps) / 1e6 }, true);
      }
      break;
    }
    case 'efs': {
      const p = prefix(region);
      const fr = s.storageClassFractions ?? { Standard: 1 };
      for (const cls of ['Standard', 'IA', 'Archive']) add(SERVICE_EFS, `${p}${EFS_USAGE[cls]}`, 'GB-Mo', EFS_GB_MONTH[cls], { kind: 'stored', share: fr[cls] ?? 0 });
      const mode = s.variant ?? 'bursting';
      if (mode === 'provisioned') {
        // 50 KiB/s per GiB of Standard storage is included with the storage (in MiB/s)
        const included = ((s.capacityBytes / GiB) * (fr.Standard ?? 0) * 50) / 1024;
        add(SERVICE_EFS, `${p}ProvisionedTP-MiBpsHrs`, 'MiBps-Mo', EFS_PROVISIONED_MIBPS_MONTH, { kind: 'monthly', amount: s.throughputBytesPerSec / MiB - included });
      } else if (mode === 'elastic') {
        add(SERVICE_EFS, `${p}ElasticThroughput-Read-Bytes`, 'GB', EFS_ELASTIC_READ_GB, { kind: 'traffic', pick: (t) => t.readBytes / GiB }, true);
        add(SERVICE_EFS, `${p}ElasticThroughput-Write-Bytes`, 'GB', EFS_ELASTIC_WRITE_GB, { kind: 'traffic', pick: (t) => t.writeBytes / GiB }, true);
      }
      break;
    }
    case 's3': {
      const p = legacyPrefix(region);
      for (const [cls, share] of Object.entries(s3ClassFractions(s))) {
        const rate = S3_GB_MONTH[cls];
        if (rate) add(SERVICE_S3, `${p}${rate[0]}`, 'GB-Mo', rate[1], { kind: 'stored', share });
      }
      add(SERVICE_S3, `${p}Requests-Tier1`, 'Requests', S3_TIER1_PER_1000 / 1000, { kind: 'traffic', pick: (t) => t.tier1Requests }, true);
      add(SERVICE_S3, `${p}Requests-Tier2`, 'Requests', S3_TIER2_PER_1000 / 1000, { kind: 'traffic', pick: (t) => t.tier2Requests }, true);
      const outShare = s.profile === 'web-assets' ? 0.3 : 0.03;
      add(SERVICE_S3, `${p}DataTransfer-Out-Bytes`, 'GB', S3_TRANSFER_OUT_GB, { kind: 'traffic', pick: (t) => (t.readBytes * outShare) / GiB }, true);
      break;
    }
    case 'fsx-lustre': {
      const deployment = s.variant ?? 'PERSISTENT_2';
      const perTiB = s.throughputBytesPerSec / 1e6 / Math.max(s.capacityBytes / 1024 ** 4, 1e-9);
      add(SERVICE_FSX, `${prefix(region)}Lustre:StorageUsage.${deployment}`, 'GB-Mo', nearestRate(LUSTRE_GB_MONTH[deployment] ?? LUSTRE_GB_MONTH.PERSISTENT_2, perTiB), { kind: 'monthly', amount: gb });
      break;
    }
    case 'fsx-windows':
    case 'fsx-ontap':
    case 'fsx-openzfs': {
      const p = prefix(region);
      const fam = s.type === 'fsx-windows' ? 'WINDOWS' : s.type === 'fsx-ontap' ? 'ONTAP' : 'OPENZFS';
      const label = fam === 'WINDOWS' ? 'Windows' : fam === 'ONTAP' ? 'ONTAP' : 'OpenZFS';
      const multi = isMultiAz(s.variant);
      const az = multi ? 'MultiAZ' : 'SingleAZ';
      const [storage, tput] = multi ? FSX_RATES[fam].multi : FSX_RATES[fam].single;
      add(SERVICE_FSX, `${p}${label}:StorageUsage.SSD.${az}`, 'GB-Mo', storage, { kind: 'monthly', amount: gb });
      add(SERVICE_FSX, `${p}${label}:ThroughputCapacity.${az}`, 'MBps-Mo', tput, { kind: 'monthly', amount: s.throughputBytesPerSec / 1e6 });
      const pool = FSX_RATES[fam].poolGb;
      if (pool) add(SERVICE_FSX, `${p}${label}:CapacityPoolUsage.${az}`, 'GB-Mo', multi ? pool[1] : pool[0], { kind: 'stored', share: s.profile === 'archive-cold' ? 0.8 : 0.25 });
      break;
    }
  }
  return out;
}

/** Compute for the instances the simulated volumes are attached to (since the first volume was). */
function instanceMeters(subjects: readonly SimMetricSubject[], defaultRegion: string): Meter[] {
  const first = new Map<string, { since: number; region: string }>();
  for (const s of subjects) {
    if (s.type !== 'ebs' || !s.attachedTo) continue;
    const cur = first.get(s.attachedTo);
    if (!cur || s.createdAt < cur.since) first.set(s.attachedTo, { since: s.createdAt, region: s.region ?? defaultRegion });
  }
  const out: Meter[] = [];
  for (const [id, { since, region }] of first) {
    const [type, rate] = INSTANCE_RATES[hashString(id) % INSTANCE_RATES.length];
    const owner: Owner = { since, day: Number.NaN };
    out.push({ service: SERVICE_COMPUTE, usageType: `${legacyPrefix(region)}BoxUsage:${type}`, region, unit: 'Hrs', price: rate * (REGION_FACTOR[region] ?? 1.1), usage: false, q: { kind: 'hours' }, owner, key: '' });
  }
  return out;
}

/** Every meter of the account that passes the filter. */
function accountMeters(view: SimWorldView, filter: Expression | undefined): Meter[] {
  const subjects = view.subjects();
  const all: Meter[] = [];
  for (const s of subjects) for (const m of metersOf(s, view.region)) all.push(m);
  for (const m of instanceMeters(subjects, view.region)) all.push(m);
  return filter ? all.filter((m) => matches(m, filter)) : all;
}

/**
 * Visit each meter's quantity and cost on the UTC day starting at dayStart, for the part of the
 * day in [from, until) (creation, the current instant, a forecast's start).
 */
function meterDay(meters: readonly Meter[], dayStart: number, from: number, until: number, visit: (m: Meter, quantity: number, cost: number) => void): void {
  const hiDay = Math.min(dayStart + DAY_MS, until);
  const monthDays = daysInMonth(dayStart);
  for (const m of meters) {
    const o = m.owner;
    const lo = Math.max(dayStart, from, o.since);
    if (hiDay <= lo) continue;
    const frac = (hiDay - lo) / DAY_MS;
    let q: number;
    switch (m.q.kind) {
      case 'monthly':
        q = (m.q.amount * frac) / monthDays;
        break;
      case 'stored':
        q = ((storedBytesAt(o.s as SimMetricSubject, (lo + hiDay) / 2) / GiB) * m.q.share * frac) / monthDays;
        break;
      case 'traffic':
        if (o.day !== dayStart) {
          o.day = dayStart;
          o.traffic = traffic(o.s as SimMetricSubject, dayStart, 86400);
        }
        q = m.q.pick(o.traffic as Traffic) * frac;
        break;
      case 'hours':
        q = (hiDay - lo) / 3_600_000;
        break;
    }
    if (q > 0) visit(m, q, q * m.price);
  }
}

// ---------------------------------------------------------------------------
// Filters and grouping.

const DIMENSION_KEYS = new Set(['SERVICE', 'USAGE_TYPE', 'REGION', 'LINKED_ACCOUNT', 'RECORD_TYPE']);

function dimensionOf(item: Dims, key: string): string {
  switch (key) {
    case 'SERVICE':
      return item.service;
    case 'USAGE_TYPE':
      return item.usageType;
    case 'REGION':
      return item.region;
    case 'LINKED_ACCOUNT':
      return ACCOUNT_ID;
    case 'RECORD_TYPE':
      return 'Usage';
  }
  throw validation(`Dimension ${key} is not supported by the simulated region (supported: ${[...DIMENSION_KEYS].join(', ')}).`);
}

function matchValues(actual: string, dv: DimensionValues | { Values?: string[]; MatchOptions?: string[] }): boolean {
  const values = dv.Values ?? [];
  const opts = dv.MatchOptions ?? ['EQUALS'];
  const ci = opts.includes('CASE_INSENSITIVE');
  const a = ci ? actual.toLowerCase() : actual;
  return values.some((raw) => {
    const v = ci ? raw.toLowerCase() : raw;
    if (opts.includes('STARTS_WITH')) return a.startsWith(v);
    if (opts.includes('ENDS_WITH')) return a.endsWith(v);
    if (opts.includes('CONTAINS')) return a.includes(v);
    return a === v;
  });
}

function validateExpression(e: Expression, path = 'Filter'): void {
  const parts = (['And', 'Or', 'Not', 'Dimensions', 'Tags', 'CostCategories'] as const).filter((k) => e[k] !== undefined);
  if (parts.length !== 1) throw validation(`${path}: an Expression needs exactly one of And, Or, Not, Dimensions, Tags, CostCategories.`);
  if (e.And || e.Or) {
    const list = (e.And ?? e.Or) as Expression[];
    if (!Array.isArray(list) || list.length < 2) throw validation(`${path}: And/Or need at least two expressions.`);
    list.forEach((x, i) => validateExpression(x, `${path}.${e.And ? 'And' : 'Or'}[${i}]`));
  }
  if (e.Not) validateExpression(e.Not, `${path}.Not`);
  if (e.Dimensions) {
    if (!e.Dimensions.Key || !DIMENSION_KEYS.has(e.Dimensions.Key)) throw validation(`${path}.Dimensions: key '${String(e.Dimensions.Key)}' is not supported by the simulated region.`);
    if (!Array.isArray(e.Dimensions.Values)) throw validation(`${path}.Dimensions: Values is required.`);
  }
}

function matches(item: Dims, e: Expression | undefined): boolean {
  if (!e) return true;
  if (e.And) return e.And.every((x) => matches(item, x));
  if (e.Or) return e.Or.some((x) => matches(item, x));
  if (e.Not) return !matches(item, e.Not);
  if (e.Dimensions) return matchValues(dimensionOf(item, e.Dimensions.Key as string), e.Dimensions);
  // Simulated line items carry no cost-allocation tags or categories: only ABSENT / empty matches.
  const tv = e.Tags ?? e.CostCategories;
  if (tv) return (tv.MatchOptions ?? []).includes('ABSENT') || (tv.Values ?? []).includes('');
  return true;
}

/** Joins the values of a two-dimension group key (never part of a name, region or usage type). */
const KEY_SEP = '\u0001';

const COST_METRICS = new Set(['AmortizedCost', 'BlendedCost', 'NetAmortizedCost', 'NetUnblendedCost', 'UnblendedCost']);
const USAGE_METRICS = new Set(['UsageQuantity', 'NormalizedUsageAmount']);

function groupValue(item: Dims, g: GroupDefinition): string {
  if (g.Type === 'DIMENSION') return dimensionOf(item, g.Key as string);
  // cost allocation tags are not activated in the simulated account: every item is untagged
  return `${g.Key}$`;
}

function amount(x: number): string {
  if (Math.abs(x) < 5e-11) return '0';
  return x.toFixed(10).replace(/\.?0+$/, '');
}

// ---------------------------------------------------------------------------
// Dates.

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDay(s: unknown, name: string): number {
  const m = typeof s === 'string' ? DATE_RE.exec(s) : null;
  if (!m) throw validation(`${name} must be a date in the form YYYY-MM-DD.`);
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(t).getUTCDate() !== Number(m[3])) throw validation(`${name} '${String(s)}' is not a valid date.`);
  return t;
}

const fmtDay = (t: number): string => new Date(t).toISOString().slice(0, 10);
const startOfDay = (t: number): number => Math.floor(t / DAY_MS) * DAY_MS;
function startOfMonth(t: number): number {
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}
function nextMonth(t: number): number {
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

function parsePeriod(tp: DateInterval | undefined): { start: number; end: number } {
  if (!tp) throw validation('TimePeriod is required.');
  const start = parseDay(tp.Start, 'TimePeriod.Start');
  const end = parseDay(tp.End, 'TimePeriod.End');
  if (start >= end) throw validation('Start date (and hour) should be before end date (and hour).');
  return { start, end };
}

function buckets(start: number, end: number, granularity: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  if (granularity === 'DAILY') for (let t = start; t < end; t += DAY_MS) out.push({ start: t, end: t + DAY_MS });
  else for (let t = start; t < end; t = nextMonth(t)) out.push({ start: t, end: Math.min(end, nextMonth(t)) });
  return out;
}

// ---------------------------------------------------------------------------
// GetCostAndUsage.

interface CeToken {
  i: number; // bucket index
  k: number; // request fingerprint
  n: number; // "now" of the first page
}

function decodeCeToken(token: string, fingerprint: number): CeToken {
  try {
    const t = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as CeToken;
    if (Number.isInteger(t.i) && t.i >= 0 && t.k === fingerprint && typeof t.n === 'number') return t;
  } catch {
    // fall through
  }
  throw ceError('InvalidNextTokenException', 'The pagination token is invalid. Try again without a pagination token.');
}

export function getCostAndUsage(view: SimWorldView, input: GetCostAndUsageCommandInput): GetCostAndUsageCommandOutput {
  const { start, end } = parsePeriod(input.TimePeriod);
  const granularity = input.Granularity;
  if (granularity === 'HOURLY') throw validation('Hourly granularity is not enabled for this account (enable hourly data in Cost Explorer preferences).');
  if (granularity !== 'DAILY' && granularity !== 'MONTHLY') throw validation('Granularity must be DAILY or MONTHLY.');
  const metrics = input.Metrics ?? [];
  if (metrics.length === 0) throw validation('Metrics is required.');
  for (const m of metrics) if (!COST_METRICS.has(m) && !USAGE_METRICS.has(m)) throw validation(`Metric '${m}' is not valid. Valid metrics: ${[...COST_METRICS, ...USAGE_METRICS].join(', ')}.`);
  const groupBy = input.GroupBy ?? [];
  if (groupBy.length > 2) throw validation('GroupBy supports at most two definitions.');
  for (const g of groupBy) {
    if (g.Type !== 'DIMENSION' && g.Type !== 'TAG' && g.Type !== 'COST_CATEGORY') throw validation(`GroupBy type '${String(g.Type)}' is not valid.`);
    if (!g.Key) throw validation('GroupBy needs a Key.');
    if (g.Type === 'DIMENSION' && !DIMENSION_KEYS.has(g.Key)) throw validation(`Group by dimension '${g.Key}' is not supported by the simulated region (supported: ${[...DIMENSION_KEYS].join(', ')}).`);
  }
  if (input.Filter) validateExpression(input.Filter);
  const fingerprint = hashString(JSON.stringify([input.TimePeriod, granularity, metrics, groupBy, input.Filter ?? null]));
  const token = input.NextPageToken ? decodeCeToken(input.NextPageToken, fingerprint) : undefined;
  const now = token?.n ?? view.now();
  const oldest = startOfMonth(Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth() - 13, 1));
  if (start < oldest) throw validation(`Start date ${fmtDay(start)} is older than the 14 months of data Cost Explorer keeps (earliest ${fmtDay(oldest)}).`);
  const currentMonth = startOfMonth(now);
  const all = buckets(start, end, granularity);
  const results: ResultByTime[] = [];
  let groupsOnPage = 0;
  let i = token?.i ?? 0;
  const meters = accountMeters(view, input.Filter);
  for (const m of meters) m.key = groupBy.map((g) => groupValue(m, g)).join(KEY_SEP);
  for (; i < all.length; i++) {
    const b = all[i];
    const sums = new Map<string, { cost: number; qty: number; units: Set<string> }>();
    const visit = (m: Meter, q: number, cost: number): void => {
      let acc = sums.get(m.key);
      if (!acc) sums.set(m.key, (acc = { cost: 0, qty: 0, units: new Set<string>() }));
      acc.cost += cost;
      acc.qty += q;
      acc.units.add(m.unit);
    };
    for (let day = b.start; day < b.end && day < now; day += DAY_MS) meterDay(meters, day, day, now, visit);
    const metricValues = (acc: { cost: number; qty: number; units: Set<string> } | undefined): Record<string, MetricValue> => {
      const out: Record<string, MetricValue> = {};
      for (const m of metrics) {
        if (COST_METRICS.has(m)) out[m] = { Amount: amount(acc?.cost ?? 0), Unit: 'USD' };
        else if (m === 'UsageQuantity') out[m] = { Amount: amount(acc?.qty ?? 0), Unit: acc && acc.units.size === 1 ? [...acc.units][0] : 'N/A' };
        else out[m] = { Amount: '0', Unit: 'N/A' };
      }
      return out;
    };
    const r: ResultByTime = { TimePeriod: { Start: fmtDay(b.start), End: fmtDay(b.end) }, Total: {}, Groups: [], Estimated: b.end > currentMonth };
    if (groupBy.length) {
      const keys = [...sums.keys()].sort();
      r.Groups = keys.map((k): Group => ({ Keys: k.split(KEY_SEP), Metrics: metricValues(sums.get(k)) }));
    } else {
      r.Total = metricValues(sums.get(''));
    }
    const n = r.Groups?.length ?? 0;
    if (results.length > 0 && groupsOnPage + n > CE_PAGE_GROUPS) break;
    groupsOnPage += n;
    results.push(r);
  }
  const out: GetCostAndUsageCommandOutput = {
    ResultsByTime: results,
    DimensionValueAttributes: [],
    $metadata: { httpStatusCode: 200, requestId: `sim-ce-${fingerprint.toString(16)}`, attempts: 1, totalRetryDelay: 0 },
  };
  if (groupBy.length) out.GroupDefinitions = groupBy;
  if (i < all.length) out.NextPageToken = Buffer.from(JSON.stringify({ i, k: fingerprint, n: now } satisfies CeToken)).toString('base64url');
  return out;
}

// ---------------------------------------------------------------------------
// GetCostForecast.

const FORECAST_METRICS = new Set(['AMORTIZED_COST', 'BLENDED_COST', 'NET_AMORTIZED_COST', 'NET_UNBLENDED_COST', 'UNBLENDED_COST']);

/** Inverse of the standard normal CDF (Acklam's rational approximation, |error| < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - lo) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

export function getCostForecast(view: SimWorldView, input: GetCostForecastCommandInput): GetCostForecastCommandOutput {
  const { start, end } = parsePeriod(input.TimePeriod);
  const now = view.now();
  const today = startOfDay(now);
  if (start < today) throw validation(`Start date ${fmtDay(start)} must be equal to or later than the current date (${fmtDay(today)}).`);
  const metric = input.Metric;
  if (!metric || !FORECAST_METRICS.has(metric)) throw validation(`Metric must be one of ${[...FORECAST_METRICS].join(', ')}.`);
  const granularity = input.Granularity;
  if (granularity !== 'DAILY' && granularity !== 'MONTHLY') throw validation('GetCostForecast supports only DAILY and MONTHLY granularity.');
  if (granularity === 'DAILY' && end - start > 93 * DAY_MS) throw validation('DAILY forecasts cover at most 3 months.');
  if (granularity === 'MONTHLY' && end > Date.UTC(new Date(start).getUTCFullYear(), new Date(start).getUTCMonth() + 12, new Date(start).getUTCDate())) throw validation('MONTHLY forecasts cover at most 12 months.');
  const level = input.PredictionIntervalLevel ?? 80;
  if (!Number.isInteger(level) || level < 51 || level > 99) throw validation('PredictionIntervalLevel must be an integer from 51 to 99.');
  if (input.Filter) validateExpression(input.Filter);
  const meters = accountMeters(view, input.Filter);
  // Cost Explorer needs history to forecast from.
  let history = 0;
  for (let d = today - 14 * DAY_MS; d < today; d += DAY_MS) meterDay(meters, d, d, now, (_m, _q, cost) => (history += cost));
  if (history <= 0) throw ceError('DataUnavailableException', 'Insufficient amount of historical data to generate a forecast.');
  const z = normalQuantile(0.5 + level / 200);
  const results: { start: number; end: number; mean: number; variance: number }[] = [];
  for (const b of buckets(start, end, granularity)) {
    let mean = 0;
    let variance = 0;
    for (let day = b.start; day < b.end; day += DAY_MS) {
      let base = 0;
      let usage = 0;
      meterDay(meters, day, Math.max(day, now), day + DAY_MS, (m, _q, cost) => {
        if (m.usage) usage += cost;
        else base += cost;
      });
      const horizon = (day - today) / DAY_MS + 1;
      // usage-driven costs are noisier than provisioned ones; uncertainty grows with the horizon
      const sd = base * 0.02 * Math.sqrt(horizon) + usage * 0.25 + (base + usage) * 0.01 * horizon;
      mean += base + usage;
      variance += sd * sd;
    }
    results.push({ ...b, mean, variance });
  }
  const totalMean = results.reduce((p, r) => p + r.mean, 0);
  return {
    Total: { Amount: amount(totalMean), Unit: 'USD' },
    ForecastResultsByTime: results.map((r) => {
      const half = z * Math.sqrt(r.variance);
      return {
        TimePeriod: { Start: fmtDay(r.start), End: fmtDay(r.end) },
        MeanValue: amount(r.mean),
        PredictionIntervalLowerBound: amount(Math.max(0, r.mean - half)),
        PredictionIntervalUpperBound: amount(r.mean + half),
      };
    }),
    $metadata: { httpStatusCode: 200, requestId: `sim-ce-forecast-${hashString(JSON.stringify(input)).toString(16)}`, attempts: 1, totalRetryDelay: 0 },
  };
}

/** Dispatch for the sim middleware: Cost Explorer commands the sim answers. */
export async function handleCostExplorer(view: SimWorldView, commandName: string, input: unknown): Promise<unknown> {
  const cmd = commandName.replace(/Command$/, '');
  const args = (input ?? {}) as Record<string, unknown>;
  switch (cmd) {
    case 'GetCostAndUsage':
      return getCostAndUsage(view, args as unknown as GetCostAndUsageCommandInput);
    case 'GetCostForecast':
      return getCostForecast(view, args as unknown as GetCostForecastCommandInput);
  }
  throw ceError('UnsupportedOperation', `Cost Explorer ${cmd} is not supported by the simulated region (it answers GetCostAndUsage and GetCostForecast).`);
}
