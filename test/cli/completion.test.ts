// The generated completion scripts are valid shell: `bash -n` / `zsh -n` parse them, and zsh
// loads the zsh one after compinit (sourced, and autoloaded from $fpath by its #compdef line)
// and registers it for prism-storage. zsh is optional on a development machine: without it the
// zsh checks are skipped (with the reason), unless PRISM_REQUIRE_ZSH=1 makes them required.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, world } from './harness.js';
import { BIN, cleanEnv } from './proc.js';

const dir = mkdtempSync(join(tmpdir(), 'prism-completion-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const has = (shell: string) => spawnSync(shell, ['-c', 'exit 0'], { encoding: 'utf8' }).status === 0;
const zshPresent = has('zsh');
const requireZsh = process.env.PRISM_REQUIRE_ZSH === '1';
const skipZsh = !zshPresent && !requireZsh;
if (skipZsh) console.warn('completion.test: zsh is not on PATH: the zsh syntax and loading checks are skipped (apt-get install zsh, or PRISM_REQUIRE_ZSH=1 to make them fail instead)');

/** The generated script for `shell`, written to a file in the temp directory. */
async function script(shell: 'bash' | 'zsh', file: string): Promise<string> {
  const r = await runCli(['completion', shell], { sim: world().sim });
  expect(r.code).toBe(0);
  expect(r.stdout.length).toBeGreaterThan(100);
  const path = join(dir, file);
  writeFileSync(path, r.stdout);
  return path;
}

/** zsh without any startup file of the user (-f), in a private HOME (compinit's dump file goes there). */
function zsh(args: string[]) {
  const home = mkdtempSync(join(dir, 'home-'));
  return spawnSync('zsh', ['-f', ...args], { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: home, ZDOTDIR: home } });
}

describe('completion scripts are valid shell', () => {
  it('bash -n parses the bash script', async () => {
    const f = await script('bash', 'prism-storage.bash');
    const r = spawnSync('bash', ['-n', f], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    // Sourcing it registers the completion function for the command.
    const loaded = spawnSync('bash', ['-c', `source ${JSON.stringify(f)} && complete -p prism-storage`], { encoding: 'utf8' });
    expect(loaded.stderr).toBe('');
    expect(loaded.stdout.trim()).toBe('complete -F _prism_storage prism-storage');
  });

  it.skipIf(skipZsh)('zsh -n parses the zsh script', async () => {
    expect(zshPresent, 'PRISM_REQUIRE_ZSH=1 but zsh is not on PATH').toBe(true);
    const f = await script('zsh', '_prism-storage');
    const r = zsh(['-n', f]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it.skipIf(skipZsh)('zsh loads it after compinit, sourced and autoloaded from $fpath, and binds it to prism-storage', async () => {
    expect(zshPresent, 'PRISM_REQUIRE_ZSH=1 but zsh is not on PATH').toBe(true);
    const f = await script('zsh', 'prism-storage.zsh');
    const sourced = zsh(['-c', `autoload -Uz compinit && compinit -u -d "$HOME/.zcompdump" && source ${JSON.stringify(f)} && print -r -- "$_comps[prism-storage]"`]);
    expect(sourced.stderr).toBe('');
    expect(sourced.status).toBe(0);
    expect(sourced.stdout.trim()).toBe('_prism_storage');

    // Installed as the docs say (a file named _prism-storage in a directory of $fpath): compinit reads #compdef.
    const fdir = join(dir, 'site-functions');
    mkdirSync(fdir, { recursive: true });
    writeFileSync(join(fdir, '_prism-storage'), readFileSync(f, 'utf8'));
    const autoloaded = zsh(['-c', `fpath=(${JSON.stringify(fdir)} $fpath) && autoload -Uz compinit && compinit -u -d "$HOME/.zcompdump" && print -r -- "$_comps[prism-storage]"`]);
    expect(autoloaded.stderr).toBe('');
    expect(autoloaded.status).toBe(0);
    expect(autoloaded.stdout.trim()).toBe('_prism-storage');
  });
});

describe('completion of option values', () => {
  /** What bash completes after `prism-storage <words> <cur>` (sourcing the script, calling its function). */
  function bashComplete(scriptPath: string, words: string[]): string[] {
    const line = ['prism-storage', ...words];
    const cmd = [
      `source ${JSON.stringify(scriptPath)}`,
      `COMP_WORDS=(${line.map((w) => JSON.stringify(w)).join(' ')})`,
      `COMP_CWORD=${line.length - 1}`,
      `COMP_LINE=${JSON.stringify(line.join(' '))}`,
      `COMP_POINT=${line.join(' ').length}`,
      `fn=$(complete -p prism-storage | sed -E 's/.* -F ([^ ]+) .*/\\1/')`,
      `"$fn" prism-storage "${line[line.length - 1]}" "${line[line.length - 2]}"`,
      'printf "%s\\n" "${COMPREPLY[@]}"',
    ].join('\n');
    const r = spawnSync('bash', ['-c', cmd], { encoding: 'utf8', cwd: dir });
    expect(r.stderr).toBe('');
    return r.stdout.split('\n').filter(Boolean);
  }

  it('offers files for path options (--cache-dir) and not for --profile or --endpoint-url', () => {
    // The built program: its global options (--profile, --endpoint-url) are the real ones.
    const built = spawnSync(process.execPath, [BIN, 'completion', 'bash'], { encoding: 'utf8', env: cleanEnv() });
    expect(built.status).toBe(0);
    const f = join(dir, 'values.bash');
    writeFileSync(f, built.stdout);
    writeFileSync(join(dir, 'zz-marker.txt'), '');
    expect(bashComplete(f, ['mount', 'x', '--cache-dir', 'zz'])).toContain('zz-marker.txt');
    expect(bashComplete(f, ['list', '--profile', 'zz'])).toEqual([]);
    expect(bashComplete(f, ['list', '--endpoint-url', 'zz'])).toEqual([]);
    // Fixed choices are offered as such.
    expect(bashComplete(f, ['list', '--output', 'js'])).toEqual(['json']);
  });
});
