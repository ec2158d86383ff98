// Step 1 of the wizard: from what the storage is for and what it must do, the kind to create.
// Pure: the same purpose and needs always give the same answer.
import type { StorageType, Workload } from '../types.js';
import { groupDigits } from '../format.js';

export type Purpose = Workload;

export interface Needs {
  /** How much data, in GiB. */
  capacityGiB: number;
  /** Aggregate throughput the workload needs, in MB/s. */
  throughputMBps?: number;
  /** How many hosts use the data at once (1 = a single instance). */
  sharedBy: number;
  /** Clients expect POSIX semantics (Linux paths, uid/gid, rename, locks). */
  posix: boolean;
  /** Windows clients mount it (SMB). */
  windowsClients: boolean;
  /** The data lives for days or weeks and can be recreated (scratch). */
  shortLived?: boolean;
}

export interface KindRecommendation {
  type: StorageType;
  /** The variant to preselect: EBS volume type, FSx deployment type, EFS mode, S3 lifecycle preset. */
  variant: string;
  /** One line, e.g. "FSx for Lustre SCRATCH_2: 1.2 TB minimum, 200 MB/s per TiB, cheapest for short-lived training data". */
  reason: string;
  alternatives: { type: StorageType; why: string }[];
}

/** From this aggregate rate across many clients, a parallel file system (Lustre) serves a shared POSIX workload better and cheaper than NFS. */
const PARALLEL_FS_MBPS = 3_000;
/** From this many clients, a shared Windows or NAS deployment is worth a standby file server. */
const TEAM_WIDE = 20;

