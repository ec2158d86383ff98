// SMB shares (FSx for Windows File Server, FSx for ONTAP SVMs joined to Active Directory):
// cifs-utils on Linux with Kerberos or a credentials file, or a mapped drive on Windows.
import { failLines, fstabAddLines, fstabLine, fstabRemoveLines, indent, mountIfNeeded, pkgInstall, say, unlessInstalled, unmountLines } from './common.js';
import type { Ctx } from './context.js';
import { roSuffix } from './context.js';
import { ps, sh } from './quote.js';
import { emptyPlan, type Plan } from './render.js';
import type { OsFamily } from './types.js';
import { driveLetter } from './validate.js';

const WINDOWS_SHARE_DOC = 'https://docs.aws.amazon.com/fsx/latest/WindowsGuide/using-file-shares.html';

/**
 * rsize/wsize for cifs: the FSx guide sets both to CIFSMaxBufSize, "the largest value allowed
 * by your kernel", whose documented range ends at 130048 (`modinfo cifs | grep CIFSMaxBufSize`:
 * "Default: 16384 Range: 8192 to 130048"). Source: WINDOWS_SHARE_DOC, "Mounting a file share on
 * an Amazon EC2 Linux instance".
 */
export const CIFS_MAX_BUF_SIZE = 130048;

export interface SmbTarget {
  /** Server DNS name. */
  host: string;
  share: string;
  /** Used to name the credentials file. */
  id: string;
  /** Documentation for the notes. */
  doc: string;
}

/** Where the credentials file lives: root-only directory, one file per file system. */
export function credentialsPath(id: string): string {
  return `/root/.prism-storage/${id.replace(/[^A-Za-z0-9._-]/g, '_')}.smb-credentials`;
}

function cifsInstall(os: OsFamily, kerberos: boolean): string[] {
  const pkgs = ['cifs-utils'];
  if (kerberos) pkgs.push(...(os === 'ubuntu' ? ['krb5-user', 'keyutils'] : ['krb5-workstation', 'keyutils']));
  return unlessInstalled('mount.cifs', 'cifs-utils', pkgInstall(os, pkgs));
}

export function smbLinuxPlan(ctx: Ctx, t: SmbTarget, methodPrefix: string): Plan {
  const { opts } = ctx;
  const kerberos = (opts.windowsAuth ?? 'credentials-file') === 'kerberos';
  const plan = emptyPlan(`${methodPrefix}-${kerberos ? 'kerberos' : 'credentials-file'}`);
  const mp = opts.mountPoint;
  const source = `//${t.host}/${t.share}`;
  const vers = opts.smbVersion ?? '3.0';
  const ro = roSuffix(opts);
  const cred = credentialsPath(t.id);
  const auth = kerberos ? ['sec=krb5'] : ['sec=ntlmsspi', `credentials=${cred}`];
  const options = [`vers=${vers}`, ...auth, `rsize=${CIFS_MAX_BUF_SIZE}`, `wsize=${CIFS_MAX_BUF_SIZE}`, 'cache=none'];
  plan.install = cifsInstall(opts.os, kerberos);

  const prepare: string[] = kerberos
    ? [
        'if ! klist -s >/dev/null 2>&1; then',
        `  ${say('warning: root has no valid Kerberos ticket; run kinit as root (or make sure the machine keytab is usable) if the mount is refused')}`,
        'fi',
      ]
    : [
        // The credentials file is created empty, mode 600, and filled in by the user:
        // no user name or password is ever written into this script.
        'install -d -m 700 /root/.prism-storage',
        sh`if [ ! -e ${cred} ]; then install -m 600 /dev/null ${cred}; fi`,
        sh`chmod 600 -- ${cred}`,
        sh`if ! grep -q '^password=' ${cred}; then`,
        ...indent(failLines(`put the Active Directory account in ${cred} (three lines: username=..., password=..., domain=...), then run this script again`)),
        'fi',
      ];
  plan.mount = [...prepare, ...mountIfNeeded(mp, [sh`mount -t cifs -o ${options.join(',') + ro} ${source} ${mp}`])];
  const line = fstabLine([source, mp, 'cifs', [...options, '_netdev'].join(',') + ro, '0', '0']);
  plan.persist = fstabAddLines(line, mp);
  plan.unmount = [...unmountLines(mp), ...fstabRemoveLines(line)];

  plan.notes.push(
    `SMB ${vers} (FSx supports SMB 2.0 through 3.1.1); rsize/wsize ${CIFS_MAX_BUF_SIZE} (the largest CIFSMaxBufSize) and cache=none as in ${t.doc}`,
    kerberos
      ? 'Kerberos (sec=krb5) needs an instance joined to the Active Directory and a ticket for root (kinit) or a usable machine keytab; the server must be addressed by its DNS name.'
      : `Credentials file ${cred} (mode 600): username=, password= and domain= lines you write yourself; it never appears in this script. Instances not joined to the domain must resolve the server name through the domain's DNS servers, or mount the preferred file server's IP address instead.`,
    'cache=none follows the AWS example; cache=strict (the kernel default) is faster for data one client reads repeatedly.',
  );
  return plan;
}

