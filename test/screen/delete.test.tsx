// The delete dialog: it says what is lost and kept, Enter works only once the
// exact name is typed, the defaults keep a copy (EBS snapshot, FSx final
// backup), non-empty buckets and file systems with mount targets are refused
// unless a second explicit "y" empties them, attached volumes are refused
// with the instance named. Hidden, with the wizard, in --read-only.
import { DescribeSnapshotsCommand, DescribeVolumesCommand } from '@aws-sdk/client-ec2';
import { DescribeFileSystemsCommand as EfsDescribe } from '@aws-sdk/client-efs';
import { DescribeBackupsCommand } from '@aws-sdk/client-fsx';
import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { plain, type Rendered } from '../helpers/render.js';
import { everyFrameFits, flat, openApp, screenTestState } from './create-helpers.js';

const t = screenTestState();

const mutations = (a: Rendered) => Object.keys(a.sim.stats.byCommand).filter((k) => /:(Create|Delete|Put|Attach|Detach|Abort)/.test(k));

/** Filters the list to one store and opens the delete dialog on it. */
async function openDelete(a: Rendered, name: string): Promise<string> {
  await a.press('/');
  await a.type(name);
  await a.press('enter');
  await a.waitFor((f) => plain(f).split('\n').some((l) => l.includes(name)), `row ${name}`);
  await a.press('d');
  return flat(await a.waitForText(/Type .* to confirm/));
}

/** Waits until the dialog has checked the store (the preview is on screen). */
async function previewShown(a: Rendered): Promise<string> {
  return flat(await a.waitFor((f) => /Will be lost|Refused:/.test(plain(f)), 'preview'));
}

function rowState(a: Rendered, name: string): string | undefined {
  return plain(a.frame())
    .split('\n')
    .find((l) => l.includes(name) && !l.includes('filter'));
}

