// The one place SDK clients are made (DESIGN.md "The AWS boundary"):
// region, credentials, endpoint, capped retries and request timeouts.
// One client per service and region, reused across polls; destroy() on exit.
import { EC2Client } from '@aws-sdk/client-ec2';
import { EFSClient } from '@aws-sdk/client-efs';
import { FSxClient } from '@aws-sdk/client-fsx';
import { S3Client } from '@aws-sdk/client-s3';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { STSClient } from '@aws-sdk/client-sts';
import type { KMSClient } from '@aws-sdk/client-kms';
import type { DirectoryServiceClient } from '@aws-sdk/client-directory-service';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { ServiceName } from '../types.js';

/**
 * A client whose SDK module is loaded on its first request. The services the
 * list needs at start-up (EC2, EFS, FSx, S3, CloudWatch) are loaded with the
 * program; the rest (Systems Manager, KMS, Directory Service, STS, Cost
 * Explorer) only when used, which keeps ~150 KB of SDK code out of start-up.
 * Only `send` is offered: the SDK paginators insist on the concrete class, so
 * code paging these services follows NextToken itself.
 */
export interface LazyClient<C extends { send: unknown; destroy(): void }> {
  send: C['send'];
  destroy(): void;
}

export interface ClientMap {
  ec2: EC2Client;
  efs: EFSClient;
  fsx: FSxClient;
  s3: S3Client;
  cloudwatch: CloudWatchClient;
  ce: LazyClient<CostExplorerClient>;
  ssm: LazyClient<SSMClient>;
  sts: LazyClient<STSClient>;
  kms: LazyClient<KMSClient>;
  ds: LazyClient<DirectoryServiceClient>;
}

type SdkClient = EC2Client | EFSClient | FSxClient | S3Client | CloudWatchClient | CostExplorerClient | SSMClient | STSClient | KMSClient | DirectoryServiceClient;
/** What every client is made with (see config()). */
interface SdkConfig {
  region: string;
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  endpoint?: string;
  maxAttempts: number;
  requestHandler: NodeHttpHandler;
}
type LazyService = 'ce' | 'ssm' | 'sts' | 'kms' | 'ds';

type SdkClientClass = new (config: SdkConfig) => SdkClient;

const LAZY_CLIENTS: Record<LazyService, () => Promise<SdkClientClass>> = {
  ce: () => import('./sdk/ce.js').then((m) => m.CostExplorerClient as SdkClientClass),
  ssm: () => import('./sdk/ssm.js').then((m) => m.SSMClient as SdkClientClass),
  sts: () => import('./sdk/sts.js').then((m) => m.STSClient as SdkClientClass),
  kms: () => import('./sdk/kms.js').then((m) => m.KMSClient as SdkClientClass),
  ds: () => import('./sdk/ds.js').then((m) => m.DirectoryServiceClient as SdkClientClass),
};

class DeferredClient {
  private real?: SdkClient;
  private loading?: Promise<SdkClient>;
  private destroyed = false;

  constructor(private readonly create: () => Promise<SdkClient>) {}

  /** The SDK client, created on the first request; its `send` answers the same as the SDK's. */
  readonly send = (command: unknown, options?: unknown): Promise<unknown> =>
    this.client().then((c) => (c.send as (cmd: unknown, opts?: unknown) => Promise<unknown>)(command, options));

  destroy(): void {
    this.destroyed = true;
    this.real?.destroy();
  }

  private client(): Promise<SdkClient> {
    if (this.destroyed) return Promise.reject(new Error('client pool was destroyed'));
    this.loading ??= this.create().then((c) => {
      if (this.destroyed) c.destroy();
      this.real = c;
      return c;
    });
    return this.loading;
  }
}

/** Something that can take over a client's traffic (the simulated region). */
export type ClientPlugin = (client: SdkClient, service: ServiceName, region: string) => void;

export interface ClientPoolOptions {
  region: string;
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Custom endpoint for every service (LocalStack, moto). */
  endpointUrl?: string;
  /** Per-service endpoints (AWS_ENDPOINT_URL_<SERVICE>). */
  serviceEndpoints?: Partial<Record<ServiceName, string>>;
  /** Attempts per call including the first (SDK standard retry). */
  maxAttempts?: number;
  requestTimeoutMs?: number;
  connectionTimeoutMs?: number;
  plugin?: ClientPlugin;
}

