// Stale incomplete multipart uploads per bucket (RecommendationInput.extra.s3IncompleteUploads).
// ListMultipartUploads, paginated with KeyMarker/UploadIdMarker while IsTruncated (the SDK has no
// paginator for it): https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListMultipartUploads.html;
// an upload older than a week has outlived any sensible AbortIncompleteMultipartUpload rule.
import { ListMultipartUploadsCommand, type ListMultipartUploadsCommandOutput } from '@aws-sdk/client-s3';
import type { ClientPool } from '../aws/clients.js';
import type { StorageInfo } from '../types.js';

export interface UploadScanOptions {
  now?: number;
  /** Uploads started at least this many days ago count (default 7). */
  olderThanDays?: number;
  /** Buckets scanned at once (default 8). */
  concurrency?: number;
  signal?: AbortSignal;
}

const DAY_MS = 86_400_000;
/** Bound on pages per bucket (1,000 uploads each). */
const MAX_PAGES = 100;

/**
 * Incomplete multipart uploads older than `olderThanDays`, per bucket name. A bucket whose
 * listing fails (access denied, gone) is left out rather than reported as clean.
 */
export async function staleMultipartUploads(pool: ClientPool, buckets: StorageInfo[], opts: UploadScanOptions = {}): Promise<Map<string, number>> {
  const now = opts.now ?? Date.now();
  const cutoff = now - (opts.olderThanDays ?? 7) * DAY_MS;
  const out = new Map<string, number>();
  const queue = buckets.filter((b) => b.type === 's3');
  const worker = async () => {
    for (let b = queue.shift(); b; b = queue.shift()) {
      if (opts.signal?.aborted) return;
      try {
        const client = pool.s3(b.mount.s3Region ?? b.region);
        let n = 0;
        let keyMarker: string | undefined;
        let uploadIdMarker: string | undefined;
        for (let page = 0; page < MAX_PAGES; page++) {
          const r: ListMultipartUploadsCommandOutput = await client.send(new ListMultipartUploadsCommand({ Bucket: b.id, KeyMarker: keyMarker, UploadIdMarker: uploadIdMarker }), { abortSignal: opts.signal });
          for (const u of r.Uploads ?? []) if (u.Initiated && new Date(u.Initiated).getTime() <= cutoff) n++;
          if (!r.IsTruncated || (r.NextKeyMarker === keyMarker && r.NextUploadIdMarker === uploadIdMarker)) break;
          keyMarker = r.NextKeyMarker;
          uploadIdMarker = r.NextUploadIdMarker;
        }
        out.set(b.id, n);
      } catch {
        // Unknown for this bucket: no entry.
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 8) }, worker));
  return out;
}
