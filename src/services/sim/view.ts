// The world as the metric and cost models see it: every resource that exists
// at `now` becomes a SimMetricSubject (profile, capacity, what it can do).
import type { SimMetricSubject, SimWorldView, WorkloadProfile } from './subject.js';
import type { Bucket, EbsVolume, EfsFileSystem, FsxFileSystem, RegionWorld, Tags, Workload } from './model.js';
import { exists, phase } from './model.js';
import { effectiveSpec, liveAttachments } from './handlers/ec2.js';
import { effectiveSettings } from './fsx-shapes.js';
import { ebsPerf, efsThroughputBytes, fsxPerf } from './perf.js';
import { liveCount } from './objects.js';
import { hash32 } from './rand.js';
import { storedBytesAt } from './workload.js';
import type { World } from './world.js';
import { GiB } from './world.js';

const MiB = 1024 ** 2;

/** A "Workload" tag (the wizard's workload names) picks the profile of a resource the user created. */
const WORKLOAD_PROFILE: Record<string, WorkloadProfile> = {
  'ml-training': 'nightly-training',
  'hpc-scratch': 'batch-hpc',
  'home-directories': 'office-hours-home',
  database: 'steady-database',
  'windows-shares': 'office-hours-home',
  'enterprise-nas': 'office-hours-home',
  archive: 'archive-cold',
  general: 'growing',
};

function profileOf(r: Workload & { createdAt: number; readyAt: number; seq: number; deleteAt?: number; goneAt?: number }, tags: Tags | undefined, now: number): WorkloadProfile {
  if (phase(r, now) === 'creating') return 'creating';
  if (r.profile !== 'creating') return r.profile;
  return WORKLOAD_PROFILE[tags?.Workload ?? ''] ?? 'growing';
}

function usedOf(r: Workload, profile: WorkloadProfile): number {
  // A resource the user just created starts nearly empty and grows.
  return r.profile === 'creating' && profile !== 'creating' ? 0.02 : r.usedFraction;
}

function ebsSubject(world: World, v: EbsVolume, now: number): SimMetricSubject {
  const spec = effectiveSpec(v, now);
  const perf = ebsPerf(spec);
  const profile = profileOf(v, v.tags, now);
  return {
    id: v.id,
    type: 'ebs',
    profile,
    seed: hash32(world.seed, v.id),
    createdAt: v.createdAt,
    capacityBytes: spec.sizeGiB * GiB,
    usedFraction: usedOf(v, profile),
    throughputBytesPerSec: perf.throughputMiBps * MiB,
    iops: perf.iops,
    variant: spec.type,
    attachedTo: liveAttachments(v, now)[0]?.instanceId,
    scenarioAt: world.anchor,
  };
}

function efsSubject(world: World, f: EfsFileSystem, now: number): SimMetricSubject {
  const total = f.sizes.standard + f.sizes.ia + f.sizes.archive;
  const profile = profileOf(f, f.tags, now);
  return {
    id: f.id,
    type: 'efs',
    profile,
    seed: hash32(world.seed, f.id),
    createdAt: f.createdAt,
    capacityBytes: total,
    usedFraction: 1,
    throughputBytesPerSec: efsThroughputBytes(f.throughputMode, f.provisionedMiBps, f.sizes.standard),
    // EFS General Purpose: up to 55,000 read IOPS (elastic: 90,000+); Max I/O effectively unlimited.
    // https://docs.aws.amazon.com/efs/latest/ug/performance.html
    iops: f.performanceMode === 'maxIO' ? 500_000 : f.throughputMode === 'elastic' ? 90_000 : 55_000,
    variant: f.throughputMode,
    performanceMode: f.performanceMode,
    storageClassFractions: total > 0 ? { Standard: f.sizes.standard / total, IA: f.sizes.ia / total, Archive: f.sizes.archive / total } : undefined,
    scenarioAt: world.anchor,
  };
}

function fsxSubject(world: World, f: FsxFileSystem, now: number): SimMetricSubject {
  const s = effectiveSettings(f, now);
  const perf = fsxPerf(f.type, f.deploymentType, s.storageCapacity, s.throughputCapacity, s.perUnitStorageThroughput, s.iops);
  const type = f.type === 'LUSTRE' ? 'fsx-lustre' : f.type === 'OPENZFS' ? 'fsx-openzfs' : f.type === 'WINDOWS' ? 'fsx-windows' : 'fsx-ontap';
  const profile = f.failure ? 'idle' : profileOf(f, f.tags, now);
  return {
    id: f.id,
    type,
    profile,
    seed: hash32(world.seed, f.id),
    createdAt: f.createdAt,
    capacityBytes: s.storageCapacity * GiB,
    usedFraction: f.failure ? 0 : usedOf(f, profile),
    throughputBytesPerSec: perf.throughputBytes,
    iops: perf.iops,
    variant: f.deploymentType,
    fsxType: f.type,
    scenarioAt: world.anchor,
  };
}

