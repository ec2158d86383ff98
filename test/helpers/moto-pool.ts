// Integration-test setup on the shared moto server (kept apart from moto.ts, which the
// global setup loads: no SDK there).
import { DescribeSubnetsCommand } from '@aws-sdk/client-ec2';
import { expect } from 'vitest';
import { ClientPool } from '../../src/services/aws/clients.js';

/** A client pool on moto (one attempt per call), and the default subnet, with its zone, that tests create into. */
export async function motoPoolAndSubnet(endpoint: string, region: string): Promise<{ pool: ClientPool; subnetId: string; az: string }> {
  const pool = new ClientPool({ region, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' }, endpointUrl: endpoint, maxAttempts: 1 });
  const subnets = await pool.ec2().send(new DescribeSubnetsCommand({}));
  const s = subnets.Subnets?.find((x) => x.DefaultForAz) ?? subnets.Subnets?.[0];
  const subnetId = s?.SubnetId ?? '';
  expect(subnetId).toMatch(/^subnet-/);
  return { pool, subnetId, az: s?.AvailabilityZone ?? `${region}a` };
}
