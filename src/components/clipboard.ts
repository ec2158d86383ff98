// Copy to the clipboard of the terminal the user sits at, also over SSH: the
// OSC 52 escape sequence ("ESC ] 52 ; c ; <base64> BEL") asks the terminal
// emulator itself to set its clipboard. Pure: returns the bytes to write; the
// caller writes them to the terminal (process.stdout) next to Ink's output.
//
// tmux: an application's OSC 52 sets the outer clipboard when tmux has
// `set -g set-clipboard on`; with `set -g allow-passthrough on` (tmux 3.3+) a
// sequence wrapped as "ESC P tmux; <sequence with every ESC doubled> ESC \"
// goes to the outer terminal untouched. Inside tmux both forms are sent, so
// either setting works; with neither, tmux drops both and nothing is garbled.
//   OSC 52: https://invisible-island.net/xterm/ctlseqs/ctlseqs.html (Operating System Commands, Ps = 5 2)
//   tmux set-clipboard / allow-passthrough: https://man7.org/linux/man-pages/man1/tmux.1.html
//   passthrough wrapping ("Escape characters in the sequences must be doubled"):
//   https://www.mail-archive.com/source-changes@openbsd.org/msg24719.html

const ESC = '\u001b';
const BEL = '\u0007';

/**
 * Largest payload (base64 characters) sent. Terminals cap what they accept
 * through OSC 52 (the cap varies by terminal); a larger copy is refused with a
 * message (save the script to a file instead) rather than silently cut.
 */
export const OSC52_MAX_BASE64 = 100_000;

export interface ClipboardSequence {
  /** Bytes to write to the terminal ('' when refused). */
  sequence: string;
  /** Base64 of the UTF-8 text (what the terminal decodes). */
  base64: string;
  /** Where it is meant to go, for the message shown after copying. */
  via: 'terminal' | 'tmux';
  /** Why nothing is sent (too large). */
  refused?: string;
}

/** The plain OSC 52 sequence setting the clipboard ("c") to `text`. */
export function osc52(text: string): string {
  return `${ESC}]52;c;${Buffer.from(text, 'utf8').toString('base64')}${BEL}`;
}

/** Wraps any sequence for tmux passthrough: ESC P tmux; ... ESC \, every inner ESC doubled. */
export function tmuxPassthrough(sequence: string): string {
  return `${ESC}Ptmux;${sequence.split(ESC).join(ESC + ESC)}${ESC}\\`;
}

/** What to write to copy `text`, for the terminal described by `env` ($TMUX set inside tmux). */
export function clipboardSequence(text: string, env: NodeJS.ProcessEnv = process.env): ClipboardSequence {
  const base64 = Buffer.from(text, 'utf8').toString('base64');
  const inTmux = !!env.TMUX;
  const via = inTmux ? 'tmux' : 'terminal';
  if (base64.length > OSC52_MAX_BASE64) {
    return { sequence: '', base64, via, refused: `${Math.ceil(base64.length / 1000)} kB is more than terminals accept through OSC 52 (${OSC52_MAX_BASE64 / 1000} kB)` };
  }
  const plain = `${ESC}]52;c;${base64}${BEL}`;
  return { sequence: inTmux ? plain + tmuxPassthrough(plain) : plain, base64, via };
}
