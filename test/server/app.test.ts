// Every endpoint of the REST API, in-process (hono's app.request), over a
// Session on the simulated region: auth, bodies, limits, read-only, answers
// that match the schemas the OpenAPI document is generated from.
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApp, BODY_LIMIT_BYTES } from '../../src/server/app.js';
import { buildOpenApi } from '../../src/server/openapi.js';
import {
  AnalyticsResponseSchema,
  CostAnalysisSchema,
  CreatePlanResponseSchema,
  ErrorResponseSchema,
  MountScriptSchema,
  OperationSchema,
  OptimizePlanSchema,
  PatternsResponseSchema,
  RecommendationsResponseSchema,
  StorageInfoSchema,
  StoreListSchema,
} from '../../src/server/schemas.js';
import { Session } from '../../src/services/session.js';
import { calls, MUTATING, simBackend, tempEnv, world, type World } from '../cli/harness.js';

const TOKEN = 'A'.repeat(43);
const AUTH = { authorization: `Bearer ${TOKEN}` };

const sessions: Session[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.stop();
});

function server(w: World, o: { readOnly?: boolean; hostAllowed?: (h: string) => boolean } = {}) {
  const session = new Session(simBackend(w.sim, { readOnly: o.readOnly }), { refreshMs: 3_600_000, now: w.now });
  sessions.push(session);
  session.start();
  const { app, operations } = createApp({ session, token: TOKEN, now: w.now, sleep: w.sleep, env: tempEnv(), hostAllowed: o.hostAllowed });
  const req = async (method: string, path: string, init: { body?: unknown; headers?: Record<string, string>; raw?: string } = {}) => {
    const headers: Record<string, string> = { ...AUTH, ...init.headers };
    let body: string | undefined = init.raw;
    if (init.body !== undefined) {
      body = JSON.stringify(init.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await app.request(path, { method, headers, body });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, text, json: json as Record<string, unknown> };
  };
  return { app, operations, session, req };
}

/** The error of an answer, checked against the documented shape. */
function errorOf(r: { json: unknown }) {
  return ErrorResponseSchema.parse(r.json).error;
}

describe('auth', () => {
  it('/healthz answers without a token and says nothing else', async () => {
    const s = server(world());
    const r = await s.req('GET', '/healthz', { headers: { authorization: '' } });
    expect(r.status).toBe(200);
    expect(r.text).toBe('{"ok":true}');
  });

  it('every /api route refuses a missing, a wrong, and a non-bearer token with 401', async () => {
    const s = server(world());
    for (const path of ['/api/v1/storage', '/api/v1/openapi.json', '/api/v1/storage/genomics-scratch', '/api/v1/operations/x', '/api/v1/nope']) {
      for (const authorization of ['', `Bearer ${'B'.repeat(43)}`, `Bearer ${TOKEN}x`, `Basic ${Buffer.from(`u:${TOKEN}`).toString('base64')}`, TOKEN]) {
        const r = await s.req('GET', path, { headers: { authorization } });
        expect(r.status, `${path} ${authorization}`).toBe(401);
        expect(r.headers.get('www-authenticate')).toBe('Bearer realm="prism-storage"');
        expect(errorOf(r)).toMatchObject({ type: 'auth', service: 'local', code: 'Unauthorized' });
      }
    }
    const bad = await s.req('POST', '/api/v1/storage', { headers: { authorization: 'Bearer nope' }, body: { name: 'x', type: 'ebs' } });
    expect(bad.status).toBe(401);
    expect((await s.req('GET', '/api/v1/storage')).status).toBe(200);
  });

  it('a Host header that is not this server is refused (DNS rebinding)', async () => {
    const s = server(world(), { hostAllowed: (h) => h === '127.0.0.1:8477' });
    expect((await s.req('GET', '/api/v1/storage', { headers: { host: 'evil.example:8477' } })).status).toBe(421);
    expect((await s.req('GET', '/api/v1/storage', { headers: { host: '127.0.0.1:8477' } })).status).toBe(200);
  });
});

describe('GET /api/v1/storage', () => {
  it('answers the documented list from memory, filtered, sorted and paged, with ETag', async () => {
    const w = world();
    const s = server(w);
    const all = await s.req('GET', '/api/v1/storage');
    expect(all.status).toBe(200);
    const doc = StoreListSchema.parse(all.json);
    expect(doc.stores.length).toBeGreaterThan(20);
    expect(all.headers.get('x-total-count')).toBe(String(doc.stores.length));
    expect(all.headers.get('cache-control')).toBe('no-store');
    const describes = w.sim.stats.byCommand['ec2:DescribeVolumes'];
    // From memory: more requests, no more AWS calls.
    for (let i = 0; i < 5; i++) expect((await s.req('GET', '/api/v1/storage?type=ebs')).status).toBe(200);
    expect(w.sim.stats.byCommand['ec2:DescribeVolumes']).toBe(describes);
    const page = await s.req('GET', '/api/v1/storage?type=fsx&sort=-cost&limit=2&offset=1');
    const fsx = StoreListSchema.parse((await s.req('GET', '/api/v1/storage?type=fsx&sort=-cost')).json).stores;
    expect(StoreListSchema.parse(page.json).stores.map((x) => x.id)).toEqual(fsx.slice(1, 3).map((x) => x.id));
    expect(page.headers.get('x-total-count')).toBe(String(fsx.length));
    const etag = all.headers.get('etag') as string;
    expect((await s.req('GET', '/api/v1/storage', { headers: { 'if-none-match': etag } })).status).toBe(304);
    const q = StoreListSchema.parse((await s.req('GET', '/api/v1/storage?q=Project%3Dgenomics')).json).stores;
    expect(q.length).toBeGreaterThan(0);
    for (const x of q) expect(x.tags.Project).toBe('genomics');
  });

  it('a failing service shows up in errors, its last data kept', async () => {
    const w = world();
    w.sim.setFaults({ deny: ['efs'] });
    const s = server(w);
    const doc = StoreListSchema.parse((await s.req('GET', '/api/v1/storage')).json);
    expect(doc.errors.map((e) => [e.service, e.type])).toEqual([['efs', 'access-denied']]);
    expect(doc.stores.some((x) => x.type === 'ebs')).toBe(true);
  });

  it('bad query strings are 400 naming the field', async () => {
    const s = server(world());
    for (const [q, field] of [
      ['limit=0', 'limit'],
      ['limit=abc', 'limit'],
      ['sort=colour', 'sort'],
      ['color=red', 'color'],
    ] as const) {
      const r = await s.req('GET', `/api/v1/storage?${q}`);
      expect(r.status, q).toBe(400);
      expect(errorOf(r).fields?.map((f) => f.field)).toEqual([field]);
    }
    const kind = await s.req('GET', '/api/v1/storage?type=tape');
    expect(kind.status).toBe(400);
    expect(errorOf(kind).code).toBe('InvalidType');
  });
});

describe('GET /api/v1/storage/{name}', () => {
  it('by name, id or ARN; 404 for none, 409 for an ambiguous name', async () => {
    const s = server(world());
    const byName = await s.req('GET', '/api/v1/storage/genomics-scratch');
    expect(byName.status).toBe(200);
    const store = StorageInfoSchema.parse(byName.json);
    expect((await s.req('GET', `/api/v1/storage/${store.id}`)).json).toEqual(byName.json);
    const bucket = StoreListSchema.parse((await s.req('GET', '/api/v1/storage?type=s3')).json).stores.find((x) => x.name === 'CMIP6 model output 2019 (archive)');
    expect((await s.req('GET', `/api/v1/storage/${encodeURIComponent('CMIP6 model output 2019 (archive)')}`)).json).toMatchObject({ id: bucket?.id });
    expect((await s.req('GET', `/api/v1/storage/${encodeURIComponent(String(bucket?.arn))}`)).status).toBe(200);
    const missing = await s.req('GET', '/api/v1/storage/no-such-store');
    expect(missing.status).toBe(404);
    expect(errorOf(missing).code).toBe('StoreNotFound');
  });

  it('a store created elsewhere is found: a miss refreshes the inventory', async () => {
    const w = world();
    const s = server(w);
    await s.req('GET', '/api/v1/storage');
    const created = await s.req('POST', '/api/v1/storage', { body: { name: 'made-elsewhere', type: 'ebs', sizeGiB: 5 } });
    await s.operations.settled(String(created.json.id));
    w.advance(10_000);
    expect((await s.req('GET', '/api/v1/storage/made-elsewhere')).status).toBe(200);
  });
});

describe('POST /api/v1/storage', () => {
  it('dryRun: the plan, nothing sent', async () => {
    const w = world();
    const s = server(w);
    const r = await s.req('POST', '/api/v1/storage', { body: { name: 'api-vol', type: 'ebs', sizeGiB: 200, settings: { volumeType: 'gp3', iops: 4000 }, tags: { Project: 'api' }, dryRun: true, clientToken: 'tok-1' } });
    expect(r.status).toBe(200);
    const doc = CreatePlanResponseSchema.parse(r.json);
    expect(doc.plan.steps[0]).toMatchObject({ command: 'CreateVolume', input: { Iops: 4000, Size: 200, VolumeType: 'gp3', ClientToken: 'tok-1' } });
    expect(calls(w.sim, MUTATING)).toEqual({});
  });

  it('creates through an operation (202 + Location) that ends with the new store', async () => {
    const w = world();
    const s = server(w);
    const r = await s.req('POST', '/api/v1/storage', { body: { name: 'api-efs', type: 'efs', workload: 'home-directories' } });
    expect(r.status).toBe(202);
    const op = OperationSchema.parse(r.json);
    expect(r.headers.get('location')).toBe(`/api/v1/operations/${op.id}`);
    await s.operations.settled(op.id);
    const done = OperationSchema.parse((await s.req('GET', `/api/v1/operations/${op.id}`)).json);
    expect(done.state).toBe('succeeded');
    expect(done.result).toMatchObject({ created: { type: 'efs', name: 'api-efs' } });
    expect(done.progress[0]).toBe('step 1: CreateFileSystem');
    expect(calls(w.sim, /efs:CreateFileSystem/)).toEqual({ 'efs:CreateFileSystem': 1 });
  });

  it('bad bodies: not JSON, not an object, unknown or mistyped fields, invalid settings, too large', async () => {
    const w = world();
    const s = server(w);
    const notJson = await s.req('POST', '/api/v1/storage', { raw: '{nope', headers: { 'content-type': 'application/json' } });
    expect(notJson.status).toBe(400);
    expect(errorOf(notJson).code).toBe('InvalidJson');
    expect((await s.req('POST', '/api/v1/storage', { raw: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(415);
    const cases: [unknown, string[]][] = [
      [[1, 2], ['body']],
      [{ name: 'x', type: 'ebs', colour: 'red' }, ['colour']],
      [{ name: 'x', type: 'tape' }, ['type']],
      [{ name: '', type: 'ebs' }, ['name']],
      [{ name: 'x', type: 'ebs', sizeGiB: 'big' }, ['sizeGiB']],
      [{ name: 'x', type: 'ebs', tags: { a: 1 } }, ['tags.a']],
      [{ type: 'ebs' }, ['name']],
      [{ name: 'x', type: 'ebs', settings: { iops: 2 } }, ['settings.iops']],
      [{ name: 'x', type: 's3', settings: { bucketName: 'x-bucket-ok', iops: 2 } }, ['settings.iops']],
    ];
    for (const [body, fields] of cases) {
      const r = await s.req('POST', '/api/v1/storage', { body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(errorOf(r).fields?.map((f) => f.field), JSON.stringify(body)).toEqual(fields);
    }
    const big = await s.req('POST', '/api/v1/storage', { body: { name: 'x', type: 'ebs', tags: { pad: 'x'.repeat(BODY_LIMIT_BYTES) } } });
    expect(big.status).toBe(413);
    expect(errorOf(big).code).toBe('PayloadTooLarge');
    expect(calls(w.sim, MUTATING)).toEqual({});
  });

  it('--read-only: 403, dry runs still answered', async () => {
    const w = world();
    const s = server(w, { readOnly: true });
    const r = await s.req('POST', '/api/v1/storage', { body: { name: 'x', type: 'ebs' } });
    expect(r.status).toBe(403);
    expect(errorOf(r)).toMatchObject({ type: 'access-denied', code: 'ReadOnly' });
    expect((await s.req('POST', '/api/v1/storage', { body: { name: 'x', type: 'ebs', dryRun: true } })).status).toBe(200);
    expect((await s.req('DELETE', '/api/v1/storage/old-analysis-scratch?confirm=old-analysis-scratch')).status).toBe(403);
    expect((await s.req('POST', '/api/v1/storage/genomics-scratch/optimize', { body: { workload: 'ml', apply: true, confirm: 'genomics-scratch' } })).status).toBe(403);
    expect((await s.req('POST', '/api/v1/storage/research-home/mount', { body: { instanceId: 'i-0123456789abcdef0', run: true } })).status).toBe(403);
    expect(calls(w.sim, MUTATING)).toEqual({});
  });
});

describe('DELETE /api/v1/storage/{name}', () => {
  it('needs confirm; reports blocks with 409; dryRun previews; deletes through an operation', async () => {
    const w = world();
    const s = server(w);
    const noConfirm = await s.req('DELETE', '/api/v1/storage/old-analysis-scratch');
    expect(noConfirm.status).toBe(400);
    expect(errorOf(noConfirm).fields?.[0].field).toBe('confirm');
    expect((await s.req('DELETE', '/api/v1/storage/old-analysis-scratch?confirm=old')).status).toBe(400);
    const blocked = await s.req('DELETE', '/api/v1/storage/genomics-scratch?confirm=genomics-scratch');
    expect(blocked.status).toBe(409);
    expect(errorOf(blocked).message).toMatch(/attached to i-/);
    const dry = await s.req('DELETE', '/api/v1/storage/old-analysis-scratch?confirm=old-analysis-scratch&dryRun=true');
    expect(dry.status).toBe(200);
    expect(calls(w.sim, MUTATING)).toEqual({});
    const r = await s.req('DELETE', '/api/v1/storage/old-analysis-scratch?confirm=old-analysis-scratch');
    expect(r.status).toBe(202);
    const op = await s.operations.settled(String(r.json.id));
    expect(op?.state).toBe('succeeded');
    expect(calls(w.sim, MUTATING)).toEqual({ 'ec2:CreateSnapshot': 1, 'ec2:DeleteVolume': 1 });
  });
});

describe('mount and optimize', () => {
  it('mount: the script for the options given; validation errors are 400', async () => {
    const s = server(world());
    const r = await s.req('POST', '/api/v1/storage/imagenet-train-lustre/mount', { body: { os: 'ubuntu', mountPoint: '/data/imagenet', readOnly: true } });
    expect(r.status).toBe(200);
    const doc = MountScriptSchema.parse(r.json);
    expect(doc.script).toMatch(/mount -t lustre -o relatime,flock,ro \S+@tcp:\/\w+ \/data\/imagenet/);
    expect((await s.req('POST', '/api/v1/storage/imagenet-train-lustre/mount', { body: { mountPoint: 'relative' } })).status).toBe(400);
    expect((await s.req('POST', '/api/v1/storage/imagenet-train-lustre/mount', { body: { os: 'windows95' } })).status).toBe(400);
    expect(errorOf(await s.req('POST', '/api/v1/storage/imagenet-train-lustre/mount', { body: { run: true } })).fields?.[0].field).toBe('instanceId');
  });

  it('optimize: the plan; apply needs confirm and changes the store', async () => {
    const w = world();
    const s = server(w);
    const plan = await s.req('POST', '/api/v1/storage/genomics-scratch/optimize', { body: { workload: 'ml' } });
    expect(plan.status).toBe(200);
    expect(OptimizePlanSchema.parse(plan.json)).toMatchObject({ applied: false, action: { kind: 'ebs-modify' } });
    expect((await s.req('POST', '/api/v1/storage/genomics-scratch/optimize', { body: { workload: 'ml', apply: true } })).status).toBe(400);
    expect((await s.req('POST', '/api/v1/storage/genomics-scratch/optimize', { body: { workload: 'gaming' } })).status).toBe(400);
    expect(calls(w.sim, MUTATING)).toEqual({});
    const applied = await s.req('POST', '/api/v1/storage/genomics-scratch/optimize', { body: { workload: 'ml', apply: true, confirm: 'genomics-scratch' } });
    expect(applied.status).toBe(200);
    expect(OptimizePlanSchema.parse(applied.json).applied).toBe(true);
    expect(calls(w.sim, MUTATING)).toEqual({ 'ec2:ModifyVolume': 1 });
  });
});

describe('analytics endpoints', () => {
  it('analytics, recommendations, usage patterns and cost analysis answer in their schemas', async () => {
    const w = world();
    const s = server(w);
    const a = AnalyticsResponseSchema.parse((await s.req('GET', '/api/v1/storage/analytics?period=1h&resources=genomics-scratch,imagenet-train-lustre')).json);
    expect(a.analytics.map((r) => r.name)).toEqual(['genomics-scratch', 'imagenet-train-lustre']);
    const recs = RecommendationsResponseSchema.parse((await s.req('GET', '/api/v1/storage/recommendations?focus=cost')).json);
    expect(recs.recommendations.length).toBeGreaterThan(0);
    expect(recs.recommendations.every((r) => r.focus === 'cost')).toBe(true);
    const p = PatternsResponseSchema.parse((await s.req('GET', '/api/v1/storage/usage-patterns?days=7&resources=imagenet-train-lustre')).json);
    expect(p.patterns[0].peakHoursUtc).toEqual(expect.arrayContaining([22, 23]));
    const c = CostAnalysisSchema.parse((await s.req('GET', '/api/v1/storage/cost-analysis')).json);
    expect(c.estimated.totalUsd).toBeGreaterThan(0);
    expect((await s.req('GET', '/api/v1/storage/analytics?period=2d')).status).toBe(400);
    expect((await s.req('GET', '/api/v1/storage/usage-patterns?days=90')).status).toBe(400);
    expect((await s.req('GET', '/api/v1/storage/recommendations?resources=nope')).status).toBe(404);
  });

  it('the metric-heavy answers are reused for a minute', async () => {
    const w = world();
    const s = server(w);
    await s.req('GET', '/api/v1/storage/analytics?period=24h');
    const n = w.sim.stats.byCommand['cloudwatch:GetMetricData'];
    await s.req('GET', '/api/v1/storage/analytics?period=24h');
    expect(w.sim.stats.byCommand['cloudwatch:GetMetricData']).toBe(n);
    w.advance(61_000);
    await s.req('GET', '/api/v1/storage/analytics?period=24h');
    expect(w.sim.stats.byCommand['cloudwatch:GetMetricData']).toBeGreaterThan(n);
  });
});

describe('OpenAPI', () => {
  it('is generated from the schemas the server validates with, and lists every route it serves', async () => {
    const s = server(world());
    const r = await s.req('GET', '/api/v1/openapi.json');
    expect(r.status).toBe(200);
    const doc = r.json as { openapi: string; paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc).toEqual(buildOpenApi());
    // The component is exactly what zod generates for the schema (no hand-copied body).
    const { $schema: _s, ...generated } = z.toJSONSchema(StorageInfoSchema, { unrepresentable: 'any' }) as Record<string, unknown>;
    expect(doc.components.schemas.StorageInfo).toEqual(generated);
    const served = new Set(s.app.routes.filter((x) => x.method !== 'ALL').map((x) => `${x.method.toLowerCase()} ${x.path.replace(/:(\w+)/g, '{$1}')}`));
    const documented = new Set(Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`)));
    expect(documented).toEqual(served);
  });
});

describe('errors', () => {
  it('unknown routes and operations answer 404 in the StorageError shape', async () => {
    const s = server(world());
    expect(errorOf(await s.req('GET', '/api/v1/volumes')).code).toBe('NoSuchRoute');
    expect(errorOf(await s.req('GET', '/api/v1/operations/nope')).code).toBe('NoSuchOperation');
  });

  it('AWS failures map to HTTP statuses the client can act on', async () => {
    const w = world();
    const s = server(w);
    await s.req('GET', '/api/v1/storage');
    w.sim.setFaults({ deny: ['cloudwatch'] });
    const denied = await s.req('GET', '/api/v1/storage/analytics?period=1h');
    expect(denied.status).toBe(403);
    expect(errorOf(denied)).toMatchObject({ service: 'cloudwatch', type: 'access-denied' });
    w.sim.setFaults({ throttleRate: 1 });
    const throttled = await s.req('GET', '/api/v1/storage/analytics?period=6h');
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
