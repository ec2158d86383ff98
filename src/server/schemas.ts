// The REST API's schemas (zod 4): request bodies and query strings are
// validated with them, and the OpenAPI document's component schemas are
// GENERATED from them (openapi.ts) — nothing is written twice. The response
// schemas mirror src/services/types.ts; the type assertions at the end of this
// file fail the build when the two drift apart.
import { z } from 'zod';
import { FOCUSES, MOUNT_METHODS, WINDOWS, WORKLOAD_KINDS, WORKLOADS } from '../cli/choices.js';
import type { Recommendation, UsagePattern } from '../services/analytics/index.js';
import { OS_FAMILIES } from '../services/mount/index.js';
import { SORT_COLUMNS } from '../services/query.js';
import { SERVICES, STORAGE_TYPES, type StorageErrorShape, type StorageInfo } from '../services/types.js';

/** Component schemas of the OpenAPI document, by name. */
export const components = z.registry<{ id: string; description?: string }>();

function component<T extends z.ZodType>(id: string, schema: T, description?: string): T {
  components.add(schema, description ? { id, description } : { id });
  return schema;
}

// ---------------------------------------------------------------------------
// Errors

export const StorageErrorTypeSchema = z.enum(['auth', 'access-denied', 'throttling', 'network', 'not-found', 'validation', 'conflict', 'quota', 'unavailable', 'unknown']);

export const ErrorSchema = component(
  'StorageError',
  z.object({
    type: StorageErrorTypeSchema,
    service: z.enum([...SERVICES, 'local']).describe('AWS service that failed, or "local" for prism-storage itself'),
    region: z.string().optional().describe('Region of a per-region failure ("global" for S3)'),
    resource: z.string().optional(),
    code: z.string().describe('AWS error code, or ours (InvalidRequest, Unauthorized, ReadOnly, StoreNotFound, ...)'),
    message: z.string(),
    hint: z.string().describe('What a person can do about it'),
    recoverable: z.boolean(),
    retryAfter: z.number().optional().describe('Seconds to wait before trying again'),
    fields: z.array(z.object({ field: z.string(), message: z.string() })).optional().describe('Field-level problems of a request body or query'),
  }),
  'Every error, from AWS or from prism-storage, in one shape.',
);

export const ErrorResponseSchema = component('ErrorResponse', z.object({ error: ErrorSchema }));

// ---------------------------------------------------------------------------
// StorageInfo (src/services/types.ts)

const ErrorShapeSchema = z.object({
  type: StorageErrorTypeSchema,
  service: z.enum([...SERVICES, 'local']),
  resource: z.string().optional(),
  code: z.string(),
  message: z.string(),
  hint: z.string(),
  recoverable: z.boolean(),
  retryAfter: z.number().optional(),
});

const OntapVolumeSchema = z.object({ id: z.string(), name: z.string(), junctionPath: z.string().optional(), sizeMiB: z.number().optional(), securityStyle: z.string().optional(), state: z.string() });
const OntapSvmSchema = z.object({
  id: z.string(),
  name: z.string(),
  state: z.string(),
  nfsDnsName: z.string().optional(),
  smbDnsName: z.string().optional(),
  iscsiDnsName: z.string().optional(),
  managementDnsName: z.string().optional(),
  nfsIpAddresses: z.array(z.string()).optional(),
  activeDirectory: z.object({ netBiosName: z.string().optional(), domainName: z.string().optional() }).optional(),
  volumes: z.array(OntapVolumeSchema),
});
const OpenZfsVolumeSchema = z.object({
  id: z.string(),
  name: z.string(),
  volumePath: z.string(),
  parentVolumeId: z.string().optional(),
  state: z.string(),
  quotaGiB: z.number().optional(),
  reservationGiB: z.number().optional(),
  recordSizeKiB: z.number().optional(),
  compression: z.string().optional(),
  nfsExports: z.array(z.object({ clients: z.string(), options: z.array(z.string()) })).optional(),
});
const EfsMountTargetSchema = z.object({ id: z.string(), subnetId: z.string(), availabilityZone: z.string().optional(), ipAddress: z.string().optional(), state: z.string(), securityGroups: z.array(z.string()).optional() });
const EfsAccessPointSchema = z.object({ id: z.string(), name: z.string().optional(), rootDirectory: z.string().optional(), posixUser: z.object({ uid: z.number(), gid: z.number() }).optional(), state: z.string() });
const EbsAttachmentSchema = z.object({ instanceId: z.string(), device: z.string(), state: z.string(), attachTime: z.string().optional(), deleteOnTermination: z.boolean().optional() });

