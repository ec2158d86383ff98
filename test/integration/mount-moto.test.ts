// Mount to an instance against moto (the AWS emulator), over HTTP with the real SDK:
// RunInstances, CreateVolume, then mountOnInstance attaches the volume (AttachVolume,
// DescribeVolumes until attached), sends the script with SSM SendCommand and follows
// GetCommandInvocation to its end; unmountOnInstance runs the unmount and detaches.
// moto gaps, noted and not bent around: it has no DescribeInstanceInformation (the check
// reports Systems Manager as "could not be asked" and the command is tried, as it is for
// a user without ssm:DescribeInstanceInformation), and its command invocations report
// Success at once without running anything.
import { CreateVolumeCommand, DescribeVolumesCommand, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { GetCommandInvocationCommand } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/services/audit.js';
import { ClientPool } from '../../src/services/aws/clients.js';
import { listEbsVolumes } from '../../src/services/aws/ebs.js';
import { checkInstance, mountOnInstance, unmountOnInstance, type MountEvent } from '../../src/services/mount-instance.js';
import { defaultMountOptions } from '../../src/services/mount/index.js';
import type { StorageInfo } from '../../src/services/types.js';
import { motoEndpointOrSkip, uniqueName } from '../helpers/moto.js';
import { motoPoolAndSubnet } from '../helpers/moto-pool.js';

const endpoint = motoEndpointOrSkip();
const REGION = 'us-east-1';
const noSleep = async () => {};
/** An Amazon Linux image of moto's catalogue (ami-12c6146b, used elsewhere, is a Windows Server image: this check would rightly refuse it). */
const LINUX_AMI = 'ami-760aaa0f';
const fast = { sleep: noSleep, intervalMs: 1, attachTimeoutMs: 5_000, commandTimeoutMs: 5_000 };

describe.skipIf(!endpoint)('mount to an instance against moto', () => {
  let pool: ClientPool;
  let subnetId: string;
  let az: string;

  beforeAll(async () => {
    ({ pool, subnetId, az } = await motoPoolAndSubnet(endpoint, REGION));
  });
  afterAll(() => pool?.destroy());

  async function instanceAndVolume(): Promise<{ instanceId: string; info: StorageInfo }> {
    const name = uniqueName('mount-node');
    const run = await pool.ec2().send(
      new RunInstancesCommand({ ImageId: LINUX_AMI, MinCount: 1, MaxCount: 1, InstanceType: 't3.micro', SubnetId: subnetId, TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: name }] }] }),
    );
    const instanceId = run.Instances?.[0]?.InstanceId ?? '';
    const vol = await pool.ec2().send(new CreateVolumeCommand({ AvailabilityZone: az, Size: 8, VolumeType: 'gp3', TagSpecifications: [{ ResourceType: 'volume', Tags: [{ Key: 'Name', Value: uniqueName('mount-data') }] }] }));
    const info = (await listEbsVolumes(pool, REGION)).find((v) => v.id === vol.VolumeId);
    if (!info) throw new Error(`${vol.VolumeId} not listed`);
    return { instanceId, info };
  }

  it('checks the instance: running, same AZ, a free device; Systems Manager unknown (moto has no DescribeInstanceInformation)', async () => {
    const { instanceId, info } = await instanceAndVolume();
    const c = await checkInstance(pool, info, instanceId, { sleep: noSleep });
    expect(c.instance).toMatchObject({ id: instanceId, state: 'running', availabilityZone: az });
    expect(c.problems).toEqual([]);
    expect(c.ebs).toMatchObject({ attached: false });
    expect(c.ebs?.device).toMatch(/^\/dev\/sd[f-p]$/);
    expect(c.ssmManaged).toBeUndefined();
    expect(c.ok).toBe(true);
  });

  it('attaches the volume, sends the script with SSM, follows the command to Success; unmount detaches', async () => {
    const { instanceId, info } = await instanceAndVolume();
    const audit = new AuditLog(null, { profile: 'moto' });
    const events: MountEvent[] = [];
    const r = await mountOnInstance(pool, info, instanceId, defaultMountOptions(info), { ...fast, audit, onEvent: (e) => events.push(e) });
    expect(r.error).toBeUndefined();
    expect(r).toMatchObject({ status: 'success', ok: true, commandStatus: 'Success' });
    expect(r.steps.map((s) => `${s.id}:${s.state}`)).toEqual(['check:done', 'attach:done', 'wait-attached:done', 'run:done']);

    const vols = await pool.ec2().send(new DescribeVolumesCommand({ VolumeIds: [info.id] }));
    expect(vols.Volumes?.[0]?.Attachments?.[0]).toMatchObject({ InstanceId: instanceId, Device: r.device, State: 'attached' });
    const inv = await pool.ssm().send(new GetCommandInvocationCommand({ CommandId: r.commandId, InstanceId: instanceId }));
    expect(inv).toMatchObject({ CommandId: r.commandId, Status: 'Success', DocumentName: 'AWS-RunShellScript' });
    expect(events.some((e) => e.type === 'status' && e.status === 'Success')).toBe(true);
    expect(audit.entries().map((e) => `${e.action} ${e.outcome}`)).toEqual(['ec2:AttachVolume ok', 'ssm:SendCommand ok', 'ssm:SendCommand ok']);

    const attached = (await listEbsVolumes(pool, REGION)).find((v) => v.id === info.id) as StorageInfo;
    const u = await unmountOnInstance(pool, attached, instanceId, defaultMountOptions(attached), { ...fast, audit });
    expect(u.error).toBeUndefined();
    expect(u).toMatchObject({ status: 'success', ok: true });
    expect(u.steps.map((s) => `${s.id}:${s.state}`)).toEqual(['check:done', 'run:done', 'detach:done', 'wait-detached:done']);
    const after = await pool.ec2().send(new DescribeVolumesCommand({ VolumeIds: [info.id] }));
    expect(after.Volumes?.[0]?.Attachments ?? []).toEqual([]);
  });

  it('refuses a volume in another AZ before any mutating call', async () => {
    const { instanceId } = await instanceAndVolume();
    const other = az.endsWith('a') ? `${REGION}b` : `${REGION}a`;
    const vol = await pool.ec2().send(new CreateVolumeCommand({ AvailabilityZone: other, Size: 8, VolumeType: 'gp3' }));
    const info = (await listEbsVolumes(pool, REGION)).find((v) => v.id === vol.VolumeId) as StorageInfo;
    const audit = new AuditLog(null, { profile: 'moto' });
    const r = await mountOnInstance(pool, info, instanceId, defaultMountOptions(info), { ...fast, audit });
    expect(r).toMatchObject({ status: 'refused', failedStep: 'check' });
    expect(r.message).toContain(`is in ${other}`);
    expect(audit.entries().map((e) => `${e.action} ${e.outcome}`)).toEqual(['ssm:SendCommand refused']);
    const vols = await pool.ec2().send(new DescribeVolumesCommand({ VolumeIds: [info.id] }));
    expect(vols.Volumes?.[0]?.Attachments ?? []).toEqual([]);
  });
});
