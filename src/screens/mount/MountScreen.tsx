// The mount screen (`m`): the recommended method and why, the choices, the
// full script with syntax highlighting (scrollable, sized to the window),
// warnings first; `y` copies it (OSC 52), `w` saves it (mode 700), `i` mounts
// it on an instance through SSM Run Command (hidden with --read-only).
// State lives in a ref-backed reducer (state.ts); this component draws it and
// carries out the effects (clipboard, file, AWS).
import React, { useCallback, useMemo, useRef } from 'react';
import { Box, Text, type Key } from 'ink';
import type { ScreenContext } from '../../app/screens.js';
import type { Theme } from '../../app/theme.js';
import { clipboardSequence } from '../../components/clipboard.js';
import { formKey, textWindow, useRefState } from '../../components/form/index.js';
import type { Sleep } from '../../services/aws/mutation-support.js';
import { instanceLabel, listMountCandidates, mountOnInstance, storeLabel, unmountOnInstance } from '../../services/mount-instance.js';
import { pad, sanitize, truncate } from '../../services/sanitize.js';
import { StorageError, type StorageInfo } from '../../services/types.js';
import { auditFor } from '../create/audit.js';
import { choicesFor, recommendation } from './choices.js';
import { clearHints, hintsFor, publishHints } from './hints.js';
import { choiceRows, clippedRows, outputRows, paneRows, pickDetail, pickHeader, pickRow, type Row, type RowKind } from './layout.js';
import { defaultScriptName, resolveScriptPath, saveScript } from './save.js';
import { editLabel, initialUi, instancesLoaded, mountKey, runEvent, runFinished, saved, scriptOf, type Effect, type Mode, type MountUi, type RunMode, type UiEnv } from './state.js';
import { useScreenKeys, useScreenRun } from '../../app/hooks.js';

/** Injected for tests and embedding; production uses the defaults. */
export interface MountScreenOptions {
  /** Where the OSC 52 sequence goes (default: the terminal, process.stdout). */
  write?: (data: string) => void;
  /** $TMUX (tmux passthrough) and the audit log's state directory. */
  env?: NodeJS.ProcessEnv;
  /** Directory a relative save path is resolved against (default: process.cwd()). */
  cwd?: () => string;
  sleep?: Sleep;
  /** Poll interval of the attachment and the command (default: 500 ms simulated, 2 s against AWS). */
  intervalMs?: number;
  now?: () => number;
}

const SYNTAX: Partial<Record<RowKind, string>> = {
  keyword: 'magenta',
  command: 'cyan',
  string: 'green',
  variable: 'yellow',
  option: 'blueBright',
};

/** The colour of a kind of text (none at all with NO_COLOR). */
export function colorOf(kind: RowKind, theme: Theme): string | undefined {
  if (theme.noColor) return undefined;
  switch (kind) {
    case 'comment':
    case 'note':
    case 'dim':
      return theme.dim;
    case 'warning':
      return theme.warn;
    case 'error':
      return theme.error;
    case 'ok':
      return theme.ok;
    case 'heading':
    case 'key':
    case 'accent':
      return theme.accent;
    default:
      return SYNTAX[kind];
  }
}

function RowView({ row, theme }: { row: Row; theme: Theme }): React.ReactElement {
  if (!row.length) return <Text> </Text>;
  return (
    <Text wrap="truncate">
      {row.map((s, i) => (
        <Text key={i} color={colorOf(s.kind, theme)} bold={s.kind === 'warning' || s.kind === 'error' || s.kind === 'heading' || s.kind === 'key'} inverse={s.kind === 'inverse'}>
          {s.text}
        </Text>
      ))}
    </Text>
  );
}

function Rows({ rows, theme }: { rows: Row[]; theme: Theme }): React.ReactElement {
  return (
    <>
      {rows.map((r, i) => (
        <RowView key={i} row={r} theme={theme} />
      ))}
    </>
  );
}

const one = (text: string, kind: RowKind): Row => [{ text, kind }];

/** "left ... right" in exactly `width` cells. */
function titleRow(left: string, right: string, width: number): Row {
  const r = truncate(right, Math.max(0, Math.floor(width / 2)));
  const l = pad(left, Math.max(0, width - Array.from(r).length - (r ? 1 : 0)));
  return r ? [{ text: l, kind: 'heading' }, { text: ` ${r}`, kind: 'dim' }] : [{ text: l, kind: 'heading' }];
}

