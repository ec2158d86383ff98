// Shared pieces of the command handlers: the call context, EC2-style
// filters, tags, idempotency tokens, and small input validators.
import type { ServiceName } from '../../types.js';
import type { Durations, RegionWorld, Tags } from '../model.js';
import type { Rng } from '../rand.js';
import type { World } from '../world.js';
import { awsError, invalidParameter, missingParameter } from '../errors.js';

export interface Ctx {
  world: World;
  rw: RegionWorld;
  region: string;
  service: ServiceName;
  now: number;
  /** Ids for resources this call creates (deterministic per journal position). */
  ids: Rng;
  durations: Durations;
}

export type Handler = (ctx: Ctx, input: unknown) => object | Promise<object>;
export type HandlerTable = Record<string, Handler>;

/** A stable serialisation (sorted keys) for idempotency fingerprints. */
export function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object') {
    if (v instanceof Date) return JSON.stringify(v.toISOString());
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/**
 * Idempotency: the id created earlier for this token, undefined for a new
 * token, or the service's mismatch error when the token is reused with a
 * different request.
 */
export function idempotent(ctx: Ctx, token: string | undefined, input: object, mismatch: () => Error): string | undefined {
  if (!token) return undefined;
  const key = `${ctx.service}:${token}`;
  const prev = ctx.rw.tokens.get(key);
  if (!prev) return undefined;
  if (prev.fingerprint !== fingerprint(input)) throw mismatch();
  return prev.id;
}

export function rememberToken(ctx: Ctx, token: string | undefined, input: object, id: string): void {
  if (token) ctx.rw.tokens.set(`${ctx.service}:${token}`, { id, fingerprint: fingerprint(input) });
}

function fingerprint(input: object): string {
  return stableJson(input);
}

// ---------------------------------------------------------------------------
// Tags

export interface KV {
  Key?: string;
  Value?: string;
}

export function tagList(t: Tags): { Key: string; Value: string }[] {
  return Object.entries(t).map(([Key, Value]) => ({ Key, Value }));
}

export function tagsFrom(list: KV[] | undefined): Tags {
  const out: Tags = {};
  for (const t of list ?? []) if (t.Key !== undefined) out[t.Key] = t.Value ?? '';
  return out;
}

// ---------------------------------------------------------------------------
// EC2 filters: names AND-ed, values OR-ed, values may use * and ? wildcards.
// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/Using_Filtering.html

export interface Ec2Filter {
  Name?: string;
  Values?: string[];
}

export type FilterFields<T> = Record<string, (r: T) => (string | number | boolean | undefined)[] | string | number | boolean | undefined>;

function globRe(v: string): RegExp {
  return new RegExp(`^${v.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 's');
}

export function applyFilters<T>(items: T[], filters: Ec2Filter[] | undefined, fields: FilterFields<T>, tags: (r: T) => Tags): T[] {
  if (!filters || filters.length === 0) return items;
  const tests = filters.map((f) => {
    const name = f.Name ?? '';
    const res = (f.Values ?? []).map(globRe);
    let get: (r: T) => (string | undefined)[];
    if (name.startsWith('tag:')) {
      const key = name.slice(4);
      get = (r) => [tags(r)[key]];
    } else if (name === 'tag-key') {
      get = (r) => Object.keys(tags(r));
    } else if (name === 'tag-value') {
      get = (r) => Object.values(tags(r));
    } else {
      const fn = fields[name];
      if (!fn) throw awsError('ec2', 'InvalidParameterValue', `The filter '${name}' is invalid`);
      get = (r) => {
        const v = fn(r);
        return (Array.isArray(v) ? v : [v]).map((x) => (x === undefined ? undefined : String(x)));
      };
    }
    return (r: T) => get(r).some((v) => v !== undefined && res.some((re) => re.test(v)));
  });
  return items.filter((r) => tests.every((t) => t(r)));
}

// ---------------------------------------------------------------------------
// Input helpers

export function req<T>(service: ServiceName, v: T | undefined | null, name: string): T {
  if (v === undefined || v === null || v === '') throw missingParameter(service, name);
  return v;
}

export function intIn(service: ServiceName, v: number | undefined, name: string, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  if (!Number.isInteger(v) || v < min || v > max) throw invalidParameter(service, `Value (${v}) for parameter ${name} is invalid. Expecting a value between ${min} and ${max}.`);
  return v;
}

/** EC2's MaxResults rule: 5..1000; larger values are capped at 1000. */
export function ec2MaxResults(v: number | undefined, param = 'maxResults'): number | undefined {
  if (v === undefined) return undefined;
  if (!Number.isInteger(v) || v < 5) throw awsError('ec2', 'InvalidParameterValue', `Value ( ${v} ) for parameter ${param} is invalid. Expecting a value greater than 5.`);
  return Math.min(v, 1000);
}

export function dateOf(ms: number): Date {
  return new Date(ms);
}
