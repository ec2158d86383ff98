// The analytics screen on the simulated region's default world: fleet and cost sections, each
// planted case in the recommendations with its dollar saving, applying gp2 -> gp3 from the
// screen (confirmed, audited, visible in the sim and gone from the list after the refresh),
// read-only hiding apply, the bound on analysed stores, the API cost meter, and 80x24.
import { DescribeVolumesCommand } from '@aws-sdk/client-ec2';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerScreen } from '../../src/app/screens.js';
import { analyticsScreenDef } from '../../src/screens/analytics/register.js';
import { costGroups, forecastText, GROUP_GLYPHS, savingText, stackedBars } from '../../src/screens/analytics/sections.js';
import { rowText } from '../../src/screens/charts.js';
import type { CostSummary } from '../../src/services/costs/index.js';
import { analyticsFor } from '../../src/services/analytics-session.js';
import type { Recommendation } from '../../src/services/analytics/index.js';
import { estimateStorageCost } from '../../src/services/pricing/index.js';
import type { StorageInfo } from '../../src/services/types.js';
import { plain, renderApp, type Rendered } from '../helpers/render.js';
import { privateStateHome } from './create-helpers.js';

let app: Rendered | undefined;
let home: ReturnType<typeof privateStateHome>;
let cache: string;
let savedCache: string | undefined;
beforeEach(() => {
  home = privateStateHome();
  savedCache = process.env.XDG_CACHE_HOME;
  cache = mkdtempSync(join(tmpdir(), 'prism-cache-'));
  process.env.XDG_CACHE_HOME = cache;
});
afterEach(() => {
  app?.cleanup();
  app = undefined;
  home.restore();
  if (savedCache === undefined) delete process.env.XDG_CACHE_HOME;
  else process.env.XDG_CACHE_HOME = savedCache;
  rmSync(cache, { recursive: true, force: true });
  registerScreen('analytics', analyticsScreenDef());
});

const lines = (f: string) => plain(f).split('\n');
const mutations = (a: Rendered) => Object.keys(a.sim.stats.byCommand).filter((k) => /:(Modify|Create|Delete|Put|Update)/.test(k));

/** Waits until the analysis and the costs are in. */
async function analysed(a: Rendered): Promise<string> {
  return plain(await a.waitFor((f) => /Analysed (all )?\d+/.test(plain(f)) && !/loading costs/.test(plain(f)), 'analysis', 30_000));
}

async function openAnalytics(a: Rendered): Promise<string> {
  await a.waitFor((f) => f.includes('EBS ✓') && f.includes('S3 ✓'), 'inventory');
  await a.press('a');
  return analysed(a);
}

function recs(a: Rendered): readonly Recommendation[] {
  return analyticsFor(a.session).getSnapshot().analysis.recommendations;
}

/** Presses j until the selected recommendation (›) is the one wanted. */
async function selectRec(a: Rendered, title: string): Promise<string> {
  for (let i = 0; i < 40; i++) {
    const sel = lines(a.frame()).find((l) => l.startsWith('›'));
    if (sel?.includes(title)) return plain(a.frame());
    await a.press('j');
  }
  throw new Error(`recommendation "${title}" not found; last frame:\n${plain(a.frame())}`);
}

function usd(i: StorageInfo): number {
  const r = estimateStorageCost(i);
  if (!r.ok) throw new Error(r.reason);
  return r.estimate.totalUsd;
}

