// Output of the non-interactive commands: `table` for people (fits the
// terminal width, colour only on a TTY without NO_COLOR), `json` and `yaml`
// for scripts (stable key order, ISO times, bytes as numbers), `csv` for
// spreadsheets (RFC 4180 quoting, a header row). docs/cli.md documents it.
import YAML from 'yaml';
import { displayWidth, pad, sanitize, truncate } from '../services/sanitize.js';
import type { StorageErrorShape, StorageInfo, StorageState } from '../services/types.js';
import type { OutStream } from './io.js';

import { OUTPUT_FORMATS, type OutputFormat } from './choices.js';

export { OUTPUT_FORMATS, type OutputFormat };

/** Width used when the output is not a terminal and $COLUMNS is unset. */
export const DEFAULT_WIDTH = 100;

// ---------------------------------------------------------------------------
// Terminal facts

/** Colour only on a terminal, never with NO_COLOR (https://no-color.org: set and not empty) or TERM=dumb. */
export function colorEnabled(stream: OutStream, env: NodeJS.ProcessEnv): boolean {
  if (!stream.isTTY) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return env.TERM !== 'dumb';
}

/** The terminal's width; else $COLUMNS; else 100. */
export function terminalWidth(stream: OutStream, env: NodeJS.ProcessEnv): number {
  if (stream.isTTY && stream.columns && stream.columns > 0) return stream.columns;
  const c = Number(env.COLUMNS);
  if (Number.isInteger(c) && c > 0) return c;
  return DEFAULT_WIDTH;
}

// 16-colour SGR codes only: they work in every terminal, tmux and screen.
const SGR = { bold: '1', dim: '2', red: '31', green: '32', yellow: '33', cyan: '36' } as const;
export type Tone = keyof typeof SGR;

export function paint(text: string, tone: Tone | undefined, color: boolean): string {
  if (!color || !tone || text === '') return text;
  return `\u001b[${SGR[tone]}m${text}\u001b[0m`;
}

export function stateTone(state: StorageState): Tone | undefined {
  switch (state) {
    case 'available':
    case 'in-use':
      return 'green';
    case 'creating':
    case 'updating':
    case 'deleting':
      return 'yellow';
    case 'failed':
    case 'misconfigured':
      return 'red';
    case 'deleted':
    case 'unknown':
      return 'dim';
  }
}

// ---------------------------------------------------------------------------
// Table

export interface TextColumn<T> {
  title: string;
  /** Cell text (sanitised by the renderer). */
  get: (row: T) => string;
  align?: 'left' | 'right';
  /** Lower is dropped first when the terminal is too narrow (default 5). */
  priority?: number;
  /** May be truncated down to this width before any column is dropped. */
  minWidth?: number;
  tone?: (row: T) => Tone | undefined;
}

const GAP = 2;

export interface LaidColumn<T> {
  col: TextColumn<T>;
  width: number;
  /** Index of the column in the list given (cells are looked up by it). */
  index: number;
}

/**
 * Column widths for the content. Too wide for `width`: the truncatable columns (those with a
 * minWidth) shrink, widest first, down to their minimum; still too wide: the lowest-priority
 * column is dropped and the rest start again from their natural widths.
 */
export function layoutTable<T>(columns: TextColumn<T>[], cells: string[][], width: number): LaidColumn<T>[] {
  let laid: (LaidColumn<T> & { natural: number })[] = columns.map((col, index) => {
    let w = displayWidth(col.title);
    for (const row of cells) w = Math.max(w, displayWidth(row[index]));
    return { col, width: w, natural: w, index };
  });
  const total = () => laid.reduce((s, c) => s + c.width, 0) + GAP * Math.max(0, laid.length - 1);
  for (;;) {
    let over = total() - width;
    if (over <= 0) break;
    for (const c of [...laid].sort((a, b) => b.width - a.width)) {
      if (c.col.minWidth === undefined) continue;
      const floor = Math.max(displayWidth(c.col.title), c.col.minWidth);
      const give = Math.min(over, Math.max(0, c.width - floor));
      c.width -= give;
      over -= give;
      if (over <= 0) break;
    }
    if (over <= 0 || laid.length <= 1) break;
    let drop = 0;
    for (let i = 0; i < laid.length; i++) if ((laid[i].col.priority ?? 5) <= (laid[drop].col.priority ?? 5)) drop = i;
    laid = laid.filter((_, i) => i !== drop).map((c) => ({ ...c, width: c.natural }));
  }
  if (laid.length === 1) laid[0].width = Math.min(laid[0].width, Math.max(1, width));
  return laid.map((c) => ({ col: c.col, width: c.width, index: c.index }));
}

/** A plain-text table: header row, one line per row, every line within `width` cells. */
export function renderTable<T>(rows: readonly T[], columns: TextColumn<T>[], opts: { width: number; color: boolean }): string {
  const cells = rows.map((r) => columns.map((c) => sanitize(c.get(r))));
  const laid = layoutTable(columns, cells, opts.width);
  const line = (parts: string[]) => parts.join(' '.repeat(GAP)).replace(/\s+$/, '');
  const out: string[] = [];
  out.push(line(laid.map((l) => paint(pad(l.col.title, l.width, l.col.align), 'bold', opts.color))));
  rows.forEach((r, ri) => {
    out.push(line(laid.map((l) => paint(pad(cells[ri][l.index], l.width, l.col.align), l.col.tone?.(r), opts.color))));
  });
  return out.join('\n') + '\n';
}

