// Screens that load on first use (src/app/screens.ts registerLazyScreen): a key
// typed while the screen's code is still arriving reaches the screen, in order,
// and none of it falls through to the list (where `q` would quit).
import React, { useCallback, useState } from 'react';
import { Text } from 'ink';
import { afterEach, describe, expect, it } from 'vitest';
import { registerLazyScreen, registerScreen, type ScreenContext, type ScreenDef } from '../../src/app/screens.js';
import { useScreenKeys } from '../../src/app/hooks.js';
import { createScreenDef } from '../../src/screens/create/register.js';
import { renderApp, type Rendered } from '../helpers/render.js';

function Recorder({ ctx }: { ctx: ScreenContext }): React.ReactElement {
  const [typed, setTyped] = useState('');
  const onKey = useCallback(
    (input: string, key: { escape?: boolean }) => {
      if (key.escape) {
        ctx.back();
        return true;
      }
      setTyped((t) => t + input);
      return true;
    },
    [ctx],
  );
  useScreenKeys(ctx, onKey);
  return <Text>recorder got [{typed}]</Text>;
}

const recorder: ScreenDef = { render: (ctx) => <Recorder ctx={ctx} /> };

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (e: Error) => void } {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** The list up, then `c` opens a create screen whose code arrives when the gate opens. */
async function openWhileLoading(): Promise<{ app: Rendered; gate: ReturnType<typeof deferred> }> {
  const app = await renderApp();
  await app.waitForText('research-home');
  const gate = deferred();
  registerLazyScreen('create', () => gate.promise.then(() => recorder));
  await app.press('c');
  await app.waitForText('loading create');
  return { app, gate };
}

describe('screens loaded on first use', () => {
  let app: Rendered | undefined;
  afterEach(() => {
    app?.cleanup();
    app = undefined;
    registerScreen('create', createScreenDef());
  });

  it('shows that the screen is loading and hands it every key typed meanwhile, in order', async () => {
    const opened = await openWhileLoading();
    app = opened.app;
    const { gate } = opened;
    // `q` and `/` would quit or filter on the list; here they belong to the screen.
    await app.type('q/x');
    expect(app.exited).toBe(false);
    gate.resolve();
    const f = await app.waitForText('recorder got [');
    expect(f).not.toContain('loading create');
    await app.waitForText('recorder got [q/x]');
    expect(app.exited).toBe(false);
    // Keys after loading go straight to the screen; Esc leaves it.
    await app.type('y');
    await app.waitForText('recorder got [q/xy]');
    await app.press('escape');
    await app.waitFor((fr) => !fr.includes('recorder') && fr.includes('research-home'), 'the list again');
  });

  it('Ctrl+C still quits while a screen is loading', async () => {
    app = await renderApp();
    await app.waitForText('research-home');
    registerLazyScreen('create', () => new Promise<ScreenDef>(() => undefined));
    await app.press('c');
    await app.waitForText('loading create');
    await app.press('ctrl+c');
    expect(app.exited).toBe(true);
  });

  it('says what to do when a screen cannot be loaded, and Esc still goes back', async () => {
    const opened = await openWhileLoading();
    app = opened.app;
    const { gate } = opened;
    gate.reject(new Error('chunk missing'));
    const f = await app.waitForText('could not be loaded');
    expect(f).toContain('chunk missing');
    expect(f).toContain('npm ci');
    await app.press('escape');
    await app.waitFor((fr) => !fr.includes('could not be loaded') && fr.includes('research-home'), 'the list again');
  });
});
