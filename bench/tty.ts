// In-memory terminal streams for the in-process benchmarks: Ink renders into
// `Out` (which counts frames), keys are fed through `In`.
import { EventEmitter } from 'node:events';
import React from 'react';
import { render, type Instance } from 'ink';
import { App } from '../src/app/App.js';
import { loadAllScreens } from '../src/app/screens.js';
import { makeTheme } from '../src/app/theme.js';
import type { Session } from '../src/services/session.js';
import { favourMemory } from '../src/cli/memory.js';
import '../src/screens/register.js';

export class Out extends EventEmitter {
  columns = 100;
  rows = 30;
  isTTY = true;
  writes = 0;
  last = '';
  write = (s: string) => {
    this.writes++;
    this.last = s;
    this.emit('wrote');
    return true;
  };
}

export class In extends EventEmitter {
  isTTY = true;
  data: string | null = null;
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
  read = () => {
    const d = this.data;
    this.data = null;
    return d;
  };
  send(s: string) {
    this.data = s;
    this.emit('readable');
    this.emit('data', s);
  }
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * The dashboard drawn into `stdout`, keys fed through the returned `stdin`. Every screen
 * is loaded first, as the dashboard does right after its first list, and the heap is
 * then kept small, as the dashboard does after its first frame.
 */
export async function renderDashboard(session: Session, stdout: Out): Promise<{ stdin: In; inst: Instance }> {
  await loadAllScreens();
  const stdin = new In();
  const inst = render(React.createElement(App, { session, theme: makeTheme() }), {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    stderr: new Out() as unknown as NodeJS.WriteStream,
    exitOnCtrlC: false,
    patchConsole: false,
    maxFps: 30,
  });
  // As the dashboard does once its first frame is out (src/cli/memory.ts).
  favourMemory();
  return { stdin, inst };
}
