// `prism-storage serve`: the REST API on 127.0.0.1:8477 by default, over one
// Session that keeps the inventory in memory. Prints where it listens and
// where the token is (never the token); stops cleanly on Ctrl-C / SIGTERM.
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Backend } from '../services/backend.js';
import { sanitize } from '../services/sanitize.js';
import { Session } from '../services/session.js';
import { StorageError } from '../services/types.js';
import { createApp } from './app.js';
import { loadOrCreateToken, tokenPath } from './token.js';

export const DEFAULT_PORT = 8477;
export const DEFAULT_HOST = '127.0.0.1';

export interface ServeOptions {
  backend: Backend;
  host?: string;
  port?: number;
  /** Inventory refresh interval. */
  refreshMs?: number;
  env?: NodeJS.ProcessEnv;
  now?: () => number;
  /** Where start-up and change lines go (stderr by default). */
  log?: (line: string) => void;
}

export interface RunningServer {
  url: string;
  port: number;
  host: string;
  tokenFile: string;
  tokenCreated: boolean;
  session: Session;
  close(): Promise<void>;
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Host header values that name this server when it listens on loopback. */
export function loopbackHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
}

export async function startServer(o: ServeOptions): Promise<RunningServer> {
  const env = o.env ?? process.env;
  const host = o.host ?? DEFAULT_HOST;
  const log = o.log ?? ((l: string) => process.stderr.write(`prism-storage serve: ${sanitize(l)}\n`));
  const file = tokenPath(env);
  const { token, created } = loadOrCreateToken(file);
  const session = new Session(o.backend, { refreshMs: o.refreshMs ?? 30_000, now: o.now });
  let port = o.port ?? DEFAULT_PORT;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const allowed = () => loopbackHosts(port);
  const { app, operations } = createApp({
    session,
    token,
    env,
    now: o.now,
    log,
    hostAllowed: isLoopback(host) ? (h) => allowed().has(h.toLowerCase()) : undefined,
    url: () => `http://${urlHost}:${port}`,
  });

  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port, hostname: host }, (info: AddressInfo) => {
      port = info.port;
      resolve(s);
    });
    s.once('error', (e: NodeJS.ErrnoException) => {
      reject(
        new StorageError({
          type: e.code === 'EADDRINUSE' ? 'conflict' : 'network',
          service: 'local',
          code: e.code ?? 'ListenFailed',
          message: e.code === 'EADDRINUSE' ? `${host}:${port} is already in use` : `cannot listen on ${host}:${port}: ${e.message}`,
          hint: e.code === 'EADDRINUSE' ? 'another prism-storage serve may be running; choose another --port' : 'check --host and --port',
          recoverable: false,
        }),
      );
    });
  });
  session.start();
  const url = `http://${urlHost}:${port}`;
  return {
    url,
    port,
    host,
    tokenFile: file,
    tokenCreated: created,
    session,
    close: () =>
      new Promise<void>((resolve) => {
        session.stop();
        // Keep-alive connections would hold close() open: end the idle ones now.
        const s = server as ServerType & { closeIdleConnections?: () => void; closeAllConnections?: () => void };
        server.close(() => resolve());
        s.closeIdleConnections?.();
        if (operations.active === 0) s.closeAllConnections?.();
      }),
  };
}
