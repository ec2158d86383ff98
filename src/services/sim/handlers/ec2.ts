// EC2 (EBS volumes, snapshots, and the network/instances the wizard and the
// mount screens need). Error codes: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html
import type {
  AttachVolumeRequest,
  CreateSnapshotRequest,
  CreateTagsRequest,
  CreateVolumeRequest,
  DeleteTagsRequest,
  DeleteVolumeRequest,
  DescribeAvailabilityZonesRequest,
  DescribeAvailabilityZonesResult,
  DescribeInstancesRequest,
  DescribeInstancesResult,
  DescribeRegionsRequest,
  DescribeRegionsResult,
  DescribeSecurityGroupsRequest,
  DescribeSecurityGroupsResult,
  DescribeSnapshotsRequest,
  DescribeSnapshotsResult,
  DescribeSubnetsRequest,
  DescribeSubnetsResult,
  DescribeVolumesModificationsRequest,
  DescribeVolumesModificationsResult,
  DescribeVolumesRequest,
  DescribeVolumesResult,
  DescribeVpcsRequest,
  DescribeVpcsResult,
  DetachVolumeRequest,
  Instance as InstanceShape,
  IpPermission,
  ModifyVolumeRequest,
  ModifyVolumeResult,
  SecurityGroup as SgShape,
  Snapshot as SnapshotShape,
  Volume,
  VolumeAttachment,
  VolumeModification,
  VolumeState,
  VolumeType,
} from '@aws-sdk/client-ec2';
import type { Attachment, EbsVolume, Instance, SecurityGroup, Snapshot, Tags, VolumeMod, VolumeSpec } from '../model.js';
import { exists, phase } from '../model.js';
import { awsError } from '../errors.js';
import { paginate } from '../paging.js';
import { ebsReportedIops } from '../perf.js';
import { REGIONS } from '../regions.js';
import { ACCOUNT_ID, HOUR } from '../world.js';
import { resolveKmsKey } from './kms.js';
import type { Ctx, HandlerTable } from './common.js';
import { applyFilters, ec2MaxResults, idempotent, rememberToken, tagList, tagsFrom } from './common.js';

const err = (code: string, message: string, status = 400) => awsError('ec2', code, message, { status });

function tagsOrUndefined(t: Tags): { Key: string; Value: string }[] | undefined {
  const l = tagList(t);
  return l.length ? l : undefined;
}

function specTags(specs: CreateVolumeRequest['TagSpecifications'], type: string): Tags {
  const out: Tags = {};
  for (const s of specs ?? []) {
    if (s.ResourceType && s.ResourceType !== type) throw err('InvalidParameterValue', `'${s.ResourceType}' is not a valid taggable resource type for this operation.`);
    Object.assign(out, tagsFrom(s.Tags));
  }
  return out;
}

// ---------------------------------------------------------------------------
// Volumes

/** The volume's configuration in effect at `now` (a modification shows its target once optimizing). */
export function effectiveSpec(v: EbsVolume, now: number): VolumeSpec {
  let s = v.spec;
  for (const m of v.mods) if (m.optimizingAt <= now) s = m.target;
  return s;
}

/** Attachments visible at `now` (completed detaches drop out). */
export interface LiveAttachment {
  instanceId: string;
  device: string;
  attachAt: number;
  deleteOnTermination: boolean;
  state: 'attaching' | 'attached' | 'detaching';
}

export function liveAttachments(v: EbsVolume, now: number): LiveAttachment[] {
  const out: LiveAttachment[] = [];
  for (const a of v.attachments) {
    if (a.attachAt > now || (a.detachedAt !== undefined && now >= a.detachedAt)) continue;
    const state = a.detachAt !== undefined && now >= a.detachAt ? 'detaching' : now < a.attachedAt ? 'attaching' : 'attached';
    out.push({ instanceId: a.instanceId, device: a.device, attachAt: a.attachAt, deleteOnTermination: a.deleteOnTermination, state });
  }
  return out;
}

/** Volumes attached to each instance at `now` (one pass over the volumes). */
function attachmentsByInstance(ctx: Ctx): Map<string, { v: EbsVolume; a: LiveAttachment }[]> {
  const m = new Map<string, { v: EbsVolume; a: LiveAttachment }[]>();
  for (const v of ctx.rw.volumes.values()) {
    if (v.attachments.length === 0 || !exists(v, ctx.now)) continue;
    for (const a of liveAttachments(v, ctx.now)) {
      let list = m.get(a.instanceId);
      if (!list) m.set(a.instanceId, (list = []));
      list.push({ v, a });
    }
  }
  return m;
}

export function volumeState(v: EbsVolume, now: number): VolumeState {
  const p = phase(v, now);
  if (p === 'creating') return 'creating';
  if (p === 'deleting' || p === 'gone') return 'deleting';
  if (v.error) return 'error';
  return liveAttachments(v, now).length > 0 ? 'in-use' : 'available';
}

function renderVolume(ctx: Ctx, v: EbsVolume): Volume {
  const s = effectiveSpec(v, ctx.now);
  const state = volumeState(v, ctx.now);
  return {
    Attachments: state === 'creating' ? [] : liveAttachments(v, ctx.now).map((a) => ({ AttachTime: new Date(a.attachAt), Device: a.device, InstanceId: a.instanceId, State: a.state, VolumeId: v.id, DeleteOnTermination: a.deleteOnTermination })),
    AvailabilityZone: v.az,
    AvailabilityZoneId: ctx.rw.azs.find((z) => z.name === v.az)?.id,
    CreateTime: new Date(v.createdAt),
    Encrypted: v.encrypted,
    KmsKeyId: v.kmsKeyId,
    Size: s.sizeGiB,
    SnapshotId: v.snapshotId ?? '',
    State: state,
    VolumeId: v.id,
    Iops: ebsReportedIops(s),
    Tags: tagsOrUndefined(v.tags),
    VolumeType: s.type as VolumeType,
    MultiAttachEnabled: v.multiAttach,
    Throughput: s.type === 'gp3' ? (s.throughput ?? 125) : undefined,
  };
}