describe('delete dialog', () => {
  it('EBS: Enter needs the exact name; a snapshot is taken first and kept; the list then shows the volume going', async () => {
    t.app = await openApp();
    await openDelete(t.app, 'old-analysis-scratch');
    const preview = await previewShown(t.app);
    expect(preview).toMatch(/Will be kept • a snapshot of vol-[0-9a-f]+ \(2\.0 TiB\) is taken first and kept/);
    expect(preview).toMatch(/Will be lost • volume vol-[0-9a-f]+ \(old-analysis-scratch\)/);
    expect(plain(t.app.frame())).toMatch(/\[x\] Snapshot first/);
    await t.app.type('old-analysis');
    await t.app.press('enter');
    expect(flat(await t.app.waitForText('exactly to enable Enter'))).toContain('Type old-analysis-scratch exactly');
    expect(mutations(t.app)).toEqual([]);
    await t.app.type('-scratch');
    await t.app.waitForText('Enter deletes. Esc cancels.');
    await t.app.press('enter');
    // Back on the list, with what happened said in the message line.
    const done = flat(await t.app.waitForText(/snapshot snap-[0-9a-f]+ keeps its data/, 20_000));
    expect(done).toContain('NAME');
    const row = rowState(t.app, 'old-analysis-scratch');
    expect(row === undefined || /deleting|deleted/.test(row)).toBe(true);
    const ec2 = t.app.session.backend.pool.ec2('us-east-1');
    const vols = (await ec2.send(new DescribeVolumesCommand({}))).Volumes ?? [];
    expect(vols.find((v) => v.Tags?.some((t) => t.Value === 'old-analysis-scratch') && v.State !== 'deleting' && v.State !== 'deleted')).toBeUndefined();
    const snaps = (await ec2.send(new DescribeSnapshotsCommand({ OwnerIds: ['self'] }))).Snapshots ?? [];
    expect(snaps.some((s) => s.Tags?.some((t) => t.Key === 'prism-storage:snapshot-of'))).toBe(true);
    const audit = t.home.auditLog();
    expect(audit).toContain('"action":"ec2:CreateSnapshot"');
    expect(audit).toContain('"action":"ec2:DeleteVolume"');
    expect(everyFrameFits(t.app)).toBe(true);
  });

  it('EBS attached to an instance: refused, naming the instance; nothing is called', async () => {
    t.app = await openApp();
    await openDelete(t.app, 'genomics-scratch');
    const preview = await previewShown(t.app);
    expect(preview).toMatch(/Refused: nothing will be changed while this holds • attached to i-[0-9a-f]+ \(hpc-head-node\) as \/dev\/sdf: detach it first/);
    await t.app.type('genomics-scratch');
    await t.app.press('enter');
    expect(flat(await t.app.waitForText('Refused: attached to'))).toContain('hpc-head-node');
    expect(mutations(t.app)).toEqual([]);
    await t.app.press('escape');
    await t.app.waitForText('NAME');
  });

  it('FSx: the final backup is the default and is taken; opting out says the data is gone for good', async () => {
    t.app = await openApp();
    await openDelete(t.app, 'proteomics-results-zfs');
    let preview = await previewShown(t.app);
    expect(preview).toMatch(/Will be kept • a final backup of fs-[0-9a-f]+ \(1\.0 TiB\) is taken and kept/);
    // Opting out changes what the dialog says, before anything happens.
    await t.app.press('up', ' ');
    await t.app.waitFor((f) => /\[ \] Take a final backup/.test(plain(f)) && /no final backup, it is gone for good/.test(flat(f)), 'opt-out preview');
    await t.app.press(' ');
    preview = flat(await t.app.waitFor((f) => /\[x\] Take a final backup/.test(plain(f)) && /a final backup of/.test(flat(f)), 'backup again'));
    await t.app.press('down');
    await t.app.type('proteomics-results-zfs');
    await t.app.press('enter');
    await t.app.waitForText(/a final backup is taken first and kept/, 20_000);
    const fs = t.app.session.store.getSnapshot().resources.find((r) => r.name === 'proteomics-results-zfs');
    expect(fs?.state).toBe('deleting');
    const backups = (await t.app.session.backend.pool.fsx('us-east-1').send(new DescribeBackupsCommand({}))).Backups ?? [];
    expect(backups.some((b) => b.Tags?.some((t) => t.Key === 'prism-storage:final-backup-of' && t.Value === fs?.id))).toBe(true);
  });

  it('S3: a non-empty bucket is refused; emptying it needs the toggle AND a second explicit y', async () => {
    t.app = await openApp();
    await openDelete(t.app, 'acme-pipeline-uploads');
    const preview = await previewShown(t.app);
    expect(preview).toMatch(/Refused: nothing will be changed while this holds • s3:\/\/acme-pipeline-uploads holds 1,000\+ objects/);
    await t.app.type('acme-pipeline-uploads');
    await t.app.press('enter');
    await t.app.waitForText('Refused: s3://acme-pipeline-uploads holds');
    // Choose to empty it: the dialog now says all of it is lost.
    await t.app.press('up', ' ');
    await t.app.waitFor((f) => /\[x\] Empty the bucket first/.test(plain(f)) && /all 1,000\+ objects/.test(flat(f)), 'empty preview');
    await t.app.press('down', 'enter');
    expect(flat(await t.app.waitForText('Second confirmation'))).toContain('this cannot be undone');
    // Anything but y backs out, and nothing was emptied.
    await t.app.press('n');
    await t.app.waitForText('Not emptied, nothing deleted.');
    const s3 = t.app.session.backend.pool.s3('us-east-1');
    await s3.send(new HeadBucketCommand({ Bucket: 'acme-pipeline-uploads' }));
    expect(mutations(t.app)).toEqual([]);
    await t.app.press('enter');
    await t.app.waitForText('Second confirmation');
    await t.app.press('y');
    await t.app.waitForText('Deleting acme-pipeline-uploads.', 30_000);
    await expect(s3.send(new HeadBucketCommand({ Bucket: 'acme-pipeline-uploads' }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
  });

  it('EFS with mount targets: refused until they are deleted first, again behind a second y', async () => {
    t.app = await openApp();
    await openDelete(t.app, 'pipeline-scratch-efs');
    expect(await previewShown(t.app)).toMatch(/has 1 mount target \(us-east-1a\): instances mounting it would lose access/);
    await t.app.press('up', ' ');
    await t.app.waitFor((f) => /are deleted first: every instance mounting/.test(flat(f)), 'mount targets go first');
    await t.app.press('down');
    await t.app.type('pipeline-scratch-efs');
    await t.app.press('enter');
    await t.app.waitForText('Second confirmation');
    await t.app.press('y');
    await t.app.waitForText('Deleting fs-', 30_000);
    const left = (await t.app.session.backend.pool.efs('us-east-1').send(new EfsDescribe({}))).FileSystems ?? [];
    const fs = left.find((f) => f.Name === 'pipeline-scratch-efs');
    expect(fs === undefined || fs.LifeCycleState === 'deleting' || fs.LifeCycleState === 'deleted').toBe(true);
  });

  it('read-only hides the wizard and the dialog: keys do nothing, hints do not offer them', async () => {
    t.app = await openApp({ readOnly: true });
    const list = plain(t.app.frame());
    expect(list).not.toMatch(/\bc create\b/);
    expect(list).not.toMatch(/\bd delete\b/);
    await t.app.press('c');
    await t.app.press('d');
    expect(plain(t.app.frame())).not.toContain('New storage');
    expect(plain(t.app.frame())).not.toMatch(/Type .* to confirm/);
    await t.app.press(':');
    await t.app.type('create');
    await t.app.press('enter');
    await t.app.waitForText('read-only: creating is disabled');
    expect(mutations(t.app)).toEqual([]);
  });

  it('without read-only, the list offers both', async () => {
    t.app = await openApp();
    const list = plain(t.app.frame());
    expect(list).toMatch(/\bc create\b/);
    expect(list).toMatch(/\bd delete\b/);
  });
});