const MountSchema = z.object({
  dnsName: z.string().optional(),
  lustreMountName: z.string().optional(),
  svms: z.array(OntapSvmSchema).optional(),
  openZfsVolumes: z.array(OpenZfsVolumeSchema).optional(),
  efsMountTargets: z.array(EfsMountTargetSchema).optional(),
  efsAccessPoints: z.array(EfsAccessPointSchema).optional(),
  ebsAttachments: z.array(EbsAttachmentSchema).optional(),
  s3Region: z.string().optional(),
});

const EbsDetailsSchema = z.object({ volumeType: z.string(), snapshotId: z.string().optional(), multiAttach: z.boolean().optional() });
const EfsDetailsSchema = z.object({
  performanceMode: z.string(),
  throughputMode: z.string(),
  provisionedThroughputMiBps: z.number().optional(),
  lifecyclePolicies: z.array(z.string()),
  oneZone: z.boolean(),
  sizeInStandardBytes: z.number().optional(),
  sizeInIaBytes: z.number().optional(),
  sizeInArchiveBytes: z.number().optional(),
  numberOfMountTargets: z.number(),
});
const S3DetailsSchema = z.object({
  versioning: z.enum(['Enabled', 'Suspended', 'Disabled']),
  hasLifecycleRules: z.boolean(),
  defaultEncryption: z.string().optional(),
  blockPublicAccess: z.boolean().optional(),
  intelligentTiering: z.boolean().optional(),
  requestMetricsFilterId: z.string().optional(),
});
const FsxDetailsSchema = z.object({
  fileSystemType: z.enum(['LUSTRE', 'OPENZFS', 'WINDOWS', 'ONTAP']),
  deploymentType: z.string().optional(),
  storageType: z.string().optional(),
  subnetIds: z.array(z.string()),
  vpcId: z.string().optional(),
  perUnitStorageThroughput: z.number().optional(),
  dataCompressionType: z.string().optional(),
  dataRepository: z.object({ importPath: z.string().optional(), exportPath: z.string().optional() }).optional(),
  automaticBackupRetentionDays: z.number().optional(),
  activeDirectoryId: z.string().optional(),
  windowsDnsName: z.string().optional(),
  lustreVersion: z.string().optional(),
  rootVolumeId: z.string().optional(),
});

export const StorageTypeSchema = z.enum(STORAGE_TYPES);

export const StorageInfoSchema = component(
  'StorageInfo',
  z.object({
    name: z.string().describe('The Name tag, else the id'),
    type: StorageTypeSchema,
    id: z.string().describe('vol-..., fs-..., or the bucket name'),
    arn: z.string().optional(),
    state: z.enum(['creating', 'available', 'in-use', 'updating', 'deleting', 'deleted', 'failed', 'misconfigured', 'unknown']),
    rawState: z.string().describe('The state word AWS reported'),
    region: z.string(),
    availabilityZone: z.string().optional(),
    sizeBytes: z.number().optional().describe('Provisioned (EBS, FSx) or measured (EFS, S3) size in bytes'),
    throughputMBps: z.number().optional(),
    iops: z.number().optional(),
    encrypted: z.boolean(),
    encryptionInTransit: z.boolean().optional(),
    kmsKeyId: z.string().optional(),
    tags: z.record(z.string(), z.string()),
    createdAt: z.string().optional().describe('ISO 8601'),
    monthlyCost: z.number().nullable().optional().describe('Estimated USD per month; null = estimate unavailable'),
    mount: MountSchema,
    ebs: EbsDetailsSchema.optional(),
    efs: EfsDetailsSchema.optional(),
    s3: S3DetailsSchema.optional(),
    fsx: FsxDetailsSchema.optional(),
    failureReason: z.string().optional(),
    detailErrors: z.array(ErrorShapeSchema).optional(),
  }),
  'One store (EBS volume, EFS or FSx file system, S3 bucket) with everything needed to mount it.',
);

