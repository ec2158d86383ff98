// The audit log: append-only JSON lines, mode 600 in a 700 directory, never a secret.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/services/audit.js';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'prism-audit-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const T0 = Date.UTC(2025, 0, 15, 9, 30, 0);

describe('AuditLog', () => {
  it('defaultPath follows XDG_STATE_HOME, else ~/.local/state', () => {
    expect(AuditLog.defaultPath({ XDG_STATE_HOME: '/x/state', HOME: '/home/ana' })).toBe('/x/state/prism-storage/audit.log');
    expect(AuditLog.defaultPath({ HOME: '/home/ana' })).toBe('/home/ana/.local/state/prism-storage/audit.log');
    // A relative XDG path is invalid per the spec and ignored.
    expect(AuditLog.defaultPath({ XDG_STATE_HOME: 'rel', HOME: '/home/ana' })).toBe('/home/ana/.local/state/prism-storage/audit.log');
  });

  it('appends one JSON line per entry, creating the file 600 and the directory 700', () => {
    const path = join(tempDir(), 'state', 'prism-storage', 'audit.log');
    const log = new AuditLog(path, { profile: 'lab', now: () => T0 });
    log.record({ profile: '', region: 'us-east-1', action: 'ec2:DeleteVolume', resource: 'vol-0abc', outcome: 'ok', detail: 'snapshot snap-1 kept' });
    log.record({ profile: 'other', region: 'us-east-1', action: 's3:DeleteBucket', resource: 'b', outcome: 'refused' });
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0])).toEqual({ time: '2025-01-15T09:30:00.000Z', profile: 'lab', region: 'us-east-1', action: 'ec2:DeleteVolume', resource: 'vol-0abc', outcome: 'ok', detail: 'snapshot snap-1 kept' });
    expect(JSON.parse(lines[1])).toMatchObject({ profile: 'other', outcome: 'refused' });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(path, '..')).mode & 0o777).toBe(0o700);
  });

  it('is append-only across sessions, and tightens a pre-existing loose file to 600', () => {
    const path = join(tempDir(), 'audit.log');
    writeFileSync(path, `${JSON.stringify({ time: 't', profile: 'p', region: 'r', action: 'a', resource: 'x', outcome: 'ok' })}\nnot json\n`);
    chmodSync(path, 0o644);
    const log = new AuditLog(path, { now: () => T0 });
    log.record({ profile: 'p', region: 'r', action: 'efs:DeleteFileSystem', resource: 'fs-1', outcome: 'error', detail: 'FileSystemInUse: has mount targets' });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const entries = log.entries();
    expect(entries.map((e) => e.resource)).toEqual(['x', 'fs-1']);
  });

  it('never writes a password: registered secret values and secret-looking keys are scrubbed everywhere', () => {
    const path = join(tempDir(), 'audit.log');
    const log = new AuditLog(path, { now: () => T0 });
    const password = 'Tr0ub4dor&3-horse';
    log.scrub(password);
    log.record({
      profile: 'p',
      region: 'us-east-1',
      action: 'fsx:CreateFileSystem',
      resource: `weird-${password}`,
      outcome: 'error',
      detail: `CreateFileSystem {"WindowsConfiguration":{"SelfManagedActiveDirectoryConfiguration":{"UserName":"join","Password":"other-pass-1"}},"FsxAdminPassword":"adm-xyz-99","ClientRequestToken":"tok-zz9"} failed: InvalidParameter: bad value ${password}; password=hunter22; secret:shh123`,
    });
    const text = readFileSync(path, 'utf8');
    for (const s of [password, 'other-pass-1', 'adm-xyz-99', 'hunter22', 'shh123', 'tok-zz9']) expect(text).not.toContain(s);
    expect(text).toContain('"UserName\\":\\"join\\"');
    expect(text).toContain('********');
    // Memory and file agree.
    expect(JSON.stringify(log.entries())).not.toContain(password);
  });

  it('scrubs AWS access key ids and keeps one entry on one line', () => {
    const log = new AuditLog(null, { now: () => T0 });
    log.record({ profile: 'p', region: 'r', action: 'a', resource: 'x', outcome: 'error', detail: 'key AKIAIOSFODNN7EXAMPLE\nsecond line\u001b[31m' });
    const [e] = log.entries();
    expect(e.detail).not.toContain('AKIAIOSFODNN7EXAMPLE');
    expect(e.detail).not.toMatch(/[\n\u001b]/);
  });

  it('does not mangle ordinary error prose that mentions a token', () => {
    const log = new AuditLog(null, { now: () => T0 });
    log.record({ profile: 'p', region: 'r', action: 'a', resource: 'x', outcome: 'error', detail: 'ExpiredToken: The security token included in the request is expired' });
    expect(log.entries()[0].detail).toBe('ExpiredToken: The security token included in the request is expired');
  });

  it('memory-only logs write nothing; a failing file never throws (the mutation already happened)', () => {
    const mem = new AuditLog(null);
    mem.record({ profile: 'p', region: 'r', action: 'a', resource: 'x', outcome: 'ok' });
    expect(mem.entries()).toHaveLength(1);
    const dir = tempDir();
    const blocked = join(dir, 'file');
    writeFileSync(blocked, '');
    const bad = new AuditLog(join(blocked, 'audit.log'));
    expect(() => bad.record({ profile: 'p', region: 'r', action: 'a', resource: 'x', outcome: 'ok' })).not.toThrow();
    expect(bad.lastWriteError).toBeInstanceOf(Error);
    expect(bad.entries()).toHaveLength(1);
  });
});
