// Turns whatever an AWS call threw into one StorageError with a hint a person
// can act on (DESIGN.md "The AWS boundary"). Works over the real shapes:
// SDK ServiceExceptions (`name`, `Code`, `$fault`, `$metadata.httpStatusCode`,
// `$retryable`, the hidden `$response`), deserialization failures (SyntaxError
// with `$metadata`), Node network errors (`code` ECONNREFUSED ...), the HTTP
// handler's TimeoutError / AbortError, and the credential chain's
// CredentialsProviderError. Never throws.
import { StorageError, type ServiceName } from '../types.js';

export interface ClassifyContext {
  service: ServiceName;
  /** IAM action the call needed, e.g. 'fsx:DescribeFileSystems' (named in access-denied hints). */
  action?: string;
  resource?: string;
  profile?: string;
  region?: string;
}

export function isStorageError(e: unknown): e is StorageError {
  return e instanceof StorageError;
}

const SERVICE_LABEL: Record<ServiceName, string> = {
  ec2: 'EC2',
  efs: 'EFS',
  fsx: 'FSx',
  s3: 'S3',
  cloudwatch: 'CloudWatch',
  ce: 'Cost Explorer',
  ssm: 'SSM',
  sts: 'STS',
  kms: 'KMS',
  ds: 'Directory Service',
};

/** Seconds to wait after throttling when the response names no Retry-After. */
export const DEFAULT_THROTTLE_RETRY_AFTER_S = 2;
/** Seconds to wait after a 5xx when the response names no Retry-After. */
export const DEFAULT_UNAVAILABLE_RETRY_AFTER_S = 5;

// Error codes by kind. Sources: the error lists of each API reference,
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html,
// https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html,
// https://docs.aws.amazon.com/efs/latest/ug/API_Operations.html (per-operation errors),
// https://docs.aws.amazon.com/fsx/latest/APIReference/CommonErrors.html.
const AUTH = new Set([
  'ExpiredToken',
  'ExpiredTokenException',
  'RequestExpired',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'AuthFailure',
  'SignatureDoesNotMatch',
  'InvalidAccessKeyId',
  'InvalidToken',
  'InvalidSignatureException',
  'IncompleteSignature',
  'MissingAuthenticationToken',
  'MissingAuthenticationTokenException',
  'RequestTimeTooSkewed',
  'CredentialsProviderError',
  'TokenProviderError',
]);
const CLOCK = new Set(['RequestTimeTooSkewed', 'RequestExpired', 'SignatureDoesNotMatch']);
const BAD_KEY = new Set(['InvalidClientTokenId', 'UnrecognizedClientException', 'InvalidAccessKeyId', 'AuthFailure']);

const ACCESS_DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'Forbidden',
  'AllAccessDisabled',
  'OptInRequired',
  'InvalidAccessException',
]);

const THROTTLING = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'SlowDown',
  'RequestThrottled',
  'RequestThrottledException',
  'ProvisionedThroughputExceededException',
  'EC2ThrottledException',
  'BandwidthLimitExceeded',
  'PriorRequestNotComplete',
  'TooManyRequests',
]);

const NOT_FOUND = new Set(['NoSuchBucket', 'NoSuchKey', 'NoSuchEntity', 'NoSuchUpload', 'NotFound', 'ResourceNotFoundException', 'FileSystemNotFound', 'InvalidVolume.NotFound']);

const VALIDATION = new Set([
  'ValidationException',
  'ValidationError',
  'InvalidParameterValue',
  'InvalidParameterValueException',
  'InvalidParameterCombination',
  'InvalidParameter',
  'InvalidParameterException',
  'InvalidInput',
  'InvalidRequest',
  'InvalidArgument',
  'InvalidBucketName',
  'InvalidLocationConstraint',
  'IllegalLocationConstraintException',
  'AuthorizationHeaderMalformed',
  'PermanentRedirect',
  'MalformedXML',
  'MalformedPolicy',
  'MissingParameter',
  'MissingAction',
  'BadRequest',
  'BadRequestException',
  'IncompatibleParameterError',
  'UnsupportedOperation',
  'UnsupportedOperationException',
  'InvalidNetworkSettings',
  'InvalidImportPath',
  'InvalidExportPath',
  'InvalidPerUnitStorageThroughput',
  'UnsupportedAvailabilityZone',
  'InvalidZone.NotFound',
  'InvalidRegion',
  'InvalidDestinationKmsKey',
  'InvalidSourceKmsKey',
  'InvalidPolicyException',
  'ActiveDirectoryError',
  'AvailabilityZonesMismatch',
  'MissingFileSystemConfiguration',
  'MissingVolumeConfiguration',
  'MissingFileCacheConfiguration',
]);
const REGION_MISMATCH = new Set(['IllegalLocationConstraintException', 'AuthorizationHeaderMalformed', 'PermanentRedirect', 'InvalidLocationConstraint']);

