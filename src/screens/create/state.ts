// The wizard as a value and one pure key reducer: purpose -> settings ->
// review -> progress. The screen keeps the value in a ref (keys are handled
// synchronously, one at a time) and runs the effects the reducer asks for
// (start the creation, leave, open the new store). Nothing here calls AWS.
import { cycleOption, numberReduce, secretReduce, selectReduce, selectState, textReduce, textState, toggleReduce, type FormKey, type SelectOption, type SelectState, type TextState } from '../../components/form/index.js';
import { scrollOffset } from '../../components/WindowedTable.js';
import type { StorageConfig, StorageState, StorageType } from '../../services/types.js';
import { defaultConfig, type AccountContext } from '../../services/wizard/index.js';
import { defaultName, initialPurpose, kindOptions, needsOf, presetFor, purposeFields, recommendationOf, withRecommendedKind, WORKLOADS, type PurposeForm, type PurposeKey } from './purpose.js';
import { fieldOptions, fieldValue, problemsOf, requestOf, setFieldValue, settingsFields, stepValue, type SettingsField, type SettingsValues } from './settings.js';

export type Step = 'purpose' | 'settings' | 'review' | 'progress';

export interface RunStep {
  command: string;
  state: 'pending' | 'running' | 'done' | 'failed';
}

export interface RunView {
  status: 'running' | 'failed' | 'created';
  steps: RunStep[];
  /** Latest lifecycle word per resource id, in the order first seen (from waitUntilAvailable / createStorage). */
  states: { id: string; state: StorageState; raw: string }[];
  /** Set when the creation failed: what AWS said, what to do, and what exists already. */
  error?: { message: string; hint: string; step?: number; command?: string; total?: number; created: { kind: string; id: string }[] };
  /** The new store's list key, once it is available. */
  createdKey?: string;
  createdId?: string;
  /** Esc pressed once while running: the next Esc leaves. */
  leaveConfirm: boolean;
  attempt: number;
  startedAt: number;
}

export interface WizardState {
  step: Step;
  purpose: PurposeForm;
  /** Purpose toggles/fields the person changed (presets leave them alone). */
  touched: readonly PurposeKey[];
  pFocus: number;
  pOffset: number;
  name: string;
  nameEdited: boolean;
  tags: string;
  /** One configuration per kind: switching kinds and back keeps what was typed. */
  configs: Partial<Record<StorageType, StorageConfig>>;
  /** Kinds whose settings the person changed (never re-defaulted). */
  edited: Partial<Record<StorageType, boolean>>;
  /** The region the configs were made for (subnets, zones and keys belong to it). */
  configRegion?: string;
  sFocus: string;
  sOffset: number;
  /** The text being edited in the focused text, number or secret field. */
  edit: { key: string; text: TextState } | null;
  picker: { key: string; state: SelectState; multi: boolean } | null;
  /** A one-off line for the message area (e.g. why Enter did not continue). */
  message?: { text: string; level: 'info' | 'warn' | 'error' };
  reviewScroll: number;
  /** Enter on step 1 came before the account was read: continue to step 2 once it is. */
  waitingAccount?: boolean;
  /** The idempotency token of this wizard run: every attempt to create reuses it. */
  token: string;
  run: RunView | null;
}

export interface WizardEnv {
  /** The account of the purpose's region, once read. */
  account?: AccountContext;
  regions: readonly string[];
  height: number;
  width: number;
  now: number;
}

export type Effect = 'start' | 'retry' | 'leave' | 'abort' | 'open' | 'need-account';

export interface KeyResult {
  state: WizardState;
  consumed: boolean;
  effect?: Effect;
}

export function initialWizard(region: string, token: string): WizardState {
  return {
    step: 'purpose',
    purpose: initialPurpose(region),
    touched: [],
    pFocus: 0,
    pOffset: 0,
    name: '',
    nameEdited: false,
    tags: '',
    configs: {},
    edited: {},
    sFocus: 'name',
    sOffset: 0,
    edit: null,
    picker: null,
    reviewScroll: 0,
    token,
    run: null,
  };
}

// ---------------------------------------------------------------------------
// Layout (the reducer scrolls with the same numbers the views draw with)

export function purposeLayout(height: number, fieldCount: number): { fields: number } {
  return { fields: Math.max(1, Math.min(fieldCount, height - 8)) };
}

