// The mount screen, driven by keys on a simulated-region session: choices change the
// script, copy emits OSC 52 with the script's base64, save writes mode 700 without
// overwriting unasked, read-only hides "on instance", mounting on an instance attaches,
// runs through SSM and reports; every mode fits 80x24. Plus the pure pieces it is made of
// (highlighter, clipboard sequence, file naming).
import { lstatSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeVolumesCommand } from '@aws-sdk/client-ec2';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerScreen } from '../../src/app/screens.js';
import { makeTheme } from '../../src/app/theme.js';
import { clipboardSequence, OSC52_MAX_BASE64, tmuxPassthrough } from '../../src/components/clipboard.js';
import { defaultMountOptions, generateMount } from '../../src/services/mount/index.js';
import { displayWidth } from '../../src/services/sanitize.js';
import type { StorageInfo, StorageType } from '../../src/services/types.js';
import { highlightBash, highlightPowerShell, wrapSegments, type Highlighted, type TokenKind } from '../../src/screens/mount/highlight.js';
import { colorOf } from '../../src/screens/mount/MountScreen.js';
import { mountScreenDef } from '../../src/screens/mount/register.js';
import { defaultScriptName, saveScript } from '../../src/screens/mount/save.js';
import { plain, renderApp, type Rendered } from '../helpers/render.js';

