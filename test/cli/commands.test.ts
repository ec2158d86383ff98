// Every non-interactive command, in-process, against the simulated region on
// a clock that only moves when something waits: outputs, golden JSON, exit
// codes, refusals, and what reached "AWS" (the simulated region's call log).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DescribeInstanceInformationCommand } from '@aws-sdk/client-ssm';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { STORE_CSV_HEADER } from '../../src/cli/render.js';
import { AnalyticsResponseSchema, CostAnalysisSchema, CreatePlanResponseSchema, ErrorResponseSchema, MountScriptSchema, OptimizePlanSchema, PatternsResponseSchema, RecommendationsResponseSchema, StorageInfoSchema, StoreListSchema } from '../../src/server/schemas.js';
import { calls, memIo, MUTATING, runCli, simBackend, tempEnv, world, type IoOptions, type World } from './harness.js';

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;
const SIM_LINE = 'prism-storage: --demo: using the simulated region\n';

function cli(w: World, argv: string[], o: IoOptions = {}) {
  return runCli(argv, { sim: w.sim, ioOptions: { now: w.now, sleep: w.sleep, ...o } });
}

/** Every ISO time in a JSON text replaced, after checking it is one. */
function normaliseTimes(text: string): string {
  return text.replace(/"(\d{4}-\d\d-\d\dT[^"]+)"/g, (_m, t: string) => {
    expect(t).toMatch(ISO);
    return '"<time>"';
  });
}

