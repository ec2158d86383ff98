// planCreate: the exact SDK calls (and inputs) for every kind; maskSecrets; newRequest.
import { describe, expect, it } from 'vitest';
import { PLAN_REF, maskSecrets, newRequest, planCreate } from '../../src/services/aws/mutations.js';
import type { StorageConfig, StorageRequest } from '../../src/services/types.js';

const TOKEN = '0b7e5c1e-7d4e-4f4e-9b1a-2f6f0c3d9a11';
const TAGS = { project: 'genomics', 'cost-center': 'cc-42' };
const NAME_AND_TAGS = [
  { Key: 'Name', Value: 'lab-data' },
  { Key: 'project', Value: 'genomics' },
  { Key: 'cost-center', Value: 'cc-42' },
];

function req(config: StorageConfig, region = 'us-west-2'): StorageRequest {
  return { name: 'lab-data', region, tags: TAGS, config, clientToken: TOKEN };
}

describe('planCreate', () => {
  it('EBS gp3: CreateVolume with token, IOPS, throughput and tags, then AttachVolume on the new id', () => {
    const plan = planCreate(
      req({ type: 'ebs', ebs: { volumeType: 'gp3', sizeGiB: 500, iops: 6000, throughputMBps: 250, availabilityZone: 'us-west-2a', encrypted: true, kmsKeyId: 'alias/lab', attachToInstanceId: 'i-0abc1234def567890', device: '/dev/sdf' } }),
    );
    expect(plan).toEqual({
      service: 'ec2',
      steps: [
        {
          command: 'CreateVolume',
          input: {
            ClientToken: TOKEN,
            AvailabilityZone: 'us-west-2a',
            VolumeType: 'gp3',
            Size: 500,
            Iops: 6000,
            Throughput: 250,
            Encrypted: true,
            KmsKeyId: 'alias/lab',
            TagSpecifications: [{ ResourceType: 'volume', Tags: NAME_AND_TAGS }],
          },
        },
        { command: 'AttachVolume', input: { VolumeId: PLAN_REF.volumeId, InstanceId: 'i-0abc1234def567890', Device: '/dev/sdf' } },
      ],
    });
  });

  it('EBS: Iops only for gp3/io1/io2, Throughput only for gp3', () => {
    const st1 = planCreate(req({ type: 'ebs', ebs: { volumeType: 'st1', sizeGiB: 500, iops: 3000, throughputMBps: 250, availabilityZone: 'us-west-2a', encrypted: false } }));
    expect(st1.steps).toHaveLength(1);
    expect(st1.steps[0].input).not.toHaveProperty('Iops');
    expect(st1.steps[0].input).not.toHaveProperty('Throughput');
    expect(st1.steps[0].input).not.toHaveProperty('KmsKeyId');
    const io2 = planCreate(req({ type: 'ebs', ebs: { volumeType: 'io2', sizeGiB: 100, iops: 20000, throughputMBps: 500, availabilityZone: 'us-west-2a', encrypted: true } }));
    expect(io2.steps[0].input.Iops).toBe(20000);
    expect(io2.steps[0].input).not.toHaveProperty('Throughput');
  });

  it('EFS One Zone elastic: CreateFileSystem, lifecycle (one transition per policy), a mount target per subnet, an access point', () => {
    const plan = planCreate(
      req({
        type: 'efs',
        efs: {
          performanceMode: 'generalPurpose',
          throughputMode: 'elastic',
          encrypted: true,
          availabilityZoneName: 'us-west-2b',
          transitionToIA: 'AFTER_30_DAYS',
          transitionToArchive: 'AFTER_90_DAYS',
          subnetIds: ['subnet-0aaa1111'],
          securityGroupIds: ['sg-0bbb2222'],
          accessPoint: { path: '/home', uid: 1000, gid: 1000, permissions: '750' },
        },
      }),
    );
    expect(plan).toEqual({
      service: 'efs',
      steps: [
        {
          command: 'CreateFileSystem',
          input: { CreationToken: TOKEN, PerformanceMode: 'generalPurpose', Encrypted: true, ThroughputMode: 'elastic', AvailabilityZoneName: 'us-west-2b', Tags: NAME_AND_TAGS },
        },
        { command: 'PutLifecycleConfiguration', input: { FileSystemId: PLAN_REF.fileSystemId, LifecyclePolicies: [{ TransitionToIA: 'AFTER_30_DAYS' }, { TransitionToArchive: 'AFTER_90_DAYS' }] } },
        { command: 'CreateMountTarget', input: { FileSystemId: PLAN_REF.fileSystemId, SubnetId: 'subnet-0aaa1111', SecurityGroups: ['sg-0bbb2222'] } },
        {
          command: 'CreateAccessPoint',
          input: {
            ClientToken: `${TOKEN}-ap`,
            FileSystemId: PLAN_REF.fileSystemId,
            PosixUser: { Uid: 1000, Gid: 1000 },
            RootDirectory: { Path: '/home', CreationInfo: { OwnerUid: 1000, OwnerGid: 1000, Permissions: '750' } },
            Tags: NAME_AND_TAGS,
          },
        },
      ],
    });
  });

  it('EFS regional provisioned: ProvisionedThroughputInMibps, no AZ, no lifecycle step when none chosen', () => {
    const plan = planCreate(
      req({ type: 'efs', efs: { performanceMode: 'generalPurpose', throughputMode: 'provisioned', provisionedThroughputMiBps: 256, encrypted: false, subnetIds: ['subnet-1', 'subnet-2', 'subnet-3'], securityGroupIds: [] } }),
    );
    expect(plan.steps.map((s) => s.command)).toEqual(['CreateFileSystem', 'CreateMountTarget', 'CreateMountTarget', 'CreateMountTarget']);
    expect(plan.steps[0].input.ProvisionedThroughputInMibps).toBe(256);
    expect(plan.steps[0].input).not.toHaveProperty('AvailabilityZoneName');
    expect(plan.steps[1].input).not.toHaveProperty('SecurityGroups');
  });

  const s3 = (region: string, extra: Partial<Extract<StorageConfig, { type: 's3' }>['s3']> = {}): StorageConfig => ({
    type: 's3',
    s3: { bucketName: 'lab-data-bucket', region, encryption: 'aws:kms', kmsKeyId: 'arn:aws:kms:us-west-2:123456789012:key/abcd', versioning: true, blockPublicAccess: true, lifecyclePreset: 'intelligent-tiering', ...extra },
  });

  it('S3 outside us-east-1: LocationConstraint = region, then block public access, KMS + bucket key, versioning, lifecycle, tags', () => {
    const plan = planCreate(req(s3('eu-west-1'), 'eu-west-1'));
    expect(plan.service).toBe('s3');
    expect(plan.steps.map((s) => s.command)).toEqual(['CreateBucket', 'PutPublicAccessBlock', 'PutBucketEncryption', 'PutBucketVersioning', 'PutBucketLifecycleConfiguration', 'PutBucketTagging']);
    expect(plan.steps[0].input).toEqual({ Bucket: 'lab-data-bucket', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } });
    expect(plan.steps[1].input).toEqual({ Bucket: 'lab-data-bucket', PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } });
    expect(plan.steps[2].input).toEqual({
      Bucket: 'lab-data-bucket',
      ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'arn:aws:kms:us-west-2:123456789012:key/abcd' }, BucketKeyEnabled: true }] },
    });
    expect(plan.steps[3].input).toEqual({ Bucket: 'lab-data-bucket', VersioningConfiguration: { Status: 'Enabled' } });
    expect(plan.steps[4].input).toEqual({
      Bucket: 'lab-data-bucket',
      LifecycleConfiguration: {
        Rules: [{ ID: 'prism-intelligent-tiering', Status: 'Enabled', Filter: { Prefix: '' }, Transitions: [{ Days: 0, StorageClass: 'INTELLIGENT_TIERING' }], AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 } }],
      },
    });
    expect(plan.steps[5].input).toEqual({ Bucket: 'lab-data-bucket', Tagging: { TagSet: NAME_AND_TAGS } });
  });

  it('S3 in us-east-1: NO CreateBucketConfiguration; SSE-S3 without a bucket key; no versioning/lifecycle steps when not chosen', () => {
    const plan = planCreate(req(s3('us-east-1', { encryption: 'AES256', kmsKeyId: undefined, versioning: false, lifecyclePreset: 'none' }), 'us-east-1'));
    expect(plan.steps[0].input).toEqual({ Bucket: 'lab-data-bucket' });
    expect(plan.steps.map((s) => s.command)).toEqual(['CreateBucket', 'PutPublicAccessBlock', 'PutBucketEncryption', 'PutBucketTagging']);
    expect(plan.steps[2].input).toEqual({ Bucket: 'lab-data-bucket', ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] } });
  });

  it('S3 scratch preset expires objects (and old versions when versioned)', () => {
    const plan = planCreate(req(s3('us-west-2', { lifecyclePreset: 'expire-scratch-30' })));
    const rule = (plan.steps.find((s) => s.command === 'PutBucketLifecycleConfiguration')?.input.LifecycleConfiguration as { Rules: Record<string, unknown>[] }).Rules[0];
    expect(rule.Expiration).toEqual({ Days: 30 });
    expect(rule.NoncurrentVersionExpiration).toEqual({ NoncurrentDays: 7 });
  });

  it('FSx Lustre PERSISTENT_1 with S3 import/export: LustreConfiguration carries the paths, per-unit throughput and compression', () => {
    const plan = planCreate(
      req({
        type: 'fsx-lustre',
        lustre: { deploymentType: 'PERSISTENT_1', storageCapacityGiB: 2400, perUnitStorageThroughput: 200, dataCompressionType: 'LZ4', importPath: 's3://lab-raw', exportPath: 's3://lab-raw/out', subnetId: 'subnet-0aaa1111', securityGroupIds: ['sg-1'] },
      }),
    );
    expect(plan).toEqual({
      service: 'fsx',
      steps: [
        {
          command: 'CreateFileSystem',
          input: {
            ClientRequestToken: TOKEN,
            FileSystemType: 'LUSTRE',
            StorageCapacity: 2400,
            SubnetIds: ['subnet-0aaa1111'],
            SecurityGroupIds: ['sg-1'],
            Tags: NAME_AND_TAGS,
            LustreConfiguration: { DeploymentType: 'PERSISTENT_1', PerUnitStorageThroughput: 200, DataCompressionType: 'LZ4', ImportPath: 's3://lab-raw', ExportPath: 's3://lab-raw/out', CopyTagsToBackups: true },
          },
        },
      ],
    });
  });

  it('FSx Lustre: scratch has no per-unit throughput; HDD needs a drive cache; PERSISTENT_2 links S3 with a data repository association', () => {
    const scratch = planCreate(req({ type: 'fsx-lustre', lustre: { deploymentType: 'SCRATCH_2', storageCapacityGiB: 1200, perUnitStorageThroughput: 200, dataCompressionType: 'NONE', subnetId: 's', securityGroupIds: [] } }));
    expect(scratch.steps[0].input.LustreConfiguration).toEqual({ DeploymentType: 'SCRATCH_2', DataCompressionType: 'NONE' });
    const hdd = planCreate(req({ type: 'fsx-lustre', lustre: { deploymentType: 'PERSISTENT_1', storageType: 'HDD', storageCapacityGiB: 6000, perUnitStorageThroughput: 12, dataCompressionType: 'NONE', subnetId: 's', securityGroupIds: [] } }));
    expect(hdd.steps[0].input.StorageType).toBe('HDD');
    expect((hdd.steps[0].input.LustreConfiguration as Record<string, unknown>).DriveCacheType).toBe('NONE');
    const p2 = planCreate(req({ type: 'fsx-lustre', lustre: { deploymentType: 'PERSISTENT_2', storageCapacityGiB: 1200, perUnitStorageThroughput: 250, dataCompressionType: 'LZ4', importPath: 's3://lab-raw', exportPath: 's3://lab-raw', subnetId: 's', securityGroupIds: [] } }));
    expect(p2.steps.map((s) => s.command)).toEqual(['CreateFileSystem', 'CreateDataRepositoryAssociation']);
    expect(p2.steps[0].input.LustreConfiguration).not.toHaveProperty('ImportPath');
    expect(p2.steps[1].input).toMatchObject({
      ClientRequestToken: `${TOKEN}-dra`,
      FileSystemId: PLAN_REF.fileSystemId,
      FileSystemPath: '/',
      DataRepositoryPath: 's3://lab-raw',
      S3: { AutoImportPolicy: { Events: ['NEW', 'CHANGED', 'DELETED'] }, AutoExportPolicy: { Events: ['NEW', 'CHANGED', 'DELETED'] } },
    });
  });

  it('FSx OpenZFS MULTI_AZ_1: two subnets + preferred, root volume record size / compression / NFS export', () => {
    const plan = planCreate(
      req({
        type: 'fsx-openzfs',
        openzfs: { deploymentType: 'MULTI_AZ_1', throughputCapacityMBps: 640, storageCapacityGiB: 1024, dataCompressionType: 'ZSTD', recordSizeKiB: 1024, nfsExportClients: '10.0.0.0/16', subnetIds: ['subnet-a', 'subnet-b'], preferredSubnetId: 'subnet-b', securityGroupIds: ['sg-1'] },
      }),
    );
    expect(plan.steps).toEqual([
      {
        command: 'CreateFileSystem',
        input: {
          ClientRequestToken: TOKEN,
          FileSystemType: 'OPENZFS',
          StorageCapacity: 1024,
          StorageType: 'SSD',
          SubnetIds: ['subnet-a', 'subnet-b'],
          SecurityGroupIds: ['sg-1'],
          Tags: NAME_AND_TAGS,
          OpenZFSConfiguration: {
            DeploymentType: 'MULTI_AZ_1',
            ThroughputCapacity: 640,
            PreferredSubnetId: 'subnet-b',
            CopyTagsToBackups: true,
            CopyTagsToVolumes: true,
            RootVolumeConfiguration: { RecordSizeKiB: 1024, DataCompressionType: 'ZSTD', NfsExports: [{ ClientConfigurations: [{ Clients: '10.0.0.0/16', Options: ['rw', 'crossmnt'] }] }] },
          },
        },
      },
    ]);
    const single = planCreate(
      req({ type: 'fsx-openzfs', openzfs: { deploymentType: 'SINGLE_AZ_2', throughputCapacityMBps: 160, storageCapacityGiB: 64, dataCompressionType: 'LZ4', recordSizeKiB: 128, nfsExportClients: '*', subnetIds: ['subnet-a', 'subnet-b'], securityGroupIds: [] } }),
    );
    expect(single.steps[0].input.SubnetIds).toEqual(['subnet-a']);
    expect(single.steps[0].input.OpenZFSConfiguration).not.toHaveProperty('PreferredSubnetId');
  });

  it('FSx Windows with self-managed AD: the password goes to the SDK input (masked for review)', () => {
    const plan = planCreate(
      req({
        type: 'fsx-windows',
        windows: {
          deploymentType: 'MULTI_AZ_1',
          throughputCapacityMBps: 128,
          storageType: 'SSD',
          storageCapacityGiB: 500,
          selfManagedAd: { domainName: 'corp.example.com', dnsIps: ['10.0.0.10', '10.0.1.10'], userName: 'fsxjoin', password: 'S3cret-Pa55!', organizationalUnit: 'OU=FSx,DC=corp,DC=example,DC=com' },
          subnetIds: ['subnet-a', 'subnet-b'],
          securityGroupIds: ['sg-1'],
        },
      }),
    );
    expect(plan.steps[0].input).toEqual({
      ClientRequestToken: TOKEN,
      FileSystemType: 'WINDOWS',
      StorageCapacity: 500,
      StorageType: 'SSD',
      SubnetIds: ['subnet-a', 'subnet-b'],
      SecurityGroupIds: ['sg-1'],
      Tags: NAME_AND_TAGS,
      WindowsConfiguration: {
        SelfManagedActiveDirectoryConfiguration: { DomainName: 'corp.example.com', OrganizationalUnitDistinguishedName: 'OU=FSx,DC=corp,DC=example,DC=com', UserName: 'fsxjoin', Password: 'S3cret-Pa55!', DnsIps: ['10.0.0.10', '10.0.1.10'] },
        DeploymentType: 'MULTI_AZ_1',
        PreferredSubnetId: 'subnet-a',
        ThroughputCapacity: 128,
        CopyTagsToBackups: true,
      },
    });
    const masked = maskSecrets(plan);
    expect(JSON.stringify(masked)).not.toContain('S3cret-Pa55!');
    expect((masked.steps[0].input.WindowsConfiguration as { SelfManagedActiveDirectoryConfiguration: { Password: string } }).SelfManagedActiveDirectoryConfiguration.Password).toBe('********');
    // The original plan is untouched (it is what gets sent).
    expect(JSON.stringify(plan)).toContain('S3cret-Pa55!');
  });

  it('FSx Windows with AWS Managed AD: ActiveDirectoryId, one subnet for single-AZ', () => {
    const plan = planCreate(
      req({ type: 'fsx-windows', windows: { deploymentType: 'SINGLE_AZ_2', throughputCapacityMBps: 32, storageType: 'HDD', storageCapacityGiB: 2000, activeDirectoryId: 'd-1234567890', subnetIds: ['subnet-a', 'subnet-b'], securityGroupIds: [] } }),
    );
    expect(plan.steps[0].input.SubnetIds).toEqual(['subnet-a']);
    expect(plan.steps[0].input.WindowsConfiguration).toEqual({ ActiveDirectoryId: 'd-1234567890', DeploymentType: 'SINGLE_AZ_2', ThroughputCapacity: 32, CopyTagsToBackups: true });
  });

  it('FSx ONTAP: CreateFileSystem, CreateStorageVirtualMachine on its id, CreateVolume on the SVM id; admin password masked', () => {
    const plan = planCreate(
      req({
        type: 'fsx-ontap',
        ontap: { deploymentType: 'MULTI_AZ_1', throughputCapacityMBps: 512, storageCapacityGiB: 1024, adminPassword: 'Adm1n-Passw0rd', svmName: 'svm1', volumeName: 'vol1', junctionPath: '/vol1', volumeSizeMiB: 102400, subnetIds: ['subnet-a', 'subnet-b'], preferredSubnetId: 'subnet-a', securityGroupIds: ['sg-1'] },
      }),
    );
    expect(plan).toEqual({
      service: 'fsx',
      steps: [
        {
          command: 'CreateFileSystem',
          input: {
            ClientRequestToken: TOKEN,
            FileSystemType: 'ONTAP',
            StorageCapacity: 1024,
            StorageType: 'SSD',
            SubnetIds: ['subnet-a', 'subnet-b'],
            SecurityGroupIds: ['sg-1'],
            Tags: NAME_AND_TAGS,
            OntapConfiguration: { DeploymentType: 'MULTI_AZ_1', ThroughputCapacity: 512, PreferredSubnetId: 'subnet-a', FsxAdminPassword: 'Adm1n-Passw0rd' },
          },
        },
        {
          command: 'CreateStorageVirtualMachine',
          input: { ClientRequestToken: `${TOKEN}-svm`, FileSystemId: PLAN_REF.fileSystemId, Name: 'svm1', RootVolumeSecurityStyle: 'UNIX', Tags: [{ Key: 'Name', Value: 'svm1' }, ...NAME_AND_TAGS.slice(1)] },
        },
        {
          command: 'CreateVolume',
          input: {
            ClientRequestToken: `${TOKEN}-vol`,
            VolumeType: 'ONTAP',
            Name: 'vol1',
            OntapConfiguration: { StorageVirtualMachineId: PLAN_REF.storageVirtualMachineId, JunctionPath: '/vol1', SizeInMegabytes: 102400, StorageEfficiencyEnabled: true, SecurityStyle: 'UNIX' },
            Tags: [{ Key: 'Name', Value: 'vol1' }, ...NAME_AND_TAGS.slice(1)],
          },
        },
      ],
    });
    const masked = JSON.stringify(maskSecrets(plan));
    expect(masked).not.toContain('Adm1n-Passw0rd');
    expect(masked).toContain('"FsxAdminPassword":"********"');
  });

  it('a Name in the request tags never duplicates or overrides the Name tag', () => {
    const plan = planCreate({ ...req({ type: 'ebs', ebs: { volumeType: 'gp2', sizeGiB: 10, availabilityZone: 'us-west-2a', encrypted: true } }), tags: { Name: 'other', owner: 'ana' } });
    expect((plan.steps[0].input.TagSpecifications as { Tags: unknown[] }[])[0].Tags).toEqual([
      { Key: 'Name', Value: 'lab-data' },
      { Key: 'owner', Value: 'ana' },
    ]);
  });

  it('is pure: the same request gives the same plan; a request without a token is refused', () => {
    const r = req({ type: 'efs', efs: { performanceMode: 'generalPurpose', throughputMode: 'elastic', encrypted: true, subnetIds: ['subnet-1'], securityGroupIds: [] } });
    expect(planCreate(r)).toEqual(planCreate(structuredClone(r)));
    expect(() => planCreate({ ...r, clientToken: undefined })).toThrow(/idempotency token/);
  });
});

