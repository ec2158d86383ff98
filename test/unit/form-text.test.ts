// The text field reducer: what a person types is what the field holds, with
// readline editing keys, pasted text, and limits on what may be typed.
import { describe, expect, it } from 'vitest';
import { keyOf, textReduce, textState, textWindow, type TextState } from '../../src/components/form/index.js';

function typeKeys(s: TextState, ...keys: string[]): TextState {
  let cur = s;
  for (const k of keys) cur = textReduce(cur, keyOf(k)) ?? cur;
  return cur;
}

describe('text field', () => {
  it('inserts at the cursor and moves with arrows, Home and End', () => {
    let s = typeKeys(textState(''), 'a', 'c');
    expect(s).toEqual({ value: 'ac', cursor: 2 });
    s = typeKeys(s, 'left', 'b');
    expect(s).toEqual({ value: 'abc', cursor: 2 });
    s = typeKeys(s, 'home', 'X', 'end', 'Y');
    expect(s.value).toBe('XabcY');
    expect(s.cursor).toBe(5);
  });

  it('deletes with Backspace, ^U (to start), ^K (to end) and ^W (a word back)', () => {
    expect(typeKeys(textState('abc'), 'backspace').value).toBe('ab');
    expect(typeKeys(textState('hello world'), 'left', 'left', 'ctrl+k').value).toBe('hello wor');
    expect(typeKeys(textState('hello world'), 'left', 'left', 'ctrl+u')).toEqual({ value: 'ld', cursor: 0 });
    expect(typeKeys(textState('svm1 vol data'), 'ctrl+w').value).toBe('svm1 vol ');
    // Backspace at the start changes nothing and says so by returning the same state.
    const start = textState('x', 0);
    expect(textReduce(start, keyOf('backspace'))).toBe(start);
  });

  it('takes a paste as one key and counts characters, not UTF-16 units', () => {
    const s = textReduce(textState('d'), keyOf('ata/ünïcödé/🚀'));
    expect(s?.value).toBe('data/ünïcödé/🚀');
    expect(s?.cursor).toBe(Array.from('data/ünïcödé/🚀').length);
    expect(typeKeys(s as TextState, 'backspace').value).toBe('data/ünïcödé/');
  });

  it('strips control characters from typed text (escape sequences cannot enter a value)', () => {
    expect(textReduce(textState(''), keyOf('a\u001b[2Jb\u0007'))?.value).toBe('a[2Jb');
  });

  it('honours maxLength and accept', () => {
    expect(textReduce(textState('abc'), keyOf('defg'), { maxLength: 5 })?.value).toBe('abcde');
    expect(textReduce(textState(''), keyOf('1a2b'), { accept: (ch) => /\d/.test(ch) })?.value).toBe('12');
  });

  it('leaves keys that are not its own to the form (null)', () => {
    for (const k of ['up', 'down', 'enter', 'escape', 'tab']) expect(textReduce(textState('x'), keyOf(k))).toBeNull();
  });

  it('windows a long value so the cursor stays visible', () => {
    const w = textWindow('0123456789', 10, 5);
    expect(w.before + w.at + w.after).toHaveLength(5);
    expect(w.before).toBe('6789');
    expect(w.at).toBe(' ');
    const mid = textWindow('0123456789', 2, 5);
    expect(mid).toEqual({ before: '01', at: '2', after: '34' });
  });
});
