// The streams, environment and exit status a non-interactive command works
// with. Production uses the process's; tests pass their own, so every command
// runs in-process against the simulated region with nothing global touched.

/** Exit codes of every non-interactive command (documented in --help and docs/cli.md). */
export const EXIT = {
  /** Everything asked for was done. */
  OK: 0,
  /** It failed: AWS refused, nothing found, not confirmed, --read-only. */
  FAILURE: 1,
  /** Usage error: a bad flag, value or argument; nothing was sent to AWS. */
  USAGE: 2,
  /** Partial: some services failed, the answer holds what the others returned. */
  PARTIAL: 3,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export const EXIT_CODES_HELP = `Exit codes:
  0  success
  1  failure (AWS refused, not found, not confirmed, --read-only)
  2  usage error (bad flag, value or argument; nothing was sent to AWS)
  3  partial: some services failed; the output holds what the others returned`;

export interface OutStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface InStream extends NodeJS.ReadableStream {
  isTTY?: boolean;
}

export interface CliIo {
  stdout: OutStream;
  stderr: OutStream;
  stdin: InStream;
  env: NodeJS.ProcessEnv;
  /** Records the exit status (the process exits with it once the event loop is empty). */
  setExitCode(code: ExitCode): void;
  /** Runs `fn` on Ctrl-C / SIGTERM until the returned function is called. */
  onInterrupt(fn: () => void): () => void;
  now(): number;
  /** How waits between AWS polls sleep (tests advance a simulated clock instead); default: real time. */
  sleep?: (ms: number) => Promise<void>;
}

export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    setExitCode: (code) => {
      process.exitCode = code;
    },
    onInterrupt: (fn) => {
      process.on('SIGINT', fn);
      process.on('SIGTERM', fn);
      return () => {
        process.off('SIGINT', fn);
        process.off('SIGTERM', fn);
      };
    },
    now: Date.now,
  };
}
