// Live charts above the detail screen's attributes, and the list's inline sparkline column.
// Throughput read/write, IOPS, latency (where the kind reports it) and capacity used, each
// with its current, peak and average value and the utilisation of what is provisioned, over the
// window `[`/`]` pick. The block fits the height it is given: one compact sparkline line per
// series at 80x24, taller asciichart plots only where rows are spare. Pure line builders
// (tested without a terminal) plus one small view.
import React from 'react';
import { Box, Text } from 'ink';
import { registerScreen, type ScreenContext } from '../app/screens.js';
import type { Theme } from '../app/theme.js';
import { lineChart, sparkline } from '../components/sparkline.js';
import { gp2ThroughputMiBps } from '../services/analytics/limits.js';
import { formatBytes } from '../services/format.js';
import { addSeries, formatBytesPerSec, formatIops, periodFor, summarize, windowRange, WINDOWS, type Window } from '../services/metrics/index.js';
import { displayWidth, sanitize, truncate } from '../services/sanitize.js';
import type { MetricPoint, StorageErrorShape, StorageInfo, StorageMetrics } from '../services/types.js';
import { DetailView } from './detail.js';
import { groupDigits } from '../services/format.js';

// ---------------------------------------------------------------------------
// Rows: a line of styled segments, or a pre-rendered chart line (asciichart, may hold colour codes).

export interface Seg {
  text: string;
  color?: string;
  bold?: boolean;
  inverse?: boolean;
  dim?: boolean;
}

export type Row = { segs: Seg[] } | { chart: string };

/** Cuts a row of segments to `width` display cells (the last visible cell becomes an ellipsis). */
export function fitSegs(segs: readonly Seg[], width: number): Seg[] {
  const out: Seg[] = [];
  let left = Math.max(0, width);
  const total = segs.reduce((n, s) => n + displayWidth(s.text), 0);
  if (total <= left) return segs.slice();
  for (const s of segs) {
    if (left <= 0) break;
    const w = displayWidth(s.text);
    if (w < left) {
      out.push(s);
      left -= w;
    } else {
      out.push({ ...s, text: truncate(s.text + '…', left) });
      left = 0;
    }
  }
  return out;
}

