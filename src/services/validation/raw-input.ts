// What a person typed that could not be stored as the field's type (e.g. "12x" for a size).
// The form layer (wizard setField) records it against the config object it returns; validation
// reports it as the field's error and getField shows it back, so the text is never lost.
// Held in a WeakMap: configs stay plain, serialisable objects and nothing leaks.
import type { StorageConfig } from '../types.js';

export interface RawEntry {
  text: string;
  /** Human label of the field, for the message. */
  label: string;
  expected: 'number' | 'yes-or-no';
}

const registry = new WeakMap<StorageConfig, ReadonlyMap<string, RawEntry>>();

export function rawInputs(cfg: StorageConfig): ReadonlyMap<string, RawEntry> {
  return registry.get(cfg) ?? new Map();
}

export function setRawInputs(cfg: StorageConfig, entries: ReadonlyMap<string, RawEntry>): void {
  if (entries.size > 0) registry.set(cfg, entries);
  else registry.delete(cfg);
}