/** Step 2: title, estimate, the field list, 3 message lines, the key line. */
export function settingsLayout(height: number): { list: number; message: number; picker: number } {
  const list = Math.max(1, height - 6);
  return { list, message: 3, picker: list + 3 };
}

export function reviewLayout(height: number): { body: number } {
  return { body: Math.max(1, height - 2) };
}

// ---------------------------------------------------------------------------
// Helpers

const ok = (state: WizardState, effect?: Effect): KeyResult => ({ state, consumed: true, effect });
const pass = (state: WizardState): KeyResult => ({ state, consumed: false });

/** Keys the wizard lets through to the shell when no text field has the focus: help and the command line. */
function shellKey(k: FormKey): boolean {
  return k.text === '?' || k.text === ':' || k.name === 'ctrl+c';
}

export function valuesOf(s: WizardState): SettingsValues | undefined {
  const config = s.configs[s.purpose.kind];
  return config ? { name: s.name, tags: s.tags, config } : undefined;
}

function withValues(s: WizardState, v: SettingsValues, key: string): WizardState {
  const kind = v.config.type;
  const changedConfig = v.config !== s.configs[kind];
  return {
    ...s,
    name: v.name,
    tags: v.tags,
    nameEdited: s.nameEdited || key === 'name',
    configs: changedConfig ? { ...s.configs, [kind]: v.config } : s.configs,
    edited: changedConfig ? { ...s.edited, [kind]: true } : s.edited,
  };
}

// ---------------------------------------------------------------------------
// The reducer

export function wizardKey(s: WizardState, k: FormKey, env: WizardEnv): KeyResult {
  if (k.name === 'ctrl+c') return pass(s);
  switch (s.step) {
    case 'purpose':
      return purposeKey(s, k, env);
    case 'settings':
      return settingsKey(s, k, env);
    case 'review':
      return reviewKey(s, k, env);
    case 'progress':
      return progressKey(s, k, env);
  }
}

// ---- step 1

function purposeValue(p: PurposeForm, key: PurposeKey): string {
  switch (key) {
    case 'workload':
      return p.workload;
    case 'capacity':
      return p.capacity;
    case 'throughput':
      return p.throughput;
    case 'sharedBy':
      return p.sharedBy;
    case 'region':
      return p.region;
    case 'kind':
      return p.kind;
    default:
      return p[key] ? 'yes' : 'no';
  }
}

export function purposeOptions(key: PurposeKey, s: WizardState, env: Pick<WizardEnv, 'regions'>): SelectOption[] {
  if (key === 'workload') return WORKLOADS.map((w) => ({ value: w.value, label: w.label }));
  if (key === 'region') return env.regions.map((r) => ({ value: r, label: r }));
  if (key === 'kind') return kindOptions(recommendationOf(s.purpose));
  return [];
}

/** The purpose after one field changed: presets for untouched toggles, the kind following the recommendation. */
function setPurpose(s: WizardState, key: PurposeKey, text: string): WizardState {
  let p: PurposeForm = { ...s.purpose };
  const touched = s.touched.includes(key) ? s.touched : [...s.touched, key];
  switch (key) {
    case 'workload': {
      const w = WORKLOADS.find((x) => x.value === text)?.value;
      if (!w) return s;
      p.workload = w;
      const preset = presetFor(w);
      for (const t of ['posix', 'windows', 'shortLived'] as const) if (!touched.includes(t)) p[t] = preset[t];
      break;
    }
    case 'capacity':
    case 'throughput':
    case 'sharedBy':
      p[key] = text;
      break;
    case 'region':
      p.region = text;
      break;
    case 'kind':
      p = { ...p, kind: text as StorageType, kindPinned: true };
      break;
    default:
      p[key] = text === 'yes';
  }
  return { ...s, purpose: withRecommendedKind(p), touched, message: undefined, waitingAccount: false };
}

function focusPurpose(s: WizardState, i: number, env: WizardEnv): WizardState {
  const fields = purposeFields(env.regions);
  const idx = Math.max(0, Math.min(fields.length - 1, i));
  const { fields: h } = purposeLayout(env.height, fields.length);
  return { ...s, pFocus: idx, pOffset: scrollOffset(idx, s.pOffset, h, fields.length), edit: null };
}