export const StoreListSchema = component('StoreList', z.object({ stores: z.array(StorageInfoSchema), errors: z.array(ErrorSchema) }), 'Stores, and the services that failed (their last good data is still listed).');

// ---------------------------------------------------------------------------
// Query strings (all strings on the wire; coerced here)

const csv = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .describe('Comma-separated');

export const ListQuerySchema = z.strictObject({
  type: z.string().optional().describe('Kinds: ebs, efs, s3, fsx, lustre, openzfs, windows, ontap (comma-separated)'),
  q: z.string().max(200).optional().describe('Every word must match the name, id, region, state or a tag (key=value or value)'),
  sort: z
    .string()
    .regex(new RegExp(`^-?(${SORT_COLUMNS.join('|')})$`), `one of ${SORT_COLUMNS.join(', ')}, with - for descending`)
    .optional()
    .describe(`Sort column (${SORT_COLUMNS.join(', ')}); prefix - for descending`),
  limit: z.coerce.number().int().min(1).max(100_000).optional().describe('At most this many stores (X-Total-Count gives the total)'),
  offset: z.coerce.number().int().min(0).optional(),
});

export const AnalyticsQuerySchema = z.strictObject({
  period: z.enum(WINDOWS).default('24h'),
  resources: csv.optional().describe('Names or ids, comma-separated (default: every store of the kinds)'),
  type: z.string().optional(),
});

export const RecommendationsQuerySchema = z.strictObject({
  focus: z.enum(FOCUSES).optional(),
  resources: csv.optional(),
  type: z.string().optional(),
});

export const PatternsQuerySchema = z.strictObject({
  days: z.coerce.number().int().min(1).max(30).default(30),
  resources: csv.optional(),
  type: z.string().optional(),
});

export const CostQuerySchema = z.strictObject({
  type: z.string().optional(),
});

export const DeleteQuerySchema = z.strictObject({
  confirm: z.string().min(1).describe("The store's name or id, typed again: nothing is deleted without it"),
  snapshot: z.enum(['true', 'false']).default('true').describe('EBS: snapshot first'),
  finalBackup: z.enum(['true', 'false']).default('true').describe('FSx: take the final backup'),
  emptyFirst: z.enum(['true', 'false']).default('false').describe('S3: delete every object version first; EFS: delete mount targets and access points first'),
  dryRun: z.enum(['true', 'false']).default('false').describe('Only report what would be lost, kept or block it'),
});

// ---------------------------------------------------------------------------
// Request bodies (strict: an unknown field is a 400 naming it)

const settingValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);

export const CreateBodySchema = component(
  'CreateRequest',
  z.strictObject({
    name: z.string().min(1).max(255),
    type: StorageTypeSchema,
    region: z.string().optional().describe("Default: the server's region"),
    workload: z.enum(WORKLOADS).optional(),
    sizeGiB: z.number().positive().optional().describe('What the defaults are sized for'),
    throughputMBps: z.number().positive().optional(),
    sharedBy: z.number().int().positive().optional(),
    settings: z.record(z.string(), settingValue).optional().describe('Create-wizard fields over the defaults, e.g. {"volumeType": "gp3", "sizeGiB": 500}; `prism-storage create --help` lists them'),
    tags: z.record(z.string(), z.string()).optional(),
    clientToken: z.string().regex(/^[A-Za-z0-9_.-]{1,63}$/).optional().describe('Idempotency token: a retried request with the same token never creates twice'),
    dryRun: z.boolean().optional().describe('Validate and return the plan; nothing is created'),
  }),
);