function errorText(e: unknown): string {
  if (e instanceof StorageError) return `${e.message}. ${e.hint}`;
  return e instanceof Error ? e.message : String(e);
}

export function MountScreen({ ctx, options = {} }: { ctx: ScreenContext; options?: MountScreenOptions }): React.ReactElement {
  const info = ctx.resource;
  if (!info) return <Text color={ctx.theme.warn}>This store is gone (deleted, or no longer listed). Esc goes back.</Text>;
  return <MountBody key={`${info.type}:${info.region}:${info.id}`} ctx={ctx} info={info} options={options} />;
}

interface Layout {
  rows: Row[];
  env: Omit<UiEnv, 'info' | 'readOnly' | 'scriptOk' | 'defaultSavePath'>;
}

function MountBody({ ctx, info, options }: { ctx: ScreenContext; info: StorageInfo; options: MountScreenOptions }): React.ReactElement {
  const [uiRef, setUi] = useRefState<MountUi>(() => initialUi(info));
  const ui = uiRef.current;
  const ctxRef = useRef(ctx);
  ctxRef.current = ctx;
  const infoRef = useRef(info);
  infoRef.current = info;
  const { mounted, abort } = useScreenRun(() => clearHints(ctxRef.current.session));
  const { width, height, theme } = ctx;
  const readOnly = ctx.session.backend.readOnly;

  const res = useMemo(() => scriptOf(info, ui.choices), [info, ui.choices]);
  const pane = useMemo(() => paneRows(res, width), [res, width]);
  const choices = useMemo(() => choicesFor(info, ui.choices), [info, ui.choices]);
  const language = res.ok ? res.script.language : 'bash';
  const defaultSavePath = `./${defaultScriptName(info.name, info.id, language)}`;

  const layout = useMemo(() => draw(ui, info, { res, pane, choices, width, height }), [ui, info, res, pane, choices, width, height]);
  const envRef = useRef<UiEnv>({ ...layout.env, info, readOnly, scriptOk: res.ok, defaultSavePath });
  envRef.current = { ...layout.env, info, readOnly, scriptOk: res.ok, defaultSavePath };
  const scriptRef = useRef(res);
  scriptRef.current = res;

  /** Sets the state; publishes the hint bar and asks the shell to redraw it (with a message) when it changed. */
  const commit = useCallback(
    (next: MountUi, message?: { text: string; level?: 'info' | 'warn' | 'error' }) => {
      const prev = uiRef.current;
      if (next === prev && !message) return;
      setUi(next);
      const c = ctxRef.current;
      publishHints(c.session, hintsFor(next, infoRef.current, c.session.backend.readOnly));
      const msg = message ?? transition(prev, next, infoRef.current);
      if (msg) c.flash(msg.text, msg.level ?? 'info');
    },
    [setUi, uiRef],
  );

  const startRun = useCallback(
    (confirm: Extract<Mode, { kind: 'confirm' }>) => {
      const c = ctxRef.current;
      const controller = new AbortController();
      abort.current = controller;
      const run = confirm.action === 'mount' ? mountOnInstance : unmountOnInstance;
      const backend = c.session.backend;
      run(backend.pool, infoRef.current, confirm.check.instance.id, confirm.opts, {
        audit: auditFor(c.session, options.env),
        readOnly: backend.readOnly,
        signal: controller.signal,
        sleep: options.sleep,
        now: options.now,
        intervalMs: options.intervalMs ?? (backend.mode === 'sim' ? 500 : undefined),
        onEvent: (e) => {
          if (mounted.current) commit(runEvent(uiRef.current, e), e.type === 'status' ? { text: `Systems Manager: ${e.status}`, level: 'info' } : undefined);
        },
      }).then((r) => {
        if (!mounted.current) return;
        abort.current = null;
        commit(runFinished(uiRef.current, r), { text: r.message, level: r.ok ? 'info' : r.status === 'failed' || r.status === 'refused' ? 'error' : 'warn' });
        // The store changed (attached / detached): show it in the list.
        if (infoRef.current.type === 'ebs' && r.steps.some((s) => (s.id === 'attach' || s.id === 'detach') && s.state === 'done')) c.session.refresh();
      });
    },
    [abort, commit, mounted, options.env, options.intervalMs, options.now, options.sleep, uiRef],
  );

  const runEffect = useCallback(
    (effect: Effect, prev: MountUi) => {
      const c = ctxRef.current;
      const script = scriptRef.current;
      switch (effect.kind) {
        case 'copy': {
          if (!script.ok) return;
          const seq = clipboardSequence(script.script.script, options.env ?? process.env);
          if (seq.refused) {
            commit(uiRef.current, { text: `Not copied: ${seq.refused}. Save it with w instead.`, level: 'warn' });
            return;
          }
          (options.write ?? ((d: string) => process.stdout.write(d)))(seq.sequence);
          const lines = script.script.script.split('\n').length;
          const tmux = seq.via === 'tmux' ? { level: 'info' as const, text: 'Sent through tmux: the clipboard is set when tmux has set-clipboard on, or (tmux 3.3+) allow-passthrough on.' } : uiRef.current.notice;
          commit({ ...uiRef.current, notice: tmux }, { text: `Copied the script (${lines} lines) to the clipboard with OSC 52.`, level: 'info' });
          return;
        }
        case 'save': {
          if (!script.ok) return;
          const path = resolveScriptPath(effect.path, (options.cwd ?? (() => process.cwd()))());
          const r = saveScript(path, script.script.script, effect.overwrite);
          commit(saved(uiRef.current, r, script.script.language));
          return;
        }
        case 'load-instances': {
          const current = infoRef.current;
          listMountCandidates(c.session.backend.pool, current).then(
            (rows) => mounted.current && commit(instancesLoaded(uiRef.current, rows)),
            (e: unknown) => mounted.current && commit(instancesLoaded(uiRef.current, { error: `Could not list the instances: ${errorText(e)}` })),
          );
          return;
        }
        case 'start-run':
          if (prev.mode.kind === 'confirm') startRun(prev.mode);
          return;
        case 'stop-run':
          abort.current?.abort();
          return;
      }
    },
    [abort, commit, mounted, options.cwd, options.env, options.write, startRun, uiRef],
  );

  const handler = useCallback(
    (input: string, key: Key): boolean => {
      const prev = uiRef.current;
      const r = mountKey(prev, formKey(input, key), envRef.current);
      commit(r.state);
      if (r.effect) runEffect(r.effect, prev);
      return r.consumed;
    },
    [commit, runEffect, uiRef],
  );

  // Installed on commit (not after paint): a key typed right after `m` reaches this screen.
  useScreenKeys(ctx, handler);

  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Rows rows={layout.rows} theme={theme} />
    </Box>
  );
}

