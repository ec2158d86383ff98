// The default simulated world: a research lab's account as a person would
// recognise it. us-east-1 holds about thirty stores across all seven kinds,
// with the planted cases analytics must find; us-west-2 a handful; every
// other region only the default VPC and AWS managed keys.
import type { LifecycleRule } from '@aws-sdk/client-s3';
import type { LifecyclePolicy } from '@aws-sdk/client-efs';
import type {
  Attachment,
  Bucket,
  Directory,
  EbsVolume,
  EfsFileSystem,
  FsxFileSystem,
  FsxVolume,
  Instance,
  NfsExport,
  ObjectTemplate,
  RegionWorld,
  SecurityGroup,
  Subnet,
  Tags,
  Vpc,
} from './model.js';
import type { WorkloadProfile } from './subject.js';
import { Intervals } from './intervals.js';
import { Rng } from './rand.js';
import { ACCOUNT_ID, DAY, GiB, HOUR, MINUTE, World } from './world.js';
import { backupOf, fsxDns, lustreMountName, ontapEndpoints, windowsDns } from './fsx-shapes.js';

export const DOMAIN = 'corp.research.example.org';

/** Deterministic helpers shared by the hand-made world and the scale generator. */
export class Builder {
  readonly rng: Rng;

  constructor(
    readonly world: World,
    readonly rw: RegionWorld,
    stream: string,
  ) {
    this.rng = Rng.from(world.seed, stream, rw.region);
  }

  /** Epoch ms `days` before the anchor, with a deterministic time of day. */
  ago(days: number): number {
    return this.world.anchor - days * DAY - this.rng.int(0, 23) * HOUR - this.rng.int(0, 59) * MINUTE;
  }

  life(createdAt: number, readyAfterMs = 0): { seq: number; createdAt: number; readyAt: number } {
    return { seq: this.world.nextSeq(), createdAt, readyAt: createdAt + readyAfterMs };
  }

  private readonly cidrs = new Map<string, number[]>();

  ip(cidr: string): string {
    let p = this.cidrs.get(cidr);
    if (!p) this.cidrs.set(cidr, (p = cidr.split('/')[0].split('.').map(Number)));
    return `${p[0]}.${p[1]}.${p[2] + this.rng.int(0, 14)}.${this.rng.int(5, 250)}`;
  }

  subnet(az: string): Subnet {
    const named = this.rw.subnets.find((s) => s.az === az && !s.defaultForAz);
    const s = named ?? this.rw.subnets.find((x) => x.az === az);
    if (!s) throw new Error(`no subnet in ${az}`);
    return s;
  }

  instance(name: string): Instance {
    const i = this.rw.instances.find((x) => x.name === name);
    if (!i) throw new Error(`no instance ${name}`);
    return i;
  }

  sg(name: string): SecurityGroup {
    const g = this.rw.securityGroups.find((x) => x.name === name);
    if (!g) throw new Error(`no security group ${name}`);
    return g;
  }

  kmsArn(alias: string): string {
    const k = this.rw.kmsKeys.find((x) => x.aliases.includes(alias));
    if (!k) throw new Error(`no key ${alias}`);
    return k.arn;
  }

  vpc(): Vpc {
    return this.rw.vpcs.find((v) => !v.isDefault) ?? this.rw.vpcs[0];
  }

  ebs(o: {
    name: string;
    az: string;
    type: string;
    size: number;
    iops?: number;
    throughput?: number;
    daysAgo: number;
    profile: WorkloadProfile;
    used: number;
    attach?: { instance: string; device: string; deleteOnTermination?: boolean; daysAgo?: number };
    kms?: string;
    encrypted?: boolean;
    snapshotId?: string;
    tags: Tags;
    multiAttach?: boolean;
  }): EbsVolume {
    const createdAt = this.ago(o.daysAgo);
    const attachments: Attachment[] = [];
    if (o.attach) {
      const at = o.attach.daysAgo !== undefined ? this.ago(o.attach.daysAgo) : createdAt + 2 * MINUTE;
      attachments.push({ instanceId: this.instance(o.attach.instance).id, device: o.attach.device, attachAt: at, attachedAt: at + 5000, deleteOnTermination: o.attach.deleteOnTermination ?? false });
    }
    const encrypted = o.encrypted ?? true;
    const v: EbsVolume = {
      seq: this.world.nextSeq(),
      createdAt: createdAt,
      readyAt: createdAt + 4000,
      id: this.rng.awsId('vol'),
      az: o.az,
      spec: { sizeGiB: o.size, type: o.type, iops: o.iops, throughput: o.throughput },
      encrypted,
      kmsKeyId: encrypted ? this.kmsArn(o.kms ?? 'alias/aws/ebs') : undefined,
      snapshotId: o.snapshotId,
      multiAttach: o.multiAttach ?? false,
      tags: { Name: o.name, ...o.tags },
      attachments,
      mods: [],
      profile: o.profile,
      usedFraction: o.used,
    };
    this.rw.volumes.set(v.id, v);
    return v;
  }

  efs(o: {
    name: string;
    daysAgo: number;
    performanceMode?: string;
    throughputMode: string;
    provisioned?: number;
    oneZone?: string;
    sizesGiB: [number, number, number];
    lifecycle: LifecyclePolicy[];
    mountTargetAzs: string[];
    profile: WorkloadProfile;
    used?: number;
    tags: Tags;
  }): EfsFileSystem {
    const createdAt = this.ago(o.daysAgo);
    const id = this.rng.awsId('fs');
    const fs: EfsFileSystem = {
      seq: this.world.nextSeq(),
      createdAt: createdAt,
      readyAt: createdAt + 6000,
      id,
      creationToken: `console-${this.rng.uuid()}`,
      performanceMode: o.performanceMode ?? 'generalPurpose',
      throughputMode: o.throughputMode,
      provisionedMiBps: o.provisioned,
      encrypted: true,
      kmsKeyId: this.kmsArn('alias/aws/elasticfilesystem'),
      azName: o.oneZone,
      sizes: { standard: o.sizesGiB[0] * GiB, ia: o.sizesGiB[1] * GiB, archive: o.sizesGiB[2] * GiB },
      lifecycle: o.lifecycle,
      tags: { Name: o.name, ...o.tags },
      profile: o.profile,
      usedFraction: o.used ?? 1,
    };
    this.rw.efs.set(id, fs);
    for (const az of o.mountTargetAzs) {
      const sn = this.subnet(az);
      const mt = {
        seq: this.world.nextSeq(),
        createdAt: createdAt + 3 * MINUTE,
        readyAt: createdAt + 3 * MINUTE + 90_000,
        id: this.rng.awsId('fsmt'),
        fsId: id,
        subnetId: sn.id,
        vpcId: sn.vpcId,
        az,
        azId: sn.azId,
        ip: this.ip(sn.cidr),
        eni: this.rng.awsId('eni'),
        sgIds: [this.rw.securityGroups.find((g) => g.name === 'nfs-clients' && g.vpcId === sn.vpcId)?.id ?? this.rw.securityGroups.find((g) => g.vpcId === sn.vpcId)!.id],
      };
      this.rw.mountTargets.set(mt.id, mt);
    }
    return fs;
  }

