// Checks shared by every kind: the request's name, region, tags and idempotency token, and the
// network pieces (subnets, security groups, KMS keys) several kinds take.
import { sanitize } from '../sanitize.js';
import type { StorageRequest, StorageType } from '../types.js';
import { allOf, isInt, n, oneOf, q } from './format.js';
import {
  CLIENT_TOKEN,
  KMS_KEY_ID,
  KNOWN_REGIONS,
  SECURITY_GROUP_ID,
  SUBNET_ID,
  TAG_CHARS,
  TAG_KEY_MAX,
  TAG_VALUE_MAX,
  TAGS_MAX,
} from './rules.js';

export interface FieldError {
  field: string;
  message: string;
}

/**
 * What validation may know about the account (a subset of the wizard's AccountContext).
 * Without it, checks that need the account (which zone a subnet is in) are skipped.
 */
export interface ValidationContext {
  availabilityZones?: string[];
  subnets?: { id: string; az: string; vpcId: string }[];
  securityGroups?: { id: string; vpcId: string }[];
  directories?: { id: string }[];
  instances?: { id: string; az: string; state: string }[];
}

const SERVICE_WORD: Record<StorageType, string> = {
  ebs: 'EBS',
  efs: 'EFS',
  s3: 'S3',
  'fsx-lustre': 'FSx',
  'fsx-openzfs': 'FSx',
  'fsx-windows': 'FSx',
  'fsx-ontap': 'FSx',
};

export function validateCommon(req: StorageRequest): FieldError[] {
  const errs: FieldError[] = [];
  const type = req.config?.type;
  const strictChars = type !== undefined && type !== 'ebs'; // EFS, FSx and S3 restrict tag characters
  const name = typeof req.name === 'string' ? req.name : '';

  if (name.trim() === '') {
    errs.push({ field: 'name', message: 'A name is required: it becomes the Name tag you will see in every list.' });
  } else if (sanitize(name) !== name) {
    errs.push({ field: 'name', message: 'The name contains control characters: type plain text only.' });
  } else if ([...name].length > TAG_VALUE_MAX) {
    errs.push({ field: 'name', message: `The name becomes the Name tag, which allows at most ${TAG_VALUE_MAX} characters: shorten it by ${[...name].length - TAG_VALUE_MAX}.` });
  } else if (strictChars && !TAG_CHARS.test(name)) {
    errs.push({ field: 'name', message: `${SERVICE_WORD[type]} names (Name tags) may use only letters, numbers, spaces and _ . : / = + - @: remove ${q(firstBad(name))}.` });
  }

  if (typeof req.region !== 'string' || !KNOWN_REGIONS.has(req.region)) {
    errs.push({ field: 'region', message: `Region ${q(req.region ?? '')} is not a known AWS Region: use a code such as us-east-1 or eu-west-1.` });
  }

  const tags = req.tags && typeof req.tags === 'object' ? Object.entries(req.tags) : [];
  const count = tags.length + (tags.some(([k]) => k === 'Name') ? 0 : 1);
  if (count > TAGS_MAX) {
    errs.push({ field: 'tags', message: `A resource can have at most ${TAGS_MAX} tags including Name: remove ${count - TAGS_MAX}.` });
  }
  for (const [k, v] of tags) {
    const value = typeof v === 'string' ? v : String(v);
    if (k.trim() === '') errs.push({ field: 'tags', message: 'A tag key is empty: give every tag a key or remove it.' });
    else if ([...k].length > TAG_KEY_MAX) errs.push({ field: 'tags', message: `Tag key ${q(k)} is longer than ${TAG_KEY_MAX} characters: shorten it.` });
    else if (/^aws:/i.test(k)) errs.push({ field: 'tags', message: `Tag key ${q(k)} starts with "aws:", which AWS reserves: choose another key.` });
    else if (strictChars && !TAG_CHARS.test(k)) errs.push({ field: 'tags', message: `Tag key ${q(k)} may use only letters, numbers, spaces and _ . : / = + - @: remove ${q(firstBad(k))}.` });
    if ([...value].length > TAG_VALUE_MAX) errs.push({ field: 'tags', message: `The value of tag ${q(k)} is longer than ${TAG_VALUE_MAX} characters: shorten it.` });
    else if (/^aws:/i.test(value)) errs.push({ field: 'tags', message: `The value of tag ${q(k)} starts with "aws:", which AWS reserves: change it.` });
    else if (strictChars && !TAG_CHARS.test(value)) errs.push({ field: 'tags', message: `The value of tag ${q(k)} may use only letters, numbers, spaces and _ . : / = + - @: remove ${q(firstBad(value))}.` });
  }

  if (req.clientToken !== undefined && !CLIENT_TOKEN.test(req.clientToken)) {
    errs.push({ field: 'clientToken', message: 'The idempotency token must be 1 to 63 letters, digits, dots, hyphens or underscores: let the tool generate it.' });
  }
  return errs;
}

