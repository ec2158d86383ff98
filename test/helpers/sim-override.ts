// A simulated-region backend whose AWS calls a test can answer first: a failing
// attach, a script that fails on the instance. Everything else goes to the
// simulated region unchanged.
import { ClientPool, type ClientPlugin } from '../../src/services/aws/clients.js';
import type { Backend } from '../../src/services/backend.js';
import type { SimRegion } from '../../src/services/sim/index.js';

/** Answers `service:Command` (e.g. "ssm:GetCommandInvocation") before the simulated region; undefined lets the call through; an Error is thrown. */
export type Override = (call: string, input: Record<string, unknown>) => unknown;

export function overridePlugin(inner: ClientPlugin, override: Override | undefined): ClientPlugin {
  return (client, service, region) => {
    inner(client, service, region);
    if (!override) return;
    const stack = (client as unknown as { middlewareStack: { add: (mw: unknown, o: object) => void } }).middlewareStack;
    stack.add(
      (next: (a: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: { input: Record<string, unknown> }) => {
        const out = override(`${service}:${(context.commandName ?? '').replace(/Command$/, '')}`, args.input);
        if (out instanceof Error) throw out;
        return out === undefined ? next(args) : { output: out, response: {} };
      },
      { step: 'initialize', name: 'testOverride', priority: 'high' },
    );
  };
}

export function overriddenBackend(sim: SimRegion, override?: Override, region = 'us-east-1'): Backend {
  const pool = new ClientPool({ region, credentials: { accessKeyId: 'sim', secretAccessKey: 'sim' }, plugin: overridePlugin(sim.plugin, override) });
  return { mode: 'sim', reason: '--demo: using the simulated region', region, regions: [region], readOnly: false, pool, sim, serviceEndpoints: {} };
}
