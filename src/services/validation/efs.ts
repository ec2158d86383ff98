// EFS CreateFileSystem, PutLifecycleConfiguration, CreateMountTarget and CreateAccessPoint rules.
import type { EfsConfig } from '../types.js';
import { type FieldError, type ValidationContext, validateEnum, validateIntRange, validateKms, validateSecurityGroups, validateSubnets } from './common.js';
import { oneOf, q } from './format.js';
import {
  EFS_AP_PATH,
  EFS_AP_PATH_MAX,
  EFS_LIFECYCLE_VALUES,
  EFS_MAX_SGS_PER_MOUNT_TARGET,
  EFS_PROVISIONED_MIBPS,
  efsLifecycleDays,
  KNOWN_REGIONS,
  POSIX_ID_MAX,
  POSIX_PERMISSIONS,
} from './rules.js';
import { groupDigits } from '../format.js';

export function validateEfs(c: EfsConfig, region: string, ctx?: ValidationContext): FieldError[] {
  const errs: FieldError[] = [];
  const oneZone = typeof c.availabilityZoneName === 'string' && c.availabilityZoneName !== '';
  errs.push(...validateEnum('performanceMode', c.performanceMode, ['generalPurpose', 'maxIO'], 'Performance mode'));
  errs.push(...validateEnum('throughputMode', c.throughputMode, ['elastic', 'bursting', 'provisioned'], 'Throughput mode'));

  if (c.performanceMode === 'maxIO') {
    if (oneZone) errs.push({ field: 'performanceMode', message: 'Max I/O is not available on One Zone file systems: choose General Purpose, or make the file system Regional.' });
    else if (c.throughputMode === 'elastic') errs.push({ field: 'performanceMode', message: 'Elastic throughput works only with General Purpose performance mode: choose General Purpose (recommended), or bursting or provisioned throughput.' });
  }

  if (c.throughputMode === 'provisioned') {
    errs.push(...validateIntRange('provisionedThroughputMiBps', c.provisionedThroughputMiBps, EFS_PROVISIONED_MIBPS.min, EFS_PROVISIONED_MIBPS.max, 'Provisioned throughput', 'MiB/s'));
  } else if (c.provisionedThroughputMiBps !== undefined) {
    errs.push({ field: 'provisionedThroughputMiBps', message: 'A throughput amount applies only to provisioned throughput mode: clear it, or choose provisioned.' });
  }

  errs.push(...validateKms('kmsKeyId', c.kmsKeyId, c.encrypted));

  if (oneZone) {
    const az = c.availabilityZoneName as string;
    if (KNOWN_REGIONS.has(region) && !az.startsWith(region)) errs.push({ field: 'availabilityZoneName', message: `Availability Zone ${q(az)} is not in ${region}: pick a zone of ${region} for One Zone storage.` });
    else if (ctx?.availabilityZones?.length && !ctx.availabilityZones.includes(az)) {
      errs.push({ field: 'availabilityZoneName', message: `Availability Zone ${q(az)} is not available to this account: pick ${oneOf(ctx.availabilityZones)}.` });
    }
  }

  errs.push(...lifecycleErrors(c));

  errs.push(
    ...validateSubnets(
      c.subnetIds,
      oneZone
        ? { field: 'subnetIds', min: 1, max: 1, countText: 'A One Zone file system takes exactly one mount target, in its own zone: choose one subnet', az: c.availabilityZoneName, region }
        : { field: 'subnetIds', min: 1, max: 64, countText: 'Clients reach EFS through mount targets: choose at least one subnet, one per Availability Zone', distinctAz: true, region },
      ctx,
    ),
  );
  errs.push(...validateSecurityGroups('securityGroupIds', c.securityGroupIds, { max: EFS_MAX_SGS_PER_MOUNT_TARGET, subnetIds: c.subnetIds ?? [] }, ctx));
  if (c.accessPoint) errs.push(...accessPointErrors(c.accessPoint));
  return errs;
}

function lifecycleErrors(c: EfsConfig): FieldError[] {
  const errs: FieldError[] = [];
  const ia = c.transitionToIA || undefined;
  const ar = c.transitionToArchive || undefined;
  if (ia !== undefined && !EFS_LIFECYCLE_VALUES.includes(ia)) {
    errs.push({ field: 'transitionToIA', message: `Move-to-Infrequent-Access ${q(ia)} is not an EFS lifecycle value: choose ${oneOf(EFS_LIFECYCLE_VALUES)}.` });
  }
  if (ar !== undefined) {
    if (!EFS_LIFECYCLE_VALUES.includes(ar)) {
      errs.push({ field: 'transitionToArchive', message: `Move-to-Archive ${q(ar)} is not an EFS lifecycle value: choose ${oneOf(EFS_LIFECYCLE_VALUES)}.` });
    } else if (c.throughputMode !== 'elastic' || c.performanceMode !== 'generalPurpose') {
      errs.push({ field: 'transitionToArchive', message: 'Archive storage needs Elastic throughput and General Purpose mode: switch to those, or turn Archive off.' });
    } else if (ia !== undefined && EFS_LIFECYCLE_VALUES.includes(ia)) {
      const dIa = efsLifecycleDays(ia) ?? 0;
      const dAr = efsLifecycleDays(ar) ?? 0;
      if (dAr <= dIa) {
        const later = EFS_LIFECYCLE_VALUES.find((v) => (efsLifecycleDays(v) ?? 0) > dIa);
        errs.push({
          field: 'transitionToArchive',
          message: `Files move to Archive only after Infrequent Access, so Archive must come later than ${ia}${later ? `: choose ${later} or later` : ': turn Archive off'}.`,
        });
      }
    }
  }
  return errs;
}

function accessPointErrors(ap: NonNullable<EfsConfig['accessPoint']>): FieldError[] {
  const errs: FieldError[] = [];
  const p = ap.path;
  if (typeof p !== 'string' || !p.startsWith('/')) {
    errs.push({ field: 'accessPoint.path', message: `The access point path must be absolute, starting with "/": try /${typeof p === 'string' ? p.replace(/^\/*/, '') || 'data' : 'data'}.` });
  } else if (p.length > EFS_AP_PATH_MAX) {
    errs.push({ field: 'accessPoint.path', message: `The access point path may be at most ${EFS_AP_PATH_MAX} characters: shorten it by ${p.length - EFS_AP_PATH_MAX}.` });
  } else if (p.split('/').filter(Boolean).length > 4) {
    errs.push({ field: 'accessPoint.path', message: 'The access point path may have at most four directory levels (like /a/b/c/d): shorten it.' });
  } else if (!EFS_AP_PATH.test(p)) {
    errs.push({
      field: 'accessPoint.path',
      message: 'Access point path parts may not start with "." or contain $ # < > ; ` | & ? { } ^ * or empty parts: use plain names such as /projects/alpha.',
    });
  }
  for (const k of ['uid', 'gid'] as const) {
    const v = ap[k];
    if (!Number.isInteger(v) || v < 0 || v > POSIX_ID_MAX) {
      errs.push({ field: `accessPoint.${k}`, message: `The POSIX ${k === 'uid' ? 'user' : 'group'} id must be a whole number from 0 to ${groupDigits(POSIX_ID_MAX)}: try 1000.` });
    }
  }
  if (typeof ap.permissions !== 'string' || !POSIX_PERMISSIONS.test(ap.permissions)) {
    errs.push({ field: 'accessPoint.permissions', message: `Permissions must be 3 or 4 octal digits (0-7) such as 755 or 0750, not ${q(ap.permissions ?? '')}.` });
  }
  return errs;
}
