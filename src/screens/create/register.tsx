// Plugs the create wizard into the shell (`c` on the list, `:create`).
import React from 'react';
import { registerScreen, type ScreenDef } from '../../app/screens.js';
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

registerScreen('create', createScreenDef());
