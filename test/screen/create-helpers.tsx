// Shared steps of the create-wizard and delete-dialog screen tests: focus a
// field by its label, type into it, choose from its list, and a private
// state directory (the audit log) per test.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { plain, renderApp, type Rendered } from '../helpers/render.js';

export const ROWS = 24;
export const COLS = 80;
export const CTRL_U = '\u0015';

/** A private $XDG_STATE_HOME for the test; returns the cleanup. */
export function privateStateHome(): { dir: string; auditLog: () => string; restore: () => void } {
  const saved = process.env.XDG_STATE_HOME;
  const dir = mkdtempSync(join(tmpdir(), 'prism-screen-'));
  process.env.XDG_STATE_HOME = dir;
  return {
    dir,
    auditLog: () => {
      try {
        return readFileSync(join(dir, 'prism-storage', 'audit.log'), 'utf8');
      } catch {
        return '';
      }
    },
    restore: () => {
      if (saved === undefined) delete process.env.XDG_STATE_HOME;
      else process.env.XDG_STATE_HOME = saved;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Per test: a private state directory (the audit log) and, after it, the app the test
 * rendered (assign `t.app`) cleaned up. Call once at the top of a test file.
 */
export function screenTestState(): { app?: Rendered; home: ReturnType<typeof privateStateHome> } {
  const t = {} as { app?: Rendered; home: ReturnType<typeof privateStateHome> };
  beforeEach(() => {
    t.home = privateStateHome();
  });
  afterEach(() => {
    t.app?.cleanup();
    t.app = undefined;
    t.home.restore();
  });
  return t;
}

export const lines = (f: string) => plain(f).split('\n');
export const focusedLine = (f: string) => lines(f).find((l) => l.startsWith('›'));
/** The frame as one line of words (messages wrap across lines). */
export const flat = (f: string) => plain(f).split('\n').map((l) => l.trim()).join(' ').replace(/\s+/g, ' ');

const escapeRe = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Moves the focus to the field with this label (from the top of the form). */
export async function focus(a: Rendered, label: string): Promise<void> {
  const re = new RegExp(`^›.\\s${escapeRe(label)}(\\s|$)`);
  for (let i = 0; i < 4; i++) await a.press('pageup');
  for (let i = 0; i < 40; i++) {
    if (re.test(focusedLine(a.frame()) ?? '')) return;
    await a.press('down');
  }
  throw new Error(`no field "${label}" in:\n${plain(a.frame())}`);
}

export async function setText(a: Rendered, label: string, text: string): Promise<void> {
  await focus(a, label);
  await a.press(CTRL_U);
  await a.type(text);
}

/** Opens the field's list (Space), filters by typing, picks with Enter. */
export async function choose(a: Rendered, label: string, filter: string): Promise<void> {
  await focus(a, label);
  await a.press(' ');
  await a.waitForText('type to filter');
  await a.type(filter);
  await a.press('enter');
}

/** The dashboard at 80x24 on a fast simulated region, the wizard open on step 1 with the account read. */
export async function openWizard(opts: { rows?: number; readOnly?: boolean } = {}): Promise<Rendered> {
  const a = await openApp(opts);
  await a.press('c');
  await a.waitForText('1/4 Purpose');
  await a.waitForText(/account us-east-1 read/);
  return a;
}

export async function openApp(opts: { rows?: number; readOnly?: boolean } = {}): Promise<Rendered> {
  const a = await renderApp({ columns: COLS, rows: opts.rows ?? ROWS, readOnly: opts.readOnly, sim: { lifecycleSeconds: 0.01 } });
  await a.waitFor((f) => f.includes('EBS ✓') && f.includes('FSx ✓') && f.includes('S3 ✓'), 'inventory');
  return a;
}

/** Step 1 recommends `kind` (its label, e.g. "FSx for OpenZFS"). */
export async function waitForRecommended(a: Rendered, kind: string): Promise<void> {
  const re = new RegExp(`Kind\\s+${escapeRe(kind)} {2}★ recommended`);
  await a.waitFor((f) => re.test(plain(f)), `${kind} recommended`);
}

/** Enter on step 1: the settings step is drawn. */
export async function toSettings(a: Rendered): Promise<void> {
  await a.press('enter');
  await a.waitForText('2/4 Settings');
}

/** Step 2 (or 3) -> 3 -> 4 -> the detail screen of the new store. */
export async function createThrough(a: Rendered, name: string): Promise<void> {
  if (!plain(a.frame()).includes('3/4 Review')) await a.press('enter');
  await a.waitForText('3/4 Review');
  await a.press('enter');
  await a.waitForText('4/4 Creating');
  await a.waitFor((f) => plain(f).includes('Identity') && plain(f).includes(name), `detail of ${name}`, 20_000);
}

/** Every frame drawn fits the terminal: never taller than rows - 1 (Ink would scroll and flicker). */
export function everyFrameFits(a: Rendered, rows = ROWS): boolean {
  return a.frames.every((f) => f.split('\n').length <= rows - 1);
}

export const nameTag = (tags: { Key?: string; Value?: string }[] | undefined) => tags?.find((t) => t.Key === 'Name')?.Value;
