// Time per keypress at 10,000 stores: from the key reaching stdin to the new
// frame being written, in-process with the product's renderer settings.
import { ClientPool } from '../src/services/aws/clients.js';
import { Session } from '../src/services/session.js';
import { SimRegion } from '../src/services/sim/index.js';
import { Out, median, renderDashboard } from './tty.js';
import { keepYoungGenerationSmall } from '../src/cli/memory.js';


async function main(): Promise<void> {
  // As the dashboard does before its first list (src/cli/memory.ts).
  keepYoungGenerationSmall();
  const scale = Number(process.argv[2] ?? 10000);
  const sim = new SimRegion({ stateDir: null, scale });
  const pool = new ClientPool({ region: 'us-east-1', credentials: { accessKeyId: 's', secretAccessKey: 's' }, plugin: sim.plugin });
  const session = new Session({ mode: 'sim', reason: 'bench', region: 'us-east-1', regions: ['us-east-1'], readOnly: false, pool, sim, serviceEndpoints: {} }, { refreshMs: 3_600_000 });
  const stdout = new Out();
  const { stdin, inst } = await renderDashboard(session, stdout);
  await session.refreshOnce();
  await new Promise((r) => setTimeout(r, 300));
  const count = session.store.getSnapshot().resources.length;

  async function timeKey(k: string): Promise<number> {
    const before = stdout.writes;
    const t0 = performance.now();
    const wrote = new Promise<void>((res) => {
      const on = () => {
        if (stdout.writes > before) {
          stdout.off('wrote', on);
          res();
        }
      };
      stdout.on('wrote', on);
    });
    stdin.send(k);
    await wrote;
    const dt = performance.now() - t0;
    // Space keys out beyond the renderer's frame interval so each is measured alone.
    await new Promise((r) => setTimeout(r, 40));
    return dt;
  }

  const move: number[] = [];
  for (let i = 0; i < 40; i++) move.push(await timeKey(i % 10 < 5 ? 'j' : 'k'));
  const page: number[] = [];
  for (let i = 0; i < 10; i++) page.push(await timeKey(i % 2 ? '\u001b[5~' : '\u001b[6~'));
  await timeKey('/');
  const filter: number[] = [];
  const text = 'proj-0';
  for (let round = 0; round < 4; round++) {
    for (const ch of text) filter.push(await timeKey(ch));
    for (let i = 0; i < text.length; i++) filter.push(await timeKey('\u007f'));
  }
  await timeKey('\u001b');
  inst.unmount();
  session.stop();
  const result = { resources: count, moveMedianMs: median(move), pageMedianMs: median(page), filterMedianMs: median(filter), maxRssMb: process.resourceUsage().maxRSS / 1024 };
  process.stdout.write(JSON.stringify(result) + '\n');
  process.exit(0);
}

void main();