describe('list', () => {
  it('prints a table that fits the width, without colour when not a terminal, and says once that the region is simulated', async () => {
    const w = world();
    for (const columns of [80, 120]) {
      const r = await cli(w, ['list'], { env: tempEnv({ COLUMNS: String(columns) }) });
      expect(r.code).toBe(0);
      expect(r.stderr).toBe(SIM_LINE);
      const lines = r.stdout.trimEnd().split('\n');
      expect(lines[0]).toMatch(/^NAME\s+KIND\s+STATE\s+SIZE\s+COST\/MO/);
      for (const l of lines) expect(l.length).toBeLessThanOrEqual(columns);
      expect(r.stdout).toContain('genomics-scratch');
      expect(r.stdout).not.toMatch(/\u001b/);
    }
  });

  it('colours states on a terminal, and not with NO_COLOR', async () => {
    const w = world();
    const tty = await cli(w, ['list'], { tty: true, columns: 120 });
    expect(tty.stdout).toMatch(/\u001b\[32m(available|in-use)/);
    const noColor = await cli(w, ['list'], { tty: true, columns: 120, env: tempEnv({ NO_COLOR: '1' }) });
    expect(noColor.stdout).not.toMatch(/\u001b/);
  });

  it('--output json: the documented document, stable (golden), with ISO times and bytes as numbers', async () => {
    const w = world();
    const r = await cli(w, ['list', '--output', 'json']);
    expect(r.code).toBe(0);
    const doc = StoreListSchema.parse(JSON.parse(r.stdout));
    expect(doc.errors).toEqual([]);
    expect(doc.stores.length).toBeGreaterThan(20);
    for (const s of doc.stores) if (s.sizeBytes !== undefined) expect(Number.isInteger(s.sizeBytes)).toBe(true);
    // Same world, same clock: the same bytes.
    expect((await cli(world(), ['list', '-o', 'json'])).stdout).toBe(r.stdout);
    await expect(normaliseTimes(r.stdout)).toMatchFileSnapshot('__golden__/list.json');
  });

  it('--output yaml carries the same document; csv has the documented header and one row per store', async () => {
    const w = world();
    const json = JSON.parse((await cli(w, ['list', '-o', 'json'])).stdout);
    const yaml = await cli(w, ['list', '-o', 'yaml']);
    expect(YAML.parse(yaml.stdout)).toEqual(json);
    const csv = await cli(w, ['list', '-o', 'csv']);
    const lines = csv.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(STORE_CSV_HEADER.join(','));
    expect(lines).toHaveLength(json.stores.length + 1);
    expect(csv.stdout).not.toMatch(/\u001b/);
    const vol = json.stores.find((s: { name: string }) => s.name === 'genomics-scratch');
    expect(lines.find((l) => l.startsWith('genomics-scratch,'))).toContain(`,${vol.sizeBytes},`);
  });

  it('--type, --filter and --sort narrow and order like the dashboard', async () => {
    const w = world();
    const fsx = JSON.parse((await cli(w, ['list', '--type', 'fsx', '-o', 'json'])).stdout);
    expect(new Set(fsx.stores.map((s: { type: string }) => s.type))).toEqual(new Set(['fsx-lustre', 'fsx-openzfs', 'fsx-windows', 'fsx-ontap']));
    const byCost = JSON.parse((await cli(w, ['list', '--sort', '-cost', '--type', 'ebs,efs', '-o', 'json'])).stdout).stores.map((s: { monthlyCost: number }) => s.monthlyCost);
    expect(byCost).toEqual([...byCost].sort((a, b) => b - a));
    const genomics = JSON.parse((await cli(w, ['list', '--filter', 'Project=genomics', '-o', 'json'])).stdout).stores;
    expect(genomics.length).toBeGreaterThan(0);
    for (const s of genomics) expect(s.tags.Project).toBe('genomics');
  });

  it('exit 3 when a service fails (the others still listed, the failure documented); exit 0 when it does not matter', async () => {
    const w = world();
    w.sim.setFaults({ deny: ['fsx'] });
    const r = await cli(w, ['list', '-o', 'json']);
    expect(r.code).toBe(3);
    const doc = StoreListSchema.parse(JSON.parse(r.stdout));
    expect(doc.errors).toHaveLength(1);
    expect(doc.errors[0]).toMatchObject({ type: 'access-denied', service: 'fsx', region: 'us-east-1' });
    expect(doc.stores.some((s) => s.type === 'ebs')).toBe(true);
    expect(doc.stores.some((s) => s.type.startsWith('fsx'))).toBe(false);
    const table = await cli(w, ['list']);
    expect(table.code).toBe(3);
    expect(table.stderr).toMatch(/^prism-storage: fsx us-east-1: .*fsx:DescribeFileSystems.* — /m);
    expect((await cli(w, ['list', '--type', 'ebs'])).code).toBe(0);
  });

  it('exit 1 when nothing answers', async () => {
    const w = world();
    w.sim.setFaults({ deny: ['ec2', 'efs', 'fsx', 's3'] });
    const r = await cli(w, ['list', '-o', 'json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).errors).toHaveLength(4);
  });

  it('exit 2 on usage errors, with a JSON error object under --output json', async () => {
    const w = world();
    const bad = await cli(w, ['list', '--type', 'tape']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown storage type "tape" — use one of: ebs, efs, s3, fsx');
    const json = await cli(w, ['list', '--type', 'tape', '-o', 'json']);
    expect(json.code).toBe(2);
    expect(ErrorResponseSchema.parse(JSON.parse(json.stdout)).error).toMatchObject({ type: 'validation', service: 'local', code: 'InvalidType' });
    expect((await cli(w, ['list', '-o', 'xml'])).code).toBe(2);
    expect((await cli(w, ['list', '--bogus'])).code).toBe(2);
    expect((await cli(w, ['list', '--sort', 'colour'])).code).toBe(2);
    expect((await cli(w, ['frobnicate'])).code).toBe(2);
  });
});

describe('list --watch', () => {
  /** Waits (polling, bounded) for a condition on what the command has printed. */
  async function until(pred: () => boolean, what: string, ms = 20_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!pred()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  it('prints again only when what it shows changes, and Ctrl-C ends it with exit 0', async () => {
    const w = world();
    const mem = memIo({ now: w.now });
    const run = runCli(['list', '--watch', '--refresh', '0.05', '--type', 'ebs', '-o', 'json'], { sim: w.sim, io: mem });
    const docs = () => mem.stdout().split('\n').filter(Boolean);
    const refreshes = () => w.sim.stats.byCommand['ec2:DescribeVolumes'] ?? 0;
    await until(() => docs().length === 1, 'the first document');
    const first = JSON.parse(docs()[0]);
    expect(first.stores.every((s: { type: string }) => s.type === 'ebs')).toBe(true);
    // Three more refreshes with nothing changed: nothing more is printed.
    const seen = refreshes();
    await until(() => refreshes() >= seen + 3, 'three more refreshes');
    expect(docs()).toHaveLength(1);
    // A new volume: printed once, on the next refresh.
    expect((await cli(w, ['create', 'watch-me', '--type', 'ebs', '--size', '5'])).code).toBe(0);
    await until(() => docs().length === 2, 'the changed document');
    expect(JSON.parse(docs()[1]).stores.map((s: { name: string }) => s.name)).toContain('watch-me');
    const after = refreshes();
    await until(() => refreshes() >= after + 2, 'two more refreshes');
    expect(docs()).toHaveLength(2);
    mem.interrupt();
    const r = await run;
    expect(r.code).toBe(0);
  });

  it('on a terminal: redraws the screen, fits the rows, and keeps errors under the table', async () => {
    const w = world();
    w.sim.setFaults({ deny: ['efs'] });
    const mem = memIo({ tty: true, columns: 90, rows: 12, now: w.now, env: tempEnv({ NO_COLOR: '1' }) });
    const run = runCli(['list', '--watch', '--refresh', '3600'], { sim: w.sim, io: mem });
    await until(() => mem.stdout().includes('more (narrow it'), 'the first frame');
    const frame = mem.stdout();
    expect(frame.startsWith('\u001b[H\u001b[2Jprism-storage list --watch · ')).toBe(true);
    const lines = frame.replace(/^\u001b\[H\u001b\[2J/, '').trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(12);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(90);
    expect(lines[lines.length - 1]).toMatch(/^prism-storage: efs us-east-1: /);
    mem.interrupt();
    expect((await run).code).toBe(0);
  });

  it('cannot stream CSV', async () => {
    const r = await cli(world(), ['list', '--watch', '-o', 'csv']);
    expect(r.code).toBe(2);
  });
});

describe('show', () => {
  it('prints every section of the detail view, and the same document as list in json (golden)', async () => {
    const w = world();
    const table = await cli(w, ['show', 'genomics-scratch']);
    expect(table.code).toBe(0);
    for (const section of ['Identity', 'Capacity and performance', 'Network and mount endpoints', 'Security', 'Tags']) expect(table.stdout).toContain(section);
    const json = await cli(w, ['show', 'genomics-scratch', '-o', 'json']);
    const store = StorageInfoSchema.parse(JSON.parse(json.stdout));
    const list = JSON.parse((await cli(w, ['list', '-o', 'json'])).stdout);
    expect(JSON.parse(json.stdout)).toEqual(list.stores.find((s: { id: string }) => s.id === store.id));
    // By id and by ARN too.
    expect(JSON.parse((await cli(w, ['show', store.id, '-o', 'json'])).stdout).id).toBe(store.id);
    const lustre = list.stores.find((s: { type: string; arn?: string }) => s.type === 'fsx-lustre' && s.arn);
    expect(JSON.parse((await cli(w, ['show', lustre.arn, '-o', 'json'])).stdout).id).toBe(lustre.id);
    await expect(normaliseTimes(json.stdout)).toMatchFileSnapshot('__golden__/show.json');
  });

  it('a missing store: exit 1, one stderr line, or the StorageError object with --output json (golden)', async () => {
    const w = world();
    const text = await cli(w, ['show', 'no-such-store']);
    expect(text.code).toBe(1);
    expect(text.stderr).toBe(`${SIM_LINE}prism-storage: no store named "no-such-store" — check the name with \`prism-storage list\`, or give the id (vol-..., fs-..., bucket name); --region/--regions to look elsewhere\n`);
    const json = await cli(w, ['show', 'no-such-store', '-o', 'json']);
    expect(json.code).toBe(1);
    expect(ErrorResponseSchema.parse(JSON.parse(json.stdout))).toBeTruthy();
    await expect(json.stdout).toMatchFileSnapshot('__golden__/error-not-found.json');
  });

  it('an ambiguous name is a usage error naming the ids', async () => {
    const w = world();
    for (let i = 0; i < 2; i++) expect((await cli(w, ['create', 'twin', '--type', 'ebs', '--size', '10'])).code).toBe(0);
    const r = await cli(w, ['show', 'twin', '-o', 'json']);
    expect(r.code).toBe(2);
    const e = JSON.parse(r.stdout).error;
    expect(e.code).toBe('AmbiguousName');
    expect(e.message).toMatch(/2 stores are named "twin": EBS vol-\w+ \(us-east-1\), EBS vol-\w+/);
  });
});

describe('create', () => {
  it('--dry-run prints the exact plan and sends nothing that changes anything', async () => {
    const w = world();
    const r = await cli(w, ['create', 'scratch-vol', '--type', 'ebs', '--size', '500', '--iops', '6000', '--tag', 'Project=x', '--dry-run']);
    expect(r.code).toBe(0);
    expect(calls(w.sim, MUTATING)).toEqual({});
    expect(r.stdout).toContain('Would create EBS "scratch-vol" in us-east-1: 1 call to EC2');
    expect(r.stdout).toContain('1. CreateVolume');
    expect(r.stdout).toContain('"Iops": 6000');
    expect(r.stdout).toContain('"Size": 500');
    expect(r.stdout).toMatch(/Estimated cost: \$\d+\.\d\d \/ month/);
  });

  it('--dry-run --output json: request, plan and estimate (golden, with a fixed client token)', async () => {
    const w = world();
    const r = await cli(w, ['create', 'team-home', '--type', 'efs', '--workload', 'home-directories', '--client-token', 'golden-token-1', '--dry-run', '-o', 'json']);
    expect(r.code).toBe(0);
    const doc = CreatePlanResponseSchema.parse(JSON.parse(r.stdout));
    expect(doc.plan.steps.map((s) => s.command)).toEqual(expect.arrayContaining(['CreateFileSystem', 'CreateMountTarget']));
    expect(calls(w.sim, MUTATING)).toEqual({});
    await expect(normaliseTimes(r.stdout)).toMatchFileSnapshot('__golden__/create-dry-run.json');
  });

  it('secrets come from a file, are masked in the plan and never printed', async () => {
    const w = world();
    const env = tempEnv();
    const file = join(String(env.HOME), 'fsxadmin');
    writeFileSync(file, 'Sup3r-Secret-pw\n', { mode: 0o600 });
    const r = await cli(w, ['create', 'nas', '--type', 'ontap', '--admin-password-file', file, '--dry-run', '-o', 'json'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).not.toContain('Sup3r-Secret-pw');
    expect(r.stdout).toContain('********');
    const argv = await cli(w, ['create', 'nas', '--type', 'ontap', '--set', 'adminPassword=oops', '--dry-run']);
    expect(argv.code).toBe(2);
    expect(argv.stderr).toContain('--admin-password-file');
    expect(argv.stderr).not.toContain('oops');
  });

  it('an invalid request is a usage error naming each field, and nothing is sent', async () => {
    const w = world();
    const r = await cli(w, ['create', 'v', '--type', 'ebs', '--iops', '2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('  iops: IOPS for gp3 must be between 3,000');
    const json = await cli(w, ['create', 'v-bucket-x', '--type', 's3', '--iops', '5', '-o', 'json']);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout).error.fields).toEqual([{ field: 'iops', message: 'iops (--iops) is a setting of EBS, not of S3.' }]);
    expect((await cli(w, ['create', 'v', '--type', 'fsx'])).stderr).toContain('"fsx" is not one storage type');
    expect((await cli(w, ['create', 'v'])).code).toBe(2);
    expect(calls(w.sim, MUTATING)).toEqual({});
  });

  it('--read-only refuses (exit 1) before anything is sent; --dry-run still works', async () => {
    const w = world();
    const r = await cli(w, ['--read-only', 'create', 'v', '--type', 'ebs']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('create refused: prism-storage runs with --read-only');
    expect((await cli(w, ['create', 'v', '--type', 'ebs', '--read-only', '--dry-run'])).code).toBe(0);
    expect(calls(w.sim, MUTATING)).toEqual({});
  });

  it('creates, waits until available, audits, and the new store is listed', async () => {
    const w = world();
    const env = tempEnv();
    const r = await cli(w, ['create', 'lab-vol', '--type', 'ebs', '--size', '50', '--tag', 'Project=lab', '--wait', '-o', 'json'], { env });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.created).toMatchObject({ type: 'ebs', region: 'us-east-1', name: 'lab-vol' });
    expect(doc.store).toMatchObject({ name: 'lab-vol', state: 'available', sizeBytes: 50 * 1024 ** 3, tags: { Project: 'lab' } });
    expect(calls(w.sim, /ec2:CreateVolume/)).toEqual({ 'ec2:CreateVolume': 1 });
    expect(r.stderr).toContain('step 1/1: CreateVolume');
    const audit = readFileSync(join(String(env.XDG_STATE_HOME), 'prism-storage', 'audit.log'), 'utf8');
    expect(audit).toContain('"action":"ec2:CreateVolume"');
    expect(audit).toContain(`"outcome":"ok"`);
    const list = JSON.parse((await cli(w, ['list', '--filter', 'lab-vol', '-o', 'json'])).stdout);
    expect(list.stores.map((s: { id: string }) => s.id)).toEqual([doc.created.id]);
  });

  it('an S3 bucket is named after the store unless --bucket-name says otherwise', async () => {
    const w = world();
    const r = await cli(w, ['create', 'my-lab-archive-7', '--type', 's3', '--workload', 'archive', '--dry-run', '-o', 'json']);
    expect(JSON.parse(r.stdout).plan.steps[0]).toEqual({ command: 'CreateBucket', input: { Bucket: 'my-lab-archive-7' } });
    const named = await cli(w, ['create', 'Lab Archive', '--type', 's3', '--bucket-name', 'lab-archive-7b', '--dry-run', '-o', 'json']);
    expect(JSON.parse(named.stdout).plan.steps[0].input.Bucket).toBe('lab-archive-7b');
  });
});

describe('delete', () => {
  it('refuses without --confirm when not at a terminal (exit 2), and on a mismatch', async () => {
    const w = world();
    const r = await cli(w, ['delete', 'old-analysis-scratch']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('refusing to delete without confirmation: not a terminal — add --confirm old-analysis-scratch');
    const mismatch = await cli(w, ['delete', 'old-analysis-scratch', '--confirm', 'old']);
    expect(mismatch.code).toBe(2);
    expect(calls(w.sim, MUTATING)).toEqual({});
  });

  it('--read-only refuses (exit 1)', async () => {
    const w = world();
    const r = await cli(w, ['delete', 'old-analysis-scratch', '--confirm', 'old-analysis-scratch', '--read-only']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('delete refused');
    expect(calls(w.sim, MUTATING)).toEqual({});
  });

  it('says what blocks a deletion and changes nothing (exit 1)', async () => {
    const w = world();
    const r = await cli(w, ['delete', 'genomics-scratch', '--confirm', 'genomics-scratch']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/blocked: attached to i-\w+/);
    expect(calls(w.sim, MUTATING)).toEqual({});
  });

  it('with --confirm: snapshot first, then the volume goes; --dry-run only reports', async () => {
    const w = world();
    const dry = await cli(w, ['delete', 'old-analysis-scratch', '--dry-run', '-o', 'json']);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout).preview.kept[0]).toMatch(/snapshot/);
    expect(calls(w.sim, MUTATING)).toEqual({});
    const r = await cli(w, ['delete', 'old-analysis-scratch', '--confirm', 'old-analysis-scratch', '-o', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.result.snapshotId).toMatch(/^snap-/);
    expect(calls(w.sim, MUTATING)).toEqual({ 'ec2:CreateSnapshot': 1, 'ec2:DeleteVolume': 1 });
  });

  it('at a terminal, asks for the name: the right name deletes, a wrong one does not (exit 1)', async () => {
    const w = world();
    const ask = async (answer: string) => {
      const mem = memIo({ stdinTty: true, now: w.now, sleep: w.sleep });
      const run = runCli(['delete', 'old-analysis-scratch', '--no-snapshot'], { sim: w.sim, io: mem });
      const deadline = Date.now() + 20_000;
      while (!mem.stderr().includes('Type the name of the store (old-analysis-scratch) to delete it: ')) {
        if (Date.now() > deadline) throw new Error(`no prompt; stderr: ${mem.stderr()}`);
        await new Promise((r) => setTimeout(r, 5));
      }
      mem.stdin.write(`${answer}\n`);
      return run;
    };
    const wrong = await ask('old-analysis');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('not confirmed: nothing was deleted');
    expect(calls(w.sim, MUTATING)).toEqual({});
    const right = await ask('old-analysis-scratch');
    expect(right.code).toBe(0);
    expect(calls(w.sim, MUTATING)).toEqual({ 'ec2:DeleteVolume': 1 });
  });
});

/** An instance the simulated region manages through SSM. */
async function managedInstance(w: World): Promise<string> {
  const out = await simBackend(w.sim).pool.ssm().send(new DescribeInstanceInformationCommand({}));
  const id = out.InstanceInformationList?.find((i) => i.PingStatus === 'Online' && /Amazon Linux/.test(i.PlatformName ?? ''))?.InstanceId;
  if (!id) throw new Error('the simulated region has no SSM-managed Amazon Linux instance');
  return id;
}

describe('mount', () => {
  it('prints the script (which bash can parse) with the store\'s own mount name', async () => {
    const w = world();
    const info = JSON.parse((await cli(w, ['show', 'imagenet-train-lustre', '-o', 'json'])).stdout);
    const r = await cli(w, ['mount', 'imagenet-train-lustre', '--mount-point', '/scratch/imagenet']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('#!/usr/bin/env bash\n')).toBe(true);
    expect(r.stdout).toContain(`mount -t lustre -o relatime,flock ${info.mount.dnsName}@tcp:/${info.mount.lustreMountName} /scratch/imagenet`);
    expect(spawnSync('bash', ['-n'], { input: r.stdout }).status).toBe(0);
  });

  it('--method picks among the ways a kind mounts; a wrong one is a usage error', async () => {
    const w = world();
    const s3 = await cli(w, ['mount', 'genomics raw data', '--method', 's3fs', '--os', 'ubuntu', '--ro', '-o', 'json']);
    expect(s3.code).toBe(0);
    const doc = MountScriptSchema.parse(JSON.parse(s3.stdout));
    expect(doc.method).toContain('s3fs');
    expect(doc.script).toContain('apt-get');
    const wrong = await cli(w, ['mount', 'imagenet-train-lustre', '--method', 's3fs']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('FSx Lustre mounts one way only');
    expect((await cli(w, ['mount', 'imagenet-train-lustre', '--mount-point', '/etc'])).code).toBe(2);
  });

  it('with an instance: mounts there through SSM Run Command; --print and --read-only do not', async () => {
    const w = world();
    const instance = await managedInstance(w);
    const printed = await cli(w, ['mount', 'research-home', instance, '--print']);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toContain('mount -t efs');
    expect(calls(w.sim, /ssm:SendCommand/)).toEqual({});
    const refused = await cli(w, ['--read-only', 'mount', 'research-home', instance]);
    expect(refused.code).toBe(1);
    expect(calls(w.sim, /ssm:SendCommand/)).toEqual({});
    const ran = await cli(w, ['mount', 'research-home', instance, '-o', 'json']);
    expect(ran.code).toBe(0);
    expect(calls(w.sim, /ssm:SendCommand/)).toEqual({ 'ssm:SendCommand': 1 });
    expect(JSON.parse(ran.stdout)).toMatchObject({ instanceId: instance, status: 'success', ok: true, commandStatus: 'Success' });
    expect(ran.stderr).toContain('prism-storage: run: done: mount script succeeded');
  });
});

describe('analytics, recommendations, patterns, costs', () => {
  it('analytics: one row per store, in the documented shape; --resources narrows', async () => {
    const w = world();
    const all = await cli(w, ['analytics', '--period', '24h', '-o', 'json']);
    expect(all.code).toBe(0);
    const doc = AnalyticsResponseSchema.parse(JSON.parse(all.stdout));
    const stores = JSON.parse((await cli(w, ['list', '-o', 'json'])).stdout).stores;
    expect(doc.analytics).toHaveLength(stores.length);
    const busy = doc.analytics.find((r) => r.name === 'imagenet-train-lustre');
    expect(busy?.throughputBytesPerSec.peak).toBeGreaterThan(0);
    const one = AnalyticsResponseSchema.parse(JSON.parse((await cli(w, ['analytics', '-r', 'genomics-scratch', '-p', '1h', '-o', 'json'])).stdout));
    expect(one.analytics.map((r) => r.name)).toEqual(['genomics-scratch']);
    expect(one.analytics[0].periodSeconds).toBe(60);
    const table = await cli(w, ['analytics', '--type', 'fsx'], { env: tempEnv({ COLUMNS: '80' }) });
    for (const l of table.stdout.trimEnd().split('\n')) expect(l.length).toBeLessThanOrEqual(80);
    expect((await cli(w, ['analytics', '-p', '2d'])).code).toBe(2);
    expect((await cli(w, ['analytics', '-r', 'nope'])).code).toBe(1);
  });

  it('recommendations find the planted cases; --focus filters', async () => {
    const w = world();
    const r = await cli(w, ['recommendations', '-o', 'json']);
    expect(r.code).toBe(0);
    const doc = RecommendationsResponseSchema.parse(JSON.parse(r.stdout));
    expect(doc.recommendations.some((x) => x.resourceName === 'old-analysis-scratch' && x.focus === 'cost')).toBe(true);
    expect(doc.recommendations.some((x) => x.type === 'fsx-openzfs' && /throughput/i.test(x.title))).toBe(true);
    const perf = RecommendationsResponseSchema.parse(JSON.parse((await cli(w, ['recommendations', '--focus', 'performance', '-o', 'json'])).stdout));
    expect(perf.recommendations.every((x) => x.focus === 'performance')).toBe(true);
    const table = await cli(w, ['recommendations']);
    expect(table.stdout).toMatch(/recommendations?; together they save about \$[\d,.]+ a month\.\n$/);
  });

  it('patterns see the nightly training bursts; --days is bounded', async () => {
    const w = world();
    const r = await cli(w, ['patterns', '--days', '14', '-r', 'imagenet-train-lustre', '-o', 'json']);
    expect(r.code).toBe(0);
    const p = PatternsResponseSchema.parse(JSON.parse(r.stdout)).patterns[0];
    expect(p.days).toBe(14);
    expect(p.peakHoursUtc).toEqual(expect.arrayContaining([22, 23, 0, 1]));
    for (const a of p.anomalies) expect(a.time).toMatch(ISO);
    expect((await cli(w, ['patterns', '--days', '0'])).code).toBe(2);
    expect((await cli(w, ['patterns', '--days', '31'])).code).toBe(2);
  });

  it('costs: the estimate adds up the listed stores; Cost Explorer figures come along', async () => {
    const w = world();
    const r = await cli(w, ['costs', '-o', 'json']);
    expect(r.code).toBe(0);
    const doc = CostAnalysisSchema.parse(JSON.parse(r.stdout));
    const stores = JSON.parse((await cli(w, ['list', '-o', 'json'])).stdout).stores as { monthlyCost?: number | null }[];
    const sum = stores.reduce((s, x) => s + (typeof x.monthlyCost === 'number' ? x.monthlyCost : 0), 0);
    expect(doc.estimated.totalUsd).toBeCloseTo(sum, 1);
    expect(doc.estimated.unpriced).toBe(stores.filter((x) => typeof x.monthlyCost !== 'number').length);
    expect(doc.billed?.monthToDateUsd).toBeGreaterThan(0);
  });
});

describe('optimize', () => {
  it('shows the plan; --apply changes the store only when confirmed and not read-only', async () => {
    const w = world();
    const plan = await cli(w, ['optimize', 'genomics-scratch', '--workload', 'ml', '-o', 'json']);
    expect(plan.code).toBe(0);
    const doc = JSON.parse(plan.stdout);
    expect(doc.action).toMatchObject({ kind: 'ebs-modify' });
    expect(doc.changes.length).toBeGreaterThan(0);
    expect((await cli(w, ['optimize', 'genomics-scratch', '--workload', 'ml', '--apply'])).code).toBe(2);
    expect((await cli(w, ['optimize', 'genomics-scratch', '--workload', 'ml', '--apply', '--confirm', 'genomics-scratch', '--read-only'])).code).toBe(1);
    expect((await cli(w, ['optimize', 'genomics-scratch', '--workload', 'gaming'])).code).toBe(2);
    expect(calls(w.sim, MUTATING)).toEqual({});
    const applied = await cli(w, ['optimize', 'genomics-scratch', '--workload', 'ml', '--apply', '--confirm', 'genomics-scratch', '-o', 'json']);
    expect(applied.code).toBe(0);
    expect(calls(w.sim, MUTATING)).toEqual({ 'ec2:ModifyVolume': 1 });
    expect(OptimizePlanSchema.shape.action.parse(JSON.parse(applied.stdout).applied.action)).toMatchObject({ kind: 'ebs-modify' });
  });
});

describe('help and completion', () => {
  it('every command has --help with examples and the exit codes', async () => {
    const w = world();
    for (const cmd of ['list', 'show', 'create', 'delete', 'mount', 'analytics', 'recommendations', 'optimize', 'patterns', 'costs', 'serve', 'completion']) {
      const r = await cli(w, [cmd, '--help']);
      expect(r.code, cmd).toBe(0);
      expect(r.stdout, cmd).toContain('Examples:');
      expect(r.stdout, cmd).toContain('3  partial: some services failed');
    }
    const create = (await cli(w, ['create', '--help'])).stdout;
    for (const flag of ['--volume-type <value>', '--storage-capacity-gib', '--access-point-path', '--admin-password-file <path>', 'FSx ONTAP settings:', 'Settings of several kinds:']) expect(create).toContain(flag);
  });

  it('bash completion: valid bash that completes commands, options and their values', async () => {
    const r = await cli(world(), ['completion', 'bash']);
    expect(r.code).toBe(0);
    expect(spawnSync('bash', ['-n'], { input: r.stdout }).status).toBe(0);
    const complete = (words: string[]) => {
      const script = `${r.stdout}\nCOMP_WORDS=(${words.map((x) => `'${x}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _prism_storage; printf '%s\\n' "\${COMPREPLY[@]}"`;
      return spawnSync('bash', ['-c', script], { encoding: 'utf8' }).stdout.trim().split('\n').filter(Boolean).sort();
    };
    expect(complete(['prism-storage', 'li'])).toEqual(['list']);
    expect(complete(['prism-storage', 'list', '--output', ''])).toEqual(['csv', 'json', 'table', 'yaml']);
    expect(complete(['prism-storage', 'mount', 'x', '--os', ''])).toEqual(['al2', 'al2023', 'rhel', 'ubuntu']);
    expect(complete(['prism-storage', 'list', '--ty'])).toEqual(['--type']);
    expect(complete(['prism-storage', 'recommendations', '--focus', ''])).toEqual(['cost', 'performance', 'risk']);
  });

  it('zsh completion is generated for every command; an unknown shell is a usage error', async () => {
    const r = await cli(world(), ['completion', 'zsh']);
    expect(r.stdout.startsWith('#compdef prism-storage\n')).toBe(true);
    for (const cmd of ['list', 'show', 'create', 'delete', 'mount', 'serve']) expect(r.stdout).toContain(`'${cmd}:`);
    if (spawnSync('zsh', ['--version']).status === 0) expect(spawnSync('zsh', ['-n'], { input: r.stdout }).status).toBe(0);
    expect((await cli(world(), ['completion', 'fish'])).code).toBe(2);
  });
});