/** Env var suffix per service, as the AWS SDKs define them (AWS_ENDPOINT_URL_<ID>). */
export const ENDPOINT_ENV_SUFFIX: Record<ServiceName, string> = {
  ec2: 'EC2',
  efs: 'EFS',
  fsx: 'FSX',
  s3: 'S3',
  cloudwatch: 'CLOUDWATCH',
  ce: 'COST_EXPLORER',
  ssm: 'SSM',
  sts: 'STS',
  kms: 'KMS',
  ds: 'DIRECTORY_SERVICE',
};

/** Reads AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE> from an environment. */
export function endpointsFromEnv(env: NodeJS.ProcessEnv): { endpointUrl?: string; serviceEndpoints: Partial<Record<ServiceName, string>> } {
  const serviceEndpoints: Partial<Record<ServiceName, string>> = {};
  for (const [svc, suffix] of Object.entries(ENDPOINT_ENV_SUFFIX) as [ServiceName, string][]) {
    const v = env[`AWS_ENDPOINT_URL_${suffix}`];
    if (v) serviceEndpoints[svc] = v;
  }
  return { endpointUrl: env.AWS_ENDPOINT_URL || undefined, serviceEndpoints };
}

export class ClientPool {
  private readonly clients = new Map<string, ClientMap[ServiceName]>();
  private destroyed = false;

  constructor(readonly options: ClientPoolOptions) {}

  get region(): string {
    return this.options.region;
  }

  /** The endpoint a service talks to, when not AWS's own. */
  endpointFor(service: ServiceName): string | undefined {
    return this.options.serviceEndpoints?.[service] ?? this.options.endpointUrl;
  }

  get<S extends ServiceName>(service: S, region = this.options.region): ClientMap[S] {
    if (this.destroyed) throw new Error('client pool was destroyed');
    // Cost Explorer has a single endpoint in us-east-1.
    const r = service === 'ce' ? 'us-east-1' : region;
    const key = `${service}:${r}`;
    let c = this.clients.get(key);
    if (!c) {
      c = this.make(service, r);
      this.clients.set(key, c);
    }
    return c as ClientMap[S];
  }

  ec2(region?: string): EC2Client {
    return this.get('ec2', region);
  }
  efs(region?: string): EFSClient {
    return this.get('efs', region);
  }
  fsx(region?: string): FSxClient {
    return this.get('fsx', region);
  }
  s3(region?: string): S3Client {
    return this.get('s3', region);
  }
  cloudwatch(region?: string): CloudWatchClient {
    return this.get('cloudwatch', region);
  }
  ce(): ClientMap['ce'] {
    return this.get('ce');
  }
  ssm(region?: string): ClientMap['ssm'] {
    return this.get('ssm', region);
  }
  sts(region?: string): ClientMap['sts'] {
    return this.get('sts', region);
  }
  kms(region?: string): ClientMap['kms'] {
    return this.get('kms', region);
  }
  ds(region?: string): ClientMap['ds'] {
    return this.get('ds', region);
  }

  /** Number of live clients (for tests: one per service and region). */
  get size(): number {
    return this.clients.size;
  }

  destroy(): void {
    this.destroyed = true;
    for (const c of this.clients.values()) c.destroy();
    this.clients.clear();
  }

  private make(service: ServiceName, region: string): ClientMap[ServiceName] {
    const config = this.config(service, region);
    const plug = <C extends SdkClient>(c: C): C => {
      this.options.plugin?.(c, service, region);
      return c;
    };
    switch (service) {
      case 'ec2':
        return plug(new EC2Client(config));
      case 'efs':
        return plug(new EFSClient(config));
      case 'fsx':
        return plug(new FSxClient(config));
      case 's3':
        // Custom endpoints (moto, LocalStack, MinIO) need path-style addressing.
        return plug(new S3Client({ ...config, forcePathStyle: config.endpoint !== undefined }));
      case 'cloudwatch':
        return plug(new CloudWatchClient(config));
      default:
        return new DeferredClient(async () => plug(new (await LAZY_CLIENTS[service]())(config))) as unknown as ClientMap[LazyService];
    }
  }

  private config(service: ServiceName, region: string): SdkConfig {
    const o = this.options;
    const endpoint = this.endpointFor(service);
    const config: SdkConfig = {
      region,
      credentials: o.credentials,
      endpoint,
      // Retries live in one place (services/resilience.ts: capped backoff with jitter,
      // retryAfter honoured, circuit breaker), so the SDK makes a single attempt.
      maxAttempts: o.maxAttempts ?? 1,
      requestHandler: new NodeHttpHandler({
        connectionTimeout: o.connectionTimeoutMs ?? 3_000,
        requestTimeout: o.requestTimeoutMs ?? 15_000,
      }),
    };
    return config;
  }
}
