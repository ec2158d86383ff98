import { describe, expect, it } from 'vitest';
import type { FsxLustreConfig, FsxOntapConfig, FsxOpenZfsConfig, FsxWindowsConfig, StorageConfig, StorageRequest } from '../../src/services/types.js';
import { nearestValid, validateRequest, type ValidationContext } from '../../src/services/validation/index.js';

const A = 'subnet-0aaaaaaaaaaaaaaa1';
const A2 = 'subnet-0aaaaaaaaaaaaaaa2';
const B = 'subnet-0bbbbbbbbbbbbbbb1';
const SG = 'sg-0123456789abcdef0';
const ctx: ValidationContext = {
  availabilityZones: ['us-east-1a', 'us-east-1b'],
  subnets: [
    { id: A, az: 'us-east-1a', vpcId: 'vpc-1' },
    { id: A2, az: 'us-east-1a', vpcId: 'vpc-1' },
    { id: B, az: 'us-east-1b', vpcId: 'vpc-1' },
  ],
  securityGroups: [{ id: SG, vpcId: 'vpc-1' }],
  directories: [{ id: 'd-0123456789' }],
};
const check = (config: StorageConfig) => {
  const req: StorageRequest = { name: 'fsx', region: 'us-east-1', tags: {}, config };
  return validateRequest(req, ctx).map((e) => `${e.field}: ${e.message}`);
};

