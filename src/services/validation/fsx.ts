// FSx CreateFileSystem rules for Lustre, OpenZFS, Windows File Server and NetApp ONTAP
// (plus the first SVM and volume the wizard creates on ONTAP). Tables and sources in rules.ts.
import type { FsxLustreConfig, FsxOntapConfig, FsxOpenZfsConfig, FsxWindowsConfig } from '../types.js';
import {
  type FieldError,
  isIPv4,
  isIPv6,
  validateEnum,
  validateIntRange,
  validatePreferredSubnet,
  validateSecurityGroups,
  validateSubnets,
  type ValidationContext,
} from './common.js';
import { isInt, oneOf, q, tryValues } from './format.js';
import { neighboursInSet, neighboursInSteps } from './nearest.js';
import {
  DIRECTORY_ID,
  LUSTRE_DEPLOYMENTS,
  lustreCapacityRule,
  lustrePerUnitValues,
  ONTAP_ADMIN_PASSWORD,
  ONTAP_CAPACITY_PER_PAIR,
  ONTAP_DEPLOYMENTS,
  ONTAP_HA_PAIRS,
  ONTAP_JUNCTION_FORBIDDEN,
  ONTAP_JUNCTION_MAX,
  ONTAP_SVM_NAME,
  ONTAP_VOLUME_MIB,
  ONTAP_VOLUME_NAME,
  ontapThroughputValues,
  OPENZFS_CAPACITY,
  OPENZFS_CLIENTS_MAX,
  OPENZFS_COMPRESSION,
  OPENZFS_DEPLOYMENTS,
  OPENZFS_RECORD_SIZES,
  OPENZFS_THROUGHPUT,
  WINDOWS_CAPACITY,
  WINDOWS_DEPLOYMENTS,
  WINDOWS_DNS_IPS,
  WINDOWS_THROUGHPUT,
} from './rules.js';
import { validateBucketName } from './s3.js';

const FSX_MAX_SGS = 50;

/** The deployment type for a message, or a neutral phrase when it is missing or unknown (already reported). */
function depName(v: unknown, allowed: readonly string[]): string {
  return typeof v === 'string' && allowed.includes(v) ? v : 'This deployment type';
}
// Line breaks and the other characters the FSx service model forbids in names and passwords.
const FSX_FORBIDDEN_CHARS = /[\u0000-\u001f\u007f\u0085\u2028\u2029]/;

// ---------------------------------------------------------------------------
// Lustre