export const MountBodySchema = component(
  'MountRequest',
  z.strictObject({
    os: z.enum(OS_FAMILIES).optional(),
    method: z.enum([...new Set(Object.values(MOUNT_METHODS).flat())] as [string, ...string[]]).optional().describe('S3: mountpoint|s3fs|goofys|rclone; EFS: efs-utils|nfs; ONTAP: nfs|smb|iscsi; Windows: kerberos|credentials-file'),
    mountPoint: z.string().min(1).max(4096).optional(),
    readOnly: z.boolean().optional(),
    client: z.enum(['linux', 'windows']).optional(),
    prefix: z.string().max(1024).optional(),
    cacheDir: z.string().max(4096).optional(),
    allowDelete: z.boolean().optional(),
    allowOverwrite: z.boolean().optional(),
    s3fsAuth: z.enum(['iam-role', 'passwd-file']).optional(),
    nfsVersion: z.enum(['3', '4.0', '4.1', '4.2']).optional(),
    volumeId: z.string().optional(),
    svmId: z.string().optional(),
    accessPointId: z.string().optional(),
    iam: z.boolean().optional(),
    share: z.string().optional(),
    smbVersion: z.enum(['2.1', '3.0', '3.1.1']).optional(),
    fsType: z.enum(['xfs', 'ext4']).optional(),
    device: z.string().optional(),
    instanceId: z.string().regex(/^(i|mi)-[0-9a-f]{8,17}$/).optional().describe('Tailor the script to this instance (zone, OS)'),
    run: z.boolean().optional().describe('Run the script on instanceId through SSM Run Command (a change: 403 under --read-only)'),
  }),
);

export const OptimizeBodySchema = component(
  'OptimizeRequest',
  z.strictObject({
    workload: z.enum(WORKLOAD_KINDS),
    apply: z.boolean().optional().describe('Make the change (403 under --read-only); needs confirm'),
    confirm: z.string().optional().describe("The store's name or id, typed again, when apply is true"),
  }),
);

// ---------------------------------------------------------------------------
// Response bodies beyond StorageInfo (checked against the services' types below)

const Stat = z.object({ average: z.number().nullable(), p99: z.number().nullable(), peak: z.number().nullable() });

export const AnalyticsRowSchema = component(
  'AnalyticsRow',
  z.object({
    id: z.string(),
    name: z.string(),
    type: StorageTypeSchema,
    region: z.string(),
    window: z.enum(WINDOWS),
    periodSeconds: z.number().nullable(),
    throughputBytesPerSec: Stat,
    iops: Stat,
    latencyMs: Stat.nullable(),
    usedBytes: z.number().nullable(),
    sizeBytes: z.number().nullable(),
    throughputUtilisation: z.number().nullable().describe('p99 throughput / provisioned throughput'),
    monthlyCost: z.number().nullable(),
    points: z.number(),
  }),
);
export const AnalyticsResponseSchema = component('AnalyticsResponse', z.object({ analytics: z.array(AnalyticsRowSchema), errors: z.array(ErrorSchema) }));

const OptimizeActionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ebs-modify'), volumeType: z.string().optional(), iops: z.number().optional(), throughputMBps: z.number().optional() }),
  z.object({ kind: z.literal('efs-lifecycle'), transitionToIA: z.string().optional(), transitionToArchive: z.string().optional(), transitionToPrimaryStorageClass: z.string().optional() }),
  z.object({ kind: z.literal('efs-throughput'), mode: z.enum(['elastic', 'provisioned', 'bursting']), provisionedMiBps: z.number().optional() }),
  z.object({
    kind: z.literal('s3-lifecycle'),
    rule: z.object({ id: z.string(), transitions: z.array(z.object({ days: z.number(), storageClass: z.string() })), abortIncompleteMultipartDays: z.number().optional() }),
  }),
  z.object({ kind: z.literal('fsx-throughput'), throughputCapacityMBps: z.number(), perUnitStorageThroughput: z.number().optional() }),
  z.object({ kind: z.literal('ebs-snapshot-delete') }),
]);

