import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { DescribeVolumesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DescribeFileSystemsCommand as EfsDescribe, EFSClient, FileSystemLimitExceeded, FileSystemNotFound, ThrottlingException } from '@aws-sdk/client-efs';
import { IncompatibleParameterError, InternalServerError } from '@aws-sdk/client-fsx';
import { ListBucketsCommand, NoSuchBucket, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { CredentialsProviderError } from '@smithy/core/config';
import { HttpResponse } from '@smithy/core/transport';
import { classifyError, deniedAction, isStorageError, parseRetryAfter, type ClassifyContext } from '../../src/services/aws/errors.js';
import { StorageError } from '../../src/services/types.js';

const meta = (httpStatusCode: number) => ({ httpStatusCode, requestId: 'req-1', attempts: 1, totalRetryDelay: 0 });
const ctx = (over: Partial<ClassifyContext> = {}): ClassifyContext => ({ service: 'efs', region: 'us-east-1', ...over });

/** A client whose every request is answered by this HTTP response: the SDK builds the error exactly as it would from AWS. */
function answering(status: number, headers: Record<string, string>, body: string) {
  return {
    handle: async () => ({ response: new HttpResponse({ statusCode: status, headers, body: Readable.from([Buffer.from(body)]) }) }),
  };
}
const creds = { accessKeyId: 'AKID', secretAccessKey: 'secret' };

async function caught(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to fail');
}

describe('classifyError over errors the SDK builds from real HTTP responses', () => {
  it('EC2 RequestLimitExceeded (query XML) is throttling, recoverable, honouring Retry-After', async () => {
    const body = '<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>r1</RequestID></Response>';
    const client = new EC2Client({ region: 'us-east-1', credentials: creds, maxAttempts: 1, requestHandler: answering(503, { 'content-type': 'text/xml', 'retry-after': '7' }, body) });
    const err = classifyError(await caught(client.send(new DescribeVolumesCommand({}))), ctx({ service: 'ec2', action: 'ec2:DescribeVolumes' }));
    expect(err).toMatchObject({ type: 'throttling', code: 'RequestLimitExceeded', service: 'ec2', recoverable: true, retryAfter: 7, message: 'Request limit exceeded.' });
    client.destroy();
  });

  it('EC2 UnauthorizedOperation names the IAM action parsed from the message', async () => {
    const msg = 'You are not authorized to perform this operation. User: arn:aws:sts::123456789012:assumed-role/research/alice is not authorized to perform: ec2:DescribeVolumes because no identity-based policy allows the ec2:DescribeVolumes action. Encoded authorization failure message: abc';
    const body = `<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>${msg}</Message></Error></Errors><RequestID>r2</RequestID></Response>`;
    const client = new EC2Client({ region: 'us-east-1', credentials: creds, maxAttempts: 1, requestHandler: answering(403, { 'content-type': 'text/xml' }, body) });
    const err = classifyError(await caught(client.send(new DescribeVolumesCommand({}))), ctx({ service: 'ec2' }));
    expect(err.type).toBe('access-denied');
    expect(err.recoverable).toBe(false);
    expect(err.hint).toContain('ec2:DescribeVolumes');
    client.destroy();
  });

  it('S3 NoSuchBucket (REST XML) is not-found naming the bucket', async () => {
    const body = '<?xml version="1.0"?><Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message><BucketName>gone</BucketName></Error>';
    const client = new S3Client({ region: 'us-east-1', credentials: creds, maxAttempts: 1, requestHandler: answering(404, { 'content-type': 'application/xml' }, body) });
    const err = classifyError(await caught(client.send(new ListBucketsCommand({}))), ctx({ service: 's3', resource: 'gone' }));
    expect(err).toMatchObject({ type: 'not-found', code: 'NoSuchBucket', resource: 'gone', recoverable: false });
    expect(err.hint).toContain('gone');
    client.destroy();
  });

  it('EFS ThrottlingException (REST JSON) with an HTTP-date Retry-After', async () => {
    const at = new Date(Date.now() + 30_000).toUTCString();
    const client = new EFSClient({
      region: 'us-east-1',
      credentials: creds,
      maxAttempts: 1,
      requestHandler: answering(429, { 'content-type': 'application/json', 'x-amzn-errortype': 'ThrottlingException', 'retry-after': at }, '{"ErrorCode":"ThrottlingException","Message":"Rate exceeded"}'),
    });
    const err = classifyError(await caught(client.send(new EfsDescribe({}))), ctx());
    expect(err.type).toBe('throttling');
    expect(err.retryAfter).toBeGreaterThanOrEqual(28);
    expect(err.retryAfter).toBeLessThanOrEqual(31);
    client.destroy();
  });

  it('an HTML page instead of JSON (moto 500 for an unimplemented call) is unavailable with a readable one-line message', async () => {
    const client = new EFSClient({ region: 'us-east-1', credentials: creds, maxAttempts: 1, requestHandler: answering(500, { 'content-type': 'text/html' }, '<!doctype html><title>500</title>') });
    const err = classifyError(await caught(client.send(new EfsDescribe({}))), ctx());
    expect(err.type).toBe('unavailable');
    expect(err.recoverable).toBe(true);
    expect(err.message).not.toContain('\n');
    expect(err.message).toContain('500');
    client.destroy();
  });

  it('an HTML page with HTTP 200 (captive portal / proxy) is a network problem', async () => {
    const client = new EFSClient({ region: 'us-east-1', credentials: creds, maxAttempts: 1, requestHandler: answering(200, { 'content-type': 'text/html' }, '<html>Please log in to the hotel wifi</html>') });
    const err = classifyError(await caught(client.send(new EfsDescribe({}))), ctx());
    expect(err.type).toBe('network');
    expect(err.hint).toMatch(/proxy/i);
    client.destroy();
  });
});

describe('classifyError over SDK exception classes', () => {
  it('EFS ThrottlingException without Retry-After gets a default wait', () => {
    const e = new ThrottlingException({ $metadata: meta(429), message: 'Rate exceeded' });
    expect(classifyError(e, ctx())).toMatchObject({ type: 'throttling', recoverable: true, retryAfter: 2 });
  });

  it('S3 AccessDenied with an explicit deny says an Allow will not help', () => {
    const e = new S3ServiceException({
      name: 'AccessDenied',
      $fault: 'client',
      $metadata: meta(403),
      message: 'User: arn:aws:iam::123456789012:user/bob is not authorized to perform: s3:ListAllMyBuckets with an explicit deny in a service control policy',
    });
    const err = classifyError(e, ctx({ service: 's3', action: 's3:GetBucketTagging' }));
    expect(err.type).toBe('access-denied');
    expect(err.hint).toContain('s3:ListAllMyBuckets');
    expect(err.hint).toMatch(/explicit deny/i);
  });

  it('access denied without an action in the message names ctx.action', () => {
    const e = new S3ServiceException({ name: 'AccessDenied', $fault: 'client', $metadata: meta(403), message: 'Access Denied' });
    expect(classifyError(e, ctx({ service: 's3', action: 's3:GetBucketTagging' })).hint).toContain('s3:GetBucketTagging');
  });

  it('NoSuchBucket, FileSystemNotFound are not-found', () => {
    expect(classifyError(new NoSuchBucket({ $metadata: meta(404), message: 'The specified bucket does not exist' }), ctx({ service: 's3' })).type).toBe('not-found');
    expect(classifyError(new FileSystemNotFound({ $metadata: meta(404), message: 'File system fs-1 does not exist.', ErrorCode: 'FileSystemNotFound' }), ctx()).type).toBe('not-found');
  });

  it('FileSystemLimitExceeded is quota; FSx IncompatibleParameterError is validation; FSx InternalServerError is unavailable', () => {
    expect(classifyError(new FileSystemLimitExceeded({ $metadata: meta(403), message: 'limit', ErrorCode: 'FileSystemLimitExceeded' }), ctx()).type).toBe('quota');
    expect(classifyError(new IncompatibleParameterError({ $metadata: meta(400), message: 'bad', Parameter: 'DeploymentType' }), ctx({ service: 'fsx' })).type).toBe('validation');
    const internal = classifyError(new InternalServerError({ $metadata: meta(500), message: 'oops' }), ctx({ service: 'fsx' }));
    expect(internal).toMatchObject({ type: 'unavailable', recoverable: true });
  });
});

describe('classifyError over plain error shapes', () => {
  const shaped = (name: string, status: number, message = `${name} happened`, extra: Record<string, unknown> = {}) => ({ name, Code: name, $fault: status >= 500 ? 'server' : 'client', $metadata: meta(status), message, ...extra });

  it.each([
    ['ExpiredToken', 400, 'auth'],
    ['ExpiredTokenException', 400, 'auth'],
    ['RequestExpired', 400, 'auth'],
    ['InvalidClientTokenId', 403, 'auth'],
    ['UnrecognizedClientException', 400, 'auth'],
    ['AuthFailure', 401, 'auth'],
    ['SignatureDoesNotMatch', 403, 'auth'],
    ['InvalidAccessKeyId', 403, 'auth'],
    ['AccessDeniedException', 400, 'access-denied'],
    ['UnauthorizedOperation', 403, 'access-denied'],
    ['Forbidden', 403, 'access-denied'],
    ['Throttling', 400, 'throttling'],
    ['TooManyRequestsException', 429, 'throttling'],
    ['SlowDown', 503, 'throttling'],
    ['RequestLimitExceeded', 503, 'throttling'],
    ['InvalidVolume.NotFound', 400, 'not-found'],
    ['InvalidInstanceID.NotFound', 400, 'not-found'],
    ['MountTargetNotFound', 404, 'not-found'],
    ['ValidationException', 400, 'validation'],
    ['InvalidParameterValue', 400, 'validation'],
    ['InvalidParameterCombination', 400, 'validation'],
    ['BadRequest', 400, 'validation'],
    ['IllegalLocationConstraintException', 400, 'validation'],
    ['MissingParameter', 400, 'validation'],
    ['InvalidVolumeID.Malformed', 400, 'validation'],
    ['VolumeInUse', 400, 'conflict'],
    ['BucketNotEmpty', 409, 'conflict'],
    ['FileSystemInUse', 409, 'conflict'],
    ['BucketAlreadyExists', 409, 'conflict'],
    ['BucketAlreadyOwnedByYou', 409, 'conflict'],
    ['FileSystemAlreadyExists', 409, 'conflict'],
    ['IncorrectState', 400, 'conflict'],
    ['ServiceLimitExceeded', 400, 'quota'],
    ['TooManyBuckets', 400, 'quota'],
    ['VolumeLimitExceeded', 400, 'quota'],
    ['AccessPointLimitExceeded', 403, 'quota'],
    ['ServiceUnavailable', 503, 'unavailable'],
    ['InternalError', 500, 'unavailable'],
    ['InternalFailure', 500, 'unavailable'],
  ] as const)('%s (HTTP %i) -> %s', (code, status, type) => {
    const err = classifyError(shaped(code, status), ctx());
    expect(err.type).toBe(type);
    expect(err.code).toBe(code);
    expect(err.recoverable).toBe(type === 'throttling' || type === 'unavailable');
    expect(err.hint.length).toBeGreaterThan(20);
  });

  it('falls back on the HTTP status for codes it does not know', () => {
    expect(classifyError(shaped('SomethingNew', 403), ctx()).type).toBe('access-denied');
    expect(classifyError(shaped('SomethingNew', 404), ctx()).type).toBe('not-found');
    expect(classifyError(shaped('SomethingNew', 409), ctx()).type).toBe('conflict');
    expect(classifyError(shaped('SomethingNew', 429), ctx()).type).toBe('throttling');
    expect(classifyError(shaped('SomethingNew', 502), ctx())).toMatchObject({ type: 'unavailable', recoverable: true, retryAfter: 5 });
  });

  it('the SDK $retryable throttling flag marks throttling', () => {
    expect(classifyError({ name: 'Weird', $retryable: { throttling: true }, $metadata: meta(400), message: 'slow down' }, ctx()).type).toBe('throttling');
  });

  it('expired credentials with a known profile suggest aws sso login for that profile', () => {
    const err = classifyError(shaped('ExpiredToken', 400, 'The security token included in the request is expired'), ctx({ profile: 'research' }));
    expect(err.hint).toContain('aws sso login --profile research');
  });

  it('"security token ... is expired" inside another code is still auth', () => {
    expect(classifyError(shaped('SomeOtherCode', 400, 'The security token included in the request is expired'), ctx()).type).toBe('auth');
  });

  it('a missing region is a validation problem that says how to set one', () => {
    const err = classifyError(new Error('Region is missing'), ctx());
    expect(err.type).toBe('validation');
    expect(err.hint).toMatch(/AWS_REGION/);
  });

  it('clock skew says to fix the clock', () => {
    expect(classifyError(shaped('RequestTimeTooSkewed', 403), ctx()).hint).toMatch(/clock/);
  });
});

describe('classifyError over credential and network failures', () => {
  it('CredentialsProviderError: how to configure credentials, or sso login for a profile', () => {
    const e = new CredentialsProviderError('Could not load credentials from any providers', false);
    const none = classifyError(e, ctx());
    expect(none).toMatchObject({ type: 'auth', code: 'CredentialsProviderError', recoverable: false, message: 'Could not load credentials from any providers' });
    expect(none.hint).toMatch(/aws configure|AWS_ACCESS_KEY_ID/);
    expect(classifyError(e, ctx({ profile: 'lab' })).hint).toContain('aws sso login --profile lab');
  });

  it('ECONNREFUSED, ENOTFOUND (naming the host) and AggregateError members are network, recoverable', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4566'), { code: 'ECONNREFUSED', errno: -111, syscall: 'connect' });
    expect(classifyError(refused, ctx())).toMatchObject({ type: 'network', code: 'ECONNREFUSED', recoverable: true });
    const dns = Object.assign(new Error('getaddrinfo ENOTFOUND elasticfilesystem.xx-nowhere-1.amazonaws.com'), { code: 'ENOTFOUND', hostname: 'elasticfilesystem.xx-nowhere-1.amazonaws.com' });
    const d = classifyError(dns, ctx());
    expect(d.type).toBe('network');
    expect(d.hint).toContain('elasticfilesystem.xx-nowhere-1.amazonaws.com');
    const agg = Object.assign(new AggregateError([refused], ''), {});
    expect(classifyError(agg, ctx())).toMatchObject({ type: 'network', code: 'ECONNREFUSED', recoverable: true });
    const wrapped = new Error('fetch failed', { cause: refused });
    expect(classifyError(wrapped, ctx()).type).toBe('network');
  });

  it('TimeoutError from the HTTP handler is network and recoverable; AbortError is network but not retried', () => {
    const timeout = Object.assign(new Error('@smithy/node-http-handler - the request socket did not establish a connection with the server within the configured timeout of 3000 ms.'), { name: 'TimeoutError' });
    expect(classifyError(timeout, ctx())).toMatchObject({ type: 'network', code: 'TimeoutError', recoverable: true });
    const abort = Object.assign(new Error('Request aborted'), { name: 'AbortError' });
    expect(classifyError(abort, ctx())).toMatchObject({ type: 'network', recoverable: false });
  });

  it('TLS interception is explained', () => {
    const e = Object.assign(new Error('self-signed certificate in certificate chain'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' });
    const err = classifyError(e, ctx());
    expect(err.type).toBe('network');
    expect(err.hint).toMatch(/AWS_CA_BUNDLE|NODE_EXTRA_CA_CERTS/);
  });
});

describe('classifyError robustness', () => {
  it('returns a StorageError unchanged', () => {
    const se = new StorageError({ type: 'quota', service: 'fsx', code: 'X', message: 'm', hint: 'h', recoverable: false });
    expect(classifyError(se, ctx())).toBe(se);
  });

  it('never throws, whatever is thrown', () => {
    const hostile = {
      get name(): string {
        throw new Error('boom');
      },
    };
    for (const v of [undefined, null, 42, 'plain string', {}, [], hostile, Symbol('s')]) {
      const err = classifyError(v, ctx());
      expect(isStorageError(err)).toBe(true);
      expect(err.type).toBe('unknown');
    }
    expect(classifyError('plain string', ctx()).message).toBe('plain string');
  });

  it('keeps one line: no stack, no SDK boilerplate, bounded length', () => {
    const e = new Error(`first line of the problem\n    at foo (bar.js:1:1)\n  Deserialization error: to see the raw response...`);
    Object.assign(e, { name: 'ValidationException', $metadata: meta(400) });
    expect(classifyError(e, ctx()).message).toBe('first line of the problem');
    const long = classifyError({ name: 'ValidationException', message: 'x'.repeat(5000) }, ctx()).message;
    expect(long.length).toBeLessThanOrEqual(300);
  });

  it('isStorageError tells StorageErrors from others', () => {
    expect(isStorageError(new StorageError({ type: 'auth', service: 'sts', code: 'c', message: 'm', hint: 'h', recoverable: false }))).toBe(true);
    expect(isStorageError(new Error('x'))).toBe(false);
    expect(isStorageError({ type: 'auth' })).toBe(false);
  });
});

describe('helpers', () => {
  it('parseRetryAfter reads seconds and HTTP dates, ignores garbage', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('12', now)).toBe(12);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter('Tue, 31 Dec 2024 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it('deniedAction finds the action in both message styles', () => {
    expect(deniedAction('User: x is not authorized to perform: fsx:DescribeFileSystems on resource: *')).toBe('fsx:DescribeFileSystems');
    expect(deniedAction('because no identity-based policy allows the kms:Decrypt action')).toBe('kms:Decrypt');
    expect(deniedAction('Access Denied')).toBeUndefined();
  });
});