function findVolume(ctx: Ctx, id: string | undefined): EbsVolume {
  if (!id) throw err('MissingParameter', 'The request must contain the parameter VolumeId');
  if (!/^vol-[0-9a-f]{8,17}$/.test(id)) throw err('InvalidVolumeID.Malformed', `Invalid id: "${id}" (expecting "vol-...")`);
  const v = ctx.rw.volumes.get(id);
  if (!v || !exists(v, ctx.now)) throw err('InvalidVolume.NotFound', `The volume '${id}' does not exist.`);
  return v;
}

function findInstance(ctx: Ctx, id: string | undefined): Instance {
  if (!id) throw err('MissingParameter', 'The request must contain the parameter InstanceId');
  const i = ctx.rw.instances.find((x) => x.id === id);
  if (!i) throw err('InvalidInstanceID.NotFound', `The instance ID '${id}' does not exist`);
  return i;
}

const VOLUME_TYPES = ['gp2', 'gp3', 'io1', 'io2', 'st1', 'sc1', 'standard'];

/**
 * Size/IOPS/throughput rules per volume type, from the CreateVolume API reference
 * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVolume.html):
 * sizes gp2 1-16,384; gp3 1-65,536; io1 4-16,384; io2 4-65,536; st1/sc1 125-16,384; standard 1-1,024 GiB.
 * IOPS gp3 3,000-80,000; io1 100-64,000 (50 per GiB); io2 100-256,000 (1,000 per GiB).
 * Throughput gp3 only, 125-2,000 MiB/s, at most 0.25 MiB/s per provisioned IOPS.
 */
const SIZE_RANGE: Record<string, [number, number]> = { gp2: [1, 16384], gp3: [1, 65536], io1: [4, 16384], io2: [4, 65536], st1: [125, 16384], sc1: [125, 16384], standard: [1, 1024] };
const IOPS_RANGE: Record<string, [number, number, number]> = { gp3: [3000, 80000, 500], io1: [100, 64000, 50], io2: [100, 256000, 1000] };

export function validateSpec(spec: VolumeSpec): void {
  if (!VOLUME_TYPES.includes(spec.type)) throw err('InvalidParameterValue', `Value (${spec.type}) for parameter volumeType is invalid. Valid values: ${VOLUME_TYPES.join(', ')}`);
  const [lo, hi] = SIZE_RANGE[spec.type];
  if (!Number.isInteger(spec.sizeGiB) || spec.sizeGiB < lo || spec.sizeGiB > hi) throw err('InvalidParameterValue', `Volume of ${spec.sizeGiB}GiB is invalid for volume type ${spec.type}; valid sizes are ${lo}-${hi} GiB.`);
  const ir = IOPS_RANGE[spec.type];
  if (spec.iops !== undefined && !ir) throw err('InvalidParameterCombination', `The parameter iops is not supported for ${spec.type} volumes.`);
  if ((spec.type === 'io1' || spec.type === 'io2') && spec.iops === undefined) throw err('MissingParameter', `The request must contain the parameter iops for ${spec.type} volumes.`);
  if (ir && spec.iops !== undefined) {
    if (spec.iops < ir[0] || spec.iops > ir[1]) throw err('InvalidParameterValue', `Value (${spec.iops}) for parameter iops is invalid. Expecting a value between ${ir[0]} and ${ir[1]} for ${spec.type}.`);
    if (spec.iops > spec.sizeGiB * ir[2] && !(spec.type === 'gp3' && spec.iops <= 3000)) throw err('InvalidParameterValue', `Iops to volume size ratio of ${(spec.iops / spec.sizeGiB).toFixed(1)} is too high; maximum is ${ir[2]}.`);
  }
  if (spec.throughput !== undefined) {
    if (spec.type !== 'gp3') throw err('InvalidParameterCombination', `The parameter throughput is not supported for ${spec.type} volumes.`);
    if (spec.throughput < 125 || spec.throughput > 2000) throw err('InvalidParameterValue', `Value (${spec.throughput}) for parameter throughput is invalid. Expecting a value between 125 and 2000.`);
    if (spec.throughput > (spec.iops ?? 3000) * 0.25) throw err('InvalidParameterValue', `Throughput (MiBps) to iops ratio of ${(spec.throughput / (spec.iops ?? 3000)).toFixed(3)} is too high; maximum is 0.250000 MiBps per iops.`);
  }
}

function describeVolumes(ctx: Ctx, input: unknown): DescribeVolumesResult {
  const i = input as DescribeVolumesRequest;
  if (i.VolumeIds?.length && i.MaxResults !== undefined) throw err('InvalidParameterCombination', 'The parameter volumeIdSet cannot be used with the parameter maxResults');
  const max = ec2MaxResults(i.MaxResults);
  let vols: EbsVolume[];
  if (i.VolumeIds?.length) vols = i.VolumeIds.map((id) => findVolume(ctx, id));
  else vols = [...ctx.rw.volumes.values()].filter((v) => exists(v, ctx.now));
  vols = applyFilters(
    vols,
    i.Filters,
    {
      'attachment.status': (v) => liveAttachments(v, ctx.now).map((a) => a.state),
      'attachment.instance-id': (v) => liveAttachments(v, ctx.now).map((a) => a.instanceId),
      'attachment.device': (v) => liveAttachments(v, ctx.now).map((a) => a.device),
      'attachment.delete-on-termination': (v) => liveAttachments(v, ctx.now).map((a) => a.deleteOnTermination),
      'availability-zone': (v) => v.az,
      'create-time': (v) => new Date(v.createdAt).toISOString(),
      encrypted: (v) => v.encrypted,
      'multi-attach-enabled': (v) => v.multiAttach,
      size: (v) => effectiveSpec(v, ctx.now).sizeGiB,
      'snapshot-id': (v) => v.snapshotId,
      status: (v) => volumeState(v, ctx.now),
      'volume-id': (v) => v.id,
      'volume-type': (v) => effectiveSpec(v, ctx.now).type,
    },
    (v) => v.tags,
  );
  const page = paginate('ec2', 'DescribeVolumes', vols, max, i.NextToken);
  return { Volumes: page.items.map((v) => renderVolume(ctx, v)), NextToken: page.next };
}

