// The wizard's guard rails: the rule's own message as a value is typed, the
// estimate following each key, Enter refusing to go on (and no AWS call) while
// anything is invalid, and Esc going back without losing what was typed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { plain, type Rendered } from '../helpers/render.js';
import { choose, CTRL_U, everyFrameFits, flat, focus, openWizard, privateStateHome, setText } from './create-helpers.js';

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

const mutations = (a: Rendered) => Object.keys(a.sim.stats.byCommand).filter((k) => /:(Create|Put|Attach|Delete)/.test(k));

describe('create wizard: validation and the live estimate', () => {
  it('the estimate and the rule follow every key typed; invalid settings never reach the review or AWS', async () => {
    app = await openWizard();
    await app.press('enter');
    await app.waitForText('2/4 Settings');
    expect(plain(app.frame())).toContain('Estimated $8.00/month · ready to review');
    await focus(app, 'Size');
    await app.press(CTRL_U);
    // Each key: a new estimate (gp3 at $0.08 per GiB-month) or the rule's message.
    await app.type('2');
    await app.waitForText('Estimated $0.16/month');
    await app.type('0');
    await app.waitForText('Estimated $1.60/month');
    await app.type('0000');
    const f = flat(await app.waitForText('1 problem ✗'));
    expect(f).toMatch(/Size for gp3 must be between 1 and [\d,]+ GiB: try [\d,]+\./);
    expect(plain(app.frame())).toMatch(/›✗ Size\s+200000\s+GiB/);
    await app.press('enter');
    const refused = flat(await app.waitForText('problem to fix before the review'));
    expect(refused).toContain('2/4 Settings');
    expect(plain(app.frame())).not.toContain('3/4 Review');
    expect(mutations(app)).toEqual([]);
    // Fixed: the review is reachable again.
    await app.press('backspace', 'backspace');
    await app.waitForText('Estimated $160.00/month · ready to review');
    await app.press('enter');
    await app.waitForText('3/4 Review');
    expect(mutations(app)).toEqual([]);
    expect(everyFrameFits(app)).toBe(true);
  });

  it('S3 bucket names: the failing rule is named', async () => {
    app = await openWizard();
    await choose(app, 'Workload', 'archive');
    await app.press('enter');
    await app.waitForText('2/4 Settings');
    await setText(app, 'Bucket name', 'Lab_Results');
    expect(flat(app.frame())).toContain('Bucket names may contain only lowercase letters, numbers, dots (.) and hyphens (-), and "L" is not one: use lowercase letters.');
    await setText(app, 'Bucket name', 'xn--lab-results');
    expect(flat(app.frame())).toContain('must not start with the reserved prefix "xn--"');
    await setText(app, 'Bucket name', 'lab.results.2026');
    // Valid, with advice that does not block.
    await app.waitForText('ready to review');
    expect(flat(app.frame())).toContain('Dots in a bucket name rule out S3 Transfer Acceleration');
  });

  it('FSx for Lustre capacity: the allowed steps are named, and + steps to the next allowed value', async () => {
    app = await openWizard();
    await choose(app, 'Workload', 'scratch');
    await setText(app, 'Capacity', '1200');
    await app.press('enter');
    await app.waitForText('FSx for Lustre in us-east-1');
    await setText(app, 'Storage capacity', '3000');
    expect(flat(app.frame())).toMatch(/Storage capacity for SCRATCH_2 must be 1,200 GiB or a multiple of 2,400 GiB: try 2,400 or 4,800/);
    await app.press('+');
    await app.waitFor((f) => /Storage capacity\s+4800\s+GiB/.test(plain(f)), 'stepped to 4,800');
    await app.press('-', '-');
    await app.waitFor((f) => /Storage capacity\s+1200\s+GiB/.test(plain(f)), 'stepped down to 1,200');
    expect(plain(app.frame())).toContain('ready to review');
  });

  it('Esc goes back a step and forward again without losing anything typed', async () => {
    app = await openWizard();
    await setText(app, 'Capacity', '500');
    await app.press('enter');
    await app.waitForText('2/4 Settings');
    await setText(app, 'Name', 'keep-me');
    await setText(app, 'Tags', 'project=genomics, owner=ana');
    await setText(app, 'Size', '750');
    await app.press('enter');
    const review = plain(await app.waitForText('3/4 Review'));
    expect(review).toContain('"Size": 750');
    await app.press('escape');
    await app.waitForText('2/4 Settings');
    expect(plain(app.frame())).toMatch(/Name\s+keep-me/);
    expect(plain(app.frame())).toMatch(/Size\s+750\s+GiB/);
    await app.press('escape');
    await app.waitForText('1/4 Purpose');
    expect(plain(app.frame())).toMatch(/Capacity\s+500\s+GiB/);
    await app.press('enter');
    await app.waitForText('2/4 Settings');
    const f = plain(app.frame());
    expect(f).toMatch(/Name\s+keep-me/);
    expect(f).toMatch(/Tags\s+project=genomics, owner=ana/);
    expect(f).toMatch(/Size\s+750\s+GiB/);
    // Esc on step 1 closes the wizard (the shell pops it).
    await app.press('escape', 'escape');
    await app.waitForText('NAME');
    expect(mutations(app)).toEqual([]);
  });

  it('the kind follows the needs until one is picked; a picked kind stays', async () => {
    app = await openWizard();
    expect(plain(app.frame())).toMatch(/Kind\s+EBS volume {2}★ recommended/);
    await setText(app, 'Shared by', '12');
    await app.waitFor((f) => /Kind\s+EFS file system {2}★ recommended/.test(plain(f)), 'EFS for shared POSIX files');
    await choose(app, 'Kind', 'OpenZFS');
    await setText(app, 'Shared by', '1');
    const f = plain(app.frame());
    expect(f).toMatch(/Kind\s+FSx for OpenZFS/);
    expect(f).toContain('Recommended: EBS gp3');
  });

  it('needs that make no sense keep step 1 open with the reason', async () => {
    app = await openWizard();
    await setText(app, 'Capacity', '');
    await app.press('enter');
    expect(flat(await app.waitForText('Capacity is needed'))).toContain('1/4 Purpose');
  });
});

describe('create wizard: the terminal and the account', () => {
  it('a form longer than the screen scrolls with the focused field visible, at 80x24', async () => {
    app = await openWizard();
    await choose(app, 'Workload', 'home dir');
    await app.press('enter');
    await app.waitForText('EFS file system in us-east-1');
    await focus(app, 'Create an access point');
    await app.press(' ');
    // Four more fields appear below; the last one is reachable and drawn focused.
    await focus(app, 'Directory permissions');
    const f = plain(app.frame());
    expect(f).toMatch(/^›\s+Directory permissions\s+0755/m);
    expect(f).not.toMatch(/^\s+Name\s/m);
    await focus(app, 'Name');
    expect(plain(app.frame())).toMatch(/^›\s+Name\s/m);
    expect(everyFrameFits(app)).toBe(true);
  });

  it('Enter on step 1 before the account is read waits for it, then goes on by itself', async () => {
    app = await openWizard();
    await app.press('escape');
    await app.waitForText('NAME');
    app.sim.setFaults({ latencyMs: 300 });
    await app.press('c');
    await app.waitForText('1/4 Purpose');
    await app.press('enter');
    await app.waitForText('Reading subnets, security groups');
    app.sim.setFaults({});
    await app.waitForText('2/4 Settings', 10_000);
  });
});
