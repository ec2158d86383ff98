// `:` commands, parsed purely (tested without a terminal).
import { KIND_ALIASES } from '../services/query.js';
import type { StorageType } from '../services/types.js';

export type ParsedCommand =
  | { kind: 'kinds'; kinds: StorageType[] | null }
  | { kind: 'region'; regions: string[] }
  | { kind: 'profile'; profile: string }
  | { kind: 'quit' }
  | { kind: 'help' }
  | { kind: 'screen'; screen: 'analytics' | 'create' | 'status' }
  | { kind: 'error'; message: string };

const REGION_RE = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;

export function parseCommand(text: string): ParsedCommand {
  const [head, ...rest] = text.trim().split(/\s+/);
  const cmd = (head ?? '').toLowerCase();
  const arg = rest.join(' ').trim();
  if (cmd === '' ) return { kind: 'error', message: 'empty command: try :ebs, :fsx, :all, :region us-west-2, :profile NAME, :q' };
  if (cmd === 'q' || cmd === 'quit' || cmd === 'q!') return { kind: 'quit' };
  if (cmd === 'help' || cmd === 'h') return { kind: 'help' };
  if (cmd === 'all' || cmd === '*') return { kind: 'kinds', kinds: null };
  if (cmd === 'analytics' || cmd === 'costs') return { kind: 'screen', screen: 'analytics' };
  if (cmd === 'create' || cmd === 'new') return { kind: 'screen', screen: 'create' };
  if (cmd === 'status' || cmd === 'errors') return { kind: 'screen', screen: 'status' };
  if (cmd === 'region' || cmd === 'regions') {
    const regions = arg.split(/[\s,]+/).filter(Boolean);
    if (regions.length === 0) return { kind: 'error', message: ':region needs a region code, e.g. :region us-west-2 (or several: :region us-east-1,us-west-2)' };
    const bad = regions.filter((r) => !REGION_RE.test(r));
    if (bad.length) return { kind: 'error', message: `not a region code: ${bad.join(', ')} (e.g. us-east-1, eu-west-1)` };
    return { kind: 'region', regions };
  }
  if (cmd === 'profile') {
    if (!arg) return { kind: 'error', message: ':profile needs a profile name from ~/.aws/config, e.g. :profile research' };
    return { kind: 'profile', profile: arg };
  }
  const kinds = KIND_ALIASES[cmd];
  if (kinds) return { kind: 'kinds', kinds };
  return { kind: 'error', message: `unknown command :${cmd} — try :ebs :efs :s3 :fsx :lustre :openzfs :windows :ontap :all :region :profile :q` };
}