function firstBad(s: string): string {
  for (const ch of s) if (!TAG_CHARS.test(ch)) return ch;
  return '';
}

// ---------------------------------------------------------------------------
// Network and encryption pieces

export function validateKms(field: string, kmsKeyId: string | undefined, encrypted: boolean | undefined): FieldError[] {
  if (kmsKeyId === undefined || kmsKeyId === '') return [];
  if (encrypted === false) return [{ field, message: 'A KMS key only applies to encrypted storage: turn encryption on or clear the key.' }];
  if (!KMS_KEY_ID.test(kmsKeyId)) {
    return [{ field, message: `KMS key ${q(kmsKeyId)} is not a key id, alias or ARN: pick a key from the list or type alias/your-key.` }];
  }
  return [];
}

export interface SubnetRule {
  field: string;
  /** Exact count, or a range. */
  min: number;
  max: number;
  /** Why the count is what it is, e.g. "MULTI_AZ_1 needs two subnets, one per file server". */
  countText: string;
  /** Every subnet in a different AZ. */
  distinctAz?: boolean;
  /** Every subnet in this AZ. */
  az?: string;
  region: string;
}

export function validateSubnets(ids: unknown, rule: SubnetRule, ctx?: ValidationContext): FieldError[] {
  const list = Array.isArray(ids) ? ids.filter((s): s is string => typeof s === 'string' && s !== '') : [];
  const f = rule.field;
  if (list.length < rule.min || list.length > rule.max) {
    return [{ field: f, message: `${rule.countText}: you chose ${list.length}.` }];
  }
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  for (const id of list) {
    if (seen.has(id)) errs.push({ field: f, message: `Subnet ${q(id)} is listed twice: choose each subnet once.` });
    seen.add(id);
    if (!SUBNET_ID.test(id)) errs.push({ field: f, message: `${q(id)} is not a subnet id (subnet-0123456789abcdef0): pick one from the list.` });
  }
  if (errs.length > 0 || !ctx?.subnets?.length) return errs;

  const known = new Map(ctx.subnets.map((s) => [s.id, s]));
  const found = list.map((id) => known.get(id));
  list.forEach((id, i) => {
    if (!found[i]) errs.push({ field: f, message: `Subnet ${q(id)} was not found in ${rule.region}: pick one from the list.` });
  });
  if (errs.length > 0) return errs;
  const subnets = found as { id: string; az: string; vpcId: string }[];
  const vpcs = new Set(subnets.map((s) => s.vpcId));
  if (vpcs.size > 1) errs.push({ field: f, message: `The subnets are in different VPCs (${allOf([...vpcs])}): choose subnets of one VPC.` });
  if (rule.az) {
    for (const s of subnets) {
      if (s.az !== rule.az) errs.push({ field: f, message: `Subnet ${s.id} is in ${s.az}, but this storage lives in ${rule.az}: choose a subnet in ${rule.az}.` });
    }
  }
  if (rule.distinctAz) {
    const byAz = new Map<string, string[]>();
    for (const s of subnets) byAz.set(s.az, [...(byAz.get(s.az) ?? []), s.id]);
    for (const [az, members] of byAz) {
      if (members.length > 1) errs.push({ field: f, message: `Subnets ${allOf(members)} are all in ${az}, and only one per Availability Zone is allowed: keep one of them.` });
    }
  }
  return errs;
}

