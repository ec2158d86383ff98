// The one order for text everywhere (list, detail tags, CLI, REST, analytics):
// the Unicode collation's root order as English uses it (`Intl.Collator('en',
// { sensitivity: 'variant' })`): punctuation, then digits, then letters with
// case second ("a" < "A" < "b"). It does not depend on the user's LANG, so the
// list sorts the same for every user and in every output.
//
// Names and ids are nearly always printable ASCII, and for those the order is
// computed here from a table instead of by ICU: the first Intl object a process
// makes loads ICU's data (~15 ms and ~9 MB of RSS here), which the first frame
// should not wait for. Anything else goes to the collator, made on first need.
// test/unit/collate.test.ts proves the table gives the collator's answers.

/** Printable ASCII in the collator's order, each lower-case letter before its capital. */
export const ASCII_COLLATION_ORDER = ' _-,;:!?.\'"()[]{}@*/\\&#%`^+<=>|~$0123456789aAbBcCdDeEfFgGhHiIjJkKlLmMnNoOpPqQrRsStTuUvVwWxXyYzZ';

// Per character code 0x20-0x7e: primary weight (a letter and its capital share one) and
// tertiary weight (1 for a capital letter, else 0). Other codes are marked 0xff: not here.
const PRIMARY = new Uint8Array(128).fill(0xff);
const TERTIARY = new Uint8Array(128);
{
  let weight = 0;
  for (let i = 0; i < ASCII_COLLATION_ORDER.length; i++) {
    const code = ASCII_COLLATION_ORDER.charCodeAt(i);
    const upper = code >= 0x41 && code <= 0x5a;
    if (!upper) weight++;
    PRIMARY[code] = weight;
    TERTIARY[code] = upper ? 1 : 0;
  }
}

let collator: Intl.Collator | undefined;

function viaCollator(a: string, b: string): number {
  collator ??= new Intl.Collator('en', { sensitivity: 'variant' });
  return collator.compare(a, b);
}

/** -1, 0 or 1, as `Intl.Collator('en', { sensitivity: 'variant' }).compare(a, b)`. */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  // First difference in the letters and symbols, ignoring case.
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    const pa = ca < 128 ? PRIMARY[ca]! : 0xff;
    const pb = cb < 128 ? PRIMARY[cb]! : 0xff;
    if (pa === 0xff || pb === 0xff) return viaCollator(a, b);
    if (pa !== pb) return pa < pb ? -1 : 1;
  }
  // The rest of the longer string must be in the table too before its length can decide.
  for (const s of [a, b]) {
    for (let i = n; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= 128 || PRIMARY[c] === 0xff) return viaCollator(a, b);
    }
  }
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  // Same letters: the first difference in case decides, lower case first.
  for (let i = 0; i < n; i++) {
    const ta = TERTIARY[a.charCodeAt(i)]!;
    const tb = TERTIARY[b.charCodeAt(i)]!;
    if (ta !== tb) return ta < tb ? -1 : 1;
  }
  return 0;
}
