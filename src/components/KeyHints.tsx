import React from 'react';
import { Text } from 'ink';
import { truncate } from '../services/sanitize.js';

export interface Hint {
  keys: string;
  label: string;
}

/** One line of "key label" pairs, cut to the width. */
export function KeyHints({ hints, width, color }: { hints: Hint[]; width: number; color?: string }): React.ReactElement {
  const text = hints.map((h) => `${h.keys} ${h.label}`).join('  ');
  return (
    <Text color={color} wrap="truncate">
      {truncate(text, width)}
    </Text>
  );
}