function createVolume(ctx: Ctx, input: unknown): Volume {
  const i = input as CreateVolumeRequest;
  const prior = idempotent(ctx, i.ClientToken, i, () => err('IdempotentParameterMismatch', 'The request uses the same client token as a previous, but non-identical request.'));
  if (prior) return renderVolume(ctx, ctx.rw.volumes.get(prior)!);
  if (i.AvailabilityZone && i.AvailabilityZoneId) throw err('InvalidParameterCombination', 'Only one of AvailabilityZone or AvailabilityZoneId may be specified.');
  const az = i.AvailabilityZone ?? ctx.rw.azs.find((z) => z.id === i.AvailabilityZoneId)?.name;
  if (!i.AvailabilityZone && !i.AvailabilityZoneId) throw err('MissingParameter', 'The request must contain the parameter AvailabilityZone or AvailabilityZoneId');
  if (!az || !ctx.rw.azs.some((z) => z.name === az)) throw err('InvalidParameterValue', `Invalid availability zone: [${i.AvailabilityZone ?? i.AvailabilityZoneId}]`);
  let snap: Snapshot | undefined;
  if (i.SnapshotId) {
    snap = ctx.rw.snapshots.get(i.SnapshotId);
    if (!snap || !exists(snap, ctx.now)) throw err('InvalidSnapshot.NotFound', `The snapshot '${i.SnapshotId}' does not exist.`);
  }
  if (i.Size === undefined && !snap) throw err('MissingParameter', 'The request must contain the parameter size or snapshotId');
  const type = i.VolumeType ?? 'gp2';
  const spec: VolumeSpec = { sizeGiB: i.Size ?? snap!.sizeGiB, type, iops: i.Iops, throughput: i.Throughput };
  if (type === 'gp3' && spec.iops === undefined) spec.iops = 3000;
  if (type === 'gp3' && spec.throughput === undefined) spec.throughput = 125;
  if (snap && spec.sizeGiB < snap.sizeGiB) throw err('InvalidParameterValue', `Volume of ${spec.sizeGiB}GiB is too small; minimum is ${snap.sizeGiB}GiB.`);
  validateSpec(spec);
  if (i.MultiAttachEnabled && type !== 'io1' && type !== 'io2') throw err('InvalidParameterCombination', 'Multi-Attach is supported only on io1 and io2 volumes.');
  if (i.KmsKeyId && !i.Encrypted && !snap?.encrypted) throw err('InvalidParameterDependency', 'The parameter KmsKeyId requires the parameter Encrypted to be set.');
  const encrypted = !!i.Encrypted || !!snap?.encrypted;
  let kmsKeyId: string | undefined;
  let error = false;
  if (encrypted) {
    const ref = i.KmsKeyId ?? snap?.kmsKeyId ?? 'alias/aws/ebs';
    const key = resolveKmsKey(ctx.rw, ref);
    // AWS validates the key asynchronously: a bad key makes the volume fail after "creating".
    if (!key) error = true;
    kmsKeyId = key?.arn ?? ref;
  }
  const v: EbsVolume = {
    seq: ctx.world.nextSeq(),
    createdAt: ctx.now,
    readyAt: ctx.now + ctx.durations.ebs,
    id: ctx.ids.awsId('vol'),
    az,
    spec,
    encrypted,
    kmsKeyId,
    snapshotId: snap?.id,
    multiAttach: !!i.MultiAttachEnabled,
    tags: specTags(i.TagSpecifications, 'volume'),
    attachments: [],
    mods: [],
    error,
    profile: 'creating',
    usedFraction: 0,
  };
  ctx.rw.volumes.set(v.id, v);
  rememberToken(ctx, i.ClientToken, i, v.id);
  return renderVolume(ctx, v);
}

function deleteVolume(ctx: Ctx, input: unknown): object {
  const i = input as DeleteVolumeRequest;
  const v = findVolume(ctx, i.VolumeId);
  const p = phase(v, ctx.now);
  if (p === 'deleting') return {};
  if (p === 'creating') throw err('IncorrectState', `The volume '${v.id}' is 'creating'.`);
  const att = liveAttachments(v, ctx.now);
  if (att.length) throw err('VolumeInUse', `Volume ${v.id} is currently attached to ${att[0].instanceId}`);
  v.deleteAt = ctx.now;
  v.goneAt = ctx.now + ctx.durations.ebs;
  return {};
}

const DEVICE_RE = /^\/dev\/(sd[a-z]\d*|xvd[a-z]{1,2}\d*)$/;

