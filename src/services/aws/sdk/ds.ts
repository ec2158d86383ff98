// Loaded on first use: the client by ClientPool (LAZY_CLIENTS in ../clients.ts), the
// exception class by the simulated region (sim/errors.ts).
export { DirectoryServiceClient, DirectoryServiceServiceException } from '@aws-sdk/client-directory-service';