function s3Subject(world: World, b: Bucket, now: number): SimMetricSubject {
  const count = liveCount(b.objects);
  const profile = profileOf(b, b.tags, now);
  return {
    id: b.name,
    type: 's3',
    profile,
    seed: hash32(world.seed, b.name),
    createdAt: b.createdAt,
    capacityBytes: count * b.objects.avgBytes,
    usedFraction: 1,
    // S3 scales per prefix (5,500 GET/s); a nominal ceiling for the models.
    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/optimizing-performance.html
    throughputBytesPerSec: 10 * 1024 * MiB,
    iops: 5500,
    variant: b.objects.storageClass,
    objectCount: count,
    requestMetrics: b.metrics.some((m) => m.Id === 'EntireBucket'),
    region: b.region,
    scenarioAt: world.anchor,
  };
}

// Which resources are metric subjects at `now`: one rule per kind, for both the
// whole region (subjectsOf) and one named resource (subjectOf).
const liveEbs = (world: World, v: EbsVolume, now: number) => (exists(v, now) && !v.error ? ebsSubject(world, v, now) : undefined);
const liveEfs = (world: World, f: EfsFileSystem, now: number) => (exists(f, now) ? efsSubject(world, f, now) : undefined);
const liveFsx = (world: World, f: FsxFileSystem, now: number) => (exists(f, now) ? fsxSubject(world, f, now) : undefined);
const liveBucket = (world: World, b: Bucket, region: string, now: number) => (b.region === region && exists(b, now) ? s3Subject(world, b, now) : undefined);

export function subjectsOf(world: World, rw: RegionWorld, now: number): SimMetricSubject[] {
  const out: SimMetricSubject[] = [];
  const add = (s: SimMetricSubject | undefined) => {
    if (s) out.push(s);
  };
  for (const v of rw.volumes.values()) add(liveEbs(world, v, now));
  for (const f of rw.efs.values()) add(liveEfs(world, f, now));
  for (const f of rw.fsx.values()) add(liveFsx(world, f, now));
  for (const b of world.buckets.values()) add(liveBucket(world, b, rw.region, now));
  return out;
}

/** The resource a metric names, as subjectsOf would give it; see SimWorldView.subject. */
export function subjectOf(world: World, rw: RegionWorld, namespace: string, id: string, now: number): SimMetricSubject | undefined {
  switch (namespace) {
    case 'AWS/EBS': {
      const v = rw.volumes.get(id);
      return v && liveEbs(world, v, now);
    }
    case 'AWS/EFS': {
      const f = rw.efs.get(id);
      return f && liveEfs(world, f, now);
    }
    case 'AWS/FSx': {
      const f = rw.fsx.get(id);
      return f && liveFsx(world, f, now);
    }
    case 'AWS/S3': {
      const b = world.buckets.get(id);
      return b && liveBucket(world, b, rw.region, now);
    }
  }
  return undefined;
}

export function makeView(world: World, region: string, now: () => number): SimWorldView {
  return {
    region,
    now,
    subjects: () => subjectsOf(world, world.region(region), now()),
    subject: (namespace, id) => subjectOf(world, world.region(region), namespace, id, now()),
  };
}

/** Cost Explorer is account-wide: every built region's resources, each with its region. */
export function makeAccountView(world: World, now: () => number): SimWorldView {
  return {
    region: 'us-east-1',
    now,
    subjects: () => world.builtRegions().flatMap((rw) => subjectsOf(world, rw, now()).map((s) => ({ ...s, region: s.region ?? rw.region }))),
  };
}

/** EFS metered size at `now`, consistent with the StorageBytes metric the models report. */
export function efsSizesAt(world: World, f: EfsFileSystem, now: number): { standard: number; ia: number; archive: number } {
  const total = f.sizes.standard + f.sizes.ia + f.sizes.archive;
  if (total === 0) return f.sizes;
  const k = storedBytesAt(efsSubject(world, f, now), now) / total;
  return { standard: Math.round(f.sizes.standard * k), ia: Math.round(f.sizes.ia * k), archive: Math.round(f.sizes.archive * k) };
}
