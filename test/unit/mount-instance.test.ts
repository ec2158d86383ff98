// Mount to an instance: the instance checks (pure), the Run Command input, and the whole
// flow through the simulated region (attach, SSM SendCommand, GetCommandInvocation status),
// with an injected clock: waiting advances the simulated clock instead of sleeping.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeVolumesCommand } from '@aws-sdk/client-ec2';
import { ListCommandInvocationsCommand } from '@aws-sdk/client-ssm';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog, type AuditEntry } from '../../src/services/audit.js';
import { ClientPool, type ClientPlugin } from '../../src/services/aws/clients.js';
import { listEbsVolumes } from '../../src/services/aws/ebs.js';
import { listS3Buckets } from '../../src/services/aws/s3.js';
import {
  assessInstance,
  checkInstance,
  commandInput,
  freeDeviceName,
  listMountCandidates,
  manualHint,
  mountOnInstance,
  mountSteps,
  osFamilyOf,
  unmountOnInstance,
  type InstanceSummary,
  type MountEvent,
  type SsmNode,
} from '../../src/services/mount-instance.js';
import { defaultMountOptions, generateMount } from '../../src/services/mount/index.js';
import { SimRegion } from '../../src/services/sim/index.js';
import type { StorageInfo } from '../../src/services/types.js';

const REGION = 'us-east-1';
const T0 = Date.UTC(2025, 2, 3, 14, 0, 0);

// ---------------------------------------------------------------------------
// Pure parts

describe('freeDeviceName', () => {
  it('picks the first of /dev/sdf../dev/sdp whose letter no mapping uses, in either spelling', () => {
    expect(freeDeviceName([])).toBe('/dev/sdf');
    expect(freeDeviceName(['/dev/xvda', '/dev/sdf'])).toBe('/dev/sdg');
    // On Xen a /dev/sdf request shows up as /dev/xvdf: the letter is taken either way.
    expect(freeDeviceName(['/dev/sda1', '/dev/xvdf', '/dev/sdg'])).toBe('/dev/sdh');
    expect(freeDeviceName(['/dev/sdf1'])).toBe('/dev/sdg');
    expect(freeDeviceName('fghijklmnop'.split('').map((l) => `/dev/sd${l}`))).toBeUndefined();
  });
});

describe('osFamilyOf', () => {
  it('maps what Systems Manager reports to the generator OS families', () => {
    expect(osFamilyOf('Amazon Linux', '2023')).toBe('al2023');
    expect(osFamilyOf('Amazon Linux', '2')).toBe('al2');
    expect(osFamilyOf('Ubuntu', '22.04')).toBe('ubuntu');
    expect(osFamilyOf('Debian GNU/Linux', '12')).toBe('ubuntu');
    expect(osFamilyOf('Red Hat Enterprise Linux', '9.3')).toBe('rhel');
    expect(osFamilyOf('Rocky Linux', '9.3')).toBe('rhel');
    expect(osFamilyOf('Microsoft Windows Server 2022 Datacenter', '10.0')).toBeUndefined();
    expect(osFamilyOf(undefined, undefined)).toBeUndefined();
  });
});