const CONFLICT = new Set([
  'VolumeInUse',
  'BucketNotEmpty',
  'FileSystemInUse',
  'BucketAlreadyExists',
  'BucketAlreadyOwnedByYou',
  'FileSystemAlreadyExists',
  'AccessPointAlreadyExists',
  'IncorrectState',
  'IncorrectFileSystemLifeCycleState',
  'IncorrectMountTargetState',
  'IncorrectInstanceState',
  'MountTargetConflict',
  'ConflictException',
  'OperationAborted',
  'DependencyViolation',
  'ResourceInUse',
  'ResourceInUseException',
  'BadRequest.Conflict',
  'IdempotentParameterMismatch',
  'IncompatibleRegionForMultiAZ',
  'IpAddressInUse',
  'BackupInProgress',
  'BackupBeingCopied',
  'BackupRestoring',
  'DataRepositoryTaskExecuting',
]);

const QUOTA = new Set(['ServiceLimitExceeded', 'TooManyBuckets', 'VolumeLimitExceeded', 'FileSystemLimitExceeded', 'ServiceQuotaExceededException', 'MaxIOPSLimitExceeded', 'QuotaExceeded', 'TooManyAccessPoints', 'NoFreeAddressesInSubnet']);

const UNAVAILABLE = new Set([
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'ServiceUnavailableError',
  'Unavailable',
  'InternalError',
  'InternalFailure',
  'InternalServerError',
  'InternalServerException',
  'InternalServiceError',
  'BadGateway',
  'GatewayTimeout',
  'InsufficientVolumeCapacity',
  'InsufficientThroughputCapacity',
  'InsufficientCapacity',
  'DependencyTimeout',
]);
const CAPACITY = new Set(['InsufficientVolumeCapacity', 'InsufficientThroughputCapacity', 'InsufficientCapacity']);

/** Node / undici error codes meaning the request never completed. */
const NET_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'ETIMEDOUT',
  'ECONNRESET',
  'EAI_AGAIN',
  'EPIPE',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'ECONNABORTED',
  'EPROTO',
  'ESOCKETTIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_HEADERS_TIMEOUT',
]);
const TLS_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);
const NET_NAMES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'NetworkingError', 'AbortError']);

/** Names that say nothing about the failure: look at the status and message instead. */
const GENERIC_NAMES = new Set(['Error', 'ServiceException', 'UnknownError', 'Unknown', 'SyntaxError', 'TypeError', 'AggregateError', '']);

interface Facts {
  /** AWS error code or error name. */
  code: string;
  name: string;
  /** errno-style code of a Node network error (also searched in `cause` and AggregateError members). */
  sysCode?: string;
  hostname?: string;
  status?: number;
  fault?: string;
  retryable?: { throttling?: boolean };
  message: string;
  headers?: Record<string, string>;
  deserialization: boolean;
}

function rec(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : undefined;
}
function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** The errno code of a Node network error, looking through `cause` and AggregateError's members. */
function systemCode(e: Record<string, unknown>, depth = 0): { code?: string; hostname?: string } {
  const code = str(e.code);
  if (code && (NET_CODES.has(code) || TLS_CODES.has(code))) return { code, hostname: str(e.hostname) ?? str(e.host) };
  if (depth >= 3) return {};
  const cause = rec(e.cause);
  if (cause) {
    const c = systemCode(cause, depth + 1);
    if (c.code) return c;
  }
  if (Array.isArray(e.errors)) {
    for (const member of e.errors) {
      const m = rec(member);
      const c = m ? systemCode(m, depth + 1) : {};
      if (c.code) return c;
    }
  }
  return {};
}

