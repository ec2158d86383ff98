// Stores as the providers produce them, one per kind, for the mount-script tests
// (generation and golden files in mount.test.ts, real shell runs in mount-shell.test.ts).
import type { StorageInfo } from '../../src/services/types.js';

export const base = { state: 'available', rawState: 'AVAILABLE', region: 'us-east-1', encrypted: true, tags: {} } as const;
export const LUSTRE_DNS = 'fs-0123456789abcdef0.fsx.us-east-1.amazonaws.com';
export const lustre: StorageInfo = { ...base, name: 'scratch', type: 'fsx-lustre', id: 'fs-0123456789abcdef0', mount: { dnsName: LUSTRE_DNS, lustreMountName: 'abcdefgh' } };
export const ZFS_DNS = 'fs-0aaaaaaaaaaaaaaa1.fsx.us-east-1.amazonaws.com';
export const openzfs: StorageInfo = {
  ...base,
  name: 'home',
  type: 'fsx-openzfs',
  id: 'fs-0aaaaaaaaaaaaaaa1',
  throughputMBps: 160,
  fsx: { fileSystemType: 'OPENZFS', subnetIds: [], rootVolumeId: 'fsvol-0root0000000000001' },
  mount: {
    dnsName: ZFS_DNS,
    openZfsVolumes: [
      { id: 'fsvol-0root0000000000001', name: 'fsx', volumePath: '/fsx', state: 'AVAILABLE' },
      { id: 'fsvol-0child000000000002', name: 'projects', volumePath: '/fsx/projects', state: 'AVAILABLE' },
    ],
  },
};
export const WIN_DNS = 'amznfsxaa11bb22.corp.example.com';
export const windows: StorageInfo = { ...base, name: 'shares', type: 'fsx-windows', id: 'fs-0bbbbbbbbbbbbbbb2', fsx: { fileSystemType: 'WINDOWS', subnetIds: [], windowsDnsName: WIN_DNS }, mount: { dnsName: WIN_DNS } };
export const SVM_NFS = 'svm-0123456789abcdef0.fs-0ccccccccccccccc3.fsx.us-east-1.amazonaws.com';
export const SVM_ISCSI = 'iscsi.svm-0123456789abcdef0.fs-0ccccccccccccccc3.fsx.us-east-1.amazonaws.com';
export const ontap: StorageInfo = {
  ...base,
  name: 'nas',
  type: 'fsx-ontap',
  id: 'fs-0ccccccccccccccc3',
  mount: {
    svms: [
      {
        id: 'svm-0123456789abcdef0',
        name: 'svm1',
        state: 'CREATED',
        nfsDnsName: SVM_NFS,
        smbDnsName: 'SVM1.CORP.EXAMPLE.COM',
        iscsiDnsName: SVM_ISCSI,
        activeDirectory: { netBiosName: 'SVM1', domainName: 'corp.example.com' },
        volumes: [
          { id: 'fsvol-0svmroot00000000a', name: 'svm1_root', junctionPath: '/', state: 'CREATED' },
          { id: 'fsvol-0data000000000000b', name: 'data', junctionPath: '/data', state: 'CREATED' },
        ],
      },
      { id: 'svm-0fedcba9876543210', name: 'svm2', state: 'CREATED', nfsDnsName: 'svm-0fedcba9876543210.fs-0ccccccccccccccc3.fsx.us-east-1.amazonaws.com', volumes: [] },
    ],
  },
};
export const efs: StorageInfo = {
  ...base,
  name: 'home',
  type: 'efs',
  id: 'fs-0ddddddddddddddd4',
  mount: {
    dnsName: 'fs-0ddddddddddddddd4.efs.us-east-1.amazonaws.com',
    efsMountTargets: [
      { id: 'fsmt-1', subnetId: 'subnet-1', availabilityZone: 'us-east-1a', ipAddress: '10.0.1.10', state: 'available' },
      { id: 'fsmt-2', subnetId: 'subnet-2', availabilityZone: 'us-east-1b', ipAddress: '10.0.2.10', state: 'available' },
    ],
    efsAccessPoints: [{ id: 'fsap-0123456789abcdef0', state: 'available' }],
  },
};
export const ebs: StorageInfo = {
  ...base,
  state: 'in-use',
  rawState: 'in-use',
  name: 'data',
  type: 'ebs',
  id: 'vol-0123456789abcdef0',
  availabilityZone: 'us-east-1a',
  ebs: { volumeType: 'gp3' },
  mount: { ebsAttachments: [{ instanceId: 'i-0123456789abcdef0', device: '/dev/sdf', state: 'attached' }] },
};
export const s3: StorageInfo = { ...base, name: 'genomics-data', type: 's3', id: 'genomics-data', mount: { s3Region: 'us-west-2' } };
