// Runs the full-screen dashboard: alternate screen in, terminal restored on
// every exit path (q, Ctrl-C, SIGTERM/SIGHUP, an uncaught error).
import React from 'react';
import { writeFileSync } from 'node:fs';
import { render } from 'ink';
import { App } from '../app/App.js';
import { makeTheme } from '../app/theme.js';
import { Session } from '../services/session.js';
import { chunkKeys } from '../services/inventory.js';
import type { Backend } from '../services/backend.js';
import '../screens/register.js';
import { loadAllScreens } from '../app/screens.js';
import { mark } from '../trace.js';

const ENTER_ALT = '\u001b[?1049h\u001b[H';
const LEAVE_ALT = '\u001b[?1049l';
const SHOW_CURSOR = '\u001b[?25h';

export interface DashboardOptions {
  refreshSeconds: number;
  altScreen: boolean;
}

/**
 * `npm run bench` support: with PRISM_BENCH_FILE set, the time of the first full
 * frame of the list (every inventory chunk answered and drawn) and the peak RSS
 * are written there as JSON; with PRISM_BENCH_EXIT the dashboard then quits.
 */
function benchProbe(session: Session): { onRender: () => void; attach: (quit: () => void) => void } | undefined {
  const file = process.env.PRISM_BENCH_FILE;
  if (!file) return undefined;
  let done = false;
  let quit: (() => void) | undefined;
  return {
    attach: (q) => {
      quit = q;
    },
    onRender: () => {
      // Full frame: every store of every service listed and drawn (per-store details such as
      // S3 bucket settings may still be filling in).
      const snap = session.store.getSnapshot();
      const expected = chunkKeys(session.backend.regions).length;
      if (done || snap.chunks.length < expected || !snap.chunks.every((c) => c.okAt !== undefined)) return;
      done = true;
      mark('first full frame');
      const firstFrameAt = Date.now();
      // The frame is on the terminal once this render's write is flushed.
      setImmediate(() => {
        writeFileSync(file, JSON.stringify({ firstFrameAt, resources: snap.resources.length, maxRssKb: process.resourceUsage().maxRSS }));
        if (process.env.PRISM_BENCH_EXIT) quit?.();
      });
    },
  };
}

/**
 * The wizard, mount, analytics and delete screens load on first use; compile them
 * as soon as the first list is complete (or after a few seconds, if a service is
 * failing) so they open at once later without slowing the first frame.
 */
function preloadScreensAfterFirstList(session: Session): void {
  let done = false;
  const preload = () => {
    if (done) return;
    done = true;
    unsubscribe();
    clearTimeout(timer);
    // After this frame is out.
    setImmediate(() => void loadAllScreens());
  };
  const unsubscribe = session.store.subscribe(() => {
    const snap = session.store.getSnapshot();
    const expected = chunkKeys(session.backend.regions).length;
    if (snap.chunks.length >= expected && snap.chunks.every((c) => c.okAt !== undefined || c.error)) preload();
  });
  const timer = setTimeout(preload, 3_000);
  timer.unref();
}

export async function runDashboard(backend: Backend, opts: DashboardOptions): Promise<number> {
  const out = process.stdout;
  if (!out.isTTY || !process.stdin.isTTY) {
    process.stderr.write('prism-storage: the dashboard needs a terminal. For scripts use `prism-storage list --output json` (see --help).\n');
    return 2;
  }
  const session = new Session(backend, { refreshMs: opts.refreshSeconds * 1000 });
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    if (opts.altScreen) out.write(LEAVE_ALT);
    out.write(SHOW_CURSOR);
  };
  if (opts.altScreen) out.write(ENTER_ALT);
  const onSignal = (sig: NodeJS.Signals) => {
    session.stop();
    instance.unmount();
    restore();
    process.exit(sig === 'SIGINT' ? 130 : 143);
  };
  const onFatal = (e: unknown) => {
    try {
      instance.unmount();
    } catch {
      // already gone
    }
    restore();
    process.stderr.write(`prism-storage: unexpected error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGHUP', onSignal);
  process.once('SIGINT', onSignal);
  process.on('uncaughtException', onFatal);
  process.on('unhandledRejection', onFatal);
  session.start();
  mark('session started');
  preloadScreensAfterFirstList(session);
  const bench = benchProbe(session);
  const instance = render(<App session={session} theme={makeTheme()} />, { exitOnCtrlC: false, patchConsole: true, maxFps: 30, onRender: bench?.onRender });
  bench?.attach(() => instance.unmount());
  mark('first render call done');
  try {
    await instance.waitUntilExit();
  } finally {
    session.stop();
    restore();
  }
  return 0;
}
