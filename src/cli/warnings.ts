// The AWS SDK (and Node) report warnings with process.emitWarning, which
// prints to stderr: inside the dashboard that corrupts the screen. Every
// warning goes to a log file instead (and to the status line via a listener).
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stateDir } from '../services/paths.js';

const seen: string[] = [];
let listener: ((text: string) => void) | undefined;

export function routeWarnings(env: NodeJS.ProcessEnv = process.env): void {
  const file = join(stateDir(env), 'warnings.log');
  const original = process.emitWarning.bind(process);
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const text = typeof warning === 'string' ? warning : `${warning.name}: ${warning.message}`;
    const type = typeof rest[0] === 'string' ? rest[0] : typeof rest[0] === 'object' && rest[0] && 'type' in rest[0] ? String((rest[0] as { type: unknown }).type) : '';
    const line = `${new Date().toISOString()} ${type ? type + ': ' : ''}${text.replace(/\s+/g, ' ').trim()}`;
    if (env.PRISM_DEBUG) return original(warning as string, ...(rest as []));
    seen.push(line);
    try {
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      appendFileSync(file, line + '\n', { mode: 0o600 });
    } catch {
      // nowhere to write: drop it rather than corrupt the screen
    }
    listener?.(line);
  }) as typeof process.emitWarning;
}

export function onWarning(fn: ((text: string) => void) | undefined): void {
  listener = fn;
}

export function warningsSeen(): readonly string[] {
  return seen;
}