  fsxBase(o: {
    name: string;
    type: FsxFileSystem['type'];
    deploymentType: string;
    storageType?: string;
    capacity: number;
    throughput?: number;
    perUnit?: number;
    azs: string[];
    preferredAz?: string;
    daysAgo: number;
    profile: WorkloadProfile;
    used: number;
    backupDays?: number;
    compression?: string;
    iops?: number;
    tags: Tags;
    failure?: string;
  }): FsxFileSystem {
    const createdAt = this.ago(o.daysAgo);
    const id = this.rng.awsId('fs');
    const subnets = o.azs.map((az) => this.subnet(az));
    const preferred = o.preferredAz ? this.subnet(o.preferredAz) : undefined;
    const fs: FsxFileSystem = {
      seq: this.world.nextSeq(),
      createdAt: createdAt,
      readyAt: createdAt + 20 * MINUTE,
      id,
      type: o.type,
      deploymentType: o.deploymentType,
      storageType: o.storageType ?? 'SSD',
      settings: {
        storageCapacity: o.capacity,
        throughputCapacity: o.throughput,
        perUnitStorageThroughput: o.perUnit,
        backupRetentionDays: o.backupDays ?? 0,
        compression: o.compression,
        iops: o.iops,
      },
      subnetIds: subnets.map((s) => s.id),
      preferredSubnetId: preferred?.id,
      vpcId: subnets[0].vpcId,
      dnsName: o.type === 'LUSTRE' || o.type === 'OPENZFS' ? fsxDns(id, this.rw.region) : undefined,
      kmsKeyId: o.type === 'LUSTRE' && o.deploymentType.startsWith('SCRATCH') ? undefined : this.kmsArn('alias/aws/fsx'),
      tags: { Name: o.name, ...o.tags },
      failure: o.failure,
      eniIds: o.failure ? [] : subnets.map(() => this.rng.awsId('eni')),
      updates: [],
      profile: o.profile,
      usedFraction: o.used,
    };
    this.rw.fsx.set(id, fs);
    return fs;
  }

