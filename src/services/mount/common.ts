// Script snippets shared by every kind: package installs, mount-if-not-mounted, the
// idempotent /etc/fstab entry, unmount. Each returns script lines built with `sh`, so
// every value in them is quoted by shellQuote.
import { fstabEscape, sh, shellQuote } from './quote.js';
import type { OsFamily } from './types.js';

export function indent(lines: readonly string[], pad = '  '): string[] {
  return lines.map((l) => (l === '' ? l : pad + l));
}

/** Print an error and stop. The message is one quoted value. */
export function failLines(message: string): string[] {
  return [sh`echo ${`prism-storage: ${message}`} >&2`, 'exit 1'];
}

export function say(message: string): string {
  return sh`echo ${`prism-storage: ${message}`}`;
}

/** Install packages with the OS's package manager (non-interactive). */
export function pkgInstall(os: OsFamily, pkgs: readonly string[]): string[] {
  switch (os) {
    case 'al2023':
    case 'rhel':
      return [sh`dnf install -y ${pkgs}`];
    case 'al2':
      return [sh`yum install -y ${pkgs}`];
    case 'ubuntu':
      return ['export DEBIAN_FRONTEND=noninteractive', 'apt-get update', sh`apt-get install -y ${pkgs}`];
  }
}

/** Run `lines` only when `command` is not installed yet. */
export function unlessInstalled(command: string, what: string, lines: readonly string[]): string[] {
  return [sh`if command -v ${command} >/dev/null 2>&1; then`, `  ${say(`${what} is already installed`)}`, 'else', ...indent(lines), 'fi'];
}

export function mkdirLine(mountPoint: string): string {
  return sh`mkdir -p -- ${mountPoint}`;
}

/** mkdir, then run `mountLines` unless something is already mounted there. */
export function mountIfNeeded(mountPoint: string, mountLines: readonly string[]): string[] {
  return [
    mkdirLine(mountPoint),
    sh`if mountpoint -q -- ${mountPoint}; then`,
    sh`  printf 'prism-storage: %s is already a mount point; nothing to do\\n' ${mountPoint}`,
    'else',
    ...indent(mountLines),
    'fi',
  ];
}

export function unmountLines(mountPoint: string): string[] {
  return [
    sh`if mountpoint -q -- ${mountPoint}; then`,
    sh`  umount -- ${mountPoint}`,
    'else',
    sh`  printf 'prism-storage: %s is not mounted\\n' ${mountPoint}`,
    'fi',
  ];
}

/** One /etc/fstab line from unescaped fields (source, mount point, type, options, dump, pass). */
export function fstabLine(fields: readonly string[]): string {
  return fields.map(fstabEscape).join(' ');
}

const BACKUP = '"/etc/fstab.prism-storage.$(date +%Y%m%d%H%M%S)"';

/** `word` is one shell word holding the line: a quoted literal or "$variable". */
function fstabAddWord(word: string, mountPoint: string): string[] {
  const field = fstabEscape(mountPoint);
  return [
    `if grep -qxF -- ${word} /etc/fstab; then`,
    `  ${say('/etc/fstab already has this entry')}`,
    sh`elif MP=${field} awk '!/^[[:space:]]*#/ && $2 == ENVIRON["MP"] { found = 1 } END { exit !found }' /etc/fstab; then`,
    ...indent(failLines(`/etc/fstab already has a different entry for ${mountPoint}; remove or edit it, then run again`)),
    'else',
    `  cp -p /etc/fstab ${BACKUP}`,
    `  printf '%s\\n' ${word} | tee -a /etc/fstab >/dev/null`,
    `  printf 'prism-storage: added to /etc/fstab: %s\\n' ${word}`,
    'fi',
    'if command -v systemctl >/dev/null 2>&1; then systemctl daemon-reload; fi',
  ];
}

/**
 * Append `line` to /etc/fstab unless it is already there. Refuses (exit 1) when another,
 * different entry already uses the same mount point: two entries for one directory make
 * the boot-time mount order undefined. Backs up /etc/fstab first.
 */
export function fstabAddLines(line: string, mountPoint: string): string[] {
  return fstabAddWord(shellQuote(line), mountPoint);
}

/** Same, for a line computed at run time into the shell variable `variable`. */
export function fstabAddVariableLines(variable: string, mountPoint: string): string[] {
  return fstabAddWord(`"$${variable}"`, mountPoint);
}

function fstabRemoveWord(word: string): string[] {
  return [
    `if grep -qxF -- ${word} /etc/fstab; then`,
    `  cp -p /etc/fstab ${BACKUP}`,
    '  prism_tmp="$(mktemp /etc/fstab.prism-storage.XXXXXX)"',
    `  grep -vxF -- ${word} /etc/fstab > "$prism_tmp" || true`,
    '  cp -- "$prism_tmp" /etc/fstab',
    '  rm -f -- "$prism_tmp"',
    '  if command -v systemctl >/dev/null 2>&1; then systemctl daemon-reload; fi',
    `  ${say('removed the entry from /etc/fstab')}`,
    'fi',
  ];
}

/** Remove exactly `line` from /etc/fstab (after a backup); other entries are untouched. */
export function fstabRemoveLines(line: string): string[] {
  return fstabRemoveWord(shellQuote(line));
}

export function fstabRemoveVariableLines(variable: string): string[] {
  return fstabRemoveWord(`"$${variable}"`);
}
