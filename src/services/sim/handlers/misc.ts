// STS, Directory Service and Systems Manager (Run Command for mount scripts).
import type { GetCallerIdentityResponse } from '@aws-sdk/client-sts';
import type { DescribeDirectoriesRequest, DescribeDirectoriesResult } from '@aws-sdk/client-directory-service';
import type {
  Command,
  CommandInvocation,
  DescribeInstanceInformationRequest,
  DescribeInstanceInformationResult,
  GetCommandInvocationRequest,
  GetCommandInvocationResult,
  InstanceInformation,
  ListCommandInvocationsRequest,
  ListCommandInvocationsResult,
  SendCommandRequest,
  SendCommandResult,
  CommandInvocationStatus,
  CommandPluginStatus,
} from '@aws-sdk/client-ssm';
import type { Instance, SsmCommand } from '../model.js';
import { awsError } from '../errors.js';
import { paginate } from '../paging.js';
import { ACCOUNT_ID, CALLER } from '../world.js';
import type { Ctx, HandlerTable } from './common.js';

// ---------------------------------------------------------------------------
// STS

function getCallerIdentity(): GetCallerIdentityResponse {
  return { UserId: CALLER.userId, Account: ACCOUNT_ID, Arn: CALLER.arn };
}

export const stsHandlers: HandlerTable = { GetCallerIdentity: getCallerIdentity };

// ---------------------------------------------------------------------------
// Directory Service

function describeDirectories(ctx: Ctx, input: unknown): DescribeDirectoriesResult {
  const i = input as DescribeDirectoriesRequest;
  let dirs = ctx.rw.directories.map((d, n) => ({ d, seq: n + 1 }));
  if (i.DirectoryIds?.length) {
    for (const id of i.DirectoryIds) if (!ctx.rw.directories.some((d) => d.id === id)) throw awsError('ds', 'EntityDoesNotExistException', `Directory ${id} does not exist.`);
    dirs = dirs.filter((r) => i.DirectoryIds!.includes(r.d.id));
  }
  const page = paginate('ds', 'DescribeDirectories', dirs, i.Limit, i.NextToken);
  return {
    DirectoryDescriptions: page.items.map(({ d }) => ({
      DirectoryId: d.id,
      Name: d.name,
      ShortName: d.shortName,
      Edition: d.edition,
      Alias: d.id,
      AccessUrl: `${d.id}.awsapps.com`,
      Description: d.description,
      DnsIpAddrs: [...d.dnsIps],
      Stage: 'Active',
      LaunchTime: new Date(d.launchTime),
      StageLastUpdatedDateTime: new Date(d.launchTime + 40 * 60_000),
      Type: d.type,
      VpcSettings: { VpcId: d.vpcId, SubnetIds: [...d.subnetIds], SecurityGroupId: d.sgId, AvailabilityZones: [...d.azs] },
      SsoEnabled: false,
      DesiredNumberOfDomainControllers: 2,
    })),
    NextToken: page.next,
  };
}

export const dsHandlers: HandlerTable = { DescribeDirectories: describeDirectories };

// ---------------------------------------------------------------------------
// SSM

const PENDING_MS = 500;
const DONE_MS = 2000;
const AGENT = '3.3.1142.0';

function ssmErr(code: string, message: string): Error {
  return awsError('ssm', code, message);
}

function renderInfo(ctx: Ctx, inst: Instance): InstanceInformation {
  return {
    InstanceId: inst.id,
    PingStatus: inst.running ? 'Online' : 'ConnectionLost',
    LastPingDateTime: new Date(inst.running ? ctx.now - 37_000 : inst.launchTime + 3_600_000),
    AgentVersion: AGENT,
    IsLatestVersion: true,
    PlatformType: inst.windows ? 'Windows' : 'Linux',
    PlatformName: inst.os.name,
    PlatformVersion: inst.os.version,
    ResourceType: 'EC2Instance',
    IPAddress: inst.privateIp,
    ComputerName: inst.windows ? `EC2AMAZ-${inst.id.slice(-7).toUpperCase()}` : `ip-${inst.privateIp.replace(/\./g, '-')}.ec2.internal`,
    AssociationStatus: 'Success',
    SourceId: inst.id,
    SourceType: 'AWS::EC2::Instance',
  };
}

