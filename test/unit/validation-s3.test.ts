import { describe, expect, it } from 'vitest';
import type { S3Config, StorageRequest } from '../../src/services/types.js';
import { bucketNameWarnings, validateBucketName, validateRequest } from '../../src/services/validation/index.js';

describe('S3 bucket naming rules, each named in its message', () => {
  it.each(['abc', 'my-research-data', 'data.2024.results', 'a'.repeat(63), '1st-bucket', 'xn-single-hyphen'])('accepts %s', (name) => {
    expect(validateBucketName(name)).toBeNull();
  });

  it.each([
    ['ab', 'Bucket names must be between 3 and 63 characters long (this one has 2): lengthen it.'],
    ['a'.repeat(64), 'Bucket names must be between 3 and 63 characters long (this one has 64): shorten it.'],
    ['My-Bucket', 'Bucket names may contain only lowercase letters, numbers, dots (.) and hyphens (-), and "M" is not one: use lowercase letters.'],
    ['my_bucket', 'Bucket names may contain only lowercase letters, numbers, dots (.) and hyphens (-), and "_" is not one: use a hyphen instead.'],
    ['my bucket', 'Bucket names may contain only lowercase letters, numbers, dots (.) and hyphens (-), and " " is not one: use a hyphen instead.'],
    ['data!', 'Bucket names may contain only lowercase letters, numbers, dots (.) and hyphens (-), and "!" is not one: remove it.'],
    ['-data', 'Bucket names must begin and end with a letter or number: remove the leading or trailing dot or hyphen.'],
    ['data.', 'Bucket names must begin and end with a letter or number: remove the leading or trailing dot or hyphen.'],
    ['my..bucket', 'Bucket names must not contain two adjacent periods: replace ".." with a single dot or a hyphen.'],
    ['192.168.5.4', 'Bucket names must not be formatted as an IP address (like 192.168.5.4): use words instead.'],
    ['xn--bucket', 'Bucket names must not start with the reserved prefix "xn--": choose another beginning.'],
    ['sthree-data', 'Bucket names must not start with the reserved prefix "sthree-": choose another beginning.'],
    ['sthree-configurator-x', 'Bucket names must not start with the reserved prefix "sthree-": choose another beginning.'],
    ['amzn-s3-demo-bucket', 'Bucket names must not start with the reserved prefix "amzn-s3-demo-": choose another beginning.'],
    ['data-s3alias', 'Bucket names must not end with the reserved suffix "-s3alias": choose another ending.'],
    ['data--ol-s3', 'Bucket names must not end with the reserved suffix "--ol-s3": choose another ending.'],
    ['data.mrap', 'Bucket names must not end with the reserved suffix ".mrap": choose another ending.'],
    ['data--x-s3', 'Bucket names must not end with the reserved suffix "--x-s3": choose another ending.'],
    ['data--table-s3', 'Bucket names must not end with the reserved suffix "--table-s3": choose another ending.'],
  ])('%s breaks a rule', (name, rule) => {
    expect(validateBucketName(name)).toBe(rule);
  });

  it('warns, without refusing, about dots (Transfer Acceleration, HTTPS)', () => {
    expect(validateBucketName('results.lab')).toBeNull();
    expect(bucketNameWarnings('results.lab')).toEqual(['Dots in a bucket name rule out S3 Transfer Acceleration and break virtual-hosted HTTPS: prefer hyphens.']);
    expect(bucketNameWarnings('results-lab')).toEqual([]);
  });

  it('never echoes terminal control characters typed into a name', () => {
    const msg = validateBucketName('bad\u001b[31mname') ?? '';
    expect(msg).not.toContain('\u001b');
  });
});

describe('S3 bucket settings', () => {
  const base: S3Config = { bucketName: 'lab-results', region: 'eu-west-1', encryption: 'AES256', versioning: true, blockPublicAccess: true };
  const messages = (over: Partial<S3Config>, region = 'eu-west-1') => {
    const req: StorageRequest = { name: 'lab results', region, tags: {}, config: { type: 's3', s3: { ...base, ...over } } };
    return validateRequest(req).map((e) => `${e.field}: ${e.message}`);
  };

  it('accepts a valid bucket', () => {
    expect(messages({})).toEqual([]);
  });

  it('checks the region is real and the one being created in', () => {
    expect(messages({ region: 'eu-west-9' })).toEqual(['region: Region "eu-west-9" is not a known AWS Region for S3 buckets: use a code such as us-east-1 or eu-west-1.']);
    expect(messages({ region: 'us-west-2' })).toEqual([
      'region: The bucket region us-west-2 differs from the region you are creating in (eu-west-1): switch to us-west-2 first, or create the bucket in eu-west-1.',
    ]);
    expect(messages({ region: 'us-east-1' }, 'us-east-1')).toEqual([]);
  });

  it('takes a KMS key only with aws:kms', () => {
    expect(messages({ kmsKeyId: 'alias/lab' })).toEqual(['kmsKeyId: A KMS key applies only to aws:kms encryption: choose aws:kms, or clear the key.']);
    expect(messages({ encryption: 'aws:kms', kmsKeyId: 'alias/lab' })).toEqual([]);
  });

  it('reports the bucket naming rule on the bucketName field', () => {
    expect(messages({ bucketName: 'Lab' })).toEqual([
      'bucketName: Bucket names may contain only lowercase letters, numbers, dots (.) and hyphens (-), and "L" is not one: use lowercase letters.',
    ]);
  });
});
