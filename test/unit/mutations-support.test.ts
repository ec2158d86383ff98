// The shared machinery of mutations: bounded polling, audited calls, refusals.
import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/services/audit.js';
import { derivedToken, makeCtx, mutate, poll, refuse, tagList } from '../../src/services/aws/mutation-support.js';
import { StorageError } from '../../src/services/types.js';

const what = { service: 'fsx' as const, resource: 'fs-1', waitingFor: 'available' };

describe('poll', () => {
  it('returns as soon as the probe has a value, sleeping the interval between probes', async () => {
    const slept: number[] = [];
    const ctx = makeCtx('us-east-1', { sleep: async (ms) => void slept.push(ms) });
    let n = 0;
    const v = await poll(ctx, { timeoutMs: 60_000, intervalMs: 1_000, now: () => 0 }, what, async () => (++n === 4 ? 'ready' : undefined));
    expect(v).toBe('ready');
    expect(slept).toEqual([1_000, 1_000, 1_000]);
  });

  it('gives up at the deadline with a recoverable WaitTimeout that names the resource (fake sleep, frozen clock)', async () => {
    let probes = 0;
    const ctx = makeCtx('us-east-1', { sleep: async () => {} });
    const err = await poll(ctx, { timeoutMs: 10_000, intervalMs: 3_000, now: () => 0 }, what, async () => void probes++).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect(err).toMatchObject({ code: 'WaitTimeout', type: 'unavailable', recoverable: true, resource: 'fs-1', message: 'fs-1 was not available after 10s' });
    // 0, 3, 6, 9 s, then the last 1 s: bounded, not endless.
    expect(probes).toBe(5);
  });

  it('counts wall time too: slow probes end the wait even when sleeps are short', async () => {
    let t = 0;
    const ctx = makeCtx('us-east-1', { sleep: async () => {} });
    const err = await poll(ctx, { timeoutMs: 5_000, intervalMs: 1, now: () => t }, what, async () => {
      t += 2_000;
      return undefined;
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'WaitTimeout' });
    expect(t).toBe(6_000);
  });

  it('stops when the signal is aborted', async () => {
    const ac = new AbortController();
    const ctx = makeCtx('us-east-1', { sleep: async () => ac.abort(), signal: ac.signal });
    await expect(poll(ctx, { timeoutMs: 60_000, intervalMs: 1_000 }, what, async () => undefined)).rejects.toMatchObject({ code: 'Cancelled' });
  });
});

describe('mutate / refuse', () => {
  it('retries a throttled call, then records one ok entry', async () => {
    const audit = new AuditLog(null, { now: () => 0, profile: 'lab' });
    const ctx = makeCtx('eu-west-1', { audit, sleep: async () => {}, retry: { maxAttempts: 3, baseMs: 1, capMs: 1, maxTotalWaitMs: 10 } });
    let calls = 0;
    const out = await mutate(ctx, { service: 'ec2', action: 'ec2:DeleteVolume', resource: 'vol-1' }, async () => {
      if (++calls === 1) throw Object.assign(new Error('Rate exceeded'), { name: 'RequestLimitExceeded', $metadata: { httpStatusCode: 503 } });
      return 'done';
    });
    expect(out).toBe('done');
    expect(calls).toBe(2);
    expect(audit.entries()).toEqual([{ time: '1970-01-01T00:00:00.000Z', profile: 'lab', region: 'eu-west-1', action: 'ec2:DeleteVolume', resource: 'vol-1', outcome: 'ok' }]);
  });

  it('classifies and records a failure; never retries a non-recoverable one', async () => {
    const audit = new AuditLog(null);
    const ctx = makeCtx('eu-west-1', { audit, sleep: async () => {} });
    let calls = 0;
    const err = await mutate(ctx, { service: 'efs', action: 'elasticfilesystem:DeleteFileSystem', resource: 'fs-1' }, async () => {
      calls++;
      throw Object.assign(new Error('has mount targets'), { name: 'FileSystemInUse', $metadata: { httpStatusCode: 409 } });
    }).catch((e: unknown) => e);
    expect(calls).toBe(1);
    expect(err).toMatchObject({ type: 'conflict', code: 'FileSystemInUse', service: 'efs', resource: 'fs-1' });
    expect(audit.entries()[0]).toMatchObject({ outcome: 'error', detail: 'FileSystemInUse: has mount targets' });
  });

  it('refuse throws a conflict and records a refusal', () => {
    const audit = new AuditLog(null);
    const ctx = makeCtx('us-east-1', { audit });
    expect(() => refuse(ctx, { service: 's3', action: 's3:DeleteBucket', resource: 'b' }, ['not empty', 'locked'], 'empty it')).toThrow(StorageError);
    expect(audit.entries()[0]).toMatchObject({ outcome: 'refused', detail: '(1) not empty; (2) locked' });
  });
});

describe('tags and tokens', () => {
  it('puts Name first and never twice', () => {
    expect(tagList('x', { Name: 'y', a: '1' })).toEqual([
      { Key: 'Name', Value: 'x' },
      { Key: 'a', Value: '1' },
    ]);
  });
  it('derives per-call tokens within the API limit', () => {
    const t = 'a'.repeat(70);
    expect(derivedToken(t, 'svm', 63)).toHaveLength(63);
    expect(derivedToken(t, 'svm', 63).endsWith('-svm')).toBe(true);
    expect(derivedToken('abc', '', 63)).toBe('abc');
  });
});