function describeInstanceInformation(ctx: Ctx, input: unknown): DescribeInstanceInformationResult {
  const i = input as DescribeInstanceInformationRequest;
  if (i.MaxResults !== undefined && (i.MaxResults < 5 || i.MaxResults > 50)) throw ssmErr('ValidationException', `1 validation error detected: Value '${i.MaxResults}' at 'maxResults' failed to satisfy constraint: Member must have value between 5 and 50`);
  let list = ctx.rw.instances.filter((x) => x.ssm);
  const conds: { key: string; values: string[] }[] = [
    ...(i.InstanceInformationFilterList ?? []).map((f) => ({ key: f.key ?? '', values: f.valueSet ?? [] })),
    ...(i.Filters ?? []).map((f) => ({ key: f.Key ?? '', values: f.Values ?? [] })),
  ];
  for (const c of conds) {
    list = list.filter((x) => {
      const info = renderInfo(ctx, x);
      switch (c.key) {
        case 'InstanceIds':
          return c.values.includes(x.id);
        case 'PingStatus':
          return c.values.includes(info.PingStatus ?? '');
        case 'PlatformTypes':
          return c.values.includes(info.PlatformType ?? '');
        case 'ResourceType':
          return c.values.includes('EC2Instance');
        case 'AgentVersion':
          return c.values.includes(AGENT);
        default:
          if (c.key.startsWith('tag:')) return c.values.includes(x.tags[c.key.slice(4)] ?? '\u0000');
          if (c.key === 'tag-key') return c.values.some((v) => v in x.tags);
          throw ssmErr('InvalidInstanceInformationFilterValue', `The filter key ${c.key} is not valid.`);
      }
    });
  }
  const page = paginate('ssm', 'DescribeInstanceInformation', list, i.MaxResults ?? 50, i.NextToken);
  return { InstanceInformationList: page.items.map((x) => renderInfo(ctx, x)), NextToken: page.next };
}

const DOCS = ['AWS-RunShellScript', 'AWS-RunPowerShellScript'];

function commandLines(c: SsmCommand): string[] {
  return c.commands.flatMap((s) => s.split('\n'));
}

