// S3: buckets (one account-wide namespace, each bucket in one region), their
// configuration, synthesised objects, multipart uploads.
// API reference: https://docs.aws.amazon.com/AmazonS3/latest/API/API_Operations_Amazon_Simple_Storage_Service.html
import type {
  AbortMultipartUploadRequest,
  CreateBucketOutput,
  CreateBucketRequest,
  DeleteBucketRequest,
  DeleteObjectsOutput,
  DeleteObjectsRequest,
  GetBucketEncryptionOutput,
  GetBucketLifecycleConfigurationOutput,
  GetBucketLocationOutput,
  GetBucketTaggingOutput,
  GetBucketVersioningOutput,
  GetPublicAccessBlockOutput,
  HeadBucketOutput,
  LifecycleRule,
  ListBucketIntelligentTieringConfigurationsOutput,
  ListBucketMetricsConfigurationsOutput,
  ListBucketsOutput,
  ListBucketsRequest,
  ListMultipartUploadsOutput,
  ListMultipartUploadsRequest,
  ListObjectVersionsOutput,
  ListObjectVersionsRequest,
  ListObjectsV2Output,
  ListObjectsV2Request,
  PutBucketEncryptionRequest,
  PutBucketLifecycleConfigurationRequest,
  PutBucketTaggingRequest,
  PutBucketVersioningRequest,
  PutPublicAccessBlockRequest,
  ObjectStorageClass,
  ObjectVersionStorageClass,
} from '@aws-sdk/client-s3';
import type { Bucket, Tags } from '../model.js';
import { exists } from '../model.js';
import { awsError } from '../errors.js';
import { hash32 } from '../rand.js';
import { emptyObjectSet, etagOf, indexOfKey, isLive, keyOf, lastModifiedOf, lowerBound, nextLive, sizeOf, versionCount, versionIdOf } from '../objects.js';
import { regionInfo } from '../regions.js';
import { ACCOUNT_ID } from '../world.js';
import { resolveKmsKey } from './kms.js';
import type { Ctx, HandlerTable } from './common.js';

const err = (code: string, message: string, status = 400, extra?: Record<string, unknown>) => awsError('s3', code, message, { status, extra });
const OWNER = { DisplayName: 'research-admin', ID: 'a3f1c0e8b2d94c7e9f6a1b5d3c8e7f2a4b9d6c1e0f3a8b7c2d5e4f9a6b3c0d1e' };

