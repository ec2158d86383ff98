// When creating fails: the reason and the step that failed, everything typed
// kept for a fix, and a retry that reuses the wizard's idempotency token so
// nothing is created twice. Leaving while AWS works asks first.
import { DescribeVolumesCommand } from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { plain, type Rendered } from '../helpers/render.js';
import { choose, flat, openWizard, screenTestState, setText, toSettings } from './create-helpers.js';

const t = screenTestState();

async function volumesNamed(a: Rendered, name: string) {
  const out = await a.session.backend.pool.ec2('us-east-1').send(new DescribeVolumesCommand({}));
  return (out.Volumes ?? []).filter((v) => v.Tags?.some((t) => t.Key === 'Name' && t.Value === name));
}

describe('create wizard: failures and retries', () => {
  it('a step that fails after the first succeeded: reason and step shown; fixed and retried with the same token, one volume', async () => {
    t.app = await openWizard();
    await toSettings(t.app);
    await setText(t.app, 'Name', 'retry-ebs');
    await setText(t.app, 'Size', '300');
    // hpc-head-node already has a volume at /dev/sdf (the default device): the attach will fail.
    await choose(t.app, 'Attach to instance', 'hpc-head');
    await t.app.waitFor((f) => /Device name\s+\/dev\/sdf/.test(plain(f)), 'default device');
    await createThroughExpectingFailure(t.app);
    const failed = flat(t.app.frame());
    expect(failed).toMatch(/Step 2 of 2 \(AttachVolume\) failed: .*\/dev\/sdf is already in use/);
    expect(failed).toMatch(/Already created: EBS volume vol-[0-9a-f]+/);
    expect(failed).toContain('Enter retry');
    const first = await volumesNamed(t.app, 'retry-ebs');
    expect(first).toHaveLength(1);

    // Back to the settings: everything as typed, the failure said again.
    await t.app.press('escape');
    await t.app.waitForText('2/4 Settings');
    const settings = plain(t.app.frame());
    expect(settings).toMatch(/Name\s+retry-ebs/);
    expect(settings).toMatch(/Size\s+300\s+GiB/);
    expect(flat(t.app.frame())).toContain('The last attempt failed');
    await setText(t.app, 'Device name', '/dev/sdk');
    await t.app.press('enter');
    await t.app.waitForText('3/4 Review');
    await t.app.press('enter');
    await t.app.waitForText('attempt 2, same request token');
    await t.app.waitFor((f) => plain(f).includes('Identity') && plain(f).includes('retry-ebs'), 'detail', 20_000);

    const after = await volumesNamed(t.app, 'retry-ebs');
    expect(after).toHaveLength(1);
    expect(after[0].VolumeId).toBe(first[0].VolumeId);
    expect(after[0].Attachments?.[0]?.Device).toBe('/dev/sdk');
    const audit = t.home.auditLog().trim().split('\n').map((l) => JSON.parse(l) as { action: string; outcome: string });
    expect(audit.map((e) => `${e.action} ${e.outcome}`)).toEqual(['ec2:CreateVolume ok', 'ec2:AttachVolume error', 'ec2:CreateVolume ok', 'ec2:AttachVolume ok']);
  });

  it('access denied on the first call: nothing created, the hint shown; Enter retries once allowed', async () => {
    t.app = await openWizard();
    await toSettings(t.app);
    await setText(t.app, 'Name', 'denied-ebs');
    await t.app.press('enter');
    await t.app.waitForText('3/4 Review');
    t.app.sim.setFaults({ deny: ['ec2'] });
    await t.app.press('enter');
    const f = flat(await t.app.waitForText('Creating EBS volume "denied-ebs" failed', 15_000));
    expect(f).toMatch(/Step 1 of 1 \(CreateVolume\) failed: .*(denied|not authorized)/i);
    expect(f).toContain('Nothing was created.');
    expect(f).toContain('What to do:');
    t.app.sim.setFaults({});
    await t.app.press('enter');
    await t.app.waitFor((fr) => plain(fr).includes('Identity') && plain(fr).includes('denied-ebs'), 'detail', 20_000);
    expect(await volumesNamed(t.app, 'denied-ebs')).toHaveLength(1);
  });

  it('Esc while AWS works asks first; any other key stays', async () => {
    t.app = await openWizard();
    await toSettings(t.app);
    await setText(t.app, 'Name', 'slow-ebs');
    await t.app.press('enter');
    await t.app.waitForText('3/4 Review');
    t.app.sim.setFaults({ latencyMs: 400 });
    await t.app.press('enter');
    await t.app.waitForText('Creating EBS volume "slow-ebs"…');
    await t.app.press('escape');
    await t.app.waitForText('Esc again: stop following');
    await t.app.press('x');
    await t.app.waitForText('Esc leave (asks first)');
    expect(plain(t.app.frame())).toContain('4/4 Creating');
    t.app.sim.setFaults({});
    await t.app.waitFor((fr) => plain(fr).includes('Identity') && plain(fr).includes('slow-ebs'), 'detail', 20_000);
  });
});

async function createThroughExpectingFailure(a: Rendered): Promise<void> {
  await a.press('enter');
  await a.waitForText('3/4 Review');
  await a.press('enter');
  await a.waitForText('failed', 20_000);
}

