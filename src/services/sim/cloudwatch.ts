// The simulated region's CloudWatch: GetMetricData and ListMetrics answered from the
// workload models (workload.ts), with CloudWatch's own limits and shapes.
//
// GetMetricData facts (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html):
//   at most 500 MetricDataQuery structures per call; MaxDatapoints default 100,800, after which
//   the answer pages with NextToken; ScanBy default TimestampDescending; StartTime inclusive,
//   EndTime exclusive; Period a multiple of 60 (or 1, 5, 10, 20, 30 for high-resolution metrics);
//   query ids match ^[a-z][a-zA-Z0-9_]*$ and are unique; retention: 1-minute data 15 days,
//   5-minute data 63 days, 1-hour data 455 days.
// ListMetrics (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_ListMetrics.html):
//   up to 500 results per call, NextToken to page.
// Metric math (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/using-metric-math.html):
//   the sim evaluates arithmetic (+ - * /, unary minus, parentheses, numbers, query ids) and the
//   functions PERIOD, SUM, AVG, MIN, MAX, ABS, FILL and METRICS; anything else (and Metrics
//   Insights SELECT queries) is a ValidationError naming what is unsupported.
import type {
  Dimension,
  DimensionFilter,
  GetMetricDataCommandInput,
  GetMetricDataCommandOutput,
  ListMetricsCommandInput,
  ListMetricsCommandOutput,
  MessageData,
  Metric,
  MetricDataQuery,
  MetricDataResult,
} from '@aws-sdk/client-cloudwatch';
import type { SimMetricSubject, SimWorldView } from './subject.js';
import { DAY_MS, hashString, identityDimension, metricsFor, namespaceOf, parseStat, resolveMetric, statValue, unitOf, withEvalCache } from './workload.js';
import type { MetricEvaluator, ParsedStat } from './workload.js';

export const MAX_QUERIES = 500;
export const DEFAULT_MAX_DATAPOINTS = 100_800;
export const LIST_METRICS_PAGE = 500;
const ID_RE = /^[a-z][a-zA-Z0-9_]*$/;
const HIGH_RES_PERIODS = new Set([1, 5, 10, 20, 30]);

interface AwsErrorInit {
  name: string;
  message: string;
  status?: number;
  fault?: 'client' | 'server';
}

/** An error shaped like the SDK's service exceptions (name = AWS error code). */
export function cloudWatchError({ name, message, status = 400, fault = 'client' }: AwsErrorInit): Error {
  const e = new Error(message);
  e.name = name;
  Object.assign(e, { $fault: fault, $metadata: { httpStatusCode: status, attempts: 1, totalRetryDelay: 0 } });
  return e;
}

const validation = (message: string): Error => cloudWatchError({ name: 'ValidationError', message });
const invalidParam = (message: string): Error => cloudWatchError({ name: 'InvalidParameterValue', message });
const missingParam = (message: string): Error => cloudWatchError({ name: 'MissingParameter', message });

function metadata(fingerprint: number): GetMetricDataCommandOutput['$metadata'] {
  return { httpStatusCode: 200, requestId: `sim-${fingerprint.toString(16).padStart(8, '0')}`, attempts: 1, totalRetryDelay: 0 };
}

// The series of the last few requests, so that NextToken pages do not recompute them.
const SERIES_CACHE_SIZE = 2;
const seriesCache = new Map<string, { q: MetricDataQuery; s: Series }[]>();

// ---------------------------------------------------------------------------
// Tokens: opaque, tied to the request they came from.

interface PageToken {
  o: number; // GetMetricData: data points already returned; ListMetrics: subject index
  m?: number; // ListMetrics: metric index within that subject
  k: number; // request fingerprint
  n?: number; // "now" of the first page, so later pages see the same periods
}

function encodeToken(t: PageToken): string {
  return Buffer.from(JSON.stringify(t)).toString('base64url');
}

function decodeToken(token: string, fingerprint: number): PageToken {
  try {
    const t = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as PageToken;
    if (typeof t.o === 'number' && t.o >= 0 && Number.isInteger(t.o) && t.k === fingerprint) return t;
  } catch {
    // fall through
  }
  throw cloudWatchError({ name: 'InvalidNextToken', message: 'The service couldn\u2019t process the NextToken: it is invalid, expired, or belongs to another request.' });
}

