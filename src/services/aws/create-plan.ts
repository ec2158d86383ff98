// Guided creation, the plan: a StorageRequest becomes the exact SDK calls, in
// order, with inputs exactly as the SDK takes them (what the review screen
// shows, masked). Pure: no clients, no clock, no randomness (newRequest adds the
// idempotency token once; keep that request for every retry).
//
// API references (parameter names, defaults, constraints):
//   EBS   CreateVolume      https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVolume.html
//         AttachVolume      https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AttachVolume.html
//   EFS   CreateFileSystem  https://docs.aws.amazon.com/efs/latest/ug/API_CreateFileSystem.html
//         PutLifecycleConfiguration https://docs.aws.amazon.com/efs/latest/ug/API_PutLifecycleConfiguration.html
//         CreateMountTarget https://docs.aws.amazon.com/efs/latest/ug/API_CreateMountTarget.html
//         CreateAccessPoint https://docs.aws.amazon.com/efs/latest/ug/API_CreateAccessPoint.html
//   S3    CreateBucket      https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html
//         (us-east-1 takes NO CreateBucketConfiguration; every other region needs LocationConstraint = region)
//         PutPublicAccessBlock / PutBucketEncryption / PutBucketVersioning /
//         PutBucketLifecycleConfiguration / PutBucketTagging: https://docs.aws.amazon.com/AmazonS3/latest/API/API_Operations_Amazon_Simple_Storage_Service.html
//   FSx   CreateFileSystem  https://docs.aws.amazon.com/fsx/latest/APIReference/API_CreateFileSystem.html
//         Lustre   https://docs.aws.amazon.com/fsx/latest/APIReference/API_CreateFileSystemLustreConfiguration.html
//         OpenZFS  https://docs.aws.amazon.com/fsx/latest/APIReference/API_CreateFileSystemOpenZFSConfiguration.html
//                  https://docs.aws.amazon.com/fsx/latest/APIReference/API_OpenZFSCreateRootVolumeConfiguration.html
//         Windows  https://docs.aws.amazon.com/fsx/latest/APIReference/API_CreateFileSystemWindowsConfiguration.html
//         ONTAP    https://docs.aws.amazon.com/fsx/latest/APIReference/API_CreateFileSystemOntapConfiguration.html
//         CreateStorageVirtualMachine https://docs.aws.amazon.com/fsx/latest/APIReference/API_CreateStorageVirtualMachine.html
//         CreateVolume (ONTAP) https://docs.aws.amazon.com/fsx/latest/APIReference/API_CreateOntapVolumeConfiguration.html
//         CreateDataRepositoryAssociation https://docs.aws.amazon.com/fsx/latest/APIReference/API_CreateDataRepositoryAssociation.html
import { randomUUID } from 'node:crypto';
import type { AttachVolumeCommandInput, CreateVolumeCommandInput as Ec2CreateVolumeInput } from '@aws-sdk/client-ec2';
import type { CreateAccessPointCommandInput, CreateFileSystemCommandInput as EfsCreateFileSystemInput, CreateMountTargetCommandInput, LifecyclePolicy, PutLifecycleConfigurationCommandInput } from '@aws-sdk/client-efs';
import type {
  CreateDataRepositoryAssociationCommandInput,
  CreateFileSystemCommandInput as FsxCreateFileSystemInput,
  CreateStorageVirtualMachineCommandInput,
  CreateVolumeCommandInput as FsxCreateVolumeInput,
} from '@aws-sdk/client-fsx';
import type {
  BucketLocationConstraint,
  CreateBucketCommandInput,
  LifecycleRule,
  PutBucketEncryptionCommandInput,
  PutBucketLifecycleConfigurationCommandInput,
  PutBucketTaggingCommandInput,
  PutBucketVersioningCommandInput,
  PutPublicAccessBlockCommandInput,
} from '@aws-sdk/client-s3';
import { maskSecretKeys } from '../audit.js';
import { validationError, type S3Config, type ServiceName, type StorageRequest } from '../types.js';
import { derivedToken, tagList } from './mutation-support.js';

// ---------------------------------------------------------------------------
// The plan.

export interface CreatePlan {
  service: ServiceName;
  steps: { command: string; input: Record<string, unknown> }[];
}

/**
 * Values a later step takes from an earlier step's result. They appear as these
 * literal strings in the plan (what the review screen shows) and are filled in
 * by createStorage as the steps run.
 */
