// Bridges from services into React: the store via useSyncExternalStore, the
// terminal size, and a coarse clock for "data age" labels.
import { useEffect, useState, useSyncExternalStore } from 'react';
import { useStdout } from 'ink';
import type { Store, StoreSnapshot } from '../services/store.js';

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