function purposeKey(s: WizardState, k: FormKey, env: WizardEnv): KeyResult {
  const fields = purposeFields(env.regions);
  const f = fields[Math.min(s.pFocus, fields.length - 1)];
  if (s.picker) {
    const key = s.picker.key as PurposeKey;
    const options = purposeOptions(key, s, env);
    const r = selectReduce(s.picker.state, k, { options, height: settingsLayout(env.height).picker - 1 });
    if (r.done === 'cancel') return ok({ ...s, picker: null });
    if (r.done === 'pick') return ok({ ...setPurpose(s, key, r.values[0] ?? ''), picker: null });
    return ok({ ...s, picker: { ...s.picker, state: r.state } });
  }
  switch (k.name) {
    case 'escape':
      // First step: the shell closes the wizard.
      return pass(s);
    case 'up':
    case 'shift+tab':
      return ok(focusPurpose(s, s.pFocus - 1, env));
    case 'down':
    case 'tab':
      return ok(focusPurpose(s, s.pFocus + 1, env));
    case 'pageup':
      return ok(focusPurpose(s, 0, env));
    case 'pagedown':
      return ok(focusPurpose(s, fields.length - 1, env));
    case 'enter':
      return toSettings(s, env);
  }
  if (f.kind === 'number') {
    // Not a number's character: help and the command line stay reachable.
    if (k.text === '?' || k.text === ':') return pass(s);
    const buf = s.edit?.key === `p:${f.key}` ? s.edit.text : textState(purposeValue(s.purpose, f.key));
    const next = numberReduce(buf, k, {
      step: (cur, dir) => {
        const v = (cur ?? 0) + dir * (f.key === 'sharedBy' ? 1 : 100);
        return v >= (f.key === 'sharedBy' ? 1 : 0) ? v : undefined;
      },
    });
    if (next === null) return ok(s);
    return ok({ ...setPurpose(s, f.key, next.value), edit: { key: `p:${f.key}`, text: next } });
  }
  if (shellKey(k)) return pass(s);
  if (f.kind === 'toggle') {
    const v = toggleReduce(s.purpose[f.key as 'posix' | 'windows' | 'shortLived'], k);
    return v === null ? ok(s) : ok(setPurpose(s, f.key, v ? 'yes' : 'no'));
  }
  // select
  const options = purposeOptions(f.key, s, env);
  if (k.name === 'left' || k.name === 'right') {
    const v = cycleOption(options, purposeValue(s.purpose, f.key), k.name === 'right' ? 1 : -1);
    return ok(v === undefined ? s : setPurpose(s, f.key, v));
  }
  if (k.name === 'space') {
    const height = settingsLayout(env.height).picker - 1;
    return ok({ ...s, picker: { key: f.key, multi: false, state: selectState({ options, height }, purposeValue(s.purpose, f.key)) } });
  }
  return ok(s);
}

/** Enter on step 1: the needs must make sense and the account must be read; then the kind's settings, pre-filled. */
export function toSettings(s: WizardState, env: WizardEnv): KeyResult {
  const fields = purposeFields(env.regions);
  const { needs, errors } = needsOf(s.purpose);
  if (!needs) {
    const i = fields.findIndex((f) => f.key === errors[0]?.field);
    return ok({ ...focusPurpose(s, i < 0 ? s.pFocus : i, env), message: { text: errors[0]?.message ?? 'Check the needs above.', level: 'error' } });
  }
  if (!env.account) return ok({ ...s, waitingAccount: true, message: { text: `Reading subnets, security groups, zones, keys and directories of ${s.purpose.region}…`, level: 'info' } }, 'need-account');
  const kind = s.purpose.kind;
  const sameRegion = s.configRegion === s.purpose.region;
  const configs = sameRegion ? { ...s.configs } : {};
  const edited = sameRegion ? s.edited : {};
  // Untouched settings follow the needs (they may have changed on step 1); what was typed stays.
  if (!configs[kind] || !edited[kind]) configs[kind] = defaultConfig(kind, s.purpose.workload, needs, env.account);
  const name = s.nameEdited ? s.name : defaultName(s.purpose);
  const next: WizardState = { ...s, step: 'settings', configs, edited, configRegion: s.purpose.region, name, edit: null, picker: null, message: undefined, waitingAccount: false };
  const cfg = configs[kind] as StorageConfig;
  const keys = settingsFields(cfg).map((f) => f.key);
  return ok(keys.includes(next.sFocus) ? next : { ...next, sFocus: keys[0], sOffset: 0 });
}

