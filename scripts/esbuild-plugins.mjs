// esbuild plugins shared by the product build (scripts/build.mjs) and the
// benchmark bundles (bench/lib.mjs), so both load the same code.
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

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
 * which decodes the same bytes directly; and decode them with Buffer rather than
 * atob and a loop over the 72 KB one char code at a time (3.2 -> 0.5 ms here).
 * Fails the build if the loader changes.
 */
export const yogaWithoutFetch = {
  name: 'yoga-without-fetch',
  setup(b) {
    b.onLoad({ filter: /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ }, async (args) => {
      let src = await readFile(args.path, 'utf8');
      const edits = [
        ['w||"function"!=typeof fetch?', 'w||!0?'],
        ['var b=xa(a.slice(37)),c=new Uint8Array(b.length);for(a=0;a<b.length;++a)c[a]=b.charCodeAt(a);var d=c', 'var d=new Uint8Array(Buffer.from(a.slice(37),"base64"))'],
      ];
      for (const [from, to] of edits) {
        if (!src.includes(from)) throw new Error(`yoga-without-fetch: ${args.path} changed; update scripts/esbuild-plugins.mjs`);
        src = src.replace(from, to);
      }
      return { contents: src, loader: 'js' };
    });
  },
};

const TEXT_WIDTH = fileURLToPath(new URL('../src/app/text-width.ts', import.meta.url));

/**
 * Puts narrowWidth (src/app/text-width.ts) in front of every `string-width` that
 * Ink and its helpers import: strings made only of one-column characters
 * (ASCII, box drawing, arrows, "…", sparkline blocks) are measured by their
 * length; anything else goes to the string-width version the importer resolved
 * (the tree has 8 for Ink and 7 for wrap-ansi). test/unit/text-width.test.ts
 * proves the answers are the same.
 */
export const fastStringWidth = {
  name: 'fast-string-width',
  setup(b) {
    b.onResolve({ filter: /^string-width$/ }, async (args) => {
      if (args.pluginData?.fastStringWidth) return undefined;
      const real = await b.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, importer: args.importer, pluginData: { fastStringWidth: true } });
      if (real.errors.length > 0) return { errors: real.errors };
      return { path: real.path, namespace: 'fast-string-width' };
    });
    b.onLoad({ filter: /.*/, namespace: 'fast-string-width' }, (args) => ({
      contents: [
        `import stringWidth from ${JSON.stringify(args.path)};`,
        `import { narrowWidth } from ${JSON.stringify(TEXT_WIDTH)};`,
        'export default function fastStringWidth(text, options) {',
        '  const width = narrowWidth(text, options);',
        '  return width === undefined ? stringWidth(text, options) : width;',
        '}',
      ].join('\n'),
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};

const BOUNDED_CACHE = fileURLToPath(new URL('../src/app/bounded-cache.ts', import.meta.url));

/**
 * Ink keeps the measured size (build/measure-text.js) and the wrapped form
 * (build/wrap-text.js) of every distinct text it has laid out, in module-level
 * maps that never shrink: in a dashboard left open for days, redrawing changing
 * numbers, they grow without end. This swaps both for BoundedCache
 * (src/app/bounded-cache.ts). Fails the build if either file changes shape.
 */
export const boundedInkCaches = {
  name: 'bounded-ink-caches',
  setup(b) {
    const edits = {
      'measure-text.js': [['const cache = new Map();', 'const cache = new BoundedCache();']],
      'wrap-text.js': [
        ['const cache = {};', 'const cache = new BoundedCache();'],
        ['const cachedText = cache[cacheKey];', 'const cachedText = cache.get(cacheKey);'],
        ['cache[cacheKey] = wrappedText;', 'cache.set(cacheKey, wrappedText);'],
      ],
    };
    b.onLoad({ filter: /[\\/]ink[\\/]build[\\/](measure-text|wrap-text)\.js$/ }, async (args) => {
      let src = await readFile(args.path, 'utf8');
      for (const [from, to] of edits[args.path.replace(/.*[\\/]/, '')]) {
        if (!src.includes(from)) throw new Error(`bounded-ink-caches: ${args.path} changed; update scripts/esbuild-plugins.mjs`);
        src = src.replace(from, to);
      }
      return { contents: `import { BoundedCache } from ${JSON.stringify(BOUNDED_CACHE)};\n${src}`, resolveDir: dirname(args.path), loader: 'js' };
    });
  },
};

const GRAPHEMES = fileURLToPath(new URL('../src/app/graphemes.ts', import.meta.url));

/**
 * Ink's helpers (ansi-tokenize, slice-ansi, both string-widths) each make an
 * Intl.Segmenter when their module loads. The first Intl object a process makes
 * loads ICU's data, ~15 ms and ~9 MB of RSS here, all before the first frame.
 * This makes every such module construct LazySegmenter (src/app/graphemes.ts)
 * instead, which answers for text of single-unit graphemes itself and makes the
 * real segmenter on first need. Fails the build for a CommonJS module that makes
 * one (it could not import the replacement).
 */
export const lazyIntlSegmenter = {
  name: 'lazy-intl-segmenter',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/].*\.m?js$/, namespace: 'file' }, async (args) => {
      const src = await readFile(args.path, 'utf8');
      if (!src.includes('Intl.Segmenter')) return undefined;
      if (!/^\s*(import|export)\b/m.test(src)) throw new Error(`lazy-intl-segmenter: ${args.path} is not an ES module; update scripts/esbuild-plugins.mjs`);
      const contents = src.replace(/new Intl\.Segmenter\b/g, 'new __prismLazySegmenter');
      return { contents: `import { LazySegmenter as __prismLazySegmenter } from ${JSON.stringify(GRAPHEMES)};\n${contents}`, resolveDir: dirname(args.path), loader: 'js' };
    });
  },
};
