// Amazon EFS: the EFS mount helper (amazon-efs-utils) with TLS, optional IAM and access
// points, or plain NFSv4.1 with the documented options. Checks that a mount target exists
// in the instance's Availability Zone.
import { dnsSuffix } from '../aws/util.js';
import type { EfsMountTarget } from '../types.js';
import { validationError } from '../types.js';
import { fstabAddLines, fstabLine, fstabRemoveLines, mountIfNeeded, pkgInstall, unlessInstalled, unmountLines } from './common.js';
import type { Ctx } from './context.js';
import { roSuffix } from './context.js';
import { nfsPlan } from './nfs.js';
import { sh } from './quote.js';
import { emptyPlan, type Plan } from './render.js';
import type { OsFamily } from './types.js';

const HELPER_DOC = 'https://docs.aws.amazon.com/efs/latest/ug/efs-mount-helper.html';
const INSTALL_DOC = 'https://docs.aws.amazon.com/efs/latest/ug/installing-amazon-efs-utils.html';
const BUILD_DOC = 'https://github.com/aws/efs-utils#on-other-linux-distributions';
const FSTAB_DOC = 'https://docs.aws.amazon.com/efs/latest/ug/mount-fs-auto-mount-onreboot.html';
const IAM_DOC = 'https://docs.aws.amazon.com/efs/latest/ug/mounting-IAM-option.html';
const ACCESS_POINT_DOC = 'https://docs.aws.amazon.com/efs/latest/ug/mounting-access-points.html';
const NFS_DOC = 'https://docs.aws.amazon.com/efs/latest/ug/mounting-fs-nfs-mount-settings.html';
const NFS_FSTAB_DOC = 'https://docs.aws.amazon.com/efs/latest/ug/nfs-automount-efs.html';

// NFS options for EFS without the helper: "nfsvers=4.1,rsize=1048576,wsize=1048576,hard,
// timeo=600,retrans=2,noresvport" (1048576 is the largest rsize/wsize EFS accepts; noresvport
// lets the client reconnect on a new source port). Source: NFS_DOC and NFS_FSTAB_DOC.
export const EFS_NFS_OPTIONS = ['rsize=1048576', 'wsize=1048576', 'hard', 'timeo=600', 'retrans=2', 'noresvport'] as const;

// amazon-efs-utils: from the Amazon Linux repositories, built from source elsewhere.
// Build prerequisites (efs-utils v2: Rust, Go, CMake, a C/C++ compiler) from the efs-utils
// build guide: https://github.com/aws/efs-utils (BUILD_DOC / docs/build-from-source).
const EFS_UTILS_BUILD_DEPS: Record<'ubuntu' | 'rhel', string[]> = {
  ubuntu: ['git', 'binutils', 'rustc', 'cargo', 'libssl-dev', 'pkg-config', 'gettext', 'make', 'gcc', 'g++', 'cmake', 'wget', 'perl', 'golang'],
  rhel: ['git', 'rpm-build', 'make', 'rust', 'cargo', 'openssl-devel', 'gcc', 'gcc-c++', 'cmake', 'wget', 'perl', 'golang'],
};

export function efsUtilsInstall(os: OsFamily): string[] {
  let lines: string[];
  if (os === 'al2023' || os === 'al2') {
    lines = pkgInstall(os, ['amazon-efs-utils']);
  } else {
    const build = os === 'ubuntu' ? './build-deb.sh' : 'make rpm';
    const pkg = os === 'ubuntu' ? '"$prism_build"/efs-utils/build/amazon-efs-utils*deb' : '"$prism_build"/efs-utils/build/amazon-efs-utils*rpm';
    lines = [
      ...pkgInstall(os, EFS_UTILS_BUILD_DEPS[os]),
      'prism_build="$(mktemp -d)"',
      'git clone --depth 1 https://github.com/aws/efs-utils "$prism_build/efs-utils"',
      `(cd "$prism_build/efs-utils" && ${build})`,
      os === 'ubuntu' ? `apt-get install -y ${pkg}` : `dnf install -y ${pkg}`,
      'rm -rf -- "$prism_build"',
    ];
  }
  return unlessInstalled('mount.efs', 'amazon-efs-utils', lines);
}

function available(targets: readonly EfsMountTarget[] | undefined): EfsMountTarget[] {
  return (targets ?? []).filter((t) => t.state.toLowerCase() === 'available');
}

/**
 * Where to connect from the instance's AZ. The file system DNS name resolves to the mount
 * target in the client's own AZ; with none there, the client must name another AZ's target
 * (mount helper: az=; NFS: the AZ-specific name az.fs-id.efs.region.amazonaws.com).
 */
export function efsPlacement(ctx: Ctx): { crossAz?: EfsMountTarget; warnings: string[] } {
  const { info, opts } = ctx;
  const warnings: string[] = [];
  const all = info.mount.efsMountTargets;
  const ready = available(all);
  if (all && ready.length === 0) {
    warnings.push(`${info.id} has no available mount target, so nothing can mount it yet; create one in the instance's subnet (aws efs create-mount-target).`);
    return { warnings };
  }
  if (!opts.instanceAz || !all) return { warnings };
  if (ready.some((t) => t.availabilityZone === opts.instanceAz)) return { warnings };
  const other = ready.find((t) => t.availabilityZone);
  if (!other) return { warnings };
  warnings.push(
    `${info.id} has no mount target in ${opts.instanceAz} (the instance's AZ); the script mounts through the target in ${other.availabilityZone}, which adds cross-AZ latency and data transfer charges and fails if that AZ is down. Create a mount target in ${opts.instanceAz} to avoid this.`,
  );
  return { crossAz: other, warnings };
}

