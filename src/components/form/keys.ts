// One keypress as the form fields read it. Fields never call useInput (the
// shell has ONE dispatcher): a screen's key handler turns Ink's (input, key)
// into a FormKey and feeds it to the focused field's reducer.
import type { Key } from 'ink';

export interface FormKey {
  /**
   * Named key: 'up' 'down' 'left' 'right' 'pageup' 'pagedown' 'home' 'end'
   * 'enter' 'escape' 'tab' 'shift+tab' 'backspace' 'space', or 'ctrl+<letter>';
   * '' for printable text (see `text`).
   */
  name: string;
  /** Printable text typed or pasted (control characters removed); '' for named keys. */
  text: string;
}

// C0 controls, DEL and C1 controls never reach a field's value.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

export function formKey(input: string, key: Key): FormKey {
  const named = (name: string): FormKey => ({ name, text: '' });
  if (key.upArrow) return named('up');
  if (key.downArrow) return named('down');
  if (key.leftArrow) return named('left');
  if (key.rightArrow) return named('right');
  if (key.pageUp) return named('pageup');
  if (key.pageDown) return named('pagedown');
  if (key.home) return named('home');
  if (key.end) return named('end');
  if (key.return) return named('enter');
  if (key.escape) return named('escape');
  if (key.tab) return named(key.shift ? 'shift+tab' : 'tab');
  // Most terminals send DEL (0x7f) for the Backspace key, which Ink reports as `delete`.
  if (key.backspace || key.delete) return named('backspace');
  if (key.ctrl && input) return named(`ctrl+${input.toLowerCase()}`);
  if (key.meta) return named(`meta+${input}`);
  if (input === ' ') return { name: 'space', text: ' ' };
  return { name: '', text: input.replace(CONTROL, '') };
}

/** A key for tests and for replaying typed text: a printable string or a named key. */
export function keyOf(nameOrText: string): FormKey {
  const named = new Set(['up', 'down', 'left', 'right', 'pageup', 'pagedown', 'home', 'end', 'enter', 'escape', 'tab', 'shift+tab', 'backspace']);
  if (named.has(nameOrText) || nameOrText.startsWith('ctrl+')) return { name: nameOrText, text: '' };
  if (nameOrText === ' ') return { name: 'space', text: ' ' };
  return { name: '', text: nameOrText.replace(CONTROL, '') };
}

/** True for a key that types something (a printable character, space included). */
export function isTyping(k: FormKey): boolean {
  return k.text !== '';
}
