// A table that renders only the rows that fit: 10,000 stores cost the same
// to draw as 20. Columns shrink or drop (lowest priority first) to fit the width.
import React from 'react';
import { Box, Text } from 'ink';
import { pad } from '../services/sanitize.js';

export interface Column<T> {
  key: string;
  title: string;
  /** Fixed width, or minimum width when `grow` is set. */
  width: number;
  grow?: number;
  align?: 'left' | 'right';
  /** Lower drops first when the terminal is narrow (default 5). */
  priority?: number;
  get: (row: T) => string;
  color?: (row: T) => string | undefined;
}

export function layoutColumns<T>(columns: Column<T>[], width: number): { col: Column<T>; width: number }[] {
  let cols = columns.slice();
  const need = (cs: Column<T>[]) => cs.reduce((s, c) => s + c.width, 0) + Math.max(0, cs.length - 1);
  while (cols.length > 1 && need(cols) > width) {
    // Drop the lowest-priority column (rightmost among equals).
    let idx = 0;
    for (let i = 0; i < cols.length; i++) if ((cols[i].priority ?? 5) <= (cols[idx].priority ?? 5)) idx = i;
    cols = cols.filter((_, i) => i !== idx);
  }
  const spare = Math.max(0, width - need(cols));
  const grow = cols.reduce((s, c) => s + (c.grow ?? 0), 0);
  let given = 0;
  return cols.map((c, i) => {
    let extra = 0;
    if (grow > 0 && c.grow) {
      extra = Math.floor((spare * c.grow) / grow);
      // Last growing column takes the rounding remainder.
      const lastGrowing = cols.map((x) => !!x.grow).lastIndexOf(true) === i;
      if (lastGrowing) extra = spare - given;
      given += extra;
    }
    return { col: c, width: Math.max(1, Math.min(c.width + extra, width)) };
  });
}

/** First row index to show so that `cursor` stays visible. */
export function scrollOffset(cursor: number, offset: number, height: number, total: number): number {
  if (height <= 0) return 0;
  let o = offset;
  if (cursor < o) o = cursor;
  if (cursor >= o + height) o = cursor - height + 1;
  return Math.max(0, Math.min(o, Math.max(0, total - height)));
}

export interface TableProps<T> {
  columns: Column<T>[];
  rows: readonly T[];
  cursor: number;
  offset: number;
  height: number;
  width: number;
  rowKey: (row: T) => string;
  headerColor?: string;
  noColor?: boolean;
}

export function WindowedTable<T>({ columns, rows, cursor, offset, height, width, rowKey, headerColor, noColor }: TableProps<T>): React.ReactElement {
  // A two-cell gutter marks the selected row with '›' as well as inverse video: with
  // NO_COLOR (or output that is not a terminal) all styling is dropped, inverse included,
  // and the cursor must still be visible.
  const layout = layoutColumns(columns, Math.max(1, width - 2));
  const header = '  ' + layout.map(({ col, width: w }) => pad(col.title, w, col.align)).join(' ');
  const visible = rows.slice(offset, offset + Math.max(0, height));
  return (
    <Box flexDirection="column">
      <Text bold color={headerColor} wrap="truncate">
        {header}
      </Text>
      {visible.map((row, i) => {
        const selected = offset + i === cursor;
        return (
          <Text key={rowKey(row)} inverse={selected} wrap="truncate">
            {selected ? '› ' : '  '}
            {layout.map(({ col, width: w }, ci) => (
              <Text key={col.key} color={selected || noColor ? undefined : col.color?.(row)}>
                {(ci > 0 ? ' ' : '') + pad(col.get(row), w, col.align)}
              </Text>
            ))}
          </Text>
        );
      })}
    </Box>
  );
}
