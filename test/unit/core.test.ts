import { describe, expect, it, vi } from 'vitest';
import { sanitize, truncate, pad, displayWidth } from '../../src/services/sanitize.js';
import { applyQuery, DEFAULT_QUERY, findResource } from '../../src/services/query.js';
import { sameData, Store } from '../../src/services/store.js';
import { Poller } from '../../src/services/poller.js';
import { BreakerSet, CircuitBreaker, backoffMs, withRetry, DEFAULT_RETRY } from '../../src/services/resilience.js';
import { conflicts, match, KEYMAP, keyName } from '../../src/app/keymap.js';
import { parseCommand } from '../../src/app/commands.js';
import { parseRegions, resolveRegion, resolveBackend } from '../../src/services/backend.js';
import { endpointsFromEnv, ClientPool } from '../../src/services/aws/clients.js';
import { StorageError, type StorageInfo } from '../../src/services/types.js';
import { describeResource } from '../../src/services/describe.js';
import { formatBytes, formatUsd, formatAge } from '../../src/services/format.js';

function info(p: Partial<StorageInfo> & { id: string }): StorageInfo {
  return { name: p.id, type: 'ebs', state: 'available', rawState: 'available', region: 'us-east-1', encrypted: true, tags: {}, mount: {}, ...p };
}

describe('sanitize', () => {
  it('strips CSI, OSC and other escape sequences so a Name tag cannot drive the terminal', () => {
    const evil = 'ok\u001b[2J\u001b[31mpwned\u001b]0;title\u0007\u001b]52;c;Zm9v\u001b\\\u009b31m\u0007end';
    const s = sanitize(evil);
    expect(s).toBe('okpwnedend');
    expect(s).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });
  it('turns newlines and tabs into spaces and removes bidi overrides', () => {
    expect(sanitize('a\nb\tc\u202ed')).toBe('a b cd');
  });
  it('keeps plain text and unicode as is', () => {
    expect(sanitize('genomics-scratch')).toBe('genomics-scratch');
    expect(sanitize('データ')).toBe('データ');
  });
  it('truncates by display width with an ellipsis', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
    expect(displayWidth(truncate('データデータ', 5))).toBeLessThanOrEqual(5);
    expect(pad('7', 3, 'right')).toBe('  7');
  });
});

describe('query', () => {
  const rows = [
    info({ id: 'vol-1', name: 'alpha', tags: { Project: 'genomics' }, sizeBytes: 10, monthlyCost: 5 }),
    info({ id: 'fs-2', name: 'beta', type: 'fsx-lustre', sizeBytes: 30, monthlyCost: 50 }),
    info({ id: 'bkt', name: 'gamma', type: 's3', sizeBytes: 20, monthlyCost: null }),
  ];
  it('filters by name, id and tag values, all terms required', () => {
    expect(applyQuery(rows, { ...DEFAULT_QUERY, text: 'genomics' }).map((r) => r.id)).toEqual(['vol-1']);
    expect(applyQuery(rows, { ...DEFAULT_QUERY, text: 'project=genomics alpha' }).map((r) => r.id)).toEqual(['vol-1']);
    expect(applyQuery(rows, { ...DEFAULT_QUERY, text: 'FS-2' }).map((r) => r.id)).toEqual(['fs-2']);
    expect(applyQuery(rows, { ...DEFAULT_QUERY, text: 'nothing' })).toEqual([]);
  });
  it('filters by kind and sorts by size and cost in both directions', () => {
    expect(applyQuery(rows, { ...DEFAULT_QUERY, kinds: ['s3'] }).map((r) => r.id)).toEqual(['bkt']);
    expect(applyQuery(rows, { ...DEFAULT_QUERY, sort: 'size', desc: true }).map((r) => r.id)).toEqual(['fs-2', 'bkt', 'vol-1']);
    expect(applyQuery(rows, { ...DEFAULT_QUERY, sort: 'cost', desc: false }).map((r) => r.id)).toEqual(['bkt', 'vol-1', 'fs-2']);
  });
  it('finds by id or exact name, reporting ambiguity', () => {
    expect((findResource(rows, 'fs-2') as StorageInfo).name).toBe('beta');
    expect((findResource(rows, 'gamma') as StorageInfo).id).toBe('bkt');
    expect(findResource([...rows, info({ id: 'x', name: 'alpha' })], 'alpha')).toHaveLength(2);
    expect(findResource(rows, 'zzz')).toBeUndefined();
  });
});

