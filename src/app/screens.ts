// Screens beyond list and detail plug in here (analytics, create wizard,
// mount, delete dialog, detail charts, list sparklines): the shell knows only
// this interface. src/screens/register.ts fills the registry.
import type React from 'react';
import type { Key } from 'ink';
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

export function registerScreen(id: string, def: ScreenDef): void {
  screenRegistry.set(id, def);
}
