// A poller is a setTimeout chain (never overlapping), with a cancel check
// after each await, backing off while the task fails and returning to its
// interval by itself once it succeeds again.
export interface PollerOptions {
  intervalMs: number;
  /** Longest wait between attempts while failing. */
  maxBackoffMs: number;
  /** The task reports whether it fully succeeded. */
  task: (signal: AbortSignal) => Promise<boolean>;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (t: unknown) => void;
}

export class Poller {
  private timer: unknown;
  private running = false;
  private stopped = true;
  private failures = 0;
  private abort?: AbortController;
  private pendingTrigger = false;
  runs = 0;

  constructor(private readonly opts: PollerOptions) {}

  start(): void {
    this.stopped = false;
    void this.run();
  }

  /** Refresh now (the `r` key). A run in flight is not doubled: one more follows it. */
  trigger(): void {
    if (this.stopped) return;
    if (this.running) {
      this.pendingTrigger = true;
      return;
    }
    this.clear();
    void this.run();
  }

  stop(): void {
    this.stopped = true;
    this.clear();
    this.abort?.abort();
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Delay before the next run given the current failure streak. */
  nextDelay(): number {
    if (this.failures === 0) return this.opts.intervalMs;
    return Math.min(this.opts.maxBackoffMs, this.opts.intervalMs * 2 ** (this.failures - 1));
  }

  private clear(): void {
    if (this.timer !== undefined) (this.opts.clearTimer ?? clearTimeout)(this.timer as ReturnType<typeof setTimeout>);
    this.timer = undefined;
  }

  private async run(): Promise<void> {
    if (this.stopped || this.running) return;
    this.running = true;
    this.abort = new AbortController();
    let ok = false;
    try {
      ok = await this.opts.task(this.abort.signal);
    } catch {
      ok = false;
    }
    this.running = false;
    this.runs++;
    if (this.stopped) return;
    this.failures = ok ? 0 : this.failures + 1;
    if (this.pendingTrigger) {
      this.pendingTrigger = false;
      void this.run();
      return;
    }
    const setTimer = this.opts.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms).unref());
    this.timer = setTimer(() => {
      this.timer = undefined;
      void this.run();
    }, this.nextDelay());
  }
}
