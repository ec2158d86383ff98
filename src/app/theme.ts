// Colours by role. 16-colour names only (work in every terminal); with
// NO_COLOR every role is undefined and emphasis falls back to bold/inverse.
import type { StorageState, StorageType } from '../services/types.js';

export interface Theme {
  noColor: boolean;
  accent?: string;
  dim?: string;
  ok?: string;
  warn?: string;
  error?: string;
  header?: string;
  sim?: string;
  kind: (t: StorageType) => string | undefined;
  state: (s: StorageState) => string | undefined;
}

const KIND_COLOR: Record<StorageType, string> = {
  ebs: 'yellow',
  efs: 'green',
  s3: 'red',
  'fsx-lustre': 'cyan',
  'fsx-openzfs': 'blue',
  'fsx-windows': 'magenta',
  'fsx-ontap': 'magentaBright',
};

const STATE_COLOR: Record<StorageState, string | undefined> = {
  available: 'green',
  'in-use': 'green',
  creating: 'yellow',
  updating: 'yellow',
  deleting: 'yellow',
  deleted: 'gray',
  failed: 'red',
  misconfigured: 'red',
  unknown: undefined,
};

export function makeTheme(env: NodeJS.ProcessEnv = process.env): Theme {
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  if (noColor) return { noColor, kind: () => undefined, state: () => undefined };
  return {
    noColor,
    accent: 'cyan',
    dim: 'gray',
    ok: 'green',
    warn: 'yellow',
    error: 'red',
    header: 'cyan',
    sim: 'yellow',
    kind: (t) => KIND_COLOR[t],
    state: (s) => STATE_COLOR[s],
  };
}
