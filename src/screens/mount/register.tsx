// The mount screen's definition (`m` on the list and the detail screen); src/screens/register.ts loads it.
import React from 'react';
import type { ScreenContext, ScreenDef } from '../../app/screens.js';
import { hintsFor, publishedHints } from './hints.js';
import { MountScreen, type MountScreenOptions } from './MountScreen.js';
import { initialUi } from './state.js';

/** The mount screen's definition; tests register one with an injected clipboard sink, clock and directory. */
export function mountScreenDef(options: MountScreenOptions = {}): ScreenDef {
  return {
    render: (ctx: ScreenContext) => <MountScreen ctx={ctx} options={options} />,
    // The screen publishes the hints of its current mode; before it has, those of a fresh screen.
    hints: (ctx: ScreenContext) => publishedHints(ctx.session) ?? hintsFor(ctx.resource ? initialUi(ctx.resource) : undefined, ctx.resource, ctx.session.backend.readOnly),
  };
}