function rawBucket(ctx: Ctx, name: string | undefined): Bucket {
  if (!name) throw err('InvalidBucketName', 'The specified bucket is not valid.');
  const b = ctx.world.buckets.get(name);
  if (!b || !exists(b, ctx.now)) throw err('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName: name });
  return b;
}

/** A bucket, addressed through its own region's endpoint (others answer 301 as S3 does). */
function bucketOf(ctx: Ctx, name: string | undefined): Bucket {
  const b = rawBucket(ctx, name);
  if (b.region !== ctx.region)
    throw err('PermanentRedirect', 'The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.', 301, {
      BucketName: b.name,
      Endpoint: `${b.name}.s3.${b.region}.amazonaws.com`,
      BucketRegion: b.region,
    });
  return b;
}

// ---------------------------------------------------------------------------
// Tokens keyed by name/key (S3 lists are ordered by UTF-8 key)

function encodeKeyToken(scope: string, key: string, skipPrefix = false): string {
  return Buffer.from(JSON.stringify({ s: scope, k: key, p: skipPrefix ? 1 : 0, h: hash32('s3tok', scope, key, skipPrefix ? 1 : 0) }), 'utf8').toString('base64url');
}

function decodeKeyToken(scope: string, token: string): { key: string; skipPrefix: boolean } {
  try {
    const v = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { s?: unknown; k?: unknown; p?: unknown; h?: unknown };
    if (v.s === scope && typeof v.k === 'string' && (v.p === 0 || v.p === 1) && v.h === hash32('s3tok', scope, v.k, v.p)) return { key: v.k, skipPrefix: v.p === 1 };
  } catch {
    // fall through
  }
  throw err('InvalidArgument', 'The continuation token provided is incorrect', 400, { ArgumentName: 'continuation-token' });
}

// ---------------------------------------------------------------------------
// Buckets

function listBuckets(ctx: Ctx, input: unknown): ListBucketsOutput {
  const i = input as ListBucketsRequest;
  if (i.MaxBuckets !== undefined && (i.MaxBuckets < 1 || i.MaxBuckets > 10000)) throw err('InvalidArgument', 'max-buckets must be between 1 and 10000', 400, { ArgumentName: 'max-buckets' });
  let list = [...ctx.world.buckets.values()].filter((b) => exists(b, ctx.now));
  if (i.BucketRegion) list = list.filter((b) => b.region === i.BucketRegion);
  if (i.Prefix) list = list.filter((b) => b.name.startsWith(i.Prefix!));
  list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (i.ContinuationToken) {
    const after = decodeKeyToken('ListBuckets', i.ContinuationToken).key;
    list = list.filter((b) => b.name > after);
  }
  // Unpaginated requests get every bucket (up to the 10,000 default quota); any paging parameter
  // applies a default page of 10,000. https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListBuckets.html
  const limit = i.MaxBuckets ?? 10000;
  const page = list.slice(0, limit);
  const more = list.length > page.length;
  return {
    Buckets: page.map((b) => ({ Name: b.name, CreationDate: new Date(b.createdAt), BucketRegion: b.region, BucketArn: `arn:aws:s3:::${b.name}` })),
    Owner: OWNER,
    ContinuationToken: more ? encodeKeyToken('ListBuckets', page[page.length - 1].name) : undefined,
    Prefix: i.Prefix,
  };
}

function headBucket(ctx: Ctx, input: unknown): HeadBucketOutput {
  const name = (input as { Bucket?: string }).Bucket;
  const b = ctx.world.buckets.get(name ?? '');
  // HEAD responses carry no body: the SDK names the error after the status.
  if (!b || !exists(b, ctx.now)) throw err('NotFound', 'Not Found', 404);
  if (b.region !== ctx.region) throw err('PermanentRedirect', 'Moved Permanently', 301, { BucketRegion: b.region });
  return { BucketRegion: b.region, AccessPointAlias: false, BucketArn: `arn:aws:s3:::${b.name}` };
}

function getBucketLocation(ctx: Ctx, input: unknown): GetBucketLocationOutput {
  const b = rawBucket(ctx, (input as { Bucket?: string }).Bucket);
  // us-east-1 buckets report an empty LocationConstraint.
  return b.region === 'us-east-1' ? {} : { LocationConstraint: b.region as GetBucketLocationOutput['LocationConstraint'] };
}

function getBucketEncryption(ctx: Ctx, input: unknown): GetBucketEncryptionOutput {
  const b = bucketOf(ctx, (input as { Bucket?: string }).Bucket);
  const e = b.encryption;
  return { ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: e.algorithm, KMSMasterKeyID: e.kmsKeyId }, BucketKeyEnabled: e.bucketKey }] } };
}

function getBucketVersioning(ctx: Ctx, input: unknown): GetBucketVersioningOutput {
  const b = bucketOf(ctx, (input as { Bucket?: string }).Bucket);
  return b.versioning ? { Status: b.versioning, MFADelete: 'Disabled' } : {};
}

function getBucketLifecycleConfiguration(ctx: Ctx, input: unknown): GetBucketLifecycleConfigurationOutput {
  const b = bucketOf(ctx, (input as { Bucket?: string }).Bucket);
  if (!b.lifecycle?.length) throw err('NoSuchLifecycleConfiguration', 'The lifecycle configuration does not exist', 404, { BucketName: b.name });
  return { Rules: structuredClone(b.lifecycle), TransitionDefaultMinimumObjectSize: 'all_storage_classes_128K' };
}

