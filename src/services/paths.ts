// Where prism-storage keeps things, by the XDG base directory conventions.
import { homedir } from 'node:os';
import { join } from 'node:path';

function base(env: NodeJS.ProcessEnv, xdgVar: string, fallback: string[]): string {
  const v = env[xdgVar];
  if (v && v.startsWith('/')) return join(v, 'prism-storage');
  return join(env.HOME || homedir(), ...fallback, 'prism-storage');
}

/** Durable user state: simulated-region changes, audit log. */
export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
  return base(env, 'XDG_STATE_HOME', ['.local', 'state']);
}

/** Re-creatable caches: Cost Explorer answers. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return base(env, 'XDG_CACHE_HOME', ['.cache']);
}

/** Configuration: the REST server's token. */
export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  return base(env, 'XDG_CONFIG_HOME', ['.config']);
}
