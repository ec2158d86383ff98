// Bridges from services into React: the store via useSyncExternalStore, the
// terminal size, and a coarse clock for "data age" labels.
import { useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore, type MutableRefObject } from 'react';
import { useStdout } from 'ink';
import type { Store, StoreSnapshot } from '../services/store.js';
import type { ScreenContext, ScreenKeyHandler } from './screens.js';

export function useStore(store: Store): StoreSnapshot {
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}

export function useTerminalSize(): { columns: number; rows: number } {
  const { stdout } = useStdout();
  const read = () => ({ columns: stdout.columns || 80, rows: stdout.rows || 24 });
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [stdout]);
  return size;
}

/** Re-renders the caller every `ms` (only the component that shows an age uses it). */
export function useNow(ms = 1000, now: () => number = Date.now): number {
  const [t, setT] = useState(now);
  useEffect(() => {
    const id = setInterval(() => setT(now()), ms);
    return () => clearInterval(id);
  }, [ms, now]);
  return t;
}

/**
 * Installs a custom screen's one raw-key handler. A layout effect: installed in the same
 * commit that first draws the screen, so a key typed right after the screen appears (a
 * paste, a fast typist) is never handled by the list's keys. The shell's ctx object changes
 * every render; handlers read the latest state through refs.
 */
export function useScreenKeys(ctx: Pick<ScreenContext, 'setKeyHandler'>, handler: ScreenKeyHandler): void {
  useLayoutEffect(() => {
    ctx.setKeyHandler(handler);
    return () => ctx.setKeyHandler(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [handler]);
}

/**
 * A screen's long-running AWS work (create, delete, mount, apply): whether the screen is
 * still on screen, and the run to stop when it is left (q, Esc, a region switch; AWS keeps
 * what it accepted). `onLeave` runs after the abort.
 */
export function useScreenRun(onLeave?: () => void): { mounted: MutableRefObject<boolean>; abort: MutableRefObject<AbortController | null> } {
  const mounted = useRef(true);
  const abort = useRef<AbortController | null>(null);
  const leave = useRef(onLeave);
  leave.current = onLeave;
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      // The run going on when the screen is left, not the one at mount time.
      // eslint-disable-next-line react-hooks/exhaustive-deps
      abort.current?.abort();
      leave.current?.();
    };
  }, []);
  return { mounted, abort };
}