function getBucketTagging(ctx: Ctx, input: unknown): GetBucketTaggingOutput {
  const b = bucketOf(ctx, (input as { Bucket?: string }).Bucket);
  if (!b.tags || Object.keys(b.tags).length === 0) throw err('NoSuchTagSet', 'The TagSet does not exist', 404, { BucketName: b.name });
  return { TagSet: Object.entries(b.tags).map(([Key, Value]) => ({ Key, Value })) };
}

function getPublicAccessBlock(ctx: Ctx, input: unknown): GetPublicAccessBlockOutput {
  const b = bucketOf(ctx, (input as { Bucket?: string }).Bucket);
  if (!b.publicAccessBlock) throw err('NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found', 404, { BucketName: b.name });
  return { PublicAccessBlockConfiguration: { ...b.publicAccessBlock } };
}

function listIntelligentTiering(ctx: Ctx, input: unknown): ListBucketIntelligentTieringConfigurationsOutput {
  const b = bucketOf(ctx, (input as { Bucket?: string }).Bucket);
  return { IsTruncated: false, IntelligentTieringConfigurationList: b.tiering.length ? structuredClone(b.tiering) : undefined };
}

function listMetrics(ctx: Ctx, input: unknown): ListBucketMetricsConfigurationsOutput {
  const b = bucketOf(ctx, (input as { Bucket?: string }).Bucket);
  return { IsTruncated: false, MetricsConfigurationList: b.metrics.length ? structuredClone(b.metrics) : undefined };
}

function listMultipartUploads(ctx: Ctx, input: unknown): ListMultipartUploadsOutput {
  const i = input as ListMultipartUploadsRequest;
  const b = bucketOf(ctx, i.Bucket);
  const max = Math.min(1000, Math.max(1, i.MaxUploads ?? 1000));
  let ups = [...b.uploads].sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : x.initiated - y.initiated));
  if (i.Prefix) ups = ups.filter((u) => u.key.startsWith(i.Prefix!));
  if (i.KeyMarker) {
    const km = i.KeyMarker;
    const idx = i.UploadIdMarker ? ups.findIndex((u) => u.key === km && u.uploadId === i.UploadIdMarker) : -1;
    ups = idx >= 0 ? ups.slice(idx + 1) : ups.filter((u) => u.key > km);
  }
  const page = ups.slice(0, max);
  const more = ups.length > page.length;
  const last = page[page.length - 1];
  return {
    Bucket: b.name,
    KeyMarker: i.KeyMarker ?? '',
    UploadIdMarker: i.UploadIdMarker ?? '',
    NextKeyMarker: more ? last.key : undefined,
    NextUploadIdMarker: more ? last.uploadId : undefined,
    MaxUploads: max,
    IsTruncated: more,
    Prefix: i.Prefix,
    Uploads: page.map((u) => ({ UploadId: u.uploadId, Key: u.key, Initiated: new Date(u.initiated), StorageClass: u.storageClass as 'STANDARD', Owner: OWNER, Initiator: { ID: `arn:aws:sts::${ACCOUNT_ID}:assumed-role/PipelineUploader/novaseq`, DisplayName: 'PipelineUploader' } })),
  };
}

function abortMultipartUpload(ctx: Ctx, input: unknown): object {
  const i = input as AbortMultipartUploadRequest;
  const b = bucketOf(ctx, i.Bucket);
  const n = b.uploads.findIndex((u) => u.key === i.Key && u.uploadId === i.UploadId);
  if (n < 0) throw err('NoSuchUpload', 'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.', 404, { UploadId: i.UploadId });
  b.uploads.splice(n, 1);
  return {};
}

// ---------------------------------------------------------------------------
// Objects

function successor(prefix: string): string {
  return `${prefix}\uffff`;
}