describe('analytics screen', () => {
  it('opens with loading states, then shows the fleet, the bill and the per-kind breakdown', async () => {
    app = await renderApp({ columns: 120, rows: 40 });
    await app.waitFor((f) => f.includes('EBS ✓') && f.includes('S3 ✓'), 'inventory');
    // AWS answering slowly: the screen is there at once, saying what it is waiting for.
    app.sim.setFaults({ latencyMs: 300 });
    await app.press('a');
    const first = plain(await app.waitForText(/Analysing \d+ stores: 30 days of hourly metrics/));
    expect(first).toContain('loading costs…');
    expect(first).toMatch(/Fleet +\d+ stores/);
    app.sim.setFaults({});
    const f = await analysed(app);
    const total = app.session.store.getSnapshot().resources.length;
    expect(f).toMatch(new RegExp(`Fleet +${total} stores in 1 region`));
    expect(f).toMatch(/Bill +month to date \$[\d,.]+.*month-end forecast \$[\d,.]+/);
    for (const kind of ['EBS', 'EFS', 'S3', 'FSx Lustre', 'FSx OpenZFS', 'FSx Windows', 'FSx ONTAP']) expect(f).toMatch(new RegExp(`^${kind} +\\d+ `, 'm'));
    expect(f).toContain('Top by estimated cost');
    expect(f).toMatch(/Advice \$[\d,.]+\/month to save in \d+ recommendations/);
  });

  it('lists each planted case of the default world with its dollar saving, most saved first', async () => {
    app = await renderApp({ columns: 140, rows: 45 });
    await openAnalytics(app);
    await app.press('3');
    const seen = new Set<string>();
    for (let i = 0; i < recs(app).length + 1; i++) {
      for (const l of lines(app.frame())) seen.add(l);
      await app.press('j');
    }
    const all = recs(app);
    const line = (rule: string, name: string) => {
      const r = all.find((x) => x.rule === rule && x.resourceName === name);
      if (!r) throw new Error(`${rule} for ${name} missing: ${all.map((x) => x.id).join(', ')}`);
      const l = [...seen].find((x) => x.includes(r.title));
      expect(l, r.title).toBeDefined();
      expect(l).toContain(savingText(r));
      return { r, l: l as string };
    };
    const unattached = line('ebs-unattached', 'old-analysis-scratch');
    expect(unattached.l).toMatch(/saves \$[\d,.]+\/mo +high +Unattached EBS volume old-analysis-scratch/);
    const gp2 = line('ebs-gp2-to-gp3', 'legacy-rstudio-home');
    const vol = app.session.store.getSnapshot().resources.find((r) => r.name === 'legacy-rstudio-home')!;
    const o = gp2.r.optimize;
    if (o?.kind !== 'ebs-modify') throw new Error('no ebs-modify');
    const expected = Math.round((usd(vol) - usd({ ...vol, ebs: { volumeType: 'gp3' }, iops: o.iops, throughputMBps: o.throughputMBps })) * 100) / 100;
    expect(gp2.l).toContain(`saves $${expected.toFixed(2)}/mo`);
    const zfs = line('fsx-overprovisioned', 'proteomics-results-zfs');
    expect(zfs.r.monthlySavingsUsd).toBeGreaterThan(100);
    expect(line('efs-burst-credits', 'pipeline-scratch-efs').l).toMatch(/costs \$[\d,.]+\/mo more/);
    expect(line('s3-cold', 'CMIP6 model output 2019 (archive)').r.monthlySavingsUsd).toBeGreaterThan(100);
    expect(line('s3-incomplete-multipart', 'sequencer uploads').l).toContain('saving not priced');
    // Sorted by saving, as shown.
    const shown = all.map((r) => r.monthlySavingsUsd ?? 0);
    expect(shown).toEqual([...shown].sort((a, b) => b - a));
  });

  it('shows the selected recommendation in full: the exact action, the evidence, the confidence', async () => {
    app = await renderApp({ columns: 120, rows: 40 });
    await openAnalytics(app);
    await app.press('3');
    const f = await selectRec(app, 'Over-provisioned throughput on proteomics-results-zfs');
    const flat = f.replace(/\s+/g, ' ');
    const r = recs(app).find((x) => x.rule === 'fsx-overprovisioned' && x.resourceName === 'proteomics-results-zfs')!;
    expect(flat).toContain(`Do: ${r.action.slice(0, 60)}`);
    expect(flat).toContain(`Why: ${r.evidence.slice(0, 60)}`);
    expect(flat).toContain('Enter: review and apply this change');
  });

  it('applies gp2 -> gp3 after a confirmation that shows the exact change; audited; the refresh shows gp3', async () => {
    app = await renderApp({ columns: 120, rows: 40, sim: { lifecycleSeconds: 0 } });
    await openAnalytics(app);
    await app.press('3');
    await selectRec(app, 'Move legacy-rstudio-home from gp2 to gp3');
    const vol = app.session.store.getSnapshot().resources.find((r) => r.name === 'legacy-rstudio-home')!;
    await app.press('enter');
    const dialog = plain(await app.waitForText('Apply this recommendation?'));
    const o = recs(app).find((r) => r.rule === 'ebs-gp2-to-gp3')!.optimize;
    if (o?.kind !== 'ebs-modify') throw new Error('no ebs-modify');
    expect(dialog).toContain(`Change: Modify EBS volume ${vol.id}: type gp3 ${o.iops} IOPS ${o.throughputMBps} MiB/s`);
    expect(dialog).toContain('y applies · n or Esc cancels');
    expect(dialog).toContain('Review the change: y applies it, n or Esc cancels.');
    expect(lines(dialog).at(-1)).toMatch(/^y apply {2}n\/Esc cancel/);
    // A second Enter does not change AWS.
    await app.press('enter');
    await app.waitForText('Press y to apply, n or Esc to cancel.');
    expect(mutations(app)).toEqual([]);
    await app.press('y');
    await app.waitForText(/Applied: Modify EBS volume vol-[0-9a-f]+: type gp3/, 15_000);
    const out = await app.session.backend.pool.ec2('us-east-1').send(new DescribeVolumesCommand({ VolumeIds: [vol.id] }));
    expect(out.Volumes?.[0]?.VolumeType).toBe('gp3');
    expect(home.auditLog()).toMatch(new RegExp(`"action":"ec2:ModifyVolume","resource":"${vol.id}","outcome":"ok"`));
    // The inventory refresh brings gp3; the recommendation goes away.
    await app.waitFor((f) => !plain(f).includes('Move legacy-rstudio-home from gp2 to gp3'), 'gp2 recommendation gone', 15_000);
    expect(app.session.store.getSnapshot().resources.find((r) => r.id === vol.id)?.ebs?.volumeType).toBe('gp3');
  });

  it('asks for the volume name before a snapshot-and-delete; Esc cancels with nothing done', async () => {
    app = await renderApp({ columns: 120, rows: 40 });
    await openAnalytics(app);
    await app.press('3');
    await selectRec(app, 'Unattached EBS volume old-analysis-scratch');
    await app.press('enter');
    await app.waitForText('Type old-analysis-scratch to confirm');
    await app.type('old-analysis');
    await app.press('enter');
    await app.waitForText('Type old-analysis-scratch exactly to confirm.');
    await app.press('escape');
    await app.waitFor((f) => !plain(f).includes('Apply this recommendation?'), 'dialog closed');
    await app.waitForText('Cancelled: nothing was changed.');
    expect(plain(app.frame())).toContain('Unattached EBS volume old-analysis-scratch');
    expect(mutations(app)).toEqual([]);
  });

  it('hides apply in --read-only: no key, no hint, no dialog', async () => {
    app = await renderApp({ columns: 120, rows: 40, readOnly: true });
    await openAnalytics(app);
    await app.press('3');
    const f = await selectRec(app, 'Move legacy-rstudio-home from gp2 to gp3');
    expect(f).not.toMatch(/Enter[: ]+(review|apply)/);
    await app.press('enter');
    await app.press('y');
    expect(plain(app.frame())).not.toContain('Apply this recommendation?');
    expect(mutations(app)).toEqual([]);
    await app.press('?');
    const help = plain(await app.waitForText('Analytics keys'));
    expect(help).toContain('read-only: applying recommendations is disabled');
    expect(help).not.toMatch(/^ +Enter /m);
  });

  it('says when only the most expensive stores were analysed', async () => {
    registerScreen('analytics', analyticsScreenDef({ controller: { maxStores: 5 } }));
    app = await renderApp({ columns: 120, rows: 40 });
    await app.waitFor((f) => f.includes('EBS ✓') && f.includes('S3 ✓'), 'inventory');
    await app.press('a');
    const f = plain(await app.waitForText(/Analysed the 5 most expensive of \d+ stores/, 30_000));
    expect(f).toContain('30 days hourly');
  });

  it('shows usage patterns and the API cost meter; r refreshes costs, saying Cost Explorer bills each request', async () => {
    app = await renderApp({ columns: 120, rows: 40 });
    await openAnalytics(app);
    await app.press('4');
    const p = plain(await app.waitForText('soonest full first'));
    expect(p).toMatch(/imagenet-train-lustre +FSx Lustre +Busy 22:00-04:00 UTC daily/);
    expect(p).toMatch(/old-analysis-scratch +EBS +Idle for the whole 30 days observed/);
    await app.press('5');
    const api = plain(await app.waitForText('Live metrics (list and detail, every 60 s)'));
    expect(api).toMatch(/\d+ GetMetricData calls · [\d,]+ metrics requested/);
    expect(api).toMatch(/Per month, left running \$[\d,.]+ on the list or a detail/);
    expect(api).toMatch(/\$[\d,.]+ with this screen open/);
    const ce = app.session.meter.ceRequests;
    await app.press('r');
    await app.waitForText('Refreshing costs (3 Cost Explorer requests, billed per request)');
    await app.waitFor(() => app!.session.meter.ceRequests === ce + 3, 'three more Cost Explorer requests');
    await app.press('?');
    const help = plain(await app.waitForText('API cost meter'));
    expect(help).toMatch(/GetMetricData: [\d,]+ calls, [\d,]+ metrics requested \(\$0\.01 per 1,000 metrics requested\)/);
    await app.press('escape');
    await app.waitFor((f) => !plain(f).includes('API cost meter'), 'help closed');
    await app.press('escape');
    await app.waitForText('NAME');
  });

  it('fits 80x24 in every section, scrolled to the end', async () => {
    app = await renderApp({ columns: 80, rows: 24 });
    await openAnalytics(app);
    const check = () => {
      const ls = lines(app!.frame());
      expect(ls.length).toBeLessThanOrEqual(23);
      for (const l of ls) expect(l.length, l).toBeLessThanOrEqual(80);
    };
    for (const s of ['1', '2', '3', '4', '5']) {
      await app.press(s);
      check();
      await app.press('pagedown');
      check();
      await app.press('G');
      check();
    }
    await app.press('3', 'g');
    expect(lines(app.frame()).find((l) => l.startsWith('›'))).toBeDefined();
  });
});

