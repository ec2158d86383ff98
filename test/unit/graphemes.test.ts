import { afterEach, describe, expect, it } from 'vitest';
import { isOneUnitPerGrapheme, LazySegmenter, SINGLE_UNIT_RANGES } from '../../src/app/graphemes.js';

const real = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const plain = (segments: Iterable<{ segment: string; index: number; input: string }>) => [...segments].map(({ segment, index, input }) => ({ segment, index, input }));

const units: string[] = [];
for (const [from, to] of SINGLE_UNIT_RANGES) for (let c = from; c <= to; c++) units.push(String.fromCharCode(c));

describe('graphemes without ICU', () => {
  it('every code unit of the single-unit ranges breaks from any neighbour (Unicode grapheme rules, probed through Intl.Segmenter)', () => {
    expect(units.length).toBeGreaterThan(3000);
    // UAX #29 keeps two code points together only when the second is Extend, ZWJ or
    // SpacingMark (GB9, GB9a), the first is Prepend (GB9b), both are Hangul jamo or
    // syllables (GB6-8), they are CR LF (GB3) or two regional indicators (GB12-13);
    // the longer rules (GB9c, GB11) need an Extend or ZWJ in between. So a unit that
    // joins none of these probes can never join a neighbour from the ranges.
    const joins = (text: string) => [...real.segment(text)].length < [...text].length;
    const probes: [string, (u: string) => string][] = [
      ['Extend, ZWJ or SpacingMark', (u) => `a${u}`],
      ['Prepend', (u) => `${u}a`],
      ['Hangul L, V, LV or LVT after an L', (u) => `\u1100${u}`],
      ['Hangul V, T, LV or LVT before a T', (u) => `${u}\u11a8`],
      ['Hangul L, V or LV before a V', (u) => `${u}\u1161`],
      ['CR before LF', (u) => `${u}\n`],
      ['regional indicator', (u) => `${u}\u{1f1e6}`],
    ];
    const joining = units.flatMap((u) => probes.filter(([, make]) => joins(make(u))).map(([what]) => `U+${u.charCodeAt(0).toString(16)} ${what}`));
    expect(joining).toEqual([]);
    // The probes do find what they look for.
    expect(probes.map(([, make], i) => joins(make(['\u0301', '\u0600', '\u1161', '\uac00', '\u1100', '\r', '\u{1f1e6}'][i]!)))).toEqual(probes.map(() => true));
    // And a sample of pairs, segmented directly, stays apart.
    let seed = 7;
    const pick = () => units[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % units.length]!;
    for (let n = 0; n < 40; n++) {
      const text = Array.from({ length: 500 }, pick).join('');
      expect(joins(text)).toBe(false);
    }
  });

  it('knows what is not single-unit: CR LF, combining marks, ZWJ, variation selectors, emoji, Hangul', () => {
    for (const s of ['a\r\nb', 'e\u0301', 'a\u200db', '\u2764\ufe0f', '👍', '한', '가', 'a\u200cb', '\u0915\u094d']) {
      expect(isOneUnitPerGrapheme(s), JSON.stringify(s)).toBe(false);
    }
    expect(isOneUnitPerGrapheme('\u001b[1m prism │ 28 stores ⟳ ▁▂▃█ ✓ ⚠ ⠋ café — 1,024 GiB …\u001b[22m')).toBe(true);
  });

  it('answers exactly as Intl.Segmenter does: iteration and containing()', () => {
    const lazy = new LazySegmenter(undefined, { granularity: 'grapheme' });
    const texts = [
      '',
      'plain ascii',
      '\u001b[33m prism-storage │ SIMULATED REGION │ 28 stores ⟳\u001b[39m',
      'sparkline ▁▂▃▄▅▆▇█ ✓ ✗ ⚠ · — … ⠋',
      'combining e\u0301 only',
      'line\r\nbreak',
      'mixed: café e\u0301 👍🏽 👨‍👩‍👧 🇩🇪 한국어 a\r\nb \u2764\ufe0f',
    ];
    for (const text of texts) {
      expect(plain(lazy.segment(text)), text).toEqual(plain(real.segment(text)));
      for (const i of [-1, 0, 1, 5, text.length - 1, text.length, text.length + 3, 2.7, Number.NaN, -0.5]) {
        const a = lazy.segment(text).containing(i);
        const b = real.segment(text).containing(i);
        expect(a && { segment: a.segment, index: a.index, input: a.input }, `${text} @${i}`).toEqual(b && { segment: b.segment, index: b.index, input: b.input });
      }
    }
  });

  describe('makes the real segmenter only when the text needs it', () => {
    const original = Intl.Segmenter;
    const setSegmenter = (value: typeof Intl.Segmenter) => Object.defineProperty(Intl, 'Segmenter', { value, writable: true, configurable: true });
    afterEach(() => {
      setSegmenter(original);
    });

    it('none for dashboard text, one for text with an emoji, and none for a word segmenter until used', () => {
      let made = 0;
      setSegmenter(
        class extends original {
          constructor(...args: ConstructorParameters<typeof Intl.Segmenter>) {
            super(...args);
            made++;
          }
        },
      );
      const lazy = new LazySegmenter();
      expect([...lazy.segment('│ 28 stores ⟳ ▁▂▃')].length).toBe(17);
      expect(made).toBe(0);
      expect([...lazy.segment('ok 👍')].map((s) => s.segment)).toEqual(['o', 'k', ' ', '👍']);
      expect(made).toBe(1);
      const words = new LazySegmenter('en', { granularity: 'word' });
      expect(made).toBe(1);
      // A word segmenter always asks ICU, even for ASCII.
      expect([...words.segment('two words')].map((s) => s.segment)).toEqual(['two', ' ', 'words']);
      expect(made).toBe(2);
      expect(words.resolvedOptions().granularity).toBe('word');
    });
  });
});