/** What the script "prints": each step traced as the shell would (set -x), echo lines printed. */
function outputOf(c: SsmCommand): string {
  const out: string[] = [];
  for (const raw of commandLines(c)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || /^set\s+-/.test(line)) continue;
    out.push(`+ ${line}`);
    const echo = /^echo\s+(.*)$/.exec(line);
    if (echo) out.push(echo[1].replace(/^(['"])(.*)\1$/, '$2'));
  }
  const text = `${out.join('\n')}\n`;
  // GetCommandInvocation returns at most 24,000 characters of standard output.
  return text.length > 24_000 ? text.slice(0, 24_000) : text;
}

interface InvocationView {
  status: CommandInvocationStatus;
  details: string;
  code: number;
  start?: number;
  end?: number;
  stdout: string;
  stderr: string;
}

function invocation(ctx: Ctx, c: SsmCommand, instanceId: string): InvocationView {
  const inst = ctx.rw.instances.find((x) => x.id === instanceId);
  const age = ctx.now - c.requestedAt;
  if (age < PENDING_MS) return { status: 'Pending', details: 'Pending', code: -1, stdout: '', stderr: '' };
  const start = c.requestedAt + PENDING_MS;
  const wrongPlatform = inst !== undefined && inst.windows === (c.documentName === 'AWS-RunShellScript');
  if (wrongPlatform) return { status: 'Failed', details: 'Failed', code: -1, start, end: start, stdout: '', stderr: `${c.documentName} cannot run on a ${inst.windows ? 'Windows' : 'Linux'} instance: UnsupportedPlatformType` };
  if (age < DONE_MS) return { status: 'InProgress', details: 'InProgress', code: -1, start, stdout: '', stderr: '' };
  return { status: 'Success', details: 'Success', code: 0, start, end: c.requestedAt + DONE_MS, stdout: outputOf(c), stderr: '' };
}

function commandStatus(ctx: Ctx, c: SsmCommand): Command['Status'] {
  const views = c.instanceIds.map((id) => invocation(ctx, c, id));
  if (views.every((v) => v.status === 'Pending')) return 'Pending';
  if (views.some((v) => v.status === 'Pending' || v.status === 'InProgress')) return 'InProgress';
  return views.every((v) => v.status === 'Success') ? 'Success' : 'Failed';
}

function renderCommand(ctx: Ctx, c: SsmCommand): Command {
  const status = commandStatus(ctx, c);
  const views = c.instanceIds.map((id) => invocation(ctx, c, id));
  return {
    CommandId: c.id,
    DocumentName: c.documentName,
    DocumentVersion: '$DEFAULT',
    Comment: c.comment,
    ExpiresAfter: new Date(c.requestedAt + c.timeoutSeconds * 1000),
    Parameters: { commands: [...c.commands], ...(c.workingDirectory ? { workingDirectory: [c.workingDirectory] } : {}) },
    InstanceIds: [...c.instanceIds],
    Targets: [],
    RequestedDateTime: new Date(c.requestedAt),
    Status: status,
    StatusDetails: status,
    MaxConcurrency: '50',
    MaxErrors: '0',
    TargetCount: c.instanceIds.length,
    CompletedCount: views.filter((v) => v.status === 'Success' || v.status === 'Failed').length,
    ErrorCount: views.filter((v) => v.status === 'Failed').length,
    DeliveryTimedOutCount: 0,
    TimeoutSeconds: c.timeoutSeconds,
    CloudWatchOutputConfig: { CloudWatchOutputEnabled: false },
  };
}

function sendCommand(ctx: Ctx, input: unknown): SendCommandResult {
  const i = input as SendCommandRequest;
  if (!i.DocumentName) throw ssmErr('ValidationException', "1 validation error detected: Value null at 'documentName' failed to satisfy constraint: Member must not be null");
  if (!DOCS.includes(i.DocumentName)) throw ssmErr('InvalidDocument', `Document with name ${i.DocumentName} is not available in the simulated region; use AWS-RunShellScript.`);
  if (!i.InstanceIds?.length) throw ssmErr('InvalidInstanceId', 'Specify InstanceIds (Targets are not supported by the simulated region).');
  const bad = i.InstanceIds.filter((id) => {
    const inst = ctx.rw.instances.find((x) => x.id === id);
    return !inst || !inst.ssm || !inst.running;
  });
  if (bad.length) throw ssmErr('InvalidInstanceId', `Instances [[${bad.join(', ')}]] not in a valid state for account ${ACCOUNT_ID}`);
  const commands = i.Parameters?.commands;
  if (!commands?.length) throw ssmErr('InvalidParameters', "Parameter 'commands' is required by the document.");
  const c: SsmCommand = {
    seq: ctx.world.nextSeq(),
    id: ctx.ids.uuid(),
    documentName: i.DocumentName,
    instanceIds: [...i.InstanceIds],
    commands: [...commands],
    comment: i.Comment,
    requestedAt: ctx.now,
    timeoutSeconds: i.TimeoutSeconds ?? 3600,
    workingDirectory: i.Parameters?.workingDirectory?.[0],
  };
  ctx.rw.ssmCommands.set(c.id, c);
  return { Command: renderCommand(ctx, c) };
}

function elapsed(ms: number): string {
  return `PT${(ms / 1000).toFixed(3)}S`;
}

function getCommandInvocation(ctx: Ctx, input: unknown): GetCommandInvocationResult {
  const i = input as GetCommandInvocationRequest;
  const c = i.CommandId ? ctx.rw.ssmCommands.get(i.CommandId) : undefined;
  if (!c || !i.InstanceId || !c.instanceIds.includes(i.InstanceId)) throw ssmErr('InvocationDoesNotExist', '');
  const v = invocation(ctx, c, i.InstanceId);
  return {
    CommandId: c.id,
    InstanceId: i.InstanceId,
    Comment: c.comment,
    DocumentName: c.documentName,
    DocumentVersion: '$DEFAULT',
    PluginName: c.documentName === 'AWS-RunShellScript' ? 'aws:runShellScript' : 'aws:runPowerShellScript',
    ResponseCode: v.code,
    ExecutionStartDateTime: v.start !== undefined ? new Date(v.start).toISOString() : '',
    ExecutionElapsedTime: v.start !== undefined ? elapsed((v.end ?? ctx.now) - v.start) : '',
    ExecutionEndDateTime: v.end !== undefined ? new Date(v.end).toISOString() : '',
    Status: v.status,
    StatusDetails: v.details,
    StandardOutputContent: v.stdout,
    StandardOutputUrl: '',
    StandardErrorContent: v.stderr,
    StandardErrorUrl: '',
    CloudWatchOutputConfig: { CloudWatchOutputEnabled: false },
  };
}

function listCommandInvocations(ctx: Ctx, input: unknown): ListCommandInvocationsResult {
  const i = input as ListCommandInvocationsRequest;
  if (i.MaxResults !== undefined && (i.MaxResults < 1 || i.MaxResults > 50)) throw ssmErr('ValidationException', `1 validation error detected: Value '${i.MaxResults}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 50`);
  let cmds = [...ctx.rw.ssmCommands.values()];
  if (i.CommandId) {
    const c = ctx.rw.ssmCommands.get(i.CommandId);
    if (!c) throw ssmErr('InvalidCommandId', '');
    cmds = [c];
  }
  const rows = cmds
    .flatMap((c) => c.instanceIds.map((id, n) => ({ c, id, seq: c.seq * 1000 + n })))
    .filter((r) => !i.InstanceId || r.id === i.InstanceId)
    .sort((a, b) => b.seq - a.seq);
  // newest first, as SSM lists them; cursor on a descending key
  const keyed = rows.map((r, n) => ({ ...r, seq: n + 1 }));
  const page = paginate('ssm', `ListCommandInvocations:${i.CommandId ?? ''}:${i.InstanceId ?? ''}`, keyed, i.MaxResults ?? 50, i.NextToken);
  return {
    CommandInvocations: page.items.map(({ c, id }): CommandInvocation => {
      const v = invocation(ctx, c, id);
      const inst = ctx.rw.instances.find((x) => x.id === id);
      return {
        CommandId: c.id,
        InstanceId: id,
        InstanceName: inst?.tags.Name ?? '',
        Comment: c.comment,
        DocumentName: c.documentName,
        DocumentVersion: '$DEFAULT',
        RequestedDateTime: new Date(c.requestedAt),
        Status: v.status,
        StatusDetails: v.details,
        TraceOutput: '',
        StandardOutputUrl: '',
        StandardErrorUrl: '',
        CommandPlugins: i.Details
          ? [
              {
                Name: c.documentName === 'AWS-RunShellScript' ? 'aws:runShellScript' : 'aws:runPowerShellScript',
                Status: v.status as CommandPluginStatus,
                StatusDetails: v.details,
                ResponseCode: v.code,
                ResponseStartDateTime: v.start !== undefined ? new Date(v.start) : undefined,
                ResponseFinishDateTime: v.end !== undefined ? new Date(v.end) : undefined,
                // ListCommandInvocations truncates plugin output to 2,500 characters.
                Output: (v.stdout + v.stderr).slice(0, 2500),
                StandardOutputUrl: '',
                StandardErrorUrl: '',
              },
            ]
          : [],
        CloudWatchOutputConfig: { CloudWatchOutputEnabled: false },
      };
    }),
    NextToken: page.next,
  };
}

export const ssmHandlers: HandlerTable = {
  DescribeInstanceInformation: describeInstanceInformation,
  SendCommand: sendCommand,
  GetCommandInvocation: getCommandInvocation,
  ListCommandInvocations: listCommandInvocations,
};
