// Runs the non-interactive commands in-process against the simulated region:
// a program with the same global flags as src/cli.tsx, streams that record,
// an exit status that is returned instead of ending the test process.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { Command, CommanderError, Option } from 'commander';
import { ClientPool } from '../../src/services/aws/clients.js';
import type { Backend } from '../../src/services/backend.js';
import { SimRegion, type SimOptions } from '../../src/services/sim/index.js';
import { registerCommands } from '../../src/cli/commands.js';
import type { CliIo, ExitCode } from '../../src/cli/io.js';

export function simBackend(sim: SimRegion, opts: { readOnly?: boolean; regions?: string[] } = {}): Backend {
  const regions = opts.regions ?? ['us-east-1'];
  const pool = new ClientPool({ region: regions[0], credentials: { accessKeyId: 'sim', secretAccessKey: 'sim' }, plugin: sim.plugin });
  return { mode: 'sim', reason: '--demo: using the simulated region', region: regions[0], regions, readOnly: !!opts.readOnly, pool, sim, serviceEndpoints: {} };
}

/** A private HOME and XDG directories: audit logs, caches and tokens never touch the real ones. */
export function tempEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const home = mkdtempSync(join(tmpdir(), 'prism-cli-'));
  return { HOME: home, XDG_STATE_HOME: join(home, 'state'), XDG_CACHE_HOME: join(home, 'cache'), XDG_CONFIG_HOME: join(home, 'config'), ...extra };
}

export interface MemIo {
  io: CliIo;
  stdout(): string;
  stderr(): string;
  code(): ExitCode | undefined;
  /** Ctrl-C. */
  interrupt(): void;
  stdin: PassThrough & { isTTY?: boolean };
}

export interface IoOptions {
  tty?: boolean;
  stdinTty?: boolean;
  columns?: number;
  rows?: number;
  env?: NodeJS.ProcessEnv;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export function memIo(o: IoOptions = {}): MemIo {
  let out = '';
  let err = '';
  let code: ExitCode | undefined;
  const handlers = new Set<() => void>();
  const stdin = Object.assign(new PassThrough(), { isTTY: o.stdinTty ?? false });
  const io: CliIo = {
    stdout: { write: (s: string) => (out += s), isTTY: o.tty ?? false, columns: o.columns, ...(o.rows ? { rows: o.rows } : {}) },
    stderr: { write: (s: string) => (err += s), isTTY: false },
    stdin,
    env: o.env ?? tempEnv(),
    setExitCode: (c) => {
      code = c;
    },
    onInterrupt: (fn) => {
      handlers.add(fn);
      return () => handlers.delete(fn);
    },
    now: o.now ?? Date.now,
    sleep: o.sleep,
  };
  return {
    io,
    stdout: () => out,
    stderr: () => err,
    code: () => code,
    interrupt: () => {
      for (const h of [...handlers]) h();
    },
    stdin,
  };
}

export interface CliRun {
  stdout: string;
  stderr: string;
  code: number;
}

export interface CliEnv {
  sim: SimRegion;
  /** Backend flags as the real entry would resolve them. */
  regions?: string[];
  io?: MemIo;
  ioOptions?: IoOptions;
}

/** The global flags of src/cli.tsx that the commands read (the rest only pick the backend). */
export function testProgram(): Command {
  return new Command('prism-storage')
    .option('--demo')
    .option('--aws')
    .option('--region <code>')
    .option('--regions <list>')
    .option('--read-only')
    .option('--refresh <seconds>', 'refresh', Number, 30)
    .addOption(new Option('--sim-ephemeral').hideHelp())
    .exitOverride();
}

/** Runs `prism-storage <argv...>` in-process; resolves when the command has finished. */
export async function runCli(argv: string[], env: CliEnv): Promise<CliRun & { mem: MemIo }> {
  const mem = env.io ?? memIo(env.ioOptions);
  const program = testProgram();
  let usage = '';
  program.configureOutput({ writeOut: (s) => mem.io.stdout.write(s), writeErr: (s) => (usage += s) });
  registerCommands(program, async () => simBackend(env.sim, { readOnly: !!program.opts().readOnly, regions: env.regions ?? (program.opts().regions ? String(program.opts().regions).split(',') : undefined) }), mem.io);
  let code: number | undefined;
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    code = e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help' ? 0 : 2;
  }
  return { stdout: mem.stdout(), stderr: mem.stderr() + usage, code: code ?? mem.code() ?? 0, mem };
}

export function newSim(o: SimOptions = {}): SimRegion {
  return new SimRegion({ stateDir: null, ...o });
}

/** A simulated world on a clock that only moves when something waits (sleep advances it). */
export const T0 = Date.UTC(2026, 10, 20, 12, 0, 0);
export interface World {
  sim: SimRegion;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  advance: (ms: number) => void;
}
export function world(o: SimOptions = {}): World {
  let t = T0;
  const now = () => t;
  return {
    sim: newSim({ now, ...o }),
    now,
    sleep: async (ms: number) => {
      t += ms;
    },
    advance: (ms: number) => {
      t += ms;
    },
  };
}

/** Commands the simulated region answered, by "service:Command". */
export function calls(sim: SimRegion, pattern: RegExp = /./): Record<string, number> {
  return Object.fromEntries(Object.entries(sim.stats.byCommand).filter(([k]) => pattern.test(k)));
}

/** Commands that change something (create, put, delete, modify, attach, send). */
export const MUTATING = /:(Create|Put|Delete|Modify|Attach|Detach|Update|Send|Tag)/;