// ---- step 2

function focusSettings(s: WizardState, fields: readonly SettingsField[], i: number, env: WizardEnv): WizardState {
  const idx = Math.max(0, Math.min(fields.length - 1, i));
  const { list } = settingsLayout(env.height);
  return { ...s, sFocus: fields[idx].key, sOffset: scrollOffset(idx, s.sOffset, list, fields.length), edit: null, message: undefined };
}

/** Keeps the focused row inside the window after the list changed length. */
export function settingsOffset(s: WizardState, fields: readonly SettingsField[], height: number): number {
  const i = Math.max(0, fields.findIndex((f) => f.key === s.sFocus));
  return scrollOffset(i, s.sOffset, settingsLayout(height).list, fields.length);
}

function settingsKey(s: WizardState, k: FormKey, env: WizardEnv): KeyResult {
  const v = valuesOf(s);
  const account = env.account;
  if (!v || !account) return ok({ ...s, step: 'purpose' });
  const fields = settingsFields(v.config);
  let i = fields.findIndex((f) => f.key === s.sFocus);
  if (i < 0) i = 0;
  const f = fields[i];

  if (s.picker) {
    const pf = fields.find((x) => x.key === s.picker?.key);
    if (!pf) return ok({ ...s, picker: null });
    const options = fieldOptions(pf, account, v.config);
    const r = selectReduce(s.picker.state, k, { options, height: settingsLayout(env.height).picker - 1, multi: s.picker.multi });
    if (r.done === 'cancel') return ok({ ...s, picker: null });
    if (r.done === 'pick') {
      const next = withValues(s, setFieldValue(v, pf.key, r.values.join(', ')), pf.key);
      return ok({ ...next, picker: null, message: undefined });
    }
    return ok({ ...s, picker: { ...s.picker, state: r.state } });
  }

  switch (k.name) {
    case 'escape':
      // Back to step 1; everything typed stays.
      return ok({ ...s, step: 'purpose', edit: null, picker: null, message: undefined });
    case 'up':
    case 'shift+tab':
      return ok(focusSettings(s, fields, i - 1, env));
    case 'down':
    case 'tab':
      return ok(focusSettings(s, fields, i + 1, env));
    case 'pageup':
      return ok(focusSettings(s, fields, i - settingsLayout(env.height).list, env));
    case 'pagedown':
      return ok(focusSettings(s, fields, i + settingsLayout(env.height).list, env));
    case 'enter':
      return toReview(s, env);
  }

  const apply = (text: string, edit: WizardState['edit'] = null): KeyResult => {
    const next = withValues(s, setFieldValue(v, f.key, text), f.key);
    const nextFields = settingsFields(valuesOf(next)?.config ?? v.config);
    return ok({ ...next, edit, message: undefined, sOffset: settingsOffset(next, nextFields, env.height) });
  };

  if (f.kind === 'number' && (k.text === '?' || k.text === ':')) return pass(s);
  if (f.kind === 'text' || f.kind === 'number' || f.kind === 'secret') {
    const buf = s.edit?.key === f.key ? s.edit.text : textState(fieldValue(v, f.key));
    let next: TextState | null;
    if (f.kind === 'secret') next = secretReduce(buf, k);
    else if (f.kind === 'number') next = numberReduce(buf, k, { step: (cur, dir) => stepValue(v.config.type, f.key, cur, dir, v.config) });
    else next = textReduce(buf, k, { maxLength: 1_024 });
    if (next === null) return ok(s);
    if (next === buf) return ok(s.edit?.key === f.key ? s : { ...s, edit: { key: f.key, text: buf } });
    if (next.value === buf.value) return ok({ ...s, edit: { key: f.key, text: next } });
    return apply(next.value, { key: f.key, text: next });
  }
  if (shellKey(k)) return pass(s);
  if (f.kind === 'bool') {
    const cur = fieldValue(v, f.key) === 'yes';
    const nv = toggleReduce(cur, k);
    return nv === null ? ok(s) : apply(nv ? 'yes' : 'no');
  }
  const options = fieldOptions(f, account, v.config);
  if (f.kind === 'enum' && (k.name === 'left' || k.name === 'right')) {
    const nv = cycleOption(options, fieldValue(v, f.key), k.name === 'right' ? 1 : -1);
    return nv === undefined ? ok(s) : apply(nv);
  }
  if (k.name === 'space' || (f.kind === 'multi' && (k.name === 'left' || k.name === 'right'))) {
    const multi = f.kind === 'multi';
    const cur = fieldValue(v, f.key);
    const current = multi ? cur.split(/[\s,]+/).filter(Boolean) : cur;
    const height = settingsLayout(env.height).picker - 1;
    return ok({ ...s, picker: { key: f.key, multi, state: selectState({ options, height, multi }, current) } });
  }
  return ok(s);
}