function headersOf(e: Record<string, unknown>): Record<string, string> | undefined {
  const h = rec(rec(e.$response)?.headers);
  if (!h) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (typeof v === 'string') out[k.toLowerCase()] = v;
  return out;
}

function factsOf(err: unknown): Facts {
  const e = rec(err);
  if (!e) {
    const message = err === undefined || err === null ? 'unknown error' : String(err);
    return { code: 'Unknown', name: '', message, deserialization: false };
  }
  const name = str(e.name) ?? '';
  const awsCode = str(e.Code) ?? str(rec(e.Error)?.Code) ?? str(e.__type)?.split('#').pop();
  const { code: sysCode, hostname } = systemCode(e);
  const metadata = rec(e.$metadata);
  const status = typeof metadata?.httpStatusCode === 'number' ? metadata.httpStatusCode : typeof e.statusCode === 'number' ? e.statusCode : undefined;
  const message = str(e.message) ?? str(e.Message) ?? '';
  // The SDK appends "Deserialization error: ..." only to parse failures (no modeled error was read).
  const deserialization = name === 'SyntaxError' || (GENERIC_NAMES.has(name) && message.includes('Deserialization error'));
  let code = awsCode ?? (GENERIC_NAMES.has(name) ? undefined : name);
  if (!code) code = sysCode ?? (status !== undefined ? `HTTP${status}` : name || 'Unknown');
  return {
    code,
    name,
    sysCode,
    hostname,
    status,
    fault: str(e.$fault),
    retryable: rec(e.$retryable) as Facts['retryable'],
    message,
    headers: headersOf(e),
    deserialization,
  };
}

/** One line, no stack, no SDK deserialization boilerplate, bounded length. */
function oneLine(message: string, fallback: string): string {
  const first = message
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '' && !l.startsWith('at ') && !l.startsWith('Deserialization error'));
  const line = (first ?? '').replace(/\s+/g, ' ');
  if (!line) return fallback;
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}

/** Retry-After in seconds: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.max(0, Math.ceil(Number(v)));
  const t = Date.parse(v);
  if (Number.isNaN(t)) return undefined;
  return Math.max(0, Math.ceil((t - now) / 1000));
}

/** "not authorized to perform: fsx:DescribeFileSystems" / "no identity-based policy allows the kms:Decrypt action". */
export function deniedAction(message: string): string | undefined {
  const m = /not authorized to perform:?\s+([A-Za-z0-9-]+:[A-Za-z0-9*]+)/i.exec(message) ?? /allows the ([A-Za-z0-9-]+:[A-Za-z0-9*]+) action/i.exec(message);
  return m?.[1];
}

type Kind = StorageError['type'];

/** The SDK's "Region is missing" config error (no region in flags, env or profile). */
function isRegionMissing(f: Facts): boolean {
  return f.status === undefined && /^Region is missing/i.test(f.message);
}

function kindOf(f: Facts): Kind {
  const c = f.code;
  if (AUTH.has(c) || f.name === 'CredentialsProviderError' || f.name === 'TokenProviderError') return 'auth';
  if (/security token included in the request is (expired|invalid)/i.test(f.message)) return 'auth';
  if (isRegionMissing(f)) return 'validation';
  if (THROTTLING.has(c) || f.retryable?.throttling === true || f.status === 429) return 'throttling';
  if (ACCESS_DENIED.has(c)) return 'access-denied';
  if (QUOTA.has(c) || (/LimitExceeded/.test(c) && c !== 'RequestLimitExceeded')) return 'quota';
  if (CONFLICT.has(c) || /AlreadyExists|AlreadyOwnedByYou/.test(c)) return 'conflict';
  if (VALIDATION.has(c) || /\.Malformed$|^Invalid.*\.Malformed/.test(c)) return 'validation';
  if (NOT_FOUND.has(c) || /NotFound|^NoSuch/.test(c)) return 'not-found';
  if (UNAVAILABLE.has(c)) return 'unavailable';
  if (f.sysCode || NET_NAMES.has(f.name) || NET_NAMES.has(c)) return 'network';
  // A response that is not AWS's (HTML from a proxy or a captive portal) with a 2xx/3xx status.
  if (f.deserialization && (f.status === undefined || f.status < 400)) return 'network';
  const s = f.status;
  if (s !== undefined) {
    if (s === 401) return 'auth';
    if (s === 403) return 'access-denied';
    if (s === 404) return 'not-found';
    if (s === 409) return 'conflict';
    if (s >= 500) return 'unavailable';
    if (s === 400 || s === 422) return /^Invalid/.test(c) ? 'validation' : f.fault === 'server' ? 'unavailable' : 'validation';
  }
  if (f.fault === 'server') return 'unavailable';
  if (f.retryable) return 'unavailable';
  if (/^Invalid/.test(c)) return 'validation';
  return 'unknown';
}

