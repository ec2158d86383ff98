// Shared machinery of the mutating calls (create.ts, delete.ts, modify.ts):
// every call that changes something goes through `mutate`, which retries what
// is safe to retry, classifies failures into StorageErrors and writes one
// audit entry (ok / error); `refuse` records a refusal before any mutating
// call; `poll` waits for a state with a bounded deadline and an injected sleep.
import { GetBucketLocationCommand } from '@aws-sdk/client-s3';
import type { AuditLog } from '../audit.js';
import { DEFAULT_RETRY, sleep as realSleep, withRetry, type RetryPolicy } from '../resilience.js';
import { StorageError, type ServiceName, type StorageInfo } from '../types.js';
import type { ClientPool } from './clients.js';
import { classifyError } from './errors.js';
import { regionFromLocation, UNKNOWN_REGION } from './s3.js';
import { errorCode } from './util.js';
import { markBucketChanged } from './bucket-facts-cache.js';

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** Knobs every mutation accepts; defaults are what production uses. */
export interface MutationOptions {
  audit?: AuditLog;
  /** Injected for tests (advance a fake clock instead of waiting). */
  sleep?: Sleep;
  signal?: AbortSignal;
  /** Retries of one call (recoverable errors only: throttling, network, 5xx). */
  retry?: RetryPolicy;
}

export interface Ctx {
  region: string;
  audit?: AuditLog;
  sleep: Sleep;
  signal?: AbortSignal;
  retry: RetryPolicy;
}

export function makeCtx(region: string, o: MutationOptions = {}): Ctx {
  return { region, audit: o.audit, sleep: o.sleep ?? realSleep, signal: o.signal, retry: o.retry ?? DEFAULT_RETRY };
}

export interface CallSpec {
  service: ServiceName;
  /** IAM-style action, e.g. "ec2:DeleteVolume" (what the audit log and access-denied hints name). */
  action: string;
  /** Id, bucket name, or the name of what is being created. */
  resource: string;
  /** What the call asked for (the audit entry's detail; scrubbed of secrets by the log). */
  detail?: string;
  /** Summarises a successful result for the audit entry (e.g. the new id). */
  describe?: (out: unknown) => string | undefined;
  /** false: the caller records one summary entry instead (thousands of DeleteObjects batches). */
  audited?: boolean;
}

function classify(ctx: Ctx, spec: Pick<CallSpec, 'service' | 'action' | 'resource'>, e: unknown): StorageError {
  return classifyError(e, { service: spec.service, action: spec.action, resource: spec.resource, region: ctx.region, profile: ctx.audit?.profile });
}

/**
 * One mutating call: retried while the failure is recoverable (callers make the
 * call safe to repeat: idempotency tokens, or `attempt > 1` handling of "already
 * done"), then audited. Throws the classified StorageError.
 */
export async function mutate<T>(ctx: Ctx, spec: CallSpec, fn: (attempt: number) => Promise<T>): Promise<T> {
  // What was read about a bucket before it changes is stale (even when the call fails part-way).
  if (spec.service === 's3' && spec.resource) markBucketChanged(spec.resource);
  try {
    const out = await withRetry(fn, (e) => classify(ctx, spec, e), ctx.retry, { sleep: ctx.sleep, signal: ctx.signal });
    const result = spec.describe?.(out);
    if (spec.audited !== false) ctx.audit?.record({ profile: '', region: ctx.region, action: spec.action, resource: spec.resource, outcome: 'ok', detail: join(spec.detail, result) });
    return out;
  } catch (e) {
    const err = e instanceof StorageError ? e : classify(ctx, spec, e);
    if (spec.audited !== false) ctx.audit?.record({ profile: '', region: ctx.region, action: spec.action, resource: spec.resource, outcome: 'error', detail: join(spec.detail, `${err.code}: ${err.message}`) });
    throw err;
  }
}

/** A read (Describe/List/Get/Head) on the way to a mutation: retried and classified, not audited. */
export async function read<T>(ctx: Ctx, spec: Pick<CallSpec, 'service' | 'action' | 'resource'>, fn: () => Promise<T>): Promise<T> {
  return withRetry(fn, (e) => classify(ctx, spec, e), ctx.retry, { sleep: ctx.sleep, signal: ctx.signal });
}

/** Refuses before any mutating call: audited as 'refused', thrown as a 'conflict' StorageError. */
export function refuse(ctx: Ctx, spec: Pick<CallSpec, 'service' | 'action' | 'resource'>, reasons: string[], hint: string): never {
  const message = reasons.length === 1 ? reasons[0] : reasons.map((r, i) => `(${i + 1}) ${r}`).join('; ');
  ctx.audit?.record({ profile: '', region: ctx.region, action: spec.action, resource: spec.resource, outcome: 'refused', detail: message });
  throw new StorageError({ type: 'conflict', service: spec.service, resource: spec.resource, code: 'Refused', message, hint, recoverable: false });
}

