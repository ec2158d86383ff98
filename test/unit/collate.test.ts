import { describe, expect, it } from 'vitest';
import { ASCII_COLLATION_ORDER, compareText } from '../../src/services/collate.js';
import { groupDigits } from '../../src/services/format.js';

const collator = new Intl.Collator('en', { sensitivity: 'variant' });
const sign = (n: number) => Math.sign(n);

// A small deterministic generator, so a failure names strings that can be replayed.
function rng(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

describe('compareText: the collator order without ICU for ASCII', () => {
  it('the table is ASCII whitespace and printable ASCII in exactly the order Intl.Collator("en") sorts them; other controls count for nothing', () => {
    const ascii = Array.from({ length: 0x80 }, (_, i) => String.fromCharCode(i));
    const ignored = ascii.filter((c) => collator.compare(`a${c}b`, 'ab') === 0);
    expect(ignored.map((c) => c.charCodeAt(0))).toEqual([...Array.from({ length: 9 }, (_, i) => i), ...Array.from({ length: 18 }, (_, i) => 0x0e + i), 0x7f]);
    expect(ASCII_COLLATION_ORDER).toBe(ascii.filter((c) => !ignored.includes(c)).sort(collator.compare).join(''));
    expect(new Set(ASCII_COLLATION_ORDER).size).toBe(100);
  });

  it('agrees with the collator on random names, ids and near misses (case, punctuation, prefixes)', () => {
    const next = rng(42);
    const alphabet = 'aAbBzZ09-_. /:@~$^`|()[]{}"\'\t\n\r\u001b\u0000\u007f';
    const word = () => Array.from({ length: 1 + Math.floor(next() * 8) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
    const pairs: [string, string][] = [];
    for (let i = 0; i < 20_000; i++) {
      const a = word();
      const r = next();
      // Half the pairs differ only slightly, where case and length rules decide.
      const b = r < 0.2 ? a.toUpperCase() : r < 0.35 ? a + word() : r < 0.5 ? a.slice(0, -1) + word().slice(0, 1) : word();
      pairs.push([a, b]);
    }
    pairs.push(['proj-04-scratch', 'proj-04-Scratch'], ['vol-0a', 'vol-0A'], ['a', 'a '], ['A-b', 'a_b'], ['', 'a'], ['same', 'same']);
    // A Name tag holding escape sequences (the simulated region has one): ESC counts for nothing.
    pairs.push(['\u001b[2J\u001b[31mpwned', '[2J[31mpwned'], ['\u001b[2Jb', 'a'], ['ab\u0000', 'ab'], ['ab\u0000', 'aB'], ['\u001b', ''], ['a\u001b', 'a\t']);
    const wrong = pairs.filter(([a, b]) => compareText(a, b) !== sign(collator.compare(a, b)));
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it('hands anything beyond printable ASCII to the collator, with the same answers', () => {
    const cases: [string, string][] = [
      ['café', 'cafe'],
      ['cafe', 'café'],
      ['Zürich', 'Zurich'],
      ['résumé-b', 'resume-a'],
      ['a\tb', 'a b'],
      ['données', 'donnees-2'],
      ['日本', 'nihon'],
      ['x\uffff', 'x'],
      ['name', '\uffff'],
    ];
    for (const [a, b] of cases) {
      expect(compareText(a, b), `${a} vs ${b}`).toBe(sign(collator.compare(a, b)));
      expect(compareText(b, a), `${b} vs ${a}`).toBe(sign(collator.compare(b, a)));
    }
  });

  it('sorts a list as a person expects: punctuation, digits, letters; lower case first', () => {
    expect(['beta', 'Alpha', '_tmp', 'alpha', '10-x', '2-y', 'Beta'].sort(compareText)).toEqual(['_tmp', '10-x', '2-y', 'alpha', 'Alpha', 'beta', 'Beta']);
  });
});

describe('groupDigits: Intl.NumberFormat("en-US") text without ICU for whole numbers', () => {
  const nf = new Intl.NumberFormat('en-US');

  it('matches Intl for whole numbers of every length and sign, and at the edges', () => {
    const next = rng(7);
    const values = [0, 1, -1, 9, 10, 999, 1000, -1000, 999_999, 1_000_000, 12_345_678, -987_654_321, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER];
    for (let i = 0; i < 5000; i++) values.push(Math.round((next() - 0.5) * 10 ** Math.floor(next() * 16)));
    const wrong = values.filter((v) => groupDigits(v) !== nf.format(v));
    expect(wrong).toEqual([]);
  });

  it('leaves fractions, -0, huge numbers, NaN and infinities to Intl (same text as toLocaleString)', () => {
    for (const v of [1234.5678, -0.5, 0.0004, -0, 2 ** 60, 1e21, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(groupDigits(v), String(v)).toBe(v.toLocaleString('en-US'));
    }
  });
});
