// Validation of mount options before any script is generated. Failures throw a
// StorageError (type 'validation', service 'local') with a hint a person can act on.
import { validationError } from '../types.js';

/**
 * Directories that must never become a mount point: mounting over them hides the
 * operating system's own files (and an unmount/format mistake there is unrecoverable).
 */
const SYSTEM_DIRS = new Set(['/', '/bin', '/boot', '/dev', '/etc', '/lib', '/lib32', '/lib64', '/libx32', '/proc', '/root', '/run', '/sbin', '/sys', '/tmp', '/usr', '/var']);

export function assertLinuxMountPoint(mountPoint: string, resource?: string): void {
  if (!mountPoint.startsWith('/')) {
    throw validationError(`Mount point "${mountPoint}" is not an absolute path`, 'Use an absolute directory such as /mnt/data.', resource);
  }
  if (mountPoint.includes('\0')) throw validationError('Mount point contains a NUL byte', 'Remove the NUL character from the path.', resource);
  const segments = mountPoint.split('/');
  if (segments.some((s) => s === '.' || s === '..')) {
    throw validationError(`Mount point "${mountPoint}" contains "." or ".." segments`, 'Write the directory without . or .. (for example /mnt/data).', resource);
  }
  const normalised = `/${segments.filter((s) => s !== '').join('/')}`;
  if (SYSTEM_DIRS.has(normalised)) {
    throw validationError(`Mount point "${mountPoint}" is a system directory`, 'Mount under /mnt, /data, /scratch or another directory of your own.', resource);
  }
}

/** "Z:" or "z" -> "Z"; throws when not a drive letter D..Z. */
export function driveLetter(mountPoint: string, resource?: string): string {
  const m = /^([D-Z]):?$/i.exec(mountPoint);
  if (!m) {
    throw validationError(`"${mountPoint}" is not a drive letter for a Windows client`, 'Use a free drive letter from D: to Z:, for example Z:.', resource);
  }
  return m[1].toUpperCase();
}

/** A value placed inside a comma-separated mount option list cannot hold a comma or quote. */
export function assertOptionValue(value: string, what: string, resource?: string): void {
  if (/[,"']/.test(value)) {
    throw validationError(`${what} "${value}" contains a comma or quote`, `Mount options are comma-separated: choose a ${what.toLowerCase()} without , " or '.`, resource);
  }
  if (/[\u0000-\u001f\u007f]/.test(value)) {
    throw validationError(`${what} contains a control character`, `Choose a ${what.toLowerCase()} without newlines, tabs or other control characters.`, resource);
  }
}

export function assertAbsolutePath(value: string, what: string, resource?: string): void {
  if (!value.startsWith('/')) throw validationError(`${what} "${value}" is not an absolute path`, `Give the ${what.toLowerCase()} as an absolute path, for example /var/cache/prism.`, resource);
}
