// `?`: every key from the keymap table, then every service's status and its
// error with the hint (the "?-reachable error details").
import React from 'react';
import { Box, Text } from 'ink';
import { bindingsFor, formatKey, type Context } from '../app/keymap.js';
import { formatAge } from '../services/format.js';
import { sanitize, truncate } from '../services/sanitize.js';
import type { ChunkState } from '../services/store.js';
import type { Theme } from '../app/theme.js';
import { compareText } from '../services/collate.js';

export interface HelpLine {
  text: string;
  color?: 'accent' | 'error' | 'warn' | 'ok' | 'dim';
  bold?: boolean;
}

const SERVICE_NAME: Record<string, string> = { ec2: 'EBS (EC2)', efs: 'EFS', fsx: 'FSx', s3: 'S3' };

export function statusLines(chunks: readonly ChunkState[], now: number): HelpLine[] {
  const out: HelpLine[] = [];
  if (chunks.length === 0) out.push({ text: '  (no refresh has finished yet)', color: 'dim' });
  for (const c of [...chunks].sort((a, b) => compareText(a.service, b.service) || compareText(a.region, b.region))) {
    const where = `${SERVICE_NAME[c.service] ?? c.service} ${c.region === 'global' ? '' : c.region}`.trim();
    const age = c.okAt !== undefined ? `data ${formatAge(now - c.okAt)} old` : 'no data';
    if (!c.error) {
      out.push({ text: `  ✓ ${where}: ${c.resources.length} stores, ${age}`, color: 'ok' });
      continue;
    }
    out.push({ text: `  ✗ ${where}: ${sanitize(c.error.message)}`, color: 'error' });
    out.push({ text: `      what to do: ${sanitize(c.error.hint)}`, color: 'warn' });
    out.push({ text: `      ${c.error.type} · ${c.error.code}${c.error.retryAfter ? ` · retry in ${c.error.retryAfter}s` : ''} · ${age}${c.resources.length ? ` (showing ${c.resources.length} from then)` : ''}`, color: 'dim' });
  }
  return out;
}

export function helpLines(contexts: Context[], readOnly: boolean, chunks: readonly ChunkState[], now: number, extra: HelpLine[] = []): HelpLine[] {
  const lines: HelpLine[] = [{ text: 'Keys', bold: true, color: 'accent' }];
  for (const b of bindingsFor({ contexts: [...contexts, 'global'], readOnly })) {
    const keys = b.keys.map(formatKey).join(' ');
    lines.push({ text: `  ${keys.padEnd(18)} ${b.description}` });
  }
  if (readOnly) lines.push({ text: '  (read-only: create, delete and other changes are hidden)', color: 'dim' });
  lines.push({ text: '' }, { text: 'Services', bold: true, color: 'accent' }, ...statusLines(chunks, now));
  if (extra.length) lines.push({ text: '' }, ...extra);
  return lines;
}

export function LinesView({ title, lines, scroll, height, width, theme }: { title: string; lines: HelpLine[]; scroll: number; height: number; width: number; theme: Theme }): React.ReactElement {
  const bodyH = Math.max(1, height - 1);
  const visible = lines.slice(scroll, scroll + bodyH);
  const color = (c?: HelpLine['color']) => (c ? theme[c] : undefined);
  return (
    <Box flexDirection="column" height={height}>
      <Text bold color={theme.accent} wrap="truncate">
        {truncate(title, width)}
      </Text>
      {visible.map((l, i) => (
        <Text key={i} bold={l.bold} color={color(l.color)} wrap="truncate">
          {truncate(l.text, width) || ' '}
        </Text>
      ))}
    </Box>
  );
}