  bucket(o: {
    name: string;
    region: string;
    daysAgo: number;
    versioning?: 'Enabled' | 'Suspended';
    encryption?: Bucket['encryption'];
    lifecycle?: LifecycleRule[];
    tags?: Tags;
    publicAccessBlock?: boolean;
    objects: { count: number; avgBytes: number; template: ObjectTemplate; storageClass?: string; spanDays?: number };
    profile: WorkloadProfile;
    used?: number;
    tiering?: Bucket['tiering'];
    requestMetrics?: boolean;
  }): Bucket {
    const createdAt = this.ago(o.daysAgo);
    const span = Math.min(o.objects.spanDays ?? o.daysAgo, o.daysAgo);
    const b: Bucket = {
      seq: this.world.nextSeq(),
      createdAt: createdAt,
      readyAt: createdAt,
      name: o.name,
      region: o.region,
      versioning: o.versioning,
      encryption: o.encryption ?? { algorithm: 'AES256', bucketKey: false },
      lifecycle: o.lifecycle,
      tags: o.tags,
      publicAccessBlock: o.publicAccessBlock === false ? undefined : { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
      tiering: o.tiering ?? [],
      metrics: o.requestMetrics ? [{ Id: 'EntireBucket' }] : [],
      uploads: [],
      objects: {
        count: o.objects.count,
        avgBytes: o.objects.avgBytes,
        template: o.objects.template,
        marked: new Intervals(),
        purged: new Intervals(),
        firstModified: createdAt + HOUR,
        lastModified: Math.max(createdAt + HOUR, this.world.anchor - (o.daysAgo - span) * DAY - 3 * HOUR),
        storageClass: o.objects.storageClass ?? 'STANDARD',
      },
      profile: o.profile,
      usedFraction: o.used ?? 1,
    };
    this.world.buckets.set(b.name, b);
    return b;
  }
}

// ---------------------------------------------------------------------------

function researchNetwork(b: Builder): void {
  const { rw, rng } = b;
  const vpc: Vpc = { seq: b.world.nextSeq(), id: rng.awsId('vpc'), cidr: '10.20.0.0/16', isDefault: false, tags: { Name: 'research-vpc', Project: 'platform', Owner: 'hpc-admins@research.example.org', CostCenter: 'RC-1000' } };
  rw.vpcs.push(vpc);
  const names = ['hpc-private-1a', 'hpc-private-1b', 'hpc-private-1c', 'data-private-1d', 'data-private-1e', 'dmz-public-1f'];
  rw.azs.forEach((az, i) => {
    rw.subnets.push({
      seq: b.world.nextSeq(),
      id: rng.awsId('subnet'),
      vpcId: vpc.id,
      az: az.name,
      azId: az.id,
      cidr: `10.20.${i * 16}.0/20`,
      defaultForAz: false,
      availableIps: 4091 - rng.int(20, 400),
      tags: { Name: names[i] ?? `research-${az.name}`, Tier: i === 5 ? 'public' : 'private' },
    });
  });
  const sg = (name: string, description: string, ingress: SecurityGroup['ingress']): SecurityGroup => {
    const g: SecurityGroup = { seq: b.world.nextSeq(), id: rng.awsId('sg'), name, description, vpcId: vpc.id, ingress, egress: [{ protocol: '-1', from: -1, to: -1, cidr: '0.0.0.0/0' }], tags: { Name: name } };
    rw.securityGroups.push(g);
    return g;
  };
  const def = sg('default', 'default VPC security group', []);
  def.ingress.push({ protocol: '-1', from: -1, to: -1, groupId: def.id });
  def.tags = {};
  const vpcCidr = vpc.cidr;
  const hpc = sg('hpc-nodes', 'HPC head and compute nodes', [{ protocol: 'tcp', from: 22, to: 22, cidr: '10.0.0.0/8', description: 'SSH from campus VPN' }]);
  hpc.ingress.push({ protocol: '-1', from: -1, to: -1, groupId: hpc.id, description: 'cluster traffic' });
  // FSx for Lustre client ports 988 and 1018-1023: https://docs.aws.amazon.com/fsx/latest/LustreGuide/limit-access-security-groups.html
  sg('lustre-clients', 'FSx for Lustre: LNET from the VPC', [
    { protocol: 'tcp', from: 988, to: 988, cidr: vpcCidr, description: 'Lustre' },
    { protocol: 'tcp', from: 1018, to: 1023, cidr: vpcCidr, description: 'Lustre' },
  ]);
  // NFS ports for EFS and FSx for OpenZFS: https://docs.aws.amazon.com/fsx/latest/OpenZFSGuide/limit-access-security-groups.html
  sg('nfs-clients', 'NFS (EFS, FSx for OpenZFS) from the VPC', [
    { protocol: 'tcp', from: 2049, to: 2049, cidr: vpcCidr, description: 'NFS' },
    { protocol: 'tcp', from: 111, to: 111, cidr: vpcCidr, description: 'rpcbind' },
    { protocol: 'udp', from: 111, to: 111, cidr: vpcCidr, description: 'rpcbind' },
    { protocol: 'tcp', from: 20001, to: 20003, cidr: vpcCidr, description: 'NFS mount, status, lock' },
    { protocol: 'udp', from: 20001, to: 20003, cidr: vpcCidr, description: 'NFS mount, status, lock' },
  ]);
  sg('smb-clients', 'FSx for Windows File Server: SMB and WinRM from the VPC', [
    { protocol: 'tcp', from: 445, to: 445, cidr: vpcCidr, description: 'SMB' },
    { protocol: 'tcp', from: 5985, to: 5985, cidr: vpcCidr, description: 'WinRM (remote PowerShell)' },
  ]);
  sg('ontap-clients', 'FSx for ONTAP: NFS, SMB, iSCSI, management', [
    { protocol: 'tcp', from: 2049, to: 2049, cidr: vpcCidr, description: 'NFS' },
    { protocol: 'tcp', from: 111, to: 111, cidr: vpcCidr, description: 'rpcbind' },
    { protocol: 'tcp', from: 635, to: 635, cidr: vpcCidr, description: 'NFS mountd' },
    { protocol: 'tcp', from: 445, to: 445, cidr: vpcCidr, description: 'SMB' },
    { protocol: 'tcp', from: 3260, to: 3260, cidr: vpcCidr, description: 'iSCSI' },
    { protocol: 'tcp', from: 443, to: 443, cidr: vpcCidr, description: 'ONTAP REST API' },
    { protocol: 'tcp', from: 22, to: 22, cidr: vpcCidr, description: 'ONTAP CLI' },
  ]);
}

function instances(b: Builder, list: { name: string; type: string; az: string; running: boolean; ssm: boolean; os: 'al2023' | 'al2' | 'ubuntu' | 'windows'; daysAgo: number; sgs: string[]; tags: Tags; stoppedDaysAgo?: number }[]): void {
  const OS = {
    al2023: { name: 'Amazon Linux', version: '2023', image: 'ami-0a3c3a20c09d6f377' },
    al2: { name: 'Amazon Linux', version: '2', image: 'ami-0cff7528ff583bf9a' },
    ubuntu: { name: 'Ubuntu', version: '22.04', image: 'ami-053b0d53c279acc90' },
    windows: { name: 'Microsoft Windows Server 2022 Datacenter', version: '10.0.20348', image: 'ami-0be0e902919675894' },
  };
  for (const o of list) {
    const sn = b.subnet(o.az);
    const os = OS[o.os];
    const launchTime = b.ago(o.daysAgo);
    const inst: Instance = {
      seq: b.world.nextSeq(),
      id: b.rng.awsId('i'),
      name: o.name,
      type: o.type,
      az: o.az,
      subnetId: sn.id,
      vpcId: sn.vpcId,
      running: o.running,
      launchTime,
      stoppedReason: o.running ? undefined : `User initiated (${new Date(b.ago(o.stoppedDaysAgo ?? 20)).toISOString().replace('T', ' ').slice(0, 19)} GMT)`,
      windows: o.os === 'windows',
      os: { name: os.name, version: os.version },
      ssm: o.ssm,
      privateIp: b.ip(sn.cidr),
      sgIds: o.sgs.map((n) => b.sg(n).id),
      imageId: os.image,
      arch: o.type.startsWith('c7g') || o.type.startsWith('m7g') ? 'arm64' : 'x86_64',
      tags: { Name: o.name, ...o.tags },
    };
    b.rw.instances.push(inst);
  }
}

function customerKey(b: Builder, alias: string, description: string, daysAgo: number): void {
  const id = b.rng.uuid();
  b.rw.kmsKeys.push({ id, arn: `arn:aws:kms:${b.rw.region}:${ACCOUNT_ID}:key/${id}`, aliases: [alias], manager: 'CUSTOMER', description, createdAt: b.ago(daysAgo) });
}

function ontapVolume(b: Builder, fs: FsxFileSystem, svmId: string, name: string, junctionPath: string | undefined, sizeMiB: number, securityStyle: string, isRoot = false, tiering = 'SNAPSHOT_ONLY'): FsxVolume {
  const v: FsxVolume = {
    seq: b.world.nextSeq(),
    createdAt: fs.createdAt + 40 * MINUTE,
    readyAt: fs.createdAt + 40 * MINUTE + 2 * MINUTE,
    id: b.rng.awsId('fsvol'),
    fsId: fs.id,
    kind: 'ONTAP',
    name,
    tags: isRoot ? {} : { Name: name },
    ontap: { svmId, junctionPath, sizeMiB, securityStyle, storageEfficiency: !isRoot, tieringPolicy: tiering, uuid: b.rng.uuid(), isRoot },
  };
  b.rw.fsxVolumes.set(v.id, v);
  return v;
}

function zfsVolume(b: Builder, fs: FsxFileSystem, o: { name: string; parentId?: string; path: string; quota?: number; reservation?: number; record?: number; compression: string; exports: NfsExport[]; root?: boolean; readOnly?: boolean }): FsxVolume {
  const v: FsxVolume = {
    seq: b.world.nextSeq(),
    createdAt: fs.createdAt + (o.root ? 0 : 45 * MINUTE),
    readyAt: fs.createdAt + (o.root ? 20 * MINUTE : 47 * MINUTE),
    id: b.rng.awsId('fsvol'),
    fsId: fs.id,
    kind: 'OPENZFS',
    name: o.name,
    tags: o.root ? {} : { Name: o.name },
    openzfs: { parentId: o.parentId, path: o.path, quotaGiB: o.quota, reservationGiB: o.reservation, recordSizeKiB: o.record ?? 128, compression: o.compression, nfsExports: o.exports, readOnly: o.readOnly ?? false, isRoot: !!o.root },
  };
  b.rw.fsxVolumes.set(v.id, v);
  return v;
}

const T = (project: string, owner: string, costCenter: string, extra: Tags = {}): Tags => ({ Project: project, Owner: owner, CostCenter: costCenter, ...extra });

function populateUsEast1(world: World, rw: RegionWorld): void {
  const b = new Builder(world, rw, 'seed-world');
  const R = rw.region;
  researchNetwork(b);
  customerKey(b, 'alias/research-data', 'Research data at rest (genomics, imaging); rotated yearly', 410);

  const dir: Directory = {
    id: `d-9067${b.rng.hex(6)}`,
    name: DOMAIN,
    shortName: 'CORP',
    type: 'MicrosoftAD',
    edition: 'Standard',
    vpcId: b.vpc().id,
    subnetIds: [b.subnet(`${R}a`).id, b.subnet(`${R}b`).id],
    azs: [`${R}a`, `${R}b`],
    dnsIps: ['10.20.4.15', '10.20.20.87'],
    sgId: b.rng.awsId('sg'),
    launchTime: b.ago(380),
    description: 'Research Computing directory (AWS Managed Microsoft AD)',
  };
  rw.directories.push(dir);

  instances(b, [
    { name: 'hpc-head-node', type: 'c6i.4xlarge', az: `${R}a`, running: true, ssm: true, os: 'al2023', daysAgo: 210, sgs: ['hpc-nodes', 'lustre-clients', 'nfs-clients'], tags: T('hpc-platform', 'hpc-admins@research.example.org', 'RC-1000') },
    { name: 'gpu-train-01', type: 'p4d.24xlarge', az: `${R}b`, running: true, ssm: true, os: 'ubuntu', daysAgo: 95, sgs: ['hpc-nodes', 'lustre-clients'], tags: T('vision-ml', 'priya.nair@research.example.org', 'ML-2040') },
    { name: 'gpu-train-02', type: 'g5.12xlarge', az: `${R}b`, running: true, ssm: true, os: 'ubuntu', daysAgo: 61, sgs: ['hpc-nodes', 'lustre-clients'], tags: T('vision-ml', 'priya.nair@research.example.org', 'ML-2040') },
    { name: 'lims-db', type: 'r6i.2xlarge', az: `${R}c`, running: true, ssm: true, os: 'al2', daysAgo: 300, sgs: ['hpc-nodes'], tags: T('lims', 'dbteam@research.example.org', 'RC-1100') },
    { name: 'rstudio-legacy', type: 'm5.2xlarge', az: `${R}c`, running: true, ssm: false, os: 'al2', daysAgo: 410, sgs: ['hpc-nodes', 'nfs-clients'], tags: T('biostats', 'tom.berg@research.example.org', 'BS-3100') },
    { name: 'windows-analysis-ws', type: 'm6i.xlarge', az: `${R}a`, running: true, ssm: true, os: 'windows', daysAgo: 150, sgs: ['smb-clients'], tags: T('imaging-core', 'li.wei@research.example.org', 'IM-5200') },
    { name: 'cryoem-processing', type: 'c6i.8xlarge', az: `${R}d`, running: false, ssm: true, os: 'al2023', daysAgo: 120, stoppedDaysAgo: 33, sgs: ['hpc-nodes', 'nfs-clients'], tags: T('cryo-em', 'marta.silva@research.example.org', 'CE-4400') },
  ]);

  // ---- EBS ----------------------------------------------------------------
  b.ebs({ name: 'hpc-head-root', az: `${R}a`, type: 'gp3', size: 100, iops: 3000, throughput: 125, daysAgo: 210, profile: 'office-hours-home', used: 0.42, attach: { instance: 'hpc-head-node', device: '/dev/xvda', deleteOnTermination: true }, tags: T('hpc-platform', 'hpc-admins@research.example.org', 'RC-1000') });
  b.ebs({ name: 'genomics-scratch', az: `${R}a`, type: 'gp3', size: 4096, iops: 6000, throughput: 500, daysAgo: 180, profile: 'batch-hpc', used: 0.71, attach: { instance: 'hpc-head-node', device: '/dev/sdf' }, tags: T('genomics', 'ana.lopez@research.example.org', 'GX-2210') });
  b.ebs({ name: 'lims-postgres-data', az: `${R}c`, type: 'io2', size: 1000, iops: 16000, daysAgo: 300, profile: 'steady-database', used: 0.58, kms: 'alias/research-data', attach: { instance: 'lims-db', device: '/dev/sdf' }, tags: T('lims', 'dbteam@research.example.org', 'RC-1100', { Backup: 'daily' }) });
  b.ebs({ name: 'lims-logs', az: `${R}c`, type: 'gp3', size: 200, iops: 3000, throughput: 125, daysAgo: 290, profile: 'growing', used: 0.63, attach: { instance: 'lims-db', device: '/dev/sdg' }, tags: T('lims', 'dbteam@research.example.org', 'RC-1100') });
  // Planted: a gp2 volume in use (gp3 is cheaper for the same baseline).
  b.ebs({ name: 'legacy-rstudio-home', az: `${R}c`, type: 'gp2', size: 500, daysAgo: 410, profile: 'office-hours-home', used: 0.55, attach: { instance: 'rstudio-legacy', device: '/dev/sdf' }, tags: T('biostats', 'tom.berg@research.example.org', 'BS-3100') });
  // Planted: unattached and idle for weeks.
  const idle = b.ebs({ name: 'old-analysis-scratch', az: `${R}b`, type: 'gp3', size: 2048, iops: 3000, throughput: 125, daysAgo: 150, profile: 'idle', used: 0.38, tags: T('neuro-imaging', 'j.okafor@research.example.org', 'NI-3300', { Purpose: 'one-off reanalysis 2024' }) });
  b.ebs({ name: 'cryoem-staging', az: `${R}d`, type: 'st1', size: 8192, daysAgo: 120, profile: 'idle', used: 0.81, attach: { instance: 'cryoem-processing', device: '/dev/sdg' }, tags: T('cryo-em', 'marta.silva@research.example.org', 'CE-4400') });
  b.ebs({ name: 'imaging-cold-sc1', az: `${R}a`, type: 'sc1', size: 12288, daysAgo: 260, profile: 'archive-cold', used: 0.66, attach: { instance: 'hpc-head-node', device: '/dev/sdh' }, tags: T('imaging-core', 'li.wei@research.example.org', 'IM-5200') });
  b.ebs({ name: 'train-cache-gpu01', az: `${R}b`, type: 'gp3', size: 2048, iops: 12000, throughput: 1000, daysAgo: 95, profile: 'nightly-training', used: 0.74, attach: { instance: 'gpu-train-01', device: '/dev/sdf' }, tags: T('vision-ml', 'priya.nair@research.example.org', 'ML-2040') });
  b.ebs({ name: 'windows-ws-root', az: `${R}a`, type: 'gp3', size: 256, iops: 3000, throughput: 125, daysAgo: 150, profile: 'office-hours-home', used: 0.47, attach: { instance: 'windows-analysis-ws', device: '/dev/sda1', deleteOnTermination: true }, tags: T('imaging-core', 'li.wei@research.example.org', 'IM-5200') });
  b.ebs({ name: 'gpu-train-02-root', az: `${R}b`, type: 'gp3', size: 200, iops: 3000, throughput: 125, daysAgo: 61, profile: 'web-assets', used: 0.31, attach: { instance: 'gpu-train-02', device: '/dev/sda1', deleteOnTermination: true }, tags: T('vision-ml', 'priya.nair@research.example.org', 'ML-2040') });

  const snapOfIdle = b.rng.awsId('snap');
  rw.snapshots.set(snapOfIdle, { id: snapOfIdle, volumeId: idle.id, sizeGiB: 2048, description: 'before pausing the reanalysis', encrypted: true, kmsKeyId: idle.kmsKeyId, tags: { Name: 'old-analysis-scratch-final' }, ...b.life(b.ago(60), 40 * MINUTE) });
  const lims = [...rw.volumes.values()].find((v) => v.tags.Name === 'lims-postgres-data')!;
  for (const d of [2, 1]) {
    const id = b.rng.awsId('snap');
    rw.snapshots.set(id, { id, volumeId: lims.id, sizeGiB: 1000, description: 'Created by AWS Backup (daily)', encrypted: true, kmsKeyId: lims.kmsKeyId, tags: { 'aws:backup:source-resource': lims.id }, ...b.life(b.world.anchor - d * DAY - 3 * HOUR, 25 * MINUTE) });
  }
  const cohortSnap = b.rng.awsId('snap');
  rw.snapshots.set(cohortSnap, { id: cohortSnap, volumeId: 'vol-ffffffff', sizeGiB: 3072, description: 'cohort-2023 analysis volume, archived', encrypted: true, kmsKeyId: b.kmsArn('alias/research-data'), tags: { Name: 'cohort-2023' }, ...b.life(b.ago(400), 3 * HOUR) });
  // Planted: a volume still "creating" (restoring 3 TiB from a snapshot takes a while).
  const restoring = b.ebs({ name: 'restored-cohort-2023', az: `${R}a`, type: 'gp3', size: 3072, iops: 3000, throughput: 125, daysAgo: 0, profile: 'creating', used: 0, kms: 'alias/research-data', snapshotId: cohortSnap, tags: T('genomics', 'ana.lopez@research.example.org', 'GX-2210') });
  restoring.createdAt = world.anchor - 90_000;
  restoring.readyAt = world.anchor + 2 * HOUR;

  // ---- EFS ----------------------------------------------------------------
  const home = b.efs({
    name: 'research-home',
    daysAgo: 330,
    throughputMode: 'elastic',
    sizesGiB: [820, 2150, 400],
    lifecycle: [{ TransitionToIA: 'AFTER_30_DAYS' }, { TransitionToArchive: 'AFTER_90_DAYS' }, { TransitionToPrimaryStorageClass: 'AFTER_1_ACCESS' }],
    mountTargetAzs: [`${R}a`, `${R}b`, `${R}c`],
    profile: 'office-hours-home',
    tags: T('research-computing', 'hpc-admins@research.example.org', 'RC-1000'),
  });
  for (const ap of [
    { name: 'alice-home', path: '/home/alice', uid: 1001 },
    { name: 'shared-datasets', path: '/datasets', uid: 5000 },
  ]) {
    const id = b.rng.awsId('fsap');
    rw.accessPoints.set(id, {
      seq: b.world.nextSeq(),
      createdAt: home.createdAt + DAY,
      readyAt: home.createdAt + DAY + 5000,
      id,
      fsId: home.id,
      clientToken: `ap-${ap.name}`,
      posixUser: { Uid: ap.uid, Gid: ap.uid },
      rootDirectory: { Path: ap.path, CreationInfo: { OwnerUid: ap.uid, OwnerGid: ap.uid, Permissions: '0750' } },
      tags: { Name: ap.name },
    });
  }
  // Planted: bursting throughput with sustained load; credits running out.
  b.efs({ name: 'pipeline-scratch-efs', daysAgo: 75, throughputMode: 'bursting', sizesGiB: [180, 0, 0], lifecycle: [], mountTargetAzs: [`${R}a`], profile: 'burst-credit-drain', tags: T('genomics', 'ana.lopez@research.example.org', 'GX-2210') });
  b.efs({ name: 'model-registry-efs', daysAgo: 140, throughputMode: 'provisioned', provisioned: 256, oneZone: `${R}b`, sizesGiB: [310, 95, 0], lifecycle: [{ TransitionToIA: 'AFTER_14_DAYS' }], mountTargetAzs: [`${R}b`], profile: 'web-assets', tags: T('vision-ml', 'priya.nair@research.example.org', 'ML-2040') });

  // ---- FSx ----------------------------------------------------------------
  // Planted: Lustre SCRATCH_2 with nightly training bursts, linked to the dataset bucket.
  const imagenet = b.fsxBase({ name: 'imagenet-train-lustre', type: 'LUSTRE', deploymentType: 'SCRATCH_2', capacity: 9600, azs: [`${R}b`], daysAgo: 58, profile: 'nightly-training', used: 0.64, compression: 'LZ4', tags: T('vision-ml', 'priya.nair@research.example.org', 'ML-2040') });
  imagenet.lustre = { mountName: lustreMountName(b.rng), importPath: 's3://acme-imagenet-datasets/train', exportPath: 's3://acme-imagenet-datasets/train/FSxLustre20250301T091500Z', autoImport: 'NEW_CHANGED', version: '2.15' };
  const genomicsLustre = b.fsxBase({ name: 'genomics-persistent-lustre', type: 'LUSTRE', deploymentType: 'PERSISTENT_2', capacity: 4800, perUnit: 250, azs: [`${R}a`], daysAgo: 200, profile: 'batch-hpc', used: 0.52, compression: 'LZ4', backupDays: 7, tags: T('genomics', 'ana.lopez@research.example.org', 'GX-2210') });
  genomicsLustre.lustre = { mountName: lustreMountName(b.rng), version: '2.15' };
  const draId = b.rng.awsId('dra');
  rw.dras.set(draId, { id: draId, fsId: genomicsLustre.id, fsPath: '/genomics', s3Path: 's3://acme-genomics-raw-data-123456789012/', importOnCreate: true, autoImport: ['NEW', 'CHANGED', 'DELETED'], autoExport: ['NEW', 'CHANGED', 'DELETED'], tags: {}, ...b.life(genomicsLustre.createdAt + 30 * MINUTE, 5 * MINUTE) });
  // Planted: a FAILED file system with FailureDetails.
  const failed = b.fsxBase({
    name: 'lustre-benchmark-test',
    type: 'LUSTRE',
    deploymentType: 'PERSISTENT_2',
    capacity: 2400,
    perUnit: 500,
    azs: [`${R}e`],
    daysAgo: 9,
    profile: 'idle',
    used: 0,
    tags: T('hpc-platform', 'sam.k@research.example.org', 'RC-1000', { Purpose: 'IO500 benchmark' }),
    failure: `Amazon FSx is unable to create the file system because the security group ${b.sg('default').id} does not allow inbound traffic on port 988 from the file system's own network interfaces. Add a rule allowing Lustre traffic (TCP 988) within the security group and create the file system again.`,
  });
  failed.lustre = { mountName: lustreMountName(b.rng), version: '2.15' };

  const climate = b.fsxBase({ name: 'climate-model-home', type: 'OPENZFS', deploymentType: 'SINGLE_AZ_2', capacity: 2048, throughput: 320, azs: [`${R}a`], daysAgo: 240, profile: 'office-hours-home', used: 0.58, backupDays: 14, iops: 6144, compression: 'ZSTD', tags: T('climate-modelling', 'r.fischer@research.example.org', 'CL-6100') });
  const climateRoot = zfsVolume(b, climate, { name: 'fsx', path: '/fsx', compression: 'ZSTD', exports: [{ clients: '10.20.0.0/16', options: ['rw', 'crossmnt'] }], root: true });
  climate.openzfs = { rootVolumeId: climateRoot.id, recordSizeKiB: 128, endpointIp: b.ip(b.subnet(`${R}a`).cidr) };
  zfsVolume(b, climate, { name: 'home', parentId: climateRoot.id, path: '/fsx/home', quota: 1024, compression: 'ZSTD', exports: [{ clients: '10.20.0.0/16', options: ['rw', 'crossmnt', 'root_squash'] }] });
  zfsVolume(b, climate, { name: 'projects', parentId: climateRoot.id, path: '/fsx/projects', quota: 768, reservation: 256, record: 1024, compression: 'LZ4', exports: [{ clients: '10.20.0.0/16', options: ['rw', 'crossmnt', 'no_root_squash'] }] });
  zfsVolume(b, climate, { name: 'software', parentId: climateRoot.id, path: '/fsx/software', quota: 128, compression: 'LZ4', readOnly: true, exports: [{ clients: '10.20.0.0/16', options: ['ro', 'crossmnt'] }] });
  // Planted: over-provisioned OpenZFS (2048 MB/s, uses < 5%).
  const proteomics = b.fsxBase({ name: 'proteomics-results-zfs', type: 'OPENZFS', deploymentType: 'SINGLE_AZ_1', capacity: 1024, throughput: 2048, azs: [`${R}c`], daysAgo: 170, profile: 'overprovisioned', used: 0.04, backupDays: 7, iops: 3072, compression: 'LZ4', tags: T('proteomics', 'h.tanaka@research.example.org', 'PR-7300') });
  const protRoot = zfsVolume(b, proteomics, { name: 'fsx', path: '/fsx', compression: 'LZ4', exports: [{ clients: '*', options: ['rw', 'crossmnt'] }], root: true });
  proteomics.openzfs = { rootVolumeId: protRoot.id, recordSizeKiB: 128, endpointIp: b.ip(b.subnet(`${R}c`).cidr) };

  const win = b.fsxBase({ name: 'lab-windows-shares', type: 'WINDOWS', deploymentType: 'MULTI_AZ_1', capacity: 2048, throughput: 64, azs: [`${R}a`, `${R}b`], preferredAz: `${R}a`, daysAgo: 360, profile: 'office-hours-home', used: 0.69, backupDays: 7, iops: 6144, tags: T('imaging-core', 'li.wei@research.example.org', 'IM-5200') });
  win.dnsName = windowsDns(b.rng, DOMAIN);
  win.windows = { adId: dir.id, preferredIp: b.ip(b.subnet(`${R}a`).cidr), remoteAdmin: `amznfsx${b.rng.alnumLower(8)}.${DOMAIN}`, aliases: [`labshare.${DOMAIN}`] };

  const ontap = b.fsxBase({ name: 'research-nas-ontap', type: 'ONTAP', deploymentType: 'MULTI_AZ_1', capacity: 4096, throughput: 512, azs: [`${R}c`, `${R}d`], preferredAz: `${R}c`, daysAgo: 280, profile: 'steady-database', used: 0.61, backupDays: 30, iops: 12288, tags: T('research-computing', 'storage-team@research.example.org', 'RC-1000') });
  ontap.ontap = ontapEndpoints(b.rng, ontap.id, R, '198.19.255.0/24');
  const svmLab = { id: b.rng.awsId('svm'), fsId: ontap.id, name: 'labdata', uuid: b.rng.uuid(), rootVolumeSecurityStyle: 'NTFS', ad: { netBiosName: 'LABDATA', domainName: DOMAIN, ou: `OU=FSx,DC=corp,DC=research,DC=example,DC=org`, dnsIps: dir.dnsIps }, nfsIp: '198.19.255.21', tags: { Name: 'labdata' }, ...b.life(ontap.createdAt + 25 * MINUTE, 5 * MINUTE) };
  const svmHpc = { id: b.rng.awsId('svm'), fsId: ontap.id, name: 'hpcnfs', uuid: b.rng.uuid(), rootVolumeSecurityStyle: 'UNIX', nfsIp: '198.19.255.37', tags: { Name: 'hpcnfs' }, ...b.life(ontap.createdAt + 26 * MINUTE, 5 * MINUTE) };
  rw.svms.set(svmLab.id, svmLab);
  rw.svms.set(svmHpc.id, svmHpc);
  ontapVolume(b, ontap, svmLab.id, 'labdata_root', '/', 1024, 'NTFS', true, 'NONE');
  ontapVolume(b, ontap, svmLab.id, 'vol_labdata', '/labdata', 2 * 1024 * 1024, 'NTFS');
  ontapVolume(b, ontap, svmLab.id, 'vol_instruments', '/instruments', 1024 * 1024, 'MIXED', false, 'AUTO');
  ontapVolume(b, ontap, svmHpc.id, 'hpcnfs_root', '/', 1024, 'UNIX', true, 'NONE');
  const projects = ontapVolume(b, ontap, svmHpc.id, 'vol_projects', '/projects', 1536 * 1024, 'UNIX');
  ontapVolume(b, ontap, svmHpc.id, 'vol_scratch', '/scratch', 512 * 1024, 'UNIX', false, 'NONE');

  // FSx backups: automatic (daily) and one user-initiated volume backup.
  for (const [fs, days] of [
    [win, 1],
    [genomicsLustre, 1],
    [climate, 1],
  ] as const) {
    const bk = backupOf(b.rng.awsId('backup'), fs, rw, b.world.anchor - days * DAY + 2 * HOUR, 'AUTOMATIC', b.world.nextSeq());
    rw.backups.set(bk.id, bk);
  }
  const vb = backupOf(b.rng.awsId('backup'), ontap, rw, b.ago(12), 'USER_INITIATED', b.world.nextSeq(), projects);
  vb.tags = { Name: 'projects-before-reorg' };
  rw.backups.set(vb.id, vb);

  // ---- S3 -----------------------------------------------------------------
  const MiB = 1024 ** 2;
  b.bucket({
    name: `acme-genomics-raw-data-${ACCOUNT_ID}`,
    region: R,
    daysAgo: 420,
    versioning: 'Enabled',
    encryption: { algorithm: 'aws:kms', kmsKeyId: b.kmsArn('alias/research-data'), bucketKey: true },
    lifecycle: [
      { ID: 'to-intelligent-tiering', Status: 'Enabled', Filter: { Prefix: '' }, Transitions: [{ Days: 0, StorageClass: 'INTELLIGENT_TIERING' }] },
      { ID: 'expire-noncurrent-90d', Status: 'Enabled', Filter: { Prefix: '' }, NoncurrentVersionExpiration: { NoncurrentDays: 90 }, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 } },
    ],
    tags: { Name: 'genomics raw data', ...T('genomics', 'ana.lopez@research.example.org', 'GX-2210', { DataClass: 'controlled-access' }) },
    tiering: [{ Id: 'archive-after-180d', Status: 'Enabled', Tierings: [{ Days: 180, AccessTier: 'ARCHIVE_ACCESS' }] }],
    objects: { count: 2_400_000, avgBytes: 48 * MiB, template: { dirPrefix: 'runs/run-', perDir: 5000, stem: 'sample-', ext: '.cram', width: 8 }, storageClass: 'INTELLIGENT_TIERING' },
    profile: 'growing',
    used: 0.8,
    requestMetrics: true,
  });
  // Planted: cold archive kept in STANDARD with no lifecycle rules.
  b.bucket({
    name: 'acme-climate-archive-2019',
    region: R,
    daysAgo: 430,
    tags: { Name: 'CMIP6 model output 2019 (archive)', ...T('climate-modelling', 'r.fischer@research.example.org', 'CL-6100') },
    objects: { count: 850_000, avgBytes: 220 * MiB, template: { dirPrefix: 'cmip6/ensemble-', perDir: 2000, stem: 'tas_day_', ext: '.nc', width: 7 }, spanDays: 20 },
    profile: 'archive-cold',
  });
  b.bucket({
    name: 'acme-imagenet-datasets',
    region: R,
    daysAgo: 160,
    tags: { Name: 'ImageNet-1k training set', ...T('vision-ml', 'priya.nair@research.example.org', 'ML-2040') },
    objects: { count: 1_281_167, avgBytes: 110 * 1024, template: { dirPrefix: 'train/n', perDir: 1300, stem: 'img_', ext: '.JPEG', width: 8 }, spanDays: 30 },
    profile: 'batch-hpc',
    requestMetrics: true,
  });
  const uploads = b.bucket({
    name: 'acme-pipeline-uploads',
    region: R,
    daysAgo: 210,
    versioning: 'Suspended',
    lifecycle: [{ ID: 'expire-tmp-7d', Status: 'Enabled', Filter: { Prefix: 'tmp/' }, Expiration: { Days: 7 } }],
    tags: { Name: 'sequencer uploads', ...T('genomics', 'ana.lopez@research.example.org', 'GX-2210') },
    objects: { count: 12_400, avgBytes: 2 * 1024 * MiB, template: { dirPrefix: 'incoming/batch-', perDir: 400, stem: 'fastq_', ext: '.fastq.gz', width: 6 } },
    profile: 'batch-hpc',
  });
  // Incomplete multipart uploads (no AbortIncompleteMultipartUpload rule covers them).
  for (const [key, days, parts] of [
    ['incoming/novaseq-run-0412/R1.fastq.gz', 41, 812],
    ['incoming/novaseq-run-0415/R2.fastq.gz', 29, 1203],
    ['incoming/promethion-0007/reads.bam', 12, 2980],
    ['incoming/novaseq-run-0431/R1.fastq.gz', 3, 77],
  ] as const) {
    uploads.uploads.push({ key, uploadId: `${b.rng.alnumLower(20)}.${b.rng.hex(40)}`, initiated: b.ago(days), storageClass: 'STANDARD', parts, partBytes: 64 * MiB });
  }
  b.bucket({
    name: 'acme-collab-share',
    region: R,
    daysAgo: 95,
    // A hostile tag value: the UI must strip control characters before drawing it.
    tags: { Name: '\u001b[2J\u001b[31mpwned', Project: 'external-collab', Owner: 'guest-uploader', CostCenter: 'RC-1000' },
    publicAccessBlock: false,
    objects: { count: 5_400, avgBytes: 12 * MiB, template: { dirPrefix: 'shared/partner-', perDir: 300, stem: 'file-', ext: '.zip', width: 6 } },
    profile: 'web-assets',
  });
  b.bucket({
    name: 'acme-athena-query-results',
    region: R,
    daysAgo: 240,
    lifecycle: [{ ID: 'expire-results-30d', Status: 'Enabled', Filter: { Prefix: '' }, Expiration: { Days: 30 } }],
    tags: { Name: 'Athena query results', ...T('research-computing', 'hpc-admins@research.example.org', 'RC-1000') },
    objects: { count: 98_000, avgBytes: 2 * MiB, template: { dirPrefix: 'results/day-', perDir: 1000, stem: 'query-', ext: '.csv', width: 7 }, spanDays: 30 },
    profile: 'growing',
    used: 0.5,
  });
}

