// `analytics`, `recommendations`, `patterns`, `optimize` and `costs`: the
// metrics, pattern, recommendation and cost services over the inventory.
import { applyOptimization, describeAction, type Focus, type WorkloadKind } from '../../services/analytics/index.js';
import type { Backend } from '../../services/backend.js';
import { sanitize } from '../../services/sanitize.js';
import { StorageError, type StorageInfo } from '../../services/types.js';
import { EXIT, type ExitCode } from '../io.js';
import type { ErrorDoc, OutputFormat } from '../output.js';
import { FOCUSES, WINDOWS, WORKLOAD_KINDS } from '../choices.js';
import { analytics, costAnalysis, isWindow, MAX_PATTERN_DAYS, optimizePlan, patterns, recommendations } from '../ops/analytics.js';
import { completeness, inventoryOnce, parseKinds, resolveStore, resolveStores, type Inventory } from '../ops/inventory.js';
import { docText, errorLines, renderAnalytics, renderCosts, renderOptimize, renderPatterns, renderRecommendations } from '../render.js';
import { readOnlyError, reportError, run, usageError, type CommandContext } from '../runner.js';
import { viewOf } from './list.js';
import { askLine, auditFor, confirmMatches } from './mutate.js';

interface Scope {
  type?: string;
  resources?: string[];
  output: OutputFormat;
}

/** 0 when inventory and metrics all answered; 3 when some failed; 1 when the inventory failed outright. */
function status(inv: Inventory, extra: readonly unknown[]): ExitCode {
  const c = completeness(inv);
  if (c === 'failed') return EXIT.FAILURE;
  return c === 'partial' || extra.length > 0 ? EXIT.PARTIAL : EXIT.OK;
}

function tableErrors(ctxOut: { write(s: string): unknown }, format: OutputFormat, errors: ErrorDoc[]): void {
  if (format === 'table' || format === 'csv') ctxOut.write(errorLines(errors));
}

/** The inventory, then the stores named (or every store of the kinds asked for). */
async function scoped(ctx: CommandContext, o: Scope, body: (inv: Inventory, stores: StorageInfo[], backend: Backend) => Promise<ExitCode>): Promise<void> {
  await run(ctx, o.output, async (backend) => {
    const inv = await inventoryOnce(backend, { kinds: parseKinds(o.type) });
    return body(inv, resolveStores(inv, o.resources), backend);
  });
}

export interface AnalyticsOptions extends Scope {
  period: string;
}

export async function analyticsCommand(ctx: CommandContext, o: AnalyticsOptions): Promise<void> {
  const period = o.period;
  await scoped(ctx, o, async (inv, stores, backend) => {
    if (!isWindow(period)) throw usageError(`unknown period "${period}"`, `use one of: ${WINDOWS.join(', ')}`, 'InvalidPeriod');
    const r = await analytics(backend.pool, stores, period, ctx.io.now);
    const errors: ErrorDoc[] = [...inv.errors, ...r.errors];
    ctx.io.stdout.write(renderAnalytics(o.output, r.rows, errors, viewOf(ctx.io)));
    tableErrors(ctx.io.stderr, o.output, errors);
    return status(inv, r.errors);
  });
}

export interface RecommendationsOptions extends Scope {
  focus?: string;
}

export async function recommendationsCommand(ctx: CommandContext, o: RecommendationsOptions): Promise<void> {
  await scoped(ctx, o, async (inv, stores, backend) => {
    if (o.focus !== undefined && !(FOCUSES as readonly string[]).includes(o.focus)) throw usageError(`unknown focus "${o.focus}"`, `use one of: ${FOCUSES.join(', ')}`, 'InvalidFocus');
    const r = await recommendations(backend.pool, stores, o.focus as Focus | undefined, ctx.io.now);
    const errors: ErrorDoc[] = [...inv.errors, ...r.errors];
    ctx.io.stdout.write(renderRecommendations(o.output, r.recommendations, errors, viewOf(ctx.io)));
    tableErrors(ctx.io.stderr, o.output, errors);
    return status(inv, r.errors);
  });
}

export interface PatternsOptions extends Scope {
  days: number;
}