describe('FSx for Lustre', () => {
  const base: FsxLustreConfig = { deploymentType: 'SCRATCH_2', storageCapacityGiB: 1_200, dataCompressionType: 'LZ4', subnetId: A, securityGroupIds: [SG] };
  const lustre = (over: Partial<FsxLustreConfig>) => check({ type: 'fsx-lustre', lustre: { ...base, ...over } });

  it.each([
    ['SCRATCH_2', [1_200, 2_400, 4_800, 9_600]],
    ['SCRATCH_1', [1_200, 2_400, 3_600, 7_200]],
  ] as const)('%s accepts %j GiB', (deploymentType, sizes) => {
    for (const storageCapacityGiB of sizes) expect(lustre({ deploymentType, storageCapacityGiB })).toEqual([]);
  });

  it.each([
    ['SCRATCH_2', 3_000, 'storageCapacityGiB: Storage capacity for SCRATCH_2 must be 1,200 GiB or a multiple of 2,400 GiB: try 2,400 or 4,800.'],
    ['SCRATCH_2', 1_000, 'storageCapacityGiB: Storage capacity for SCRATCH_2 must be 1,200 GiB or a multiple of 2,400 GiB: try 1,200.'],
    ['SCRATCH_2', 3_600, 'storageCapacityGiB: Storage capacity for SCRATCH_2 must be 1,200 GiB or a multiple of 2,400 GiB: try 2,400 or 4,800.'],
    ['SCRATCH_1', 4_800, 'storageCapacityGiB: Storage capacity for SCRATCH_1 must be 1,200 GiB, 2,400 GiB or a multiple of 3,600 GiB: try 3,600 or 7,200.'],
  ] as const)('%s refuses %i GiB and offers the neighbours', (deploymentType, storageCapacityGiB, expected) => {
    expect(lustre({ deploymentType, storageCapacityGiB })).toEqual([expected]);
  });

  it('PERSISTENT_2 takes 125/250/500/1,000 MB/s per TiB on 1,200 GiB or multiples of 2,400', () => {
    expect(lustre({ deploymentType: 'PERSISTENT_2', perUnitStorageThroughput: 250, storageCapacityGiB: 4_800 })).toEqual([]);
    expect(lustre({ deploymentType: 'PERSISTENT_2', perUnitStorageThroughput: 200 })).toEqual([
      'perUnitStorageThroughput: Throughput per TiB for PERSISTENT_2 SSD must be 125, 250, 500 or 1,000 MB/s/TiB: try 125 or 250.',
    ]);
    expect(lustre({ deploymentType: 'PERSISTENT_2' })).toEqual(['perUnitStorageThroughput: PERSISTENT_2 SSD needs a throughput per TiB: choose 125, 250, 500 or 1,000 MB/s/TiB.']);
  });

  it('PERSISTENT_1 SSD takes 50/100/200; scratch takes none', () => {
    expect(lustre({ deploymentType: 'PERSISTENT_1', perUnitStorageThroughput: 200 })).toEqual([]);
    expect(lustre({ deploymentType: 'PERSISTENT_1', perUnitStorageThroughput: 125 })).toEqual([
      'perUnitStorageThroughput: Throughput per TiB for PERSISTENT_1 SSD must be 50, 100 or 200 MB/s/TiB: try 100 or 200.',
    ]);
    expect(lustre({ perUnitStorageThroughput: 200 })).toEqual([
      'perUnitStorageThroughput: SCRATCH_2 has no throughput-per-TiB setting: clear it, or choose PERSISTENT_1 or PERSISTENT_2.',
    ]);
  });

  it('PERSISTENT_1 HDD: 12 MB/s/TiB in 6,000 GiB steps, 40 in 1,800 GiB steps, with a drive cache', () => {
    const hdd = { deploymentType: 'PERSISTENT_1', storageType: 'HDD', driveCacheType: 'READ' } as const;
    expect(lustre({ ...hdd, perUnitStorageThroughput: 12, storageCapacityGiB: 6_000 })).toEqual([]);
    expect(lustre({ ...hdd, perUnitStorageThroughput: 40, storageCapacityGiB: 5_400 })).toEqual([]);
    expect(lustre({ ...hdd, perUnitStorageThroughput: 12, storageCapacityGiB: 5_400 })).toEqual([
      'storageCapacityGiB: Storage capacity for PERSISTENT_1 HDD at 12 MB/s/TiB must be a multiple of 6,000 GiB: try 6,000.',
    ]);
    expect(lustre({ ...hdd, driveCacheType: undefined, perUnitStorageThroughput: 40, storageCapacityGiB: 1_800 })).toEqual([
      'driveCacheType: PERSISTENT_1 HDD file systems need a drive cache setting: choose READ (caches hot files on SSD) or NONE.',
    ]);
  });

  it('HDD only with PERSISTENT_1', () => {
    expect(lustre({ deploymentType: 'PERSISTENT_2', perUnitStorageThroughput: 125, storageType: 'HDD' })).toContain(
      'storageType: HDD storage is available only with PERSISTENT_1, not PERSISTENT_2: choose SSD, or PERSISTENT_1.',
    );
  });

  it('import and export paths: s3://bucket[/prefix], export in the import bucket, none on PERSISTENT_2', () => {
    expect(lustre({ importPath: 's3://genomes/ref', exportPath: 's3://genomes/results' })).toEqual([]);
    expect(lustre({ importPath: 'genomes/ref' })).toEqual(['importPath: Import path must look like s3://bucket or s3://bucket/prefix, not "genomes/ref".']);
    expect(lustre({ importPath: 's3://Genomes' })).toEqual([
      'importPath: Import path bucket "Genomes" is not a valid bucket name. Bucket names may contain only lowercase letters, numbers, dots (.) and hyphens (-), and "G" is not one: use lowercase letters.',
    ]);
    expect(lustre({ importPath: 's3://genomes', exportPath: 's3://other/out' })).toEqual(['exportPath: The export path must be in the import bucket (genomes): use s3://genomes/your-prefix.']);
    expect(lustre({ exportPath: 's3://genomes/out' })).toEqual([
      'exportPath: An export path needs an import path in the same bucket: set the import path first, or clear the export path.',
    ]);
    expect(lustre({ deploymentType: 'PERSISTENT_2', perUnitStorageThroughput: 125, importPath: 's3://genomes' })).toEqual([
      'importPath: PERSISTENT_2 links S3 through data repository associations, not import/export paths: clear the paths and link the bucket after creation.',
    ]);
  });

  it('compression is NONE or LZ4, and one subnet is required', () => {
    expect(lustre({ dataCompressionType: 'ZSTD' as FsxLustreConfig['dataCompressionType'] })).toEqual(['dataCompressionType: Data compression "ZSTD" is not valid: choose NONE or LZ4.']);
    expect(lustre({ subnetId: '' })).toEqual(['subnetId: FSx for Lustre runs in exactly one subnet: choose one: you chose 0.']);
  });

  it('nearestValid offers the capacity neighbours', () => {
    const cfg: StorageConfig = { type: 'fsx-lustre', lustre: base };
    expect(nearestValid('fsx-lustre', 'storageCapacityGiB', 3_000, cfg)).toEqual([2_400, 4_800]);
    expect(nearestValid('fsx-lustre', 'storageCapacityGiB', 2_400, cfg)).toEqual([2_400]);
    expect(nearestValid('fsx-lustre', 'storageCapacityGiB', 100, cfg)).toEqual([1_200]);
  });
});

