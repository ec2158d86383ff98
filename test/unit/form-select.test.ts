// The select list: moving, windowing, filtering by typing, picking one value
// or ticking several, and cancelling.
import { describe, expect, it } from 'vitest';
import { cycleOption, filterOptions, keyOf, optionLabel, selectReduce, selectState, type SelectConfig, type SelectState } from '../../src/components/form/index.js';

const options = Array.from({ length: 12 }, (_, i) => ({ value: `subnet-${i}`, label: `subnet-${i}  us-east-1${'abcdef'[i % 6]}` }));

function press(s: SelectState, cfg: SelectConfig, ...keys: string[]) {
  let cur = s;
  let last = selectReduce(cur, keyOf('home'), cfg);
  for (const k of keys) {
    last = selectReduce(cur, keyOf(k), cfg);
    cur = last.state;
  }
  return last;
}

describe('select', () => {
  const cfg: SelectConfig = { options, height: 4 };

  it('opens on the current value and keeps the cursor inside the window', () => {
    const s = selectState(cfg, 'subnet-9');
    expect(s.cursor).toBe(9);
    expect(s.offset).toBe(6);
    const r = press(s, cfg, 'up', 'up', 'up', 'up');
    expect(r.state.cursor).toBe(5);
    expect(r.state.offset).toBe(5);
    expect(press(s, cfg, 'end').state).toMatchObject({ cursor: 11, offset: 8 });
    expect(press(s, cfg, 'pageup', 'pageup', 'pageup').state).toMatchObject({ cursor: 0, offset: 0 });
  });

  it('picks with Enter and cancels with Esc', () => {
    const s = selectState(cfg, 'subnet-0');
    expect(press(s, cfg, 'down', 'down', 'enter')).toMatchObject({ done: 'pick', values: ['subnet-2'] });
    expect(press(s, cfg, 'down', 'escape')).toMatchObject({ done: 'cancel' });
  });

  it('filters as you type; Esc first clears the filter', () => {
    const s = selectState(cfg, 'subnet-0');
    const r = press(s, cfg, 'u', 's', '-', 'e', 'a', 's', 't', '-', '1', 'c');
    expect(r.state.filter).toBe('us-east-1c');
    expect(filterOptions(options, r.state.filter).map((o) => o.value)).toEqual(['subnet-2', 'subnet-8']);
    expect(press(r.state, cfg, 'down', 'enter')).toMatchObject({ done: 'pick', values: ['subnet-8'] });
    const cleared = press(r.state, cfg, 'escape');
    expect(cleared.done).toBeUndefined();
    expect(cleared.state.filter).toBe('');
  });

  it('a space inside a filter is part of it; with no filter, Space picks', () => {
    const words = [
      { value: 'home', label: 'Shared home directories' },
      { value: 'hpc', label: 'HPC scratch: job data' },
    ];
    const c: SelectConfig = { options: words, height: 4 };
    const typed = press(selectState(c, 'hpc'), c, 'h', 'o', 'm', 'e', ' ', 'd');
    expect(typed.done).toBeUndefined();
    expect(typed.state.filter).toBe('home d');
    expect(press(typed.state, c, 'enter')).toMatchObject({ done: 'pick', values: ['home'] });
    expect(press(selectState(c, 'hpc'), c, ' ')).toMatchObject({ done: 'pick', values: ['hpc'] });
  });

  it('multi: Space ticks and unticks, Enter keeps the ticked in list order', () => {
    const m: SelectConfig = { options, height: 4, multi: true };
    const s = selectState(m, ['subnet-3']);
    expect(s.ticked).toEqual(['subnet-3']);
    const r = press(s, m, 'up', 'up', ' ', 'down', 'down', ' ', 'down', ' ', 'enter');
    expect(r).toMatchObject({ done: 'pick', values: ['subnet-1', 'subnet-4'] });
  });

  it('multi: a chosen value no longer offered stays ticked (nothing dropped silently)', () => {
    const m: SelectConfig = { options, height: 4, multi: true };
    const s = selectState(m, ['subnet-gone', 'subnet-2']);
    expect(s.ticked).toEqual(['subnet-2', 'subnet-gone']);
    expect(press(s, m, ' ', 'enter')).toMatchObject({ done: 'pick', values: ['subnet-gone'] });
  });

  it('cycles with wrap-around and labels values', () => {
    const few = options.slice(0, 3);
    expect(cycleOption(few, 'subnet-2', 1)).toBe('subnet-0');
    expect(cycleOption(few, 'subnet-0', -1)).toBe('subnet-2');
    expect(cycleOption(few, 'unknown', 1)).toBe('subnet-0');
    expect(cycleOption([], 'x', 1)).toBeUndefined();
    expect(optionLabel(few, 'subnet-1')).toBe('subnet-1  us-east-1b');
    expect(optionLabel(few, 'other')).toBe('other');
  });
});
