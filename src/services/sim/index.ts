// The simulated region: the embedded default when no AWS credentials are
// found, and the test and demo bed. It answers the same SDK commands the real
// providers send, as an initialize-step middleware on real SDK clients, with
// outputs typed by the SDK's own shapes; nothing goes to the network.
import type { ClientPlugin } from '../aws/clients.js';
import type { ServiceName } from '../types.js';
import type { SimWorldView } from './subject.js';
import type { Durations } from './model.js';
import type { Handler, HandlerTable } from './handlers/common.js';
import { ec2Handlers, EC2_MUTATIONS } from './handlers/ec2.js';
import { efsHandlers, EFS_MUTATIONS } from './handlers/efs.js';
import { fsxHandlers, FSX_MUTATIONS } from './handlers/fsx.js';
import { s3Handlers, S3_MUTATIONS } from './handlers/s3.js';
import { kmsHandlers } from './handlers/kms.js';
import { dsHandlers, ssmHandlers, stsHandlers } from './handlers/misc.js';
import { awsError, isAwsShaped, loadExceptionClass } from './errors.js';
import { faultFor, notOptedInError, unknownHostError, type FaultSpec } from './faults.js';
import { Intervals } from './intervals.js';
import { StateStore, defaultStateDir, redact, type JournalEntry, type StateFile } from './persist.js';
import { hash32, mulberry32, Rng } from './rand.js';
import { regionInfo } from './regions.js';
import { populateScale } from './scale.js';
import { populateSeeded } from './seed-world.js';
import { makeAccountView, makeView } from './view.js';
import { World } from './world.js';

export { parseFaults, type FaultSpec } from './faults.js';
export { defaultStateDir } from './persist.js';
export type { SimWorldView, SimMetricSubject, WorkloadProfile } from './subject.js';

export interface SimOptions {
  /** Default 42; same seed => same world, same ids. */
  seed?: number;
  /** N extra generated resources spread over all seven kinds (in us-east-1). */
  scale?: number;
  /** Where user-created/deleted resources persist (JSON); null = in memory only. Default: defaultStateDir(). */
  stateDir?: string | null;
  faults?: FaultSpec;
  /** Clock, default Date.now. */
  now?: () => number;
  /** Multiplies the creating->available and deleting->gone durations (EBS 4 s, S3 0, EFS 6 s, FSx 20 s). Default 1. */
  lifecycleSeconds?: number;
}

const TABLES: Partial<Record<ServiceName, HandlerTable>> = {
  ec2: ec2Handlers,
  efs: efsHandlers,
  fsx: fsxHandlers,
  s3: s3Handlers,
  kms: kmsHandlers,
  sts: stsHandlers,
  ds: dsHandlers,
  ssm: ssmHandlers,
};

/** Commands that change the world and are kept in the journal (S3 DeleteObjects is kept as object state). */
const MUTATIONS: Partial<Record<ServiceName, Set<string>>> = {
  ec2: new Set(EC2_MUTATIONS),
  efs: new Set(EFS_MUTATIONS),
  fsx: new Set(FSX_MUTATIONS),
  s3: new Set(S3_MUTATIONS),
};

const SERVICE_TITLE: Record<ServiceName, string> = {
  ec2: 'EC2',
  efs: 'EFS',
  fsx: 'FSx',
  s3: 'S3',
  cloudwatch: 'CloudWatch',
  ce: 'Cost Explorer',
  ssm: 'Systems Manager',
  sts: 'STS',
  kms: 'KMS',
  ds: 'Directory Service',
};

interface MiddlewareStackLike {
  add(mw: unknown, options: { step: 'initialize'; name: string; priority?: 'high' | 'normal' | 'low'; override?: boolean }): void;
}

export class SimRegion {
  readonly plugin: ClientPlugin;
  readonly stats: { calls: number; byCommand: Record<string, number> } = { calls: 0, byCommand: {} };

