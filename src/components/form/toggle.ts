// A yes/no field: Space, ←/→ flip it; y/n set it.
import type { FormKey } from './keys.js';

/** The new value, or null when the key is not the toggle's. */
export function toggleReduce(value: boolean, k: FormKey): boolean | null {
  if (k.name === 'space' || k.name === 'left' || k.name === 'right') return !value;
  if (k.text === 'y' || k.text === 'Y') return true;
  if (k.text === 'n' || k.text === 'N') return false;
  return null;
}

export function toggleText(value: boolean): string {
  return value ? '[x] yes' : '[ ] no';
}