// ---------------------------------------------------------------------------
// Subject lookup.

/** (namespace, id) -> the subject, for one request: each resource is built once, and only those asked for. */
type SubjectLookup = (namespace: string, id: string) => SimMetricSubject | undefined;

function subjectLookup(view: SimWorldView): SubjectLookup {
  const found = new Map<string, SimMetricSubject | undefined>();
  let all: Map<string, SimMetricSubject> | undefined;
  return (namespace, id) => {
    const key = `${namespace}|${id}`;
    if (found.has(key)) return found.get(key);
    let s: SimMetricSubject | undefined;
    if (view.subject) s = view.subject(namespace, id);
    else {
      if (!all) {
        all = new Map();
        for (const x of view.subjects()) all.set(`${namespaceOf(x)}|${x.id}`, x);
      }
      s = all.get(key);
    }
    found.set(key, s);
    return s;
  };
}

function dimsRecord(dims: readonly Dimension[] | undefined, where: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of dims ?? []) {
    if (typeof d?.Name !== 'string' || typeof d.Value !== 'string') throw missingParam(`${where}: every dimension needs a Name and a Value.`);
    if (d.Name in out) throw invalidParam(`${where}: dimension ${d.Name} is given twice.`);
    out[d.Name] = d.Value;
  }
  return out;
}

// ---------------------------------------------------------------------------
// GetMetricData.

interface Series {
  ts: number[]; // ascending epoch ms
  vs: number[];
  period: number; // seconds
  messages?: MessageData[];
}

const ARITHMETIC_DROPPED: MessageData = {
  Code: 'ArithmeticError',
  Value: 'One or more data-points have been dropped due to non-numeric values (NaN, -Infinite, +Infinite)',
};

function asDate(v: unknown, name: string): number {
  if (v instanceof Date && !Number.isNaN(v.getTime())) return v.getTime();
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && !Number.isNaN(Date.parse(v))) return Date.parse(v);
  if (v === undefined || v === null) throw missingParam(`The parameter ${name} is required.`);
  throw invalidParam(`The parameter ${name} must be a timestamp.`);
}

/** The aligned period starts of a window that hold complete, retained data. */
function periodGrid(startMs: number, endMs: number, period: number, now: number): { first: number; last: number; step: number } {
  const step = period * 1000;
  const retention = period < 300 ? 15 * DAY_MS : period < 3600 ? 63 * DAY_MS : 455 * DAY_MS;
  const from = Math.max(startMs, now - retention);
  const first = Math.ceil(from / step) * step;
  // periods start before EndTime and have ended by now
  const lastByEnd = Math.ceil(endMs / step) * step - step;
  const lastByNow = Math.floor(now / step) * step - step;
  return { first, last: Math.min(lastByEnd, lastByNow), step };
}

/** A validated MetricStat query, ready to be evaluated period by period. */
interface PlannedMetric {
  out: Series;
  subject?: SimMetricSubject;
  ev?: MetricEvaluator;
  st: ParsedStat;
}

function planMetric(q: MetricDataQuery, where: string, subjects: SubjectLookup): PlannedMetric {
  const ms = q.MetricStat;
  const metric: Metric | undefined = ms?.Metric;
  if (!ms || !metric || typeof metric.MetricName !== 'string' || typeof metric.Namespace !== 'string') {
    throw missingParam(`${where}.MetricStat: Metric with Namespace and MetricName is required.`);
  }
  const period = ms.Period;
  if (typeof period !== 'number' || !Number.isInteger(period) || period < 1) throw missingParam(`${where}.MetricStat.Period must be a positive integer.`);
  if (period % 60 !== 0 && !HIGH_RES_PERIODS.has(period)) throw validation(`${where}.MetricStat.Period must be 1, 5, 10, 20, 30 or a multiple of 60.`);
  if (typeof ms.Stat !== 'string') throw missingParam(`${where}.MetricStat.Stat is required.`);
  const st = parseStat(ms.Stat);
  if (!st) throw validation(`${where}.MetricStat.Stat: '${ms.Stat}' is not a valid statistic.`);
  const dims = dimsRecord(metric.Dimensions, `${where}.MetricStat.Metric`);
  const out: Series = { ts: [], vs: [], period };
  const identity = identityDimension(metric.Namespace);
  const subject = identity && dims[identity] !== undefined ? subjects(metric.Namespace, dims[identity]) : undefined;
  // unknown resource, a standard-resolution metric asked at high resolution, or another unit: no data
  if (!subject || period < 60 || (ms.Unit !== undefined && ms.Unit !== unitOf(metric.MetricName))) return { out, st };
  return { out, st, subject, ev: resolveMetric(subject, metric.Namespace, metric.MetricName, dims) };
}

