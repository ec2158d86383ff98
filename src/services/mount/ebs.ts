// Amazon EBS: find the volume's device (NVMe serial on Nitro, Xen device names otherwise),
// create a file system ONLY when the volume holds none, mount it, persist it by UUID.
import { validationError } from '../types.js';
import { failLines, fstabAddVariableLines, fstabRemoveVariableLines, indent, mkdirLine, pkgInstall } from './common.js';
import type { Ctx } from './context.js';
import { fstabEscape, sh } from './quote.js';
import { emptyPlan, type Plan } from './render.js';

const USING_DOC = 'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-using-volumes.html';
const NVME_DOC = 'https://docs.aws.amazon.com/ebs/latest/userguide/identify-nvme-ebs-device.html';
const NAMING_DOC = 'https://docs.aws.amazon.com/ebs/latest/userguide/device_naming.html';

/**
 * On Nitro instances EBS volumes are NVMe devices whose serial is the volume id without its
 * dash; udev links /dev/disk/by-id/nvme-Amazon_Elastic_Block_Store_<serial> (NVME_DOC).
 */
export function nvmeByIdPath(volumeId: string): string {
  return `/dev/disk/by-id/nvme-Amazon_Elastic_Block_Store_${volumeId.replace('-', '')}`;
}

/** Xen instances rename /dev/sdX to /dev/xvdX (NAMING_DOC): try both. */
export function xenCandidates(device: string): string[] {
  const m = /^\/dev\/(?:sd|xvd)([a-z]{1,2}\d*)$/.exec(device);
  return m ? [`/dev/xvd${m[1]}`, `/dev/sd${m[1]}`] : [device];
}

export function ebsCandidates(ctx: Ctx): string[] {
  const { info, opts, resource } = ctx;
  if (opts.ebsDevice) {
    if (!opts.ebsDevice.startsWith('/')) {
      throw validationError(`"${opts.ebsDevice}" is not a device path`, 'Give the device as an absolute path such as /dev/xvdf or /dev/nvme1n1.', resource);
    }
    return [opts.ebsDevice];
  }
  const out = [nvmeByIdPath(info.id)];
  for (const a of info.mount.ebsAttachments ?? []) for (const c of xenCandidates(a.device)) if (!out.includes(c)) out.push(c);
  return out;
}

/** Sets $prism_dev to the volume's block device, or stops. */
function deviceLines(ctx: Ctx, candidates: readonly string[]): string[] {
  return [
    "prism_dev=''",
    sh`for prism_candidate in ${candidates}; do`,
    '  if [ -e "$prism_candidate" ]; then prism_dev="$(readlink -f -- "$prism_candidate")"; break; fi',
    'done',
    'if [ -z "$prism_dev" ]; then',
    ...indent(failLines(`volume ${ctx.info.id} is not attached to this instance (looked for ${candidates.join(', ')})`)),
    'fi',
    'if ! lsblk -dn -o NAME -- "$prism_dev" >/dev/null 2>&1; then',
    "  printf 'prism-storage: %s is not a block device\\n' \"$prism_dev\" >&2",
    '  exit 1',
    'fi',
  ];
}

/** Reads the file-system and partition-table signatures into $prism_fstype / $prism_pttype. */
const PROBE_LINES = [
  'prism_probe="$(blkid -p -o export -- "$prism_dev" 2>/dev/null || true)"',
  "prism_fstype=''",
  "prism_pttype=''",
  "while IFS='=' read -r prism_key prism_value; do",
  '  case "$prism_key" in',
  '    TYPE) prism_fstype="$prism_value" ;;',
  '    PTTYPE) prism_pttype="$prism_value" ;;',
  '  esac',
  'done <<< "$prism_probe"',
];

