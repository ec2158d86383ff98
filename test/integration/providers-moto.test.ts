// The inventory providers against moto (the AWS emulator): resources are made
// through the raw SDK, then listed through the providers. moto is shared with
// other test files, so every name is unique and assertions look only at what
// this file created. Known moto 5.2 gaps (noted where they matter): EC2
// DescribeVolumes and S3 ListBuckets ignore page sizes; ListBuckets has no
// BucketRegion (GetBucketLocation is used); FSx has no Lifecycle, MountName or
// CreationTime and no DescribeStorageVirtualMachines / DescribeVolumes (HTTP
// 500); S3 has no Intelligent-Tiering configurations.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AttachVolumeCommand,
  CreateSecurityGroupCommand,
  CreateSnapshotCommand,
  CreateSubnetCommand,
  CreateVolumeCommand,
  CreateVpcCommand,
  DeleteVolumeCommand,
  DescribeImagesCommand,
  DescribeVolumesCommand,
  EC2Client,
  RunInstancesCommand,
  type Volume,
} from '@aws-sdk/client-ec2';
import {
  CreateAccessPointCommand,
  CreateFileSystemCommand as EfsCreate,
  CreateMountTargetCommand,
  DeleteFileSystemCommand as EfsDelete,
  DescribeFileSystemsCommand as EfsDescribe,
  PutLifecycleConfigurationCommand,
} from '@aws-sdk/client-efs';
import {
  CreateFileSystemCommand as FsxCreate,
  DeleteFileSystemCommand as FsxDelete,
  type FileSystem,
  type StorageVirtualMachine,
  type Volume as FsxVolume,
} from '@aws-sdk/client-fsx';
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  GetBucketLocationCommand,
  PutBucketEncryptionCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  PutPublicAccessBlockCommand,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { ClientPool, type ClientPlugin } from '../../src/services/aws/clients.js';
import { listEbsVolumes } from '../../src/services/aws/ebs.js';
import { listEfsFileSystems } from '../../src/services/aws/efs.js';
import { classifyError } from '../../src/services/aws/errors.js';
import { listFsxFileSystems } from '../../src/services/aws/fsx.js';
import { listS3Buckets } from '../../src/services/aws/s3.js';
import { displayName, tagsToRecord } from '../../src/services/aws/util.js';
import type { StorageInfo } from '../../src/services/types.js';
import { freePort, motoEndpointOrSkip, uniqueName } from '../helpers/moto.js';

const endpoint = motoEndpointOrSkip();
const REGION = 'us-east-1';
const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };
const GiB = 1024 ** 3;

function motoPool(plugin?: ClientPlugin): ClientPool {
  return new ClientPool({ region: REGION, endpointUrl: endpoint, credentials, plugin });
}

/** Counts each command sent through a pool's clients (an initialize-step middleware, as the simulated region uses). */
function counting(calls: Map<string, number>): ClientPlugin {
  return (client) => {
    (client as EC2Client).middlewareStack.add(
      (next, context) => async (args) => {
        calls.set(context.commandName ?? '?', (calls.get(context.commandName ?? '?') ?? 0) + 1);
        return next(args);
      },
      { step: 'initialize', name: 'countCalls' },
    );
  };
}

function byId(list: StorageInfo[], id: string): StorageInfo {
  const found = list.find((r) => r.id === id);
  if (!found) throw new Error(`${id} not listed (${list.length} listed)`);
  return found;
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to fail');
}

describe('pure helpers', () => {
  it('displayName prefers a non-blank Name tag', () => {
    expect(displayName({ Name: 'scratch' }, 'vol-1')).toBe('scratch');
    expect(displayName({ Name: '  ' }, 'vol-1')).toBe('vol-1');
    expect(displayName({}, 'vol-1')).toBe('vol-1');
  });
  it('tagsToRecord skips keyless entries and keeps empty values', () => {
    expect(tagsToRecord([{ Key: 'a', Value: '1' }, { Value: 'x' }, { Key: 'b' }])).toEqual({ a: '1', b: '' });
    expect(tagsToRecord(undefined)).toEqual({});
  });
});

describe('EBS pagination (MaxResults 500, NextToken followed)', () => {
  // moto ignores MaxResults, so the pages come from an in-process responder on the real EC2 client.
  it('lists 1,100 volumes in 3 pages of at most 500', async () => {
    const all: Volume[] = Array.from({ length: 1100 }, (_, i) => ({ VolumeId: `vol-${i.toString(16).padStart(17, '0')}`, Size: 8, State: 'available', VolumeType: 'gp3', AvailabilityZone: 'us-east-1a' }));
    const requests: { MaxResults?: number; NextToken?: string }[] = [];
    const pool = new ClientPool({
      region: REGION,
      credentials,
      plugin: (client, service) => {
        if (service !== 'ec2') return;
        (client as EC2Client).middlewareStack.add(
          () => async (args) => {
            const input = args.input as { MaxResults?: number; NextToken?: string };
            requests.push({ MaxResults: input.MaxResults, NextToken: input.NextToken });
            const start = Number(input.NextToken ?? 0);
            const end = Math.min(all.length, start + (input.MaxResults ?? 1000));
            return { output: { Volumes: all.slice(start, end), NextToken: end < all.length ? String(end) : undefined, $metadata: {} }, response: {} };
          },
          { step: 'initialize', name: 'pages' },
        );
      },
    });
    const list = await listEbsVolumes(pool, REGION);
    pool.destroy();
    expect(list).toHaveLength(1100);
    expect(new Set(list.map((v) => v.id)).size).toBe(1100);
    expect(requests).toEqual([{ MaxResults: 500 }, { MaxResults: 500, NextToken: '500' }, { MaxResults: 500, NextToken: '1000' }]);
  });
});