/**
 * Fill the series of planned queries. All queries of one resource and period are evaluated
 * period by period, so the models build each period's context once for all of them.
 */
function fillSeries(planned: PlannedMetric[], startMs: number, endMs: number, now: number): void {
  const groups = new Map<SimMetricSubject, Map<number, PlannedMetric[]>>();
  for (const p of planned) {
    if (!p.subject || !p.ev) continue;
    let byPeriod = groups.get(p.subject);
    if (!byPeriod) groups.set(p.subject, (byPeriod = new Map()));
    const list = byPeriod.get(p.out.period);
    if (list) list.push(p);
    else byPeriod.set(p.out.period, [p]);
  }
  for (const byPeriod of groups.values()) {
    for (const [period, list] of byPeriod) {
      const { first, last, step } = periodGrid(startMs, endMs, period, now);
      for (let t = first; t <= last; t += step) {
        for (const p of list) {
          const a = (p.ev as MetricEvaluator)(t, period);
          if (!a) continue;
          const v = statValue(a, p.st);
          if (Number.isFinite(v)) {
            p.out.ts.push(t);
            p.out.vs.push(v);
          }
        }
      }
    }
  }
}

// --- metric math -----------------------------------------------------------

type Value = { kind: 'scalar'; v: number } | { kind: 'series'; s: Series } | { kind: 'list'; items: Series[] } | { kind: 'string'; v: string };

type Token = { t: 'num'; v: number } | { t: 'id'; v: string } | { t: 'str'; v: string } | { t: 'op'; v: string };

function tokenize(expr: string, where: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < expr.length) {
    const c = expr[i];
    if (/\s/.test(c)) {
      i++;
    } else if (/[0-9.]/.test(c)) {
      const m = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(expr.slice(i));
      if (!m) throw validation(`${where}.Expression: bad number at position ${i + 1}.`);
      out.push({ t: 'num', v: Number(m[0]) });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(expr.slice(i));
      out.push({ t: 'id', v: m![0] });
      i += m![0].length;
    } else if (c === '"' || c === "'") {
      const end = expr.indexOf(c, i + 1);
      if (end < 0) throw validation(`${where}.Expression: unterminated string.`);
      out.push({ t: 'str', v: expr.slice(i + 1, end) });
      i = end + 1;
    } else if ('+-*/(),[]'.includes(c)) {
      out.push({ t: 'op', v: c });
      i++;
    } else {
      throw validation(`${where}.Expression: unexpected character '${c}' at position ${i + 1}.`);
    }
  }
  return out;
}

const SUPPORTED_FUNCTIONS = ['PERIOD', 'SUM', 'AVG', 'MIN', 'MAX', 'ABS', 'FILL', 'METRICS'];

interface MathEnv {
  where: string;
  resolve(id: string): Series;
  metricIds: string[];
  grid(period: number): number[];
}

function combine(a: Series, b: Series, f: (x: number, y: number) => number): Series {
  const out: Series = { ts: [], vs: [], period: a.period };
  let dropped = false;
  let j = 0;
  for (let i = 0; i < a.ts.length; i++) {
    while (j < b.ts.length && b.ts[j] < a.ts[i]) j++;
    if (j < b.ts.length && b.ts[j] === a.ts[i]) {
      const v = f(a.vs[i], b.vs[j]);
      if (Number.isFinite(v)) {
        out.ts.push(a.ts[i]);
        out.vs.push(v);
      } else dropped = true;
    }
  }
  if (dropped || a.messages || b.messages) out.messages = [ARITHMETIC_DROPPED];
  return out;
}

function mapSeries(a: Series, f: (x: number) => number): Series {
  const out: Series = { ts: [], vs: [], period: a.period, messages: a.messages };
  for (let i = 0; i < a.ts.length; i++) {
    const v = f(a.vs[i]);
    if (Number.isFinite(v)) {
      out.ts.push(a.ts[i]);
      out.vs.push(v);
    } else out.messages = [ARITHMETIC_DROPPED];
  }
  return out;
}

