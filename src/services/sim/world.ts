// The simulated account: regions built on first use, S3 buckets (global
// namespace), insertion sequence, lifecycle durations and account identity.
import type { Bucket, Durations, RegionWorld } from './model.js';
import { addAwsManagedKeys, addDefaultVpc, azsOf, emptyRegion, regionInfo } from './regions.js';

export const ACCOUNT_ID = '123456789012';
export const CALLER = {
  userId: 'AROAZ3EXAMPLEROLEID7:alice',
  arn: `arn:aws:sts::${ACCOUNT_ID}:assumed-role/Researcher/alice`,
};

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const GiB = 1024 ** 3;
export const TiB = 1024 ** 4;

/** Adds a region's hand-made or generated content right after its skeleton is built. */
export type RegionPopulator = (world: World, rw: RegionWorld) => void;

export class World {
  readonly buckets = new Map<string, Bucket>();
  private readonly regions = new Map<string, RegionWorld>();
  private seqCounter = 0;

  constructor(
    readonly seed: number,
    /** Epoch ms the world was built at: seeded creation times are relative to it. */
    readonly anchor: number,
    readonly durations: Durations,
    private readonly populate: RegionPopulator,
  ) {}

  nextSeq = (): number => ++this.seqCounter;

  /** The region's state, built on first use. Throws for codes the catalog does not know. */
  region(code: string): RegionWorld {
    let rw = this.regions.get(code);
    if (rw) return rw;
    const info = regionInfo(code);
    if (!info) throw new Error(`unknown region ${code}`);
    rw = emptyRegion(code, azsOf(info, this.seed));
    addDefaultVpc(rw, this.seed, this.nextSeq);
    addAwsManagedKeys(rw, this.seed, ACCOUNT_ID, this.anchor - 500 * DAY);
    this.regions.set(code, rw);
    this.populate(this, rw);
    return rw;
  }

  builtRegions(): RegionWorld[] {
    return [...this.regions.values()];
  }

  /** Buckets located in a region (S3 is one namespace; each bucket lives in one region). */
  bucketsIn(region: string): Bucket[] {
    return [...this.buckets.values()].filter((b) => b.region === region);
  }
}
