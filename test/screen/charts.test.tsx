// Live charts on the detail screen and the list's inline sparklines, on the simulated region:
// read/write throughput, IOPS, latency and capacity with now / peak / average and utilisation of
// what is provisioned; ] and [ change the window (and the metrics fetched); the block fits the
// terminal (compact sparklines at 80x24, plots only where rows are spare); no colour with NO_COLOR.
import { afterEach, describe, expect, it } from 'vitest';
import { chartRows, chartsBudget, listSpark, rowText } from '../../src/screens/charts.js';
import { makeTheme } from '../../src/app/theme.js';
import { periodFor } from '../../src/services/metrics/index.js';
import type { StorageInfo, StorageMetrics } from '../../src/services/types.js';
import { plain, renderApp, type Rendered } from '../helpers/render.js';

let app: Rendered | undefined;
afterEach(() => {
  app?.cleanup();
  app = undefined;
});

const BLOCKS = /[▁▂▃▄▅▆▇█]/;
const lines = (f: string) => plain(f).split('\n');

async function openDetail(a: Rendered, name: string): Promise<string> {
  await a.waitFor((f) => f.includes('EBS ✓') && f.includes('FSx ✓'), 'inventory');
  await a.press('/');
  await a.type(name);
  await a.press('enter');
  // Rows carry a two-cell cursor gutter, and names may be cut to the column width.
  await a.waitFor((f) => lines(f).some((l) => l.slice(2).startsWith(name.slice(0, 15))), `row ${name}`);
  await a.press('enter');
  return plain(await a.waitForText('Identity'));
}

/** The detail's charts once the live metrics for the window are in. */
async function chartsLoaded(a: Rendered, windowLabel: string): Promise<string> {
  return plain(await a.waitFor((f) => plain(f).includes(windowLabel) && !plain(f).includes('loading') && /Read +\S/.test(plain(f)), `charts for ${windowLabel}`));
}

