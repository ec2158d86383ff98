// POST /api/v1/storage/{name}/mount with run: the dashboard's mount flow (mountOnInstance) behind
// an operation: an instance that cannot take the run is a 409 at once (nothing changed); a run
// attaches an EBS volume, runs the script through SSM and names the failing step when it fails.
import { DescribeVolumesCommand } from '@aws-sdk/client-ec2';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { ErrorResponseSchema, MountScriptSchema, OperationSchema } from '../../src/server/schemas.js';
import { listS3Buckets } from '../../src/services/aws/s3.js';
import { listInstances } from '../../src/services/mount-instance.js';
import { Session } from '../../src/services/session.js';
import { calls, MUTATING, tempEnv, world, type World } from '../cli/harness.js';
import { overriddenBackend, type Override } from '../helpers/sim-override.js';

const TOKEN = 'A'.repeat(43);
const REGION = 'us-east-1';
const VOLUME = 'old-analysis-scratch';

const sessions: Session[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.stop();
});

function server(w: World, override?: Override) {
  const session = new Session(overriddenBackend(w.sim, override, REGION), { refreshMs: 3_600_000, now: w.now });
  sessions.push(session);
  session.start();
  const { app, operations } = createApp({ session, token: TOKEN, now: w.now, sleep: w.sleep, env: tempEnv() });
  const post = async (path: string, body: unknown) => {
    const res = await app.request(path, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };
  return { session, operations, post };
}

async function instanceId(s: ReturnType<typeof server>, name: string): Promise<string> {
  const i = (await listInstances(s.session.backend.pool, REGION)).find((x) => x.name === name);
  if (!i) throw new Error(`no instance ${name}`);
  return i.id;
}

async function attachmentsOf(s: ReturnType<typeof server>, name: string) {
  const out = await s.session.backend.pool.ec2().send(new DescribeVolumesCommand({ Filters: [{ Name: 'tag:Name', Values: [name] }] }));
  return (out.Volumes?.[0]?.Attachments ?? []).map((a) => `${a.InstanceId} ${a.Device} ${a.State}`);
}

describe('POST /storage/{name}/mount with run', () => {
  it('EBS: 202, the operation attaches, runs through SSM and ends with the run document; progress names each step', async () => {
    const w = world();
    const s = server(w);
    const id = await instanceId(s, 'gpu-train-02');
    const r = await s.post(`/api/v1/storage/${VOLUME}/mount`, { instanceId: id, run: true });
    expect(r.status).toBe(202);
    const op = OperationSchema.parse(await s.operations.settled(String(r.json.id)));
    expect(op.state).toBe('succeeded');
    expect(op.progress).toEqual([
      `check: done: gpu-train-02 (${id}): running in us-east-1b, Systems Manager online`,
      'attach: done: attach requested as /dev/sdf',
      expect.stringMatching(/^wait-attached: done: vol-\w+ is attached as \/dev\/sdf$/),
      expect.stringMatching(new RegExp(`^run: command [0-9a-f-]{36} sent to ${id} `)),
      'run: done: mount script succeeded',
    ]);
    expect(op.result).toMatchObject({ instanceId: id, status: 'success', ok: true, device: '/dev/sdf', commandStatus: 'Success' });
    expect(await attachmentsOf(s, VOLUME)).toEqual([`${id} /dev/sdf attached`]);
  });

  it('an instance Systems Manager does not manage: 409 NotManaged with how to mount by hand; nothing sent', async () => {
    const w = world();
    const s = server(w);
    const bucket = (await listS3Buckets(s.session.backend.pool, [REGION]))[0];
    const id = await instanceId(s, 'rstudio-legacy');
    const r = await s.post(`/api/v1/storage/${bucket.id}/mount`, { instanceId: id, run: true });
    expect(r.status).toBe(409);
    expect(ErrorResponseSchema.parse(r.json).error).toMatchObject({ type: 'conflict', code: 'NotManaged', message: expect.stringContaining('is not managed by Systems Manager'), hint: expect.stringContaining('Run the script on the instance yourself') });
    expect(calls(w.sim, MUTATING)).toEqual({});
  });

  it('a script section that fails: the operation fails, its error names the step and the section', async () => {
    const w = world();
    const s = server(w, (call, input) =>
      call === 'ssm:GetCommandInvocation' ? { CommandId: input.CommandId, InstanceId: input.InstanceId, Status: 'Failed', StatusDetails: 'Failed', ResponseCode: 32, StandardOutputContent: '', StandardErrorContent: 'prism-storage: step persist failed (exit 32)\n' } : undefined,
    );
    const id = await instanceId(s, 'gpu-train-02');
    const r = await s.post(`/api/v1/storage/${VOLUME}/mount`, { instanceId: id, run: true });
    expect(r.status).toBe(202);
    const op = OperationSchema.parse(await s.operations.settled(String(r.json.id)));
    expect(op.state).toBe('failed');
    expect(op.error).toMatchObject({ code: 'MountFailed', message: `run step failed: The mount script failed on gpu-train-02 (${id}) in its persist step (exit 32).` });
  });

  it('without run, an instance tailors the script (its OS from Systems Manager) and changes nothing', async () => {
    const w = world();
    const s = server(w);
    const id = await instanceId(s, 'gpu-train-02');
    const r = await s.post(`/api/v1/storage/${VOLUME}/mount`, { instanceId: id });
    expect(r.status).toBe(200);
    expect(MountScriptSchema.parse(r.json).script).toContain('apt-get install -y xfsprogs file');
    expect(calls(w.sim, MUTATING)).toEqual({});
  });
});
