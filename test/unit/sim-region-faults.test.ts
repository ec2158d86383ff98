// Fault injection: each kind produces the error name, status and message shape
// the real service (or Node's network stack) produces.
import { describe, expect, it } from 'vitest';
import { DescribeVolumesCommand } from '@aws-sdk/client-ec2';
import { DescribeFileSystemsCommand as EfsDescribe } from '@aws-sdk/client-efs';
import { DescribeFileSystemsCommand as FsxDescribe } from '@aws-sdk/client-fsx';
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { ClientPool } from '../../src/services/aws/clients.js';
import { SimRegion, parseFaults, type FaultSpec } from '../../src/services/sim/index.js';
import { StorageError } from '../../src/services/types.js';

function setup(faults: FaultSpec) {
  const sim = new SimRegion({ stateDir: null, now: () => Date.UTC(2025, 5, 2), faults });
  const pool = new ClientPool({ region: 'us-east-1', credentials: { accessKeyId: 'sim', secretAccessKey: 'sim' }, plugin: sim.plugin });
  return { sim, pool };
}

describe('parseFaults', () => {
  it('reads the flag syntax', () => {
    expect(parseFaults('throttle=0.3,latency=200,deny=fsx+s3,expired,offline')).toEqual({ throttleRate: 0.3, latencyMs: 200, deny: ['fsx', 's3'], expiredCredentials: true, offline: true });
    expect(parseFaults(' latency=2s , deny=ebs ')).toEqual({ latencyMs: 2000, deny: ['ec2'] });
    expect(parseFaults('')).toEqual({});
  });

  it.each(['throttle=2', 'throttle', 'latency=fast', 'deny=dynamodb', 'deny=', 'explode', 'expired=maybe'])('refuses %s with a validation error that shows the syntax', (spec) => {
    let caught: unknown;
    try {
      parseFaults(spec);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(StorageError);
    expect((caught as StorageError).type).toBe('validation');
    expect((caught as StorageError).hint).toContain('throttle=0.3');
  });
});

describe('faults on calls', () => {
  it('throttling uses each service’s own code', async () => {
    const { pool } = setup({ throttleRate: 1 });
    await expect(pool.ec2().send(new DescribeVolumesCommand({}))).rejects.toMatchObject({ name: 'RequestLimitExceeded', $metadata: { httpStatusCode: 503 } });
    await expect(pool.s3().send(new ListBucketsCommand({}))).rejects.toMatchObject({ name: 'SlowDown', $metadata: { httpStatusCode: 503 } });
    await expect(pool.fsx().send(new FsxDescribe({}))).rejects.toMatchObject({ name: 'ThrottlingException', $fault: 'client' });
  });

  it('a throttle rate lets some calls through, deterministically per seed', async () => {
    const a = setup({ throttleRate: 0.5 });
    const b = setup({ throttleRate: 0.5 });
    const run = async (pool: ClientPool) => {
      const out: boolean[] = [];
      for (let i = 0; i < 20; i++) out.push(await pool.ec2().send(new DescribeVolumesCommand({ MaxResults: 5 })).then(() => true, () => false));
      return out;
    };
    const ra = await run(a.pool);
    expect(ra).toEqual(await run(b.pool));
    expect(ra.filter(Boolean).length).toBeGreaterThan(2);
    expect(ra.filter((x) => !x).length).toBeGreaterThan(2);
  });

  it('deny names the IAM action the way AWS does, per service', async () => {
    const { pool } = setup({ deny: ['fsx', 'ec2', 's3', 'sts'] });
    await expect(pool.fsx().send(new FsxDescribe({}))).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: expect.stringContaining('User: arn:aws:sts::123456789012:assumed-role/Researcher/alice is not authorized to perform: fsx:DescribeFileSystems'),
    });
    await expect(pool.ec2().send(new DescribeVolumesCommand({}))).rejects.toMatchObject({ name: 'UnauthorizedOperation', $metadata: { httpStatusCode: 403 }, message: expect.stringContaining('ec2:DescribeVolumes') });
    await expect(pool.s3().send(new ListBucketsCommand({}))).rejects.toMatchObject({ name: 'AccessDenied', message: expect.stringContaining('s3:ListAllMyBuckets') });
    // GetCallerIdentity needs no permission and cannot be denied
    await expect(pool.sts().send(new GetCallerIdentityCommand({}))).resolves.toMatchObject({ Account: '123456789012' });
    // services not denied keep working
    await expect(pool.efs().send(new EfsDescribe({}))).resolves.toBeDefined();
  });

  it('expired credentials fail the way each service reports it', async () => {
    const { pool } = setup({ expiredCredentials: true });
    await expect(pool.ec2().send(new DescribeVolumesCommand({}))).rejects.toMatchObject({ name: 'RequestExpired' });
    await expect(pool.sts().send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: 'ExpiredToken', $metadata: { httpStatusCode: 403 } });
    await expect(pool.efs().send(new EfsDescribe({}))).rejects.toMatchObject({ name: 'ExpiredTokenException' });
    await expect(pool.s3().send(new ListBucketsCommand({}))).rejects.toMatchObject({ name: 'ExpiredToken' });
  });

  it('offline looks like a network failure: ECONNREFUSED or a request timeout, never an AWS error', async () => {
    const { pool } = setup({ offline: true });
    const errors: unknown[] = [];
    for (let i = 0; i < 2; i++) await pool.ec2().send(new DescribeVolumesCommand({})).catch((e: unknown) => errors.push(e));
    expect(errors).toHaveLength(2);
    const codes = errors.map((e) => ((e as { code?: string }).code === 'ECONNREFUSED' ? 'ECONNREFUSED' : (e as Error).name));
    expect(new Set(codes)).toEqual(new Set(['ECONNREFUSED', 'TimeoutError']));
    for (const e of errors) expect((e as { $fault?: string }).$fault).toBeUndefined();
  });

  it('latency delays every call by at least the given time; setFaults changes faults at run time', async () => {
    const { pool, sim } = setup({ latencyMs: 60 });
    const t = performance.now();
    await pool.ec2().send(new DescribeVolumesCommand({}));
    expect(performance.now() - t).toBeGreaterThanOrEqual(55);
    sim.setFaults({ deny: ['ec2'] });
    await expect(pool.ec2().send(new DescribeVolumesCommand({}))).rejects.toMatchObject({ name: 'UnauthorizedOperation' });
    sim.setFaults({});
    await expect(pool.ec2().send(new DescribeVolumesCommand({}))).resolves.toBeDefined();
  });

  it('counts every command answered or failed', async () => {
    const { pool, sim } = setup({ deny: ['s3'] });
    await pool.ec2().send(new DescribeVolumesCommand({}));
    await pool.s3().send(new ListBucketsCommand({})).catch(() => undefined);
    expect(sim.stats.calls).toBe(2);
    expect(sim.stats.byCommand).toEqual({ 'ec2:DescribeVolumes': 1, 's3:ListBuckets': 1 });
  });

  it('regions: an unknown code fails like DNS; a region not opted into rejects the credentials', async () => {
    const { pool } = setup({});
    await expect(pool.ec2('xx-nowhere-9').send(new DescribeVolumesCommand({}))).rejects.toMatchObject({ code: 'ENOTFOUND' });
    await expect(pool.ec2('af-south-1').send(new DescribeVolumesCommand({}))).rejects.toMatchObject({ name: 'AuthFailure', $metadata: { httpStatusCode: 401 } });
  });
});
