// User changes persist in the state directory and come back on the next
// start; reset() forgets them; secrets never reach the disk.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CreateTagsCommand, CreateVolumeCommand, DeleteVolumeCommand, DescribeVolumesCommand } from '@aws-sdk/client-ec2';
import { CreateStorageVirtualMachineCommand, DescribeFileSystemsCommand, DescribeStorageVirtualMachinesCommand } from '@aws-sdk/client-fsx';
import { DeleteObjectsCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { ClientPool } from '../../src/services/aws/clients.js';
import { SimRegion, defaultStateDir } from '../../src/services/sim/index.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'prism-sim-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function open(clock: { now: number }) {
  const sim = new SimRegion({ stateDir: dir, now: () => clock.now });
  const pool = new ClientPool({ region: 'us-east-1', credentials: { accessKeyId: 'sim', secretAccessKey: 'sim' }, plugin: sim.plugin });
  return { sim, pool };
}

async function volumeIds(pool: ClientPool): Promise<string[]> {
  return (await pool.ec2().send(new DescribeVolumesCommand({}))).Volumes!.map((v) => v.VolumeId!);
}

describe('persistence', () => {
  it('creates, tags and deletes survive a restart with the same ids and timelines; reset() forgets them', async () => {
    const clock = { now: Date.UTC(2025, 5, 2, 12) };
    const a = open(clock);
    const before = await volumeIds(a.pool);
    const created = await a.pool.ec2().send(new CreateVolumeCommand({ AvailabilityZone: 'us-east-1c', Size: 42, VolumeType: 'gp3' }));
    await a.pool.ec2().send(new CreateTagsCommand({ Resources: [created.VolumeId!], Tags: [{ Key: 'Name', Value: 'kept-across-restarts' }] }));
    const idle = (await a.pool.ec2().send(new DescribeVolumesCommand({ Filters: [{ Name: 'tag:Name', Values: ['old-analysis-scratch'] }] }))).Volumes![0];
    await a.pool.ec2().send(new DeleteVolumeCommand({ VolumeId: idle.VolumeId }));

    clock.now += 60_000;
    const b = open(clock);
    const vols = (await b.pool.ec2().send(new DescribeVolumesCommand({}))).Volumes!;
    const again = vols.find((v) => v.VolumeId === created.VolumeId);
    expect(again?.State).toBe('available');
    expect(again?.Tags).toEqual([{ Key: 'Name', Value: 'kept-across-restarts' }]);
    expect(again?.CreateTime?.getTime()).toBe(created.CreateTime?.getTime());
    expect(vols.some((v) => v.VolumeId === idle.VolumeId)).toBe(false);

    b.sim.reset();
    expect(await volumeIds(b.pool)).toEqual(before);
    const c = open(clock);
    expect(await volumeIds(c.pool)).toEqual(before);
  });

  it('S3 object deletions persist compactly', async () => {
    const clock = { now: Date.UTC(2025, 5, 2, 12) };
    const a = open(clock);
    const keys = (await a.pool.s3().send(new ListObjectsV2Command({ Bucket: 'acme-athena-query-results', MaxKeys: 1000 }))).Contents!.map((o) => o.Key!);
    await a.pool.s3().send(new DeleteObjectsCommand({ Bucket: 'acme-athena-query-results', Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true } }));
    const file = readdirSync(dir).find((f) => f.endsWith('.json'))!;
    expect(readFileSync(join(dir, file), 'utf8').length).toBeLessThan(2_000);
    const b = open(clock);
    const first = (await b.pool.s3().send(new ListObjectsV2Command({ Bucket: 'acme-athena-query-results', MaxKeys: 1 }))).Contents![0].Key;
    expect(keys).not.toContain(first);
  });

  it('never writes passwords to disk', async () => {
    const clock = { now: Date.UTC(2025, 5, 2, 12) };
    const a = open(clock);
    const ontap = (await a.pool.fsx().send(new DescribeFileSystemsCommand({}))).FileSystems!.find((f) => f.FileSystemType === 'ONTAP')!;
    await a.pool.fsx().send(new CreateStorageVirtualMachineCommand({ FileSystemId: ontap.FileSystemId, Name: 'newsvm', SvmAdminPassword: 'Hunter2-Secret!' }));
    const file = readdirSync(dir).find((f) => f.endsWith('.json'))!;
    const text = readFileSync(join(dir, file), 'utf8');
    expect(text).toContain('newsvm');
    expect(text).not.toContain('Hunter2-Secret!');
    const b = open(clock);
    const svms = (await b.pool.fsx().send(new DescribeStorageVirtualMachinesCommand({}))).StorageVirtualMachines!;
    expect(svms.map((s) => s.Name)).toContain('newsvm');
  });

  it('a damaged state file is moved aside, not silently lost, and the world starts clean', async () => {
    const clock = { now: Date.UTC(2025, 5, 2, 12) };
    const a = open(clock);
    await a.pool.ec2().send(new CreateVolumeCommand({ AvailabilityZone: 'us-east-1c', Size: 42 }));
    const file = readdirSync(dir).find((f) => f.endsWith('.json'))!;
    writeFileSync(join(dir, file), '{"version":1, truncated');
    const b = open(clock);
    await b.pool.ec2().send(new DescribeVolumesCommand({}));
    expect(readdirSync(dir).some((f) => f.includes('.unreadable-'))).toBe(true);
  });

  it('defaultStateDir follows XDG_STATE_HOME, else ~/.local/state', () => {
    expect(defaultStateDir({ XDG_STATE_HOME: '/x/state', HOME: '/home/u' })).toBe('/x/state/prism-storage/sim');
    expect(defaultStateDir({ HOME: '/home/u' })).toBe('/home/u/.local/state/prism-storage/sim');
  });
});
