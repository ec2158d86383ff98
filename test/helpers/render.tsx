// One render helper for screen tests (after gemini-cli's test-utils/render):
// the App on a simulated-region session, a terminal of a chosen size, key
// presses by name, and waiting for a frame predicate — never a fixed sleep.
import React from 'react';
import { render } from 'ink-testing-library';
import { App } from '../../src/app/App.js';
import { makeTheme } from '../../src/app/theme.js';
import { ClientPool } from '../../src/services/aws/clients.js';
import { Session } from '../../src/services/session.js';
import { SimRegion, type SimOptions } from '../../src/services/sim/index.js';
import type { Backend } from '../../src/services/backend.js';
import type { RetryPolicy } from '../../src/services/resilience.js';
import '../../src/screens/register.js';
import { loadAllScreens } from '../../src/app/screens.js';

export const KEYS: Record<string, string> = {
  up: '\u001b[A',
  down: '\u001b[B',
  right: '\u001b[C',
  left: '\u001b[D',
  enter: '\r',
  escape: '\u001b',
  pageup: '\u001b[5~',
  pagedown: '\u001b[6~',
  home: '\u001b[H',
  end: '\u001b[F',
  backspace: '\u007f',
  tab: '\t',
  'ctrl+c': '\u0003',
};

export interface RenderOptions {
  columns?: number;
  rows?: number;
  sim?: SimOptions;
  readOnly?: boolean;
  regions?: string[];
  noColor?: boolean;
  refreshMs?: number;
  retry?: RetryPolicy;
}

export type Rendered = Awaited<ReturnType<typeof renderApp>>;

export function simBackend(sim: SimRegion, opts: { readOnly?: boolean; regions?: string[] } = {}): Backend {
  const regions = opts.regions ?? ['us-east-1'];
  const pool = new ClientPool({ region: regions[0], credentials: { accessKeyId: 'sim', secretAccessKey: 'sim' }, plugin: sim.plugin });
  return { mode: 'sim', reason: 'test', region: regions[0], regions, readOnly: !!opts.readOnly, pool, sim, serviceEndpoints: {} };
}

export async function renderApp(opts: RenderOptions = {}) {
  // As the dashboard does right after its first list: every screen is loaded.
  await loadAllScreens();
  const sim = new SimRegion({ stateDir: null, ...opts.sim });
  const session = new Session(simBackend(sim, opts), { refreshMs: opts.refreshMs ?? 3_600_000, maxBackoffMs: 3_600_000, retry: opts.retry ?? { maxAttempts: 3, baseMs: 5, capMs: 20, maxTotalWaitMs: 100 } });
  let exited = false;
  const theme = makeTheme(opts.noColor ? { NO_COLOR: '1' } : {});
  const r = render(<App session={session} theme={theme} onExit={() => (exited = true)} />);
  const size = { columns: opts.columns ?? 100, rows: opts.rows ?? 30 };
  Object.defineProperty(r.stdout, 'columns', { get: () => size.columns, configurable: true });
  Object.defineProperty(r.stdout, 'rows', { get: () => size.rows, configurable: true });
  r.stdout.emit('resize');
  session.start();

  const frame = () => r.lastFrame() ?? '';

  async function waitFor(pred: (frame: string) => boolean, what = 'frame', timeoutMs = 8_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const f = frame();
      if (pred(f)) return f;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last frame:\n${f}`);
      await new Promise((res) => setTimeout(res, 10));
    }
  }

  async function waitForText(text: string | RegExp, timeoutMs?: number): Promise<string> {
    return waitFor((f) => (typeof text === 'string' ? f.includes(text) : text.test(f)), `text ${String(text)}`, timeoutMs);
  }

  /** Press keys by name ('down', 'enter', 'j', ':') or raw strings; each waits for the frame to settle. */
  async function press(...keys: string[]): Promise<void> {
    for (const k of keys) {
      r.stdin.write(KEYS[k] ?? k);
      // Let React/Ink process the key (a microtask turn plus a render tick), not a fixed delay for the world.
      await new Promise((res) => setImmediate(res));
      await new Promise((res) => setImmediate(res));
    }
  }

  async function type(text: string): Promise<void> {
    for (const ch of Array.from(text)) await press(ch);
  }

  function resize(columns: number, rows: number): void {
    size.columns = columns;
    size.rows = rows;
    r.stdout.emit('resize');
  }

  return {
    ...r,
    sim,
    session,
    frame,
    waitFor,
    waitForText,
    press,
    type,
    resize,
    size,
    get exited() {
      return exited;
    },
    cleanup() {
      session.stop();
      r.unmount();
    },
  };
}

/** Lines of a frame, with ANSI styling removed. */
export function plain(frame: string): string {
  return frame.replace(/\u001b\[[0-9;]*m/g, '');
}
