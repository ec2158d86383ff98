// Creation for the scripting faces, over the wizard's logic: the same
// defaults (defaultConfig), the same field codecs (setField), the same
// validation and the same plan the dashboard's review step shows. The CLI
// flags and the REST body's `settings` are the wizard's field keys.
import { readFileSync } from 'node:fs';
import { maskSecrets, newRequest, planCreate, type CreatePlan, type PreparedRequest } from '../../services/aws/mutations.js';
import { estimateRequestCost, type EstimateResult } from '../../services/pricing/index.js';
import { TYPE_LABEL, type StorageConfig, type StorageType, type Workload } from '../../services/types.js';
import { validateRequest, type FieldError } from '../../services/validation/index.js';
import { buildRequest, defaultConfig, fieldsFor, loadAccountContext, setField, type AccountContext, type Needs } from '../../services/wizard/index.js';
import { settingFlags } from '../settings.js';
import type { ClientPool } from '../../services/aws/clients.js';
import { maskSecretKeys } from '../../services/audit.js';

export { WORKLOADS } from '../choices.js';

export { flagOfKey, settingFlags, type SettingFlag } from '../settings.js';

export interface CreateInput {
  name: string;
  type: StorageType;
  region: string;
  workload?: Workload;
  /** What the defaults are sized for. */
  needs?: Partial<Needs>;
  /** Wizard field key -> text as typed (applied over the defaults in form order). */
  settings?: Record<string, string>;
  tags?: Record<string, string>;
  /** Reuse on a retry: the same token never creates twice. */
  clientToken?: string;
}

export interface PreparedCreate {
  request: PreparedRequest;
  /** Field-level problems; empty when the request is valid. */
  errors: FieldError[];
  /** The exact SDK calls, secrets masked (only when valid). */
  plan?: CreatePlan;
  estimate: EstimateResult;
  /** Account parts that could not be read (defaults for them may be missing). */
  accountFailures: { part: string; message: string }[];
}

function needsFor(type: StorageType, n: Partial<Needs> | undefined): Needs {
  return {
    capacityGiB: n?.capacityGiB ?? (type.startsWith('fsx-lustre') ? 1200 : 100),
    throughputMBps: n?.throughputMBps,
    sharedBy: n?.sharedBy ?? (type === 'ebs' ? 1 : 2),
    posix: n?.posix ?? type !== 'fsx-windows',
    windowsClients: n?.windowsClients ?? type === 'fsx-windows',
    shortLived: n?.shortLived,
  };
}

/** Settings applied over a config in form order; unknown keys become field errors. */
export function applySettings(cfg: StorageConfig, settings: Record<string, string>): { config: StorageConfig; errors: FieldError[] } {
  const fields = fieldsFor(cfg.type);
  const known = new Set(fields.map((f) => f.key));
  const errors: FieldError[] = [];
  for (const key of Object.keys(settings)) {
    if (!known.has(key)) {
      const other = settingFlags().find((s) => s.key === key);
      errors.push({
        field: key,
        message: other
          ? `${key} (--${other.flag}) is a setting of ${other.kinds.map((k) => TYPE_LABEL[k]).join(', ')}, not of ${TYPE_LABEL[cfg.type]}.`
          : `${key} is not a setting of ${TYPE_LABEL[cfg.type]}: the settings are ${fields.map((f) => f.key).join(', ')}.`,
      });
    }
  }
  let config = cfg;
  // Form order: a choice others depend on (deployment type, volume type) is applied before them.
  for (const f of fields) if (settings[f.key] !== undefined) config = setField(config, f.key, settings[f.key]);
  return { config, errors };
}

/**
 * The request the wizard would build for these inputs, validated, with its plan and estimate.
 * Reads the account (zones, subnets, security groups, keys, directories, instances) for the
 * defaults; makes no call that changes anything.
 */
export async function prepareCreate(pool: ClientPool, input: CreateInput, deps: { loadAccount?: (pool: ClientPool, region: string) => Promise<AccountContext> } = {}): Promise<PreparedCreate> {
  const account = await (deps.loadAccount ?? loadAccountContext)(pool, input.region);
  const purpose = input.workload ?? 'general';
  const base = defaultConfig(input.type, purpose, needsFor(input.type, input.needs), account);
  // A bucket is named after the store unless a bucket name is given.
  const settings = input.type === 's3' && input.settings?.bucketName === undefined ? { ...input.settings, bucketName: input.name } : (input.settings ?? {});
  const applied = applySettings(base, settings);
  const req = buildRequest(input.name, input.region, purpose, applied.config, input.tags ?? {});
  const request = newRequest({ ...req, clientToken: input.clientToken });
  const errors = [...applied.errors, ...validateRequest(request, account)];
  const plan = errors.length === 0 ? maskSecrets(planCreate(request)) : undefined;
  return { request, errors, plan, estimate: estimateRequestCost(request), accountFailures: account.failures ?? [] };
}

/** The request as it may be shown or logged: every secret masked. */
export function maskedRequest(req: PreparedRequest): PreparedRequest {
  return maskSecretKeys(req);
}

/** Secret values (passwords) come from a file or stdin ("-"), never from argv where `ps` shows them. */
export function readSecretFile(path: string, stdin: () => string = () => readFileSync(0, 'utf8')): string {
  const text = path === '-' ? stdin() : readFileSync(path, 'utf8');
  return text.replace(/\r?\n$/, '');
}
