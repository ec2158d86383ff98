// Passwords typed into the wizard (the ONTAP fsxadmin password, a self-managed
// AD service account's) never appear again: not in any frame drawn after they
// were typed, not in the review's API request, not in the audit log. They do
// reach AWS (the simulated region accepts the file systems).
import { DescribeFileSystemsCommand } from '@aws-sdk/client-fsx';
import { describe, expect, it } from 'vitest';
import { plain } from '../helpers/render.js';
import { choose, createThrough, focus, nameTag, openWizard, screenTestState, setText } from './create-helpers.js';

const t = screenTestState();

/** Any 6-character piece of the secret, anywhere in the text. */
function leaks(text: string, secret: string): boolean {
  for (let i = 0; i + 6 <= secret.length; i++) if (text.includes(secret.slice(i, i + 6))) return true;
  return false;
}

describe('secrets in the create wizard', () => {
  it('ONTAP fsxadmin password: masked while typed, masked in the review, absent from every frame and the audit log', async () => {
    const PW = 'Qz7!Kp2#Lw9$Xr4';
    t.app = await openWizard();
    await choose(t.app, 'Workload', 'enterprise');
    await t.app.press('enter');
    await t.app.waitForText('FSx for NetApp ONTAP in us-east-1');
    await setText(t.app, 'Name', 'secret-ontap');
    await setText(t.app, 'fsxadmin password', PW);
    expect(plain(t.app.frame())).toMatch(new RegExp(`fsxadmin password\\s+•{${PW.length}}`));
    // Leaving the field: a fixed mask that does not even tell the length.
    await focus(t.app, 'SVM name');
    expect(plain(t.app.frame())).toMatch(/fsxadmin password\s+•{8} \(set\)/);
    await t.app.press('enter');
    const review = plain(await t.app.waitForText('3/4 Review'));
    let shown = review;
    // Scroll the whole request: the password key is there, masked.
    for (let i = 0; i < 12 && !shown.includes('FsxAdminPassword'); i++) {
      await t.app.press('pagedown');
      shown = plain(t.app.frame());
    }
    expect(shown).toContain('"FsxAdminPassword": "********"');
    await createThrough(t.app, 'secret-ontap');
    const fs = ((await t.app.session.backend.pool.fsx('us-east-1').send(new DescribeFileSystemsCommand({}))).FileSystems ?? []).find((f) => nameTag(f.Tags) === 'secret-ontap');
    expect(fs?.Lifecycle).toBe('AVAILABLE');
    expect(t.app.frames.length).toBeGreaterThan(50);
    expect(t.app.frames.filter((f) => leaks(f, PW))).toEqual([]);
    const audit = t.home.auditLog();
    expect(audit).toContain('"action":"fsx:CreateFileSystem"');
    expect(audit).toContain('"action":"fsx:CreateVolume"');
    expect(leaks(audit, PW)).toBe(false);
  });

  it('self-managed AD password for FSx for Windows: same guarantees, and the join settings reach AWS', async () => {
    const PW = 'Wj4%Tb8@Hn5^Ym1';
    t.app = await openWizard();
    await choose(t.app, 'Workload', 'windows');
    await t.app.press('enter');
    await t.app.waitForText('FSx for Windows File Server in us-east-1');
    await setText(t.app, 'Name', 'secret-win');
    await focus(t.app, 'Active Directory');
    await t.app.press('right');
    await t.app.waitFor((f) => /Active Directory\s+Self-managed AD/.test(plain(f)), 'self-managed chosen');
    await setText(t.app, 'Domain', 'corp.example.com');
    await setText(t.app, 'DNS servers', '10.0.1.10, 10.0.2.10');
    await setText(t.app, 'Service account', 'svc-fsx-join');
    await setText(t.app, 'Service account password', PW);
    await t.app.press('enter');
    const review = plain(await t.app.waitForText('3/4 Review'));
    let shown = review;
    for (let i = 0; i < 12 && !shown.includes('"Password"'); i++) {
      await t.app.press('pagedown');
      shown = plain(t.app.frame());
    }
    expect(shown).toContain('"Password": "********"');
    await createThrough(t.app, 'secret-win');
    const fs = ((await t.app.session.backend.pool.fsx('us-east-1').send(new DescribeFileSystemsCommand({}))).FileSystems ?? []).find((f) => nameTag(f.Tags) === 'secret-win');
    expect(fs?.WindowsConfiguration?.SelfManagedActiveDirectoryConfiguration).toMatchObject({ DomainName: 'corp.example.com', UserName: 'svc-fsx-join', DnsIps: ['10.0.1.10', '10.0.2.10'] });
    expect(t.app.frames.filter((f) => leaks(f, PW))).toEqual([]);
    const audit = t.home.auditLog();
    expect(audit).toContain('"action":"fsx:CreateFileSystem","resource":"secret-win","outcome":"ok"');
    expect(leaks(audit, PW)).toBe(false);
  });
});
