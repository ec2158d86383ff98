// The last step: the form's pieces become the StorageRequest that validation and the mutations
// layer take. Pure: no token, clock or randomness here (the mutations layer owns idempotency).
import type { StorageConfig, StorageRequest } from '../types.js';
import { rawInputs, setRawInputs } from '../validation/raw-input.js';
import type { Purpose } from './recommend.js';

export function buildRequest(name: string, region: string, purpose: Purpose, cfg: StorageConfig, tags: Record<string, string>): StorageRequest {
  let config = cfg;
  // A bucket is created in the region the request targets; the form has no separate field for it.
  if (cfg.type === 's3' && cfg.s3.region !== region) {
    config = { type: 's3', s3: { ...cfg.s3, region } };
    setRawInputs(config, rawInputs(cfg));
  }
  const cleanTags: Record<string, string> = {};
  for (const [k, v] of Object.entries(tags ?? {})) cleanTags[k] = v;
  return { name: typeof name === 'string' ? name.trim() : '', region, workload: purpose, tags: cleanTags, config };
}
