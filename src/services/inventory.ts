// Fetches every store of every inventory service in every selected region.
// Each (service, region) is a chunk: it succeeds or fails on its own, so one
// failing service never blanks the others.
import type { ClientPool } from './aws/clients.js';
import { listEbsVolumes } from './aws/ebs.js';
import { listEfsFileSystems } from './aws/efs.js';
import { listFsxFileSystems } from './aws/fsx.js';
import { listS3Buckets } from './aws/s3.js';
import { classifyError } from './aws/errors.js';
import { monthlyCostOf } from './pricing/index.js';
import { BreakerSet, circuitOpenError, DEFAULT_RETRY, withRetry, type RetryDeps, type RetryPolicy } from './resilience.js';
import type { InventoryService, StorageError, StorageInfo } from './types.js';

/** The IAM action each inventory service needs first (named in access-denied hints). */
export const LIST_ACTION: Record<InventoryService, string> = {
  ec2: 'ec2:DescribeVolumes',
  efs: 'elasticfilesystem:DescribeFileSystems',
  fsx: 'fsx:DescribeFileSystems',
  s3: 's3:ListAllMyBuckets',
};

export interface ChunkResult {
  service: InventoryService;
  /** Region, or 'global' for S3 (one ListBuckets covers every region). */
  region: string;
  resources?: StorageInfo[];
  error?: StorageError;
  at: number;
}

export interface InventoryOptions {
  regions: string[];
  breakers: BreakerSet;
  now?: () => number;
  retry?: RetryPolicy;
  retryDeps?: RetryDeps;
  profile?: string;
  /** Max chunks in flight at once (several regions x four services). */
  concurrency?: number;
  /** Called whenever a retry is scheduled (status bar: "throttled, retrying in 2s"). */
  onRetry?: (service: InventoryService, region: string, err: StorageError, waitMs: number) => void;
  /** Per-store detail calls (S3 bucket settings, EFS mount targets) wait for this; see ProviderOptions. */
  detailsAfter?: Promise<unknown>;
  /** Reuse S3 bucket settings this long (ProviderOptions.bucketFactsTtlMs). */
  bucketFactsTtlMs?: number;
}

type Lister = (pool: ClientPool, region: string, regions: string[], onBasic: ((stores: StorageInfo[]) => void) | undefined, opts: InventoryOptions) => Promise<StorageInfo[]>;

const LISTERS: Record<InventoryService, Lister> = {
  ec2: (pool, region) => listEbsVolumes(pool, region),
  efs: (pool, region, _regions, onBasic, o) => listEfsFileSystems(pool, region, { onBasic, detailsAfter: onBasic ? o.detailsAfter : undefined }),
  fsx: (pool, region) => listFsxFileSystems(pool, region),
  s3: (pool, _region, regions, onBasic, o) => listS3Buckets(pool, regions, { onBasic, detailsAfter: onBasic ? o.detailsAfter : undefined, bucketFactsTtlMs: o.bucketFactsTtlMs, now: o.now }),
};

function withCosts(resources: StorageInfo[]): StorageInfo[] {
  // S3 sizes come later from daily storage metrics: until then the cost is pending, not unknown.
  for (const r of resources) if (r.monthlyCost === undefined && !(r.type === 's3' && r.sizeBytes === undefined)) r.monthlyCost = monthlyCostOf(r);
  return resources;
}

/** The chunks one refresh consists of: per region for EC2/EFS/FSx, once for S3. */
export function chunkKeys(regions: string[]): { service: InventoryService; region: string }[] {
  const keys: { service: InventoryService; region: string }[] = [];
  for (const region of regions) for (const service of ['ec2', 'efs', 'fsx'] as const) keys.push({ service, region });
  keys.push({ service: 's3', region: 'global' });
  return keys;
}

export function chunkKey(service: InventoryService, region: string): string {
  return `${service}:${region}`;
}

/**
 * One chunk. `onPartial` gets the stores as soon as the list call answered (before
 * per-store detail calls): the first frame does not wait for 6 calls per S3 bucket.
 */
export async function fetchChunk(pool: ClientPool, service: InventoryService, region: string, opts: InventoryOptions, onPartial?: (c: ChunkResult) => void): Promise<ChunkResult> {
  const now = opts.now ?? Date.now;
  // S3 is global: its breaker and its calls go through the first selected region.
  const callRegion = region === 'global' ? opts.regions[0] : region;
  const breaker = opts.breakers.get(service, region);
  if (!breaker.tryAcquire()) {
    return { service, region, error: circuitOpenError(service, callRegion, breaker.retryInMs(), breaker.lastError), at: now() };
  }
  const classify = (e: unknown) => classifyError(e, { service, action: LIST_ACTION[service], region: callRegion, profile: opts.profile });
  try {
    const onBasic = onPartial ? (stores: StorageInfo[]) => onPartial({ service, region, resources: withCosts(stores), at: now() }) : undefined;
    const resources = await withRetry(() => LISTERS[service](pool, callRegion, opts.regions, onBasic, opts), classify, opts.retry ?? DEFAULT_RETRY, {
      ...opts.retryDeps,
      onRetry: (err, _attempt, wait) => opts.onRetry?.(service, region, err, wait),
    });
    withCosts(resources);
    breaker.success();
    return { service, region, resources, at: now() };
  } catch (e) {
    const err = classify(e);
    breaker.failure(err);
    return { service, region, error: err, at: now() };
  }
}

/** Runs every chunk with a concurrency cap; `onChunk` sees each as it lands (progressive first paint). */
export async function fetchInventory(pool: ClientPool, opts: InventoryOptions, onChunk?: (c: ChunkResult) => void): Promise<ChunkResult[]> {
  const keys = chunkKeys(opts.regions);
  const limit = Math.max(1, opts.concurrency ?? 8);
  const results: ChunkResult[] = [];
  let next = 0;
  async function worker(): Promise<void> {
    while (next < keys.length) {
      const k = keys[next++];
      const r = await fetchChunk(pool, k.service, k.region, opts, onChunk);
      results.push(r);
      onChunk?.(r);
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, keys.length) }, worker));
  return results;
}
