// The detail screen: every attribute of one store, grouped, scrollable.
import React from 'react';
import { Box, Text } from 'ink';
import { describeResource } from '../services/describe.js';
import { pad, sanitize, truncate } from '../services/sanitize.js';
import { TYPE_LABEL, type StorageInfo } from '../services/types.js';
import type { Command } from '../app/keymap.js';
import type { Theme } from '../app/theme.js';
import type { Window } from '../services/metrics/index.js';

export interface DetailState {
  key: string;
  scroll: number;
  /** Chart window, kept across stores: [ and ] change it. */
  window: Window;
}

export interface Line {
  text: string;
  kind: 'section' | 'row' | 'blank';
  label?: string;
}

export function detailLines(r: StorageInfo, width: number): Line[] {
  const lines: Line[] = [];
  const labelW = Math.min(24, Math.max(12, Math.floor(width / 3)));
  for (const s of describeResource(r)) {
    if (s.rows.length === 0) continue;
    if (lines.length) lines.push({ text: '', kind: 'blank' });
    lines.push({ text: s.title, kind: 'section' });
    for (const [label, value] of s.rows) {
      const v = sanitize(value);
      lines.push({ text: truncate(v, Math.max(1, width - labelW - 3)), kind: 'row', label: pad(sanitize(label), labelW) });
    }
  }
  return lines;
}

export function detailCommand(state: DetailState, cmd: Command, total: number, page: number): DetailState {
  const max = Math.max(0, total - page);
  const to = (n: number) => ({ ...state, scroll: Math.max(0, Math.min(max, n)) });
  switch (cmd) {
    case 'up':
      return to(state.scroll - 1);
    case 'down':
      return to(state.scroll + 1);
    case 'pageUp':
      return to(state.scroll - page);
    case 'pageDown':
      return to(state.scroll + page);
    case 'top':
      return to(0);
    case 'bottom':
      return to(max);
    default:
      return state;
  }
}

export interface DetailViewProps {
  resource: StorageInfo | undefined;
  state: DetailState;
  height: number;
  width: number;
  theme: Theme;
  /** Charts drawn above the attributes (metrics issue). */
  charts?: React.ReactNode;
  chartsHeight?: number;
}

export function DetailView({ resource, state, height, width, theme, charts, chartsHeight = 0 }: DetailViewProps): React.ReactElement {
  if (!resource) {
    return (
      <Box flexDirection="column" height={height}>
        <Text color={theme.warn}>This store is gone (deleted, or no longer listed). Esc goes back.</Text>
      </Box>
    );
  }
  const title = `${sanitize(resource.name)}  ${TYPE_LABEL[resource.type]}  ${resource.id}`;
  const bodyH = Math.max(1, height - 1 - chartsHeight);
  const lines = detailLines(resource, width);
  const visible = lines.slice(state.scroll, state.scroll + bodyH);
  return (
    <Box flexDirection="column" height={height}>
      <Text bold color={theme.accent} wrap="truncate">
        {truncate(title, width)}
      </Text>
      {charts}
      {visible.map((l, i) =>
        l.kind === 'section' ? (
          <Text key={i} bold underline={theme.noColor} color={theme.header} wrap="truncate">
            {l.text}
          </Text>
        ) : l.kind === 'blank' ? (
          <Text key={i}> </Text>
        ) : (
          <Text key={i} wrap="truncate">
            <Text color={theme.dim}>{'  ' + l.label + ' '}</Text>
            {l.text}
          </Text>
        ),
      )}
    </Box>
  );
}
