// The Ink shell: header, body (top of the screen stack), message line and
// key-hint bar. ONE useInput dispatches every key: a prompt or overlay first,
// then a screen that captures raw input (forms), then the keymap table.
import React, { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { Box, Text, useApp, useInput, type Key } from 'ink';
import { Header } from '../components/Header.js';
import { KeyHints, type Hint } from '../components/KeyHints.js';
import { useNow, useStore, useTerminalSize } from './hooks.js';
import { bindingsFor, formatKey, keyName, match, type Command, type Context } from './keymap.js';
import { parseCommand } from './commands.js';
import type { Theme } from './theme.js';
import { applyQuery } from '../services/query.js';
import { sanitize, truncate } from '../services/sanitize.js';
import type { Session } from '../services/session.js';
import type { StorageInfo } from '../services/types.js';
import { ListView, cursorOf, initialListState, listCommand, rowKey, type ListState } from '../screens/list.js';
import { scrollOffset } from '../components/WindowedTable.js';
import { DetailView, detailCommand, detailLines, type DetailState } from '../screens/detail.js';
import { LinesView, helpLines, statusLines, type HelpLine } from '../screens/help.js';
import { isScreenLoading, screenRegistry, screensVersion, subscribeScreens, type ScreenContext, type ScreenKeyHandler } from './screens.js';
import { WINDOWS, type Window } from '../services/metrics/index.js';

/** One character of a multi-key read as Ink would have reported it alone. */
function splitKey(ch: string, key: Key): [string, Key] {
  const none: Key = { ...key, return: false, tab: false, backspace: false, delete: false, ctrl: false, shift: false, escape: false };
  if (ch === '\r' || ch === '\n') return ['', { ...none, return: true }];
  if (ch === '\t') return ['', { ...none, tab: true }];
  if (ch === '\u007f' || ch === '\b') return ['', { ...none, backspace: true }];
  const code = ch.charCodeAt(0);
  if (code >= 1 && code <= 26) return [String.fromCharCode(code + 96), { ...none, ctrl: true }];
  return [ch, { ...none, shift: ch !== ch.toLowerCase() }];
}

function stepWindow(w: Window, dir: 1 | -1): Window {
  const i = WINDOWS.indexOf(w) + dir;
  return WINDOWS[Math.max(0, Math.min(WINDOWS.length - 1, i))];
}

export type StackEntry = { kind: 'list' } | { kind: 'detail'; key: string } | { kind: 'custom'; id: string; key?: string };

type Overlay = { kind: 'help' | 'status'; scroll: number } | null;
type Prompt = { kind: 'filter' | 'command'; text: string; before: string } | null;

export interface AppProps {
  session: Session;
  theme: Theme;
  /** Injected clock (tests). */
  now?: () => number;
  onExit?: () => void;
}

const HEADER_ROWS = 2;
const FOOTER_ROWS = 2; // message/prompt line + hint bar

export function App({ session, theme, now = Date.now, onExit }: AppProps): React.ReactElement {
  const snap = useStore(session.store);
  const { columns, rows: termRows } = useTerminalSize();
  const { exit } = useApp();
  const clock = useNow(1000, now);
  const [stack, setStackState] = useState<StackEntry[]>([{ kind: 'list' }]);
  const [list, setListState] = useState<ListState>(initialListState);
  const [detail, setDetail] = useState<DetailState>({ key: '', scroll: 0, window: '1h' });
  // Keys can arrive faster than frames: what the dispatcher reads must be the
  // latest value, not the one captured by the last render. These three live in
  // refs (read by onKey) mirrored into state (read by the view).
  const [overlay, setOverlayState] = useState<Overlay>(null);
  const [prompt, setPromptState] = useState<Prompt>(null);
  const latest = useRef<{ stack: StackEntry[]; overlay: Overlay; prompt: Prompt; list: ListState }>({ stack, overlay, prompt, list });
  const setList = useCallback((next: ListState | ((l: ListState) => ListState)) => {
    const v = typeof next === 'function' ? next(latest.current.list) : next;
    latest.current.list = v;
    setListState(v);
  }, []);
  const setStack = useCallback((next: StackEntry[] | ((s: StackEntry[]) => StackEntry[])) => {
    const v = typeof next === 'function' ? next(latest.current.stack) : next;
    latest.current.stack = v;
    setStackState(v);
  }, []);
  const setOverlay = useCallback((v: Overlay) => {
    latest.current.overlay = v;
    setOverlayState(v);
  }, []);
  const setPrompt = useCallback((v: Prompt) => {
    latest.current.prompt = v;
    setPromptState(v);
  }, []);
  const [flash, setFlash] = useState<{ text: string; level: 'info' | 'warn' | 'error' } | null>(null);
  const screenKeys = useRef<ScreenKeyHandler | null>(null);
  // Keys for a screen that is not ready to take them yet (its code still loading, or
  // its first frame not yet committed); handed over once it is (see the effect below).
  const pendingKeys = useRef<[string, Key][]>([]);
  /** The stack entry on screen as of the last commit. */
  const committedTop = useRef<StackEntry | null>(null);
  // Redraw when a lazily loaded screen arrives.
  useSyncExternalStore(subscribeScreens, screensVersion);

  const top = stack[stack.length - 1];
  const backend = session.backend;
  const readOnly = backend.readOnly;
  // Never draw taller than the terminal (Ink would clear and flicker): rows - 1.
  const bodyHeight = Math.max(3, termRows - 1 - HEADER_ROWS - FOOTER_ROWS);
  const width = Math.max(20, columns);

  const visible = useMemo(() => applyQuery(snap.resources, list.query), [snap.resources, list.query]);
  const visibleRef = useRef({ query: list.query, rows: visible });
  visibleRef.current = { query: list.query, rows: visible };
  /** The rows for a list state, reusing the rendered ones when the query is unchanged. */
  const rowsFor = (l: ListState): readonly StorageInfo[] => (l.query === visibleRef.current.query ? visibleRef.current.rows : applyQuery(snap.resources, l.query));
  const byKey = useMemo(() => {
    const m = new Map<string, StorageInfo>();
    for (const r of snap.resources) m.set(rowKey(r), r);
    return m;
  }, [snap.resources]);
  const selected = visible[cursorOf(list, visible)];
  const detailResource = top.kind === 'detail' ? byKey.get(top.key) : top.kind === 'custom' && top.key ? byKey.get(top.key) : undefined;

  const context: Context = overlay ? 'help' : top.kind === 'list' ? 'list' : 'detail';
  const custom = top.kind === 'custom' ? screenRegistry.get(top.id) : undefined;
  const available = useCallback(
    (c: Command) => {
      if (c === 'create' || c === 'analytics') return screenRegistry.has(c);
      if (c === 'mount') return screenRegistry.has('mount');
      if (c === 'delete') return screenRegistry.has('delete');
      if (c === 'windowPrev' || c === 'windowNext') return screenRegistry.has('charts');
      return true;
    },
    [],
  );

  const quit = useCallback(() => {
    onExit?.();
    exit();
  }, [exit, onExit]);

  const push = useCallback((e: StackEntry) => setStack((s) => [...s, e]), [setStack]);
  const pop = useCallback(() => setStack((s) => (s.length > 1 ? s.slice(0, -1) : s)), [setStack]);

  const screenCtx: ScreenContext = {
    session,
    theme,
    width,
    height: bodyHeight,
    resource: detailResource ?? selected,
    resources: snap.resources,
    snapshot: snap,
    now: clock,
    push: (id, key) => push({ kind: 'custom', id, key }),
    replace: (id, key) => setStack((s) => [...s.slice(0, -1), { kind: 'custom', id, key }]),
    openDetail: (key) => {
      setDetail((d) => ({ ...d, key, scroll: 0 }));
      setStack((s) => [...s.filter((e) => e.kind === 'list'), { kind: 'detail', key }]);
    },
    back: pop,
    flash: (text, level = 'info') => setFlash({ text, level }),
    setKeyHandler: (h) => {
      screenKeys.current = h;
    },
  };

  const runCommandLine = (text: string) => {
    const p = parseCommand(text);
    switch (p.kind) {
      case 'quit':
        return quit();
      case 'help':
        return setOverlay({ kind: 'help', scroll: 0 });
      case 'kinds':
        setStack([{ kind: 'list' }]);
        return setList((l) => ({ ...l, offset: 0, query: { ...l.query, kinds: p.kinds } }));
      case 'region':
        setStack([{ kind: 'list' }]);
        setList((l) => ({ ...l, selected: undefined, offset: 0 }));
        session.switchRegions(p.regions);
        return setFlash({ text: `switched to ${p.regions.join(', ')}`, level: 'info' });
      case 'profile':
        setFlash({ text: `resolving profile ${p.profile}…`, level: 'info' });
        session.switchProfile(p.profile).then(
          () => {
            setStack([{ kind: 'list' }]);
            setFlash({ text: `switched to profile ${p.profile}`, level: 'info' });
          },
          (e: unknown) => setFlash({ text: e instanceof Error ? `${e.message}${'hint' in e ? ` — ${(e as { hint: string }).hint}` : ''}` : String(e), level: 'error' }),
        );
        return;
      case 'screen':
        if (p.screen === 'status') return setOverlay({ kind: 'status', scroll: 0 });
        if (!screenRegistry.has(p.screen)) return setFlash({ text: `:${p.screen} is not available in this build`, level: 'warn' });
        if (p.screen === 'create' && readOnly) return setFlash({ text: 'read-only: creating is disabled', level: 'warn' });
        return push({ kind: 'custom', id: p.screen });
      case 'error':
        return setFlash({ text: p.message, level: 'error' });
    }
  };

  const helpExtra = (): HelpLine[] => {
    const lines = [...screenRegistry.values()].flatMap((d) => d.helpExtra?.({ session }) ?? []);
    return lines.length ? [{ text: 'API usage', bold: true, color: 'accent' as const }, ...lines.map((text) => ({ text: `  ${text}` }))] : [];
  };
  const linesFor = (o: Overlay) => (o ? (o.kind === 'help' ? helpLines([top.kind === 'list' ? 'list' : 'detail'], readOnly, snap.chunks, clock, helpExtra()) : statusLines(snap.chunks, clock)) : []);
  const overlayLines = linesFor(overlay);

  // Tell the session what is on screen: live metrics are fetched for these stores only.
  const listCursor = cursorOf(list, visible);
  const listOffset = top.kind === 'list' ? scrollOffset(Math.max(0, listCursor), list.offset, bodyHeight - 1, visible.length) : 0;
  const onScreenIds = top.kind === 'list' && !overlay ? visible.slice(listOffset, listOffset + bodyHeight - 1).map((r) => r.id) : [];
  const detailId = detailResource?.id;
  const chartWindow = detail.window;
  useEffect(() => {
    session.setInterest({ visible: onScreenIds, detail: detailId ? { id: detailId, window: chartWindow } : undefined });
  });

  const onKey = (input: string, key: Key, replay = false) => {
    const name = keyName(input, key);
    const { prompt, overlay } = latest.current;
    const top = latest.current.stack[latest.current.stack.length - 1];
    const context: Context = overlay ? 'help' : top.kind === 'list' ? 'list' : 'detail';
    const list = latest.current.list;
    const rowsNow = rowsFor(list);
    const selected = rowsNow[cursorOf(list, rowsNow)];
    const detailResource = top.kind === 'detail' ? byKey.get(top.key) : top.kind === 'custom' && top.key ? byKey.get(top.key) : undefined;
    // 1. A prompt line owns the keyboard while open.
    if (prompt) {
      if (name === 'escape') {
        if (prompt.kind === 'filter') setList((l) => ({ ...l, query: { ...l.query, text: prompt.before } }));
        setPrompt(null);
        return;
      }
      if (name === 'enter') {
        setPrompt(null);
        if (prompt.kind === 'command') runCommandLine(prompt.text);
        return;
      }
      if (name === 'ctrl+c') return quit();
      let text = prompt.text;
      if (name === 'backspace') text = Array.from(text).slice(0, -1).join('');
      else if (name === 'ctrl+u') text = '';
      else if (!key.ctrl && !key.meta && input && !/[\u0000-\u001f\u007f]/.test(input)) text += input;
      else return;
      setPrompt({ ...prompt, text });
      if (prompt.kind === 'filter') setList((l) => ({ ...l, offset: 0, selected: undefined, query: { ...l.query, text } }));
      return;
    }
    // 2. Overlays (help, status) take priority over screens.
    if (overlay) {
      const cmd = match(name, { contexts: ['help', 'global'], readOnly });
      if (cmd === 'quit') return quit();
      if (cmd === 'back' || cmd === 'help' || name === 'e' || name === 'q') return setOverlay(null);
      // The overlay may have opened with this very burst of keys: size it from the latest state.
      const max = Math.max(0, linesFor(overlay).length - (bodyHeight - 1));
      const page = bodyHeight - 1;
      const step: Partial<Record<Command, number>> = { up: -1, down: 1, pageUp: -page, pageDown: page, top: -Infinity, bottom: Infinity };
      if (cmd && step[cmd] !== undefined) setOverlay({ ...overlay, scroll: Math.max(0, Math.min(max, overlay.scroll + (step[cmd] as number))) });
      if (cmd === 'refresh') session.refresh();
      return;
    }
    // 3. A screen with its own form input (wizard, dialogs) sees raw keys first. One that
    // is still loading, or has not drawn its first frame, gets them when it is ready.
    if (top.kind === 'custom' && !replay && name !== 'ctrl+c' && (isScreenLoading(top.id) || committedTop.current !== top || pendingKeys.current.length > 0)) {
      pendingKeys.current.push([input, key]);
      return;
    }
    if (top.kind === 'custom' && screenKeys.current && screenKeys.current(input, key)) return;
    // 4. The keymap.
    const cmd = match(name, { contexts: [context, 'global'], readOnly, available });
    if (!cmd) return;
    setFlash(null);
    switch (cmd) {
      case 'quit':
        return quit();
      case 'help':
        return setOverlay({ kind: 'help', scroll: 0 });
      case 'errors':
        return setOverlay({ kind: 'status', scroll: 0 });
      case 'refresh':
        session.refresh();
        return setFlash({ text: 'refreshing…', level: 'info' });
      case 'command':
        return setPrompt({ kind: 'command', text: '', before: '' });
      case 'filter':
        return setPrompt({ kind: 'filter', text: list.query.text, before: list.query.text });
      case 'back':
        if (top.kind === 'list') {
          if (list.query.text || list.query.kinds) setList((l) => ({ ...l, query: { ...l.query, text: '', kinds: null } }));
          return;
        }
        return pop();
      case 'open':
        if (top.kind === 'list' && selected) {
          setDetail((d) => ({ ...d, key: rowKey(selected), scroll: 0 }));
          push({ kind: 'detail', key: rowKey(selected) });
        }
        return;
      case 'create':
      case 'analytics':
        if (readOnly && cmd === 'create') return;
        return push({ kind: 'custom', id: cmd });
      case 'mount':
      case 'delete': {
        const target = detailResource ?? selected;
        if (!target) return setFlash({ text: 'select a store first', level: 'warn' });
        return push({ kind: 'custom', id: cmd, key: rowKey(target) });
      }
      default:
        break;
    }
    if (top.kind === 'list') {
      // The rows as they will be after any filter change queued by an earlier key.
      setList((l) => listCommand(l, cmd, rowsFor(l), bodyHeight - 1));
    } else if (top.kind === 'detail' && detailResource) {
      if (cmd === 'windowPrev' || cmd === 'windowNext') {
        setDetail((d) => ({ ...d, window: stepWindow(d.window, cmd === 'windowNext' ? 1 : -1) }));
        return;
      }
      const total = detailLines(detailResource, width).length;
      setDetail((d) => detailCommand(d, cmd, total, Math.max(1, bodyHeight - 1)));
    } else if (top.kind === 'custom') {
      screenKeys.current?.(input, key);
    }
  };

  // Hand queued keys to the screen once it is there. Children's layout effects run first,
  // so a screen that installs a key handler has done so by now.
  const onKeyRef = useRef(onKey);
  onKeyRef.current = onKey;
  useLayoutEffect(() => {
    const t = latest.current.stack[latest.current.stack.length - 1];
    // A newer stack is on its way (a key opened or left a screen): wait for its commit.
    if (t !== stack[stack.length - 1]) return;
    committedTop.current = t;
    if (pendingKeys.current.length === 0) return;
    if (t.kind === 'custom' && isScreenLoading(t.id)) return;
    const keys = pendingKeys.current.splice(0);
    // Replayed in order. When one of them opens or leaves a screen, the rest wait for
    // that screen's first frame (the next commit runs this effect again).
    for (let n = 0; n < keys.length; n++) {
      onKeyRef.current(keys[n][0], keys[n][1], true);
      if (latest.current.stack[latest.current.stack.length - 1] !== t) {
        pendingKeys.current.push(...keys.slice(n + 1));
        break;
      }
    }
  });

  // A terminal may deliver several keys in one read (fast typing over SSH, a paste):
  // Ink then hands them over as one string. Dispatch them one by one.
  useInput((input, key) => {
    if (input.length <= 1 || input.includes('\u001b') || key.meta) return onKey(input, key);
    for (const ch of Array.from(input)) onKey(...splitKey(ch, key));
  });

  // ---- view
  let body: React.ReactNode;
  if (overlay) {
    body = <LinesView title={overlay.kind === 'help' ? 'Help — Esc closes' : 'Service status — Esc closes, r retries'} lines={overlayLines} scroll={overlay.scroll} height={bodyHeight} width={width} theme={theme} />;
  } else if (top.kind === 'list') {
    const failing = snap.chunks.filter((c) => c.error && c.resources.length === 0);
    const emptyReason = failing.length && snap.resources.length === 0 ? `Nothing could be listed: ${failing[0].error!.message}. ${failing[0].error!.hint} (press e for details)` : undefined;
    const sparkScreen = screenRegistry.get('spark');
    body = (
      <ListView
        rows={visible}
        total={snap.resources.length}
        state={list}
        height={bodyHeight}
        width={width}
        theme={theme}
        multiRegion={backend.regions.length > 1}
        metrics={snap.metrics}
        loading={snap.loading}
        initial={snap.initial}
        emptyReason={emptyReason}
        spark={sparkScreen?.spark ? (r) => sparkScreen.spark!(r, snap.metrics) : undefined}
      />
    );
  } else if (top.kind === 'detail') {
    const charts = screenRegistry.get('charts');
    body = charts?.render ? (
      charts.render({ ...screenCtx, resource: detailResource, detailState: detail })
    ) : (
      <DetailView resource={detailResource} state={detail} height={bodyHeight} width={width} theme={theme} />
    );
  } else {
    body = custom?.render ? custom.render({ ...screenCtx, resource: top.key ? byKey.get(top.key) : undefined }) : <Text color={theme.error}>Unknown screen {top.id}. Esc goes back.</Text>;
  }

  const hints: Hint[] = prompt
    ? [
        { keys: 'Enter', label: prompt.kind === 'filter' ? 'keep filter' : 'run' },
        { keys: 'Esc', label: 'cancel' },
      ]
    : (custom?.hints?.(screenCtx) ??
      bindingsFor({ contexts: [context, 'global'], readOnly, available })
        .filter((b) => b.hint && (b.contexts.includes(context) || ['help', 'quit', 'back', 'command'].includes(b.command)))
        .filter((b) => !(context === 'list' && b.command === 'back' && !list.query.text && !list.query.kinds))
        .map((b) => ({ keys: b.command === 'kindAll' ? '0-7' : formatKey(b.keys[0]), label: b.command === 'kindAll' ? 'kind' : (b.hint as string) })));
  if (!prompt && context === 'list' && !readOnly) {
    for (const c of ['create', 'delete', 'mount', 'analytics'] as const) {
      const b = bindingsFor({ contexts: ['list'], readOnly, available }).find((x) => x.command === c);
      if (b) hints.splice(hints.length - 2, 0, { keys: b.keys[0], label: c });
    }
  } else if (!prompt && context === 'list') {
    for (const c of ['mount', 'analytics'] as const) {
      const b = bindingsFor({ contexts: ['list'], readOnly, available }).find((x) => x.command === c);
      if (b) hints.splice(hints.length - 2, 0, { keys: b.keys[0], label: c });
    }
  }

  const message = flash ?? (snap.message ? { text: snap.message.text, level: snap.message.level } : null);
  const filterInfo = list.query.text || list.query.kinds ? `filter: ${list.query.text ? `"${sanitize(list.query.text)}"` : ''}${list.query.kinds ? ` kind=${list.query.kinds.join(',')}` : ''}  sort: ${list.query.sort}${list.query.desc ? '↓' : '↑'}` : '';
  let footer: React.ReactNode;
  if (prompt) {
    footer = (
      <Text wrap="truncate">
        <Text color={theme.accent}>{prompt.kind === 'filter' ? '/' : ':'}</Text>
        {truncate(sanitize(prompt.text), width - 2)}
        <Text inverse> </Text>
      </Text>
    );
  } else if (message) {
    footer = (
      <Text wrap="truncate" color={message.level === 'error' ? theme.error : message.level === 'warn' ? theme.warn : theme.dim}>
        {truncate(sanitize(message.text), width)}
      </Text>
    );
  } else {
    footer = (
      <Text wrap="truncate" color={theme.dim}>
        {truncate(filterInfo || (top.kind === 'list' ? `sort: ${list.query.sort}${list.query.desc ? '↓' : '↑'}` : ''), width) || ' '}
      </Text>
    );
  }

  return (
    <Box flexDirection="column" width={width} height={termRows - 1}>
      <Header
        mode={backend.mode}
        profile={backend.profile}
        regions={backend.regions}
        endpoint={backend.endpointUrl}
        readOnly={readOnly}
        count={snap.resources.length}
        shown={visible.length}
        dataAt={snap.dataAt}
        now={clock}
        loading={snap.loading}
        chunks={snap.chunks}
        width={width}
        colors={theme}
      />
      <Box height={bodyHeight} flexDirection="column" overflowY="hidden">
        {body}
      </Box>
      {footer}
      <KeyHints hints={hints} width={width} color={theme.dim} />
    </Box>
  );
}