/** The message (and hint-bar refresh) a state change deserves, if any. */
function transition(prev: MountUi, next: MountUi, info: StorageInfo): { text: string; level?: 'info' | 'warn' | 'error' } | undefined {
  const a = prev.mode;
  const b = next.mode;
  if (a.kind === b.kind) {
    if (b.kind === 'view' && prev.choices !== next.choices) {
      const before = new Map(choicesFor(info, prev.choices).map((c) => [c.id, c.value]));
      const changed = choicesFor(info, next.choices).find((c) => before.get(c.id) !== c.value);
      return { text: changed ? `${changed.label}: ${changed.value}` : 'Choices changed.' };
    }
    if (b.kind === 'pick' && a.kind === 'pick' && b.load !== a.load) {
      if (b.load === 'ready') {
        const ready = b.rows.filter((r) => r.ok && r.ssmManaged === true).length;
        const unknown = b.rows.filter((r) => r.ok && r.ssmManaged === undefined).length;
        return { text: `${b.rows.length} instance${b.rows.length === 1 ? '' : 's'}: ${ready} ready for Run Command${unknown ? `, ${unknown} with Systems Manager status unknown` : ''}.` };
      }
      if (b.load === 'error') return { text: b.error ?? 'Could not list the instances.', level: 'error' };
      return { text: 'Looking for instances…' };
    }
    if (b.kind === 'pick' && a.kind === 'pick' && b.error && b.error !== a.error) return { text: 'Cannot mount there: see below.', level: 'warn' };
    return undefined;
  }
  switch (b.kind) {
    case 'edit':
      return { text: `Editing the ${editLabel(b.field)}: Enter applies, Esc cancels.` };
    case 'save':
      return a.kind === 'overwrite' ? { text: 'Choose another name.' } : b.error ? { text: b.error, level: 'error' } : { text: 'Save the script: edit the path, Enter saves it (mode 700).' };
    case 'overwrite':
      return { text: `${b.path} exists: y replaces it, n keeps it.`, level: 'warn' };
    case 'pick':
      return a.kind === 'confirm' ? { text: 'Pick an instance.' } : { text: 'Looking for instances…' };
    case 'confirm':
      return { text: 'Check the steps: Enter runs them, Esc goes back.' };
    case 'run':
      return { text: `${b.action === 'mount' ? 'Mounting' : 'Unmounting'} on ${instanceLabel(b.check.instance)}…` };
    case 'view':
      if (a.kind === 'edit') return prev.choices !== next.choices ? { text: 'Applied.' } : { text: 'Edit cancelled.' };
      if (a.kind === 'save' || a.kind === 'overwrite') return next.notice ? { text: next.notice.text, level: next.notice.level } : { text: 'Not saved.' };
      if (next.notice && next.notice !== prev.notice) return { text: next.notice.text, level: next.notice.level };
      return { text: 'Back to the script.' };
  }
}

