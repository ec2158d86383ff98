// Saving a generated script: ./mount-<name>.sh (or .ps1) by default, mode 700
// (the owner may read and run it; nobody else), never replacing a file without
// the user saying so, and never writing through a symbolic link.
import { closeSync, constants, fchmodSync, fstatSync, lstatSync, openSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

export const SCRIPT_MODE = 0o700;

/** A file name made from a store name: letters, digits, dot, dash and underscore only. */
export function defaultScriptName(name: string, id: string, language: 'bash' | 'powershell'): string {
  const base = (name || id)
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[.-]+|-+$/g, '')
    .slice(0, 80);
  return `mount-${base || id.replace(/[^A-Za-z0-9._-]+/g, '-')}.${language === 'powershell' ? 'ps1' : 'sh'}`;
}

/** "~/x" -> home, relative -> from `cwd`. */
export function resolveScriptPath(path: string, cwd: string): string {
  const p = path.trim();
  if (p === '~') return homedir();
  if (p.startsWith('~/')) return join(homedir(), p.slice(2));
  return isAbsolute(p) ? resolve(p) : resolve(cwd, p);
}

export type SaveResult = { ok: true; path: string } | { ok: false; exists: true; path: string } | { ok: false; exists: false; path: string; message: string };

function describe(e: unknown): string {
  const code = (e as { code?: string }).code;
  switch (code) {
    case 'ENOENT':
      return 'the directory does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'that is a directory';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'the disk is full';
    default:
      return e instanceof Error ? e.message : String(e);
  }
}

/**
 * Writes `text` to `path` with mode 700. Without `overwrite` an existing path is left alone
 * ({exists: true}); with it, only a regular file is replaced (a symlink or directory is refused).
 */
export function saveScript(path: string, text: string, overwrite = false): SaveResult {
  let fd: number | undefined;
  try {
    if (overwrite) {
      let st;
      try {
        st = lstatSync(path);
      } catch {
        st = undefined;
      }
      if (st && !st.isFile()) return { ok: false, exists: false, path, message: st.isSymbolicLink() ? 'it is a symbolic link: choose another path' : 'it is not a regular file' };
      // O_NOFOLLOW: a symlink swapped in since the check is not followed.
      fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW, SCRIPT_MODE);
    } else {
      fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, SCRIPT_MODE);
    }
    // The umask may have removed bits at creation, and an existing file keeps its old mode: set it.
    if ((fstatSync(fd).mode & 0o777) !== SCRIPT_MODE) fchmodSync(fd, SCRIPT_MODE);
    const buf = Buffer.from(text, 'utf8');
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
    return { ok: true, path };
  } catch (e) {
    if ((e as { code?: string }).code === 'EEXIST') return { ok: false, exists: true, path };
    if ((e as { code?: string }).code === 'ELOOP') return { ok: false, exists: false, path, message: 'it is a symbolic link: choose another path' };
    return { ok: false, exists: false, path, message: describe(e) };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
