// The wizard's guard rails: the rule's own message as a value is typed, the
// estimate following each key, Enter refusing to go on (and no AWS call) while
// anything is invalid, and Esc going back without losing what was typed.
import { describe, expect, it } from 'vitest';
import { plain, type Rendered } from '../helpers/render.js';
import { choose, CTRL_U, everyFrameFits, flat, focus, openWizard, screenTestState, setText, toSettings, waitForRecommended } from './create-helpers.js';

const t = screenTestState();

const mutations = (a: Rendered) => Object.keys(a.sim.stats.byCommand).filter((k) => /:(Create|Put|Attach|Delete)/.test(k));

describe('create wizard: validation and the live estimate', () => {
  it('the estimate and the rule follow every key typed; invalid settings never reach the review or AWS', async () => {
    t.app = await openWizard();
    await toSettings(t.app);
    expect(plain(t.app.frame())).toContain('Estimated $8.00/month · ready to review');
    await focus(t.app, 'Size');
    await t.app.press(CTRL_U);
    // Each key: a new estimate (gp3 at $0.08 per GiB-month) or the rule's message.
    await t.app.type('2');
    await t.app.waitForText('Estimated $0.16/month');
    await t.app.type('0');
    await t.app.waitForText('Estimated $1.60/month');
    await t.app.type('0000');
    const f = flat(await t.app.waitForText('1 problem ✗'));
    expect(f).toMatch(/Size for gp3 must be between 1 and [\d,]+ GiB: try [\d,]+\./);
    expect(plain(t.app.frame())).toMatch(/›✗ Size\s+200000\s+GiB/);
    await t.app.press('enter');
    const refused = flat(await t.app.waitForText('problem to fix before the review'));
    expect(refused).toContain('2/4 Settings');
    expect(plain(t.app.frame())).not.toContain('3/4 Review');
    expect(mutations(t.app)).toEqual([]);
    // Fixed: the review is reachable again.
    await t.app.press('backspace', 'backspace');
    await t.app.waitForText('Estimated $160.00/month · ready to review');
    await t.app.press('enter');
    await t.app.waitForText('3/4 Review');
    expect(mutations(t.app)).toEqual([]);
    expect(everyFrameFits(t.app)).toBe(true);
  });

  it('S3 bucket names: the failing rule is named', async () => {
    t.app = await openWizard();
    await choose(t.app, 'Workload', 'archive');
    await toSettings(t.app);
    await setText(t.app, 'Bucket name', 'Lab_Results');
    expect(flat(t.app.frame())).toContain('Bucket names may contain only lowercase letters, numbers, dots (.) and hyphens (-), and "L" is not one: use lowercase letters.');
    await setText(t.app, 'Bucket name', 'xn--lab-results');
    expect(flat(t.app.frame())).toContain('must not start with the reserved prefix "xn--"');
    await setText(t.app, 'Bucket name', 'lab.results.2026');
    // Valid, with advice that does not block.
    await t.app.waitForText('ready to review');
    expect(flat(t.app.frame())).toContain('Dots in a bucket name rule out S3 Transfer Acceleration');
  });

  it('FSx for Lustre capacity: the allowed steps are named, and + steps to the next allowed value', async () => {
    t.app = await openWizard();
    await choose(t.app, 'Workload', 'scratch');
    await setText(t.app, 'Capacity', '1200');
    await t.app.press('enter');
    await t.app.waitForText('FSx for Lustre in us-east-1');
    await setText(t.app, 'Storage capacity', '3000');
    expect(flat(t.app.frame())).toMatch(/Storage capacity for SCRATCH_2 must be 1,200 GiB or a multiple of 2,400 GiB: try 2,400 or 4,800/);
    await t.app.press('+');
    await t.app.waitFor((f) => /Storage capacity\s+4800\s+GiB/.test(plain(f)), 'stepped to 4,800');
    await t.app.press('-', '-');
    await t.app.waitFor((f) => /Storage capacity\s+1200\s+GiB/.test(plain(f)), 'stepped down to 1,200');
    expect(plain(t.app.frame())).toContain('ready to review');
  });

  it('Esc goes back a step and forward again without losing anything typed', async () => {
    t.app = await openWizard();
    await setText(t.app, 'Capacity', '500');
    await toSettings(t.app);
    await setText(t.app, 'Name', 'keep-me');
    await setText(t.app, 'Tags', 'project=genomics, owner=ana');
    await setText(t.app, 'Size', '750');
    await t.app.press('enter');
    const review = plain(await t.app.waitForText('3/4 Review'));
    expect(review).toContain('"Size": 750');
    await t.app.press('escape');
    await t.app.waitForText('2/4 Settings');
    expect(plain(t.app.frame())).toMatch(/Name\s+keep-me/);
    expect(plain(t.app.frame())).toMatch(/Size\s+750\s+GiB/);
    await t.app.press('escape');
    await t.app.waitForText('1/4 Purpose');
    expect(plain(t.app.frame())).toMatch(/Capacity\s+500\s+GiB/);
    await toSettings(t.app);
    const f = plain(t.app.frame());
    expect(f).toMatch(/Name\s+keep-me/);
    expect(f).toMatch(/Tags\s+project=genomics, owner=ana/);
    expect(f).toMatch(/Size\s+750\s+GiB/);
    // Esc on step 1 closes the wizard (the shell pops it).
    await t.app.press('escape', 'escape');
    await t.app.waitForText('NAME');
    expect(mutations(t.app)).toEqual([]);
  });

  it('the kind follows the needs until one is picked; a picked kind stays', async () => {
    t.app = await openWizard();
    expect(plain(t.app.frame())).toMatch(/Kind\s+EBS volume {2}★ recommended/);
    await setText(t.app, 'Shared by', '12');
    await waitForRecommended(t.app, 'EFS file system');
    await choose(t.app, 'Kind', 'OpenZFS');
    await setText(t.app, 'Shared by', '1');
    const f = plain(t.app.frame());
    expect(f).toMatch(/Kind\s+FSx for OpenZFS/);
    expect(f).toContain('Recommended: EBS gp3');
  });

  it('needs that make no sense keep step 1 open with the reason', async () => {
    t.app = await openWizard();
    await setText(t.app, 'Capacity', '');
    await t.app.press('enter');
    expect(flat(await t.app.waitForText('Capacity is needed'))).toContain('1/4 Purpose');
  });
});

