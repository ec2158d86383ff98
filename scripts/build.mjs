// Bundles the CLI: minified ESM, split so that what a command does not use (the
// dashboard's Ink and React, the REST server, the rarely used AWS clients and
// screens) is neither read nor compiled. Plugins: scripts/esbuild-plugins.mjs.
import { build } from 'esbuild';
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import { boundedInkCaches, fastStringWidth, lazyIntlSegmenter, sdkSchemaTreeShaking, yogaWithoutFetch } from './esbuild-plugins.mjs';

const outfile = 'dist/prism-storage.js';
rmSync('dist/chunks', { recursive: true, force: true });
const result = await build({
  entryPoints: { 'prism-storage': 'src/cli.tsx' },
  outdir: 'dist',
  // Code splitting: what is imported lazily (the dashboard with Ink and React, the REST
  // server, each command) is compiled only when used, so `list` does not pay for Ink
  // and the dashboard does not pay for the server.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  // Prefer the ES module builds (the AWS SDK ships dist-es): they tree-shake, and
  // avoid esbuild's CommonJS interop copying every export of each client.
  mainFields: ['module', 'main'],
  format: 'esm',
  target: 'node20',
  minify: true,
  sourcemap: 'linked',
  legalComments: 'none',
  jsx: 'automatic',
  // Ink imports react-devtools-core only when DEV=true; never ship it.
  alias: { 'react-devtools-core': './scripts/empty-module.mjs' },
  define: { 'process.env.NODE_ENV': '"production"' },
  banner: {
    js: [
      '#!/usr/bin/env node',
      "import { createRequire as __prismCreateRequire } from 'node:module';",
      'const require = __prismCreateRequire(import.meta.url);',
    ].join('\n'),
  },
  logLevel: 'warning',
  // dist/meta.json: what went into each chunk (inspect with https://esbuild.github.io/analyze/).
  metafile: true,
  plugins: [sdkSchemaTreeShaking, yogaWithoutFetch, fastStringWidth, boundedInkCaches, lazyIntlSegmenter],
});
writeFileSync('dist/meta.json', JSON.stringify(result.metafile));
chmodSync(outfile, 0o755);
