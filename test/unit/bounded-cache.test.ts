// Ink caches the size and the wrapped form of every distinct text it lays out, for
// ever. The build bounds both caches (boundedInkCaches in scripts/esbuild-plugins.mjs,
// BoundedCache in src/app/bounded-cache.ts), so a dashboard open for days, redrawing
// changing numbers, does not grow without end.
import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { BoundedCache } from '../../src/app/bounded-cache.js';
import { boundedInkCaches, fastStringWidth } from '../../scripts/esbuild-plugins.mjs';
import { bundleAndImport } from '../helpers/bundle.js';

describe('BoundedCache', () => {
  it('starts afresh instead of growing past its limit, and keeps answering', () => {
    const c = new BoundedCache<string, number>(3);
    for (const [k, v] of [['a', 1], ['b', 2], ['c', 3]] as const) c.set(k, v);
    c.set('a', 10); // an update is not growth
    expect([...c]).toEqual([['a', 10], ['b', 2], ['c', 3]]);
    c.set('d', 4);
    expect([...c]).toEqual([['d', 4]]);
  });
});

describe("Ink's text caches in the build", () => {
  it('stay bounded over many distinct texts while measuring and wrapping them as before', async () => {
    const ink = (f: string) => JSON.stringify(resolve('node_modules/ink/build', f));
    const { mod } = await bundleAndImport<{
      measureText: (t: string) => { width: number; height: number };
      wrapText: (t: string, width: number, wrap: string) => string;
      boundedCaches: Set<Map<unknown, unknown>>;
      INK_CACHE_LIMIT: number;
    }>(
      [
        `export { default as measureText } from ${ink('measure-text.js')};`,
        `export { default as wrapText } from ${ink('wrap-text.js')};`,
        `export { boundedCaches, INK_CACHE_LIMIT } from ${JSON.stringify(resolve('src/app/bounded-cache.ts'))};`,
      ].join('\n'),
      [fastStringWidth, boundedInkCaches],
    );
    // Both of Ink's caches are ours now.
    expect(mod.boundedCaches.size).toBe(2);
    const n = mod.INK_CACHE_LIMIT * 2 + 7;
    for (let i = 0; i < n; i++) {
      const text = `updated ${i}s ago · ${(i / 7).toFixed(2)} MB/s`;
      expect(mod.measureText(text)).toEqual({ width: text.length, height: 1 });
      expect(mod.wrapText(text, 12, 'truncate')).toBe(`${text.slice(0, 11)}…`);
    }
    for (const cache of mod.boundedCaches) expect(cache.size).toBeLessThanOrEqual(mod.INK_CACHE_LIMIT);
    expect(mod.measureText('two\nlines')).toEqual({ width: 5, height: 2 });
    expect(mod.wrapText('wrap this text', 6, 'wrap')).toBe('wrap \nthis \ntext');
  });
});
