// Pagination for the simulated region. Tokens are opaque (like AWS's) and
// cursor-based: they name the last item returned (its insertion sequence), so
// pages stay correct while resources are created or deleted between calls.
import type { ServiceName } from '../types.js';
import { badToken } from './errors.js';
import { hash32 } from './rand.js';

export interface Sequenced {
  seq: number;
}

export function encodeToken(scope: string, after: number): string {
  const body = JSON.stringify({ s: scope, a: after, k: hash32('page', scope, after) });
  return Buffer.from(body, 'utf8').toString('base64url');
}

/** The cursor in a token, or an AWS-shaped error for a token that is not ours or not for this call. */
export function decodeToken(service: ServiceName, scope: string, token: string): number {
  try {
    const v = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { s?: unknown; a?: unknown; k?: unknown };
    if (v.s === scope && typeof v.a === 'number' && Number.isInteger(v.a) && v.k === hash32('page', scope, v.a)) return v.a;
  } catch {
    // fall through
  }
  throw badToken(service);
}

/** First index whose seq is greater than `after` (items sorted by seq). */
function firstAfter(items: readonly Sequenced[], after: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid].seq <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface Page<T> {
  items: T[];
  next?: string;
}

/**
 * One page of `items` (sorted by seq). `limit` undefined returns everything
 * after the cursor, as services do when no page size is asked for.
 */
export function paginate<T extends Sequenced>(service: ServiceName, scope: string, items: readonly T[], limit: number | undefined, token: string | undefined): Page<T> {
  const start = token ? firstAfter(items, decodeToken(service, scope, token)) : 0;
  const end = limit === undefined ? items.length : Math.min(items.length, start + limit);
  const page = items.slice(start, end);
  const next = end < items.length && page.length > 0 ? encodeToken(scope, page[page.length - 1].seq) : undefined;
  return { items: page, next };
}
