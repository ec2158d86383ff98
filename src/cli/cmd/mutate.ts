// `create` and `delete`: the mutating commands. Both refuse under
// --read-only before anything else happens, audit every call they make
// (services/audit.ts), and never print a secret. `create --dry-run` prints the
// exact plan and changes nothing; `delete` needs the store's name typed at a
// terminal, or --confirm <name>; without a terminal and without --confirm it
// refuses (exit 2).
import { createInterface } from 'node:readline';
import { AuditLog } from '../../services/audit.js';
import type { Backend } from '../../services/backend.js';
import { createStorage, deleteStorage, expectedWait, previewDelete, waitUntilAvailable } from '../../services/aws/mutations.js';
import { sanitize } from '../../services/sanitize.js';
import { StorageError, TYPE_LABEL, type StorageInfo, type Workload } from '../../services/types.js';
import { EXIT, type CliIo } from '../io.js';
import { sortedKeys, storeDoc, type OutputFormat } from '../output.js';
import { maskedRequest, prepareCreate, readSecretFile, settingFlags, WORKLOADS, type CreateInput } from '../ops/create.js';
import { deleteBlockedError } from '../ops/delete.js';
import { inventoryOnce, parseOneKind, resolveStore } from '../ops/inventory.js';
import { docText, estimateDoc, estimateText, renderPlanText, renderPreviewText } from '../render.js';
import { readOnlyError, reportError, run, usageError, type CommandContext } from '../runner.js';
import { viewOf } from './list.js';

/** The audit log every mutating command writes ($XDG_STATE_HOME/prism-storage/audit.log). */
export function auditFor(backend: Backend, env: NodeJS.ProcessEnv): AuditLog {
  return new AuditLog(AuditLog.defaultPath(env), { profile: backend.mode === 'sim' ? 'sim' : (backend.profile ?? 'default') });
}

// ---------------------------------------------------------------------------
// create

export interface CreateOptions {
  type?: string;
  workload?: string;
  size?: number;
  throughput?: number;
  sharedBy?: number;
  tag?: string[];
  set?: string[];
  clientToken?: string;
  dryRun?: boolean;
  wait?: boolean;
  timeout?: number;
  output: OutputFormat;
  /** The per-setting flags, by commander attribute name. */
  [setting: string]: unknown;
}

/** "k=v" pairs (repeatable flags) -> a record; a missing "=" is a usage error naming the flag. */
export function parsePairs(list: string[] | undefined, flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of list ?? []) {
    const i = item.indexOf('=');
    if (i <= 0) throw usageError(`${flag} "${item}" is not key=value`, `write it as ${flag} key=value`, 'InvalidArgument');
    out[item.slice(0, i).trim()] = item.slice(i + 1);
  }
  return out;
}

