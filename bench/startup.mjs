// Process start to the first full frame of the list, in a real pseudo-terminal
// (util-linux `script`), simulated region. Also the peak RSS at that point.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { median } from './lib.mjs';

const BIN = resolve('dist/prism-storage.js');

function once(args, home) {
  const file = join(home, `frame-${Math.random().toString(36).slice(2)}.json`);
  const env = {
    ...process.env,
    HOME: home,
    XDG_STATE_HOME: join(home, 'state'),
    XDG_CACHE_HOME: join(home, 'cache'),
    AWS_EC2_METADATA_DISABLED: 'true',
    PRISM_BENCH_FILE: file,
    PRISM_BENCH_EXIT: '1',
    TERM: 'xterm-256color',
  };
  delete env.AWS_PROFILE;
  delete env.AWS_ACCESS_KEY_ID;
  const cmd = `stty cols 100 rows 30; exec node ${BIN} ${args.join(' ')}`;
  return new Promise((res, rej) => {
    const t0 = Date.now();
    const p = spawn('script', ['-qfec', cmd, '/dev/null'], { env, stdio: ['pipe', 'ignore', 'ignore'] });
    const timer = setTimeout(() => p.kill('SIGKILL'), 30_000);
    p.on('exit', () => {
      clearTimeout(timer);
      try {
        const r = JSON.parse(readFileSync(file, 'utf8'));
        res({ firstFrameMs: r.firstFrameAt - t0, rssMb: r.maxRssKb / 1024, resources: r.resources });
      } catch (e) {
        rej(new Error(`no first frame recorded for ${args.join(' ')}: ${e.message}`));
      }
    });
  });
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
        rssMedianMb: median(rs.map((r) => r.rssMb)),
      };
    }
    return out;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
