// FSx for NetApp ONTAP: NFS to an SVM's NFS endpoint and a volume's junction path, SMB
// where the SVM is joined to Active Directory, or iSCSI (initiator + multipath) for LUNs.
import type { OntapSvm, OntapVolume } from '../types.js';
import { validationError } from '../types.js';
import { failLines, indent, pkgInstall, say, unlessInstalled } from './common.js';
import type { Ctx } from './context.js';
import { nfsPlan } from './nfs.js';
import { sh } from './quote.js';
import { emptyPlan, type Plan } from './render.js';
import { smbPlan } from './smb.js';
import type { OsFamily } from './types.js';

const NFS_DOC = 'https://docs.aws.amazon.com/fsx/latest/ONTAPGuide/attach-linux-client.html';
const SMB_DOC = 'https://docs.aws.amazon.com/fsx/latest/ONTAPGuide/attach-windows-client.html';
const ISCSI_DOC = 'https://docs.aws.amazon.com/fsx/latest/ONTAPGuide/mount-iscsi-luns-linux.html';

/** The SVM and volume the options name, or sensible defaults; throws on unknown ids. */
export function pickOntap(ctx: Ctx): { svm: OntapSvm; volume?: OntapVolume } {
  const { info, opts, resource } = ctx;
  const svms = info.mount.svms;
  if (!svms?.length) {
    throw validationError(`No storage virtual machines are known for ${info.id}`, 'Refresh the file system (DescribeStorageVirtualMachines) or create an SVM first.', resource);
  }
  let svm: OntapSvm | undefined;
  if (opts.ontapSvmId) {
    svm = svms.find((s) => s.id === opts.ontapSvmId);
    if (!svm) throw validationError(`SVM ${opts.ontapSvmId} is not an SVM of ${info.id}`, `Pick one of: ${svms.map((s) => `${s.id} (${s.name})`).join(', ')}.`, resource);
  } else {
    svm = svms.find((s) => s.nfsDnsName) ?? svms[0];
  }
  let volume: OntapVolume | undefined;
  if (opts.ontapVolumeId) {
    volume = svm.volumes.find((v) => v.id === opts.ontapVolumeId);
    if (!volume) {
      throw validationError(`Volume ${opts.ontapVolumeId} is not a volume of SVM ${svm.id}`, `Pick one of: ${svm.volumes.map((v) => `${v.id} (${v.junctionPath ?? 'no junction path'})`).join(', ') || 'none listed'}.`, resource);
    }
  } else {
    volume = svm.volumes.find((v) => v.junctionPath && v.junctionPath !== '/') ?? svm.volumes.find((v) => v.junctionPath);
  }
  return { svm, volume };
}

// iSCSI initiator packages. Source: ISCSI_DOC ("sudo yum install -y device-mapper-multipath
// iscsi-initiator-utils"); Ubuntu ships the same tools as open-iscsi and multipath-tools.
const ISCSI_PACKAGES: Record<OsFamily, string[]> = {
  al2023: ['device-mapper-multipath', 'iscsi-initiator-utils'],
  al2: ['device-mapper-multipath', 'iscsi-initiator-utils'],
  rhel: ['device-mapper-multipath', 'iscsi-initiator-utils'],
  ubuntu: ['open-iscsi', 'multipath-tools'],
};

/** Resolve the SVM's iSCSI endpoint and discover its target (sets $prism_portal, $prism_target). */
function iscsiTargetLines(endpoint: string): string[] {
  return [
    sh`prism_portal="$(getent ahostsv4 ${endpoint} | awk 'NR == 1 { print $1 }')"`,
    'if [ -z "$prism_portal" ]; then',
    ...indent(failLines(`cannot resolve the iSCSI endpoint ${endpoint}`)),
    'fi',
    'prism_target="$(iscsiadm --mode discovery --op update --type sendtargets --portal "$prism_portal" | awk \'NR == 1 { print $2 }\')"',
    'if [ -z "$prism_target" ]; then',
    ...indent(failLines(`no iSCSI target answered at ${endpoint}; check the security group (TCP 3260) and that the SVM has iSCSI LIFs`)),
    'fi',
  ];
}

