// Passwords typed into the wizard (the ONTAP fsxadmin password, a self-managed
// AD service account's) never appear again: not in any frame drawn after they
// were typed, not in the review's API request, not in the audit log. They do
// reach AWS (the simulated region accepts the file systems).
import { DescribeFileSystemsCommand } from '@aws-sdk/client-fsx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { plain, type Rendered } from '../helpers/render.js';
import { choose, createThrough, focus, nameTag, openWizard, privateStateHome, setText } from './create-helpers.js';

let app: Rendered | undefined;
let home: ReturnType<typeof privateStateHome>;
beforeEach(() => {
  home = privateStateHome();
});
afterEach(() => {
  app?.cleanup();
  app = undefined;
  home.restore();
});

/** Any 6-character piece of the secret, anywhere in the text. */
function leaks(text: string, secret: string): boolean {
  for (let i = 0; i + 6 <= secret.length; i++) if (text.includes(secret.slice(i, i + 6))) return true;
  return false;
}

describe('secrets in the create wizard', () => {
  it('ONTAP fsxadmin password: masked while typed, masked in the review, absent from every frame and the audit log', async () => {
    const PW = 'Qz7!Kp2#Lw9$Xr4';
    app = await openWizard();
    await choose(app, 'Workload', 'enterprise');
    await app.press('enter');
    await app.waitForText('FSx for NetApp ONTAP in us-east-1');
    await setText(app, 'Name', 'secret-ontap');
    await setText(app, 'fsxadmin password', PW);
    expect(plain(app.frame())).toMatch(new RegExp(`fsxadmin password\\s+•{${PW.length}}`));
    // Leaving the field: a fixed mask that does not even tell the length.
    await focus(app, 'SVM name');
    expect(plain(app.frame())).toMatch(/fsxadmin password\s+•{8} \(set\)/);
    await app.press('enter');
    const review = plain(await app.waitForText('3/4 Review'));
    let shown = review;
    // Scroll the whole request: the password key is there, masked.
    for (let i = 0; i < 12 && !shown.includes('FsxAdminPassword'); i++) {
      await app.press('pagedown');
      shown = plain(app.frame());
    }
    expect(shown).toContain('"FsxAdminPassword": "********"');
    await createThrough(app, 'secret-ontap');
    const fs = ((await app.session.backend.pool.fsx('us-east-1').send(new DescribeFileSystemsCommand({}))).FileSystems ?? []).find((f) => nameTag(f.Tags) === 'secret-ontap');
    expect(fs?.Lifecycle).toBe('AVAILABLE');
    expect(app.frames.length).toBeGreaterThan(50);
    expect(app.frames.filter((f) => leaks(f, PW))).toEqual([]);
    const audit = home.auditLog();
    expect(audit).toContain('"action":"fsx:CreateFileSystem"');
    expect(audit).toContain('"action":"fsx:CreateVolume"');
    expect(leaks(audit, PW)).toBe(false);
  });

  it('self-managed AD password for FSx for Windows: same guarantees, and the join settings reach AWS', async () => {
    const PW = 'Wj4%Tb8@Hn5^Ym1';
    app = await openWizard();
    await choose(app, 'Workload', 'windows');
    await app.press('enter');
    await app.waitForText('FSx for Windows File Server in us-east-1');
    await setText(app, 'Name', 'secret-win');
    await focus(app, 'Active Directory');
    await app.press('right');
    await app.waitFor((f) => /Active Directory\s+Self-managed AD/.test(plain(f)), 'self-managed chosen');
    await setText(app, 'Domain', 'corp.example.com');
    await setText(app, 'DNS servers', '10.0.1.10, 10.0.2.10');
    await setText(app, 'Service account', 'svc-fsx-join');
    await setText(app, 'Service account password', PW);
    await app.press('enter');
    const review = plain(await app.waitForText('3/4 Review'));
    let shown = review;
    for (let i = 0; i < 12 && !shown.includes('"Password"'); i++) {
      await app.press('pagedown');
      shown = plain(app.frame());
    }
    expect(shown).toContain('"Password": "********"');
    await createThrough(app, 'secret-win');
    const fs = ((await app.session.backend.pool.fsx('us-east-1').send(new DescribeFileSystemsCommand({}))).FileSystems ?? []).find((f) => nameTag(f.Tags) === 'secret-win');
    expect(fs?.WindowsConfiguration?.SelfManagedActiveDirectoryConfiguration).toMatchObject({ DomainName: 'corp.example.com', UserName: 'svc-fsx-join', DnsIps: ['10.0.1.10', '10.0.2.10'] });
    expect(app.frames.filter((f) => leaks(f, PW))).toEqual([]);
    const audit = home.auditLog();
    expect(audit).toContain('"action":"fsx:CreateFileSystem","resource":"secret-win","outcome":"ok"');
    expect(leaks(audit, PW)).toBe(false);
  });
});