describe('store', () => {
  it('emits only real changes and keeps last good data on failure', () => {
    const s = new Store();
    const seen = vi.fn();
    s.subscribe(seen);
    s.applyChunk({ service: 'ec2', region: 'us-east-1', resources: [info({ id: 'vol-1' })], at: 1000 });
    const v1 = s.getSnapshot();
    expect(v1.resources).toHaveLength(1);
    // Same data again: resources array identity is kept (React sees no change in rows).
    s.applyChunk({ service: 'ec2', region: 'us-east-1', resources: [info({ id: 'vol-1' })], at: 2000 });
    expect(s.getSnapshot().resources).toBe(v1.resources);
    expect(s.getSnapshot().dataAt).toBe(2000);
    const err = new StorageError({ type: 'network', service: 'ec2', code: 'ECONNREFUSED', message: 'offline', hint: 'check', recoverable: true });
    s.applyChunk({ service: 'ec2', region: 'us-east-1', error: err, at: 3000 });
    const snap = s.getSnapshot();
    expect(snap.resources).toHaveLength(1);
    expect(snap.chunks[0].error?.code).toBe('ECONNREFUSED');
    expect(snap.chunks[0].okAt).toBe(2000);
    expect(seen).toHaveBeenCalled();
  });
  it('sees a change deep inside a store (a tag value) and redraws; the same data again does not', () => {
    const s = new Store();
    const tagged = (v: string) => info({ id: 'vol-1', tags: { Project: v, Owner: 'ana' } });
    s.applyChunk({ service: 'ec2', region: 'us-east-1', resources: [tagged('genomics')], at: 1 });
    const before = s.getSnapshot();
    s.applyChunk({ service: 'ec2', region: 'us-east-1', resources: [tagged('genomics')], at: 2 });
    expect(s.getSnapshot().resources).toBe(before.resources);
    s.applyChunk({ service: 'ec2', region: 'us-east-1', resources: [tagged('imaging')], at: 3 });
    expect(s.getSnapshot().resources).not.toBe(before.resources);
    expect(s.getSnapshot().resources[0].tags.Project).toBe('imaging');
    // A field appearing or vanishing counts too.
    s.applyChunk({ service: 'ec2', region: 'us-east-1', resources: [{ ...tagged('imaging'), kmsKeyId: 'k-1' }], at: 4 });
    expect(s.getSnapshot().resources[0].kmsKeyId).toBe('k-1');
  });
  it('sameData compares structure, not identity', () => {
    expect(sameData({ a: [1, { b: 'x' }] }, { a: [1, { b: 'x' }] })).toBe(true);
    expect(sameData({ a: [1, { b: 'x' }] }, { a: [1, { b: 'y' }] })).toBe(false);
    expect(sameData({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameData([1, 2], [1, 2, 3])).toBe(false);
    expect(sameData({ a: null }, { a: undefined })).toBe(false);
    expect(sameData(Number.NaN, Number.NaN)).toBe(true);
  });
  it('clear() drops every chunk (region switch)', () => {
    const s = new Store();
    s.applyChunk({ service: 'ec2', region: 'us-east-1', resources: [info({ id: 'vol-1' })], at: 1 });
    s.clear();
    expect(s.getSnapshot().resources).toHaveLength(0);
    expect(s.getSnapshot().initial).toBe(true);
  });
});

describe('poller', () => {
  it('never overlaps, backs off while failing and returns to its interval', async () => {
    const timers: { fn: () => void; ms: number }[] = [];
    let ok = false;
    let inFlight = 0;
    let maxInFlight = 0;
    const p = new Poller({
      intervalMs: 1000,
      maxBackoffMs: 8000,
      task: async () => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await Promise.resolve();
        inFlight--;
        return ok;
      },
      setTimer: (fn, ms) => timers.push({ fn, ms }),
      clearTimer: () => undefined,
    });
    p.start();
    p.trigger(); // while running: queued, not doubled
    await vi.waitFor(() => expect(timers.length).toBe(1));
    expect(maxInFlight).toBe(1);
    expect(p.runs).toBe(2);
    expect(timers[0].ms).toBe(2000); // two failures so far -> 2x interval
    timers.shift()!.fn();
    await vi.waitFor(() => expect(timers.length).toBe(1));
    expect(timers[0].ms).toBe(4000);
    timers.shift()!.fn();
    await vi.waitFor(() => expect(timers.length).toBe(1));
    expect(timers[0].ms).toBe(8000);
    timers.shift()!.fn();
    await vi.waitFor(() => expect(timers.length).toBe(1));
    expect(timers[0].ms).toBe(8000); // capped
    ok = true;
    timers.shift()!.fn();
    await vi.waitFor(() => expect(timers.length).toBe(1));
    expect(timers[0].ms).toBe(1000);
    p.stop();
  });
});

describe('resilience', () => {
  const throttle = new StorageError({ type: 'throttling', service: 'fsx', code: 'ThrottlingException', message: 'slow down', hint: 'wait', recoverable: true });
  it('retries recoverable errors with bounded attempts and bounded total wait', async () => {
    const waits: number[] = [];
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw throttle;
        },
        (e) => e as StorageError,
        { maxAttempts: 5, baseMs: 1000, capMs: 4000, maxTotalWaitMs: 5000 },
        { sleep: async (ms) => void waits.push(ms), random: () => 1 },
      ),
    ).rejects.toBe(throttle);
    expect(waits.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(5000);
    expect(calls).toBeLessThan(5);
  });
  it('does not retry what waiting cannot fix', async () => {
    let calls = 0;
    const denied = new StorageError({ type: 'access-denied', service: 'fsx', code: 'AccessDeniedException', message: 'no', hint: 'grant fsx:DescribeFileSystems', recoverable: false });
    await expect(withRetry(async () => ((calls++), Promise.reject(denied)), (e) => e as StorageError, DEFAULT_RETRY, { sleep: async () => undefined })).rejects.toBe(denied);
    expect(calls).toBe(1);
  });
  it('honours retryAfter and uses full jitter otherwise', () => {
    expect(backoffMs(1, DEFAULT_RETRY, () => 0, 3)).toBe(3000);
    expect(backoffMs(3, DEFAULT_RETRY, () => 0.5)).toBe(500);
  });
  it('opens the breaker after repeated failures, probes once after the cool-down', () => {
    let now = 0;
    const b = new CircuitBreaker({ failureThreshold: 3, cooldownMs: 30_000, now: () => now });
    for (let i = 0; i < 3; i++) {
      expect(b.tryAcquire()).toBe(true);
      b.failure(throttle);
    }
    expect(b.state).toBe('open');
    expect(b.tryAcquire()).toBe(false);
    now = 30_000;
    expect(b.state).toBe('half-open');
    expect(b.tryAcquire()).toBe(true);
    expect(b.tryAcquire()).toBe(false); // one probe at a time
    b.success();
    expect(b.state).toBe('closed');
    const set = new BreakerSet({ failureThreshold: 1, cooldownMs: 1, now: () => now });
    expect(set.get('fsx', 'us-east-1')).toBe(set.get('fsx', 'us-east-1'));
    expect(set.get('fsx', 'us-west-2')).not.toBe(set.get('fsx', 'us-east-1'));
  });
});

