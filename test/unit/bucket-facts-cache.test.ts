// S3 bucket settings are read once and reused between refreshes (bucket-facts-cache.ts):
// a refresh of 2,000 buckets must not cost 14,000 calls every 30 s. Anything this
// program changes about a bucket, a failed read, the TTL and `r` make them read again.
import { afterEach, describe, expect, it } from 'vitest';
import { ClientPool, type ClientPlugin } from '../../src/services/aws/clients.js';
import { BUCKET_FACTS_TTL_MS, bucketFactsCache } from '../../src/services/aws/bucket-facts-cache.js';
import type { S3BucketFacts } from '../../src/services/aws/s3.js';
import { errorCode } from '../../src/services/aws/util.js';
import { putS3LifecycleRule } from '../../src/services/aws/modify.js';
import type { Backend } from '../../src/services/backend.js';
import { Session } from '../../src/services/session.js';
import { awsError } from '../../src/services/sim/errors.js';
import { SimRegion } from '../../src/services/sim/index.js';

let session: Session | undefined;
afterEach(() => session?.stop());

/** A session on the simulated region that counts S3 detail calls; `failEncryption` makes GetBucketEncryption throttle. */
function setup(opts: { now?: () => number } = {}) {
  const sim = new SimRegion({ stateDir: null });
  const counts = new Map<string, number>();
  const state = { failEncryption: false };
  const plugin: ClientPlugin = (client, service, region) => {
    sim.plugin(client, service, region);
    (client as unknown as { middlewareStack: { add: (mw: unknown, o: object) => void } }).middlewareStack.add(
      (next: (a: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: unknown) => {
        const name = `${service}:${(context.commandName ?? '').replace(/Command$/, '')}`;
        counts.set(name, (counts.get(name) ?? 0) + 1);
        if (state.failEncryption && name === 's3:GetBucketEncryption') throw awsError('s3', 'SlowDown', 'Please reduce your request rate.', { status: 503 });
        return next(args);
      },
      { step: 'initialize', name: 'testCount', priority: 'high' },
    );
  };
  const pool = new ClientPool({ region: 'us-east-1', credentials: { accessKeyId: 'sim', secretAccessKey: 'sim' }, plugin });
  const backend: Backend = { mode: 'sim', reason: 'test', region: 'us-east-1', regions: ['us-east-1'], readOnly: false, pool, sim, serviceEndpoints: {} };
  session = new Session(backend, { refreshMs: 3_600_000, metrics: false, now: opts.now });
  const versioningReads = () => counts.get('s3:GetBucketVersioning') ?? 0;
  return { sim, session, state, versioningReads, counts };
}

describe('S3 bucket settings between refreshes', () => {
  it('are read once: a second refresh lists the buckets but reads no settings', async () => {
    const { session, versioningReads } = setup();
    await session.refreshOnce();
    const buckets = session.store.getSnapshot().resources.filter((r) => r.type === 's3').length;
    expect(buckets).toBeGreaterThan(3);
    expect(versioningReads()).toBe(buckets);
    await session.refreshOnce();
    expect(versioningReads()).toBe(buckets);
    // ...and the details are still there.
    expect(session.store.getSnapshot().resources.filter((r) => r.type === 's3').every((r) => r.s3 !== undefined)).toBe(true);
  });

  it('kept, give the same stores as when read, and hold no SDK exception (its stack keeps the whole request alive)', async () => {
    const { session } = setup();
    await session.refreshOnce();
    const s3 = () => session.store.getSnapshot().resources.filter((r) => r.type === 's3');
    const first = structuredClone(s3());
    await session.refreshOnce();
    expect(s3()).toEqual(first);
    // Buckets without lifecycle rules or a public access block answer with errors; the cache keeps their codes only.
    const cache = bucketFactsCache<S3BucketFacts>(session.backend.pool, BUCKET_FACTS_TTL_MS);
    const failures = first.flatMap((b) => Object.values(cache.get(b.id) ?? {}).filter((r) => r && !r.ok)).map((r) => (r as { error: unknown }).error);
    expect(failures.length).toBeGreaterThan(3);
    expect(failures.filter((e) => e instanceof Error)).toEqual([]);
    expect([...new Set(failures.map((e) => errorCode(e)))].sort()).toEqual(['NoSuchLifecycleConfiguration', 'NoSuchPublicAccessBlockConfiguration']);
  });

  it('are read again after the TTL, and all of them on `r`', async () => {
    let t = Date.now();
    const { session, versioningReads } = setup({ now: () => t });
    await session.refreshOnce();
    const n = versioningReads();
    t += 11 * 60_000;
    await session.refreshOnce();
    expect(versioningReads()).toBe(2 * n);
    session.refresh(); // `r`
    await session.refreshOnce();
    expect(versioningReads()).toBe(3 * n);
  });

  it('of a bucket this program changed are read again at once: an applied lifecycle rule shows on the next refresh', async () => {
    const { session, versioningReads } = setup();
    await session.refreshOnce();
    const n = versioningReads();
    const bucket = session.store.getSnapshot().resources.find((r) => r.type === 's3' && r.s3 && !r.s3.hasLifecycleRules);
    expect(bucket).toBeDefined();
    await putS3LifecycleRule(session.backend.pool, bucket!, { id: 'to-ia-30d', transitions: [{ days: 30, storageClass: 'STANDARD_IA' }] });
    await session.refreshOnce();
    expect(versioningReads()).toBe(n + 1);
    expect(session.store.getSnapshot().resources.find((r) => r.id === bucket!.id)?.s3?.hasLifecycleRules).toBe(true);
  });

  it('that could not be read (throttled) are read again on the next refresh', async () => {
    const { session, state, counts } = setup();
    state.failEncryption = true;
    await session.refreshOnce();
    const first = counts.get('s3:GetBucketEncryption') ?? 0;
    expect(first).toBeGreaterThan(0);
    state.failEncryption = false;
    await session.refreshOnce();
    expect(counts.get('s3:GetBucketEncryption')).toBe(2 * first);
    // Now read for good: a third refresh reads nothing.
    await session.refreshOnce();
    expect(counts.get('s3:GetBucketEncryption')).toBe(2 * first);
  });
});
