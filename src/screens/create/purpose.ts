// Step 1 of the wizard as data: what the storage is for and what it must do,
// turned into Needs for the services' recommendKind. Pure.
import { parseNumberText } from '../../components/form/index.js';
import { STORAGE_TYPES, type StorageType, type Workload } from '../../services/types.js';
import { recommendKind, type KindRecommendation, type Needs } from '../../services/wizard/index.js';

export const WORKLOADS: readonly { value: Workload; label: string }[] = [
  { value: 'ml-training', label: 'ML training: datasets read by GPU instances' },
  { value: 'hpc-scratch', label: 'HPC scratch: job data you can recreate' },
  { value: 'home-directories', label: 'Shared home directories' },
  { value: 'database', label: 'Database' },
  { value: 'windows-shares', label: 'Windows file shares (SMB)' },
  { value: 'enterprise-nas', label: 'Enterprise NAS: NFS and SMB, snapshots' },
  { value: 'archive', label: 'Archive: results kept for years, read rarely' },
  { value: 'general', label: 'General purpose' },
];

export const KIND_NAME: Record<StorageType, string> = {
  ebs: 'EBS volume',
  efs: 'EFS file system',
  s3: 'S3 bucket',
  'fsx-lustre': 'FSx for Lustre',
  'fsx-openzfs': 'FSx for OpenZFS',
  'fsx-windows': 'FSx for Windows File Server',
  'fsx-ontap': 'FSx for NetApp ONTAP',
};

/** Short words for default names: "ml-training-lustre". */
const KIND_WORD: Record<StorageType, string> = { ebs: 'ebs', efs: 'efs', s3: 's3', 'fsx-lustre': 'lustre', 'fsx-openzfs': 'openzfs', 'fsx-windows': 'windows', 'fsx-ontap': 'ontap' };

export interface PurposeForm {
  workload: Workload;
  /** As typed (GiB). */
  capacity: string;
  /** As typed (MB/s); empty = not known. */
  throughput: string;
  /** As typed: how many instances use it at once. */
  sharedBy: string;
  posix: boolean;
  windows: boolean;
  shortLived: boolean;
  region: string;
  /** The kind to create: follows the recommendation until the person picks one. */
  kind: StorageType;
  kindPinned: boolean;
}

export type PurposeKey = 'workload' | 'capacity' | 'throughput' | 'sharedBy' | 'posix' | 'windows' | 'shortLived' | 'region' | 'kind';

export interface PurposeField {
  key: PurposeKey;
  label: string;
  kind: 'select' | 'number' | 'toggle';
  unit?: string;
  help: string;
}

const FIELDS: readonly PurposeField[] = [
  { key: 'workload', label: 'Workload', kind: 'select', help: 'What the storage is for: it decides the kind and every default.' },
  { key: 'capacity', label: 'Capacity', kind: 'number', unit: 'GiB', help: 'About how much data, in GiB (1 TiB = 1,024 GiB).' },
  { key: 'throughput', label: 'Throughput', kind: 'number', unit: 'MB/s', help: 'Aggregate MB/s all clients need together; leave empty if unknown.' },
  { key: 'sharedBy', label: 'Shared by', kind: 'number', unit: 'instances', help: 'How many instances use the data at the same time (1 = one host).' },
  { key: 'posix', label: 'POSIX needed', kind: 'toggle', help: 'Linux paths, uid/gid permissions, rename and locks (a mounted file system).' },
  { key: 'windows', label: 'Windows clients', kind: 'toggle', help: 'Windows machines mount it over SMB.' },
  { key: 'shortLived', label: 'Short-lived data', kind: 'toggle', help: 'Lives for days or weeks and can be recreated (scratch): cheaper, unreplicated kinds.' },
  { key: 'region', label: 'Region', kind: 'select', help: 'Where to create it: the regions this dashboard shows (:region switches).' },
  { key: 'kind', label: 'Kind', kind: 'select', help: 'The recommended kind is preselected; choose any other (Space lists them).' },
];

/** Step 1's fields; Region only when the dashboard shows more than one. */
export function purposeFields(regions: readonly string[]): PurposeField[] {
  return FIELDS.filter((f) => f.key !== 'region' || regions.length > 1);
}

export function initialPurpose(region: string): PurposeForm {
  const p: PurposeForm = { workload: 'general', capacity: '100', throughput: '', sharedBy: '1', posix: true, windows: false, shortLived: false, region, kind: 'ebs', kindPinned: false };
  return { ...p, kind: recommendationOf(p)?.type ?? 'ebs' };
}

/** What a workload implies for the toggles the person has not touched. */
export function presetFor(workload: Workload): Pick<PurposeForm, 'posix' | 'windows' | 'shortLived'> {
  if (workload === 'windows-shares') return { posix: false, windows: true, shortLived: false };
  if (workload === 'hpc-scratch') return { posix: true, windows: false, shortLived: true };
  return { posix: true, windows: false, shortLived: false };
}

export interface NeedsResult {
  needs?: Needs;
  errors: { field: PurposeKey; message: string }[];
}

export function needsOf(p: PurposeForm): NeedsResult {
  const errors: NeedsResult['errors'] = [];
  const cap = parseNumberText(p.capacity);
  if (cap === undefined) errors.push({ field: 'capacity', message: 'Capacity is needed: about how many GiB of data, e.g. 500.' });
  else if (!Number.isFinite(cap) || cap <= 0) errors.push({ field: 'capacity', message: `Capacity must be a positive number of GiB, such as 500.` });
  const thr = parseNumberText(p.throughput);
  if (thr !== undefined && !Number.isFinite(thr)) errors.push({ field: 'throughput', message: 'Throughput must be a number of MB/s, such as 1000, or empty.' });
  const shared = parseNumberText(p.sharedBy);
  if (shared === undefined || !Number.isFinite(shared) || shared < 1 || !Number.isInteger(shared)) errors.push({ field: 'sharedBy', message: 'Shared by must be a whole number of instances, 1 or more.' });
  if (errors.length) return { errors };
  return {
    errors,
    needs: { capacityGiB: cap as number, throughputMBps: thr === undefined || thr === 0 ? undefined : thr, sharedBy: shared as number, posix: p.posix, windowsClients: p.windows, shortLived: p.shortLived },
  };
}

export function recommendationOf(p: PurposeForm): KindRecommendation | undefined {
  const { needs } = needsOf(p);
  return needs ? recommendKind(p.workload, needs) : undefined;
}

/** The kinds to choose from, the recommended one first and marked. */
export function kindOptions(rec: KindRecommendation | undefined): { value: StorageType; label: string }[] {
  const order = rec ? [rec.type, ...STORAGE_TYPES.filter((t) => t !== rec.type)] : [...STORAGE_TYPES];
  return order.map((t) => {
    const alt = rec?.alternatives.find((a) => a.type === t);
    const tag = rec?.type === t ? '  ★ recommended' : alt ? `  (${alt.why})` : '';
    return { value: t, label: `${KIND_NAME[t]}${tag}` };
  });
}

/** The purpose with the kind following the recommendation unless the person picked one. */
export function withRecommendedKind(p: PurposeForm): PurposeForm {
  if (p.kindPinned) return p;
  const rec = recommendationOf(p);
  return rec && rec.type !== p.kind ? { ...p, kind: rec.type } : p;
}

export function defaultName(p: PurposeForm): string {
  return `${p.workload}-${KIND_WORD[p.kind]}`;
}