describe('detail charts', () => {
  it('shows throughput read/write, IOPS and latency with now, peak, average and utilisation of what is provisioned', async () => {
    app = await renderApp({ columns: 120, rows: 40 });
    await openDetail(app, 'legacy-rstudio-home');
    const f = await chartsLoaded(app, 'last hour, 1-minute points');
    expect(f).toMatch(/now +peak +average +of provisioned/);
    expect(f).toMatch(/^Read +\S.*MB\/s|^Read +\S.*KB\/s/m);
    expect(f).toMatch(/^Write +/m);
    // gp2 at 500 GiB: 250 MiB/s and a 1,500 IOPS baseline.
    expect(f).toMatch(/^Total .* of 250 MiB\/s/m);
    expect(f).toMatch(/^IOPS .* of 1,500 IOPS/m);
    expect(f).toMatch(/^Latency .* ms/m);
    // EBS does not report used space to CloudWatch: said, not invented.
    expect(f).toMatch(/^Used +500 GiB provisioned · used space is inside the instance's file system/m);
    // Rows are spare at 120x40: at least one asciichart plot (its y axis).
    expect(f).toMatch(/┤|┼/);
  });

  it('changes the window with ] and [, fetching the new window', async () => {
    app = await renderApp({ columns: 120, rows: 40 });
    await openDetail(app, 'proteomics-results-zfs');
    await chartsLoaded(app, 'last hour, 1-minute points');
    const id = app.session.store.getSnapshot().resources.find((r) => r.name === 'proteomics-results-zfs')!.id;
    await app.press(']');
    await chartsLoaded(app, 'last 6 hours, 5-minute points');
    expect(app.session.store.getSnapshot().metrics.get(id)?.periodSeconds).toBe(periodFor('6h'));
    await app.press(']', ']', ']');
    const f = await chartsLoaded(app, 'last 30 days, hourly points');
    expect(app.session.store.getSnapshot().metrics.get(id)?.readBytesPerSec.length).toBe(720);
    // OpenZFS: used space against the storage capacity, throughput against 2,048 MB/s.
    expect(f).toMatch(/^Used .* of 1\.0 TiB/m);
    expect(f).toMatch(/of 2,048 MB\/s/);
    // The longest window is the last: ] again stays there.
    await app.press(']');
    await chartsLoaded(app, 'last 30 days, hourly points');
    await app.press('[', '[', '[', '[');
    await chartsLoaded(app, 'last hour, 1-minute points');
    expect(app.session.store.getSnapshot().metrics.get(id)?.periodSeconds).toBe(60);
  });

  it('fits 80x24 with compact sparklines, and scrolling down reaches every attribute', async () => {
    app = await renderApp({ columns: 80, rows: 24 });
    await openDetail(app, 'pipeline-scratch-efs');
    const f = await chartsLoaded(app, 'last hour, 1-minute points');
    const ls = lines(app.frame());
    expect(ls.length).toBeLessThanOrEqual(23);
    for (const l of ls) expect(l.length).toBeLessThanOrEqual(80);
    // No tall plot at 80x24: a sparkline on each series line instead.
    expect(f).not.toMatch(/┤|┼/);
    for (const label of ['Read', 'Write', 'IOPS']) expect(ls.find((l) => l.startsWith(label))).toMatch(BLOCKS);
    // A bursting EFS file system: held to what CloudWatch reports as permitted.
    expect(f).toMatch(/^Total .* permitted/m);
    await app.press('G');
    const end = plain(await app.waitForText('Tags'));
    expect(end).not.toContain('Metrics');
    await app.press('g');
    await app.waitForText('Metrics');
  });

  it('says why an S3 bucket without request metrics has no throughput', async () => {
    app = await renderApp({ columns: 120, rows: 40 });
    await openDetail(app, 'CMIP6 model output 2019');
    const f = plain(await app.waitFor((x) => /^Used +\S/m.test(plain(x)), 'bucket size'));
    expect(f).toContain('no request metrics: the bucket has no metrics configuration, so throughput and IOPS are not reported');
    expect(f).toMatch(/^Used .*TiB/m);
  });

  it('draws no colour with NO_COLOR', async () => {
    app = await renderApp({ columns: 120, rows: 40, noColor: true });
    await openDetail(app, 'legacy-rstudio-home');
    await chartsLoaded(app, 'last hour, 1-minute points');
    const raw = app.frame();
    expect(raw).toMatch(/┤|┼/);
    // Foreground colour codes (30-37, 90-97, 38;5;n) appear nowhere, charts included.
    expect(raw).not.toMatch(/\u001b\[(3[0-8]|9[0-7])(;\d+)*m/);
  });
});

describe('the list sparkline', () => {
  it('shows the last hour of throughput for the rows on screen, blank where there is nothing to show', async () => {
    app = await renderApp({ columns: 110, rows: 34 });
    const f = plain(await app.waitFor((x) => lines(x).filter((l) => BLOCKS.test(l)).length >= 10, 'sparklines'));
    expect(f).toContain('LAST HOUR');
    const row = (name: string) => lines(f).find((l) => l.slice(2).startsWith(name)) ?? '';
    expect(row('genomics-scratch')).toMatch(/[▁▂▃▄▅▆▇█]{10}/);
    // Idle: a flat baseline. Being created: nothing. A bucket without request metrics: nothing.
    expect(row('old-analysis-scratch')).toContain('▁▁▁▁▁▁▁▁▁▁');
    expect(row('restored-cohort-2023')).not.toMatch(BLOCKS);
    expect(row('pwned')).not.toMatch(BLOCKS);
  });
});

describe('chart rows (pure)', () => {
  const T = Date.UTC(2025, 5, 30, 12);
  const info: StorageInfo = { id: 'vol-1', name: 'v', type: 'ebs', state: 'in-use', rawState: 'in-use', region: 'us-east-1', encrypted: true, tags: {}, mount: {}, sizeBytes: 500 * 1024 ** 3, iops: 3000, throughputMBps: 125, ebs: { volumeType: 'gp3' } };
  const pts = (f: (i: number) => number) => Array.from({ length: 60 }, (_, i) => ({ t: T - 3_600_000 + i * 60_000, v: f(i) }));
  const m: StorageMetrics = {
    resourceId: 'vol-1',
    type: 'ebs',
    periodSeconds: 60,
    readBytesPerSec: pts((i) => (i === 30 ? 100 * 1024 * 1024 : 10 * 1024 * 1024)),
    writeBytesPerSec: pts(() => 5 * 1024 * 1024),
    readOpsPerSec: pts(() => 600),
    writeOpsPerSec: pts(() => 300),
    latencyMs: pts(() => 0.5),
    extra: {},
    fetchedAt: T,
  };
  const theme = makeTheme({});

  it('never draws more rows than it is given, at any height', () => {
    for (const height of [0, 1, 2, 5, 9, 14, 30, 60]) {
      const rows = chartRows({ info, metrics: m, window: '1h', width: 100, height, noColor: false }, theme);
      expect(rows.length).toBeLessThanOrEqual(height);
    }
    expect(chartsBudget(19)).toBeLessThan(19);
  });

  it('states utilisation from the peak and the current value against what is provisioned', () => {
    const text = chartRows({ info, metrics: m, window: '1h', width: 160, height: 12, noColor: true }, theme).map(rowText).join('\n');
    // Peak total 105 MiB/s of 125 MiB/s provisioned = 84%; now 15 MiB/s = 12%.
    expect(text).toMatch(/^Total .*12% \(pk 84%\) of 125 MiB\/s/m);
    // IOPS 900 of 3,000 = 30%.
    expect(text).toMatch(/^IOPS .*30% \(pk 30%\) of 3,000 IOPS/m);
  });

  it('shrinks to one summary line in a terminal under 24 rows, so the attributes keep the page', () => {
    expect(chartsBudget(15)).toBe(1);
    const rows = chartRows({ info, metrics: m, window: '1h', width: 100, height: chartsBudget(15), noColor: true }, theme);
    expect(rows.map(rowText)).toEqual([expect.stringMatching(/^Metrics 1h now read 10\.5 MB\/s · write 5\.24 MB\/s · 900 IOPS · 0\.50 ms {2}\[ \] window$/)]);
    expect(chartsBudget(19)).toBeGreaterThanOrEqual(9);
  });

  it('leaves the list sparkline empty for metrics of another window', () => {
    expect(listSpark(info, new Map([['vol-1', m]]))).toMatch(/^[▁▂▃▄▅▆▇█]{10}$/);
    expect(listSpark(info, new Map([['vol-1', { ...m, periodSeconds: 3600 }]]))).toBe('');
    expect(listSpark(info, new Map())).toBe('');
  });
});