function profileHint(ctx: ClassifyContext): string {
  return ctx.profile ? `run \`aws sso login --profile ${ctx.profile}\` (or refresh that profile's keys)` : 'configure credentials (`aws configure`, `aws sso login`, or AWS_PROFILE / AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY)';
}

function hintFor(kind: Kind, f: Facts, ctx: ClassifyContext): string {
  const svc = SERVICE_LABEL[ctx.service] ?? ctx.service;
  const where = ctx.region ? ` in ${ctx.region}` : '';
  const c = f.code;
  switch (kind) {
    case 'auth':
      if (f.name === 'CredentialsProviderError' || f.name === 'TokenProviderError') {
        return ctx.profile ? `No usable credentials for profile "${ctx.profile}": ${profileHint(ctx)}, then retry.` : `No AWS credentials were found: ${profileHint(ctx)}, then retry.`;
      }
      if (c === 'RequestTimeTooSkewed') return 'The system clock is off by more than 15 minutes: sync it (e.g. `chronyc makestep` or enable NTP), then retry.';
      if (BAD_KEY.has(c)) return `The access key is not valid for this account or partition: check the credentials in use, or ${profileHint(ctx)}.`;
      if (CLOCK.has(c) && c !== 'RequestExpired') return `The request signature did not match: check the secret key and that the system clock is correct, or ${profileHint(ctx)}.`;
      return `The credentials have expired or are invalid: ${profileHint(ctx)}${c === 'RequestExpired' ? ' and check the system clock' : ''}, then retry.`;
    case 'access-denied': {
      if (c === 'OptInRequired') return `This account is not subscribed to ${svc}${where} (or the region is not enabled): enable it in the account settings or choose another region.`;
      const action = deniedAction(f.message) ?? ctx.action;
      const explicit = /explicit deny/i.test(f.message) ? ' An explicit deny (SCP, permissions boundary or policy) blocks it, so adding an Allow is not enough.' : '';
      return action
        ? `Your IAM identity is not allowed to call ${action}: ask an administrator to grant it (or use a profile that has it).${explicit}`
        : `Your IAM identity is not allowed to use ${svc}${where}: ask an administrator for access (or use a profile that has it).${explicit}`;
    }
    case 'throttling':
      return `${svc} is throttling requests${where}: they are retried with backoff; if it persists, refresh less often or ask AWS for a higher API rate limit.`;
    case 'network': {
      if (f.name === 'AbortError') return 'The request was cancelled before it finished: refresh to try again.';
      if (f.sysCode && TLS_CODES.has(f.sysCode)) return 'The TLS certificate could not be verified: behind an inspecting proxy, point AWS_CA_BUNDLE or NODE_EXTRA_CA_CERTS at its CA bundle.';
      if (f.deserialization) return `The ${svc} response was not from AWS (a proxy or captive portal?): check HTTPS_PROXY / NO_PROXY and the endpoint URL.`;
      const host = f.hostname ? ` ${f.hostname}` : '';
      if (f.sysCode === 'ENOTFOUND' || f.sysCode === 'EAI_AGAIN') return `The ${svc} endpoint${host} could not be resolved: check DNS, network connectivity, the region name and any custom endpoint URL.`;
      return `Could not reach ${svc}${where}${host ? ` (${host.trim()})` : ''}: check network connectivity, proxy settings (HTTPS_PROXY / NO_PROXY) and the endpoint URL.`;
    }
    case 'not-found':
      return ctx.resource
        ? `${ctx.resource} no longer exists${where} (deleted elsewhere, or in another region or account): refresh the list.`
        : `The ${svc} resource does not exist${where}: refresh the list or check the region and account.`;
    case 'validation':
      if (isRegionMissing(f)) return 'No AWS region is configured: pass --region, set AWS_REGION, or add a region to the profile.';
      if (REGION_MISMATCH.has(c)) return 'The bucket and the region do not match: use the bucket\'s own region (S3 location constraints must name the region of the endpoint).';
      return `${svc} rejected the request's parameters: correct the value named in the message and try again.`;
    case 'conflict':
      switch (c) {
        case 'VolumeInUse':
          return 'The volume is attached to an instance: detach it (after unmounting) first.';
        case 'BucketNotEmpty':
          return 'The bucket still holds objects: empty it (all object versions and delete markers) before deleting it.';
        case 'BucketAlreadyExists':
          return 'Bucket names are global across all AWS accounts and this one is taken: choose another name.';
        case 'BucketAlreadyOwnedByYou':
          return 'You already own a bucket with this name (perhaps in another region): use it or choose another name.';
        case 'FileSystemInUse':
          return 'The file system still has mount targets: delete them first, then retry.';
        default:
          return /AlreadyExists|AlreadyOwnedByYou/.test(c)
            ? 'A resource with this name or token already exists: choose another name, or use the existing one.'
            : 'The resource is busy or in a state that does not allow this: wait until it is available, then retry.';
      }
    case 'quota':
      return `A ${svc} service quota${where} was reached: delete unused resources or request an increase in the Service Quotas console.`;
    case 'unavailable':
      if (CAPACITY.has(c)) return `AWS has no capacity for this request${where} right now: try another Availability Zone or try again later.`;
      return `${svc}${where} is having trouble (server error): the call is retried; check the AWS Health Dashboard if it persists.`;
    default:
      return `An unexpected error came from ${svc}: retry, and report it with the message if it persists.`;
  }
}