export const RecommendationSchema = component(
  'Recommendation',
  z.object({
    id: z.string(),
    rule: z.string(),
    resourceId: z.string(),
    resourceName: z.string(),
    type: StorageTypeSchema,
    title: z.string(),
    action: z.string().describe('Exactly what to change'),
    evidence: z.string(),
    confidence: z.enum(['high', 'medium', 'low']),
    monthlySavingsUsd: z.number().nullable().describe('Negative: the change costs this much more'),
    focus: z.enum(FOCUSES),
    optimize: OptimizeActionSchema.optional(),
  }),
);
export const RecommendationsResponseSchema = component('RecommendationsResponse', z.object({ recommendations: z.array(RecommendationSchema), errors: z.array(ErrorSchema) }));

export const UsagePatternSchema = component(
  'UsagePattern',
  z.object({
    resourceId: z.string(),
    name: z.string(),
    type: StorageTypeSchema,
    region: z.string(),
    days: z.number(),
    trendPerWeek: z.number().nullable(),
    dailySeasonality: z.number(),
    weeklySeasonality: z.number(),
    peakHoursUtc: z.array(z.number()),
    idleFraction: z.number(),
    idleSinceDays: z.number().nullable(),
    anomalies: z.array(z.object({ time: z.string(), value: z.number(), z: z.number() })),
    runwayDays: z.number().nullable(),
    summary: z.string(),
  }),
);
export const PatternsResponseSchema = component('UsagePatternsResponse', z.object({ patterns: z.array(UsagePatternSchema), errors: z.array(ErrorSchema) }));

const DailyCostSchema = z.object({ date: z.string(), byService: z.record(z.string(), z.number()) });
export const CostSummarySchema = z.object({
  monthToDateUsd: z.number(),
  forecastUsd: z.number().nullable(),
  forecastReason: z.string().optional(),
  forecastRange: z.object({ lowUsd: z.number(), highUsd: z.number() }).optional(),
  daily: z.array(DailyCostSchema),
  byService: z.record(z.string(), z.number()),
  ebsUsd: z.number(),
  ebsDaily: z.array(z.object({ date: z.string(), usd: z.number() })),
  storageUsd: z.number(),
  last30DaysUsd: z.number(),
  fetchedAt: z.string(),
  currency: z.string(),
  estimated: z.boolean(),
});
export const CostAnalysisSchema = component(
  'CostAnalysis',
  z.object({
    estimated: z.object({
      totalUsd: z.number(),
      byType: z.partialRecord(StorageTypeSchema, z.number()),
      unpriced: z.number(),
      top: z.array(z.object({ id: z.string(), name: z.string(), type: StorageTypeSchema, region: z.string(), monthlyCost: z.number() })),
    }),
    billed: CostSummarySchema.nullable(),
    errors: z.array(ErrorSchema),
  }),
);

export const PlanSchema = z.object({ service: z.enum(SERVICES), steps: z.array(z.object({ command: z.string(), input: z.record(z.string(), z.unknown()) })) });
export const EstimateSchema = z.object({ monthlyUsd: z.number().nullable(), reason: z.string().optional(), components: z.unknown().optional() });

export const CreatePlanResponseSchema = component('CreatePlan', z.object({ dryRun: z.literal(true), request: z.record(z.string(), z.unknown()).describe('The request built (secrets masked)'), plan: PlanSchema, estimate: EstimateSchema }));

export const OperationSchema = component(
  'Operation',
  z.object({
    id: z.string(),
    kind: z.enum(['create', 'delete', 'mount']),
    resource: z.string(),
    state: z.enum(['running', 'succeeded', 'failed']),
    startedAt: z.string(),
    endedAt: z.string().optional(),
    progress: z.array(z.string()).describe('What happened so far, oldest first'),
    result: z.unknown().optional(),
    error: ErrorSchema.optional(),
  }),
  'A change that takes longer than a request (create, delete, mount on an instance): poll GET /api/v1/operations/{id}.',
);