describe('keymap', () => {
  it('binds no key twice in one context', () => {
    expect(conflicts()).toEqual([]);
  });
  it('hides mutating commands in read-only mode', () => {
    expect(match('c', { contexts: ['list', 'global'], readOnly: false })).toBe('create');
    expect(match('c', { contexts: ['list', 'global'], readOnly: true })).toBeUndefined();
    expect(match('d', { contexts: ['list', 'global'], readOnly: true })).toBeUndefined();
    expect(KEYMAP.filter((b) => b.mutating).map((b) => b.command).sort()).toEqual(['create', 'delete']);
  });
  it('names keys the way the table does', () => {
    const k = { upArrow: false, downArrow: true } as Parameters<typeof keyName>[1];
    expect(keyName('', k)).toBe('down');
    expect(match('j', { contexts: ['list'], readOnly: false })).toBe('down');
    expect(match('G', { contexts: ['list'], readOnly: false })).toBe('bottom');
  });
});

describe(': commands', () => {
  it('parses kinds, regions, profiles and rejects junk with a usable message', () => {
    expect(parseCommand('fsx')).toEqual({ kind: 'kinds', kinds: ['fsx-lustre', 'fsx-openzfs', 'fsx-windows', 'fsx-ontap'] });
    expect(parseCommand('ebs')).toEqual({ kind: 'kinds', kinds: ['ebs'] });
    expect(parseCommand('region us-west-2,eu-west-1')).toEqual({ kind: 'region', regions: ['us-west-2', 'eu-west-1'] });
    expect(parseCommand('region mars-1').kind).toBe('error');
    expect(parseCommand('profile research')).toEqual({ kind: 'profile', profile: 'research' });
    expect(parseCommand('q')).toEqual({ kind: 'quit' });
    const e = parseCommand('frobnicate');
    expect(e.kind === 'error' && e.message).toContain(':region');
  });
});

