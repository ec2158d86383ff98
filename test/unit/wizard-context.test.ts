// loadAccountContext against a fake region plugged into real SDK clients (initialize-step
// middleware, as the simulated region does): paging, filtering, sanitising, and one failing
// service leaving the rest of the context intact.
import type { DirectoryServiceClient, ServiceOutputTypes as DsOut } from '@aws-sdk/client-directory-service';
import type { EC2Client, ServiceOutputTypes as Ec2Out, Subnet } from '@aws-sdk/client-ec2';
import type { KMSClient, ServiceOutputTypes as KmsOut } from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { ClientPool, type ClientPlugin } from '../../src/services/aws/clients.js';
import { loadAccountContext } from '../../src/services/wizard/index.js';

type Answer = (command: string, input: Record<string, unknown>) => object;

function err(name: string, message: string): Error {
  return Object.assign(new Error(message), { name });
}

const subnet = (i: number, az: string, vpc = 'vpc-1', name?: string): Subnet => ({
  SubnetId: `subnet-0000000000000000${i}`,
  AvailabilityZone: az,
  VpcId: vpc,
  Tags: name ? [{ Key: 'Name', Value: name }] : undefined,
});

/** EC2: subnets come in pages of two, as DescribeSubnets would with MaxResults. */
const ec2: Answer = (command, input) => {
  switch (command) {
    case 'DescribeAvailabilityZonesCommand':
      return {
        AvailabilityZones: [
          { ZoneName: 'us-east-1b', State: 'available', ZoneType: 'availability-zone' },
          { ZoneName: 'us-east-1a', State: 'available', ZoneType: 'availability-zone' },
          { ZoneName: 'us-east-1-bos-1a', State: 'available', ZoneType: 'local-zone' },
          { ZoneName: 'us-east-1c', State: 'impaired', ZoneType: 'availability-zone' },
        ],
      };
    case 'DescribeSubnetsCommand': {
      const all = [subnet(1, 'us-east-1a', 'vpc-1', 'private-a'), subnet(2, 'us-east-1b'), subnet(3, 'us-east-1a', 'vpc-2', 'evil\u001b]0;pwned\u0007name'), subnet(4, 'us-east-1b', 'vpc-2')];
      const start = Number(input.NextToken ?? 0);
      return { Subnets: all.slice(start, start + 2), NextToken: start + 2 < all.length ? String(start + 2) : undefined };
    }
    case 'DescribeSecurityGroupsCommand':
      return { SecurityGroups: [{ GroupId: 'sg-0000000000000000b', GroupName: 'nfs', VpcId: 'vpc-1' }, { GroupId: 'sg-0000000000000000a', GroupName: 'default', VpcId: 'vpc-1' }] };
    case 'DescribeInstancesCommand':
      return {
        Reservations: [
          {
            Instances: [
              { InstanceId: 'i-0000000000000000a', State: { Name: 'running' }, Placement: { AvailabilityZone: 'us-east-1a' }, Tags: [{ Key: 'Name', Value: 'head-node' }] },
              { InstanceId: 'i-0000000000000000b', State: { Name: 'terminated' }, Placement: { AvailabilityZone: 'us-east-1a' } },
              { InstanceId: 'i-0000000000000000c', State: { Name: 'stopped' }, Placement: { AvailabilityZone: 'us-east-1b' } },
            ],
          },
        ],
      };
    default:
      throw err('UnsupportedOperation', command);
  }
};

const kms: Answer = (command) => {
  if (command !== 'ListAliasesCommand') throw err('UnsupportedOperation', command);
  return {
    Aliases: [
      { AliasName: 'alias/research', TargetKeyId: '1234abcd-12ab-34cd-56ef-1234567890ab' },
      { AliasName: 'alias/aws/ebs' }, // AWS managed alias never used: no key behind it yet
    ],
  };
};

const ds: Answer = (command) => {
  if (command !== 'DescribeDirectoriesCommand') throw err('UnsupportedOperation', command);
  return { DirectoryDescriptions: [{ DirectoryId: 'd-0123456789', Name: 'corp.example.com', Type: 'MicrosoftAD' }] };
};