function listObjectsV2(ctx: Ctx, input: unknown): ListObjectsV2Output {
  const i = input as ListObjectsV2Request;
  const b = bucketOf(ctx, i.Bucket);
  const set = b.objects;
  const prefix = i.Prefix ?? '';
  const delim = i.Delimiter || undefined;
  const maxKeys = Math.min(1000, Math.max(0, i.MaxKeys ?? 1000));
  const scope = `ListObjectsV2:${b.name}:${prefix}:${delim ?? ''}`;
  let pos: number;
  if (i.ContinuationToken) {
    const t = decodeKeyToken(scope, i.ContinuationToken);
    pos = lowerBound(set, t.skipPrefix ? successor(t.key) : `${t.key}\u0000`);
  } else pos = lowerBound(set, i.StartAfter && i.StartAfter >= prefix ? `${i.StartAfter}\u0000` : prefix);
  const contents: NonNullable<ListObjectsV2Output['Contents']> = [];
  const prefixes: string[] = [];
  let lastKey: string | undefined;
  let lastWasPrefix = false;
  let truncated = false;
  for (;;) {
    const idx = nextLive(set, pos);
    if (idx >= set.count) break;
    const key = keyOf(set.template, idx);
    if (!key.startsWith(prefix)) break;
    if (contents.length + prefixes.length >= maxKeys) {
      truncated = true;
      break;
    }
    const cut = delim ? key.indexOf(delim, prefix.length) : -1;
    if (cut >= 0) {
      const cp = key.slice(0, cut + delim!.length);
      prefixes.push(cp);
      lastKey = cp;
      lastWasPrefix = true;
      pos = lowerBound(set, successor(cp));
      continue;
    }
    contents.push({ Key: key, LastModified: new Date(lastModifiedOf(set, idx)), ETag: etagOf(ctx.world.seed, b.name, idx), Size: sizeOf(set, ctx.world.seed, idx), StorageClass: set.storageClass as ObjectStorageClass, Owner: i.FetchOwner ? OWNER : undefined });
    lastKey = key;
    lastWasPrefix = false;
    pos = idx + 1;
  }
  return {
    IsTruncated: truncated,
    Contents: contents.length ? contents : undefined,
    Name: b.name,
    Prefix: prefix,
    Delimiter: delim,
    MaxKeys: maxKeys,
    CommonPrefixes: prefixes.length ? prefixes.map((Prefix) => ({ Prefix })) : undefined,
    KeyCount: contents.length + prefixes.length,
    ContinuationToken: i.ContinuationToken,
    NextContinuationToken: truncated && lastKey !== undefined ? encodeKeyToken(scope, lastKey, lastWasPrefix) : undefined,
    StartAfter: i.StartAfter,
  };
}

