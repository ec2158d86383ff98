// The output formats: tables that fit, colour rules, CSV quoting, YAML that
// every parser reads alike, JSON that cannot move the terminal, stable documents.
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { colorEnabled, csvCell, layoutTable, renderTable, sortedKeys, storeDoc, terminalWidth, toCsv, toJson, toYaml, type TextColumn } from '../../src/cli/output.js';
import { hourRanges } from '../../src/cli/render.js';
import type { StorageInfo } from '../../src/services/types.js';

const ANSI = /\u001b\[[0-9;]*m/;

interface Row {
  name: string;
  kind: string;
  id: string;
  note: string;
}
const cols: TextColumn<Row>[] = [
  { title: 'NAME', get: (r) => r.name, priority: 10, minWidth: 8 },
  { title: 'KIND', get: (r) => r.kind, priority: 9 },
  { title: 'ID', get: (r) => r.id, priority: 4 },
  { title: 'NOTE', get: (r) => r.note, priority: 1 },
];
const rows: Row[] = [
  { name: 'imagenet-train-lustre-very-long-name', kind: 'FSx Lustre', id: 'fs-0123456789abcdef0', note: 'nightly training' },
  { name: 'scratch', kind: 'EBS', id: 'vol-0123456789abcdef0', note: '' },
];

describe('table', () => {
  it('uses the natural widths when they fit', () => {
    const out = renderTable(rows, cols, { width: 200, color: false });
    expect(out.split('\n')[1]).toBe('imagenet-train-lustre-very-long-name  FSx Lustre  fs-0123456789abcdef0   nightly training');
    expect(out.split('\n')[2]).toBe('scratch                               EBS         vol-0123456789abcdef0');
  });

  it('truncates the name before dropping a column, then drops the lowest priority first', () => {
    for (const width of [100, 90, 80, 60, 50, 40, 30]) {
      const out = renderTable(rows, cols, { width, color: false });
      for (const line of out.trimEnd().split('\n')) expect(line.length).toBeLessThanOrEqual(width);
    }
    const at80 = renderTable(rows, cols, { width: 80, color: false });
    expect(at80).toContain('NOTE');
    expect(at80).toContain('imagenet-train-lustre-very…');
    const at50 = renderTable(rows, cols, { width: 50, color: false });
    expect(at50).not.toContain('NOTE');
    expect(at50).toContain('fs-0123456789abcdef0');
    const at30 = renderTable(rows, cols, { width: 30, color: false });
    expect(at30).not.toContain('fs-0123');
    expect(at30).toContain('FSx Lustre');
  });

  it('never cuts an id: the column goes before it would be truncated', () => {
    const laid = layoutTable(cols, rows.map((r) => cols.map((c) => c.get(r))), 45);
    const id = laid.find((l) => l.col.title === 'ID');
    // Present at its full width (the longest id), or not at all.
    if (id) expect(id.width).toBe('vol-0123456789abcdef0'.length);
  });

  it('colours only when asked, and control characters from AWS never reach the terminal', () => {
    const hostile = [{ name: '\u001b[2J\u001b[31mpwned', kind: 'S3', id: 'b', note: 'a\u202eb' }];
    const plain = renderTable(hostile, cols, { width: 80, color: false });
    expect(plain).not.toMatch(/\u001b/);
    expect(plain).not.toContain('\u202e');
    expect(plain).toContain('pwned');
    expect(renderTable(hostile, cols, { width: 80, color: true })).toMatch(ANSI);
  });
});

describe('terminal rules', () => {
  it('colour on a TTY only, never with NO_COLOR (set and not empty) or TERM=dumb', () => {
    expect(colorEnabled({ write: () => 0, isTTY: true }, {})).toBe(true);
    expect(colorEnabled({ write: () => 0, isTTY: false }, {})).toBe(false);
    expect(colorEnabled({ write: () => 0, isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(colorEnabled({ write: () => 0, isTTY: true }, { NO_COLOR: '' })).toBe(true);
    expect(colorEnabled({ write: () => 0, isTTY: true }, { TERM: 'dumb' })).toBe(false);
  });

  it('width: the terminal, else $COLUMNS, else 100', () => {
    expect(terminalWidth({ write: () => 0, isTTY: true, columns: 132 }, {})).toBe(132);
    expect(terminalWidth({ write: () => 0, isTTY: false, columns: 132 }, { COLUMNS: '90' })).toBe(90);
    expect(terminalWidth({ write: () => 0 }, {})).toBe(100);
  });
});

describe('csv', () => {
  it('quotes commas, quotes and line breaks (RFC 4180) and leaves plain cells alone', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell(12.5)).toBe('12.5');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
    expect(csvCell(true)).toBe('true');
    expect(toCsv(['a', 'b'], [['x,y', 2]])).toBe('a,b\n"x,y",2\n');
  });

  it('defuses cells a spreadsheet would run as formulas, and strips control characters', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('-5')).toBe('-5');
    expect(csvCell('line1\nline2')).toBe('line1 line2');
    expect(csvCell('\u001b[31mred')).toBe('red');
  });

  it('round-trips through a CSV reader', () => {
    const text = toCsv(['name', 'tags'], [['lab, "main"', '{"a":"b,c"}']]);
    const fields: string[] = [];
    let cur = '';
    let quoted = false;
    const line = text.split('\n')[1];
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (quoted) {
        if (ch === '"' && line[i + 1] === '"') {
          cur += '"';
          i++;
        } else if (ch === '"') quoted = false;
        else cur += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ',') {
        fields.push(cur);
        cur = '';
      } else cur += ch;
    }
    fields.push(cur);
    expect(fields).toEqual(['lab, "main"', '{"a":"b,c"}']);
  });
});

