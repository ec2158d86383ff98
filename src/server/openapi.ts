// The OpenAPI 3.1 document served at /api/v1/openapi.json. Every schema in
// it is generated from the zod schemas the server validates with
// (z.toJSONSchema); only the paths around them are written here.
import { z } from 'zod';
import {
  AnalyticsQuerySchema,
  AnalyticsResponseSchema,
  components,
  CostAnalysisSchema,
  CostQuerySchema,
  CreateBodySchema,
  CreatePlanResponseSchema,
  DeleteQuerySchema,
  ErrorResponseSchema,
  HealthSchema,
  ListQuerySchema,
  MountBodySchema,
  MountScriptSchema,
  OperationSchema,
  OptimizeBodySchema,
  OptimizePlanSchema,
  PatternsQuerySchema,
  PatternsResponseSchema,
  RecommendationsQuerySchema,
  RecommendationsResponseSchema,
  StorageInfoSchema,
  StoreListSchema,
} from './schemas.js';

type Json = Record<string, unknown>;

const REF = (id: string) => `#/components/schemas/${id}`;

function idOf(schema: z.ZodType): string {
  const meta = components.get(schema);
  if (!meta) throw new Error('schema is not a registered component');
  return meta.id;
}

const ref = (schema: z.ZodType): Json => ({ $ref: REF(idOf(schema)) });

function strip(s: unknown): unknown {
  if (Array.isArray(s)) return s.map(strip);
  if (s && typeof s === 'object') {
    const out: Json = {};
    for (const [k, v] of Object.entries(s as Json)) if (k !== '$schema' && k !== '$id') out[k] = strip(v);
    return out;
  }
  return s;
}

/** Query parameters from a zod object schema (as the client sends them: strings). */
function queryParams(schema: z.ZodObject): Json[] {
  return Object.entries(schema.shape).map(([name, field]) => {
    const f = field as z.ZodType;
    const js = strip(z.toJSONSchema(f, { io: 'input', unrepresentable: 'any' })) as Json;
    const description = typeof js.description === 'string' ? js.description : undefined;
    delete js.description;
    const required = !f.safeParse(undefined).success;
    return { name, in: 'query', required, schema: js, ...(description ? { description } : {}) };
  });
}

const json = (schema: z.ZodType, description: string): Json => ({ description, content: { 'application/json': { schema: ref(schema) } } });
const errors = (...codes: number[]): Json => {
  const text: Record<number, string> = {
    400: 'Invalid request: `error.fields` names each field',
    401: 'Missing or wrong bearer token',
    403: 'Refused: the server runs with --read-only (or AWS denied the call)',
    404: 'No such store, route or operation',
    409: 'Ambiguous name, or AWS refuses in the current state (e.g. a non-empty bucket)',
    413: 'Request body larger than 64 KiB',
    415: 'Request body is not JSON',
    421: 'Host header is not this server',
    429: 'AWS throttled the call: Retry-After says when to try again',
    502: "AWS could not be reached, or the server's credentials failed",
    503: 'AWS is unavailable: Retry-After says when to try again',
  };
  const out: Json = {};
  for (const c of [401, 421, ...codes]) out[String(c)] = json(ErrorResponseSchema, text[c]);
  return out;
};
const nameParam: Json = { name: 'name', in: 'path', required: true, description: 'Store name, id or ARN (URL-encoded)', schema: { type: 'string' } };
const body = (schema: z.ZodType): Json => ({ required: true, content: { 'application/json': { schema: ref(schema) } } });

