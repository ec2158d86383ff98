import { describe, expect, it } from 'vitest';
import type { EbsConfig, StorageRequest } from '../../src/services/types.js';
import { nearestValid, validateRequest, type ValidationContext } from '../../src/services/validation/index.js';

const base: EbsConfig = { volumeType: 'gp3', sizeGiB: 100, availabilityZone: 'us-east-1a', encrypted: true };
const req = (over: Partial<EbsConfig>): StorageRequest => ({ name: 'scratch-disk', region: 'us-east-1', tags: {}, config: { type: 'ebs', ebs: { ...base, ...over } } });
const messages = (over: Partial<EbsConfig>, ctx?: ValidationContext) => validateRequest(req(over), ctx).map((e) => `${e.field}: ${e.message}`);

describe('EBS sizes per volume type (CreateVolume API: gp3 and io2 up to 65,536 GiB)', () => {
  it.each([
    ['gp3', 1],
    ['gp3', 65_536],
    ['gp2', 16_384],
    ['io1', 4],
    ['io2', 65_536],
    ['st1', 125],
    ['sc1', 16_384],
  ] as const)('%s accepts %i GiB', (volumeType, sizeGiB) => {
    const iops = volumeType === 'io1' || volumeType === 'io2' ? 100 : undefined;
    expect(messages({ volumeType, sizeGiB, iops })).toEqual([]);
  });

  it.each([
    ['gp3', 0, 'sizeGiB: Size for gp3 must be between 1 and 65,536 GiB: try 1.'],
    ['gp3', 65_537, 'sizeGiB: Size for gp3 must be between 1 and 65,536 GiB: try 65,536.'],
    ['gp2', 16_385, 'sizeGiB: Size for gp2 must be between 1 and 16,384 GiB: try 16,384.'],
    ['st1', 124, 'sizeGiB: Size for st1 must be between 125 and 16,384 GiB: try 125.'],
    ['sc1', 20_000, 'sizeGiB: Size for sc1 must be between 125 and 16,384 GiB: try 16,384.'],
    ['gp3', 10.5, 'sizeGiB: Size must be a whole number of GiB: try 10 or 11.'],
  ] as const)('%s rejects %d GiB', (volumeType, sizeGiB, expected) => {
    expect(messages({ volumeType, sizeGiB })).toEqual([expected]);
  });

  it('io1 below 4 GiB is refused with the minimum suggested', () => {
    expect(messages({ volumeType: 'io1', sizeGiB: 2, iops: 100 })).toEqual(['sizeGiB: Size for io1 must be between 4 and 16,384 GiB: try 4.']);
  });
});

describe('EBS IOPS', () => {
  it('gp3 takes 3,000-80,000 IOPS at up to 500 per GiB', () => {
    expect(messages({ sizeGiB: 160, iops: 80_000 })).toEqual([]);
    expect(messages({ sizeGiB: 200, iops: 80_001 })).toEqual(['iops: IOPS for gp3 must be between 3,000 and 80,000: try 80,000.']);
    expect(messages({ sizeGiB: 100, iops: 2_000 })).toEqual(['iops: IOPS for gp3 must be between 3,000 and 80,000: try 3,000.']);
    expect(messages({ sizeGiB: 10, iops: 8_000 })).toEqual([
      'iops: IOPS for gp3 may be at most 500 per GiB (5,000 for 10 GiB): lower IOPS to 5,000 or grow the volume to 16 GiB.',
    ]);
  });

  it('a tiny gp3 volume keeps its 3,000 baseline IOPS', () => {
    expect(messages({ sizeGiB: 1, iops: 3_000 })).toEqual([]);
  });

  it('io1 allows 50 IOPS per GiB, up to 64,000', () => {
    expect(messages({ volumeType: 'io1', sizeGiB: 100, iops: 5_000 })).toEqual([]);
    expect(messages({ volumeType: 'io1', sizeGiB: 100, iops: 5_001 })).toEqual([
      'iops: IOPS for io1 may be at most 50 per GiB (5,000 for 100 GiB): lower IOPS to 5,000 or grow the volume to 101 GiB.',
    ]);
    expect(messages({ volumeType: 'io1', sizeGiB: 2_000, iops: 64_001 })).toEqual(['iops: IOPS for io1 must be between 100 and 64,000: try 64,000.']);
  });

  it('io2 Block Express allows 1,000 IOPS per GiB, up to 256,000', () => {
    expect(messages({ volumeType: 'io2', sizeGiB: 256, iops: 256_000 })).toEqual([]);
    expect(messages({ volumeType: 'io2', sizeGiB: 100, iops: 100_001 })).toEqual([
      'iops: IOPS for io2 may be at most 1,000 per GiB (100,000 for 100 GiB): lower IOPS to 100,000 or grow the volume to 101 GiB.',
    ]);
  });

  it('io1 and io2 require IOPS', () => {
    expect(messages({ volumeType: 'io2', sizeGiB: 100 })).toEqual(['iops: io2 volumes need provisioned IOPS: enter 100 to 100,000, for example 3,000.']);
  });

  it.each(['gp2', 'st1', 'sc1'] as const)('%s forbids provisioned IOPS', (volumeType) => {
    expect(messages({ volumeType, sizeGiB: 500, iops: 3_000 })).toEqual([`iops: ${volumeType} volumes take no provisioned IOPS: clear IOPS, or choose gp3, io1 or io2.`]);
  });
});

