// The dashboard's hold on the terminal from the first moment: the alternate
// screen, the cursor hidden, one status line while credentials are looked for
// and the first list comes in; and the terminal given back on every exit path.
// Kept tiny: it is loaded with the entry, before the screen code.
const ENTER_ALT = '\u001b[?1049h\u001b[H';
const LEAVE_ALT = '\u001b[?1049l';
const SHOW_CURSOR = '\u001b[?25h';
const HIDE_CURSOR = '\u001b[?25l';
const CLEAR_LINE = '\r\u001b[2K';
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export class TerminalScreen {
  private entered = false;
  private restored = false;
  private cleanup?: () => void;
  // Ctrl-C, SIGTERM or a hang-up at any time: stop what runs (setCleanup), give the
  // terminal back, exit. One handler for the whole run: removing a signal's last
  // listener and adding another would drop a signal that arrived in between.
  private readonly onSignal = (sig: NodeJS.Signals) => {
    try {
      this.cleanup?.();
    } catch {
      // exiting anyway
    }
    this.restore();
    process.exit(sig === 'SIGINT' ? 130 : 143);
  };

  constructor(
    private readonly out: NodeJS.WriteStream,
    private readonly altScreen: boolean,
  ) {}

  /** Alternate screen in (unless --no-alt-screen), cursor hidden; restored when the process exits. */
  enter(): void {
    if (this.entered) return;
    this.entered = true;
    if (this.altScreen) this.out.write(ENTER_ALT);
    this.out.write(HIDE_CURSOR);
    process.once('exit', () => this.restore());
    for (const sig of SIGNALS) process.on(sig, this.onSignal);
  }

  /** What to stop before the terminal is given back on a signal (the dashboard: Ink, the session). */
  setCleanup(fn: () => void): void {
    this.cleanup = fn;
  }

  /** Replaces the one status line shown before the first frame. */
  say(text: string): void {
    this.enter();
    this.out.write(`${CLEAR_LINE}${text}`);
  }

  /** Clears the status line: the first frame is drawn from the top-left corner. */
  clearLine(): void {
    this.out.write(CLEAR_LINE);
  }

  /** Normal screen and cursor back (idempotent); call before printing anything for the shell. */
  restore(): void {
    if (!this.entered || this.restored) return;
    this.restored = true;
    if (this.altScreen) this.out.write(LEAVE_ALT);
    this.out.write(SHOW_CURSOR);
  }
}