export const MountScriptSchema = component(
  'MountScript',
  z.object({
    store: z.object({ id: z.string(), name: z.string(), type: StorageTypeSchema, region: z.string() }),
    kind: StorageTypeSchema,
    method: z.string(),
    language: z.enum(['bash', 'powershell']),
    sections: z.array(z.object({ title: z.enum(['install', 'mount', 'persist', 'unmount']), lines: z.array(z.string()) })),
    warnings: z.array(z.string()),
    notes: z.array(z.string()),
    script: z.string(),
  }),
);

export const OptimizePlanSchema = component(
  'OptimizePlan',
  z.object({
    store: z.object({ id: z.string(), name: z.string(), type: StorageTypeSchema, region: z.string() }),
    workload: z.enum(WORKLOAD_KINDS),
    changes: z.array(z.string()),
    rationale: z.string(),
    action: OptimizeActionSchema.nullable(),
    actionText: z.string().nullable(),
    applied: z.boolean(),
    result: z.object({ snapshotId: z.string().optional() }).optional(),
  }),
);

export const HealthSchema = component('Health', z.object({ ok: z.literal(true) }));

// ---------------------------------------------------------------------------
// Compile-time agreement with the services' types: a field added, removed or
// retyped on one side and not the other fails `tsc`.

type Keys<T> = T extends object ? keyof T : never;
type SameKeys<A, B> = [Exclude<Keys<A>, Keys<B>>, Exclude<Keys<B>, Keys<A>>] extends [never, never] ? true : { missing: Exclude<Keys<A>, Keys<B>>; extra: Exclude<Keys<B>, Keys<A>> };
type Mutual<A, B> = [A] extends [B] ? ([B] extends [A] ? true : 'schema is wider than the type') : 'type is wider than the schema';
type Agree<T extends true> = T;
type Mount = StorageInfo['mount'];

export type _SchemaAgreement = [
  Agree<SameKeys<StorageInfo, z.infer<typeof StorageInfoSchema>>>,
  Agree<Mutual<StorageInfo, z.infer<typeof StorageInfoSchema>>>,
  Agree<SameKeys<Mount, z.infer<typeof MountSchema>>>,
  Agree<SameKeys<NonNullable<Mount['svms']>[number], z.infer<typeof OntapSvmSchema>>>,
  Agree<SameKeys<NonNullable<Mount['svms']>[number]['volumes'][number], z.infer<typeof OntapVolumeSchema>>>,
  Agree<SameKeys<NonNullable<Mount['openZfsVolumes']>[number], z.infer<typeof OpenZfsVolumeSchema>>>,
  Agree<SameKeys<NonNullable<Mount['efsMountTargets']>[number], z.infer<typeof EfsMountTargetSchema>>>,
  Agree<SameKeys<NonNullable<Mount['efsAccessPoints']>[number], z.infer<typeof EfsAccessPointSchema>>>,
  Agree<SameKeys<NonNullable<Mount['ebsAttachments']>[number], z.infer<typeof EbsAttachmentSchema>>>,
  Agree<SameKeys<NonNullable<StorageInfo['fsx']>, z.infer<typeof FsxDetailsSchema>>>,
  Agree<SameKeys<NonNullable<StorageInfo['efs']>, z.infer<typeof EfsDetailsSchema>>>,
  Agree<SameKeys<NonNullable<StorageInfo['s3']>, z.infer<typeof S3DetailsSchema>>>,
  Agree<SameKeys<NonNullable<StorageInfo['ebs']>, z.infer<typeof EbsDetailsSchema>>>,
  Agree<SameKeys<StorageErrorShape, z.infer<typeof ErrorShapeSchema>>>,
  Agree<Mutual<StorageErrorShape, z.infer<typeof ErrorShapeSchema>>>,
  Agree<SameKeys<Recommendation, z.infer<typeof RecommendationSchema>>>,
  Agree<Mutual<Recommendation, z.infer<typeof RecommendationSchema>>>,
  Agree<SameKeys<UsagePattern, Omit<z.infer<typeof UsagePatternSchema>, 'name' | 'type' | 'region' | 'days'>>>,
];
