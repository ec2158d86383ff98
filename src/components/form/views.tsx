// Views of the form fields: each draws exactly one line (a list: exactly the
// rows it is given), truncated to its width, so a form never grows taller
// than the space the screen gave it.
import React from 'react';
import { Box, Text } from 'ink';
import { sanitize, truncate } from '../../services/sanitize.js';
import { secretText } from './secret.js';
import { filterOptions, type SelectOption, type SelectState } from './select.js';
import { textWindow } from './text.js';
import { toggleText } from './toggle.js';

export interface FormColors {
  accent?: string;
  dim?: string;
  error?: string;
  warn?: string;
  ok?: string;
}

/** A text (or number) value; with `focused`, the cursor is an inverse cell. */
export function TextInput({ value, cursor, focused, width, placeholder, color }: { value: string; cursor: number; focused: boolean; width: number; placeholder?: string; color?: string }): React.ReactElement {
  const w = Math.max(1, width);
  const clean = sanitize(value);
  if (!focused) {
    const shown = clean === '' && placeholder ? placeholder : clean;
    return (
      <Text wrap="truncate" color={clean === '' ? undefined : color} dimColor={clean === ''}>
        {truncate(shown, w) || ' '}
      </Text>
    );
  }
  const win = textWindow(clean, cursor, w);
  return (
    <Text wrap="truncate" color={color}>
      {win.before}
      <Text inverse>{win.at}</Text>
      {win.after}
    </Text>
  );
}

/** A secret: drawn from its length only. */
export function SecretInput({ length, focused, width, placeholder }: { length: number; focused: boolean; width: number; placeholder?: string }): React.ReactElement {
  const text = secretText(length, focused);
  if (!text && !focused) {
    return (
      <Text wrap="truncate" dimColor>
        {truncate(placeholder ?? '(not set)', Math.max(1, width))}
      </Text>
    );
  }
  return (
    <Text wrap="truncate">
      {truncate(text, Math.max(1, width - 1))}
      {focused ? <Text inverse> </Text> : null}
    </Text>
  );
}

export function ToggleView({ value, width }: { value: boolean; width: number }): React.ReactElement {
  return <Text wrap="truncate">{truncate(toggleText(value), Math.max(1, width))}</Text>;
}

/**
 * An open list: a title line (with the filter typed so far), then exactly
 * `height - 1` rows: the visible window of the filtered options (blank rows
 * pad a short list, so the layout below never jumps).
 */
export function SelectList({
  title,
  options,
  state,
  height,
  width,
  multi,
  colors,
}: {
  title: string;
  options: readonly SelectOption[];
  state: SelectState;
  height: number;
  width: number;
  multi?: boolean;
  colors: FormColors;
}): React.ReactElement {
  const list = filterOptions(options, state.filter);
  const rows = Math.max(1, height - 1);
  const visible = list.slice(state.offset, state.offset + rows);
  const more = list.length > rows ? ` ${state.offset + 1}-${state.offset + visible.length} of ${list.length}` : '';
  const head = `${title}${state.filter ? `  filter: ${sanitize(state.filter)}` : '  (type to filter)'}${more}`;
  const lines: React.ReactElement[] = visible.map((o, i) => {
    const at = state.offset + i === state.cursor;
    const box = multi ? (state.ticked.includes(o.value) ? '[x] ' : '[ ] ') : '';
    return (
      <Text key={o.value || `#${i}`} wrap="truncate" inverse={at}>
        {truncate(`${at ? '›' : ' '} ${box}${sanitize(o.label)}`, Math.max(1, width))}
      </Text>
    );
  });
  if (list.length === 0) {
    lines.push(
      <Text key="#none" wrap="truncate" dimColor>
        {truncate(options.length === 0 ? '  nothing to choose from' : '  no option matches the filter (Backspace un-types)', width)}
      </Text>,
    );
  }
  while (lines.length < rows) lines.push(<Text key={`#pad${lines.length}`}> </Text>);
  return (
    <Box flexDirection="column" height={rows + 1} overflow="hidden">
      <Text wrap="truncate" bold color={colors.accent}>
        {truncate(head, Math.max(1, width))}
      </Text>
      {lines}
    </Box>
  );
}
