// The analytics screen as a value and a pure key reducer: which section is showing, where each
// is scrolled, which recommendation is selected, the `?` panel, and the confirm dialog of an
// apply. Effects (refresh, apply) are returned for the screen to run.
import { textReduce, textState, type FormKey, type TextState } from '../../components/form/index.js';
import { SECTIONS, type RecBlock, type SectionId } from './sections.js';

export type DialogPhase = 'confirm' | 'running' | 'error';

export interface ApplyDialog {
  recId: string;
  /** Deleting a volume: its name must be typed; other changes confirm with y. */
  typeName?: string;
  typed: TextState;
  phase: DialogPhase;
  message?: string;
}

export interface AnalyticsState {
  section: SectionId;
  scroll: Record<SectionId, number>;
  /** Index into the recommendations. */
  selected: number;
  help: boolean;
  helpScroll: number;
  dialog?: ApplyDialog;
}

export const initialAnalytics: AnalyticsState = {
  section: 'overview',
  scroll: { overview: 0, costs: 0, recs: 0, patterns: 0, api: 0 },
  selected: 0,
  help: false,
  helpScroll: 0,
};

/** What the reducer needs to know about what is on screen. */
export interface AnalyticsEnv {
  /** Rows of the current section and the rows it is shown in. */
  total: number;
  page: number;
  /** Recommendation blocks of the recs section (row ranges) as shown now. */
  blocks: readonly RecBlock[];
  /** The recs section's blocks and row count were recommendation `selected` the selected one (it shows more rows). */
  recLayout: (selected: number) => { blocks: readonly RecBlock[]; total: number };
  recIds: readonly string[];
  /** The change a recommendation would make can be applied from here (not read-only, has an action, not applied yet). */
  canApply: (index: number) => boolean;
  /** The name to type for a destructive apply, when there is one. */
  typeNameFor: (index: number) => string | undefined;
  helpTotal: number;
  readOnly: boolean;
}

export type AnalyticsEffect = { kind: 'refresh' } | { kind: 'apply'; recId: string } | { kind: 'stop' };

export interface KeyResult {
  state: AnalyticsState;
  consumed: boolean;
  effect?: AnalyticsEffect;
}

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

/** The scroll that keeps rows [start, end) in view (the block's top wins when it is taller than the page). */
export function scrollTo(scroll: number, start: number, end: number, page: number): number {
  let s = scroll;
  if (end > s + page) s = end - page;
  if (start < s) s = start;
  return Math.max(0, s);
}

function withScroll(s: AnalyticsState, v: number, env: AnalyticsEnv): AnalyticsState {
  const max = Math.max(0, env.total - env.page);
  return { ...s, scroll: { ...s.scroll, [s.section]: clamp(v, 0, max) } };
}

function select(s: AnalyticsState, index: number, env: AnalyticsEnv): AnalyticsState {
  if (env.blocks.length === 0) return s;
  const i = clamp(index, 0, env.blocks.length - 1);
  const layout = env.recLayout(i);
  const b = layout.blocks[i];
  if (!b) return { ...s, selected: i };
  // The first recommendation keeps the summary row above it in view.
  const start = i === 0 ? 0 : b.start;
  const scroll = clamp(scrollTo(s.scroll.recs, start, b.end, env.page), 0, Math.max(0, layout.total - env.page));
  return { ...s, selected: i, scroll: { ...s.scroll, recs: scroll } };
}

function dialogKey(s: AnalyticsState, d: ApplyDialog, k: FormKey): KeyResult {
  const ok = (state: AnalyticsState, effect?: AnalyticsEffect): KeyResult => ({ state, consumed: true, effect });
  if (k.name === 'ctrl+c') return { state: s, consumed: false };
  if (d.phase === 'running') {
    if (k.name === 'escape') return ok({ ...s, dialog: undefined }, { kind: 'stop' });
    return ok(s);
  }
  if (k.name === 'escape' || (!d.typeName && (k.text === 'n' || k.text === 'N'))) return ok({ ...s, dialog: undefined });
  if (d.phase === 'error') {
    // Another try from the error, the same way as the first.
    if (!d.typeName && (k.text === 'y' || k.text === 'Y')) return ok({ ...s, dialog: { ...d, phase: 'running', message: undefined } }, { kind: 'apply', recId: d.recId });
    if (!d.typeName) return ok(s);
  }
  if (d.typeName) {
    if (k.name === 'enter') {
      if (d.typed.value !== d.typeName) return ok({ ...s, dialog: { ...d, message: `Type ${d.typeName} exactly to confirm.` } });
      return ok({ ...s, dialog: { ...d, phase: 'running', message: undefined } }, { kind: 'apply', recId: d.recId });
    }
    const typed = textReduce(d.typed, k);
    return ok(typed ? { ...s, dialog: { ...d, typed, message: undefined } } : s);
  }
  if (k.text === 'y' || k.text === 'Y') return ok({ ...s, dialog: { ...d, phase: 'running', message: undefined } }, { kind: 'apply', recId: d.recId });
  // Enter does not confirm (a second Enter must not change AWS by accident).
  return ok({ ...s, dialog: { ...d, message: 'Press y to apply, n or Esc to cancel.' } });
}