function attachVolume(ctx: Ctx, input: unknown): VolumeAttachment {
  const i = input as AttachVolumeRequest;
  const v = findVolume(ctx, i.VolumeId);
  const inst = findInstance(ctx, i.InstanceId);
  if (!i.Device) throw err('MissingParameter', 'The request must contain the parameter device');
  if (!DEVICE_RE.test(i.Device)) throw err('InvalidParameterValue', `Value (${i.Device}) for parameter device is invalid. ${i.Device} is not a valid EBS device name.`);
  const state = volumeState(v, ctx.now);
  if (state === 'in-use' && !v.multiAttach) throw err('VolumeInUse', `${v.id} is already attached to an instance`);
  if (state !== 'available' && state !== 'in-use') throw err('IncorrectState', `${v.id} is not 'available'.`);
  if (v.az !== inst.az) throw err('InvalidVolume.ZoneMismatch', `The volume '${v.id}' is not in the same availability zone as instance '${inst.id}'`);
  const used = (attachmentsByInstance(ctx).get(inst.id) ?? []).some((r) => r.a.device === i.Device);
  if (used) throw err('InvalidParameterValue', `Attachment point ${i.Device} is already in use`);
  const a: Attachment = { instanceId: inst.id, device: i.Device, attachAt: ctx.now, attachedAt: ctx.now + Math.max(1, ctx.durations.ebs / 4), deleteOnTermination: false };
  v.attachments.push(a);
  if (v.profile === 'creating' || v.profile === 'idle') v.profile = 'growing';
  return { AttachTime: new Date(a.attachAt), Device: a.device, InstanceId: a.instanceId, State: 'attaching', VolumeId: v.id, DeleteOnTermination: false };
}

function detachVolume(ctx: Ctx, input: unknown): VolumeAttachment {
  const i = input as DetachVolumeRequest;
  const v = findVolume(ctx, i.VolumeId);
  const live = liveAttachments(v, ctx.now).filter((a) => (!i.InstanceId || a.instanceId === i.InstanceId) && (!i.Device || a.device === i.Device));
  if (live.length === 0) throw err('IncorrectState', `Volume '${v.id}' is in the '${volumeState(v, ctx.now)}' state.`);
  const a = live[0];
  if (a.state === 'detaching') throw err('IncorrectState', `Volume '${v.id}' is already detaching from '${a.instanceId}'.`);
  const inst = ctx.rw.instances.find((x) => x.id === a.instanceId);
  if (inst?.running && (a.device === '/dev/xvda' || a.device === '/dev/sda1') && !i.Force) throw err('OperationNotPermitted', `Unable to detach root volume '${v.id}' from instance '${a.instanceId}'`);
  const rec = v.attachments.find((x) => x.instanceId === a.instanceId && x.device === a.device && x.detachedAt === undefined)!;
  rec.detachAt = ctx.now;
  rec.detachedAt = ctx.now + Math.max(1, ctx.durations.ebs / 4);
  return { AttachTime: new Date(a.attachAt), Device: a.device, InstanceId: a.instanceId, State: 'detaching', VolumeId: v.id, DeleteOnTermination: a.deleteOnTermination };
}

function modState(m: VolumeMod, now: number): 'modifying' | 'optimizing' | 'completed' {
  return now < m.optimizingAt ? 'modifying' : now < m.completeAt ? 'optimizing' : 'completed';
}

function renderMod(v: EbsVolume, m: VolumeMod, now: number): VolumeModification {
  const st = modState(m, now);
  const progress = st === 'completed' ? 100 : Math.min(99, Math.floor((100 * (now - m.startAt)) / Math.max(1, m.completeAt - m.startAt)));
  return {
    VolumeId: v.id,
    ModificationState: st,
    TargetSize: m.target.sizeGiB,
    TargetIops: ebsReportedIops(m.target),
    TargetVolumeType: m.target.type as VolumeType,
    TargetThroughput: m.target.type === 'gp3' ? m.target.throughput : undefined,
    TargetMultiAttachEnabled: v.multiAttach,
    OriginalSize: m.original.sizeGiB,
    OriginalIops: ebsReportedIops(m.original),
    OriginalVolumeType: m.original.type as VolumeType,
    OriginalThroughput: m.original.type === 'gp3' ? m.original.throughput : undefined,
    OriginalMultiAttachEnabled: v.multiAttach,
    Progress: progress,
    StartTime: new Date(m.startAt),
    EndTime: st === 'completed' ? new Date(m.completeAt) : undefined,
  };
}

/** EBS allows one modification per volume every 6 hours: https://docs.aws.amazon.com/ebs/latest/userguide/modify-volume-requirements.html */
const MOD_COOLDOWN = 6 * HOUR;

function modifyVolume(ctx: Ctx, input: unknown): ModifyVolumeResult {
  const i = input as ModifyVolumeRequest;
  const v = findVolume(ctx, i.VolumeId);
  const state = volumeState(v, ctx.now);
  if (state !== 'available' && state !== 'in-use') throw err('IncorrectState', `The volume '${v.id}' is '${state}'.`);
  const last = v.mods[v.mods.length - 1];
  if (last && ctx.now - last.startAt < MOD_COOLDOWN) throw err('VolumeModificationRateExceeded', "You've reached the maximum modification rate per volume limit. Wait at least 6 hours between modifications per EBS volume.");
  const cur = effectiveSpec(v, ctx.now);
  const type = i.VolumeType ?? cur.type;
  const target: VolumeSpec = {
    sizeGiB: i.Size ?? cur.sizeGiB,
    type,
    iops: i.Iops ?? (type === 'gp3' || type === 'io1' || type === 'io2' ? (type === cur.type ? cur.iops : 3000) : undefined),
    throughput: i.Throughput ?? (type === 'gp3' ? (cur.type === 'gp3' ? cur.throughput : 125) : undefined),
  };
  if (target.sizeGiB < cur.sizeGiB) throw err('InvalidParameterValue', `New size cannot be smaller than existing size (${cur.sizeGiB} GiB).`);
  validateSpec(target);
  if (target.sizeGiB === cur.sizeGiB && target.type === cur.type && target.iops === cur.iops && target.throughput === cur.throughput) throw err('InvalidParameterValue', 'New parameters must differ from the current volume configuration.');
  const d = Math.max(1, ctx.durations.ebs);
  const m: VolumeMod = { startAt: ctx.now, optimizingAt: ctx.now + d, completeAt: ctx.now + 10 * d, original: cur, target };
  v.mods.push(m);
  return { VolumeModification: renderMod(v, m, ctx.now) };
}

