// What every non-interactive command shares: resolving the backend (and
// saying so on stderr when it is the simulated region), reporting an error
// as one stderr line or a JSON/YAML error object, the exit status, and
// releasing the SDK clients on every path.
import type { Backend } from '../services/backend.js';
import { StorageError, type StorageErrorShape } from '../services/types.js';
import { EXIT, type CliIo, type ExitCode } from './io.js';
import { errorDoc, errorLine, toJson, toYaml, type ErrorDoc, type OutputFormat } from './output.js';

export interface CommandContext {
  io: CliIo;
  getBackend: () => Promise<Backend>;
}

/** A usage error (exit 2): a flag, value or argument is wrong; nothing was sent to AWS. */
export function usageError(message: string, hint: string, code = 'InvalidArgument', fields?: { field: string; message: string }[]): StorageError {
  const e = new StorageError({ type: 'validation', service: 'local', code, message, hint, recoverable: false });
  if (fields) (e as StorageError & { fields?: unknown }).fields = fields;
  return e;
}

/** --read-only refused a mutating command (exit 1). */
export function readOnlyError(what: string): StorageError {
  return new StorageError({
    type: 'access-denied',
    service: 'local',
    code: 'ReadOnly',
    message: `${what} refused: prism-storage runs with --read-only`,
    hint: 'run without --read-only to change anything',
    recoverable: false,
  });
}

/** StorageError shape of anything thrown (unexpected errors keep their message). */
export function toErrorDoc(e: unknown): ErrorDoc {
  if (e instanceof StorageError) {
    const extra = e as StorageError & { fields?: ErrorDoc['fields']; region?: string };
    return errorDoc({ ...e.toJSON(), region: extra.region, fields: extra.fields });
  }
  if (e && typeof e === 'object' && 'type' in e && 'code' in e && 'message' in e && 'hint' in e) return errorDoc(e as StorageErrorShape);
  const message = e instanceof Error ? e.message : String(e);
  return { type: 'unknown', service: 'local', code: e instanceof Error ? e.name || 'Error' : 'Error', message, hint: 'run again; if it persists, report it with PRISM_DEBUG=1 set', recoverable: false };
}

/** Usage errors (our own validation, an ambiguous name) exit 2; everything else 1 (a declined confirmation too). */
export function exitCodeOf(e: ErrorDoc): ExitCode {
  if (e.service === 'local' && e.code !== 'NotConfirmed' && (e.type === 'validation' || e.code === 'AmbiguousName')) return EXIT.USAGE;
  return EXIT.FAILURE;
}

/** One stderr line; with json/yaml output the error object goes to stdout as {"error": {...}}. */
export function reportError(io: CliIo, format: OutputFormat | 'script', e: unknown): ExitCode {
  const doc = toErrorDoc(e);
  if (format === 'json') io.stdout.write(toJson({ error: doc }));
  else if (format === 'yaml') io.stdout.write(toYaml({ error: doc }));
  else {
    io.stderr.write(errorLine(doc));
    for (const f of doc.fields ?? []) io.stderr.write(`  ${f.field}: ${f.message}\n`);
  }
  return exitCodeOf(doc);
}

/** "prism-storage: <reason>" once on stderr when the simulated region answers. */
export function simNotice(io: CliIo, backend: Backend): void {
  if (backend.mode === 'sim') io.stderr.write(`prism-storage: ${backend.reason}\n`);
}

/**
 * Runs one command: backend, notice, body, errors, exit status, clients released.
 * `body` returns the exit code; thrown errors are reported in `format`.
 */
export async function run(ctx: CommandContext, format: OutputFormat | 'script', body: (backend: Backend) => Promise<ExitCode>): Promise<void> {
  let backend: Backend | undefined;
  try {
    backend = await ctx.getBackend();
    simNotice(ctx.io, backend);
    ctx.io.setExitCode(await body(backend));
  } catch (e) {
    ctx.io.setExitCode(reportError(ctx.io, format, e));
  } finally {
    backend?.pool.destroy();
  }
}

/** Runs a body that needs no backend (completion, argument checks). */
export async function runLocal(ctx: CommandContext, format: OutputFormat | 'script', body: () => Promise<ExitCode> | ExitCode): Promise<void> {
  try {
    ctx.io.setExitCode(await body());
  } catch (e) {
    ctx.io.setExitCode(reportError(ctx.io, format, e));
  }
}
