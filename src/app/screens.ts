// Screens beyond list and detail plug in here (analytics, create wizard,
// mount, delete dialog, detail charts, list sparklines): the shell knows only
// this interface. src/screens/register.ts fills the registry.
import React, { useEffect } from 'react';
import { Text, type Key } from 'ink';
import type { Session } from '../services/session.js';
import type { StoreSnapshot } from '../services/store.js';
import type { StorageInfo, StorageMetrics } from '../services/types.js';
import type { Hint } from '../components/KeyHints.js';
import type { Theme } from './theme.js';
import type { DetailState } from '../screens/detail.js';

/** Returns true when the key was consumed. */
export type ScreenKeyHandler = (input: string, key: Key) => boolean;

export interface ScreenContext {
  session: Session;
  theme: Theme;
  width: number;
  height: number;
  /** The store the screen is about (detail/mount/delete), or the list's selection. */
  resource?: StorageInfo;
  resources: readonly StorageInfo[];
  snapshot: StoreSnapshot;
  now: number;
  detailState?: DetailState;
  push: (id: string, key?: string) => void;
  replace: (id: string, key?: string) => void;
  openDetail: (key: string) => void;
  back: () => void;
  flash: (text: string, level?: 'info' | 'warn' | 'error') => void;
  /**
   * The one raw-key handler of the top screen. Install it in a useLayoutEffect (same commit
   * as the first frame, so no key typed right after opening is lost); clear it on unmount.
   */
  setKeyHandler: (h: ScreenKeyHandler | null) => void;
}

export interface ScreenDef {
  render?: (ctx: ScreenContext) => React.ReactNode;
  hints?: (ctx: ScreenContext) => Hint[];
  /** Lines this screen adds to the `?` help overlay (e.g. the API cost meter). */
  helpExtra?: (ctx: Pick<ScreenContext, 'session'>) => string[];
  /** For 'spark': the inline sparkline of a list row. */
  spark?: (r: StorageInfo, metrics: ReadonlyMap<string, StorageMetrics>) => string;
}

export const screenRegistry = new Map<string, ScreenDef>();

let version = 0;
const listeners = new Set<() => void>();

export function registerScreen(id: string, def: ScreenDef): void {
  // A concrete definition replaces a lazily loaded one for good.
  if (lazyScreens.get(id)?.placeholder !== def) lazyScreens.delete(id);
  screenRegistry.set(id, def);
  version++;
  for (const l of listeners) l();
}

/** For useSyncExternalStore: the shell redraws when a lazily loaded screen arrives. */
export function subscribeScreens(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
export function screensVersion(): number {
  return version;
}

// ---------------------------------------------------------------------------
// Screens loaded on first use. The wizard, mount, analytics and delete screens
// (with the validation tables, mount generator, analytics and mutation code they
// bring, and the SSM/KMS/Directory Service clients) are not needed for the first
// frame of the list, so they are compiled after it (loadAllScreens, called once
// the list is up) or when first opened. Until a screen has arrived its place is
// held by a placeholder; the shell queues keys typed meanwhile and hands them to
// the screen once it is there, so nothing typed is lost.

interface LazyScreen {
  load: () => Promise<ScreenDef>;
  placeholder: ScreenDef;
  loading?: Promise<void>;
}

const lazyScreens = new Map<string, LazyScreen>();
const placeholders = new WeakSet<ScreenDef>();

function Loading({ id }: { id: string }): React.ReactElement {
  useEffect(() => {
    void loadScreen(id);
  }, [id]);
  return React.createElement(Text, { dimColor: true }, `loading ${id}…`);
}

export function registerLazyScreen(id: string, load: () => Promise<ScreenDef>): void {
  const placeholder: ScreenDef = {
    render: () => React.createElement(Loading, { id }),
    hints: () => [{ keys: '^C', label: 'quit' }],
  };
  placeholders.add(placeholder);
  lazyScreens.set(id, { load, placeholder });
  registerScreen(id, placeholder);
}

/** True while the screen's code is still loading (the shell queues keys meanwhile). */
export function isScreenLoading(id: string): boolean {
  const def = screenRegistry.get(id);
  return def !== undefined && placeholders.has(def);
}

/** Loads a lazily registered screen; a definition registered meanwhile (tests) is kept. */
export function loadScreen(id: string): Promise<void> {
  const lazy = lazyScreens.get(id);
  if (!lazy) return Promise.resolve();
  lazy.loading ??= lazy.load().then(
    (def) => {
      if (screenRegistry.get(id) === lazy.placeholder) registerScreen(id, def);
      else if (lazyScreens.get(id) === lazy) lazyScreens.delete(id);
    },
    (e: unknown) => {
      const message = `The ${id} screen could not be loaded (${e instanceof Error ? e.message : String(e)}). Reinstall prism-storage (npm ci && npm run build); Esc goes back.`;
      if (screenRegistry.get(id) === lazy.placeholder) registerScreen(id, { render: () => React.createElement(Text, { color: 'red' }, message) });
    },
  );
  return lazy.loading;
}

/** Loads every lazily registered screen (after the first frame; in tests before rendering). */
export function loadAllScreens(): Promise<void> {
  return Promise.all([...lazyScreens.keys()].map(loadScreen)).then(() => undefined);
}
