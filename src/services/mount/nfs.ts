// NFS mounts: FSx for OpenZFS volumes, FSx for ONTAP volumes (and EFS without the helper,
// see efs.ts). The plan shape is shared; the options come from each service's guide.
import { validationError } from '../types.js';
import { fstabAddLines, fstabLine, fstabRemoveLines, mountIfNeeded, pkgInstall, unlessInstalled, unmountLines } from './common.js';
import type { Ctx } from './context.js';
import { roSuffix } from './context.js';
import { sh } from './quote.js';
import { emptyPlan, type Plan } from './render.js';
import type { OsFamily } from './types.js';

/** The NFS client package; mount.nfs is its helper. */
export function nfsClientInstall(os: OsFamily): string[] {
  return unlessInstalled('mount.nfs', 'the NFS client', pkgInstall(os, [os === 'ubuntu' ? 'nfs-common' : 'nfs-utils']));
}

export interface NfsMount {
  method: string;
  /** host:/path */
  source: string;
  fsType: 'nfs' | 'nfs4';
  /** Options for `mount -o` (without ro). */
  options: string[];
  /** Extra options for the fstab entry only (e.g. _netdev). */
  fstabExtra: string[];
}

export function nfsPlan(ctx: Ctx, m: NfsMount): Plan {
  const { opts } = ctx;
  const plan = emptyPlan(m.method);
  const mp = opts.mountPoint;
  const ro = roSuffix(opts);
  plan.install = nfsClientInstall(opts.os);
  plan.mount = mountIfNeeded(mp, [sh`mount -t ${m.fsType} -o ${m.options.join(',') + ro} ${m.source} ${mp}`]);
  const line = fstabLine([m.source, mp, m.fsType, [...m.options, ...m.fstabExtra].join(',') + ro, '0', '0']);
  plan.persist = fstabAddLines(line, mp);
  plan.unmount = [...unmountLines(mp), ...fstabRemoveLines(line)];
  return plan;
}

// ---------------------------------------------------------------------------
// FSx for OpenZFS.

const OPENZFS_MOUNT_DOC = 'https://docs.aws.amazon.com/fsx/latest/OpenZFSGuide/attach-linux-client.html';
const OPENZFS_PERF_DOC = 'https://docs.aws.amazon.com/fsx/latest/OpenZFSGuide/performance.html#performance-tips-zfs';

/**
 * Largest rsize/wsize an OpenZFS file system accepts, by provisioned throughput (MB/s):
 * "file systems with 64 MB/s and 128 MB/s of provisioned throughput ... will only accept a
 * maximum rsize of 262144 and 524288 bytes, respectively"; otherwise 1048576 is recommended.
 * Source: https://docs.aws.amazon.com/fsx/latest/OpenZFSGuide/performance.html#other-mount-options
 */
export function openZfsMaxIoSize(throughputMBps: number | undefined): number {
  if (throughputMBps !== undefined && throughputMBps <= 64) return 262144;
  if (throughputMBps !== undefined && throughputMBps <= 128) return 524288;
  return 1048576;
}

/**
 * nconnect (up to 16 TCP connections per mount) "is included by default in Linux kernel
 * versions 5.3 and above" (OPENZFS_PERF_DOC). Amazon Linux 2 still ships 4.14 kernels, so
 * it is left out there; AL2023 (6.1+), current Ubuntu and RHEL 8.3+ have it.
 */
export const NCONNECT_SUPPORTED: Record<OsFamily, boolean> = { al2023: true, ubuntu: true, rhel: true, al2: false };

export function openZfsPlan(ctx: Ctx): Plan {
  const { info, opts, resource } = ctx;
  const volumes = info.mount.openZfsVolumes;
  let path = '/fsx';
  let volumeName = 'root volume';
  if (opts.openZfsVolumeId) {
    if (!volumes) {
      throw validationError(`The volumes of ${info.id} are not loaded, so volume ${opts.openZfsVolumeId} cannot be checked`, 'Refresh the file system (DescribeVolumes) or mount the root volume.', resource);
    }
    const v = volumes.find((x) => x.id === opts.openZfsVolumeId);
    if (!v) throw validationError(`Volume ${opts.openZfsVolumeId} is not a volume of ${info.id}`, `Pick one of: ${volumes.map((x) => `${x.id} (${x.volumePath})`).join(', ') || 'none listed'}.`, resource);
    path = v.volumePath;
    volumeName = v.name;
  } else {
    const root = volumes?.find((x) => x.id === info.fsx?.rootVolumeId) ?? volumes?.find((x) => x.volumePath === '/fsx');
    if (root) path = root.volumePath;
  }
  const dns = info.mount.dnsName;
  const version = opts.nfsVersion ?? '4.1';
  const io = openZfsMaxIoSize(info.throughputMBps);
  const options = [`nfsvers=${version}`, ...(NCONNECT_SUPPORTED[opts.os] ? ['nconnect=16'] : []), `rsize=${io}`, `wsize=${io}`, 'timeo=600'];
  if (!dns) {
    throw validationError(`The DNS name of ${info.id} is unknown`, 'Refresh the file system; DescribeFileSystems reports DNSName once it is available.', resource);
  }
  const plan = nfsPlan(ctx, { method: 'nfs', source: `${dns}:${path}`, fsType: 'nfs', options, fstabExtra: ['_netdev'] });
  plan.notes.push(
    `Mounts ${volumeName} at ${path} over NFS v${version} (OpenZFS supports v3, v4.0, v4.1 and v4.2; v3 can give lower latency, v4.x better locking and read delegations): ${OPENZFS_PERF_DOC}`,
    `rsize/wsize ${io}${info.throughputMBps === undefined ? ' (throughput capacity unknown: 64 and 128 MB/s file systems accept at most 262144 / 524288)' : ''}, timeo=600 and _netdev as recommended: ${OPENZFS_PERF_DOC}`,
    `Mount and /etc/fstab steps: ${OPENZFS_MOUNT_DOC}`,
  );
  if (!NCONNECT_SUPPORTED[opts.os]) plan.notes.push('nconnect=16 is left out on Amazon Linux 2: it needs kernel 5.3 or newer. On an AL2 instance running kernel 5.10, add nconnect=16 for more throughput per client.');
  if (!volumes && !opts.openZfsVolumeId) plan.notes.push('The volume list was not loaded: mounting the root volume path /fsx.');
  return plan;
}
