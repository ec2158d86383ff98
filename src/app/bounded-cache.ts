// Bounds the two text caches inside Ink (build/measure-text.js and
// build/wrap-text.js). Ink keeps the size of, and the wrapped form of, every
// distinct text it has ever laid out, in module-level maps that never shrink. A
// dashboard redraws changing text all day (data ages, throughput and IOPS values,
// sparklines, costs), so over days those maps grow without end. The build
// (scripts/esbuild-plugins.mjs, boundedInkCaches) swaps them for this map.

/** Entries each of Ink's caches may hold; a screen's worth of text is a few hundred. */
export const INK_CACHE_LIMIT = 5_000;

/** Every BoundedCache made (the two in Ink), for tests. */
export const boundedCaches = new Set<BoundedCache<unknown, unknown>>();

/** A Map that starts afresh once it would grow past `limit` entries: the screen's own text is back in a frame. */
export class BoundedCache<K, V> extends Map<K, V> {
  constructor(readonly limit: number = INK_CACHE_LIMIT) {
    super();
    boundedCaches.add(this as BoundedCache<unknown, unknown>);
  }

  override set(key: K, value: V): this {
    if (this.size >= this.limit && !this.has(key)) this.clear();
    return super.set(key, value);
  }
}