function describeVolumesModifications(ctx: Ctx, input: unknown): DescribeVolumesModificationsResult {
  const i = input as DescribeVolumesModificationsRequest;
  const max = i.MaxResults !== undefined ? Math.max(1, Math.min(500, i.MaxResults)) : undefined;
  let vols = [...ctx.rw.volumes.values()].filter((v) => exists(v, ctx.now) && v.mods.length);
  if (i.VolumeIds?.length) vols = i.VolumeIds.map((id) => findVolume(ctx, id)).filter((v) => v.mods.length);
  const rows = vols.flatMap((v) => v.mods.map((m, mi) => ({ seq: v.seq * 1000 + mi, v, m })));
  rows.sort((a, b) => a.seq - b.seq);
  const filtered = applyFilters(
    rows,
    i.Filters,
    {
      'modification-state': (r) => modState(r.m, ctx.now),
      'volume-id': (r) => r.v.id,
      'target-volume-type': (r) => r.m.target.type,
      'original-volume-type': (r) => r.m.original.type,
      'start-time': (r) => new Date(r.m.startAt).toISOString(),
    },
    (r) => r.v.tags,
  );
  const page = paginate('ec2', 'DescribeVolumesModifications', filtered, max, i.NextToken);
  return { VolumesModifications: page.items.map((r) => renderMod(r.v, r.m, ctx.now)), NextToken: page.next };
}

// ---------------------------------------------------------------------------
// Snapshots

function renderSnapshot(ctx: Ctx, s: Snapshot): SnapshotShape {
  const p = phase(s, ctx.now);
  const progress = p === 'creating' ? Math.floor((100 * (ctx.now - s.createdAt)) / Math.max(1, s.readyAt - s.createdAt)) : 100;
  return {
    Description: s.description,
    Encrypted: s.encrypted,
    KmsKeyId: s.kmsKeyId,
    OwnerId: ACCOUNT_ID,
    Progress: `${progress}%`,
    SnapshotId: s.id,
    StartTime: new Date(s.createdAt),
    State: p === 'creating' ? 'pending' : 'completed',
    VolumeId: s.volumeId,
    VolumeSize: s.sizeGiB,
    Tags: tagsOrUndefined(s.tags),
    StorageTier: 'standard',
    CompletionTime: p === 'creating' ? undefined : new Date(s.readyAt),
  };
}

function createSnapshot(ctx: Ctx, input: unknown): SnapshotShape {
  const i = input as CreateSnapshotRequest;
  const v = findVolume(ctx, i.VolumeId);
  const st = volumeState(v, ctx.now);
  if (st === 'creating' || st === 'deleting' || st === 'error') throw err('IncorrectState', `The volume '${v.id}' is '${st}'.`);
  const s: Snapshot = {
    seq: ctx.world.nextSeq(),
    createdAt: ctx.now,
    readyAt: ctx.now + 3 * Math.max(1, ctx.durations.ebs),
    id: ctx.ids.awsId('snap'),
    volumeId: v.id,
    sizeGiB: effectiveSpec(v, ctx.now).sizeGiB,
    description: i.Description ?? '',
    encrypted: v.encrypted,
    kmsKeyId: v.kmsKeyId,
    tags: specTags(i.TagSpecifications, 'snapshot'),
  };
  ctx.rw.snapshots.set(s.id, s);
  return renderSnapshot(ctx, s);
}

function describeSnapshots(ctx: Ctx, input: unknown): DescribeSnapshotsResult {
  const i = input as DescribeSnapshotsRequest;
  if (i.SnapshotIds?.length && i.MaxResults !== undefined) throw err('InvalidParameterCombination', 'The parameter snapshotSet cannot be used with the parameter maxResults');
  const max = ec2MaxResults(i.MaxResults);
  const owners = i.OwnerIds ?? [];
  const mine = owners.length === 0 || owners.some((o) => o === 'self' || o === ACCOUNT_ID);
  let snaps = mine ? [...ctx.rw.snapshots.values()].filter((s) => exists(s, ctx.now)) : [];
  if (i.SnapshotIds?.length) {
    snaps = i.SnapshotIds.map((id) => {
      const s = ctx.rw.snapshots.get(id);
      if (!s || !exists(s, ctx.now)) throw err('InvalidSnapshot.NotFound', `The snapshot '${id}' does not exist.`);
      return s;
    });
  }
  snaps = applyFilters(
    snaps,
    i.Filters,
    {
      'volume-id': (s) => s.volumeId,
      status: (s) => (phase(s, ctx.now) === 'creating' ? 'pending' : 'completed'),
      'snapshot-id': (s) => s.id,
      'owner-id': () => ACCOUNT_ID,
      encrypted: (s) => s.encrypted,
      description: (s) => s.description,
      'volume-size': (s) => s.sizeGiB,
    },
    (s) => s.tags,
  );
  const page = paginate('ec2', 'DescribeSnapshots', snaps, max, i.NextToken);
  return { Snapshots: page.items.map((s) => renderSnapshot(ctx, s)), NextToken: page.next };
}

// ---------------------------------------------------------------------------
// Tags on any EC2 resource

