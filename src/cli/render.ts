// How each command's results look in each format: the table columns, the
// CSV columns, the JSON/YAML documents. Pure: text in, text out.
import type { OptimizePlan, Recommendation } from '../services/analytics/index.js';
import type { CreatePlan, DeletePreview } from '../services/aws/mutations.js';
import { describeResource } from '../services/describe.js';
import { formatAge, formatBytes, formatCount, formatRate, formatUsd } from '../services/format.js';
import type { EstimateResult } from '../services/pricing/index.js';
import { sanitize, truncate } from '../services/sanitize.js';
import { TYPE_LABEL, type StorageInfo, type StorageType } from '../services/types.js';
import type { AnalyticsRow, CostAnalysis, PatternRow } from './ops/analytics.js';
import { errorLine, listDoc, paint, renderSections, renderTable, sortedKeys, stateTone, storeDoc, toCsv, toJson, toYaml, type CsvValue, type ErrorDoc, type OutputFormat, type TextColumn } from './output.js';

export interface View {
  width: number;
  color: boolean;
}

/** JSON or YAML of a document (the two script formats share one shape). */
export function docText(format: 'json' | 'yaml', doc: unknown): string {
  return format === 'json' ? toJson(doc) : toYaml(doc);
}

// ---------------------------------------------------------------------------
// Stores

export function storeColumns(multiRegion: boolean): TextColumn<StorageInfo>[] {
  const cols: TextColumn<StorageInfo>[] = [
    { title: 'NAME', get: (r) => r.name, priority: 10, minWidth: 16 },
    { title: 'KIND', get: (r) => TYPE_LABEL[r.type], priority: 9 },
    { title: 'STATE', get: (r) => r.state, priority: 8, tone: (r) => stateTone(r.state) },
    { title: 'SIZE', get: (r) => (r.sizeBytes === undefined ? '—' : formatBytes(r.sizeBytes)), align: 'right', priority: 7 },
    { title: 'COST/MO', get: (r) => (r.monthlyCost === undefined ? '—' : formatUsd(r.monthlyCost)), align: 'right', priority: 6 },
  ];
  if (multiRegion) cols.push({ title: 'REGION', get: (r) => r.region, priority: 5 });
  cols.push({ title: 'ID', get: (r) => r.id, priority: 4, minWidth: 21 });
  cols.push({ title: 'CREATED', get: (r) => (r.createdAt ? r.createdAt.slice(0, 10) : '—'), priority: 1 });
  return cols;
}

export const STORE_CSV_HEADER = ['name', 'type', 'id', 'state', 'raw_state', 'region', 'availability_zone', 'size_bytes', 'throughput_mbps', 'iops', 'encrypted', 'monthly_cost_usd', 'created_at', 'arn', 'tags'];

export function storeCsvRow(s: StorageInfo): CsvValue[] {
  return [
    s.name,
    s.type,
    s.id,
    s.state,
    s.rawState,
    s.region,
    s.availabilityZone,
    s.sizeBytes,
    s.throughputMBps,
    s.iops,
    s.encrypted,
    s.monthlyCost,
    s.createdAt,
    s.arn,
    Object.keys(s.tags).length ? JSON.stringify(sortedKeys(s.tags)) : '',
  ];
}

/** The list in a format; table errors are returned separately (they go to stderr). */
export function renderList(format: OutputFormat, stores: readonly StorageInfo[], errors: readonly ErrorDoc[], view: View, multiRegion: boolean, emptyText: string): string {
  switch (format) {
    case 'json':
    case 'yaml':
      return docText(format, listDoc(stores, errors));
    case 'csv':
      return toCsv(STORE_CSV_HEADER, stores.map(storeCsvRow));
    case 'table':
      return stores.length === 0 ? `${emptyText}\n` : renderTable(stores, storeColumns(multiRegion), view);
  }
}

export function errorLines(errors: readonly ErrorDoc[]): string {
  return errors.map((e) => errorLine(e, true)).join('');
}

export function renderStore(format: OutputFormat, s: StorageInfo, view: View): string {
  switch (format) {
    case 'json':
    case 'yaml':
      return docText(format, storeDoc(s));
    case 'csv':
      return toCsv(STORE_CSV_HEADER, [storeCsvRow(s)]);
    case 'table':
      return renderSections(describeResource(s), view);
  }
}

// ---------------------------------------------------------------------------
// Create and delete

export function estimateText(e: EstimateResult): string {
  return e.ok ? `${formatUsd(e.estimate.totalUsd)} / month (rates as of ${e.estimate.asOf})` : `estimate unavailable: ${e.reason}`;
}

