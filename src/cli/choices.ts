// The fixed choices of the commands' options, in a module light enough to
// load on every start (`--version`, `--help`): the commands themselves, and
// the services they need, load only when a command runs. Each list is checked
// at compile time against the type the services define, so it cannot drift.
import type { Focus, WorkloadKind } from '../services/analytics/index.js';
import { WINDOWS, type Window } from '../services/metrics/windows.js';
import { OS_FAMILIES, S3_METHODS } from '../services/mount/types.js';
import { KIND_ALIASES, SORT_COLUMNS } from '../services/query.js';
import type { StorageType, Workload } from '../services/types.js';

export { OS_FAMILIES, SORT_COLUMNS, WINDOWS, type Window };

export const OUTPUT_FORMATS = ['table', 'json', 'yaml', 'csv'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Words `--type` accepts (ebs, fsx, lustre, ontap, ...). */
export const KIND_WORDS = Object.keys(KIND_ALIASES);

export const FOCUSES = ['cost', 'performance', 'risk'] as const satisfies readonly Focus[];

/** optimize --workload (services/analytics/optimize.ts WorkloadKind). */
export const WORKLOAD_KINDS = ['ml', 'hpc', 'bigdata', 'general', 'archive'] as const satisfies readonly WorkloadKind[];

/** create --workload (the wizard's purposes, services/types.ts Workload). */
export const WORKLOADS = ['general', 'ml-training', 'hpc-scratch', 'home-directories', 'database', 'windows-shares', 'enterprise-nas', 'archive'] as const satisfies readonly Workload[];

/** The alternatives `mount --method` chooses between, per kind (empty: one way only). */
export const MOUNT_METHODS: Record<StorageType, readonly string[]> = {
  s3: S3_METHODS,
  efs: ['efs-utils', 'nfs'],
  'fsx-ontap': ['nfs', 'smb', 'iscsi'],
  'fsx-windows': ['kerberos', 'credentials-file'],
  'fsx-lustre': [],
  'fsx-openzfs': [],
  ebs: [],
};

export const SHELLS = ['bash', 'zsh'] as const;
export type Shell = (typeof SHELLS)[number];

// Every member of the services' unions is offered (a new workload or focus fails `tsc` here).
type Covers<Union, List extends readonly unknown[]> = [Exclude<Union, List[number]>] extends [never] ? true : { missing: Exclude<Union, List[number]> };
type Agree<T extends true> = T;
export type _ChoicesCoverTheServices = [Agree<Covers<Focus, typeof FOCUSES>>, Agree<Covers<WorkloadKind, typeof WORKLOAD_KINDS>>, Agree<Covers<Workload, typeof WORKLOADS>>];
