// The one order for text everywhere (list, detail tags, CLI, REST, analytics):
// the Unicode collation's root order as English uses it (`Intl.Collator('en',
// { sensitivity: 'variant' })`): punctuation, then digits, then letters with
// case second ("a" < "A" < "b"). It does not depend on the user's LANG, so the
// list sorts the same for every user and in every output.
//
// Names and ids are nearly always ASCII, and for those the order is computed
// here from a table instead of by ICU: the first Intl object a process
// makes loads ICU's data (~15 ms and ~9 MB of RSS here), which the first frame
// should not wait for. Anything else goes to the collator, made on first need.
// test/unit/collate.test.ts proves the table gives the collator's answers.

/** ASCII whitespace and printable ASCII in the collator's order, each lower-case letter before its capital. */
export const ASCII_COLLATION_ORDER = '\t\n\v\f\r _-,;:!?.\'"()[]{}@*/\\&#%`^+<=>|~$0123456789aAbBcCdDeEfFgGhHiIjJkKlLmMnNoOpPqQrRsStTuUvVwWxXyYzZ';

// Per ASCII code: primary weight (a letter and its capital share one), and tertiary
// weight (1 for a capital letter, else 0). The other control characters (ESC, NUL,
// DEL, ...) count for nothing in the collator's order: IGNORED.
const IGNORED = 0;
const PRIMARY = new Uint8Array(128).fill(IGNORED);
const TERTIARY = new Uint8Array(128);
{
  let weight = IGNORED;
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

/** Index just past the next character of `s` from `i` that has a weight; -1 at the end; -2 for a character not in the table. */
function nextWeighted(s: string, i: number): number {
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128) return -2;
    if (PRIMARY[c] !== IGNORED) return i + 1;
  }
  return -1;
}

/** -1, 0 or 1, as `Intl.Collator('en', { sensitivity: 'variant' }).compare(a, b)`. */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  // Letters and symbols first, ignoring case; the first difference in case breaks a tie.
  let i = 0;
  let j = 0;
  let caseOrder = 0;
  for (;;) {
    const ni = nextWeighted(a, i);
    const nj = nextWeighted(b, j);
    if (ni === -2 || nj === -2) return viaCollator(a, b);
    if (ni === -1 || nj === -1) {
      if (ni === nj) return caseOrder;
      // The shorter comes first, once the rest of the longer is known to be all in the table.
      const rest = ni === -1 ? b.slice(j) : a.slice(i);
      for (let k = 0; k < rest.length; k++) if (rest.charCodeAt(k) >= 128) return viaCollator(a, b);
      return ni === -1 ? -1 : 1;
    }
    const ca = a.charCodeAt(ni - 1);
    const cb = b.charCodeAt(nj - 1);
    if (PRIMARY[ca] !== PRIMARY[cb]) return PRIMARY[ca]! < PRIMARY[cb]! ? -1 : 1;
    if (caseOrder === 0 && TERTIARY[ca] !== TERTIARY[cb]) caseOrder = TERTIARY[ca]! < TERTIARY[cb]! ? -1 : 1;
    i = ni;
    j = nj;
  }
}
