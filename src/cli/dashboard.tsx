// Runs the full-screen dashboard: alternate screen in, terminal restored on
// every exit path (q, Ctrl-C, SIGTERM/SIGHUP, an uncaught error).
import React from 'react';
import { writeFileSync } from 'node:fs';
import { render } from 'ink';
import { App } from '../app/App.js';
import { makeTheme } from '../app/theme.js';
import { FIRST_LIST_SETTLE_MS, Session } from '../services/session.js';
import { chunkKeys } from '../services/inventory.js';
import '../screens/register.js';
import { loadAllScreens } from '../app/screens.js';
import { mark } from '../trace.js';
import { favourMemory } from './memory.js';
import type { TerminalScreen } from './terminal-screen.js';


export interface DashboardOptions {
  /** The terminal, already in the alternate screen with a status line (cli.tsx). */
  screen: TerminalScreen;
  /** Longest wait for the first list before the first frame (the session's settle window). */
  firstListWaitMs?: number;
  /** Called once the first frame is on the terminal. */
  onFirstFrame?: () => void;
}

/**
 * `npm run bench` support: with PRISM_BENCH_FILE set, the time of the first full
 * frame of the list (every inventory chunk answered and drawn; milliseconds since
 * this process started), the CPU time and the peak RSS so far are written there
 * as JSON; with PRISM_BENCH_EXIT the dashboard then quits. PRISM_BENCH_RSS_FILE receives the
 * peak RSS of the whole run when the dashboard exits.
 */
function benchProbe(session: Session): { onRender: () => void; attach: (quit: () => void) => void } | undefined {
  const file = process.env.PRISM_BENCH_FILE;
  const rssFile = process.env.PRISM_BENCH_RSS_FILE;
  if (rssFile) process.once('exit', () => writeFileSync(rssFile, JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS })));
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
      const sinceStartMs = performance.now();
      // CPU time of every thread so far: the work done, next to the time it took.
      const { user, system } = process.cpuUsage();
      // The frame is on the terminal once this render's write is flushed.
      setImmediate(() => {
        writeFileSync(file, JSON.stringify({ firstFrameAt, sinceStartMs, cpuMs: (user + system) / 1000, resources: snap.resources.length, maxRssKb: process.resourceUsage().maxRSS }));
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

/**
 * Runs the dashboard on a started session. The first frame is drawn once the first
 * list is in (at most the session's settle window, FIRST_LIST_SETTLE_MS): one full frame instead
 * of an empty one redrawn a moment later. Meanwhile one line says what is happening.
 */
export async function runDashboard(session: Session, opts: DashboardOptions): Promise<number> {
  const { screen } = opts;
  const restore = () => screen.restore();
  // Set once Ink is drawing; a signal or a fatal error may come before that.
  const ui: { instance?: ReturnType<typeof render> } = {};
  const onFatal = (e: unknown) => {
    try {
      ui.instance?.unmount();
    } catch {
      // already gone
    }
    restore();
    process.stderr.write(`prism-storage: unexpected error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  };
  screen.setCleanup(() => {
    session.stop();
    ui.instance?.unmount();
  });
  process.on('uncaughtException', onFatal);
  process.on('unhandledRejection', onFatal);
  screen.enter();
  await session.firstList(opts.firstListWaitMs ?? FIRST_LIST_SETTLE_MS);
  // Ink draws from the top-left corner: clear the status line under it.
  screen.clearLine();
  preloadScreensAfterFirstList(session);
  const bench = benchProbe(session);
  const ink = render(<App session={session} theme={makeTheme()} />, { exitOnCtrlC: false, patchConsole: true, maxFps: 30, onRender: bench?.onRender });
  ui.instance = ink;
  bench?.attach(() => ink.unmount());
  mark('first render call done');
  // Ink wrote the first frame synchronously; let it flush first. From then on the
  // heap is kept small (src/cli/memory.ts): start-up speed no longer matters.
  setImmediate(() => {
    favourMemory();
    opts.onFirstFrame?.();
  });
  try {
    await ink.waitUntilExit();
  } finally {
    session.stop();
    restore();
  }
  return 0;
}
