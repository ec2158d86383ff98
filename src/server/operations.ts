// Changes that outlive a request (creating an FSx file system takes many
// minutes; a delete may wait for a snapshot): the request answers 202 with an
// operation the client polls at /api/v1/operations/{id}. Kept in memory,
// bounded: the oldest finished ones are forgotten first.
import { randomUUID } from 'node:crypto';
import type { ErrorDoc } from '../cli/output.js';
import { toErrorDoc } from '../cli/runner.js';
import { sanitize } from '../services/sanitize.js';

export type OperationKind = 'create' | 'delete' | 'mount';

export interface Operation {
  id: string;
  kind: OperationKind;
  resource: string;
  state: 'running' | 'succeeded' | 'failed';
  startedAt: string;
  endedAt?: string;
  progress: string[];
  result?: unknown;
  error?: ErrorDoc;
}

const MAX_PROGRESS = 200;

export class Operations {
  private readonly ops = new Map<string, Operation>();
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly max = 200,
  ) {}

  get(id: string): Operation | undefined {
    return this.ops.get(id);
  }

  /** Starts `work` now; the returned operation is updated as it progresses and ends. */
  start(kind: OperationKind, resource: string, work: (progress: (message: string) => void) => Promise<unknown>, onDone?: (op: Operation) => void): Operation {
    this.evict();
    const op: Operation = { id: randomUUID(), kind, resource, state: 'running', startedAt: new Date(this.now()).toISOString(), progress: [] };
    this.ops.set(op.id, op);
    const progress = (m: string) => {
      op.progress.push(sanitize(m));
      if (op.progress.length > MAX_PROGRESS) op.progress.splice(0, op.progress.length - MAX_PROGRESS);
    };
    const done = (async () => {
      try {
        op.result = await work(progress);
        op.state = 'succeeded';
      } catch (e) {
        op.error = toErrorDoc(e);
        op.state = 'failed';
      } finally {
        op.endedAt = new Date(this.now()).toISOString();
        this.running.delete(op.id);
        onDone?.(op);
      }
    })();
    this.running.set(op.id, done);
    return op;
  }

  /** Resolves when the operation has ended (tests; a server shutting down waits for these). */
  async settled(id: string): Promise<Operation | undefined> {
    await this.running.get(id);
    return this.ops.get(id);
  }

  /** Operations still running. */
  get active(): number {
    return this.running.size;
  }

  private evict(): void {
    if (this.ops.size < this.max) return;
    for (const [id, op] of this.ops) {
      if (op.state !== 'running') this.ops.delete(id);
      if (this.ops.size < this.max) return;
    }
  }
}
