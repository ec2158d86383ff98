// End to end: the BUILT program in a real pseudo-terminal (tmux), simulated
// region, keys pressed, the screen read back.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = resolve('dist/prism-storage.js');
const INTL_PROBE = resolve('test/helpers/intl-probe.cjs');
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const session = `prism-e2e-${process.pid}`;
let home = '';

function tmux(...args: string[]): string {
  return execFileSync('tmux', args, { encoding: 'utf8' });
}

function screen(): string {
  return tmux('capture-pane', '-p', '-t', session);
}

async function waitForScreen(pred: (s: string) => boolean, what: string, timeoutMs = 45_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = screen();
    if (pred(s)) return s;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; screen:\n${s}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function start(cols: number, rows: number, args: string[], extraEnv: string[] = []): void {
  const env = [`HOME=${home}`, `XDG_STATE_HOME=${home}/state`, `XDG_CACHE_HOME=${home}/cache`, `XDG_CONFIG_HOME=${home}/config`, 'AWS_EC2_METADATA_DISABLED=true', 'TERM=xterm-256color', ...extraEnv];
  const cmd = `env -u AWS_PROFILE -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY ${env.join(' ')} node ${BIN} ${args.join(' ')}; echo EXITED:$?; sleep 30`;
  tmux('new-session', '-d', '-s', session, '-x', String(cols), '-y', String(rows), cmd);
}

describe.skipIf(!hasTmux || !existsSync(BIN))('dashboard in a real terminal (tmux)', () => {
  beforeAll(() => {
    home = mkdtempSync(join(tmpdir(), 'prism-e2e-'));
  });
  afterAll(() => {
    spawnSync('tmux', ['kill-session', '-t', session]);
    rmSync(home, { recursive: true, force: true });
  });

  // Generous bounds: a shared CI machine may be busy; the test waits for frames, never sleeps.
  it('shows the simulated region, filters, opens a detail, goes back and quits cleanly at 80x24', { timeout: 120_000 }, async () => {
    start(80, 24, ['--demo']);
    let s = await waitForScreen((x) => x.includes('SIMULATED') && /\d+ stores/.test(x) && x.includes('EBS ✓'), 'first full frame');
    expect(s.replace(/\n$/, '').split('\n').length).toBeLessThanOrEqual(24);
    // Nothing scrolled off: the header is still the first line.
    expect(s.split('\n')[0]).toContain('prism-storage');
    tmux('send-keys', '-t', session, '/', 'g', 'e', 'n', 'o', 'm', 'i', 'c', 's');
    s = await waitForScreen((x) => x.includes('/genomics'), 'filter prompt');
    tmux('send-keys', '-t', session, 'Enter');
    s = await waitForScreen((x) => x.includes('filter: "genomics"'), 'filter applied');
    tmux('send-keys', '-t', session, 'Enter');
    s = await waitForScreen((x) => x.includes('Identity') && x.includes('vol-'), 'detail screen');
    tmux('send-keys', '-t', session, 'Escape');
    s = await waitForScreen((x) => x.includes('NAME') && x.includes('KIND'), 'back to the list');
    tmux('send-keys', '-t', session, '?');
    s = await waitForScreen((x) => x.includes('Help') && x.includes('Keys'), 'help overlay');
    tmux('send-keys', '-t', session, 'Escape');
    await waitForScreen((x) => x.includes('NAME'), 'help closed');
    tmux('send-keys', '-t', session, 'q');
    s = await waitForScreen((x) => x.includes('EXITED:0'), 'clean exit');
    // The alternate screen was left: the dashboard is gone from the visible screen.
    expect(s).not.toContain('KIND');
  });

  it('says what it is doing before the first frame, and a signal then gives the terminal back', { timeout: 120_000 }, async () => {
    spawnSync('tmux', ['kill-session', '-t', session]);
    // Every simulated call takes 5 s: the first list is a while coming.
    start(80, 24, ['--demo', '--sim-ephemeral', '--sim-faults', 'latency=5000']);
    const s = await waitForScreen((x) => x.includes('listing stores in us-east-1 (simulated region)'), 'status line');
    expect(s).not.toContain('KIND');
    // SIGTERM (a closed SSH session sends SIGHUP, Ctrl-C SIGINT: the same handler). Sent to the
    // process itself: a CI runner may start jobs with SIGINT ignored, which Ctrl-C would not get past.
    const shell = tmux('list-panes', '-t', session, '-F', '#{pane_pid}').trim();
    const node = execFileSync('pgrep', ['-P', shell, 'node'], { encoding: 'utf8' }).trim();
    execFileSync('kill', ['-TERM', node]);
    const after = await waitForScreen((x) => x.includes('EXITED:143'), 'exit on SIGTERM');
    // Back on the normal screen: the status line was on the alternate one.
    expect(after).not.toContain('listing stores');
  });

  // ICU's locale data costs ~15 ms and ~9 MB of RSS when first used (README, Benchmarks):
  // the list's first frame must not need it (src/services/collate.ts, src/app/graphemes.ts).
  it('draws the first frame without touching ICU: no Intl object or locale-aware method before it', { timeout: 120_000 }, async () => {
    // The probe sees what it should.
    const check = join(home, 'probe-check.json');
    execFileSync(process.execPath, ['--require', INTL_PROBE, '-e', "(1234).toLocaleString('en-US'); new Intl.Collator('en').compare('a', 'b')"], { env: { ...process.env, PRISM_INTL_PROBE: check } });
    expect((JSON.parse(readFileSync(check, 'utf8')) as { what: string }[]).map((u) => u.what)).toEqual(['toLocaleString', 'new Intl.Collator']);

    spawnSync('tmux', ['kill-session', '-t', session]);
    const probe = join(home, 'intl.json');
    const frame = join(home, 'frame.json');
    start(100, 30, ['--demo', '--sim-ephemeral'], [`NODE_OPTIONS=--require=${INTL_PROBE}`, `PRISM_INTL_PROBE=${probe}`, `PRISM_BENCH_FILE=${frame}`, 'PRISM_BENCH_EXIT=1']);
    await waitForScreen((x) => x.includes('EXITED:0'), 'exit right after the first frame');
    const { sinceStartMs, resources } = JSON.parse(readFileSync(frame, 'utf8')) as { sinceStartMs: number; resources: number };
    expect(resources).toBeGreaterThan(20);
    const uses = JSON.parse(readFileSync(probe, 'utf8')) as { what: string; atMs: number; stack: string }[];
    expect(uses.filter((u) => u.atMs <= sinceStartMs)).toEqual([]);
  });
});
