// `list` and `show`: the status check. One inventory refresh through a
// Session (the dashboard's providers, retries and breakers), printed in the
// chosen format. `--watch` keeps the Session polling and redraws only when
// what is printed changes; Ctrl-C ends it with exit status 0.
import type { Backend } from '../../services/backend.js';
import { Session } from '../../services/session.js';
import { EXIT, type CliIo, type ExitCode } from '../io.js';
import { truncate } from '../../services/sanitize.js';
import { colorEnabled, errorLine, listDoc, terminalWidth, toJsonLine, toYaml, type OutputFormat } from '../output.js';
import { completeness, inventoryOf, inventoryOnce, parseKinds, parseSort, resolveStore, type Inventory, type InventoryFilter } from '../ops/inventory.js';
import { errorLines, renderList, renderStore, type View } from '../render.js';
import { reportError, run, usageError, type CommandContext } from '../runner.js';

export interface ListOptions {
  type?: string;
  output: OutputFormat;
  watch?: boolean;
  sort?: string;
  filter?: string;
  /** Seconds between refreshes in --watch (the global --refresh). */
  refresh?: number;
}

export function viewOf(io: CliIo): View {
  return { width: terminalWidth(io.stdout, io.env), color: colorEnabled(io.stdout, io.env) };
}

/** Exit status of an answer: 0 complete, 3 partial, 1 nothing answered. */
export function statusOf(inv: Inventory): ExitCode {
  const c = completeness(inv);
  return c === 'complete' ? EXIT.OK : c === 'partial' ? EXIT.PARTIAL : EXIT.FAILURE;
}

function emptyText(backend: Backend, filtered: boolean): string {
  const where = backend.regions.join(', ');
  return filtered ? `No store matches (regions: ${where}).` : `No storage in ${where}.`;
}

function multiRegion(backend: Backend, inv: Inventory): boolean {
  return backend.regions.length > 1 || new Set(inv.stores.map((s) => s.region)).size > 1;
}

export function listFilter(o: Pick<ListOptions, 'type' | 'sort' | 'filter'>): InventoryFilter {
  const { sort, desc } = parseSort(o.sort);
  return { kinds: parseKinds(o.type), sort, desc, text: o.filter };
}

export async function listCommand(ctx: CommandContext, o: ListOptions): Promise<void> {
  let filter: InventoryFilter;
  try {
    filter = listFilter(o);
    if (o.watch && o.output === 'csv') throw usageError('--watch cannot stream CSV', 'use --output table, json (one document per line) or yaml (documents separated by ---)', 'InvalidOutput');
  } catch (e) {
    ctx.io.setExitCode(reportError(ctx.io, o.output, e));
    return;
  }
  await run(ctx, o.output, async (backend) => {
    if (o.watch) return watch(ctx.io, new Session(backend, { refreshMs: (o.refresh ?? 30) * 1000 }), backend, filter, o.output);
    const inv = await inventoryOnce(backend, filter);
    ctx.io.stdout.write(renderList(o.output, inv.stores, inv.errors, viewOf(ctx.io), multiRegion(backend, inv), emptyText(backend, !!(filter.kinds || filter.text))));
    if (o.output === 'table' || o.output === 'csv') ctx.io.stderr.write(errorLines(inv.errors));
    return statusOf(inv);
  });
}

/** What one watch frame prints; equal frames are not printed again. */
export function watchFrame(format: OutputFormat, inv: Inventory, backend: Backend, view: View & { rows?: number }, filtered: boolean): string {
  if (format === 'json') return toJsonLine(listDoc(inv.stores, inv.errors));
  if (format === 'yaml') return `---\n${toYaml(listDoc(inv.stores, inv.errors))}`;
  // A terminal shows what fits below the header, with the errors under the table.
  // On a terminal every line fits the width (one error, one line).
  const errors = view.rows ? inv.errors.map((e) => `${truncate(errorLine(e, true).trimEnd(), view.width)}\n`).join('') : errorLines(inv.errors);
  const errorCount = inv.errors.length;
  let stores = inv.stores;
  let more = '';
  if (view.rows && view.rows > 4) {
    const room = Math.max(1, view.rows - 3 - errorCount);
    if (stores.length > room) {
      more = `… ${stores.length - (room - 1)} more (narrow it with --type or --filter)\n`;
      stores = stores.slice(0, room - 1);
    }
  }
  return renderList('table', stores, [], view, multiRegion(backend, inv), emptyText(backend, filtered)) + more + errors;
}

async function watch(io: CliIo, session: Session, backend: Backend, filter: InventoryFilter, format: OutputFormat): Promise<ExitCode> {
  const tty = format === 'table' && !!io.stdout.isTTY;
  let last: string | undefined;
  let printed = false;
  const draw = () => {
    const snap = session.store.getSnapshot();
    // Between refreshes only: a refresh in flight applies service after service.
    if (snap.loading || snap.initial) return;
    const view = { ...viewOf(io), rows: tty ? (io.stdout as { rows?: number }).rows : undefined };
    const inv = inventoryOf(snap, filter);
    const frame = watchFrame(format, inv, backend, view, !!(filter.kinds || filter.text));
    if (frame === last) return;
    last = frame;
    if (tty) {
      const when = new Date(io.now()).toISOString().slice(11, 19);
      io.stdout.write(`\u001b[H\u001b[2J${`prism-storage list --watch · ${inv.stores.length} stores · changed ${when} UTC · Ctrl-C to exit`.slice(0, view.width)}\n\n${frame}`);
    } else io.stdout.write(format === 'table' && printed ? `\n${frame}` : frame);
    printed = true;
  };
  const unsubscribe = session.store.subscribe(draw);
  // The poller's timers do not hold the process open (the dashboard's do not need to); watching does.
  const keepAlive = setInterval(() => {}, 1 << 30);
  return new Promise<ExitCode>((resolve) => {
    const stop = () => {
      off();
      clearInterval(keepAlive);
      unsubscribe();
      session.stop();
      resolve(EXIT.OK);
    };
    const off = io.onInterrupt(stop);
    session.start();
  });
}

export interface ShowOptions {
  output: OutputFormat;
}

export async function showCommand(ctx: CommandContext, ref: string, o: ShowOptions): Promise<void> {
  await run(ctx, o.output, async (backend) => {
    const store = resolveStore(await inventoryOnce(backend), ref);
    ctx.io.stdout.write(renderStore(o.output, store, viewOf(ctx.io)));
    return EXIT.OK;
  });
}
