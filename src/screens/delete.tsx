// The delete dialog (`d`): what is lost and what is kept (previewDelete, a
// fresh look at the store), data-preserving defaults (EBS snapshot first, FSx
// final backup) with toggles to opt out, and Enter enabled only once the
// store's exact name is typed. Emptying a non-empty S3 bucket or stripping an
// EFS file system of its mount targets takes a second, explicit "y".
import React, { useCallback, useEffect, useRef, useState } from 'react';
import { Box, Text, type Key } from 'ink';
import { formKey, textReduce, textState, TextInput, toggleReduce, useRefState, wrapText, type FormColors, type FormKey, type TextState } from '../components/form/index.js';
import { deleteStorage, previewDelete, type DeleteOptions, type DeletePreview, type DeleteResult } from '../services/aws/mutations.js';
import { sanitize, truncate } from '../services/sanitize.js';
import { StorageError, TYPE_LABEL, type StorageInfo, type StorageType } from '../services/types.js';
import type { ScreenContext, ScreenDef } from '../app/screens.js';
import { auditFor } from './create/audit.js';
import { useScreenKeys, useScreenRun } from '../app/hooks.js';

// ---------------------------------------------------------------------------
// The dialog as a value and a pure key reducer.

export interface DeleteDialogState {
  opts: Required<DeleteOptions>;
  /** Index into the focusable rows: the toggles, then the name field (last). */
  focus: number;
  typed: TextState;
  scroll: number;
  /** The second confirmation (emptying) is showing. */
  confirmEmpty: boolean;
  running: boolean;
  /** Esc pressed once while running: the next Esc stops following. */
  leaveConfirm: boolean;
  progress: string[];
  message?: { text: string; level: 'info' | 'warn' | 'error' };
}

export interface DeleteToggle {
  key: keyof DeleteOptions;
  label: string;
}

/** The choices a kind offers; the defaults keep data (snapshot, final backup) and refuse to empty. */
export function deleteToggles(type: StorageType): DeleteToggle[] {
  switch (type) {
    case 'ebs':
      return [{ key: 'snapshotFirst', label: 'Snapshot first (kept until you delete it)' }];
    case 'efs':
      return [{ key: 'emptyFirst', label: 'Delete its mount targets and access points first' }];
    case 's3':
      return [{ key: 'emptyFirst', label: 'Empty the bucket first (every object and version)' }];
    default:
      return [{ key: 'finalBackup', label: 'Take a final backup (kept until you delete it)' }];
  }
}

export function initialDelete(type: StorageType): DeleteDialogState {
  return {
    opts: { snapshotFirst: true, finalBackup: true, emptyFirst: false },
    focus: deleteToggles(type).length,
    typed: textState(''),
    scroll: 0,
    confirmEmpty: false,
    running: false,
    leaveConfirm: false,
    progress: [],
  };
}

/**
 * The name to type: a bucket's own name (unique, what S3 knows it by); for the
 * others the Name tag as the list shows it, or the id when there is none.
 * Sanitized: control characters can neither be drawn nor typed.
 */
export function confirmName(info: StorageInfo): string {
  return sanitize(info.type === 's3' ? info.id : info.name || info.id);
}

export interface DeleteEnv {
  info: StorageInfo;
  /** The preview for the CURRENT options, when it has arrived. */
  preview?: DeletePreview;
  previewError?: string;
  height: number;
}

export type DeleteEffect = 'delete' | 'abort';

export interface DeleteKeyResult {
  state: DeleteDialogState;
  consumed: boolean;
  effect?: DeleteEffect;
}

/** Why Enter cannot delete yet (undefined: it can). */
export function blockedReason(s: DeleteDialogState, env: DeleteEnv): string | undefined {
  if (env.previewError) return `Could not check the store: ${env.previewError}`;
  if (!env.preview) return 'Still checking what deleting it would lose…';
  if (env.preview.refusals.length) return `Refused: ${env.preview.refusals[0]}`;
  if (s.typed.value !== confirmName(env.info)) return `Type ${confirmName(env.info)} exactly to enable Enter.`;
  return undefined;
}

