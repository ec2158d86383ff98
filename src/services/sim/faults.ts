// Fault injection for the simulated region: throttling, latency, access
// denied, expired credentials and network loss, each in the shape the real
// service (or Node's network stack) produces, so the product's error
// classification, retries and hints are exercised end to end.
import { SERVICES, validationError, type ServiceName } from '../types.js';
import { awsError } from './errors.js';
import { hash32 } from './rand.js';
import { ACCOUNT_ID, CALLER } from './world.js';

export interface FaultSpec {
  /** 0..1: probability a call throws the service's throttling error. */
  throttleRate?: number;
  /** Added delay per call. */
  latencyMs?: number;
  /** AccessDenied(Exception) for every call to these services. */
  deny?: ServiceName[];
  /** Calls fail as they do when a session token has expired. */
  expiredCredentials?: boolean;
  /** Network loss: errors shaped like Node's (ECONNREFUSED) and the SDK's request timeout (TimeoutError). */
  offline?: boolean;
}

const SPEC_HINT = 'use comma-separated items: throttle=0.3, latency=200 (ms), deny=fsx+s3 (services: ' + SERVICES.join(', ') + '), expired, offline';

const ALIASES: Record<string, ServiceName> = {
  ebs: 'ec2',
  elasticfilesystem: 'efs',
  'cost-explorer': 'ce',
  costexplorer: 'ce',
  'directory-service': 'ds',
  directoryservice: 'ds',
  monitoring: 'cloudwatch',
};