describe('FSx ONTAP / OpenZFS children (moto has no SVMs or volumes: an in-process responder on the real FSx client)', () => {
  const fileSystems: FileSystem[] = [
    {
      FileSystemId: 'fs-ontap1',
      FileSystemType: 'ONTAP',
      Lifecycle: 'AVAILABLE',
      StorageCapacity: 10240,
      StorageType: 'SSD',
      SubnetIds: ['subnet-a', 'subnet-b'],
      VpcId: 'vpc-1',
      Tags: [{ Key: 'Name', Value: 'enterprise-nas' }],
      CreationTime: new Date('2025-03-01T10:00:00Z'),
      OntapConfiguration: { DeploymentType: 'MULTI_AZ_2', HAPairs: 2, ThroughputCapacityPerHAPair: 384, DiskIopsConfiguration: { Mode: 'AUTOMATIC', Iops: 30720 }, AutomaticBackupRetentionDays: 30 },
    },
    { FileSystemId: 'fs-ontap2', FileSystemType: 'ONTAP', Lifecycle: 'MISCONFIGURED_UNAVAILABLE', StorageCapacity: 1024, OntapConfiguration: { DeploymentType: 'SINGLE_AZ_1', ThroughputCapacity: 128 } },
    {
      FileSystemId: 'fs-zfs1',
      FileSystemType: 'OPENZFS',
      Lifecycle: 'CREATING',
      StorageCapacity: 512,
      DNSName: 'fs-zfs1.fsx.us-east-1.amazonaws.com',
      OpenZFSConfiguration: { DeploymentType: 'SINGLE_AZ_2', ThroughputCapacity: 320, RootVolumeId: 'fsvol-root', DiskIopsConfiguration: { Mode: 'USER_PROVISIONED', Iops: 10000 } },
    },
    {
      FileSystemId: 'fs-lustre1',
      FileSystemType: 'LUSTRE',
      Lifecycle: 'FAILED',
      FailureDetails: { Message: 'The subnet has no free IP addresses.' },
      StorageCapacity: 1200,
      DNSName: 'fs-lustre1.fsx.us-east-1.amazonaws.com',
      FileSystemTypeVersion: '2.15',
      LustreConfiguration: { DeploymentType: 'SCRATCH_2', MountName: 'abcdefgh', DataRepositoryConfiguration: { ImportPath: 's3://reads/in', ExportPath: 's3://reads/out' } },
    },
  ];
  const svms: StorageVirtualMachine[] = [
    {
      FileSystemId: 'fs-ontap1',
      StorageVirtualMachineId: 'svm-1',
      Name: 'svm1',
      Lifecycle: 'CREATED',
      Endpoints: {
        Nfs: { DNSName: 'svm-1.fs-ontap1.fsx.us-east-1.amazonaws.com', IpAddresses: ['10.0.0.5'] },
        Smb: { DNSName: 'SVM1.CORP.EXAMPLE.COM' },
        Iscsi: { DNSName: 'iscsi.svm-1.fs-ontap1.fsx.us-east-1.amazonaws.com' },
        Management: { DNSName: 'mgmt.svm-1.fs-ontap1.fsx.us-east-1.amazonaws.com' },
      },
      ActiveDirectoryConfiguration: { NetBiosName: 'SVM1', SelfManagedActiveDirectoryConfiguration: { DomainName: 'corp.example.com' } },
    },
    { FileSystemId: 'fs-ontap1', StorageVirtualMachineId: 'svm-2', Name: 'svm2', Lifecycle: 'CREATED' },
    { FileSystemId: 'fs-ontap2', StorageVirtualMachineId: 'svm-3', Name: 'svm3', Lifecycle: 'MISCONFIGURED' },
  ];
  const volumes: FsxVolume[] = [
    { FileSystemId: 'fs-ontap1', VolumeId: 'fsvol-o1', Name: 'projects', VolumeType: 'ONTAP', Lifecycle: 'CREATED', OntapConfiguration: { StorageVirtualMachineId: 'svm-1', JunctionPath: '/projects', SizeInMegabytes: 102400, SecurityStyle: 'UNIX' } },
    { FileSystemId: 'fs-ontap2', VolumeId: 'fsvol-o3', Name: 'scratch', VolumeType: 'ONTAP', Lifecycle: 'CREATED', OntapConfiguration: { StorageVirtualMachineId: 'svm-3', JunctionPath: '/scratch' } },
    {
      FileSystemId: 'fs-zfs1',
      VolumeId: 'fsvol-data',
      Name: 'data',
      VolumeType: 'OPENZFS',
      Lifecycle: 'AVAILABLE',
      OpenZFSConfiguration: { VolumePath: '/fsx/data', ParentVolumeId: 'fsvol-root', StorageCapacityQuotaGiB: 100, RecordSizeKiB: 1024, DataCompressionType: 'LZ4', NfsExports: [{ ClientConfigurations: [{ Clients: '10.0.0.0/16', Options: ['rw', 'no_root_squash'] }] }] },
    },
    { FileSystemId: 'fs-zfs1', VolumeId: 'fsvol-root', Name: 'fsx', VolumeType: 'OPENZFS', Lifecycle: 'AVAILABLE', OpenZFSConfiguration: { VolumePath: '/fsx', DataCompressionType: 'ZSTD', RecordSizeKiB: 128 } },
  ];

  it('fetches SVMs and volumes once for the region (paginated) and groups them by file system', async () => {
    const calls: string[] = [];
    const page = <T>(items: T[], input: { MaxResults?: number; NextToken?: string }) => {
      const start = Number(input.NextToken ?? 0);
      const end = Math.min(items.length, start + (input.MaxResults ?? 1000));
      return { items: items.slice(start, end), NextToken: end < items.length ? String(end) : undefined };
    };
    const pool = new ClientPool({
      region: REGION,
      credentials,
      plugin: (client, service) => {
        if (service !== 'fsx') return;
        (client as EC2Client).middlewareStack.add(
          (_next, context) => async (args) => {
            const input = args.input as { MaxResults?: number; NextToken?: string };
            calls.push(context.commandName ?? '?');
            if (context.commandName === 'DescribeFileSystemsCommand') {
              const p = page(fileSystems, input);
              return { output: { FileSystems: p.items, NextToken: p.NextToken, $metadata: {} }, response: {} };
            }
            if (context.commandName === 'DescribeStorageVirtualMachinesCommand') {
              const p = page(svms, input);
              return { output: { StorageVirtualMachines: p.items, NextToken: p.NextToken, $metadata: {} }, response: {} };
            }
            if (context.commandName === 'DescribeVolumesCommand') {
              const p = page(volumes, input);
              return { output: { Volumes: p.items, NextToken: p.NextToken, $metadata: {} }, response: {} };
            }
            throw new Error(`unexpected ${context.commandName}`);
          },
          { step: 'initialize', name: 'fsxResponder' },
        );
      },
    });
    const list = await listFsxFileSystems(pool, REGION, { pageSize: 2 });
    pool.destroy();
    // 4 file systems, 3 SVMs, 4 volumes in pages of 2: 2 + 2 + 2 calls, nothing per file system.
    expect(calls.filter((c) => c === 'DescribeFileSystemsCommand')).toHaveLength(2);
    expect(calls.filter((c) => c === 'DescribeStorageVirtualMachinesCommand')).toHaveLength(2);
    expect(calls.filter((c) => c === 'DescribeVolumesCommand')).toHaveLength(2);

    const o1 = byId(list, 'fs-ontap1');
    expect(o1).toMatchObject({
      name: 'enterprise-nas',
      type: 'fsx-ontap',
      state: 'available',
      rawState: 'AVAILABLE',
      throughputMBps: 768,
      iops: 30720,
      sizeBytes: 10240 * GiB,
      createdAt: '2025-03-01T10:00:00.000Z',
      fsx: { fileSystemType: 'ONTAP', deploymentType: 'MULTI_AZ_2', storageType: 'SSD', subnetIds: ['subnet-a', 'subnet-b'], vpcId: 'vpc-1', automaticBackupRetentionDays: 30 },
    });
    expect(o1.mount.dnsName).toBeUndefined();
    expect(o1.mount.svms).toEqual([
      {
        id: 'svm-1',
        name: 'svm1',
        state: 'CREATED',
        nfsDnsName: 'svm-1.fs-ontap1.fsx.us-east-1.amazonaws.com',
        smbDnsName: 'SVM1.CORP.EXAMPLE.COM',
        iscsiDnsName: 'iscsi.svm-1.fs-ontap1.fsx.us-east-1.amazonaws.com',
        managementDnsName: 'mgmt.svm-1.fs-ontap1.fsx.us-east-1.amazonaws.com',
        nfsIpAddresses: ['10.0.0.5'],
        activeDirectory: { netBiosName: 'SVM1', domainName: 'corp.example.com' },
        volumes: [{ id: 'fsvol-o1', name: 'projects', junctionPath: '/projects', sizeMiB: 102400, securityStyle: 'UNIX', state: 'CREATED' }],
      },
      expect.objectContaining({ id: 'svm-2', volumes: [] }),
    ]);
    const o2 = byId(list, 'fs-ontap2');
    expect(o2).toMatchObject({ state: 'misconfigured', rawState: 'MISCONFIGURED_UNAVAILABLE', throughputMBps: 128 });
    expect(o2.mount.svms?.map((v) => [v.id, v.volumes.map((x) => x.junctionPath)])).toEqual([['svm-3', ['/scratch']]]);

    const z = byId(list, 'fs-zfs1');
    expect(z).toMatchObject({ state: 'creating', throughputMBps: 320, iops: 10000, fsx: { rootVolumeId: 'fsvol-root', dataCompressionType: 'ZSTD' }, mount: { dnsName: 'fs-zfs1.fsx.us-east-1.amazonaws.com' } });
    expect(z.mount.openZfsVolumes?.map((v) => v.volumePath)).toEqual(['/fsx', '/fsx/data']);
    expect(z.mount.openZfsVolumes?.[1]).toEqual({
      id: 'fsvol-data',
      name: 'data',
      volumePath: '/fsx/data',
      parentVolumeId: 'fsvol-root',
      state: 'AVAILABLE',
      quotaGiB: 100,
      reservationGiB: undefined,
      recordSizeKiB: 1024,
      compression: 'LZ4',
      nfsExports: [{ clients: '10.0.0.0/16', options: ['rw', 'no_root_squash'] }],
    });

    const l = byId(list, 'fs-lustre1');
    expect(l).toMatchObject({
      state: 'failed',
      failureReason: 'The subnet has no free IP addresses.',
      mount: { lustreMountName: 'abcdefgh', dnsName: 'fs-lustre1.fsx.us-east-1.amazonaws.com' },
      fsx: { lustreVersion: '2.15', dataRepository: { importPath: 's3://reads/in', exportPath: 's3://reads/out' } },
    });
    expect(l.mount.svms).toBeUndefined();
    for (const fs of list) expect(fs.detailErrors).toBeUndefined();
  });
});