export function validateLustre(c: FsxLustreConfig, region: string, ctx?: ValidationContext): FieldError[] {
  const errs: FieldError[] = [];
  const deploymentOk = validateEnum('deploymentType', c.deploymentType, LUSTRE_DEPLOYMENTS, 'Deployment type');
  errs.push(...deploymentOk);
  const persistent = c.deploymentType === 'PERSISTENT_1' || c.deploymentType === 'PERSISTENT_2';
  const storageType = c.storageType ?? 'SSD';

  if (c.storageType !== undefined) errs.push(...validateEnum('storageType', c.storageType, ['SSD', 'HDD'], 'Storage type'));
  if (storageType === 'HDD' && c.deploymentType !== 'PERSISTENT_1') {
    errs.push({ field: 'storageType', message: `HDD storage is available only with PERSISTENT_1, not ${depName(c.deploymentType, LUSTRE_DEPLOYMENTS)}: choose SSD, or PERSISTENT_1.` });
  }
  if (storageType === 'HDD' && c.deploymentType === 'PERSISTENT_1') {
    if (c.driveCacheType === undefined) errs.push({ field: 'driveCacheType', message: 'PERSISTENT_1 HDD file systems need a drive cache setting: choose READ (caches hot files on SSD) or NONE.' });
    else errs.push(...validateEnum('driveCacheType', c.driveCacheType, ['NONE', 'READ'], 'Drive cache'));
  } else if (c.driveCacheType !== undefined) {
    errs.push({ field: 'driveCacheType', message: 'A drive cache applies only to PERSISTENT_1 HDD file systems: clear it.' });
  }

  // Throughput per TiB first: the HDD capacity rule depends on it.
  const perUnit = c.perUnitStorageThroughput;
  const allowed = lustrePerUnitValues({ deploymentType: c.deploymentType, storageType });
  if (deploymentOk.length === 0) {
    if (!persistent) {
      if (perUnit !== undefined) errs.push({ field: 'perUnitStorageThroughput', message: `${c.deploymentType} has no throughput-per-TiB setting: clear it, or choose PERSISTENT_1 or PERSISTENT_2.` });
    } else if (perUnit === undefined || !Number.isFinite(perUnit)) {
      errs.push({ field: 'perUnitStorageThroughput', message: `${c.deploymentType} ${storageType} needs a throughput per TiB: choose ${oneOf(allowed, 'MB/s/TiB')}.` });
    } else if (!allowed.includes(perUnit)) {
      errs.push({
        field: 'perUnitStorageThroughput',
        message: `Throughput per TiB for ${c.deploymentType} ${storageType} must be ${oneOf(allowed, 'MB/s/TiB')}${tryValues(neighboursInSet(allowed, perUnit))}.`,
      });
    }
  }

  const cap = c.storageCapacityGiB;
  const capRule = lustreCapacityRule({ deploymentType: c.deploymentType, storageType, perUnitStorageThroughput: perUnit });
  const capLabel = storageType === 'HDD' && c.deploymentType === 'PERSISTENT_1' ? `PERSISTENT_1 HDD at ${perUnit === 40 ? 40 : 12} MB/s/TiB` : depName(c.deploymentType, LUSTRE_DEPLOYMENTS);
  if (typeof cap !== 'number' || !Number.isFinite(cap)) {
    errs.push({ field: 'storageCapacityGiB', message: `Storage capacity is required: for ${capLabel} enter ${capRule.text}.` });
  } else if (!isInt(cap) || cap <= 0 || !(capRule.fixed.includes(cap) || cap % capRule.step === 0)) {
    errs.push({ field: 'storageCapacityGiB', message: `Storage capacity for ${capLabel} must be ${capRule.text}${tryValues(neighboursInSteps(capRule, cap))}.` });
  }

  errs.push(...validateEnum('dataCompressionType', c.dataCompressionType, ['NONE', 'LZ4'], 'Data compression'));
  errs.push(...repositoryErrors(c));
  errs.push(...validateSubnets(c.subnetId ? [c.subnetId] : [], { field: 'subnetId', min: 1, max: 1, countText: 'FSx for Lustre runs in exactly one subnet: choose one', region }, ctx));
  errs.push(...validateSecurityGroups('securityGroupIds', c.securityGroupIds, { max: FSX_MAX_SGS, subnetIds: c.subnetId ? [c.subnetId] : [] }, ctx));
  return errs;
}

function parseS3Path(p: string): { bucket: string; prefix: string } | null {
  const m = /^s3:\/\/([^/]+)(\/.*)?$/.exec(p);
  return m ? { bucket: m[1], prefix: m[2] ?? '' } : null;
}

function repositoryErrors(c: FsxLustreConfig): FieldError[] {
  const errs: FieldError[] = [];
  const imp = c.importPath || undefined;
  const exp = c.exportPath || undefined;
  if (c.deploymentType === 'PERSISTENT_2' && (imp || exp)) {
    errs.push({
      field: imp ? 'importPath' : 'exportPath',
      message: 'PERSISTENT_2 links S3 through data repository associations, not import/export paths: clear the paths and link the bucket after creation.',
    });
    return errs;
  }
  const parsed: Record<string, ReturnType<typeof parseS3Path>> = {};
  for (const [field, value, word] of [['importPath', imp, 'Import'], ['exportPath', exp, 'Export']] as const) {
    if (value === undefined) continue;
    const p = parseS3Path(value);
    parsed[field] = p;
    if (!p) {
      errs.push({ field, message: `${word} path must look like s3://bucket or s3://bucket/prefix, not ${q(value)}.` });
      continue;
    }
    const bucketError = validateBucketName(p.bucket);
    if (bucketError) errs.push({ field, message: `${word} path bucket ${q(p.bucket)} is not a valid bucket name. ${bucketError}` });
    else if (value.length > 4_357) errs.push({ field, message: `${word} path may be at most 4,357 characters: shorten the prefix.` });
  }
  if (exp && !imp) {
    errs.push({ field: 'exportPath', message: 'An export path needs an import path in the same bucket: set the import path first, or clear the export path.' });
  } else if (parsed.importPath && parsed.exportPath && parsed.importPath.bucket !== parsed.exportPath.bucket) {
    errs.push({ field: 'exportPath', message: `The export path must be in the import bucket (${parsed.importPath.bucket}): use s3://${parsed.importPath.bucket}/your-prefix.` });
  }
  return errs;
}