/** Label/value sections (the detail view): labels aligned, values truncated to the width. */
export function renderSections(sections: { title: string; rows: [string, string][] }[], opts: { width: number; color: boolean }): string {
  const labelWidth = Math.min(28, Math.max(0, ...sections.flatMap((s) => s.rows.map(([l]) => displayWidth(sanitize(l))))));
  const out: string[] = [];
  for (const s of sections) {
    if (out.length) out.push('');
    out.push(paint(sanitize(s.title), 'bold', opts.color));
    for (const [label, value] of s.rows) {
      const v = truncate(sanitize(value), Math.max(1, opts.width - labelWidth - 4));
      out.push(`  ${pad(sanitize(label), labelWidth)}  ${v}`.replace(/\s+$/, ''));
    }
  }
  return out.join('\n') + '\n';
}

// ---------------------------------------------------------------------------
// CSV (RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled)

export type CsvValue = string | number | boolean | null | undefined;

/** A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading ' (OWASP CSV injection). */
function defuse(s: string): string {
  return /^[=+\-@\t\r]/.test(s) && !/^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(s) ? `'${s}` : s;
}

export function csvCell(v: CsvValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  const s = defuse(sanitize(v));
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: string[], rows: CsvValue[][]): string {
  return [header.map(csvCell).join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\n') + '\n';
}

// ---------------------------------------------------------------------------
// JSON and YAML

// Bidirectional-override characters make text read differently from what it is: escaped, never raw.
const BIDI = /[\u202a-\u202e\u2066-\u2069\u200e\u200f]/g;
const escapeBidi = (s: string) => s.replace(BIDI, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** Two-space indented JSON and a newline; control characters are escaped by JSON itself. */
export function toJson(value: unknown): string {
  return escapeBidi(JSON.stringify(value, null, 2)) + '\n';
}

/** One line (NDJSON, for `list --watch --output json`). */
export function toJsonLine(value: unknown): string {
  return escapeBidi(JSON.stringify(value)) + '\n';
}

/**
 * YAML that YAML 1.1 and 1.2 parsers read alike: strings such as "yes", "on", "0x1F"
 * or dates are quoted; control and bidi characters are written as escapes.
 */
export function toYaml(value: unknown): string {
  const doc = new YAML.Document(JSON.parse(JSON.stringify(value ?? null)), { version: '1.1' });
  YAML.visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && /[\u202a-\u202e\u2066-\u2069\u200e\u200f]/.test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  return escapeBidi(doc.toString({ lineWidth: 0 }));
}

// ---------------------------------------------------------------------------
// Stable documents

/** StorageInfo's fields in their documented order; anything added later follows, sorted. */
export const STORE_FIELDS: readonly (keyof StorageInfo)[] = [
  'name',
  'type',
  'id',
  'arn',
  'state',
  'rawState',
  'region',
  'availabilityZone',
  'sizeBytes',
  'throughputMBps',
  'iops',
  'encrypted',
  'encryptionInTransit',
  'kmsKeyId',
  'tags',
  'createdAt',
  'monthlyCost',
  'mount',
  'ebs',
  'efs',
  's3',
  'fsx',
  'failureReason',
  'detailErrors',
];

/** Deep copy with object keys sorted and undefined dropped (arrays keep their order). */
export function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value as Record<string, unknown>).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = sortedKeys(v);
    }
    return out;
  }
  return value;
}

/** One store as the JSON/YAML documents carry it: documented top-level order, nested keys sorted. */
export function storeDoc(s: StorageInfo): Record<string, unknown> {
  const src = s as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of STORE_FIELDS) if (src[k] !== undefined) out[k] = sortedKeys(src[k]);
  for (const k of Object.keys(src).sort()) if (!(k in out) && src[k] !== undefined) out[k] = sortedKeys(src[k]);
  return out;
}

/** A StorageError in the documented shape, plus where it happened (region) and field-level problems when there are any. */
export interface ErrorDoc extends StorageErrorShape {
  region?: string;
  fields?: { field: string; message: string }[];
}

const ERROR_FIELDS = ['type', 'service', 'region', 'resource', 'code', 'message', 'hint', 'recoverable', 'retryAfter', 'fields'] as const;

export function errorDoc(e: ErrorDoc): ErrorDoc {
  const src = e as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of ERROR_FIELDS) if (src[k] !== undefined) out[k] = src[k];
  return out as unknown as ErrorDoc;
}

/** `list`'s document: {"stores": [...], "errors": [...]}. */
export function listDoc(stores: readonly StorageInfo[], errors: readonly ErrorDoc[]): { stores: Record<string, unknown>[]; errors: ErrorDoc[] } {
  return { stores: stores.map(storeDoc), errors: errors.map(errorDoc) };
}

/** One line for stderr: what went wrong and what to do about it. */
export function errorLine(e: Pick<ErrorDoc, 'message' | 'hint' | 'service' | 'region'>, withPlace = false): string {
  const place = withPlace ? `${e.service}${e.region ? ` ${e.region}` : ''}: ` : '';
  const msg = sanitize(e.message).replace(/\s+/g, ' ').trim();
  const hint = sanitize(e.hint ?? '').replace(/\s+/g, ' ').trim();
  return `prism-storage: ${place}${msg}${hint ? ` — ${hint}` : ''}\n`;
}