export function deleteKey(s: DeleteDialogState, k: FormKey, env: DeleteEnv): DeleteKeyResult {
  const ok = (state: DeleteDialogState, effect?: DeleteEffect): DeleteKeyResult => ({ state, consumed: true, effect });
  if (k.name === 'ctrl+c') return { state: s, consumed: false };
  if (s.running) {
    if (k.name === 'escape') return s.leaveConfirm ? ok(s, 'abort') : ok({ ...s, leaveConfirm: true });
    return ok(s.leaveConfirm ? { ...s, leaveConfirm: false } : s);
  }
  if (s.confirmEmpty) {
    if (k.text === 'y' || k.text === 'Y') return ok({ ...s, confirmEmpty: false, message: undefined }, 'delete');
    // Anything else backs out of the second confirmation: nothing is emptied by a slip of a key.
    return ok({ ...s, confirmEmpty: false, message: { text: 'Not emptied, nothing deleted.', level: 'info' } });
  }
  const toggles = deleteToggles(env.info.type);
  const onName = s.focus >= toggles.length;
  switch (k.name) {
    case 'escape':
      return { state: s, consumed: false };
    case 'up':
    case 'shift+tab':
      return ok({ ...s, focus: Math.max(0, s.focus - 1), message: undefined });
    case 'down':
    case 'tab':
      return ok({ ...s, focus: Math.min(toggles.length, s.focus + 1), message: undefined });
    case 'pageup':
      return ok({ ...s, scroll: Math.max(0, s.scroll - Math.max(1, env.height - 6)) });
    case 'pagedown':
      return ok({ ...s, scroll: s.scroll + Math.max(1, env.height - 6) });
    case 'enter': {
      const why = blockedReason(s, env);
      if (why) return ok({ ...s, message: { text: why, level: env.preview?.refusals.length || env.previewError ? 'error' : 'warn' } });
      if (s.opts.emptyFirst && (env.info.type === 's3' || env.info.type === 'efs')) return ok({ ...s, confirmEmpty: true, message: undefined });
      return ok({ ...s, message: undefined }, 'delete');
    }
  }
  if (onName) {
    const next = textReduce(s.typed, k, { maxLength: 300 });
    return ok(next === null || next === s.typed ? s : { ...s, typed: next, message: undefined });
  }
  if (k.text === '?' || k.text === ':') return { state: s, consumed: false };
  const t = toggles[s.focus];
  const v = toggleReduce(s.opts[t.key], k);
  if (v === null) return ok(s);
  // A changed choice changes what is lost: the typed name is kept, the preview is fetched again.
  return ok({ ...s, opts: { ...s.opts, [t.key]: v }, message: undefined });
}

// ---------------------------------------------------------------------------
// The view.

type Tone = 'accent' | 'dim' | 'warn' | 'error' | 'ok' | undefined;
interface DLine {
  text: string;
  tone?: Tone;
  bold?: boolean;
}

function bullets(title: string, items: readonly string[], tone: Tone, width: number): DLine[] {
  if (items.length === 0) return [];
  const out: DLine[] = [{ text: title, tone, bold: true }];
  for (const it of items) {
    const wrapped = wrapText(sanitize(it), Math.max(4, width - 4));
    wrapped.forEach((l, i) => out.push({ text: `${i === 0 ? '  • ' : '    '}${l}`, tone: tone === 'error' ? 'error' : undefined }));
  }
  return out;
}

export function previewLines(p: DeletePreview, width: number): DLine[] {
  return [
    ...bullets('Refused: nothing will be changed while this holds', p.refusals, 'error', width),
    ...bullets('Will be lost', p.lost, 'warn', width),
    ...bullets('Will be kept', p.kept, 'ok', width),
  ];
}

export const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

function Line({ l, width, colors }: { l: DLine; width: number; colors: FormColors }): React.ReactElement {
  return (
    <Text wrap="truncate" color={l.tone && l.tone !== 'dim' ? colors[l.tone] : undefined} dimColor={l.tone === 'dim'} bold={l.bold}>
      {truncate(l.text, Math.max(1, width)) || ' '}
    </Text>
  );
}

function pad(lines: React.ReactElement[], n: number, key: string): React.ReactElement[] {
  const out = lines.slice(0, Math.max(0, n));
  while (out.length < n) out.push(<Text key={`${key}${out.length}`}> </Text>);
  return out;
}