const T0 = Date.UTC(2025, 2, 3, 14, 0, 0);
let clock = T0;
const written: string[] = [];
let env: NodeJS.ProcessEnv = {};
const dir = mkdtempSync(join(tmpdir(), 'prism-mount-screen-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The screen with its world injected: clipboard sink, environment, directory, clock.
registerScreen(
  'mount',
  mountScreenDef({
    write: (d) => written.push(d),
    get env() {
      return env;
    },
    cwd: () => dir,
    sleep: async (ms) => {
      clock += ms;
    },
    now: () => clock,
    intervalMs: 1_000,
  }),
);

let app: Rendered | undefined;
beforeEach(() => {
  clock = T0;
  written.length = 0;
  env = { XDG_STATE_HOME: join(dir, 'state') };
});
afterEach(() => {
  app?.cleanup();
  app = undefined;
});

async function open(pick: (r: StorageInfo) => boolean, opts: { columns?: number; rows?: number; readOnly?: boolean } = {}): Promise<{ app: Rendered; info: StorageInfo }> {
  app = await renderApp({ columns: opts.columns ?? 100, rows: opts.rows ?? 40, readOnly: opts.readOnly, sim: { now: () => clock } });
  await app.waitFor((f) => f.includes('EBS ✓') && f.includes('S3 ✓') && f.includes('FSx ✓') && f.includes('EFS ✓'), 'inventory');
  const info = app.session.store.getSnapshot().resources.find(pick);
  if (!info) throw new Error('no such store in the simulated region');
  await app.press('/');
  await app.type(info.id);
  await app.press('enter', 'm');
  await app.waitForText(`Mount `);
  return { app, info };
}

/** What the last copy put on the clipboard (decoded from the OSC 52 sequence). */
function copied(): string {
  const last = written[written.length - 1] ?? '';
  const m = /^\u001b\]52;c;([A-Za-z0-9+/=]*)\u0007/.exec(last);
  if (!m) throw new Error(`not an OSC 52 sequence: ${JSON.stringify(last.slice(0, 40))}`);
  return Buffer.from(m[1], 'base64').toString('utf8');
}

async function copyScript(a: Rendered): Promise<string> {
  const before = written.length;
  await a.press('y');
  await a.waitFor(() => written.length > before, 'a clipboard write');
  await a.waitForText('Copied the script');
  return copied();
}

/** The frame as one line of words (wrapped text compared regardless of where it wrapped). */
const flat = (frame: string) => plain(frame).replace(/\s+/g, ' ');

/** Every line of the frame fits the terminal, and the frame is not taller than it. */
function fits(a: Rendered, columns: number, rows: number): void {
  const lines = plain(a.frame()).split('\n');
  expect(lines.length).toBeLessThanOrEqual(rows - 1);
  for (const l of lines) expect(displayWidth(l), l).toBeLessThanOrEqual(columns);
}

describe('mount screen', () => {
  it('copies the script with OSC 52: exactly the generated script, base64-encoded', async () => {
    const { app: a, info } = await open((r) => r.type === 'fsx-lustre');
    const text = await copyScript(a);
    expect(text).toBe(generateMount(info, defaultMountOptions(info)).script);
    expect(written[written.length - 1]).toBe(`\u001b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`);
  });

  it('Lustre: the mount uses the DNS name and the mount name, never the file system id', async () => {
    const { app: a, info } = await open((r) => r.type === 'fsx-lustre' && !!r.mount.lustreMountName);
    const text = await copyScript(a);
    const mountLine = text.split('\n').find((l) => /\bmount -t lustre\b/.test(l));
    expect(mountLine).toBeDefined();
    expect(mountLine).toContain(`${info.mount.dnsName}@tcp:/${info.mount.lustreMountName}`);
    expect(text).not.toMatch(/@tcp:\/fs-/);
    expect(plain(a.frame())).toContain('mount name');
  });

  it('choices change the script: OS, read-only and the mount point (validated as typed)', async () => {
    const { app: a, info } = await open((r) => r.type === 'fsx-openzfs');
    expect(plain(a.frame())).toContain('o OS: Amazon Linux 2023');
    await a.press('o', 'o', 'o'); // al2023 -> al2 -> ubuntu -> rhel
    await a.waitForText('OS: RHEL / Rocky Linux');
    await a.press('o', 'o'); // -> al2023 -> al2
    await a.press('o'); // -> ubuntu
    await a.waitForText('OS: Ubuntu');
    await a.press('t');
    await a.waitForText('read-only: yes');
    let text = await copyScript(a);
    expect(text).toContain('apt-get install -y nfs-common');
    expect(text).toMatch(/nfsvers=4\.1,[^ ]*,ro /);

    await a.press('p');
    await a.waitForText('Editing the mount point');
    await a.press('\u0015');
    await a.type('relative/dir');
    await a.press('enter');
    await a.waitForText('is not an absolute path');
    expect(plain(a.frame())).toContain('mount point: relative/dir');
    await a.press('\u0015');
    await a.type("/data/my lab's $(share)");
    await a.press('enter');
    await a.waitForText('Applied.');
    text = await copyScript(a);
    expect(text).toBe(generateMount(info, { ...defaultMountOptions(info), os: 'ubuntu', readOnly: true, mountPoint: "/data/my lab's $(share)" }).script);
    // The value went through the one quoting function.
    expect(text).toContain(`mkdir -p -- '/data/my lab'\\''s $(share)'`);
  });

  it('S3: shows the recommendation and why; the method can be overridden; the access pattern re-recommends', async () => {
    const { app: a, info } = await open((r) => r.type === 's3');
    let f = plain(a.frame());
    expect(f).toContain('Recommended: Mountpoint for Amazon S3. Sequential reads of large objects');
    expect(f).toContain('s method: mountpoint');
    await a.press('s');
    f = plain(await a.waitForText('method: s3fs'));
    expect(f).toContain('Using s3fs (your choice). Recommended for big sequential reads: Mountpoint for Amazon S3.');
    expect(await copyScript(a)).toMatch(/\bs3fs /);
    await a.press('s'); // goofys: unmaintained, said prominently
    f = plain(await a.waitForText('method: goofys'));
    expect(f).toMatch(/⚠ .*goofys/);
    await a.press('a'); // access pattern: needs POSIX -> s3fs recommended and chosen
    f = plain(await a.waitForText('access: needs POSIX'));
    expect(f).toContain('Recommended: s3fs. POSIX semantics needed');
    expect(f).toContain('s method: s3fs');
    await a.press('f');
    await a.type('runs/2025');
    await a.press('enter');
    await a.waitForText('prefix: runs/2025');
    expect(await copyScript(a)).toContain(`s3fs ${info.id}:/runs/2025 /mnt/s3`);
  });

  it('kind-specific choices: EBS file system, EFS client, OpenZFS volume and NFS version, ONTAP protocol, Windows client', async () => {
    app = await renderApp({ columns: 100, rows: 40, sim: { now: () => clock } });
    const a = app;
    await a.waitFor((f) => f.includes('EBS ✓') && f.includes('S3 ✓') && f.includes('FSx ✓') && f.includes('EFS ✓'), 'inventory');
    const openStore = async (pick: (r: StorageInfo) => boolean) => {
      const info = a.session.store.getSnapshot().resources.find(pick) as StorageInfo;
      await a.press('/');
      await a.type(info.id);
      await a.press('enter', 'm');
      await a.waitForText('Mount ');
      return info;
    };
    const leave = async () => {
      await a.press('escape', 'escape', 'escape');
      await a.waitForText('NAME');
    };

    await openStore((r) => r.name === 'old-analysis-scratch');
    await a.press('f');
    await a.waitForText('new file system: ext4');
    expect(await copyScript(a)).toContain('mkfs -t ext4 "$prism_dev"');
    await leave();

    await openStore((r) => r.type === 'efs' && r.state === 'available');
    await a.press('u');
    const nfs = plain(await a.waitForText('client: plain NFS'));
    expect(nfs).not.toContain('a IAM');
    expect(await copyScript(a)).toMatch(/mount -t nfs4 -o nfsvers=4\.1,rsize=1048576,wsize=1048576,hard,timeo=600,retrans=2,noresvport /);
    await leave();

    const zfs = await openStore((r) => r.type === 'fsx-openzfs' && (r.mount.openZfsVolumes?.length ?? 0) > 1);
    await a.press('n');
    await a.waitForText('NFS: v4.2');
    await a.press('v');
    const f = plain(await a.waitFor((x) => /volume: \/fsx\/\S/.test(plain(x)), 'a child volume'));
    const path = /volume: (\S+)/.exec(f)?.[1] ?? '';
    expect(zfs.mount.openZfsVolumes?.map((v) => v.volumePath)).toContain(path);
    expect(await copyScript(a)).toContain(`${zfs.mount.dnsName}:${path} `);
    expect(copied()).toContain('nfsvers=4.2');
    await leave();

    await openStore((r) => r.type === 'fsx-ontap' && r.state === 'available');
    await a.press('u', 'u'); // NFS -> SMB -> iSCSI
    await a.waitForText('protocol: ISCSI');
    expect(await copyScript(a)).toContain('iscsiadm --mode discovery');
    await leave();

    await openStore((r) => r.type === 'fsx-windows' && r.state === 'available');
    await a.press('u');
    await a.waitForText('auth: Kerberos');
    expect(await copyScript(a)).toContain('sec=krb5');
    await a.press('l');
    const win = plain(await a.waitForText('client: Windows'));
    expect(win).toContain('p drive: Z:');
    expect(win).not.toContain('o OS');
    expect(await copyScript(a)).toContain("New-PSDrive -Name 'Z' -PSProvider FileSystem -Root '\\\\");
    await leave();
  });

  it('a run that fails shows the failing step and the reason, then returns to the script', async () => {
    app = await renderApp({ columns: 100, rows: 40, sim: { now: () => clock, faults: { deny: ['ssm'] } } });
    const a = app;
    await a.waitFor((f) => f.includes('S3 ✓') && f.includes('EBS ✓'), 'inventory');
    const info = a.session.store.getSnapshot().resources.find((r) => r.type === 's3') as StorageInfo;
    await a.press('/');
    await a.type(info.id);
    await a.press('enter', 'm');
    await a.waitForText('Mount ');
    await a.press('i');
    await a.waitForText('SSM unknown');
    await a.press('enter');
    await a.waitForText('These steps');
    await a.press('enter');
    const f = flat(await a.waitFor((x) => x.includes('✗ Run the mountpoint script'), 'the failed step'));
    expect(f).toContain('Running the script through Systems Manager failed: User: arn:aws:sts::');
    expect(f).toContain('not allowed to call ssm:SendCommand');
    await a.press('escape');
    await a.waitFor((x) => flat(x).includes('o OS:') && flat(x).includes('Running the script through Systems Manager failed'), 'back on the script with the reason');
  });

  it('inside tmux the copy is also wrapped for passthrough', async () => {
    env = { ...env, TMUX: '/tmp/tmux-1000/default,1234,0' };
    const { app: a } = await open((r) => r.type === 'efs');
    const text = await copyScript(a);
    const plainSeq = `\u001b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;
    expect(written[written.length - 1]).toBe(plainSeq + tmuxPassthrough(plainSeq));
    expect(flat(a.frame())).toContain('the clipboard is set when tmux has set-clipboard on, or (tmux 3.3+) allow-passthrough on');
  });

  it('saves to ./mount-<name>.sh with mode 700, and never overwrites without asking', async () => {
    const { app: a, info } = await open((r) => r.type === 'efs');
    const expected = generateMount(info, defaultMountOptions(info)).script;
    const name = defaultScriptName(info.name, info.id, 'bash');
    const path = join(dir, name);
    rmSync(path, { force: true });
    await a.press('w');
    await a.waitForText(`save to: ./${name}`);
    await a.press('enter');
    await a.waitForText(`Saved to ${path} (mode 700)`);
    expect(lstatSync(path).mode & 0o777).toBe(0o700);
    expect(readFileSync(path, 'utf8')).toBe(expected);

    writeFileSync(path, 'keep me');
    await a.press('w', 'enter');
    await a.waitForText('exists. Replace it?');
    await a.press('n');
    await a.waitForText('save to:');
    await a.press('escape');
    expect(readFileSync(path, 'utf8')).toBe('keep me');
    await a.press('w', 'enter');
    await a.waitForText('exists. Replace it?');
    await a.press('y');
    await a.waitForText(`Saved to ${path}`);
    expect(readFileSync(path, 'utf8')).toBe(expected);
    expect(lstatSync(path).mode & 0o777).toBe(0o700);
  });

  it('read-only: no "on instance" in the hints, and i does nothing', async () => {
    const { app: a } = await open((r) => r.type === 'ebs', { readOnly: true });
    const f = plain(a.frame());
    expect(f).toContain('y copy');
    expect(f).not.toContain('on instance');
    await a.press('i');
    expect(plain(a.frame())).not.toContain('STATUS');
    expect(plain(a.frame())).toContain('y copy');
  });

  it('mounts an EBS volume on an instance: pick, confirm the exact steps, attach, SSM status, success', async () => {
    const { app: a, info } = await open((r) => r.name === 'old-analysis-scratch');
    await a.press('i');
    let f = plain(await a.waitForText('STATUS'));
    expect(f).toMatch(/› gpu-train-01 .* ready: Ubuntu/);
    expect(f).toMatch(/cryoem-processing .* stopped/);
    await a.press('down');
    await a.waitFor((x) => /› gpu-train-02/.test(plain(x)), 'gpu-train-02 selected');
    await a.press('enter');
    f = plain(await a.waitForText('These steps run, in order:'));
    expect(f).toMatch(/1\. Check gpu-train-02/);
    expect(f).toMatch(new RegExp(`2\\. Attach ${info.id} to gpu-train-02 \\(i-[0-9a-f]+\\) as\\s+/dev/sdf \\(ec2:AttachVolume\\)`));
    expect(f).toContain('3. Wait until');
    expect(f).toMatch(/4\. Run the ebs-xfs script for Ubuntu on gpu-train-02/);
    await a.press('enter');
    f = plain(await a.waitForText('Mounted old-analysis-scratch'));
    expect(f).toContain('SSM: Success');
    expect(f).toMatch(/✓ Attach/);
    expect(f).toContain('Output');
    const vols = await a.session.backend.pool.ec2().send(new DescribeVolumesCommand({ VolumeIds: [info.id] }));
    expect(vols.Volumes?.[0]?.Attachments?.[0]).toMatchObject({ Device: '/dev/sdf', State: 'attached' });
    const log = readFileSync(join(dir, 'state', 'prism-storage', 'audit.log'), 'utf8');
    const entries = log.trim().split('\n').map((l) => JSON.parse(l) as { action: string; outcome: string; resource: string });
    expect(entries.slice(-3).map((e) => `${e.action} ${e.outcome}`)).toEqual(['ec2:AttachVolume ok', 'ssm:SendCommand ok', 'ssm:SendCommand ok']);
    await a.press('escape');
    f = plain(await a.waitForText('o OS: Ubuntu'));
    expect(f).toContain('Mounted old-analysis-scratch');
  });

  it('says when the instance is not managed by Systems Manager and offers the script', async () => {
    const { app: a } = await open((r) => r.type === 's3');
    await a.press('i');
    await a.waitForText('STATUS');
    for (let i = 0; i < 10 && !/› rstudio-legacy/.test(plain(a.frame())); i++) await a.press('down');
    const f = flat(await a.waitForText('not managed by SSM'));
    expect(f).toContain('Enter shows the script to run by hand');
    await a.press('enter');
    const v = flat(await a.waitFor((x) => flat(x).includes('y copies the script, w saves it'), 'the manual notice'));
    expect(v).toContain('is not managed by Systems Manager');
    expect((await copyScript(a)).length).toBeGreaterThan(100);
  });

  it('an instance that cannot work says why and stays on the list', async () => {
    const { app: a } = await open((r) => r.name === 'old-analysis-scratch');
    await a.press('i');
    await a.waitForText('STATUS');
    for (let i = 0; i < 10 && !/› hpc-head-node/.test(plain(a.frame())); i++) await a.press('down');
    await a.press('enter');
    const f = flat(await a.waitForText('Cannot mount there'));
    expect(f).toContain('an EBS volume attaches only to instances in its own');
    expect(f).toContain('STATUS');
  });

  it('fits 80x24 for every kind and every step of mounting on an instance', async () => {
    const kinds: StorageType[] = ['fsx-lustre', 'fsx-openzfs', 'fsx-windows', 'fsx-ontap', 'efs', 's3', 'ebs'];
    app = await renderApp({ columns: 80, rows: 24, sim: { now: () => clock } });
    const a = app;
    await a.waitFor((f) => f.includes('EBS ✓') && f.includes('S3 ✓') && f.includes('FSx ✓') && f.includes('EFS ✓'), 'inventory');
    for (const kind of kinds) {
      const info = a.session.store.getSnapshot().resources.find((r) => r.type === kind && r.state === 'available') as StorageInfo;
      await a.press('/');
      await a.type(info.id);
      await a.press('enter', 'm');
      await a.waitForText('Mount ');
      fits(a, 80, 24);
      await a.press('G');
      fits(a, 80, 24);
      await a.press('escape', 'escape');
      await a.waitForText('NAME');
    }
    const vol = a.session.store.getSnapshot().resources.find((r) => r.name === 'old-analysis-scratch') as StorageInfo;
    await a.press('/');
    await a.type(vol.id);
    await a.press('enter', 'm');
    await a.waitForText('Mount ');
    await a.press('p');
    await a.waitForText('Editing');
    fits(a, 80, 24);
    await a.press('escape', 'i');
    await a.waitForText('STATUS');
    fits(a, 80, 24);
    expect(plain(a.frame())).toContain('Enter mounts here, u unmounts.');
    await a.press('enter');
    await a.waitForText('These steps');
    fits(a, 80, 24);
    // Nothing of the confirmation is cut off: the last step and the prompt show.
    expect(flat(a.frame())).toMatch(/4\. Run the ebs-xfs script .* Enter mounts \(every AWS call is recorded in the audit log\); Esc goes back\./);
    await a.press('enter');
    await a.waitFor((f) => f.includes('SSM: Success') && flat(f).includes('Mounted old-analysis-scratch'), 'the result');
    fits(a, 80, 24);
    expect(flat(a.frame())).toMatch(/✓ Run the ebs-xfs script .* Output .*Mounted old-analysis-scratch .* mounted again after every reboot\./);
  });
});

// ---------------------------------------------------------------------------
// The pieces

const kindsOf = (h: Highlighted, line: number) => h[line].map((s) => `${s.kind}:${s.text}`);

describe('script highlighting', () => {
  it('bash: comments, keywords, the command of each simple command, strings, variables, options', () => {
    const h = highlightBash(['# install', 'if command -v mount.lustre >/dev/null 2>&1; then', "  echo 'it is # not a comment'", 'fi', 'prism_dev="$(readlink -f -- "$x")"'].join('\n'));
    expect(kindsOf(h, 0)).toEqual(['comment:# install']);
    expect(h[1][0]).toEqual({ kind: 'keyword', text: 'if' });
    expect(h[1][2]).toEqual({ kind: 'command', text: 'command' });
    expect(h[1].find((s) => s.text === '-v')?.kind).toBe('option');
    expect(h[1].find((s) => s.text === 'then')?.kind).toBe('keyword');
    expect(kindsOf(h, 2)).toEqual(['plain:  ', 'command:echo', 'plain: ', "string:'it is # not a comment'"]);
    expect(kindsOf(h, 3)).toEqual(['keyword:fi']);
    expect(kindsOf(h, 4)).toEqual(['variable:prism_dev', 'operator:=', 'string:"', 'variable:$(readlink -f -- "$x")', 'string:"']);
  });

  it('bash: a quoted value holding a newline stays one string; here-documents are strings to their delimiter', () => {
    const h = highlightBash(["mkdir -p -- '/mnt/a", "b'", "cat > f <<'END'", 'if this were code', 'END', 'ls'].join('\n'));
    expect(h[0][h[0].length - 1]).toEqual({ kind: 'string', text: "'/mnt/a" });
    expect(h[1]).toEqual([{ kind: 'string', text: "b'" }]);
    expect(kindsOf(h, 3)).toEqual(['string:if this were code']);
    expect(kindsOf(h, 4)).toEqual(['operator:END']);
    expect(kindsOf(h, 5)).toEqual(['command:ls']);
  });

  it('PowerShell: comments, keywords, cmdlets, parameters, strings and variables', () => {
    const h = highlightPowerShell(['# map the share', "if (-not (Get-PSDrive -Name 'Z' -ErrorAction SilentlyContinue)) {", '    New-PSDrive -Name Z -Root "\\\\$host\\share" -Persist'].join('\n'));
    expect(kindsOf(h, 0)).toEqual(['comment:# map the share']);
    expect(h[1][0]).toEqual({ kind: 'keyword', text: 'if' });
    expect(h[1].find((s) => s.text === 'Get-PSDrive')?.kind).toBe('command');
    expect(h[1].find((s) => s.text === '-ErrorAction')?.kind).toBe('option');
    expect(h[1].find((s) => s.text === "'Z'")?.kind).toBe('string');
    expect(h[2].find((s) => s.text === '$host')?.kind).toBe('variable');
  });

  it('every generated script, for every kind, highlights back to exactly its own text', () => {
    const all: { info: StorageInfo; client?: 'windows' }[] = [
      { info: { name: 'n', type: 'fsx-windows', id: 'fs-0bbbbbbbbbbbbbbb2', state: 'available', rawState: 'AVAILABLE', region: 'us-east-1', encrypted: true, tags: {}, mount: { dnsName: 'amznfsx.corp.example.com' } }, client: 'windows' },
      { info: { name: 'n', type: 'ebs', id: 'vol-0aaaaaaaaaaaaaaa1', state: 'available', rawState: 'available', region: 'us-east-1', encrypted: true, tags: {}, mount: {} } },
    ];
    for (const { info, client } of all) {
      const opts = { ...defaultMountOptions(info), ...(client ? { client, mountPoint: 'Z:' } : {}) };
      const s = generateMount(info, opts);
      const h = s.language === 'powershell' ? highlightPowerShell(s.script) : highlightBash(s.script);
      expect(h.map((l) => l.map((x) => x.text).join('')).join('\n')).toBe(s.script);
    }
  });

  it('wraps long lines with an indent and keeps each piece coloured', () => {
    const rows = wrapSegments([{ text: '  ', kind: 'plain' }, { text: 'mount', kind: 'command' }, { text: ' -o nfsvers=4.1,rsize=1048576', kind: 'option' }], 16);
    expect(rows.map((r) => r.map((s) => s.text).join(''))).toEqual(['  mount -o nfsve', '    rs=4.1,rsize', '    =1048576']);
    expect(rows[1][1].kind).toBe<TokenKind>('option');
  });

  it('NO_COLOR: plain text, no colour for any kind', () => {
    const mono = makeTheme({ NO_COLOR: '1' });
    const colour = makeTheme({});
    for (const k of ['comment', 'keyword', 'command', 'string', 'variable', 'option', 'warning', 'error'] as const) expect(colorOf(k, mono)).toBeUndefined();
    expect(colorOf('comment', colour)).toBe('gray');
    expect(colorOf('keyword', colour)).toBe('magenta');
    expect(colorOf('string', colour)).toBe('green');
  });
});

describe('clipboard sequence', () => {
  it('is OSC 52 with the base64 of the UTF-8 text; inside tmux it adds the passthrough form', () => {
    const text = 'mount -t lustre x@tcp:/abc /mnt/fsx\n# é';
    const b64 = Buffer.from(text, 'utf8').toString('base64');
    expect(clipboardSequence(text, {})).toEqual({ sequence: `\u001b]52;c;${b64}\u0007`, base64: b64, via: 'terminal' });
    const t = clipboardSequence(text, { TMUX: '/tmp/tmux' });
    expect(t.sequence).toBe(`\u001b]52;c;${b64}\u0007\u001bPtmux;\u001b\u001b]52;c;${b64}\u0007\u001b\\`);
  });

  it('refuses (sends nothing) above what terminals accept', () => {
    const r = clipboardSequence('x'.repeat(OSC52_MAX_BASE64), {});
    expect(r.sequence).toBe('');
    expect(r.refused).toMatch(/kB is more than terminals accept/);
  });
});

describe('saving', () => {
  it('names the file after the store, safely', () => {
    expect(defaultScriptName('genomics scratch/2025', 'vol-1', 'bash')).toBe('mount-genomics-scratch-2025.sh');
    expect(defaultScriptName('../../etc/passwd', 'vol-1', 'bash')).toBe('mount-etc-passwd.sh');
    expect(defaultScriptName('', 'fs-0abc', 'powershell')).toBe('mount-fs-0abc.ps1');
  });

  it('never writes through a symbolic link', () => {
    const target = join(dir, 'target.txt');
    const link = join(dir, 'link.sh');
    writeFileSync(target, 'original');
    symlinkSync(target, link);
    expect(saveScript(link, 'x', false)).toMatchObject({ ok: false, exists: true });
    expect(saveScript(link, 'x', true)).toMatchObject({ ok: false, exists: false, message: expect.stringContaining('symbolic link') });
    expect(readFileSync(target, 'utf8')).toBe('original');
  });
});
