import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fstabEscape, psQuote, shellQuote } from '../../src/services/mount/index.js';
import { ps, sh } from '../../src/services/mount/quote.js';
import { StorageError } from '../../src/services/types.js';

// Values a user (or a Name tag) could put into a path, prefix or share name.
const HOSTILE = [
  '',
  'plain',
  'with space',
  "single'quote",
  "two''quotes'",
  'double"quote',
  '$(touch /tmp/prism-pwned)',
  '`touch /tmp/prism-pwned`',
  'a;b && c || d | e & f',
  'line1\nline2\n',
  'tab\there',
  'glob * ? [abc] {a,b}',
  '~/tilde ~root',
  'back\\slash\\',
  '$HOME ${PATH} $1 $@ $$ !! !x',
  '#comment',
  "-rf'--",
  'unicode ünïcødé 数据 \u202e',
  '\u0001\u001b[31mred\u007f',
];

function bashEcho(word: string): string {
  // printf '%s\0' <word>: bash parses the word and prints exactly the argument it produced.
  const out = execFileSync('bash', ['-c', `printf '%s\\0' ${word}`], { encoding: 'utf8' });
  return out;
}

describe('shellQuote', () => {
  it('round-trips every hostile value through bash as exactly one argument', () => {
    for (const v of HOSTILE) expect(bashEcho(shellQuote(v))).toBe(`${v}\0`);
  });

  it('round-trips all of them at once, in order, as separate arguments', () => {
    const out = bashEcho(HOSTILE.map(shellQuote).join(' '));
    expect(out.split('\0').slice(0, -1)).toEqual(HOSTILE);
  });

  const hasDash = !spawnSync('dash', ['-c', 'exit 0']).error;
  it.skipIf(!hasDash)('is also correct for dash (POSIX sh)', () => {
    for (const v of HOSTILE) {
      const out = execFileSync('dash', ['-c', `printf '%s\\0' ${shellQuote(v)}`], { encoding: 'utf8' });
      expect(out).toBe(`${v}\0`);
    }
  });

  it('leaves plain words bare and single-quotes everything else', () => {
    expect(shellQuote('/mnt/fsx')).toBe('/mnt/fsx');
    expect(shellQuote('relatime,flock')).toBe('relatime,flock');
    expect(shellQuote('fs-1.fsx.us-east-1.amazonaws.com@tcp:/abc')).toBe('fs-1.fsx.us-east-1.amazonaws.com@tcp:/abc');
    expect(shellQuote('')).toBe("''");
    expect(shellQuote('a b')).toBe("'a b'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote('~x')).toBe("'~x'");
    expect(shellQuote('$x')).toBe("'$x'");
  });

  it('refuses a NUL byte (no shell argument can hold one)', () => {
    expect(() => shellQuote('a\0b')).toThrow(StorageError);
  });
});

describe('sh / ps template tags', () => {
  it('quote every interpolated value and splice word lists', () => {
    expect(sh`mount -t nfs ${'a b'} ${['x', "y'z"]} end`).toBe("mount -t nfs 'a b' x 'y'\\''z' end");
    expect(sh`cmd ${[]} tail`).toBe('cmd tail');
    expect(sh`cmd ${'x'} ${[]}`).toBe('cmd x');
    expect(ps`New-PSDrive -Root ${"\\\\h\\it's"}`).toBe("New-PSDrive -Root '\\\\h\\it''s'");
  });
});

describe('fstabEscape', () => {
  it('writes octal escapes for space, tab, newline, backslash and a leading #', () => {
    expect(fstabEscape('/mnt/a b')).toBe('/mnt/a\\040b');
    expect(fstabEscape('a\tb\nc')).toBe('a\\011b\\012c');
    expect(fstabEscape('back\\slash')).toBe('back\\134slash');
    expect(fstabEscape('#x#y')).toBe('\\043x#y');
    expect(fstabEscape('goofys#bucket')).toBe('goofys#bucket');
    expect(fstabEscape('plain/path,opt=1')).toBe('plain/path,opt=1');
    expect(fstabEscape('ünï')).toBe('ünï');
  });

  it('refuses empty fields and NUL', () => {
    expect(() => fstabEscape('')).toThrow(StorageError);
    expect(() => fstabEscape('a\0')).toThrow(StorageError);
  });

  it('is read back by libmount (findmnt --tab-file) as the original value, one field each', () => {
    const findmnt = spawnSync('findmnt', ['--version']);
    expect(findmnt.error, 'findmnt (util-linux) is needed for this check').toBeUndefined();
    const values = HOSTILE.filter((v) => v !== '' && !/[\u0000-\u0008\u000b-\u001f\u007f]/.test(v));
    const dir = mkdtempSync(join(tmpdir(), 'prism-fstab-'));
    const file = join(dir, 'fstab');
    writeFileSync(file, `${values.map((v, i) => `${fstabEscape(`src${i} ${v}`)} ${fstabEscape(`/mnt/${v}`)} nfs rw,_netdev 0 0`).join('\n')}\n`);
    const parsed = JSON.parse(execFileSync('findmnt', ['--tab-file', file, '--json', '-o', 'SOURCE,TARGET,FSTYPE,OPTIONS'], { encoding: 'utf8' })) as {
      filesystems: { source: string; target: string; fstype: string; options: string }[];
    };
    expect(parsed.filesystems.map((f) => f.source)).toEqual(values.map((v, i) => `src${i} ${v}`));
    expect(parsed.filesystems.map((f) => f.target)).toEqual(values.map((v) => `/mnt/${v}`));
    expect(new Set(parsed.filesystems.map((f) => f.fstype))).toEqual(new Set(['nfs']));
  });
});

describe('psQuote', () => {
  it('doubles single quotes, including the typographic ones PowerShell also ends strings at', () => {
    expect(psQuote('share')).toBe("'share'");
    expect(psQuote("it's")).toBe("'it''s'");
    expect(psQuote('a\u2019b\u2018c')).toBe("'a\u2019\u2019b\u2018\u2018c'");
    expect(psQuote('$(Remove-Item C:\\)`"')).toBe("'$(Remove-Item C:\\)`\"'");
  });

  it('leaves no unbalanced quote: removing doubled quotes leaves only the outer pair', () => {
    for (const v of HOSTILE.filter((x) => !x.includes('\0'))) {
      const q = psQuote(v).slice(1, -1);
      expect(q.replace(/(['\u2018\u2019\u201a\u201b])\1/g, '')).not.toMatch(/['\u2018\u2019\u201a\u201b]/);
    }
  });
});