function populateUsWest2(world: World, rw: RegionWorld): void {
  const b = new Builder(world, rw, 'seed-world');
  const R = rw.region;
  instances(b, [{ name: 'dr-bastion', type: 't3.medium', az: `${R}a`, running: true, ssm: true, os: 'al2023', daysAgo: 190, sgs: ['default'], tags: T('disaster-recovery', 'hpc-admins@research.example.org', 'RC-1000') }]);
  b.ebs({ name: 'dr-bastion-root', az: `${R}a`, type: 'gp3', size: 30, iops: 3000, throughput: 125, daysAgo: 190, profile: 'web-assets', used: 0.35, attach: { instance: 'dr-bastion', device: '/dev/xvda', deleteOnTermination: true }, tags: T('disaster-recovery', 'hpc-admins@research.example.org', 'RC-1000') });
  b.ebs({ name: 'usw2-restore-staging', az: `${R}a`, type: 'gp3', size: 1024, iops: 3000, throughput: 250, daysAgo: 45, profile: 'growing', used: 0.22, attach: { instance: 'dr-bastion', device: '/dev/sdf' }, tags: T('disaster-recovery', 'hpc-admins@research.example.org', 'RC-1000') });
  b.efs({ name: 'usw2-shared-tools', daysAgo: 100, throughputMode: 'elastic', sizesGiB: [64, 12, 0], lifecycle: [{ TransitionToIA: 'AFTER_30_DAYS' }], mountTargetAzs: [`${R}a`, `${R}b`], profile: 'web-assets', tags: T('research-computing', 'hpc-admins@research.example.org', 'RC-1000') });
  const l = b.fsxBase({ name: 'usw2-burst-lustre', type: 'LUSTRE', deploymentType: 'SCRATCH_2', capacity: 1200, azs: [`${R}b`], daysAgo: 20, profile: 'batch-hpc', used: 0.44, compression: 'LZ4', tags: T('climate-modelling', 'r.fischer@research.example.org', 'CL-6100') });
  l.lustre = { mountName: lustreMountName(b.rng), version: '2.15' };
  const MiB = 1024 ** 2;
  b.bucket({
    name: 'acme-dr-replica-usw2',
    region: R,
    daysAgo: 380,
    versioning: 'Enabled',
    encryption: { algorithm: 'aws:kms', bucketKey: true },
    lifecycle: [
      { ID: 'to-glacier', Status: 'Enabled', Filter: { Prefix: '' }, Transitions: [{ Days: 30, StorageClass: 'GLACIER' }, { Days: 180, StorageClass: 'DEEP_ARCHIVE' }] },
      { ID: 'noncurrent-365d', Status: 'Enabled', Filter: { Prefix: '' }, NoncurrentVersionExpiration: { NoncurrentDays: 365 } },
    ],
    tags: { Name: 'DR replica of genomics raw data', ...T('disaster-recovery', 'hpc-admins@research.example.org', 'RC-1000') },
    objects: { count: 2_100_000, avgBytes: 48 * MiB, template: { dirPrefix: 'runs/run-', perDir: 5000, stem: 'sample-', ext: '.cram', width: 8 }, storageClass: 'DEEP_ARCHIVE' },
    profile: 'archive-cold',
  });
  b.bucket({
    name: 'acme-usw2-training-cache',
    region: R,
    daysAgo: 40,
    tags: { Name: 'training shards (us-west-2 GPUs)', ...T('vision-ml', 'priya.nair@research.example.org', 'ML-2040') },
    objects: { count: 300_000, avgBytes: 256 * MiB, template: { dirPrefix: 'shards/epoch-', perDir: 10000, stem: 'shard-', ext: '.tar', width: 7 }, storageClass: 'INTELLIGENT_TIERING' },
    profile: 'nightly-training',
    requestMetrics: true,
  });
}

/** Hand-made content per region; the scale generator adds to us-east-1 afterwards. */
export function populateSeeded(world: World, rw: RegionWorld): void {
  if (rw.region === 'us-east-1') populateUsEast1(world, rw);
  else if (rw.region === 'us-west-2') populateUsWest2(world, rw);
}
