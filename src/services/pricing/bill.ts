// Building an estimate out of priced components, and the region registry.

import type { CostComponent, EstimateResult, PricedService, Rate, RegionPriceTable, TieredRate } from './model.js';
import { BUILT_IN_REGIONS } from './regions/index.js';

const registry = new Map<string, RegionPriceTable>(Object.entries(BUILT_IN_REGIONS));

/** Adds (or replaces) the price table of a region: the way to price regions beyond the built-in ones. */
export function registerRegionPrices(region: string, table: RegionPriceTable): void {
  const key = region.trim().toLowerCase();
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(key)) throw new Error(`not an AWS region code: ${JSON.stringify(region)}`);
  const problems = rateProblems(table, key);
  if (problems.length > 0) throw new Error(`price table for ${key} rejected: ${problems.slice(0, 5).join('; ')}`);
  registry.set(key, table);
}

/** Every rate must carry a price, a source and the date it was read; returns what is wrong, if anything. */
export function rateProblems(node: unknown, path: string): string[] {
  if (node === null || typeof node !== 'object') return [];
  const o = node as Record<string, unknown>;
  const isRate = 'usd' in o || 'tiers' in o;
  if (!isRate) return Object.entries(o).flatMap(([k, v]) => rateProblems(v, `${path}.${k}`));
  const out: string[] = [];
  const prices = 'tiers' in o && Array.isArray(o.tiers) ? o.tiers.map((t: { usd?: unknown }) => t.usd) : [o.usd];
  if (prices.length === 0 || !prices.every((u) => typeof u === 'number' && Number.isFinite(u) && u >= 0)) out.push(`${path}: price must be a non-negative number`);
  if (typeof o.source !== 'string' || o.source.trim() === '') out.push(`${path}: missing source`);
  if (typeof o.asOf !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(o.asOf)) out.push(`${path}: asOf must be YYYY-MM-DD`);
  if (typeof o.unit !== 'string' || o.unit.trim() === '') out.push(`${path}: missing unit`);
  if (typeof o.verified !== 'boolean') out.push(`${path}: verified must be true or false`);
  return out;
}

/** The price table of a region (for "show sources" views and audits), or null when there is none. */
export function priceTableFor(region: string): RegionPriceTable | null {
  return registry.get(region.trim().toLowerCase()) ?? null;
}

/** Regions that have a price table (built-in or registered), sorted. */
export function pricedRegions(): string[] {
  return [...registry.keys()].sort();
}

/** The table of one service in one region, or the reason there is none. */
export function pricesFor<S extends PricedService>(region: string, service: S): { ok: true; prices: NonNullable<RegionPriceTable[S]> } | { ok: false; reason: string } {
  const table = registry.get(region.trim().toLowerCase());
  if (!table) return { ok: false, reason: `no price table for ${region || '(no region)'}: estimate unavailable` };
  const prices = table[service];
  if (!prices) return { ok: false, reason: `no ${SERVICE_LABEL[service]} prices for ${region}: estimate unavailable` };
  return { ok: true, prices: prices as NonNullable<RegionPriceTable[S]> };
}

const SERVICE_LABEL: Record<PricedService, string> = {
  ebs: 'EBS',
  efs: 'EFS',
  lustre: 'FSx for Lustre',
  openzfs: 'FSx for OpenZFS',
  windows: 'FSx for Windows File Server',
  ontap: 'FSx for NetApp ONTAP',
  s3: 'S3',
  api: 'API (CloudWatch, Cost Explorer)',
};

export function unavailable(reason: string): EstimateResult {
  return { ok: false, reason };
}

export function sourceOf(rate: Rate | TieredRate): string {
  return `${rate.source} (read ${rate.asOf}${rate.verified ? '' : '; unverified'})`;
}

/** Removes float noise (0.1 + 0.2) while keeping sub-cent amounts (API meters, request charges). */
export function roundUsd(usd: number): number {
  return Math.round(usd * 1e6) / 1e6;
}

/** Accumulates components of one estimate; each carries the source of its rate. */
export class Bill {
  private readonly components: CostComponent[] = [];
  private readonly notes: string[] = [];
  private asOf = '';

  constructor(private readonly region: string) {}

  /** quantity x rate. `unit` overrides the rate's unit in the component (e.g. "GiB-month"). */
  add(label: string, quantity: number, rate: Rate, unit = rate.unit): this {
    this.push({ label, quantity, unit, rate: rate.usd, usd: roundUsd(quantity * rate.usd), source: sourceOf(rate) }, rate.asOf);
    return this;
  }

  /**
   * A graduated rate: one component per tier the quantity reaches (so the user sees the tier boundary),
   * labelled "<label> (tier)". Zero quantity yields one zero component at the first tier.
   */
  addTiered(label: string, quantity: number, rate: TieredRate, tierName: (lower: number, upper: number | null) => string): this {
    let lower = 0;
    for (const tier of rate.tiers) {
      const upper = tier.upTo;
      const inTier = Math.max(0, Math.min(quantity, upper ?? Infinity) - lower);
      if (inTier > 0 || (quantity <= 0 && lower === 0)) {
        this.push(
          { label: `${label} (${tierName(lower, upper)})`, quantity: inTier, unit: rate.unit, rate: tier.usd, usd: roundUsd(inTier * tier.usd), source: sourceOf(rate) },
          rate.asOf,
        );
      }
      if (upper === null || quantity <= upper) break;
      lower = upper;
    }
    return this;
  }

  note(text: string): this {
    if (!this.notes.includes(text)) this.notes.push(text);
    return this;
  }

  result(): EstimateResult {
    const totalUsd = roundUsd(this.components.reduce((sum, c) => sum + c.usd, 0));
    return {
      ok: true,
      estimate: {
        totalUsd,
        components: [...this.components],
        region: this.region,
        asOf: this.asOf,
        ...(this.notes.length > 0 ? { notes: [...this.notes] } : {}),
      },
    };
  }

  private push(c: CostComponent, asOf: string): void {
    this.components.push(c);
    if (asOf > this.asOf) this.asOf = asOf;
  }
}

/** Validates a quantity the caller gave; a negative or non-finite number is a bug upstream, not a price. */
export function badQuantity(name: string, value: number | undefined): string | null {
  if (value === undefined) return null;
  if (!Number.isFinite(value) || value < 0) return `${name} must be a non-negative number (got ${String(value)}): estimate unavailable`;
  return null;
}

export function firstError(...errors: (string | null)[]): string | null {
  return errors.find((e): e is string => e !== null) ?? null;
}
