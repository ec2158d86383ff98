// Every attribute of a store, grouped for people: the detail screen and
// `prism-storage show` both print this.
import { formatBytes, formatUsd } from './format.js';
import { TYPE_LABEL, type StorageInfo } from './types.js';
import { compareText } from './collate.js';
import { groupDigits } from './format.js';

export interface Section {
  title: string;
  rows: [label: string, value: string][];
}

function add(rows: [string, string][], label: string, value: unknown): void {
  if (value === undefined || value === null || value === '') return;
  rows.push([label, String(value)]);
}

export function describeResource(r: StorageInfo): Section[] {
  const identity: [string, string][] = [];
  add(identity, 'Name', r.name);
  add(identity, 'Kind', TYPE_LABEL[r.type]);
  add(identity, 'ID', r.id);
  add(identity, 'ARN', r.arn);
  add(identity, 'State', r.rawState && r.rawState.toLowerCase() !== r.state ? `${r.state} (${r.rawState})` : r.state);
  add(identity, 'Failure', r.failureReason);
  add(identity, 'Region', r.region);
  add(identity, 'Availability zone', r.availabilityZone);
  add(identity, 'Created', r.createdAt);

  const cap: [string, string][] = [];
  add(cap, r.type === 's3' || r.type === 'efs' ? 'Size (stored)' : 'Size', r.sizeBytes !== undefined ? formatBytes(r.sizeBytes) : undefined);
  add(cap, 'Volume type', r.ebs?.volumeType);
  add(cap, 'Deployment', r.fsx?.deploymentType);
  add(cap, 'Storage type', r.fsx?.storageType);
  add(cap, 'Throughput', r.throughputMBps !== undefined ? `${r.throughputMBps} MB/s` : undefined);
  add(cap, 'Per-unit throughput', r.fsx?.perUnitStorageThroughput !== undefined ? `${r.fsx.perUnitStorageThroughput} MB/s/TiB` : undefined);
  add(cap, 'IOPS', r.iops === undefined ? undefined : groupDigits(r.iops));
  add(cap, 'Performance mode', r.efs?.performanceMode);
  add(cap, 'Throughput mode', r.efs ? r.efs.throughputMode + (r.efs.provisionedThroughputMiBps ? ` (${r.efs.provisionedThroughputMiBps} MiB/s)` : '') : undefined);
  add(cap, 'Lifecycle', r.efs ? r.efs.lifecyclePolicies.join(', ') || 'none' : undefined);
  if (r.efs) {
    add(cap, 'In Standard', r.efs.sizeInStandardBytes !== undefined ? formatBytes(r.efs.sizeInStandardBytes) : undefined);
    add(cap, 'In IA', r.efs.sizeInIaBytes !== undefined ? formatBytes(r.efs.sizeInIaBytes) : undefined);
    add(cap, 'In Archive', r.efs.sizeInArchiveBytes !== undefined ? formatBytes(r.efs.sizeInArchiveBytes) : undefined);
    add(cap, 'Availability', r.efs.oneZone ? 'One Zone' : 'Regional');
  }
  add(cap, 'Compression', r.fsx?.dataCompressionType);
  add(cap, 'Lustre version', r.fsx?.lustreVersion);
  add(cap, 'Versioning', r.s3?.versioning);
  add(cap, 'Lifecycle rules', r.s3 ? (r.s3.hasLifecycleRules ? 'yes' : 'none') : undefined);
  add(cap, 'Intelligent-Tiering', r.s3?.intelligentTiering !== undefined ? (r.s3.intelligentTiering ? 'configured' : 'no') : undefined);
  add(cap, 'Backups kept', r.fsx?.automaticBackupRetentionDays !== undefined ? `${r.fsx.automaticBackupRetentionDays} days` : undefined);
  add(cap, 'Estimated cost', r.monthlyCost === null ? 'estimate unavailable' : r.monthlyCost !== undefined ? `${formatUsd(r.monthlyCost)} / month` : undefined);

  const net: [string, string][] = [];
  const m = r.mount;
  add(net, 'DNS name', m.dnsName);
  add(net, 'Lustre mount name', r.type === 'fsx-lustre' ? (m.lustreMountName ?? 'unknown (not reported)') : undefined);
  if (r.fsx?.dataRepository) {
    add(net, 'Import path', r.fsx.dataRepository.importPath);
    add(net, 'Export path', r.fsx.dataRepository.exportPath);
  }
  add(net, 'Subnets', r.fsx?.subnetIds.join(', '));
  add(net, 'VPC', r.fsx?.vpcId);
  add(net, 'Windows DNS', r.fsx?.windowsDnsName);
  add(net, 'S3 region', m.s3Region);
  for (const svm of m.svms ?? []) {
    add(net, `SVM ${svm.name}`, `${svm.id} ${svm.state}`);
    add(net, '  NFS endpoint', svm.nfsDnsName);
    add(net, '  SMB endpoint', svm.smbDnsName);
    add(net, '  iSCSI endpoint', svm.iscsiDnsName);
    add(net, '  Active Directory', svm.activeDirectory?.domainName);
    for (const v of svm.volumes) add(net, `  Volume ${v.name}`, `${v.junctionPath ?? '(no junction path)'}${v.sizeMiB ? `  ${formatBytes(v.sizeMiB * 1024 * 1024)}` : ''}`);
  }
  for (const v of m.openZfsVolumes ?? []) add(net, `Volume ${v.name}`, `${v.volumePath}${v.recordSizeKiB ? `  record ${v.recordSizeKiB} KiB` : ''}${v.compression ? `  ${v.compression}` : ''}`);
  for (const t of m.efsMountTargets ?? []) add(net, `Mount target ${t.availabilityZone ?? t.subnetId}`, `${t.id} ${t.ipAddress ?? ''} ${t.state}`.trim());
  for (const ap of m.efsAccessPoints ?? []) add(net, `Access point ${ap.name ?? ap.id}`, `${ap.id} ${ap.rootDirectory ?? '/'}${ap.posixUser ? ` uid=${ap.posixUser.uid} gid=${ap.posixUser.gid}` : ''}`);
  for (const a of m.ebsAttachments ?? []) add(net, 'Attached to', `${a.instanceId} as ${a.device} (${a.state})`);
  if (r.type === 'ebs' && !(m.ebsAttachments ?? []).length) add(net, 'Attached to', 'nothing (unattached)');

  const sec: [string, string][] = [];
  add(sec, 'Encryption at rest', r.encrypted ? 'yes' : 'NO');
  add(sec, 'Encryption in transit', r.encryptionInTransit === undefined ? undefined : r.encryptionInTransit ? 'yes' : 'no');
  add(sec, 'KMS key', r.kmsKeyId);
  add(sec, 'Default encryption', r.s3?.defaultEncryption);
  add(sec, 'Block public access', r.s3?.blockPublicAccess === undefined ? undefined : r.s3.blockPublicAccess ? 'on' : 'OFF');
  add(sec, 'Active Directory', r.fsx?.activeDirectoryId);

  const tags: [string, string][] = Object.entries(r.tags)
    .sort(([a], [b]) => compareText(a, b))
    .map(([k, v]) => [k, v]);

  return [
    { title: 'Identity', rows: identity },
    { title: 'Capacity and performance', rows: cap },
    { title: 'Network and mount endpoints', rows: net },
    { title: 'Security', rows: sec },
    { title: 'Tags', rows: tags.length ? tags : [['(none)', '']] },
  ];
}
