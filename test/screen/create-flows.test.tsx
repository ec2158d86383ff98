// The create wizard driven by keypresses, for each of the seven kinds, at
// 80x24, through to the store existing in the simulated region (checked with
// the SDK's own describe calls) and its detail screen opening.
import { DescribeVolumesCommand } from '@aws-sdk/client-ec2';
import { DescribeFileSystemsCommand as EfsDescribeFileSystems, DescribeMountTargetsCommand } from '@aws-sdk/client-efs';
import { DescribeFileSystemsCommand, DescribeStorageVirtualMachinesCommand, DescribeVolumesCommand as FsxDescribeVolumes, type FileSystem } from '@aws-sdk/client-fsx';
import { GetBucketLifecycleConfigurationCommand, GetBucketVersioningCommand, HeadBucketCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { plain, type Rendered } from '../helpers/render.js';
import { renderApp } from '../helpers/render.js';
import { choose, COLS, createThrough, everyFrameFits, focus, nameTag, openWizard as open, ROWS, screenTestState, setText, toSettings, waitForRecommended } from './create-helpers.js';

const t = screenTestState();

function fitsTheTerminal(a: Rendered): void {
  expect(everyFrameFits(a)).toBe(true);
}

async function fsxByName(a: Rendered, name: string): Promise<FileSystem> {
  const out = await a.session.backend.pool.fsx('us-east-1').send(new DescribeFileSystemsCommand({}));
  const fs = (out.FileSystems ?? []).find((f) => nameTag(f.Tags) === name);
  if (!fs) throw new Error(`no FSx file system named ${name}`);
  return fs;
}

describe('create wizard: every kind, keypresses through to the store existing', () => {
  it('EBS: recommended for one instance; size typed, attached to an instance picked from the account', async () => {
    t.app = await open();
    const f1 = plain(t.app.frame());
    expect(f1).toMatch(/Kind\s+EBS volume {2}★ recommended/);
    expect(f1).toContain('Recommended: EBS gp3');
    await toSettings(t.app);
    await setText(t.app, 'Name', 'flow-ebs');
    await setText(t.app, 'Size', '250');
    await t.app.waitForText('$20.00/month');
    // Instances come from the account, filtered to the volume's zone.
    await choose(t.app, 'Attach to instance', 'hpc-head');
    await setText(t.app, 'Device name', '/dev/sdj');
    await t.app.press('enter');
    const review = plain(await t.app.waitForText('API requests (2 calls'));
    expect(review).toContain('1. CreateVolume');
    await createThrough(t.app, 'flow-ebs');
    const out = await t.app.session.backend.pool.ec2('us-east-1').send(new DescribeVolumesCommand({}));
    const vol = (out.Volumes ?? []).filter((v) => nameTag(v.Tags) === 'flow-ebs');
    expect(vol).toHaveLength(1);
    expect(vol[0]).toMatchObject({ Size: 250, VolumeType: 'gp3', Encrypted: true, AvailabilityZone: 'us-east-1a' });
    expect(vol[0].Attachments?.[0]).toMatchObject({ Device: '/dev/sdj' });
    expect(t.app.session.store.getSnapshot().resources.some((r) => r.id === vol[0].VolumeId)).toBe(true);
    // Every mutating call is in the audit log of the user's state directory.
    const audit = t.home.auditLog().trim().split('\n').map((l) => JSON.parse(l) as { action: string; outcome: string; profile: string; region: string; resource: string });
    expect(audit.map((e) => [e.action, e.outcome])).toEqual([
      ['ec2:CreateVolume', 'ok'],
      ['ec2:AttachVolume', 'ok'],
    ]);
    expect(audit[0]).toMatchObject({ profile: 'sim', region: 'us-east-1', resource: 'flow-ebs' });
    fitsTheTerminal(t.app);
  });

  it('EFS: shared home directories; mount targets in the subnets offered', async () => {
    t.app = await open();
    await choose(t.app, 'Workload', 'home dir');
    await setText(t.app, 'Shared by', '40');
    await waitForRecommended(t.app, 'EFS file system');
    await toSettings(t.app);
    await setText(t.app, 'Name', 'flow-efs');
    await focus(t.app, 'Mount target subnets');
    await t.app.press('enter');
    await createThrough(t.app, 'flow-efs');
    const pool = t.app.session.backend.pool;
    const fs = ((await pool.efs('us-east-1').send(new EfsDescribeFileSystems({}))).FileSystems ?? []).find((f) => nameTag(f.Tags) === 'flow-efs');
    expect(fs).toMatchObject({ ThroughputMode: 'elastic', PerformanceMode: 'generalPurpose', Encrypted: true });
    const mts = await pool.efs('us-east-1').send(new DescribeMountTargetsCommand({ FileSystemId: fs?.FileSystemId }));
    expect(mts.MountTargets?.length).toBeGreaterThanOrEqual(2);
    fitsTheTerminal(t.app);
  });

  it('S3: archive; bucket name typed; lifecycle to Glacier after 90 days', async () => {
    t.app = await open();
    await choose(t.app, 'Workload', 'archive');
    await waitForRecommended(t.app, 'S3 bucket');
    await toSettings(t.app);
    await setText(t.app, 'Name', 'flow-archive');
    await setText(t.app, 'Bucket name', 'prism-flow-archive-results');
    await t.app.press('enter');
    const review = plain(await t.app.waitForText('3/4 Review'));
    // us-east-1 takes no LocationConstraint.
    expect(review).toMatch(/"Bucket": "prism-flow-archive-results"\n\s*\}/);
    await t.app.press('enter');
    await t.app.waitFor((f) => plain(f).includes('Identity') && plain(f).includes('prism-flow-archive-results'), 'bucket detail', 20_000);
    const s3 = t.app.session.backend.pool.s3('us-east-1');
    await s3.send(new HeadBucketCommand({ Bucket: 'prism-flow-archive-results' }));
    const lc = await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: 'prism-flow-archive-results' }));
    expect(lc.Rules?.[0]).toMatchObject({ ID: 'prism-archive-after-90', Transitions: [{ Days: 90, StorageClass: 'GLACIER' }] });
    expect((await s3.send(new GetBucketVersioningCommand({ Bucket: 'prism-flow-archive-results' }))).Status).toBe('Enabled');
    fitsTheTerminal(t.app);
  });

  it('FSx for Lustre: HPC scratch becomes SCRATCH_2 at 1,200 GiB', async () => {
    t.app = await open();
    await choose(t.app, 'Workload', 'scratch');
    await setText(t.app, 'Capacity', '1000');
    await setText(t.app, 'Shared by', '64');
    await waitForRecommended(t.app, 'FSx for Lustre');
    expect(plain(t.app.frame())).toContain('SCRATCH_2');
    await toSettings(t.app);
    await setText(t.app, 'Name', 'flow-lustre');
    expect(plain(t.app.frame())).toMatch(/Storage capacity\s+1200\s+GiB/);
    await createThrough(t.app, 'flow-lustre');
    const fs = await fsxByName(t.app, 'flow-lustre');
    expect(fs).toMatchObject({ FileSystemType: 'LUSTRE', StorageCapacity: 1200, Lifecycle: 'AVAILABLE' });
    expect(fs.LustreConfiguration?.DeploymentType).toBe('SCRATCH_2');
    fitsTheTerminal(t.app);
  });

  it('FSx for OpenZFS: a database several hosts share; 16 KiB records', async () => {
    t.app = await open();
    await choose(t.app, 'Workload', 'database');
    await setText(t.app, 'Shared by', '3');
    await waitForRecommended(t.app, 'FSx for OpenZFS');
    await toSettings(t.app);
    await setText(t.app, 'Name', 'flow-zfs');
    expect(plain(t.app.frame())).toMatch(/Record size\s+16 KiB/);
    await createThrough(t.app, 'flow-zfs');
    const fs = await fsxByName(t.app, 'flow-zfs');
    expect(fs).toMatchObject({ FileSystemType: 'OPENZFS', Lifecycle: 'AVAILABLE' });
    expect(fs.OpenZFSConfiguration?.DeploymentType).toBe('SINGLE_AZ_1');
    fitsTheTerminal(t.app);
  });

  it('FSx for Windows: Windows shares joined to the AWS Managed AD the account has', async () => {
    t.app = await open();
    await choose(t.app, 'Workload', 'windows');
    await waitForRecommended(t.app, 'FSx for Windows File Server');
    expect(plain(t.app.frame())).toMatch(/Windows clients\s+\[x\] yes/);
    await toSettings(t.app);
    await setText(t.app, 'Name', 'flow-win');
    expect(plain(t.app.frame())).toMatch(/Directory\s+corp\.research\.example\.org \(d-/);
    await createThrough(t.app, 'flow-win');
    const fs = await fsxByName(t.app, 'flow-win');
    expect(fs).toMatchObject({ FileSystemType: 'WINDOWS', Lifecycle: 'AVAILABLE' });
    expect(fs.WindowsConfiguration?.ActiveDirectoryId).toMatch(/^d-/);
    fitsTheTerminal(t.app);
  });

  it('FSx for ONTAP: enterprise NAS with its first SVM and volume', async () => {
    t.app = await open();
    await choose(t.app, 'Workload', 'enterprise');
    await waitForRecommended(t.app, 'FSx for NetApp ONTAP');
    await toSettings(t.app);
    await setText(t.app, 'Name', 'flow-ontap');
    await setText(t.app, 'Volume name', 'labdata');
    // The junction path follows the volume name.
    await t.app.waitFor((f) => /Junction path\s+\/labdata/.test(plain(f)), 'junction path');
    await t.app.press('enter');
    const review = plain(await t.app.waitForText('API requests (3 calls'));
    expect(review).toContain('1. CreateFileSystem');
    await createThrough(t.app, 'flow-ontap');
    const fs = await fsxByName(t.app, 'flow-ontap');
    const fsx = t.app.session.backend.pool.fsx('us-east-1');
    const svms = await fsx.send(new DescribeStorageVirtualMachinesCommand({ Filters: [{ Name: 'file-system-id', Values: [fs.FileSystemId ?? ''] }] }));
    expect(svms.StorageVirtualMachines?.map((s) => s.Name)).toEqual(['svm1']);
    const vols = await fsx.send(new FsxDescribeVolumes({ Filters: [{ Name: 'file-system-id', Values: [fs.FileSystemId ?? ''] }] }));
    expect(vols.Volumes?.find((v) => v.Name === 'labdata')?.OntapConfiguration?.JunctionPath).toBe('/labdata');
    fitsTheTerminal(t.app);
  });

  it('a second region: chosen on step 1, its own account offered, the bucket made there with its LocationConstraint', async () => {
    t.app = await renderApp({ columns: COLS, rows: ROWS, regions: ['us-east-1', 'us-west-2'], sim: { lifecycleSeconds: 0.01 } });
    await t.app.waitFor((f) => f.includes('S3 ✓'), 'inventory');
    await t.app.press('c');
    await t.app.waitForText(/account us-east-1 read/);
    await choose(t.app, 'Workload', 'archive');
    await choose(t.app, 'Region', 'us-west-2');
    await t.app.waitForText(/account us-west-2 read/);
    await t.app.press('enter');
    await t.app.waitForText('S3 bucket in us-west-2');
    await setText(t.app, 'Name', 'west-archive');
    await setText(t.app, 'Bucket name', 'prism-flow-west-archive');
    await t.app.press('enter');
    const review = plain(await t.app.waitForText('3/4 Review'));
    expect(review).toContain('"LocationConstraint": "us-west-2"');
    await t.app.press('enter');
    await t.app.waitFor((f) => plain(f).includes('Identity') && plain(f).includes('prism-flow-west-archive'), 'bucket detail', 20_000);
    await t.app.session.backend.pool.s3('us-west-2').send(new HeadBucketCommand({ Bucket: 'prism-flow-west-archive' }));
    fitsTheTerminal(t.app);
  });
});