function listObjectVersions(ctx: Ctx, input: unknown): ListObjectVersionsOutput {
  const i = input as ListObjectVersionsRequest;
  const b = bucketOf(ctx, i.Bucket);
  const set = b.objects;
  const prefix = i.Prefix ?? '';
  const maxKeys = Math.min(1000, Math.max(1, i.MaxKeys ?? 1000));
  let pos = lowerBound(set, i.KeyMarker ? `${i.KeyMarker}\u0000` : prefix);
  const versions: NonNullable<ListObjectVersionsOutput['Versions']> = [];
  const markers: NonNullable<ListObjectVersionsOutput['DeleteMarkers']> = [];
  const versioned = b.versioning !== undefined;
  let last: { key: string; vid: string } | undefined;
  let truncated = false;
  for (; pos < set.count; pos++) {
    pos = set.purged.nextAbsent(pos);
    if (pos >= set.count) break;
    const key = keyOf(set.template, pos);
    if (!key.startsWith(prefix)) break;
    const marked = set.marked.has(pos);
    const need = marked ? 2 : 1;
    if (versions.length + markers.length + need > maxKeys) {
      truncated = true;
      break;
    }
    const vid = versioned ? versionIdOf(ctx.world.seed, b.name, pos) : 'null';
    const modified = new Date(lastModifiedOf(set, pos));
    if (marked) {
      const mvid = versionIdOf(ctx.world.seed, b.name, pos, true);
      markers.push({ Key: key, VersionId: mvid, IsLatest: true, LastModified: modified, Owner: OWNER });
    }
    versions.push({ Key: key, VersionId: vid, IsLatest: !marked, LastModified: modified, ETag: etagOf(ctx.world.seed, b.name, pos), Size: sizeOf(set, ctx.world.seed, pos), StorageClass: set.storageClass as ObjectVersionStorageClass, Owner: OWNER });
    last = { key, vid };
  }
  return {
    IsTruncated: truncated,
    KeyMarker: i.KeyMarker ?? '',
    VersionIdMarker: i.VersionIdMarker ?? '',
    NextKeyMarker: truncated ? last?.key : undefined,
    NextVersionIdMarker: truncated ? last?.vid : undefined,
    Versions: versions.length ? versions : undefined,
    DeleteMarkers: markers.length ? markers : undefined,
    Name: b.name,
    Prefix: prefix,
    MaxKeys: maxKeys,
  };
}

function deleteObjects(ctx: Ctx, input: unknown): DeleteObjectsOutput {
  const i = input as DeleteObjectsRequest;
  const b = bucketOf(ctx, i.Bucket);
  const objs = i.Delete?.Objects ?? [];
  if (objs.length === 0 || objs.length > 1000) throw err('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema', 400);
  const set = b.objects;
  const deleted: NonNullable<DeleteObjectsOutput['Deleted']> = [];
  for (const o of objs) {
    const key = o.Key ?? '';
    const idx = indexOfKey(set, key);
    if (o.VersionId) {
      // Deleting a specific version: the object's version purges it; the delete marker's version restores it.
      if (idx !== undefined && o.VersionId === versionIdOf(ctx.world.seed, b.name, idx, true) && set.marked.has(idx)) {
        set.marked.remove(idx);
        deleted.push({ Key: key, VersionId: o.VersionId, DeleteMarker: true, DeleteMarkerVersionId: o.VersionId });
        continue;
      }
      if (idx !== undefined && (o.VersionId === versionIdOf(ctx.world.seed, b.name, idx) || (o.VersionId === 'null' && !b.versioning)) && !set.purged.has(idx)) {
        set.marked.remove(idx);
        set.purged.add(idx);
      }
      deleted.push({ Key: key, VersionId: o.VersionId });
      continue;
    }
    if (b.versioning) {
      if (idx !== undefined && isLive(set, idx)) set.marked.add(idx);
      deleted.push({ Key: key, DeleteMarker: true, DeleteMarkerVersionId: idx !== undefined ? versionIdOf(ctx.world.seed, b.name, idx, true) : versionIdOf(ctx.world.seed, `${b.name}/${key}`, 0, true) });
    } else {
      if (idx !== undefined && !set.purged.has(idx)) set.purged.add(idx);
      // S3 reports keys that did not exist as deleted, too.
      deleted.push({ Key: key });
    }
  }
  return { Deleted: i.Delete?.Quiet ? undefined : deleted, Errors: undefined };
}

// ---------------------------------------------------------------------------
// Create / configure / delete buckets

/** Bucket naming rules: https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return 'Bucket names must be between 3 and 63 characters long.';
  if (!/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(name)) return 'Bucket names may contain only lowercase letters, numbers, dots and hyphens, and must begin and end with a letter or number.';
  if (name.includes('..')) return 'Bucket names must not contain two adjacent periods.';
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return 'Bucket names must not be formatted as an IP address.';
  if (/^(xn--|sthree-|amzn-s3-demo-)/.test(name)) return 'Bucket names must not start with a reserved prefix (xn--, sthree-, amzn-s3-demo-).';
  if (/(-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$/.test(name)) return 'Bucket names must not end with a reserved suffix.';
  return undefined;
}

/** Names held by other accounts in this simulated partition. */
const TAKEN = new Set(['test', 'data', 'backup', 'backups', 'logs', 'bucket', 'mybucket', 'my-bucket', 'examplebucket', 'demo', 'research', 'genomics', 'datasets', 'public']);

