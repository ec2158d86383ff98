// Wording helpers for validation messages: one sentence, the rule, what to do.
import { sanitize, truncate } from '../sanitize.js';

/** 2400 -> "2,400". */
export function n(v: number): string {
  return Number.isFinite(v) ? v.toLocaleString('en-US', { maximumFractionDigits: 2 }) : String(v);
}

/** [64, 128, 256] -> "64, 128 or 256"; long lists keep the ends: "64, 128, …, 4,096". */
export function oneOf(values: readonly (number | string)[], unit = ''): string {
  const parts = values.map((v) => (typeof v === 'number' ? n(v) : v));
  const shown = parts.length > 8 ? [...parts.slice(0, 3), '…', ...parts.slice(-2)] : parts;
  const u = unit ? ` ${unit}` : '';
  if (shown.length === 1) return `${shown[0]}${u}`;
  return `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}${u}`;
}

/** ["a", "b", "c"] -> "a, b and c". */
export function allOf(values: readonly string[]): string {
  if (values.length <= 1) return values.join('');
  return `${values.slice(0, -1).join(', ')} and ${values[values.length - 1]}`;
}

/** [2400, 4800] -> ": try 2,400 or 4,800" (empty when there is nothing to suggest). */
export function tryValues(values: readonly number[], unit = ''): string {
  if (values.length === 0) return '';
  return `: try ${oneOf(values, unit)}`;
}

/** A user-typed value, quoted for a message: control characters stripped, long values cut. */
export function q(v: unknown): string {
  return `"${truncate(sanitize(String(v)), 40)}"`;
}

export function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}

export function isNum(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}