describe('cost section (pure)', () => {
  const day = (i: number) => `2025-06-${String(i + 1).padStart(2, '0')}`;
  const summary: CostSummary = {
    monthToDateUsd: 300,
    forecastUsd: null,
    forecastReason: 'forecast unavailable: not enough cost history to forecast (DataUnavailableException)',
    daily: [0, 1, 2].map((i) => ({ date: day(i), byService: { 'Amazon FSx': 50, 'EC2 - Other': 30, 'Amazon Simple Storage Service': 10 + i, 'Amazon CloudWatch': 1, 'AWS Cost Explorer': 0.5 } })),
    byService: {},
    ebsUsd: 60,
    ebsDaily: [0, 1, 2].map((i) => ({ date: day(i), usd: 20 })),
    storageUsd: 0,
    last30DaysUsd: 0,
    fetchedAt: '2025-06-03T12:00:00.000Z',
    currency: 'USD',
    estimated: false,
  };

  it('says why there is no forecast instead of inventing one', () => {
    expect(forecastText(summary)).toBe('forecast unavailable: not enough cost history to forecast (DataUnavailableException)');
    expect(forecastText({ ...summary, forecastReason: 'Cost Explorer returned no forecast' })).toBe('forecast unavailable: Cost Explorer returned no forecast');
    expect(forecastText({ ...summary, forecastUsd: 1234.5, forecastRange: { lowUsd: 1200, highUsd: 1300 } })).toBe('month-end forecast $1,234.50 (80%: $1,200.00–$1,300.00)');
  });

  it('splits EBS out of "EC2 - Other" and folds the small services into "other"', () => {
    const { dates, groups } = costGroups(summary, 4);
    expect(dates).toEqual([day(0), day(1), day(2)]);
    // FSx 150, EBS 60 (of EC2 - Other's 90), S3 33; EC2 other 30 + CloudWatch 3 + Cost Explorer 1.5 = other.
    expect(groups.map((g) => [g.label, Math.round(g.total * 100) / 100])).toEqual([
      ['FSx', 150],
      ['EBS', 60],
      ['S3', 33],
      ['other', 34.5],
    ]);
  });

  it('stacks the days with one glyph per group, told apart without colour, within the height', () => {
    const { dates, groups } = costGroups(summary, 4);
    const rows = stackedBars(dates, groups, 6, 80, { series: [] }).map(rowText);
    expect(rows).toHaveLength(6 + 2);
    expect(rows[0]).toMatch(/^ +\$[\d,.]+ ┤/);
    expect(rows[5]).toMatch(/^ +\$0 ┤/);
    for (let i = 0; i < groups.length; i++) expect(rows.slice(0, 6).join('')).toContain(GROUP_GLYPHS[i]);
    expect(rows[7]).toContain(`${GROUP_GLYPHS[0]} ${groups[0].label} $`);
    for (const r of rows) expect(r.length).toBeLessThanOrEqual(80);
  });
});
