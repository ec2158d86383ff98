// The one place SDK clients are made (DESIGN.md "The AWS boundary"):
// region, credentials, endpoint, capped retries and request timeouts.
// One client per service and region, reused across polls; destroy() on exit.
import { EC2Client } from '@aws-sdk/client-ec2';
import { EFSClient } from '@aws-sdk/client-efs';
import { FSxClient } from '@aws-sdk/client-fsx';
import { S3Client } from '@aws-sdk/client-s3';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { SSMClient } from '@aws-sdk/client-ssm';
import { STSClient } from '@aws-sdk/client-sts';
import { KMSClient } from '@aws-sdk/client-kms';
import { DirectoryServiceClient } from '@aws-sdk/client-directory-service';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { ServiceName } from '../types.js';

export interface ClientMap {
  ec2: EC2Client;
  efs: EFSClient;
  fsx: FSxClient;
  s3: S3Client;
  cloudwatch: CloudWatchClient;
  ce: CostExplorerClient;
  ssm: SSMClient;
  sts: STSClient;
  kms: KMSClient;
  ds: DirectoryServiceClient;
}

/** Something that can take over a client's traffic (the simulated region). */
export type ClientPlugin = (client: ClientMap[ServiceName], service: ServiceName, region: string) => void;

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
      this.options.plugin?.(c, service, r);
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
  ce(): CostExplorerClient {
    return this.get('ce');
  }
  ssm(region?: string): SSMClient {
    return this.get('ssm', region);
  }
  sts(region?: string): STSClient {
    return this.get('sts', region);
  }
  kms(region?: string): KMSClient {
    return this.get('kms', region);
  }
  ds(region?: string): DirectoryServiceClient {
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
    const o = this.options;
    const endpoint = this.endpointFor(service);
    const config = {
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
    switch (service) {
      case 'ec2':
        return new EC2Client(config);
      case 'efs':
        return new EFSClient(config);
      case 'fsx':
        return new FSxClient(config);
      case 's3':
        // Custom endpoints (moto, LocalStack, MinIO) need path-style addressing.
        return new S3Client({ ...config, forcePathStyle: endpoint !== undefined });
      case 'cloudwatch':
        return new CloudWatchClient(config);
      case 'ce':
        return new CostExplorerClient(config);
      case 'ssm':
        return new SSMClient(config);
      case 'sts':
        return new STSClient(config);
      case 'kms':
        return new KMSClient(config);
      case 'ds':
        return new DirectoryServiceClient(config);
    }
  }
}