/** attribute name commander gives --size-gib etc. */
export function attributeOf(flag: string): string {
  return flag.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/** The create inputs from the flags (no AWS call). */
export function createInput(name: string, o: CreateOptions, region: string, readStdin?: () => string): CreateInput {
  const type = parseOneKind(o.type);
  if (o.workload !== undefined && !(WORKLOADS as readonly string[]).includes(o.workload)) {
    throw usageError(`unknown workload "${o.workload}"`, `use one of: ${WORKLOADS.join(', ')}`, 'InvalidWorkload');
  }
  const settings: Record<string, string> = {};
  for (const s of settingFlags()) {
    if (s.spec.kind === 'secret') {
      const file = o[attributeOf(`${s.flag}-file`)];
      if (typeof file === 'string') settings[s.key] = readSecretFile(file, readStdin);
      continue;
    }
    const v = o[attributeOf(s.flag)];
    if (typeof v === 'string') settings[s.key] = v;
  }
  const set = parsePairs(o.set, '--set');
  for (const [k, v] of Object.entries(set)) {
    if (settingFlags().find((s) => s.key === k)?.spec.kind === 'secret') {
      throw usageError(`--set ${k}=... would put a secret on the command line`, `give it with --${settingFlags().find((s) => s.key === k)?.flag}-file <path> (or - for stdin)`, 'SecretOnCommandLine');
    }
    settings[k] = v;
  }
  return {
    name,
    type,
    region,
    workload: o.workload as Workload | undefined,
    needs: { capacityGiB: o.size, throughputMBps: o.throughput, sharedBy: o.sharedBy },
    settings,
    tags: parsePairs(o.tag, '--tag'),
    clientToken: o.clientToken,
  };
}

export async function createCommand(ctx: CommandContext, name: string, o: CreateOptions): Promise<void> {
  const fmt = o.output;
  await run(ctx, fmt, async (backend) => {
    const input = createInput(name, o, backend.region);
    if (backend.readOnly && !o.dryRun) throw readOnlyError('create');
    const prepared = await prepareCreate(backend.pool, input);
    if (prepared.errors.length) {
      throw usageError(
        `${TYPE_LABEL[input.type]} "${name}" is not valid: ${prepared.errors.length} problem${prepared.errors.length === 1 ? '' : 's'}`,
        'correct the flags named below (--help lists them); nothing was sent to AWS',
        'InvalidRequest',
        prepared.errors,
      );
    }
    const plan = prepared.plan;
    if (!plan) throw new Error('no plan for a valid request');
    for (const f of prepared.accountFailures) ctx.io.stderr.write(`prism-storage: could not read ${f.part} for the defaults: ${sanitize(f.message)}\n`);
    if (o.dryRun) {
      if (fmt === 'json' || fmt === 'yaml') ctx.io.stdout.write(docText(fmt, sortedKeys({ dryRun: true, request: maskedRequest(prepared.request), plan, estimate: estimateDoc(prepared.estimate) })));
      else ctx.io.stdout.write(renderPlanText(name, input.type, input.region, plan, prepared.estimate, viewOf(ctx.io)));
      return EXIT.OK;
    }
    const audit = auditFor(backend, ctx.io.env);
    const say = (text: string) => ctx.io.stderr.write(`prism-storage: ${text}\n`);
    say(`creating ${TYPE_LABEL[input.type]} "${sanitize(name)}" in ${input.region} (${estimateText(prepared.estimate)}); client token ${prepared.request.clientToken}`);
    const created = await createStorage(backend.pool, prepared.request, {
      audit,
      sleep: ctx.io.sleep,
      onStep: (i, command) => say(`step ${i + 1}/${plan.steps.length}: ${command}`),
      onState: (what, _s, raw) => say(`${what}: ${raw}`),
    });
    let store: StorageInfo | undefined;
    if (o.wait) {
      say(`waiting until ${created.id} is available (up to ${o.timeout ? `${o.timeout} min` : expectedWait(input.type)})`);
      store = await waitUntilAvailable(backend.pool, created.type, created.id, created.region, {
        timeoutMs: (o.timeout ?? (input.type.startsWith('fsx') ? 90 : 15)) * 60_000,
        sleep: ctx.io.sleep,
        onState: (_s, raw) => say(`${created.id}: ${raw}`),
      });
    }
    if (fmt === 'json' || fmt === 'yaml') ctx.io.stdout.write(docText(fmt, { created: { ...created, name, clientToken: prepared.request.clientToken }, store: store ? storeDoc(store) : null }));
    else {
      ctx.io.stdout.write(`Created ${TYPE_LABEL[created.type]} ${created.id} ("${sanitize(name)}") in ${created.region}: ${store ? store.state : 'creating'}.\n`);
      if (!store) ctx.io.stdout.write(`Follow it with: prism-storage show ${created.id}\n`);
    }
    return EXIT.OK;
  });
}

// ---------------------------------------------------------------------------
// delete

export interface DeleteOptions {
  confirm?: string;
  snapshot?: boolean;
  finalBackup?: boolean;
  emptyFirst?: boolean;
  dryRun?: boolean;
  output: OutputFormat;
}

/** Asks on stderr and reads one line typed at the terminal (echoed: the name is no secret); '' at end of input. */
export function askLine(io: CliIo, question: string): Promise<string> {
  io.stderr.write(question);
  return new Promise((resolve) => {
    const rl = createInterface({ input: io.stdin, terminal: false });
    let answer = '';
    rl.once('line', (line) => {
      answer = line;
      rl.close();
    });
    rl.once('close', () => resolve(answer));
  });
}

export function confirmMatches(typed: string, store: StorageInfo): boolean {
  const t = typed.trim();
  return t !== '' && (t === store.name || t === store.id);
}

export async function deleteCommand(ctx: CommandContext, ref: string, o: DeleteOptions): Promise<void> {
  const fmt = o.output;
  const io = ctx.io;
  // Refusals that need no AWS call come first.
  if (o.confirm === undefined && !o.dryRun && !io.stdin.isTTY) {
    io.setExitCode(reportError(io, fmt, usageError('refusing to delete without confirmation: not a terminal', `add --confirm ${ref} (the store's name or id) to delete from a script`, 'ConfirmationRequired')));
    return;
  }
  await run(ctx, fmt, async (backend) => {
    if (backend.readOnly && !o.dryRun) throw readOnlyError('delete');
    const store = resolveStore(await inventoryOnce(backend), ref);
    if (o.confirm !== undefined && !o.dryRun && !confirmMatches(o.confirm, store)) {
      throw usageError(`--confirm "${o.confirm}" does not match ${TYPE_LABEL[store.type]} "${store.name}" (${store.id})`, `type the store's name exactly: --confirm ${store.name}`, 'ConfirmationMismatch');
    }
    const opts = { snapshotFirst: o.snapshot !== false, finalBackup: o.finalBackup !== false, emptyFirst: !!o.emptyFirst };
    const preview = await previewDelete(backend.pool, store, opts);
    const script = fmt === 'json' || fmt === 'yaml';
    if (!script || !o.dryRun) io.stderr.write(renderPreviewText(store, preview));
    if (preview.refusals.length) throw deleteBlockedError(store, preview.refusals, '--empty-first');
    if (o.dryRun) {
      if (script) io.stdout.write(docText(fmt, { dryRun: true, store: storeDoc(store), preview }));
      else io.stdout.write('Nothing was deleted (--dry-run).\n');
      return EXIT.OK;
    }
    if (o.confirm === undefined) {
      const typed = await askLine(io, `Type the name of the store (${sanitize(store.name)}) to delete it: `);
      if (!confirmMatches(typed, store)) {
        throw new StorageError({ type: 'validation', service: 'local', resource: store.id, code: 'NotConfirmed', message: 'not confirmed: nothing was deleted', hint: `type ${store.name} exactly to delete it`, recoverable: false });
      }
    }
    const result = await deleteStorage(backend.pool, store, { ...opts, audit: auditFor(backend, io.env), sleep: io.sleep, onProgress: (m) => io.stderr.write(`prism-storage: ${sanitize(m)}\n`) });
    if (script) io.stdout.write(docText(fmt, { deleted: { id: store.id, name: store.name, type: store.type, region: store.region }, result }));
    else io.stdout.write(`Deleting ${TYPE_LABEL[store.type]} ${store.id} ("${sanitize(store.name)}")${result.snapshotId ? `; snapshot ${result.snapshotId} kept` : ''}${result.backupRequested ? '; final backup requested' : ''}.\n`);
    return EXIT.OK;
  });
}
