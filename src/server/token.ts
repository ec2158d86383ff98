// The REST server's bearer token: 32 random bytes (base64url), made on the
// first start and kept in $XDG_CONFIG_HOME/prism-storage/server-token with
// mode 600 in a mode-700 directory. A token file anyone else can read, or
// that someone else owns, is refused (like ssh refuses a loose private key).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { configDir } from '../services/paths.js';
import { StorageError } from '../services/types.js';

export function tokenPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(configDir(env), 'server-token');
}

const TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

function refuse(message: string, hint: string): never {
  throw new StorageError({ type: 'access-denied', service: 'local', code: 'UnsafeTokenFile', message, hint, recoverable: false });
}

/** The token in `path`, made (mode 600) when there is none. */
export function loadOrCreateToken(path: string): { token: string; created: boolean } {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  let fd: number;
  let created = false;
  try {
    // O_EXCL: two servers starting at once never overwrite each other's token.
    fd = openSync(path, 'wx', 0o600);
    created = true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    fd = openSync(path, 'r');
  }
  try {
    if (created) {
      const token = newToken();
      writeSync(fd, `${token}\n`);
      return { token, created };
    }
    const st = fstatSync(fd);
    if (typeof process.getuid === 'function' && st.uid !== process.getuid()) refuse(`${path} belongs to another user`, 'delete it (a new token is made on the next start) or run as its owner');
    if ((st.mode & 0o077) !== 0) refuse(`${path} can be read by others (mode ${(st.mode & 0o777).toString(8)})`, `run \`chmod 600 ${path}\` if nobody else could have read it, else delete it so a new token is made`);
    const token = readFileSync(path, 'utf8').trim();
    if (!TOKEN_RE.test(token)) refuse(`${path} does not hold a prism-storage token`, 'delete it: a new token is made on the next start');
    return { token, created };
  } finally {
    closeSync(fd);
  }
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** Constant-time comparison (both sides hashed first, so neither length nor content leaks through timing). */
export function tokensEqual(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/** The token from an `Authorization: Bearer <token>` header, or undefined. */
export function bearerOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /^Bearer[ ]+([^\s]+)\s*$/i.exec(header);
  return m ? m[1] : undefined;
}
