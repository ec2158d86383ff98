// The key-hint bar of the mount screen follows its mode (editing a path shows
// Enter/Esc, the instance list shows Enter/u, ...). The shell asks for hints
// when it renders; the screen publishes the current ones here (per session)
// before telling the shell something changed (ctx.flash re-renders it).
import type { Hint } from '../../components/KeyHints.js';
import type { Session } from '../../services/session.js';
import type { StorageInfo } from '../../services/types.js';
import { choicesFor } from './choices.js';
import type { MountUi } from './state.js';

const published = new WeakMap<Session, Hint[]>();

export function publishHints(session: Session, hints: Hint[]): void {
  published.set(session, hints);
}

export function clearHints(session: Session): void {
  published.delete(session);
}

export function publishedHints(session: Session): Hint[] | undefined {
  return published.get(session);
}

/** The hint bar for a state of the screen. */
export function hintsFor(ui: MountUi | undefined, info: StorageInfo | undefined, readOnly: boolean): Hint[] {
  if (!info) return [{ keys: 'Esc', label: 'back' }];
  const mode = ui?.mode.kind ?? 'view';
  switch (mode) {
    case 'edit':
      return [
        { keys: 'Enter', label: 'apply' },
        { keys: 'Esc', label: 'cancel' },
        { keys: '^U', label: 'clear' },
        { keys: '←→', label: 'move' },
      ];
    case 'save':
      return [
        { keys: 'Enter', label: 'save (mode 700)' },
        { keys: 'Esc', label: 'cancel' },
        { keys: '^U', label: 'clear' },
      ];
    case 'overwrite':
      return [
        { keys: 'y', label: 'replace the file' },
        { keys: 'n', label: 'another name' },
      ];
    case 'pick':
      return [
        { keys: '↑↓', label: 'choose' },
        { keys: 'Enter', label: 'mount' },
        { keys: 'u', label: 'unmount' },
        { keys: 'r', label: 'reload' },
        { keys: 'Esc', label: 'back' },
      ];
    case 'confirm':
      return [
        { keys: 'Enter', label: 'run these steps' },
        { keys: 'Esc', label: 'back' },
      ];
    case 'run':
      return ui?.mode.kind === 'run' && ui.mode.result
        ? [
            { keys: '↑↓', label: 'output' },
            { keys: 'Esc', label: 'done' },
          ]
        : [
            { keys: '↑↓', label: 'output' },
            { keys: 'Esc', label: 'stop following' },
          ];
    case 'view': {
      const keys = ui ? choicesFor(info, ui.choices).map((c) => c.key) : [];
      return [
        ...(keys.length ? [{ keys: keys.join('/'), label: 'change' }] : []),
        { keys: 'y', label: 'copy' },
        { keys: 'w', label: 'save' },
        ...(readOnly ? [] : [{ keys: 'i', label: 'on instance' }]),
        { keys: '↑↓', label: 'scroll' },
        { keys: 'Esc', label: 'back' },
      ];
    }
  }
}