function taggable(ctx: Ctx, id: string): { tags: Tags } {
  const found =
    (id.startsWith('vol-') && ctx.rw.volumes.get(id)) ||
    (id.startsWith('snap-') && ctx.rw.snapshots.get(id)) ||
    (id.startsWith('i-') && ctx.rw.instances.find((x) => x.id === id)) ||
    (id.startsWith('subnet-') && ctx.rw.subnets.find((x) => x.id === id)) ||
    (id.startsWith('sg-') && ctx.rw.securityGroups.find((x) => x.id === id)) ||
    (id.startsWith('vpc-') && ctx.rw.vpcs.find((x) => x.id === id));
  if (!found || ('createdAt' in found && !exists(found as EbsVolume, ctx.now))) {
    if (id.startsWith('vol-')) throw err('InvalidVolume.NotFound', `The volume '${id}' does not exist.`);
    if (id.startsWith('snap-')) throw err('InvalidSnapshot.NotFound', `The snapshot '${id}' does not exist.`);
    if (id.startsWith('i-')) throw err('InvalidInstanceID.NotFound', `The instance ID '${id}' does not exist`);
    throw err('InvalidID', `The ID '${id}' is not valid`);
  }
  return found;
}

/** EC2 tag limits: 50 tags, key <= 128, value <= 256, no "aws:" prefix. https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/Using_Tags.html */
function checkTags(existing: Tags, add: Tags): void {
  for (const [k, v] of Object.entries(add)) {
    if (k.toLowerCase().startsWith('aws:')) throw err('InvalidParameterValue', `Tag keys starting with 'aws:' are reserved for internal use`);
    if (k.length > 128) throw err('InvalidParameterValue', `Tag key exceeds the maximum length of 128 characters`);
    if (v.length > 256) throw err('InvalidParameterValue', `Tag value exceeds the maximum length of 256 characters`);
  }
  if (Object.keys({ ...existing, ...add }).length > 50) throw err('TagLimitExceeded', 'The maximum number of tags per resource (50) has been reached.');
}

function createTags(ctx: Ctx, input: unknown): object {
  const i = input as CreateTagsRequest;
  if (!i.Resources?.length) throw err('MissingParameter', 'The request must contain the parameter resourceIdSet');
  const add = tagsFrom(i.Tags);
  const targets = i.Resources.map((id) => taggable(ctx, id));
  for (const t of targets) checkTags(t.tags, add);
  for (const t of targets) Object.assign(t.tags, add);
  return {};
}

function deleteTags(ctx: Ctx, input: unknown): object {
  const i = input as DeleteTagsRequest;
  if (!i.Resources?.length) throw err('MissingParameter', 'The request must contain the parameter resourceIdSet');
  const targets = i.Resources.map((id) => taggable(ctx, id));
  for (const t of targets) {
    if (!i.Tags?.length) {
      for (const k of Object.keys(t.tags)) delete t.tags[k];
      continue;
    }
    for (const tag of i.Tags) {
      if (tag.Key === undefined) continue;
      if (tag.Value === undefined || t.tags[tag.Key] === tag.Value) delete t.tags[tag.Key];
    }
  }
  return {};
}

// ---------------------------------------------------------------------------
// Instances, network, zones, regions

function renderInstance(ctx: Ctx, inst: Instance, attached: Map<string, { v: EbsVolume; a: LiveAttachment }[]>): InstanceShape {
  const sgs = inst.sgIds.map((id) => ctx.rw.securityGroups.find((g) => g.id === id)).filter((g): g is SecurityGroup => !!g);
  const bdm = (attached.get(inst.id) ?? []).map(({ v, a }) => ({ DeviceName: a.device, Ebs: { AttachTime: new Date(a.attachAt), DeleteOnTermination: a.deleteOnTermination, Status: a.state, VolumeId: v.id } }));
  const root = inst.windows ? '/dev/sda1' : '/dev/xvda';
  const dns = `ip-${inst.privateIp.replace(/\./g, '-')}.ec2.internal`;
  return {
    AmiLaunchIndex: 0,
    ImageId: inst.imageId,
    InstanceId: inst.id,
    InstanceType: inst.type as InstanceShape['InstanceType'],
    LaunchTime: new Date(inst.launchTime),
    Monitoring: { State: 'disabled' },
    Placement: { AvailabilityZone: inst.az, Tenancy: 'default', GroupName: '' },
    // The wire value is lowercase "windows" (the SDK's enum type says "Windows").
    Platform: inst.windows ? ('windows' as InstanceShape['Platform']) : undefined,
    PlatformDetails: inst.windows ? 'Windows' : 'Linux/UNIX',
    PrivateDnsName: ctx.region === 'us-east-1' ? dns : `ip-${inst.privateIp.replace(/\./g, '-')}.${ctx.region}.compute.internal`,
    PrivateIpAddress: inst.privateIp,
    State: inst.running ? { Code: 16, Name: 'running' } : { Code: 80, Name: 'stopped' },
    StateReason: inst.running ? undefined : { Code: 'Client.UserInitiatedShutdown', Message: 'Client.UserInitiatedShutdown: User initiated shutdown' },
    StateTransitionReason: inst.stoppedReason ?? '',
    SubnetId: inst.subnetId,
    VpcId: inst.vpcId,
    Architecture: inst.arch,
    BlockDeviceMappings: bdm,
    EbsOptimized: true,
    EnaSupport: true,
    Hypervisor: 'xen',
    IamInstanceProfile: inst.ssm ? { Arn: `arn:aws:iam::${ACCOUNT_ID}:instance-profile/ResearchInstanceRole`, Id: 'AIPAZ3EXAMPLEPROFILE1' } : undefined,
    RootDeviceName: root,
    RootDeviceType: 'ebs',
    SecurityGroups: sgs.map((g) => ({ GroupId: g.id, GroupName: g.name })),
    Tags: tagsOrUndefined(inst.tags),
    VirtualizationType: 'hvm',
    MetadataOptions: { State: 'applied', HttpTokens: 'required', HttpPutResponseHopLimit: 2, HttpEndpoint: 'enabled' },
    PrivateDnsNameOptions: { HostnameType: 'ip-name', EnableResourceNameDnsARecord: false, EnableResourceNameDnsAAAARecord: false },
  };
}