/** A local check failed before any call: audited as 'refused', thrown as a 'validation' StorageError. */
export function invalid(ctx: Ctx, spec: Pick<CallSpec, 'service' | 'action' | 'resource'>, message: string, hint: string): never {
  ctx.audit?.record({ profile: '', region: ctx.region, action: spec.action, resource: spec.resource, outcome: 'refused', detail: message });
  throw new StorageError({ type: 'validation', service: 'local', resource: spec.resource, code: 'InvalidInput', message, hint, recoverable: false });
}

function join(a: string | undefined, b: string | undefined): string | undefined {
  if (a && b) return `${a} -> ${b}`;
  return a || b || undefined;
}

export interface PollOptions {
  timeoutMs: number;
  intervalMs: number;
  /** Clock for the deadline (default Date.now); time spent in `sleep` always counts. */
  now?: () => number;
}

/**
 * Calls `probe` until it returns a value (not undefined), sleeping `intervalMs`
 * between calls. The deadline counts both the injected sleeps and wall time, so
 * it holds with a fake sleep (tests) and with slow calls (production) alike.
 */
export async function poll<T>(ctx: Ctx, o: PollOptions, what: { service: ServiceName; resource: string; waitingFor: string }, probe: () => Promise<T | undefined>): Promise<T> {
  const now = o.now ?? Date.now;
  const start = now();
  let slept = 0;
  const interval = Math.max(1, o.intervalMs);
  for (;;) {
    if (ctx.signal?.aborted) throw aborted(what.service, what.resource, what.waitingFor);
    const v = await probe();
    if (v !== undefined) return v;
    const elapsed = Math.max(slept, now() - start);
    if (elapsed >= o.timeoutMs) throw waitTimeout(what.service, what.resource, what.waitingFor, o.timeoutMs);
    const wait = Math.min(interval, o.timeoutMs - elapsed);
    try {
      await ctx.sleep(wait, ctx.signal);
    } catch (e) {
      if (ctx.signal?.aborted) throw aborted(what.service, what.resource, what.waitingFor);
      throw e;
    }
    slept += wait;
  }
}

export function waitTimeout(service: ServiceName, resource: string, waitingFor: string, timeoutMs: number): StorageError {
  return new StorageError({
    type: 'unavailable',
    service,
    resource,
    code: 'WaitTimeout',
    message: `${resource} was not ${waitingFor} after ${formatDuration(timeoutMs)}`,
    hint: `AWS is still working on it; nothing was cancelled. Check its state in the list (r refreshes) and continue once it is ${waitingFor}.`,
    recoverable: true,
  });
}

function aborted(service: ServiceName, resource: string, waitingFor: string): StorageError {
  return new StorageError({
    type: 'unknown',
    service,
    resource,
    code: 'Cancelled',
    message: `stopped waiting for ${resource} to be ${waitingFor}`,
    hint: 'Only the waiting was cancelled: calls already accepted by AWS keep going. Refresh the list to see where it stands.',
    recoverable: false,
  });
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 120) return `${s}s`;
  const m = Math.round(s / 60);
  if (m < 120) return `${m} min`;
  return `${Math.round((m / 60) * 10) / 10} h`;
}

/** The AWS error code of a raw SDK error (or of a StorageError). */
export function codeOf(e: unknown): string | undefined {
  if (e instanceof StorageError) return e.code;
  return errorCode(e);
}

/** Tags as the EFS / FSx / S3 APIs take them; Name first, then the request's tags (Name from the request wins). */
export function tagList(name: string, tags: Record<string, string>): { Key: string; Value: string }[] {
  const out = [{ Key: 'Name', Value: name }];
  for (const [Key, Value] of Object.entries(tags)) if (Key !== 'Name') out.push({ Key, Value });
  return out;
}

/** Derives a per-call idempotency token from the request's, within an API's length limit. */
export function derivedToken(token: string, suffix: string, maxLength: number): string {
  const s = suffix ? `-${suffix}` : '';
  return `${token.slice(0, Math.max(1, maxLength - s.length))}${s}`;
}

/**
 * The region a bucket lives in (its requests must go to that region's endpoint):
 * what the list recorded, else GetBucketLocation.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketLocation.html
 */
export async function bucketRegion(pool: ClientPool, info: StorageInfo, o: MutationOptions = {}): Promise<string> {
  const known = info.mount.s3Region ?? (info.region && info.region !== UNKNOWN_REGION ? info.region : undefined);
  if (known) return known;
  const ctx = makeCtx(pool.region, o);
  const out = await read(ctx, { service: 's3', action: 's3:GetBucketLocation', resource: info.id }, () => pool.s3().send(new GetBucketLocationCommand({ Bucket: info.id })));
  return regionFromLocation(out.LocationConstraint);
}
