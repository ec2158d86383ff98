// The analytics screen's sections as rows of styled text: pure functions of the controller's
// snapshot (services/analytics-session.ts), the inventory, the API meter and the width. The
// screen slices them to its height; tests read them without a terminal.
import { wrapText } from '../../components/form/wrap.js';
import type { AnalyticsSnapshot } from '../../services/analytics-session.js';
import type { Recommendation, UsagePattern } from '../../services/analytics/index.js';
import type { Consumer, FleetSummary } from '../../services/analytics/fleet.js';
import type { CostSummary } from '../../services/costs/index.js';
import { formatAge, formatBytes } from '../../services/format.js';
import { CE_REQUESTS_PER_REFRESH, formatBytesPerSec, formatIops, type MeterSnapshot } from '../../services/metrics/index.js';
import { apiCostPerMonth, priceTableFor } from '../../services/pricing/index.js';
import { displayWidth, pad, sanitize } from '../../services/sanitize.js';
import { TYPE_LABEL, type StorageErrorShape } from '../../services/types.js';
import { fitSegs, type Row, type Seg } from '../charts.js';
import { compareText } from '../../services/collate.js';
import { groupDigits } from '../../services/format.js';

export type SectionId = 'overview' | 'costs' | 'recs' | 'patterns' | 'api';

export interface SectionDef {
  id: SectionId;
  title: string;
  /** Shown when the terminal is narrow. */
  short: string;
}

export const SECTIONS: readonly SectionDef[] = [
  { id: 'overview', title: 'Overview', short: 'Overview' },
  { id: 'costs', title: 'Costs', short: 'Costs' },
  { id: 'recs', title: 'Recommendations', short: 'Advice' },
  { id: 'patterns', title: 'Usage patterns', short: 'Patterns' },
  { id: 'api', title: 'API cost', short: 'API' },
];

/** Colours by role, resolved by the screen (all undefined with NO_COLOR). */
export interface Palette {
  accent?: string;
  dim?: string;
  ok?: string;
  warn?: string;
  error?: string;
  /** Colours of the daily cost chart's service groups. */
  series: (string | undefined)[];
}

/** The session's live metrics refresh (Session's default metricsMs: CloudWatch's one-minute period). */
export const LIVE_REFRESH_SECONDS = 60;

const text = (t: string, s: Omit<Seg, 'text'> = {}): Seg => ({ text: t, ...s });
const line = (width: number, ...segs: Seg[]): Row => ({ segs: fitSegs(segs, width) });
const blank = (): Row => ({ segs: [] });

function wrapped(width: number, body: string, indent: number, style: Omit<Seg, 'text'> = {}, first?: Seg): Row[] {
  const lead = first ? displayWidth(first.text) : indent;
  const lines = wrapText(body, Math.max(10, width - lead));
  return lines.map((l, i) => line(width, i === 0 && first ? first : text(' '.repeat(lead)), text(l, style)));
}

