// A one-line text field as a pure reducer: the value and a cursor (in code
// points). Readline keys: ←/→, Home/End, ^A/^E, Backspace, ^U (to start),
// ^K (to end), ^W (word back). Pasted text arrives as one key.
import type { FormKey } from './keys.js';

export interface TextState {
  readonly value: string;
  /** Cursor position in code points, 0..length. */
  readonly cursor: number;
}

export interface TextOptions {
  /** Characters beyond this many code points are not taken. */
  maxLength?: number;
  /** Which characters may be typed (each checked on its own); others are dropped. */
  accept?: (ch: string) => boolean;
}

export function textState(value = '', cursor?: number): TextState {
  const len = Array.from(value).length;
  return { value, cursor: cursor === undefined ? len : Math.max(0, Math.min(len, cursor)) };
}

function splice(chars: string[], start: number, deleteCount: number, insert: string[] = []): string {
  const out = chars.slice();
  out.splice(start, deleteCount, ...insert);
  return out.join('');
}

/**
 * The field after one key, or null when the key is not the field's (arrows up
 * and down, Enter, Esc, Tab: the form's). A key the field takes but that changes
 * nothing (Backspace at the start) returns the same state object.
 */
export function textReduce(s: TextState, k: FormKey, o: TextOptions = {}): TextState | null {
  const chars = Array.from(s.value);
  const at = Math.max(0, Math.min(chars.length, s.cursor));
  if (k.text) {
    let add = Array.from(k.text);
    if (o.accept) add = add.filter((ch) => o.accept!(ch));
    if (o.maxLength !== undefined) add = add.slice(0, Math.max(0, o.maxLength - chars.length));
    if (add.length === 0) return s;
    return { value: splice(chars, at, 0, add), cursor: at + add.length };
  }
  switch (k.name) {
    case 'backspace':
      if (at === 0) return s;
      return { value: splice(chars, at - 1, 1), cursor: at - 1 };
    case 'ctrl+d':
      if (at >= chars.length) return s;
      return { value: splice(chars, at, 1), cursor: at };
    case 'left':
    case 'ctrl+b':
      return at === 0 ? s : { value: s.value, cursor: at - 1 };
    case 'right':
    case 'ctrl+f':
      return at >= chars.length ? s : { value: s.value, cursor: at + 1 };
    case 'home':
    case 'ctrl+a':
      return at === 0 ? s : { value: s.value, cursor: 0 };
    case 'end':
    case 'ctrl+e':
      return at === chars.length ? s : { value: s.value, cursor: chars.length };
    case 'ctrl+u':
      return at === 0 ? s : { value: splice(chars, 0, at), cursor: 0 };
    case 'ctrl+k':
      return at === chars.length ? s : { value: chars.slice(0, at).join(''), cursor: at };
    case 'ctrl+w': {
      if (at === 0) return s;
      let i = at;
      while (i > 0 && /\s/.test(chars[i - 1])) i--;
      while (i > 0 && !/\s/.test(chars[i - 1])) i--;
      return { value: splice(chars, i, at - i), cursor: i };
    }
    default:
      return null;
  }
}

/**
 * What to draw of a value in `width` cells with the cursor visible: the
 * slice shown, and the cursor's position inside it. One cell per code point.
 */
export function textWindow(value: string, cursor: number, width: number): { before: string; at: string; after: string } {
  const chars = Array.from(value);
  const w = Math.max(1, width);
  const c = Math.max(0, Math.min(chars.length, cursor));
  // The cursor takes a cell of its own at the end of the value.
  let start = 0;
  if (c >= w) start = c - w + 1;
  const end = Math.min(chars.length, start + w);
  const shown = chars.slice(start, end);
  const i = c - start;
  return { before: shown.slice(0, i).join(''), at: shown[i] ?? ' ', after: shown.slice(i + 1).join('') };
}
