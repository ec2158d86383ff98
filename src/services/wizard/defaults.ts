// Step 2 starts from sound defaults for the workload: every field filled, and valid against the
// rules in ../validation whenever the account offers what the kind needs (subnets, a directory).
import type {
  EbsConfig,
  EfsConfig,
  FsxLustreConfig,
  FsxOntapConfig,
  FsxOpenZfsConfig,
  FsxWindowsConfig,
  S3Config,
  StorageConfig,
  StorageType,
} from '../types.js';
import {
  EBS_TYPES,
  ebsMaxIops,
  ebsMaxThroughput,
  lustreCapacityRule,
  ONTAP_CAPACITY_PER_PAIR,
  ONTAP_THROUGHPUT_PER_PAIR,
  OPENZFS_CAPACITY,
  OPENZFS_THROUGHPUT,
  type StepRule,
  WINDOWS_CAPACITY,
  WINDOWS_THROUGHPUT,
} from '../validation/rules.js';
import type { AccountContext } from './context.js';
import type { Needs, Purpose } from './recommend.js';
import { compareText } from '../collate.js';

const TEAM_WIDE = 20;

export function defaultConfig(type: StorageType, purpose: Purpose, needs: Needs, ctx: AccountContext): StorageConfig {
  const n = normaliseNeeds(needs);
  switch (type) {
    case 'ebs':
      return { type, ebs: defaultEbs(purpose, n, ctx) };
    case 'efs':
      return { type, efs: defaultEfs(purpose, n, ctx) };
    case 's3':
      return { type, s3: defaultS3(purpose, n, ctx) };
    case 'fsx-lustre':
      return { type, lustre: defaultLustre(purpose, n, ctx) };
    case 'fsx-openzfs':
      return { type, openzfs: defaultOpenZfs(purpose, n, ctx) };
    case 'fsx-windows':
      return { type, windows: defaultWindows(purpose, n, ctx) };
    case 'fsx-ontap':
      return { type, ontap: defaultOntap(purpose, n, ctx) };
  }
}

/** Needs with nonsense (NaN, negative) replaced by neutral values, so defaults never inherit it. */
function normaliseNeeds(needs: Needs): Needs {
  const pos = (v: number | undefined, d: number) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : d);
  return {
    capacityGiB: pos(needs.capacityGiB, 100),
    throughputMBps: needs.throughputMBps === undefined ? undefined : pos(needs.throughputMBps, 0) || undefined,
    sharedBy: Math.max(1, Math.floor(pos(needs.sharedBy, 1))),
    posix: needs.posix !== false,
    windowsClients: needs.windowsClients === true,
    shortLived: needs.shortLived === true,
  };
}

// ---------------------------------------------------------------------------
// Networking picks

interface Network {
  vpcId?: string;
  /** One subnet per AZ of the chosen VPC, zones in name order. */
  subnetsByAz: { id: string; az: string }[];
  securityGroupIds: string[];
}

/** The VPC whose subnets span the most zones (ties: lowest id), one subnet per zone, its default security group. */
export function pickNetwork(ctx: AccountContext): Network {
  const byVpc = new Map<string, Map<string, string>>();
  for (const s of [...ctx.subnets].sort((a, b) => compareText(a.id, b.id))) {
    const zones = byVpc.get(s.vpcId) ?? new Map<string, string>();
    if (!zones.has(s.az)) zones.set(s.az, s.id);
    byVpc.set(s.vpcId, zones);
  }
  const best = [...byVpc.entries()].sort((a, b) => b[1].size - a[1].size || compareText(a[0], b[0]))[0];
  if (!best) return { subnetsByAz: [], securityGroupIds: [] };
  const [vpcId, zones] = best;
  const subnetsByAz = [...zones.entries()].sort((a, b) => compareText(a[0], b[0])).map(([az, id]) => ({ id, az }));
  const groups = ctx.securityGroups.filter((g) => g.vpcId === vpcId);
  const sg = groups.find((g) => g.name === 'default') ?? groups[0];
  return { vpcId, subnetsByAz, securityGroupIds: sg ? [sg.id] : [] };
}

function firstZone(ctx: AccountContext): string {
  return ctx.availabilityZones[0] ?? pickNetwork(ctx).subnetsByAz[0]?.az ?? `${ctx.region}a`;
}

// ---------------------------------------------------------------------------
// Numbers

function clamp(v: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, v));
}

/** The smallest allowed value at or above v (the largest when none is). */
function atLeast(sorted: readonly number[], v: number): number {
  return sorted.find((x) => x >= v) ?? sorted[sorted.length - 1];
}

/** The smallest capacity valid under a step rule that holds v GiB. */
export function roundUpSteps(rule: StepRule, v: number): number {
  const fixed = rule.fixed.filter((x) => x >= v).sort((a, b) => a - b)[0];
  const stepped = Math.max(1, Math.ceil(v / rule.step)) * rule.step;
  return fixed !== undefined ? Math.min(fixed, stepped) : stepped;
}

// ---------------------------------------------------------------------------
// Per kind

