// Text that came from AWS (names, tags, messages) is drawn only after this:
// a Name tag holding ESC sequences must not be able to change the terminal.

// CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), other ESC sequences, C0/C1 controls, DEL,
// and the 8-bit CSI/OSC introducers. Newlines and tabs become spaces: one value, one line.
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[P^_X][^\u001b]*(?:\u001b\\)?|\u001b[@-Z\\-_]?|\u009b[0-?]*[ -/]*[@-~]|\u009d[^\u0007\u009c]*(?:\u0007|\u009c)?/g;
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const WHITESPACE_CONTROLS = /[\t\n\r\u000b\u000c]/g;
// Bidirectional overrides can make text read differently from what it is.
const BIDI = /[\u202a-\u202e\u2066-\u2069\u200e\u200f]/g;

export function sanitize(text: string | undefined | null): string {
  if (text === undefined || text === null) return '';
  const s = String(text);
  // Fast path: plain printable ASCII is by far the common case (10,000 rows per frame).
  if (/^[\x20-\x7e]*$/.test(s)) return s;
  return s.replace(ANSI, '').replace(WHITESPACE_CONTROLS, ' ').replace(CONTROLS, '').replace(BIDI, '');
}

/** Display width-aware truncation with an ellipsis (one cell per code point; wide CJK counted as 2). */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  let w = 0;
  let out = '';
  for (const ch of text) {
    const cw = charWidth(ch);
    if (w + cw > width) {
      // Replace the last visible cell with an ellipsis.
      let trimmed = out;
      let tw = w;
      while (tw > width - 1 && trimmed.length > 0) {
        const last = Array.from(trimmed).pop() as string;
        trimmed = trimmed.slice(0, trimmed.length - last.length);
        tw -= charWidth(last);
      }
      return trimmed + '…';
    }
    out += ch;
    w += cw;
  }
  return out;
}

export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch);
  return w;
}

export function pad(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const t = truncate(text, width);
  const gap = Math.max(0, width - displayWidth(t));
  return align === 'left' ? t + ' '.repeat(gap) : ' '.repeat(gap) + t;
}

function charWidth(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp === 0) return 0;
  // East Asian wide and fullwidth ranges, plus emoji.
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  )
    return 2;
  // Combining marks take no cell.
  if (cp >= 0x300 && cp <= 0x36f) return 0;
  return 1;
}