export function recommendKind(purpose: Purpose, needs: Needs): KindRecommendation {
  const shared = needs.sharedBy > 1;
  const short = needs.shortLived === true;
  const thr = needs.throughputMBps ?? 0;
  const smallNote = needs.capacityGiB < 1_200 ? ' (1.2 TB minimum)' : '';

  // Windows clients decide first: only SMB servers serve them well.
  if (needs.windowsClients || purpose === 'windows-shares') {
    if (needs.posix && needs.windowsClients) {
      return {
        type: 'fsx-ontap',
        variant: needs.sharedBy >= TEAM_WIDE ? 'MULTI_AZ_1' : 'SINGLE_AZ_1',
        reason: 'FSx for NetApp ONTAP: the same data over NFS for Linux and SMB for Windows, with snapshots',
        alternatives: [
          { type: 'fsx-windows', why: 'Windows-only clients: simpler SMB shares joined to Active Directory' },
          { type: 'efs', why: 'Linux-only clients: no directory to join, pay per GB used' },
        ],
      };
    }
    const variant = needs.sharedBy >= TEAM_WIDE ? 'MULTI_AZ_1' : 'SINGLE_AZ_2';
    return {
      type: 'fsx-windows',
      variant,
      reason: `FSx for Windows File Server ${variant}: SMB shares joined to your Active Directory, from 32 GiB`,
      alternatives: [
        { type: 'fsx-ontap', why: 'Linux clients too: NFS and SMB on the same data' },
        { type: 's3', why: 'Files only archived, not opened in place: far cheaper per GB' },
      ],
    };
  }

  if (purpose === 'enterprise-nas') {
    const variant = needs.sharedBy >= TEAM_WIDE ? 'MULTI_AZ_1' : 'SINGLE_AZ_1';
    return {
      type: 'fsx-ontap',
      variant,
      reason: `FSx for NetApp ONTAP ${variant}: NFS and SMB, snapshots, clones and tiering of cold data`,
      alternatives: [
        { type: 'efs', why: 'Plain NFS with no capacity to plan: pay per GB used' },
        { type: 'fsx-openzfs', why: 'NFS with sub-millisecond latency and cheap snapshots' },
      ],
    };
  }

  if (purpose === 'archive') {
    return {
      type: 's3',
      variant: 'archive-after-90',
      reason: 'S3 with a move to Glacier after 90 days: the cheapest durable home for data read rarely',
      alternatives: [
        { type: 'efs', why: 'Tools need a mounted POSIX path: EFS with Archive storage' },
        { type: 'ebs', why: 'One host only: an sc1 volume, the cheapest block storage' },
      ],
    };
  }

  const wantsParallel = shared && needs.posix && thr >= PARALLEL_FS_MBPS;
  if (purpose === 'hpc-scratch' || (purpose === 'ml-training' && short) || (wantsParallel && short)) {
    return {
      type: 'fsx-lustre',
      variant: 'SCRATCH_2',
      reason: `FSx for Lustre SCRATCH_2${smallNote}: 200 MB/s per TiB, cheapest for short-lived ${purpose === 'ml-training' ? 'training data' : 'scratch data'}`,
      alternatives: [
        { type: 'fsx-lustre', why: 'Data must survive a server failure: PERSISTENT_2' },
        { type: 'efs', why: 'Under 1.2 TB or modest throughput: EFS One Zone, no minimum size' },
        { type: 's3', why: 'Results to keep: copy them to S3 before deleting the scratch space' },
      ],
    };
  }

  if (purpose === 'ml-training' || wantsParallel) {
    return {
      type: 'fsx-lustre',
      variant: 'PERSISTENT_2',
      reason: `FSx for Lustre PERSISTENT_2${smallNote}: replicated SSD, 125-1,000 MB/s per TiB, for data read repeatedly`,
      alternatives: [
        { type: 's3', why: 'Datasets streamed once per epoch: S3 with Mountpoint, no servers' },
        { type: 'efs', why: 'Small datasets or few readers: EFS Elastic, pay per use' },
      ],
    };
  }

  if (purpose === 'database') {
    if (shared) {
      return {
        type: 'fsx-openzfs',
        variant: 'SINGLE_AZ_1',
        reason: 'FSx for OpenZFS: sub-millisecond NFS with snapshots and clones for databases several hosts share',
        alternatives: [
          { type: 'ebs', why: 'One database host: an EBS gp3 or io2 volume is simpler' },
          { type: 'fsx-ontap', why: 'SMB or iSCSI too, and replication to another region' },
        ],
      };
    }
    const io2 = thr > 2_000;
    return {
      type: 'ebs',
      variant: io2 ? 'io2' : 'gp3',
      reason: io2
        ? 'EBS io2: up to 256,000 IOPS and 4,000 MB/s with sub-millisecond latency on one host'
        : 'EBS gp3: 3,000 IOPS and 125 MiB/s included, up to 80,000 IOPS and 2,000 MiB/s, one host',
      alternatives: [
        { type: 'ebs', why: io2 ? 'Less demanding: gp3 costs far less per IOPS' : 'Steady sub-millisecond latency: io2 Block Express' },
        { type: 'fsx-openzfs', why: 'Several hosts, or snapshots and clones for test copies' },
      ],
    };
  }

  if (purpose === 'home-directories') {
    return {
      type: 'efs',
      variant: 'elastic',
      reason: 'EFS Elastic, Regional: POSIX home directories that grow and shrink, pay per GB used',
      alternatives: [
        { type: 'fsx-openzfs', why: 'Lower latency for builds and small files, with user quotas' },
        { type: 'fsx-ontap', why: 'Home directories for Windows users as well' },
      ],
    };
  }

  // general
  if (!shared) {
    return {
      type: 'ebs',
      variant: 'gp3',
      reason: 'EBS gp3: a disk for one instance, 3,000 IOPS and 125 MiB/s included',
      alternatives: [
        { type: 'efs', why: 'Several instances need the same files' },
        { type: 's3', why: 'Objects read by applications, not a mounted disk' },
      ],
    };
  }
  if (!needs.posix) {
    return {
      type: 's3',
      variant: 'intelligent-tiering',
      reason: 'S3 Intelligent-Tiering: objects for any number of readers, moved to cheaper tiers as they cool',
      alternatives: [{ type: 'efs', why: 'Applications need a mounted file system' }],
    };
  }
  return {
    type: 'efs',
    variant: short ? 'one-zone' : 'elastic',
    reason: short ? 'EFS One Zone, Elastic: shared POSIX files at about half the Regional price' : 'EFS Elastic, Regional: shared POSIX files for many instances, pay per GB used',
    alternatives: [
      { type: 'fsx-openzfs', why: 'Lower latency and snapshots for busy shared workspaces' },
      { type: 'fsx-lustre', why: `More than ${groupDigits(PARALLEL_FS_MBPS)} MB/s across many clients` },
    ],
  };
}
