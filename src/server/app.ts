// The REST API (hono): the same services the dashboard and the commands use,
// over one Session whose poller keeps the inventory in memory, so
// GET /api/v1/storage answers without calling AWS.
//
// Security: a bearer token on every /api request (constant-time check); the
// Host header checked when bound to loopback (DNS rebinding); no CORS headers
// (browsers cannot read answers cross-origin); request bodies at most 64 KiB,
// JSON only, validated by strict schemas (400 names the field); --read-only
// answers every change with 403. Errors always use the StorageError shape.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod';
import { analytics, costAnalysis, costCacheKey, costService, optimizePlan, patterns, recommendations } from '../cli/ops/analytics.js';
import { maskedRequest, prepareCreate, type CreateInput } from '../cli/ops/create.js';
import { deleteBlockedError } from '../cli/ops/delete.js';
import { inventoryOf, parseKinds, parseSort, resolveStore, resolveStores, type Inventory, type InventoryFilter } from '../cli/ops/inventory.js';
import { mountEventLine, mountOptionsFor, mountRunDoc, mountRunError, mountScript, scriptOnInstance, type MountChoices } from '../cli/ops/mount.js';
import { listDoc, sortedKeys, storeDoc, type ErrorDoc } from '../cli/output.js';
import { estimateDoc } from '../cli/render.js';
import { toErrorDoc } from '../cli/runner.js';
import { auditFor, confirmMatches } from '../cli/cmd/mutate.js';
import { applyOptimization, describeAction } from '../services/analytics/index.js';
import type { AuditLog } from '../services/audit.js';
import { createStorage, deleteStorage, previewDelete } from '../services/aws/mutations.js';
import { mountOnInstance } from '../services/mount-instance.js';
import type { CostService } from '../services/costs/index.js';
import type { Session } from '../services/session.js';
import type { StoreSnapshot } from '../services/store.js';
import { StorageError, type StorageInfo } from '../services/types.js';
import { buildOpenApi } from './openapi.js';
import { Operations } from './operations.js';
import { AnalyticsQuerySchema, CostQuerySchema, CreateBodySchema, DeleteQuerySchema, ListQuerySchema, MountBodySchema, OptimizeBodySchema, PatternsQuerySchema, RecommendationsQuerySchema } from './schemas.js';
import { bearerOf, tokensEqual } from './token.js';

export const API = '/api/v1';
/** Request bodies above this are refused with 413 before they are read. */
export const BODY_LIMIT_BYTES = 64 * 1024;
/** Results of the metric-heavy endpoints are reused this long (one GetMetricData sweep serves many clients). */
export const ANALYSIS_TTL_MS = 60_000;
/** A named store missing from memory triggers a fresh inventory when the data is older than this. */
const FRESHEN_AFTER_MS = 5_000;

export interface ServerDeps {
  session: Session;
  token: string;
  now?: () => number;
  env?: NodeJS.ProcessEnv;
  /** Host header check (DNS rebinding); undefined = any host. */
  hostAllowed?: (host: string) => boolean;
  /** Writes one line per change and per server error (never the token). */
  log?: (line: string) => void;
  audit?: AuditLog;
  operations?: Operations;
  /** How waits between AWS polls sleep (tests advance a simulated clock); default: real time. */
  sleep?: (ms: number) => Promise<void>;
  /** Base URL for the OpenAPI document's `servers` (known once listening). */
  url?: () => string;
}

// ---------------------------------------------------------------------------
// Errors

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly doc: ErrorDoc,
    readonly headers: Record<string, string> = {},
  ) {
    super(doc.message);
  }
}

function local(status: number, code: string, type: ErrorDoc['type'], message: string, hint: string, fields?: ErrorDoc['fields']): HttpError {
  return new HttpError(status, { type, service: 'local', code, message, hint, recoverable: false, ...(fields ? { fields } : {}) });
}

/** HTTP status of a StorageError: what the client should make of it. */
export function statusOf(e: ErrorDoc): number {
  switch (e.type) {
    case 'validation':
      return 400;
    case 'access-denied':
      return 403;
    case 'not-found':
      return 404;
    case 'conflict':
    case 'quota':
      return 409;
    case 'throttling':
      return 429;
    case 'auth':
    case 'network':
      return 502;
    case 'unavailable':
      return 503;
    default:
      return 500;
  }
}

