// One keymap table (command -> keys) drives the dispatcher, the `?` help
// overlay and the key-hint bar (after gemini-cli's keyBindings.ts).
import type { Key } from 'ink';

export type Context = 'global' | 'list' | 'detail' | 'help';

export interface Binding {
  command: Command;
  keys: string[]; // 'j', 'down', 'enter', 'escape', 'pageup', 'ctrl+c', 'G', 'home'
  description: string;
  contexts: Context[];
  /** Shown in the hint bar of these contexts (short label). */
  hint?: string;
  /** Changes AWS: hidden and refused with --read-only. */
  mutating?: boolean;
}

export type Command =
  | 'quit'
  | 'help'
  | 'back'
  | 'refresh'
  | 'command'
  | 'filter'
  | 'up'
  | 'down'
  | 'pageUp'
  | 'pageDown'
  | 'top'
  | 'bottom'
  | 'open'
  | 'sortNext'
  | 'sortReverse'
  | 'kindAll'
  | 'kind1'
  | 'kind2'
  | 'kind3'
  | 'kind4'
  | 'kind5'
  | 'kind6'
  | 'kind7'
  | 'errors'
  | 'create'
  | 'delete'
  | 'mount'
  | 'analytics'
  | 'windowPrev'
  | 'windowNext';

export const KEYMAP: Binding[] = [
  { command: 'quit', keys: ['q', 'ctrl+c'], description: 'Quit (restores the terminal)', contexts: ['global'], hint: 'quit' },
  { command: 'help', keys: ['?'], description: 'Help: every key, and error details', contexts: ['global'], hint: 'help' },
  { command: 'back', keys: ['escape'], description: 'Back / clear filter', contexts: ['global'], hint: 'back' },
  { command: 'refresh', keys: ['r', 'ctrl+r'], description: 'Refresh now (retry paused services, re-read S3 bucket settings)', contexts: ['global'], hint: 'refresh' },
  { command: 'command', keys: [':'], description: 'Command: :ebs :efs :s3 :fsx :lustre :openzfs :windows :ontap :all :region R :profile P :q', contexts: ['global'], hint: 'cmd' },
  { command: 'filter', keys: ['/'], description: 'Filter by name, id, tags', contexts: ['list'], hint: 'filter' },
  { command: 'up', keys: ['up', 'k'], description: 'Move up', contexts: ['list', 'detail', 'help'] },
  { command: 'down', keys: ['down', 'j'], description: 'Move down', contexts: ['list', 'detail', 'help'] },
  { command: 'pageUp', keys: ['pageup', 'ctrl+b', 'ctrl+u'], description: 'Page up', contexts: ['list', 'detail', 'help'] },
  { command: 'pageDown', keys: ['pagedown', 'ctrl+f', 'ctrl+d'], description: 'Page down', contexts: ['list', 'detail', 'help'] },
  { command: 'top', keys: ['g', 'home'], description: 'First row', contexts: ['list', 'detail', 'help'] },
  { command: 'bottom', keys: ['G', 'end'], description: 'Last row', contexts: ['list', 'detail', 'help'] },
  { command: 'open', keys: ['enter'], description: 'Open details', contexts: ['list'], hint: 'open' },
  { command: 'sortNext', keys: ['s', '>'], description: 'Sort by the next column', contexts: ['list'], hint: 'sort' },
  { command: 'sortReverse', keys: ['S', '<'], description: 'Reverse the sort order', contexts: ['list'] },
  { command: 'kindAll', keys: ['0'], description: 'All kinds', contexts: ['list'], hint: '0-7 kind' },
  { command: 'kind1', keys: ['1'], description: 'Only EBS', contexts: ['list'] },
  { command: 'kind2', keys: ['2'], description: 'Only EFS', contexts: ['list'] },
  { command: 'kind3', keys: ['3'], description: 'Only S3', contexts: ['list'] },
  { command: 'kind4', keys: ['4'], description: 'Only FSx for Lustre', contexts: ['list'] },
  { command: 'kind5', keys: ['5'], description: 'Only FSx for OpenZFS', contexts: ['list'] },
  { command: 'kind6', keys: ['6'], description: 'Only FSx for Windows File Server', contexts: ['list'] },
  { command: 'kind7', keys: ['7'], description: 'Only FSx for NetApp ONTAP', contexts: ['list'] },
  { command: 'errors', keys: ['e'], description: 'Service status and error details', contexts: ['list', 'detail'] },
  { command: 'create', keys: ['c'], description: 'Create storage (guided)', contexts: ['list'], mutating: true },
  { command: 'delete', keys: ['d'], description: 'Delete (asks for the name)', contexts: ['list', 'detail'], mutating: true },
  { command: 'mount', keys: ['m'], description: 'Mount instructions', contexts: ['list', 'detail'] },
  { command: 'analytics', keys: ['a'], description: 'Analytics: costs, patterns, recommendations', contexts: ['list'] },
  { command: 'windowPrev', keys: ['['], description: 'Shorter chart window', contexts: ['detail'] },
  { command: 'windowNext', keys: [']'], description: 'Longer chart window', contexts: ['detail'] },
];

/** The canonical name of a keypress, in the keymap's vocabulary. */
export function keyName(input: string, key: Key): string {
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.pageUp) return 'pageup';
  if (key.pageDown) return 'pagedown';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.return) return 'enter';
  if (key.escape) return 'escape';
  if (key.tab) return key.shift ? 'shift+tab' : 'tab';
  if (key.backspace || key.delete) return 'backspace';
  if (key.ctrl && input) return `ctrl+${input.toLowerCase()}`;
  return input;
}

export interface MatchOptions {
  contexts: Context[];
  readOnly: boolean;
  /** Commands the current screen does not offer (e.g. create on an empty account is fine; mount not wired yet). */
  available?: (c: Command) => boolean;
}

export function bindingsFor(opts: MatchOptions): Binding[] {
  return KEYMAP.filter((b) => b.contexts.some((c) => opts.contexts.includes(c)) && !(opts.readOnly && b.mutating) && (opts.available ? opts.available(b.command) : true));
}

/** The command a key triggers in these contexts, if any. */
export function match(name: string, opts: MatchOptions): Command | undefined {
  for (const b of bindingsFor(opts)) if (b.keys.includes(name)) return b.command;
  return undefined;
}

export function formatKey(k: string): string {
  const names: Record<string, string> = { up: '↑', down: '↓', enter: 'Enter', escape: 'Esc', pageup: 'PgUp', pagedown: 'PgDn', home: 'Home', end: 'End' };
  if (names[k]) return names[k];
  if (k.startsWith('ctrl+')) return `^${k.slice(5).toUpperCase()}`;
  return k;
}

/** Checks the table: no key bound twice within a context (a test runs this). */
export function conflicts(): string[] {
  const out: string[] = [];
  const seen = new Map<string, Command>();
  for (const b of KEYMAP)
    for (const c of b.contexts)
      for (const k of b.keys) {
        const id = `${c}:${k}`;
        const prev = seen.get(id);
        if (prev && prev !== b.command) out.push(`${id} bound to ${prev} and ${b.command}`);
        seen.set(id, b.command);
      }
  // Global keys must not be shadowed by a screen context either.
  for (const b of KEYMAP.filter((x) => x.contexts.includes('global')))
    for (const k of b.keys)
      for (const o of KEYMAP)
        if (o !== b && !o.contexts.includes('global') && o.keys.includes(k)) out.push(`${k}: global ${b.command} vs ${o.command}`);
  return out;
}