/** Parses "throttle=0.3,latency=200,deny=fsx+s3,expired,offline"; throws a validation StorageError on anything else. */
export function parseFaults(spec: string): FaultSpec {
  const out: FaultSpec = {};
  const text = spec.trim();
  if (text === '' || text === 'none') return out;
  for (const raw of text.split(',')) {
    const item = raw.trim();
    if (!item) continue;
    const eq = item.indexOf('=');
    const key = (eq < 0 ? item : item.slice(0, eq)).trim().toLowerCase();
    const value = eq < 0 ? undefined : item.slice(eq + 1).trim();
    const bad = (why: string) => validationError(`--sim-faults: ${why}`, SPEC_HINT);
    switch (key) {
      case 'throttle': {
        const v = value === undefined ? NaN : Number(value);
        if (!Number.isFinite(v) || v < 0 || v > 1) throw bad(`throttle needs a probability between 0 and 1, got "${value ?? ''}"`);
        out.throttleRate = v;
        break;
      }
      case 'latency': {
        const m = value === undefined ? null : /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(value);
        if (!m) throw bad(`latency needs milliseconds (e.g. latency=200 or latency=2s), got "${value ?? ''}"`);
        const ms = Number(m[1]) * (m[2] === 's' ? 1000 : 1);
        if (ms > 120_000) throw bad(`latency of ${ms} ms is more than the 2-minute maximum`);
        out.latencyMs = ms;
        break;
      }
      case 'deny': {
        if (!value) throw bad('deny needs services, e.g. deny=fsx+s3');
        const list: ServiceName[] = [];
        for (const s of value.split(/[+|/ ]/).map((x) => x.trim().toLowerCase()).filter(Boolean)) {
          const svc = (SERVICES as readonly string[]).includes(s) ? (s as ServiceName) : ALIASES[s];
          if (!svc) throw bad(`unknown service "${s}" in deny`);
          if (!list.includes(svc)) list.push(svc);
        }
        out.deny = list;
        break;
      }
      case 'expired':
      case 'offline': {
        if (value !== undefined && value !== 'true' && value !== 'false') throw bad(`${key} takes no value (or true/false), got "${value}"`);
        const on = value !== 'false';
        if (key === 'expired') out.expiredCredentials = on;
        else out.offline = on;
        break;
      }
      default:
        throw bad(`unknown fault "${item}"`);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// IAM action names (what AWS names in access-denied messages)

const IAM_PREFIX: Record<ServiceName, string> = {
  ec2: 'ec2',
  efs: 'elasticfilesystem',
  fsx: 'fsx',
  s3: 's3',
  cloudwatch: 'cloudwatch',
  ce: 'ce',
  ssm: 'ssm',
  sts: 'sts',
  kms: 'kms',
  ds: 'ds',
};

/**
 * S3 operations authorised by a differently named IAM action.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-with-s3-policy-actions.html
 */
const S3_ACTION: Record<string, string> = {
  ListBuckets: 'ListAllMyBuckets',
  HeadBucket: 'ListBucket',
  ListObjectsV2: 'ListBucket',
  ListObjectVersions: 'ListBucketVersions',
  GetBucketEncryption: 'GetEncryptionConfiguration',
  PutBucketEncryption: 'PutEncryptionConfiguration',
  GetBucketLifecycleConfiguration: 'GetLifecycleConfiguration',
  PutBucketLifecycleConfiguration: 'PutLifecycleConfiguration',
  DeleteBucketLifecycle: 'PutLifecycleConfiguration',
  GetPublicAccessBlock: 'GetBucketPublicAccessBlock',
  PutPublicAccessBlock: 'PutBucketPublicAccessBlock',
  ListBucketIntelligentTieringConfigurations: 'GetIntelligentTieringConfiguration',
  ListBucketMetricsConfigurations: 'GetMetricsConfiguration',
  ListMultipartUploads: 'ListBucketMultipartUploads',
  DeleteObjects: 'DeleteObject',
  DeleteBucketTagging: 'PutBucketTagging',
};

export function iamAction(service: ServiceName, command: string): string {
  const name = service === 's3' ? (S3_ACTION[command] ?? command) : command;
  return `${IAM_PREFIX[service]}:${name}`;
}

function denied(service: ServiceName, command: string, region: string): Error {
  const action = iamAction(service, command);
  const because = `because no identity-based policy allows the ${action} action`;
  switch (service) {
    case 'ec2':
      return awsError('ec2', 'UnauthorizedOperation', `You are not authorized to perform this operation. User: ${CALLER.arn} is not authorized to perform: ${action} ${because}`, { status: 403 });
    case 's3':
      return awsError('s3', 'AccessDenied', `User: ${CALLER.arn} is not authorized to perform: ${action} ${because}`, { status: 403 });
    case 'sts':
    case 'cloudwatch':
      return awsError(service, 'AccessDenied', `User: ${CALLER.arn} is not authorized to perform: ${action} ${because}`, { status: 403 });
    default: {
      const resource = `arn:aws:${IAM_PREFIX[service]}:${region}:${ACCOUNT_ID}:*`;
      return awsError(service, 'AccessDeniedException', `User: ${CALLER.arn} is not authorized to perform: ${action} on resource: ${resource} ${because}`, { status: service === 'efs' ? 403 : 400 });
    }
  }
}

/** How each service reports an expired session token. */
function expired(service: ServiceName): Error {
  switch (service) {
    case 'ec2':
      return awsError('ec2', 'RequestExpired', 'Request has expired.', { status: 400 });
    case 's3':
      return awsError('s3', 'ExpiredToken', 'The provided token has expired.', { status: 400 });
    case 'sts':
    case 'cloudwatch':
      return awsError(service, 'ExpiredToken', 'The security token included in the request is expired', { status: 403 });
    default:
      return awsError(service, 'ExpiredTokenException', 'The security token included in the request is expired', { status: 400 });
  }
}

/** Each service's throttling error (all are in the SDK's list of throttling codes). */
function throttled(service: ServiceName): Error {
  switch (service) {
    case 'ec2':
      return awsError('ec2', 'RequestLimitExceeded', 'Request limit exceeded.', { status: 503 });
    case 's3':
      return awsError('s3', 'SlowDown', 'Please reduce your request rate.', { status: 503 });
    case 'sts':
    case 'cloudwatch':
      return awsError(service, 'Throttling', 'Rate exceeded', { status: 400 });
    case 'ce':
      return awsError('ce', 'LimitExceededException', 'You have exceeded the rate limit for the Cost Explorer API. Try again later.', { status: 400 });
    default:
      return awsError(service, 'ThrottlingException', 'Rate exceeded', { status: 400 });
  }
}

export function endpointHost(service: ServiceName, region: string): string {
  const id = service === 'efs' ? 'elasticfilesystem' : service === 'cloudwatch' ? 'monitoring' : service === 'ds' ? 'ds' : service;
  return service === 'ce' ? 'ce.us-east-1.amazonaws.com' : `${id}.${region}.amazonaws.com`;
}

/** A connection-level failure as Node (connect) or the SDK's NodeHttpHandler (timeout) raises it. */
export function networkError(service: ServiceName, region: string, callNo: number): Error {
  const host = endpointHost(service, region);
  const h = hash32(host);
  const ip = `52.${(h >>> 8) & 0xff}.${(h >>> 16) & 0xff}.${h & 0xff}`;
  if (callNo % 2 === 0) {
    return Object.assign(new Error(`connect ECONNREFUSED ${ip}:443`), { code: 'ECONNREFUSED', errno: -111, syscall: 'connect', address: ip, port: 443, $metadata: { attempts: 1, totalRetryDelay: 0 } });
  }
  const e = new Error(`Connection timed out after 3000 ms (${host})`);
  e.name = 'TimeoutError';
  return Object.assign(e, { code: 'ETIMEDOUT', $metadata: { attempts: 1, totalRetryDelay: 0 } });
}

/** DNS failure for a region code that does not exist. */
export function unknownHostError(service: ServiceName, region: string): Error {
  const host = endpointHost(service, region);
  return Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND', errno: -3008, syscall: 'getaddrinfo', hostname: host, $metadata: { attempts: 1, totalRetryDelay: 0 } });
}

/** A region the account has not opted into: the credentials are not valid there. */
export function notOptedInError(service: ServiceName): Error {
  if (service === 'ec2') return awsError('ec2', 'AuthFailure', 'AWS was not able to validate the provided access credentials', { status: 401 });
  if (service === 's3') return awsError('s3', 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', { status: 403 });
  if (service === 'sts' || service === 'cloudwatch') return awsError(service, 'InvalidClientTokenId', 'The security token included in the request is invalid.', { status: 403 });
  return awsError(service, 'UnrecognizedClientException', 'The security token included in the request is invalid.', { status: 400 });
}

/**
 * The fault for this call, if any. Order: network first (nothing reaches AWS),
 * then authentication (expired), then authorisation (deny), then throttling.
 * `roll` is the call's deterministic draw in [0, 1).
 */
export function faultFor(spec: FaultSpec, service: ServiceName, command: string, region: string, callNo: number, roll: number): Error | undefined {
  if (spec.offline) return networkError(service, region, callNo);
  if (spec.expiredCredentials) return expired(service);
  // sts:GetCallerIdentity needs no permission and cannot be denied.
  // https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html
  if (spec.deny?.includes(service) && !(service === 'sts' && command === 'GetCallerIdentity')) return denied(service, command, region);
  if (spec.throttleRate && roll < spec.throttleRate) return throttled(service);
  return undefined;
}