export function estimateDoc(e: EstimateResult): { monthlyUsd: number | null; reason?: string; components?: unknown } {
  return e.ok ? { monthlyUsd: e.estimate.totalUsd, components: e.estimate.components } : { monthlyUsd: null, reason: e.reason };
}

export function renderPlanText(name: string, type: StorageType, region: string, plan: CreatePlan, estimate: EstimateResult, view: View): string {
  const out = [paint(`Would create ${TYPE_LABEL[type]} "${sanitize(name)}" in ${region}: ${plan.steps.length} call${plan.steps.length === 1 ? '' : 's'} to ${plan.service.toUpperCase()}`, 'bold', view.color)];
  out.push(`Estimated cost: ${estimateText(estimate)}`);
  plan.steps.forEach((s, i) => {
    out.push('', `${i + 1}. ${s.command}`);
    for (const line of JSON.stringify(sortedKeys(s.input), null, 2).split('\n')) out.push(`   ${line}`);
  });
  out.push('', 'Nothing was created (--dry-run). Secrets are shown as ********.');
  return out.join('\n') + '\n';
}

export function renderPreviewText(s: StorageInfo, p: DeletePreview): string {
  const out = [`Deleting ${TYPE_LABEL[s.type]} ${sanitize(s.name)} (${s.id}, ${s.region}):`];
  for (const l of p.lost) out.push(`  lost: ${sanitize(l)}`);
  for (const k of p.kept) out.push(`  kept: ${sanitize(k)}`);
  for (const r of p.refusals) out.push(`  blocked: ${sanitize(r)}`);
  return out.join('\n') + '\n';
}

// ---------------------------------------------------------------------------
// Analytics

