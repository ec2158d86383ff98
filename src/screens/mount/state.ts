// The mount screen's state and its key reducer. Pure: (state, key, env) ->
// (state, effect). Effects that touch the world (clipboard, file, AWS) are
// carried out by the component; their results come back through the small
// helpers at the end (instancesLoaded, runEvent, runFinished, saved).
import { textReduce, textState, type FormKey, type TextState } from '../../components/form/index.js';
import {
  manualHint,
  mountSteps,
  optionsForInstance,
  scriptForInstance,
  instanceLabel,
  type InstanceCheck,
  type MountAction,
  type MountEvent,
  type MountRunResult,
  type MountStep,
  type MountStepState,
} from '../../services/mount-instance.js';
import { generateMount, OS_LABEL, type MountOptions, type MountScript } from '../../services/mount/index.js';
import { StorageError, type StorageInfo } from '../../services/types.js';
import { choicesFor, cycleChoice, initialChoices, setText, TEXT_LABEL, textOf, type MountChoices, type TextChoiceId } from './choices.js';

export interface PickMode {
  kind: 'pick';
  load: 'loading' | 'ready' | 'error';
  rows: InstanceCheck[];
  cursor: number;
  /** Why the last Enter did nothing, or why loading failed. */
  error?: string;
}

export interface RunMode {
  kind: 'run';
  action: MountAction;
  check: InstanceCheck;
  steps: (MountStep & { state: MountStepState; message?: string })[];
  status?: string;
  commandId?: string;
  stdout: string;
  stderr: string;
  result?: MountRunResult;
  /** First output row shown; follow = stick to the end as output arrives. */
  scroll: number;
  follow: boolean;
  stopping?: boolean;
}

export type Mode =
  | { kind: 'view' }
  | { kind: 'edit'; field: TextChoiceId; text: TextState; error?: string }
  | { kind: 'save'; text: TextState; error?: string }
  | { kind: 'overwrite'; path: string; text: TextState }
  | PickMode
  | { kind: 'confirm'; action: MountAction; check: InstanceCheck; opts: MountOptions; steps: MountStep[]; script: MountScript; back: PickMode }
  | RunMode;

export interface Notice {
  level: 'info' | 'warn' | 'error';
  text: string;
}

export interface MountUi {
  choices: MountChoices;
  /** First row of the script pane shown. */
  scroll: number;
  mode: Mode;
  /** A message kept above the script until Esc (e.g. "not managed: run it by hand"). */
  notice?: Notice;
}

export interface UiEnv {
  info: StorageInfo;
  readOnly: boolean;
  /** Rows of the script pane, and of the whole scrollable content. */
  page: number;
  total: number;
  /** Rows of the run output pane, and of the whole output. */
  outputPage: number;
  outputTotal: number;
  /** Rows of the instance list. */
  listPage: number;
  /** The script generates (copy, save and run need one). */
  scriptOk: boolean;
  /** ./mount-<name>.sh */
  defaultSavePath: string;
}

export type Effect = { kind: 'copy' } | { kind: 'save'; path: string; overwrite: boolean } | { kind: 'load-instances' } | { kind: 'start-run' } | { kind: 'stop-run' };

export interface KeyResult {
  state: MountUi;
  consumed: boolean;
  effect?: Effect;
}

export function initialUi(info: StorageInfo): MountUi {
  return { choices: initialChoices(info), scroll: 0, mode: { kind: 'view' } };
}

const typed = (k: FormKey, ch: string) => k.name === '' && k.text === ch;
/** Keys the shell keeps in the list, confirm and run views: quit, help, command line (never while typing a path). */
const shellKey = (k: FormKey) => k.name === 'ctrl+c' || typed(k, 'q') || typed(k, '?') || typed(k, ':');

/** Scroll keys shared by the panes: the new first row, or undefined when `k` is not one. */
export function scrollBy(k: FormKey, at: number, page: number, total: number): number | undefined {
  const max = Math.max(0, total - page);
  let to: number | undefined;
  if (k.name === 'down' || typed(k, 'j')) to = at + 1;
  else if (k.name === 'up' || typed(k, 'k')) to = at - 1;
  else if (k.name === 'pagedown' || k.name === 'ctrl+f' || k.name === 'ctrl+d' || k.name === 'space') to = at + Math.max(1, page - 1);
  else if (k.name === 'pageup' || k.name === 'ctrl+b' || k.name === 'ctrl+u') to = at - Math.max(1, page - 1);
  else if (k.name === 'home' || typed(k, 'g')) to = 0;
  else if (k.name === 'end' || typed(k, 'G')) to = max;
  return to === undefined ? undefined : Math.max(0, Math.min(max, to));
}

