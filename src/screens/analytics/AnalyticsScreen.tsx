// The analytics screen (`a`, `:analytics`): fleet totals and top consumers, Cost Explorer's
// month to date, forecast and 30 daily costs by service, the recommendations (Enter reviews and
// applies one, never in --read-only), usage patterns, and the API cost meter. Sections switch
// with Tab or 1-5 and scroll within the height. All numbers come from the services layer
// (services/analytics-session.ts); this file only draws them and routes keys.
import React, { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { Box, Text, type Key } from 'ink';
import { formKey, TextInput, useRefState, wrapText } from '../../components/form/index.js';
import type { ScreenContext } from '../../app/screens.js';
import { analyticsFor, type AnalyticsSessionOptions, type AnalyticsSnapshot } from '../../services/analytics-session.js';
import { applyOptimization, describeAction, type Recommendation } from '../../services/analytics/index.js';
import { CE_REQUESTS_PER_REFRESH, type ApiMeter, type MeterSnapshot } from '../../services/metrics/index.js';
import { sanitize, truncate } from '../../services/sanitize.js';
import { StorageError, type StorageInfo, type StorageType } from '../../services/types.js';
import { fitSegs, RowsView, type Row, type Seg } from '../charts.js';
import { auditFor } from '../create/audit.js';
import { apiCost, apiHelpLines, apiRows, costRows, overviewRows, patternRows, recRows, savingText, SECTIONS, statusRow, type ApiCostFigures, type ApplyState, type Palette } from './sections.js';
import { analyticsKey, dialogFailed, initialAnalytics, type AnalyticsEnv, type AnalyticsState, type ApplyDialog } from './state.js';
import { useScreenKeys, useScreenRun } from '../../app/hooks.js';

export interface AnalyticsScreenOptions {
  env?: NodeJS.ProcessEnv;
  /** Controller options (tests: cache directory, clock, store bound). */
  controller?: AnalyticsSessionOptions;
}

/** What the screen shows over its sections, per session: the hint bar follows it. */
export type AnalyticsMode = 'sections' | 'dialog' | 'dialog-typed' | 'help';
const modes = new WeakMap<object, AnalyticsMode>();

export function analyticsMode(session: object): AnalyticsMode {
  return modes.get(session) ?? 'sections';
}

function useMeter(meter: ApiMeter): MeterSnapshot {
  const [snap, setSnap] = useState(() => meter.snapshot());
  useEffect(() => {
    setSnap(meter.snapshot());
    return meter.subscribe(() => setSnap(meter.snapshot()));
  }, [meter]);
  return snap;
}

function palette(ctx: ScreenContext): Palette {
  const t = ctx.theme;
  if (t.noColor) return { series: [] };
  return { accent: t.accent, dim: t.dim, ok: t.ok, warn: t.warn, error: t.error, series: ['cyan', 'yellow', 'green', 'magenta', 'blue'] };
}

/** Whether (and why not) a recommendation can be applied from the screen. */
function applyStateOf(r: Recommendation, snap: AnalyticsSnapshot, readOnly: boolean, byId: ReadonlyMap<string, StorageInfo>): ApplyState {
  if (readOnly) return 'read-only';
  if (snap.applied.has(r.id)) return 'applied';
  if (!r.optimize) return 'manual';
  if (!byId.has(r.resourceId)) return 'gone';
  return 'available';
}

function tabsRow(section: string, recCount: number, width: number, p: Palette): Row {
  const build = (short: boolean): Seg[] => {
    const segs: Seg[] = [{ text: 'Analytics ', bold: true, color: p.accent }];
    SECTIONS.forEach((s, i) => {
      const label = `${i + 1} ${short ? s.short : s.title}${s.id === 'recs' && recCount ? ` (${recCount})` : ''}`;
      segs.push({ text: ' ' }, s.id === section ? { text: ` ${label} `, inverse: true, bold: true } : { text: ` ${label} `, color: p.dim });
    });
    return segs;
  };
  const long = build(false);
  const w = long.reduce((n, s) => n + Array.from(s.text).length, 0);
  return { segs: fitSegs(w <= width ? long : build(true), width) };
}

function helpRows(f: ApiCostFigures, readOnly: boolean, width: number, p: Palette): Row[] {
  const keys: [string, string][] = [
    ['Tab / Shift-Tab, 1-5', 'next / previous section, or jump to one'],
    ['j k ↑ ↓', 'scroll; in Recommendations: select'],
    ['PgUp PgDn g G', 'page up / down, top, bottom'],
    ...(readOnly ? [] : ([['Enter', 'review the selected recommendation and apply it (asks first)']] as [string, string][])),
    ['r', 'refresh: costs from Cost Explorer (billed per request) and the 30-day analysis'],
    ['e', 'service status and error details'],
    ['?', 'close this help'],
    ['Esc', 'back to the list'],
  ];
  const rows: Row[] = [{ segs: [{ text: 'Analytics keys', bold: true, color: p.accent }] }];
  for (const [k, d] of keys) rows.push({ segs: fitSegs([{ text: `  ${k.padEnd(22)}` }, { text: d }], width) });
  if (readOnly) rows.push({ segs: fitSegs([{ text: '  (read-only: applying recommendations is disabled)', color: p.dim }], width) });
  rows.push({ segs: [] });
  const [title, ...rest] = apiHelpLines(f);
  rows.push({ segs: [{ text: title, bold: true, color: p.accent }] });
  for (const l of rest) for (const w of wrapText(l, Math.max(10, width - 4))) rows.push({ segs: [{ text: w.startsWith('  ') ? w : `    ${w}` }] });
  return rows;
}

interface DialogViewProps {
  d: ApplyDialog;
  rec?: Recommendation;
  info?: StorageInfo;
  auditPath: string | null;
  width: number;
  height: number;
  p: Palette;
  theme: ScreenContext['theme'];
}

function DialogView({ d, rec, info, auditPath, width, height, p, theme }: DialogViewProps): React.ReactElement {
  const rows: Row[] = [];
  const push = (t: string, s: Omit<Seg, 'text'> = {}, indent = 2) => {
    for (const w of wrapText(t, Math.max(10, width - indent))) rows.push({ segs: fitSegs([{ text: ' '.repeat(indent) + w, ...s }], width) });
  };
  rows.push({ segs: [{ text: d.phase === 'running' ? 'Applying…' : 'Apply this recommendation?', bold: true, color: p.accent }] });
  if (rec && info && rec.optimize) {
    push(sanitize(rec.title), { bold: true });
    push(`Change: ${sanitize(describeAction(info, rec.optimize))}`);
    push(`Effect: ${savingText(rec)} (${rec.confidence} confidence)`);
    push(`This changes ${info.id} in AWS now${auditPath ? `; it is written to the audit log (${auditPath})` : ''}.`, { color: p.dim });
  } else push('This recommendation is no longer in the list (the store changed): Esc closes, r refreshes.', { color: p.warn });
  rows.push({ segs: [] });
  const body = rows.slice(0, Math.max(1, height - 3));
  let prompt: React.ReactNode;
  if (d.phase === 'running') prompt = <Text color={p.warn}>{truncate('  Waiting for AWS… (Esc stops waiting; what AWS accepted keeps going)', width)}</Text>;
  else if (d.typeName) {
    const label = `  This deletes the volume after a snapshot. Type ${d.typeName} to confirm: `;
    const matches = d.typed.value === d.typeName;
    prompt = (
      <Text wrap="truncate">
        {truncate(label, Math.max(1, width - 8))}
        <TextInput value={d.typed.value} cursor={d.typed.cursor} focused width={Math.max(1, width - Array.from(label).length - 2)} />
        <Text color={matches ? p.ok : undefined}>{matches ? ' ✓' : ''}</Text>
      </Text>
    );
  } else prompt = <Text bold>{truncate(d.phase === 'error' ? '  y tries again · n or Esc closes' : '  y applies · n or Esc cancels', width)}</Text>;
  const keysLine = d.typeName && d.phase !== 'running' ? 'Enter applies once the name matches · Esc cancels' : '';
  return (
    <Box flexDirection="column">
      <RowsView rows={body} theme={theme} />
      {prompt}
      {keysLine ? <Text color={p.dim}>{truncate(`  ${keysLine}`, width)}</Text> : null}
      {d.message ? <Text color={d.phase === 'error' ? p.error : p.warn}>{truncate(`  ${sanitize(d.message)}`, width)}</Text> : null}
    </Box>
  );
}

export function AnalyticsScreen({ ctx, options = {} }: { ctx: ScreenContext; options?: AnalyticsScreenOptions }): React.ReactElement {
  const session = ctx.session;
  const ctl = useMemo(() => analyticsFor(session, { env: options.env, ...options.controller }), [session, options.env, options.controller]);
  const snap = useSyncExternalStore(ctl.subscribe, ctl.getSnapshot, ctl.getSnapshot);
  const live = useMeter(session.meter);
  const [stateRef, setState] = useRefState<AnalyticsState>(() => initialAnalytics);
  const s = stateRef.current;
  const ctxRef = useRef(ctx);
  ctxRef.current = ctx;
  const { mounted, abort: applying } = useScreenRun(() => modes.delete(ctxRef.current.session));
  const readOnly = session.readOnly;
  const p = palette(ctx);
  const width = ctx.width;
  const contentH = Math.max(1, ctx.height - 2);

  // The inventory drives the fleet figures and re-derives recommendations (an applied change makes its own go).
  const inventoryReady = !ctx.snapshot.initial;
  useEffect(() => {
    ctl.setResources(ctx.resources);
    if (inventoryReady) void ctl.analyse(ctx.resources);
  }, [ctl, ctx.resources, inventoryReady]);
  useEffect(() => {
    void ctl.refreshCosts();
  }, [ctl]);
  useEffect(() => {
    if (!inventoryReady) return;
    ctl.open(() => ctxRef.current.resources);
    return () => ctl.close();
  }, [ctl, inventoryReady]);

  const byId = useMemo(() => new Map(ctx.resources.map((r) => [r.id, r])), [ctx.resources]);
  const names = useMemo(() => new Map(ctx.resources.map((r) => [r.id, { name: r.name, type: r.type as StorageType }])), [ctx.resources]);
  const recs = snap.analysis.recommendations;
  const stateOf = useCallback((r: Recommendation) => applyStateOf(r, snap, readOnly, byId), [snap, readOnly, byId]);
  const costAgeMs = snap.costs.summary ? ctx.now - Date.parse(snap.costs.summary.fetchedAt) : undefined;
  // The analysis meter's last refresh is the last 30-day analysis (one fetch per analysis).
  const figures: ApiCostFigures = { live, analysis: snap.analysisMeter, analysisMetricsPerRun: snap.analysisMeter.lastRefreshMetrics, region: session.backend.region };

  const selected = Math.max(0, Math.min(s.selected, recs.length - 1));
  const recLayout = useCallback((sel: number) => recRows(snap, sel, width, p, stateOf), [snap, width, p, stateOf]);
  let rows: Row[];
  let recView: { rows: Row[]; blocks: { start: number; end: number }[] } = { rows: [], blocks: [] };
  switch (s.section) {
    case 'overview':
      rows = overviewRows(snap, snap.fleet, width, p);
      break;
    case 'costs':
      rows = costRows(snap, width, Math.max(4, Math.min(10, Math.floor(contentH / 2) - 2)), p, costAgeMs, apiCost(figures).ceRequestUsd);
      break;
    case 'recs':
      recView = recLayout(selected);
      rows = recView.rows;
      break;
    case 'patterns':
      rows = patternRows(snap, names, width, p, ctx.now);
      break;
    case 'api':
      rows = apiRows(figures, width, p);
      break;
  }
  const help = helpRows(figures, readOnly, width, p);
  const scroll = Math.max(0, Math.min(s.scroll[s.section], Math.max(0, rows.length - contentH)));

  const envRef = useRef<AnalyticsEnv | null>(null);
  envRef.current = {
    total: rows.length,
    page: contentH,
    blocks: recView.blocks,
    recLayout: (i) => {
      const v = recLayout(i);
      return { blocks: v.blocks, total: v.rows.length };
    },
    recIds: recs.map((r) => r.id),
    canApply: (i) => recs[i] !== undefined && stateOf(recs[i]) === 'available',
    typeNameFor: (i) => {
      const r = recs[i];
      if (r?.optimize?.kind !== 'ebs-snapshot-delete') return undefined;
      const info = byId.get(r.resourceId);
      return info ? sanitize(info.name || info.id) : undefined;
    },
    helpTotal: help.length,
    readOnly,
  };

  const apply = useCallback(
    (recId: string) => {
      const c = ctxRef.current;
      if (c.session.readOnly) return;
      const rec = ctl.getSnapshot().analysis.recommendations.find((r) => r.id === recId);
      const info = rec ? c.resources.find((r) => r.id === rec.resourceId) : undefined;
      if (!rec?.optimize || !info) {
        setState(dialogFailed(stateRef.current, recId, 'This recommendation is no longer current: Esc closes, r refreshes.'));
        return;
      }
      const action = rec.optimize;
      const abort = new AbortController();
      applying.current = abort;
      applyOptimization(c.session.backend.pool, info, action, auditFor(c.session, options.env), { signal: abort.signal }).then(
        (res) => {
          if (applying.current === abort) applying.current = null;
          ctl.markApplied(recId);
          const cur = ctxRef.current;
          cur.session.refresh();
          cur.flash(`Applied: ${describeAction(info, action)}${res.snapshotId ? `; snapshot ${res.snapshotId} keeps the data` : ''}. Refreshing the inventory…`, 'info');
          if (mounted.current && stateRef.current.dialog?.recId === recId) {
            setState({ ...stateRef.current, dialog: undefined });
            modes.set(cur.session, stateRef.current.help ? 'help' : 'sections');
          }
        },
        (e: unknown) => {
          if (applying.current === abort) applying.current = null;
          if (abort.signal.aborted || !mounted.current) return;
          const msg = e instanceof StorageError ? `${e.message}. ${e.hint}` : e instanceof Error ? e.message : String(e);
          setState(dialogFailed(stateRef.current, recId, msg));
        },
      );
    },
    [applying, ctl, mounted, options.env, setState, stateRef],
  );

  const handler = useCallback(
    (input: string, key: Key): boolean => {
      const env = envRef.current;
      if (!env) return false;
      const before = stateRef.current;
      const r = analyticsKey(before, formKey(input, key), env);
      setState(r.state);
      const c = ctxRef.current;
      modes.set(c.session, r.state.dialog ? (r.state.dialog.typeName ? 'dialog-typed' : 'dialog') : r.state.help ? 'help' : 'sections');
      // The message line says what the dialog wants (and the shell redraws its hint bar with it).
      if (r.state.dialog && !before.dialog) c.flash(r.state.dialog.typeName ? `Type ${r.state.dialog.typeName} and press Enter to apply, Esc to cancel.` : 'Review the change: y applies it, n or Esc cancels.', 'info');
      else if (!r.state.dialog && before.dialog && !r.effect) c.flash('Cancelled: nothing was changed.', 'info');
      const effect = r.effect;
      if (effect?.kind === 'refresh') {
        c.session.refresh();
        void ctl.ensure(c.resources, { force: true });
        c.flash(`Refreshing costs (${CE_REQUESTS_PER_REFRESH} Cost Explorer requests, billed per request) and the 30-day analysis…`, 'info');
      } else if (effect?.kind === 'apply') apply(effect.recId);
      else if (effect?.kind === 'stop') {
        applying.current?.abort();
        applying.current = null;
        ctxRef.current.flash('Stopped waiting: what AWS accepted keeps going; r refreshes to see where it stands.', 'warn');
        ctxRef.current.session.refresh();
      }
      return r.consumed;
    },
    [apply, applying, ctl, setState, stateRef],
  );

  useScreenKeys(ctx, handler);

  let body: React.ReactNode;
  if (s.dialog) {
    const rec = recs.find((r) => r.id === s.dialog?.recId);
    const info = rec ? byId.get(rec.resourceId) : undefined;
    body = <DialogView d={s.dialog} rec={rec} info={info} auditPath={auditFor(session, options.env).path} width={width} height={contentH} p={p} theme={ctx.theme} />;
  } else if (s.help) {
    const max = Math.max(0, help.length - contentH);
    body = <RowsView rows={help.slice(Math.min(s.helpScroll, max), Math.min(s.helpScroll, max) + contentH)} theme={ctx.theme} />;
  } else body = <RowsView rows={rows.slice(scroll, scroll + contentH)} theme={ctx.theme} />;

  return (
    <Box flexDirection="column" height={ctx.height} overflow="hidden">
      <RowsView rows={[tabsRow(s.section, recs.length, width, p), statusRow(snap, ctx.now, width, p, costAgeMs)]} theme={ctx.theme} />
      <Box flexDirection="column" height={contentH} overflow="hidden">
        {body}
      </Box>
    </Box>
  );
}
