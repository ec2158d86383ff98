// Quoting for generated scripts. Every value placed in a bash script goes through
// shellQuote (usually via the `sh` template tag), every value placed in a PowerShell
// script through psQuote (via `ps`), and every fstab field through fstabEscape.
import { validationError } from '../types.js';

/** Characters that never need quoting in a bash word that is not in command position. */
const SHELL_SAFE = /^[A-Za-z0-9@%+=:,./_-]+$/;

function rejectNul(value: string): void {
  if (value.includes('\0')) {
    throw validationError('A value for the mount script contains a NUL byte', 'Remove the NUL character: no shell argument, path or name can hold one.');
  }
}

/**
 * POSIX single-quote quoting: the result is exactly one shell word whose value is `value`.
 * Plain words (letters, digits and @%+=:,./_-) are left bare for readability; everything
 * else is wrapped in single quotes, with each ' written as '\''. Inside single quotes
 * nothing is special to the shell ($, `, \, ", newline, glob characters all stay literal).
 */
export function shellQuote(value: string): string {
  rejectNul(value);
  if (SHELL_SAFE.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * Escape one /etc/fstab field the way libmount reads it back: space, tab, newline, other
 * control characters, backslash and # become \ooo octal escapes (\040 for space, \011 for
 * tab, \012 for newline, \134 for backslash, \043 for a leading #), so the field stays one field
 * and the line stays one line (and never turns into a comment). An empty field cannot be written.
 */
export function fstabEscape(value: string): string {
  rejectNul(value);
  if (value === '') throw validationError('An /etc/fstab field cannot be empty', 'Give the mount source, mount point and options a value.');
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    // "#" matters only where it could start a line (a comment): as a field's first character.
    if (ch === ' ' || ch === '\\' || (ch === '#' && out === '') || code < 0x20 || code === 0x7f) out += `\\${code.toString(8).padStart(3, '0')}`;
    else out += ch;
  }
  return out;
}

/**
 * PowerShell single-quoted string. PowerShell ends a single-quoted string at ' and also at
 * the typographic quotes U+2018..U+201B; each is doubled to stand for itself. Nothing else
 * ($, `, ", newline) is special inside single quotes.
 */
export function psQuote(value: string): string {
  rejectNul(value);
  return `'${value.replace(/['\u2018\u2019\u201a\u201b]/g, (q) => q + q)}'`;
}

/** An interpolated value: one word, or a list of words (an empty list leaves nothing behind). */
export type Words = string | readonly string[];

function tag(quote: (v: string) => string) {
  return (strings: TemplateStringsArray, ...values: Words[]): string => {
    let out = strings[0];
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      let next = strings[i + 1];
      if (typeof v === 'string') out += quote(v);
      else if (v.length) out += v.map(quote).join(' ');
      // An empty list: drop the separating space so no double space is left.
      else if (next.startsWith(' ')) next = next.slice(1);
      else if (out.endsWith(' ')) out = out.slice(0, -1);
      out += next;
    }
    return out;
  };
}

/**
 * Build a bash line: the template text is code written here; every ${value} is quoted
 * with shellQuote (arrays become several words). `sh\`mkdir -p -- ${mp}\``.
 */
export const sh = tag(shellQuote);

/** Build a PowerShell line: every ${value} is quoted with psQuote. */
export const ps = tag(psQuote);
