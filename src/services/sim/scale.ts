// Generated resources for load tests (`--sim-scale N`): N extra stores in
// us-east-1 spread over all seven kinds, deterministic per seed, with names
// a lab would use ("proj-0421-scratch"). Compact: no per-object state.
import type { FsxFileSystem, FsxVolume, Instance, RegionWorld, Svm } from './model.js';
import type { WorkloadProfile } from './subject.js';
import { Builder, DOMAIN } from './seed-world.js';
import { lustreMountName, ontapEndpoints } from './fsx-shapes.js';
import { MINUTE, World } from './world.js';

type Kind = 'ebs' | 's3' | 'efs' | 'lustre' | 'openzfs' | 'windows' | 'ontap';

/** Share of each kind among generated resources (block volumes dominate real accounts). */
const WEIGHTS: [Kind, number][] = [
  ['ebs', 0.4],
  ['s3', 0.2],
  ['efs', 0.1],
  ['lustre', 0.1],
  ['openzfs', 0.08],
  ['windows', 0.06],
  ['ontap', 0.06],
];

export function scaleCounts(n: number): Record<Kind, number> {
  const out = {} as Record<Kind, number>;
  let used = 0;
  for (const [k, w] of WEIGHTS) {
    out[k] = Math.floor(n * w);
    used += out[k];
  }
  out.ebs += n - used;
  return out;
}

const PROFILES: WorkloadProfile[] = ['nightly-training', 'office-hours-home', 'idle', 'steady-database', 'batch-hpc', 'archive-cold', 'web-assets', 'overprovisioned', 'growing'];
const OWNERS = ['ana.lopez', 'priya.nair', 'tom.berg', 'li.wei', 'marta.silva', 'r.fischer', 'h.tanaka', 'j.okafor', 'sam.k', 'dana.m'];
const EBS_SUFFIX = ['scratch', 'data', 'results', 'cache', 'db', 'staging', 'work'];
const EBS_TYPES = [
  ['gp3', 60],
  ['gp2', 12],
  ['io2', 8],
  ['st1', 10],
  ['sc1', 10],
] as const;
const EFS_MODES = [
  ['elastic', 5],
  ['bursting', 3],
  ['provisioned', 2],
] as const;