function describeInstances(ctx: Ctx, input: unknown): DescribeInstancesResult {
  const i = input as DescribeInstancesRequest;
  if (i.InstanceIds?.length && i.MaxResults !== undefined) throw err('InvalidParameterCombination', 'The parameter instancesSet cannot be used with the parameter maxResults');
  const max = ec2MaxResults(i.MaxResults);
  const attached = attachmentsByInstance(ctx);
  let list = ctx.rw.instances;
  if (i.InstanceIds?.length) list = i.InstanceIds.map((id) => findInstance(ctx, id));
  list = applyFilters(
    list,
    i.Filters,
    {
      'instance-id': (x) => x.id,
      'instance-state-name': (x) => (x.running ? 'running' : 'stopped'),
      'instance-state-code': (x) => (x.running ? 16 : 80),
      'instance-type': (x) => x.type,
      'availability-zone': (x) => x.az,
      'subnet-id': (x) => x.subnetId,
      'vpc-id': (x) => x.vpcId,
      'platform-details': (x) => (x.windows ? 'Windows' : 'Linux/UNIX'),
      platform: (x) => (x.windows ? 'windows' : undefined),
      'private-ip-address': (x) => x.privateIp,
      'image-id': (x) => x.imageId,
      'instance.group-id': (x) => x.sgIds,
      'block-device-mapping.volume-id': (x) => (attached.get(x.id) ?? []).map((r) => r.v.id),
    },
    (x) => x.tags,
  );
  const page = paginate('ec2', 'DescribeInstances', list, max, i.NextToken);
  return {
    Reservations: page.items.map((x) => ({ ReservationId: `r-0${x.id.slice(3)}`, OwnerId: ACCOUNT_ID, Groups: [], Instances: [renderInstance(ctx, x, attached)] })),
    NextToken: page.next,
  };
}

function describeSubnets(ctx: Ctx, input: unknown): DescribeSubnetsResult {
  const i = input as DescribeSubnetsRequest;
  const max = ec2MaxResults(i.MaxResults);
  let list = ctx.rw.subnets;
  if (i.SubnetIds?.length)
    list = i.SubnetIds.map((id) => {
      const s = ctx.rw.subnets.find((x) => x.id === id);
      if (!s) throw err('InvalidSubnetID.NotFound', `The subnet ID '${id}' does not exist`);
      return s;
    });
  list = applyFilters(
    list,
    i.Filters,
    {
      'subnet-id': (s) => s.id,
      'vpc-id': (s) => s.vpcId,
      'availability-zone': (s) => s.az,
      'availability-zone-id': (s) => s.azId,
      'default-for-az': (s) => s.defaultForAz,
      'cidr-block': (s) => s.cidr,
      state: () => 'available',
    },
    (s) => s.tags,
  );
  const page = paginate('ec2', 'DescribeSubnets', list, max, i.NextToken);
  return {
    Subnets: page.items.map((s) => ({
      AvailabilityZone: s.az,
      AvailabilityZoneId: s.azId,
      AvailableIpAddressCount: s.availableIps,
      CidrBlock: s.cidr,
      DefaultForAz: s.defaultForAz,
      MapPublicIpOnLaunch: s.defaultForAz || s.tags.Tier === 'public',
      State: 'available',
      SubnetId: s.id,
      VpcId: s.vpcId,
      OwnerId: ACCOUNT_ID,
      AssignIpv6AddressOnCreation: false,
      Ipv6CidrBlockAssociationSet: [],
      Tags: tagsOrUndefined(s.tags),
      SubnetArn: `arn:aws:ec2:${ctx.region}:${ACCOUNT_ID}:subnet/${s.id}`,
    })),
    NextToken: page.next,
  };
}

function perms(rules: SecurityGroup['ingress']): IpPermission[] {
  return rules.map((r) => ({
    IpProtocol: r.protocol,
    FromPort: r.protocol === '-1' ? undefined : r.from,
    ToPort: r.protocol === '-1' ? undefined : r.to,
    IpRanges: r.cidr ? [{ CidrIp: r.cidr, Description: r.description }] : [],
    UserIdGroupPairs: r.groupId ? [{ GroupId: r.groupId, UserId: ACCOUNT_ID, Description: r.description }] : [],
    Ipv6Ranges: [],
    PrefixListIds: [],
  }));
}

function describeSecurityGroups(ctx: Ctx, input: unknown): DescribeSecurityGroupsResult {
  const i = input as DescribeSecurityGroupsRequest;
  const max = ec2MaxResults(i.MaxResults);
  let list = ctx.rw.securityGroups;
  if (i.GroupIds?.length)
    list = i.GroupIds.map((id) => {
      const g = ctx.rw.securityGroups.find((x) => x.id === id);
      if (!g) throw err('InvalidGroup.NotFound', `The security group '${id}' does not exist`);
      return g;
    });
  if (i.GroupNames?.length) {
    const defVpc = ctx.rw.vpcs.find((v) => v.isDefault)?.id;
    list = i.GroupNames.map((n) => {
      const g = ctx.rw.securityGroups.find((x) => x.name === n && x.vpcId === defVpc);
      if (!g) throw err('InvalidGroup.NotFound', `The security group '${n}' does not exist in default VPC '${defVpc}'`);
      return g;
    });
  }
  list = applyFilters(
    list,
    i.Filters,
    {
      'group-id': (g) => g.id,
      'group-name': (g) => g.name,
      'vpc-id': (g) => g.vpcId,
      description: (g) => g.description,
      'owner-id': () => ACCOUNT_ID,
      'ip-permission.from-port': (g) => g.ingress.map((r) => r.from),
      'ip-permission.to-port': (g) => g.ingress.map((r) => r.to),
      'ip-permission.protocol': (g) => g.ingress.map((r) => r.protocol),
    },
    (g) => g.tags,
  );
  const page = paginate('ec2', 'DescribeSecurityGroups', list, max, i.NextToken);
  return {
    SecurityGroups: page.items.map(
      (g): SgShape => ({
        Description: g.description,
        GroupName: g.name,
        IpPermissions: perms(g.ingress),
        OwnerId: ACCOUNT_ID,
        GroupId: g.id,
        IpPermissionsEgress: perms(g.egress),
        VpcId: g.vpcId,
        Tags: tagsOrUndefined(g.tags),
        SecurityGroupArn: `arn:aws:ec2:${ctx.region}:${ACCOUNT_ID}:security-group/${g.id}`,
      }),
    ),
    NextToken: page.next,
  };
}