function efsUtilsPlan(ctx: Ctx): Plan {
  const { info, opts, resource } = ctx;
  const plan = emptyPlan('efs-utils');
  const mp = opts.mountPoint;
  const iam = opts.efsIam ?? true;
  const ap = opts.efsAccessPointId;
  if (ap) {
    const known = info.mount.efsAccessPoints;
    if (known && !known.some((a) => a.id === ap)) {
      throw validationError(`Access point ${ap} is not an access point of ${info.id}`, `Pick one of: ${known.map((a) => a.id).join(', ') || 'none exist'}.`, resource);
    }
    if (!known && !/^fsap-[0-9a-f]{8,40}$/.test(ap)) throw validationError(`"${ap}" is not an EFS access point id`, 'Access point ids look like fsap-0123456789abcdef0.', resource);
  }
  const { crossAz, warnings } = efsPlacement(ctx);
  plan.warnings.push(...warnings);
  const options = ['tls', ...(iam ? ['iam'] : []), ...(ap ? [`accesspoint=${ap}`] : []), ...(crossAz?.availabilityZone ? [`az=${crossAz.availabilityZone}`] : [])];
  const ro = roSuffix(opts);
  const source = `${info.id}:/`;
  plan.install = efsUtilsInstall(opts.os);
  plan.mount = mountIfNeeded(mp, [sh`mount -t efs -o ${options.join(',') + ro} ${source} ${mp}`]);
  const line = fstabLine([source, mp, 'efs', ['_netdev', 'noresvport', ...options].join(',') + ro, '0', '0']);
  plan.persist = fstabAddLines(line, mp);
  plan.unmount = [...unmountLines(mp), ...fstabRemoveLines(line)];
  plan.notes.push(
    `EFS mount helper with TLS (encryption in transit)${iam ? ' and IAM authorization with the instance role' : ''}: ${HELPER_DOC}`,
    `Boot-time mount (_netdev, noresvport, tls${iam ? ', iam' : ''}): ${FSTAB_DOC}`,
    opts.os === 'al2023' || opts.os === 'al2'
      ? `amazon-efs-utils comes from the Amazon Linux repositories: ${INSTALL_DOC}`
      : `amazon-efs-utils is built from source on this OS (Rust, Go and CMake toolchains; several minutes, 2 vCPU / 4 GiB recommended): ${BUILD_DOC}`,
  );
  if (ap) plan.notes.push(`Access point ${ap} (requires tls): ${ACCESS_POINT_DOC}`);
  if (iam) plan.notes.push(`IAM authorization (${IAM_DOC}) needs elasticfilesystem:ClientMount (and ClientWrite unless read-only) for the instance role when the file system policy does not already allow it.`);
  return plan;
}

function efsNfsPlan(ctx: Ctx): Plan {
  const { info, opts, resource } = ctx;
  if (opts.efsAccessPointId) throw validationError('EFS access points can only be mounted with the EFS mount helper', 'Choose the efs-utils mode, or mount without an access point.', resource);
  if (opts.efsIam) throw validationError('IAM authorization needs the EFS mount helper (it requires TLS)', 'Choose the efs-utils mode, or turn IAM off for a plain NFS mount.', resource);
  const version = opts.nfsVersion ?? '4.1';
  if (version !== '4.1' && version !== '4.0') throw validationError(`EFS does not serve NFS v${version}`, 'EFS supports NFSv4.0 and NFSv4.1; use 4.1.', resource);
  const { crossAz, warnings } = efsPlacement(ctx);
  const suffix = dnsSuffix(info.region);
  const fsDns = info.mount.dnsName ?? `${info.id}.efs.${info.region}.${suffix}`;
  const host = crossAz?.availabilityZone ? `${crossAz.availabilityZone}.${info.id}.efs.${info.region}.${suffix}` : fsDns;
  const plan = nfsPlan(ctx, { method: 'nfs', source: `${host}:/`, fsType: 'nfs4', options: [`nfsvers=${version}`, ...EFS_NFS_OPTIONS], fstabExtra: ['_netdev'] });
  plan.warnings.push(...warnings);
  plan.notes.push(`NFS options as documented: ${NFS_DOC}; boot-time mount: ${NFS_FSTAB_DOC}`, 'Plain NFS is not encrypted in transit; the efs-utils mode adds TLS, IAM authorization and access points.');
  return plan;
}

export function efsPlan(ctx: Ctx): Plan {
  const plan = (ctx.opts.efsMode ?? 'efs-utils') === 'nfs' ? efsNfsPlan(ctx) : efsUtilsPlan(ctx);
  if (ctx.info.efs?.oneZone && ctx.opts.instanceAz && ctx.info.availabilityZone && ctx.info.availabilityZone !== ctx.opts.instanceAz) {
    plan.warnings.push(`${ctx.info.id} is a One Zone file system in ${ctx.info.availabilityZone}; from ${ctx.opts.instanceAz} every access crosses AZs (latency, data transfer charges).`);
  }
  return plan;
}
