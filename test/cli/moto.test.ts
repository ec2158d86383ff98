// The read-only commands of the built program against moto, the AWS
// emulator: `--aws --endpoint-url` goes through the real providers and the
// real SDK over HTTP. Resources are made with the SDK directly, under unique
// names (the moto server is shared by every test file).
import { existsSync } from 'node:fs';
import { CreateVolumeCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateFileSystemCommand, EFSClient } from '@aws-sdk/client-efs';
import { CreateBucketCommand, PutBucketTaggingCommand, S3Client } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { motoEndpointOrSkip, uniqueName } from '../helpers/moto.js';
import { AnalyticsResponseSchema, CostAnalysisSchema, PatternsResponseSchema, RecommendationsResponseSchema, StorageInfoSchema, StoreListSchema } from '../../src/server/schemas.js';
import { BIN, cleanEnv, run } from './proc.js';

const endpoint = motoEndpointOrSkip();
const creds = { accessKeyId: 'testing', secretAccessKey: 'testing' };

describe.skipIf(!endpoint || !existsSync(BIN))('read-only commands against moto', () => {
  const volName = uniqueName('cli-vol');
  const efsName = uniqueName('cli-efs');
  const bucket = uniqueName('cli-bucket');
  let volumeId = '';
  const env = () => cleanEnv({ AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: 'us-east-1' });
  const aws = (args: string[]) => run([...args, '--aws', '--endpoint-url', endpoint], env(), 90_000);

  beforeAll(async () => {
    const ec2 = new EC2Client({ region: 'us-east-1', endpoint, credentials: creds });
    const vol = await ec2.send(new CreateVolumeCommand({ AvailabilityZone: 'us-east-1a', Size: 20, VolumeType: 'gp3', TagSpecifications: [{ ResourceType: 'volume', Tags: [{ Key: 'Name', Value: volName }, { Key: 'Project', Value: 'cli-test' }] }] }));
    volumeId = vol.VolumeId ?? '';
    const efs = new EFSClient({ region: 'us-east-1', endpoint, credentials: creds });
    await efs.send(new CreateFileSystemCommand({ CreationToken: efsName, Tags: [{ Key: 'Name', Value: efsName }] }));
    const s3 = new S3Client({ region: 'us-east-1', endpoint, credentials: creds, forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await s3.send(new PutBucketTaggingCommand({ Bucket: bucket, Tagging: { TagSet: [{ Key: 'Project', Value: 'cli-test' }] } }));
    for (const c of [ec2, efs, s3]) c.destroy();
  }, 60_000);

  it('list --output json: every kind moto holds, in the documented shape, exit 0, nothing on stderr', async () => {
    const r = await aws(['list', '--output', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = StoreListSchema.parse(JSON.parse(r.stdout));
    expect(doc.errors).toEqual([]);
    const vol = doc.stores.find((s) => s.id === volumeId);
    expect(vol).toMatchObject({ name: volName, type: 'ebs', sizeBytes: 20 * 1024 ** 3, tags: { Project: 'cli-test' } });
    expect(doc.stores.find((s) => s.name === efsName)?.type).toBe('efs');
    expect(doc.stores.find((s) => s.id === bucket)).toMatchObject({ type: 's3', tags: { Project: 'cli-test' } });
  }, 90_000);

  it('list --filter and csv; show by name', async () => {
    const csv = await aws(['list', '--filter', 'Project=cli-test', '--output', 'csv']);
    expect(csv.code).toBe(0);
    const rows = csv.stdout.trimEnd().split('\n');
    expect(rows.slice(1).map((l) => l.split(',')[2]).sort()).toEqual(expect.arrayContaining([volumeId, bucket]));
    const show = await aws(['show', volName, '--output', 'json']);
    expect(show.code).toBe(0);
    expect(StorageInfoSchema.parse(JSON.parse(show.stdout))).toMatchObject({ id: volumeId, state: 'available', ebs: { volumeType: 'gp3' } });
    const table = await aws(['show', bucket]);
    expect(table.stdout).toContain('Versioning');
  }, 120_000);

  it('mount prints a script for a moto EFS file system; a missing store is exit 1', async () => {
    const m = await aws(['mount', efsName]);
    expect(m.code).toBe(0);
    expect(m.stdout).toMatch(/^#!\/usr\/bin\/env bash/);
    // moto makes no mount target: said on stderr, never guessed.
    expect(m.stderr).toContain('has no available mount target');
    expect((await aws(['show', 'not-in-moto-' + Date.now()])).code).toBe(1);
  }, 120_000);

  it('analytics, recommendations, patterns and costs answer in their documented shapes over moto\'s CloudWatch and Cost Explorer', async () => {
    const a = await aws(['analytics', '--resources', volName, '--period', '1h', '-o', 'json']);
    expect(a.code).toBe(0);
    expect(AnalyticsResponseSchema.parse(JSON.parse(a.stdout)).analytics.map((r) => r.id)).toEqual([volumeId]);
    const r = await aws(['recommendations', '--resources', volName, '-o', 'json']);
    expect(r.code).toBe(0);
    RecommendationsResponseSchema.parse(JSON.parse(r.stdout));
    const p = await aws(['patterns', '--resources', volName, '--days', '7', '-o', 'json']);
    expect(p.code).toBe(0);
    expect(PatternsResponseSchema.parse(JSON.parse(p.stdout)).patterns[0].resourceId).toBe(volumeId);
    const c = await aws(['costs', '--type', 'ebs', '-o', 'json']);
    expect(c.code).toBe(0);
    const costs = CostAnalysisSchema.parse(JSON.parse(c.stdout));
    expect(costs.estimated.top.some((t) => t.id === volumeId)).toBe(true);
  }, 180_000);
});
