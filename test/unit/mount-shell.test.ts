// Runs generated mount scripts for real, with PATH holding only stub commands that record
// their argv (NUL-separated, so a value with a newline is still one argument) and do nothing
// else. Proves that hostile names, paths and prefixes reach each command as exactly one
// argument, that nothing inside them is executed, and that the EBS script never formats a
// volume holding data.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateMount, ssmRunShellScriptInput, type MountOptions, type MountScript } from '../../src/services/mount/index.js';
import type { StorageInfo } from '../../src/services/types.js';
import { LUSTRE_DNS, lustre, ZFS_DNS, openzfs, WIN_DNS, windows, SVM_NFS, ontap, efs, ebs, s3 } from '../helpers/mount-fixtures.js';

const BASH = execFileSync('bash', ['-c', 'command -v bash'], { encoding: 'utf8' }).trim();
const ROOT = mkdtempSync(join(tmpdir(), 'prism-mount-shell-'));
const PWNED = join(ROOT, 'pwned');
afterAll(() => rmSync(ROOT, { recursive: true, force: true }));

// ---------------------------------------------------------------------------
// Fixtures (shapes as the providers produce them).


// ---------------------------------------------------------------------------
// Harness.

interface Stub {
  stdout?: string;
  exit?: number;
  readStdin?: boolean;
  /** Extra bash run by the stub after logging (may decide its exit code). */
  body?: string;
}

interface Call {
  name: string;
  args: string[];
  stdin: string;
}

const COMMON_STUBS: Record<string, Stub> = {
  id: { stdout: '0\n' },
  mountpoint: { exit: 1 }, // nothing mounted yet
  // "not in /etc/fstab" for the idempotence check; found for anything else (credential files).
  grep: { body: 'for a in "$@"; do [ "$a" = /etc/fstab ] && exit 1; done; exit 0' },
  awk: { exit: 1 }, // no other entry for the mount point
  mkdir: {},
  mount: {},
  umount: {},
  tee: { readStdin: true },
  cp: {},
  systemctl: {},
  date: { stdout: '20250101000000\n' },
  install: {},
  chmod: {},
  ln: {},
  klist: {},
  'mount-s3': {},
  s3fs: {},
  goofys: {},
  rclone: {},
  readlink: { body: 'printf "%s\\n" "${@: -1}"' },
  lsblk: {},
  findmnt: { exit: 1 },
  blkid: {},
  file: { stdout: 'data\n' },
  mkfs: {},
  // Must never run: a call is recorded and fails the test.
  touch: {},
  rm: {},
};

const stubDirs = new Map<string, string>();