export function rowText(r: Row): string {
  return 'chart' in r ? r.chart.replace(/\u001b\[[0-9;]*m/g, '') : r.segs.map((s) => s.text).join('');
}

// ---------------------------------------------------------------------------
// What a chart shows.

const MIB = 1024 * 1024;
const MB = 1_000_000;
const LABEL_W = 11;
const HOUR_MS = 3_600_000;

export const WINDOW_LABEL: Record<Window, string> = {
  '1h': 'last hour, 1-minute points',
  '6h': 'last 6 hours, 5-minute points',
  '24h': 'last 24 hours, 15-minute points',
  '7d': 'last 7 days, hourly points',
  '30d': 'last 30 days, hourly points',
};

interface Provisioned {
  value: number;
  text: string;
}

/**
 * What is provisioned, in the series' unit. EBS and EFS quote MiB/s (EBS gp2 from its size),
 * FSx MB/s (throughput capacity); an EFS file system without provisioned throughput is held to
 * what CloudWatch reports as PermittedThroughput.
 */
export function provisionedThroughput(r: StorageInfo, m?: StorageMetrics): Provisioned | undefined {
  if (r.type === 'ebs') {
    const mib = r.throughputMBps ?? (r.ebs?.volumeType === 'gp2' && r.sizeBytes ? gp2ThroughputMiBps(r.sizeBytes / 1024 ** 3) : undefined);
    return mib ? { value: mib * MIB, text: `${groupDigits(mib)} MiB/s` } : undefined;
  }
  if (r.type === 'efs') {
    if (r.efs?.throughputMode === 'provisioned' && r.throughputMBps) return { value: r.throughputMBps * MIB, text: `${groupDigits(r.throughputMBps)} MiB/s provisioned` };
    const permitted = m?.extra.permittedThroughput;
    const last = permitted?.length ? permitted[permitted.length - 1].v : undefined;
    return last && last > 0 ? { value: last, text: `${formatBytesPerSec(last)} permitted` } : undefined;
  }
  if (r.type.startsWith('fsx-') && r.throughputMBps) return { value: r.throughputMBps * MB, text: `${groupDigits(r.throughputMBps)} MB/s` };
  return undefined;
}

function pct(v: number): string {
  const p = v * 100;
  return `${p >= 10 || p === 0 ? Math.round(p) : p.toFixed(1)}%`;
}

/** "4.6% (pk 6.3%) of 1,500 IOPS" (or without the peak when `short`), '' when nothing is provisioned. */
export function utilisation(s: { current: number | null; peak: number | null }, prov: Provisioned | undefined, short = false): string {
  if (!prov || !(prov.value > 0) || s.current === null) return '';
  return `${pct(s.current / prov.value)}${s.peak !== null && !short ? ` (pk ${pct(s.peak / prov.value)})` : ''} of ${prov.text}`;
}

/**
 * Values of a rate series on the window's time grid: CloudWatch leaves out periods without
 * activity for Sum statistics, so a missing period is 0, not a gap.
 */
export function onGrid(points: readonly MetricPoint[], periodSeconds: number, window: Window, fetchedAt: number): number[] {
  const { start, end } = windowRange(window, fetchedAt, periodSeconds);
  const step = periodSeconds * 1000;
  const n = Math.max(1, Math.round((end - start) / step));
  const out = new Array<number>(n).fill(0);
  for (const p of points) {
    const i = Math.floor((p.t - start) / step);
    if (i >= 0 && i < n && Number.isFinite(p.v)) out[i] = p.v;
  }
  return out;
}

/** The window the metrics were fetched for, when it can be told from their period and span. */
export function dataWindow(m: StorageMetrics, asked: Window): Window | undefined {
  if (m.periodSeconds !== periodFor(asked)) return WINDOWS.find((w) => periodFor(w) === m.periodSeconds);
  if (asked !== '30d' && asked !== '7d') return asked;
  // 7d and 30d share the hourly period: the oldest point tells them apart.
  let oldest = Infinity;
  for (const s of [m.readBytesPerSec, m.writeBytesPerSec, m.readOpsPerSec, m.usedBytes ?? []]) if (s.length) oldest = Math.min(oldest, s[0].t);
  if (!Number.isFinite(oldest)) return asked;
  return m.fetchedAt - oldest > 8 * 24 * HOUR_MS ? '30d' : '7d';
}

interface SeriesLine {
  label: string;
  /** Values for the sparkline (grid or raw). */
  values: number[];
  stats: { current: number | null; peak: number | null; average: number | null };
  format: (v: number) => string;
  util?: string;
  /** The utilisation without the peak share, for narrow terminals. */
  utilShort?: string;
  color?: string;
  /** A line of text instead of a series (no data, not reported). */
  note?: string;
}

export interface ChartBlock {
  key: 'throughput' | 'iops' | 'latency' | 'capacity' | 'extra';
  lines: SeriesLine[];
  /** Series a tall plot draws (empty: this block has no tall form). */
  plot: { values: number[]; color?: string }[];
  plotFormat?: (v: number) => string;
}

const iopsText = (v: number) => formatIops(v).replace(/ IOPS$/, '');
const msText = (v: number) => `${v >= 100 ? Math.round(v) : v.toFixed(2)} ms`;
const pctText = (v: number) => `${v >= 10 ? Math.round(v) : v.toFixed(1)}%`;

function gauge(points: readonly MetricPoint[]): number[] {
  return points.map((p) => p.v);
}

/** The blocks of one store's metrics: throughput, IOPS, latency, capacity and kind-specific extras. */
export function chartBlocks(r: StorageInfo, m: StorageMetrics, window: Window, colors: { read?: string; write?: string; total?: string }): ChartBlock[] {
  const w = dataWindow(m, window) ?? window;
  const p = m.periodSeconds;
  const grid = (s: readonly MetricPoint[]) => onGrid(s, p, w, m.fetchedAt);
  const blocks: ChartBlock[] = [];
  const hasRequests = m.readBytesPerSec.length + m.writeBytesPerSec.length + m.readOpsPerSec.length + m.writeOpsPerSec.length > 0;
  const s3NoRequests = r.type === 's3' && !hasRequests;

  // Throughput.
  if (s3NoRequests) {
    blocks.push({
      key: 'throughput',
      lines: [{ label: 'Requests', values: [], stats: { current: null, peak: null, average: null }, format: String, note: r.s3?.requestMetricsFilterId ? 'no request metrics in this window yet (CloudWatch publishes them within minutes)' : 'no request metrics: the bucket has no metrics configuration, so throughput and IOPS are not reported' }],
      plot: [],
    });
  } else {
    const total = addSeries(m.readBytesPerSec, m.writeBytesPerSec);
    const prov = provisionedThroughput(r, m);
    const read = grid(m.readBytesPerSec);
    const write = grid(m.writeBytesPerSec);
    const totalStats = summarize(total);
    const lines: SeriesLine[] = [
      { label: 'Read', values: read, stats: summarize(m.readBytesPerSec), format: formatBytesPerSec, color: colors.read },
      { label: 'Write', values: write, stats: summarize(m.writeBytesPerSec), format: formatBytesPerSec, color: colors.write },
      { label: 'Total', values: grid(total), stats: totalStats, format: formatBytesPerSec, util: utilisation(totalStats, prov), utilShort: utilisation(totalStats, prov, true), color: colors.total },
    ];
    const plot = colors.read && colors.write ? [{ values: read, color: colors.read }, { values: write, color: colors.write }] : [{ values: grid(total) }];
    blocks.push({ key: 'throughput', lines, plot, plotFormat: formatBytesPerSec });
  }

  // IOPS.
  if (!s3NoRequests) {
    const ops = addSeries(m.readOpsPerSec, m.writeOpsPerSec);
    const st = summarize(ops);
    const prov = r.iops ? { value: r.iops, text: `${groupDigits(r.iops)} IOPS` } : undefined;
    const values = grid(ops);
    blocks.push({ key: 'iops', lines: [{ label: r.type === 's3' ? 'Requests/s' : 'IOPS', values, stats: st, format: iopsText, util: utilisation(st, prov), utilShort: utilisation(st, prov, true), color: colors.total }], plot: [{ values, color: colors.total }], plotFormat: iopsText });
  }

  // Latency: EBS (total time / operations), S3 first-byte latency with request metrics.
  if (m.latencyMs?.length || r.type === 'ebs') {
    const lat = m.latencyMs ?? [];
    const values = gauge(lat);
    blocks.push({
      key: 'latency',
      lines: [{ label: r.type === 's3' ? 'First byte' : 'Latency', values, stats: summarize(lat), format: msText, color: colors.total, ...(lat.length ? {} : { note: 'no operations in this window' }) }],
      plot: lat.length ? [{ values, color: colors.total }] : [],
      plotFormat: msText,
    });
  }

  // Capacity used.
  const used = m.usedBytes ?? [];
  if (r.type === 'ebs') {
    blocks.push({ key: 'capacity', lines: [{ label: 'Used', values: [], stats: { current: null, peak: null, average: null }, format: String, note: `${formatBytes(r.sizeBytes)} provisioned · used space is inside the instance's file system, not in CloudWatch` }], plot: [] });
  } else {
    const st = summarize(used);
    // FSx: against the storage capacity; EFS and S3 grow with their data (no capacity to fill).
    const cap = r.type.startsWith('fsx-') && r.sizeBytes ? { value: r.sizeBytes, text: formatBytes(r.sizeBytes) } : undefined;
    const values = gauge(used);
    blocks.push({
      key: 'capacity',
      lines: [{ label: 'Used', values, stats: st, format: (v) => formatBytes(v), util: utilisation(st, cap), utilShort: utilisation(st, cap, true), color: colors.total, ...(used.length ? {} : { note: r.type === 's3' ? 'no daily storage metrics yet (S3 publishes them once a day)' : 'not reported in this window' }) }],
      plot: used.length > 1 ? [{ values, color: colors.total }] : [],
      plotFormat: (v) => formatBytes(v),
    });
  }

  // Kind-specific extras (one compact line each, shown when rows are spare).
  const extra = (label: string, points: readonly MetricPoint[] | undefined, format: (v: number) => string) => {
    if (!points?.length) return;
    blocks.push({ key: 'extra', lines: [{ label, values: gauge(points), stats: summarize(points), format, color: colors.total }], plot: [] });
  };
  extra('Burst bal.', m.extra.burstBalance, pctText);
  extra('Credits', m.extra.burstCreditBalance, (v) => formatBytes(v));
  extra('IO limit', m.extra.percentIOLimit, pctText);
  extra('Clients', m.extra.clientConnections, (v) => (v >= 10 ? Math.round(v).toString() : v.toFixed(1)));
  extra('Metadata', m.extra.metadataOpsPerSec, (v) => `${iopsText(v)} ops/s`);
  return blocks;
}

const VALUE_W = 10;
const STATS_W = 3 * (VALUE_W + 1);
const MIN_SPARK = 6;
/** Narrower than this, a sparkline of a busy hour is mostly full blocks. */
const GOOD_SPARK = 16;
const MAX_SPARK = 48;

/** Width of the sparkline column: what the label, the three values and the widest utilisation leave. */
export function sparkWidth(width: number, utilW: number): number {
  return Math.max(MIN_SPARK, Math.min(MAX_SPARK, width - LABEL_W - STATS_W - (utilW ? utilW + 2 : 0)));
}

/** The column titles over the compact lines. */
export function columnsRow(width: number, sparkW: number, withUtil: boolean, dim: string | undefined): Row {
  const text = ' '.repeat(LABEL_W) + 'trend'.padEnd(sparkW) + ['now', 'peak', 'average'].map((t) => t.padStart(VALUE_W + 1)).join('') + (withUtil ? '  of provisioned' : '');
  return { segs: fitSegs([{ text, color: dim }], width) };
}

/** One compact line: label, sparkline (or a blank column when a tall plot follows), now / peak / average, utilisation. */
export function compactRow(l: SeriesLine, width: number, sparkW: number, withSpark: boolean, shortUtil = false): Row {
  const label = l.label.padEnd(LABEL_W).slice(0, LABEL_W);
  if (l.note !== undefined) return { segs: fitSegs([{ text: label, bold: true }, { text: l.note, dim: true }], width) };
  const f = (v: number | null) => (v === null ? '—' : l.format(v)).padStart(VALUE_W);
  const spark = withSpark && l.values.length ? sparkline(l.values, sparkW) : '';
  const segs: Seg[] = [{ text: label, bold: true }, { text: spark.padEnd(sparkW), color: l.color }];
  segs.push({ text: ` ${f(l.stats.current)} ${f(l.stats.peak)} ${f(l.stats.average)}` });
  const util = shortUtil ? l.utilShort : l.util;
  if (util) segs.push({ text: `  ${util}` });
  return { segs: fitSegs(segs, width) };
}

// ---------------------------------------------------------------------------
// Layout: fit the height.

export interface ChartsInput {
  info: StorageInfo;
  metrics?: StorageMetrics;
  window: Window;
  metricsError?: StorageErrorShape;
  width: number;
  /** Rows the charts may take. */
  height: number;
  noColor: boolean;
}

const NO_METRICS_STATES = new Set(['creating', 'deleted', 'failed']);
/** Fewer rows than this and the block is one summary line (header, column titles, read/write/total, IOPS). */
const MIN_COMPACT = 6;
/** Rows per tall plot: at least this many, or the compact line stays; fewer taller plots beat many flat ones. */
const MIN_PLOT = 5;
const GOOD_PLOT = 6;
const MAX_PLOT = 10;

function header(window: Window, loaded: Window | undefined, width: number, dim: string | undefined, accent: string | undefined): Row {
  const segs: Seg[] = [{ text: 'Metrics ', bold: true, color: accent }];
  segs.push({ text: loaded && loaded !== window ? `loading ${window}… (showing ${WINDOW_LABEL[loaded]})` : WINDOW_LABEL[window], color: dim });
  const tabs: Seg[] = [{ text: '   [ ] window ', color: dim }];
  WINDOWS.forEach((w, i) => {
    if (i) tabs.push({ text: ' ' });
    tabs.push(w === window ? { text: w, inverse: true, bold: true } : { text: w, color: dim });
  });
  const used = segs.reduce((n, s) => n + displayWidth(s.text), 0);
  const tabW = tabs.reduce((n, s) => n + displayWidth(s.text), 0);
  return { segs: used + tabW <= width ? [...segs, ...tabs] : fitSegs([...tabs.slice(1).map((s, i) => (i === 0 ? { ...s, text: s.text.trimStart() } : s)), { text: '  ' }, ...segs], width) };
}

/** One line for a short terminal: the current values and the window keys. */
export function summaryRow(input: ChartsInput, dim: string | undefined, accent: string | undefined): Row {
  const { info, metrics: m, window, width } = input;
  const segs: Seg[] = [{ text: `Metrics ${window} `, bold: true, color: accent }];
  if (!m) segs.push({ text: NO_METRICS_STATES.has(info.state) ? `none while ${info.state}` : input.metricsError ? `unavailable: ${sanitize(input.metricsError.message)}` : 'loading…', color: dim });
  else {
    const parts: string[] = [];
    const cur = (pts: readonly MetricPoint[]) => summarize(pts).current;
    const read = cur(m.readBytesPerSec);
    const write = cur(m.writeBytesPerSec);
    if (read !== null || write !== null) parts.push(`read ${formatBytesPerSec(read)}`, `write ${formatBytesPerSec(write)}`);
    const ops = cur(addSeries(m.readOpsPerSec, m.writeOpsPerSec));
    if (ops !== null) parts.push(formatIops(ops));
    const lat = m.latencyMs?.length ? cur(m.latencyMs) : null;
    if (lat !== null) parts.push(msText(lat));
    const used = m.usedBytes?.length ? cur(m.usedBytes) : null;
    if (used !== null) parts.push(`${formatBytes(used)} used`);
    segs.push({ text: parts.length ? `now ${parts.join(' · ')}` : 'no data in this window' });
  }
  segs.push({ text: '  [ ] window', color: dim });
  return { segs: fitSegs(segs, width) };
}

/**
 * The rows of the charts block, never more than `height`: the header, one compact line per
 * series, and tall plots for as many charts as spare rows allow (throughput first).
 */
export function chartRows(input: ChartsInput, theme: Pick<Theme, 'dim' | 'accent' | 'warn' | 'error'>): Row[] {
  const { info, metrics: m, window, width, height } = input;
  if (height <= 0) return [];
  const dim = input.noColor ? undefined : theme.dim;
  const accent = input.noColor ? undefined : theme.accent;
  const colors = input.noColor ? {} : { read: 'cyan', write: 'magenta', total: 'cyan' };
  if (height < MIN_COMPACT) return [summaryRow(input, dim, accent)];
  const rows: Row[] = [];
  if (!m) {
    rows.push(header(window, undefined, width, dim, accent));
    let text: string;
    if (NO_METRICS_STATES.has(info.state)) text = `No metrics while the store is ${info.state}.`;
    else if (input.metricsError) text = `Metrics unavailable: ${sanitize(input.metricsError.message)} — ${sanitize(input.metricsError.hint)}`;
    else text = 'Loading metrics…';
    rows.push({ segs: fitSegs([{ text, color: input.metricsError ? (input.noColor ? undefined : theme.warn) : dim }], width) });
    return rows.slice(0, height);
  }
  const loaded = dataWindow(m, window);
  rows.push(header(window, loaded, width, dim, accent));
  if (input.metricsError) rows.push({ segs: fitSegs([{ text: `stale: ${sanitize(input.metricsError.message)}`, color: input.noColor ? undefined : theme.warn }], width) });
  const blocks = chartBlocks(info, m, window, colors);
  const main = blocks.filter((b) => b.key !== 'extra');
  const extras = blocks.filter((b) => b.key === 'extra');
  // The peak's share of what is provisioned only where it leaves a readable sparkline.
  const widest = (pick: (l: SeriesLine) => string | undefined) => Math.max(0, ...blocks.flatMap((b) => b.lines.map((l) => displayWidth(pick(l) ?? ''))));
  const shortUtil = sparkWidth(width, widest((l) => l.util)) < GOOD_SPARK;
  const utilW = widest((l) => (shortUtil ? l.utilShort : l.util));
  const sparkW = sparkWidth(width, utilW);
  rows.push(columnsRow(width, sparkW, utilW > 0, dim));
  const base = rows.length + main.reduce((n, b) => n + b.lines.length, 0);
  // Extras only where they fit with the main lines.
  let room = height - base;
  const shownExtras: ChartBlock[] = [];
  for (const e of extras) {
    if (room < e.lines.length) break;
    shownExtras.push(e);
    room -= e.lines.length;
  }
  // Tall plots: spare rows shared among the charts that can be drawn, throughput first.
  const tallable = main.filter((b) => b.plot.length && b.plot.some((s) => s.values.length > 1));
  const k = Math.min(tallable.length, Math.max(room >= MIN_PLOT ? 1 : 0, Math.floor(room / GOOD_PLOT)));
  const plotRows = k > 0 ? Math.min(MAX_PLOT, Math.floor(room / k)) : 0;
  const tall = new Set(tallable.slice(0, k));
  for (const b of main) {
    const isTall = tall.has(b);
    for (const l of b.lines) rows.push(compactRow(l, width, sparkW, !isTall, shortUtil));
    if (isTall && b.plotFormat) {
      const lines = lineChart(
        b.plot.map((s) => s.values),
        { width, height: plotRows, format: b.plotFormat, colors: input.noColor ? undefined : b.plot.map((s) => s.color) },
      );
      for (const c of lines.slice(0, plotRows)) rows.push({ chart: c });
    }
  }
  for (const e of shownExtras) for (const l of e.lines) rows.push(compactRow(l, width, sparkW, true, shortUtil));
  return rows.slice(0, height);
}

/** Detail bodies shorter than this (terminals under 24 rows) get the one-line summary. */
const SUMMARY_BELOW = 18;

/** Rows the charts may take in a detail body of `height`: the attributes keep a few rows to scroll. */
export function chartsBudget(height: number): number {
  // Below 80x24 the attributes keep the page and the charts shrink to one summary line.
  if (height < SUMMARY_BELOW) return Math.min(1, height);
  const keep = Math.min(10, Math.max(3, Math.floor(height / 3)));
  return Math.max(0, height - 1 - keep);
}

// ---------------------------------------------------------------------------
// Views.

export function RowsView({ rows, theme }: { rows: Row[]; theme: Theme }): React.ReactElement {
  return (
    <Box flexDirection="column">
      {rows.map((r, i) =>
        'chart' in r ? (
          <Text key={i} wrap="truncate">
            {r.chart}
          </Text>
        ) : (
          <Text key={i} wrap="truncate">
            {r.segs.length === 0
              ? ' '
              : r.segs.map((s, j) => (
                  <Text key={j} color={theme.noColor ? undefined : s.color} bold={s.bold} inverse={s.inverse} dimColor={s.dim && !theme.noColor}>
                    {s.text}
                  </Text>
                ))}
          </Text>
        ),
      )}
    </Box>
  );
}

function ChartsDetail({ ctx }: { ctx: ScreenContext }): React.ReactElement {
  const state = ctx.detailState ?? { key: '', scroll: 0, window: '1h' as Window };
  const info = ctx.resource;
  // The charts sit at the top of the page: scrolling down the attributes (j, PgDn, G) moves them
  // out of view, so every attribute stays reachable with the shell's page arithmetic.
  if (!info || state.scroll > 0) return <DetailView resource={info} state={state} height={ctx.height} width={ctx.width} theme={ctx.theme} />;
  const rows = chartRows(
    { info, metrics: ctx.snapshot.metrics.get(info.id), window: state.window, metricsError: ctx.snapshot.metricsError, width: ctx.width, height: chartsBudget(ctx.height), noColor: ctx.theme.noColor },
    ctx.theme,
  );
  return <DetailView resource={info} state={state} height={ctx.height} width={ctx.width} theme={ctx.theme} charts={<RowsView rows={rows} theme={ctx.theme} />} chartsHeight={rows.length} />;
}

// ---------------------------------------------------------------------------
// The list's inline sparkline: total throughput over the last hour (visible rows only: the list
// asks for the rows it draws).

export const SPARK_WIDTH = 10;

export function listSpark(r: StorageInfo, metrics: ReadonlyMap<string, StorageMetrics>, width = SPARK_WIDTH): string {
  const m = metrics.get(r.id);
  // Only the live (1-minute) data: a longer window fetched for the detail screen is not "the last hour".
  if (!m || m.periodSeconds !== periodFor('1h') || NO_METRICS_STATES.has(r.state)) return '';
  if (m.readBytesPerSec.length + m.writeBytesPerSec.length === 0 && r.type === 's3') return '';
  const total = addSeries(m.readBytesPerSec, m.writeBytesPerSec);
  return sparkline(onGrid(total, m.periodSeconds, '1h', m.fetchedAt), width);
}

registerScreen('charts', { render: (ctx) => <ChartsDetail ctx={ctx} /> });
registerScreen('spark', { spark: (r, metrics) => listSpark(r, metrics) });
