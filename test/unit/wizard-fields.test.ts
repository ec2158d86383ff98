// Step 2 as a screen uses it: fields in order, string in/out, switching choices, typing nonsense.
import { describe, expect, it } from 'vitest';
import { STORAGE_TYPES, type StorageConfig, type StorageType, type Workload } from '../../src/services/types.js';
import { validateRequest } from '../../src/services/validation/index.js';
import { type AccountContext, buildRequest, defaultConfig, fieldsFor, getField, type Needs, setField } from '../../src/services/wizard/index.js';

const ctx: AccountContext = {
  region: 'us-east-1',
  availabilityZones: ['us-east-1a', 'us-east-1b'],
  subnets: [
    { id: 'subnet-0aaaaaaaaaaaaaaa1', az: 'us-east-1a', vpcId: 'vpc-main' },
    { id: 'subnet-0bbbbbbbbbbbbbbb1', az: 'us-east-1b', vpcId: 'vpc-main' },
    { id: 'subnet-0ccccccccccccccc1', az: 'us-east-1a', vpcId: 'vpc-lab' },
  ],
  securityGroups: [
    { id: 'sg-0aaaaaaaaaaaaaaa1', name: 'default', vpcId: 'vpc-main' },
    { id: 'sg-0ccccccccccccccc1', name: 'default', vpcId: 'vpc-lab' },
  ],
  kmsKeys: [{ id: '1234abcd-12ab-34cd-56ef-1234567890ab', alias: 'alias/research' }],
  directories: [{ id: 'd-0123456789', name: 'corp.example.com', type: 'MicrosoftAD' }],
  instances: [
    { id: 'i-0aaaaaaaaaaaaaaa1', name: 'head', az: 'us-east-1a', state: 'running' },
    { id: 'i-0bbbbbbbbbbbbbbb1', name: 'worker', az: 'us-east-1b', state: 'running' },
  ],
};
const needs: Needs = { capacityGiB: 500, sharedBy: 4, posix: true, windowsClients: false };
const start = (type: StorageType, purpose: Workload = 'general') => defaultConfig(type, purpose, needs, ctx);
const errors = (cfg: StorageConfig) => validateRequest(buildRequest('lab data', 'us-east-1', 'general', cfg, {}), ctx);
const NETWORK = new Set(['subnetIds', 'preferredSubnetId', 'subnetId', 'securityGroupIds']);

describe('fieldsFor', () => {
  it('lists each kind\'s fields in form order, keys unique, help on every field', () => {
    expect(fieldsFor('ebs').map((f) => f.key)).toEqual(['volumeType', 'sizeGiB', 'iops', 'throughputMBps', 'availabilityZone', 'encrypted', 'kmsKeyId', 'attachToInstanceId', 'device']);
    expect(fieldsFor('fsx-lustre').map((f) => f.key).slice(0, 4)).toEqual(['deploymentType', 'storageType', 'perUnitStorageThroughput', 'storageCapacityGiB']);
    for (const type of STORAGE_TYPES) {
      const keys = fieldsFor(type).map((f) => f.key);
      expect(new Set(keys).size).toBe(keys.length);
      for (const f of fieldsFor(type)) {
        expect(f.help.length).toBeGreaterThan(5);
        expect(f).not.toHaveProperty('codec');
      }
    }
  });

  it('marks passwords as secret', () => {
    expect(fieldsFor('fsx-ontap').find((f) => f.key === 'adminPassword')?.kind).toBe('secret');
    expect(fieldsFor('fsx-windows').find((f) => f.key === 'selfManagedAd.password')?.kind).toBe('secret');
  });

  it('shows only what applies to the current choices', () => {
    const visibleKeys = (cfg: StorageConfig) => fieldsFor(cfg.type).filter((f) => !f.visible || f.visible(cfg)).map((f) => f.key);
    const gp3 = start('ebs');
    expect(visibleKeys(gp3)).toContain('throughputMBps');
    const st1 = setField(gp3, 'volumeType', 'st1');
    expect(visibleKeys(st1)).not.toContain('iops');
    expect(visibleKeys(st1)).not.toContain('throughputMBps');
    expect(visibleKeys(setField(st1, 'attachToInstanceId', 'i-0aaaaaaaaaaaaaaa1'))).toContain('device');
    const scratch = setField(start('fsx-lustre'), 'deploymentType', 'SCRATCH_2');
    expect(visibleKeys(scratch)).not.toContain('perUnitStorageThroughput');
    expect(visibleKeys(setField(scratch, 'deploymentType', 'PERSISTENT_2'))).not.toContain('importPath');
  });

  it('offers choices from the account, narrowed by what is already chosen', () => {
    const opts = (cfg: StorageConfig, key: string) => (fieldsFor(cfg.type).find((f) => f.key === key)?.options?.(ctx, cfg) ?? []).map((o) => o.value);
    const ebs = start('ebs');
    expect(opts(ebs, 'attachToInstanceId')).toEqual(['', 'i-0aaaaaaaaaaaaaaa1']); // only the volume's zone
    expect(opts(ebs, 'kmsKeyId')).toEqual(['', '1234abcd-12ab-34cd-56ef-1234567890ab']);
    const oneZone = setField(start('efs'), 'availabilityZoneName', 'us-east-1b');
    expect(opts(oneZone, 'subnetIds')).toEqual(['subnet-0bbbbbbbbbbbbbbb1']);
    const lab = setField(start('efs'), 'subnetIds', 'subnet-0ccccccccccccccc1');
    expect(opts(lab, 'securityGroupIds')).toEqual(['sg-0ccccccccccccccc1']);
    const persistent = setField(start('fsx-lustre', 'ml-training'), 'deploymentType', 'PERSISTENT_1');
    expect(opts(persistent, 'perUnitStorageThroughput')).toEqual(['50', '100', '200']);
    const ontap = setField(setField(start('fsx-ontap'), 'deploymentType', 'SINGLE_AZ_2'), 'haPairs', '2');
    expect(opts(ontap, 'throughputCapacityMBps')).toEqual(['3072', '6144', '12288']);
  });
});

