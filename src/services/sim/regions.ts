// Regions and Availability Zones of the simulated account, and the default
// VPC every real account has in every enabled region.
// Region codes and AZ letters: https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html
import type { RegionWorld, SecurityGroup, Subnet, Vpc } from './model.js';
import { Rng } from './rand.js';

export interface RegionInfo {
  code: string;
  /** AZ letters the account sees. */
  azLetters: string;
  /** Prefix of AZ ids (use1-az1, ...). */
  azIdPrefix: string;
  optIn: 'opt-in-not-required' | 'opted-in' | 'not-opted-in';
}

export const REGIONS: RegionInfo[] = [
  { code: 'us-east-1', azLetters: 'abcdef', azIdPrefix: 'use1', optIn: 'opt-in-not-required' },
  { code: 'us-east-2', azLetters: 'abc', azIdPrefix: 'use2', optIn: 'opt-in-not-required' },
  { code: 'us-west-1', azLetters: 'bc', azIdPrefix: 'usw1', optIn: 'opt-in-not-required' },
  { code: 'us-west-2', azLetters: 'abcd', azIdPrefix: 'usw2', optIn: 'opt-in-not-required' },
  { code: 'ca-central-1', azLetters: 'abd', azIdPrefix: 'cac1', optIn: 'opt-in-not-required' },
  { code: 'sa-east-1', azLetters: 'abc', azIdPrefix: 'sae1', optIn: 'opt-in-not-required' },
  { code: 'eu-west-1', azLetters: 'abc', azIdPrefix: 'euw1', optIn: 'opt-in-not-required' },
  { code: 'eu-west-2', azLetters: 'abc', azIdPrefix: 'euw2', optIn: 'opt-in-not-required' },
  { code: 'eu-west-3', azLetters: 'abc', azIdPrefix: 'euw3', optIn: 'opt-in-not-required' },
  { code: 'eu-central-1', azLetters: 'abc', azIdPrefix: 'euc1', optIn: 'opt-in-not-required' },
  { code: 'eu-north-1', azLetters: 'abc', azIdPrefix: 'eun1', optIn: 'opt-in-not-required' },
  { code: 'ap-south-1', azLetters: 'abc', azIdPrefix: 'aps1', optIn: 'opt-in-not-required' },
  { code: 'ap-southeast-1', azLetters: 'abc', azIdPrefix: 'apse1', optIn: 'opt-in-not-required' },
  { code: 'ap-southeast-2', azLetters: 'abc', azIdPrefix: 'apse2', optIn: 'opt-in-not-required' },
  { code: 'ap-northeast-1', azLetters: 'acd', azIdPrefix: 'apne1', optIn: 'opt-in-not-required' },
  { code: 'ap-northeast-2', azLetters: 'abcd', azIdPrefix: 'apne2', optIn: 'opt-in-not-required' },
  { code: 'ap-northeast-3', azLetters: 'abc', azIdPrefix: 'apne3', optIn: 'opt-in-not-required' },
  { code: 'af-south-1', azLetters: 'abc', azIdPrefix: 'afs1', optIn: 'not-opted-in' },
  { code: 'ap-east-1', azLetters: 'abc', azIdPrefix: 'ape1', optIn: 'not-opted-in' },
  { code: 'eu-south-1', azLetters: 'abc', azIdPrefix: 'eus1', optIn: 'not-opted-in' },
  { code: 'me-south-1', azLetters: 'abc', azIdPrefix: 'mes1', optIn: 'not-opted-in' },
];

const BY_CODE = new Map(REGIONS.map((r) => [r.code, r]));

export function regionInfo(code: string): RegionInfo | undefined {
  return BY_CODE.get(code);
}

/** AZ names and account-specific AZ ids (the letter -> id mapping differs per account, as in AWS). */
export function azsOf(info: RegionInfo, seed: number): { name: string; id: string }[] {
  const rng = Rng.from(seed, 'az-map', info.code);
  const ids = [...info.azLetters].map((_, i) => i + 1);
  for (let i = ids.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [ids[i], ids[j]] = [ids[j], ids[i]];
  }
  return [...info.azLetters].map((l, i) => ({ name: `${info.code}${l}`, id: `${info.azIdPrefix}-az${ids[i]}` }));
}

export function emptyRegion(region: string, azs: { name: string; id: string }[]): RegionWorld {
  return {
    region,
    azs,
    vpcs: [],
    subnets: [],
    securityGroups: [],
    instances: [],
    volumes: new Map(),
    snapshots: new Map(),
    efs: new Map(),
    mountTargets: new Map(),
    accessPoints: new Map(),
    fsx: new Map(),
    svms: new Map(),
    fsxVolumes: new Map(),
    backups: new Map(),
    dras: new Map(),
    kmsKeys: [],
    directories: [],
    ssmCommands: new Map(),
    tokens: new Map(),
  };
}

/** The default VPC (172.31.0.0/16), one default /20 subnet per AZ and the default security group. */
export function addDefaultVpc(rw: RegionWorld, seed: number, nextSeq: () => number): { vpc: Vpc; subnets: Subnet[]; sg: SecurityGroup } {
  const rng = Rng.from(seed, 'default-vpc', rw.region);
  const vpc: Vpc = { seq: nextSeq(), id: rng.awsId('vpc'), cidr: '172.31.0.0/16', isDefault: true, tags: {} };
  const subnets = rw.azs.map(
    (az, i): Subnet => ({
      seq: nextSeq(),
      id: rng.awsId('subnet'),
      vpcId: vpc.id,
      az: az.name,
      azId: az.id,
      cidr: `172.31.${i * 16}.0/20`,
      defaultForAz: true,
      availableIps: 4091,
      tags: {},
    }),
  );
  const sgId = rng.awsId('sg');
  const sg: SecurityGroup = {
    seq: nextSeq(),
    id: sgId,
    name: 'default',
    description: 'default VPC security group',
    vpcId: vpc.id,
    ingress: [{ protocol: '-1', from: -1, to: -1, groupId: sgId }],
    egress: [{ protocol: '-1', from: -1, to: -1, cidr: '0.0.0.0/0' }],
    tags: {},
  };
  rw.vpcs.push(vpc);
  rw.subnets.push(...subnets);
  rw.securityGroups.push(sg);
  return { vpc, subnets, sg };
}

/** AWS managed KMS keys exist (lazily, in AWS) in every region; the sim lists them up front. */
export function addAwsManagedKeys(rw: RegionWorld, seed: number, account: string, createdAt: number): void {
  const rng = Rng.from(seed, 'kms-aws', rw.region);
  const keys: [string, string][] = [
    ['alias/aws/ebs', 'Default key that protects my EBS volumes when no other key is defined'],
    ['alias/aws/s3', 'Default key that protects my S3 objects when no other key is defined'],
    ['alias/aws/elasticfilesystem', 'Default key that protects my EFS filesystems when no other key is defined'],
    ['alias/aws/fsx', 'Default key that protects my FSx filesystems when no other key is defined'],
  ];
  for (const [alias, description] of keys) {
    const id = rng.uuid();
    rw.kmsKeys.push({ id, arn: `arn:aws:kms:${rw.region}:${account}:key/${id}`, aliases: [alias], manager: 'AWS', description, createdAt });
  }
}