function binary(op: string, a: Value, b: Value, where: string): Value {
  const f = op === '+' ? (x: number, y: number) => x + y : op === '-' ? (x: number, y: number) => x - y : op === '*' ? (x: number, y: number) => x * y : (x: number, y: number) => x / y;
  if (a.kind === 'string' || b.kind === 'string') throw validation(`${where}.Expression: strings are only allowed as the argument of METRICS().`);
  if (a.kind === 'list' || b.kind === 'list') throw validation(`${where}.Expression: arithmetic on an array of time series is not supported by the simulated region; wrap it in SUM/AVG/MIN/MAX.`);
  if (a.kind === 'scalar' && b.kind === 'scalar') return { kind: 'scalar', v: f(a.v, b.v) };
  if (a.kind === 'series' && b.kind === 'series') return { kind: 'series', s: combine(a.s, b.s, f) };
  if (a.kind === 'series' && b.kind === 'scalar') return { kind: 'series', s: mapSeries(a.s, (x) => f(x, b.v)) };
  if (a.kind === 'scalar' && b.kind === 'series') return { kind: 'series', s: mapSeries(b.s, (y) => f(a.v, y)) };
  throw validation(`${where}.Expression: invalid operands.`);
}

function reduceAcross(items: Series[], how: string): Series {
  const byT = new Map<number, number[]>();
  for (const s of items) for (let i = 0; i < s.ts.length; i++) (byT.get(s.ts[i]) ?? byT.set(s.ts[i], []).get(s.ts[i])!).push(s.vs[i]);
  const ts = [...byT.keys()].sort((x, y) => x - y);
  const vs = ts.map((t) => {
    const xs = byT.get(t)!;
    if (how === 'SUM') return xs.reduce((p, x) => p + x, 0);
    if (how === 'AVG') return xs.reduce((p, x) => p + x, 0) / xs.length;
    if (how === 'MIN') return Math.min(...xs);
    return Math.max(...xs);
  });
  return { ts, vs, period: items[0]?.period ?? 60 };
}

function callFunction(name: string, args: Value[], env: MathEnv): Value {
  const { where } = env;
  switch (name) {
    case 'PERIOD': {
      const a = args[0];
      if (args.length !== 1 || a.kind !== 'series') throw validation(`${where}.Expression: PERIOD takes one time series.`);
      return { kind: 'scalar', v: a.s.period };
    }
    case 'SUM':
    case 'AVG':
    case 'MIN':
    case 'MAX': {
      if (args.length !== 1) throw validation(`${where}.Expression: ${name} takes one argument.`);
      const a = args[0];
      if (a.kind === 'list') return { kind: 'series', s: reduceAcross(a.items, name) };
      if (a.kind === 'series' || a.kind === 'scalar') return a;
      throw validation(`${where}.Expression: ${name} takes a time series or an array of them.`);
    }
    case 'ABS': {
      const a = args[0];
      if (args.length !== 1) throw validation(`${where}.Expression: ABS takes one argument.`);
      if (a.kind === 'scalar') return { kind: 'scalar', v: Math.abs(a.v) };
      if (a.kind === 'series') return { kind: 'series', s: mapSeries(a.s, Math.abs) };
      if (a.kind === 'list') return { kind: 'list', items: a.items.map((s) => mapSeries(s, Math.abs)) };
      throw validation(`${where}.Expression: ABS takes a number or time series.`);
    }
    case 'FILL': {
      const [a, b] = args;
      if (args.length !== 2 || a.kind !== 'series' || b.kind !== 'scalar') throw validation(`${where}.Expression: the simulated region supports FILL(series, number).`);
      const grid = env.grid(a.s.period);
      const have = new Map(a.s.ts.map((t, i) => [t, a.s.vs[i]] as const));
      return { kind: 'series', s: { ts: grid, vs: grid.map((t) => have.get(t) ?? b.v), period: a.s.period } };
    }
    case 'METRICS': {
      // METRICS('text') keeps the metrics whose Id contains the text
      const a = args[0];
      if (args.length > 1 || (a && a.kind !== 'string')) throw validation(`${where}.Expression: METRICS takes no argument or one string.`);
      const ids = a ? env.metricIds.filter((id) => id.includes(a.v)) : env.metricIds;
      return { kind: 'list', items: ids.map((id) => env.resolve(id)) };
    }
  }
  throw validation(`${where}.Expression: function ${name} is not supported by the simulated region (supported: ${SUPPORTED_FUNCTIONS.join(', ')}).`);
}

