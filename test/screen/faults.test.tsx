// Fault tests through the simulated region's fault injection: what the user
// sees, and that no data already shown is lost.
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp, plain, type Rendered } from '../helpers/render.js';

let app: Rendered | undefined;
afterEach(() => {
  app?.cleanup();
  app = undefined;
});

const loaded = (f: string) => f.includes('EBS ✓') && f.includes('EFS ✓') && f.includes('FSx ✓') && f.includes('S3 ✓');

describe('faults', () => {
  it('one service denied: the rest are listed, FSx is badged and the hint names the missing action', async () => {
    app = await renderApp({ sim: { faults: { deny: ['fsx'] } } });
    // The status line is set when the refresh ends: wait for it, not just for the badge.
    let f = plain(await app.waitFor((x) => x.includes('FSx ✗ denied') && x.includes('EBS ✓') && x.includes('S3 ✓') && x.includes('fsx:DescribeFileSystems'), 'partial inventory with its hint'));
    const kinds = new Set(app.session.store.getSnapshot().resources.map((r) => r.type));
    expect(kinds.has('ebs') && kinds.has('s3') && kinds.has('efs')).toBe(true);
    expect([...kinds].some((k) => k.startsWith('fsx'))).toBe(false);
    expect(f).toMatch(/fsx:DescribeFileSystems/);
    await app.press('e');
    f = plain(await app.waitForText('what to do'));
    expect(f).toContain('fsx:DescribeFileSystems');
    expect(f).not.toMatch(/at .*\.js:\d+/); // never a stack trace
  });

  it('network loss keeps the last good data marked stale, and the dashboard recovers by itself', async () => {
    app = await renderApp();
    await app.waitFor(loaded);
    const before = app.session.store.getSnapshot().resources.length;
    app.sim.setFaults({ offline: true });
    app.session.refresh();
    let f = plain(await app.waitFor((x) => x.includes('(stale)'), 'stale badges'));
    expect(app.session.store.getSnapshot().resources.length).toBe(before);
    expect(f).toContain(`${before} stores`);
    app.sim.setFaults({});
    app.session.refresh();
    f = plain(await app.waitFor(loaded, 'recovered'));
    expect(f).not.toContain('(stale)');
  });

  it('credentials expiring mid-session say how to log in again and keep the data', async () => {
    app = await renderApp();
    await app.waitFor(loaded);
    const before = app.session.store.getSnapshot().resources.length;
    app.sim.setFaults({ expiredCredentials: true });
    app.session.refresh();
    const f = plain(await app.waitFor((x) => x.includes('✗ credentials'), 'auth badge'));
    expect(f.toLowerCase()).toMatch(/expired|sso login|credentials/);
    expect(app.session.store.getSnapshot().resources.length).toBe(before);
  });

  it('a throttling storm: the dashboard keeps rendering and every service comes through', async () => {
    app = await renderApp({ sim: { faults: { throttleRate: 0.5 } } });
    // Retries (capped) plus `r` refreshes get every chunk through eventually.
    for (let i = 0; i < 30 && !loaded(app.frame()); i++) {
      app.session.refresh();
      await app.waitFor(() => !app!.session.store.getSnapshot().loading, 'refresh done');
    }
    expect(loaded(app.frame())).toBe(true);
    expect(app.session.store.getSnapshot().resources.length).toBeGreaterThan(20);
  });

  it('added latency still loads, showing a loading state first', async () => {
    app = await renderApp({ sim: { faults: { latencyMs: 150 } } });
    const first = plain(app.frame());
    expect(first).toMatch(/Loading|loading/);
    await app.waitFor(loaded, 'slow inventory', 20_000);
  });
});
