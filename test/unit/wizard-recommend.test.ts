// Step 1 and the pre-filled step 2: every purpose gets a recommendation, and the defaults for
// every kind and purpose pass validation as they are.
import { describe, expect, it } from 'vitest';
import { STORAGE_TYPES, type StorageConfig, type Workload } from '../../src/services/types.js';
import { validateBucketName, validateRequest } from '../../src/services/validation/index.js';
import { type AccountContext, buildRequest, defaultConfig, type Needs, recommendKind, suggestBucketName } from '../../src/services/wizard/index.js';

const PURPOSES: Workload[] = ['ml-training', 'hpc-scratch', 'home-directories', 'database', 'windows-shares', 'enterprise-nas', 'archive', 'general'];

const ctx: AccountContext = {
  region: 'us-east-1',
  availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
  subnets: [
    { id: 'subnet-0aaaaaaaaaaaaaaa1', az: 'us-east-1a', vpcId: 'vpc-main', name: 'private-a' },
    { id: 'subnet-0bbbbbbbbbbbbbbb1', az: 'us-east-1b', vpcId: 'vpc-main', name: 'private-b' },
    { id: 'subnet-0ccccccccccccccc1', az: 'us-east-1c', vpcId: 'vpc-main' },
    { id: 'subnet-0ddddddddddddddd1', az: 'us-east-1a', vpcId: 'vpc-lab' },
  ],
  securityGroups: [
    { id: 'sg-0aaaaaaaaaaaaaaa1', name: 'nfs-clients', vpcId: 'vpc-main' },
    { id: 'sg-0bbbbbbbbbbbbbbb1', name: 'default', vpcId: 'vpc-main' },
    { id: 'sg-0ccccccccccccccc1', name: 'default', vpcId: 'vpc-lab' },
  ],
  kmsKeys: [{ id: '1234abcd-12ab-34cd-56ef-1234567890ab', alias: 'alias/research' }],
  directories: [{ id: 'd-0123456789', name: 'corp.example.com', type: 'MicrosoftAD' }],
  instances: [{ id: 'i-0123456789abcdef0', name: 'head', az: 'us-east-1a', state: 'running' }],
};

const NEEDS: Record<string, Needs> = {
  'one small host': { capacityGiB: 50, sharedBy: 1, posix: true, windowsClients: false },
  'a lab group': { capacityGiB: 2_000, throughputMBps: 500, sharedBy: 8, posix: true, windowsClients: false },
  'a big short training run': { capacityGiB: 100_000, throughputMBps: 20_000, sharedBy: 256, posix: true, windowsClients: false, shortLived: true },
  'a Windows department': { capacityGiB: 5_000, sharedBy: 40, posix: false, windowsClients: true },
  'mixed Linux and Windows': { capacityGiB: 3_000, sharedBy: 30, posix: true, windowsClients: true },
  'objects for many readers': { capacityGiB: 10_000, sharedBy: 50, posix: false, windowsClients: false },
  'nonsense numbers': { capacityGiB: Number.NaN, throughputMBps: -5, sharedBy: 0, posix: true, windowsClients: false },
};

const validate = (cfg: StorageConfig, purpose: Workload) => validateRequest(buildRequest('research data', ctx.region, purpose, cfg, { project: 'alpha' }), ctx);

/** The variant a config embodies, in the vocabulary of KindRecommendation.variant. */
function variantOf(cfg: StorageConfig): string {
  switch (cfg.type) {
    case 'ebs':
      return cfg.ebs.volumeType;
    case 'efs':
      return cfg.efs.availabilityZoneName ? 'one-zone' : cfg.efs.throughputMode;
    case 's3':
      return cfg.s3.lifecyclePreset ?? 'none';
    case 'fsx-lustre':
      return cfg.lustre.deploymentType;
    case 'fsx-openzfs':
      return cfg.openzfs.deploymentType;
    case 'fsx-windows':
      return cfg.windows.deploymentType;
    case 'fsx-ontap':
      return cfg.ontap.deploymentType;
  }
}

