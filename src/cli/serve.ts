// `prism-storage serve`: starts the REST server and keeps it up until
// Ctrl-C / SIGTERM (exit 0).
import { isLoopback, startServer } from '../server/serve.js';
import { sanitize } from '../services/sanitize.js';
import { EXIT } from './io.js';
import { run, type CommandContext } from './runner.js';

export interface ServeCliOptions {
  port: number;
  host: string;
  refresh?: number;
}

export async function serveCommand(ctx: CommandContext, o: ServeCliOptions): Promise<void> {
  const io = ctx.io;
  await run(ctx, 'table', async (backend) => {
    // Names in log lines come from clients and AWS: one line each, no control characters.
    const log = (l: string) => io.stderr.write(`prism-storage serve: ${sanitize(l)}\n`);
    const server = await startServer({ backend, host: o.host, port: o.port, refreshMs: (o.refresh ?? 30) * 1000, env: io.env, now: io.now, log });
    io.stdout.write(`listening on ${server.url}\n`);
    io.stdout.write(`token: ${server.tokenFile}${server.tokenCreated ? ' (new)' : ''}\n`);
    io.stdout.write(`OpenAPI: ${server.url}/api/v1/openapi.json\n`);
    if (backend.readOnly) log('read-only: every change is refused with 403');
    if (!isLoopback(server.host)) log(`WARNING: listening on ${server.host}, reachable from the network over plain HTTP; anyone who learns the token can use it (prefer --host 127.0.0.1 and an SSH tunnel)`);
    await new Promise<void>((resolve) => {
      const off = io.onInterrupt(() => {
        off();
        resolve();
      });
    });
    log('stopping');
    await server.close();
    return EXIT.OK;
  });
}
