// The create wizard's screen definition (`c` on the list, `:create`); src/screens/register.ts loads it.
import React from 'react';
import type { ScreenDef } from '../../app/screens.js';
import { CreateScreen, type CreateScreenOptions } from './CreateScreen.js';

/** The wizard's screen definition; tests register one with injected timing. */
export function createScreenDef(options: CreateScreenOptions = {}): ScreenDef {
  return {
    render: (ctx) => <CreateScreen ctx={ctx} options={options} />,
    // Step-specific keys are on the wizard's own last line; these hold on every step.
    hints: () => [
      { keys: 'Enter', label: 'continue' },
      { keys: 'Esc', label: 'back' },
      { keys: '^C', label: 'quit' },
    ],
  };
}