const base = { state: 'available', rawState: 'available', region: REGION, encrypted: true, tags: {} } as const;
const inst = (over: Partial<InstanceSummary> = {}): InstanceSummary => ({
  id: 'i-0123456789abcdef0',
  name: 'head',
  state: 'running',
  availabilityZone: 'us-east-1a',
  vpcId: 'vpc-1',
  subnetId: 'subnet-1',
  platform: 'linux',
  instanceProfile: true,
  devices: ['/dev/xvda'],
  ...over,
});
const online: SsmNode = { status: 'online', pingStatus: 'Online', platformName: 'Ubuntu', platformVersion: '22.04', os: 'ubuntu' };
const ebs: StorageInfo = { ...base, name: 'scratch', type: 'ebs', id: 'vol-0aaaaaaaaaaaaaaa1', availabilityZone: 'us-east-1a', mount: {} };
const efs: StorageInfo = {
  ...base,
  name: 'home',
  type: 'efs',
  id: 'fs-0bbbbbbbbbbbbbbb2',
  mount: { efsMountTargets: [{ id: 'fsmt-1', subnetId: 'subnet-b', availabilityZone: 'us-east-1b', state: 'available' }] },
};
const lustre: StorageInfo = { ...base, name: 'scratch', type: 'fsx-lustre', id: 'fs-0ccccccccccccccc3', fsx: { fileSystemType: 'LUSTRE', subnetIds: [], vpcId: 'vpc-2' }, mount: { dnsName: 'fs-0ccccccccccccccc3.fsx.us-east-1.amazonaws.com', lustreMountName: 'abcdefgh' } };

describe('assessInstance', () => {
  it('accepts a running, managed instance in the volume AZ and picks a free device', () => {
    const c = assessInstance(ebs, inst({ devices: ['/dev/xvda', '/dev/sdf'] }), online, { volume: { VolumeId: ebs.id, AvailabilityZone: 'us-east-1a', State: 'available', Attachments: [] } });
    expect(c).toMatchObject({ ok: true, ssmManaged: true, problems: [], os: 'ubuntu', ebs: { attached: false, device: '/dev/sdg' } });
    expect(c.summary).toBe('ready: Ubuntu 22.04');
  });

  it('refuses an EBS volume in another AZ, attached elsewhere, or on a stopped or Windows instance', () => {
    const other = assessInstance(ebs, inst({ availabilityZone: 'us-east-1b' }), online, { volume: { AvailabilityZone: 'us-east-1a', State: 'available' } });
    expect(other.ok).toBe(false);
    expect(other.problems.join(' ')).toMatch(/is in us-east-1a and head \(i-0123456789abcdef0\) in us-east-1b: an EBS volume attaches only/);
    expect(other.summary).toBe('other AZ (us-east-1b)');

    const busy = assessInstance(ebs, inst(), online, { volume: { AvailabilityZone: 'us-east-1a', State: 'in-use', Attachments: [{ InstanceId: 'i-0ther000000000000', Device: '/dev/sdf', State: 'attached' }] } });
    expect(busy.problems.join(' ')).toContain('is attached to i-0ther000000000000 as /dev/sdf: unmount and detach it there first');

    const mine = assessInstance(ebs, inst(), online, { volume: { AvailabilityZone: 'us-east-1a', State: 'in-use', Attachments: [{ InstanceId: 'i-0123456789abcdef0', Device: '/dev/sdh', State: 'attached' }] } });
    expect(mine).toMatchObject({ ok: true, ebs: { attached: true, device: '/dev/sdh' } });

    expect(assessInstance(ebs, inst({ state: 'stopped' }), { status: 'offline', pingStatus: 'ConnectionLost' }).problems[0]).toContain('is stopped: start it first');
    expect(assessInstance(lustre, inst({ platform: 'windows', vpcId: 'vpc-2' }), online).problems[0]).toContain('runs Windows');
    const full = assessInstance(ebs, inst({ devices: 'fghijklmnop'.split('').map((l) => `/dev/xvd${l}`) }), online, { volume: { AvailabilityZone: 'us-east-1a', State: 'available' } });
    expect(full.problems.join(' ')).toContain('uses every device name from /dev/sdf to /dev/sdp');
  });

  it('EFS: no mount target in the AZ is a warning (cross-AZ), none at all or another VPC blocks', () => {
    const cross = assessInstance(efs, inst(), online, { efsVpcId: 'vpc-1' });
    expect(cross.ok).toBe(true);
    expect(cross.warnings.join(' ')).toContain('has no mount target in us-east-1a: the script mounts through us-east-1b');
    const none = assessInstance({ ...efs, mount: { efsMountTargets: [] } }, inst(), online);
    expect(none.problems.join(' ')).toContain('has no available mount target');
    const vpc = assessInstance(efs, inst(), online, { efsVpcId: 'vpc-9' });
    expect(vpc.problems.join(' ')).toContain('are in vpc-9 and head (i-0123456789abcdef0) in vpc-1');
  });

  it('FSx: another VPC blocks; S3 without an instance profile warns', () => {
    expect(assessInstance(lustre, inst(), online).problems.join(' ')).toContain('is in vpc-2 and head (i-0123456789abcdef0) in vpc-1');
    expect(assessInstance(lustre, inst({ vpcId: 'vpc-2' }), online).ok).toBe(true);
    const s3: StorageInfo = { ...base, name: 'b', type: 's3', id: 'bucket-1', mount: { s3Region: REGION } };
    expect(assessInstance(s3, inst({ instanceProfile: false }), online).warnings.join(' ')).toContain('has no IAM instance profile');
  });

  it('an instance Systems Manager does not manage cannot run the command; an unknown answer lets it try', () => {
    const absent = assessInstance(lustre, inst({ vpcId: 'vpc-2' }), { status: 'absent' });
    expect(absent).toMatchObject({ ok: false, ssmManaged: false, problems: [], summary: 'not managed by SSM' });
    expect(absent.ssmReason).toContain('AmazonSSMManagedInstanceCore');
    const offline = assessInstance(lustre, inst({ vpcId: 'vpc-2' }), { status: 'offline', pingStatus: 'ConnectionLost' });
    expect(offline.ssmReason).toContain('PingStatus ConnectionLost');
    const unknown = assessInstance(lustre, inst({ vpcId: 'vpc-2' }), { status: 'unknown', error: 'AccessDeniedException: no' });
    expect(unknown).toMatchObject({ ok: true, ssmManaged: undefined });
    expect(unknown.warnings.join(' ')).toContain('Systems Manager could not be asked');
  });
});

