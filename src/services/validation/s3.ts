// S3 general purpose buckets: every naming rule, named in its message (sources in rules.ts).
import type { S3Config } from '../types.js';
import { type FieldError, isIPv4, validateEnum, validateKms } from './common.js';
import { q } from './format.js';
import { KNOWN_REGIONS, S3_RESERVED_PREFIXES, S3_RESERVED_SUFFIXES } from './rules.js';

/** The first naming rule `name` breaks, as one sentence saying what to do; null when the name is valid. */
export function validateBucketName(name: string): string | null {
  if (typeof name !== 'string' || name.length === 0) return 'A bucket name is required: use 3 to 63 lowercase letters, numbers, dots or hyphens.';
  if (name.length < 3 || name.length > 63) {
    return `Bucket names must be between 3 and 63 characters long (this one has ${name.length}): ${name.length < 3 ? 'lengthen' : 'shorten'} it.`;
  }
  const bad = [...name].find((ch) => !/[a-z0-9.-]/.test(ch));
  if (bad !== undefined) {
    const hint = /[A-Z]/.test(bad) ? 'use lowercase letters' : /[_ ]/.test(bad) ? 'use a hyphen instead' : 'remove it';
    return `Bucket names may contain only lowercase letters, numbers, dots (.) and hyphens (-), and ${q(bad)} is not one: ${hint}.`;
  }
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) return 'Bucket names must begin and end with a letter or number: remove the leading or trailing dot or hyphen.';
  if (name.includes('..')) return 'Bucket names must not contain two adjacent periods: replace ".." with a single dot or a hyphen.';
  if (isIPv4(name)) return 'Bucket names must not be formatted as an IP address (like 192.168.5.4): use words instead.';
  const prefix = S3_RESERVED_PREFIXES.find((p) => name.startsWith(p));
  if (prefix) return `Bucket names must not start with the reserved prefix "${prefix}": choose another beginning.`;
  const suffix = S3_RESERVED_SUFFIXES.find((s) => name.endsWith(s));
  if (suffix) return `Bucket names must not end with the reserved suffix "${suffix}": choose another ending.`;
  return null;
}

/**
 * Advice that does not block creation. Dots: Transfer Acceleration refuses them and virtual-hosted
 * HTTPS certificates do not cover them (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html).
 */
export function bucketNameWarnings(name: string): string[] {
  return typeof name === 'string' && name.includes('.')
    ? ['Dots in a bucket name rule out S3 Transfer Acceleration and break virtual-hosted HTTPS: prefer hyphens.']
    : [];
}

export function validateS3(c: S3Config, requestRegion: string): FieldError[] {
  const errs: FieldError[] = [];
  const nameError = validateBucketName(c.bucketName);
  if (nameError) errs.push({ field: 'bucketName', message: nameError });
  if (typeof c.region !== 'string' || !KNOWN_REGIONS.has(c.region)) {
    errs.push({ field: 'region', message: `Region ${q(c.region ?? '')} is not a known AWS Region for S3 buckets: use a code such as us-east-1 or eu-west-1.` });
  } else if (KNOWN_REGIONS.has(requestRegion) && c.region !== requestRegion) {
    errs.push({ field: 'region', message: `The bucket region ${c.region} differs from the region you are creating in (${requestRegion}): switch to ${c.region} first, or create the bucket in ${requestRegion}.` });
  }
  errs.push(...validateEnum('encryption', c.encryption, ['AES256', 'aws:kms'], 'Encryption'));
  if (c.kmsKeyId && c.encryption !== 'aws:kms') {
    errs.push({ field: 'kmsKeyId', message: 'A KMS key applies only to aws:kms encryption: choose aws:kms, or clear the key.' });
  } else {
    errs.push(...validateKms('kmsKeyId', c.kmsKeyId, true));
  }
  if (c.lifecyclePreset !== undefined) {
    errs.push(...validateEnum('lifecyclePreset', c.lifecyclePreset, ['none', 'intelligent-tiering', 'archive-after-90', 'expire-scratch-30'], 'Lifecycle preset'));
  }
  return errs;
}