function usd(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return 'n/a';
  return `$${v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

function count(n: number, word: string, plural = `${word}s`): string {
  return `${groupDigits(n)} ${n === 1 ? word : plural}`;
}

function errorText(e: StorageErrorShape): string {
  return `${sanitize(e.message)} — ${sanitize(e.hint)}`;
}

// ---------------------------------------------------------------------------
// The status line under the tabs.

export function statusRow(s: AnalyticsSnapshot, now: number, width: number, p: Palette, costAgeMs: number | undefined): Row {
  const a = s.analysis;
  const segs: Seg[] = [];
  if (a.loading) segs.push(text(`Analysing ${count(a.analysed, 'store')}: 30 days of hourly metrics… (${s.analysisMeter.calls} GetMetricData calls so far)`, { color: p.warn }));
  else if (a.error) segs.push(text(`Analysis failed: ${errorText(a.error)}`, { color: p.error }));
  else if (a.at === undefined) segs.push(text('Waiting for the inventory…', { color: p.dim }));
  else if (a.bounded) segs.push(text(`Analysed the ${groupDigits(a.analysed)} most expensive of ${count(a.total, 'store')} (30 days hourly, ${formatAge(now - a.at)} ago)`, { color: p.warn }));
  else segs.push(text(`Analysed ${a.analysed === a.total ? 'all ' : ''}${count(a.analysed, 'store')} over 30 days, ${formatAge(now - a.at)} ago`, { color: p.dim }));
  if (s.costs.loading) segs.push(text(' · loading costs…', { color: p.warn }));
  else if (s.costs.error) segs.push(text(` · costs: ${sanitize(s.costs.error.message)}`, { color: p.error }));
  else if (costAgeMs !== undefined) segs.push(text(` · costs ${formatAge(costAgeMs)} old`, { color: p.dim }));
  return line(width, ...segs);
}

// ---------------------------------------------------------------------------
// Overview: fleet totals, per kind, top consumers, month to date and forecast.

export function forecastText(c: CostSummary): string {
  if (c.forecastUsd === null) {
    const why = c.forecastReason ?? 'Cost Explorer gave none';
    return /^forecast unavailable/i.test(why) ? sanitize(why) : `forecast unavailable: ${sanitize(why)}`;
  }
  const range = c.forecastRange ? ` (80%: ${usd(c.forecastRange.lowUsd)}–${usd(c.forecastRange.highUsd)})` : '';
  return `month-end forecast ${usd(c.forecastUsd)}${range}`;
}

function consumerRows(title: string, list: readonly Consumer[], value: (c: Consumer) => string, width: number, p: Palette): Row[] {
  const rows: Row[] = [line(width, text(title, { bold: true }))];
  if (list.length === 0) rows.push(line(width, text('  none measured yet', { color: p.dim })));
  const nameW = Math.max(12, Math.min(32, width - 40));
  for (const c of list) {
    rows.push(line(width, text(`  ${pad(sanitize(c.name), nameW)} `), text(pad(TYPE_LABEL[c.type], 12), { color: p.dim }), text(`${value(c).padStart(12)}  ${Math.round(c.share * 100).toString().padStart(3)}%`)));
  }
  return rows;
}

export function overviewRows(s: AnalyticsSnapshot, fleet: FleetSummary, width: number, p: Palette): Row[] {
  const t = fleet.totals;
  const rows: Row[] = [];
  rows.push(
    line(
      width,
      text('Fleet  ', { bold: true, color: p.accent }),
      text(`${count(t.count, 'store')} in ${count(t.regions.length, 'region')} · ${formatBytes(t.sizeBytes)} · est. ${usd(t.monthlyUsd)}/month`),
      ...(t.unpriced ? [text(` (${t.unpriced} not priced)`, { color: p.dim })] : []),
    ),
  );
  if (t.throughputBytesPerSec !== null || t.iops !== null) {
    rows.push(line(width, text('       '), text(`30-day average ${formatBytesPerSec(t.throughputBytesPerSec)}, ${formatIops(t.iops)} over ${count(t.withMetrics, 'analysed store')}`, { color: p.dim })));
  }
  const c = s.costs.summary;
  if (c) {
    rows.push(line(width, text('Bill   ', { bold: true, color: p.accent }), text(`month to date ${usd(c.monthToDateUsd)}${c.estimated ? ' (estimated)' : ''} · `), text(forecastText(c), { color: c.forecastUsd === null ? p.warn : undefined })));
    rows.push(line(width, text('       '), text(`storage (S3, EFS, FSx, EBS) ${usd(c.storageUsd)} of it · last 30 days ${usd(c.last30DaysUsd)}`, { color: p.dim })));
  } else if (s.costs.loading) rows.push(line(width, text('Bill   ', { bold: true, color: p.accent }), text('loading from Cost Explorer…', { color: p.warn })));
  else if (s.costs.error) rows.push(line(width, text('Bill   ', { bold: true, color: p.accent }), text(`unavailable: ${errorText(s.costs.error)}`, { color: p.error })));
  const recs = s.analysis.recommendations;
  if (recs.length) {
    const total = recs.reduce((n, r) => n + Math.max(0, r.monthlySavingsUsd ?? 0), 0);
    rows.push(line(width, text('Advice ', { bold: true, color: p.accent }), text(`${usd(total)}/month to save in ${count(recs.length, 'recommendation')} — 3 lists them`, { color: p.ok })));
  }
  rows.push(blank());
  // Per kind.
  const nameW = 12;
  rows.push(line(width, text(`${pad('Kind', nameW)}${'Stores'.padStart(7)}${'Size'.padStart(10)}${'Used'.padStart(10)}${'$/month'.padStart(14)}${'Avg tput'.padStart(11)}${'Avg IOPS'.padStart(10)}`, { bold: true })));
  for (const k of fleet.byKind) {
    rows.push(
      line(
        width,
        text(pad(TYPE_LABEL[k.type], nameW)),
        text(
          `${groupDigits(k.count).padStart(7)}${formatBytes(k.sizeBytes).padStart(10)}${formatBytes(k.usedBytes).padStart(10)}${(usd(k.monthlyUsd) + (k.unpriced ? '*' : ' ')).padStart(14)}${(k.throughputBytesPerSec === null ? '—' : formatBytesPerSec(k.throughputBytesPerSec)).padStart(11)}${(k.iops === null ? '—' : formatIops(k.iops).replace(/ IOPS$/, '')).padStart(10)}`,
        ),
      ),
    );
  }
  if (fleet.byKind.some((k) => k.unpriced)) rows.push(line(width, text('* some stores of this kind have no price (unpriced region or option) and are not in the sum', { color: p.dim })));
  rows.push(blank());
  rows.push(...consumerRows('Top by estimated cost', fleet.topByCost, (x) => `${usd(x.value)}/mo`, width, p));
  rows.push(blank());
  rows.push(...consumerRows('Top by throughput (30-day average)', fleet.topByThroughput, (x) => formatBytesPerSec(x.value), width, p));
  return rows;
}

// ---------------------------------------------------------------------------
// Costs: month to date, forecast, the daily chart by service, by service.

const SHORT_SERVICE: Record<string, string> = {
  'Amazon Simple Storage Service': 'S3',
  'Amazon Elastic File System': 'EFS',
  'Amazon FSx': 'FSx',
  'Amazon Elastic Compute Cloud - Compute': 'EC2 compute',
  'EC2 - Other': 'EC2 other',
  'Amazon CloudWatch': 'CloudWatch',
  'AWS Cost Explorer': 'Cost Explorer',
};

export function serviceLabel(name: string): string {
  return SHORT_SERVICE[name] ?? sanitize(name);
}

export interface CostGroup {
  label: string;
  /** USD per day, aligned with `dates`. */
  daily: number[];
  total: number;
}

/**
 * The daily costs in at most `max` groups: EBS split out of "EC2 - Other", the biggest services
 * by 30-day total, and the rest as "other".
 */
export function costGroups(c: CostSummary, max = 4): { dates: string[]; groups: CostGroup[] } {
  const dates = c.daily.map((d) => d.date);
  const ebs = new Map(c.ebsDaily.map((d) => [d.date, d.usd]));
  const series = new Map<string, number[]>();
  const add = (label: string, i: number, v: number) => {
    let s = series.get(label);
    if (!s) series.set(label, (s = new Array<number>(dates.length).fill(0)));
    s[i] += v;
  };
  c.daily.forEach((d, i) => {
    for (const [svc, v] of Object.entries(d.byService)) {
      if (svc === 'EC2 - Other') {
        const e = Math.min(v, ebs.get(d.date) ?? 0);
        add('EBS', i, e);
        add(serviceLabel(svc), i, v - e);
      } else add(serviceLabel(svc), i, v);
    }
  });
  const all = [...series.entries()].map(([label, daily]) => ({ label, daily, total: daily.reduce((a, b) => a + b, 0) })).filter((g) => g.total > 0.005);
  all.sort((a, b) => b.total - a.total || compareText(a.label, b.label));
  if (all.length <= max) return { dates, groups: all };
  const keep = all.slice(0, max - 1);
  const rest = all.slice(max - 1);
  const other = { label: 'other', daily: dates.map((_, i) => rest.reduce((n, g) => n + g.daily[i], 0)), total: rest.reduce((n, g) => n + g.total, 0) };
  return { dates, groups: [...keep, other] };
}

/** Glyphs of the stacked groups: told apart without colour. */
export const GROUP_GLYPHS = ['█', '▓', '▒', '░', '▚'];

/** A stacked bar chart of daily costs: one column per day, one glyph per group, y axis in USD. */
export function stackedBars(dates: readonly string[], groups: readonly CostGroup[], height: number, width: number, p: Palette): Row[] {
  if (dates.length === 0 || groups.length === 0 || height < 2) return [line(width, text('  no daily costs in the last 30 days', { color: p.dim }))];
  const axisW = 11;
  const colW = Math.max(1, Math.min(3, Math.floor((width - axisW - 1) / dates.length)));
  const totals = dates.map((_, i) => groups.reduce((n, g) => n + Math.max(0, g.daily[i]), 0));
  const max = Math.max(...totals, 0.01);
  const rows: Row[] = [];
  for (let r = height - 1; r >= 0; r--) {
    const mid = ((r + 0.5) / height) * max;
    const label = r === height - 1 ? usd(max) : r === 0 ? '$0' : r === Math.floor((height - 1) / 2) ? usd((max * (r + 1)) / height) : '';
    const segs: Seg[] = [text(`${label.padStart(axisW - 2)} ┤`, { color: p.dim })];
    for (let i = 0; i < dates.length; i++) {
      let acc = 0;
      let gi = -1;
      for (let g = 0; g < groups.length; g++) {
        acc += Math.max(0, groups[g].daily[i]);
        if (mid < acc) {
          gi = g;
          break;
        }
      }
      segs.push(gi < 0 ? text(' '.repeat(colW)) : text(GROUP_GLYPHS[gi % GROUP_GLYPHS.length].repeat(colW), { color: p.series[gi % p.series.length] }));
    }
    rows.push(line(width, ...segs));
  }
  const first = dates[0].slice(5);
  const last = dates[dates.length - 1].slice(5);
  const span = dates.length * colW;
  rows.push(line(width, text(`${' '.repeat(axisW)}${first}${' '.repeat(Math.max(1, span - first.length - last.length))}${last}`, { color: p.dim })));
  const legend: Seg[] = [text(' '.repeat(axisW))];
  groups.forEach((g, i) => {
    legend.push(text(GROUP_GLYPHS[i % GROUP_GLYPHS.length], { color: p.series[i % p.series.length] }), text(` ${g.label} ${usd(g.total)}   `));
  });
  rows.push(line(width, ...legend));
  return rows;
}

export function costRows(s: AnalyticsSnapshot, width: number, chartHeight: number, p: Palette, costAgeMs: number | undefined, ceRequestUsd: number | null): Row[] {
  const c = s.costs.summary;
  const rows: Row[] = [];
  if (!c) {
    if (s.costs.loading) rows.push(line(width, text('Loading month to date, the last 30 days and the forecast from Cost Explorer…', { color: p.warn })));
    else if (s.costs.error) rows.push(...wrapped(width, `Cost Explorer: ${errorText(s.costs.error)}`, 2, { color: p.error }));
    else rows.push(line(width, text('No cost data yet.', { color: p.dim })));
    return rows;
  }
  if (s.costs.error) rows.push(...wrapped(width, `Refresh failed, showing costs from ${formatAge(costAgeMs ?? 0)} ago: ${errorText(s.costs.error)}`, 2, { color: p.warn }));
  rows.push(line(width, text('Month to date ', { bold: true }), text(`${usd(c.monthToDateUsd)}${c.estimated ? ' (estimated)' : ''}`), text('   '), text(forecastText(c), { color: c.forecastUsd === null ? p.warn : undefined })));
  rows.push(line(width, text(`Last 30 days ${usd(c.last30DaysUsd)} · storage this month ${usd(c.storageUsd)} (EBS ${usd(c.ebsUsd)} of "EC2 - Other")`, { color: p.dim })));
  rows.push(blank());
  rows.push(line(width, text('Daily cost, last 30 days, by service', { bold: true }), text(` (${sanitize(c.currency)})`, { color: p.dim })));
  const { dates, groups } = costGroups(c);
  rows.push(...stackedBars(dates, groups, chartHeight, width, p));
  rows.push(blank());
  rows.push(line(width, text('Month to date by service', { bold: true })));
  const entries = Object.entries(c.byService).sort((a, b) => b[1] - a[1]);
  const top = entries.length ? Math.max(...entries.map(([, v]) => v), 0.01) : 1;
  const nameW = Math.min(38, Math.max(16, width - 36));
  for (const [svc, v] of entries) {
    const bar = '■'.repeat(Math.max(0, Math.round((v / top) * 14)));
    rows.push(line(width, text(`  ${pad(sanitize(svc), nameW)}`), text(usd(v).padStart(12)), text(`  ${bar}`, { color: p.accent })));
    if (svc === 'EC2 - Other' && c.ebsUsd > 0) rows.push(line(width, text(`    ${pad('of which EBS (usage types EBS:*)', nameW - 2)}`, { color: p.dim }), text(usd(c.ebsUsd).padStart(12), { color: p.dim })));
  }
  rows.push(blank());
  const per = ceRequestUsd !== null ? ` (${usd(ceRequestUsd)} each)` : '';
  rows.push(
    ...wrapped(
      width,
      `From Cost Explorer ${formatAge(costAgeMs ?? 0)} ago, cached on disk and refreshed at most once an hour. r refreshes now: ${CE_REQUESTS_PER_REFRESH} billed Cost Explorer requests${per}.`,
      0,
      { color: p.dim },
    ),
  );
  return rows;
}

// ---------------------------------------------------------------------------
// Recommendations.

export function savingText(r: Recommendation): string {
  const v = r.monthlySavingsUsd;
  if (v === null) return 'saving not priced';
  if (v < 0) return `costs ${usd(-v)}/mo more`;
  return `saves ${usd(v)}/mo`;
}

export interface RecBlock {
  start: number;
  end: number;
}

export interface RecView {
  rows: Row[];
  /** Row range of each recommendation (same order as the list). */
  blocks: RecBlock[];
}

export type ApplyState = 'available' | 'read-only' | 'manual' | 'applied' | 'gone';

export function recRows(s: AnalyticsSnapshot, selected: number, width: number, p: Palette, applyState: (r: Recommendation) => ApplyState): RecView {
  const recs = s.analysis.recommendations;
  const rows: Row[] = [];
  const blocks: RecBlock[] = [];
  if (recs.length === 0) {
    const a = s.analysis;
    const why = a.loading ? 'Looking for savings in 30 days of metrics…' : a.error ? `No analysis: ${errorText(a.error)}` : a.at === undefined ? 'Waiting for the inventory…' : 'Nothing to change: no rule found waste, risk or a cheaper setting.';
    rows.push(...wrapped(width, why, 0, { color: a.error ? p.error : p.dim }));
    return { rows, blocks };
  }
  const total = recs.reduce((n, r) => n + Math.max(0, r.monthlySavingsUsd ?? 0), 0);
  rows.push(line(width, text(`${count(recs.length, 'recommendation')} · ${usd(total)}/month to save · most saved first`, { color: p.dim })));
  const savingW = Math.max(...recs.map((r) => savingText(r).length));
  recs.forEach((r, i) => {
    const sel = i === selected;
    const start = rows.length;
    const saving = savingText(r);
    const confColor = r.confidence === 'high' ? p.ok : r.confidence === 'medium' ? p.warn : p.dim;
    const st = applyState(r);
    rows.push(
      line(
        width,
        text(sel ? '› ' : '  ', { bold: true, color: p.accent }),
        text(saving.padStart(savingW), { color: (r.monthlySavingsUsd ?? 0) > 0 ? p.ok : r.monthlySavingsUsd === null ? p.dim : p.warn, inverse: sel }),
        text(`  ${r.confidence.padEnd(6)}  `, { color: confColor }),
        text(sanitize(r.title), { bold: sel }),
        ...(st === 'applied' ? [text('  (applied)', { color: p.ok })] : []),
      ),
    );
    if (sel) {
      rows.push(...wrapped(width, sanitize(r.action), 4, {}, text('    Do:  ', { bold: true })));
      rows.push(...wrapped(width, sanitize(r.evidence), 4, { color: p.dim }, text('    Why: ', { bold: true })));
      const note: Record<ApplyState, string> = {
        available: 'Enter: review and apply this change',
        'read-only': '',
        manual: 'No automatic action for this one: make the change described above yourself.',
        applied: 'Applied in this session — waiting for AWS to report the change (r refreshes).',
        gone: 'The store is no longer in the inventory.',
      };
      if (note[st]) rows.push(line(width, text('         '), text(note[st], { color: st === 'available' ? p.accent : p.dim })));
    }
    blocks.push({ start, end: rows.length });
  });
  return { rows, blocks };
}

// ---------------------------------------------------------------------------
// Usage patterns.

function trendText(p: UsagePattern): string {
  if (p.trendPerWeek === null) return 'trend —';
  const v = p.trendPerWeek * 100;
  const a = Math.abs(v);
  return `trend ${v >= 0 ? '+' : '−'}${a >= 10 ? Math.round(a) : a.toFixed(1)}%/week`;
}

function peakText(p: UsagePattern): string {
  if (p.peakHoursUtc.length === 0) return 'no daily peak';
  const s = new Set(p.peakHoursUtc);
  const runs: string[] = [];
  for (const h of p.peakHoursUtc) {
    if (s.has((h + 23) % 24) && p.peakHoursUtc.length < 24) continue;
    let e = h;
    while (s.has((e + 1) % 24) && (e + 1) % 24 !== h) e = (e + 1) % 24;
    runs.push(`${String(h).padStart(2, '0')}-${String((e + 1) % 24).padStart(2, '0')}h`);
  }
  return `peak ${runs.join(',')} UTC`;
}

/** Stores whose pattern needs attention first: soonest full, then most anomalies, then most idle. */
export function patternOrder(a: UsagePattern, b: UsagePattern): number {
  const ra = a.runwayDays ?? Infinity;
  const rb = b.runwayDays ?? Infinity;
  return ra - rb || b.anomalies.length - a.anomalies.length || b.idleFraction - a.idleFraction || compareText(a.resourceId, b.resourceId);
}

export function patternRows(s: AnalyticsSnapshot, names: ReadonlyMap<string, { name: string; type: keyof typeof TYPE_LABEL }>, width: number, p: Palette, now: number): Row[] {
  const rows: Row[] = [];
  const list = [...s.analysis.patterns.values()].filter((x) => names.has(x.resourceId)).sort(patternOrder);
  if (list.length === 0) {
    rows.push(line(width, text(s.analysis.loading ? 'Reading 30 days of hourly metrics…' : 'No usage patterns yet.', { color: p.dim })));
    return rows;
  }
  rows.push(line(width, text(`${count(list.length, 'store')} · 30 days hourly · soonest full first, then the most unusual hours`, { color: p.dim })));
  for (const x of list) {
    const n = names.get(x.resourceId)!;
    rows.push(line(width, text(sanitize(n.name), { bold: true }), text(`  ${TYPE_LABEL[n.type]}  `, { color: p.dim }), text(x.summary)));
    const runway = x.runwayDays === null ? 'runway —' : x.runwayDays <= 0 ? 'FULL now' : `full in ${groupDigits(Math.round(x.runwayDays))} days`;
    const last = x.anomalies.length ? x.anomalies[x.anomalies.length - 1] : undefined;
    const anomalies = x.anomalies.length ? `${count(x.anomalies.length, 'unusual hour')} (last ${formatAge(now - last!.t)} ago)` : 'no anomalies';
    rows.push(
      line(
        width,
        text('    '),
        text(`${trendText(x)} · ${peakText(x)} · idle ${Math.round(x.idleFraction * 100)}%${x.idleSinceDays !== null && x.idleSinceDays >= 1 ? ` (for ${x.idleSinceDays} days)` : ''} · ${anomalies} · `, { color: p.dim }),
        text(runway, { color: x.runwayDays !== null && x.runwayDays <= 30 ? p.error : p.dim }),
      ),
    );
  }
  return rows;
}

// ---------------------------------------------------------------------------
// The API cost meter: calls made, metrics requested, and what leaving the dashboard running costs.

export interface ApiCostFigures {
  live: MeterSnapshot;
  analysis: MeterSnapshot;
  /** Metrics requested by the last 30-day analysis (0 when none ran). */
  analysisMetricsPerRun: number;
  region: string;
}

export interface ApiCost {
  spentUsd: number | null;
  liveMonthlyUsd: number | null;
  withAnalyticsMonthlyUsd: number | null;
  metricPriceText: string;
  cePriceText: string;
  ceRequestUsd: number | null;
}

const MONTH_SECONDS = 730 * 3600;

/** What the dashboard's own API calls cost so far and per month (prices from the pricing engine). */
export function apiCost(f: ApiCostFigures): ApiCost {
  const cost = (metrics: number, ce: number) => {
    const r = apiCostPerMonth({ getMetricDataMetricsPerMonth: metrics, costExplorerRequestsPerMonth: ce }, f.region);
    return r.ok ? r.estimate.totalUsd : null;
  };
  const prices = priceTableFor(f.region)?.api;
  const perRun = (MONTH_SECONDS / LIVE_REFRESH_SECONDS) * f.live.lastRefreshMetrics;
  const hourly = 730;
  return {
    spentUsd: cost(f.live.metricsRequested + f.analysis.metricsRequested, f.live.ceRequests + f.analysis.ceRequests),
    liveMonthlyUsd: cost(perRun, 0),
    withAnalyticsMonthlyUsd: cost(perRun + hourly * f.analysisMetricsPerRun, hourly * CE_REQUESTS_PER_REFRESH),
    metricPriceText: prices ? `${usd(prices.getMetricData.usd)} per ${prices.getMetricData.unit}` : 'price unknown for this region',
    cePriceText: prices ? `${usd(prices.costExplorerRequest.usd)} per ${prices.costExplorerRequest.unit}` : 'price unknown for this region',
    ceRequestUsd: prices ? prices.costExplorerRequest.usd : null,
  };
}

function money(v: number | null): string {
  return v === null ? 'estimate unavailable' : usd(v);
}

export function apiRows(f: ApiCostFigures, width: number, p: Palette): Row[] {
  const c = apiCost(f);
  const rows: Row[] = [];
  rows.push(...wrapped(width, `What this dashboard's own AWS calls cost: CloudWatch GetMetricData bills ${c.metricPriceText}, Cost Explorer ${c.cePriceText}.`, 0, { color: p.dim }));
  rows.push(blank());
  rows.push(line(width, text(`Live metrics (list and detail, every ${LIVE_REFRESH_SECONDS} s)`, { bold: true })));
  rows.push(line(width, text(`  ${groupDigits(f.live.calls)} GetMetricData calls · ${groupDigits(f.live.metricsRequested)} metrics requested · ${groupDigits(f.live.datapoints)} data points`)));
  rows.push(line(width, text(`  last refresh: ${groupDigits(f.live.lastRefreshMetrics)} metrics in ${groupDigits(Math.max(f.live.lastRefreshMetrics ? 1 : 0, Math.ceil(f.live.lastRefreshMetrics / 500)))} call(s) (500 per call at most)`, { color: p.dim })));
  rows.push(line(width, text('30-day analysis (this screen)', { bold: true })));
  rows.push(line(width, text(`  ${groupDigits(f.analysis.calls)} GetMetricData calls · ${groupDigits(f.analysis.metricsRequested)} metrics requested · ${groupDigits(f.analysis.datapoints)} data points`)));
  rows.push(line(width, text('Cost Explorer', { bold: true }), text(`  ${groupDigits(f.live.ceRequests + f.analysis.ceRequests)} requests (cached an hour on disk)`)));
  rows.push(blank());
  rows.push(line(width, text('Spent this session      ', { bold: true }), text(money(c.spentUsd))));
  rows.push(line(width, text('Per month, left running ', { bold: true }), text(`${money(c.liveMonthlyUsd)} on the list or a detail`)));
  rows.push(line(width, text('                        '), text(`${money(c.withAnalyticsMonthlyUsd)} with this screen open (hourly costs and analysis)`)));
  return rows;
}

/** Lines for the `?` help: the API cost meter in a few words. */
export function apiHelpLines(f: ApiCostFigures): string[] {
  const c = apiCost(f);
  return [
    'API cost meter (this dashboard\'s own AWS bill)',
    `  GetMetricData: ${groupDigits(f.live.calls + f.analysis.calls)} calls, ${groupDigits(f.live.metricsRequested + f.analysis.metricsRequested)} metrics requested (${c.metricPriceText})`,
    `  Cost Explorer: ${groupDigits(f.live.ceRequests + f.analysis.ceRequests)} requests (${c.cePriceText}; cached an hour)`,
    `  spent this session ${money(c.spentUsd)}; left running ${money(c.liveMonthlyUsd)}/month (list/detail), ${money(c.withAnalyticsMonthlyUsd)}/month with analytics open`,
  ];
}