interface DrawInput {
  res: ReturnType<typeof scriptOf>;
  pane: ReturnType<typeof paneRows>;
  choices: ReturnType<typeof choicesFor>;
  width: number;
  height: number;
}

/** Every row of the body for the current state, never more than `height`. */
function draw(ui: MountUi, info: StorageInfo, d: DrawInput): Layout {
  const { width, height } = d;
  const base = { page: 1, total: 0, outputPage: 1, outputTotal: 0, listPage: 1 };
  const m = ui.mode;
  if (m.kind === 'pick') return drawPick(m, info, width, height, base);
  if (m.kind === 'confirm') return { rows: drawConfirm(m, info, width, height), env: base };
  if (m.kind === 'run') return drawRun(m, info, width, height, base);

  const rows: Row[] = [];
  const method = d.res.ok ? d.res.script.method : undefined;
  const top = Math.max(0, ui.scroll);
  rows.push(titleRow(`Mount ${storeLabel(info)}`, '', width));
  rows.push(...clippedRows(recommendation(info, ui.choices, method), width, 'accent', height >= 16 ? 2 : 1));
  rows.push(...choiceRows(d.choices, width));
  if (m.kind === 'edit' || m.kind === 'save') {
    const label = m.kind === 'edit' ? `${editLabel(m.field)}: ` : 'save to: ';
    const w = textWindow(m.text.value, m.text.cursor, Math.max(1, width - label.length - 1));
    rows.push([
      { text: label, kind: 'key' },
      { text: sanitize(w.before), kind: 'plain' },
      { text: sanitize(w.at), kind: 'inverse' },
      { text: sanitize(w.after), kind: 'plain' },
    ]);
    if (m.error) rows.push(...clippedRows(m.error, width, 'error', 2));
  } else if (m.kind === 'overwrite') {
    rows.push(...clippedRows(`${m.path} exists. Replace it? y replaces, n keeps it.`, width, 'warning', 2));
  }
  if (ui.notice) rows.push(...clippedRows(ui.notice.text, width, ui.notice.level === 'info' ? 'ok' : ui.notice.level === 'warn' ? 'warning' : 'error', 3));
  const room = Math.max(1, height - rows.length);
  const total = d.pane.rows.length;
  const marker = d.pane.warnings > 0 && top >= d.pane.warningRows && top > 0;
  const page = Math.max(1, room - (marker ? 1 : 0));
  const from = Math.min(top, Math.max(0, total - page));
  if (marker) rows.push(one(truncate(`⚠ ${d.pane.warnings} warning${d.pane.warnings === 1 ? '' : 's'} above: g goes to the top`, width), 'warning'));
  rows.push(...d.pane.rows.slice(from, from + page));
  // The position in the title row.
  rows[0] = titleRow(`Mount ${storeLabel(info)}`, total > page ? `${from + 1}-${Math.min(total, from + page)}/${total}` : '', width);
  return { rows: rows.slice(0, height), env: { ...base, page, total } };
}

