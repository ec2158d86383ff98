// A number field: a text field that takes digits, a decimal point and the
// separators people type in big numbers (1,200 or 1_200), plus + and - to
// step to the next or previous allowed value (the caller says what that is).
import type { FormKey } from './keys.js';
import { textReduce, textState, type TextState } from './text.js';

const NUMBER_CHAR = /^[0-9.,_]$/;

export interface NumberOptions {
  maxLength?: number;
  /** The allowed value next to `current` in direction `dir` (undefined: none). */
  step?: (current: number | undefined, dir: 1 | -1) => number | undefined;
}

/** The number a field's text stands for; undefined when empty, NaN when not a number. */
export function parseNumberText(text: string): number | undefined {
  const t = text.replace(/[,_\s]/g, '');
  if (t === '') return undefined;
  if (!/^(\d+\.?\d*|\.\d+)$/.test(t)) return Number.NaN;
  return Number(t);
}

export function numberReduce(s: TextState, k: FormKey, o: NumberOptions = {}): TextState | null {
  if (k.text === '+' || k.text === '-') {
    if (!o.step) return s;
    const cur = parseNumberText(s.value);
    const next = o.step(cur !== undefined && Number.isFinite(cur) ? cur : undefined, k.text === '+' ? 1 : -1);
    return next === undefined || !Number.isFinite(next) ? s : textState(String(next));
  }
  return textReduce(s, k, { maxLength: o.maxLength ?? 24, accept: (ch) => NUMBER_CHAR.test(ch) });
}
