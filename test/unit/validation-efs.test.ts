import { describe, expect, it } from 'vitest';
import type { EfsConfig, StorageRequest } from '../../src/services/types.js';
import { validateRequest, type ValidationContext } from '../../src/services/validation/index.js';

const A = 'subnet-0aaaaaaaaaaaaaaa1';
const A2 = 'subnet-0aaaaaaaaaaaaaaa2';
const B = 'subnet-0bbbbbbbbbbbbbbb1';
const OTHER_VPC = 'subnet-0ccccccccccccccc1';
const SG = 'sg-0123456789abcdef0';
const ctx: ValidationContext = {
  availabilityZones: ['us-east-1a', 'us-east-1b'],
  subnets: [
    { id: A, az: 'us-east-1a', vpcId: 'vpc-1' },
    { id: A2, az: 'us-east-1a', vpcId: 'vpc-1' },
    { id: B, az: 'us-east-1b', vpcId: 'vpc-1' },
    { id: OTHER_VPC, az: 'us-east-1b', vpcId: 'vpc-2' },
  ],
  securityGroups: [
    { id: SG, vpcId: 'vpc-1' },
    { id: 'sg-0fedcba9876543210', vpcId: 'vpc-2' },
  ],
};
const base: EfsConfig = { performanceMode: 'generalPurpose', throughputMode: 'elastic', encrypted: true, subnetIds: [A, B], securityGroupIds: [SG] };
const req = (over: Partial<EfsConfig>): StorageRequest => ({ name: 'home', region: 'us-east-1', tags: {}, config: { type: 'efs', efs: { ...base, ...over } } });
/** `null`: validate without any account context. */
const messages = (over: Partial<EfsConfig>, c: ValidationContext | null = ctx) => validateRequest(req(over), c ?? undefined).map((e) => `${e.field}: ${e.message}`);

describe('EFS modes', () => {
  it('accepts the recommended General Purpose + Elastic file system', () => {
    expect(messages({})).toEqual([]);
  });

  it('refuses Max I/O with Elastic throughput and on One Zone', () => {
    expect(messages({ performanceMode: 'maxIO' })).toEqual([
      'performanceMode: Elastic throughput works only with General Purpose performance mode: choose General Purpose (recommended), or bursting or provisioned throughput.',
    ]);
    expect(messages({ performanceMode: 'maxIO', throughputMode: 'bursting' })).toEqual([]);
    expect(messages({ performanceMode: 'maxIO', throughputMode: 'bursting', availabilityZoneName: 'us-east-1a', subnetIds: [A] })).toEqual([
      'performanceMode: Max I/O is not available on One Zone file systems: choose General Purpose, or make the file system Regional.',
    ]);
  });

  it('takes 1-3,414 MiB/s only in provisioned mode', () => {
    expect(messages({ throughputMode: 'provisioned', provisionedThroughputMiBps: 3_414 })).toEqual([]);
    expect(messages({ throughputMode: 'provisioned', provisionedThroughputMiBps: 5_000 })).toEqual([
      'provisionedThroughputMiBps: Provisioned throughput must be between 1 and 3,414 MiB/s: try 3,414.',
    ]);
    expect(messages({ throughputMode: 'provisioned' })).toEqual(['provisionedThroughputMiBps: Provisioned throughput is required: enter a number from 1 to 3,414 MiB/s.']);
    expect(messages({ provisionedThroughputMiBps: 100 })).toEqual([
      'provisionedThroughputMiBps: A throughput amount applies only to provisioned throughput mode: clear it, or choose provisioned.',
    ]);
  });

  it('rejects unknown enum values typed into the form', () => {
    expect(messages({ throughputMode: 'turbo' as EfsConfig['throughputMode'] })).toEqual(['throughputMode: Throughput mode "turbo" is not valid: choose elastic, bursting or provisioned.']);
  });
});

describe('EFS lifecycle', () => {
  it('accepts the values the API allows', () => {
    expect(messages({ transitionToIA: 'AFTER_1_DAY', transitionToArchive: 'AFTER_365_DAYS' })).toEqual([]);
  });

  it('names the allowed values when one is not', () => {
    expect(messages({ transitionToIA: 'AFTER_45_DAYS' })).toEqual([
      'transitionToIA: Move-to-Infrequent-Access "AFTER_45_DAYS" is not an EFS lifecycle value: choose AFTER_1_DAY, AFTER_7_DAYS, AFTER_14_DAYS, …, AFTER_270_DAYS or AFTER_365_DAYS.',
    ]);
  });

  it('archives only with Elastic + General Purpose, and later than Infrequent Access', () => {
    expect(messages({ throughputMode: 'bursting', transitionToArchive: 'AFTER_90_DAYS' })).toEqual([
      'transitionToArchive: Archive storage needs Elastic throughput and General Purpose mode: switch to those, or turn Archive off.',
    ]);
    expect(messages({ transitionToIA: 'AFTER_90_DAYS', transitionToArchive: 'AFTER_30_DAYS' })).toEqual([
      'transitionToArchive: Files move to Archive only after Infrequent Access, so Archive must come later than AFTER_90_DAYS: choose AFTER_180_DAYS or later.',
    ]);
  });
});

