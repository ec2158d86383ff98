// Mode choice and client set-up: real AWS when credentials resolve, the
// simulated region when none do (or with --demo). Everything a face needs
// to talk to "AWS" comes out of here as a Backend.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { ClientPool, endpointsFromEnv } from './aws/clients.js';
import { SimRegion, parseFaults, type FaultSpec } from './sim/index.js';
import { stateDir } from './paths.js';
import { StorageError, type ServiceName } from './types.js';

export type Mode = 'aws' | 'sim';

export interface BackendFlags {
  demo?: boolean;
  aws?: boolean;
  profile?: string;
  region?: string;
  /** "a,b,c" or "all". */
  regions?: string;
  endpointUrl?: string;
  readOnly?: boolean;
  simScale?: number;
  simFaults?: string;
  simReset?: boolean;
  simSeed?: number;
  /** Keep simulated changes in memory only (tests, benchmarks). */
  simEphemeral?: boolean;
}

export interface Backend {
  mode: Mode;
  /** Why this mode (shown once on stderr by the non-interactive commands). */
  reason: string;
  profile?: string;
  region: string;
  regions: string[];
  endpointUrl?: string;
  serviceEndpoints: Partial<Record<ServiceName, string>>;
  readOnly: boolean;
  pool: ClientPool;
  sim?: SimRegion;
  credentials?: AwsCredentialIdentityProvider;
}

const SIM_CREDENTIALS: AwsCredentialIdentity = { accessKeyId: 'SIMULATED', secretAccessKey: 'SIMULATED' };

/** Region and profile sections of ~/.aws/config (AWS_CONFIG_FILE honoured). */
export function readAwsConfig(env: NodeJS.ProcessEnv = process.env): Map<string, Record<string, string>> {
  const file = env.AWS_CONFIG_FILE || join(env.HOME || homedir(), '.aws', 'config');
  const out = new Map<string, Record<string, string>>();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return out;
  }
  let current: Record<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/[#;].*$/, '').trim();
    if (!line) continue;
    const sec = /^\[\s*(?:profile\s+)?([^\]]+?)\s*\]$/.exec(line);
    if (sec) {
      current = {};
      out.set(sec[1], current);
      continue;
    }
    const kv = /^([^=]+?)\s*=\s*(.*)$/.exec(line);
    if (kv && current) current[kv[1].trim()] = kv[2].trim();
  }
  return out;
}

/** Profiles known from ~/.aws/config and ~/.aws/credentials (for `:profile`). */
export function knownProfiles(env: NodeJS.ProcessEnv = process.env): string[] {
  const names = new Set(readAwsConfig(env).keys());
  const credFile = env.AWS_SHARED_CREDENTIALS_FILE || join(env.HOME || homedir(), '.aws', 'credentials');
  try {
    for (const m of readFileSync(credFile, 'utf8').matchAll(/^\s*\[([^\]]+)\]/gm)) names.add(m[1].trim());
  } catch {
    // no credentials file
  }
  return [...names].filter((n) => !n.startsWith('sso-session')).sort();
}

export function resolveRegion(flags: BackendFlags, env: NodeJS.ProcessEnv, profile?: string): string {
  if (flags.region) return flags.region;
  if (env.AWS_REGION) return env.AWS_REGION;
  if (env.AWS_DEFAULT_REGION) return env.AWS_DEFAULT_REGION;
  const cfg = readAwsConfig(env).get(profile ?? 'default');
  return cfg?.region ?? 'us-east-1';
}

const REGION_RE = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;

export function parseRegions(spec: string | undefined, region: string): string[] | 'all' {
  if (!spec) return [region];
  if (spec.trim() === 'all') return 'all';
  const list = [...new Set(spec.split(',').map((s) => s.trim()).filter(Boolean))];
  const bad = list.filter((r) => !REGION_RE.test(r));
  if (list.length === 0 || bad.length > 0) {
    throw new StorageError({
      type: 'validation',
      service: 'local',
      code: 'InvalidRegion',
      message: `not a region code: ${bad.join(', ') || '(empty)'}`,
      hint: 'give region codes separated by commas, e.g. --regions us-east-1,us-west-2, or --regions all',
      recoverable: false,
    });
  }
  return list;
}