function messageFor(kind: Kind, f: Facts, ctx: ClassifyContext): string {
  const svc = SERVICE_LABEL[ctx.service] ?? ctx.service;
  // Deserialization failures carry a JSON parser message about '<': say what actually happened.
  if (f.deserialization) return f.status !== undefined ? `${svc} returned HTTP ${f.status} with a response that could not be read` : `${svc} returned a response that could not be read`;
  if (kind === 'network' && f.sysCode && !f.message) return `${svc}: ${f.sysCode}${f.hostname ? ` ${f.hostname}` : ''}`;
  return oneLine(f.message, f.status !== undefined ? `${svc} returned HTTP ${f.status} (${f.code})` : f.code);
}

const RECOVERABLE: ReadonlySet<Kind> = new Set<Kind>(['throttling', 'network', 'unavailable']);

export function classifyError(err: unknown, ctx: ClassifyContext): StorageError {
  try {
    if (err instanceof StorageError) return err;
    const f = factsOf(err);
    const type = kindOf(f);
    const recoverable = RECOVERABLE.has(type) && f.name !== 'AbortError' && !CAPACITY.has(f.code);
    let retryAfter: number | undefined;
    if (type === 'throttling' || type === 'unavailable') {
      const header = parseRetryAfter(f.headers?.['retry-after']);
      if (header !== undefined) retryAfter = header;
      else if (recoverable) retryAfter = type === 'throttling' ? DEFAULT_THROTTLE_RETRY_AFTER_S : DEFAULT_UNAVAILABLE_RETRY_AFTER_S;
    }
    return new StorageError({
      type,
      service: ctx.service,
      resource: ctx.resource,
      code: f.code,
      message: messageFor(type, f, ctx),
      hint: hintFor(type, f, ctx),
      recoverable,
      retryAfter,
    });
  } catch {
    return new StorageError({
      type: 'unknown',
      service: ctx.service,
      resource: ctx.resource,
      code: 'Unknown',
      message: 'an error occurred that could not be read',
      hint: 'Retry, and report it if it persists.',
      recoverable: false,
    });
  }
}