describe('EFS mount targets', () => {
  it('allows one mount target per Availability Zone', () => {
    expect(messages({ subnetIds: [A, A2] })).toEqual([
      `subnetIds: Subnets ${A} and ${A2} are all in us-east-1a, and only one per Availability Zone is allowed: keep one of them.`,
    ]);
  });

  it('needs at least one subnet, each listed once, all in one VPC', () => {
    expect(messages({ subnetIds: [] })).toEqual(['subnetIds: Clients reach EFS through mount targets: choose at least one subnet, one per Availability Zone: you chose 0.']);
    expect(messages({ subnetIds: [A, A] })).toEqual([`subnetIds: Subnet "${A}" is listed twice: choose each subnet once.`]);
    expect(messages({ subnetIds: [A, OTHER_VPC] })).toEqual(['subnetIds: The subnets are in different VPCs (vpc-1 and vpc-2): choose subnets of one VPC.']);
  });

  it('puts a One Zone mount target only in its own zone', () => {
    expect(messages({ availabilityZoneName: 'us-east-1a', subnetIds: [A] })).toEqual([]);
    expect(messages({ availabilityZoneName: 'us-east-1a', subnetIds: [B] })).toEqual([
      `subnetIds: Subnet ${B} is in us-east-1b, but this storage lives in us-east-1a: choose a subnet in us-east-1a.`,
    ]);
    expect(messages({ availabilityZoneName: 'us-east-1a', subnetIds: [A, B] })).toEqual([
      'subnetIds: A One Zone file system takes exactly one mount target, in its own zone: choose one subnet: you chose 2.',
    ]);
  });

  it('takes up to five security groups of the subnets\' VPC', () => {
    const six = ['1', '2', '3', '4', '5', '6'].map((d) => `sg-0000000000000000${d}`);
    expect(messages({ securityGroupIds: six }, null)).toEqual(['securityGroupIds: At most 5 security groups are allowed here: remove 1.']);
    expect(messages({ securityGroupIds: ['sg-0fedcba9876543210'] })).toEqual([
      'securityGroupIds: Security group sg-0fedcba9876543210 belongs to vpc-2, but the subnets are in vpc-1: choose a group of vpc-1.',
    ]);
  });

  it('skips account checks when no context is given', () => {
    expect(messages({ subnetIds: [A, A2] }, null)).toEqual([]);
  });
});

describe('EFS access points', () => {
  const ap = { path: '/projects/alpha', uid: 1000, gid: 1000, permissions: '0750' };
  it('accepts an absolute path with octal permissions', () => {
    expect(messages({ accessPoint: ap })).toEqual([]);
    expect(messages({ accessPoint: { ...ap, path: '/', permissions: '755' } })).toEqual([]);
  });

  it.each([
    ['projects', 'accessPoint.path: The access point path must be absolute, starting with "/": try /projects.'],
    ['/a/b/c/d/e', 'accessPoint.path: The access point path may have at most four directory levels (like /a/b/c/d): shorten it.'],
    ['/.hidden', 'accessPoint.path: Access point path parts may not start with "." or contain $ # < > ; ` | & ? { } ^ * or empty parts: use plain names such as /projects/alpha.'],
    ['/a;rm', 'accessPoint.path: Access point path parts may not start with "." or contain $ # < > ; ` | & ? { } ^ * or empty parts: use plain names such as /projects/alpha.'],
    [`/${'x'.repeat(100)}`, 'accessPoint.path: The access point path may be at most 100 characters: shorten it by 1.'],
  ])('refuses path %s', (path, expected) => {
    expect(messages({ accessPoint: { ...ap, path } })).toEqual([expected]);
  });

  it('checks uid/gid range and permissions', () => {
    expect(messages({ accessPoint: { ...ap, uid: -1, gid: 4_294_967_296 } })).toEqual([
      'accessPoint.uid: The POSIX user id must be a whole number from 0 to 4,294,967,295: try 1000.',
      'accessPoint.gid: The POSIX group id must be a whole number from 0 to 4,294,967,295: try 1000.',
    ]);
    expect(messages({ accessPoint: { ...ap, permissions: '0789' } })).toEqual(['accessPoint.permissions: Permissions must be 3 or 4 octal digits (0-7) such as 755 or 0750, not "0789".']);
  });
});
