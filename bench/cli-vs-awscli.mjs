/* global fetch, AbortSignal */
// `prism-storage list` (one status check) against the four AWS CLI calls it
// replaces, both against the same local moto server: medians over several
// runs, and the ratio. Target: the status check 4x faster than the four calls.
// Run by bench/run.mjs, or alone: node bench/cli-vs-awscli.mjs
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { median, fmt } from './lib.mjs';

const BIN = resolve('dist/prism-storage.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const REGION = 'us-east-1';

function executable(p) {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function which(name, extra = []) {
  for (const dir of [...(process.env.PATH ?? '').split(delimiter), ...extra]) if (dir && executable(join(dir, name))) return join(dir, name);
  return undefined;
}

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

async function startMoto() {
  const bin = which('moto_server', [join(process.env.PYENV_ROOT ?? join(homedir(), '.pyenv'), 'shims')]);
  if (!bin) return undefined;
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child = spawn(bin, ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const r = await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(2000) });
      await r.arrayBuffer();
      if (r.ok) break;
    } catch {
      // not up yet
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`moto_server did not start on ${endpoint}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { endpoint, stop: () => new Promise((r) => (child.exitCode !== null ? r() : (child.once('exit', r), child.kill('SIGTERM')))) };
}

/** A handful of stores of every kind moto keeps: 4 volumes, 2 EFS, 1 Lustre, 3 buckets. */
async function populate(endpoint) {
  // The SDK's Node 20 support notice is not a result: keep the bench output clean.
  const emit = process.emitWarning;
  process.emitWarning = (w, ...rest) => (String(w).includes('NodeVersionSupportWarning') || JSON.stringify(rest).includes('NodeVersionSupportWarning') ? undefined : emit.call(process, w, ...rest));
  const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };
  const { EC2Client, CreateVolumeCommand } = await import('@aws-sdk/client-ec2');
  const { EFSClient, CreateFileSystemCommand } = await import('@aws-sdk/client-efs');
  const { FSxClient, CreateFileSystemCommand: FsxCreate } = await import('@aws-sdk/client-fsx');
  const { S3Client, CreateBucketCommand } = await import('@aws-sdk/client-s3');
  const ec2 = new EC2Client({ region: REGION, endpoint, credentials });
  const efs = new EFSClient({ region: REGION, endpoint, credentials });
  const fsx = new FSxClient({ region: REGION, endpoint, credentials });
  const s3 = new S3Client({ region: REGION, endpoint, credentials, forcePathStyle: true });
  const tag = (name) => [{ Key: 'Name', Value: name }, { Key: 'Project', Value: 'bench' }];
  for (let i = 0; i < 4; i++) await ec2.send(new CreateVolumeCommand({ AvailabilityZone: `${REGION}a`, Size: 100 * (i + 1), VolumeType: 'gp3', TagSpecifications: [{ ResourceType: 'volume', Tags: tag(`bench-vol-${i}`) }] }));
  for (let i = 0; i < 2; i++) await efs.send(new CreateFileSystemCommand({ CreationToken: `bench-efs-${i}`, Tags: tag(`bench-efs-${i}`) }));
  await fsx.send(new FsxCreate({ FileSystemType: 'LUSTRE', StorageCapacity: 1200, SubnetIds: ['subnet-12345678'], LustreConfiguration: { DeploymentType: 'SCRATCH_2' }, Tags: tag('bench-lustre') }));
  for (let i = 0; i < 3; i++) await s3.send(new CreateBucketCommand({ Bucket: `bench-bucket-${i}` }));
  for (const c of [ec2, efs, fsx, s3]) c.destroy();
}

function timed(cmd, args, env) {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms, stdout: r.stdout };
}

export default async function cliVsAwsCli() {
  const aws = which('aws', [join(process.env.PYENV_ROOT ?? join(homedir(), '.pyenv'), 'shims')]);
  const moto = await startMoto();
  if (!moto) return { cliVsAwsCli: { skipped: 'moto_server not found' } };
  try {
    await populate(moto.endpoint);
    const home = mkdtempSync(join(tmpdir(), 'prism-bench-cli-'));
    const env = { PATH: process.env.PATH, HOME: home, XDG_STATE_HOME: join(home, 'state'), XDG_CACHE_HOME: join(home, 'cache'), XDG_CONFIG_HOME: join(home, 'config'), AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: REGION, AWS_DEFAULT_REGION: REGION, AWS_EC2_METADATA_DISABLED: 'true', AWS_PAGER: '' };
    const prismArgs = [BIN, 'list', '--aws', '--endpoint-url', moto.endpoint, '--output', 'json'];
    const stores = JSON.parse(timed(process.execPath, prismArgs, env).stdout).stores.length; // warm the file cache once
    const calls = [
      ['ec2', 'describe-volumes'],
      ['efs', 'describe-file-systems'],
      ['fsx', 'describe-file-systems'],
      ['s3api', 'list-buckets'],
    ];
    const prism = [];
    const perCall = Object.fromEntries(calls.map((c) => [c.join(' '), []]));
    const awsTotals = [];
    for (let i = 0; i < RUNS; i++) {
      prism.push(timed(process.execPath, prismArgs, env).ms);
      if (aws) {
        let total = 0;
        for (const c of calls) {
          const { ms } = timed(aws, [...c, '--endpoint-url', moto.endpoint, '--region', REGION, '--output', 'json'], env);
          perCall[c.join(' ')].push(ms);
          total += ms;
        }
        awsTotals.push(total);
      }
    }
    const out = {
      runs: RUNS,
      stores,
      prismListMedianMs: Math.round(median(prism)),
      prismListMinMs: Math.round(Math.min(...prism)),
    };
    if (aws) {
      Object.assign(out, {
        awsCli: spawnSync(aws, ['--version'], { encoding: 'utf8' }).stdout.trim() || spawnSync(aws, ['--version'], { encoding: 'utf8' }).stderr.trim(),
        awsCliFourCallsMedianMs: Math.round(median(awsTotals)),
        awsCliPerCallMedianMs: Object.fromEntries(Object.entries(perCall).map(([k, v]) => [k, Math.round(median(v))])),
        ratio: Math.round((median(awsTotals) / median(prism)) * 100) / 100,
      });
    } else out.awsCli = 'not installed: no comparison';
    console.log('== prism-storage list vs the four AWS CLI calls (same moto) ==');
    console.log(`prism-storage list --output json  median ${fmt(out.prismListMedianMs)} (${stores} stores)`);
    if (aws) console.log(`aws ec2/efs/fsx/s3api, in sequence  median ${fmt(out.awsCliFourCallsMedianMs)}  ->  ${out.ratio}x`);
    return { cliVsAwsCli: out };
  } finally {
    await moto.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) console.log(JSON.stringify(await cliVsAwsCli(), null, 2));
