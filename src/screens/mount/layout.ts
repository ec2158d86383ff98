// What the mount screen draws, as rows of coloured segments: the scrollable
// script pane (warnings first, then the highlighted script, then the notes),
// the flowed choices, and the rows of the instance list. Pure and width-exact,
// so the screen can size everything to fit the terminal (80x24 included).
import { wrapText } from '../../components/form/index.js';
import type { InstanceCheck } from '../../services/mount-instance.js';
import type { MountScript } from '../../services/mount/index.js';
import { pad, sanitize, truncate } from '../../services/sanitize.js';
import type { Choice } from './choices.js';
import { highlight, wrapSegments, type Segment, type TokenKind } from './highlight.js';
import type { RunMode } from './state.js';

export type RowKind = TokenKind | 'warning' | 'error' | 'note' | 'heading' | 'key' | 'dim' | 'ok' | 'accent' | 'inverse';

export interface Seg {
  text: string;
  kind: RowKind;
}

export type Row = Seg[];

const row = (text: string, kind: RowKind): Row => [{ text, kind }];

function wrapped(text: string, width: number, kind: RowKind, prefix = ''): Row[] {
  const hang = ' '.repeat(Array.from(prefix).length);
  return wrapText(sanitize(text), Math.max(1, width - hang.length)).map((l, i) => row(`${i === 0 ? prefix : hang}${l}`, kind));
}

export interface Pane {
  rows: Row[];
  /** Rows taken by the warnings at the top (for the "warnings above" marker). */
  warningRows: number;
  warnings: number;
}

/** The scrollable content: warnings (wrapped, prominent), the script (highlighted, wrapped), notes. */
export function paneRows(res: { ok: true; script: MountScript } | { ok: false; error: string }, width: number): Pane {
  if (!res.ok) return { rows: [...wrapped('The script cannot be generated with these choices:', width, 'error'), ...wrapped(res.error, width, 'error', '  ')], warningRows: 0, warnings: 0 };
  const s = res.script;
  const rows: Row[] = [];
  for (const w of s.warnings) rows.push(...wrapped(w, width, 'warning', '⚠ '));
  const warningRows = rows.length;
  if (warningRows) rows.push([]);
  for (const line of highlight(s.script, s.language)) {
    const clean: Segment[] = line.map((seg) => ({ text: sanitize(seg.text), kind: seg.kind }));
    for (const r of wrapSegments(clean, width)) rows.push(r);
  }
  if (s.notes.length) {
    rows.push([], row('Notes', 'heading'));
    for (const n of s.notes) rows.push(...wrapped(n, width, 'note', '• '));
  }
  return { rows, warningRows, warnings: s.warnings.length };
}

/** Choices flowed into rows: "o OS: Amazon Linux 2023  p mount point: /mnt/fsx ...", keys highlighted. */
export function choiceRows(choices: readonly Choice[], width: number): Row[] {
  const rows: Row[] = [];
  let cur: Row = [];
  let used = 0;
  for (const c of choices) {
    const value = truncate(c.value, Math.max(8, width - c.key.length - c.label.length - 4));
    const cells = c.key.length + 1 + c.label.length + 2 + Array.from(value).length;
    if (cur.length && used + 2 + cells > width) {
      rows.push(cur);
      cur = [];
      used = 0;
    }
    if (cur.length) {
      cur.push({ text: '  ', kind: 'plain' });
      used += 2;
    }
    cur.push({ text: c.key, kind: 'key' }, { text: ` ${c.label}: `, kind: 'dim' }, { text: value, kind: 'plain' });
    used += cells;
  }
  if (cur.length) rows.push(cur);
  return rows;
}

/** Wrapped rows of a text, at most `max` (the last ends with … when cut). */
export function clippedRows(text: string, width: number, kind: RowKind, max: number, prefix = ''): Row[] {
  const all = wrapped(text, width, kind, prefix);
  if (all.length <= max) return all;
  const out = all.slice(0, Math.max(0, max));
  if (out.length) {
    const chars = Array.from(out[out.length - 1][0].text);
    out[out.length - 1] = row(`${(chars.length >= width ? chars.slice(0, Math.max(0, width - 1)) : chars).join('')}…`, kind);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Instance list

const COLS = { name: 20, id: 19, az: 11, state: 8 };

export function pickHeader(width: number): Row {
  const text = `  ${pad('NAME', COLS.name)} ${pad('INSTANCE', COLS.id)} ${pad('AZ', COLS.az)} ${pad('STATE', COLS.state)} STATUS`;
  return row(truncate(text, width), 'heading');
}

export function pickRow(c: InstanceCheck, selected: boolean, width: number): Row {
  const i = c.instance;
  const head = `${selected ? '› ' : '  '}${pad(sanitize(i.name ?? '-'), COLS.name)} ${pad(i.id, COLS.id)} ${pad(i.availabilityZone ?? '-', COLS.az)} ${pad(i.state, COLS.state)} `;
  const room = Math.max(0, width - Array.from(head).length);
  const kind: RowKind = c.problems.length ? 'error' : c.ssmManaged === true ? 'ok' : 'warning';
  const status = truncate(c.summary, room);
  return selected ? [{ text: truncate(head, width), kind: 'inverse' }, { text: status, kind }] : [{ text: truncate(head, width), kind: 'plain' }, { text: status, kind }];
}

/** What the selected instance means: its problems, why SSM cannot reach it, its warnings. */
export function pickDetail(c: InstanceCheck | undefined, error: string | undefined, width: number, max: number): Row[] {
  const rows: Row[] = [];
  if (error) rows.push(...wrapped(error, width, 'error'));
  if (c && !error) {
    for (const p of c.problems) rows.push(...wrapped(p, width, 'error', '✗ '));
    if (!c.problems.length && c.ssmReason) rows.push(...wrapped(`${c.ssmReason} Enter shows the script to run by hand.`, width, 'warning', '! '));
    for (const w of c.warnings) rows.push(...wrapped(w, width, 'warning', '⚠ '));
    if (!rows.length) rows.push(row(truncate(`${c.ssm.platformName ? `${c.ssm.platformName} ${c.ssm.platformVersion ?? ''}`.trim() : 'Linux'}: Enter mounts here, u unmounts.`, width), 'ok'));
  }
  return rows.slice(0, max);
}

// ---------------------------------------------------------------------------
// Run output

/** The command's output as rows (stderr after stdout, coloured), wrapped. */
export function outputRows(run: Pick<RunMode, 'stdout' | 'stderr'>, width: number): Row[] {
  const rows: Row[] = [];
  const add = (text: string, kind: RowKind) => {
    const t = text.endsWith('\n') ? text.slice(0, -1) : text;
    if (!t) return;
    for (const l of t.split('\n')) for (const w of wrapSegments([{ text: sanitize(l), kind: 'plain' }], width)) rows.push(w.map((s) => ({ text: s.text, kind })));
  };
  add(run.stdout, 'plain');
  add(run.stderr, 'error');
  return rows;
}
