// Small helpers shared by the inventory providers (ebs/efs/fsx/s3.ts).
import type { StorageErrorShape, StorageInfo, StorageState } from '../types.js';
import { classifyError, type ClassifyContext } from './errors.js';

/** AWS tag list -> record. Later duplicates win; entries without a key are skipped. */
export function tagsToRecord(tags: { Key?: string; Value?: string }[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!tags) return out;
  for (const t of tags) if (t.Key) out[t.Key] = t.Value ?? '';
  return out;
}

/** The `Name` tag where there is a non-blank one, else the id. */
export function displayName(tags: Record<string, string>, id: string): string {
  const n = tags.Name;
  return n !== undefined && n.trim() !== '' ? n : id;
}

/** Date (or epoch seconds, as moto sometimes sends) -> ISO 8601; undefined stays undefined. */
export function toIso(d: Date | number | string | undefined): string | undefined {
  if (d === undefined || d === null) return undefined;
  const date = d instanceof Date ? d : typeof d === 'number' ? new Date(d < 1e12 ? d * 1000 : d) : new Date(d);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

export const GIB = 1024 ** 3;
export const MIB = 1024 ** 2;

export function gibToBytes(gib: number | undefined): number | undefined {
  return gib === undefined ? undefined : gib * GIB;
}

/** DNS suffix of a region's partition (China regions end in .amazonaws.com.cn). */
export function dnsSuffix(region: string): string {
  return region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
}

/** ARN partition of a region. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  return 'aws';
}

/** Maps a service's state word through a table; anything unlisted (or missing) is 'unknown'. */
export function normaliseState(table: Readonly<Record<string, StorageState>>, raw: string | undefined): StorageState {
  if (!raw) return 'unknown';
  if (Object.hasOwn(table, raw)) return table[raw];
  const lower = raw.toLowerCase();
  return Object.hasOwn(table, lower) ? table[lower] : 'unknown';
}

/**
 * Runs `fn` over `items` with at most `limit` in flight; results keep input order.
 * Rejects with the first error (callers that must not fail catch inside `fn`).
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}

/** Groups items by a key in one pass. */
export function groupBy<T>(items: Iterable<T>, key: (t: T) => string | undefined): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    if (k === undefined) continue;
    const list = m.get(k);
    if (list) list.push(it);
    else m.set(k, [it]);
  }
  return m;
}

/** Knobs shared by the providers; defaults are what production uses. */
export interface ProviderOptions {
  /** Page size for the list calls (lowered by tests to exercise pagination). */
  pageSize?: number;
  /** Max detail calls (or S3 buckets) in flight. */
  concurrency?: number;
  /**
   * Called with every store as soon as the list call answered, before the per-store
   * detail calls (S3 bucket settings, EFS mount targets): the list can be drawn at once.
   */
  onBasic?: (stores: StorageInfo[]) => void;
  /**
   * After onBasic, the detail calls wait for this (the dashboard: its first frame is
   * out), so the hundreds of per-bucket calls at scale do not delay that frame.
   */
  detailsAfter?: Promise<unknown>;
  /**
   * Reuse S3 bucket settings read within this many milliseconds (bucket-facts-cache.ts);
   * 0 or unset reads them every time (one-shot commands).
   */
  bucketFactsTtlMs?: number;
  now?: () => number;
}

/** The outcome of a detail call that must not drop its resource. */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

export async function settle<T>(p: Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, value: await p };
  } catch (error) {
    return { ok: false, error };
  }
}

/** A failed detail call as recorded on StorageInfo.detailErrors. */
export function detailError(err: unknown, ctx: ClassifyContext): StorageErrorShape {
  return classifyError(err, ctx).toJSON();
}

/** The AWS error code / name of a raw SDK error, for "expected absence" checks (NoSuchTagSet ...). */
export function errorCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as { Code?: unknown; name?: unknown };
  if (typeof e.Code === 'string' && e.Code) return e.Code;
  return typeof e.name === 'string' ? e.name : undefined;
}
