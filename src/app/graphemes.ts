// Grapheme segmentation for the text Ink draws, without ICU where it is not needed.
//
// Ink and its helpers (ansi-tokenize, slice-ansi, both string-widths) each make an
// `Intl.Segmenter` when their module loads and segment every line they draw. The
// first Intl object a process makes loads ICU's data: ~15 ms and ~9 MB of RSS
// here, before the first frame. The build (scripts/esbuild-plugins.mjs,
// lazyIntlSegmenter) makes those modules construct this class instead. For text
// in which every UTF-16 code unit is a grapheme of its own (ASCII, Latin-1, the
// punctuation, arrows, box drawing, blocks and symbols a dashboard draws) it
// answers by itself; for anything else (emoji, combining marks, Hangul, CR LF,
// ...) it hands the text to a real Intl.Segmenter, made on first need.
// test/unit/graphemes.test.ts proves, against Intl.Segmenter, that no two code
// units of the ranges below ever join into one grapheme, and that the answers match.

/** UTF-16 code unit ranges (inclusive) that are each a grapheme on their own, next to any other of them. */
export const SINGLE_UNIT_RANGES: readonly (readonly [number, number])[] = [
  [0x00, 0x0c], // controls (ESC included) but CR, which joins a following LF
  [0x0e, 0x2ff], // ASCII, Latin-1, Latin Extended-A/B, IPA, spacing modifier letters
  [0x2010, 0x2027], // dashes, quotes, bullets, ellipsis
  [0x2030, 0x205e], // per mille, primes, more punctuation
  [0x20a0, 0x20c0], // currency signs
  [0x2100, 0x23ff], // letterlike, number forms, arrows, mathematical operators, technical
  [0x2500, 0x2bff], // box drawing, blocks, shapes, symbols, dingbats, more arrows and maths
];

const SINGLE = new Uint8Array(0x2c00);
for (const [from, to] of SINGLE_UNIT_RANGES) SINGLE.fill(1, from, to + 1);

/** Whether every code unit of `s` is a grapheme on its own (so segmenting needs no ICU). */
export function isOneUnitPerGrapheme(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x2c00 || SINGLE[c] === 0) return false;
  }
  return true;
}

interface SegmentData {
  segment: string;
  index: number;
  input: string;
}

/** What `Intl.Segmenter#segment` returns, for text of single-unit graphemes. */
class SingleUnitSegments implements Iterable<SegmentData> {
  readonly #input: string;
  constructor(input: string) {
    this.#input = input;
  }
  containing(index = 0): SegmentData | undefined {
    const n = Number(index);
    const i = Number.isNaN(n) ? 0 : Math.trunc(n) + 0; // + 0: -0 becomes 0
    if (!(i >= 0 && i < this.#input.length)) return undefined;
    return { segment: this.#input[i]!, index: i, input: this.#input };
  }
  *[Symbol.iterator](): Iterator<SegmentData> {
    const input = this.#input;
    for (let i = 0; i < input.length; i++) yield { segment: input[i]!, index: i, input };
  }
}

/** Drop-in for `new Intl.Segmenter(locales, options)` that makes the real one only when needed. */
export class LazySegmenter {
  readonly #locales: string | string[] | undefined;
  readonly #options: Intl.SegmenterOptions | undefined;
  readonly #graphemes: boolean;
  #real: Intl.Segmenter | undefined;

  constructor(locales?: string | string[], options?: Intl.SegmenterOptions) {
    this.#locales = locales;
    this.#options = options;
    this.#graphemes = (options?.granularity ?? 'grapheme') === 'grapheme';
  }

  #segmenter(): Intl.Segmenter {
    this.#real ??= new Intl.Segmenter(this.#locales, this.#options);
    return this.#real;
  }

  segment(input: string): Iterable<SegmentData> & { containing(index?: number): SegmentData | undefined } {
    const text = String(input);
    if (this.#graphemes && isOneUnitPerGrapheme(text)) return new SingleUnitSegments(text);
    return this.#segmenter().segment(text);
  }

  resolvedOptions(): Intl.ResolvedSegmenterOptions {
    return this.#segmenter().resolvedOptions();
  }
}
