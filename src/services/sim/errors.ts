// AWS-shaped errors for the simulated region. They are instances of each
// service's own ServiceException class, with `name` = the AWS error code,
// `$fault` and `$metadata.httpStatusCode`, exactly what the SDK's
// deserialisers throw, so the product's real error path runs.
import { EC2ServiceException } from '@aws-sdk/client-ec2';
import { EFSServiceException } from '@aws-sdk/client-efs';
import { FSxServiceException } from '@aws-sdk/client-fsx';
import { S3ServiceException } from '@aws-sdk/client-s3';
import { CloudWatchServiceException } from '@aws-sdk/client-cloudwatch';
import type { ServiceName } from '../types.js';

type ExceptionClass = new (o: {
  name: string;
  $fault: 'client' | 'server';
  $metadata: { httpStatusCode?: number; requestId?: string; attempts?: number; totalRetryDelay?: number };
  message?: string;
}) => Error;

const EXCEPTION: Partial<Record<ServiceName, ExceptionClass>> = {
  ec2: EC2ServiceException,
  efs: EFSServiceException,
  fsx: FSxServiceException,
  s3: S3ServiceException,
  cloudwatch: CloudWatchServiceException,
};

/** Services whose SDK module loads on first use (as their clients do: aws/clients.ts). */
const LAZY_EXCEPTION: Record<string, () => Promise<ExceptionClass>> = {
  ce: () => import('../aws/sdk/ce.js').then((m) => m.CostExplorerServiceException),
  ssm: () => import('../aws/sdk/ssm.js').then((m) => m.SSMServiceException),
  sts: () => import('../aws/sdk/sts.js').then((m) => m.STSServiceException),
  kms: () => import('../aws/sdk/kms.js').then((m) => m.KMSServiceException),
  ds: () => import('../aws/sdk/ds.js').then((m) => m.DirectoryServiceServiceException),
};

/** Loads the service's exception class; the region awaits it before answering a call. */
export async function loadExceptionClass(service: ServiceName): Promise<void> {
  if (EXCEPTION[service]) return;
  EXCEPTION[service] = await LAZY_EXCEPTION[service]();
}

export interface AwsErrorOptions {
  status?: number;
  fault?: 'client' | 'server';
  /** Extra modelled members (e.g. EFS ErrorCode, S3 BucketName). */
  extra?: Record<string, unknown>;
}

/** An error as the SDK would throw it for this service. */
export function awsError(service: ServiceName, code: string, message: string, opts: AwsErrorOptions = {}): Error {
  const status = opts.status ?? 400;
  const fault = opts.fault ?? (status >= 500 ? 'server' : 'client');
  const Cls = EXCEPTION[service];
  if (!Cls) throw new Error(`simulated region: ${service} error raised before loadExceptionClass('${service}')`);
  const err = new Cls({ name: code, $fault: fault, $metadata: { httpStatusCode: status, attempts: 1, totalRetryDelay: 0 }, message });
  // The SDK decorates errors with the wire fields too (Code/Message for query and
  // XML protocols, ErrorCode for EFS); keep them so code reading either works.
  Object.assign(err, { Code: code, Message: message }, service === 'efs' ? { ErrorCode: code } : {}, opts.extra ?? {});
  return err;
}

/** True for errors raised by the simulated region in the AWS shape. */
export function isAwsShaped(e: unknown): e is Error & { $metadata: { httpStatusCode?: number; requestId?: string } } {
  return e instanceof Error && typeof (e as { $metadata?: unknown }).$metadata === 'object';
}

// ---------------------------------------------------------------------------
// Common validation errors, per service, with the code each service uses.

/** The generic "bad parameter" code of each service. */
const VALIDATION_CODE: Record<ServiceName, string> = {
  ec2: 'InvalidParameterValue',
  efs: 'BadRequest',
  fsx: 'BadRequest',
  s3: 'InvalidArgument',
  cloudwatch: 'InvalidParameterValue',
  ce: 'ValidationException',
  ssm: 'ValidationException',
  sts: 'ValidationError',
  kms: 'ValidationException',
  ds: 'InvalidParameterException',
};

export function invalidParameter(service: ServiceName, message: string): Error {
  return awsError(service, VALIDATION_CODE[service], message, { status: 400 });
}

export function missingParameter(service: ServiceName, name: string): Error {
  if (service === 'ec2') return awsError('ec2', 'MissingParameter', `The request must contain the parameter ${name}`);
  return invalidParameter(service, `1 validation error detected: Value null at '${name.charAt(0).toLowerCase()}${name.slice(1)}' failed to satisfy constraint: Member must not be null`);
}

/** The error each service raises for an unknown / corrupted pagination token. */
export function badToken(service: ServiceName): Error {
  switch (service) {
    case 'ec2':
      return awsError('ec2', 'InvalidPaginationToken', 'The pagination token is invalid or has expired.');
    case 's3':
      return awsError('s3', 'InvalidArgument', 'The continuation token provided is incorrect');
    case 'ssm':
      return awsError('ssm', 'InvalidNextToken', 'The specified token is not valid.');
    case 'kms':
      return awsError('kms', 'InvalidMarkerException', 'The marker that specifies where pagination should next begin is not valid.');
    case 'ds':
      return awsError('ds', 'InvalidNextTokenException', 'The NextToken value is not valid.');
    case 'efs':
      return awsError('efs', 'BadRequest', 'Invalid Marker.');
    default:
      return invalidParameter(service, 'The NextToken value is not valid.');
  }
}
