// The server as it runs: listening on loopback, the token file (made once,
// mode 600, refused when others can read it), real HTTP, a clean stop.
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bearerOf, loadOrCreateToken, tokenPath, tokensEqual } from '../../src/server/token.js';
import { isLoopback, startServer } from '../../src/server/serve.js';
import { newSim, simBackend, tempEnv } from '../cli/harness.js';

describe('the token', () => {
  it('is made on the first start (32 random bytes, base64url) with mode 600, and reused after', () => {
    const env = tempEnv();
    const file = tokenPath(env);
    expect(file).toBe(`${env.XDG_CONFIG_HOME}/prism-storage/server-token`);
    const first = loadOrCreateToken(file);
    expect(first.created).toBe(true);
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(first.token, 'base64url')).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(file)).mode & 0o777).toBe(0o700);
    const again = loadOrCreateToken(file);
    expect(again).toEqual({ token: first.token, created: false });
    expect(loadOrCreateToken(tokenPath(tempEnv())).token).not.toBe(first.token);
  });

  it('a token file others can read, or that holds junk, is refused', () => {
    const env = tempEnv();
    const file = tokenPath(env);
    loadOrCreateToken(file);
    chmodSync(file, 0o644);
    expect(() => loadOrCreateToken(file)).toThrow(/can be read by others \(mode 644\)/);
    chmodSync(file, 0o600);
    writeFileSync(file, 'not a token\n');
    expect(() => loadOrCreateToken(file)).toThrow(/does not hold a prism-storage token/);
    const fresh = tokenPath(tempEnv());
    mkdirSync(dirname(fresh), { recursive: true });
    writeFileSync(fresh, `${'x'.repeat(43)}\n`, { mode: 0o640 });
    expect(() => loadOrCreateToken(fresh)).toThrow(/can be read by others/);
  });

  it('is compared in constant time and only as a bearer token', () => {
    const t = 'A'.repeat(43);
    expect(tokensEqual(t, t)).toBe(true);
    expect(tokensEqual(`${t}A`, t)).toBe(false);
    expect(tokensEqual('', t)).toBe(false);
    expect(bearerOf(`Bearer ${t}`)).toBe(t);
    expect(bearerOf(`bearer   ${t}`)).toBe(t);
    expect(bearerOf(`Basic ${t}`)).toBeUndefined();
    expect(bearerOf(`Bearer ${t} extra`)).toBeUndefined();
    expect(bearerOf(undefined)).toBeUndefined();
  });
});

describe('startServer', () => {
  it('listens on 127.0.0.1, answers over HTTP with the token, refuses other Host names, and stops', async () => {
    const env = tempEnv();
    const lines: string[] = [];
    const server = await startServer({ backend: simBackend(newSim()), port: 0, env, log: (l) => lines.push(l), refreshMs: 3_600_000 });
    try {
      expect(server.host).toBe('127.0.0.1');
      expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
      expect(server.tokenFile).toBe(tokenPath(env));
      expect(server.tokenCreated).toBe(true);
      const token = readFileSync(server.tokenFile, 'utf8').trim();
      expect(lines.join('\n')).not.toContain(token);
      const health = await fetch(`${server.url}/healthz`);
      expect(await health.json()).toEqual({ ok: true });
      expect((await fetch(`${server.url}/api/v1/storage`)).status).toBe(401);
      const list = await fetch(`${server.url}/api/v1/storage?type=ebs`, { headers: { authorization: `Bearer ${token}` } });
      expect(list.status).toBe(200);
      expect(((await list.json()) as { stores: unknown[] }).stores.length).toBeGreaterThan(5);
      const doc = (await (await fetch(`${server.url}/api/v1/openapi.json`, { headers: { authorization: `Bearer ${token}` } })).json()) as { servers: { url: string }[] };
      expect(doc.servers).toEqual([{ url: server.url }]);
      // A DNS-rebinding page reaches 127.0.0.1 under another name: refused.
      const rebound = await new Promise<number>((resolve, reject) => {
        import('node:http').then(({ request }) => {
          const r = request({ host: '127.0.0.1', port: server.port, path: '/api/v1/storage', headers: { host: `attacker.example:${server.port}`, authorization: `Bearer ${token}` } }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          });
          r.on('error', reject);
          r.end();
        }, reject);
      });
      expect(rebound).toBe(421);
    } finally {
      await server.close();
    }
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });

  it('a port in use is a clear error', async () => {
    const env = tempEnv();
    const a = await startServer({ backend: simBackend(newSim()), port: 0, env, log: () => {} });
    try {
      await expect(startServer({ backend: simBackend(newSim()), port: a.port, env, log: () => {} })).rejects.toThrow(`127.0.0.1:${a.port} is already in use`);
    } finally {
      await a.close();
    }
  });

  it('knows loopback addresses', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', '::1', 'localhost']) expect(isLoopback(h)).toBe(true);
    for (const h of ['0.0.0.0', '10.0.0.5', '::']) expect(isLoopback(h)).toBe(false);
  });
});