function errorResponse(c: Context, status: number, doc: ErrorDoc, headers: Record<string, string> = {}): Response {
  const h: Record<string, string> = { ...headers };
  if (doc.retryAfter !== undefined && (status === 429 || status === 503)) h['Retry-After'] = String(Math.ceil(doc.retryAfter));
  return c.json({ error: doc }, status as 400, h);
}

function readOnly(what: string): HttpError {
  return local(403, 'ReadOnly', 'access-denied', `${what} refused: the server runs with --read-only`, 'restart `prism-storage serve` without --read-only to allow changes');
}

/** zod issues -> one 400 naming every field. */
function invalid(error: z.ZodError, where: 'body' | 'query'): HttpError {
  const fields = error.issues.map((i) => {
    const path = i.path.map(String).join('.');
    const key = i.code === 'unrecognized_keys' ? (i as { keys?: string[] }).keys?.join(', ') : undefined;
    return { field: path || key || where, message: i.code === 'unrecognized_keys' ? `unknown field${(i as { keys: string[] }).keys.length > 1 ? 's' : ''}: ${key}` : i.message };
  });
  return local(400, where === 'body' ? 'InvalidRequest' : 'InvalidQuery', 'validation', `the request ${where} is not valid: ${fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`, 'correct the fields named (see /api/v1/openapi.json)', fields);
}

function parse<S extends z.ZodType>(schema: S, value: unknown, where: 'body' | 'query'): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw invalid(r.error, where);
  return r.data;
}

async function jsonBody(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) throw local(415, 'UnsupportedMediaType', 'validation', 'the request body must be JSON', 'send Content-Type: application/json');
  const text = await c.req.text();
  try {
    return JSON.parse(text);
  } catch (e) {
    throw local(400, 'InvalidJson', 'validation', `the request body is not JSON: ${(e as Error).message}`, 'send a JSON object');
  }
}

/** Wraps a StorageError (or anything) thrown by the services into the HTTP answer. */
function asHttp(e: unknown): HttpError {
  if (e instanceof HttpError) return e;
  const doc = toErrorDoc(e);
  if (doc.code === 'AmbiguousName') return new HttpError(409, doc);
  if (!(e instanceof StorageError) && doc.service === 'local' && doc.type === 'unknown') {
    return new HttpError(500, { ...doc, message: 'internal error', hint: 'see the server log; report it if it persists' });
  }
  return new HttpError(statusOf(doc), doc);
}

// ---------------------------------------------------------------------------

/** Settings as the wizard's form takes them: text (booleans yes/no, lists comma-separated). */
function settingText(v: string | number | boolean | string[]): string {
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (Array.isArray(v)) return v.join(',');
  return String(v);
}

const storeRef = (s: StorageInfo) => ({ id: s.id, name: s.name, type: s.type, region: s.region });