function createBucket(ctx: Ctx, input: unknown): CreateBucketOutput {
  const i = input as CreateBucketRequest;
  const name = i.Bucket ?? '';
  const problem = bucketNameProblem(name);
  if (problem) throw err('InvalidBucketName', `The specified bucket is not valid. ${problem}`, 400, { BucketName: name });
  const lc = i.CreateBucketConfiguration?.LocationConstraint as string | undefined;
  if (ctx.region === 'us-east-1') {
    if (lc === 'us-east-1') throw err('InvalidLocationConstraint', 'The specified location-constraint is not valid', 400, { LocationConstraint: lc });
    if (lc) throw err('IllegalLocationConstraintException', `The ${lc} location constraint is incompatible for the region specific endpoint this request was sent to.`, 400);
  } else if (lc !== ctx.region) {
    throw err('IllegalLocationConstraintException', `The ${lc ?? 'unspecified'} location constraint is incompatible for the region specific endpoint this request was sent to.`, 400);
  }
  if (lc && !regionInfo(lc)) throw err('InvalidLocationConstraint', 'The specified location-constraint is not valid', 400, { LocationConstraint: lc });
  const existing = ctx.world.buckets.get(name);
  if (existing && exists(existing, ctx.now)) {
    // Legacy us-east-1 behaviour: re-creating your own bucket there answers 200 OK.
    if (existing.region === 'us-east-1' && ctx.region === 'us-east-1') return { Location: `/${name}`, BucketArn: `arn:aws:s3:::${name}` };
    throw err('BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded and you already own it.', 409, { BucketName: name });
  }
  if (TAKEN.has(name)) throw err('BucketAlreadyExists', 'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.', 409, { BucketName: name });
  const b: Bucket = {
    seq: ctx.world.nextSeq(),
    createdAt: ctx.now,
    readyAt: ctx.now + ctx.durations.s3,
    name,
    region: ctx.region,
    encryption: { algorithm: 'AES256', bucketKey: false },
    // New buckets block public access and encrypt with SSE-S3 by default (since 2023).
    publicAccessBlock: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
    tiering: [],
    metrics: [],
    uploads: [],
    objects: emptyObjectSet(ctx.now),
    profile: 'creating',
    usedFraction: 0,
  };
  ctx.world.buckets.set(name, b);
  return { Location: ctx.region === 'us-east-1' ? `/${name}` : `http://${name}.s3.amazonaws.com/`, BucketArn: `arn:aws:s3:::${name}` };
}

function putBucketEncryption(ctx: Ctx, input: unknown): object {
  const i = input as PutBucketEncryptionRequest;
  const b = bucketOf(ctx, i.Bucket);
  const rule = i.ServerSideEncryptionConfiguration?.Rules?.[0];
  const d = rule?.ApplyServerSideEncryptionByDefault;
  if (!d?.SSEAlgorithm) throw err('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema');
  if (!['AES256', 'aws:kms', 'aws:kms:dsse'].includes(d.SSEAlgorithm)) throw err('InvalidArgument', `Invalid SSEAlgorithm ${d.SSEAlgorithm}`);
  if (d.SSEAlgorithm === 'AES256' && d.KMSMasterKeyID) throw err('InvalidArgument', 'a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse');
  let key: string | undefined;
  if (d.KMSMasterKeyID) {
    const k = resolveKmsKey(ctx.world.region(b.region), d.KMSMasterKeyID);
    if (!k) throw err('KMS.NotFoundException', `Invalid keyId ${d.KMSMasterKeyID}`);
    key = d.KMSMasterKeyID;
  }
  b.encryption = { algorithm: d.SSEAlgorithm as Bucket['encryption']['algorithm'], kmsKeyId: key, bucketKey: !!rule?.BucketKeyEnabled };
  return {};
}

