// What every kind-specific generator receives.
import type { StorageInfo } from '../types.js';
import type { MountOptions } from './types.js';

export interface Ctx {
  info: StorageInfo;
  opts: MountOptions;
  /** Resource id used in errors. */
  resource: string;
}

/** ",ro" when mounting read-only, else "". */
export function roSuffix(opts: MountOptions): string {
  return opts.readOnly ? ',ro' : '';
}