/** Enter on step 2: only a valid request goes on to the review. */
export function toReview(s: WizardState, env: WizardEnv): KeyResult {
  const v = valuesOf(s);
  if (!v || !env.account) return ok(s);
  const req = requestOf(v, s.purpose.region, s.purpose.workload, s.token);
  const fields = settingsFields(v.config);
  const p = problemsOf(req, env.account, fields);
  if (p.all.length > 0) {
    const first = fields.findIndex((f) => p.byField.has(f.key));
    const focused = first >= 0 ? focusSettings(s, fields, first, env) : s;
    const n = p.all.length;
    return ok({ ...focused, message: { text: `${n} problem${n === 1 ? '' : 's'} to fix before the review (marked ✗): ${p.all[0].message}`, level: 'error' } });
  }
  return ok({ ...s, step: 'review', reviewScroll: 0, edit: null, picker: null, message: undefined });
}

// ---- step 3

function reviewKey(s: WizardState, k: FormKey, env: WizardEnv): KeyResult {
  const page = reviewLayout(env.height).body;
  const scroll = (d: number) => ok({ ...s, reviewScroll: Math.max(0, s.reviewScroll + d) });
  switch (k.name) {
    case 'escape':
      return ok({ ...s, step: 'settings', message: undefined });
    case 'up':
      return scroll(-1);
    case 'down':
      return scroll(1);
    case 'pageup':
      return scroll(-page);
    case 'pagedown':
    case 'space':
      return scroll(page);
    case 'home':
      return ok({ ...s, reviewScroll: 0 });
    case 'end':
      return ok({ ...s, reviewScroll: Number.MAX_SAFE_INTEGER });
    case 'enter': {
      // The same check as step 2 (the account may have been re-read meanwhile): nothing invalid is sent.
      const checked = toReview({ ...s, step: 'settings' }, env);
      if (checked.state.step !== 'review') return checked;
      return ok({ ...s, step: 'progress', run: newRun(s.run, env.now) }, 'start');
    }
  }
  if (k.text === 'j') return scroll(1);
  if (k.text === 'k') return scroll(-1);
  if (k.text === 'g') return ok({ ...s, reviewScroll: 0 });
  if (k.text === 'G') return ok({ ...s, reviewScroll: Number.MAX_SAFE_INTEGER });
  return shellKey(k) ? pass(s) : ok(s);
}

function newRun(prev: RunView | null, now: number): RunView {
  return { status: 'running', steps: [], states: [], leaveConfirm: false, attempt: (prev?.attempt ?? 0) + 1, startedAt: now };
}

// ---- step 4

function progressKey(s: WizardState, k: FormKey, env: WizardEnv): KeyResult {
  const run = s.run;
  if (!run) return ok({ ...s, step: 'review' });
  if (run.status === 'running') {
    if (k.name === 'escape') {
      if (run.leaveConfirm) return ok(s, 'abort');
      return ok({ ...s, run: { ...run, leaveConfirm: true } });
    }
    return ok(run.leaveConfirm ? { ...s, run: { ...run, leaveConfirm: false } } : s);
  }
  if (run.status === 'failed') {
    if (k.name === 'enter') return ok({ ...s, run: newRun(run, env.now) }, 'retry');
    // Back to the settings, everything as typed, to fix what AWS refused.
    if (k.name === 'escape') return ok({ ...s, step: 'settings', message: { text: `The last attempt failed: ${run.error?.message ?? 'see above'}`, level: 'error' } });
    return shellKey(k) ? pass(s) : ok(s);
  }
  // created
  if (k.name === 'enter') return ok(s, 'open');
  if (k.name === 'escape') return ok(s, 'leave');
  return shellKey(k) ? pass(s) : ok(s);
}

/** The values a number field of step 1 holds, for the view. */
export function purposeText(s: WizardState, key: PurposeKey): string {
  return purposeValue(s.purpose, key);
}