function errorText(e: unknown): string {
  if (e instanceof StorageError) return `${e.message}. ${e.hint}`;
  return e instanceof Error ? e.message : String(e);
}

/** The script for the current choices, or why there is none. */
export function scriptOf(info: StorageInfo, choices: MountChoices): { ok: true; script: MountScript } | { ok: false; error: string } {
  try {
    return { ok: true, script: generateMount(info, choices.opts) };
  } catch (e) {
    return { ok: false, error: errorText(e) };
  }
}

function view(s: MountUi, patch: Partial<MountUi> = {}): MountUi {
  return { ...s, ...patch, mode: { kind: 'view' } };
}

function viewKey(s: MountUi, k: FormKey, env: UiEnv): KeyResult {
  const scrolled = scrollBy(k, s.scroll, env.page, env.total);
  if (scrolled !== undefined) return { state: { ...s, scroll: scrolled }, consumed: true };
  if (k.name === 'escape') {
    // First Esc clears a notice; the next leaves the screen (the shell pops it).
    if (s.notice) return { state: { ...s, notice: undefined }, consumed: true };
    return { state: s, consumed: false };
  }
  if (k.name !== '' || k.text.length !== 1) return { state: s, consumed: false };
  const ch = k.text;
  const choice = choicesFor(env.info, s.choices).find((c) => c.key === ch);
  if (choice) {
    if (choice.edit === 'text') {
      const field = choice.id as TextChoiceId;
      return { state: { ...s, mode: { kind: 'edit', field, text: textState(textOf(s.choices, field)) } }, consumed: true };
    }
    return { state: { ...s, choices: cycleChoice(env.info, s.choices, choice.id) }, consumed: true };
  }
  switch (ch) {
    case 'y':
      if (!env.scriptOk) return { state: { ...s, notice: { level: 'error', text: 'Nothing to copy: the script cannot be generated with these choices (see above).' } }, consumed: true };
      return { state: s, consumed: true, effect: { kind: 'copy' } };
    case 'w':
      if (!env.scriptOk) return { state: { ...s, notice: { level: 'error', text: 'Nothing to save: the script cannot be generated with these choices (see above).' } }, consumed: true };
      return { state: { ...s, mode: { kind: 'save', text: textState(env.defaultSavePath) } }, consumed: true };
    case 'i':
      if (env.readOnly) return { state: s, consumed: false };
      return { state: { ...s, mode: { kind: 'pick', load: 'loading', rows: [], cursor: 0 } }, consumed: true, effect: { kind: 'load-instances' } };
    case 'm':
      // Already on the mount screen: do not stack another one.
      return { state: s, consumed: true };
    default:
      return { state: s, consumed: false };
  }
}

function editKey(s: MountUi, mode: Extract<Mode, { kind: 'edit' }>, k: FormKey, env: UiEnv): KeyResult {
  if (k.name === 'ctrl+c') return { state: s, consumed: false };
  if (k.name === 'escape') return { state: view(s), consumed: true };
  if (k.name === 'enter') {
    const choices = setText(s.choices, mode.field, mode.text.value);
    if (mode.field === 'mountPoint' && choices.opts.mountPoint === '') return { state: { ...s, mode: { ...mode, error: 'A mount point is required.' } }, consumed: true };
    const r = scriptOf(env.info, choices);
    if (!r.ok) return { state: { ...s, mode: { ...mode, error: r.error } }, consumed: true };
    return { state: view(s, { choices }), consumed: true };
  }
  const text = textReduce(mode.text, k);
  return { state: text && text !== mode.text ? { ...s, mode: { ...mode, text, error: undefined } } : s, consumed: true };
}

function saveKey(s: MountUi, mode: Extract<Mode, { kind: 'save' }>, k: FormKey): KeyResult {
  if (k.name === 'ctrl+c') return { state: s, consumed: false };
  if (k.name === 'escape') return { state: view(s), consumed: true };
  if (k.name === 'enter') {
    if (mode.text.value.trim() === '') return { state: { ...s, mode: { ...mode, error: 'Give a file name.' } }, consumed: true };
    return { state: s, consumed: true, effect: { kind: 'save', path: mode.text.value.trim(), overwrite: false } };
  }
  const text = textReduce(mode.text, k);
  return { state: text && text !== mode.text ? { ...s, mode: { ...mode, text, error: undefined } } : s, consumed: true };
}

