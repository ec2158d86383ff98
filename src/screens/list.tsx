// The list screen: every store in one windowed table. State is a plain
// value changed by `listCommand` (pure), drawn by `ListView`.
import React from 'react';
import { Box, Text } from 'ink';
import { WindowedTable, scrollOffset, type Column } from '../components/WindowedTable.js';
import { formatBytes, formatCount, formatRate, formatUsd } from '../services/format.js';
import { DEFAULT_QUERY, KIND_BY_DIGIT, SORT_COLUMNS, type Query } from '../services/query.js';
import { sanitize } from '../services/sanitize.js';
import { TYPE_LABEL, type StorageInfo, type StorageMetrics } from '../services/types.js';
import type { Command } from '../app/keymap.js';
import type { Theme } from '../app/theme.js';

export interface ListState {
  query: Query;
  /** The selected row's key: the selection follows the store across refreshes and re-sorts. */
  selected?: string;
  offset: number;
}

export const initialListState: ListState = { query: DEFAULT_QUERY, offset: 0 };

export const rowKey = (r: StorageInfo): string => `${r.type}:${r.region}:${r.id}`;

export function cursorOf(state: ListState, rows: readonly StorageInfo[]): number {
  if (rows.length === 0) return -1;
  if (state.selected === undefined) return 0;
  const i = rows.findIndex((r) => rowKey(r) === state.selected);
  return i < 0 ? 0 : i;
}

function moveTo(state: ListState, rows: readonly StorageInfo[], index: number, page: number): ListState {
  if (rows.length === 0) return state;
  const i = Math.max(0, Math.min(rows.length - 1, index));
  return { ...state, selected: rowKey(rows[i]), offset: scrollOffset(i, state.offset, page, rows.length) };
}

/** Applies a list command; returns the new state (same object when nothing changed). */
export function listCommand(state: ListState, cmd: Command, rows: readonly StorageInfo[], page: number): ListState {
  const cur = cursorOf(state, rows);
  switch (cmd) {
    case 'up':
      return moveTo(state, rows, cur - 1, page);
    case 'down':
      return moveTo(state, rows, cur + 1, page);
    case 'pageUp':
      return moveTo(state, rows, cur - page, page);
    case 'pageDown':
      return moveTo(state, rows, cur + page, page);
    case 'top':
      return moveTo(state, rows, 0, page);
    case 'bottom':
      return moveTo(state, rows, rows.length - 1, page);
    case 'sortNext': {
      const i = SORT_COLUMNS.indexOf(state.query.sort);
      const sort = SORT_COLUMNS[(i + 1) % SORT_COLUMNS.length];
      return { ...state, query: { ...state.query, sort, desc: sort === 'size' || sort === 'cost' } };
    }
    case 'sortReverse':
      return { ...state, query: { ...state.query, desc: !state.query.desc } };
    case 'kindAll':
      return { ...state, offset: 0, query: { ...state.query, kinds: null } };
    default: {
      const m = /^kind(\d)$/.exec(cmd);
      if (m) return { ...state, offset: 0, query: { ...state.query, kinds: [KIND_BY_DIGIT[Number(m[1]) - 1]] } };
      return state;
    }
  }
}

function last(m: StorageMetrics | undefined, pick: (m: StorageMetrics) => { v: number }[][]): number | undefined {
  if (!m) return undefined;
  let sum = 0;
  let any = false;
  for (const s of pick(m)) {
    const p = s[s.length - 1];
    if (p) {
      sum += p.v;
      any = true;
    }
  }
  return any ? sum : undefined;
}

export function listColumns(theme: Theme, multiRegion: boolean, metrics: ReadonlyMap<string, StorageMetrics>, spark?: (r: StorageInfo) => string): Column<StorageInfo>[] {
  const cols: Column<StorageInfo>[] = [
    { key: 'name', title: 'NAME', width: 16, grow: 1, priority: 10, get: (r) => sanitize(r.name) },
    { key: 'kind', title: 'KIND', width: 11, priority: 9, get: (r) => TYPE_LABEL[r.type], color: (r) => theme.kind(r.type) },
    { key: 'state', title: 'STATE', width: 9, priority: 8, get: (r) => r.state, color: (r) => theme.state(r.state) },
    { key: 'size', title: 'SIZE', width: 9, align: 'right', priority: 7, get: (r) => formatBytes(r.sizeBytes) },
    {
      key: 'tput',
      title: 'THRUPUT',
      width: 9,
      align: 'right',
      priority: 4,
      get: (r) => {
        const v = last(metrics.get(r.id), (m) => [m.readBytesPerSec, m.writeBytesPerSec]);
        return v === undefined ? '·' : formatRate(v);
      },
    },
    {
      key: 'iops',
      title: 'IOPS',
      width: 6,
      align: 'right',
      priority: 3,
      get: (r) => {
        const v = last(metrics.get(r.id), (m) => [m.readOpsPerSec, m.writeOpsPerSec]);
        return v === undefined ? '·' : formatCount(v);
      },
    },
  ];
  if (spark) cols.push({ key: 'spark', title: 'LAST HOUR', width: 10, priority: 2, get: spark, color: () => theme.accent });
  cols.push({ key: 'cost', title: 'COST/MO', width: 9, align: 'right', priority: 6, get: (r) => formatUsd(r.monthlyCost) });
  if (multiRegion) cols.push({ key: 'region', title: 'REGION', width: 14, priority: 5, get: (r) => r.region });
  return cols;
}

export interface ListViewProps {
  rows: readonly StorageInfo[];
  total: number;
  state: ListState;
  height: number;
  width: number;
  theme: Theme;
  multiRegion: boolean;
  metrics: ReadonlyMap<string, StorageMetrics>;
  loading: boolean;
  initial: boolean;
  emptyReason?: string;
  spark?: (r: StorageInfo) => string;
}

export function ListView(p: ListViewProps): React.ReactElement {
  const cursor = cursorOf(p.state, p.rows);
  const tableHeight = Math.max(1, p.height - 1);
  const offset = scrollOffset(Math.max(0, cursor), p.state.offset, tableHeight, p.rows.length);
  if (p.rows.length === 0) {
    let text: string;
    if (p.initial || (p.loading && p.total === 0)) text = 'Loading stores…';
    else if (p.total > 0) text = `No store matches the filter (${p.total} hidden). Esc clears the filter, 0 shows every kind.`;
    else text = p.emptyReason ?? 'No storage in this region. Press c to create one, :region to look elsewhere, r to refresh.';
    return (
      <Box flexDirection="column" height={p.height}>
        <Text wrap="truncate">{' '}</Text>
        <Text color={p.theme.dim} wrap="wrap">
          {'  ' + text}
        </Text>
      </Box>
    );
  }
  return (
    <Box flexDirection="column" height={p.height}>
      <WindowedTable
        columns={listColumns(p.theme, p.multiRegion, p.metrics, p.spark)}
        rows={p.rows}
        cursor={cursor}
        offset={offset}
        height={tableHeight}
        width={p.width}
        rowKey={rowKey}
        headerColor={p.theme.header}
        noColor={p.theme.noColor}
      />
    </Box>
  );
}