describe('FSx for OpenZFS', () => {
  const base: FsxOpenZfsConfig = {
    deploymentType: 'SINGLE_AZ_1',
    throughputCapacityMBps: 64,
    storageCapacityGiB: 64,
    dataCompressionType: 'LZ4',
    recordSizeKiB: 128,
    nfsExportClients: '*',
    subnetIds: [A],
    securityGroupIds: [SG],
  };
  const zfs = (over: Partial<FsxOpenZfsConfig>) => check({ type: 'fsx-openzfs', openzfs: { ...base, ...over } });

  it('throughput values depend on the deployment type', () => {
    expect(zfs({ throughputCapacityMBps: 4_096 })).toEqual([]);
    expect(zfs({ throughputCapacityMBps: 160 })).toEqual([
      'throughputCapacityMBps: Throughput capacity for SINGLE_AZ_1 must be 64, 128, 256, 512, 1,024, 2,048, 3,072 or 4,096 MB/s: try 128 or 256.',
    ]);
    expect(zfs({ deploymentType: 'SINGLE_AZ_2', throughputCapacityMBps: 10_240 })).toEqual([]);
    expect(zfs({ deploymentType: 'SINGLE_AZ_HA_2', throughputCapacityMBps: 128 })).toEqual([
      'throughputCapacityMBps: Throughput capacity for SINGLE_AZ_HA_2 must be 160, 320, 640, …, 7,680 or 10,240 MB/s: try 160.',
    ]);
  });

  it('capacity is 64 GiB to 512 TiB; record size a power of two from 4 to 1,024 KiB', () => {
    expect(zfs({ storageCapacityGiB: 524_288, recordSizeKiB: 1_024 })).toEqual([]);
    expect(zfs({ storageCapacityGiB: 32 })).toEqual(['storageCapacityGiB: Storage capacity must be between 64 and 524,288 GiB: try 64.']);
    expect(zfs({ recordSizeKiB: 100 })).toEqual(['recordSizeKiB: Record size must be a power of two from 4 to 1,024 KiB: try 64 or 128 KiB (128 suits most workloads).']);
    expect(zfs({ recordSizeKiB: 2_048 })).toEqual(['recordSizeKiB: Record size must be a power of two from 4 to 1,024 KiB: try 1,024 KiB (128 suits most workloads).']);
  });

  it.each(['*', '10.0.0.0/16', '10.0.1.5', '10.0.0.0/16, 192.168.1.0/24', '2001:db8::/32'])('accepts NFS clients %s', (nfsExportClients) => {
    expect(zfs({ nfsExportClients })).toEqual([]);
  });

  it.each(['', 'example.com', '10.0.0.0/33', '300.1.1.1'])('refuses NFS clients %j', (nfsExportClients) => {
    expect(zfs({ nfsExportClients })[0]).toMatch(/^nfsExportClients: /);
  });

  it('MULTI_AZ_1 needs two subnets in different zones and a preferred one among them', () => {
    const multi = { deploymentType: 'MULTI_AZ_1', throughputCapacityMBps: 160 } as const;
    expect(zfs({ ...multi, subnetIds: [A, B], preferredSubnetId: A })).toEqual([]);
    expect(zfs({ ...multi, subnetIds: [A] })).toEqual([
      'subnetIds: MULTI_AZ_1 needs exactly two subnets in different Availability Zones, one per file server: you chose 1.',
      'preferredSubnetId: MULTI_AZ_1 needs a preferred subnet for the active file server: choose one of the two subnets.',
    ]);
    expect(zfs({ ...multi, subnetIds: [A, A2], preferredSubnetId: A })).toEqual([
      `subnetIds: Subnets ${A} and ${A2} are all in us-east-1a, and only one per Availability Zone is allowed: keep one of them.`,
    ]);
    expect(zfs({ ...multi, subnetIds: [A, B], preferredSubnetId: A2 })).toEqual([
      `preferredSubnetId: The preferred subnet "${A2}" is not one of the chosen subnets: pick one of ${A} or ${B}.`,
    ]);
  });
});

