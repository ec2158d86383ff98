// Loaded on first use: the client by ClientPool (LAZY_CLIENTS in ../clients.ts), the
// exception class by the simulated region (sim/errors.ts).
export { STSClient, STSServiceException } from '@aws-sdk/client-sts';