function putBucketVersioning(ctx: Ctx, input: unknown): object {
  const i = input as PutBucketVersioningRequest;
  const b = bucketOf(ctx, i.Bucket);
  const s = i.VersioningConfiguration?.Status;
  if (s !== 'Enabled' && s !== 'Suspended') throw err('IllegalVersioningConfigurationException', 'The Versioning element must be specified');
  b.versioning = s;
  return {};
}

function putPublicAccessBlock(ctx: Ctx, input: unknown): object {
  const i = input as PutPublicAccessBlockRequest;
  const b = bucketOf(ctx, i.Bucket);
  const c = i.PublicAccessBlockConfiguration;
  if (!c) throw err('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema');
  b.publicAccessBlock = { BlockPublicAcls: !!c.BlockPublicAcls, IgnorePublicAcls: !!c.IgnorePublicAcls, BlockPublicPolicy: !!c.BlockPublicPolicy, RestrictPublicBuckets: !!c.RestrictPublicBuckets };
  return {};
}

/**
 * Lifecycle validation (https://docs.aws.amazon.com/AmazonS3/latest/userguide/intro-lifecycle-rules.html):
 * up to 1,000 rules, each with at least one action; STANDARD_IA/ONEZONE_IA transitions need >= 30 days.
 */
const TRANSITION_CLASSES = ['GLACIER', 'STANDARD_IA', 'ONEZONE_IA', 'INTELLIGENT_TIERING', 'DEEP_ARCHIVE', 'GLACIER_IR'];

function validateRules(rules: LifecycleRule[]): void {
  if (rules.length === 0 || rules.length > 1000) throw err('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema');
  const ids = new Set<string>();
  for (const r of rules) {
    if (r.Status !== 'Enabled' && r.Status !== 'Disabled') throw err('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema');
    if (r.ID) {
      if (r.ID.length > 255) throw err('InvalidArgument', 'ID length should not exceed allowed limit of 255');
      if (ids.has(r.ID)) throw err('InvalidArgument', 'Rule ID must be unique. Found same ID for more than one rule');
      ids.add(r.ID);
    }
    if (r.Filter && r.Prefix !== undefined) throw err('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema');
    if (!r.Expiration && !r.Transitions?.length && !r.NoncurrentVersionExpiration && !r.NoncurrentVersionTransitions?.length && !r.AbortIncompleteMultipartUpload)
      throw err('InvalidRequest', 'At least one action needs to be specified in a rule');
    for (const t of [...(r.Transitions ?? []), ...(r.NoncurrentVersionTransitions ?? []).map((n) => ({ StorageClass: n.StorageClass, Days: n.NoncurrentDays }))]) {
      if (!t.StorageClass || !TRANSITION_CLASSES.includes(t.StorageClass)) throw err('InvalidArgument', `Invalid storage class ${t.StorageClass} in Transition action`);
      if ((t.StorageClass === 'STANDARD_IA' || t.StorageClass === 'ONEZONE_IA') && (t.Days ?? 30) < 30)
        throw err('InvalidArgument', `'Days' in Transition action must be greater than or equal to 30 for storageClass '${t.StorageClass}'`);
    }
  }
}

function putBucketLifecycleConfiguration(ctx: Ctx, input: unknown): object {
  const i = input as PutBucketLifecycleConfigurationRequest;
  const b = bucketOf(ctx, i.Bucket);
  const rules = i.LifecycleConfiguration?.Rules ?? [];
  validateRules(rules);
  b.lifecycle = structuredClone(rules);
  return { TransitionDefaultMinimumObjectSize: 'all_storage_classes_128K' };
}

