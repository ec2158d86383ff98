// The inventory as the scripting faces (commands and the REST server) see
// it: the Session's store, narrowed to the kinds asked for, with the errors
// of only the services those kinds come from. No React, no printing.
import type { Backend } from '../../services/backend.js';
import { Session } from '../../services/session.js';
import type { StoreSnapshot } from '../../services/store.js';
import { applyQuery, DEFAULT_QUERY, findResource, KIND_ALIASES, SORT_COLUMNS, type SortColumn } from '../../services/query.js';
import { SERVICE_OF_TYPE, STORAGE_TYPES, StorageError, TYPE_LABEL, type InventoryService, type StorageInfo, type StorageType } from '../../services/types.js';
import { KIND_WORDS } from '../choices.js';
import type { ErrorDoc } from '../output.js';

export interface Inventory {
  stores: StorageInfo[];
  /** Failures of the services the asked-for kinds come from (last good data is still in `stores`). */
  errors: ErrorDoc[];
  /** Services that answered / were asked. */
  answered: number;
  asked: number;
}

export type Completeness = 'complete' | 'partial' | 'failed';

/** complete: every service answered; partial: some did; failed: none did. */
export function completeness(inv: Pick<Inventory, 'answered' | 'asked' | 'errors'>): Completeness {
  if (inv.errors.length === 0) return 'complete';
  return inv.answered > 0 ? 'partial' : 'failed';
}

function usage(message: string, hint: string, code = 'InvalidArgument'): StorageError {
  return new StorageError({ type: 'validation', service: 'local', code, message, hint, recoverable: false });
}

export { KIND_WORDS };

/** "ebs", "fsx,s3", "lustre" -> kinds; null = all. Unknown words are a usage error naming the valid ones. */
export function parseKinds(spec: string | readonly string[] | undefined): StorageType[] | null {
  if (spec === undefined) return null;
  const words = (Array.isArray(spec) ? spec : String(spec).split(','))
    .flatMap((w) => String(w).split(','))
    .map((w) => w.trim().toLowerCase())
    .filter(Boolean);
  if (words.length === 0 || words.includes('all')) return null;
  const out = new Set<StorageType>();
  for (const w of words) {
    const kinds = KIND_ALIASES[w];
    if (!kinds) throw usage(`unknown storage type "${w}"`, `use one of: ${KIND_WORDS.join(', ')} (several separated by commas)`, 'InvalidType');
    for (const k of kinds) out.add(k);
  }
  return STORAGE_TYPES.filter((t) => out.has(t));
}

/** Exactly one kind (for create): "lustre" or "fsx-lustre" are fine, "fsx" is not. */
export function parseOneKind(spec: string | undefined): StorageType {
  if (!spec) throw usage('--type is required', `give one of: ${STORAGE_TYPES.join(', ')}`, 'MissingType');
  const kinds = parseKinds(spec);
  if (!kinds || kinds.length !== 1) {
    throw usage(`"${spec}" is not one storage type`, `give exactly one of: ${STORAGE_TYPES.join(', ')} (or lustre, openzfs, windows, ontap)`, 'InvalidType');
  }
  return kinds[0];
}

export function parseSort(spec: string | undefined): { sort: SortColumn; desc: boolean } {
  if (!spec) return { sort: DEFAULT_QUERY.sort, desc: false };
  const desc = spec.startsWith('-');
  const col = spec.replace(/^[-+]/, '') as SortColumn;
  if (!SORT_COLUMNS.includes(col)) throw usage(`cannot sort by "${spec}"`, `use one of: ${SORT_COLUMNS.join(', ')} (prefix - for descending, e.g. -cost)`, 'InvalidSort');
  return { sort: col, desc };
}

export interface InventoryFilter {
  kinds?: StorageType[] | null;
  /** Free text: every word must match the name, id, region, state or a tag (key=value or value). */
  text?: string;
  sort?: SortColumn;
  desc?: boolean;
}

/** What the store holds, filtered and sorted like the dashboard does (services/query.ts). */
export function inventoryOf(snap: StoreSnapshot, filter: InventoryFilter = {}): Inventory {
  const kinds = filter.kinds ?? null;
  const services = new Set<InventoryService>((kinds ?? STORAGE_TYPES).map((t) => SERVICE_OF_TYPE[t]));
  const chunks = snap.chunks.filter((c) => services.has(c.service));
  const errors: ErrorDoc[] = [];
  let answered = 0;
  for (const c of chunks) {
    if (c.error) errors.push({ ...c.error, region: c.region });
    else answered++;
  }
  const stores = applyQuery(snap.resources, { text: filter.text ?? '', kinds, sort: filter.sort ?? DEFAULT_QUERY.sort, desc: filter.desc ?? false });
  return { stores, errors, answered, asked: chunks.length };
}

/**
 * One inventory refresh for a one-shot command: a Session that is never started (no poller,
 * no timers), so the backend's clients stay usable afterwards; the caller releases them.
 */
export async function inventoryOnce(backend: Backend, filter: InventoryFilter = {}, signal?: AbortSignal): Promise<Inventory> {
  return loadInventory(new Session(backend), filter, signal);
}

/** One full refresh through the session (the same providers, retries and breakers the dashboard uses). */
export async function loadInventory(session: Session, filter: InventoryFilter = {}, signal?: AbortSignal): Promise<Inventory> {
  await session.refreshOnce(signal);
  return inventoryOf(session.store.getSnapshot(), filter);
}

/**
 * The store a name or id names: an id, an exact name, or (REST and CLI alike) an ARN.
 * Not found and ambiguous names are StorageErrors with what to do next.
 */
export function resolveStore(inv: Pick<Inventory, 'stores' | 'errors'>, ref: string): StorageInfo {
  const byArn = inv.stores.find((s) => s.arn === ref);
  if (byArn) return byArn;
  const found = findResource(inv.stores, ref);
  if (Array.isArray(found)) {
    throw new StorageError({
      type: 'conflict',
      service: 'local',
      resource: ref,
      code: 'AmbiguousName',
      message: `${found.length} stores are named "${ref}": ${found.map((s) => `${TYPE_LABEL[s.type]} ${s.id} (${s.region})`).join(', ')}`,
      hint: 'name it by its id instead',
      recoverable: false,
    });
  }
  if (found) return found;
  const failed = [...new Set(inv.errors.map((e) => e.service))];
  throw new StorageError({
    type: 'not-found',
    service: 'local',
    resource: ref,
    code: 'StoreNotFound',
    message: `no store named "${ref}"${failed.length ? ` (could not list ${failed.join(', ')}: it may be there)` : ''}`,
    hint: failed.length ? 'fix the failing services (see the errors) or try again' : 'check the name with `prism-storage list`, or give the id (vol-..., fs-..., bucket name); --region/--regions to look elsewhere',
    recoverable: failed.length > 0,
  });
}

/** Several names or ids (comma-separated or repeated) -> stores, each resolved as above. */
export function resolveStores(inv: Pick<Inventory, 'stores' | 'errors'>, refs: readonly string[] | undefined): StorageInfo[] {
  const list = (refs ?? []).flatMap((r) => r.split(',')).map((r) => r.trim()).filter(Boolean);
  if (list.length === 0) return inv.stores.slice();
  const seen = new Set<string>();
  const out: StorageInfo[] = [];
  for (const ref of list) {
    const s = resolveStore(inv, ref);
    const key = `${s.type}:${s.region}:${s.id}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(s);
    }
  }
  return out;
}