export function DeleteView({ s, env, frame, colors, width, height }: { s: DeleteDialogState; env: DeleteEnv; frame: number; colors: FormColors; width: number; height: number }): React.ReactElement {
  const info = env.info;
  const what = `${TYPE_LABEL[info.type]} ${info.id}${info.name && info.name !== info.id ? ` (${sanitize(info.name)})` : ''}`;
  const title = <Line l={{ text: `Delete ${what} in ${info.region}`, tone: 'error', bold: true }} width={width} colors={colors} />;
  const body = Math.max(1, height - 2);

  if (s.running || s.confirmEmpty) {
    const lines: DLine[] = [];
    if (s.running) {
      lines.push({ text: `${SPINNER[frame % SPINNER.length]} Deleting ${what}…`, tone: 'accent', bold: true });
      for (const p of s.progress.slice(-Math.max(1, body - 2))) lines.push({ text: `  ${sanitize(p)}` });
    } else {
      const items = env.preview?.lost ?? [];
      lines.push({ text: 'Second confirmation', tone: 'error', bold: true });
      const verb = info.type === 's3' ? `Empty s3://${sanitize(info.id)} before deleting it` : `Delete the mount targets and access points of ${info.id} before deleting it`;
      for (const l of wrapText(`${verb}: this cannot be undone.`, width)) lines.push({ text: l, tone: 'warn' });
      lines.push(...bullets('Lost for good', items, 'warn', width));
      lines.push({ text: '' });
      lines.push({ text: 'Press y to go ahead. Any other key goes back without changing anything.', tone: 'accent', bold: true });
    }
    const keys = s.running ? (s.leaveConfirm ? 'Esc again: stop following (what AWS accepted keeps going; a pending snapshot still protects the data)' : 'Esc leave (asks first)') : 'y go ahead  any other key: back';
    return (
      <Box flexDirection="column" height={height} overflow="hidden">
        {title}
        {pad(lines.map((l, i) => <Line key={`r${i}`} l={l} width={width} colors={colors} />), body, 'rp')}
        <Line l={{ text: keys, tone: s.leaveConfirm ? 'warn' : 'dim' }} width={width} colors={colors} />
      </Box>
    );
  }

  const toggles = deleteToggles(info.type);
  const fixed = 1 + toggles.length + 2; // title, toggles, name line, status line
  const area = Math.max(1, height - fixed);
  let lines: DLine[];
  if (env.previewError) lines = wrapText(`Could not check ${info.id}: ${sanitize(env.previewError)}`, width).map((text) => ({ text, tone: 'error' as const }));
  else if (!env.preview) lines = [{ text: `${SPINNER[frame % SPINNER.length]} Checking ${info.id} as it is now…`, tone: 'dim' }];
  else lines = previewLines(env.preview, width);
  const maxScroll = Math.max(0, lines.length - area);
  const scroll = Math.min(s.scroll, maxScroll);
  const shown = lines.slice(scroll, scroll + area);
  if (lines.length > area && shown.length) shown[shown.length - 1] = { text: `  … ${lines.length - scroll - area + 1} more lines: PgDn`, tone: 'dim' };

  const target = confirmName(info);
  const matches = s.typed.value === target;
  const status = s.message ?? (blockedReason(s, env) ? undefined : { text: 'Enter deletes. Esc cancels.', level: 'warn' as const });
  const statusLine: DLine = status ? { text: status.text, tone: status.level === 'info' ? 'dim' : status.level } : { text: `↑↓ choose  Space toggles  type the name  Enter delete  Esc cancel`, tone: 'dim' };
  const label = `Type ${target} to confirm: `;
  const onName = s.focus >= toggles.length;
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      {title}
      {pad(shown.map((l, i) => <Line key={`p${scroll + i}`} l={l} width={width} colors={colors} />), area, 'pp')}
      {toggles.map((t, i) => (
        <Text key={t.key} wrap="truncate">
          <Text color={s.focus === i ? colors.accent : undefined}>{s.focus === i ? '› ' : '  '}</Text>
          {truncate(`${s.opts[t.key] ? '[x]' : '[ ]'} ${t.label}`, Math.max(1, width - 2))}
        </Text>
      ))}
      <Text wrap="truncate">
        <Text color={onName ? colors.accent : undefined}>{onName ? '› ' : '  '}</Text>
        {truncate(label, Math.max(1, width - 6))}
        <TextInput value={s.typed.value} cursor={s.typed.cursor} focused={onName} width={Math.max(1, width - 2 - Array.from(label).length - 2)} />
        <Text color={matches ? colors.ok : undefined}>{matches ? ' ✓' : ''}</Text>
      </Text>
      <Line l={statusLine} width={width} colors={colors} />
    </Box>
  );
}

// ---------------------------------------------------------------------------
// The screen.

/** Options for tests: how long deletion waits poll (default: fast in the simulated region). */
export interface DeleteScreenOptions {
  intervalMs?: number;
  env?: NodeJS.ProcessEnv;
}

function resultText(info: StorageInfo, r: DeleteResult): string {
  if (r.snapshotId) return `Deleted ${info.id}; snapshot ${r.snapshotId} keeps its data.`;
  if (r.backupRequested) return `Deleting ${info.id}; a final backup is taken first and kept.`;
  return `Deleting ${info.id}.`;
}

