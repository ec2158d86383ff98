// EBS CreateVolume (and optional AttachVolume) rules; tables and sources in rules.ts.
import type { EbsConfig } from '../types.js';
import { type FieldError, type ValidationContext, validateKms } from './common.js';
import { isInt, n, oneOf, q, tryValues } from './format.js';
import { clampToRange } from './nearest.js';
import { EBS_DEVICE, EBS_TYPES, EBS_VOLUME_TYPES, ebsMaxIops, ebsMaxThroughput, INSTANCE_ID, KNOWN_REGIONS } from './rules.js';

export function validateEbs(c: EbsConfig, region: string, ctx?: ValidationContext): FieldError[] {
  const errs: FieldError[] = [];
  const rule = EBS_TYPES[c.volumeType];
  if (!rule) {
    errs.push({ field: 'volumeType', message: `Volume type ${q(c.volumeType ?? '')} is not an EBS volume type: choose ${oneOf(EBS_VOLUME_TYPES)}.` });
  } else {
    errs.push(...sizeErrors(c, rule.label, rule.minGiB, rule.maxGiB));
    errs.push(...iopsErrors(c));
    errs.push(...throughputErrors(c));
  }
  errs.push(...zoneErrors(c.availabilityZone, region, ctx));
  errs.push(...validateKms('kmsKeyId', c.kmsKeyId, c.encrypted));
  errs.push(...attachErrors(c, ctx));
  return errs;
}

function sizeErrors(c: EbsConfig, label: string, min: number, max: number): FieldError[] {
  const v = c.sizeGiB;
  if (typeof v !== 'number' || !Number.isFinite(v)) return [{ field: 'sizeGiB', message: `Size is required for a ${label} volume: enter ${n(min)} to ${n(max)} GiB.` }];
  if (!isInt(v)) return [{ field: 'sizeGiB', message: `Size must be a whole number of GiB${tryValues(clampToRange(v, min, max))}.` }];
  if (v < min || v > max) return [{ field: 'sizeGiB', message: `Size for ${label} must be between ${n(min)} and ${n(max)} GiB${tryValues(clampToRange(v, min, max))}.` }];
  return [];
}

function iopsErrors(c: EbsConfig): FieldError[] {
  const rule = EBS_TYPES[c.volumeType];
  const r = rule.iops;
  const v = c.iops;
  if (!r) {
    return v === undefined ? [] : [{ field: 'iops', message: `${rule.label} volumes take no provisioned IOPS: clear IOPS, or choose gp3, io1 or io2.` }];
  }
  const sizeOk = isInt(c.sizeGiB) && c.sizeGiB >= rule.minGiB && c.sizeGiB <= rule.maxGiB;
  const maxForSize = sizeOk ? (ebsMaxIops(c.volumeType, c.sizeGiB) ?? r.max) : r.max;
  if (v === undefined) {
    if (!r.required) return [];
    const suggest = Math.max(r.min, Math.min(maxForSize, 3_000));
    return [{ field: 'iops', message: `${rule.label} volumes need provisioned IOPS: enter ${n(r.min)} to ${n(maxForSize)}, for example ${n(suggest)}.` }];
  }
  if (!isInt(v)) return [{ field: 'iops', message: `IOPS must be a whole number${tryValues(clampToRange(v, r.min, maxForSize))}.` }];
  if (v < r.min || v > r.max) return [{ field: 'iops', message: `IOPS for ${rule.label} must be between ${n(r.min)} and ${n(r.max)}: try ${n(v < r.min ? r.min : Math.min(r.max, maxForSize))}.` }];
  if (sizeOk && v > maxForSize) {
    const neededGiB = Math.ceil(v / r.perGiB);
    const grow = neededGiB <= rule.maxGiB ? ` or grow the volume to ${n(neededGiB)} GiB` : '';
    return [{
      field: 'iops',
      message: `IOPS for ${rule.label} may be at most ${n(r.perGiB)} per GiB (${n(maxForSize)} for ${n(c.sizeGiB)} GiB): lower IOPS to ${n(maxForSize)}${grow}.`,
    }];
  }
  return [];
}