export function buildOpenApi(serverUrl = 'http://127.0.0.1:8477'): Json {
  const schemas = (strip(z.toJSONSchema(components, { uri: REF, unrepresentable: 'any' })) as { schemas: Json }).schemas;
  return {
    openapi: '3.1.0',
    info: {
      title: 'prism-storage REST API',
      version: '1',
      description:
        'Research storage on AWS (FSx, S3, EFS, EBS) over the same services as the prism-storage dashboard and commands. Every /api request needs `Authorization: Bearer <token>` (the token file is printed when `prism-storage serve` starts). Changes that take long (create, delete, mount on an instance) answer 202 with an Operation to poll.',
    },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }],
    components: { schemas, securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'The content of $XDG_CONFIG_HOME/prism-storage/server-token' } } },
    paths: {
      '/healthz': { get: { summary: 'Liveness (no token; reveals nothing else)', security: [], responses: { '200': json(HealthSchema, 'Serving') } } },
      '/api/v1/openapi.json': { get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1' }, ...errors() } } },
      '/api/v1/storage': {
        get: {
          summary: 'Every store, from memory (refreshed by the server on its interval)',
          parameters: queryParams(ListQuerySchema),
          responses: {
            '200': { ...json(StoreListSchema, 'Stores; `errors` lists services that failed (their last good data is still listed)'), headers: { 'X-Total-Count': { schema: { type: 'integer' } }, ETag: { schema: { type: 'string' } } } },
            '304': { description: 'Unchanged since the ETag sent in If-None-Match' },
            ...errors(400),
          },
        },
        post: {
          summary: 'Create a store (the create wizard: defaults for the workload, `settings` over them, validated)',
          requestBody: body(CreateBodySchema),
          responses: { '200': json(CreatePlanResponseSchema, 'dryRun: the exact calls that would be made (secrets masked)'), '202': json(OperationSchema, 'Creating: poll the operation (Location header)'), ...errors(400, 403, 413, 415, 429, 502, 503) },
        },
      },
      '/api/v1/storage/analytics': {
        get: { summary: 'Throughput, IOPS, latency and utilisation per store over a period', parameters: queryParams(AnalyticsQuerySchema), responses: { '200': json(AnalyticsResponseSchema, 'Per-store statistics'), ...errors(400, 404, 409, 429, 502, 503) } },
      },
      '/api/v1/storage/recommendations': {
        get: { summary: 'What to change to save money, go faster or avoid running out', parameters: queryParams(RecommendationsQuerySchema), responses: { '200': json(RecommendationsResponseSchema, 'Most money saved first'), ...errors(400, 404, 409, 429, 502, 503) } },
      },
      '/api/v1/storage/usage-patterns': {
        get: { summary: 'Trend, seasonality, peak hours, idle time, anomalies and capacity runway', parameters: queryParams(PatternsQuerySchema), responses: { '200': json(PatternsResponseSchema, 'One pattern per store'), ...errors(400, 404, 409, 429, 502, 503) } },
      },
      '/api/v1/storage/cost-analysis': {
        get: { summary: 'Estimated monthly cost of the stores (pricing engine) and what Cost Explorer billed', parameters: queryParams(CostQuerySchema), responses: { '200': json(CostAnalysisSchema, 'Costs'), ...errors(400) } },
      },
      '/api/v1/storage/{name}': {
        get: { summary: 'One store', parameters: [nameParam], responses: { '200': json(StorageInfoSchema, 'The store'), ...errors(404, 409) } },
        delete: {
          summary: 'Delete a store (EBS snapshot / FSx final backup first unless turned off); confirm must repeat the name or id',
          parameters: [nameParam, ...queryParams(DeleteQuerySchema)],
          responses: { '200': { description: 'dryRun: what would be lost and kept' }, '202': json(OperationSchema, 'Deleting: poll the operation'), ...errors(400, 403, 404, 409, 429, 502, 503) },
        },
      },
      '/api/v1/storage/{name}/mount': {
        post: {
          summary: 'The mount script (install, mount, persist, unmount); with run and instanceId, run it there through SSM',
          parameters: [nameParam],
          requestBody: body(MountBodySchema),
          responses: { '200': json(MountScriptSchema, 'The script'), '202': json(OperationSchema, 'Running on the instance: poll the operation'), ...errors(400, 403, 404, 409, 413, 415, 502) },
        },
      },
      '/api/v1/storage/{name}/optimize': {
        post: {
          summary: 'What to change for a workload; with apply (and confirm), change it',
          parameters: [nameParam],
          requestBody: body(OptimizeBodySchema),
          responses: { '200': json(OptimizePlanSchema, 'The plan (applied: true when it was made)'), ...errors(400, 403, 404, 409, 413, 415, 429, 502, 503) },
        },
      },
      '/api/v1/operations/{id}': {
        get: { summary: 'A create, delete or mount in progress or done', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { '200': json(OperationSchema, 'The operation'), ...errors(404) } },
      },
    },
  };
}