describe('newRequest', () => {
  it('adds a token once and keeps an existing one (retries reuse it)', () => {
    const base: StorageRequest = { name: 'x', region: 'us-east-1', tags: {}, config: { type: 'ebs', ebs: { volumeType: 'gp3', sizeGiB: 1, availabilityZone: 'us-east-1a', encrypted: true } } };
    const a = newRequest(base);
    expect(a.clientToken).toMatch(/^[0-9a-f-]{36}$/);
    expect(newRequest(a).clientToken).toBe(a.clientToken);
    expect(newRequest(base).clientToken).not.toBe(a.clientToken);
    expect(base.clientToken).toBeUndefined();
  });
});

describe('maskSecrets', () => {
  it('masks every key matching password/secret at any depth, and nothing else', () => {
    const plan = {
      service: 'fsx' as const,
      steps: [{ command: 'X', input: { SvmAdminPassword: 'p1', Nested: { DomainJoinServiceAccountSecret: 'arn:secret', list: [{ password: 'p2' }] }, ClientRequestToken: 'tok', Name: 'n' } }],
    };
    expect(maskSecrets(plan).steps[0].input).toEqual({
      SvmAdminPassword: '********',
      Nested: { DomainJoinServiceAccountSecret: '********', list: [{ password: '********' }] },
      ClientRequestToken: 'tok',
      Name: 'n',
    });
  });
});
