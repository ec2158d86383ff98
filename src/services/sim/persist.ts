// What the user changed in the simulated region, kept on disk so it is still
// there on the next start: a journal of the mutating commands (replayed over
// the seeded world in order, each at its own time) plus per-bucket object
// deletions (kept as index ranges, so emptying a bucket of millions of
// objects stays small). Written atomically: temp file, then rename.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stateDir } from '../paths.js';
import type { ServiceName } from '../types.js';
import type { Range } from './intervals.js';

export interface JournalEntry {
  /** Id stream for this entry's new resources (stable across replays). */
  n: number;
  at: number;
  region: string;
  service: ServiceName;
  command: string;
  input: unknown;
}

export interface ObjectState {
  marked: Range[];
  purged: Range[];
}

export interface StateFile {
  version: 1;
  seed: number;
  nextN: number;
  journal: JournalEntry[];
  objects: Record<string, ObjectState>;
}

export function emptyState(seed: number): StateFile {
  return { version: 1, seed, nextN: 1, journal: [], objects: {} };
}

/** $XDG_STATE_HOME/prism-storage/sim, or ~/.local/state/prism-storage/sim. */
export function defaultStateDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(stateDir(env), 'sim');
}

/** Secrets (admin and AD passwords) are never written to disk. */
export function redact(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(redact);
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Uint8Array) return undefined;
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = /password|secret/i.test(k) && typeof x === 'string' ? '[redacted]' : redact(x);
    return out;
  }
  return v;
}

function isRange(x: unknown): x is Range {
  return Array.isArray(x) && x.length === 2 && Number.isInteger(x[0]) && Number.isInteger(x[1]) && x[0] >= 0 && x[1] > x[0];
}

function parseState(text: string, seed: number): StateFile | undefined {
  const v = JSON.parse(text) as Partial<StateFile>;
  if (v.version !== 1 || v.seed !== seed || !Array.isArray(v.journal) || typeof v.nextN !== 'number') return undefined;
  const journal = v.journal.filter(
    (e): e is JournalEntry => !!e && typeof e === 'object' && typeof e.n === 'number' && typeof e.at === 'number' && typeof e.region === 'string' && typeof e.service === 'string' && typeof e.command === 'string',
  );
  const objects: Record<string, ObjectState> = {};
  for (const [name, o] of Object.entries(v.objects ?? {})) {
    if (o && Array.isArray(o.marked) && Array.isArray(o.purged)) objects[name] = { marked: o.marked.filter(isRange), purged: o.purged.filter(isRange) };
  }
  return { version: 1, seed, nextN: Math.max(v.nextN, ...journal.map((e) => e.n + 1), 1), journal, objects };
}

export class StateStore {
  readonly file: string | undefined;

  constructor(
    dir: string | null,
    private readonly seed: number,
  ) {
    this.file = dir ? join(dir, `world-seed-${seed}.json`) : undefined;
  }

  /** The saved changes; a damaged file is moved aside (never silently lost) and an empty state returned. */
  load(now: number): StateFile {
    if (!this.file) return emptyState(this.seed);
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      return emptyState(this.seed);
    }
    try {
      const s = parseState(text, this.seed);
      if (s) return s;
    } catch {
      // fall through
    }
    try {
      renameSync(this.file, `${this.file}.unreadable-${now}`);
    } catch {
      // nothing else to do
    }
    return emptyState(this.seed);
  }

  save(state: StateFile): void {
    if (!this.file) return;
    const dir = join(this.file, '..');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(state)}\n`, { mode: 0o600 });
    renameSync(tmp, this.file);
  }

  clear(): void {
    if (this.file) rmSync(this.file, { force: true });
  }
}