describe('recommendKind', () => {
  for (const [label, needs] of Object.entries(NEEDS)) {
    it.each(PURPOSES)(`%s for ${label}: one-line reason, and defaults that validate and match the variant`, (purpose) => {
      const rec = recommendKind(purpose, needs);
      expect(rec.reason).not.toMatch(/\n/);
      expect(rec.reason.length).toBeLessThanOrEqual(110);
      expect(rec.alternatives.length).toBeGreaterThan(0);
      for (const alt of rec.alternatives) expect(alt.why.length).toBeGreaterThan(10);
      const cfg = defaultConfig(rec.type, purpose, needs, ctx);
      expect(cfg.type).toBe(rec.type);
      expect(validate(cfg, purpose)).toEqual([]);
      expect(variantOf(cfg)).toBe(rec.variant);
    });
  }

  it('short-lived training data goes to Lustre SCRATCH_2, with the minimum size said', () => {
    expect(recommendKind('ml-training', { capacityGiB: 800, sharedBy: 16, posix: true, windowsClients: false, shortLived: true })).toMatchObject({
      type: 'fsx-lustre',
      variant: 'SCRATCH_2',
      reason: 'FSx for Lustre SCRATCH_2 (1.2 TB minimum): 200 MB/s per TiB, cheapest for short-lived training data',
    });
  });

  it('Windows clients get an SMB server; Windows and Linux together get ONTAP', () => {
    expect(recommendKind('general', NEEDS['a Windows department']).type).toBe('fsx-windows');
    expect(recommendKind('home-directories', NEEDS['mixed Linux and Windows']).type).toBe('fsx-ontap');
  });

  it('a database on one host gets EBS, shared by several gets OpenZFS', () => {
    expect(recommendKind('database', NEEDS['one small host'])).toMatchObject({ type: 'ebs', variant: 'gp3' });
    expect(recommendKind('database', { ...NEEDS['one small host'], throughputMBps: 3_000 })).toMatchObject({ type: 'ebs', variant: 'io2' });
    expect(recommendKind('database', NEEDS['a lab group']).type).toBe('fsx-openzfs');
  });

  it('very high shared POSIX throughput goes to a parallel file system whatever the purpose', () => {
    expect(recommendKind('general', { capacityGiB: 50_000, throughputMBps: 10_000, sharedBy: 100, posix: true, windowsClients: false })).toMatchObject({ type: 'fsx-lustre', variant: 'PERSISTENT_2' });
  });
});

describe('defaultConfig for every kind and purpose', () => {
  for (const type of STORAGE_TYPES) {
    it.each(PURPOSES)(`${type} for %s validates, for every kind of need`, (purpose) => {
      for (const needs of Object.values(NEEDS)) {
        const cfg = defaultConfig(type, purpose, needs, ctx);
        expect(validate(cfg, purpose)).toEqual([]);
      }
    });
  }

  it('picks the VPC spanning most zones, one subnet per zone, and its default security group', () => {
    const cfg = defaultConfig('efs', 'home-directories', NEEDS['a lab group'], ctx);
    expect(cfg).toMatchObject({
      type: 'efs',
      efs: { subnetIds: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0bbbbbbbbbbbbbbb1', 'subnet-0ccccccccccccccc1'], securityGroupIds: ['sg-0bbbbbbbbbbbbbbb1'], throughputMode: 'elastic', transitionToIA: 'AFTER_30_DAYS' },
    });
  });

  it('sizes Lustre PERSISTENT_2 so the throughput asked for is reached', () => {
    const cfg = defaultConfig('fsx-lustre', 'ml-training', { capacityGiB: 1_000, throughputMBps: 2_000, sharedBy: 8, posix: true, windowsClients: false }, ctx);
    if (cfg.type !== 'fsx-lustre') throw new Error('wrong kind');
    const { storageCapacityGiB, perUnitStorageThroughput } = cfg.lustre;
    expect((storageCapacityGiB / 1_024) * (perUnitStorageThroughput ?? 0)).toBeGreaterThanOrEqual(2_000);
    expect(cfg.lustre).toMatchObject({ deploymentType: 'PERSISTENT_2', storageCapacityGiB: 2_400, perUnitStorageThroughput: 1_000 });
  });

  it('without subnets in the account, validation names what is missing instead of failing', () => {
    const empty: AccountContext = { region: 'us-east-1', availabilityZones: [], subnets: [], securityGroups: [], kmsKeys: [], directories: [], instances: [] };
    const cfg = defaultConfig('fsx-windows', 'windows-shares', NEEDS['a Windows department'], empty);
    const fields = validateRequest(buildRequest('shares', 'us-east-1', 'windows-shares', cfg, {})).map((e) => e.field);
    expect(fields).toContain('subnetIds');
    expect(fields).toContain('selfManagedAd.domainName');
  });
});

describe('suggestBucketName', () => {
  it.each([
    ['Research Data!', 'us-east-1', 'research-data-us-east-1'],
    ['xn--weird', '', 'xn-weird'],
    ['sthree-data', '', 'b-sthree-data'],
    ['', '', 'bkt'],
    ['a', 'eu-west-1', 'abk-eu-west-1'],
    ['x'.repeat(80), 'ap-southeast-2', `${'x'.repeat(48)}-ap-southeast-2`],
  ])('%j + %j -> %s', (text, suffix, expected) => {
    expect(suggestBucketName(text, suffix)).toBe(expected);
  });

  it('always produces a name every S3 rule accepts', () => {
    const samples = ['', '-', '..', '192.168.1.1', 'sthree-x', 'amzn-s3-demo-y', 'data--ol-s3', 'a'.repeat(200), 'Ünïcödé ✓ name', '__', 'x-s3alias', 'table--table-s3'];
    for (const a of samples) for (const b of ['', 'us-east-1', '--x-s3', 'z'.repeat(70)]) expect(validateBucketName(suggestBucketName(a, b))).toBeNull();
  });
});
