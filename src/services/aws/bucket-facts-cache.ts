// S3 bucket settings (encryption, versioning, lifecycle, tags, public access,
// Intelligent-Tiering and request-metrics configurations) change rarely, and
// reading them costs seven calls per bucket: 14,000 calls for 2,000 buckets on
// every refresh. The dashboard and the REST server keep them between refreshes
// for a while (see BUCKET_FACTS_TTL_MS); any change this program makes to a
// bucket drops its entry at once (markBucketChanged, called by every mutating
// S3 call in mutation-support.ts), and `r` drops them all.
import type { ClientPool } from './clients.js';

/** How long bucket settings read by the dashboard or the server are reused. */
export const BUCKET_FACTS_TTL_MS = 10 * 60_000;

interface Entry<T> {
  facts: T;
  at: number;
  /** The change counter when the read started: an entry read before a change is stale. */
  seq: number;
}

let changeSeq = 0;
const changedAt = new Map<string, number>();
const caches = new WeakMap<ClientPool, Map<string, Entry<unknown>>>();

/** This program changed the bucket (or created or deleted it): forget what was read about it. */
export function markBucketChanged(bucket: string): void {
  changedAt.set(bucket, ++changeSeq);
}

/** `r`: read every bucket's settings again. */
export function clearBucketFacts(pool: ClientPool): void {
  caches.delete(pool);
}

export interface FactsCache<T> {
  get(bucket: string): T | undefined;
  /** Call before reading; pass the token to set(). */
  token(): number;
  set(bucket: string, facts: T, token: number): void;
}

export function bucketFactsCache<T>(pool: ClientPool, ttlMs: number, now: () => number = Date.now): FactsCache<T> {
  let cache = caches.get(pool);
  if (!cache) caches.set(pool, (cache = new Map()));
  const c = cache as Map<string, Entry<T>>;
  return {
    get(bucket) {
      const e = c.get(bucket);
      if (!e) return undefined;
      if (now() - e.at >= ttlMs || e.seq < (changedAt.get(bucket) ?? 0)) {
        c.delete(bucket);
        return undefined;
      }
      return e.facts;
    },
    token: () => changeSeq,
    set(bucket, facts, token) {
      c.set(bucket, { facts, at: now(), seq: token });
    },
  };
}