function makeStubDir(stubs: Record<string, Stub>): string {
  const key = JSON.stringify(stubs);
  const cached = stubDirs.get(key);
  if (cached) return cached;
  const dir = mkdtempSync(join(ROOT, 'bin-'));
  stubDirs.set(key, dir);
  for (const [name, s] of Object.entries(stubs)) {
    const lines = [
      `#!${BASH}`,
      "prism_in=''",
      s.readStdin ? "IFS= read -r -d '' prism_in || true" : '',
      'printf \'%s\\0\' "$#" "${0##*/}" "$@" "$prism_in" >> "$STUB_LOG"',
      s.body ?? '',
      s.stdout !== undefined ? `printf '%s' '${s.stdout.replace(/'/g, `'\\''`)}'` : '',
      `exit ${s.exit ?? 0}`,
    ];
    const path = join(dir, name);
    writeFileSync(path, `${lines.join('\n')}\n`);
    chmodSync(path, 0o755);
  }
  return dir;
}

function parseLog(path: string): Call[] {
  if (!existsSync(path)) return [];
  const parts = readFileSync(path, 'utf8').split('\0');
  const calls: Call[] = [];
  let i = 0;
  while (i < parts.length - 1) {
    const argc = Number(parts[i]);
    calls.push({ name: parts[i + 1], args: parts.slice(i + 2, i + 2 + argc), stdin: parts[i + 2 + argc] });
    i += argc + 3;
  }
  return calls;
}

function run(script: MountScript, action: string, extra: Record<string, Stub> = {}): { status: number | null; calls: Call[]; stderr: string; stdout: string } {
  const dir = mkdtempSync(join(ROOT, 'run-'));
  const file = join(dir, 'mount.sh');
  writeFileSync(file, script.script);
  const log = join(dir, 'calls.log');
  const bin = makeStubDir({ ...COMMON_STUBS, ...extra });
  const r = spawnSync(BASH, [file, action], { env: { PATH: bin, STUB_LOG: log, HOME: dir }, encoding: 'utf8', cwd: dir });
  return { status: r.status, calls: parseLog(log), stderr: r.stderr, stdout: r.stdout };
}

function only(calls: Call[], name: string): Call[] {
  return calls.filter((c) => c.name === name);
}

/** libmount's reading of an fstab line (real findmnt, not our code). */
function parseFstab(line: string): { source: string; target: string; fstype: string; options: string } {
  const dir = mkdtempSync(join(ROOT, 'fstab-'));
  const file = join(dir, 'fstab');
  writeFileSync(file, line);
  const out = JSON.parse(execFileSync('findmnt', ['--tab-file', file, '--json', '-o', 'SOURCE,TARGET,FSTYPE,OPTIONS'], { encoding: 'utf8' })) as {
    filesystems: { source: string; target: string; fstype: string; options: string }[];
  };
  expect(out.filesystems).toHaveLength(1);
  return out.filesystems[0];
}

const HOSTILE_MOUNT_POINTS = [
  '/mnt/with space',
  "/mnt/it's",
  '/mnt/"dq" \'sq\'',
  `/mnt/$(touch ${PWNED})`,
  `/mnt/\`touch ${PWNED}\``,
  `/mnt/a;touch ${PWNED};b`,
  '/mnt/new\nline',
  '/mnt/glob*?[x]{a,b}',
  '/mnt/#hash\\back $HOME ${PATH}',
  '/mnt/\ttab',
];

/** The loops below spawn bash (and findmnt) dozens of times: generous on a loaded 2-core machine. */
const LOOP_TIMEOUT = 120_000;

const HOSTILE_PREFIX = `data set/it's "$(touch ${PWNED})" \`id\`;*?[x]\nnext/`;

interface Case {
  name: string;
  info: StorageInfo;
  opts: Partial<MountOptions>;
  /** The mount command's argv, written out by hand from the documentation. */
  mount: (mp: string) => string[];
  /** Expected fstab source and type (as libmount reads them back). */
  fstab: { source: string; fstype: string; options: string };
  extraCalls?: (calls: Call[]) => void;
}

const PREFIX_NO_SLASH = HOSTILE_PREFIX.replace(/\/$/, '');

const CASES: Case[] = [
  {
    name: 'FSx for Lustre',
    info: lustre,
    opts: {},
    mount: (mp) => ['-t', 'lustre', '-o', 'relatime,flock', `${LUSTRE_DNS}@tcp:/abcdefgh`, mp],
    fstab: { source: `${LUSTRE_DNS}@tcp:/abcdefgh`, fstype: 'lustre', options: 'defaults,relatime,flock,_netdev,x-systemd.automount,x-systemd.requires=systemd-networkd-wait-online.service' },
  },
  {
    name: 'FSx for OpenZFS child volume',
    info: openzfs,
    opts: { openZfsVolumeId: 'fsvol-0child000000000002' },
    mount: (mp) => ['-t', 'nfs', '-o', 'nfsvers=4.1,nconnect=16,rsize=1048576,wsize=1048576,timeo=600', `${ZFS_DNS}:/fsx/projects`, mp],
    fstab: { source: `${ZFS_DNS}:/fsx/projects`, fstype: 'nfs', options: 'nfsvers=4.1,nconnect=16,rsize=1048576,wsize=1048576,timeo=600,_netdev' },
  },
  {
    name: 'FSx for Windows (credentials file, hostile share name)',
    info: windows,
    opts: { windowsAuth: 'credentials-file', windowsShare: "team share $(touch x) 'q'" },
    mount: (mp) => ['-t', 'cifs', '-o', 'vers=3.0,sec=ntlmsspi,credentials=/root/.prism-storage/fs-0bbbbbbbbbbbbbbb2.smb-credentials,rsize=130048,wsize=130048,cache=none', `//${WIN_DNS}/team share $(touch x) 'q'`, mp],
    fstab: { source: `//${WIN_DNS}/team share $(touch x) 'q'`, fstype: 'cifs', options: 'vers=3.0,sec=ntlmsspi,credentials=/root/.prism-storage/fs-0bbbbbbbbbbbbbbb2.smb-credentials,rsize=130048,wsize=130048,cache=none,_netdev' },
    extraCalls: (calls) => {
      expect(only(calls, 'install').map((c) => c.args)).toContainEqual(['-m', '600', '/dev/null', '/root/.prism-storage/fs-0bbbbbbbbbbbbbbb2.smb-credentials']);
    },
  },
  {
    name: 'FSx for ONTAP over NFS',
    info: ontap,
    opts: { ontapProtocol: 'nfs', nfsVersion: '4.1' },
    mount: (mp) => ['-t', 'nfs', '-o', 'nfsvers=4.1', `${SVM_NFS}:/data`, mp],
    fstab: { source: `${SVM_NFS}:/data`, fstype: 'nfs', options: 'nfsvers=4.1,_netdev' },
  },
  {
    name: 'EFS with the mount helper (TLS, IAM, access point)',
    info: efs,
    opts: { efsMode: 'efs-utils', efsIam: true, efsAccessPointId: 'fsap-0123456789abcdef0' },
    mount: (mp) => ['-t', 'efs', '-o', 'tls,iam,accesspoint=fsap-0123456789abcdef0', 'fs-0ddddddddddddddd4:/', mp],
    fstab: { source: 'fs-0ddddddddddddddd4:/', fstype: 'efs', options: '_netdev,noresvport,tls,iam,accesspoint=fsap-0123456789abcdef0' },
  },
  {
    name: 'EFS over plain NFS',
    info: efs,
    opts: { efsMode: 'nfs', efsIam: false },
    mount: (mp) => ['-t', 'nfs4', '-o', 'nfsvers=4.1,rsize=1048576,wsize=1048576,hard,timeo=600,retrans=2,noresvport', 'fs-0ddddddddddddddd4.efs.us-east-1.amazonaws.com:/', mp],
    fstab: { source: 'fs-0ddddddddddddddd4.efs.us-east-1.amazonaws.com:/', fstype: 'nfs4', options: 'nfsvers=4.1,rsize=1048576,wsize=1048576,hard,timeo=600,retrans=2,noresvport,_netdev' },
  },
  {
    name: 'S3 with Mountpoint (hostile prefix)',
    info: s3,
    opts: { s3Method: 'mountpoint', s3Prefix: HOSTILE_PREFIX },
    mount: (mp) => [`--prefix=${HOSTILE_PREFIX}`, '--region=us-west-2', 'genomics-data', mp],
    fstab: { source: `s3://genomics-data/${HOSTILE_PREFIX}`, fstype: 'mount-s3', options: '_netdev,nosuid,nodev,nofail,rw,region=us-west-2' },
  },
  {
    name: 'S3 with s3fs (hostile prefix)',
    info: s3,
    opts: { s3Method: 's3fs', s3Prefix: HOSTILE_PREFIX },
    mount: (mp) => [`genomics-data:/${PREFIX_NO_SLASH}`, mp, '-o', 'iam_role=auto,allow_other,url=https://s3.us-west-2.amazonaws.com,endpoint=us-west-2'],
    fstab: { source: `genomics-data:/${PREFIX_NO_SLASH}`, fstype: 'fuse.s3fs', options: '_netdev,iam_role=auto,allow_other,url=https://s3.us-west-2.amazonaws.com,endpoint=us-west-2' },
  },
  {
    name: 'S3 with goofys (hostile prefix)',
    info: s3,
    opts: { s3Method: 'goofys', s3Prefix: HOSTILE_PREFIX },
    mount: (mp) => ['-o', 'allow_other', '--file-mode=0666', '--region=us-west-2', `genomics-data:${PREFIX_NO_SLASH}`, mp],
    fstab: { source: `goofys#genomics-data:${PREFIX_NO_SLASH}`, fstype: 'fuse', options: '_netdev,allow_other,--file-mode=0666,--region=us-west-2' },
  },
  {
    name: 'S3 with rclone (hostile prefix)',
    info: s3,
    opts: { s3Method: 'rclone', s3Prefix: HOSTILE_PREFIX },
    mount: (mp) => ['mount', `prism-genomics-data:genomics-data/${PREFIX_NO_SLASH}`, mp, '--config=/etc/rclone.conf', '--vfs-cache-mode=writes', '--cache-dir=/var/cache/rclone', '--allow-other', '--daemon'],
    fstab: {
      source: `prism-genomics-data:genomics-data/${PREFIX_NO_SLASH}`,
      fstype: 'rclone',
      options: 'rw,noauto,nofail,_netdev,x-systemd.automount,args2env,vfs_cache_mode=writes,config=/etc/rclone.conf,cache_dir=/var/cache/rclone,allow_other',
    },
  },
];

const MOUNT_COMMAND: Record<string, string> = { mountpoint: 'mount-s3', s3fs: 's3fs', goofys: 'goofys', rclone: 'rclone' };

function script(info: StorageInfo, opts: Partial<MountOptions>, mountPoint: string): MountScript {
  return generateMount(info, { os: 'al2023', readOnly: false, client: 'linux', ...opts, mountPoint });
}

describe('generated scripts, run against stub commands', () => {
  for (const c of CASES) {
    it(`${c.name}: every hostile mount point reaches mkdir and mount as one argument; nothing in it runs`, () => {
      for (const mp of HOSTILE_MOUNT_POINTS) {
        const s = script(c.info, c.opts, mp);
        const r = run(s, 'mount');
        expect(r.status, `${c.name} ${JSON.stringify(mp)}: ${r.stderr}`).toBe(0);
        const cmd = c.info.type === 's3' ? MOUNT_COMMAND[c.opts.s3Method ?? 'mountpoint'] : 'mount';
        expect(only(r.calls, cmd).map((x) => x.args)).toEqual([c.mount(mp)]);
        expect(only(r.calls, 'mkdir').map((x) => x.args)).toContainEqual(['-p', '--', mp]);
        expect(only(r.calls, 'mountpoint').map((x) => x.args)).toEqual([['-q', '--', mp]]);
        expect(only(r.calls, 'touch')).toEqual([]);
        expect(existsSync(PWNED)).toBe(false);
        c.extraCalls?.(r.calls);
      }
    }, LOOP_TIMEOUT);

    it(`${c.name}: the /etc/fstab line written for a hostile mount point reads back as the same fields`, () => {
      for (const mp of HOSTILE_MOUNT_POINTS) {
        const s = script(c.info, c.opts, mp);
        const r = run(s, 'persist');
        expect(r.status, `${c.name} ${JSON.stringify(mp)}: ${r.stderr}`).toBe(0);
        const tees = only(r.calls, 'tee');
        expect(tees.map((t) => t.args)).toEqual([['-a', '/etc/fstab']]);
        const line = tees[0].stdin;
        expect(line.endsWith('\n')).toBe(true);
        expect(line.slice(0, -1)).not.toContain('\n');
        expect(parseFstab(line)).toEqual({ source: c.fstab.source, target: mp, fstype: c.fstab.fstype, options: c.fstab.options });
        // Backed up first, then systemd told to re-read fstab.
        expect(r.calls.findIndex((x) => x.name === 'cp')).toBeLessThan(r.calls.findIndex((x) => x.name === 'tee'));
        expect(only(r.calls, 'systemctl').map((x) => x.args)).toEqual([['daemon-reload']]);
        expect(only(r.calls, 'touch')).toEqual([]);
        expect(existsSync(PWNED)).toBe(false);
      }
    }, LOOP_TIMEOUT);
  }

  it('persist is idempotent: an entry already in /etc/fstab is not appended again', () => {
    const r = run(script(lustre, {}, '/mnt/fsx'), 'persist', { grep: { exit: 0 } });
    expect(r.status).toBe(0);
    expect(only(r.calls, 'tee')).toEqual([]);
    expect(r.stdout).toContain('already has this entry');
  });

  it('persist refuses to add a second entry for a mount point that already has a different one', () => {
    const r = run(script(lustre, {}, '/mnt/fsx'), 'persist', { awk: { exit: 0 } });
    expect(r.status).toBe(1);
    expect(only(r.calls, 'tee')).toEqual([]);
    expect(r.stderr).toContain('already has a different entry for /mnt/fsx');
  });

  it('mount does nothing when the mount point is already mounted', () => {
    const r = run(script(lustre, {}, '/mnt/fsx'), 'mount', { mountpoint: { exit: 0 } });
    expect(r.status).toBe(0);
    expect(only(r.calls, 'mount')).toEqual([]);
  });

  it('unmount unmounts and removes exactly the line the script added', () => {
    const s = script(lustre, {}, '/mnt/with space');
    const r = run(s, 'unmount', { mountpoint: { exit: 0 }, grep: { exit: 0 }, mktemp: { stdout: join(ROOT, 'fstab.tmp') } });
    expect(r.status, r.stderr).toBe(0);
    expect(only(r.calls, 'umount').map((x) => x.args)).toEqual([['--', '/mnt/with space']]);
    const line = `${LUSTRE_DNS}@tcp:/abcdefgh /mnt/with\\040space lustre defaults,relatime,flock,_netdev,x-systemd.automount,x-systemd.requires=systemd-networkd-wait-online.service 0 0`;
    expect(only(r.calls, 'grep').map((x) => x.args)).toEqual([
      ['-qxF', '--', line, '/etc/fstab'],
      ['-vxF', '--', line, '/etc/fstab'],
    ]);
  });

  it('a Lustre file system without a reported MountName: mount and persist stop with an explanation, never guessing', () => {
    const s = script({ ...lustre, mount: { dnsName: LUSTRE_DNS } }, {}, '/mnt/fsx');
    for (const action of ['mount', 'persist']) {
      const r = run(s, action);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('mount name (MountName)');
      expect(only(r.calls, 'mount')).toEqual([]);
      expect(only(r.calls, 'tee')).toEqual([]);
    }
  });

  it('the credentials-file SMB mount stops, without mounting, until the user has filled the file in', () => {
    const r = run(script(windows, { windowsAuth: 'credentials-file' }, '/mnt/fsx'), 'mount', { grep: { exit: 1 } });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('/root/.prism-storage/fs-0bbbbbbbbbbbbbbb2.smb-credentials');
    expect(only(r.calls, 'mount')).toEqual([]);
  });

  it('a hostile Name tag stays inside the header comment: nothing in it runs', () => {
    const evil: StorageInfo = { ...lustre, name: `scratch\nrm -rf / ; touch ${PWNED}\r\u001b[2J` };
    const s = script(evil, {}, '/mnt/fsx');
    const header = s.script.split('\n').filter((l) => l.includes('rm -rf'));
    expect(header).toHaveLength(1);
    expect(header[0].startsWith('# prism-storage mount script:')).toBe(true);
    const r = run(s, 'mount');
    expect(r.status, r.stderr).toBe(0);
    expect(only(r.calls, 'rm')).toEqual([]);
    expect(only(r.calls, 'touch')).toEqual([]);
    expect(existsSync(PWNED)).toBe(false);
  });

  it('the root check stops a non-root run before anything happens', () => {
    const r = run(script(lustre, {}, '/mnt/fsx'), 'all', { id: { stdout: '1000\n' } });
    expect(r.status).toBe(1);
    expect(r.calls.map((c) => c.name)).toEqual(['id']);
  });
});

// ---------------------------------------------------------------------------
// EBS: the format logic.

describe('EBS: a file system is created only on a blank volume', () => {
  const device = join(ROOT, 'fake-nvme1n1');
  writeFileSync(device, '');
  const blkid = (probe: string): Stub => ({
    // -p -o export: the probe; -s UUID / -s TYPE: the persist step.
    body: [
      'case "$*" in',
      `  *"-o export"*) printf '%s' '${probe}'; [ -n '${probe}' ] && exit 0 || exit 2 ;;`,
      "  *UUID*) printf '%s\\n' 0f1e2d3c-aaaa-bbbb-cccc-000011112222; exit 0 ;;",
      "  *TYPE*) printf '%s\\n' xfs; exit 0 ;;",
      'esac',
    ].join('\n'),
  });
  const ebsScript = (opts: Partial<MountOptions> = {}, info: StorageInfo = ebs, mp = '/mnt/data') => script(info, { ebsDevice: device, ...opts }, mp);

  it('mounts an existing xfs file system as is: mkfs never runs', () => {
    const r = run(ebsScript(), 'mount', { blkid: blkid(`DEVNAME=${device}\nUUID=0f1e\nTYPE=xfs\n`) });
    expect(r.status, r.stderr).toBe(0);
    expect(only(r.calls, 'mkfs')).toEqual([]);
    expect(only(r.calls, 'file')).toEqual([]);
    expect(only(r.calls, 'mount').map((c) => c.args)).toEqual([[device, '/mnt/data']]);
    expect(r.stdout).toContain('already holds a xfs file system');
  });

  it('refuses a disk with a partition table: no mkfs, no mount', () => {
    const r = run(ebsScript(), 'mount', { blkid: blkid('PTTYPE=gpt\n') });
    expect(r.status).toBe(1);
    expect(only(r.calls, 'mkfs')).toEqual([]);
    expect(only(r.calls, 'mount')).toEqual([]);
    expect(r.stderr).toContain('partition table');
  });

  it('refuses when blkid finds nothing but file -s does not say "data": no mkfs', () => {
    const r = run(ebsScript(), 'mount', { blkid: blkid(''), file: { stdout: 'Linux rev 1.0 ext4 filesystem data, UUID=1234\n' } });
    expect(r.status).toBe(1);
    expect(only(r.calls, 'mkfs')).toEqual([]);
    expect(only(r.calls, 'mount')).toEqual([]);
  });

  it('creates the chosen file system only on a blank volume, then mounts it', () => {
    for (const fsType of ['xfs', 'ext4'] as const) {
      const r = run(ebsScript({ ebsFsType: fsType }), 'mount', { blkid: blkid('') });
      expect(r.status, r.stderr).toBe(0);
      expect(only(r.calls, 'file').map((c) => c.args)).toEqual([['-s', '-L', '-b', '--', device]]);
      expect(only(r.calls, 'mkfs').map((c) => c.args)).toEqual([['-t', fsType, device]]);
      expect(only(r.calls, 'mount').map((c) => c.args)).toEqual([[device, '/mnt/data']]);
      const names = r.calls.map((c) => c.name);
      expect(names.indexOf('mkfs')).toBeLessThan(names.indexOf('mount'));
    }
  });

  it('never formats a volume restored from a snapshot, even a blank-looking one', () => {
    const restored: StorageInfo = { ...ebs, ebs: { volumeType: 'gp3', snapshotId: 'snap-0123456789abcdef0' } };
    const r = run(ebsScript({}, restored), 'mount', { blkid: blkid('') });
    expect(r.status).toBe(1);
    expect(only(r.calls, 'mkfs')).toEqual([]);
    expect(r.stderr).toContain('snap-0123456789abcdef0');
    expect(ebsScript({}, restored).script).not.toMatch(/\bmkfs\b/);
  });

  it('never formats for a read-only mount', () => {
    const r = run(ebsScript({ readOnly: true }), 'mount', { blkid: blkid('') });
    expect(r.status).toBe(1);
    expect(only(r.calls, 'mkfs')).toEqual([]);
  });

  it('refuses a device that is already mounted elsewhere', () => {
    const r = run(ebsScript(), 'mount', { blkid: blkid('TYPE=xfs\n'), findmnt: { exit: 0, stdout: '/other /dev/nvme1n1 xfs rw\n' } });
    expect(r.status).toBe(1);
    expect(only(r.calls, 'mount')).toEqual([]);
    expect(only(r.calls, 'mkfs')).toEqual([]);
  });

  it('stops when the volume is not attached (no device found)', () => {
    const r = run(script(ebs, { ebsDevice: join(ROOT, 'no-such-device') }, '/mnt/data'), 'mount', { blkid: blkid('') });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('is not attached to this instance');
    expect(only(r.calls, 'mkfs')).toEqual([]);
  });

  it('persists by UUID with defaults,nofail for a hostile mount point, read back intact by libmount', () => {
    for (const mp of HOSTILE_MOUNT_POINTS) {
      const r = run(ebsScript({}, ebs, mp), 'persist', { blkid: blkid('TYPE=xfs\n') });
      expect(r.status, r.stderr).toBe(0);
      const tee = only(r.calls, 'tee');
      expect(tee).toHaveLength(1);
      expect(parseFstab(tee[0].stdin)).toEqual({ source: 'UUID=0f1e2d3c-aaaa-bbbb-cccc-000011112222', target: mp, fstype: 'xfs', options: 'defaults,nofail' });
      expect(only(r.calls, 'touch')).toEqual([]);
    }
  }, LOOP_TIMEOUT);

  it('mounts a hostile mount point as one argument', () => {
    for (const mp of HOSTILE_MOUNT_POINTS) {
      const r = run(ebsScript({}, ebs, mp), 'mount', { blkid: blkid('TYPE=xfs\n') });
      expect(r.status, r.stderr).toBe(0);
      expect(only(r.calls, 'mount').map((c) => c.args)).toEqual([[device, mp]]);
    }
    expect(existsSync(PWNED)).toBe(false);
  }, LOOP_TIMEOUT);
});

// ---------------------------------------------------------------------------
// SSM: the AWS-RunShellScript wrapper delivers the script byte for byte under /bin/sh (dash).

describe('ssmRunShellScriptInput', () => {
  const hasDash = !spawnSync('dash', ['-c', 'exit 0']).error;
  const shell = hasDash ? 'dash' : 'sh';

  /** Run the commands as the SSM agent does (joined by newlines, run by sh); a stub bash copies the script it is given. */
  function deliver(commands: string[], exitCode = 0): { status: number | null; delivered: string; args: string } {
    const dir = mkdtempSync(join(ROOT, 'ssm-'));
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    const capture = join(dir, 'delivered');
    writeFileSync(
      join(bin, 'bash'),
      `#!${BASH}\nIFS= read -r -d '' prism_content < "$1" || true\nprintf '%s' "$prism_content" > "$CAPTURE"\nprintf '%s' "$2" > "$CAPTURE.args"\nexit ${exitCode}\n`,
    );
    chmodSync(join(bin, 'bash'), 0o755);
    const file = join(dir, '_script.sh');
    writeFileSync(file, `${commands.join('\n')}\n`);
    const r = spawnSync(shell, [file], { env: { PATH: `${bin}:/usr/bin:/bin`, CAPTURE: capture, TMPDIR: dir }, encoding: 'utf8' });
    return { status: r.status, delivered: existsSync(capture) ? readFileSync(capture, 'utf8') : '', args: existsSync(`${capture}.args`) ? readFileSync(`${capture}.args`, 'utf8') : '' };
  }

  it('builds the documented SendCommand input', () => {
    const s = script(lustre, {}, '/mnt/fsx');
    const input = ssmRunShellScriptInput(s, 'i-0123456789abcdef0');
    expect(input.DocumentName).toBe('AWS-RunShellScript');
    expect(input.InstanceIds).toEqual(['i-0123456789abcdef0']);
    expect(input.Comment.length).toBeLessThanOrEqual(100);
    expect(input.Comment).toBe('prism-storage: mount fsx-lustre (lustre)');
    expect(input.TimeoutSeconds).toBe(600);
  });

  it('delivers the exact script to bash and runs it with "all", passing its exit code back', () => {
    const s = script(lustre, {}, '/mnt/fsx');
    const r = deliver(ssmRunShellScriptInput(s, 'i-0123456789abcdef0').Parameters.commands, 3);
    expect(r.delivered).toBe(s.script);
    expect(r.args).toBe('all');
    expect(r.status).toBe(3);
  });

  it('cannot be cut short by a hostile value that forms a line equal to the here-document delimiter', () => {
    const s = script(lustre, {}, '/mnt/x\nPRISM_MOUNT_SCRIPT_END\ntouch /tmp/prism-pwned-ssm');
    const input = ssmRunShellScriptInput(s, 'i-0123456789abcdef0');
    expect(input.Parameters.commands).toContain("cat > \"$prism_script\" <<'PRISM_MOUNT_SCRIPT_END_1'");
    const r = deliver(input.Parameters.commands);
    expect(r.delivered).toBe(s.script);
    expect(r.status).toBe(0);
  });

  it('sends a script holding "{{" base64-encoded, so Systems Manager cannot substitute parameters into it', () => {
    const s = script(s3, { s3Method: 'mountpoint', s3Prefix: 'runs/{{ssm:/prod/db-password}}/' }, '/mnt/s3');
    const input = ssmRunShellScriptInput(s, 'i-0123456789abcdef0');
    expect(input.Parameters.commands.join('\n')).not.toContain('{{');
    const r = deliver(input.Parameters.commands);
    expect(r.delivered).toBe(s.script);
  });

  it('refuses bad instance ids and PowerShell scripts', () => {
    const s = script(lustre, {}, '/mnt/fsx');
    expect(() => ssmRunShellScriptInput(s, 'i-123; rm -rf /')).toThrow(/instance/);
    const ps = generateMount(windows, { os: 'al2023', readOnly: false, client: 'windows', mountPoint: 'Z:' });
    expect(() => ssmRunShellScriptInput(ps, 'i-0123456789abcdef0')).toThrow(expect.objectContaining({ type: 'validation', service: 'local', hint: expect.stringContaining('AWS-RunPowerShellScript') }));
  });
});