function overwriteKey(s: MountUi, mode: Extract<Mode, { kind: 'overwrite' }>, k: FormKey): KeyResult {
  if (k.name === 'ctrl+c') return { state: s, consumed: false };
  if (typed(k, 'y')) return { state: s, consumed: true, effect: { kind: 'save', path: mode.path, overwrite: true } };
  if (typed(k, 'n') || k.name === 'escape') return { state: { ...s, mode: { kind: 'save', text: mode.text } }, consumed: true };
  return { state: s, consumed: true };
}

/** Picking an instance: the confirmation, or why not, or (not managed) the script to run by hand. */
export function choose(s: MountUi, mode: PickMode, action: MountAction, env: UiEnv): MountUi {
  const check = mode.rows[mode.cursor];
  if (!check) return s;
  if (check.problems.length) return { ...s, mode: { ...mode, error: check.problems.join(' ') } };
  const opts = optionsForInstance(s.choices.opts, check, true);
  const choices = { ...s.choices, opts };
  const osNote = check.os && check.os !== s.choices.opts.os ? ` The script is now for ${OS_LABEL[check.os]}, as Systems Manager reports.` : '';
  if (check.ssmManaged === false) {
    return view(s, {
      choices,
      scroll: 0,
      notice: { level: 'warn', text: `${check.ssmReason ?? `${instanceLabel(check.instance)} is not managed by Systems Manager.`} ${manualHint(env.info, check, action)} y copies the script, w saves it.${osNote}` },
    });
  }
  let script: MountScript;
  try {
    script = scriptForInstance(env.info, opts, check);
  } catch (e) {
    return { ...s, mode: { ...mode, error: errorText(e) } };
  }
  if (script.language !== 'bash') return { ...s, mode: { ...mode, error: 'The Windows client script is PowerShell: run it on the Windows instance yourself (y copies it, w saves it).' } };
  // The choices change only when the run starts (Esc from the confirmation leaves them as they were).
  const steps = mountSteps(env.info, check, action, script, opts);
  return { ...s, mode: { kind: 'confirm', action, check, opts, steps, script, back: { ...mode, error: undefined } } };
}

function pickKey(s: MountUi, mode: PickMode, k: FormKey, env: UiEnv): KeyResult {
  if (shellKey(k)) return { state: s, consumed: false };
  if (k.name === 'escape') return { state: view(s), consumed: true };
  if (typed(k, 'r')) return { state: { ...s, mode: { ...mode, load: 'loading', error: undefined } }, consumed: true, effect: { kind: 'load-instances' } };
  if (mode.load !== 'ready') return { state: s, consumed: true };
  const moved = scrollBy(k, mode.cursor, env.listPage, mode.rows.length + env.listPage - 1);
  if (moved !== undefined) return { state: { ...s, mode: { ...mode, cursor: Math.min(Math.max(0, mode.rows.length - 1), moved), error: undefined } }, consumed: true };
  if (k.name === 'enter') return { state: choose(s, mode, 'mount', env), consumed: true };
  if (typed(k, 'u')) return { state: choose(s, mode, 'unmount', env), consumed: true };
  return { state: s, consumed: true };
}

function confirmKey(s: MountUi, mode: Extract<Mode, { kind: 'confirm' }>, k: FormKey): KeyResult {
  if (shellKey(k)) return { state: s, consumed: false };
  if (k.name === 'enter' || typed(k, 'y')) {
    const run: RunMode = { kind: 'run', action: mode.action, check: mode.check, steps: mode.steps.map((x) => ({ ...x, state: 'pending' })), stdout: '', stderr: '', scroll: 0, follow: true };
    // From now on the screen shows the script that runs there (the instance's OS and AZ).
    return { state: { ...s, choices: { ...s.choices, opts: mode.opts }, mode: run }, consumed: true, effect: { kind: 'start-run' } };
  }
  if (k.name === 'escape' || typed(k, 'n')) return { state: { ...s, mode: mode.back }, consumed: true };
  return { state: s, consumed: true };
}