export function analyticsKey(s: AnalyticsState, k: FormKey, env: AnalyticsEnv): KeyResult {
  const ok = (state: AnalyticsState, effect?: AnalyticsEffect): KeyResult => ({ state, consumed: true, effect });
  if (s.dialog) return dialogKey(s, s.dialog, k);
  if (s.help) {
    if (k.name === 'escape' || k.text === '?' || k.text === 'q') return ok({ ...s, help: false });
    const max = Math.max(0, env.helpTotal - env.page);
    const step: Record<string, number> = { up: -1, down: 1, pageup: -env.page, pagedown: env.page, home: -Infinity, end: Infinity };
    const by = k.text === 'j' ? 1 : k.text === 'k' ? -1 : k.text === 'g' ? -Infinity : k.text === 'G' ? Infinity : step[k.name];
    if (by !== undefined) return ok({ ...s, helpScroll: clamp(s.helpScroll + by, 0, max) });
    return ok(s);
  }
  const idx = SECTIONS.findIndex((x) => x.id === s.section);
  const go = (i: number): KeyResult => ok({ ...s, section: SECTIONS[(i + SECTIONS.length) % SECTIONS.length].id });
  if (k.name === 'tab' || k.name === 'right' || k.text === 'l') return go(idx + 1);
  if (k.name === 'shift+tab' || k.name === 'left' || k.text === 'h') return go(idx - 1);
  if (/^[1-9]$/.test(k.text) && Number(k.text) <= SECTIONS.length) return go(Number(k.text) - 1);
  if (k.text === '?') return ok({ ...s, help: true, helpScroll: 0 });
  if (k.text === 'r') return ok(s, { kind: 'refresh' });
  const recs = s.section === 'recs' && env.blocks.length > 0;
  const down = k.name === 'down' || k.text === 'j';
  const up = k.name === 'up' || k.text === 'k';
  if (recs) {
    if (down) return ok(select(s, s.selected + 1, env));
    if (up) return ok(select(s, s.selected - 1, env));
    if (k.name === 'home' || k.text === 'g') return ok(select(s, 0, env));
    if (k.name === 'end' || k.text === 'G') return ok(select(s, env.blocks.length - 1, env));
    if (k.name === 'pagedown' || k.name === 'pageup') {
      // A page of rows, then the recommendation at the new top.
      const target = clamp(s.scroll.recs + (k.name === 'pagedown' ? env.page : -env.page), 0, Math.max(0, env.total - env.page));
      let i = env.blocks.findIndex((b) => b.start >= target);
      if (i < 0) i = env.blocks.length - 1;
      return ok(select(withScroll(s, target, env), i, env));
    }
    if (k.name === 'enter') {
      const i = clamp(s.selected, 0, env.blocks.length - 1);
      if (env.readOnly || !env.canApply(i)) return ok(s);
      const typeName = env.typeNameFor(i);
      return ok({ ...s, dialog: { recId: env.recIds[i], typeName, typed: textState(''), phase: 'confirm' } });
    }
  } else {
    const cur = s.scroll[s.section];
    if (down) return ok(withScroll(s, cur + 1, env));
    if (up) return ok(withScroll(s, cur - 1, env));
    if (k.name === 'pagedown') return ok(withScroll(s, cur + env.page, env));
    if (k.name === 'pageup') return ok(withScroll(s, cur - env.page, env));
    if (k.name === 'home' || k.text === 'g') return ok(withScroll(s, 0, env));
    if (k.name === 'end' || k.text === 'G') return ok(withScroll(s, Infinity, env));
    if (k.name === 'enter') return ok(s);
  }
  // Esc (back), q (quit), e (status), ? ... belong to the shell.
  return { state: s, consumed: false };
}

/** The dialog's outcome: a failure keeps it open with the message. */
export function dialogFailed(s: AnalyticsState, recId: string, message: string): AnalyticsState {
  if (!s.dialog || s.dialog.recId !== recId) return s;
  return { ...s, dialog: { ...s.dialog, phase: 'error', message } };
}