describe('FSx for Windows File Server', () => {
  const base: FsxWindowsConfig = {
    deploymentType: 'SINGLE_AZ_2',
    throughputCapacityMBps: 32,
    storageType: 'SSD',
    storageCapacityGiB: 32,
    activeDirectoryId: 'd-0123456789',
    subnetIds: [A],
    securityGroupIds: [SG],
  };
  const win = (over: Partial<FsxWindowsConfig>) => check({ type: 'fsx-windows', windows: { ...base, ...over } });
  const selfAd = { domainName: 'corp.example.com', dnsIps: ['10.0.0.10', '10.0.1.10'], userName: 'fsx-join', password: 'Hunter2-Secret!' };

  it('throughput is a power of two from 8 to 2,048 MB/s, or one of the high tiers', () => {
    for (const t of [8, 2_048, 3_072, 12_288]) expect(win({ throughputCapacityMBps: t })).toEqual([]);
    expect(win({ throughputCapacityMBps: 100 })).toEqual([
      'throughputCapacityMBps: Throughput capacity must be 8, 16, 32, …, 9,216 or 12,288 MB/s: try 64 or 128.',
    ]);
  });

  it('SSD 32-65,536 GiB, HDD 2,000-65,536 GiB, no HDD on SINGLE_AZ_1', () => {
    expect(win({ storageCapacityGiB: 31 })).toEqual(['storageCapacityGiB: Storage capacity for SSD storage must be between 32 and 65,536 GiB: try 32.']);
    expect(win({ storageType: 'HDD', storageCapacityGiB: 1_000 })).toEqual(['storageCapacityGiB: Storage capacity for HDD storage must be between 2,000 and 65,536 GiB: try 2,000.']);
    expect(win({ deploymentType: 'SINGLE_AZ_1', storageType: 'HDD', storageCapacityGiB: 2_000 })).toEqual([
      'storageType: HDD storage needs SINGLE_AZ_2 or MULTI_AZ_1, not SINGLE_AZ_1: choose SSD, or a newer deployment type.',
    ]);
  });

  it('MULTI_AZ_1 needs two subnets and a preferred one', () => {
    expect(win({ deploymentType: 'MULTI_AZ_1', subnetIds: [A, B], preferredSubnetId: B })).toEqual([]);
    expect(win({ deploymentType: 'MULTI_AZ_1', subnetIds: [A, B] })).toEqual([
      'preferredSubnetId: MULTI_AZ_1 needs a preferred subnet for the active file server: choose one of the two subnets.',
    ]);
    expect(win({ subnetIds: [A, B] })).toEqual(['subnetIds: SINGLE_AZ_2 runs in exactly one subnet: choose one: you chose 2.']);
  });

  it('joins exactly one directory: an AWS managed AD id or self-managed settings', () => {
    expect(win({ activeDirectoryId: undefined })).toEqual([
      'activeDirectoryId: FSx for Windows must join an Active Directory: pick an AWS Managed Microsoft AD, or enter your self-managed domain.',
    ]);
    expect(win({ selfManagedAd: selfAd })).toEqual(['activeDirectoryId: Join either an AWS Managed Microsoft AD or a self-managed AD, not both: clear one of them.']);
    expect(win({ activeDirectoryId: 'd-123' })).toEqual(['activeDirectoryId: "d-123" is not a directory id (d- followed by 10 hex digits): pick a directory from the list.']);
    expect(win({ activeDirectoryId: 'd-9999999999' })).toEqual(['activeDirectoryId: Directory d-9999999999 was not found in this region: pick one from the list.']);
    expect(win({ activeDirectoryId: undefined, selfManagedAd: selfAd })).toEqual([]);
  });

  it('checks self-managed AD settings and never echoes the password', () => {
    const errs = win({
      activeDirectoryId: undefined,
      selfManagedAd: { domainName: 'corp', dnsIps: ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4'], userName: '', password: 'line1\nHunter2-Secret!' },
    });
    expect(errs).toEqual([
      'selfManagedAd.domainName: The domain must be a fully qualified DNS name such as corp.example.com.',
      'selfManagedAd.dnsIps: Give 1 to 3 DNS server or domain controller IP addresses: you gave 4.',
      'selfManagedAd.userName: The service account user name must be 1 to 256 characters on one line: enter the account that may join computers to the domain.',
      'selfManagedAd.password: The service account password must be 1 to 256 characters on one line: enter it again.',
    ]);
    expect(errs.join(' ')).not.toContain('Hunter2');
    expect(win({ activeDirectoryId: undefined, selfManagedAd: { ...selfAd, dnsIps: ['dc1.corp'] } })).toEqual([
      'selfManagedAd.dnsIps: "dc1.corp" is not an IP address: list DNS servers as addresses such as 10.0.0.10.',
    ]);
  });
});

describe('FSx for NetApp ONTAP', () => {
  const base: FsxOntapConfig = {
    deploymentType: 'SINGLE_AZ_1',
    throughputCapacityMBps: 128,
    storageCapacityGiB: 1_024,
    svmName: 'svm1',
    volumeName: 'vol1',
    junctionPath: '/vol1',
    volumeSizeMiB: 102_400,
    subnetIds: [A],
    securityGroupIds: [SG],
  };
  const ontap = (over: Partial<FsxOntapConfig>) => check({ type: 'fsx-ontap', ontap: { ...base, ...over } });

  it('throughput per deployment type, SINGLE_AZ_2 per HA pair', () => {
    expect(ontap({ throughputCapacityMBps: 4_096 })).toEqual([]);
    expect(ontap({ throughputCapacityMBps: 384 })).toEqual(['throughputCapacityMBps: Throughput capacity for SINGLE_AZ_1 must be 128, 256, 512, 1,024, 2,048 or 4,096 MB/s: try 256 or 512.']);
    expect(ontap({ deploymentType: 'MULTI_AZ_2', throughputCapacityMBps: 384, subnetIds: [A, B], preferredSubnetId: A })).toEqual([]);
    expect(ontap({ deploymentType: 'SINGLE_AZ_2', haPairs: 4, throughputCapacityMBps: 6_144 * 4, storageCapacityGiB: 4_096 })).toEqual([]);
    expect(ontap({ deploymentType: 'SINGLE_AZ_2', haPairs: 2, throughputCapacityMBps: 1_536, storageCapacityGiB: 2_048 })).toEqual([
      'throughputCapacityMBps: Throughput capacity for SINGLE_AZ_2 must be 3,072, 6,144 or 12,288 MB/s (per HA pair 1,536, 3,072 or 6,144, times 2 pairs): try 3,072.',
    ]);
  });

  it('HA pairs: 1-12 and only on SINGLE_AZ_2; capacity 1,024-524,288 GiB per pair', () => {
    expect(ontap({ haPairs: 2 })).toEqual(['haPairs: Only SINGLE_AZ_2 scales out to several HA pairs; SINGLE_AZ_1 has exactly one: set HA pairs to 1, or choose SINGLE_AZ_2.']);
    expect(ontap({ deploymentType: 'SINGLE_AZ_2', haPairs: 13, throughputCapacityMBps: 1_536 })).toEqual(['haPairs: HA pairs must be a whole number from 1 to 12: try 12.']);
    expect(ontap({ deploymentType: 'SINGLE_AZ_2', haPairs: 2, throughputCapacityMBps: 3_072, storageCapacityGiB: 1_024 })).toEqual([
      'storageCapacityGiB: SSD storage capacity for 2 HA pairs must be between 2,048 and 1,048,576 GiB: try 2,048.',
    ]);
    expect(ontap({ storageCapacityGiB: 1_000 })).toEqual(['storageCapacityGiB: SSD storage capacity must be between 1,024 and 524,288 GiB: try 1,024.']);
  });

  it('admin password 8-50 characters, never echoed', () => {
    expect(ontap({ adminPassword: 'Correct-Horse-9' })).toEqual([]);
    const errs = ontap({ adminPassword: 'Short1!' });
    expect(errs).toEqual(['adminPassword: The fsxadmin password must be 8 to 50 characters on one line: enter it again.']);
    expect(errs.join(' ')).not.toContain('Short1!');
  });

  it('SVM and volume names, junction path and volume size', () => {
    expect(ontap({ svmName: 'svm-1' })).toEqual(['svmName: The SVM name must be 1 to 47 letters, digits or underscores: try svm1.']);
    expect(ontap({ svmName: 's'.repeat(48) })).toEqual(['svmName: The SVM name must be 1 to 47 letters, digits or underscores: try svm1.']);
    expect(ontap({ volumeName: '1vol' })).toEqual(['volumeName: The volume name must be 1 to 203 letters, digits or underscores, starting with a letter or underscore: try vol1.']);
    expect(ontap({ volumeName: '_scratch', junctionPath: '/_scratch' })).toEqual([]);
    expect(ontap({ junctionPath: 'vol1' })).toEqual(['junctionPath: The junction path is where clients mount the volume and must start with "/": try /vol1.']);
    expect(ontap({ junctionPath: '/vol?1' })).toEqual(['junctionPath: The junction path must be at most 255 characters without * # " > < | ? or \\: use plain names such as /vol1.']);
    expect(ontap({ volumeSizeMiB: 0 })).toEqual(['volumeSizeMiB: Volume size must be between 1 and 2,147,483,647 MiB: try 1.']);
  });

  it('Multi-AZ needs two subnets and a preferred one', () => {
    expect(ontap({ deploymentType: 'MULTI_AZ_1', subnetIds: [A, B], preferredSubnetId: A })).toEqual([]);
    expect(ontap({ deploymentType: 'MULTI_AZ_1' })).toEqual([
      'subnetIds: MULTI_AZ_1 needs exactly two subnets in different Availability Zones, one per file server: you chose 1.',
      'preferredSubnetId: MULTI_AZ_1 needs a preferred subnet for the active file server: choose one of the two subnets.',
    ]);
  });
});
