// The create wizard's fields as command-line flags (and REST `settings`
// keys): one flag per field key of every kind, generated from the wizard's
// own field list, so the command never lags behind the form.
import { fieldsFor, type FieldSpec } from '../services/wizard/fields.js';
import { STORAGE_TYPES, type StorageType } from '../services/types.js';

/** A wizard field key as a flag: sizeGiB -> size-gib, accessPoint.path -> access-point-path, transitionToIA -> transition-to-ia. */
export function flagOfKey(key: string): string {
  return key
    .replace(/\./g, '-')
    .replace(/MiBps/g, '-mibps')
    .replace(/MBps/g, '-mbps')
    .replace(/GiB/g, '-gib')
    .replace(/MiB/g, '-mib')
    .replace(/KiB/g, '-kib')
    .replace(/IA\b/g, '-ia')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
}

export interface SettingFlag {
  /** The wizard field key (what `settings` in the REST body uses). */
  key: string;
  flag: string;
  /** Kinds that have this field, in STORAGE_TYPES order. */
  kinds: StorageType[];
  spec: FieldSpec;
}

/** Every setting of every kind, one entry per key (first kind's label and help). */
export function settingFlags(): SettingFlag[] {
  const byKey = new Map<string, SettingFlag>();
  for (const t of STORAGE_TYPES) {
    for (const spec of fieldsFor(t)) {
      const e = byKey.get(spec.key);
      if (e) e.kinds.push(t);
      else byKey.set(spec.key, { key: spec.key, flag: flagOfKey(spec.key), kinds: [t], spec });
    }
  }
  return [...byKey.values()];
}

