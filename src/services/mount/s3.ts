// Amazon S3 as a file system, four ways: Mountpoint for Amazon S3, s3fs-fuse, goofys and
// rclone, each set up as its own documentation describes. No access key is ever written
// into a script: the instance's IAM role is used, or a mode-600 file the user fills in.
import { dnsSuffix } from '../aws/util.js';
import { failLines, fstabAddLines, fstabLine, fstabRemoveLines, indent, mountIfNeeded, pkgInstall, unlessInstalled, unmountLines } from './common.js';
import type { Ctx } from './context.js';
import { sh } from './quote.js';
import { emptyPlan, type Plan } from './render.js';
import type { OsFamily, S3Method } from './types.js';
import { assertAbsolutePath, assertOptionValue } from './validate.js';

const MOUNTPOINT_INSTALL_DOC = 'https://github.com/awslabs/mountpoint-s3/blob/main/doc/INSTALL.md';
const MOUNTPOINT_CONFIG_DOC = 'https://github.com/awslabs/mountpoint-s3/blob/main/doc/CONFIGURATION.md';
const MOUNTPOINT_FSTAB_DOC = 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/mountpoint-usage.html';
const S3FS_DOC = 'https://github.com/s3fs-fuse/s3fs-fuse#readme';
const S3FS_BUILD_DOC = 'https://github.com/s3fs-fuse/s3fs-fuse/blob/master/COMPILATION.md';
const GOOFYS_DOC = 'https://github.com/kahing/goofys#usage';
const GOOFYS_STATUS = 'https://github.com/kahing/goofys/issues/710';
const RCLONE_INSTALL_DOC = 'https://rclone.org/install/';
const RCLONE_S3_DOC = 'https://rclone.org/s3/';
const RCLONE_MOUNT_DOC = 'https://rclone.org/commands/rclone_mount/';

