import { afterEach, describe, expect, it } from 'vitest';
import { renderApp, plain, type Rendered } from '../helpers/render.js';

let app: Rendered | undefined;
afterEach(() => {
  app?.cleanup();
  app = undefined;
});

describe('detail screen', () => {
  it('groups every attribute and scrolls with j/k', async () => {
    app = await renderApp({ rows: 20 });
    await app.waitFor((f) => f.includes('FSx ✓'), 'inventory');
    const ontap = app.session.store.getSnapshot().resources.find((r) => r.type === 'fsx-ontap')!;
    await app.press('/');
    await app.type(ontap.id);
    await app.press('enter', 'enter');
    let f = plain(await app.waitForText('Identity'));
    expect(f).toContain(ontap.id);
    expect(f).toContain('Capacity and performance');
    // The ONTAP endpoints are further down: scroll until the SVM's NFS endpoint shows.
    for (let i = 0; i < 40 && !plain(app.frame()).includes('NFS endpoint'); i++) await app.press('j');
    f = plain(await app.waitForText('NFS endpoint'));
    for (let i = 0; i < 10 && !/Volume .*\//.test(plain(app.frame())); i++) await app.press('j');
    f = plain(await app.waitFor((x) => /Volume .*\//.test(plain(x)), 'a volume with its junction path'));
    await app.press('G');
    f = plain(await app.waitForText('Tags'));
    await app.press('escape');
    await app.waitForText('NAME');
  });

  it('shows a store that vanished as gone instead of crashing', async () => {
    app = await renderApp();
    await app.waitFor((f) => f.includes('EBS ✓'), 'inventory');
    await app.press('enter');
    await app.waitForText('Identity');
    app.session.store.clear();
    await app.waitForText('This store is gone');
  });
});