describe.skipIf(!endpoint)('providers against moto', () => {
  let pool: ClientPool;
  let ec2: EC2Client;
  let subnetId: string;
  let sgId: string;

  beforeAll(async () => {
    pool = motoPool();
    ec2 = pool.ec2(REGION);
    const vpc = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.77.0.0/16' }));
    const vpcId = vpc.Vpc?.VpcId ?? '';
    const subnet = await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.77.1.0/24', AvailabilityZone: 'us-east-1a' }));
    subnetId = subnet.Subnet?.SubnetId ?? '';
    const sg = await ec2.send(new CreateSecurityGroupCommand({ GroupName: uniqueName('nfs'), Description: 'nfs', VpcId: vpcId }));
    sgId = sg.GroupId ?? '';
  });
  afterAll(() => pool?.destroy());

  describe('EBS', () => {
    it('maps volumes, attachments, encryption, snapshots and multi-attach', async () => {
      const images = await ec2.send(new DescribeImagesCommand({}));
      const imageId = images.Images?.[0]?.ImageId ?? '';
      const run = await ec2.send(new RunInstancesCommand({ ImageId: imageId, MinCount: 1, MaxCount: 1, InstanceType: 'c5.large', SubnetId: subnetId }));
      const instanceId = run.Instances?.[0]?.InstanceId ?? '';
      const name = uniqueName('scratch');
      const kms = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
      const data = await ec2.send(
        new CreateVolumeCommand({
          AvailabilityZone: 'us-east-1a',
          Size: 500,
          VolumeType: 'gp3',
          Iops: 6000,
          Throughput: 500,
          Encrypted: true,
          KmsKeyId: kms,
          TagSpecifications: [{ ResourceType: 'volume', Tags: [{ Key: 'Name', Value: name }, { Key: 'project', Value: 'genomics' }] }],
        }),
      );
      const dataId = data.VolumeId ?? '';
      await ec2.send(new AttachVolumeCommand({ VolumeId: dataId, InstanceId: instanceId, Device: '/dev/sdf' }));
      const snap = await ec2.send(new CreateSnapshotCommand({ VolumeId: dataId }));
      const restored = await ec2.send(new CreateVolumeCommand({ AvailabilityZone: 'us-east-1b', SnapshotId: snap.SnapshotId, VolumeType: 'io2', Iops: 3000, Size: 500, MultiAttachEnabled: true }));
      const restoredId = restored.VolumeId ?? '';

      const list = await listEbsVolumes(pool, REGION);
      const v = byId(list, dataId);
      expect(v).toMatchObject({
        name,
        type: 'ebs',
        state: 'in-use',
        rawState: 'in-use',
        region: REGION,
        availabilityZone: 'us-east-1a',
        sizeBytes: 500 * GiB,
        iops: 6000,
        throughputMBps: 500,
        encrypted: true,
        kmsKeyId: kms,
        tags: { Name: name, project: 'genomics' },
        ebs: { volumeType: 'gp3' },
      });
      expect(Date.parse(v.createdAt ?? '')).not.toBeNaN();
      expect(v.mount.ebsAttachments).toHaveLength(1);
      expect(v.mount.ebsAttachments?.[0]).toMatchObject({ instanceId, device: '/dev/sdf', state: 'attached' });
      expect(v.monthlyCost).toBeUndefined();

      const r = byId(list, restoredId);
      expect(r).toMatchObject({ name: restoredId, state: 'available', rawState: 'available', ebs: { volumeType: 'io2', snapshotId: snap.SnapshotId, multiAttach: true }, mount: { ebsAttachments: [] } });

      // Deleting an attached volume is refused: the classifier calls it a conflict.
      const inUse = classifyError(await rejection(ec2.send(new DeleteVolumeCommand({ VolumeId: dataId }))), { service: 'ec2', action: 'ec2:DeleteVolume', resource: dataId });
      expect(inUse).toMatchObject({ type: 'conflict', code: 'VolumeInUse', recoverable: false });
      expect(inUse.hint).toMatch(/detach/i);

      // Delete the unattached one: it disappears from the list.
      await ec2.send(new DeleteVolumeCommand({ VolumeId: restoredId }));
      const after = await listEbsVolumes(pool, REGION);
      expect(after.some((x) => x.id === restoredId)).toBe(false);
      expect(after.some((x) => x.id === dataId)).toBe(true);
    });

    it('a missing volume id is a not-found StorageError', async () => {
      const err = await rejection(ec2.send(new DescribeVolumesCommand({ VolumeIds: ['vol-0123456789abcdef0'] })));
      expect(classifyError(err, { service: 'ec2', action: 'ec2:DescribeVolumes', resource: 'vol-0123456789abcdef0' })).toMatchObject({
        type: 'not-found',
        code: 'InvalidVolume.NotFound',
        resource: 'vol-0123456789abcdef0',
      });
    });
  });

  describe('EFS', () => {
    it('maps a One Zone provisioned file system with its mount target, access point and lifecycle', async () => {
      const efs = pool.efs(REGION);
      const name = uniqueName('home');
      const fs = await efs.send(
        new EfsCreate({
          CreationToken: uniqueName('tok'),
          PerformanceMode: 'generalPurpose',
          ThroughputMode: 'provisioned',
          ProvisionedThroughputInMibps: 128,
          Encrypted: true,
          AvailabilityZoneName: 'us-east-1a',
          Tags: [{ Key: 'Name', Value: name }],
        }),
      );
      const id = fs.FileSystemId ?? '';
      const mt = await efs.send(new CreateMountTargetCommand({ FileSystemId: id, SubnetId: subnetId, SecurityGroups: [sgId] }));
      const ap = await efs.send(
        new CreateAccessPointCommand({
          FileSystemId: id,
          ClientToken: uniqueName('ap'),
          PosixUser: { Uid: 1000, Gid: 1000 },
          RootDirectory: { Path: '/data', CreationInfo: { OwnerUid: 1000, OwnerGid: 1000, Permissions: '750' } },
          Tags: [{ Key: 'Name', Value: 'data' }],
        }),
      );
      await efs.send(new PutLifecycleConfigurationCommand({ FileSystemId: id, LifecyclePolicies: [{ TransitionToIA: 'AFTER_30_DAYS' }, { TransitionToPrimaryStorageClass: 'AFTER_1_ACCESS' }] }));

      const f = byId(await listEfsFileSystems(pool, REGION), id);
      expect(f).toMatchObject({
        name,
        type: 'efs',
        state: 'available',
        rawState: 'available',
        region: REGION,
        availabilityZone: 'us-east-1a',
        throughputMBps: 128,
        encrypted: true,
        tags: { Name: name },
        mount: { dnsName: `${id}.efs.us-east-1.amazonaws.com` },
        efs: {
          performanceMode: 'generalPurpose',
          throughputMode: 'provisioned',
          provisionedThroughputMiBps: 128,
          oneZone: true,
          lifecyclePolicies: ['TransitionToIA:AFTER_30_DAYS', 'TransitionToPrimaryStorageClass:AFTER_1_ACCESS'],
          numberOfMountTargets: 1,
        },
      });
      expect(f.arn).toContain(id);
      expect(typeof f.sizeBytes).toBe('number');
      expect(f.mount.efsMountTargets).toEqual([expect.objectContaining({ id: mt.MountTargetId, subnetId, availabilityZone: 'us-east-1a', ipAddress: mt.IpAddress, securityGroups: [sgId] })]);
      expect(f.mount.efsAccessPoints).toEqual([{ id: ap.AccessPointId, name: 'data', rootDirectory: '/data', posixUser: { uid: 1000, gid: 1000 }, state: 'available' }]);
      expect(f.detailErrors).toBeUndefined();

      // A file system with mount targets cannot be deleted: conflict.
      const busy = classifyError(await rejection(efs.send(new EfsDelete({ FileSystemId: id }))), { service: 'efs', resource: id });
      expect(busy).toMatchObject({ type: 'conflict', code: 'FileSystemInUse' });
    });

    it('pages through DescribeFileSystems and deletes', async () => {
      const calls = new Map<string, number>();
      const p = motoPool(counting(calls));
      const efs = p.efs(REGION);
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.push((await efs.send(new EfsCreate({ CreationToken: uniqueName('page') }))).FileSystemId ?? '');
      calls.clear();
      const list = await listEfsFileSystems(p, REGION, { pageSize: 2 });
      for (const id of ids) expect(byId(list, id)).toMatchObject({ name: id, efs: { oneZone: false, lifecyclePolicies: [] }, mount: { efsMountTargets: [], efsAccessPoints: [] } });
      expect(calls.get('DescribeFileSystemsCommand')).toBeGreaterThanOrEqual(2);
      expect(calls.get('DescribeFileSystemsCommand')).toBe(Math.ceil(list.length / 2));

      await efs.send(new EfsDelete({ FileSystemId: ids[0] }));
      expect((await listEfsFileSystems(p, REGION)).some((x) => x.id === ids[0])).toBe(false);
      // A denied detail call keeps the file system and says what is missing.
      const denying = motoPool((client, service) => {
        if (service !== 'efs') return;
        (client as EC2Client).middlewareStack.add(
          (next, context) => async (args) => {
            if (context.commandName === 'DescribeMountTargetsCommand' && (args.input as { FileSystemId?: string }).FileSystemId === ids[1]) {
              throw Object.assign(new Error('User: arn:aws:iam::123456789012:user/bob is not authorized to perform: elasticfilesystem:DescribeMountTargets'), {
                name: 'AccessDeniedException',
                $fault: 'client',
                $metadata: { httpStatusCode: 403 },
              });
            }
            return next(args);
          },
          { step: 'initialize', name: 'deny' },
        );
      });
      const partial = byId(await listEfsFileSystems(denying, REGION), ids[1]);
      denying.destroy();
      expect(partial.mount.efsMountTargets).toBeUndefined();
      expect(partial.mount.efsAccessPoints).toEqual([]);
      expect(partial.detailErrors).toEqual([expect.objectContaining({ type: 'access-denied', service: 'efs', resource: ids[1] })]);
      expect(partial.detailErrors?.[0].hint).toContain('elasticfilesystem:DescribeMountTargets');

      const gone = classifyError(await rejection(efs.send(new EfsDescribe({ FileSystemId: ids[0] }))), { service: 'efs', resource: ids[0] });
      expect(gone).toMatchObject({ type: 'not-found', code: 'FileSystemNotFound' });
      p.destroy();
    });
  });

  describe('FSx', () => {
    it('maps all four types as far as moto reports them', async () => {
      const fsx = pool.fsx(REGION);
      const tag = (n: string) => [{ Key: 'Name', Value: n }];
      const lustreName = uniqueName('train');
      const lustre = await fsx.send(
        new FsxCreate({
          FileSystemType: 'LUSTRE',
          StorageCapacity: 2400,
          StorageType: 'SSD',
          SubnetIds: [subnetId],
          SecurityGroupIds: [sgId],
          Tags: tag(lustreName),
          LustreConfiguration: { DeploymentType: 'PERSISTENT_2', PerUnitStorageThroughput: 250, DataCompressionType: 'LZ4', AutomaticBackupRetentionDays: 7 },
        }),
      );
      const windows = await fsx.send(
        new FsxCreate({
          FileSystemType: 'WINDOWS',
          StorageCapacity: 300,
          StorageType: 'HDD',
          SubnetIds: [subnetId],
          Tags: tag(uniqueName('shares')),
          WindowsConfiguration: { DeploymentType: 'SINGLE_AZ_2', ThroughputCapacity: 32, ActiveDirectoryId: 'd-1234567890' },
        }),
      );
      const zfs = await fsx.send(
        new FsxCreate({ FileSystemType: 'OPENZFS', StorageCapacity: 64, SubnetIds: [subnetId], OpenZFSConfiguration: { DeploymentType: 'SINGLE_AZ_1', ThroughputCapacity: 64 } }),
      );
      const ontap = await fsx.send(
        new FsxCreate({ FileSystemType: 'ONTAP', StorageCapacity: 1024, SubnetIds: [subnetId], OntapConfiguration: { DeploymentType: 'SINGLE_AZ_1', ThroughputCapacity: 128 } }),
      );
      const list = await listFsxFileSystems(pool, REGION);

      const l = byId(list, lustre.FileSystem?.FileSystemId ?? '');
      expect(l).toMatchObject({
        name: lustreName,
        type: 'fsx-lustre',
        sizeBytes: 2400 * GiB,
        throughputMBps: Math.round((250 * 2400) / 1024),
        encrypted: true,
        region: REGION,
        fsx: { fileSystemType: 'LUSTRE', deploymentType: 'PERSISTENT_2', storageType: 'SSD', perUnitStorageThroughput: 250, dataCompressionType: 'LZ4', automaticBackupRetentionDays: 7, subnetIds: [subnetId] },
      });
      expect(l.mount.dnsName).toMatch(/^fs-[0-9a-f]+\.fsx\.us-east-1\.amazonaws\.com$/);
      expect(l.arn).toContain(l.id);
      // moto gaps, reported as missing rather than invented:
      expect(l.mount.lustreMountName).toBeUndefined();
      expect(l).toMatchObject({ state: 'unknown', rawState: '' });
      expect(l.createdAt).toBeUndefined();
      expect(l.detailErrors).toBeUndefined();

      const w = byId(list, windows.FileSystem?.FileSystemId ?? '');
      expect(w).toMatchObject({ type: 'fsx-windows', throughputMBps: 32, sizeBytes: 300 * GiB, fsx: { fileSystemType: 'WINDOWS', deploymentType: 'SINGLE_AZ_2', storageType: 'HDD', activeDirectoryId: 'd-1234567890' } });
      expect(w.fsx?.windowsDnsName).toBe(w.mount.dnsName);

      // OpenZFS / ONTAP: moto answers DescribeVolumes / DescribeStorageVirtualMachines with HTTP 500.
      // The file systems stay listed; what is missing says why.
      const z = byId(list, zfs.FileSystem?.FileSystemId ?? '');
      expect(z).toMatchObject({ type: 'fsx-openzfs', throughputMBps: 64, fsx: { fileSystemType: 'OPENZFS', deploymentType: 'SINGLE_AZ_1' } });
      expect(z.mount.openZfsVolumes).toBeUndefined();
      expect(z.detailErrors).toEqual([expect.objectContaining({ type: 'unavailable', service: 'fsx', resource: z.id, recoverable: true })]);

      const o = byId(list, ontap.FileSystem?.FileSystemId ?? '');
      expect(o).toMatchObject({ type: 'fsx-ontap', throughputMBps: 128, sizeBytes: 1024 * GiB, fsx: { fileSystemType: 'ONTAP' } });
      expect(o.mount.svms).toBeUndefined();
      expect(o.detailErrors?.map((e) => e.type)).toEqual(['unavailable', 'unavailable']);
      expect(o.detailErrors?.[0].hint).toBeTruthy();
    });

    it('pages through DescribeFileSystems and deletes', async () => {
      const calls = new Map<string, number>();
      const p = motoPool(counting(calls));
      const fsx = p.fsx(REGION);
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        const r = await fsx.send(new FsxCreate({ FileSystemType: 'LUSTRE', StorageCapacity: 1200, SubnetIds: [subnetId], LustreConfiguration: { DeploymentType: 'SCRATCH_2' } }));
        ids.push(r.FileSystem?.FileSystemId ?? '');
      }
      calls.clear();
      const list = await listFsxFileSystems(p, REGION, { pageSize: 1 });
      for (const id of ids) expect(byId(list, id)).toMatchObject({ name: id, type: 'fsx-lustre', fsx: { deploymentType: 'SCRATCH_2' } });
      // Scratch Lustre reports no per-unit throughput: none is invented.
      expect(byId(list, ids[0]).throughputMBps).toBeUndefined();
      expect(calls.get('DescribeFileSystemsCommand')).toBe(list.length);
      expect(list.length).toBeGreaterThanOrEqual(3);
      // SVMs and volumes: one call each for the whole region, and only when a file system needs them.
      const hasOntap = list.some((x) => x.type === 'fsx-ontap');
      const hasZfs = list.some((x) => x.type === 'fsx-openzfs');
      expect(calls.get('DescribeStorageVirtualMachinesCommand')).toBe(hasOntap ? 1 : undefined);
      expect(calls.get('DescribeVolumesCommand')).toBe(hasOntap || hasZfs ? 1 : undefined);

      await fsx.send(new FsxDelete({ FileSystemId: ids[1] }));
      expect((await listFsxFileSystems(p, REGION)).some((x) => x.id === ids[1])).toBe(false);
      p.destroy();
    });
  });

  describe('S3', () => {
    const KMS = 'arn:aws:kms:us-east-1:123456789012:key/abcd';
    let configured: string;
    let plain: string;
    let elsewhere: string;
    let restricted: string;

    beforeAll(async () => {
      const s3 = pool.s3('us-east-1');
      const eu = pool.s3('eu-west-1');
      const ap = pool.s3('ap-southeast-2');
      configured = uniqueName('genomics');
      plain = uniqueName('plain-eu');
      elsewhere = uniqueName('sydney');
      restricted = uniqueName('restricted');
      await s3.send(new CreateBucketCommand({ Bucket: configured }));
      await s3.send(new PutBucketTaggingCommand({ Bucket: configured, Tagging: { TagSet: [{ Key: 'Name', Value: 'Genomics raw' }, { Key: 'lab', Value: 'smith' }] } }));
      await s3.send(new PutBucketVersioningCommand({ Bucket: configured, VersioningConfiguration: { Status: 'Enabled' } }));
      await s3.send(
        new PutBucketEncryptionCommand({ Bucket: configured, ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: KMS } }] } }),
      );
      await s3.send(
        new PutBucketLifecycleConfigurationCommand({
          Bucket: configured,
          LifecycleConfiguration: { Rules: [{ ID: 'tier', Status: 'Enabled', Filter: { Prefix: '' }, Transitions: [{ Days: 0, StorageClass: 'INTELLIGENT_TIERING' }] }] },
        }),
      );
      await s3.send(
        new PutPublicAccessBlockCommand({ Bucket: configured, PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } }),
      );
      await eu.send(new CreateBucketCommand({ Bucket: plain, CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
      await ap.send(new CreateBucketCommand({ Bucket: elsewhere, CreateBucketConfiguration: { LocationConstraint: 'ap-southeast-2' } }));
      await s3.send(new CreateBucketCommand({ Bucket: restricted }));
      await s3.send(new PutBucketVersioningCommand({ Bucket: restricted, VersioningConfiguration: { Status: 'Suspended' } }));
    });

    it('lists buckets of the selected regions with their configuration', async () => {
      const list = await listS3Buckets(pool, ['us-east-1', 'eu-west-1']);
      const c = byId(list, configured);
      expect(c).toEqual(
        expect.objectContaining({
          name: 'Genomics raw',
          type: 's3',
          id: configured,
          arn: `arn:aws:s3:::${configured}`,
          state: 'available',
          region: 'us-east-1',
          encrypted: true,
          kmsKeyId: KMS,
          tags: { Name: 'Genomics raw', lab: 'smith' },
          mount: { s3Region: 'us-east-1' },
          s3: { versioning: 'Enabled', hasLifecycleRules: true, defaultEncryption: 'aws:kms', blockPublicAccess: true, intelligentTiering: true },
        }),
      );
      expect(Date.parse(c.createdAt ?? '')).not.toBeNaN();
      expect(c.detailErrors).toBeUndefined();

      // Nothing configured: moto says so with NoSuch* errors, which mean "none", not failure.
      const p = byId(list, plain);
      expect(p).toMatchObject({ name: plain, region: 'eu-west-1', encrypted: false, tags: {}, mount: { s3Region: 'eu-west-1' } });
      expect(p.s3).toEqual({ versioning: 'Disabled', hasLifecycleRules: false, defaultEncryption: undefined, blockPublicAccess: false, intelligentTiering: false });
      expect(p.detailErrors).toBeUndefined();

      expect(byId(list, restricted).s3?.versioning).toBe('Suspended');
      expect(list.some((b) => b.id === elsewhere)).toBe(false);
      expect(byId(await listS3Buckets(pool, ['ap-southeast-2']), elsewhere).region).toBe('ap-southeast-2');
    });

    it('uses ListBuckets BucketRegion when AWS reports it (no GetBucketLocation per bucket)', async () => {
      const calls = new Map<string, number>();
      const regionOf = (b: string) => (b === plain ? 'eu-west-1' : b === elsewhere ? 'ap-southeast-2' : 'us-east-1');
      const p = motoPool((client, service, region) => {
        if (service !== 's3') return;
        counting(calls)(client, service, region);
        // Real AWS returns BucketRegion in ListBuckets; moto 5.2 does not, so add it here.
        (client as EC2Client).middlewareStack.add(
          (next, context) => async (args) => {
            const result = await next(args);
            if (context.commandName === 'ListBucketsCommand') {
              const out = result.output as { Buckets?: { Name?: string; BucketRegion?: string }[] };
              for (const b of out.Buckets ?? []) b.BucketRegion = regionOf(b.Name ?? '');
            }
            return result;
          },
          { step: 'initialize', name: 'bucketRegion' },
        );
      });
      const list = await listS3Buckets(p, ['eu-west-1', 'ap-southeast-2']);
      p.destroy();
      expect(calls.get('GetBucketLocationCommand')).toBeUndefined();
      expect(calls.get('ListBucketsCommand')).toBe(1);
      expect(byId(list, plain).region).toBe('eu-west-1');
      expect(byId(list, elsewhere).region).toBe('ap-southeast-2');
      expect(list.some((b) => b.id === configured)).toBe(false);
      // Six detail calls per listed bucket, none for the buckets filtered out.
      expect(calls.get('GetBucketVersioningCommand')).toBe(list.length);
    });

    it('keeps a bucket whose detail calls are denied, filling what is known', async () => {
      const denied = (op: string) =>
        new S3ServiceException({ name: 'AccessDenied', $fault: 'client', $metadata: { httpStatusCode: 403 }, message: `User: arn:aws:iam::123456789012:user/bob is not authorized to perform: ${op}` });
      // Deny two detail calls for one bucket; moto answers everything else.
      const p = motoPool((client, service) => {
        if (service !== 's3') return;
        (client as EC2Client).middlewareStack.add(
          (next, context) => async (args) => {
            const bucket = (args.input as { Bucket?: string }).Bucket;
            if (bucket === restricted && context.commandName === 'GetBucketTaggingCommand') throw denied('s3:GetBucketTagging');
            if (bucket === restricted && context.commandName === 'GetBucketVersioningCommand') throw denied('s3:GetBucketVersioning');
            if (bucket === plain && context.commandName === 'GetBucketLocationCommand') throw denied('s3:GetBucketLocation');
            return next(args);
          },
          { step: 'initialize', name: 'deny' },
        );
      });
      const list = await listS3Buckets(p, ['us-east-1', 'eu-west-1']);
      p.destroy();

      const r = byId(list, restricted);
      expect(r).toMatchObject({ name: restricted, region: 'us-east-1', tags: {}, encrypted: false });
      // Versioning unknown, so the S3 details are not guessed.
      expect(r.s3).toBeUndefined();
      expect(r.detailErrors?.map((e) => [e.type, e.resource])).toEqual([
        ['access-denied', restricted],
        ['access-denied', restricted],
      ]);
      expect(r.detailErrors?.map((e) => e.hint).join(' ')).toMatch(/s3:GetBucketTagging[\s\S]*s3:GetBucketVersioning|s3:GetBucketVersioning[\s\S]*s3:GetBucketTagging/);

      // Location unreadable: the bucket is kept under an unknown region rather than dropped.
      const q = byId(list, plain);
      expect(q).toMatchObject({ region: 'unknown', s3: undefined, arn: undefined, encrypted: true, mount: { s3Region: undefined } });
      expect(q.detailErrors?.[0]).toMatchObject({ type: 'access-denied', code: 'AccessDenied' });

      expect(byId(list, configured).detailErrors).toBeUndefined();
    });

    it('maps S3 errors from moto: missing bucket is not-found, non-empty bucket is a conflict', async () => {
      const s3 = pool.s3('us-east-1');
      const missing = uniqueName('missing');
      const nf = classifyError(await rejection(s3.send(new GetBucketLocationCommand({ Bucket: missing }))), { service: 's3', action: 's3:GetBucketLocation', resource: missing });
      expect(nf).toMatchObject({ type: 'not-found', code: 'NoSuchBucket', resource: missing, recoverable: false });

      const full = uniqueName('full');
      await s3.send(new CreateBucketCommand({ Bucket: full }));
      await s3.send(new PutObjectCommand({ Bucket: full, Key: 'reads.fastq', Body: 'ACGT' }));
      const busy = classifyError(await rejection(s3.send(new DeleteBucketCommand({ Bucket: full }))), { service: 's3', resource: full });
      expect(busy).toMatchObject({ type: 'conflict', code: 'BucketNotEmpty' });

      const empty = uniqueName('empty');
      await s3.send(new CreateBucketCommand({ Bucket: empty }));
      expect(byId(await listS3Buckets(pool, ['us-east-1']), empty).name).toBe(empty);
      await s3.send(new DeleteBucketCommand({ Bucket: empty }));
      expect((await listS3Buckets(pool, ['us-east-1'])).some((b) => b.id === empty)).toBe(false);
    });
  });

  it('an unreachable endpoint fails the listing with a recoverable network error', async () => {
    const port = await freePort();
    const dead = new ClientPool({ region: REGION, endpointUrl: `http://127.0.0.1:${port}`, credentials, connectionTimeoutMs: 2_000 });
    const err = classifyError(await rejection(listEfsFileSystems(dead, REGION)), { service: 'efs', action: 'elasticfilesystem:DescribeFileSystems', region: REGION });
    dead.destroy();
    expect(err).toMatchObject({ type: 'network', service: 'efs', recoverable: true });
    expect(err.hint).toMatch(/connectivity|proxy|endpoint/);
  });
});
