// EBS inventory: DescribeVolumes, paginated inside, mapped to StorageInfo.
import { paginateDescribeVolumes, type Volume } from '@aws-sdk/client-ec2';
import type { EbsAttachment, StorageInfo, StorageState } from '../types.js';
import type { ClientPool } from './clients.js';
import { displayName, gibToBytes, normaliseState, tagsToRecord, toIso, type ProviderOptions } from './util.js';

/**
 * DescribeVolumes accepts MaxResults 5..500 (a larger value is an error); 500 keeps
 * 10,000 volumes to 20 calls. https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVolumes.html
 */
export const EBS_PAGE_SIZE = 500;

/** Volume State values (creating | available | in-use | deleting | deleted | error), same API reference. */
const EBS_STATE: Readonly<Record<string, StorageState>> = {
  creating: 'creating',
  available: 'available',
  'in-use': 'in-use',
  deleting: 'deleting',
  deleted: 'deleted',
  error: 'failed',
};

export function mapEbsVolume(v: Volume, region: string): StorageInfo {
  const id = v.VolumeId ?? '';
  const tags = tagsToRecord(v.Tags);
  const attachments: EbsAttachment[] = (v.Attachments ?? []).map((a) => ({
    instanceId: a.InstanceId ?? '',
    device: a.Device ?? '',
    state: a.State ?? '',
    attachTime: toIso(a.AttachTime),
    deleteOnTermination: a.DeleteOnTermination,
  }));
  return {
    name: displayName(tags, id),
    type: 'ebs',
    id,
    state: normaliseState(EBS_STATE, v.State),
    rawState: v.State ?? '',
    region,
    availabilityZone: v.AvailabilityZone,
    sizeBytes: gibToBytes(v.Size),
    throughputMBps: v.Throughput,
    iops: v.Iops,
    encrypted: v.Encrypted === true,
    kmsKeyId: v.KmsKeyId,
    tags,
    createdAt: toIso(v.CreateTime),
    mount: { ebsAttachments: attachments },
    ebs: {
      volumeType: v.VolumeType ?? '',
      snapshotId: v.SnapshotId || undefined,
      multiAttach: v.MultiAttachEnabled,
    },
  };
}

export async function listEbsVolumes(pool: ClientPool, region: string, opts: ProviderOptions = {}): Promise<StorageInfo[]> {
  const client = pool.ec2(region);
  const out: StorageInfo[] = [];
  for await (const page of paginateDescribeVolumes({ client, pageSize: opts.pageSize ?? EBS_PAGE_SIZE }, {})) {
    for (const v of page.Volumes ?? []) out.push(mapEbsVolume(v, region));
  }
  return out;
}
