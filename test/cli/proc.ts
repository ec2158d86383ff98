// Runs the BUILT program (dist/prism-storage.js) as a child process with a
// private HOME and no AWS credentials from the machine.
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { tempEnv } from './harness.js';

export const BIN = resolve('dist/prism-storage.js');

export interface Proc {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<number | null>;
  /** Resolves once `pred` holds for stdout (bounded). */
  waitFor(pred: (stdout: string) => boolean, what: string, ms?: number): Promise<string>;
}

/** The environment of a user with nothing configured: no profile, no keys, no instance metadata. */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('AWS_') && !k.startsWith('XDG_') && k !== 'NO_COLOR' && k !== 'PRISM_DEBUG') env[k] = v;
  return { ...env, ...tempEnv(), AWS_EC2_METADATA_DISABLED: 'true', ...extra };
}

export function start(args: string[], env: NodeJS.ProcessEnv = cleanEnv()): Proc {
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    async waitFor(pred, what, ms = 30_000) {
      const deadline = Date.now() + ms;
      while (!pred(out)) {
        if (child.exitCode !== null) throw new Error(`exited (${child.exitCode}) before ${what}; stderr:\n${err}`);
        if (Date.now() > deadline) {
          child.kill('SIGKILL');
          throw new Error(`timed out waiting for ${what}; stdout:\n${out}\nstderr:\n${err}`);
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      return out;
    },
  };
}

/** Runs to the end (bounded); the exit code, stdout and stderr. */
export async function run(args: string[], env?: NodeJS.ProcessEnv, ms = 60_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const p = start(args, env);
  const timer = setTimeout(() => p.child.kill('SIGKILL'), ms);
  const code = await p.exited;
  clearTimeout(timer);
  return { code, stdout: p.stdout(), stderr: p.stderr() };
}