export const PLAN_REF = {
  fileSystemId: '${FileSystemId}',
  storageVirtualMachineId: '${StorageVirtualMachineId}',
  volumeId: '${VolumeId}',
} as const;

/** Idempotency token limits: EC2 ClientToken 64, EFS CreationToken/ClientToken 64, FSx ClientRequestToken 63. */
const TOKEN_MAX = { ec2: 64, efs: 64, fsx: 63 } as const;

/** A request with its idempotency token: keep this object and reuse it for every retry of the creation. */
export type PreparedRequest = StorageRequest & { clientToken: string };

/** The `newRequest` helper: copies the request and gives it an idempotency token when it has none. */
export function newRequest(req: StorageRequest, token: () => string = randomUUID): PreparedRequest {
  return { ...req, clientToken: req.clientToken && req.clientToken.trim() !== '' ? req.clientToken : token() };
}

/** S3 lifecycle presets offered by the wizard, as PutBucketLifecycleConfiguration rules. */
export function s3PresetRules(preset: S3Config['lifecyclePreset'], versioning: boolean): LifecycleRule[] {
  // Incomplete multipart uploads are billed storage nobody can see: abort them after 7 days in every preset.
  // https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpu-abort-incomplete-mpu-lifecycle-config.html
  const abort = { DaysAfterInitiation: 7 };
  const all = { Prefix: '' };
  switch (preset) {
    case 'intelligent-tiering':
      // Day 0 transition: objects move to Intelligent-Tiering as soon as lifecycle runs.
      // https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html
      return [{ ID: 'prism-intelligent-tiering', Status: 'Enabled', Filter: all, Transitions: [{ Days: 0, StorageClass: 'INTELLIGENT_TIERING' }], AbortIncompleteMultipartUpload: abort }];
    case 'archive-after-90':
      return [
        {
          ID: 'prism-archive-after-90',
          Status: 'Enabled',
          Filter: all,
          Transitions: [{ Days: 90, StorageClass: 'GLACIER' }],
          ...(versioning ? { NoncurrentVersionTransitions: [{ NoncurrentDays: 90, StorageClass: 'GLACIER' }] } : {}),
          AbortIncompleteMultipartUpload: abort,
        },
      ];
    case 'expire-scratch-30':
      return [
        {
          ID: 'prism-expire-scratch-30',
          Status: 'Enabled',
          Filter: all,
          Expiration: { Days: 30 },
          // Overwritten and expired versions are scratch too: gone a week after they stop being current.
          ...(versioning ? { NoncurrentVersionExpiration: { NoncurrentDays: 7 } } : {}),
          AbortIncompleteMultipartUpload: abort,
        },
      ];
    default:
      return [];
  }
}

type Step = CreatePlan['steps'][number];
const step = <T extends object>(command: string, input: T): Step => ({ command, input: input as Record<string, unknown> });

/** Drops keys whose value is undefined (the plan shows only what is sent). */
function compact<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as T;
}

function requireToken(req: StorageRequest): string {
  if (!req.clientToken || req.clientToken.trim() === '') {
    throw validationError('the creation request has no idempotency token', 'build the request with newRequest() and keep it for retries, so a retried creation never makes a second resource');
  }
  return req.clientToken;
}

/** Subnets a deployment type uses: Multi-AZ takes two (and a preferred one), every other type one. */
function subnetsFor(deploymentType: string, subnetIds: string[], preferred: string | undefined): { SubnetIds: string[]; PreferredSubnetId?: string } {
  if (deploymentType.startsWith('MULTI_AZ')) return { SubnetIds: subnetIds.slice(0, 2), PreferredSubnetId: preferred ?? subnetIds[0] };
  return { SubnetIds: subnetIds.slice(0, 1) };
}

