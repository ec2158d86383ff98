// S3 inventory: ListBuckets (paginated) once for the account, each bucket's
// region from ListBuckets' BucketRegion (or GetBucketLocation when absent),
// only buckets in the selected regions kept, then per bucket, in its own
// region's client, the configuration that matters for research data. One
// failing detail call never drops a bucket: what is known is filled and the
// failure is recorded in StorageInfo.detailErrors.
import {
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketLocationCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  ListBucketIntelligentTieringConfigurationsCommand,
  ListBucketMetricsConfigurationsCommand,
  type MetricsConfiguration,
  paginateListBuckets,
  type Bucket,
  type GetBucketEncryptionCommandOutput,
  type GetBucketLifecycleConfigurationCommandOutput,
  type GetBucketVersioningCommandOutput,
  type GetPublicAccessBlockCommandOutput,
  type IntelligentTieringConfiguration,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { S3Details, StorageErrorShape, StorageInfo } from '../types.js';
import type { ClientPool } from './clients.js';
import { bucketFactsCache } from './bucket-facts-cache.js';
import { detailError, displayName, errorCode, mapLimit, partitionOf, settle, tagsToRecord, toIso, type ProviderOptions, type Settled } from './util.js';

/**
 * ListBuckets page size (MaxBuckets). AWS recommends paginated ListBuckets and
 * returns a ContinuationToken when more remain.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListBuckets.html
 */
export const S3_PAGE_SIZE = 1000;
/** Buckets whose detail calls run at once (each makes six calls, in parallel). */
export const S3_DETAIL_CONCURRENCY = 16;

/** Region a bucket whose location could not be read is listed under. */
export const UNKNOWN_REGION = 'unknown';

/**
 * GetBucketLocation's LocationConstraint -> region: null/'' is us-east-1, the
 * legacy 'EU' is eu-west-1. https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketLocation.html
 */
export function regionFromLocation(constraint: string | null | undefined): string {
  if (!constraint) return 'us-east-1';
  if (constraint === 'EU') return 'eu-west-1';
  return constraint;
}

/** Error codes that mean "this bucket has no such configuration", not a failure. */
const ABSENT = {
  encryption: 'ServerSideEncryptionConfigurationNotFoundError',
  lifecycle: 'NoSuchLifecycleConfiguration',
  tagging: 'NoSuchTagSet',
  publicAccess: 'NoSuchPublicAccessBlockConfiguration',
} as const;

/** Raw detail-call outcomes for one bucket (what mapS3Bucket needs). */
export interface S3BucketFacts {
  encryption: Settled<GetBucketEncryptionCommandOutput>;
  versioning: Settled<GetBucketVersioningCommandOutput>;
  lifecycle: Settled<GetBucketLifecycleConfigurationCommandOutput>;
  tagging: Settled<{ TagSet?: { Key?: string; Value?: string }[] }>;
  publicAccess: Settled<GetPublicAccessBlockCommandOutput>;
  intelligentTiering: Settled<IntelligentTieringConfiguration[]>;
  /** Request-metrics configurations: without one, S3 publishes no request metrics. Optional: unreadable = unknown. */
  metrics?: Settled<MetricsConfiguration[]>;
}

const ACTION: Record<Exclude<keyof S3BucketFacts, 'metrics'>, string> = {
  encryption: 's3:GetEncryptionConfiguration',
  versioning: 's3:GetBucketVersioning',
  lifecycle: 's3:GetLifecycleConfiguration',
  tagging: 's3:GetBucketTagging',
  publicAccess: 's3:GetBucketPublicAccessBlock',
  intelligentTiering: 's3:GetIntelligentTieringConfiguration',
};

/** Whether a failed call is the documented "not configured" answer. */
function absent(r: Settled<unknown>, code: string): boolean {
  return !r.ok && errorCode(r.error) === code;
}

export function mapS3Bucket(bucket: Bucket, region: string, facts: S3BucketFacts | undefined, extraErrors: StorageErrorShape[] = []): StorageInfo {
  const name = bucket.Name ?? '';
  const errors = [...extraErrors];
  const fail = (key: keyof typeof ACTION, r: Settled<unknown>) => {
    if (!r.ok) errors.push(detailError(r.error, { service: 's3', action: ACTION[key], resource: name, region }));
  };

  let tags: Record<string, string> = {};
  // Without facts (location unreadable) the S3 default applies: every bucket encrypts new objects (see below).
  let encrypted = facts === undefined;
  let defaultEncryption: string | undefined;
  let kmsKeyId: string | undefined;
  let s3: S3Details | undefined;

  if (facts) {
    const { encryption, versioning, lifecycle, tagging, publicAccess, intelligentTiering } = facts;
    if (tagging.ok) tags = tagsToRecord(tagging.value.TagSet);
    else if (!absent(tagging, ABSENT.tagging)) fail('tagging', tagging);

    if (encryption.ok) {
      const rule = encryption.value.ServerSideEncryptionConfiguration?.Rules?.find((r) => r.ApplyServerSideEncryptionByDefault);
      defaultEncryption = rule?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm;
      kmsKeyId = rule?.ApplyServerSideEncryptionByDefault?.KMSMasterKeyID;
      encrypted = defaultEncryption !== undefined;
    } else if (!absent(encryption, ABSENT.encryption)) {
      // Unreadable, but S3 has encrypted every new object (SSE-S3 at least) since
      // January 2023 and default encryption cannot be removed:
      // https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-encryption-faq.html
      encrypted = true;
      fail('encryption', encryption);
    }

    const lifecycleKnown = lifecycle.ok || absent(lifecycle, ABSENT.lifecycle);
    const enabledRules = lifecycle.ok ? (lifecycle.value.Rules ?? []).filter((r) => r.Status === 'Enabled') : [];
    if (!lifecycle.ok && !absent(lifecycle, ABSENT.lifecycle)) fail('lifecycle', lifecycle);
    if (!versioning.ok) fail('versioning', versioning);

    let blockPublicAccess: boolean | undefined;
    if (publicAccess.ok) {
      const c = publicAccess.value.PublicAccessBlockConfiguration;
      blockPublicAccess = c?.BlockPublicAcls === true && c.IgnorePublicAcls === true && c.BlockPublicPolicy === true && c.RestrictPublicBuckets === true;
    } else if (absent(publicAccess, ABSENT.publicAccess)) blockPublicAccess = false;
    else fail('publicAccess', publicAccess);

    // Intelligent-Tiering in use: an enabled archive configuration, or a lifecycle rule moving data into the class.
    const itConfig = intelligentTiering.ok ? intelligentTiering.value.some((c) => c.Status === 'Enabled') : undefined;
    const itLifecycle = enabledRules.some((r) => (r.Transitions ?? []).some((t) => t.StorageClass === 'INTELLIGENT_TIERING'));
    if (!intelligentTiering.ok) fail('intelligentTiering', intelligentTiering);
    const usesIt = itConfig === true || itLifecycle ? true : itConfig === false && lifecycleKnown ? false : undefined;

    // versioning and hasLifecycleRules are required facts: without them the details are unknown.
    if (versioning.ok && lifecycleKnown) {
      const status = versioning.value.Status;
      s3 = {
        versioning: status === 'Enabled' || status === 'Suspended' ? status : 'Disabled',
        hasLifecycleRules: enabledRules.length > 0,
        defaultEncryption,
        blockPublicAccess,
        intelligentTiering: usesIt,
        requestMetricsFilterId: requestMetricsFilter(facts.metrics),
      };
    }
  }

  const info: StorageInfo = {
    name: displayName(tags, name),
    type: 's3',
    id: name,
    arn: bucket.BucketArn ?? (name && region !== UNKNOWN_REGION ? `arn:${partitionOf(region)}:s3:::${name}` : undefined),
    state: 'available',
    rawState: 'available',
    region,
    encrypted,
    kmsKeyId,
    tags,
    createdAt: toIso(bucket.CreationDate),
    mount: { s3Region: region === UNKNOWN_REGION ? undefined : region },
    s3,
  };
  if (errors.length) info.detailErrors = errors;
  return info;
}

async function intelligentTieringConfigs(client: S3Client, bucket: string): Promise<IntelligentTieringConfiguration[]> {
  const out: IntelligentTieringConfiguration[] = [];
  let token: string | undefined;
  // The API pages with ContinuationToken but the SDK ships no paginator for it.
  for (let page = 0; page < 100; page++) {
    const r = await client.send(new ListBucketIntelligentTieringConfigurationsCommand({ Bucket: bucket, ContinuationToken: token }));
    out.push(...(r.IntelligentTieringConfigurationList ?? []));
    token = r.IsTruncated ? r.NextContinuationToken : undefined;
    if (!token) break;
  }
  return out;
}

/** The request-metrics configuration to query: the whole-bucket one (no filter) first. */
function requestMetricsFilter(r: Settled<MetricsConfiguration[]> | undefined): string | undefined {
  if (!r?.ok || r.value.length === 0) return undefined;
  return (r.value.find((c) => !c.Filter) ?? r.value[0]).Id;
}

async function metricsConfigs(client: S3Client, bucket: string): Promise<MetricsConfiguration[]> {
  const out: MetricsConfiguration[] = [];
  let token: string | undefined;
  for (let page = 0; page < 20; page++) {
    const r = await client.send(new ListBucketMetricsConfigurationsCommand({ Bucket: bucket, ContinuationToken: token }));
    out.push(...(r.MetricsConfigurationList ?? []));
    token = r.IsTruncated ? r.NextContinuationToken : undefined;
    if (!token) break;
  }
  return out;
}

/** Every call answered, or answered that the configuration does not exist: worth keeping (errors are read again). */
function settledForGood(f: S3BucketFacts): boolean {
  const isAbsent = (r: Settled<unknown>, code: string) => !r.ok && absent(r, code);
  return (
    (f.encryption.ok || isAbsent(f.encryption, ABSENT.encryption)) &&
    f.versioning.ok &&
    (f.lifecycle.ok || isAbsent(f.lifecycle, ABSENT.lifecycle)) &&
    (f.tagging.ok || isAbsent(f.tagging, ABSENT.tagging)) &&
    (f.publicAccess.ok || isAbsent(f.publicAccess, ABSENT.publicAccess)) &&
    f.intelligentTiering.ok &&
    (f.metrics === undefined || f.metrics.ok)
  );
}

/**
 * What is kept between refreshes: a cached failure is always one of the documented
 * "not configured" answers (settledForGood), and only its code is ever read again
 * (absent()). The SDK's exception object itself holds a captured stack trace whose
 * frames keep the command and its whole middleware stack alive: ~2,000 of them at
 * 2,000 buckets, ~6 MB for as long as the cache lives (heap snapshot, --sim-scale 10000).
 */
function compactFacts(f: S3BucketFacts): S3BucketFacts {
  const compact = <T>(r: Settled<T>): Settled<T> => (r.ok ? r : { ok: false, error: { name: errorCode(r.error) } });
  return {
    encryption: compact(f.encryption),
    versioning: compact(f.versioning),
    lifecycle: compact(f.lifecycle),
    tagging: compact(f.tagging),
    publicAccess: compact(f.publicAccess),
    intelligentTiering: compact(f.intelligentTiering),
    metrics: f.metrics && compact(f.metrics),
  };
}

export async function bucketFacts(client: S3Client, bucket: string): Promise<S3BucketFacts> {
  const Bucket = bucket;
  const [encryption, versioning, lifecycle, tagging, publicAccess, intelligentTiering, metrics] = await Promise.all([
    settle(client.send(new GetBucketEncryptionCommand({ Bucket }))),
    settle(client.send(new GetBucketVersioningCommand({ Bucket }))),
    settle(client.send(new GetBucketLifecycleConfigurationCommand({ Bucket }))),
    settle(client.send(new GetBucketTaggingCommand({ Bucket }))),
    settle(client.send(new GetPublicAccessBlockCommand({ Bucket }))),
    settle(intelligentTieringConfigs(client, bucket)),
    settle(metricsConfigs(client, bucket)),
  ]);
  return { encryption, versioning, lifecycle, tagging, publicAccess, intelligentTiering, metrics };
}

export async function listS3Buckets(pool: ClientPool, regions: string[], opts: ProviderOptions = {}): Promise<StorageInfo[]> {
  const listClient = pool.s3();
  const buckets: Bucket[] = [];
  for await (const page of paginateListBuckets({ client: listClient, pageSize: opts.pageSize ?? S3_PAGE_SIZE }, {})) buckets.push(...(page.Buckets ?? []));
  const wanted = new Set(regions);
  if (opts.onBasic && buckets.every((b) => b.BucketRegion)) {
    opts.onBasic(buckets.filter((b) => b.Name && wanted.has(b.BucketRegion as string)).map((b) => mapS3Bucket(b, b.BucketRegion as string, undefined)));
    await opts.detailsAfter;
  }

  const cache = opts.bucketFactsTtlMs ? bucketFactsCache<S3BucketFacts>(pool, opts.bucketFactsTtlMs, opts.now) : undefined;
  const results = await mapLimit(buckets, opts.concurrency ?? S3_DETAIL_CONCURRENCY, async (bucket): Promise<StorageInfo | undefined> => {
    const name = bucket.Name;
    if (!name) return undefined;
    let region = bucket.BucketRegion;
    if (!region) {
      const loc = await settle(listClient.send(new GetBucketLocationCommand({ Bucket: name })));
      if (!loc.ok) {
        // The region is unknown, so it may be a selected one: keep the bucket, say why details are missing.
        const err = detailError(loc.error, { service: 's3', action: 's3:GetBucketLocation', resource: name, region: pool.region });
        return mapS3Bucket(bucket, UNKNOWN_REGION, undefined, [err]);
      }
      region = regionFromLocation(loc.value.LocationConstraint);
    }
    if (!wanted.has(region)) return undefined;
    let facts = cache?.get(name);
    if (!facts) {
      const token = cache?.token() ?? 0;
      facts = await bucketFacts(pool.s3(region), name);
      if (cache && settledForGood(facts)) {
        facts = compactFacts(facts);
        cache.set(name, facts, token);
      }
    }
    return mapS3Bucket(bucket, region, facts);
  });
  return results.filter((r): r is StorageInfo => r !== undefined);
}
