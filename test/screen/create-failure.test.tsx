// When creating fails: the reason and the step that failed, everything typed
// kept for a fix, and a retry that reuses the wizard's idempotency token so
// nothing is created twice. Leaving while AWS works asks first.
import { DescribeVolumesCommand } from '@aws-sdk/client-ec2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { plain, type Rendered } from '../helpers/render.js';
import { choose, flat, openWizard, privateStateHome, setText } from './create-helpers.js';

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

async function volumesNamed(a: Rendered, name: string) {
  const out = await a.session.backend.pool.ec2('us-east-1').send(new DescribeVolumesCommand({}));
  return (out.Volumes ?? []).filter((v) => v.Tags?.some((t) => t.Key === 'Name' && t.Value === name));
}

describe('create wizard: failures and retries', () => {
  it('a step that fails after the first succeeded: reason and step shown; fixed and retried with the same token, one volume', async () => {
    app = await openWizard();
    await app.press('enter');
    await app.waitForText('2/4 Settings');
    await setText(app, 'Name', 'retry-ebs');
    await setText(app, 'Size', '300');
    // hpc-head-node already has a volume at /dev/sdf (the default device): the attach will fail.
    await choose(app, 'Attach to instance', 'hpc-head');
    await app.waitFor((f) => /Device name\s+\/dev\/sdf/.test(plain(f)), 'default device');
    await createThroughExpectingFailure(app);
    const failed = flat(app.frame());
    expect(failed).toMatch(/Step 2 of 2 \(AttachVolume\) failed: .*\/dev\/sdf is already in use/);
    expect(failed).toMatch(/Already created: EBS volume vol-[0-9a-f]+/);
    expect(failed).toContain('Enter retry');
    const first = await volumesNamed(app, 'retry-ebs');
    expect(first).toHaveLength(1);

    // Back to the settings: everything as typed, the failure said again.
    await app.press('escape');
    await app.waitForText('2/4 Settings');
    const settings = plain(app.frame());
    expect(settings).toMatch(/Name\s+retry-ebs/);
    expect(settings).toMatch(/Size\s+300\s+GiB/);
    expect(flat(app.frame())).toContain('The last attempt failed');
    await setText(app, 'Device name', '/dev/sdk');
    await app.press('enter');
    await app.waitForText('3/4 Review');
    await app.press('enter');
    await app.waitForText('attempt 2, same request token');
    await app.waitFor((f) => plain(f).includes('Identity') && plain(f).includes('retry-ebs'), 'detail', 20_000);

    const after = await volumesNamed(app, 'retry-ebs');
    expect(after).toHaveLength(1);
    expect(after[0].VolumeId).toBe(first[0].VolumeId);
    expect(after[0].Attachments?.[0]?.Device).toBe('/dev/sdk');
    const audit = home.auditLog().trim().split('\n').map((l) => JSON.parse(l) as { action: string; outcome: string });
    expect(audit.map((e) => `${e.action} ${e.outcome}`)).toEqual(['ec2:CreateVolume ok', 'ec2:AttachVolume error', 'ec2:CreateVolume ok', 'ec2:AttachVolume ok']);
  });

  it('access denied on the first call: nothing created, the hint shown; Enter retries once allowed', async () => {
    app = await openWizard();
    await app.press('enter');
    await app.waitForText('2/4 Settings');
    await setText(app, 'Name', 'denied-ebs');
    await app.press('enter');
    await app.waitForText('3/4 Review');
    app.sim.setFaults({ deny: ['ec2'] });
    await app.press('enter');
    const f = flat(await app.waitForText('Creating EBS volume "denied-ebs" failed', 15_000));
    expect(f).toMatch(/Step 1 of 1 \(CreateVolume\) failed: .*(denied|not authorized)/i);
    expect(f).toContain('Nothing was created.');
    expect(f).toContain('What to do:');
    app.sim.setFaults({});
    await app.press('enter');
    await app.waitFor((fr) => plain(fr).includes('Identity') && plain(fr).includes('denied-ebs'), 'detail', 20_000);
    expect(await volumesNamed(app, 'denied-ebs')).toHaveLength(1);
  });

  it('Esc while AWS works asks first; any other key stays', async () => {
    app = await openWizard();
    await app.press('enter');
    await app.waitForText('2/4 Settings');
    await setText(app, 'Name', 'slow-ebs');
    await app.press('enter');
    await app.waitForText('3/4 Review');
    app.sim.setFaults({ latencyMs: 400 });
    await app.press('enter');
    await app.waitForText('Creating EBS volume "slow-ebs"…');
    await app.press('escape');
    await app.waitForText('Esc again: stop following');
    await app.press('x');
    await app.waitForText('Esc leave (asks first)');
    expect(plain(app.frame())).toContain('4/4 Creating');
    app.sim.setFaults({});
    await app.waitFor((fr) => plain(fr).includes('Identity') && plain(fr).includes('slow-ebs'), 'detail', 20_000);
  });
});

async function createThroughExpectingFailure(a: Rendered): Promise<void> {
  await a.press('enter');
  await a.waitForText('3/4 Review');
  await a.press('enter');
  await a.waitForText('failed', 20_000);
}

