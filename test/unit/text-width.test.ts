// The build puts narrowWidth (src/app/text-width.ts) in front of string-width for
// Ink and its helpers. These tests prove it never answers differently from
// string-width, and that the build really does route Ink's measurements through it.
import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import stringWidth8 from 'string-width';
import { NARROW_RANGES, narrowWidth } from '../../src/app/text-width.js';
import { fastStringWidth } from '../../scripts/esbuild-plugins.mjs';
import { bundleAndImport } from '../helpers/bundle.js';

type Width = (s: string, o?: { ambiguousIsNarrow?: boolean }) => number;
// wrap-ansi, which Ink uses to wrap text, has its own string-width 7.
const stringWidth7 = (await import(pathToFileURL(resolve('node_modules/wrap-ansi/node_modules/string-width/index.js')).href)).default as Width;

function* narrowCodePoints(): Generator<string> {
  for (const [from, to] of NARROW_RANGES) for (let cp = from; cp <= to; cp++) yield String.fromCodePoint(cp);
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

describe('narrowWidth', () => {
  it('agrees with string-width 8 and 7 on every character it answers for', () => {
    const wrong: string[] = [];
    for (const ch of narrowCodePoints()) {
      if (narrowWidth(ch) !== 1) wrong.push(`U+${ch.codePointAt(0)!.toString(16)} not answered`);
      if (stringWidth8(ch) !== 1) wrong.push(`U+${ch.codePointAt(0)!.toString(16)} is ${stringWidth8(ch)} wide in string-width 8`);
      if (stringWidth7(ch) !== 1) wrong.push(`U+${ch.codePointAt(0)!.toString(16)} is ${stringWidth7(ch)} wide in string-width 7`);
    }
    expect(wrong).toEqual([]);
  });

  it('answers only for characters that stay one grapheme whatever is next to them', () => {
    const joined: string[] = [];
    for (const ch of narrowCodePoints()) {
      // Next to itself, a letter and a space: any combining or joining behaviour shows up as fewer segments.
      const text = `a${ch}${ch} ${ch}a`;
      if ([...graphemes.segment(text)].length !== 6) joined.push(`U+${ch.codePointAt(0)!.toString(16)}`);
    }
    expect(joined).toEqual([]);
  });

  it('gives the same width as string-width for the strings the dashboard draws', () => {
    const samples = [
      ' prism-storage │ SIMULATED REGION (no AWS calls) · us-east-1 · 28 stores · updated 2s ago',
      '╭──────────────╮',
      '│ ▁▂▃▄▅▆▇█ ░▒▓ │',
      '↑↓ move  enter open  / filter  ? help  ← → sort',
      '⠋ listing stores in us-east-1…',
      '✓ created  ✗ failed  ★ recommended  ⟳ refreshing  ■ ▚',
      '\u001b[1m\u001b[33m prism-storage │ \u001b[39m\u001b[22m\u001b[7m ▁▃▅▇ \u001b[27m',
      '\u001b]8;;https://example.com\u0007link\u001b]8;;\u0007 → ok',
      'Müller–Lüdenscheid — 1.2 TiB × 3 · €12.40 ± 2 %',
      '',
    ];
    for (const s of samples) {
      // Each takes the fast path, with string-width's answer.
      expect(narrowWidth(s), s).toBe(stringWidth8(s));
      expect(narrowWidth(s), s).toBe(stringWidth7(s));
    }
  });

  it('leaves everything else to string-width', () => {
    // Wide, emoji, combining, zero-width, control and escape sequences.
    for (const s of ['数据', 'ok 👍', 'e\u0301', 'a\u200bb', 'a\u00adb',  '\u001b[31m数据\u001b[0m', 'tab\there', '◽', '✅', '↔\ufe0f', '⚠ idle', '© 2026']) {
      expect(narrowWidth(s), JSON.stringify(s)).toBeUndefined();
    }
    expect(narrowWidth(42)).toBeUndefined();
    // Counting the escape sequences themselves is string-width's business.
    expect(narrowWidth('\u001b[31mred\u001b[0m', { countAnsiEscapeCodes: true })).toBeUndefined();
    expect(narrowWidth('\u001b[31mred\u001b[0m')).toBe(3);
    // Ambiguous-width characters are two columns when the caller asks for that.
    expect(narrowWidth('─·─', { ambiguousIsNarrow: false })).toBeUndefined();
    expect(stringWidth8('─·─', { ambiguousIsNarrow: false })).toBe(6);
  });
});

describe('the build', () => {
  it("routes Ink's width measurements through narrowWidth and everything else to the string-width they asked for", async () => {
    const { mod, inputs } = await bundleAndImport<{
      widestLine: (s: string) => number;
      wrapAnsi: (s: string, columns: number, o?: object) => string;
    }>("import widestLine from 'widest-line'; import wrapAnsi from 'wrap-ansi'; export { widestLine, wrapAnsi };", [fastStringWidth]);
    // Both string-width versions are still there behind the fast path, each for its own importer.
    expect(inputs.some((p) => p.includes('src/app/text-width.ts'))).toBe(true);
    expect(inputs.filter((p) => /string-width[\\/]index\.js$/.test(p)).sort()).toEqual([
      `fast-string-width:${resolve('node_modules/string-width/index.js')}`,
      `fast-string-width:${resolve('node_modules/wrap-ansi/node_modules/string-width/index.js')}`,
      'node_modules/string-width/index.js',
      'node_modules/wrap-ansi/node_modules/string-width/index.js',
    ]);
    expect(mod.widestLine('│ ▁▂▃ …\n──')).toBe(7);
    expect(mod.widestLine('数据 👍')).toBe(7);
    expect(mod.wrapAnsi('── ── ──', 5, { hard: true })).toBe('── ──\n──');
    expect(mod.wrapAnsi('数据数据', 4, { hard: true })).toBe('数据\n数据');
  });
});
