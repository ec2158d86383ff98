// FSx for Lustre: client install per OS (with the documented kernel checks), mount by
// DNS name + the file system's own MountName, /etc/fstab with the documented options.
import { failLines, fstabAddLines, fstabLine, fstabRemoveLines, mountIfNeeded, pkgInstall, unlessInstalled, unmountLines } from './common.js';
import type { Ctx } from './context.js';
import { roSuffix } from './context.js';
import { sh } from './quote.js';
import { emptyPlan, type Plan } from './render.js';
import type { OsFamily } from './types.js';

const INSTALL_DOC = 'https://docs.aws.amazon.com/fsx/latest/LustreGuide/install-lustre-client.html';
const MOUNT_DOC = 'https://docs.aws.amazon.com/fsx/latest/LustreGuide/mounting-ec2-instance.html';
const FSTAB_DOC = 'https://docs.aws.amazon.com/fsx/latest/LustreGuide/mount-fs-auto-mount-onreboot.html';

// Minimum kernels for the Lustre client, by kernel series.
// Source: https://docs.aws.amazon.com/fsx/latest/LustreGuide/install-lustre-client.html
// (Amazon Linux 2023: 6.12* any, 6.1 >= 6.1.79-99.167.amzn2023;
//  Amazon Linux 2: 5.10 >= 5.10.144-127.601.amzn2, 5.4 >= 5.4.214-120.368.amzn2, 4.14 >= 4.14.294-220.533.amzn2)
export const LUSTRE_MIN_KERNEL: Record<'al2023' | 'al2', readonly (readonly [series: string, minimum: string])[]> = {
  al2023: [
    ['6.12', ''],
    ['6.1', '6.1.79-99.167.amzn2023'],
  ],
  al2: [
    ['5.10', '5.10.144-127.601.amzn2'],
    ['5.4', '5.4.214-120.368.amzn2'],
    ['4.14', '4.14.294-220.533.amzn2'],
  ],
};

// RHEL / Rocky: the FSx yum repository (el/<major>) serves the client for the kernel of the
// latest minor release; older kernels need the repository pinned to their minor release
// with `sed -i 's#<major>#<release>#' /etc/yum.repos.d/aws-fsx.repo`.
// Source: https://docs.aws.amazon.com/fsx/latest/LustreGuide/install-lustre-client.html
// ("Red Hat and Rocky Linux 10.1-10.2", "9.0 or 9.3-9.8", "CentOS and Red Hat 8.2-8.10").
export const LUSTRE_RHEL_KERNELS: Record<'8' | '9' | '10', { current: string; pinned: readonly (readonly [kernelPrefix: string, release: string])[] }> = {
  '10': { current: '6.12.0-211', pinned: [['6.12.0-124', '10.1']] },
  '9': {
    current: '5.14.0-687',
    pinned: [
      ['5.14.0-611', '9.7'],
      ['5.14.0-570', '9.6'],
      ['5.14.0-503', '9.5'],
      ['5.14.0-427', '9.4'],
      ['5.14.0-362.18.1', '9.3'],
      ['5.14.0-70', '9.0'],
    ],
  },
  '8': {
    current: '4.18.0-553',
    pinned: [
      ['4.18.0-513', '8.9'],
      ['4.18.0-477', '8.8'],
      ['4.18.0-425', '8.7'],
      ['4.18.0-372', '8.6'],
      ['4.18.0-348', '8.5'],
      ['4.18.0-305', '8.4'],
      ['4.18.0-240', '8.3'],
      ['4.18.0-193', '8.2'],
    ],
  },
};

// systemd unit the boot-time automount waits for. The FSx doc's fstab line uses
// x-systemd.requires=network.service, and "for Amazon Linux 2023 and Ubuntu 22.04 and higher"
// systemd-networkd-wait-online.service instead (FSTAB_DOC). RHEL/Rocky 8+ run NetworkManager
// and have no network.service unless network-scripts is installed; Requires= on a missing
// unit fails the mount, so RHEL waits for network-online.target, which exists everywhere.
export const LUSTRE_NETWORK_UNIT: Record<OsFamily, string> = {
  al2023: 'systemd-networkd-wait-online.service',
  ubuntu: 'systemd-networkd-wait-online.service',
  al2: 'network.service',
  rhel: 'network-online.target',
};