describe('backend', () => {
  it('parses --regions and rejects bad codes before any AWS call', () => {
    expect(parseRegions(undefined, 'us-east-1')).toEqual(['us-east-1']);
    expect(parseRegions('us-east-1, us-west-2,us-east-1', 'x')).toEqual(['us-east-1', 'us-west-2']);
    expect(parseRegions('all', 'x')).toBe('all');
    expect(() => parseRegions('us-east-1,nowhere', 'x')).toThrow(/not a region code: nowhere/);
  });
  it('takes the region from flag, env, then profile config', () => {
    expect(resolveRegion({ region: 'eu-west-1' }, { AWS_REGION: 'us-west-2' })).toBe('eu-west-1');
    expect(resolveRegion({}, { AWS_REGION: 'us-west-2' })).toBe('us-west-2');
    expect(resolveRegion({}, { AWS_CONFIG_FILE: '/nonexistent' })).toBe('us-east-1');
  });
  it('reads AWS_ENDPOINT_URL and per-service endpoints', () => {
    const e = endpointsFromEnv({ AWS_ENDPOINT_URL: 'http://localhost:5000', AWS_ENDPOINT_URL_S3: 'http://localhost:9000' });
    expect(e.endpointUrl).toBe('http://localhost:5000');
    expect(e.serviceEndpoints.s3).toBe('http://localhost:9000');
    const pool = new ClientPool({ region: 'us-east-1', endpointUrl: e.endpointUrl, serviceEndpoints: e.serviceEndpoints });
    expect(pool.endpointFor('s3')).toBe('http://localhost:9000');
    expect(pool.endpointFor('fsx')).toBe('http://localhost:5000');
    expect(pool.s3()).toBe(pool.s3());
    pool.fsx('us-west-2');
    expect(pool.size).toBe(2);
    pool.destroy();
  });
  it('falls back to the simulated region without credentials, and --aws refuses', async () => {
    const env = { HOME: '/nonexistent-home', AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent', AWS_EC2_METADATA_DISABLED: 'true' };
    const b = await resolveBackend({ simEphemeral: true }, env);
    expect(b.mode).toBe('sim');
    expect(b.reason).toMatch(/no AWS credentials/);
    b.pool.destroy();
    await expect(resolveBackend({ aws: true }, env)).rejects.toThrow(/no AWS credentials/);
    await expect(resolveBackend({ aws: true, demo: true }, env)).rejects.toThrow(/contradict/);
  });
});

describe('describe and format', () => {
  it('groups every attribute a mount needs', () => {
    const r = info({ id: 'fs-1', type: 'fsx-lustre', mount: { dnsName: 'fs-1.fsx.us-east-1.amazonaws.com' }, fsx: { fileSystemType: 'LUSTRE', subnetIds: ['subnet-1'] } });
    const sections = describeResource(r);
    expect(sections.map((s) => s.title)).toEqual(['Identity', 'Capacity and performance', 'Network and mount endpoints', 'Security', 'Tags']);
    const net = sections[2].rows;
    expect(net).toContainEqual(['DNS name', 'fs-1.fsx.us-east-1.amazonaws.com']);
    expect(net).toContainEqual(['Lustre mount name', 'unknown (not reported)']);
  });
  it('formats for people', () => {
    expect(formatBytes(1024 ** 3 * 1.5)).toBe('1.5 GiB');
    expect(formatUsd(null)).toBe('n/a');
    expect(formatUsd(12.345)).toBe('$12.35');
    expect(formatAge(125_000)).toBe('2m 5s');
  });
});