// ---------------------------------------------------------------------------
// OpenZFS

export function validateOpenZfs(c: FsxOpenZfsConfig, region: string, ctx?: ValidationContext): FieldError[] {
  const errs: FieldError[] = [];
  const dep = validateEnum('deploymentType', c.deploymentType, OPENZFS_DEPLOYMENTS, 'Deployment type');
  errs.push(...dep);
  if (dep.length === 0) {
    const allowed = OPENZFS_THROUGHPUT[c.deploymentType];
    const t = c.throughputCapacityMBps;
    if (!isInt(t) || !allowed.includes(t)) {
      errs.push({
        field: 'throughputCapacityMBps',
        message: `Throughput capacity for ${c.deploymentType} must be ${oneOf(allowed, 'MB/s')}${tryValues(neighboursInSet(allowed, Number.isFinite(t) ? t : allowed[0]))}.`,
      });
    }
  }
  errs.push(...validateIntRange('storageCapacityGiB', c.storageCapacityGiB, OPENZFS_CAPACITY.min, OPENZFS_CAPACITY.max, 'Storage capacity', 'GiB'));
  errs.push(...validateEnum('dataCompressionType', c.dataCompressionType, OPENZFS_COMPRESSION, 'Data compression'));
  if (!isInt(c.recordSizeKiB) || !OPENZFS_RECORD_SIZES.includes(c.recordSizeKiB)) {
    errs.push({
      field: 'recordSizeKiB',
      message: `Record size must be a power of two from 4 to 1,024 KiB${tryValues(neighboursInSet(OPENZFS_RECORD_SIZES, Number.isFinite(c.recordSizeKiB) ? c.recordSizeKiB : 128), 'KiB')} (128 suits most workloads).`,
    });
  }
  errs.push(...nfsClientErrors(c.nfsExportClients));

  const multi = c.deploymentType === 'MULTI_AZ_1';
  errs.push(
    ...validateSubnets(
      c.subnetIds,
      multi
        ? { field: 'subnetIds', min: 2, max: 2, countText: 'MULTI_AZ_1 needs exactly two subnets in different Availability Zones, one per file server', distinctAz: true, region }
        : { field: 'subnetIds', min: 1, max: 1, countText: `${depName(c.deploymentType, OPENZFS_DEPLOYMENTS)} runs in exactly one subnet: choose one`, region },
      ctx,
    ),
  );
  errs.push(...validatePreferredSubnet('preferredSubnetId', c.preferredSubnetId, c.subnetIds ?? [], multi, 'MULTI_AZ_1'));
  errs.push(...validateSecurityGroups('securityGroupIds', c.securityGroupIds, { max: FSX_MAX_SGS, subnetIds: c.subnetIds ?? [] }, ctx));
  return errs;
}

/** NFS export client spec: "*", an IP address or a CIDR block; several separated by commas or spaces. */
export function nfsClientErrors(spec: string): FieldError[] {
  const field = 'nfsExportClients';
  const parts = typeof spec === 'string' ? spec.split(/[\s,]+/).filter(Boolean) : [];
  if (parts.length === 0) return [{ field, message: 'Say who may mount the file system: "*" for any client the security groups allow, or an IP or CIDR such as 10.0.0.0/16.' }];
  for (const p of parts) {
    if (p.length > OPENZFS_CLIENTS_MAX || !/^[ -~]+$/.test(p)) return [{ field, message: `NFS client ${q(p)} is too long or has non-ASCII characters: use "*", an IP or a CIDR such as 10.0.0.0/16.` }];
    if (p === '*') continue;
    const [addr, bits, extra] = p.split('/');
    const v4 = isIPv4(addr);
    const v6 = !v4 && isIPv6(addr);
    const bitsOk = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (v4 ? 32 : 128));
    if (extra !== undefined || (!v4 && !v6) || !bitsOk) {
      return [{ field, message: `NFS client ${q(p)} is not "*", an IP address or a CIDR block: use something like 10.0.0.0/16.` }];
    }
  }
  return [];
}