  private faults: FaultSpec;
  private readonly seed: number;
  private readonly scale: number;
  private readonly now: () => number;
  private readonly durations: Durations;
  private readonly store: StateStore;
  private readonly faultRoll: () => number;
  private worldState: { world: World; state: StateFile } | undefined;
  private transient = 0;

  constructor(opts: SimOptions = {}) {
    this.seed = opts.seed ?? 42;
    this.scale = Math.max(0, Math.floor(opts.scale ?? 0));
    this.now = opts.now ?? Date.now;
    this.faults = { ...opts.faults };
    const f = Math.max(0, opts.lifecycleSeconds ?? 1);
    this.durations = { ebs: 4000 * f, s3: 0, efs: 6000 * f, fsx: 20_000 * f };
    this.store = new StateStore(opts.stateDir === undefined ? defaultStateDir() : opts.stateDir, this.seed);
    this.faultRoll = mulberry32(hash32(this.seed, 'faults'));
    this.plugin = (client, service, region) => {
      const stack = (client as unknown as { middlewareStack: MiddlewareStackLike }).middlewareStack;
      stack.add(
        (_next: unknown, context: { commandName?: string }) => async (args: { input: unknown }) => {
          const command = (context.commandName ?? '').replace(/Command$/, '');
          const output = await this.call(service, region, command, args.input);
          return { output, response: {} };
        },
        // 'low' priority: the SDK's own initialize-step middleware (e.g. S3's
        // LocationConstraint filler) runs first, so the sim sees what AWS would.
        { step: 'initialize', name: 'simulatedRegion', priority: 'low', override: true },
      );
    };
  }

  setFaults(f: FaultSpec): void {
    this.faults = { ...f };
  }

  /** The world of one region as the metric handlers see it. */
  view(region: string): SimWorldView {
    const { world } = this.ensure();
    return makeView(world, region, this.now);
  }

  /** Forgets persisted user changes (backs --sim-reset) and rebuilds the seeded world. */
  reset(): void {
    this.store.clear();
    this.worldState = undefined;
  }

  // -------------------------------------------------------------------------

  private ensure(): { world: World; state: StateFile } {
    if (this.worldState) return this.worldState;
    const world = new World(this.seed, this.now(), this.durations, (w, rw) => {
      populateSeeded(w, rw);
      if (rw.region === 'us-east-1') populateScale(w, rw, this.scale);
    });
    world.region('us-east-1');
    world.region('us-west-2');
    const state = this.store.load(this.now());
    for (const [name, o] of Object.entries(state.objects)) {
      const b = world.buckets.get(name);
      if (!b || b.objects.count === 0) continue;
      b.objects.marked = new Intervals(o.marked);
      b.objects.purged = new Intervals(o.purged);
    }
    this.worldState = { world, state };
    const kept: JournalEntry[] = [];
    for (const e of state.journal) {
      try {
        this.apply(world, e.service, e.region, e.command, e.input, e.at, Rng.from('user-ids', e.n));
        kept.push(e);
      } catch {
        // The change no longer applies (e.g. the seed's world differs); drop it.
      }
    }
    if (kept.length !== state.journal.length) {
      state.journal = kept;
      this.persist();
    }
    return this.worldState;
  }

  private handler(service: ServiceName, command: string): Handler {
    const h = TABLES[service]?.[command];
    if (!h) throw awsError(service, 'UnsupportedOperation', `${SERVICE_TITLE[service]} ${command} is not supported by the simulated region.`, { status: 400 });
    return h;
  }

  /** Runs a handler synchronously (replay); mutating handlers never await. */
  private apply(world: World, service: ServiceName, region: string, command: string, input: unknown, at: number, ids: Rng): object {
    const out = this.handler(service, command)({ world, rw: world.region(region), region, service, now: at, ids, durations: this.durations }, input);
    if (out instanceof Promise) throw new Error(`${service}:${command} is asynchronous and cannot be replayed`);
    return out;
  }