function amazonLinuxKernelCheck(os: 'al2023' | 'al2'): string[] {
  const update = os === 'al2023' ? 'sudo dnf -y update kernel && sudo reboot' : 'sudo yum -y update kernel && sudo reboot';
  // Series and minimums are constants of the table above (plain words: digits, dots, dashes).
  const cases = LUSTRE_MIN_KERNEL[os].map(([series, min]) => `  ${series}.*) prism_min=${min === '' ? "''" : min} ;;`);
  return [
    'prism_kernel="$(uname -r)"',
    'prism_min=unknown',
    'case "$prism_kernel" in',
    ...cases,
    'esac',
    'if [ "$prism_min" = unknown ]; then',
    `  printf 'prism-storage: warning: kernel %s is not in a series the FSx documentation lists (${LUSTRE_MIN_KERNEL[os].map(([s]) => s).join(', ')}); trying the install anyway, see ${INSTALL_DOC}\\n' "$prism_kernel" >&2`,
    'elif [ -n "$prism_min" ] && [ "$(printf \'%s\\n\' "$prism_min" "$prism_kernel" | sort -V | head -n 1)" != "$prism_min" ]; then',
    `  printf 'prism-storage: kernel %s is older than %s, the minimum for the Lustre client. Update and reboot (${update}), then run this script again.\\n' "$prism_kernel" "$prism_min" >&2`,
    '  exit 1',
    'fi',
  ];
}

function rhelInstall(): string[] {
  const lines: string[] = [
    'prism_el="$(rpm -E %rhel)"',
    'prism_kernel="$(uname -r)"',
    'case "$prism_el" in',
    '  8|9)',
    '    curl -fsSL https://fsx-lustre-client-repo-public-keys.s3.amazonaws.com/fsx-rpm-public-key.asc -o /tmp/fsx-rpm-public-key.asc',
    '    rpm --import /tmp/fsx-rpm-public-key.asc',
    '    ;;',
    '  10) ;;',
    `  *) printf 'prism-storage: RHEL/Rocky %s is not supported by the FSx Lustre client repository; see ${INSTALL_DOC}\\n' "$prism_el" >&2; exit 1 ;;`,
    'esac',
    'curl -fsSL "https://fsx-lustre-client-repo.s3.amazonaws.com/el/${prism_el}/fsx-lustre-client.repo" -o /etc/yum.repos.d/aws-fsx.repo',
    'prism_release=unknown',
    'case "$prism_el:$prism_kernel" in',
  ];
  for (const [el, table] of Object.entries(LUSTRE_RHEL_KERNELS)) {
    lines.push(`  ${el}:${table.current}*) prism_release='' ;;`);
    for (const [prefix, release] of table.pinned) lines.push(`  ${el}:${prefix}*) prism_release=${release} ;;`);
  }
  lines.push(
    'esac',
    'if [ "$prism_release" = unknown ]; then',
    `  printf 'prism-storage: no FSx Lustre client build is listed for kernel %s on RHEL/Rocky %s; see ${INSTALL_DOC}\\n' "$prism_kernel" "$prism_el" >&2`,
    '  exit 1',
    'fi',
    'if [ -n "$prism_release" ]; then',
    '  sed -i "s#${prism_el}#${prism_release}#" /etc/yum.repos.d/aws-fsx.repo',
    '  yum clean all',
    'fi',
    'yum install -y kmod-lustre-client lustre-client',
  );
  return lines;
}

