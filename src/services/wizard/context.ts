// What the wizard needs to know about the account to offer choices: zones, subnets, security
// groups, KMS keys, directories and instances of one region. Every part is fetched on its own;
// a part that fails (access denied, throttled) comes back empty and is named in `failures`,
// so the rest of the form still works.
import { DescribeAvailabilityZonesCommand, paginateDescribeInstances, paginateDescribeSecurityGroups, paginateDescribeSubnets, type Tag } from '@aws-sdk/client-ec2';
import { DescribeDirectoriesCommand } from '@aws-sdk/client-directory-service';
import { ListAliasesCommand } from '@aws-sdk/client-kms';
import type { ClientPool } from '../aws/clients.js';
import { sanitize } from '../sanitize.js';
import { compareText } from '../collate.js';

export interface AccountContext {
  region: string;
  availabilityZones: string[];
  subnets: { id: string; az: string; name?: string; vpcId: string }[];
  securityGroups: { id: string; name: string; vpcId: string }[];
  kmsKeys: { id: string; alias: string }[];
  directories: { id: string; name: string; type: string }[];
  instances: { id: string; name?: string; az: string; state: string }[];
  /** Parts that could not be loaded, with the reason, for the form to show. */
  failures?: { part: AccountContextPart; message: string }[];
}

export type AccountContextPart = 'availabilityZones' | 'subnets' | 'securityGroups' | 'kmsKeys' | 'directories' | 'instances';

/** Enough pages for very large accounts, bounded so a form never waits on an endless listing. */
const MAX_PAGES = 50;

export async function loadAccountContext(pool: ClientPool, region: string): Promise<AccountContext> {
  const failures: { part: AccountContextPart; message: string }[] = [];
  const guard = async <T>(part: AccountContextPart, load: () => Promise<T[]>): Promise<T[]> => {
    try {
      return await load();
    } catch (e) {
      failures.push({ part, message: describeFailure(e) });
      return [];
    }
  };

  const [availabilityZones, subnets, securityGroups, kmsKeys, directories, instances] = await Promise.all([
    guard('availabilityZones', () => loadZones(pool, region)),
    guard('subnets', () => loadSubnets(pool, region)),
    guard('securityGroups', () => loadSecurityGroups(pool, region)),
    guard('kmsKeys', () => loadKmsKeys(pool, region)),
    guard('directories', () => loadDirectories(pool, region)),
    guard('instances', () => loadInstances(pool, region)),
  ]);
  const ctx: AccountContext = { region, availabilityZones, subnets, securityGroups, kmsKeys, directories, instances };
  if (failures.length > 0) ctx.failures = failures.sort((a, b) => compareText(a.part, b.part));
  return ctx;
}

function describeFailure(e: unknown): string {
  if (e instanceof Error) return sanitize(`${e.name && e.name !== 'Error' ? `${e.name}: ` : ''}${e.message}`);
  return 'unknown error';
}

function nameTag(tags: Tag[] | undefined): string | undefined {
  const v = tags?.find((t) => t.Key === 'Name')?.Value;
  return v ? sanitize(v) : undefined;
}

async function loadZones(pool: ClientPool, region: string): Promise<string[]> {
  const out = await pool.ec2(region).send(new DescribeAvailabilityZonesCommand({}));
  return (out.AvailabilityZones ?? [])
    .filter((z) => z.ZoneName && (z.State === undefined || z.State === 'available') && (z.ZoneType === undefined || z.ZoneType === 'availability-zone'))
    .map((z) => z.ZoneName as string)
    .sort();
}

async function loadSubnets(pool: ClientPool, region: string): Promise<AccountContext['subnets']> {
  const out: AccountContext['subnets'] = [];
  let pages = 0;
  for await (const page of paginateDescribeSubnets({ client: pool.ec2(region) }, {})) {
    for (const s of page.Subnets ?? []) {
      if (!s.SubnetId || !s.AvailabilityZone || !s.VpcId) continue;
      out.push({ id: s.SubnetId, az: s.AvailabilityZone, vpcId: s.VpcId, name: nameTag(s.Tags) });
    }
    if (++pages >= MAX_PAGES) break;
  }
  return out.sort((a, b) => compareText(a.vpcId, b.vpcId) || compareText(a.az, b.az) || compareText(a.id, b.id));
}

async function loadSecurityGroups(pool: ClientPool, region: string): Promise<AccountContext['securityGroups']> {
  const out: AccountContext['securityGroups'] = [];
  let pages = 0;
  for await (const page of paginateDescribeSecurityGroups({ client: pool.ec2(region) }, {})) {
    for (const g of page.SecurityGroups ?? []) {
      if (!g.GroupId || !g.VpcId) continue;
      out.push({ id: g.GroupId, name: sanitize(g.GroupName ?? g.GroupId), vpcId: g.VpcId });
    }
    if (++pages >= MAX_PAGES) break;
  }
  return out.sort((a, b) => compareText(a.vpcId, b.vpcId) || compareText(a.name, b.name));
}

async function loadKmsKeys(pool: ClientPool, region: string): Promise<AccountContext['kmsKeys']> {
  const out: AccountContext['kmsKeys'] = [];
  // KMS and Directory Service clients load on first use (ClientPool), so these page by their own token.
  let marker: string | undefined;
  for (let pages = 0; pages < MAX_PAGES; pages++) {
    const page = await pool.kms(region).send(new ListAliasesCommand({ Marker: marker }));
    for (const a of page.Aliases ?? []) {
      // Aliases of AWS managed keys that were never used have no target key yet: nothing to pick.
      if (!a.AliasName || !a.TargetKeyId) continue;
      out.push({ id: a.TargetKeyId, alias: sanitize(a.AliasName) });
    }
    marker = page.Truncated ? page.NextMarker : undefined;
    if (!marker) break;
  }
  return out.sort((a, b) => compareText(a.alias, b.alias));
}

async function loadDirectories(pool: ClientPool, region: string): Promise<AccountContext['directories']> {
  const out: AccountContext['directories'] = [];
  let token: string | undefined;
  for (let pages = 0; pages < MAX_PAGES; pages++) {
    const page = await pool.ds(region).send(new DescribeDirectoriesCommand({ NextToken: token }));
    for (const d of page.DirectoryDescriptions ?? []) {
      if (!d.DirectoryId) continue;
      out.push({ id: d.DirectoryId, name: sanitize(d.Name ?? d.DirectoryId), type: sanitize(d.Type ?? '') });
    }
    token = page.NextToken;
    if (!token) break;
  }
  return out.sort((a, b) => compareText(a.name, b.name));
}

async function loadInstances(pool: ClientPool, region: string): Promise<AccountContext['instances']> {
  const out: AccountContext['instances'] = [];
  let pages = 0;
  for await (const page of paginateDescribeInstances({ client: pool.ec2(region) }, {})) {
    for (const r of page.Reservations ?? []) {
      for (const i of r.Instances ?? []) {
        const state = i.State?.Name ?? 'unknown';
        if (!i.InstanceId || !i.Placement?.AvailabilityZone || state === 'terminated') continue;
        out.push({ id: i.InstanceId, name: nameTag(i.Tags), az: i.Placement.AvailabilityZone, state });
      }
    }
    if (++pages >= MAX_PAGES) break;
  }
  return out.sort((a, b) => compareText(a.name ?? a.id, b.name ?? b.id));
}