describe('json and yaml', () => {
  it('JSON escapes control and bidi characters, so printing it cannot change the terminal', () => {
    const text = toJson({ name: '\u001b[2Jx\u202ey' });
    expect(text).not.toMatch(/[\u001b\u202e]/);
    expect(JSON.parse(text)).toEqual({ name: '\u001b[2Jx\u202ey' });
  });

  it('YAML quotes what YAML 1.1 parsers would misread and escapes control characters', () => {
    const value = { on: 'yes', flag: 'no', hex: '0x1F', date: '2024-01-01', esc: 'a\u001bb', bidi: 'a\u202eb', n: 3, nil: null };
    const text = toYaml(value);
    expect(text).toContain('"yes"');
    expect(text).toContain('"0x1F"');
    expect(text).not.toMatch(/[\u001b\u202e]/);
    expect(YAML.parse(text)).toEqual(value);
    expect(YAML.parse(text, { version: '1.1' })).toEqual(value);
  });

  it('documents keep StorageInfo\'s documented order and sorted nested keys', () => {
    const s = { tags: { b: '2', a: '1' }, mount: {}, encrypted: true, region: 'r', rawState: 'x', state: 'available', id: 'vol-1', type: 'ebs', name: 'n', monthlyCost: undefined } as unknown as StorageInfo;
    const doc = storeDoc(s);
    expect(Object.keys(doc)).toEqual(['name', 'type', 'id', 'state', 'rawState', 'region', 'encrypted', 'tags', 'mount']);
    expect(Object.keys(doc.tags as object)).toEqual(['a', 'b']);
    expect(sortedKeys({ z: 1, a: [{ y: 1, b: 2 }] })).toEqual({ a: [{ b: 2, y: 1 }], z: 1 });
  });
});

describe('hour ranges', () => {
  it('runs of busy hours, wrapping midnight', () => {
    expect(hourRanges([0, 1, 2, 3, 22, 23])).toBe('22-04');
    expect(hourRanges([9, 10, 11, 12, 13, 14, 15, 16])).toBe('09-17');
    expect(hourRanges([1, 5, 6])).toBe('01-02,05-07');
    expect(hourRanges([])).toBe('—');
  });
});