export function ebsPlan(ctx: Ctx): Plan {
  const { info, opts } = ctx;
  const fsType = opts.ebsFsType ?? 'xfs';
  const plan = emptyPlan(`ebs-${fsType}`);
  const mp = opts.mountPoint;
  const candidates = ebsCandidates(ctx);
  const snapshot = info.ebs?.snapshotId;
  // Formatting is possible only for a blank volume that is not a snapshot restore and is not mounted read-only.
  const mayFormat = !snapshot && !opts.readOnly;

  plan.install = pkgInstall(opts.os, [fsType === 'xfs' ? 'xfsprogs' : 'e2fsprogs', 'file']);

  const formatBranch = mayFormat
    ? [
        // Second, independent check from the EBS guide: `file -s` prints "data" for a device with no file system.
        'prism_kind="$(file -s -L -b -- "$prism_dev")"',
        'if [ "$prism_kind" != data ]; then',
        "  printf 'prism-storage: blkid found no file system on %s but file -s reports \"%s\"; refusing to format it\\n' \"$prism_dev\" \"$prism_kind\" >&2",
        '  exit 1',
        'fi',
        `printf 'prism-storage: %s is blank: creating an ${fsType} file system\\n' "$prism_dev"`,
        `mkfs -t ${fsType} "$prism_dev"`,
      ]
    : failLines(
        snapshot
          ? `no file system found on ${info.id}, which was restored from ${snapshot}; refusing to format a restored volume`
          : `no file system found on ${info.id}, and a read-only mount never creates one`,
      );

  plan.mount = [
    ...deviceLines(ctx, candidates),
    sh`if mountpoint -q -- ${mp}; then`,
    sh`  printf 'prism-storage: %s is already a mount point; nothing to do\\n' ${mp}`,
    'elif findmnt -rn -S "$prism_dev" >/dev/null 2>&1; then',
    "  printf 'prism-storage: %s is already mounted elsewhere:\\n' \"$prism_dev\" >&2",
    '  findmnt -rn -S "$prism_dev" >&2',
    '  exit 1',
    'else',
    ...indent(PROBE_LINES),
    '  if [ -n "$prism_pttype" ]; then',
    "    printf 'prism-storage: %s holds a %s partition table: refusing to format or mount the whole disk; mount its partition by hand\\n' \"$prism_dev\" \"$prism_pttype\" >&2",
    '    exit 1',
    '  fi',
    '  if [ -z "$prism_fstype" ]; then',
    ...indent(formatBranch, '    '),
    '  else',
    "    printf 'prism-storage: %s already holds a %s file system: mounting it as is\\n' \"$prism_dev\" \"$prism_fstype\"",
    '  fi',
    `  ${mkdirLine(mp)}`,
    opts.readOnly ? sh`  mount -o ro "$prism_dev" ${mp}` : sh`  mount "$prism_dev" ${mp}`,
    'fi',
  ];

  // /etc/fstab by file-system UUID with defaults,nofail (USING_DOC): device names change
  // between boots and instance types; nofail lets the instance boot without the volume.
  const lineLines = [
    ...deviceLines(ctx, candidates),
    'prism_uuid="$(blkid -p -s UUID -o value -- "$prism_dev" || true)"',
    'prism_type="$(blkid -p -s TYPE -o value -- "$prism_dev" || true)"',
    'if [ -z "$prism_uuid" ] || [ -z "$prism_type" ]; then',
    "  printf 'prism-storage: %s has no file system UUID yet: run the mount step first\\n' \"$prism_dev\" >&2",
    '  exit 1',
    'fi',
    sh`prism_mp=${fstabEscape(mp)}`,
    `prism_line="UUID=$prism_uuid $prism_mp $prism_type defaults,nofail${opts.readOnly ? ',ro' : ''} 0 2"`,
  ];
  plan.persist = [...lineLines, ...fstabAddVariableLines('prism_line', mp)];
  plan.unmount = [
    sh`if mountpoint -q -- ${mp}; then umount -- ${mp}; fi`,
    sh`prism_mp=${fstabEscape(mp)}`,
    // The entry is found by mount point and removed only when it is a UUID= entry this script could have written.
    'prism_line="$(MP="$prism_mp" awk \'$1 ~ /^UUID=/ && $2 == ENVIRON["MP"] { print; exit }\' /etc/fstab)"',
    'if [ -n "$prism_line" ]; then',
    ...indent(fstabRemoveVariableLines('prism_line')),
    'fi',
  ];

  const attachments = info.mount.ebsAttachments ?? [];
  if (!attachments.length) plan.warnings.push(`${info.id} is not attached to any instance: attach it (aws ec2 attach-volume) before running this script.`);
  if (attachments.length > 1) plan.warnings.push(`${info.id} is attached to ${attachments.length} instances (Multi-Attach): xfs and ext4 are not cluster file systems; mounting them on several instances at once corrupts data.`);
  if (opts.instanceAz && info.availabilityZone && opts.instanceAz !== info.availabilityZone) {
    plan.warnings.push(`${info.id} is in ${info.availabilityZone} and the instance in ${opts.instanceAz}: an EBS volume attaches only to instances in its own AZ.`);
  }
  if (snapshot) plan.notes.push(`${info.id} was created from ${snapshot}: its data is kept; the script never formats it.`);
  plan.notes.push(
    `The script formats (mkfs -t ${fsType}) only a volume on which blkid finds neither a file system nor a partition table and file -s reports "data"; otherwise it mounts the existing file system or stops: ${USING_DOC}`,
    `Device lookup: ${candidates.join(' then ')} (${NVME_DOC}, ${NAMING_DOC}).`,
    `/etc/fstab entry by UUID with defaults,nofail 0 2 (${USING_DOC}).`,
  );
  return plan;
}