function evaluateExpression(expr: string, env: MathEnv): Series {
  const { where } = env;
  if (/^\s*SELECT\b/i.test(expr)) throw validation(`${where}.Expression: Metrics Insights queries are not supported by the simulated region.`);
  const tokens = tokenize(expr, where);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const isOp = (v: string): boolean => {
    const t = peek();
    return t?.t === 'op' && t.v === v;
  };
  const expect = (v: string): void => {
    if (!isOp(v)) throw validation(`${where}.Expression: expected '${v}'.`);
    pos++;
  };
  const primary = (): Value => {
    const t = peek();
    if (!t) throw validation(`${where}.Expression: unexpected end of expression.`);
    pos++;
    if (t.t === 'num') return { kind: 'scalar', v: t.v };
    if (t.t === 'op' && t.v === '(') {
      const v = sum();
      expect(')');
      return v;
    }
    if (t.t === 'op' && t.v === '[') {
      const items: Series[] = [];
      if (!isOp(']')) {
        do {
          const v = sum();
          if (v.kind === 'series') items.push(v.s);
          else if (v.kind === 'list') items.push(...v.items);
          else throw validation(`${where}.Expression: arrays hold time series only.`);
        } while (isOp(',') && ++pos);
      }
      expect(']');
      return { kind: 'list', items };
    }
    if (t.t === 'id') {
      if (isOp('(')) {
        pos++;
        const args: Value[] = [];
        if (!isOp(')')) {
          do {
            const a = peek();
            if (a?.t === 'str') {
              pos++;
              args.push({ kind: 'string', v: a.v });
            } else args.push(sum());
          } while (isOp(',') && ++pos);
        }
        expect(')');
        return callFunction(t.v.toUpperCase(), args, env);
      }
      return { kind: 'series', s: env.resolve(t.v) };
    }
    throw validation(`${where}.Expression: unexpected token.`);
  };
  const unary = (): Value => {
    if (isOp('-')) {
      pos++;
      return binary('*', { kind: 'scalar', v: -1 }, unary(), where);
    }
    if (isOp('+')) pos++;
    return primary();
  };
  const product = (): Value => {
    let v = unary();
    while (isOp('*') || isOp('/')) {
      const op = (tokens[pos++] as { v: string }).v;
      v = binary(op, v, unary(), where);
    }
    return v;
  };
  const sum = (): Value => {
    let v = product();
    while (isOp('+') || isOp('-')) {
      const op = (tokens[pos++] as { v: string }).v;
      v = binary(op, v, product(), where);
    }
    return v;
  };
  const v = sum();
  if (pos !== tokens.length) throw validation(`${where}.Expression: unexpected trailing input.`);
  if (v.kind === 'series') return v.s;
  if (v.kind === 'list' && v.items.length === 1) return v.items[0];
  throw validation(`${where}.Expression: the expression must produce a single time series.`);
}

// --- the handler -----------------------------------------------------------

interface Prepared {
  queries: MetricDataQuery[];
  startMs: number;
  endMs: number;
  ascending: boolean;
  maxPoints: number;
  fingerprint: number;
}

