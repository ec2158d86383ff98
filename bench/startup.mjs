// Process start to the first full frame of the list, in a real pseudo-terminal
// (util-linux `script`), simulated region; the peak RSS at that point; and, at
// 10,000 stores, the peak RSS of a short session of use (keys, the per-bucket
// detail calls and metrics that follow the first frame).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { median } from './lib.mjs';

const BIN = resolve('dist/prism-storage.js');

function envFor(home, extra) {
  const env = {
    ...process.env,
    HOME: home,
    XDG_STATE_HOME: join(home, 'state'),
    XDG_CACHE_HOME: join(home, 'cache'),
    AWS_EC2_METADATA_DISABLED: 'true',
    TERM: 'xterm-256color',
    ...extra,
  };
  delete env.AWS_PROFILE;
  delete env.AWS_ACCESS_KEY_ID;
  delete env.CI;
  return env;
}

function launch(args, env) {
  const cmd = `stty cols 100 rows 30; exec node ${BIN} ${args.join(' ')}`;
  return spawn('script', ['-qfec', cmd, '/dev/null'], { env, stdio: ['pipe', 'ignore', 'ignore'] });
}

function once(args, home) {
  const file = join(home, `frame-${Math.random().toString(36).slice(2)}.json`);
  const env = envFor(home, { PRISM_BENCH_FILE: file, PRISM_BENCH_EXIT: '1' });
  return new Promise((res, rej) => {
    const t0 = Date.now();
    const p = launch(args, env);
    const timer = setTimeout(() => p.kill('SIGKILL'), 30_000);
    p.on('exit', () => {
      clearTimeout(timer);
      try {
        const r = JSON.parse(readFileSync(file, 'utf8'));
        // From the node process's own start (what the target is about), and from launching
        // the command line (adds `script`, the shell and stty: ~20-40 ms here).
        res({ firstFrameMs: r.sinceStartMs, cpuMs: r.cpuMs, launchToFrameMs: r.firstFrameAt - t0, rssMb: r.maxRssKb / 1024, resources: r.resources });
      } catch (e) {
        rej(new Error(`no first frame recorded for ${args.join(' ')}: ${e.message}`));
      }
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** First frame, then keys a person would press, `useSeconds` of the dashboard working, then q. */
async function session(args, home, useSeconds) {
  const frame = join(home, `frame-${Math.random().toString(36).slice(2)}.json`);
  const rss = join(home, `rss-${Math.random().toString(36).slice(2)}.json`);
  const p = launch(args, envFor(home, { PRISM_BENCH_FILE: frame, PRISM_BENCH_RSS_FILE: rss }));
  const exited = new Promise((r) => p.on('exit', r));
  const kill = setTimeout(() => p.kill('SIGKILL'), 60_000 + useSeconds * 1000);
  for (let i = 0; i < 300 && !existsSync(frame); i++) await sleep(50);
  const keys = [...'jjjjjjjjjj', '\u001b[6~', '\u001b[6~', '\u001b[6~', 'G', 'g', '/', ...'proj-04', '\r', '\u001b', '\r', '\u001b'];
  for (const k of keys) {
    p.stdin.write(k);
    await sleep(60);
  }
  await sleep(useSeconds * 1000);
  p.stdin.write('q');
  await exited;
  clearTimeout(kill);
  return JSON.parse(readFileSync(rss, 'utf8')).maxRssKb / 1024;
}

export async function startupBench(runs = 7) {
  const home = mkdtempSync(join(tmpdir(), 'prism-bench-'));
  try {
    const out = {};
    for (const [label, args] of [
      ['default world', ['--demo', '--sim-ephemeral']],
      ['--sim-scale 10000', ['--demo', '--sim-ephemeral', '--sim-scale', '10000']],
    ]) {
      await once(args, home); // warm the file cache
      const rs = [];
      for (let i = 0; i < runs; i++) rs.push(await once(args, home));
      out[label] = {
        resources: rs[0].resources,
        firstFrameMedianMs: median(rs.map((r) => r.firstFrameMs)),
        firstFrameMinMs: Math.min(...rs.map((r) => r.firstFrameMs)),
        launchToFrameMedianMs: median(rs.map((r) => r.launchToFrameMs)),
        // CPU time of all the process's threads up to that frame. Other virtual machines'
        // load moves it about as much as the wall time here (they slow the CPU too).
        cpuToFrameMedianMs: median(rs.map((r) => r.cpuMs)),
        rssMedianMb: median(rs.map((r) => r.rssMb)),
      };
    }
    const use = [];
    for (let i = 0; i < 3; i++) use.push(await session(['--demo', '--sim-ephemeral', '--sim-scale', '10000'], home, 8));
    out['--sim-scale 10000'].sessionPeakRssMedianMb = median(use);
    return out;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
