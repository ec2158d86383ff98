// A fast path for measuring the text the dashboard draws, used by the build in
// front of the `string-width` package that Ink and its helpers (widest-line,
// wrap-ansi, cli-truncate) call for every piece of text they lay out.
//
// string-width is exact for any Unicode text, but anything outside printable ASCII
// takes its slow path: a grapheme segmenter and several Unicode-property regular
// expressions per cluster. Our frames are full of box-drawing lines, arrows, "…",
// "·", "—", sparkline blocks and spinner dots, so the first frame spent ~40 ms
// there while that code was still cold (measured with `npm run bench`).
//
// The characters below are each one column wide (by string-width's own rules) and
// each is a grapheme cluster by itself whatever stands next to it (none is a
// combining mark, joiner, variation selector, regional indicator, Hangul jamo or
// control character). So a string made only of them is exactly as wide as it is
// long, and any other string goes to string-width unchanged.
// test/unit/text-width.test.ts checks every code point here against both
// string-width versions in the tree (8 for Ink, 7 for wrap-ansi) and the segmenter.
import stripAnsi from 'strip-ansi';

/** Inclusive code point ranges of one-column, stand-alone characters. */
export const NARROW_RANGES: readonly (readonly [number, number])[] = [
  [0x20, 0x7e], // printable ASCII
  // Left out throughout: characters that can also be emoji ("©", "®", "‼", "↔", "▶",
  // "⚠", ...), which wrap-ansi's string-width 7 counts as two columns.
  [0xa0, 0xa8], // Latin-1 punctuation and symbols; U+00AD, the soft hyphen, has no width
  [0xaa, 0xac],
  [0xaf, 0x2ff], // Latin-1 letters, Latin Extended-A/B, IPA, spacing modifier letters
  [0x2010, 0x2027], // dashes, quotes, bullets, "…"
  [0x2030, 0x203b], // per mille, primes, "›"
  [0x203d, 0x2048],
  [0x204a, 0x205e],
  [0x20a0, 0x20c0], // currency signs ("€")
  [0x2190, 0x2193], // arrows "←↑→↓"
  [0x219a, 0x21a8],
  [0x21ab, 0x21ff],
  [0x2200, 0x22ff], // mathematical operators ("−")
  [0x2500, 0x25a9], // box drawing, block elements ("▁".."█", "░▒▓"), "■"
  [0x25ac, 0x25b5], // geometric shapes
  [0x25b7, 0x25bf],
  [0x25c1, 0x25fa],
  [0x2605, 0x2605], // "★"
  [0x2713, 0x2713], // "✓"
  [0x2717, 0x2717], // "✗"
  [0x27f0, 0x27ff], // supplemental arrows ("⟳")
  [0x2800, 0x28ff], // braille patterns (the spinner)
];

const hex = (n: number) => `\\u${n.toString(16).padStart(4, '0')}`;
const NARROW_ONLY = new RegExp(`^[${NARROW_RANGES.map(([a, b]) => (a === b ? hex(a) : `${hex(a)}-${hex(b)}`)).join('')}]*$`);

/** string-width's options; an ambiguous character is two columns wide only when `ambiguousIsNarrow` is false. */
export interface WidthOptions {
  ambiguousIsNarrow?: boolean;
  countAnsiEscapeCodes?: boolean;
}

/**
 * The width of `text` in terminal columns when every character outside its
 * escape sequences is in NARROW_RANGES (their number), else undefined: measure
 * it with string-width.
 */
export function narrowWidth(text: unknown, options?: WidthOptions): number | undefined {
  if (typeof text !== 'string') return undefined;
  // Several of these characters (arrows, box drawing, "·", "—") are East Asian
  // "ambiguous": two columns wide when the caller asks for that.
  if (options?.ambiguousIsNarrow === false) return undefined;
  let visible = text;
  // Ink measures styled text: string-width strips the escape sequences first, so do the same.
  if (visible.includes('\u001b') || visible.includes('\u009b')) {
    if (options?.countAnsiEscapeCodes) return undefined;
    visible = stripAnsi(visible);
  }
  return NARROW_ONLY.test(visible) ? visible.length : undefined;
}