export async function patternsCommand(ctx: CommandContext, o: PatternsOptions): Promise<void> {
  await scoped(ctx, o, async (inv, stores, backend) => {
    if (!Number.isInteger(o.days) || o.days < 1 || o.days > MAX_PATTERN_DAYS) throw usageError(`--days ${o.days} is out of range`, `give a whole number of days from 1 to ${MAX_PATTERN_DAYS}`, 'InvalidDays');
    const r = await patterns(backend.pool, stores, o.days, ctx.io.now);
    const errors: ErrorDoc[] = [...inv.errors, ...r.errors];
    ctx.io.stdout.write(renderPatterns(o.output, r.patterns, errors, viewOf(ctx.io)));
    tableErrors(ctx.io.stderr, o.output, errors);
    return status(inv, r.errors);
  });
}

export interface OptimizeOptions {
  workload?: string;
  apply?: boolean;
  confirm?: string;
  output: OutputFormat;
}

export async function optimizeCommand(ctx: CommandContext, ref: string, o: OptimizeOptions): Promise<void> {
  const io = ctx.io;
  if (o.apply && o.confirm === undefined && !io.stdin.isTTY) {
    io.setExitCode(reportError(io, o.output, usageError('refusing to apply without confirmation: not a terminal', `add --confirm ${ref} (the store's name or id) to apply from a script`, 'ConfirmationRequired')));
    return;
  }
  await run(ctx, o.output, async (backend) => {
    if (!o.workload || !(WORKLOAD_KINDS as readonly string[]).includes(o.workload)) {
      throw usageError(o.workload ? `unknown workload "${o.workload}"` : '--workload is required', `use one of: ${WORKLOAD_KINDS.join(', ')}`, 'InvalidWorkload');
    }
    if (o.apply && backend.readOnly) throw readOnlyError('optimize --apply');
    const store = resolveStore(await inventoryOnce(backend), ref);
    const plan = optimizePlan(store, o.workload as WorkloadKind);
    const describe = plan.action ? describeAction(store, plan.action) : undefined;
    if (!o.apply) {
      io.stdout.write(renderOptimize(o.output, store, o.workload, plan, describe, viewOf(io)));
      return EXIT.OK;
    }
    if (o.confirm !== undefined && !confirmMatches(o.confirm, store)) {
      throw usageError(`--confirm "${o.confirm}" does not match "${store.name}" (${store.id})`, `type the store's name exactly: --confirm ${store.name}`, 'ConfirmationMismatch');
    }
    if (!plan.action) {
      io.stdout.write(renderOptimize(o.output, store, o.workload, plan, describe, viewOf(io)));
      io.stderr.write('prism-storage: nothing to apply\n');
      return EXIT.OK;
    }
    io.stderr.write(renderOptimize('table', store, o.workload, plan, describe, { width: viewOf(io).width, color: false }));
    if (o.confirm === undefined) {
      const typed = await askLine(io, `Type the name of the store (${sanitize(store.name)}) to apply: `);
      if (!confirmMatches(typed, store)) throw new StorageError({ type: 'validation', service: 'local', resource: store.id, code: 'NotConfirmed', message: 'not confirmed: nothing was changed', hint: `type ${store.name} exactly to apply`, recoverable: false });
    }
    const result = await applyOptimization(backend.pool, store, plan.action, auditFor(backend, io.env), { sleep: io.sleep });
    if (o.output === 'json' || o.output === 'yaml') io.stdout.write(docText(o.output, { applied: { id: store.id, name: store.name, workload: o.workload, action: plan.action, actionText: describe ?? null }, result }));
    else io.stdout.write(`Applied to ${store.id}: ${sanitize(describe ?? '')}\n`);
    return EXIT.OK;
  });
}

export interface CostsOptions {
  type?: string;
  refresh?: boolean;
  output: OutputFormat;
}

export async function costsCommand(ctx: CommandContext, o: CostsOptions): Promise<void> {
  await run(ctx, o.output, async (backend) => {
    const inv = await inventoryOnce(backend, { kinds: parseKinds(o.type) });
    const c = await costAnalysis(backend, inv.stores, { now: ctx.io.now, env: ctx.io.env, force: o.refresh, memoryOnly: backend.mode === 'sim' });
    const errors: ErrorDoc[] = [...inv.errors, ...c.errors];
    ctx.io.stdout.write(renderCosts(o.output, { ...c, errors }, ctx.io.now(), viewOf(ctx.io)));
    tableErrors(ctx.io.stderr, o.output, errors);
    return status(inv, c.errors);
  });
}