export function populateScale(world: World, rw: RegionWorld, n: number): void {
  if (n <= 0) return;
  const b = new Builder(world, rw, 'scale');
  const { rng } = b;
  const counts = scaleCounts(n);
  const azs = rw.azs.map((z) => z.name);
  let serial = 0;
  const project = () => {
    serial++;
    return `proj-${String(rng.int(1, 9999)).padStart(4, '0')}`;
  };
  const tags = (proj: string) => ({ Project: proj, Owner: `${rng.pick(OWNERS)}@research.example.org`, CostCenter: `RC-${rng.int(1000, 9999)}`, Generated: 'sim-scale' });
  const profile = () => rng.pick(PROFILES);
  const hpc = b.sg('hpc-nodes');

  // EBS: about 70% attached, four volumes per generated compute node.
  let node: Instance | undefined;
  let onNode = 0;
  for (let k = 0; k < counts.ebs; k++) {
    const proj = project();
    const az = rng.pick(azs);
    const type = rng.weighted(EBS_TYPES);
    const size = type === 'st1' || type === 'sc1' ? rng.int(125, 16384) : rng.int(20, 4096);
    const v = b.ebs({
      name: `${proj}-${rng.pick(EBS_SUFFIX)}`,
      az,
      type,
      size,
      iops: type === 'gp3' ? 3000 : type === 'io2' ? Math.min(size * 500, rng.pick([4000, 8000, 16000])) : undefined,
      throughput: type === 'gp3' ? 125 : undefined,
      daysAgo: rng.int(1, 400),
      profile: profile(),
      used: rng.float(0.05, 0.95),
      tags: tags(proj),
    });
    if (rng.chance(0.7)) {
      if (!node || onNode >= 4 || node.az !== az) {
        const sn = b.subnet(az);
        node = {
          seq: world.nextSeq(),
          id: rng.awsId('i'),
          name: `${proj}-node-${String(serial % 100).padStart(2, '0')}`,
          type: rng.pick(['c6i.2xlarge', 'm6i.xlarge', 'r6i.large', 'c7g.4xlarge']),
          az,
          subnetId: sn.id,
          vpcId: sn.vpcId,
          running: rng.chance(0.85),
          launchTime: v.createdAt - MINUTE,
          windows: false,
          os: { name: 'Amazon Linux', version: '2023' },
          ssm: rng.chance(0.6),
          privateIp: b.ip(sn.cidr),
          sgIds: [hpc.id],
          imageId: 'ami-0a3c3a20c09d6f377',
          arch: 'x86_64',
          tags: { Name: `${proj}-node`, Generated: 'sim-scale' },
        };
        node.arch = node.type.startsWith('c7g') ? 'arm64' : 'x86_64';
        if (!node.running) node.stoppedReason = 'User initiated';
        rw.instances.push(node);
        onNode = 0;
      }
      v.attachments.push({ instanceId: node.id, device: `/dev/sd${'fghijklmnop'[onNode]}`, attachAt: v.createdAt + MINUTE, attachedAt: v.createdAt + MINUTE + 5000, deleteOnTermination: false });
      onNode++;
    }
  }

  for (let k = 0; k < counts.s3; k++) {
    const proj = project();
    const count = rng.int(50, 200_000);
    b.bucket({
      name: `acme-${proj}-${rng.pick(['results', 'raw', 'shared', 'archive', 'exports'])}-${rng.alnumLower(6)}`,
      region: rw.region,
      daysAgo: rng.int(1, 400),
      versioning: rng.chance(0.3) ? 'Enabled' : undefined,
      tags: rng.chance(0.8) ? { Name: `${proj} data`, ...tags(proj) } : undefined,
      lifecycle: rng.chance(0.4) ? [{ ID: 'to-ia-30d', Status: 'Enabled', Filter: { Prefix: '' }, Transitions: [{ Days: 30, StorageClass: 'STANDARD_IA' }] }] : undefined,
      objects: { count, avgBytes: rng.int(64 * 1024, 256 * 1024 * 1024), template: { dirPrefix: 'data/part-', perDir: 1000, stem: 'obj-', ext: rng.pick(['.parquet', '.h5', '.csv.gz', '.tif']), width: 7 } },
      profile: profile(),
    });
  }

  for (let k = 0; k < counts.efs; k++) {
    const proj = project();
    const mode = rng.weighted(EFS_MODES);
    b.efs({
      name: `${proj}-home`,
      daysAgo: rng.int(1, 400),
      throughputMode: mode,
      provisioned: mode === 'provisioned' ? rng.pick([64, 128, 256, 512]) : undefined,
      sizesGiB: [rng.int(1, 2000), rng.int(0, 4000), 0],
      lifecycle: rng.chance(0.5) ? [{ TransitionToIA: 'AFTER_30_DAYS' }] : [],
      mountTargetAzs: [rng.pick(azs)],
      profile: profile(),
      tags: tags(proj),
    });
  }

  for (let k = 0; k < counts.lustre; k++) {
    const proj = project();
    const persistent = rng.chance(0.5);
    const cap = rng.pick([1200, 2400, 4800, 9600, 19200]);
    const fs = b.fsxBase({
      name: `${proj}-lustre`,
      type: 'LUSTRE',
      deploymentType: persistent ? 'PERSISTENT_2' : 'SCRATCH_2',
      capacity: cap,
      perUnit: persistent ? rng.pick([125, 250, 500, 1000]) : undefined,
      azs: [rng.pick(azs)],
      daysAgo: rng.int(1, 300),
      profile: profile(),
      used: rng.float(0.05, 0.9),
      compression: rng.pick(['LZ4', 'NONE']),
      backupDays: persistent ? 7 : 0,
      tags: tags(proj),
    });
    fs.lustre = { mountName: lustreMountName(rng), version: '2.15' };
  }

  for (let k = 0; k < counts.openzfs; k++) {
    const proj = project();
    const fs = b.fsxBase({ name: `${proj}-zfs`, type: 'OPENZFS', deploymentType: 'SINGLE_AZ_2', capacity: rng.int(64, 8192), throughput: rng.pick([160, 320, 640, 1280]), azs: [rng.pick(azs)], daysAgo: rng.int(1, 300), profile: profile(), used: rng.float(0.05, 0.9), backupDays: 7, tags: tags(proj) });
    const root: FsxVolume = { seq: world.nextSeq(), createdAt: fs.createdAt, readyAt: fs.createdAt + 20 * MINUTE, id: rng.awsId('fsvol'), fsId: fs.id, kind: 'OPENZFS', name: 'fsx', tags: {}, openzfs: { path: '/fsx', recordSizeKiB: 128, compression: 'LZ4', nfsExports: [{ clients: '*', options: ['rw', 'crossmnt'] }], readOnly: false, isRoot: true } };
    rw.fsxVolumes.set(root.id, root);
    fs.openzfs = { rootVolumeId: root.id, recordSizeKiB: 128, endpointIp: b.ip(b.subnet(rng.pick(azs)).cidr) };
  }

  const dir = rw.directories[0];
  for (let k = 0; k < counts.windows; k++) {
    const proj = project();
    const fs = b.fsxBase({ name: `${proj}-smb`, type: 'WINDOWS', deploymentType: 'SINGLE_AZ_2', capacity: rng.int(32, 4096), throughput: rng.pick([32, 64, 128, 256]), azs: [rng.pick(azs)], daysAgo: rng.int(1, 300), profile: profile(), used: rng.float(0.05, 0.9), backupDays: 7, tags: tags(proj) });
    fs.dnsName = `amznfsx${rng.alnumLower(8)}.${DOMAIN}`;
    fs.windows = { adId: dir?.id, preferredIp: b.ip(b.subnet(azs[0]).cidr), remoteAdmin: `amznfsx${rng.alnumLower(8)}.${DOMAIN}`, aliases: [] };
  }

  for (let k = 0; k < counts.ontap; k++) {
    const proj = project();
    const fs: FsxFileSystem = b.fsxBase({ name: `${proj}-ontap`, type: 'ONTAP', deploymentType: 'SINGLE_AZ_1', capacity: rng.int(1024, 16384), throughput: rng.pick([128, 256, 512]), azs: [rng.pick(azs)], daysAgo: rng.int(1, 300), profile: profile(), used: rng.float(0.05, 0.9), backupDays: 30, tags: tags(proj) });
    fs.ontap = ontapEndpoints(rng, fs.id, rw.region, undefined);
    const svm: Svm = { seq: world.nextSeq(), createdAt: fs.createdAt + 25 * MINUTE, readyAt: fs.createdAt + 30 * MINUTE, id: rng.awsId('svm'), fsId: fs.id, name: 'svm1', uuid: rng.uuid(), rootVolumeSecurityStyle: 'UNIX', nfsIp: b.ip(b.subnet(azs[0]).cidr), tags: { Name: 'svm1' } };
    rw.svms.set(svm.id, svm);
    for (const [name, jp, size, isRoot] of [
      ['svm1_root', '/', 1024, true],
      ['vol1', '/vol1', 512 * 1024, false],
    ] as const) {
      const v: FsxVolume = { seq: world.nextSeq(), createdAt: fs.createdAt + 40 * MINUTE, readyAt: fs.createdAt + 42 * MINUTE, id: rng.awsId('fsvol'), fsId: fs.id, kind: 'ONTAP', name, tags: isRoot ? {} : { Name: name }, ontap: { svmId: svm.id, junctionPath: jp, sizeMiB: size, securityStyle: 'UNIX', storageEfficiency: !isRoot, tieringPolicy: isRoot ? 'NONE' : 'SNAPSHOT_ONLY', uuid: rng.uuid(), isRoot } };
      rw.fsxVolumes.set(v.id, v);
    }
  }
}
