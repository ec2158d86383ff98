// A throttling storm: the simulated region throttles 30% of calls for a while; a
// session refreshes on its normal poller. Records calls made, the longest time
// any part of the list went without a successful refresh, and recovery.
import { ClientPool } from '../src/services/aws/clients.js';
import { Session } from '../src/services/session.js';
import { SimRegion } from '../src/services/sim/index.js';

async function main(): Promise<void> {
  const seconds = Number(process.argv[2] ?? 300);
  const refreshMs = Number(process.argv[3] ?? 5000);
  const sim = new SimRegion({ stateDir: null, faults: { throttleRate: 0.3 } });
  const pool = new ClientPool({ region: 'us-east-1', credentials: { accessKeyId: 's', secretAccessKey: 's' }, plugin: sim.plugin });
  const session = new Session({ mode: 'sim', reason: 'bench', region: 'us-east-1', regions: ['us-east-1'], readOnly: false, pool, sim, serviceEndpoints: {} }, { refreshMs, metricsMs: 60_000 });
  session.setInterest({ visible: [] });
  const t0 = Date.now();
  session.start();
  let worstGapMs = 0;
  let fullyFresh = 0;
  let samples = 0;
  const sampler = setInterval(() => {
    const snap = session.store.getSnapshot();
    if (snap.chunks.length === 0) return;
    samples++;
    const now = Date.now();
    const oldest = Math.min(...snap.chunks.map((c) => c.okAt ?? t0));
    worstGapMs = Math.max(worstGapMs, now - oldest);
    if (snap.chunks.every((c) => !c.error)) fullyFresh++;
  }, 100);
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const callsDuringStorm = sim.stats.calls;
  const throttled = Object.entries(sim.stats.byCommand).length;
  const shownBefore = session.store.getSnapshot().resources.length;
  // The storm ends: the next refresh must bring every service back with no intervention.
  sim.setFaults({});
  const recoverStart = Date.now();
  let recoveredMs: number | null = null;
  while (Date.now() - recoverStart < 10 * refreshMs + 30_000) {
    await new Promise((r) => setTimeout(r, 100));
    const snap = session.store.getSnapshot();
    if (snap.chunks.length && snap.chunks.every((c) => !c.error && (c.okAt ?? 0) >= recoverStart)) {
      recoveredMs = Date.now() - recoverStart;
      break;
    }
  }
  clearInterval(sampler);
  session.stop();
  const result = {
    stormSeconds: seconds,
    refreshSeconds: refreshMs / 1000,
    throttleRate: 0.3,
    callsMade: callsDuringStorm,
    commandsSeen: throttled,
    refreshes: session.refreshes,
    longestWithoutSuccessfulRefreshSec: Math.round(worstGapMs / 100) / 10,
    fractionOfTimeFullyFresh: samples ? Math.round((fullyFresh / samples) * 1000) / 1000 : 0,
    storesShownThroughout: shownBefore,
    recoveredWithoutIntervention: recoveredMs !== null,
    recoveredInSec: recoveredMs === null ? null : Math.round(recoveredMs / 100) / 10,
  };
  process.stdout.write(JSON.stringify(result) + '\n');
  process.exit(0);
}

void main();