export function smbWindowsPlan(ctx: Ctx, t: SmbTarget, methodPrefix: string): Plan {
  const { opts, resource } = ctx;
  const plan = emptyPlan(`${methodPrefix}-windows`, 'powershell');
  const letter = driveLetter(opts.mountPoint, resource);
  const unc = `\\\\${t.host}\\${t.share}`;
  plan.install = [
    'if (-not (Get-CimInstance -ClassName Win32_ComputerSystem).PartOfDomain) {',
    "    Write-Warning 'This computer is not joined to a domain: Windows will ask for an Active Directory account when the drive is mapped.'",
    '}',
  ];
  plan.mount = [
    ps`if (Get-PSDrive -Name ${letter} -ErrorAction SilentlyContinue) {`,
    ps`    Write-Output (${`${letter}: is already in use; nothing to do`})`,
    '} else {',
    ps`    New-PSDrive -Name ${letter} -PSProvider FileSystem -Root ${unc} -Persist -Scope Global | Out-Null`,
    '}',
  ];
  plan.persist = [
    '# New-PSDrive -Persist creates a Windows mapped network drive: Windows reconnects it at every logon of this user.',
    ps`Get-SmbMapping -LocalPath ${`${letter}:`}`,
  ];
  plan.unmount = [ps`if (Get-PSDrive -Name ${letter} -ErrorAction SilentlyContinue) {`, ps`    Remove-PSDrive -Name ${letter} -PSProvider FileSystem -Scope Global -Force`, '}'];
  plan.notes.push(
    `From cmd.exe the same mapping is: net use ${letter}: ${unc} /persistent:yes (${t.doc})`,
    'Sign in as a domain user (or have the instance joined to the domain) so the share opens with Kerberos.',
  );
  if (opts.readOnly) plan.warnings.push('A Windows drive mapping cannot be made read-only: access is decided by the share and NTFS permissions of your account.');
  return plan;
}

export function smbPlan(ctx: Ctx, t: SmbTarget, methodPrefix: string): Plan {
  return ctx.opts.client === 'windows' ? smbWindowsPlan(ctx, t, methodPrefix) : smbLinuxPlan(ctx, t, methodPrefix);
}

export function windowsPlan(ctx: Ctx): Plan {
  const { info, opts } = ctx;
  const host = info.fsx?.windowsDnsName ?? info.mount.dnsName;
  const share = opts.windowsShare ?? 'share';
  if (!host) {
    const plan = emptyPlan(opts.client === 'windows' ? 'smb-windows' : 'smb', opts.client === 'windows' ? 'powershell' : 'bash');
    plan.warnings.push(`The DNS name of ${info.id} is unknown (DescribeFileSystems did not report it); find it in the FSx console under Network & security.`);
    if (plan.language === 'bash') {
      plan.mount = failLines(`the DNS name of ${info.id} is unknown`);
      plan.persist = plan.mount;
    } else {
      plan.mount = [ps`throw ${`prism-storage: the DNS name of ${info.id} is unknown`}`];
      plan.persist = plan.mount;
    }
    return plan;
  }
  return smbPlan(ctx, { host, share, id: info.id, doc: WINDOWS_SHARE_DOC }, 'smb');
}