function drawPick(m: Extract<Mode, { kind: 'pick' }>, info: StorageInfo, width: number, height: number, base: Layout['env']): Layout {
  const rows: Row[] = [titleRow(`Mount ${storeLabel(info)} on an instance`, m.load === 'ready' ? `${m.rows.length} instances` : '', width)];
  if (m.load === 'loading') {
    rows.push(one('Looking for instances (EC2 DescribeInstances, Systems Manager DescribeInstanceInformation)…', 'dim'));
    return { rows: rows.slice(0, height), env: base };
  }
  if (m.load === 'error' || !m.rows.length) {
    rows.push(...clippedRows(m.error ?? 'No instances in this region.', width, 'error', Math.max(1, height - 2)), one('r tries again, Esc goes back.', 'dim'));
    return { rows: rows.slice(0, height), env: base };
  }
  const detailMax = Math.max(1, Math.min(5, height - 5));
  const detail = pickDetail(m.rows[m.cursor], m.error, width, detailMax);
  const listPage = Math.max(1, height - 2 - detail.length - 1);
  rows.push(pickHeader(width));
  const start = Math.max(0, Math.min(m.cursor - Math.floor(listPage / 2), m.rows.length - listPage));
  for (let i = start; i < Math.min(m.rows.length, start + listPage); i++) rows.push(pickRow(m.rows[i], i === m.cursor, width));
  while (rows.length < 2 + listPage) rows.push([]);
  rows.push([], ...detail);
  return { rows: rows.slice(0, height), env: { ...base, listPage } };
}

function drawConfirm(m: Extract<Mode, { kind: 'confirm' }>, info: StorageInfo, width: number, height: number): Row[] {
  const verb = m.action === 'mount' ? 'Mount' : 'Unmount';
  const rows: Row[] = [titleRow(`${verb} ${storeLabel(info)} on ${instanceLabel(m.check.instance)}?`, '', width), one('These steps run, in order:', 'dim')];
  m.steps.forEach((s, i) => rows.push(...clippedRows(s.title, width, 'plain', 3, `${i + 1}. `)));
  const warnings = [...m.script.warnings, ...m.check.warnings];
  const budget = height - rows.length - 2;
  if (warnings.length && budget > 0) {
    rows.push([]);
    let left = budget - 1;
    for (const w of warnings) {
      if (left <= 0) break;
      const r = clippedRows(w, width, 'warning', Math.min(2, left), '⚠ ');
      rows.push(...r);
      left -= r.length;
    }
  }
  const last = one(`Enter ${m.action === 'mount' ? 'mounts' : 'unmounts'} (every AWS call is recorded in the audit log); Esc goes back.`, 'key');
  return [...rows.slice(0, height - 1), last];
}

const ICON: Record<string, string> = { pending: '·', running: '›', done: '✓', failed: '✗', skipped: '–' };

function drawRun(m: RunMode, info: StorageInfo, width: number, height: number, base: Layout['env']): Layout {
  const verb = m.action === 'mount' ? 'Mounting' : 'Unmounting';
  const rows: Row[] = [titleRow(`${verb} ${storeLabel(info)} on ${instanceLabel(m.check.instance)}`, m.status ? `SSM: ${m.status}` : m.stopping ? 'stopping…' : '', width)];
  for (const s of m.steps) {
    const kind: RowKind = s.state === 'done' ? 'ok' : s.state === 'failed' ? 'error' : s.state === 'running' ? 'accent' : 'dim';
    const msg = s.state === 'failed' && s.message ? `: ${s.message}` : '';
    rows.push(one(truncate(`${ICON[s.state] ?? '·'} ${s.title}${msg}`, width), kind));
  }
  if (m.commandId) rows.push(one(truncate(`command ${m.commandId}`, width), 'dim'));
  const result: Row[] = [];
  if (m.result) {
    const r = m.result;
    result.push(...clippedRows(r.message, width, r.ok ? 'ok' : r.status === 'failed' || r.status === 'refused' ? 'error' : 'warning', 3));
    if (!r.ok && r.hint) result.push(...clippedRows(r.hint, width, 'dim', 2));
  }
  const out = outputRows(m, width);
  const outputPage = Math.max(1, height - rows.length - result.length - 1);
  const maxTop = Math.max(0, out.length - outputPage);
  const top = m.follow ? maxTop : Math.min(m.scroll, maxTop);
  rows.push(one(out.length ? `Output${out.length > outputPage ? ` ${top + 1}-${Math.min(out.length, top + outputPage)}/${out.length}` : ''}` : m.result ? 'No output.' : 'Waiting for output…', 'heading'));
  rows.push(...out.slice(top, top + outputPage));
  const body = rows.slice(0, Math.max(1, height - result.length));
  while (body.length < height - result.length) body.push([]);
  return { rows: [...body, ...result].slice(0, height), env: { ...base, outputPage, outputTotal: out.length } };
}