describe('getField and setField', () => {
  it('round-trips every field of every default config unchanged', () => {
    for (const type of STORAGE_TYPES) {
      const cfg = start(type);
      for (const f of fieldsFor(type)) {
        const again = setField(cfg, f.key, getField(cfg, f.key));
        expect({ key: f.key, cfg: again }).toEqual({ key: f.key, cfg });
      }
    }
  });

  it('formats numbers plain, booleans yes/no and lists comma-separated', () => {
    const efs = start('efs');
    expect(getField(efs, 'encrypted')).toBe('yes');
    expect(getField(efs, 'subnetIds')).toBe('subnet-0aaaaaaaaaaaaaaa1, subnet-0bbbbbbbbbbbbbbb1');
    expect(getField(start('fsx-lustre'), 'storageCapacityGiB')).toBe('1200');
    expect(getField(efs, 'provisionedThroughputMiBps')).toBe('');
    expect(getField(efs, 'no-such-field')).toBe('');
  });

  it('accepts thousands separators and never mutates the config it was given', () => {
    const cfg = start('fsx-lustre');
    const next = setField(cfg, 'storageCapacityGiB', '4,800');
    expect(getField(next, 'storageCapacityGiB')).toBe('4800');
    expect(getField(cfg, 'storageCapacityGiB')).toBe('1200');
    expect(errors(next)).toEqual([]);
  });

  it('keeps what was typed when it is not a number, and validation says so', () => {
    const cfg = setField(start('ebs'), 'sizeGiB', '12x');
    expect(getField(cfg, 'sizeGiB')).toBe('12x');
    expect(errors(cfg)).toEqual([{ field: 'sizeGiB', message: 'Size must be a number and "12x" is not one: type digits only, such as 1200.' }]);
    // Editing another field keeps that text; fixing the field clears it.
    const other = setField(cfg, 'encrypted', 'no');
    expect(getField(other, 'sizeGiB')).toBe('12x');
    expect(errors(setField(other, 'sizeGiB', '20'))).toEqual([]);
  });

  it('an emptied required number is reported as required', () => {
    const cfg = setField(start('fsx-openzfs'), 'storageCapacityGiB', '');
    expect(getField(cfg, 'storageCapacityGiB')).toBe('');
    expect(errors(cfg).map((e) => e.message)).toEqual(['Storage capacity is required: enter a number from 64 to 524,288 GiB.']);
  });

  it('never throws, whatever it is fed', () => {
    const junk = ['', ' ', '\u0000', '\u001b[2J', 'NaN', 'Infinity', '-1e999', '1e400', '{}', '[]', 'yes', 'x'.repeat(10_000)];
    for (const type of STORAGE_TYPES) {
      let cfg = start(type);
      for (const f of [...fieldsFor(type), { key: 'nope' }, { key: 'accessPoint.path' }, { key: '__proto__' }, { key: 'constructor' }]) {
        for (const raw of junk) {
          expect(() => {
            cfg = setField(cfg, f.key, raw);
            getField(cfg, f.key);
            validateRequest(buildRequest('x', 'us-east-1', 'general', cfg, {}));
          }).not.toThrow();
        }
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
  });

  it('stores passwords exactly as typed (no trimming) and returns them for the screen to mask', () => {
    const cfg = setField(start('fsx-ontap'), 'adminPassword', '  pass word  ');
    expect(getField(cfg, 'adminPassword')).toBe('  pass word  ');
  });
});

describe('switching a choice never leaves an error the person did not make', () => {
  for (const type of STORAGE_TYPES) {
    it(`${type}: every option of every choice keeps the form valid (network fields aside)`, () => {
      const base = start(type, type === 'fsx-windows' ? 'windows-shares' : 'general');
      expect(errors(base)).toEqual([]);
      for (const f of fieldsFor(type)) {
        if (f.kind !== 'enum' || !f.options || NETWORK.has(f.key) || (f.visible && !f.visible(base))) continue;
        for (const o of f.options(ctx, base)) {
          const next = setField(base, f.key, o.value);
          const left = errors(next).filter((e) => !NETWORK.has(e.field));
          // Choosing self-managed AD asks for the domain details: those are the person's to type.
          const expected = f.key === 'adMode' && o.value === 'self-managed' ? left.filter((e) => !e.field.startsWith('selfManagedAd.')) : left;
          expect({ field: f.key, option: o.value, errors: expected }).toEqual({ field: f.key, option: o.value, errors: [] });
        }
      }
    });
  }

  it('EBS: io2 gets the IOPS it requires; st1 grows to its minimum size and drops IOPS', () => {
    const small = setField(start('ebs'), 'sizeGiB', '20');
    const io2 = setField(small, 'volumeType', 'io2');
    expect(getField(io2, 'iops')).toBe('3000');
    const st1 = setField(small, 'volumeType', 'st1');
    expect([getField(st1, 'sizeGiB'), getField(st1, 'iops'), getField(st1, 'throughputMBps')]).toEqual(['125', '', '']);
  });

  it('Lustre: PERSISTENT_1 HDD gets 12 MB/s/TiB, a read cache and a 6,000 GiB step', () => {
    let cfg = setField(start('fsx-lustre'), 'deploymentType', 'PERSISTENT_1');
    cfg = setField(cfg, 'storageType', 'HDD');
    expect(['perUnitStorageThroughput', 'driveCacheType', 'storageCapacityGiB'].map((k) => getField(cfg, k))).toEqual(['12', 'READ', '6000']);
    cfg = setField(cfg, 'perUnitStorageThroughput', '40');
    expect(getField(cfg, 'storageCapacityGiB')).toBe('7200'); // 6,000 is no multiple of 1,800: rounded up
    expect(errors(cfg)).toEqual([]);
  });

  it('ONTAP: HA pairs scale throughput per pair and the capacity floor; the junction follows the volume name', () => {
    let cfg = setField(start('fsx-ontap'), 'deploymentType', 'SINGLE_AZ_2');
    expect(getField(cfg, 'throughputCapacityMBps')).toBe('1536');
    cfg = setField(cfg, 'throughputCapacityMBps', '3072');
    cfg = setField(cfg, 'haPairs', '3');
    expect(['throughputCapacityMBps', 'storageCapacityGiB'].map((k) => getField(cfg, k))).toEqual(['9216', '3072']);
    expect(errors(cfg)).toEqual([]);
    const renamed = setField(cfg, 'volumeName', 'genomes');
    expect(getField(renamed, 'junctionPath')).toBe('/genomes');
    const custom = setField(setField(cfg, 'junctionPath', '/data/g'), 'volumeName', 'genomes');
    expect(getField(custom, 'junctionPath')).toBe('/data/g');
  });

  it('EFS: Archive is offered only later than Infrequent Access, and moves along with it', () => {
    const archive = defaultConfig('efs', 'archive', needs, ctx); // IA after 7 days, Archive after 90
    const choices = fieldsFor('efs').find((f) => f.key === 'transitionToArchive')?.options?.(ctx, archive).map((o) => o.value);
    expect(choices).toEqual(['', 'AFTER_14_DAYS', 'AFTER_30_DAYS', 'AFTER_60_DAYS', 'AFTER_90_DAYS', 'AFTER_180_DAYS', 'AFTER_270_DAYS', 'AFTER_365_DAYS']);
    const later = setField(archive, 'transitionToIA', 'AFTER_180_DAYS');
    expect(getField(later, 'transitionToArchive')).toBe('AFTER_270_DAYS');
    expect(getField(setField(archive, 'transitionToIA', 'AFTER_365_DAYS'), 'transitionToArchive')).toBe('');
  });

  it('EFS: choosing Max I/O under Elastic falls back to bursting throughput', () => {
    const cfg = setField(start('efs'), 'performanceMode', 'maxIO');
    expect(getField(cfg, 'throughputMode')).toBe('bursting');
    expect(getField(cfg, 'transitionToArchive')).toBe('');
  });

  it('Multi-AZ picks the preferred subnet among the chosen two; Single-AZ keeps one subnet', () => {
    let cfg = setField(start('fsx-openzfs'), 'subnetIds', 'subnet-0aaaaaaaaaaaaaaa1, subnet-0bbbbbbbbbbbbbbb1');
    cfg = setField(cfg, 'deploymentType', 'MULTI_AZ_1');
    expect(getField(cfg, 'preferredSubnetId')).toBe('subnet-0aaaaaaaaaaaaaaa1');
    expect(errors(cfg)).toEqual([]);
    const single = setField(cfg, 'deploymentType', 'SINGLE_AZ_2');
    expect([getField(single, 'subnetIds'), getField(single, 'preferredSubnetId')]).toEqual(['subnet-0aaaaaaaaaaaaaaa1', '']);
  });

  it('EFS: an access point can be switched on with sound values and off again', () => {
    const on = setField(start('efs'), 'accessPoint', 'yes');
    expect(['accessPoint', 'accessPoint.path', 'accessPoint.uid', 'accessPoint.permissions'].map((k) => getField(on, k))).toEqual(['yes', '/data', '1000', '0755']);
    expect(errors(setField(on, 'accessPoint.path', '/projects/alpha'))).toEqual([]);
    const off = setField(setField(on, 'accessPoint.uid', 'abc'), 'accessPoint', 'no');
    expect(getField(off, 'accessPoint.path')).toBe('');
    expect(errors(off)).toEqual([]);
  });

  it('Windows: switching to self-managed AD drops the managed directory and asks for the domain', () => {
    const self = setField(start('fsx-windows', 'windows-shares'), 'adMode', 'self-managed');
    expect(getField(self, 'activeDirectoryId')).toBe('');
    let cfg = self;
    for (const [k, v] of [
      ['selfManagedAd.domainName', 'corp.example.com'],
      ['selfManagedAd.dnsIps', '10.0.0.10, 10.0.1.10'],
      ['selfManagedAd.userName', 'fsx-join'],
      ['selfManagedAd.password', 'S3cret pass'],
    ]) cfg = setField(cfg, k, v);
    expect(errors(cfg)).toEqual([]);
    const back = setField(cfg, 'adMode', 'aws-managed');
    expect(errors(back).map((e) => e.field)).toEqual(['activeDirectoryId']);
  });
});

describe('buildRequest', () => {
  it('assembles the request, trims the name and puts the bucket in the request region', () => {
    const cfg = start('s3');
    const r = buildRequest('  lab results  ', 'eu-west-1', 'archive', cfg, { project: 'alpha' });
    expect(r).toMatchObject({ name: 'lab results', region: 'eu-west-1', workload: 'archive', tags: { project: 'alpha' } });
    expect(r.config.type === 's3' && r.config.s3.region).toBe('eu-west-1');
    expect(r.clientToken).toBeUndefined();
  });

  it('keeps what was typed but not stored when it re-homes the bucket', () => {
    const cfg = setField(start('s3'), 'versioning', 'perhaps');
    const r = buildRequest('x', 'eu-west-1', 'general', cfg, {});
    expect(validateRequest(r).map((e) => e.field)).toEqual(['versioning']);
  });
});