  private persist(): void {
    const ws = this.worldState;
    if (!ws) return;
    const objects: StateFile['objects'] = {};
    for (const b of ws.world.buckets.values()) {
      if (b.objects.count > 0 && (b.objects.marked.size > 0 || b.objects.purged.size > 0)) objects[b.name] = { marked: b.objects.marked.toJSON(), purged: b.objects.purged.toJSON() };
    }
    ws.state.objects = objects;
    try {
      this.store.save(ws.state);
    } catch {
      // An unwritable state directory must not break the session: changes stay in memory.
    }
  }

  private async call(service: ServiceName, region: string, command: string, input: unknown): Promise<object> {
    this.stats.calls++;
    const key = `${service}:${command}`;
    this.stats.byCommand[key] = (this.stats.byCommand[key] ?? 0) + 1;
    const callNo = this.stats.calls;
    const requestId = `${hash32(this.seed, 'req', callNo).toString(16).padStart(8, '0')}-sim0-4000-8000-${hash32(callNo, key).toString(16).padStart(8, '0')}0000`;
    try {
      await loadExceptionClass(service);
      const latency = this.faults.latencyMs ?? 0;
      if (latency > 0) await new Promise((r) => setTimeout(r, latency));
      // No AWS call answers synchronously: give the event loop a turn (keys, frames) before
      // computing the answer, so a burst of heavy calls (GetMetricData) never freezes the UI.
      else await new Promise((r) => setImmediate(r));
      const roll = this.faultRoll();
      const fault = faultFor(this.faults, service, command, region, callNo, roll);
      if (fault) throw fault;
      if (service !== 'ce') {
        const info = regionInfo(region);
        if (!info) throw unknownHostError(service, region);
        if (info.optIn === 'not-opted-in') throw notOptedInError(service);
      }
      const output = await this.answer(service, region, command, input);
      const metadata = { httpStatusCode: 200, requestId, attempts: 1, totalRetryDelay: 0 };
      return { ...output, $metadata: metadata };
    } catch (e) {
      if (isAwsShaped(e) && e.$metadata.requestId === undefined && e.$metadata.httpStatusCode !== undefined) e.$metadata.requestId = requestId;
      throw e;
    }
  }

  private async answer(service: ServiceName, region: string, command: string, input: unknown): Promise<object> {
    const { world, state } = this.ensure();
    if (service === 'cloudwatch') {
      const { handleCloudWatch } = await import('./cloudwatch.js');
      return (await handleCloudWatch(makeView(world, region, this.now), command, input)) as object;
    }
    if (service === 'ce') {
      const { handleCostExplorer } = await import('./costexplorer.js');
      return (await handleCostExplorer(makeAccountView(world, this.now), command, input)) as object;
    }
    // EC2 DryRun: permission (faults) already checked; the request would have succeeded.
    if (service === 'ec2' && (input as { DryRun?: boolean } | undefined)?.DryRun === true) {
      this.handler(service, command);
      throw awsError('ec2', 'DryRunOperation', 'Request would have succeeded, but DryRun flag is set.', { status: 412 });
    }
    const mutating = MUTATIONS[service]?.has(command) ?? false;
    if (!mutating) {
      this.transient++;
      const ids = Rng.from('transient', this.seed, this.transient);
      const out = this.handler(service, command)({ world, rw: world.region(region), region, service, now: this.now(), ids, durations: this.durations }, input);
      const result = await out;
      if (service === 's3' && command === 'DeleteObjects') this.persist();
      return result;
    }
    const n = state.nextN;
    const at = this.now();
    const out = this.apply(world, service, region, command, input, at, Rng.from('user-ids', n));
    state.nextN = n + 1;
    state.journal.push({ n, at, region, service, command, input: redact(input) });
    this.persist();
    return out;
  }
}