describe('EBS throughput', () => {
  it('gp3 takes 125-2,000 MiB/s at up to 0.25 MiB/s per IOPS', () => {
    expect(messages({ sizeGiB: 100, iops: 8_000, throughputMBps: 2_000 })).toEqual([]);
    expect(messages({ sizeGiB: 100, throughputMBps: 750 })).toEqual([]); // 3,000 baseline IOPS x 0.25
    expect(messages({ sizeGiB: 100, throughputMBps: 1_000 })).toEqual([
      'throughputMBps: Throughput for gp3 may be at most 0.25 MiB/s per provisioned IOPS (750 MiB/s at 3,000 IOPS): lower throughput to 750 or raise IOPS to 4,000.',
    ]);
    expect(messages({ sizeGiB: 100, iops: 16_000, throughputMBps: 2_001 })).toEqual(['throughputMBps: Throughput for gp3 must be between 125 and 2,000 MiB/s: try 2,000.']);
    expect(messages({ sizeGiB: 100, throughputMBps: 100 })).toEqual(['throughputMBps: Throughput for gp3 must be between 125 and 2,000 MiB/s: try 125.']);
  });

  it.each(['gp2', 'io1', 'io2', 'st1', 'sc1'] as const)('%s forbids provisioned throughput', (volumeType) => {
    const iops = volumeType.startsWith('io') ? 1_000 : undefined;
    expect(messages({ volumeType, sizeGiB: 500, iops, throughputMBps: 500 })).toEqual([`throughputMBps: ${volumeType} volumes take no provisioned throughput: clear throughput, or choose gp3.`]);
  });
});

describe('EBS zone, encryption and attachment', () => {
  it('requires an Availability Zone of the request region', () => {
    expect(messages({ availabilityZone: '' })).toEqual([
      'availabilityZone: An EBS volume lives in one Availability Zone, so one is required: pick a zone of us-east-1, such as us-east-1a.',
    ]);
    expect(messages({ availabilityZone: 'eu-west-1a' })).toEqual(['availabilityZone: Availability Zone "eu-west-1a" is not in us-east-1: pick a zone of us-east-1, such as us-east-1a.']);
  });

  it('checks the zone against the account when the context is known', () => {
    const ctx: ValidationContext = { availabilityZones: ['us-east-1a', 'us-east-1b'] };
    expect(messages({ availabilityZone: 'us-east-1f' }, ctx)).toEqual(['availabilityZone: Availability Zone "us-east-1f" is not available to this account: pick us-east-1a or us-east-1b.']);
  });

  it('refuses a KMS key on an unencrypted volume, and keys that are not ids, aliases or ARNs', () => {
    expect(messages({ encrypted: false, kmsKeyId: 'alias/research' })).toEqual(['kmsKeyId: A KMS key only applies to encrypted storage: turn encryption on or clear the key.']);
    expect(messages({ kmsKeyId: 'my key' })).toEqual(['kmsKeyId: KMS key "my key" is not a key id, alias or ARN: pick a key from the list or type alias/your-key.']);
    expect(messages({ kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab' })).toEqual([]);
  });

  it('attaches only within the zone, with a recommended device name', () => {
    const ctx: ValidationContext = { instances: [{ id: 'i-0123456789abcdef0', az: 'us-east-1b', state: 'running' }] };
    expect(messages({ attachToInstanceId: 'i-0123456789abcdef0', device: '/dev/sdf' }, ctx)).toEqual([
      'attachToInstanceId: Instance i-0123456789abcdef0 is in us-east-1b but the volume would be in us-east-1a, and EBS attaches only within one zone: create the volume in us-east-1b.',
    ]);
    expect(messages({ availabilityZone: 'us-east-1b', attachToInstanceId: 'i-0123456789abcdef0', device: '/dev/sdf' }, ctx)).toEqual([]);
    expect(messages({ availabilityZone: 'us-east-1b', attachToInstanceId: 'i-0123456789abcdef0', device: '/dev/sda1' }, ctx)).toEqual([
      'device: Device name "/dev/sda1" is not one EC2 recommends for EBS volumes: use /dev/sdf through /dev/sdp.',
    ]);
    expect(messages({ attachToInstanceId: 'i-0123456789abcdef0' })).toEqual(['device: Attaching needs a device name: use /dev/sdf through /dev/sdp.']);
    expect(messages({ device: '/dev/sdf' })).toEqual(['device: A device name only applies when attaching: choose an instance, or clear the device.']);
  });
});

describe('nearestValid for EBS', () => {
  const cfg = (over: Partial<EbsConfig>) => ({ type: 'ebs' as const, ebs: { ...base, ...over } });
  it('clamps sizes and IOPS into what the type and size allow', () => {
    expect(nearestValid('ebs', 'sizeGiB', 70_000, cfg({}))).toEqual([65_536]);
    expect(nearestValid('ebs', 'sizeGiB', 2, cfg({ volumeType: 'io2', iops: 10_000 }))).toEqual([4, 10]);
    expect(nearestValid('ebs', 'iops', 9_000, cfg({ sizeGiB: 10 }))).toEqual([5_000]);
    expect(nearestValid('ebs', 'throughputMBps', 1_000, cfg({ iops: 3_000 }))).toEqual([750]);
  });
});

describe('nearestValid guards', () => {
  it('returns nothing for a field it does not know or a config of another kind', () => {
    const cfg = { type: 'ebs' as const, ebs: base };
    expect(nearestValid('ebs', 'availabilityZone', 3, cfg)).toEqual([]);
    expect(nearestValid('fsx-lustre', 'storageCapacityGiB', 3_000, cfg)).toEqual([]);
  });
});
