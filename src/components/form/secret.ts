// A secret field (passwords): edited like a text field, drawn as a mask. The
// view takes only the LENGTH of the value, never the value: what is not
// passed to a view cannot be drawn, logged by a frame, or leak into a test
// snapshot.
import type { FormKey } from './keys.js';
import { textReduce, type TextState } from './text.js';

export const SECRET_MASK_CHAR = '•';

/**
 * The longest password AWS takes here is 256 characters (FSx self-managed AD service account:
 * https://docs.aws.amazon.com/fsx/latest/APIReference/API_SelfManagedActiveDirectoryConfiguration.html;
 * the ONTAP fsxadmin password is 8-50); a field holds no more.
 */
export function secretReduce(s: TextState, k: FormKey, maxLength = 256): TextState | null {
  // Moving the cursor inside a value one cannot see only confuses: typing appends, Backspace and ^U delete.
  if (k.name === 'left' || k.name === 'right' || k.name === 'home' || k.name === 'end' || k.name === 'ctrl+a' || k.name === 'ctrl+e') return s;
  return textReduce({ value: s.value, cursor: Array.from(s.value).length }, k, { maxLength });
}

/** What a secret of this length shows: one mask character per character while typing, a fixed mask once entered. */
export function secretText(length: number, editing: boolean): string {
  if (length === 0) return '';
  return editing ? SECRET_MASK_CHAR.repeat(Math.min(length, 64)) : `${SECRET_MASK_CHAR.repeat(8)} (set)`;
}
