// Filtering and sorting of the store list: shared by the dashboard and `list`.
// compareText, not String.prototype.localeCompare, which sets up a collator per call
// (tens of milliseconds per keystroke at 10,000 stores).
import { compareText } from './collate.js';
import { STORAGE_TYPES, type StorageInfo, type StorageType } from './types.js';

export type SortColumn = 'name' | 'kind' | 'state' | 'size' | 'cost' | 'region' | 'created';
export const SORT_COLUMNS: SortColumn[] = ['name', 'kind', 'state', 'size', 'cost', 'region', 'created'];

export interface Query {
  text: string;
  kinds: StorageType[] | null; // null = all
  sort: SortColumn;
  desc: boolean;
}

export const DEFAULT_QUERY: Query = { text: '', kinds: null, sort: 'kind', desc: false };

/** `:fsx`, `:lustre`, `:ebs` ... -> kinds. */
export const KIND_ALIASES: Record<string, StorageType[]> = {
  ebs: ['ebs'],
  efs: ['efs'],
  s3: ['s3'],
  fsx: ['fsx-lustre', 'fsx-openzfs', 'fsx-windows', 'fsx-ontap'],
  lustre: ['fsx-lustre'],
  'fsx-lustre': ['fsx-lustre'],
  openzfs: ['fsx-openzfs'],
  zfs: ['fsx-openzfs'],
  'fsx-openzfs': ['fsx-openzfs'],
  windows: ['fsx-windows'],
  'fsx-windows': ['fsx-windows'],
  ontap: ['fsx-ontap'],
  netapp: ['fsx-ontap'],
  'fsx-ontap': ['fsx-ontap'],
};

/** Number keys 1..7 in the dashboard. */
export const KIND_BY_DIGIT: StorageType[] = ['ebs', 'efs', 's3', 'fsx-lustre', 'fsx-openzfs', 'fsx-windows', 'fsx-ontap'];

const haystacks = new WeakMap<StorageInfo, string>();

function haystack(r: StorageInfo): string {
  let h = haystacks.get(r);
  if (h === undefined) {
    const parts = [r.name, r.id, r.type, r.region, r.rawState];
    for (const [k, v] of Object.entries(r.tags)) parts.push(`${k}=${v}`, v);
    h = parts.join('\u0000').toLowerCase();
    haystacks.set(r, h);
  }
  return h;
}

/** Every whitespace-separated term must match (name, id, tags as key=value or value). */
export function matches(r: StorageInfo, terms: string[]): boolean {
  if (terms.length === 0) return true;
  const h = haystack(r);
  for (const t of terms) if (!h.includes(t)) return false;
  return true;
}

const TYPE_RANK = new Map<string, number>(STORAGE_TYPES.map((t, i) => [t, i]));

const STATE_RANK: Record<string, number> = { failed: 0, misconfigured: 1, creating: 2, updating: 3, deleting: 4, 'in-use': 5, available: 6, unknown: 7, deleted: 8 };

function compare(a: StorageInfo, b: StorageInfo, col: SortColumn): number {
  switch (col) {
    case 'name':
      return compareText(a.name, b.name);
    case 'kind':
      return (TYPE_RANK.get(a.type) ?? 99) - (TYPE_RANK.get(b.type) ?? 99) || compareText(a.name, b.name);
    case 'state':
      return (STATE_RANK[a.state] ?? 9) - (STATE_RANK[b.state] ?? 9);
    case 'size':
      return (a.sizeBytes ?? -1) - (b.sizeBytes ?? -1);
    case 'cost':
      return (a.monthlyCost ?? -1) - (b.monthlyCost ?? -1);
    case 'region':
      return compareText(a.region, b.region);
    case 'created':
      return compareText(a.createdAt ?? '', b.createdAt ?? '');
  }
}

export function applyQuery(resources: readonly StorageInfo[], q: Query): StorageInfo[] {
  const terms = q.text.toLowerCase().split(/\s+/).filter(Boolean);
  const kinds = q.kinds ? new Set(q.kinds) : null;
  const out: StorageInfo[] = [];
  for (const r of resources) if ((!kinds || kinds.has(r.type)) && matches(r, terms)) out.push(r);
  const dir = q.desc ? -1 : 1;
  // Stable: ties keep name/id order.
  out.sort((a, b) => dir * compare(a, b, q.sort) || compareText(a.name, b.name) || compareText(a.id, b.id));
  return out;
}

/** Find one store by id, exact name, or unique name prefix. */
export function findResource(resources: readonly StorageInfo[], ref: string): StorageInfo | StorageInfo[] | undefined {
  const byId = resources.find((r) => r.id === ref);
  if (byId) return byId;
  const exact = resources.filter((r) => r.name === ref);
  if (exact.length === 1) return exact[0];
  if (exact.length > 1) return exact;
  return undefined;
}
