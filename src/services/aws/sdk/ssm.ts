// Loaded on first use: the client by ClientPool (LAZY_CLIENTS in ../clients.ts), the
// exception class by the simulated region (sim/errors.ts).
export { SSMClient, SSMServiceException } from '@aws-sdk/client-ssm';