/** The exact SDK calls that create what `req` describes. Pure: same request, same plan. */
export function planCreate(req: StorageRequest): CreatePlan {
  const token = requireToken(req);
  const c = req.config;
  switch (c.type) {
    case 'ebs': {
      const e = c.ebs;
      const create: Ec2CreateVolumeInput = compact({
        ClientToken: derivedToken(token, '', TOKEN_MAX.ec2),
        AvailabilityZone: e.availabilityZone,
        VolumeType: e.volumeType,
        Size: e.sizeGiB,
        // Iops only for gp3/io1/io2; Throughput only for gp3 (CreateVolume reference).
        Iops: e.volumeType === 'gp3' || e.volumeType === 'io1' || e.volumeType === 'io2' ? e.iops : undefined,
        Throughput: e.volumeType === 'gp3' ? e.throughputMBps : undefined,
        Encrypted: e.encrypted,
        KmsKeyId: e.encrypted ? e.kmsKeyId : undefined,
        TagSpecifications: [{ ResourceType: 'volume', Tags: tagList(req.name, req.tags) }],
      });
      const steps = [step('CreateVolume', create)];
      if (e.attachToInstanceId) {
        const attach: AttachVolumeCommandInput = { VolumeId: PLAN_REF.volumeId, InstanceId: e.attachToInstanceId, Device: e.device ?? '/dev/sdf' };
        steps.push(step('AttachVolume', attach));
      }
      return { service: 'ec2', steps };
    }
    case 'efs': {
      const e = c.efs;
      const create: EfsCreateFileSystemInput = compact({
        CreationToken: derivedToken(token, '', TOKEN_MAX.efs),
        PerformanceMode: e.performanceMode,
        Encrypted: e.encrypted,
        KmsKeyId: e.encrypted ? e.kmsKeyId : undefined,
        ThroughputMode: e.throughputMode,
        ProvisionedThroughputInMibps: e.throughputMode === 'provisioned' ? e.provisionedThroughputMiBps : undefined,
        // One Zone: the AZ; Regional file systems leave it out.
        AvailabilityZoneName: e.availabilityZoneName || undefined,
        Tags: tagList(req.name, req.tags),
      });
      const steps = [step('CreateFileSystem', create)];
      // Each LifecyclePolicy object carries exactly one transition.
      const policies: LifecyclePolicy[] = [];
      if (e.transitionToIA) policies.push({ TransitionToIA: e.transitionToIA as LifecyclePolicy['TransitionToIA'] });
      if (e.transitionToArchive) policies.push({ TransitionToArchive: e.transitionToArchive as LifecyclePolicy['TransitionToArchive'] });
      if (policies.length) {
        const lc: PutLifecycleConfigurationCommandInput = { FileSystemId: PLAN_REF.fileSystemId, LifecyclePolicies: policies };
        steps.push(step('PutLifecycleConfiguration', lc));
      }
      for (const subnet of e.subnetIds) {
        const mt: CreateMountTargetCommandInput = compact({ FileSystemId: PLAN_REF.fileSystemId, SubnetId: subnet, SecurityGroups: e.securityGroupIds.length ? e.securityGroupIds : undefined });
        steps.push(step('CreateMountTarget', mt));
      }
      if (e.accessPoint) {
        const ap = e.accessPoint;
        const input: CreateAccessPointCommandInput = {
          ClientToken: derivedToken(token, 'ap', TOKEN_MAX.efs),
          FileSystemId: PLAN_REF.fileSystemId,
          PosixUser: { Uid: ap.uid, Gid: ap.gid },
          RootDirectory: { Path: ap.path, CreationInfo: { OwnerUid: ap.uid, OwnerGid: ap.gid, Permissions: ap.permissions } },
          Tags: tagList(req.name, req.tags),
        };
        steps.push(step('CreateAccessPoint', input));
      }
      return { service: 'efs', steps };
    }
    case 's3': {
      const s = c.s3;
      const Bucket = s.bucketName;
      const create: CreateBucketCommandInput =
        s.region === 'us-east-1' ? { Bucket } : { Bucket, CreateBucketConfiguration: { LocationConstraint: s.region as BucketLocationConstraint } };
      const steps = [step('CreateBucket', create)];
      const bpa: PutPublicAccessBlockCommandInput = {
        Bucket,
        PublicAccessBlockConfiguration: { BlockPublicAcls: s.blockPublicAccess, IgnorePublicAcls: s.blockPublicAccess, BlockPublicPolicy: s.blockPublicAccess, RestrictPublicBuckets: s.blockPublicAccess },
      };
      steps.push(step('PutPublicAccessBlock', bpa));
      const kms = s.encryption === 'aws:kms';
      const enc: PutBucketEncryptionCommandInput = {
        Bucket,
        ServerSideEncryptionConfiguration: {
          Rules: [
            compact({
              ApplyServerSideEncryptionByDefault: compact({ SSEAlgorithm: s.encryption, KMSMasterKeyID: kms ? s.kmsKeyId : undefined }),
              // S3 Bucket Keys cut KMS request costs by orders of magnitude; meaningless for SSE-S3.
              BucketKeyEnabled: kms ? true : undefined,
            }),
          ],
        },
      };
      steps.push(step('PutBucketEncryption', enc));
      // A new bucket is unversioned; "Suspended" on a never-versioned bucket would only add a state.
      if (s.versioning) {
        const ver: PutBucketVersioningCommandInput = { Bucket, VersioningConfiguration: { Status: 'Enabled' } };
        steps.push(step('PutBucketVersioning', ver));
      }
      const rules = s3PresetRules(s.lifecyclePreset ?? 'none', s.versioning);
      if (rules.length) {
        const lc: PutBucketLifecycleConfigurationCommandInput = { Bucket, LifecycleConfiguration: { Rules: rules } };
        steps.push(step('PutBucketLifecycleConfiguration', lc));
      }
      const tagging: PutBucketTaggingCommandInput = { Bucket, Tagging: { TagSet: tagList(req.name, req.tags) } };
      steps.push(step('PutBucketTagging', tagging));
      return { service: 's3', steps };
    }
    case 'fsx-lustre': {
      const l = c.lustre;
      const persistent = l.deploymentType.startsWith('PERSISTENT');
      const hdd = l.storageType === 'HDD';
      // PERSISTENT_2 links S3 through data repository associations, not ImportPath/ExportPath.
      const dra = l.deploymentType === 'PERSISTENT_2' && !!l.importPath;
      const create: FsxCreateFileSystemInput = compact({
        ClientRequestToken: derivedToken(token, '', TOKEN_MAX.fsx),
        FileSystemType: 'LUSTRE',
        StorageCapacity: l.storageCapacityGiB,
        StorageType: l.storageType,
        SubnetIds: [l.subnetId],
        SecurityGroupIds: l.securityGroupIds,
        Tags: tagList(req.name, req.tags),
        LustreConfiguration: compact({
          DeploymentType: l.deploymentType,
          PerUnitStorageThroughput: persistent ? l.perUnitStorageThroughput : undefined,
          DataCompressionType: l.dataCompressionType,
          // HDD storage requires a drive cache choice; NONE is the no-extra-cost one.
          DriveCacheType: hdd ? ('NONE' as const) : undefined,
          ImportPath: dra ? undefined : l.importPath || undefined,
          ExportPath: dra || !l.importPath ? undefined : l.exportPath || undefined,
          CopyTagsToBackups: persistent ? true : undefined,
        }),
      });
      const steps = [step('CreateFileSystem', create)];
      if (dra && l.importPath) {
        const events = ['NEW', 'CHANGED', 'DELETED'] as const;
        const input: CreateDataRepositoryAssociationCommandInput = {
          ClientRequestToken: derivedToken(token, 'dra', TOKEN_MAX.fsx),
          FileSystemId: PLAN_REF.fileSystemId,
          FileSystemPath: '/',
          DataRepositoryPath: l.importPath,
          BatchImportMetaDataOnCreate: true,
          S3: compact({ AutoImportPolicy: { Events: [...events] }, AutoExportPolicy: l.exportPath ? { Events: [...events] } : undefined }),
          Tags: tagList(req.name, req.tags),
        };
        steps.push(step('CreateDataRepositoryAssociation', input));
      }
      return { service: 'fsx', steps };
    }
    case 'fsx-openzfs': {
      const z = c.openzfs;
      const { SubnetIds, PreferredSubnetId } = subnetsFor(z.deploymentType, z.subnetIds, z.preferredSubnetId);
      const create: FsxCreateFileSystemInput = compact({
        ClientRequestToken: derivedToken(token, '', TOKEN_MAX.fsx),
        FileSystemType: 'OPENZFS',
        StorageCapacity: z.storageCapacityGiB,
        StorageType: 'SSD',
        SubnetIds,
        SecurityGroupIds: z.securityGroupIds,
        Tags: tagList(req.name, req.tags),
        OpenZFSConfiguration: compact({
          DeploymentType: z.deploymentType,
          ThroughputCapacity: z.throughputCapacityMBps,
          PreferredSubnetId,
          CopyTagsToBackups: true,
          CopyTagsToVolumes: true,
          RootVolumeConfiguration: {
            RecordSizeKiB: z.recordSizeKiB,
            DataCompressionType: z.dataCompressionType,
            // The console's default export options: read-write, child volumes visible through the parent.
            NfsExports: [{ ClientConfigurations: [{ Clients: z.nfsExportClients, Options: ['rw', 'crossmnt'] }] }],
          },
        }),
      });
      return { service: 'fsx', steps: [step('CreateFileSystem', create)] };
    }
    case 'fsx-windows': {
      const w = c.windows;
      const { SubnetIds, PreferredSubnetId } = subnetsFor(w.deploymentType, w.subnetIds, w.preferredSubnetId);
      const ad = w.selfManagedAd;
      const create: FsxCreateFileSystemInput = compact({
        ClientRequestToken: derivedToken(token, '', TOKEN_MAX.fsx),
        FileSystemType: 'WINDOWS',
        StorageCapacity: w.storageCapacityGiB,
        StorageType: w.storageType,
        SubnetIds,
        SecurityGroupIds: w.securityGroupIds,
        Tags: tagList(req.name, req.tags),
        WindowsConfiguration: compact({
          ActiveDirectoryId: ad ? undefined : w.activeDirectoryId,
          SelfManagedActiveDirectoryConfiguration: ad
            ? compact({
                DomainName: ad.domainName,
                OrganizationalUnitDistinguishedName: ad.organizationalUnit || undefined,
                FileSystemAdministratorsGroup: ad.fileSystemAdministratorsGroup || undefined,
                UserName: ad.userName,
                Password: ad.password,
                DnsIps: ad.dnsIps,
              })
            : undefined,
          DeploymentType: w.deploymentType,
          PreferredSubnetId,
          ThroughputCapacity: w.throughputCapacityMBps,
          CopyTagsToBackups: true,
        }),
      });
      return { service: 'fsx', steps: [step('CreateFileSystem', create)] };
    }
    case 'fsx-ontap': {
      const o = c.ontap;
      const { SubnetIds, PreferredSubnetId } = subnetsFor(o.deploymentType, o.subnetIds, o.preferredSubnetId);
      const create: FsxCreateFileSystemInput = compact({
        ClientRequestToken: derivedToken(token, '', TOKEN_MAX.fsx),
        FileSystemType: 'ONTAP',
        StorageCapacity: o.storageCapacityGiB,
        StorageType: 'SSD',
        SubnetIds,
        SecurityGroupIds: o.securityGroupIds,
        Tags: tagList(req.name, req.tags),
        OntapConfiguration: compact({
          DeploymentType: o.deploymentType,
          ThroughputCapacity: o.throughputCapacityMBps,
          PreferredSubnetId,
          FsxAdminPassword: o.adminPassword || undefined,
        }),
      });
      const svm: CreateStorageVirtualMachineCommandInput = {
        ClientRequestToken: derivedToken(token, 'svm', TOKEN_MAX.fsx),
        FileSystemId: PLAN_REF.fileSystemId,
        Name: o.svmName,
        RootVolumeSecurityStyle: 'UNIX',
        Tags: tagList(o.svmName, req.tags),
      };
      const vol: FsxCreateVolumeInput = {
        ClientRequestToken: derivedToken(token, 'vol', TOKEN_MAX.fsx),
        VolumeType: 'ONTAP',
        Name: o.volumeName,
        OntapConfiguration: {
          StorageVirtualMachineId: PLAN_REF.storageVirtualMachineId,
          JunctionPath: o.junctionPath,
          SizeInMegabytes: o.volumeSizeMiB,
          StorageEfficiencyEnabled: true,
          SecurityStyle: 'UNIX',
        },
        Tags: tagList(o.volumeName, req.tags),
      };
      return { service: 'fsx', steps: [step('CreateFileSystem', create), step('CreateStorageVirtualMachine', svm), step('CreateVolume', vol)] };
    }
  }
}

/** The plan as the review screen shows it: every password / secret replaced by "********". */
export function maskSecrets(plan: CreatePlan): CreatePlan {
  return { service: plan.service, steps: plan.steps.map((s) => ({ command: s.command, input: maskSecretKeys(s.input) })) };
}

/** Secret values inside a request (registered with the audit log so they can never be written). */
export function secretsOf(req: StorageRequest): string[] {
  const c = req.config;
  if (c.type === 'fsx-windows' && c.windows.selfManagedAd) return [c.windows.selfManagedAd.password];
  if (c.type === 'fsx-ontap' && c.ontap.adminPassword) return [c.ontap.adminPassword];
  return [];
}