export function validatePreferredSubnet(field: string, preferred: string | undefined, subnetIds: string[], required: boolean, deployment: string): FieldError[] {
  if (!preferred) {
    return required ? [{ field, message: `${deployment} needs a preferred subnet for the active file server: choose one of the two subnets.` }] : [];
  }
  if (!subnetIds.includes(preferred)) {
    return [{ field, message: `The preferred subnet ${q(preferred)} is not one of the chosen subnets: pick one of ${oneOf(subnetIds.length ? subnetIds : ['the chosen subnets'])}.` }];
  }
  return [];
}

export function validateSecurityGroups(
  field: string,
  ids: unknown,
  opts: { max: number; subnetIds: string[]; required?: boolean },
  ctx?: ValidationContext,
): FieldError[] {
  const list = Array.isArray(ids) ? ids.filter((s): s is string => typeof s === 'string' && s !== '') : [];
  if (list.length === 0) {
    return opts.required ? [{ field, message: 'Choose at least one security group that allows the storage protocol from your clients.' }] : [];
  }
  const errs: FieldError[] = [];
  if (list.length > opts.max) errs.push({ field, message: `At most ${n(opts.max)} security groups are allowed here: remove ${list.length - opts.max}.` });
  if (new Set(list).size !== list.length) errs.push({ field, message: 'A security group is listed twice: choose each group once.' });
  for (const id of list) {
    if (!SECURITY_GROUP_ID.test(id)) errs.push({ field, message: `${q(id)} is not a security group id (sg-0123456789abcdef0): pick one from the list.` });
  }
  if (errs.length > 0 || !ctx?.securityGroups?.length) return errs;
  const groups = new Map(ctx.securityGroups.map((g) => [g.id, g]));
  const subnetVpc = ctx.subnets?.find((s) => opts.subnetIds.includes(s.id))?.vpcId;
  for (const id of list) {
    const g = groups.get(id);
    if (!g) errs.push({ field, message: `Security group ${q(id)} was not found: pick one from the list.` });
    else if (subnetVpc && g.vpcId !== subnetVpc) {
      errs.push({ field, message: `Security group ${id} belongs to ${g.vpcId}, but the subnets are in ${subnetVpc}: choose a group of ${subnetVpc}.` });
    }
  }
  return errs;
}

/** Whole number in [min, max]; `what` names the field ("Storage capacity"), `unit` follows numbers. */
export function validateIntRange(field: string, v: unknown, min: number, max: number, what: string, unit: string, context = ''): FieldError[] {
  const u = unit ? ` ${unit}` : '';
  const ctxText = context ? ` for ${context}` : '';
  if (typeof v !== 'number' || !Number.isFinite(v)) return [{ field, message: `${what}${ctxText} is required: enter a number from ${n(min)} to ${n(max)}${u}.` }];
  if (!isInt(v)) return [{ field, message: `${what} must be a whole number${u ? ` of${u}` : ''}: try ${n(Math.min(max, Math.max(min, Math.round(v))))}.` }];
  if (v < min || v > max) {
    return [{ field, message: `${what}${ctxText} must be between ${n(min)} and ${n(max)}${u}: try ${n(v < min ? min : max)}.` }];
  }
  return [];
}

export function validateEnum<T extends string>(field: string, v: unknown, allowed: readonly T[], what: string): FieldError[] {
  if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return [];
  return [{ field, message: `${what} ${q(v ?? '')} is not valid: choose ${oneOf(allowed)}.` }];
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
export function isIPv4(s: string): boolean {
  return IPV4.test(s);
}
export function isIPv6(s: string): boolean {
  if (!/^[0-9a-fA-F:]+$/.test(s) || !s.includes(':')) return false;
  const dbl = s.split('::');
  if (dbl.length > 2) return false;
  const groups = s.split(':').filter((g) => g !== '');
  if (groups.some((g) => g.length > 4)) return false;
  return dbl.length === 2 ? groups.length < 8 : groups.length === 8;
}