export function createApp(deps: ServerDeps): { app: Hono; operations: Operations } {
  const session = deps.session;
  const now = deps.now ?? Date.now;
  const env = deps.env ?? process.env;
  const ops = deps.operations ?? new Operations(now);
  const log = deps.log ?? (() => {});
  const audit = deps.audit ?? auditFor(session.backend, env);
  const app = new Hono();
  let openapi: string | undefined;

  // -- memory: wait for the first inventory, freshen on a miss --------------

  let firstLoad: Promise<void> | undefined;
  const ready = (): Promise<StoreSnapshot> => {
    const snap = session.store.getSnapshot();
    if (!snap.initial) return Promise.resolve(snap);
    firstLoad ??= new Promise<void>((resolve) => {
      const off = session.store.subscribe(() => {
        if (!session.store.getSnapshot().initial) {
          off();
          resolve();
        }
      });
    });
    return firstLoad.then(() => session.store.getSnapshot());
  };
  let freshening: Promise<unknown> | undefined;
  const freshen = async (): Promise<StoreSnapshot> => {
    const snap = await ready();
    if (snap.dataAt !== undefined && now() - snap.dataAt < FRESHEN_AFTER_MS) return snap;
    freshening ??= session.refreshOnce().finally(() => (freshening = undefined));
    await freshening;
    return session.store.getSnapshot();
  };
  const findStore = async (ref: string, kinds?: InventoryFilter['kinds']): Promise<StorageInfo> => {
    try {
      return resolveStore(inventoryOf(await ready(), { kinds }), ref);
    } catch (e) {
      if (!(e instanceof StorageError) || e.type !== 'not-found') throw e;
      return resolveStore(inventoryOf(await freshen(), { kinds }), ref);
    }
  };

  // -- caches: the list body per inventory, analyses for a minute -----------

  let listCache: { resources: readonly StorageInfo[]; errorsKey: string; bodies: Map<string, { body: Uint8Array<ArrayBuffer>; gzip?: Uint8Array<ArrayBuffer>; etag: string; total: number }> } | undefined;
  const analyses = new Map<string, { at: number; value: Promise<unknown> }>();
  const analysis = <T>(key: string, compute: () => Promise<T>): Promise<T> => {
    const hit = analyses.get(key);
    if (hit && now() - hit.at < ANALYSIS_TTL_MS) return hit.value as Promise<T>;
    const value = compute();
    analyses.set(key, { at: now(), value });
    value.catch(() => analyses.delete(key));
    for (const [k, v] of analyses) if (now() - v.at >= ANALYSIS_TTL_MS) analyses.delete(k);
    return value;
  };
  let costs: CostService | undefined;

  // -- middleware ------------------------------------------------------------

  app.use('*', async (c, next) => {
    const host = c.req.header('host') ?? '';
    if (deps.hostAllowed && !deps.hostAllowed(host)) {
      return errorResponse(c, 421, { type: 'access-denied', service: 'local', code: 'MisdirectedRequest', message: `host "${host}" is not this server`, hint: 'use http://127.0.0.1:<port> as printed when the server started', recoverable: false });
    }
    await next();
    c.header('Cache-Control', 'no-store');
    c.header('X-Content-Type-Options', 'nosniff');
  });

  app.get('/healthz', (c) => c.json({ ok: true }));

  app.use(`${API}/*`, async (c, next) => {
    const given = bearerOf(c.req.header('authorization'));
    if (given === undefined || !tokensEqual(given, deps.token)) {
      return errorResponse(
        c,
        401,
        { type: 'auth', service: 'local', code: 'Unauthorized', message: given === undefined ? 'a bearer token is required' : 'the bearer token is not valid', hint: 'send Authorization: Bearer <token>, the token being the content of the file the server printed at start', recoverable: false },
        { 'WWW-Authenticate': 'Bearer realm="prism-storage"' },
      );
    }
    await next();
  });

  app.use(
    `${API}/*`,
    bodyLimit({
      maxSize: BODY_LIMIT_BYTES,
      onError: (c) => errorResponse(c, 413, { type: 'validation', service: 'local', code: 'PayloadTooLarge', message: `the request body is larger than ${BODY_LIMIT_BYTES / 1024} KiB`, hint: 'send a smaller body', recoverable: false }),
    }),
  );

  app.onError((err, c) => {
    const h = asHttp(err);
    if (h.status >= 500) log(`${c.req.method} ${c.req.path} ${h.status}: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    return errorResponse(c, h.status, h.doc, h.headers);
  });
  app.notFound((c) => errorResponse(c, 404, { type: 'not-found', service: 'local', code: 'NoSuchRoute', message: `no route ${c.req.method} ${c.req.path}`, hint: 'see /api/v1/openapi.json for the routes', recoverable: false }));

  // -- routes ------------------------------------------------------------------

  app.get(`${API}/openapi.json`, (c) => {
    openapi ??= JSON.stringify(buildOpenApi(deps.url?.()));
    return c.body(openapi, 200, { 'Content-Type': 'application/json' });
  });

  app.get(`${API}/storage`, async (c) => {
    const q = parse(ListQuerySchema, c.req.query(), 'query');
    const filter: InventoryFilter = { kinds: parseKinds(q.type), text: q.q, ...parseSort(q.sort) };
    const snap = await ready();
    // The answer is built once per inventory and query: later requests only send bytes.
    const errorsKey = snap.chunks.map((ch) => (ch.error ? `${ch.service}:${ch.region}:${ch.error.code}:${ch.error.message}` : '')).join('|');
    if (!listCache || listCache.resources !== snap.resources || listCache.errorsKey !== errorsKey) listCache = { resources: snap.resources, errorsKey, bodies: new Map() };
    const key = JSON.stringify([q.type ?? '', q.q ?? '', q.sort ?? '', q.limit ?? '', q.offset ?? '']);
    let hit = listCache.bodies.get(key);
    if (!hit) {
      const inv = inventoryOf(snap, filter);
      const start = q.offset ?? 0;
      const page = inv.stores.slice(start, q.limit === undefined ? undefined : start + q.limit);
      const body = new TextEncoder().encode(JSON.stringify(listDoc(page, inv.errors)));
      hit = { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"`, total: inv.stores.length };
      if (listCache.bodies.size >= 64) listCache.bodies.clear();
      listCache.bodies.set(key, hit);
    }
    const headers: Record<string, string> = { 'Content-Type': 'application/json', ETag: hit.etag, 'X-Total-Count': String(hit.total), Vary: 'Accept-Encoding' };
    if (c.req.header('if-none-match') === hit.etag) return c.body(null, 304, headers);
    if (/\bgzip\b/.test(c.req.header('accept-encoding') ?? '') && hit.body.length > 1024) {
      hit.gzip ??= new Uint8Array(gzipSync(hit.body));
      return c.body(hit.gzip, 200, { ...headers, 'Content-Encoding': 'gzip' });
    }
    return c.body(hit.body, 200, headers);
  });

  app.post(`${API}/storage`, async (c) => {
    const body = parse(CreateBodySchema, await jsonBody(c), 'body');
    const backend = session.backend;
    if (!body.dryRun && backend.readOnly) throw readOnly('create');
    const settings: Record<string, string> = {};
    for (const [k, v] of Object.entries(body.settings ?? {})) settings[k] = settingText(v);
    const input: CreateInput = {
      name: body.name,
      type: body.type,
      region: body.region ?? backend.region,
      workload: body.workload,
      needs: { capacityGiB: body.sizeGiB, throughputMBps: body.throughputMBps, sharedBy: body.sharedBy },
      settings,
      tags: body.tags,
      clientToken: body.clientToken,
    };
    const prepared = await prepareCreate(backend.pool, input);
    if (prepared.errors.length) {
      throw local(400, 'InvalidRequest', 'validation', `the ${body.type} request is not valid: ${prepared.errors.map((e) => e.message).join(' ')}`, 'correct the settings named; nothing was sent to AWS', prepared.errors.map((e) => ({ field: e.field === 'name' || e.field === 'tags' ? e.field : `settings.${e.field}`, message: e.message })));
    }
    if (body.dryRun) return c.json(sortedKeys({ dryRun: true, request: maskedRequest(prepared.request), plan: prepared.plan, estimate: estimateDoc(prepared.estimate) }) as Record<string, unknown>);
    const request = prepared.request;
    log(`create ${body.type} "${body.name}" in ${input.region} (client token ${request.clientToken})`);
    const op = ops.start(
      'create',
      body.name,
      async (progress) => {
        const created = await createStorage(backend.pool, request, { audit, sleep: deps.sleep, onStep: (i, cmd) => progress(`step ${i + 1}: ${cmd}`), onState: (what, _s, raw) => progress(`${what}: ${raw}`) });
        session.refresh();
        return { created: { ...created, name: body.name, clientToken: request.clientToken } };
      },
      (o) => log(`create "${body.name}": ${o.state}${o.error ? ` (${o.error.code}: ${o.error.message})` : ''}`),
    );
    return c.json(op, 202, { Location: `${API}/operations/${op.id}` });
  });

  const scope = async (q: { type?: string; resources?: string[] }): Promise<{ inv: Inventory; stores: StorageInfo[] }> => {
    const inv = inventoryOf(await ready(), { kinds: parseKinds(q.type) });
    return { inv, stores: resolveStores(inv, q.resources) };
  };
  const withInventoryErrors = <T extends { errors: unknown[] }>(inv: Inventory, r: T) => ({ ...r, errors: [...inv.errors, ...r.errors] });

  app.get(`${API}/storage/analytics`, async (c) => {
    const q = parse(AnalyticsQuerySchema, c.req.query(), 'query');
    const { inv, stores } = await scope(q);
    const r = await analysis(`analytics:${q.period}:${stores.map((s) => s.id).join(',')}`, () => analytics(session.backend.pool, stores, q.period, now));
    return c.json(withInventoryErrors(inv, { analytics: r.rows.map((x) => sortedKeys(x)), errors: r.errors }));
  });

  app.get(`${API}/storage/recommendations`, async (c) => {
    const q = parse(RecommendationsQuerySchema, c.req.query(), 'query');
    const { inv, stores } = await scope(q);
    const r = await analysis(`recommendations:${q.focus ?? ''}:${stores.map((s) => s.id).join(',')}`, () => recommendations(session.backend.pool, stores, q.focus, now));
    return c.json(withInventoryErrors(inv, { recommendations: r.recommendations.map((x) => sortedKeys(x)), errors: r.errors }));
  });

  app.get(`${API}/storage/usage-patterns`, async (c) => {
    const q = parse(PatternsQuerySchema, c.req.query(), 'query');
    const { inv, stores } = await scope(q);
    const r = await analysis(`patterns:${q.days}:${stores.map((s) => s.id).join(',')}`, () => patterns(session.backend.pool, stores, q.days, now));
    const rows = r.patterns.map((p) => sortedKeys({ ...p, anomalies: p.anomalies.map((a) => ({ time: new Date(a.t).toISOString(), value: a.value, z: a.z })) }));
    return c.json(withInventoryErrors(inv, { patterns: rows, errors: r.errors }));
  });

  app.get(`${API}/storage/cost-analysis`, async (c) => {
    const q = parse(CostQuerySchema, c.req.query(), 'query');
    const { inv, stores } = await scope({ type: q.type });
    const backend = session.backend;
    costs ??= costService(backend, await costCacheKey(backend), { now, env, memoryOnly: backend.mode === 'sim' });
    const r = await costAnalysis(backend, stores, { now, env, service: costs });
    return c.json(withInventoryErrors(inv, sortedKeys(r) as typeof r));
  });

  app.get(`${API}/storage/:name`, async (c) => {
    const store = await findStore(c.req.param('name'));
    return c.json(storeDoc(store));
  });

  app.delete(`${API}/storage/:name`, async (c) => {
    const q = parse(DeleteQuerySchema, c.req.query(), 'query');
    const backend = session.backend;
    const dryRun = q.dryRun === 'true';
    if (!dryRun && backend.readOnly) throw readOnly('delete');
    const ref = c.req.param('name');
    const store = await findStore(ref);
    if (!confirmMatches(q.confirm, store)) {
      throw local(400, 'ConfirmationMismatch', 'validation', `confirm "${q.confirm}" does not match "${store.name}" (${store.id})`, "send confirm=<the store's name or id>", [{ field: 'confirm', message: `must be "${store.name}" or "${store.id}"` }]);
    }
    const opts = { snapshotFirst: q.snapshot === 'true', finalBackup: q.finalBackup === 'true', emptyFirst: q.emptyFirst === 'true' };
    const preview = await previewDelete(backend.pool, store, opts);
    if (preview.refusals.length) throw new HttpError(409, toErrorDoc(deleteBlockedError(store, preview.refusals, 'emptyFirst=true')));
    if (dryRun) return c.json({ dryRun: true, store: storeDoc(store), preview });
    log(`delete ${store.type} ${store.id} ("${store.name}")`);
    const op = ops.start(
      'delete',
      store.id,
      async (progress) => {
        const result = await deleteStorage(backend.pool, store, { ...opts, audit, sleep: deps.sleep, onProgress: progress });
        session.refresh();
        return { deleted: storeRef(store), preview, result };
      },
      (o) => log(`delete ${store.id}: ${o.state}${o.error ? ` (${o.error.code}: ${o.error.message})` : ''}`),
    );
    return c.json(op, 202, { Location: `${API}/operations/${op.id}` });
  });

  app.post(`${API}/storage/:name/mount`, async (c) => {
    const body = parse(MountBodySchema, await jsonBody(c), 'body');
    const backend = session.backend;
    if (body.run && backend.readOnly) throw readOnly('running a mount script');
    if (body.run && !body.instanceId) throw local(400, 'InvalidRequest', 'validation', 'run needs instanceId', 'name the instance to run the script on', [{ field: 'instanceId', message: 'required when run is true' }]);
    const store = await findStore(c.req.param('name'));
    const { instanceId, run, ...rest } = body;
    const choices: MountChoices = { ...rest };
    // Bad choices are a 400 before anything is read about the instance or run there.
    const plain = mountScript(store, choices);
    if (!instanceId) return c.json({ store: storeRef(store), ...plain });
    if (!run) return c.json({ store: storeRef(store), ...(await scriptOnInstance(backend.pool, store, choices, instanceId, { sleep: deps.sleep })).script });

    // The dashboard's flow (check, attach an EBS volume and wait, run through SSM). The answer
    // waits for the check: an instance that cannot take the run is a 409 now, not a failed operation.
    const early: string[] = [];
    let sink: ((m: string) => void) | undefined;
    let checkFailed = false;
    let checked: (() => void) | undefined;
    const checkEnded = new Promise<void>((resolve) => (checked = resolve));
    const running = mountOnInstance(backend.pool, store, instanceId, mountOptionsFor(store, choices), {
      audit,
      readOnly: backend.readOnly,
      sleep: deps.sleep,
      osFromInstance: choices.os === undefined,
      onEvent: (e) => {
        const line = mountEventLine(e, instanceId);
        if (line) (sink ?? ((m: string) => early.push(m)))(line);
        if (e.type === 'step' && e.step === 'check' && (e.state === 'done' || e.state === 'failed')) {
          checkFailed = e.state === 'failed';
          checked?.();
        }
      },
    });
    await Promise.race([checkEnded, running]);
    if (checkFailed) {
      // The run ends right after a failed check: nothing was changed.
      const r = await running;
      const doc = toErrorDoc(mountRunError(store, r));
      throw new HttpError(r.status === 'not-managed' || r.status === 'refused' ? 409 : statusOf(doc), doc);
    }
    log(`mount ${store.id} on ${instanceId}`);
    const op = ops.start(
      'mount',
      store.id,
      async (progress) => {
        for (const m of early) progress(m);
        sink = progress;
        const r = await running;
        if (store.type === 'ebs' && r.steps.some((s) => s.id === 'attach' && s.state === 'done')) session.refresh();
        if (!r.ok) throw mountRunError(store, r);
        return mountRunDoc(store, r);
      },
      (o) => log(`mount ${store.id} on ${instanceId}: ${o.state}${o.error ? ` (${o.error.code}: ${o.error.message})` : ''}`),
    );
    return c.json(op, 202, { Location: `${API}/operations/${op.id}` });
  });

  app.post(`${API}/storage/:name/optimize`, async (c) => {
    const body = parse(OptimizeBodySchema, await jsonBody(c), 'body');
    const backend = session.backend;
    if (body.apply && backend.readOnly) throw readOnly('optimize apply');
    const store = await findStore(c.req.param('name'));
    const plan = optimizePlan(store, body.workload);
    const actionText = plan.action ? describeAction(store, plan.action) : null;
    const doc = { store: storeRef(store), workload: body.workload, changes: plan.changes, rationale: plan.rationale, action: plan.action ?? null, actionText, applied: false };
    if (!body.apply || !plan.action) return c.json(doc);
    if (!body.confirm || !confirmMatches(body.confirm, store)) {
      throw local(400, 'ConfirmationMismatch', 'validation', `apply needs confirm: the store's name ("${store.name}") or id`, 'send "confirm" with the name or id', [{ field: 'confirm', message: `must be "${store.name}" or "${store.id}"` }]);
    }
    log(`optimize ${store.id} for ${body.workload}: ${actionText}`);
    const result = await applyOptimization(backend.pool, store, plan.action, audit, { sleep: deps.sleep });
    session.refresh();
    return c.json({ ...doc, applied: true, result });
  });

  app.get(`${API}/operations/:id`, (c) => {
    const op = ops.get(c.req.param('id'));
    if (!op) throw local(404, 'NoSuchOperation', 'not-found', `no operation ${c.req.param('id')}`, 'operations are kept in memory while the server runs (the last 200)');
    return c.json(op);
  });

  return { app, operations: ops };
}
