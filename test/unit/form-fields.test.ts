// Number, toggle and secret fields, key normalisation and word wrap.
import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { formKey, keyOf, numberReduce, parseNumberText, secretReduce, secretText, textState, toggleReduce, wrapPreformatted, wrapText, SECRET_MASK_CHAR } from '../../src/components/form/index.js';

const inkKey = (over: Partial<Key> = {}): Key =>
  ({ upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false, super: false, hyper: false, capsLock: false, numLock: false, ...over }) as Key;

describe('formKey', () => {
  it('names the keys a form uses and keeps printable text', () => {
    expect(formKey('', inkKey({ upArrow: true }))).toEqual({ name: 'up', text: '' });
    expect(formKey('', inkKey({ tab: true, shift: true }))).toEqual({ name: 'shift+tab', text: '' });
    // Most terminals send DEL for Backspace; Ink reports it as delete.
    expect(formKey('', inkKey({ delete: true }))).toEqual({ name: 'backspace', text: '' });
    expect(formKey('u', inkKey({ ctrl: true }))).toEqual({ name: 'ctrl+u', text: '' });
    expect(formKey(' ', inkKey())).toEqual({ name: 'space', text: ' ' });
    expect(formKey('Gi\u0007B', inkKey())).toEqual({ name: '', text: 'GiB' });
  });
});

describe('number field', () => {
  it('takes digits and separators only', () => {
    let s = textState('');
    for (const ch of ['1', ',', '2', 'x', '0', '0', ' ', 'G']) s = numberReduce(s, keyOf(ch)) ?? s;
    expect(s.value).toBe('1,200');
    expect(parseNumberText(s.value)).toBe(1200);
    expect(parseNumberText('')).toBeUndefined();
    expect(parseNumberText('1.2.3')).toBeNaN();
  });

  it('steps with + and - to the value the caller allows next', () => {
    const steps = [1200, 2400, 4800];
    const step = (cur: number | undefined, dir: 1 | -1) => (dir === 1 ? steps.find((v) => v > (cur ?? 0)) : [...steps].reverse().find((v) => v < (cur ?? Infinity)));
    expect(numberReduce(textState('1200'), keyOf('+'), { step })?.value).toBe('2400');
    expect(numberReduce(textState('2000'), keyOf('-'), { step })?.value).toBe('1200');
    // Nothing further: unchanged.
    const top = textState('4800');
    expect(numberReduce(top, keyOf('+'), { step })).toBe(top);
  });
});

describe('toggle field', () => {
  it('flips with Space and arrows, sets with y and n, ignores the rest', () => {
    expect(toggleReduce(false, keyOf(' '))).toBe(true);
    expect(toggleReduce(true, keyOf('left'))).toBe(false);
    expect(toggleReduce(false, keyOf('y'))).toBe(true);
    expect(toggleReduce(true, keyOf('n'))).toBe(false);
    expect(toggleReduce(true, keyOf('up'))).toBeNull();
  });
});

describe('secret field', () => {
  it('edits like text but only appends and deletes; draws from the length only', () => {
    let s = textState('');
    for (const ch of ['p', 'w', 'left', '!']) s = secretReduce(s, keyOf(ch)) ?? s;
    expect(s.value).toBe('pw!');
    expect(secretReduce(s, keyOf('backspace'))?.value).toBe('pw');
    expect(secretReduce(s, keyOf('ctrl+u'))?.value).toBe('');
    expect(secretText(3, true)).toBe(SECRET_MASK_CHAR.repeat(3));
    // Once entered, the mask does not even tell the length.
    expect(secretText(3, false)).toBe(secretText(30, false));
    expect(secretText(0, false)).toBe('');
  });
});

describe('wrap', () => {
  it('wraps words to the width, keeps an indent, cuts words longer than a line', () => {
    expect(wrapText('the quick brown fox', 10)).toEqual(['the quick', 'brown fox']);
    expect(wrapText('  a b c d', 7)).toEqual(['  a b c', '  d']);
    expect(wrapText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    for (const l of wrapText('Lustre capacity must be 1,200 GiB or a multiple of 2,400 GiB: try 2,400 or 4,800.', 20)) expect(Array.from(l).length).toBeLessThanOrEqual(20);
  });

  it('hard-wraps preformatted lines under their indent', () => {
    const lines = wrapPreformatted('    "ClientToken": "0123456789abcdef0123456789abcdef"', 30);
    expect(lines[0]).toHaveLength(30);
    expect(lines.slice(1).every((l) => l.startsWith('      '))).toBe(true);
    expect(lines.map((l, i) => (i === 0 ? l : l.trimStart())).join('')).toBe('    "ClientToken": "0123456789abcdef0123456789abcdef"');
  });
});
