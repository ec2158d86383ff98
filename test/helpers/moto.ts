// The moto harness: starts `moto_server` (the AWS emulator used by the
// integration tests) on a free loopback port, waits until it answers, and
// stops it. One shared server is started by test/helpers/global-setup.ts;
// test files reach it through `inject('motoEndpoint')` (see motoEndpointOrSkip).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the shared moto server, or '' when moto_server is not installed. */
    motoEndpoint: string;
  }
}

const BINARY = 'moto_server';
/** How long moto may take to answer after spawn (python import time on a slow box). */
const START_DEADLINE_MS = 30_000;
/** How long moto gets to exit on SIGTERM before SIGKILL. */
const STOP_GRACE_MS = 5_000;

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Path of moto_server: PATH, else the pyenv shim, else `pyenv which moto_server`. */
export function findMotoServer(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const p = join(dir, BINARY);
    if (isExecutable(p)) return p;
  }
  const shim = join(process.env.PYENV_ROOT ?? join(homedir(), '.pyenv'), 'shims', BINARY);
  if (isExecutable(shim)) return shim;
  try {
    const r = spawnSync('pyenv', ['which', BINARY], { encoding: 'utf8', timeout: 10_000 });
    const p = r.status === 0 ? r.stdout.trim() : '';
    if (p && isExecutable(p)) return p;
  } catch {
    // pyenv not installed
  }
  return undefined;
}

export const motoAvailable: boolean = findMotoServer() !== undefined;

/** A port that was free a moment ago on 127.0.0.1 (bind to port 0, read it, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error('could not find a free port'))));
    });
  });
}

async function answers(endpoint: string): Promise<boolean> {
  try {
    const res = await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(2_000) });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const done = exited(child);
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const graceOver = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), STOP_GRACE_MS);
  });
  const first = await Promise.race([done.then(() => 'exited' as const), graceOver]);
  clearTimeout(timer);
  if (first === 'timeout') {
    child.kill('SIGKILL');
    await done;
  }
}

export interface MotoServer {
  endpoint: string;
  stop(): Promise<void>;
}

/** Starts moto_server on a free loopback port and resolves once it answers. */
export async function startMoto(): Promise<MotoServer> {
  const bin = findMotoServer();
  if (!bin) throw new Error('moto_server not found (looked in PATH, ~/.pyenv/shims and `pyenv which moto_server`)');
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child = spawn(bin, ['-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, PYTHONUNBUFFERED: '1' },
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (d: string) => {
    // Keep the tail only: moto logs every request to stderr.
    stderr = (stderr + d).slice(-4_000);
  });
  let spawnError: Error | undefined;
  child.once('error', (e) => {
    spawnError = e;
  });

  // If the test runner exits without teardown (Ctrl-C, crash), do not leave moto behind.
  const killOnExit = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));

  const deadline = Date.now() + START_DEADLINE_MS;
  let delay = 25;
  while (!(await answers(endpoint))) {
    const dead = spawnError !== undefined || child.exitCode !== null || child.signalCode !== null;
    if (dead || Date.now() > deadline) {
      await stopChild(child);
      const why = spawnError ? spawnError.message : dead ? `exited with ${child.exitCode ?? child.signalCode}` : `did not answer within ${START_DEADLINE_MS} ms`;
      throw new Error(`moto_server (${bin}) on port ${port} ${why}\n${stderr.trim()}`);
    }
    // Poll with a short growing interval, bounded by the deadline.
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 250);
  }
  return { endpoint, stop: () => stopChild(child) };
}

/** Forgets every resource in the moto server (affects every file sharing it). */
export async function resetMoto(endpoint: string): Promise<void> {
  const res = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST', signal: AbortSignal.timeout(10_000) });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`moto reset failed: HTTP ${res.status}`);
}

/**
 * The shared moto endpoint for a test file, or '' when moto is not installed
 * (global-setup then printed why). Use as `describe.skipIf(!endpoint)(...)`.
 */
export function motoEndpointOrSkip(): string {
  return inject('motoEndpoint') ?? '';
}

/** A name unique to this process and call, for resources in the shared server. */
let seq = 0;
export function uniqueName(prefix: string): string {
  seq += 1;
  return `${prefix}-${process.pid.toString(36)}-${Date.now().toString(36)}-${seq}`.toLowerCase();
}
