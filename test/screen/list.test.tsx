import { afterEach, describe, expect, it } from 'vitest';
import { renderApp, plain, type Rendered } from '../helpers/render.js';

let app: Rendered | undefined;
afterEach(() => {
  app?.cleanup();
  app = undefined;
});

/** The table's rows: below the two header lines and the column titles, above the footer. */
const tableRows = (f: string) => f.split('\n').slice(3, -2).join('\n');

const loaded = (f: string) => /\d+ stores/.test(f) && f.includes('EBS ✓') && f.includes('FSx ✓') && f.includes('S3 ✓') && f.includes('EFS ✓');

describe('list screen', () => {
  it('shows every kind from the simulated region and says it is simulated', async () => {
    app = await renderApp();
    const f = plain(await app.waitFor(loaded, 'inventory loaded'));
    expect(f).toContain('SIMULATED REGION');
    const kinds = new Set(app.session.store.getSnapshot().resources.map((r) => r.type));
    expect([...kinds].sort()).toEqual(['ebs', 'efs', 'fsx-lustre', 'fsx-ontap', 'fsx-openzfs', 'fsx-windows', 's3']);
    expect(f).toContain('NAME');
    expect(f).toContain('COST/MO');
  });

  it('filters with / over names and tags, Esc clears', async () => {
    app = await renderApp();
    await app.waitFor(loaded);
    const all = app.session.store.getSnapshot().resources.length;
    await app.press('/');
    await app.type('lustre');
    let f = plain(await app.waitForText('/lustre'));
    const shown = /(\d+)\/(\d+) stores/.exec(f);
    expect(shown).not.toBeNull();
    expect(Number(shown![1])).toBeLessThan(all);
    expect(tableRows(f)).toContain('FSx Lustre');
    expect(tableRows(f)).not.toMatch(/\bEBS\b/);
    await app.press('enter');
    f = plain(await app.waitForText('filter: "lustre"'));
    await app.press('escape');
    f = plain(await app.waitFor((x) => x.includes(`${all} stores`), 'filter cleared'));
    expect(f).not.toContain('filter:');
  });

  it('number keys and :kind commands filter by kind', async () => {
    app = await renderApp();
    await app.waitFor(loaded);
    await app.press('3');
    let f = plain(await app.waitFor((x) => /kind=s3/.test(x), 'kind filter s3'));
    expect(tableRows(f)).toMatch(/\bS3\b/);
    expect(tableRows(f)).not.toMatch(/FSx Lustre|\bEBS\b|\bEFS\b/);
    await app.press('0');
    await app.press(':');
    await app.type('fsx');
    await app.press('enter');
    f = plain(await app.waitFor((x) => x.includes('kind=fsx-lustre,fsx-openzfs,fsx-windows,fsx-ontap'), ':fsx'));
    expect(tableRows(f)).not.toMatch(/\bEBS\b/);
    await app.press(':');
    await app.type('nonsense');
    await app.press('enter');
    f = plain(await app.waitForText('unknown command :nonsense'));
  });

  it('moves with j/k and G/g, and Enter opens the detail of the selected row', async () => {
    app = await renderApp({ rows: 24, columns: 80 });
    await app.waitFor(loaded);
    const rows = app.session.store.getSnapshot().resources;
    await app.press('G');
    await app.press('enter');
    let f = plain(await app.waitForText('Identity'));
    // Last row under the default sort (kind, then name).
    const { applyQuery, DEFAULT_QUERY } = await import('../../src/services/query.js');
    const last = applyQuery(rows, DEFAULT_QUERY).at(-1)!;
    expect(f).toContain(last.id);
    await app.press('escape');
    await app.press('g', 'j', 'enter');
    f = plain(await app.waitForText('Identity'));
    expect(f).toContain(applyQuery(rows, DEFAULT_QUERY)[1].id);
  });

  it('sorts by the next column with s', async () => {
    app = await renderApp();
    await app.waitFor(loaded);
    await app.press('s');
    let f = plain(await app.waitForText('sort: state'));
    // Failed stores come first when sorted by state.
    const firstRow = f.split('\n')[3];
    expect(firstRow).toMatch(/failed/);
    await app.press('S');
    f = plain(await app.waitForText('sort: state↓'));
    expect(f.split('\n')[3]).not.toMatch(/failed/);
  });

  it('fits 80x24 and a resize, never drawing taller than the terminal', async () => {
    app = await renderApp({ columns: 80, rows: 24 });
    let f = await app.waitFor(loaded);
    expect(f.split('\n').length).toBeLessThanOrEqual(23);
    for (const line of plain(f).split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    app.resize(60, 15);
    f = await app.waitFor((x) => x.split('\n').length <= 14 && plain(x).split('\n').every((l) => l.length <= 60), 'resized frame');
    expect(plain(f)).toContain('NAME');
  });

  it('strips escape sequences from AWS text: a hostile Name tag cannot reach the terminal', async () => {
    app = await renderApp();
    const f = await app.waitFor(loaded);
    const hostile = app.session.store.getSnapshot().resources.find((r) => /\u001b/.test(r.name) || Object.values(r.tags).some((v) => /\u001b/.test(v)));
    expect(hostile, 'the simulated world plants a Name tag with ESC sequences').toBeDefined();
    await app.press('/');
    await app.type(hostile!.id);
    await app.press('enter', 'enter');
    const d = await app.waitForText('Identity');
    for (const frame of [f, d]) {
      // Only SGR colour sequences (Ink's own) may appear; no clear-screen, no OSC, no raw ESC.
      const withoutSgr = frame.replace(/\u001b\[[0-9;]*m/g, '');
      expect(withoutSgr).not.toMatch(/\u001b/);
      expect(frame).not.toContain('\u001b[2J');
    }
    expect(plain(d)).toContain('pwned');
  });

  it('? help lists keys, service status and the API cost meter', async () => {
    app = await renderApp({ rows: 40 });
    await app.waitFor(loaded);
    await app.press('?');
    await app.waitForText('Keys');
    await app.press('G');
    const f = plain(await app.waitForText('API usage'));
    expect(f).toMatch(/GetMetricData|metrics/i);
    expect(f).toContain('Services');
  });

  it('q quits', async () => {
    app = await renderApp();
    await app.waitFor(loaded);
    await app.press('q');
    await app.waitFor(() => app!.exited, 'exit');
  });

  it('read-only hides create and delete everywhere and says READ-ONLY', async () => {
    app = await renderApp({ readOnly: true });
    const f = plain(await app.waitFor(loaded));
    expect(f).toContain('READ-ONLY');
    expect(f).not.toMatch(/\bc create\b/);
    await app.press('?');
    const h = plain(await app.waitForText('Keys'));
    expect(h).not.toContain('Create storage');
    expect(h).not.toContain('Delete');
  });

  it('NO_COLOR draws without colour codes, and the cursor stays visible', async () => {
    app = await renderApp({ noColor: true });
    const f = await app.waitFor(loaded);
    expect(f).not.toMatch(/\u001b\[3\dm/);
    await app.press('j');
    // Styling may be dropped entirely: the selected row is marked with a character too.
    const g = plain(await app.waitFor((x) => plain(x).split('\n')[4]?.startsWith('›'), 'cursor on the second row'));
    expect(g.split('\n')[3].startsWith('  ')).toBe(true);
  });
});

describe('keys that arrive in one read', () => {
  it('a pasted filter followed by Enter is applied as typed', async () => {
    const app = await renderApp();
    try {
      await app.waitFor(loaded);
      await app.press('/imagenet-train\r');
      const f = plain(await app.waitForText('filter: "imagenet-train"'));
      expect(f).toMatch(/1\/\d+ stores|\d+\/\d+ stores/);
      await app.press('m');
      await app.waitForText('Mount');
      expect(plain(app.frame())).toContain('imagenet');
    } finally {
      app.cleanup();
    }
  });
});
