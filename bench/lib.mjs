// Shared benchmark helpers: medians, process timing, bundling a bench entry.
import { build } from 'esbuild';
import { boundedInkCaches, fastStringWidth, lazyIntlSegmenter, sdkSchemaTreeShaking, yogaWithoutFetch } from '../scripts/esbuild-plugins.mjs';

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function p99(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * 0.99))];
}

export function fmt(ms) {
  return `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;
}

/** Bundles a TypeScript bench entry like the product (same aliases, production React). */
export async function bundle(entry, outfile) {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    mainFields: ['module', 'main'],
    plugins: [sdkSchemaTreeShaking, yogaWithoutFetch, fastStringWidth, boundedInkCaches, lazyIntlSegmenter],
    format: 'esm',
    target: 'node20',
    minify: true,
    jsx: 'automatic',
    alias: { 'react-devtools-core': './scripts/empty-module.mjs' },
    define: { 'process.env.NODE_ENV': '"production"' },
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel: 'warning',
  });
  return outfile;
}