// ---------------------------------------------------------------------------
// Windows File Server

export function validateWindows(c: FsxWindowsConfig, region: string, ctx?: ValidationContext): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...validateEnum('deploymentType', c.deploymentType, WINDOWS_DEPLOYMENTS, 'Deployment type'));
  const st = validateEnum('storageType', c.storageType, ['SSD', 'HDD'], 'Storage type');
  errs.push(...st);
  if (c.storageType === 'HDD' && c.deploymentType === 'SINGLE_AZ_1') {
    errs.push({ field: 'storageType', message: 'HDD storage needs SINGLE_AZ_2 or MULTI_AZ_1, not SINGLE_AZ_1: choose SSD, or a newer deployment type.' });
  }
  if (st.length === 0) {
    const r = WINDOWS_CAPACITY[c.storageType];
    errs.push(...validateIntRange('storageCapacityGiB', c.storageCapacityGiB, r.min, r.max, 'Storage capacity', 'GiB', `${c.storageType} storage`));
  }
  const t = c.throughputCapacityMBps;
  if (!isInt(t) || !WINDOWS_THROUGHPUT.includes(t)) {
    errs.push({
      field: 'throughputCapacityMBps',
      message: `Throughput capacity must be ${oneOf(WINDOWS_THROUGHPUT, 'MB/s')}${tryValues(neighboursInSet(WINDOWS_THROUGHPUT, Number.isFinite(t) ? t : 32))}.`,
    });
  }
  errs.push(...activeDirectoryErrors(c, ctx));

  const multi = c.deploymentType === 'MULTI_AZ_1';
  errs.push(
    ...validateSubnets(
      c.subnetIds,
      multi
        ? { field: 'subnetIds', min: 2, max: 2, countText: 'MULTI_AZ_1 needs exactly two subnets in different Availability Zones, one per file server', distinctAz: true, region }
        : { field: 'subnetIds', min: 1, max: 1, countText: `${depName(c.deploymentType, WINDOWS_DEPLOYMENTS)} runs in exactly one subnet: choose one`, region },
      ctx,
    ),
  );
  errs.push(...validatePreferredSubnet('preferredSubnetId', c.preferredSubnetId, c.subnetIds ?? [], multi, 'MULTI_AZ_1'));
  errs.push(...validateSecurityGroups('securityGroupIds', c.securityGroupIds, { max: FSX_MAX_SGS, subnetIds: c.subnetIds ?? [] }, ctx));
  return errs;
}