function defaultEbs(purpose: Purpose, needs: Needs, ctx: AccountContext): EbsConfig {
  const thr = needs.throughputMBps ?? 0;
  let volumeType: EbsConfig['volumeType'] = 'gp3';
  if (purpose === 'archive' && needs.capacityGiB >= EBS_TYPES.sc1.minGiB) volumeType = 'sc1';
  else if (purpose === 'hpc-scratch' && needs.capacityGiB >= EBS_TYPES.st1.minGiB) volumeType = 'st1';
  else if (purpose === 'database' && thr > (EBS_TYPES.gp3.throughput?.max ?? 2_000)) volumeType = 'io2';
  const rule = EBS_TYPES[volumeType];
  const sizeGiB = clamp(Math.ceil(needs.capacityGiB), rule.minGiB, rule.maxGiB);
  const cfg: EbsConfig = { volumeType, sizeGiB, availabilityZone: firstZone(ctx), encrypted: true };
  if (volumeType === 'gp3') {
    const maxIops = ebsMaxIops('gp3', sizeGiB) ?? 3_000;
    const wantedThr = clamp(Math.ceil(thr || (purpose === 'database' ? 250 : 125)), 125, 2_000);
    const wantedIops = Math.max(purpose === 'database' ? 6_000 : 3_000, Math.ceil(wantedThr / 0.25));
    cfg.iops = clamp(wantedIops, 3_000, maxIops);
    cfg.throughputMBps = Math.min(wantedThr, ebsMaxThroughput('gp3', cfg.iops) ?? 125);
  } else if (volumeType === 'io2') {
    cfg.iops = clamp(16_000, 100, ebsMaxIops('io2', sizeGiB) ?? 100);
  }
  return cfg;
}

function defaultEfs(purpose: Purpose, needs: Needs, ctx: AccountContext): EfsConfig {
  const net = pickNetwork(ctx);
  const scratch = needs.shortLived === true || purpose === 'hpc-scratch';
  const zone = scratch ? net.subnetsByAz[0] : undefined;
  const cfg: EfsConfig = {
    performanceMode: 'generalPurpose',
    throughputMode: 'elastic',
    encrypted: true,
    subnetIds: zone ? [zone.id] : net.subnetsByAz.map((s) => s.id),
    securityGroupIds: net.securityGroupIds,
  };
  if (zone) cfg.availabilityZoneName = zone.az;
  if (!scratch) cfg.transitionToIA = purpose === 'archive' ? 'AFTER_7_DAYS' : 'AFTER_30_DAYS';
  if (purpose === 'archive') cfg.transitionToArchive = 'AFTER_90_DAYS';
  return cfg;
}

/** A bucket name that passes every S3 naming rule, built from free text. */
export function suggestBucketName(text: string, suffix = ''): string {
  const slug = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/-+/g, '-')
      .replace(/^-+|-+$/g, '');
  const tail = slug(suffix);
  const room = 63 - (tail ? tail.length + 1 : 0);
  let head = slug(text).slice(0, Math.max(3, room)).replace(/-+$/g, '');
  for (const p of ['xn--', 'sthree-', 'amzn-s3-demo-']) if (head.startsWith(p)) head = `b-${head}`.slice(0, Math.max(3, room));
  if (head.length < 3) head = `${head}bkt`.slice(0, 3).padEnd(3, 'x');
  let name = (tail ? `${head}-${tail}` : head).slice(0, 63).replace(/-+$/g, '');
  for (const s of ['-s3alias', '--ol-s3', '--x-s3', '--table-s3']) if (name.endsWith(s)) name = `${name.slice(0, 60)}-b`;
  return name;
}

function defaultS3(purpose: Purpose, needs: Needs, ctx: AccountContext): S3Config {
  const scratch = needs.shortLived === true || purpose === 'hpc-scratch';
  let lifecyclePreset: S3Config['lifecyclePreset'] = 'none';
  if (purpose === 'archive') lifecyclePreset = 'archive-after-90';
  else if (scratch) lifecyclePreset = 'expire-scratch-30';
  else if (purpose === 'ml-training' || purpose === 'general') lifecyclePreset = 'intelligent-tiering';
  return {
    bucketName: suggestBucketName(`prism-${purpose}`, ctx.region),
    region: ctx.region,
    encryption: 'AES256',
    versioning: !scratch,
    blockPublicAccess: true,
    lifecyclePreset,
  };
}

function defaultLustre(purpose: Purpose, needs: Needs, ctx: AccountContext): FsxLustreConfig {
  const net = pickNetwork(ctx);
  const scratch = needs.shortLived === true || purpose === 'hpc-scratch';
  const deploymentType: FsxLustreConfig['deploymentType'] = scratch ? 'SCRATCH_2' : 'PERSISTENT_2';
  const rule = lustreCapacityRule({ deploymentType, storageType: 'SSD' });
  let storageCapacityGiB = roundUpSteps(rule, needs.capacityGiB);
  const cfg: FsxLustreConfig = {
    deploymentType,
    storageCapacityGiB,
    storageType: 'SSD',
    // LZ4 costs little CPU and usually stores more per GiB paid for.
    dataCompressionType: 'LZ4',
    subnetId: net.subnetsByAz[0]?.id ?? '',
    securityGroupIds: net.securityGroupIds,
  };
  if (deploymentType === 'PERSISTENT_2') {
    const thr = needs.throughputMBps ?? 0;
    const tiB = () => storageCapacityGiB / 1_024;
    let perUnit = [125, 250, 500, 1_000].find((p) => p * tiB() >= thr);
    if (perUnit === undefined) {
      // Even 1,000 MB/s/TiB is not enough at this size: grow capacity instead.
      perUnit = 1_000;
      storageCapacityGiB = roundUpSteps(rule, Math.ceil((thr / perUnit) * 1_024));
    }
    cfg.perUnitStorageThroughput = perUnit;
    cfg.storageCapacityGiB = storageCapacityGiB;
  }
  return cfg;
}

