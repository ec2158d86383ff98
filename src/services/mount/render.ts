// Assemble a plan (four lists of lines) into the full script text.
import { sanitize } from '../sanitize.js';
import type { MountSection, MountSectionTitle } from './types.js';

/** What a kind-specific generator produces. */
export interface Plan {
  method: string;
  language: 'bash' | 'powershell';
  install: string[];
  mount: string[];
  persist: string[];
  unmount: string[];
  warnings: string[];
  notes: string[];
}

export function emptyPlan(method: string, language: 'bash' | 'powershell' = 'bash'): Plan {
  return { method, language, install: [], mount: [], persist: [], unmount: [], warnings: [], notes: [] };
}

export function sectionsOf(plan: Plan): MountSection[] {
  return (['install', 'mount', 'persist', 'unmount'] as const).map((title: MountSectionTitle) => ({ title, lines: [...plan[title]] }));
}

function indent(lines: readonly string[], pad = '  '): string[] {
  return lines.map((l) => (l === '' ? l : pad + l));
}

/** Header comment text: one line per entry, control characters stripped (a comment cannot be broken out of). */
function comments(lines: readonly string[]): string[] {
  return lines.map((l) => `# ${sanitize(l)}`.trimEnd());
}

const BASH_FUNCTION: Record<MountSectionTitle, string> = {
  install: 'prism_install',
  mount: 'prism_mount',
  persist: 'prism_persist',
  unmount: 'prism_unmount',
};

const SECTION_HELP: Record<MountSectionTitle, string> = {
  install: 'install the client software',
  mount: 'mount now',
  persist: 'mount again after every reboot',
  unmount: 'unmount and remove the persistent entry (run with: unmount)',
};

export function renderBash(header: readonly string[], sections: readonly MountSection[]): string {
  const out: string[] = ['#!/usr/bin/env bash', ...comments(header), '#', '# Usage: sudo bash THIS_FILE [all|install|mount|persist|unmount]', '#   all (the default) runs install, mount and persist; unmount undoes mount and persist.', 'set -euo pipefail', ''];
  for (const s of sections) {
    const name = BASH_FUNCTION[s.title];
    out.push(`# ---- ${s.title}: ${SECTION_HELP[s.title]} ----`, `${name}() {`, '  :', ...indent(s.lines), '}', '');
  }
  out.push(
    'prism_main() {',
    '  if [ "$(id -u)" -ne 0 ]; then',
    "    echo 'prism-storage: run this script as root (sudo bash THIS_FILE)' >&2",
    '    exit 1',
    '  fi',
    '  case "${1:-all}" in',
    '    all) prism_install; prism_mount; prism_persist ;;',
    '    install) prism_install ;;',
    '    mount) prism_mount ;;',
    '    persist) prism_persist ;;',
    '    unmount) prism_unmount ;;',
    "    *) echo 'usage: THIS_FILE [all|install|mount|persist|unmount]' >&2; exit 2 ;;",
    '  esac',
    '}',
    '',
    'prism_main "$@"',
    '',
  );
  return out.join('\n');
}

const PS_FUNCTION: Record<MountSectionTitle, string> = {
  install: 'Invoke-PrismInstall',
  mount: 'Invoke-PrismMount',
  persist: 'Invoke-PrismPersist',
  unmount: 'Invoke-PrismUnmount',
};

export function renderPowerShell(header: readonly string[], sections: readonly MountSection[]): string {
  const out: string[] = [
    '#Requires -Version 5.1',
    ...comments(header),
    '#',
    '# Usage: .\\THIS_FILE.ps1 [-Action all|install|mount|persist|unmount]',
    "param([ValidateSet('all', 'install', 'mount', 'persist', 'unmount')][string]$Action = 'all')",
    "$ErrorActionPreference = 'Stop'",
    '',
  ];
  for (const s of sections) {
    out.push(`# ---- ${s.title}: ${SECTION_HELP[s.title]} ----`, `function ${PS_FUNCTION[s.title]} {`, ...indent(s.lines, '    '), '}', '');
  }
  out.push(
    'switch ($Action) {',
    "    'all' { Invoke-PrismInstall; Invoke-PrismMount; Invoke-PrismPersist }",
    "    'install' { Invoke-PrismInstall }",
    "    'mount' { Invoke-PrismMount }",
    "    'persist' { Invoke-PrismPersist }",
    "    'unmount' { Invoke-PrismUnmount }",
    '}',
    '',
  );
  return out.join('\n');
}