const FQDN = /^(?=.{1,255}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** Never echoes the password: messages describe it by its length only. */
function activeDirectoryErrors(c: FsxWindowsConfig, ctx?: ValidationContext): FieldError[] {
  const managed = typeof c.activeDirectoryId === 'string' && c.activeDirectoryId !== '';
  const self = c.selfManagedAd !== undefined;
  if (managed && self) {
    return [{ field: 'activeDirectoryId', message: 'Join either an AWS Managed Microsoft AD or a self-managed AD, not both: clear one of them.' }];
  }
  if (!managed && !self) {
    return [{ field: 'activeDirectoryId', message: 'FSx for Windows must join an Active Directory: pick an AWS Managed Microsoft AD, or enter your self-managed domain.' }];
  }
  if (managed) {
    const id = c.activeDirectoryId as string;
    if (!DIRECTORY_ID.test(id)) return [{ field: 'activeDirectoryId', message: `${q(id)} is not a directory id (d- followed by 10 hex digits): pick a directory from the list.` }];
    if (ctx?.directories?.length && !ctx.directories.some((d) => d.id === id)) {
      return [{ field: 'activeDirectoryId', message: `Directory ${id} was not found in this region: pick one from the list.` }];
    }
    return [];
  }
  const ad = c.selfManagedAd as NonNullable<FsxWindowsConfig['selfManagedAd']>;
  const errs: FieldError[] = [];
  if (typeof ad.domainName !== 'string' || !FQDN.test(ad.domainName)) {
    errs.push({ field: 'selfManagedAd.domainName', message: 'The domain must be a fully qualified DNS name such as corp.example.com.' });
  }
  const ips = Array.isArray(ad.dnsIps) ? ad.dnsIps.filter((s) => s !== '') : [];
  if (ips.length < WINDOWS_DNS_IPS.min || ips.length > WINDOWS_DNS_IPS.max) {
    errs.push({ field: 'selfManagedAd.dnsIps', message: `Give ${WINDOWS_DNS_IPS.min} to ${WINDOWS_DNS_IPS.max} DNS server or domain controller IP addresses: you gave ${ips.length}.` });
  } else {
    const bad = ips.find((ip) => !isIPv4(ip) && !isIPv6(ip));
    if (bad !== undefined) errs.push({ field: 'selfManagedAd.dnsIps', message: `${q(bad)} is not an IP address: list DNS servers as addresses such as 10.0.0.10.` });
  }
  if (typeof ad.userName !== 'string' || ad.userName.length < 1 || ad.userName.length > 256 || FSX_FORBIDDEN_CHARS.test(ad.userName)) {
    errs.push({ field: 'selfManagedAd.userName', message: 'The service account user name must be 1 to 256 characters on one line: enter the account that may join computers to the domain.' });
  }
  const pw = ad.password;
  if (typeof pw !== 'string' || pw.length < 1 || pw.length > 256 || /[\r\n]/.test(pw)) {
    errs.push({ field: 'selfManagedAd.password', message: 'The service account password must be 1 to 256 characters on one line: enter it again.' });
  }
  if (ad.organizationalUnit !== undefined && ad.organizationalUnit !== '' && (ad.organizationalUnit.length > 2_000 || FSX_FORBIDDEN_CHARS.test(ad.organizationalUnit))) {
    errs.push({ field: 'selfManagedAd.organizationalUnit', message: 'The organizational unit must be one line of at most 2,000 characters, such as OU=FSx,DC=corp,DC=example,DC=com.' });
  }
  if (ad.fileSystemAdministratorsGroup !== undefined && ad.fileSystemAdministratorsGroup !== '' && (ad.fileSystemAdministratorsGroup.length > 256 || FSX_FORBIDDEN_CHARS.test(ad.fileSystemAdministratorsGroup))) {
    errs.push({ field: 'selfManagedAd.fileSystemAdministratorsGroup', message: 'The administrators group must be one line of at most 256 characters: the default is "Domain Admins".' });
  }
  return errs;
}

// ---------------------------------------------------------------------------
// NetApp ONTAP

export function validateOntap(c: FsxOntapConfig, region: string, ctx?: ValidationContext): FieldError[] {
  const errs: FieldError[] = [];
  const dep = validateEnum('deploymentType', c.deploymentType, ONTAP_DEPLOYMENTS, 'Deployment type');
  errs.push(...dep);
  const pairs = c.haPairs ?? 1;
  let pairsOk = true;
  if (!isInt(pairs) || pairs < ONTAP_HA_PAIRS.min || pairs > ONTAP_HA_PAIRS.max) {
    errs.push({ field: 'haPairs', message: `HA pairs must be a whole number from ${ONTAP_HA_PAIRS.min} to ${ONTAP_HA_PAIRS.max}: try ${isInt(pairs) && pairs > ONTAP_HA_PAIRS.max ? ONTAP_HA_PAIRS.max : 1}.` });
    pairsOk = false;
  } else if (pairs > 1 && c.deploymentType !== 'SINGLE_AZ_2') {
    errs.push({ field: 'haPairs', message: `Only SINGLE_AZ_2 scales out to several HA pairs; ${depName(c.deploymentType, ONTAP_DEPLOYMENTS)} has exactly one: set HA pairs to 1, or choose SINGLE_AZ_2.` });
    pairsOk = false;
  }
  if (dep.length === 0 && pairsOk) {
    const allowed = ontapThroughputValues(c.deploymentType, pairs);
    const t = c.throughputCapacityMBps;
    if (!isInt(t) || !allowed.includes(t)) {
      const per = c.deploymentType === 'SINGLE_AZ_2' ? ` (per HA pair ${oneOf(ontapThroughputValues('SINGLE_AZ_2', 1))}, times ${pairs} pair${pairs > 1 ? 's' : ''})` : '';
      errs.push({
        field: 'throughputCapacityMBps',
        message: `Throughput capacity for ${c.deploymentType} must be ${oneOf(allowed, 'MB/s')}${per}${tryValues(neighboursInSet(allowed, Number.isFinite(t) ? t : allowed[0]))}.`,
      });
    }
  }
  if (pairsOk) {
    errs.push(
      ...validateIntRange(
        'storageCapacityGiB',
        c.storageCapacityGiB,
        ONTAP_CAPACITY_PER_PAIR.min * pairs,
        ONTAP_CAPACITY_PER_PAIR.max * pairs,
        'SSD storage capacity',
        'GiB',
        pairs > 1 ? `${pairs} HA pairs` : '',
      ),
    );
  }
  if (c.adminPassword !== undefined && c.adminPassword !== '') {
    const pw = c.adminPassword;
    if (pw.length < ONTAP_ADMIN_PASSWORD.min || pw.length > ONTAP_ADMIN_PASSWORD.max || FSX_FORBIDDEN_CHARS.test(pw)) {
      errs.push({ field: 'adminPassword', message: `The fsxadmin password must be ${ONTAP_ADMIN_PASSWORD.min} to ${ONTAP_ADMIN_PASSWORD.max} characters on one line: enter it again.` });
    }
  }
  if (typeof c.svmName !== 'string' || !ONTAP_SVM_NAME.test(c.svmName)) {
    errs.push({ field: 'svmName', message: 'The SVM name must be 1 to 47 letters, digits or underscores: try svm1.' });
  }
  if (typeof c.volumeName !== 'string' || !ONTAP_VOLUME_NAME.test(c.volumeName)) {
    errs.push({ field: 'volumeName', message: 'The volume name must be 1 to 203 letters, digits or underscores, starting with a letter or underscore: try vol1.' });
  }
  const jp = c.junctionPath;
  if (typeof jp !== 'string' || !jp.startsWith('/')) {
    errs.push({ field: 'junctionPath', message: `The junction path is where clients mount the volume and must start with "/": try /${typeof c.volumeName === 'string' && c.volumeName ? c.volumeName : 'vol1'}.` });
  } else if (jp.length > ONTAP_JUNCTION_MAX || ONTAP_JUNCTION_FORBIDDEN.test(jp) || FSX_FORBIDDEN_CHARS.test(jp)) {
    errs.push({ field: 'junctionPath', message: 'The junction path must be at most 255 characters without * # " > < | ? or \\: use plain names such as /vol1.' });
  }
  errs.push(...validateIntRange('volumeSizeMiB', c.volumeSizeMiB, ONTAP_VOLUME_MIB.min, ONTAP_VOLUME_MIB.max, 'Volume size', 'MiB'));

  const multi = c.deploymentType === 'MULTI_AZ_1' || c.deploymentType === 'MULTI_AZ_2';
  errs.push(
    ...validateSubnets(
      c.subnetIds,
      multi
        ? { field: 'subnetIds', min: 2, max: 2, countText: `${c.deploymentType} needs exactly two subnets in different Availability Zones, one per file server`, distinctAz: true, region }
        : { field: 'subnetIds', min: 1, max: 1, countText: `${depName(c.deploymentType, ONTAP_DEPLOYMENTS)} runs in exactly one subnet: choose one`, region },
      ctx,
    ),
  );
  errs.push(...validatePreferredSubnet('preferredSubnetId', c.preferredSubnetId, c.subnetIds ?? [], multi, c.deploymentType));
  errs.push(...validateSecurityGroups('securityGroupIds', c.securityGroupIds, { max: FSX_MAX_SGS, subnetIds: c.subnetIds ?? [] }, ctx));
  return errs;
}