describe('create wizard: the terminal and the account', () => {
  it('a form longer than the screen scrolls with the focused field visible, at 80x24', async () => {
    t.app = await openWizard();
    await choose(t.app, 'Workload', 'home dir');
    await t.app.press('enter');
    await t.app.waitForText('EFS file system in us-east-1');
    await focus(t.app, 'Create an access point');
    await t.app.press(' ');
    // Four more fields appear below; the last one is reachable and drawn focused.
    await focus(t.app, 'Directory permissions');
    const f = plain(t.app.frame());
    expect(f).toMatch(/^›\s+Directory permissions\s+0755/m);
    expect(f).not.toMatch(/^\s+Name\s/m);
    await focus(t.app, 'Name');
    expect(plain(t.app.frame())).toMatch(/^›\s+Name\s/m);
    expect(everyFrameFits(t.app)).toBe(true);
  });

  it('Enter on step 1 before the account is read waits for it, then goes on by itself', async () => {
    t.app = await openWizard();
    await t.app.press('escape');
    await t.app.waitForText('NAME');
    t.app.sim.setFaults({ latencyMs: 300 });
    await t.app.press('c');
    await t.app.waitForText('1/4 Purpose');
    await t.app.press('enter');
    await t.app.waitForText('Reading subnets, security groups');
    t.app.sim.setFaults({});
    await t.app.waitForText('2/4 Settings', 10_000);
  });
});
