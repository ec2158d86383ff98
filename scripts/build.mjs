// Bundles the CLI into one minified ESM file: importing Ink plus the AWS
// clients unbundled costs ~0.85 s at start-up, one bundle ~0.35 s.
import { build } from 'esbuild';
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

/**
 * Makes the AWS SDK clients' schema modules tree-shakeable. Each client's
 * dist-es/schemas/schemas_0.js declares every shape of the service (EC2: 3,400,
 * 550 KB minified) and keys its member traits with computed names such as
 * `{ [_xN]: _it }`. esbuild must assume a computed key can run code, so it keeps
 * every declaration, and Node then compiles all of it at start-up (~180 ms for
 * EC2 alone here). The keys are file-level string constants
 * (`const _xN = "xmlName";`), so writing them as the literal strings they are
 * changes nothing at run time and lets esbuild drop the shapes no command we
 * use refers to (EC2: 550 KB -> 5 KB).
 */
export const sdkSchemaTreeShaking = {
  name: 'sdk-schema-tree-shaking',
  setup(b) {
    b.onLoad({ filter: /[\\/]@aws-sdk[\\/]client-[^\\/]+[\\/]dist-es[\\/]schemas[\\/]schemas_\d+\.js$/ }, async (args) => {
      const src = await readFile(args.path, 'utf8');
      const strings = new Map();
      for (const m of src.matchAll(/^const (_\w+) = ("(?:[^"\\\n]|\\.)*");$/gm)) strings.set(m[1], m[2]);
      const contents = src.replace(/\[(_\w+)\]:/g, (all, id) => (strings.has(id) ? `${strings.get(id)}:` : all));
      return { contents, loader: 'js' };
    });
  },
};

/**
 * Ink's layout engine (yoga-layout) embeds its WebAssembly as a base64 data: URL
 * and, because Node has a global fetch, loads it with fetch(), which pulls in
 * Node's whole fetch implementation (undici, ~40 ms of start-up here) just to
 * decode a data URL. Take the Emscripten loader's own no-fetch path instead,
 * which decodes the same bytes directly. Fails the build if the loader changes.
 */
export const yogaWithoutFetch = {
  name: 'yoga-without-fetch',
  setup(b) {
    b.onLoad({ filter: /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ }, async (args) => {
      const src = await readFile(args.path, 'utf8');
      const from = 'w||"function"!=typeof fetch?';
      if (!src.includes(from)) throw new Error(`yoga-without-fetch: ${args.path} changed; update scripts/build.mjs`);
      return { contents: src.replace(from, 'w||!0?'), loader: 'js' };
    });
  },
};

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
  plugins: [sdkSchemaTreeShaking, yogaWithoutFetch],
});
writeFileSync('dist/meta.json', JSON.stringify(result.metafile));
chmodSync(outfile, 0o755);
