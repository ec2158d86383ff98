// The first list of a session (Session.firstListGate, firstList, detailsAfter):
// shown whole once every service answered, or after the settle window with what
// has answered; per-store detail calls wait for the dashboard's first frame.
import { afterEach, describe, expect, it } from 'vitest';
import { ClientPool, type ClientPlugin } from '../../src/services/aws/clients.js';
import type { Backend } from '../../src/services/backend.js';
import { Session } from '../../src/services/session.js';
import { SimRegion } from '../../src/services/sim/index.js';

/** Holds every call named `service:Command` until released. */
function gatedBackend(sim: SimRegion, gated: string[]): { backend: Backend; release: () => void; calls: string[] } {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const calls: string[] = [];
  const plugin: ClientPlugin = (client, service, region) => {
    sim.plugin(client, service, region);
    (client as unknown as { middlewareStack: { add: (mw: unknown, o: object) => void } }).middlewareStack.add(
      (next: (a: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: unknown) => {
        const name = `${service}:${(context.commandName ?? '').replace(/Command$/, '')}`;
        calls.push(name);
        if (gated.includes(name)) await gate;
        return next(args);
      },
      { step: 'initialize', name: 'testGate', priority: 'high' },
    );
  };
  const pool = new ClientPool({ region: 'us-east-1', credentials: { accessKeyId: 'sim', secretAccessKey: 'sim' }, plugin });
  return { backend: { mode: 'sim', reason: 'test', region: 'us-east-1', regions: ['us-east-1'], readOnly: false, pool, sim, serviceEndpoints: {} }, release, calls };
}

let session: Session | undefined;
afterEach(() => session?.stop());

describe('the first list', () => {
  it('is drawn in one go once every service has answered: subscribers see no partial list', async () => {
    const sim = new SimRegion({ stateDir: null });
    const pool = new ClientPool({ region: 'us-east-1', credentials: { accessKeyId: 'sim', secretAccessKey: 'sim' }, plugin: sim.plugin });
    session = new Session({ mode: 'sim', reason: 'test', region: 'us-east-1', regions: ['us-east-1'], readOnly: false, pool, sim, serviceEndpoints: {} }, { refreshMs: 3_600_000, metrics: false, firstListSettleMs: 5_000 });
    const kindsSeen: number[] = [];
    session.store.subscribe(() => {
      const snap = session!.store.getSnapshot();
      if (snap.resources.length) kindsSeen.push(new Set(snap.chunks.filter((c) => c.okAt).map((c) => c.service)).size);
    });
    session.start();
    await session.firstList(10_000);
    // The first time anything was there, all four services were.
    expect(kindsSeen[0]).toBe(4);
    expect(session.store.getSnapshot().resources.length).toBeGreaterThan(20);
  });

  it('shows what has answered after the settle window when one service is slow, and the rest when it answers', async () => {
    const sim = new SimRegion({ stateDir: null });
    const g = gatedBackend(sim, ['fsx:DescribeFileSystems']);
    session = new Session(g.backend, { refreshMs: 3_600_000, metrics: false, firstListSettleMs: 50 });
    session.start();
    await session.firstList(10_000);
    let snap = session.store.getSnapshot();
    const types = new Set(snap.resources.map((r) => r.type));
    expect(types.has('ebs') && types.has('efs') && types.has('s3')).toBe(true);
    expect([...types].some((t) => t.startsWith('fsx'))).toBe(false);
    g.release();
    for (let i = 0; i < 500 && ![...new Set(session.store.getSnapshot().resources.map((r) => r.type))].some((t) => t.startsWith('fsx')); i++) await new Promise((r) => setTimeout(r, 10));
    snap = session.store.getSnapshot();
    expect(snap.resources.some((r) => r.type === 'fsx-lustre')).toBe(true);
  });

  it('firstList gives up after its wait when nothing answers', async () => {
    const sim = new SimRegion({ stateDir: null });
    const g = gatedBackend(sim, ['ec2:DescribeVolumes', 'efs:DescribeFileSystems', 'fsx:DescribeFileSystems', 's3:ListBuckets']);
    session = new Session(g.backend, { refreshMs: 3_600_000, metrics: false, firstListSettleMs: 5_000 });
    session.start();
    const t0 = Date.now();
    await session.firstList(100);
    expect(Date.now() - t0).toBeLessThan(4_000);
    expect(session.store.getSnapshot().resources).toHaveLength(0);
    g.release();
  });
});

describe('per-store detail calls', () => {
  it('wait for detailsAfter (the first frame), then fill in the S3 and EFS details', async () => {
    const sim = new SimRegion({ stateDir: null });
    const g = gatedBackend(sim, []);
    let firstFrame!: () => void;
    const detailsAfter = new Promise<void>((r) => (firstFrame = r));
    session = new Session(g.backend, { refreshMs: 3_600_000, metrics: false, detailsAfter });
    session.start();
    await session.firstList(10_000);
    // Every bucket and file system is listed...
    expect(session.store.getSnapshot().resources.filter((r) => r.type === 's3').length).toBeGreaterThan(3);
    await new Promise((r) => setTimeout(r, 50));
    // ...but no per-bucket or per-file-system call has been made yet.
    const detailCalls = () => g.calls.filter((c) => /^s3:Get|^efs:DescribeMountTargets|^efs:DescribeAccessPoints/.test(c));
    expect(detailCalls()).toEqual([]);
    firstFrame();
    for (let i = 0; i < 500 && session.store.getSnapshot().loading; i++) await new Promise((r) => setTimeout(r, 10));
    expect(detailCalls().length).toBeGreaterThan(5);
    const efs = session.store.getSnapshot().resources.find((r) => r.type === 'efs' && (r.mount.efsMountTargets?.length ?? 0) > 0);
    expect(efs).toBeDefined();
  });
});