function runKey(s: MountUi, mode: RunMode, k: FormKey, env: UiEnv): KeyResult {
  if (shellKey(k)) return { state: s, consumed: false };
  const end = Math.max(0, env.outputTotal - env.outputPage);
  // While following, the pane shows the end: scrolling starts from there.
  const scrolled = scrollBy(k, mode.follow ? end : Math.min(mode.scroll, end), env.outputPage, env.outputTotal);
  if (scrolled !== undefined) return { state: { ...s, mode: { ...mode, scroll: scrolled, follow: scrolled >= end } }, consumed: true };
  if (!mode.result) {
    if (k.name === 'escape' && !mode.stopping) return { state: { ...s, mode: { ...mode, stopping: true } }, consumed: true, effect: { kind: 'stop-run' } };
    return { state: s, consumed: true };
  }
  if (k.name === 'escape' || k.name === 'enter') {
    const r = mode.result;
    const level = r.ok ? 'info' : r.status === 'not-managed' || r.status === 'cancelled' ? 'warn' : 'error';
    return { state: view(s, { notice: { level, text: `${r.message}${r.hint && !r.ok ? ` ${r.hint}` : ''}` } }), consumed: true };
  }
  return { state: s, consumed: true };
}

export function mountKey(s: MountUi, k: FormKey, env: UiEnv): KeyResult {
  switch (s.mode.kind) {
    case 'view':
      return viewKey(s, k, env);
    case 'edit':
      return editKey(s, s.mode, k, env);
    case 'save':
      return saveKey(s, s.mode, k);
    case 'overwrite':
      return overwriteKey(s, s.mode, k);
    case 'pick':
      return pickKey(s, s.mode, k, env);
    case 'confirm':
      return confirmKey(s, s.mode, k);
    case 'run':
      return runKey(s, s.mode, k, env);
  }
}

// ---------------------------------------------------------------------------
// Results of effects

export function instancesLoaded(s: MountUi, rows: InstanceCheck[] | { error: string }): MountUi {
  if (s.mode.kind !== 'pick') return s;
  if ('error' in rows) return { ...s, mode: { ...s.mode, load: 'error', rows: [], error: rows.error } };
  return { ...s, mode: { ...s.mode, load: 'ready', rows, cursor: 0, error: rows.length ? undefined : 'No instances in this region.' } };
}

export function runEvent(s: MountUi, e: MountEvent): MountUi {
  if (s.mode.kind !== 'run') return s;
  const m = s.mode;
  switch (e.type) {
    case 'step':
      return { ...s, mode: { ...m, steps: m.steps.map((x) => (x.id === e.step ? { ...x, state: e.state, message: e.message } : x)) } };
    case 'command':
      return { ...s, mode: { ...m, commandId: e.commandId } };
    case 'status':
      return { ...s, mode: { ...m, status: e.status } };
    case 'output':
      return { ...s, mode: { ...m, stdout: e.stdout, stderr: e.stderr } };
  }
}

export function runFinished(s: MountUi, r: MountRunResult): MountUi {
  if (s.mode.kind !== 'run') return s;
  const byId = new Map(r.steps.map((x) => [x.id, x.state]));
  return { ...s, mode: { ...s.mode, result: r, stopping: false, steps: s.mode.steps.map((x) => ({ ...x, state: byId.get(x.id) ?? x.state })), stdout: r.stdout || s.mode.stdout, stderr: r.stderr || s.mode.stderr } };
}

/** After a save attempt: back to the script, the overwrite question, or the error under the path. */
export function saved(
  s: MountUi,
  r: { ok: true; path: string } | { ok: false; exists: true; path: string } | { ok: false; exists: false; path: string; message: string },
  language: 'bash' | 'powershell' = 'bash',
): MountUi {
  const text = s.mode.kind === 'save' || s.mode.kind === 'overwrite' ? s.mode.text : textState(r.path);
  if (r.ok) {
    const how = language === 'powershell' ? `run it on the Windows client in PowerShell: & '${r.path}'` : `run it on the instance as root: sudo bash ${r.path}`;
    return view(s, { notice: { level: 'info', text: `Saved to ${r.path} (mode 700); ${how}` } });
  }
  if (r.exists) return { ...s, mode: { kind: 'overwrite', path: r.path, text } };
  return { ...s, mode: { kind: 'save', text, error: `Cannot write ${r.path}: ${r.message}.` } };
}

/** Text shown for a text field being edited. */
export function editLabel(field: TextChoiceId): string {
  return TEXT_LABEL[field];
}
