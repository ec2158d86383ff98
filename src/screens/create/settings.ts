// Step 2 of the wizard as data: the visible fields of the chosen kind (after
// Name and Tags, which every kind has), their values as text, the request
// they make, its problems and its live cost. Pure: the services do the work.
import type { SelectOption } from '../../components/form/index.js';
import { estimateRequestCost, type EstimateResult } from '../../services/pricing/index.js';
import type { StorageConfig, StorageRequest, StorageType, Workload } from '../../services/types.js';
import { nearestValid, validateRequest, type FieldError } from '../../services/validation/index.js';
import { buildRequest, fieldsFor, getField, setField, type AccountContext, type FieldSpec } from '../../services/wizard/index.js';

/** A row of step 2: a field of the kind, or one of the two every kind has. */
export type SettingsField = FieldSpec & { common?: true };

const COMMON: SettingsField[] = [
  { key: 'name', label: 'Name', kind: 'text', help: 'Becomes the Name tag: what every list and bill shows.', common: true },
  { key: 'tags', label: 'Tags', kind: 'text', help: 'Optional key=value pairs separated by commas, e.g. project=genomics, owner=ana.', common: true },
];

export function settingsFields(cfg: StorageConfig): SettingsField[] {
  return [...COMMON, ...fieldsFor(cfg.type).filter((f) => !f.visible || f.visible(cfg))];
}

/** "a=b, c=d" -> { a: 'b', c: 'd' }; a pair without "=" is a key with an empty value (validation names what is wrong). */
export function parseTags(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(',')) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    const k = (eq < 0 ? part : part.slice(0, eq)).trim();
    const v = eq < 0 ? '' : part.slice(eq + 1).trim();
    out[k] = v;
  }
  return out;
}

export interface SettingsValues {
  name: string;
  tags: string;
  config: StorageConfig;
}

export function fieldValue(v: SettingsValues, key: string): string {
  if (key === 'name') return v.name;
  if (key === 'tags') return v.tags;
  return getField(v.config, key);
}

export function setFieldValue(v: SettingsValues, key: string, text: string): SettingsValues {
  if (key === 'name') return { ...v, name: text };
  if (key === 'tags') return { ...v, tags: text };
  let config = setField(v.config, key, text);
  // The junction path follows the ONTAP volume name (setField does this for valid names): keep
  // following while the name is retyped from empty, so "/vol1" becomes "/labdata", not stale.
  if (key === 'volumeName' && v.config.type === 'fsx-ontap' && config.type === 'fsx-ontap' && text.trim() === '' && v.config.ontap.junctionPath === `/${v.config.ontap.volumeName}`) {
    config = setField(config, 'junctionPath', '/');
  }
  return { ...v, config };
}

export function fieldOptions(f: SettingsField, account: AccountContext, cfg: StorageConfig): SelectOption[] {
  try {
    return f.options ? f.options(account, cfg) : [];
  } catch {
    return [];
  }
}

export function requestOf(v: SettingsValues, region: string, workload: Workload, token: string): StorageRequest {
  return { ...buildRequest(v.name, region, workload, v.config, parseTags(v.tags)), clientToken: token };
}

/** Every problem of the request, each placed on a visible field when it belongs to one. */
export function problemsOf(req: StorageRequest, account: AccountContext, fields: readonly SettingsField[]): { byField: Map<string, string[]>; general: FieldError[]; all: FieldError[] } {
  const all = validateRequest(req, account);
  const byField = new Map<string, string[]>();
  const general: FieldError[] = [];
  const keys = new Set(fields.map((f) => f.key));
  for (const e of all) {
    const key = keys.has(e.field) ? e.field : keys.has(e.field.split('.')[0]) ? e.field.split('.')[0] : undefined;
    if (key) byField.set(key, [...(byField.get(key) ?? []), e.message]);
    else general.push(e);
  }
  return { byField, general, all };
}

/** The monthly estimate: EFS and S3 are priced for the capacity the person expects to store. */
export function estimateOf(req: StorageRequest, expectedStoredGiB: number | undefined): EstimateResult {
  try {
    const r = estimateRequestCost(req, { expectedStoredGiB });
    if (r.ok && !Number.isFinite(r.estimate.totalUsd)) return { ok: false, reason: 'estimate pending: fix the settings marked ✗' };
    return r;
  } catch {
    return { ok: false, reason: 'estimate pending: fix the settings marked ✗' };
  }
}

/** The allowed value next to `current` for + and - on a number field (undefined: none known). */
export function stepValue(type: StorageType, key: string, current: number | undefined, dir: 1 | -1, cfg: StorageConfig): number | undefined {
  if (current === undefined) {
    const v = nearestValid(type, key, 0, cfg);
    return v.length ? v[0] : undefined;
  }
  const probe = dir === 1 ? Math.floor(current) + 1 : Math.ceil(current) - 1;
  if (probe < 0) return undefined;
  const near = nearestValid(type, key, probe, cfg);
  const ok = near.filter((x) => (dir === 1 ? x > current : x < current));
  if (ok.length === 0) return undefined;
  return dir === 1 ? Math.min(...ok) : Math.max(...ok);
}