/** Prefix without leading "/"; with a trailing "/" (Mountpoint requires it); undefined when empty. */
export function normalisePrefix(prefix: string | undefined): string | undefined {
  if (prefix === undefined) return undefined;
  const trimmed = prefix.replace(/^\/+/, '');
  if (trimmed === '' || /^\/*$/.test(trimmed)) return undefined;
  return trimmed.endsWith('/') ? trimmed : `${trimmed}/`;
}

interface S3Target {
  bucket: string;
  region: string;
  /** "dir/sub/" or undefined. */
  prefix?: string;
  cacheDir?: string;
}

function target(ctx: Ctx): S3Target {
  const { info, opts, resource } = ctx;
  const cacheDir = opts.s3CacheDir;
  if (cacheDir !== undefined) {
    assertAbsolutePath(cacheDir, 'Cache directory', resource);
    assertOptionValue(cacheDir, 'Cache directory', resource);
  }
  return { bucket: info.id, region: info.mount.s3Region ?? info.region, prefix: normalisePrefix(opts.s3Prefix), cacheDir };
}

/**
 * Cache directories hold unencrypted object content: created mode 700 ("restrict access to the
 * data cache location ... chmod 0700", MOUNTPOINT_CONFIG_DOC, Local Cache).
 */
function cacheDirLine(dir: string): string {
  return sh`mkdir -p -m 700 -- ${dir}`;
}

/** uname -m -> the architecture name in a release URL. */
function archLines(map: Record<string, string>, tool: string): string[] {
  return [
    'case "$(uname -m)" in',
    ...Object.entries(map).map(([machine, arch]) => `  ${machine}) prism_arch=${arch} ;;`),
    `  *) printf 'prism-storage: ${tool} has no release for the %s architecture\\n' "$(uname -m)" >&2; exit 1 ;;`,
    'esac',
  ];
}

// ---------------------------------------------------------------------------
// Mountpoint for Amazon S3.

function mountpointInstall(os: OsFamily): string[] {
  // Packages from MOUNTPOINT_INSTALL_DOC: https://s3.amazonaws.com/mountpoint-s3-release/latest/<x86_64|arm64>/mount-s3.<rpm|deb>
  const ext = os === 'ubuntu' ? 'deb' : 'rpm';
  const install = os === 'ubuntu' ? ['export DEBIAN_FRONTEND=noninteractive', 'apt-get update', 'apt-get install -y /tmp/mount-s3.deb'] : [`${os === 'al2' ? 'yum' : 'dnf'} install -y /tmp/mount-s3.rpm`];
  return unlessInstalled('mount-s3', 'Mountpoint for Amazon S3', [
    ...archLines({ x86_64: 'x86_64', aarch64: 'arm64' }, 'Mountpoint for Amazon S3'),
    `curl -fsSL -o /tmp/mount-s3.${ext} "https://s3.amazonaws.com/mountpoint-s3-release/latest/\${prism_arch}/mount-s3.${ext}"`,
    ...install,
    `rm -f /tmp/mount-s3.${ext}`,
  ]);
}

function mountpointPlan(ctx: Ctx, t: S3Target): Plan {
  const { opts } = ctx;
  const plan = emptyPlan('mountpoint');
  const mp = opts.mountPoint;
  let allowDelete = opts.s3AllowDelete ?? false;
  let allowOverwrite = opts.s3AllowOverwrite ?? false;
  if (opts.readOnly && (allowDelete || allowOverwrite)) {
    plan.warnings.push('Read-only mount: allow-delete and allow-overwrite are ignored.');
    allowDelete = false;
    allowOverwrite = false;
  }
  // Flags: MOUNTPOINT_CONFIG_DOC (--prefix must end with "/"; --region overrides detection).
  const flags = [
    ...(opts.readOnly ? ['--read-only'] : []),
    ...(t.prefix ? [`--prefix=${t.prefix}`] : []),
    ...(t.cacheDir ? [`--cache=${t.cacheDir}`] : []),
    ...(allowDelete ? ['--allow-delete'] : []),
    ...(allowOverwrite ? ['--allow-overwrite'] : []),
    `--region=${t.region}`,
  ];
  plan.install = mountpointInstall(opts.os);
  plan.mount = [...(t.cacheDir ? [cacheDirLine(t.cacheDir)] : []), ...mountIfNeeded(mp, [sh`mount-s3 ${flags} ${t.bucket} ${mp}`])];
  // fstab (Mountpoint >= 1.18): "s3://bucket/prefix/ /mnt mount-s3 _netdev,nosuid,nodev,nofail,rw 0 0";
  // _netdev, nosuid and nodev are required; flags become key or key=value options.
  const fstabOptions = [
    '_netdev',
    'nosuid',
    'nodev',
    'nofail',
    opts.readOnly ? 'ro' : 'rw',
    ...(t.cacheDir ? [`cache=${t.cacheDir}`] : []),
    ...(allowDelete ? ['allow-delete'] : []),
    ...(allowOverwrite ? ['allow-overwrite'] : []),
    `region=${t.region}`,
  ];
  const line = fstabLine([`s3://${t.bucket}/${t.prefix ?? ''}`, mp, 'mount-s3', fstabOptions.join(','), '0', '0']);
  plan.persist = fstabAddLines(line, mp);
  plan.unmount = [...unmountLines(mp), ...fstabRemoveLines(line)];
  plan.notes.push(
    `Install: ${MOUNTPOINT_INSTALL_DOC} (the package signature can be verified with the published key, see the same page).`,
    `Options: ${MOUNTPOINT_CONFIG_DOC}. Boot-time mount needs Mountpoint 1.18 or newer: ${MOUNTPOINT_FSTAB_DOC}`,
    'Mountpoint reads large objects sequentially at high throughput; it cannot rename files or directories, append to or edit existing files (new files are written sequentially).',
    'Credentials come from the instance role (IMDS); when mounted from /etc/fstab it runs as root, so only root sees the files unless allow-other is added.',
  );
  if (t.cacheDir) plan.notes.push(`Cache directory ${t.cacheDir} (mode 700): it holds unencrypted object content; Mountpoint creates a subdirectory there and empties it at mount and exit.`);
  return plan;
}

// ---------------------------------------------------------------------------
// s3fs-fuse.

const S3FS_PASSWD = '/etc/passwd-s3fs';

function s3fsInstall(os: OsFamily): string[] {
  // Packages from S3FS_DOC ("Amazon Linux via EPEL", "RHEL and CentOS 7 or newer through EPEL",
  // "Debian 9 and Ubuntu 16.04 or newer: apt install s3fs"). Amazon Linux 2023 has neither a
  // package nor EPEL support, so s3fs is compiled from source there (S3FS_BUILD_DOC).
  let lines: string[];
  switch (os) {
    case 'al2':
      lines = ['amazon-linux-extras install -y epel', ...pkgInstall('al2', ['s3fs-fuse'])];
      break;
    case 'rhel':
      lines = ['dnf install -y epel-release || dnf install -y "https://dl.fedoraproject.org/pub/epel/epel-release-latest-$(rpm -E %rhel).noarch.rpm"', ...pkgInstall('rhel', ['s3fs-fuse'])];
      break;
    case 'ubuntu':
      lines = pkgInstall('ubuntu', ['s3fs']);
      break;
    case 'al2023':
      lines = [
        // --allowerasing: libcurl-devel needs the full libcurl in place of libcurl-minimal.
        'dnf install -y --allowerasing automake fuse fuse-devel gcc-c++ git libcurl-devel libxml2-devel make openssl-devel',
        'prism_build="$(mktemp -d)"',
        'git clone --depth 1 https://github.com/s3fs-fuse/s3fs-fuse.git "$prism_build/s3fs-fuse"',
        '(cd "$prism_build/s3fs-fuse" && ./autogen.sh && ./configure && make && make install)',
        'rm -rf -- "$prism_build"',
      ];
      break;
  }
  return unlessInstalled('s3fs', 's3fs', lines);
}

function s3fsPlan(ctx: Ctx, t: S3Target): Plan {
  const { opts } = ctx;
  const plan = emptyPlan('s3fs');
  const mp = opts.mountPoint;
  const passwdFile = (opts.s3fsAuth ?? 'iam-role') === 'passwd-file';
  const source = t.prefix ? `${t.bucket}:/${t.prefix.replace(/\/+$/, '')}` : t.bucket;
  const options = [
    passwdFile ? `passwd_file=${S3FS_PASSWD}` : 'iam_role=auto',
    'allow_other',
    `url=https://s3.${t.region}.${dnsSuffix(t.region)}`,
    `endpoint=${t.region}`,
    ...(t.cacheDir ? [`use_cache=${t.cacheDir}`] : []),
    ...(opts.readOnly ? ['ro'] : []),
  ];
  plan.install = s3fsInstall(opts.os);
  const credentials = passwdFile
    ? [
        // Created empty, mode 600; the user writes ACCESS_KEY_ID:SECRET_ACCESS_KEY into it.
        sh`if [ ! -e ${S3FS_PASSWD} ]; then install -m 600 /dev/null ${S3FS_PASSWD}; fi`,
        sh`chmod 600 -- ${S3FS_PASSWD}`,
        sh`if ! grep -q ':' ${S3FS_PASSWD}; then`,
        ...indent(failLines(`write ACCESS_KEY_ID:SECRET_ACCESS_KEY into ${S3FS_PASSWD} (mode 600), then run this script again`)),
        'fi',
      ]
    : [];
  plan.mount = [...credentials, ...(t.cacheDir ? [cacheDirLine(t.cacheDir)] : []), ...mountIfNeeded(mp, [sh`s3fs ${source} ${mp} -o ${options.join(',')}`])];
  const line = fstabLine([source, mp, 'fuse.s3fs', ['_netdev', ...options].join(','), '0', '0']);
  plan.persist = fstabAddLines(line, mp);
  plan.unmount = [...unmountLines(mp), ...fstabRemoveLines(line)];
  plan.notes.push(
    `s3fs: ${S3FS_DOC}${opts.os === 'al2023' ? ` (compiled from source on Amazon Linux 2023: ${S3FS_BUILD_DOC})` : ''}.`,
    passwdFile
      ? `Credentials: ${S3FS_PASSWD}, mode 600, one line ACCESS_KEY_ID:SECRET_ACCESS_KEY that you write; prefer the instance role (iam_role=auto) when you can.`
      : 'Credentials: the instance role (iam_role=auto); no keys are stored on the instance.',
    's3fs gives the broadest POSIX subset (modes, owners, symlinks, random writes), at the cost of rewriting whole objects on change and slow directory listings.',
  );
  return plan;
}

// ---------------------------------------------------------------------------
// goofys.

function goofysPlan(ctx: Ctx, t: S3Target): Plan {
  const { opts } = ctx;
  const plan = emptyPlan('goofys');
  const mp = opts.mountPoint;
  const source = t.prefix ? `${t.bucket}:${t.prefix.replace(/\/+$/, '')}` : t.bucket;
  plan.install = unlessInstalled('goofys', 'goofys', [
    // goofys publishes one x86_64 Linux binary per release (GOOFYS_DOC: "Pre-built binaries").
    'if [ "$(uname -m)" != x86_64 ]; then',
    ...indent(failLines('goofys publishes x86_64 binaries only; use Mountpoint for Amazon S3 or rclone on this instance')),
    'fi',
    ...pkgInstall(opts.os, [opts.os === 'ubuntu' ? 'fuse3' : 'fuse']),
    ...(opts.os === 'ubuntu' ? ['if ! command -v fusermount >/dev/null 2>&1 && command -v fusermount3 >/dev/null 2>&1; then ln -s "$(command -v fusermount3)" /usr/local/bin/fusermount; fi'] : []),
    'curl -fsSL -o /usr/local/bin/goofys https://github.com/kahing/goofys/releases/latest/download/goofys',
    'chmod 0755 /usr/local/bin/goofys',
  ]);
  const fuseOptions = ['allow_other', ...(opts.readOnly ? ['ro'] : [])];
  plan.mount = mountIfNeeded(mp, [sh`goofys -o ${fuseOptions.join(',')} ${'--file-mode=0666'} ${`--region=${t.region}`} ${source} ${mp}`]);
  // fstab form from GOOFYS_DOC: "goofys#bucket /mnt/mountpoint fuse _netdev,allow_other,--file-mode=0666 0 0"
  const line = fstabLine([`goofys#${source}`, mp, 'fuse', ['_netdev', 'allow_other', '--file-mode=0666', `--region=${t.region}`, ...(opts.readOnly ? ['ro'] : [])].join(','), '0', '0']);
  plan.persist = fstabAddLines(line, mp);
  plan.unmount = [...unmountLines(mp), ...fstabRemoveLines(line)];
  plan.warnings.push(`goofys is unmaintained: its last release, v0.24.0, dates from 2020 and none has followed (${GOOFYS_STATUS}). Prefer Mountpoint for Amazon S3 for fast reads or rclone for general use.`);
  if (t.cacheDir) plan.warnings.push('goofys has no built-in disk cache (it needs the separate catfs tool): the cache directory is not used.');
  plan.notes.push(`goofys: ${GOOFYS_DOC}. Performance first, POSIX second: no random writes, no per-file modes or owners, no symlinks, no appends; credentials from the instance role.`);
  return plan;
}

// ---------------------------------------------------------------------------
// rclone.

const RCLONE_CONFIG = '/etc/rclone.conf';

export function rcloneRemoteName(bucket: string): string {
  return `prism-${bucket.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
}

function rclonePlan(ctx: Ctx, t: S3Target): Plan {
  const { opts } = ctx;
  const plan = emptyPlan('rclone');
  const mp = opts.mountPoint;
  const remote = rcloneRemoteName(t.bucket);
  const path = `${remote}:${t.bucket}${t.prefix ? `/${t.prefix.replace(/\/+$/, '')}` : ''}`;
  // --vfs-cache-mode (RCLONE_MOUNT_DOC): "writes" buffers files opened for writing on disk (enough
  // for most applications); "full" also caches reads, worth it when a cache directory is given.
  const cacheMode = t.cacheDir ? 'full' : 'writes';
  const cacheDir = t.cacheDir ?? '/var/cache/rclone';
  plan.install = [
    ...unlessInstalled('rclone', 'rclone', [...pkgInstall(opts.os, [opts.os === 'al2' ? 'fuse' : 'fuse3', 'unzip']), `curl -fsSL -o /tmp/rclone-install.sh https://rclone.org/install.sh`, 'bash /tmp/rclone-install.sh', 'rm -f /tmp/rclone-install.sh']),
    // S3 remote with credentials from the environment / instance role (RCLONE_S3_DOC: env_auth = true).
    sh`if ! rclone listremotes ${`--config=${RCLONE_CONFIG}`} | grep -qxF -- ${`${remote}:`}; then`,
    sh`  rclone config create ${remote} s3 provider=AWS env_auth=true ${`region=${t.region}`} ${`--config=${RCLONE_CONFIG}`} --non-interactive`,
    'fi',
  ];
  const flags = [`--config=${RCLONE_CONFIG}`, `--vfs-cache-mode=${cacheMode}`, `--cache-dir=${cacheDir}`, ...(opts.readOnly ? ['--read-only'] : []), '--allow-other', '--daemon'];
  plan.mount = [cacheDirLine(cacheDir), ...mountIfNeeded(mp, [sh`rclone mount ${path} ${mp} ${flags}`])];
  // Mount helper form (RCLONE_MOUNT_DOC): link /sbin/mount.rclone, then an fstab line of type rclone
  // with args2env, config= and cache_dir= given explicitly (mount units run without HOME).
  const fstabOptions = [
    opts.readOnly ? 'ro' : 'rw',
    'noauto',
    'nofail',
    '_netdev',
    'x-systemd.automount',
    'args2env',
    `vfs_cache_mode=${cacheMode}`,
    `config=${RCLONE_CONFIG}`,
    `cache_dir=${cacheDir}`,
    'allow_other',
    ...(opts.readOnly ? ['read_only'] : []),
  ];
  const line = fstabLine([path, mp, 'rclone', fstabOptions.join(','), '0', '0']);
  plan.persist = ['if [ ! -e /sbin/mount.rclone ]; then ln -s "$(command -v rclone)" /sbin/mount.rclone; fi', ...fstabAddLines(line, mp)];
  plan.unmount = [...unmountLines(mp), ...fstabRemoveLines(line)];
  plan.notes.push(
    `rclone install: ${RCLONE_INSTALL_DOC}; S3 remote "${remote}" in ${RCLONE_CONFIG} with env_auth = true (instance role, no keys): ${RCLONE_S3_DOC}`,
    `Mount and /etc/fstab helper form: ${RCLONE_MOUNT_DOC}. VFS cache mode ${cacheMode} in ${cacheDir}.`,
  );
  return plan;
}

export function s3Plan(ctx: Ctx): Plan {
  const t = target(ctx);
  const method: S3Method = ctx.opts.s3Method ?? 'mountpoint';
  const plan = method === 'mountpoint' ? mountpointPlan(ctx, t) : method === 's3fs' ? s3fsPlan(ctx, t) : method === 'goofys' ? goofysPlan(ctx, t) : rclonePlan(ctx, t);
  if (method !== 'mountpoint' && !ctx.opts.readOnly && (ctx.opts.s3AllowDelete === false || ctx.opts.s3AllowOverwrite === false)) {
    plan.warnings.push(`${method} always allows deleting and overwriting objects; mount read-only or use Mountpoint for Amazon S3 to prevent it.`);
  }
  return plan;
}