function ubuntuInstall(): string[] {
  return [
    'export DEBIAN_FRONTEND=noninteractive',
    'wget -O - https://fsx-lustre-client-repo-public-keys.s3.amazonaws.com/fsx-ubuntu-public-key.asc | gpg --dearmor | tee /usr/share/keyrings/fsx-ubuntu-public-key.gpg >/dev/null',
    'echo "deb [signed-by=/usr/share/keyrings/fsx-ubuntu-public-key.gpg] https://fsx-lustre-client-repo.s3.amazonaws.com/ubuntu $(lsb_release -cs) main" | tee /etc/apt/sources.list.d/fsxlustreclientrepo.list >/dev/null',
    'apt-get update',
    'if apt-cache show "lustre-client-modules-$(uname -r)" >/dev/null 2>&1; then',
    '  apt-get install -y "lustre-client-modules-$(uname -r)"',
    'else',
    `  printf 'prism-storage: the FSx repository has no Lustre client for kernel %s. Move to a supported kernel (sudo apt install -y linux-aws lustre-client-modules-aws && sudo reboot), then run this script again; see ${INSTALL_DOC}\\n' "$(uname -r)" >&2`,
    '  exit 1',
    'fi',
  ];
}

export function lustreInstall(os: OsFamily): string[] {
  switch (os) {
    case 'al2023':
      return [...amazonLinuxKernelCheck('al2023'), ...pkgInstall('al2023', ['lustre-client'])];
    case 'al2':
      return [...amazonLinuxKernelCheck('al2'), 'amazon-linux-extras install -y lustre'];
    case 'rhel':
      return rhelInstall();
    case 'ubuntu':
      return ubuntuInstall();
  }
}

export function lustrePlan({ info, opts }: Ctx): Plan {
  const plan = emptyPlan('lustre');
  const mp = opts.mountPoint;
  const dns = info.mount.dnsName;
  const mountName = info.mount.lustreMountName;
  plan.install = unlessInstalled('mount.lustre', 'the Lustre client', lustreInstall(opts.os));

  const missing: string[] = [];
  if (!dns) missing.push('DNS name');
  // Never derived from the file-system id and never defaulted: a wrong name mounts nothing.
  if (!mountName) missing.push('mount name (MountName)');
  if (!dns || !mountName) {
    const what = missing.join(' and ');
    plan.warnings.push(
      `The ${what} of ${info.id} is unknown (DescribeFileSystems did not report it), so this script cannot mount it. Find it in the FSx console ("Attach") or with: aws fsx describe-file-systems --file-system-ids ${info.id}.`,
    );
    const stop = failLines(`the Lustre ${what} of ${info.id} is unknown; find it with: aws fsx describe-file-systems --file-system-ids ${info.id}`);
    plan.mount = stop;
    plan.persist = stop;
    plan.unmount = unmountLines(mp);
  } else {
    const source = `${dns}@tcp:/${mountName}`;
    const ro = roSuffix(opts);
    plan.mount = mountIfNeeded(mp, [sh`mount -t lustre -o ${`relatime,flock${ro}`} ${source} ${mp}`]);
    const line = fstabLine([source, mp, 'lustre', `defaults,relatime,flock,_netdev,x-systemd.automount,x-systemd.requires=${LUSTRE_NETWORK_UNIT[opts.os]}${ro}`, '0', '0']);
    plan.persist = fstabAddLines(line, mp);
    plan.unmount = [...unmountLines(mp), ...fstabRemoveLines(line)];
  }

  plan.notes.push(
    `Client install: ${INSTALL_DOC} (the script stops with the documented kernel update command when the running kernel is too old).`,
    `Mount options relatime,flock: ${MOUNT_DOC}`,
    `Boot-time mount (_netdev, x-systemd.automount, x-systemd.requires=${LUSTRE_NETWORK_UNIT[opts.os]}): ${FSTAB_DOC}`,
    'EFA-enabled file systems need the configure-efa-fsx-lustre-client service first; their fstab entry requires and follows that service instead (same page).',
    'Lustre traffic uses TCP port 988 (and 1018-1023): the client must be in a security group the file system allows.',
  );
  if (opts.os === 'rhel') plan.notes.push('RHEL/Rocky: the fstab entry waits for network-online.target because RHEL 8+ has no network.service (a Requires= on a missing unit would fail the mount).');
  if (opts.os === 'ubuntu') plan.notes.push('Ubuntu releases older than 22.04 should use x-systemd.requires=network.service instead (per the FSx documentation).');
  return plan;
}
