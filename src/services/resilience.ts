// Retries and circuit breakers: the one place calls to AWS are repeated.
// Capped exponential backoff with full jitter, bounded attempts AND bounded
// total wait (nothing "looks hung"), retryAfter honoured; a breaker per
// service and region stops calling a failing service for a cool-down.
import { StorageError, type ServiceName } from './types.js';

export interface RetryPolicy {
  maxAttempts: number;
  baseMs: number;
  capMs: number;
  /** Upper bound on the sum of waits between attempts. */
  maxTotalWaitMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 3, baseMs: 250, capMs: 4_000, maxTotalWaitMs: 8_000 };

export interface RetryDeps {
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  signal?: AbortSignal;
  onRetry?: (err: StorageError, attempt: number, waitMs: number) => void;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason ?? new Error('aborted'));
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal?.reason ?? new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Wait before attempt `attempt + 1` (attempt counts from 1). */
export function backoffMs(attempt: number, policy: RetryPolicy, random: () => number, retryAfterSec?: number): number {
  const exp = Math.min(policy.capMs, policy.baseMs * 2 ** (attempt - 1));
  const jittered = Math.round(random() * exp); // full jitter
  if (retryAfterSec !== undefined && retryAfterSec > 0) return Math.max(jittered, Math.min(retryAfterSec * 1000, policy.capMs * 2));
  return jittered;
}

/**
 * Runs `fn`, retrying recoverable StorageErrors (throttling, network, unavailable).
 * `classify` turns whatever `fn` throws into a StorageError.
 */
export async function withRetry<T>(fn: (attempt: number) => Promise<T>, classify: (e: unknown) => StorageError, policy: RetryPolicy = DEFAULT_RETRY, deps: RetryDeps = {}): Promise<T> {
  const doSleep = deps.sleep ?? sleep;
  const random = deps.random ?? Math.random;
  let waited = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (e) {
      const err = e instanceof StorageError ? e : classify(e);
      if (!err.recoverable || attempt >= policy.maxAttempts || deps.signal?.aborted) throw err;
      const wait = backoffMs(attempt, policy, random, err.retryAfter);
      if (waited + wait > policy.maxTotalWaitMs) throw err;
      deps.onRetry?.(err, attempt, wait);
      waited += wait;
      await doSleep(wait, deps.signal);
    }
  }
}

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerOptions {
  /** Consecutive failures that open the breaker. */
  failureThreshold: number;
  cooldownMs: number;
  now: () => number;
}

export const DEFAULT_BREAKER: Omit<BreakerOptions, 'now'> = { failureThreshold: 3, cooldownMs: 30_000 };

export class CircuitBreaker {
  private failures = 0;
  private openedAt = 0;
  private probing = false;
  private _state: BreakerState = 'closed';
  lastError?: StorageError;

  constructor(private readonly opts: BreakerOptions) {}

  get state(): BreakerState {
    if (this._state === 'open' && this.opts.now() - this.openedAt >= this.opts.cooldownMs) return 'half-open';
    return this._state;
  }

  /** Milliseconds until the next probe is allowed (0 when calls may go out). */
  retryInMs(): number {
    if (this.state !== 'open') return 0;
    return Math.max(0, this.opts.cooldownMs - (this.opts.now() - this.openedAt));
  }

  /** May a call go out now? In half-open, exactly one probe goes out at a time. */
  tryAcquire(): boolean {
    const s = this.state;
    if (s === 'closed') return true;
    if (s === 'open') return false;
    if (this.probing) return false;
    this.probing = true;
    return true;
  }

  /** The user asked to try now ("r"): forget the cool-down. */
  reset(): void {
    this.failures = 0;
    this.probing = false;
    this._state = 'closed';
  }

  success(): void {
    this.failures = 0;
    this.probing = false;
    this._state = 'closed';
    this.lastError = undefined;
  }

  failure(err: StorageError): void {
    this.lastError = err;
    this.probing = false;
    // Only failures that say "the service is struggling" count; a denied action or a bad
    // input is not fixed by waiting, and must not hide the service behind a cool-down.
    if (!err.recoverable && err.type !== 'auth') {
      return;
    }
    this.failures++;
    if (this._state !== 'closed' || this.failures >= this.opts.failureThreshold) {
      this._state = 'open';
      this.openedAt = this.opts.now();
    }
  }
}

export class BreakerSet {
  private readonly map = new Map<string, CircuitBreaker>();
  constructor(private readonly opts: BreakerOptions) {}
  get(service: ServiceName, region: string): CircuitBreaker {
    const key = `${service}:${region}`;
    let b = this.map.get(key);
    if (!b) {
      b = new CircuitBreaker(this.opts);
      this.map.set(key, b);
    }
    return b;
  }
  resetAll(): void {
    for (const b of this.map.values()) b.reset();
  }
  clear(): void {
    this.map.clear();
  }
}

export function circuitOpenError(service: ServiceName, region: string, retryInMs: number, last?: StorageError): StorageError {
  const secs = Math.ceil(retryInMs / 1000);
  return new StorageError({
    type: 'unavailable',
    service,
    code: 'CircuitOpen',
    message: `${service} in ${region} is paused after repeated failures${last ? ` (last: ${last.message})` : ''}`,
    hint: `prism-storage will try ${service} again in ${secs}s by itself; press r to retry now.`,
    recoverable: true,
    retryAfter: secs,
  });
}