export function DeleteScreen({ ctx, options = {} }: { ctx: ScreenContext; options?: DeleteScreenOptions }): React.ReactElement {
  const info = ctx.resource;
  const [stateRef, setState] = useRefState<DeleteDialogState>(() => initialDelete(info?.type ?? 'ebs'));
  const [preview, setPreview] = useState<{ key: string; p?: DeletePreview; error?: string } | null>(null);
  const [frame, setFrame] = useState(0);
  /** Bumped to look at the store again (after a failed attempt changed it). */
  const [generation, setGeneration] = useState(0);
  const ctxRef = useRef(ctx);
  ctxRef.current = ctx;
  const { mounted, abort } = useScreenRun();
  // The store as it was when the dialog opened: a refresh must not change what the typed name confirms.
  const target = useRef(info);
  if (!target.current && info) target.current = info;
  const store = target.current;
  const s = stateRef.current;
  const optsKey = JSON.stringify(s.opts);

  useEffect(() => {
    if (!store) return;
    let live = true;
    previewDelete(ctxRef.current.session.backend.pool, store, s.opts).then(
      (p) => live && mounted.current && setPreview({ key: optsKey, p }),
      (e: unknown) => live && mounted.current && setPreview({ key: optsKey, error: e instanceof StorageError ? `${e.message}. ${e.hint}` : e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
    // The options are fully described by optsKey.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store, optsKey, generation]);

  const envOf = useCallback((): DeleteEnv | undefined => {
    if (!store) return undefined;
    const cur = preview && preview.key === JSON.stringify(stateRef.current.opts) ? preview : undefined;
    return { info: store, preview: cur?.p, previewError: cur?.error, height: ctxRef.current.height };
  }, [preview, store, stateRef]);

  const run = useCallback(() => {
    if (!store) return;
    const controller = new AbortController();
    abort.current = controller;
    const cur = stateRef.current;
    setState({ ...cur, running: true, leaveConfirm: false, progress: [], message: undefined });
    const session = ctxRef.current.session;
    deleteStorage(session.backend.pool, store, {
      ...cur.opts,
      audit: auditFor(session, options.env),
      signal: controller.signal,
      intervalMs: options.intervalMs ?? (session.backend.mode === 'sim' ? 200 : undefined),
      onProgress: (m) => {
        if (!mounted.current || abort.current !== controller) return;
        const st = stateRef.current;
        setState({ ...st, progress: [...st.progress.slice(-20), m] });
      },
    }).then(
      (r) => {
        if (abort.current !== controller) return;
        session.store.upsert({ ...store, state: 'deleting', rawState: 'deleting' });
        session.refresh();
        ctxRef.current.flash(resultText(store, r), 'info');
        if (mounted.current) ctxRef.current.back();
      },
      (e: unknown) => {
        if (!mounted.current || abort.current !== controller) return;
        const msg = e instanceof StorageError ? `${e.message}. ${e.hint}` : e instanceof Error ? e.message : String(e);
        const st = stateRef.current;
        setState({ ...st, running: false, leaveConfirm: false, message: { text: msg, level: 'error' } });
        // What is there changed (a snapshot, emptied objects): look again.
        setPreview(null);
        setGeneration((g) => g + 1);
      },
    );
  }, [abort, mounted, options.env, options.intervalMs, setState, stateRef, store]);

  const handler = useCallback(
    (input: string, key: Key): boolean => {
      const env = envOf();
      if (!env || ctxRef.current.session.backend.readOnly) return false;
      const r = deleteKey(stateRef.current, formKey(input, key), env);
      setState(r.state);
      if (r.effect === 'delete') run();
      if (r.effect === 'abort') {
        abort.current?.abort();
        abort.current = null;
        ctxRef.current.flash(`Stopped following the deletion of ${env.info.id}: what AWS accepted keeps going; refresh (r) to see where it stands.`, 'warn');
        ctxRef.current.session.refresh();
        ctxRef.current.back();
      }
      return r.consumed;
    },
    [abort, envOf, run, setState, stateRef],
  );

  useScreenKeys(ctx, handler);

  const busy = s.running || !preview || preview.key !== optsKey;
  useEffect(() => {
    if (!busy) return;
    const id = setInterval(() => setFrame((f) => f + 1), 120);
    return () => clearInterval(id);
  }, [busy]);

  const colors = ctx.theme;
  if (ctx.session.backend.readOnly) return <Text color={colors.warn}>Read-only: deleting is disabled. Esc goes back.</Text>;
  if (!store) return <Text color={colors.warn}>This store is gone (deleted, or no longer listed). Esc goes back.</Text>;
  const env = envOf() as DeleteEnv;
  return <DeleteView s={s} env={env} frame={frame} colors={colors} width={ctx.width} height={ctx.height} />;
}

/** The dialog's screen definition; tests register one with injected timing. */
export function deleteScreenDef(options: DeleteScreenOptions = {}): ScreenDef {
  return {
    render: (ctx) => <DeleteScreen ctx={ctx} options={options} />,
    hints: () => [
      { keys: 'Enter', label: 'delete' },
      { keys: 'Esc', label: 'cancel' },
      { keys: '^C', label: 'quit' },
    ],
  };
}

