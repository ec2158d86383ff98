// State a key handler reads and writes synchronously: the shell calls a
// screen's handler once per key, and a paste or fast typing can deliver the
// next key before React re-renders. The current value lives in a ref (the
// handler always sees the latest) and every change schedules a render.
import { useCallback, useReducer, useRef } from 'react';

export function useRefState<T>(init: () => T): [{ readonly current: T }, (next: T) => void] {
  const ref = useRef<T | null>(null);
  if (ref.current === null) ref.current = init();
  const [, bump] = useReducer((n: number) => n + 1, 0);
  const set = useCallback((next: T) => {
    if (Object.is(next, ref.current)) return;
    ref.current = next;
    bump();
  }, []);
  return [ref as { readonly current: T }, set];
}
