// The audit log: one JSON line per mutating call (create, delete, modify,
// attach), appended to the user's state directory so "who changed what,
// when, from where" survives the session. Never holds a secret: record()
// scrubs secret-looking keys and every value registered with scrub().
import { appendFileSync, chmodSync, closeSync, fstatSync, fchmodSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stateDir } from './paths.js';

export interface AuditEntry {
  /** ISO 8601, UTC. */
  time: string;
  profile: string;
  region: string;
  /** The AWS action, e.g. "ec2:DeleteVolume" or "s3:CreateBucket". */
  action: string;
  /** The resource acted on (id, bucket name, or the name being created). */
  resource: string;
  outcome: 'ok' | 'error' | 'refused';
  detail?: string;
}

export interface AuditLogOptions {
  /** Profile recorded when an entry names none (the session's AWS profile; 'sim' in demo mode). */
  profile?: string;
  /** Clock (tests). */
  now?: () => number;
  /** Known secret values to scrub from every entry (more via scrub()). */
  secrets?: string[];
}

const MASK = '********';
/** Keys whose values are secrets wherever they appear (JSON or key=value text). */
export const SECRET_KEY = /password|secret|token/i;
/** Values shorter than this are not scrubbed by value (masking "a" everywhere would garble the log). */
const MIN_SECRET_LENGTH = 4;
/** An entry's detail is bounded: the log is for people, not a dump. */
const MAX_DETAIL = 2_000;

// Secret-looking fragments in free text: `"FsxAdminPassword":"x"`, `password=x`, `SecretAccessKey: x`,
// AWS secret access keys (40 base64 chars after a key id context) and session tokens.
const KEY_VALUE_JSON = /("[^"]*(?:password|secret|token)[^"]*"\s*:\s*)("(?:[^"\\]|\\.)*"|[^,}\]\s]+)/gi;
// `key=value`, `key = value` or `key:value` (a colon followed by a space is prose: "InvalidToken: The ...").
const KEY_VALUE_TEXT = /(\b[\w.-]*(?:password|secret|token)[\w.-]*(?:\s*=\s*|:))([^\s,;&"']+)/gi;
const AWS_ACCESS_KEY_ID = /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g;

export class AuditLog {
  private readonly memory: AuditEntry[] = [];
  private readonly secrets = new Set<string>();
  private readonly now: () => number;
  readonly profile: string;
  /** The last failure to write the file (the mutation itself is not failed for it). */
  lastWriteError?: Error;

  constructor(
    readonly path: string | null,
    opts: AuditLogOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
    this.profile = opts.profile ?? 'default';
    for (const s of opts.secrets ?? []) this.scrub(s);
  }

  /** $XDG_STATE_HOME/prism-storage/audit.log, else ~/.local/state/prism-storage/audit.log. */
  static defaultPath(env: NodeJS.ProcessEnv = process.env): string {
    return join(stateDir(env), 'audit.log');
  }

  /** Registers secret values (passwords typed into the wizard): never written, wherever they appear. */
  scrub(...values: (string | undefined)[]): void {
    for (const v of values) if (v && v.length >= MIN_SECRET_LENGTH) this.secrets.add(v);
  }

  /** Appends one entry (scrubbed). Never throws: a full disk must not fail a delete that already happened. */
  record(e: Omit<AuditEntry, 'time'>): void {
    const entry: AuditEntry = {
      time: new Date(this.now()).toISOString(),
      profile: this.clean(e.profile || this.profile),
      region: this.clean(e.region),
      action: this.clean(e.action),
      resource: this.clean(e.resource),
      outcome: e.outcome,
    };
    if (e.detail !== undefined && e.detail !== '') {
      const d = this.clean(e.detail);
      entry.detail = d.length > MAX_DETAIL ? `${d.slice(0, MAX_DETAIL - 1)}…` : d;
    }
    this.memory.push(entry);
    if (this.path) this.append(this.path, `${JSON.stringify(entry)}\n`);
  }

  /** Every entry in the file (all sessions), oldest first; memory-only logs return this session's. */
  entries(): AuditEntry[] {
    if (!this.path) return this.memory.map((e) => ({ ...e }));
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch {
      return this.memory.map((e) => ({ ...e }));
    }
    const out: AuditEntry[] = [];
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        const v = JSON.parse(line) as Partial<AuditEntry>;
        if (typeof v.time === 'string' && typeof v.action === 'string' && typeof v.resource === 'string') out.push(v as AuditEntry);
      } catch {
        // a torn or foreign line: skip it, keep the rest readable
      }
    }
    return out;
  }

  /** Scrubs one string: registered secret values, secret-keyed values, access key ids, control characters. */
  clean(text: string): string {
    let s = String(text ?? '');
    // Longest first, so a secret containing another is masked whole.
    for (const secret of [...this.secrets].sort((a, b) => b.length - a.length)) s = s.split(secret).join(MASK);
    s = s.replace(KEY_VALUE_JSON, (_m, key: string) => `${key}"${MASK}"`);
    s = s.replace(KEY_VALUE_TEXT, (_m, key: string) => `${key}${MASK}`);
    s = s.replace(AWS_ACCESS_KEY_ID, MASK);
    // One entry, one line: no control characters from AWS messages.
    return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ').replace(/[\r\n\t]+/g, ' ');
  }

  private append(path: string, line: string): void {
    try {
      const dir = dirname(path);
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      try {
        chmodSync(dir, 0o700);
      } catch {
        // a directory we do not own (e.g. a shared XDG_STATE_HOME): leave its mode alone
      }
      // O_APPEND: one write per line, so concurrent sessions interleave whole lines only.
      const fd = openSync(path, 'a', 0o600);
      try {
        // An existing file created by something else (or with a loose umask) is tightened too.
        if ((fstatSync(fd).mode & 0o077) !== 0) fchmodSync(fd, 0o600);
        appendFileSync(fd, line);
      } finally {
        closeSync(fd);
      }
      this.lastWriteError = undefined;
    } catch (err) {
      this.lastWriteError = err instanceof Error ? err : new Error(String(err));
    }
  }
}

/** JSON of a value with secret-keyed fields masked (for audit details and the review screen). */
export function maskedJson(value: unknown): string {
  return JSON.stringify(maskSecretKeys(value));
}

/** Deep copy with every key matching /password|secret/i (and ...Token values that are secrets) masked. */
export function maskSecretKeys<T>(value: T, keyPattern: RegExp = /password|secret/i): T {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object' && !(v instanceof Date)) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = keyPattern.test(k) && x !== undefined && x !== null ? MASK : walk(x);
      return out;
    }
    return v;
  };
  return walk(value) as T;
}

export const SECRET_MASK = MASK;