function defaultOpenZfs(purpose: Purpose, needs: Needs, ctx: AccountContext): FsxOpenZfsConfig {
  const net = pickNetwork(ctx);
  const wanted = Math.max(needs.throughputMBps ?? 0, purpose === 'database' ? 256 : 64);
  const deploymentType: FsxOpenZfsConfig['deploymentType'] = wanted > 4_096 ? 'SINGLE_AZ_2' : 'SINGLE_AZ_1';
  let recordSizeKiB = 128;
  if (purpose === 'database') recordSizeKiB = 16;
  else if (purpose === 'ml-training' || purpose === 'hpc-scratch' || purpose === 'archive') recordSizeKiB = 1_024;
  return {
    deploymentType,
    throughputCapacityMBps: atLeast(OPENZFS_THROUGHPUT[deploymentType], wanted),
    storageCapacityGiB: clamp(Math.ceil(needs.capacityGiB), OPENZFS_CAPACITY.min, OPENZFS_CAPACITY.max),
    dataCompressionType: purpose === 'archive' ? 'ZSTD' : 'LZ4',
    recordSizeKiB,
    nfsExportClients: '*',
    subnetIds: net.subnetsByAz.slice(0, 1).map((s) => s.id),
    securityGroupIds: net.securityGroupIds,
  };
}

function defaultWindows(purpose: Purpose, needs: Needs, ctx: AccountContext): FsxWindowsConfig {
  const net = pickNetwork(ctx);
  const multi = needs.sharedBy >= TEAM_WIDE && net.subnetsByAz.length >= 2;
  const storageType: FsxWindowsConfig['storageType'] = purpose === 'archive' && needs.capacityGiB >= WINDOWS_CAPACITY.HDD.min ? 'HDD' : 'SSD';
  const cap = WINDOWS_CAPACITY[storageType];
  const subnets = net.subnetsByAz.slice(0, multi ? 2 : 1).map((s) => s.id);
  const cfg: FsxWindowsConfig = {
    deploymentType: multi ? 'MULTI_AZ_1' : 'SINGLE_AZ_2',
    throughputCapacityMBps: atLeast(WINDOWS_THROUGHPUT, Math.max(32, needs.throughputMBps ?? 0)),
    storageType,
    storageCapacityGiB: clamp(Math.ceil(needs.capacityGiB), cap.min, cap.max),
    subnetIds: subnets,
    securityGroupIds: net.securityGroupIds,
  };
  if (multi) cfg.preferredSubnetId = subnets[0];
  const managed = ctx.directories.find((d) => d.type === 'MicrosoftAD' || d.type === 'SharedMicrosoftAD');
  if (managed) cfg.activeDirectoryId = managed.id;
  else cfg.selfManagedAd = { domainName: '', dnsIps: [], userName: '', password: '' };
  return cfg;
}

function defaultOntap(purpose: Purpose, needs: Needs, ctx: AccountContext): FsxOntapConfig {
  const net = pickNetwork(ctx);
  const multi = needs.sharedBy >= TEAM_WIDE && net.subnetsByAz.length >= 2;
  const deploymentType: FsxOntapConfig['deploymentType'] = multi ? 'MULTI_AZ_1' : 'SINGLE_AZ_1';
  const storageCapacityGiB = clamp(Math.ceil(needs.capacityGiB), ONTAP_CAPACITY_PER_PAIR.min, ONTAP_CAPACITY_PER_PAIR.max);
  const volumeName = `vol_${purpose.replace(/-/g, '_')}`;
  const subnets = net.subnetsByAz.slice(0, multi ? 2 : 1).map((s) => s.id);
  const cfg: FsxOntapConfig = {
    deploymentType,
    throughputCapacityMBps: atLeast(ONTAP_THROUGHPUT_PER_PAIR[deploymentType], Math.max(128, needs.throughputMBps ?? 0)),
    haPairs: 1,
    storageCapacityGiB,
    svmName: 'svm1',
    volumeName,
    junctionPath: `/${volumeName}`,
    // Volumes may exceed the SSD tier (cold data tiers to the capacity pool); start at the SSD size.
    volumeSizeMiB: storageCapacityGiB * 1_024,
    subnetIds: subnets,
    securityGroupIds: net.securityGroupIds,
  };
  if (multi) cfg.preferredSubnetId = subnets[0];
  return cfg;
}
