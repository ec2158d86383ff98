// `prism-storage mount <store> <instance>` runs the dashboard's mount flow (mountOnInstance):
// check the instance, attach an EBS volume and wait, run the script through SSM Run Command.
// In-process against the simulated region on a clock that moves only when something waits;
// a test hook can answer an AWS call before the simulated region does (a failing attach, a
// script section that fails on the instance).
import { DescribeVolumesCommand } from '@aws-sdk/client-ec2';
import { afterEach, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { registerCommands } from '../../src/cli/commands.js';
import type { ClientPool } from '../../src/services/aws/clients.js';
import { listS3Buckets } from '../../src/services/aws/s3.js';
import { listInstances } from '../../src/services/mount-instance.js';
import { overriddenBackend, type Override } from '../helpers/sim-override.js';
import { calls, memIo, MUTATING, simBackend, testProgram, world, type World } from './harness.js';

const REGION = 'us-east-1';
/** Unattached, in us-east-1b; gpu-train-02 is a running, SSM-managed Ubuntu instance in that AZ. */
const VOLUME = 'old-analysis-scratch';

/** Runs `prism-storage <argv>` in-process; `onSleep` runs on every wait (after the clock moved). */
async function mount(w: World, argv: string[], o: { override?: Override; onSleep?: (stderr: string, interrupt: () => void) => void } = {}) {
  const mem = memIo({
    now: w.now,
    sleep: async (ms: number) => {
      await w.sleep(ms);
      o.onSleep?.(mem.stderr(), mem.interrupt);
    },
  });
  const program = testProgram();
  program.configureOutput({ writeOut: (s) => mem.io.stdout.write(s), writeErr: (s) => mem.io.stderr.write(s) });
  registerCommands(program, async () => overriddenBackend(w.sim, o.override, REGION), mem.io);
  await program.parseAsync(['mount', ...argv], { from: 'user' });
  return { stdout: mem.stdout(), stderr: mem.stderr(), code: mem.code() ?? 0 };
}

const pools: ClientPool[] = [];
afterEach(() => {
  for (const p of pools.splice(0)) p.destroy();
});
function reader(w: World): ClientPool {
  const p = simBackend(w.sim).pool;
  pools.push(p);
  return p;
}

async function instanceId(w: World, name: string): Promise<string> {
  const i = (await listInstances(reader(w), REGION)).find((x) => x.name === name);
  if (!i) throw new Error(`the simulated region has no instance ${name}`);
  return i.id;
}

async function attachments(w: World, volumeName: string) {
  const out = await reader(w).ec2().send(new DescribeVolumesCommand({ Filters: [{ Name: 'tag:Name', Values: [volumeName] }] }));
  const v = out.Volumes?.[0];
  if (!v) throw new Error(`no volume ${volumeName}`);
  return { id: v.VolumeId as string, attachments: (v.Attachments ?? []).map((a) => ({ instanceId: a.InstanceId, device: a.Device, state: a.State })) };
}

/** The stderr lines after the simulated-region notice. */
/** SSM reports the run on `id` as failed (exit 32) with this output. */
function failedRun(id: string, stdout: string, stderr: string): Override {
  return (call, input) =>
    call === 'ssm:GetCommandInvocation'
      ? { CommandId: input.CommandId, InstanceId: id, Status: 'Failed', StatusDetails: 'Failed', ResponseCode: 32, StandardOutputContent: stdout, StandardErrorContent: stderr }
      : undefined;
}

const lines = (stderr: string) => stderr.trimEnd().split('\n').slice(1);

describe('mount <store> <instance>: the dashboard flow', () => {
  it('EBS in the same AZ: checks, attaches and waits, runs the script through SSM; one stderr line per step; exit 0', async () => {
    const w = world();
    const id = await instanceId(w, 'gpu-train-02');
    const before = await attachments(w, VOLUME);
    expect(before.attachments).toEqual([]);

    const r = await mount(w, [VOLUME, id]);
    expect(r.code).toBe(0);
    const err = lines(r.stderr);
    expect(err[0]).toBe(`prism-storage: mounting EBS ${VOLUME} (${before.id}) on ${id} (check, attach, run through SSM Run Command)`);
    const steps = err.filter((l) => /^prism-storage: (check|attach|wait-attached|run): (done|skipped|failed):/.test(l));
    expect(steps).toEqual([
      `prism-storage: check: done: gpu-train-02 (${id}): running in us-east-1b, Systems Manager online`,
      'prism-storage: attach: done: attach requested as /dev/sdf',
      `prism-storage: wait-attached: done: ${before.id} is attached as /dev/sdf`,
      'prism-storage: run: done: mount script succeeded',
    ]);
    expect(err.some((l) => /^prism-storage: run: command [0-9a-f-]{36} sent to i-/.test(l))).toBe(true);
    expect(err[err.length - 1]).toBe(`prism-storage: Mounted ${VOLUME} (${before.id}) at /mnt/data on gpu-train-02 (${id}); mounted again after every reboot.`);
    // stdout: what the command printed on the instance; the script was written for the OS SSM reports.
    expect(r.stdout).toContain('apt-get install -y xfsprogs file');

    expect((await attachments(w, VOLUME)).attachments).toEqual([{ instanceId: id, device: '/dev/sdf', state: 'attached' }]);
    expect(calls(w.sim, MUTATING)).toEqual({ 'ec2:AttachVolume': 1, 'ssm:SendCommand': 1 });
  });

  it('--print with an instance prints the script tailored to it and changes nothing', async () => {
    const w = world();
    const id = await instanceId(w, 'gpu-train-02');
    const r = await mount(w, [VOLUME, id, '--print']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('#!/usr/bin/env bash\n')).toBe(true);
    expect(r.stdout).toContain('apt-get install -y xfsprogs file'); // Ubuntu, as Systems Manager reports it
    expect(calls(w.sim, MUTATING)).toEqual({});
    expect((await attachments(w, VOLUME)).attachments).toEqual([]);
  });

  it('an instance Systems Manager does not manage: exit 1, one line with the reason and how to mount by hand, nothing sent', async () => {
    const w = world();
    const bucket = (await listS3Buckets(reader(w), [REGION]))[0];
    const id = await instanceId(w, 'rstudio-legacy');
    const r = await mount(w, [bucket.id, id]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const err = lines(r.stderr);
    expect(err).toHaveLength(2);
    expect(err[0]).toMatch(/^prism-storage: mounting S3 /);
    expect(err[1]).toBe(
      `prism-storage: rstudio-legacy (${id}) is not managed by Systems Manager: it needs the SSM Agent and an instance profile with the AmazonSSMManagedInstanceCore policy. — Run the script on the instance yourself, as root: sudo bash FILE. (\`--print\` writes the script.)`,
    );
    expect(calls(w.sim, MUTATING)).toEqual({});
  });

  it('another AZ is refused with the reason on one line, before any attach', async () => {
    const w = world();
    const id = await instanceId(w, 'hpc-head-node');
    const r = await mount(w, [VOLUME, id]);
    expect(r.code).toBe(1);
    const last = lines(r.stderr).pop();
    expect(last).toContain(`and hpc-head-node (${id}) in us-east-1a: an EBS volume attaches only to instances in its own Availability Zone`);
    expect(last).toContain('— Choose another instance, or fix what is named and try again.');
    expect(calls(w.sim, MUTATING)).toEqual({});
  });

  it('a script section that fails on the instance: exit 1, stderr names the step and the section, the command output shown', async () => {
    const w = world();
    const id = await instanceId(w, 'gpu-train-02');
    const override = failedRun(id, 'prism-storage: ==> install\nprism-storage: ==> mount\n', 'mount: /mnt/data: wrong fs type\nprism-storage: step mount failed (exit 32)\n');
    const r = await mount(w, [VOLUME, id], { override });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('prism-storage: ==> install\nprism-storage: ==> mount\n');
    expect(r.stderr).toContain('mount: /mnt/data: wrong fs type\n');
    const last = lines(r.stderr).pop();
    expect(last).toBe(
      `prism-storage: run step failed: The mount script failed on gpu-train-02 (${id}) in its mount step (exit 32). — Read the output above; fix the cause and run it again (each step skips what is already done).`,
    );
    // The attach that AWS accepted stays: a second run skips it.
    expect((await attachments(w, VOLUME)).attachments).toEqual([{ instanceId: id, device: '/dev/sdf', state: 'attached' }]);
  });

  it('a failing attach: exit 1, stderr names the attach step, nothing is run on the instance', async () => {
    const w = world();
    const id = await instanceId(w, 'gpu-train-02');
    const override: Override = (call) =>
      call === 'ec2:AttachVolume' ? Object.assign(new Error('You are not authorized to perform this operation.'), { name: 'UnauthorizedOperation', $fault: 'client', $metadata: { httpStatusCode: 403 } }) : undefined;
    const r = await mount(w, [VOLUME, id], { override });
    expect(r.code).toBe(1);
    const err = lines(r.stderr);
    expect(err.filter((l) => /^prism-storage: (check|attach|wait-attached|run): /.test(l))).toEqual([`prism-storage: check: done: gpu-train-02 (${id}): running in us-east-1b, Systems Manager online`]);
    expect(err[err.length - 1]).toMatch(/^prism-storage: attach step failed: Attaching the volume failed: .*not authorized/);
    expect(calls(w.sim, /ssm:SendCommand/)).toEqual({});
    expect((await attachments(w, VOLUME)).attachments).toEqual([]);
  });

  it('Ctrl-C while the script runs stops following it: exit 1, and says what keeps going', async () => {
    const w = world();
    const id = await instanceId(w, 'gpu-train-02');
    const r = await mount(w, [VOLUME, id], { onSleep: (stderr, interrupt) => stderr.includes('run: command ') && interrupt() });
    expect(r.code).toBe(1);
    expect(lines(r.stderr).pop()).toBe('prism-storage: Stopped following the mount at "run": what AWS already accepted keeps going. — Check the instance, or run the mount again: every step checks what is already done.');
    expect(calls(w.sim, /ssm:SendCommand/)).toEqual({ 'ssm:SendCommand': 1 });
  });
});

describe('mount <store> <instance> --output json|yaml', () => {
  it('success: the run as a document on stdout (progress stays on stderr); yaml is the same document', async () => {
    const w = world();
    const id = await instanceId(w, 'gpu-train-02');
    const vol = await attachments(w, VOLUME);
    const r = await mount(w, [VOLUME, id, '-o', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toEqual({
      store: { id: vol.id, name: VOLUME, type: 'ebs', region: REGION },
      instanceId: id,
      action: 'mount',
      status: 'success',
      ok: true,
      message: `Mounted ${VOLUME} (${vol.id}) at /mnt/data on gpu-train-02 (${id}); mounted again after every reboot.`,
      steps: [
        { id: 'check', state: 'done', title: expect.stringContaining(`Check gpu-train-02 (${id})`) },
        { id: 'attach', state: 'done', title: expect.stringContaining('(ec2:AttachVolume)') },
        { id: 'wait-attached', state: 'done', title: expect.stringContaining('Wait until') },
        { id: 'run', state: 'done', title: expect.stringContaining('(ssm:SendCommand, AWS-RunShellScript)') },
      ],
      method: expect.stringMatching(/^ebs-/),
      language: 'bash',
      warnings: expect.any(Array),
      device: '/dev/sdf',
      commandId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      commandStatus: 'Success',
      exitCode: 0,
      stdout: expect.stringContaining('for prism_step in install mount persist'),
      stderr: '',
    });
    expect(r.stderr).toContain('prism-storage: run: done: mount script succeeded');

    // Same flow again (now attached: the attach is skipped), as yaml.
    const y = await mount(w, [VOLUME, id, '-o', 'yaml']);
    expect(y.code).toBe(0);
    const ydoc = YAML.parse(y.stdout);
    expect(ydoc.steps.map((s: { id: string; state: string }) => `${s.id}:${s.state}`)).toEqual(['check:done', 'attach:skipped', 'run:done']);
    expect(Object.keys(ydoc)).toEqual(Object.keys(doc));
  });

  it('failure: status, failedStep, failedSection and exit code in the document; exit 1', async () => {
    const w = world();
    const id = await instanceId(w, 'gpu-train-02');
    const override = failedRun(id, '', 'prism-storage: step install failed (exit 32)\n');
    const r = await mount(w, [VOLUME, id, '-o', 'json'], { override });
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ status: 'failed', ok: false, failedStep: 'run', failedSection: 'install', commandStatus: 'Failed', exitCode: 32, hint: expect.stringContaining('fix the cause') });
    expect(doc.steps.map((s: { id: string; state: string }) => `${s.id}:${s.state}`)).toEqual(['check:done', 'attach:done', 'wait-attached:done', 'run:failed']);

    const bucket = (await listS3Buckets(reader(w), [REGION]))[0];
    const unmanaged = await mount(w, [bucket.id, await instanceId(w, 'rstudio-legacy'), '-o', 'json']);
    expect(unmanaged.code).toBe(1);
    expect(JSON.parse(unmanaged.stdout)).toMatchObject({ status: 'not-managed', ok: false, failedStep: 'check', hint: expect.stringContaining('Run the script on the instance yourself') });
  });
});