function describeVpcs(ctx: Ctx, input: unknown): DescribeVpcsResult {
  const i = input as DescribeVpcsRequest;
  const max = ec2MaxResults(i.MaxResults);
  let list = ctx.rw.vpcs;
  if (i.VpcIds?.length)
    list = i.VpcIds.map((id) => {
      const v = ctx.rw.vpcs.find((x) => x.id === id);
      if (!v) throw err('InvalidVpcID.NotFound', `The vpc ID '${id}' does not exist`);
      return v;
    });
  list = applyFilters(list, i.Filters, { 'vpc-id': (v) => v.id, 'is-default': (v) => v.isDefault, 'cidr-block': (v) => v.cidr, cidr: (v) => v.cidr, state: () => 'available', 'owner-id': () => ACCOUNT_ID }, (v) => v.tags);
  const page = paginate('ec2', 'DescribeVpcs', list, max, i.NextToken);
  return {
    Vpcs: page.items.map((v) => ({
      CidrBlock: v.cidr,
      DhcpOptionsId: 'dopt-0c9ea2b7f1a3d4e56',
      State: 'available',
      VpcId: v.id,
      OwnerId: ACCOUNT_ID,
      InstanceTenancy: 'default',
      IsDefault: v.isDefault,
      CidrBlockAssociationSet: [{ AssociationId: `vpc-cidr-assoc-0${v.id.slice(5)}`, CidrBlock: v.cidr, CidrBlockState: { State: 'associated' } }],
      Tags: tagsOrUndefined(v.tags),
    })),
    NextToken: page.next,
  };
}

function describeAvailabilityZones(ctx: Ctx, input: unknown): DescribeAvailabilityZonesResult {
  const i = input as DescribeAvailabilityZonesRequest;
  let zones = ctx.rw.azs;
  if (i.ZoneNames?.length) {
    for (const n of i.ZoneNames) if (!zones.some((z) => z.name === n)) throw err('InvalidParameterValue', `The zone '${n}' does not exist.`);
    zones = zones.filter((z) => i.ZoneNames!.includes(z.name));
  }
  if (i.ZoneIds?.length) zones = zones.filter((z) => i.ZoneIds!.includes(z.id));
  zones = applyFilters(zones, i.Filters, { 'zone-name': (z) => z.name, 'zone-id': (z) => z.id, state: () => 'available', 'region-name': () => ctx.region, 'zone-type': () => 'availability-zone', 'opt-in-status': () => 'opt-in-not-required', 'group-name': () => ctx.region }, () => ({}));
  return {
    AvailabilityZones: zones.map((z) => ({ State: 'available', OptInStatus: 'opt-in-not-required', Messages: [], RegionName: ctx.region, ZoneName: z.name, ZoneId: z.id, GroupName: ctx.region, NetworkBorderGroup: ctx.region, ZoneType: 'availability-zone', GroupLongName: ctx.region })),
  };
}

function describeRegions(_ctx: Ctx, input: unknown): DescribeRegionsResult {
  const i = input as DescribeRegionsRequest;
  let regions = i.AllRegions ? REGIONS : REGIONS.filter((r) => r.optIn !== 'not-opted-in');
  if (i.RegionNames?.length) {
    for (const n of i.RegionNames) if (!REGIONS.some((r) => r.code === n)) throw err('InvalidParameterValue', `Invalid region: ${n}`);
    regions = REGIONS.filter((r) => i.RegionNames!.includes(r.code));
  }
  regions = applyFilters(regions, i.Filters, { 'region-name': (r) => r.code, 'opt-in-status': (r) => r.optIn, endpoint: (r) => `ec2.${r.code}.amazonaws.com` }, () => ({}));
  return { Regions: regions.map((r) => ({ Endpoint: `ec2.${r.code}.amazonaws.com`, RegionName: r.code, OptInStatus: r.optIn })) };
}

export const ec2Handlers: HandlerTable = {
  DescribeVolumes: describeVolumes,
  CreateVolume: createVolume,
  DeleteVolume: deleteVolume,
  AttachVolume: attachVolume,
  DetachVolume: detachVolume,
  ModifyVolume: modifyVolume,
  DescribeVolumesModifications: describeVolumesModifications,
  CreateSnapshot: createSnapshot,
  DescribeSnapshots: describeSnapshots,
  CreateTags: createTags,
  DeleteTags: deleteTags,
  DescribeInstances: describeInstances,
  DescribeSubnets: describeSubnets,
  DescribeSecurityGroups: describeSecurityGroups,
  DescribeVpcs: describeVpcs,
  DescribeAvailabilityZones: describeAvailabilityZones,
  DescribeRegions: describeRegions,
};

export const EC2_MUTATIONS = ['CreateVolume', 'DeleteVolume', 'AttachVolume', 'DetachVolume', 'ModifyVolume', 'CreateSnapshot', 'CreateTags', 'DeleteTags'];