function iscsiPlan(ctx: Ctx, svm: OntapSvm): Plan {
  const { opts, resource } = ctx;
  const endpoint = svm.iscsiDnsName;
  if (!endpoint) throw validationError(`SVM ${svm.id} has no iSCSI endpoint`, 'Choose NFS or SMB for this SVM, or pick an SVM with iSCSI interfaces.', resource);
  const plan = emptyPlan('iscsi');
  const rpm = opts.os !== 'ubuntu';
  plan.install = [
    ...unlessInstalled('iscsiadm', 'the iSCSI initiator', pkgInstall(opts.os, ISCSI_PACKAGES[opts.os])),
    // Fail over between file servers quickly when multipath is used (ISCSI_DOC: 5 instead of 120).
    "sed -i 's/node.session.timeo.replacement_timeout = .*/node.session.timeo.replacement_timeout = 5/' /etc/iscsi/iscsid.conf",
    'systemctl enable --now iscsid',
    rpm ? 'mpathconf --enable --with_multipathd y' : 'systemctl enable --now multipathd',
  ];
  plan.mount = [
    ...iscsiTargetLines(endpoint),
    "printf 'prism-storage: initiator name of this host (map it to the LUN with an igroup on the SVM): %s\\n' \"$(cat /etc/iscsi/initiatorname.iscsi)\"",
    'if iscsiadm --mode session 2>/dev/null | grep -qF -- "$prism_target"; then',
    `  ${say('already logged in to the target')}`,
    'else',
    // Four sessions per initiator per ONTAP node (ISCSI_DOC): up to ~20 Gb/s from one client.
    '  iscsiadm --mode node -T "$prism_target" --op update -n node.session.nr_sessions -v 4',
    '  iscsiadm --mode node -T "$prism_target" --login',
    'fi',
    'multipath -ll',
  ];
  plan.persist = [...iscsiTargetLines(endpoint), 'iscsiadm --mode node -T "$prism_target" --op update -n node.startup -v automatic', 'systemctl enable iscsid multipathd'];
  plan.unmount = [
    ...iscsiTargetLines(endpoint),
    'if iscsiadm --mode session 2>/dev/null | grep -qF -- "$prism_target"; then',
    '  iscsiadm --mode node -T "$prism_target" --logout',
    'fi',
  ];
  plan.notes.push(
    `iSCSI steps from ${ISCSI_DOC}: install the initiator and multipath, discover the SVM's target, open 4 sessions per file server, log in.`,
    `Before logging in, map the LUN to this host on the SVM (ONTAP CLI): lun igroup create -vserver ${svm.name} -igroup <igroup> -initiator <initiator name printed above> -protocol iscsi -ostype linux, then lun mapping create -vserver ${svm.name} -path /vol/<volume>/<lun> -igroup <igroup>.`,
    'The LUN then appears under /dev/mapper (multipath -ll); give it an alias in /etc/multipath.conf, create a file system only if it is new, and mount it with _netdev in /etc/fstab.',
  );
  if (opts.readOnly) plan.warnings.push('Read-only applies to file mounts; an iSCSI login exposes the LUN as a block device (mount its file system with -o ro).');
  if (opts.mountPoint) plan.notes.push(`The mount point ${opts.mountPoint} is not used by the iSCSI steps: it is where you mount the LUN's file system afterwards.`);
  return plan;
}

export function ontapPlan(ctx: Ctx): Plan {
  const { opts, resource } = ctx;
  const { svm, volume } = pickOntap(ctx);
  const protocol = opts.ontapProtocol ?? 'nfs';
  if (protocol === 'iscsi') return iscsiPlan(ctx, svm);
  if (protocol === 'smb' && !svm.activeDirectory) {
    throw validationError(`SVM ${svm.name} is not joined to Active Directory, so it serves no SMB shares`, 'Mount over NFS, or join the SVM to Active Directory first.', resource);
  }
  if (!volume?.junctionPath) {
    throw validationError(`No mountable volume (with a junction path) on SVM ${svm.name}`, 'Create a volume with a junction path, or pick another SVM or volume.', resource);
  }
  if (protocol === 'smb') {
    const host = svm.smbDnsName;
    if (!host) throw validationError(`SVM ${svm.name} has no SMB endpoint DNS name`, 'Refresh the SVM (DescribeStorageVirtualMachines) once it is joined to the domain.', resource);
    const share = opts.windowsShare ?? volume.name;
    const plan = smbPlan(ctx, { host, share, id: svm.id, doc: SMB_DOC }, 'smb');
    plan.notes.push(`The share "${share}" must exist on the SVM (ONTAP: vserver cifs share create -vserver ${svm.name} -share-name ${share} -path ${volume.junctionPath}).`);
    return plan;
  }
  const host = svm.nfsDnsName;
  if (!host) throw validationError(`SVM ${svm.name} has no NFS endpoint DNS name`, 'Refresh the SVM (DescribeStorageVirtualMachines) or pick another SVM.', resource);
  const version = opts.nfsVersion ?? '3';
  const plan = nfsPlan(ctx, { method: 'nfs', source: `${host}:${volume.junctionPath}`, fsType: 'nfs', options: [`nfsvers=${version}`], fstabExtra: ['_netdev'] });
  plan.notes.push(
    `NFS v${version} to SVM ${svm.name}, volume ${volume.name} at junction path ${volume.junctionPath}: ${NFS_DOC}`,
    'FSx for ONTAP supports NFS v3, v4.0, v4.1 and v4.2; v4.x must be enabled on the SVM (vserver nfs modify). Keep the default hard mount for smooth failover.',
  );
  if (volume.securityStyle && volume.securityStyle.toUpperCase() === 'NTFS') plan.warnings.push(`Volume ${volume.name} has the NTFS security style; Linux clients work best with UNIX or MIXED.`);
  return plan;
}