describe('commandInput', () => {
  const script = generateMount(ebs, defaultMountOptions(ebs));
  const dir = mkdtempSync(join(tmpdir(), 'prism-mi-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const syntaxOk = (shell: string, commands: string[]) => {
    const f = join(dir, `cmd-${shell}.sh`);
    writeFileSync(f, `${commands.join('\n')}\n`);
    return spawnSync(shell, ['-n', f], { encoding: 'utf8' });
  };

  it('runs the sections one by one, naming a failing one, after waiting for a just-attached device', () => {
    const input = commandInput(script, 'i-0123456789abcdef0', 'mount', ['/dev/disk/by-id/nvme-Amazon_Elastic_Block_Store_vol0aaaaaaaaaaaaaaa1', '/dev/xvdf', '/dev/sdf']);
    const cmds = input.Parameters.commands;
    expect(input.DocumentName).toBe('AWS-RunShellScript');
    expect(input.InstanceIds).toEqual(['i-0123456789abcdef0']);
    expect(cmds).toContain('for prism_step in install mount persist; do');
    expect(cmds).not.toContain('bash "$prism_script" all');
    expect(cmds.find((l) => l.startsWith('while '))).toBe(
      'while [ ! -e /dev/disk/by-id/nvme-Amazon_Elastic_Block_Store_vol0aaaaaaaaaaaaaaa1 ] && [ ! -e /dev/xvdf ] && [ ! -e /dev/sdf ] && [ "$prism_waited" -lt 60 ]; do sleep 1; prism_waited=$((prism_waited + 1)); done',
    );
    // The agent runs the commands with /bin/sh (dash on Debian/Ubuntu): POSIX sh and bash both parse it.
    for (const shell of ['dash', 'bash']) expect(syntaxOk(shell, cmds).status, shell).toBe(0);
    expect(cmds.slice(-2)).toEqual(['rm -f "$prism_script"', 'exit "$prism_rc"']);
  });

  it('unmount runs only the unmount section and says so in the comment', () => {
    const input = commandInput(script, 'i-0123456789abcdef0', 'unmount');
    expect(input.Parameters.commands).toContain('for prism_step in unmount; do');
    expect(input.Parameters.commands.some((l) => l.startsWith('while '))).toBe(false);
    expect(input.Comment).toMatch(/^prism-storage: unmount ebs/);
    expect(syntaxOk('dash', input.Parameters.commands).status).toBe(0);
  });

  it('a failing section is reported on stderr with its exit code', () => {
    // Run the wrapper for real with a stand-in script whose mount section fails.
    const stub = { ...script, script: '#!/usr/bin/env bash\ncase "$1" in install) echo installed ;; mount) echo nope >&2; exit 32 ;; esac\n' };
    const input = commandInput(stub, 'i-0123456789abcdef0', 'mount');
    const f = join(dir, 'run.sh');
    writeFileSync(f, `${input.Parameters.commands.join('\n')}\n`);
    const r = spawnSync('dash', [f], { encoding: 'utf8', env: { PATH: process.env.PATH, TMPDIR: dir } });
    expect(r.status).toBe(32);
    expect(r.stdout).toBe('prism-storage: ==> install\ninstalled\nprism-storage: ==> mount\n');
    expect(r.stderr).toBe('nope\nprism-storage: step mount failed (exit 32)\n');
  });
});

// ---------------------------------------------------------------------------
// Through the simulated region

let clock = T0;
let sim: SimRegion;
let pool: ClientPool;
let audit: AuditLog;
/** Test hook: answers an SSM command before the simulated region does (undefined: let it through). */
let ssmOverride: ((command: string, input: Record<string, unknown>) => unknown) | undefined;
const sleep = async (ms: number) => {
  clock += ms;
};
const run = { sleep, now: () => clock, intervalMs: 1_000 };

const plugin =
  (inner: ClientPlugin): ClientPlugin =>
  (client, service, region) => {
    inner(client, service, region);
    if (service !== 'ssm') return;
    const stack = (client as unknown as { middlewareStack: { add: (mw: unknown, o: object) => void } }).middlewareStack;
    stack.add(
      (next: (a: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: { input: Record<string, unknown> }) => {
        const out = ssmOverride?.((context.commandName ?? '').replace(/Command$/, ''), args.input);
        if (out instanceof Error) throw out;
        return out === undefined ? next(args) : { output: out, response: {} };
      },
      { step: 'initialize', name: 'testSsmOverride', priority: 'high' },
    );
  };

beforeEach(() => {
  clock = T0;
  ssmOverride = undefined;
  sim = new SimRegion({ stateDir: null, now: () => clock });
  pool = new ClientPool({ region: REGION, credentials: { accessKeyId: 'SIMULATED', secretAccessKey: 'SIMULATED' }, plugin: plugin(sim.plugin) });
  audit = new AuditLog(null, { profile: 'sim', now: () => clock });
});
afterEach(() => pool.destroy());

async function volume(name: string): Promise<StorageInfo> {
  const v = (await listEbsVolumes(pool, REGION)).find((x) => x.name === name);
  if (!v) throw new Error(`no volume ${name}`);
  return v;
}
async function instanceId(name: string, info: StorageInfo): Promise<string> {
  const c = (await listMountCandidates(pool, info)).find((x) => x.instance.name === name);
  if (!c) throw new Error(`no instance ${name}`);
  return c.instance.id;
}
const actions = (entries: AuditEntry[]) => entries.map((e) => `${e.action} ${e.outcome}`);

describe('mount to an instance in the simulated region', () => {
  it('lists usable instances first, with the reason for the others', async () => {
    const v = await volume('old-analysis-scratch');
    const rows = await listMountCandidates(pool, v);
    const names = rows.map((r) => `${r.instance.name}:${r.summary}`);
    expect(names.slice(0, 2)).toEqual(['gpu-train-01:ready: Ubuntu 22.04', 'gpu-train-02:ready: Ubuntu 22.04']);
    expect(names).toContain('cryoem-processing:stopped');
    expect(names).toContain('windows-analysis-ws:Windows');
    expect(rows.find((r) => r.instance.name === 'gpu-train-01')?.ebs?.device).toBe('/dev/sdg'); // /dev/sdf holds train-cache-gpu01
  });

  it('EBS: attaches on a free device, waits, runs the script through SSM, streams status, audits each step; unmount detaches', async () => {
    const v = await volume('old-analysis-scratch');
    const id = await instanceId('gpu-train-02', v);
    const events: MountEvent[] = [];
    const r = await mountOnInstance(pool, v, id, defaultMountOptions(v), { ...run, audit, osFromInstance: true, onEvent: (e) => events.push(e) });

    expect(r).toMatchObject({ status: 'success', ok: true, device: '/dev/sdf', commandStatus: 'Success', exitCode: 0 });
    expect(r.message).toBe(`Mounted old-analysis-scratch (${v.id}) at /mnt/data on gpu-train-02 (${id}); mounted again after every reboot.`);
    expect(r.steps.map((s) => `${s.id}:${s.state}`)).toEqual(['check:done', 'attach:done', 'wait-attached:done', 'run:done']);
    // The script was written for the OS Systems Manager reports (Ubuntu), not the default AL2023.
    expect(r.script?.script).toContain('apt-get install -y xfsprogs file');
    const steps = events.filter((e): e is Extract<MountEvent, { type: 'step' }> => e.type === 'step').map((e) => `${e.step}:${e.state}`);
    expect(steps).toEqual(['check:running', 'check:done', 'attach:running', 'attach:done', 'wait-attached:running', 'wait-attached:done', 'run:running', 'run:done']);
    const statuses = events.filter((e): e is Extract<MountEvent, { type: 'status' }> => e.type === 'status').map((e) => e.status);
    expect(statuses[0]).toBe('Pending');
    expect(statuses).toContain('InProgress');
    expect(statuses[statuses.length - 1]).toBe('Success');
    expect(events.some((e) => e.type === 'output' && e.stdout.includes('for prism_step in install mount persist'))).toBe(true);

    const after = await pool.ec2().send(new DescribeVolumesCommand({ VolumeIds: [v.id] }));
    expect(after.Volumes?.[0]?.Attachments).toEqual([expect.objectContaining({ InstanceId: id, Device: '/dev/sdf', State: 'attached' })]);
    const inv = await pool.ssm().send(new ListCommandInvocationsCommand({ InstanceId: id, Details: true }));
    expect(inv.CommandInvocations?.[0]).toMatchObject({ CommandId: r.commandId, DocumentName: 'AWS-RunShellScript', Status: 'Success' });
    // The device wait names the volume's NVMe by-id link and the Xen names of the new attachment.
    expect(r.stdout).toContain(`[ ! -e /dev/disk/by-id/nvme-Amazon_Elastic_Block_Store_${v.id.replace('-', '')} ] && [ ! -e /dev/xvdf ] && [ ! -e /dev/sdf ]`);
    expect(actions(audit.entries())).toEqual(['ec2:AttachVolume ok', 'ssm:SendCommand ok', 'ssm:SendCommand ok']);
    expect(audit.entries()[2].detail).toContain('finished: Success exit 0');

    const attached = await volume('old-analysis-scratch');
    const u = await unmountOnInstance(pool, attached, id, defaultMountOptions(attached), { ...run, audit });
    expect(u).toMatchObject({ status: 'success', ok: true });
    expect(u.steps.map((s) => `${s.id}:${s.state}`)).toEqual(['check:done', 'run:done', 'detach:done', 'wait-detached:done']);
    expect(u.message).toContain(`Unmounted /mnt/data on gpu-train-02 (${id}) and removed its persistent entry; ${v.id} is detached.`);
    const gone = await pool.ec2().send(new DescribeVolumesCommand({ VolumeIds: [v.id] }));
    expect(gone.Volumes?.[0]).toMatchObject({ State: 'available', Attachments: [] });
    expect(actions(audit.entries()).slice(3)).toEqual(['ssm:SendCommand ok', 'ssm:SendCommand ok', 'ec2:DetachVolume ok']);
  });

  it('is refused in a read-only session before any call, and the refusal is audited', async () => {
    const v = await volume('old-analysis-scratch');
    const id = await instanceId('gpu-train-02', v);
    const r = await mountOnInstance(pool, v, id, defaultMountOptions(v), { ...run, audit, readOnly: true });
    expect(r).toMatchObject({ status: 'refused', ok: false, failedStep: 'check' });
    expect(audit.entries()).toEqual([expect.objectContaining({ action: 'ssm:SendCommand', resource: id, outcome: 'refused', detail: `mount ${v.id}: read-only session` })]);
    expect((await volume('old-analysis-scratch')).mount.ebsAttachments ?? []).toEqual([]);
  });

  it('refuses an instance in another AZ without attaching anything, naming why', async () => {
    const v = await volume('old-analysis-scratch');
    const id = await instanceId('hpc-head-node', v);
    const r = await mountOnInstance(pool, v, id, defaultMountOptions(v), { ...run, audit });
    expect(r).toMatchObject({ status: 'refused', failedStep: 'check' });
    expect(r.message).toContain('an EBS volume attaches only to instances in its own Availability Zone');
    expect(actions(audit.entries())).toEqual(['ssm:SendCommand refused']);
    expect((await volume('old-analysis-scratch')).mount.ebsAttachments ?? []).toEqual([]);
  });

  it('says when the instance is not managed by Systems Manager and hands back the script to run by hand', async () => {
    const bucket = (await listS3Buckets(pool, [REGION]))[0];
    const id = await instanceId('rstudio-legacy', bucket);
    const r = await mountOnInstance(pool, bucket, id, defaultMountOptions(bucket), { ...run, audit });
    expect(r).toMatchObject({ status: 'not-managed', ok: false, failedStep: 'check' });
    expect(r.message).toContain('is not managed by Systems Manager: it needs the SSM Agent and an instance profile');
    expect(r.hint).toContain('Run the script on the instance yourself, as root: sudo bash FILE.');
    expect(r.script?.script).toContain('mount-s3');
    const inv = await pool.ssm().send(new ListCommandInvocationsCommand({ InstanceId: id }));
    expect(inv.CommandInvocations).toEqual([]);
  });

  it('for EBS on an unmanaged instance, the hint gives the attach command, quoted', () => {
    const check = assessInstance(ebs, inst(), { status: 'absent' }, { volume: { AvailabilityZone: 'us-east-1a', State: 'available' } });
    expect(manualHint(ebs, check, 'mount')).toBe(
      `Attach the volume first: aws ec2 attach-volume --volume-id ${ebs.id} --instance-id i-0123456789abcdef0 --device /dev/sdf --region us-east-1. Run the script on the instance yourself, as root: sudo bash FILE.`,
    );
  });

  it('a volume already attached to the instance skips the attach step', async () => {
    const v = await volume('legacy-rstudio-home');
    const check = await checkInstance(pool, v, await instanceId('rstudio-legacy', v));
    expect(check.ebs).toEqual({ attached: true, device: '/dev/sdf' });
    const steps = mountSteps(v, check, 'mount', { method: 'ebs-xfs' }, defaultMountOptions(v));
    expect(steps.map((s) => s.id)).toEqual(['check', 'attach', 'run']);
    expect(steps[1].title).toContain('already attached');
  });

  it('when Systems Manager cannot be asked, the command is tried and its error is the failing step', async () => {
    sim.setFaults({ deny: ['ssm'] });
    const bucket = (await listS3Buckets(pool, [REGION]))[0];
    const id = await instanceId('gpu-train-01', bucket);
    const r = await mountOnInstance(pool, bucket, id, defaultMountOptions(bucket), { ...run, audit });
    expect(r).toMatchObject({ status: 'failed', failedStep: 'run', error: { type: 'access-denied', service: 'ssm' } });
    expect(r.check?.warnings.join(' ')).toContain('Systems Manager could not be asked');
    expect(actions(audit.entries())).toEqual(['ssm:SendCommand error']);
  });

  it('reports the section that failed on the instance, with the exit code', async () => {
    const bucket = (await listS3Buckets(pool, [REGION]))[0];
    const id = await instanceId('gpu-train-01', bucket);
    ssmOverride = (command, input) =>
      command === 'GetCommandInvocation'
        ? { CommandId: input.CommandId, InstanceId: id, Status: 'Failed', StatusDetails: 'Failed', ResponseCode: 32, StandardOutputContent: 'prism-storage: ==> install\nprism-storage: ==> mount\n', StandardErrorContent: 'mount: /mnt/s3: permission denied\nprism-storage: step mount failed (exit 32)\n' }
        : undefined;
    const r = await mountOnInstance(pool, bucket, id, defaultMountOptions(bucket), { ...run, audit });
    expect(r).toMatchObject({ status: 'failed', failedStep: 'run', failedSection: 'mount', exitCode: 32, commandStatus: 'Failed' });
    expect(r.message).toBe(`The mount script failed on gpu-train-01 (${id}) in its mount step (exit 32).`);
    expect(r.stderr).toContain('permission denied');
    expect(actions(audit.entries())).toEqual(['ssm:SendCommand ok', 'ssm:SendCommand error']);
  });

  it('treats InvocationDoesNotExist right after SendCommand as pending, and gives up after the bound', async () => {
    const bucket = (await listS3Buckets(pool, [REGION]))[0];
    const id = await instanceId('gpu-train-01', bucket);
    let calls = 0;
    ssmOverride = (command, input) => {
      if (command !== 'GetCommandInvocation') return undefined;
      calls++;
      if (calls === 1) return Object.assign(new Error('not yet'), { name: 'InvocationDoesNotExist', $metadata: {} });
      return { CommandId: input.CommandId, InstanceId: id, Status: 'InProgress', StatusDetails: 'InProgress', ResponseCode: -1 };
    };
    const statuses: string[] = [];
    const r = await mountOnInstance(pool, bucket, id, defaultMountOptions(bucket), { ...run, audit, commandTimeoutMs: 60_000, onEvent: (e) => e.type === 'status' && statuses.push(e.status) });
    expect(statuses).toEqual(['Pending', 'InProgress']);
    expect(r).toMatchObject({ status: 'failed', failedStep: 'run', error: { code: 'WaitTimeout' } });
    expect(r.message).toBe(`Command ${r.commandId} on ${id} was still InProgress after 1 min.`);
    // Bounded: one poll per interval for the timeout, not more.
    expect(calls).toBeLessThanOrEqual(62);
    expect(clock - T0).toBeLessThan(70_000);
  });

  it('stops following when cancelled: status cancelled, what AWS accepted keeps going', async () => {
    const bucket = (await listS3Buckets(pool, [REGION]))[0];
    const id = await instanceId('gpu-train-01', bucket);
    const ctl = new AbortController();
    const r = await mountOnInstance(pool, bucket, id, defaultMountOptions(bucket), { ...run, audit, signal: ctl.signal, onEvent: (e) => e.type === 'command' && ctl.abort() });
    expect(r).toMatchObject({ status: 'cancelled', failedStep: 'run', ok: false });
    expect(r.message).toContain('what AWS already accepted keeps going');
  });
});
