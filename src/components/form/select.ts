// A list to choose from (after ink-ui's select: pure state + reducer, the
// view draws only the visible window). One value, or several (`multi`: Space
// ticks, Enter confirms). Typing filters the list by label; Backspace
// un-types. The reducer says when the choice is made or cancelled.
import type { FormKey } from './keys.js';

export interface SelectOption {
  value: string;
  label: string;
}

export interface SelectState {
  /** Index into the FILTERED options. */
  readonly cursor: number;
  /** First visible row of the filtered options. */
  readonly offset: number;
  /** Ticked values (multi) in the order of the options. */
  readonly ticked: readonly string[];
  readonly filter: string;
}

export interface SelectConfig {
  options: readonly SelectOption[];
  /** Rows the list may use. */
  height: number;
  multi?: boolean;
}

export type SelectResult = { state: SelectState; done?: undefined } | { state: SelectState; done: 'pick'; values: string[] } | { state: SelectState; done: 'cancel' };

export function filterOptions(options: readonly SelectOption[], filter: string): SelectOption[] {
  const f = filter.trim().toLowerCase();
  if (!f) return options.slice();
  return options.filter((o) => o.label.toLowerCase().includes(f) || o.value.toLowerCase().includes(f));
}

function offsetFor(cursor: number, offset: number, height: number, total: number): number {
  const h = Math.max(1, height);
  let o = offset;
  if (cursor < o) o = cursor;
  if (cursor >= o + h) o = cursor - h + 1;
  return Math.max(0, Math.min(o, Math.max(0, total - h)));
}

/** A list opened on the current value(s): the cursor on the (first) chosen option. */
export function selectState(cfg: SelectConfig, current: string | readonly string[]): SelectState {
  const values = typeof current === 'string' ? [current] : [...current];
  const i = cfg.options.findIndex((o) => values.includes(o.value));
  const cursor = Math.max(0, i);
  const ticked = cfg.multi ? cfg.options.filter((o) => values.includes(o.value)).map((o) => o.value) : [];
  // Values no longer offered (e.g. a subnet of another VPC) stay ticked so nothing is dropped silently.
  const extra = cfg.multi ? values.filter((v) => v && !cfg.options.some((o) => o.value === v)) : [];
  return { cursor, offset: offsetFor(cursor, 0, cfg.height, cfg.options.length), ticked: [...ticked, ...extra], filter: '' };
}

export function selectReduce(s: SelectState, k: FormKey, cfg: SelectConfig): SelectResult {
  const list = filterOptions(cfg.options, s.filter);
  const h = Math.max(1, cfg.height);
  const move = (to: number): SelectResult => {
    if (list.length === 0) return { state: s };
    const cursor = Math.max(0, Math.min(list.length - 1, to));
    return { state: { ...s, cursor, offset: offsetFor(cursor, s.offset, h, list.length) } };
  };
  const refilter = (filter: string): SelectResult => {
    const next = filterOptions(cfg.options, filter);
    const cur = list[s.cursor]?.value;
    const keep = next.findIndex((o) => o.value === cur);
    const cursor = keep >= 0 ? keep : 0;
    return { state: { ...s, filter, cursor, offset: offsetFor(cursor, 0, h, next.length) } };
  };
  switch (k.name) {
    case 'up':
      return move(s.cursor - 1);
    case 'down':
    case 'tab':
      return move(s.cursor + 1);
    case 'shift+tab':
      return move(s.cursor - 1);
    case 'pageup':
      return move(s.cursor - h);
    case 'pagedown':
      return move(s.cursor + h);
    case 'home':
      return move(0);
    case 'end':
      return move(list.length - 1);
    case 'escape':
      if (s.filter) return refilter('');
      return { state: s, done: 'cancel' };
    case 'backspace':
      return s.filter ? refilter(Array.from(s.filter).slice(0, -1).join('')) : { state: s };
    case 'ctrl+u':
      return refilter('');
    case 'space':
      if (cfg.multi) {
        const v = list[s.cursor]?.value;
        if (v === undefined) return { state: s };
        const set = new Set(s.ticked);
        if (set.has(v)) set.delete(v);
        else set.add(v);
        // Offered values in the list's order, then ticked values no longer offered (kept, never dropped silently).
        const ticked = cfg.options.map((o) => o.value).filter((x) => set.has(x));
        const extra = [...set].filter((x) => !cfg.options.some((o) => o.value === x));
        return { state: { ...s, ticked: [...ticked, ...extra] } };
      }
      // Typing a filter of several words: a space belongs to it; with no filter, Space picks.
      if (s.filter) return refilter(`${s.filter} `);
      return pick(s, list);
    case 'enter':
      if (cfg.multi) return { state: s, done: 'pick', values: [...s.ticked] };
      return pick(s, list);
    default:
      if (k.text && k.name === '') return refilter(s.filter + k.text);
      return { state: s };
  }
}

function pick(s: SelectState, list: SelectOption[]): SelectResult {
  const o = list[s.cursor];
  if (!o) return { state: s };
  return { state: s, done: 'pick', values: [o.value] };
}

/** The next option's value in a direction, wrapping (for ←/→ on a closed select). */
export function cycleOption(options: readonly SelectOption[], value: string, dir: 1 | -1): string | undefined {
  if (options.length === 0) return undefined;
  const i = options.findIndex((o) => o.value === value);
  if (i < 0) return options[dir === 1 ? 0 : options.length - 1].value;
  return options[(i + dir + options.length) % options.length].value;
}

/** The label shown for a value (the value itself when it is not among the options). */
export function optionLabel(options: readonly SelectOption[], value: string): string {
  return options.find((o) => o.value === value)?.label ?? value;
}
