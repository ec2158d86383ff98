// Which way to mount an S3 bucket, following the architecture document's rule:
// sequential big-data reads -> Mountpoint for Amazon S3; POSIX semantics needed -> s3fs;
// random access -> goofys; anything else -> rclone. The user may always override it.
import type { S3Method } from './types.js';

export interface S3Needs {
  sequentialBigReads?: boolean;
  posix?: boolean;
  randomAccess?: boolean;
}

export function recommendS3Method(needs: S3Needs): { method: S3Method; reason: string } {
  if (needs.sequentialBigReads) {
    return {
      method: 'mountpoint',
      reason: 'Sequential reads of large objects: Mountpoint for Amazon S3 (supported by AWS) reads with many parallel ranged GETs for the highest throughput. It cannot rename, append or edit files in place.',
    };
  }
  if (needs.posix) {
    return {
      method: 's3fs',
      reason: 'POSIX semantics needed: s3fs keeps modes, owners, symlinks and allows random writes and appends (each change rewrites the whole object).',
    };
  }
  if (needs.randomAccess) {
    return {
      method: 'goofys',
      reason: 'Random access: goofys favours performance over POSIX for reads at any offset. It is unmaintained (last release 2020): consider Mountpoint for Amazon S3 if reads dominate.',
    };
  }
  return {
    method: 'rclone',
    reason: 'General use: rclone mount with a local VFS cache handles mixed reads and writes with the broadest application compatibility.',
  };
}