const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)}%`);

export function analyticsColumns(): TextColumn<AnalyticsRow>[] {
  return [
    { title: 'NAME', get: (r) => r.name, priority: 10, minWidth: 12 },
    { title: 'KIND', get: (r) => TYPE_LABEL[r.type], priority: 9 },
    { title: 'AVG TPUT', get: (r) => formatRate(r.throughputBytesPerSec.average), align: 'right', priority: 8 },
    { title: 'P99 TPUT', get: (r) => formatRate(r.throughputBytesPerSec.p99), align: 'right', priority: 7 },
    { title: 'PEAK TPUT', get: (r) => formatRate(r.throughputBytesPerSec.peak), align: 'right', priority: 4 },
    { title: 'AVG IOPS', get: (r) => formatCount(r.iops.average), align: 'right', priority: 6 },
    { title: 'P99 IOPS', get: (r) => formatCount(r.iops.p99), align: 'right', priority: 3 },
    { title: 'UTIL', get: (r) => pct(r.throughputUtilisation), align: 'right', priority: 5 },
    { title: 'USED', get: (r) => formatBytes(r.usedBytes), align: 'right', priority: 2 },
    { title: 'COST/MO', get: (r) => formatUsd(r.monthlyCost), align: 'right', priority: 5 },
  ];
}

const ANALYTICS_CSV = ['name', 'type', 'id', 'region', 'window', 'period_seconds', 'throughput_avg_bytes_per_sec', 'throughput_p99_bytes_per_sec', 'throughput_peak_bytes_per_sec', 'iops_avg', 'iops_p99', 'iops_peak', 'latency_avg_ms', 'latency_p99_ms', 'used_bytes', 'size_bytes', 'throughput_utilisation', 'monthly_cost_usd', 'points'];

export function renderAnalytics(format: OutputFormat, rows: AnalyticsRow[], errors: ErrorDoc[], view: View): string {
  switch (format) {
    case 'json':
    case 'yaml':
      return docText(format, { analytics: rows.map((r) => sortedKeys(r)), errors });
    case 'csv':
      return toCsv(
        ANALYTICS_CSV,
        rows.map((r) => [r.name, r.type, r.id, r.region, r.window, r.periodSeconds, r.throughputBytesPerSec.average, r.throughputBytesPerSec.p99, r.throughputBytesPerSec.peak, r.iops.average, r.iops.p99, r.iops.peak, r.latencyMs?.average, r.latencyMs?.p99, r.usedBytes, r.sizeBytes, r.throughputUtilisation, r.monthlyCost, r.points]),
      );
    case 'table':
      return rows.length === 0 ? 'No stores to analyse.\n' : renderTable(rows, analyticsColumns(), view);
  }
}

// ---------------------------------------------------------------------------
// Recommendations

function wrap(text: string, width: number, indent: string): string[] {
  const words = sanitize(text).split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let cur = '';
  const max = Math.max(20, width - indent.length);
  for (const w of words) {
    if (cur && cur.length + 1 + w.length > max) {
      lines.push(indent + cur);
      cur = w;
    } else cur = cur ? `${cur} ${w}` : w;
  }
  if (cur) lines.push(indent + cur);
  return lines.map((l) => truncate(l, width));
}

function savingText(v: number | null): string {
  if (v === null) return 'not priced';
  if (v < 0) return `costs ${formatUsd(-v)}/mo more`;
  return `saves ${formatUsd(v)}/mo`;
}

const REC_CSV = ['id', 'rule', 'focus', 'confidence', 'monthly_savings_usd', 'resource_id', 'resource_name', 'type', 'title', 'action', 'evidence'];

export function renderRecommendations(format: OutputFormat, recs: Recommendation[], errors: ErrorDoc[], view: View): string {
  switch (format) {
    case 'json':
    case 'yaml':
      return docText(format, { recommendations: recs.map((r) => sortedKeys(r)), errors });
    case 'csv':
      return toCsv(REC_CSV, recs.map((r) => [r.id, r.rule, r.focus, r.confidence, r.monthlySavingsUsd, r.resourceId, r.resourceName, r.type, r.title, r.action, r.evidence]));
    case 'table': {
      if (recs.length === 0) return 'No recommendations: nothing to change.\n';
      const out: string[] = [];
      recs.forEach((r, i) => {
        if (i) out.push('');
        out.push(paint(truncate(`${i + 1}. ${sanitize(r.title)}`, view.width), 'bold', view.color));
        out.push(truncate(`   ${savingText(r.monthlySavingsUsd)} · ${r.focus} · ${r.confidence} confidence · ${TYPE_LABEL[r.type]} ${sanitize(r.resourceName)} (${r.resourceId})`, view.width));
        out.push(...wrap(`do: ${r.action}`, view.width, '   '));
        out.push(...wrap(`why: ${r.evidence}`, view.width, '   '));
      });
      const total = recs.reduce((s, r) => s + Math.max(0, r.monthlySavingsUsd ?? 0), 0);
      out.push('', `${recs.length} recommendation${recs.length === 1 ? '' : 's'}; together they save about ${formatUsd(total)} a month.`);
      return out.join('\n') + '\n';
    }
  }
}

// ---------------------------------------------------------------------------
// Patterns

/** Busy hours as ranges, wrapping midnight: [22, 23, 0, 1, 2, 3] -> "22-04". */
export function hourRanges(hours: readonly number[]): string {
  const hs = [...new Set(hours)].filter((h) => h >= 0 && h < 24).sort((a, b) => a - b);
  if (hs.length === 0) return '—';
  if (hs.length === 24) return 'all day';
  const runs: [number, number][] = [];
  for (const h of hs) {
    const last = runs[runs.length - 1];
    if (last && last[1] === h) last[1] = h + 1;
    else runs.push([h, h + 1]);
  }
  if (runs.length > 1 && runs[0][0] === 0 && runs[runs.length - 1][1] === 24) {
    const first = runs.shift() as [number, number];
    runs[runs.length - 1][1] = first[1];
  }
  const two = (h: number) => String(h % 24).padStart(2, '0');
  return runs.map(([a, b]) => `${two(a)}-${two(b)}`).join(',');
}

const trend = (v: number | null) => (v === null ? '—' : `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)}%/wk`);

export function patternColumns(): TextColumn<PatternRow>[] {
  return [
    { title: 'NAME', get: (r) => r.name, priority: 10, minWidth: 12 },
    { title: 'KIND', get: (r) => TYPE_LABEL[r.type], priority: 9 },
    { title: 'TREND', get: (r) => trend(r.trendPerWeek), align: 'right', priority: 7 },
    { title: 'DAILY', get: (r) => r.dailySeasonality.toFixed(2), align: 'right', priority: 6 },
    { title: 'WEEKLY', get: (r) => r.weeklySeasonality.toFixed(2), align: 'right', priority: 3 },
    { title: 'PEAK UTC', get: (r) => hourRanges(r.peakHoursUtc), priority: 5 },
    { title: 'IDLE', get: (r) => pct(r.idleFraction), align: 'right', priority: 6 },
    { title: 'RUNWAY', get: (r) => (r.runwayDays === null ? '—' : `${Math.round(r.runwayDays)}d`), align: 'right', priority: 8 },
    { title: 'ANOM', get: (r) => String(r.anomalies.length), align: 'right', priority: 4 },
    { title: 'SUMMARY', get: (r) => r.summary, priority: 2, minWidth: 20 },
  ];
}

const PATTERN_CSV = ['resource_id', 'name', 'type', 'region', 'days', 'trend_per_week', 'daily_seasonality', 'weekly_seasonality', 'peak_hours_utc', 'idle_fraction', 'idle_since_days', 'runway_days', 'anomalies', 'summary'];

export function renderPatterns(format: OutputFormat, rows: PatternRow[], errors: ErrorDoc[], view: View): string {
  switch (format) {
    case 'json':
    case 'yaml':
      return docText(format, {
        patterns: rows.map((r) => sortedKeys({ ...r, anomalies: r.anomalies.map((a) => ({ time: new Date(a.t).toISOString(), value: a.value, z: a.z })) })),
        errors,
      });
    case 'csv':
      return toCsv(PATTERN_CSV, rows.map((r) => [r.resourceId, r.name, r.type, r.region, r.days, r.trendPerWeek, r.dailySeasonality, r.weeklySeasonality, r.peakHoursUtc.join(' '), r.idleFraction, r.idleSinceDays, r.runwayDays, r.anomalies.length, r.summary]));
    case 'table':
      return rows.length === 0 ? 'No usage data for these stores.\n' : renderTable(rows, patternColumns(), view);
  }
}

// ---------------------------------------------------------------------------
// Optimize

export function renderOptimize(format: OutputFormat, s: StorageInfo, workload: string, plan: OptimizePlan, describe: string | undefined, view: View): string {
  const doc = { store: { id: s.id, name: s.name, type: s.type, region: s.region }, workload, changes: plan.changes, rationale: plan.rationale, action: plan.action ?? null, actionText: describe ?? null };
  if (format === 'json' || format === 'yaml') return docText(format, doc);
  if (format === 'csv') return toCsv(['resource_id', 'name', 'workload', 'change', 'action'], (plan.changes.length ? plan.changes : ['']).map((c) => [s.id, s.name, workload, c, describe ?? '']));
  const out = [paint(`Optimize ${TYPE_LABEL[s.type]} ${sanitize(s.name)} (${s.id}) for ${workload}`, 'bold', view.color)];
  if (plan.changes.length === 0) out.push('  nothing to change');
  for (const c of plan.changes) out.push(`  - ${sanitize(c)}`);
  out.push(...wrap(plan.rationale, view.width, '  '));
  if (describe) out.push(...wrap(`call: ${describe}`, view.width, '  '));
  return out.join('\n') + '\n';
}

// ---------------------------------------------------------------------------
// Costs

export function renderCosts(format: OutputFormat, c: CostAnalysis, now: number, view: View): string {
  if (format === 'json' || format === 'yaml') return docText(format, sortedKeys(c));
  if (format === 'csv') {
    return toCsv(['kind', 'estimated_monthly_usd'], Object.entries(c.estimated.byType).map(([k, v]) => [k, v ?? 0]));
  }
  const out: string[] = [paint('Estimated from the stores listed (pricing engine)', 'bold', view.color)];
  out.push(`  total        ${formatUsd(c.estimated.totalUsd)} / month${c.estimated.unpriced ? `  (${c.estimated.unpriced} store${c.estimated.unpriced === 1 ? '' : 's'} without an estimate)` : ''}`);
  for (const [k, v] of Object.entries(c.estimated.byType)) out.push(`  ${TYPE_LABEL[k as StorageType].padEnd(12)} ${formatUsd(v)}`);
  if (c.estimated.top.length) {
    out.push('', paint('Most expensive', 'bold', view.color));
    for (const t of c.estimated.top) out.push(truncate(`  ${formatUsd(t.monthlyCost).padStart(10)}  ${TYPE_LABEL[t.type].padEnd(12)} ${sanitize(t.name)} (${t.id})`, view.width));
  }
  out.push('', paint('Billed (Cost Explorer)', 'bold', view.color));
  if (!c.billed) out.push('  unavailable');
  else {
    const b = c.billed;
    out.push(`  month to date   ${formatUsd(b.monthToDateUsd)} ${b.currency}${b.estimated ? ' (latest days estimated)' : ''}`);
    out.push(`  storage (S3, EFS, FSx, EBS) ${formatUsd(b.storageUsd)}; EBS ${formatUsd(b.ebsUsd)}`);
    out.push(`  forecast        ${b.forecastUsd === null ? `unavailable${b.forecastReason ? ` (${sanitize(b.forecastReason)})` : ''}` : formatUsd(b.forecastUsd)}`);
    out.push(`  last 30 days    ${formatUsd(b.last30DaysUsd)}`);
    out.push(`  as of ${b.fetchedAt} (${formatAge(now - Date.parse(b.fetchedAt))} ago)`);
  }
  return out.join('\n') + '\n';
}