function prepareGetMetricData(input: GetMetricDataCommandInput): Prepared {
  const queries = input.MetricDataQueries;
  if (!Array.isArray(queries) || queries.length === 0) throw missingParam('The parameter MetricDataQueries is required and must hold at least one query.');
  if (queries.length > MAX_QUERIES) throw validation(`The collection MetricDataQueries must not have a size greater than ${MAX_QUERIES}.`);
  const ids = new Set<string>();
  queries.forEach((q, i) => {
    const where = `MetricDataQueries.member.${i + 1}`;
    if (typeof q?.Id !== 'string' || !ID_RE.test(q.Id) || q.Id.length > 255) throw validation(`${where}.Id '${String(q?.Id)}' must start with a lowercase letter and hold only letters, digits and underscores.`);
    if (ids.has(q.Id)) throw validation(`${where}.Id '${q.Id}' is used by more than one query.`);
    ids.add(q.Id);
    if (Boolean(q.MetricStat) === Boolean(q.Expression)) throw validation(`${where}: exactly one of MetricStat and Expression must be given.`);
  });
  const startMs = asDate(input.StartTime, 'StartTime');
  const endMs = asDate(input.EndTime, 'EndTime');
  if (startMs >= endMs) throw invalidParam('The parameter StartTime must be less than the parameter EndTime.');
  const maxPoints = input.MaxDatapoints ?? DEFAULT_MAX_DATAPOINTS;
  if (!Number.isInteger(maxPoints) || maxPoints < 1) throw validation('MaxDatapoints must be a positive integer.');
  const scan = input.ScanBy ?? 'TimestampDescending';
  if (scan !== 'TimestampDescending' && scan !== 'TimestampAscending') throw validation(`ScanBy must be TimestampDescending or TimestampAscending, not '${String(scan)}'.`);
  const fingerprint = hashString(JSON.stringify([queries, startMs, endMs, scan, maxPoints]));
  return { queries, startMs, endMs, ascending: scan === 'TimestampAscending', maxPoints: Math.min(maxPoints, DEFAULT_MAX_DATAPOINTS), fingerprint };
}

export function getMetricData(view: SimWorldView, input: GetMetricDataCommandInput): GetMetricDataCommandOutput {
  const p = prepareGetMetricData(input);
  const token = input.NextToken ? decodeToken(input.NextToken, p.fingerprint) : undefined;
  const now = token?.n ?? view.now();
  const subjects = subjectLookup(view);
  const byId = new Map(p.queries.map((q, i) => [q.Id as string, { q, i }]));
  const done = new Map<string, Series>();
  const cacheKey = `${p.fingerprint}|${now}|${view.region}`;
  let all = seriesCache.get(cacheKey);
  if (!all) {
    // every MetricStat first (validated, then evaluated resource by resource), math after
    const planned = new Map<string, PlannedMetric>();
    p.queries.forEach((q, i) => {
      if (q.MetricStat) planned.set(q.Id as string, planMetric(q, `MetricDataQueries.member.${i + 1}`, subjects));
    });
    fillSeries([...planned.values()], p.startMs, p.endMs, now);
    for (const [id, pm] of planned) done.set(id, pm.out);
  }
  const inProgress = new Set<string>();
  const metricIds = p.queries.filter((q) => q.MetricStat).map((q) => q.Id as string);
  const resolve = (id: string): Series => {
    const cached = done.get(id);
    if (cached) return cached;
    const entry = byId.get(id);
    if (!entry) throw validation(`Expression references '${id}', which is not the Id of any query in this request.`);
    if (inProgress.has(id)) throw validation(`Query '${id}' depends on itself.`);
    inProgress.add(id);
    const where = `MetricDataQueries.member.${entry.i + 1}`;
    const series = entry.q.MetricStat
      ? (done.get(id) ?? { ts: [], vs: [], period: entry.q.MetricStat.Period ?? 60 })
      : evaluateExpression(entry.q.Expression as string, {
          where,
          resolve,
          metricIds: metricIds.filter((m) => m !== id),
          grid: (period) => {
            const g = periodGrid(p.startMs, p.endMs, period, now);
            const out: number[] = [];
            for (let t = g.first; t <= g.last; t += g.step) out.push(t);
            return out;
          },
        });
    inProgress.delete(id);
    done.set(id, series);
    return series;
  };
  if (!all) {
    all = p.queries.filter((q) => q.ReturnData !== false).map((q) => ({ q, s: resolve(q.Id as string) }));
    // validate expressions that are not returned, too (AWS rejects a bad request as a whole)
    for (const q of p.queries) resolve(q.Id as string);
    seriesCache.set(cacheKey, all);
    if (seriesCache.size > SERIES_CACHE_SIZE) seriesCache.delete(seriesCache.keys().next().value as string);
  }

  // one Date per distinct timestamp in this response (the series of a batch share their grid)
  const dates = new Map<number, Date>();
  const dateOf = (t: number): Date => {
    let d = dates.get(t);
    if (!d) dates.set(t, (d = new Date(t)));
    return d;
  };
  let skip = token?.o ?? 0;
  let room = p.maxPoints;
  let consumed = 0;
  const results: MetricDataResult[] = [];
  let remaining = false;
  for (const { q, s } of all) {
    const n = s.ts.length;
    const from = Math.min(n, skip);
    skip -= from;
    const take = Math.min(n - from, room);
    room -= take;
    consumed += from + take;
    const more = from + take < n;
    if (more) remaining = true;
    if (take === 0 && (token || more)) continue;
    const timestamps: Date[] = new Array(take);
    const values: number[] = new Array(take);
    for (let j = 0; j < take; j++) {
      const k = p.ascending ? from + j : n - 1 - (from + j);
      timestamps[j] = dateOf(s.ts[k]);
      values[j] = s.vs[k];
    }
    const label = q.Label ?? (q.MetricStat?.Metric?.MetricName ?? q.Id);
    results.push({
      Id: q.Id,
      Label: label,
      Timestamps: timestamps,
      Values: values,
      StatusCode: more ? 'PartialData' : 'Complete',
      Messages: s.messages ?? [],
    });
  }
  const out: GetMetricDataCommandOutput = { MetricDataResults: results, Messages: [], $metadata: metadata(p.fingerprint) };
  if (remaining) out.NextToken = encodeToken({ o: consumed, k: p.fingerprint, n: now });
  return out;
}