function deleteBucketLifecycle(ctx: Ctx, input: unknown): object {
  const b = bucketOf(ctx, (input as { Bucket?: string }).Bucket);
  b.lifecycle = undefined;
  return {};
}

/** Bucket tags: up to 50, unique keys, no aws: prefix. */
function putBucketTagging(ctx: Ctx, input: unknown): object {
  const i = input as PutBucketTaggingRequest;
  const b = bucketOf(ctx, i.Bucket);
  const set = i.Tagging?.TagSet ?? [];
  const tags: Tags = {};
  for (const t of set) {
    if (t.Key === undefined || t.Value === undefined) throw err('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema');
    if (t.Key in tags) throw err('InvalidTag', 'Cannot provide multiple Tags with the same key');
    if (t.Key.toLowerCase().startsWith('aws:')) throw err('InvalidTag', 'System tags cannot be added/updated by requester');
    if (t.Key.length > 128 || t.Value.length > 256) throw err('InvalidTag', 'The TagKey you have provided is too long, max 128; TagValue max 256');
    tags[t.Key] = t.Value;
  }
  if (Object.keys(tags).length > 50) throw err('BadRequest', 'Object tags cannot be greater than 50');
  b.tags = tags;
  return {};
}

function deleteBucketTagging(ctx: Ctx, input: unknown): object {
  const b = bucketOf(ctx, (input as { Bucket?: string }).Bucket);
  b.tags = undefined;
  return {};
}

function deleteBucket(ctx: Ctx, input: unknown): object {
  const i = input as DeleteBucketRequest;
  const b = bucketOf(ctx, i.Bucket);
  if (versionCount(b.objects) > 0) {
    const msg = b.versioning ? 'The bucket you tried to delete is not empty. You must delete all versions in the bucket.' : 'The bucket you tried to delete is not empty';
    throw err('BucketNotEmpty', msg, 409, { BucketName: b.name });
  }
  b.deleteAt = ctx.now;
  b.goneAt = ctx.now + ctx.durations.s3;
  return {};
}

export const s3Handlers: HandlerTable = {
  ListBuckets: listBuckets,
  HeadBucket: headBucket,
  GetBucketLocation: getBucketLocation,
  GetBucketEncryption: getBucketEncryption,
  GetBucketVersioning: getBucketVersioning,
  GetBucketLifecycleConfiguration: getBucketLifecycleConfiguration,
  GetBucketTagging: getBucketTagging,
  GetPublicAccessBlock: getPublicAccessBlock,
  ListBucketIntelligentTieringConfigurations: listIntelligentTiering,
  ListBucketMetricsConfigurations: listMetrics,
  ListMultipartUploads: listMultipartUploads,
  AbortMultipartUpload: abortMultipartUpload,
  ListObjectsV2: listObjectsV2,
  ListObjectVersions: listObjectVersions,
  DeleteObjects: deleteObjects,
  CreateBucket: createBucket,
  PutBucketEncryption: putBucketEncryption,
  PutBucketVersioning: putBucketVersioning,
  PutPublicAccessBlock: putPublicAccessBlock,
  PutBucketLifecycleConfiguration: putBucketLifecycleConfiguration,
  DeleteBucketLifecycle: deleteBucketLifecycle,
  PutBucketTagging: putBucketTagging,
  DeleteBucketTagging: deleteBucketTagging,
  DeleteBucket: deleteBucket,
};

/** DeleteObjects is persisted as per-bucket object state, not in the journal. */
export const S3_MUTATIONS = ['AbortMultipartUpload', 'CreateBucket', 'PutBucketEncryption', 'PutBucketVersioning', 'PutPublicAccessBlock', 'PutBucketLifecycleConfiguration', 'DeleteBucketLifecycle', 'PutBucketTagging', 'DeleteBucketTagging', 'DeleteBucket'];
