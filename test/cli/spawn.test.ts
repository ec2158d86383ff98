// The built program as a user runs it: exit statuses, the one stderr line
// about the simulated region (and no SDK warning), Ctrl-C, and `serve`.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BIN, cleanEnv, run, start } from './proc.js';

const SIM = ['--demo', '--sim-ephemeral'];

describe.skipIf(!existsSync(BIN))('the built program', () => {
  it('list: exit 0, JSON on stdout, exactly one stderr line (the simulated region), no SDK warning', async () => {
    const r = await run(['list', ...SIM, '--output', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).stores.length).toBeGreaterThan(20);
    expect(r.stderr).toBe('prism-storage: --demo: using the simulated region\n');
  });

  it('global options with values before the subcommand, and --help, still reach the subcommands', async () => {
    const r = await run(['--region', 'us-east-1', '--sim-faults', 'latency=1', ...SIM, 'list', '--type', 'ebs', '-o', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).stores.every((s: { type: string }) => s.type === 'ebs')).toBe(true);
    const help = await run(['--demo', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Commands:[\s\S]*list\|ls[\s\S]*serve/);
  });

  it('without credentials the simulated region is chosen, and said so', async () => {
    const r = await run(['list', '--sim-ephemeral', '--type', 'ebs']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('prism-storage: no AWS credentials found: using the simulated region (--aws to insist, --demo to silence)\n');
  });

  it('exit 2 for usage errors', async () => {
    expect((await run(['list', '--bogus'])).code).toBe(2);
    expect((await run(['list', ...SIM, '--type', 'tape'])).code).toBe(2);
    expect((await run(['delete', 'old-analysis-scratch', ...SIM])).code).toBe(2);
  }, 120_000);

  it('exit 1 for --aws without credentials and for changes under --read-only; 3 for partial answers', async () => {
    const aws = await run(['list', '--aws']);
    expect(aws.code).toBe(1);
    expect(aws.stderr).toMatch(/^prism-storage: --aws: no AWS credentials found/);
    const ro = await run(['create', 'x', '--type', 'ebs', '--read-only', ...SIM]);
    expect(ro.code).toBe(1);
    expect(ro.stderr).toContain('create refused: prism-storage runs with --read-only');
    const partial = await run(['list', ...SIM, '--sim-faults', 'deny=fsx', '-o', 'json']);
    expect(partial.code).toBe(3);
    expect(JSON.parse(partial.stdout).errors[0].service).toBe('fsx');
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('3  partial: some services failed');
  }, 120_000);

  it('list --watch: Ctrl-C exits 0', async () => {
    const p = start(['list', '--watch', ...SIM, '--type', 'ebs']);
    await p.waitFor((o) => o.includes('genomics-scratch'), 'the first table');
    // Still watching (the poller alone would not hold the process open).
    expect(p.child.exitCode).toBeNull();
    p.child.kill('SIGINT');
    expect(await p.exited).toBe(0);
  });

  it('serve: prints where it listens and the token file, answers with the token only, stops on Ctrl-C', async () => {
    const env = cleanEnv();
    const p = start(['serve', '--port', '0', ...SIM], env);
    const out = await p.waitFor((o) => o.includes('OpenAPI:'), 'the start-up lines');
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1] as string;
    const file = /token: (\S+) \(new\)/.exec(out)?.[1] as string;
    expect(file).toBe(`${env.XDG_CONFIG_HOME}/prism-storage/server-token`);
    const token = readFileSync(file, 'utf8').trim();
    expect(out + p.stderr()).not.toContain(token);
    expect((await fetch(`${url}/api/v1/storage`)).status).toBe(401);
    expect((await fetch(`${url}/api/v1/storage`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const ok = await fetch(`${url}/api/v1/storage/genomics-scratch`, { headers: { authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { name: string }).name).toBe('genomics-scratch');
    p.child.kill('SIGINT');
    expect(await p.exited).toBe(0);
  });

  it('serve --read-only answers changes with 403', async () => {
    const env = cleanEnv();
    const p = start(['serve', '--port', '0', '--read-only', ...SIM], env);
    const out = await p.waitFor((o) => o.includes('OpenAPI:'), 'the start-up lines');
    const url = /listening on (\S+)/.exec(out)?.[1] as string;
    const token = readFileSync(`${env.XDG_CONFIG_HOME}/prism-storage/server-token`, 'utf8').trim();
    const r = await fetch(`${url}/api/v1/storage`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'x', type: 'ebs' }) });
    expect(r.status).toBe(403);
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
  });
});
