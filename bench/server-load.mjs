/* global fetch */
// Load on `prism-storage serve` at 10,000 stores: GET /api/v1/storage from a
// second process on loopback (keep-alive connections, fixed concurrency), a
// bounded number of requests and a bounded time; requests per second and
// latency percentiles. Run by bench/run.mjs, or alone: node bench/server-load.mjs
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median, p99 } from './lib.mjs';

const BIN = resolve('dist/prism-storage.js');
const SCALE = Number(process.env.BENCH_SCALE ?? 10_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 500);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const MAX_SECONDS = Number(process.env.BENCH_SECONDS ?? 60);

// ---------------------------------------------------------------------------
// The client (a separate process): `node server-load.mjs --client <url> <token> <requests> <concurrency> <seconds> <identity|gzip|etag:...>`

async function client(url, token, total, concurrency, seconds, mode) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const lat = [];
  let bytes = 0;
  let errors = 0;
  let statuses = {};
  let next = 0;
  const started = process.hrtime.bigint();
  const deadline = Date.now() + seconds * 1000;
  const one = () =>
    new Promise((res) => {
      const t = process.hrtime.bigint();
      const headers = { authorization: `Bearer ${token}` };
      if (mode === 'gzip') headers['accept-encoding'] = 'gzip';
      if (mode.startsWith('etag:')) headers['if-none-match'] = mode.slice(5);
      const req = request(url, { agent, headers }, (r) => {
        r.on('data', (d) => (bytes += d.length));
        r.on('end', () => {
          statuses[r.statusCode] = (statuses[r.statusCode] ?? 0) + 1;
          if (r.statusCode !== 200 && r.statusCode !== 304) errors++;
          lat.push(Number(process.hrtime.bigint() - t) / 1e6);
          res();
        });
      });
      req.on('error', () => {
        errors++;
        res();
      });
      req.end();
    });
  const worker = async () => {
    while (next < total && Date.now() < deadline) {
      next++;
      await one();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const secs = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  return { requests: lat.length, seconds: Math.round(secs * 100) / 100, requestsPerSecond: Math.round((lat.length / secs) * 10) / 10, p50Ms: Math.round(median(lat) * 10) / 10, p99Ms: Math.round(p99(lat) * 10) / 10, maxMs: Math.round(Math.max(...lat) * 10) / 10, bytesPerResponse: Math.round(bytes / Math.max(1, lat.length)), errors, statuses };
}

if (process.argv[2] === '--client') {
  const [url, token, n, c, s, mode] = process.argv.slice(3);
  process.stdout.write(JSON.stringify(await client(url, token, Number(n), Number(c), Number(s), mode)) + '\n');
  process.exit(0);
}

// ---------------------------------------------------------------------------

function runClient(url, token, mode) {
  return new Promise((res, rej) => {
    const args = [fileURLToPath(import.meta.url), '--client', url, token, String(REQUESTS), String(CONCURRENCY), String(MAX_SECONDS), mode];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) => (code === 0 ? res(JSON.parse(out)) : rej(new Error(`load client exited ${code}`))));
  });
}

export default async function serverLoad() {
  const home = mkdtempSync(join(tmpdir(), 'prism-bench-serve-'));
  const env = { ...process.env, HOME: home, XDG_STATE_HOME: join(home, 'state'), XDG_CACHE_HOME: join(home, 'cache'), XDG_CONFIG_HOME: join(home, 'config'), AWS_EC2_METADATA_DISABLED: 'true' };
  for (const k of Object.keys(env)) if (k.startsWith('AWS_') && k !== 'AWS_EC2_METADATA_DISABLED') delete env[k];
  const t0 = Date.now();
  const server = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--demo', '--sim-ephemeral', '--sim-scale', String(SCALE), '--refresh', '3600'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  server.stdout.on('data', (d) => (out += d));
  server.stderr.resume();
  try {
    const deadline = Date.now() + 120_000;
    while (!/OpenAPI:/.test(out)) {
      if (server.exitCode !== null || Date.now() > deadline) throw new Error(`serve did not start: ${out}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const base = /listening on (\S+)/.exec(out)[1];
    const token = readFileSync(join(home, 'config', 'prism-storage', 'server-token'), 'utf8').trim();
    const url = `${base}/api/v1/storage`;
    // The first answer waits for the first inventory of all 10,000 stores.
    const first = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    const body = await first.text();
    const firstAnswerMs = Date.now() - t0;
    const stores = Number(first.headers.get('x-total-count'));
    const etag = first.headers.get('etag');
    const full = await runClient(url, token, 'identity');
    const gzip = await runClient(url, token, 'gzip');
    const conditional = await runClient(url, token, `etag:${etag}`);
    const result = { stores, bodyBytes: body.length, firstAnswerAfterStartMs: firstAnswerMs, concurrency: CONCURRENCY, maxRequests: REQUESTS, maxSeconds: MAX_SECONDS, full, gzip, conditional304: conditional };
    console.log(`== REST GET /api/v1/storage at ${stores.toLocaleString('en-US')} stores (${(body.length / 1e6).toFixed(1)} MB), ${CONCURRENCY} keep-alive connections from a second process ==`);
    console.log(`full body: ${full.requestsPerSecond} req/s, p50 ${full.p50Ms} ms, p99 ${full.p99Ms} ms (${full.requests} requests, ${full.errors} errors)`);
    console.log(`gzip (${(gzip.bytesPerResponse / 1e6).toFixed(2)} MB): ${gzip.requestsPerSecond} req/s, p50 ${gzip.p50Ms} ms, p99 ${gzip.p99Ms} ms`);
    console.log(`If-None-Match (304): ${conditional.requestsPerSecond} req/s, p50 ${conditional.p50Ms} ms, p99 ${conditional.p99Ms} ms`);
    return { serverLoad: result };
  } finally {
    server.kill('SIGINT');
    await new Promise((r) => (server.exitCode !== null ? r() : server.once('exit', r)));
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) console.log(JSON.stringify(await serverLoad(), null, 2));
