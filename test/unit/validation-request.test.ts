// Request-wide validation: name, region, tags, token; what the form could not store; the error the
// mutations layer throws; and proof that an invalid request never reaches AWS.
import { CreateVolumeCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { CreateFileSystemCommand, type FSxClient } from '@aws-sdk/client-fsx';
import { describe, expect, it } from 'vitest';
import { ClientPool } from '../../src/services/aws/clients.js';
import { StorageError, type StorageConfig, type StorageRequest } from '../../src/services/types.js';
import { assertValidRequest, validateRequest } from '../../src/services/validation/index.js';
import { setField } from '../../src/services/wizard/index.js';

const ebs: StorageConfig = { type: 'ebs', ebs: { volumeType: 'gp3', sizeGiB: 100, availabilityZone: 'us-east-1a', encrypted: true } };
const req = (over: Partial<StorageRequest> = {}): StorageRequest => ({ name: 'results', region: 'us-east-1', tags: {}, config: ebs, ...over });
const messages = (r: StorageRequest) => validateRequest(r).map((e) => `${e.field}: ${e.message}`);

describe('name, region, tags and token', () => {
  it('accepts a plain request', () => {
    expect(messages(req())).toEqual([]);
  });

  it('requires a name that fits the Name tag', () => {
    expect(messages(req({ name: '  ' }))).toEqual(['name: A name is required: it becomes the Name tag you will see in every list.']);
    expect(messages(req({ name: 'x'.repeat(257) }))).toEqual(['name: The name becomes the Name tag, which allows at most 256 characters: shorten it by 1.']);
    expect(messages(req({ name: 'evil\u001b[2Jname' }))).toEqual(['name: The name contains control characters: type plain text only.']);
  });

  it('holds FSx, EFS and S3 names to the tag character set, but not EBS', () => {
    const lustre: StorageConfig = { type: 'fsx-lustre', lustre: { deploymentType: 'SCRATCH_2', storageCapacityGiB: 1_200, dataCompressionType: 'NONE', subnetId: 'subnet-0123456789abcdef0', securityGroupIds: [] } };
    expect(messages(req({ name: 'run (v2)', config: lustre }))).toEqual(['name: FSx names (Name tags) may use only letters, numbers, spaces and _ . : / = + - @: remove "(".']);
    expect(messages(req({ name: 'run (v2)' }))).toEqual([]);
  });

  it('knows the AWS Regions', () => {
    expect(messages(req({ region: 'us-east-9' }))).toEqual(['region: Region "us-east-9" is not a known AWS Region: use a code such as us-east-1 or eu-west-1.']);
    expect(messages(req({ region: 'ap-southeast-7', config: { type: 'ebs', ebs: { ...(ebs.type === 'ebs' ? ebs.ebs : ({} as never)), availabilityZone: 'ap-southeast-7a' } } }))).toEqual([]);
  });

  it('limits tags to 50 including Name, reserves aws:, bounds lengths', () => {
    const many = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v']));
    expect(messages(req({ tags: many }))).toEqual(['tags: A resource can have at most 50 tags including Name: remove 1.']);
    expect(messages(req({ tags: { 'aws:owner': 'me' } }))).toEqual(['tags: Tag key "aws:owner" starts with "aws:", which AWS reserves: choose another key.']);
    expect(messages(req({ tags: { AWS: 'ok' } }))).toEqual([]);
    expect(messages(req({ tags: { ['k'.repeat(129)]: 'v' } }))[0]).toMatch(/^tags: Tag key ".*" is longer than 128 characters: shorten it\.$/);
    expect(messages(req({ tags: { project: 'v'.repeat(257) } }))).toEqual(['tags: The value of tag "project" is longer than 256 characters: shorten it.']);
    expect(messages(req({ tags: { '': 'v' } }))).toEqual(['tags: A tag key is empty: give every tag a key or remove it.']);
  });

  it('checks the idempotency token fits every service', () => {
    expect(messages(req({ clientToken: 'a'.repeat(63) }))).toEqual([]);
    expect(messages(req({ clientToken: 'a'.repeat(64) }))).toEqual(['clientToken: The idempotency token must be 1 to 63 letters, digits, dots, hyphens or underscores: let the tool generate it.']);
  });
});

describe('what the form could not store', () => {
  it('reports "12x" typed as a size instead of a generic error', () => {
    const cfg = setField(ebs, 'sizeGiB', '12x');
    expect(messages(req({ config: cfg }))).toEqual(['sizeGiB: Size must be a number and "12x" is not one: type digits only, such as 1200.']);
    const fixed = setField(cfg, 'sizeGiB', '1,200');
    expect(messages(req({ config: fixed }))).toEqual([]);
  });

  it('reports a yes/no field given something else', () => {
    const cfg = setField(ebs, 'encrypted', 'maybe');
    expect(messages(req({ config: cfg }))).toEqual(['encrypted: Encrypted must be yes or no, and "maybe" is neither: type yes or no.']);
  });
});

describe('validateRequest never throws', () => {
  it.each([
    ['no config', { name: 'x', region: 'us-east-1', tags: {} }],
    ['unknown kind', { name: 'x', region: 'us-east-1', tags: {}, config: { type: 'tape' } }],
    ['empty kind object', { name: 'x', region: 'us-east-1', tags: {}, config: { type: 'fsx-ontap', ontap: {} } }],
    ['nulls everywhere', { name: null, region: null, tags: null, config: { type: 'efs', efs: { subnetIds: null, accessPoint: {} } } }],
  ])('%s yields errors, not an exception', (_what, bad) => {
    const errs = validateRequest(bad as unknown as StorageRequest);
    expect(errs.length).toBeGreaterThan(0);
    for (const e of errs) expect(e.message).toMatch(/^[A-Z"].*[.)]$/);
  });
});

describe('assertValidRequest', () => {
  it('passes a valid request silently', () => {
    expect(() => assertValidRequest(req())).not.toThrow();
  });

  it('throws a local validation StorageError naming the first problems', () => {
    const bad = req({ config: { type: 'ebs', ebs: { volumeType: 'st1', sizeGiB: 10, iops: 500, availabilityZone: '', encrypted: true } } });
    let thrown: unknown;
    try {
      assertValidRequest(bad);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(StorageError);
    const err = thrown as StorageError;
    expect(err.type).toBe('validation');
    expect(err.service).toBe('local');
    expect(err.code).toBe('InvalidInput');
    expect(err.recoverable).toBe(false);
    expect(err.resource).toBe('results');
    expect(err.message).toBe(
      'Size for st1 must be between 125 and 16,384 GiB: try 125. st1 volumes take no provisioned IOPS: clear IOPS, or choose gp3, io1 or io2. An EBS volume lives in one Availability Zone, so one is required: pick a zone of us-east-1, such as us-east-1a.',
    );
    expect(err.hint).toBe('Correct the fields named above and try again; nothing was sent to AWS.');
  });

  it('says how many more problems there are beyond the first three', () => {
    const bad = req({ name: '', region: 'nowhere', tags: { 'aws:x': '1' }, config: { type: 'ebs', ebs: { volumeType: 'st1', sizeGiB: 1, availabilityZone: '', encrypted: true } } });
    expect(() => assertValidRequest(bad)).toThrow(/\(2 more problems\.\)$/);
  });
});

describe('no AWS call for invalid input', () => {
  /** A pool whose every client fails the test if any command reaches it, and records what did. */
  function guardedPool(sent: string[]): ClientPool {
    return new ClientPool({
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      plugin: (client) => {
        (client as EC2Client).middlewareStack.add(
          (_next, context) => async () => {
            sent.push(context.commandName ?? '?');
            throw new Error(`${context.commandName} reached AWS`);
          },
          { step: 'initialize', name: 'failOnAnyCall' },
        );
      },
    });
  }

  /** What the mutations layer does: validate, then call AWS. */
  async function create(pool: ClientPool, r: StorageRequest): Promise<void> {
    assertValidRequest(r);
    if (r.config.type === 'ebs') await pool.ec2().send(new CreateVolumeCommand({ AvailabilityZone: r.config.ebs.availabilityZone, Size: r.config.ebs.sizeGiB, VolumeType: r.config.ebs.volumeType }));
    else await (pool.fsx() as FSxClient).send(new CreateFileSystemCommand({ FileSystemType: 'LUSTRE', SubnetIds: [] }));
  }

  it('an invalid EBS or Lustre request is refused before any command is sent', async () => {
    const sent: string[] = [];
    const pool = guardedPool(sent);
    await expect(create(pool, req({ config: { type: 'ebs', ebs: { volumeType: 'gp3', sizeGiB: 70_000, availabilityZone: 'us-east-1a', encrypted: true } } }))).rejects.toBeInstanceOf(StorageError);
    const lustre: StorageConfig = { type: 'fsx-lustre', lustre: { deploymentType: 'SCRATCH_2', storageCapacityGiB: 3_000, dataCompressionType: 'NONE', subnetId: 'subnet-0123456789abcdef0', securityGroupIds: [] } };
    await expect(create(pool, req({ config: lustre }))).rejects.toBeInstanceOf(StorageError);
    expect(sent).toEqual([]);
    pool.destroy();
  });

  it('a valid request does reach the (guarded) client, so the guard itself works', async () => {
    const sent: string[] = [];
    const pool = guardedPool(sent);
    await expect(create(pool, req())).rejects.toThrow('CreateVolumeCommand reached AWS');
    expect(sent).toEqual(['CreateVolumeCommand']);
    pool.destroy();
  });
});

describe('secrets never appear in messages', () => {
  const SECRET = 'Tr0ub4dor&3-SECRET-VALUE';
  const windows = (password: string): StorageConfig => ({
    type: 'fsx-windows',
    windows: {
      deploymentType: 'SINGLE_AZ_1',
      throughputCapacityMBps: 7,
      storageType: 'HDD',
      storageCapacityGiB: 1,
      selfManagedAd: { domainName: 'not a domain', dnsIps: [], userName: '', password },
      activeDirectoryId: 'bogus',
      subnetIds: [],
      securityGroupIds: ['nope'],
    },
  });
  const ontap = (adminPassword: string): StorageConfig => ({
    type: 'fsx-ontap',
    ontap: { deploymentType: 'MULTI_AZ_1', throughputCapacityMBps: 1, storageCapacityGiB: 1, adminPassword, svmName: '', volumeName: '', junctionPath: '', volumeSizeMiB: -1, subnetIds: [], securityGroupIds: [] },
  });

  it.each([
    ['self-managed AD password (too long)', windows(`${SECRET}${'x'.repeat(300)}`)],
    ['self-managed AD password (two lines)', windows(`${SECRET}\n${SECRET}`)],
    ['fsxadmin password (too long)', ontap(`${SECRET}${'y'.repeat(60)}`)],
    ['fsxadmin password (newline)', ontap(`${SECRET}\n`)],
  ])('%s', (_what, config) => {
    const r = req({ config });
    const errs = validateRequest(r);
    expect(errs.length).toBeGreaterThan(3);
    for (const e of errs) expect(e.message).not.toContain('SECRET');
    let thrown: StorageError | undefined;
    try {
      assertValidRequest(r);
    } catch (e) {
      thrown = e as StorageError;
    }
    expect(JSON.stringify(thrown?.toJSON())).not.toContain('SECRET');
    expect(thrown?.message).not.toContain('SECRET');
  });

  it('a mistyped password field keeps its text out of messages too', () => {
    const cfg = setField(ontap(''), 'adminPassword', `${SECRET}${'z'.repeat(60)}`);
    expect(validateRequest(req({ config: cfg })).map((e) => e.message).join(' ')).not.toContain('SECRET');
  });
});