// ---------------------------------------------------------------------------
// ListMetrics.

function matchesFilter(dims: Record<string, string>, filters: readonly DimensionFilter[]): boolean {
  for (const f of filters) {
    if (typeof f?.Name !== 'string') throw missingParam('Dimensions: every filter needs a Name.');
    if (!(f.Name in dims)) return false;
    if (f.Value !== undefined && dims[f.Name] !== f.Value) return false;
  }
  return true;
}

export function listMetrics(view: SimWorldView, input: ListMetricsCommandInput): ListMetricsCommandOutput {
  const filters = input.Dimensions ?? [];
  if (filters.length > 10) throw invalidParam('The collection Dimensions must not have a size greater than 10.');
  if (input.RecentlyActive !== undefined && input.RecentlyActive !== 'PT3H') throw invalidParam("RecentlyActive must be 'PT3H'.");
  const fingerprint = hashString(JSON.stringify([input.Namespace ?? null, input.MetricName ?? null, filters, input.RecentlyActive ?? null]));
  // The token resumes at (subject index, metric index within it): each page costs O(page).
  const resume = input.NextToken ? decodeToken(input.NextToken, fingerprint) : undefined;
  const now = view.now();
  const subjects = view.subjects();
  const out: Metric[] = [];
  let next: PageToken | undefined;
  for (let si = resume?.o ?? 0; si < subjects.length && !next; si++) {
    const s = subjects[si];
    if (input.Namespace !== undefined && namespaceOf(s) !== input.Namespace) continue;
    if (s.createdAt > now) continue;
    const defs = metricsFor(s);
    for (let mi = si === resume?.o ? (resume.m ?? 0) : 0; mi < defs.length; mi++) {
      const m = defs[mi];
      if (input.MetricName !== undefined && m.metricName !== input.MetricName) continue;
      if (!matchesFilter(m.dimensions, filters)) continue;
      if (out.length === LIST_METRICS_PAGE) {
        next = { o: si, m: mi, k: fingerprint };
        break;
      }
      out.push({ Namespace: m.namespace, MetricName: m.metricName, Dimensions: Object.entries(m.dimensions).map(([Name, Value]) => ({ Name, Value })) });
    }
  }
  const res: ListMetricsCommandOutput = { Metrics: out, $metadata: metadata(fingerprint) };
  if (next) res.NextToken = encodeToken(next);
  return res;
}

/** Dispatch for the sim middleware: CloudWatch commands the sim answers. */
export async function handleCloudWatch(view: SimWorldView, commandName: string, input: unknown): Promise<unknown> {
  const cmd = commandName.replace(/Command$/, '');
  const args = (input ?? {}) as Record<string, unknown>;
  switch (cmd) {
    case 'GetMetricData':
      return withEvalCache(() => getMetricData(view, args as unknown as GetMetricDataCommandInput));
    case 'ListMetrics':
      return listMetrics(view, args as ListMetricsCommandInput);
  }
  throw cloudWatchError({ name: 'UnsupportedOperation', message: `CloudWatch ${cmd} is not supported by the simulated region (it answers GetMetricData and ListMetrics).` });
}