/** A pool whose EC2, KMS and DS clients answer from the functions above (or fail as told). */
function fakePool(fail: Partial<Record<'ec2' | 'kms' | 'ds', Error>> = {}, calls: string[] = []): ClientPool {
  const plugin: ClientPlugin = (client, service) => {
    const answer = (name: 'ec2' | 'kms' | 'ds', a: Answer) => (command: string, input: Record<string, unknown>) => {
      calls.push(command);
      const e = fail[name];
      if (e) throw e;
      return a(command, input);
    };
    if (service === 'ec2') {
      const a = answer('ec2', ec2);
      (client as EC2Client).middlewareStack.add(
        (_next, context) => async (args) => ({ output: { $metadata: {}, ...a(context.commandName ?? '', args.input as Record<string, unknown>) } as Ec2Out, response: {} }),
        { step: 'initialize', name: 'fakeRegion' },
      );
    } else if (service === 'kms') {
      const a = answer('kms', kms);
      (client as KMSClient).middlewareStack.add(
        (_next, context) => async (args) => ({ output: { $metadata: {}, ...a(context.commandName ?? '', args.input as Record<string, unknown>) } as KmsOut, response: {} }),
        { step: 'initialize', name: 'fakeRegion' },
      );
    } else if (service === 'ds') {
      const a = answer('ds', ds);
      (client as DirectoryServiceClient).middlewareStack.add(
        (_next, context) => async (args) => ({ output: { $metadata: {}, ...a(context.commandName ?? '', args.input as Record<string, unknown>) } as DsOut, response: {} }),
        { step: 'initialize', name: 'fakeRegion' },
      );
    }
  };
  return new ClientPool({ region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, plugin });
}

describe('loadAccountContext', () => {
  it('gathers zones, subnets (all pages), groups, keys, directories and live instances', async () => {
    const calls: string[] = [];
    const pool = fakePool({}, calls);
    const ctx = await loadAccountContext(pool, 'us-east-1');
    pool.destroy();

    expect(ctx.region).toBe('us-east-1');
    expect(ctx.availabilityZones).toEqual(['us-east-1a', 'us-east-1b']); // local zones and impaired zones are not offered
    expect(ctx.subnets.map((s) => s.id)).toEqual(['subnet-00000000000000001', 'subnet-00000000000000002', 'subnet-00000000000000003', 'subnet-00000000000000004']);
    expect(calls.filter((c) => c === 'DescribeSubnetsCommand')).toHaveLength(2);
    expect(ctx.subnets[0]).toEqual({ id: 'subnet-00000000000000001', az: 'us-east-1a', vpcId: 'vpc-1', name: 'private-a' });
    expect(ctx.securityGroups.map((g) => g.name)).toEqual(['default', 'nfs']);
    expect(ctx.kmsKeys).toEqual([{ id: '1234abcd-12ab-34cd-56ef-1234567890ab', alias: 'alias/research' }]);
    expect(ctx.directories).toEqual([{ id: 'd-0123456789', name: 'corp.example.com', type: 'MicrosoftAD' }]);
    expect(ctx.instances).toEqual([
      { id: 'i-0000000000000000a', name: 'head-node', az: 'us-east-1a', state: 'running' },
      { id: 'i-0000000000000000c', name: undefined, az: 'us-east-1b', state: 'stopped' },
    ]);
    expect(ctx.failures).toBeUndefined();
  });

  it('strips terminal escape sequences from names that came from AWS', async () => {
    const pool = fakePool();
    const ctx = await loadAccountContext(pool, 'us-east-1');
    pool.destroy();
    const name = ctx.subnets.find((s) => s.id === 'subnet-00000000000000003')?.name ?? '';
    expect(name).toBe('evilname');
  });

  it('a failing service empties only its part and says why', async () => {
    const pool = fakePool({ kms: err('AccessDeniedException', 'User is not authorized to perform kms:ListAliases') });
    const ctx = await loadAccountContext(pool, 'us-east-1');
    pool.destroy();
    expect(ctx.kmsKeys).toEqual([]);
    expect(ctx.failures).toEqual([{ part: 'kmsKeys', message: 'AccessDeniedException: User is not authorized to perform kms:ListAliases' }]);
    expect(ctx.subnets).toHaveLength(4);
    expect(ctx.directories).toHaveLength(1);
    expect(ctx.availabilityZones).toEqual(['us-east-1a', 'us-east-1b']);
  });

  it('a region without Directory Service still yields the network', async () => {
    const pool = fakePool({ ds: err('UnsupportedOperation', 'Directory Service is not available in this region') });
    const ctx = await loadAccountContext(pool, 'us-east-1');
    pool.destroy();
    expect(ctx.directories).toEqual([]);
    expect(ctx.failures?.map((f) => f.part)).toEqual(['directories']);
    expect(ctx.securityGroups).toHaveLength(2);
  });

  it('everything failing yields an empty context, never a rejection', async () => {
    const denied = err('ExpiredTokenException', 'The security token included in the request is expired');
    const pool = fakePool({ ec2: denied, kms: denied, ds: denied });
    const ctx = await loadAccountContext(pool, 'us-east-1');
    pool.destroy();
    expect(ctx).toMatchObject({ availabilityZones: [], subnets: [], securityGroups: [], kmsKeys: [], directories: [], instances: [] });
    expect(ctx.failures?.map((f) => f.part)).toEqual(['availabilityZones', 'directories', 'instances', 'kmsKeys', 'securityGroups', 'subnets']);
  });
});