function throughputErrors(c: EbsConfig): FieldError[] {
  const rule = EBS_TYPES[c.volumeType];
  const t = rule.throughput;
  const v = c.throughputMBps;
  if (v === undefined) return [];
  if (!t) return [{ field: 'throughputMBps', message: `${rule.label} volumes take no provisioned throughput: clear throughput, or choose gp3.` }];
  if (!isInt(v)) return [{ field: 'throughputMBps', message: `Throughput must be a whole number of MiB/s${tryValues(clampToRange(v, t.min, t.max))}.` }];
  if (v < t.min || v > t.max) return [{ field: 'throughputMBps', message: `Throughput for ${rule.label} must be between ${n(t.min)} and ${n(t.max)} MiB/s: try ${n(v < t.min ? t.min : t.max)}.` }];
  const iops = isInt(c.iops) ? c.iops : (rule.iops?.baseline ?? 0);
  const max = ebsMaxThroughput(c.volumeType, iops) ?? t.max;
  if (v > max) {
    const neededIops = Math.ceil(v / t.perIops);
    return [{
      field: 'throughputMBps',
      message: `Throughput for ${rule.label} may be at most ${t.perIops} MiB/s per provisioned IOPS (${n(max)} MiB/s at ${n(iops)} IOPS): lower throughput to ${n(max)} or raise IOPS to ${n(neededIops)}.`,
    }];
  }
  return [];
}

function zoneErrors(az: string, region: string, ctx?: ValidationContext): FieldError[] {
  const known = KNOWN_REGIONS.has(region); // an unknown region is reported once, on the region field
  if (typeof az !== 'string' || az.trim() === '') {
    return [{ field: 'availabilityZone', message: known ? `An EBS volume lives in one Availability Zone, so one is required: pick a zone of ${region}, such as ${region}a.` : 'An EBS volume lives in one Availability Zone, so one is required: pick one.' }];
  }
  if (!known) return [];
  if (!az.startsWith(region) || !/^[a-z0-9-]+[a-z]$/.test(az)) {
    return [{ field: 'availabilityZone', message: `Availability Zone ${q(az)} is not in ${region}: pick a zone of ${region}, such as ${region}a.` }];
  }
  const zones = ctx?.availabilityZones ?? [];
  if (zones.length > 0 && !zones.includes(az)) {
    return [{ field: 'availabilityZone', message: `Availability Zone ${q(az)} is not available to this account: pick ${oneOf(zones)}.` }];
  }
  return [];
}

function attachErrors(c: EbsConfig, ctx?: ValidationContext): FieldError[] {
  const errs: FieldError[] = [];
  const inst = c.attachToInstanceId;
  if (inst) {
    if (!INSTANCE_ID.test(inst)) {
      errs.push({ field: 'attachToInstanceId', message: `${q(inst)} is not an instance id (i-0123456789abcdef0): pick an instance from the list.` });
    } else {
      const found = ctx?.instances?.find((i) => i.id === inst);
      if (found && (found.state === 'terminated' || found.state === 'shutting-down')) {
        errs.push({ field: 'attachToInstanceId', message: `Instance ${inst} is ${found.state}, so nothing can be attached to it: pick a running or stopped instance.` });
      } else if (found && c.availabilityZone && found.az !== c.availabilityZone) {
        errs.push({
          field: 'attachToInstanceId',
          message: `Instance ${inst} is in ${found.az} but the volume would be in ${c.availabilityZone}, and EBS attaches only within one zone: create the volume in ${found.az}.`,
        });
      }
    }
    if (!c.device) errs.push({ field: 'device', message: 'Attaching needs a device name: use /dev/sdf through /dev/sdp.' });
  }
  if (c.device) {
    if (!inst) errs.push({ field: 'device', message: 'A device name only applies when attaching: choose an instance, or clear the device.' });
    else if (!EBS_DEVICE.test(c.device)) errs.push({ field: 'device', message: `Device name ${q(c.device)} is not one EC2 recommends for EBS volumes: use /dev/sdf through /dev/sdp.` });
  }
  return errs;
}