/** Tries the credential chain with a bound, so instance-metadata lookups never stall start-up off EC2. */
export async function probeCredentials(provider: AwsCredentialIdentityProvider, timeoutMs = 2500): Promise<{ ok: true } | { ok: false; error: unknown }> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      provider(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(Object.assign(new Error('timed out looking for AWS credentials'), { name: 'CredentialsProviderError' })), timeoutMs);
      }),
    ]);
    return { ok: true };
  } catch (error) {
    return { ok: false, error };
  } finally {
    if (timer) clearTimeout(timer);
  }
}

export function credentialProvider(profile: string | undefined): AwsCredentialIdentityProvider {
  // IMDS: one quick try, no retries: off EC2 it must fail fast; on EC2 it answers in ms.
  return profile ? fromIni({ profile }) : fromNodeProviderChain({ timeout: 1000, maxRetries: 0 });
}

export async function resolveBackend(flags: BackendFlags, env: NodeJS.ProcessEnv = process.env): Promise<Backend> {
  if (flags.demo && flags.aws) {
    throw new StorageError({ type: 'validation', service: 'local', code: 'ConflictingFlags', message: '--demo and --aws contradict each other', hint: 'use --demo for the simulated region or --aws for your account, not both', recoverable: false });
  }
  const profile = flags.profile || env.AWS_PROFILE || undefined;
  const region = resolveRegion(flags, env, profile);
  const { endpointUrl: envEndpoint, serviceEndpoints } = endpointsFromEnv(env);
  const endpointUrl = flags.endpointUrl || envEndpoint;
  const readOnly = !!flags.readOnly;
  const regionSpec = parseRegions(flags.regions, region);
  let faults: FaultSpec | undefined;
  if (flags.simFaults) faults = parseFaults(flags.simFaults);

  const sim = (reason: string): Backend => {
    const s = new SimRegion({ seed: flags.simSeed, scale: flags.simScale, faults, stateDir: flags.simEphemeral ? null : join(stateDir(env), 'sim') });
    if (flags.simReset) s.reset();
    const regions = regionSpec === 'all' ? ['us-east-1', 'us-west-2', 'eu-west-1'] : regionSpec;
    const pool = new ClientPool({ region: regions[0], credentials: SIM_CREDENTIALS, plugin: s.plugin });
    return { mode: 'sim', reason, region: regions[0], regions, readOnly, pool, sim: s, serviceEndpoints: {} };
  };

  if (flags.demo) return sim('--demo: using the simulated region');

  const credentials = credentialProvider(profile);
  const probe = await probeCredentials(credentials);
  if (!probe.ok) {
    if (flags.aws) {
      const msg = probe.error instanceof Error ? probe.error.message : String(probe.error);
      throw new StorageError({
        type: 'auth',
        service: 'sts',
        code: 'NoCredentials',
        message: `--aws: no AWS credentials found (${msg.split('\n')[0]})`,
        hint: profile ? `run \`aws sso login --profile ${profile}\` or check [${profile}] in ~/.aws/config` : 'set AWS_PROFILE, run `aws configure` or `aws sso login`, or drop --aws to use the simulated region',
        recoverable: false,
      });
    }
    return sim('no AWS credentials found: using the simulated region (--aws to insist, --demo to silence)');
  }
  const pool = new ClientPool({ region, credentials, endpointUrl, serviceEndpoints });
  let regions: string[];
  if (regionSpec === 'all') {
    const out = await pool.ec2().send(new DescribeRegionsCommand({ AllRegions: false }));
    regions = (out.Regions ?? []).map((r) => r.RegionName ?? '').filter(Boolean).sort();
  } else regions = regionSpec;
  return { mode: 'aws', reason: profile ? `AWS profile ${profile}` : 'AWS credentials from the default chain', profile, region: regions[0], regions, endpointUrl, serviceEndpoints, readOnly, pool, credentials };
}

/** The same backend pointed at other regions (`:region`), with fresh clients. */
export function withRegions(b: Backend, regions: string[]): Backend {
  b.pool.destroy();
  const pool = new ClientPool({ ...b.pool.options, region: regions[0] });
  return { ...b, region: regions[0], regions, pool };
}
