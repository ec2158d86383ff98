// Step 4's work, outside React: run the plan (createStorage: every call
// audited, secrets scrubbed, the request's one idempotency token reused),
// then follow the new store until AWS says it is available.
import type { AuditLog } from '../../services/audit.js';
import type { ClientPool } from '../../services/aws/clients.js';
import { CreateFailedError, createStorage, POLL_INTERVAL_MS, waitUntilAvailable } from '../../services/aws/mutations.js';
import { StorageError, type StorageInfo, type StorageRequest, type StorageState, type StorageType } from '../../services/types.js';

export interface RunDeps {
  pool: ClientPool;
  audit?: AuditLog;
  signal?: AbortSignal;
  /** Poll interval of every wait (default: per kind, POLL_INTERVAL_MS). */
  intervalMs?: number;
  /** Sleep between polls (tests inject a fake clock). */
  sleep?: (ms: number) => Promise<void>;
}

export interface RunEvents {
  onStep: (index: number, command: string) => void;
  onState: (id: string, state: StorageState, raw: string) => void;
}

/** EBS, EFS and S3 settle in minutes; FSx file systems can take well over half an hour. */
export function waitBudgetMs(type: StorageType): number {
  return type.startsWith('fsx') ? 90 * 60_000 : 15 * 60_000;
}

/** The simulated region answers locally and at no cost: follow it closely so the demo moves. */
export function pollIntervalMs(mode: 'aws' | 'sim', type: StorageType): number {
  return mode === 'sim' ? 200 : POLL_INTERVAL_MS[type];
}

export async function runCreate(deps: RunDeps, req: StorageRequest, ev: RunEvents): Promise<StorageInfo> {
  const waitMs = waitBudgetMs(req.config.type);
  const out = await createStorage(deps.pool, req, {
    audit: deps.audit,
    signal: deps.signal,
    sleep: deps.sleep ? (ms) => deps.sleep!(ms) : undefined,
    intervalMs: deps.intervalMs,
    waitTimeoutMs: waitMs,
    onStep: ev.onStep,
    onState: (what, state, raw) => ev.onState(what, state, raw),
  });
  return waitUntilAvailable(deps.pool, out.type, out.id, out.region, {
    timeoutMs: waitMs,
    intervalMs: deps.intervalMs,
    sleep: deps.sleep,
    signal: deps.signal,
    onState: (state, raw) => ev.onState(out.id, state, raw),
  });
}

export interface RunFailure {
  message: string;
  hint: string;
  step?: number;
  command?: string;
  total?: number;
  created: { kind: string; id: string }[];
}

/** What the progress step shows of a failure: AWS's reason, the step, what exists already. */
export function describeFailure(e: unknown): RunFailure {
  if (e instanceof CreateFailedError) return { message: e.message, hint: e.hint, step: e.failedStep, command: e.command, total: e.totalSteps, created: e.created };
  if (e instanceof StorageError) return { message: e.message, hint: e.hint, created: [] };
  return { message: e instanceof Error ? e.message : String(e), hint: 'Try again; if it keeps failing, check the status screen (e) and the audit log.', created: [] };
}
