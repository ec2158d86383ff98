// One running session against one backend: the store, the breakers and the
// inventory poller. The TUI, `list --watch` and the REST server each hold one.
import { credentialProvider, probeCredentials, readAwsConfig, withRegions, type Backend } from './backend.js';
import { ClientPool } from './aws/clients.js';
import { classifyError } from './aws/errors.js';
import { fetchInventory, type ChunkResult } from './inventory.js';
import { Poller } from './poller.js';
import { BreakerSet, DEFAULT_BREAKER, type RetryPolicy } from './resilience.js';
import { Store } from './store.js';
import { StorageError } from './types.js';

const SERVICE_LABEL: Record<string, string> = { ec2: 'EBS', efs: 'EFS', fsx: 'FSx', s3: 'S3' };

export interface SessionOptions {
  refreshMs?: number;
  maxBackoffMs?: number;
  now?: () => number;
  retry?: RetryPolicy;
}

export class Session {
  readonly store = new Store();
  readonly breakers: BreakerSet;
  private poller: Poller;
  private generation = 0;
  private readonly now: () => number;
  /** Calls made by inventory refreshes (for the fault measurements). */
  refreshes = 0;

  constructor(
    public backend: Backend,
    private readonly opts: SessionOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
    this.breakers = new BreakerSet({ ...DEFAULT_BREAKER, now: this.now });
    this.poller = this.makePoller();
  }

  get readOnly(): boolean {
    return this.backend.readOnly;
  }

  start(): void {
    this.poller.start();
  }

  stop(): void {
    this.poller.stop();
    this.backend.pool.destroy();
  }

  /** `r`: refresh now, and give paused services an immediate probe. */
  refresh(): void {
    this.breakers.resetAll();
    this.poller.trigger();
  }

  /** One full inventory refresh; resolves to whether every chunk succeeded. */
  async refreshOnce(signal?: AbortSignal): Promise<boolean> {
    const gen = this.generation;
    this.refreshes++;
    this.store.setLoading(true);
    const pool = this.backend.pool;
    const results = await fetchInventory(
      pool,
      {
        regions: this.backend.regions,
        breakers: this.breakers,
        now: this.now,
        profile: this.backend.profile,
        retry: this.opts.retry,
        retryDeps: { signal },
        onRetry: (service, _region, err, wait) => {
          if (gen === this.generation) this.store.setMessage(`${service}: ${err.message} — retrying in ${(wait / 1000).toFixed(1)}s`, 'warn', this.now());
        },
      },
      (c: ChunkResult) => {
        // A region/profile switch during the fetch: drop what the old one returns.
        if (gen !== this.generation || signal?.aborted) return;
        this.store.applyChunk(c);
      },
    );
    if (gen !== this.generation) return true;
    // The poller backs off only when nothing at all answered (network down, credentials gone):
    // one denied service must not slow the refresh of the others.
    const allOk = results.some((r) => !r.error);
    const failed = results.filter((r) => r.error);
    if (failed.length === 0) this.store.setMessage(undefined);
    else {
      // The hint first: it is what a person can act on, and the line is narrow.
      const e = failed[0].error as StorageError;
      const more = failed.length > 1 ? ` (+${failed.length - 1} more)` : '';
      this.store.setMessage(`${SERVICE_LABEL[failed[0].service]}: ${e.hint}${more} — press e for details`, e.type === 'throttling' || e.type === 'unavailable' ? 'warn' : 'error', this.now());
    }
    this.store.setLoading(false);
    return allOk;
  }

  /** `:region a,b`: switch live; old results are not mixed in. */
  switchRegions(regions: string[]): void {
    this.poller.stop();
    this.generation++;
    this.backend = withRegions(this.backend, regions);
    this.breakers.clear();
    this.store.clear();
    this.poller = this.makePoller();
    this.poller.start();
  }

  /** `:profile name`: resolve the profile's credentials first; on failure nothing changes. */
  async switchProfile(profile: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
    if (this.backend.mode === 'sim') {
      throw new StorageError({ type: 'validation', service: 'local', code: 'SimulatedRegion', message: 'profiles do not apply to the simulated region', hint: 'restart with --aws --profile NAME to use an AWS profile', recoverable: false });
    }
    const credentials = credentialProvider(profile);
    const probe = await probeCredentials(credentials);
    if (!probe.ok) throw classifyError(probe.error, { service: 'sts', profile });
    const region = readAwsConfig(env).get(profile)?.region ?? this.backend.region;
    this.poller.stop();
    this.generation++;
    this.backend.pool.destroy();
    const regions = this.backend.regions.length > 1 ? this.backend.regions : [region];
    const pool = new ClientPool({ ...this.backend.pool.options, credentials, region: regions[0] });
    this.backend = { ...this.backend, profile, credentials, pool, region: regions[0], regions };
    this.breakers.clear();
    this.store.clear();
    this.poller = this.makePoller();
    this.poller.start();
  }

  private makePoller(): Poller {
    return new Poller({
      intervalMs: this.opts.refreshMs ?? 30_000,
      maxBackoffMs: this.opts.maxBackoffMs ?? 120_000,
      task: (signal) => this.refreshOnce(signal),
    });
  }
}
