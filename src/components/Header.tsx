// Two header lines: who/where/how many/how fresh, then one badge per service.
import React from 'react';
import { Box, Text } from 'ink';
import { formatAge } from '../services/format.js';
import { truncate } from '../services/sanitize.js';
import type { ChunkState } from '../services/store.js';
import { INVENTORY_LABEL, INVENTORY_SERVICES } from '../services/types.js';

export interface HeaderProps {
  mode: 'aws' | 'sim';
  profile?: string;
  regions: string[];
  endpoint?: string;
  readOnly: boolean;
  count: number;
  shown: number;
  dataAt?: number;
  now: number;
  loading: boolean;
  chunks: readonly ChunkState[];
  width: number;
  colors: { accent?: string; sim?: string; ok?: string; warn?: string; error?: string; dim?: string };
}


export function serviceBadges(chunks: readonly ChunkState[]): { label: string; status: 'ok' | 'stale' | 'error' | 'pending'; text: string }[] {
  const order = INVENTORY_SERVICES;
  const out: { label: string; status: 'ok' | 'stale' | 'error' | 'pending'; text: string }[] = [];
  for (const svc of order) {
    const cs = chunks.filter((c) => c.service === svc);
    const label = INVENTORY_LABEL[svc];
    if (cs.length === 0) {
      out.push({ label, status: 'pending', text: `${label} …` });
      continue;
    }
    const failing = cs.filter((c) => c.error);
    if (failing.length === 0) {
      out.push({ label, status: 'ok', text: `${label} ✓` });
      continue;
    }
    const e = failing[0].error!;
    const why = e.type === 'access-denied' ? 'denied' : e.type === 'throttling' ? 'throttled' : e.type === 'auth' ? 'credentials' : e.type === 'network' ? 'offline' : e.code === 'CircuitOpen' ? 'paused' : e.type;
    const stale = failing.some((c) => c.okAt !== undefined && c.resources.length > 0);
    out.push({ label, status: stale ? 'stale' : 'error', text: `${label} ✗ ${why}${stale ? ' (stale)' : ''}` });
  }
  return out;
}

export function Header(p: HeaderProps): React.ReactElement {
  const where = p.regions.length > 3 ? `${p.regions.length} regions` : p.regions.join(',');
  const who = p.mode === 'sim' ? 'SIMULATED REGION (no AWS account)' : `profile ${p.profile ?? 'default'}`;
  const age = p.dataAt !== undefined ? `updated ${formatAge(p.now - p.dataAt)} ago` : p.loading ? 'loading…' : 'no data yet';
  const count = p.shown === p.count ? `${p.count} stores` : `${p.shown}/${p.count} stores`;
  const parts = [`${where}`, count, age + (p.loading && p.dataAt !== undefined ? ' ⟳' : '')];
  if (p.endpoint) parts.push(`endpoint ${p.endpoint}`);
  const line1 = ` prism-storage │ ${who} │ ${parts.join(' │ ')}`;
  const badges = serviceBadges(p.chunks);
  const color = (s: string) => (s === 'ok' ? p.colors.ok : s === 'pending' ? p.colors.dim : s === 'stale' ? p.colors.warn : p.colors.error);
  return (
    <Box flexDirection="column">
      <Text wrap="truncate" bold>
        {p.readOnly ? <Text inverse> READ-ONLY </Text> : null}
        <Text color={p.mode === 'sim' ? p.colors.sim : p.colors.accent}>{truncate(line1, Math.max(1, p.width - (p.readOnly ? 11 : 0)))}</Text>
      </Text>
      <Text wrap="truncate">
        {' '}
        {badges.map((b, i) => (
          <Text key={b.label} color={color(b.status)}>
            {(i ? '  ' : '') + b.text}
          </Text>
        ))}
      </Text>
    </Box>
  );
}
