// Synthesised S3 objects: key i of a bucket is a pure function of i, sorted
// by i, so listing, prefixes and continuation are O(log n) seeks over an
// index space that may hold millions of objects without storing any.
import type { ObjectSet, ObjectTemplate } from './model.js';
import { Intervals } from './intervals.js';
import { hash32 } from './rand.js';

const DIR_WIDTH = 5;

function pad(n: number, w: number): string {
  return String(n).padStart(w, '0');
}

export function keyOf(t: ObjectTemplate, i: number): string {
  return `${t.dirPrefix}${pad(Math.floor(i / t.perDir), DIR_WIDTH)}/${t.stem}${pad(i, t.width)}${t.ext}`;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The index of a synthesised key, or undefined when the key is not one of the bucket's objects. */
export function indexOfKey(set: ObjectSet, key: string): number | undefined {
  const t = set.template;
  const m = new RegExp(`^${escapeRe(t.dirPrefix)}(\\d{${DIR_WIDTH}})/${escapeRe(t.stem)}(\\d{${t.width}})${escapeRe(t.ext)}$`).exec(key);
  if (!m) return undefined;
  const i = Number(m[2]);
  if (Math.floor(i / t.perDir) !== Number(m[1]) || i >= set.count) return undefined;
  return i;
}

/** First index whose key is >= s (keys ascend with the index). */
export function lowerBound(set: ObjectSet, s: string): number {
  let lo = 0;
  let hi = set.count;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (keyOf(set.template, mid) < s) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether object i is listed by ListObjectsV2 (not deleted, no delete marker on top). */
export function isLive(set: ObjectSet, i: number): boolean {
  return !set.marked.has(i) && !set.purged.has(i);
}

/** The next live index >= i, or set.count. */
export function nextLive(set: ObjectSet, i: number): number {
  let j = i;
  for (;;) {
    if (j >= set.count) return set.count;
    const a = set.marked.nextAbsent(j);
    const b = set.purged.nextAbsent(a);
    if (a === j && b === j) return j;
    j = Math.max(a, b);
  }
}

export function liveCount(set: ObjectSet): number {
  // marked and purged are disjoint by construction
  return set.count - set.marked.size - set.purged.size;
}

/** Objects that still have at least one version (versioned buckets keep versions behind delete markers). */
export function versionCount(set: ObjectSet): number {
  return set.count - set.purged.size;
}

export function sizeOf(set: ObjectSet, seed: number, i: number): number {
  // 0.25x .. 1.75x the average, deterministic per object
  const f = 0.25 + (hash32(seed, 'size', i) % 1000) / 666.7;
  return Math.max(1, Math.round(set.avgBytes * f));
}

export function lastModifiedOf(set: ObjectSet, i: number): number {
  if (set.count <= 1) return set.firstModified;
  return Math.round(set.firstModified + ((set.lastModified - set.firstModified) * i) / (set.count - 1));
}

export function etagOf(seed: number, bucket: string, i: number): string {
  const h = (k: number) => hash32(seed, bucket, i, k).toString(16).padStart(8, '0');
  return `"${h(1)}${h(2)}${h(3)}${h(4)}"`;
}

export function versionIdOf(seed: number, bucket: string, i: number, marker = false): string {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._';
  let s = '';
  let h = hash32(seed, bucket, i, marker ? 'marker' : 'version');
  for (let k = 0; k < 32; k++) {
    s += abc[h % abc.length];
    h = hash32(h, k);
  }
  return s;
}

export function emptyObjectSet(now: number): ObjectSet {
  return {
    count: 0,
    avgBytes: 0,
    template: { dirPrefix: 'data/', perDir: 1000, stem: 'object-', ext: '', width: 8 },
    marked: new Intervals(),
    purged: new Intervals(),
    firstModified: now,
    lastModified: now,
    storageClass: 'STANDARD',
  };
}
