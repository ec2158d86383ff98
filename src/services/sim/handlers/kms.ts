// KMS: the aliases and keys the create wizard offers for encryption.
import type { DescribeKeyRequest, DescribeKeyResponse, ListAliasesRequest, ListAliasesResponse } from '@aws-sdk/client-kms';
import type { KmsKey, RegionWorld } from '../model.js';
import { awsError } from '../errors.js';
import { paginate } from '../paging.js';
import { ACCOUNT_ID } from '../world.js';
import type { Ctx, HandlerTable } from './common.js';

/** A key by id, key ARN, alias name or alias ARN (the four forms AWS accepts). */
export function resolveKmsKey(rw: RegionWorld, ref: string): KmsKey | undefined {
  const aliasArn = /^arn:aws:kms:([^:]+):(\d{12}):(alias\/.+)$/.exec(ref);
  const keyArn = /^arn:aws:kms:([^:]+):(\d{12}):key\/(.+)$/.exec(ref);
  if (aliasArn) return aliasArn[1] === rw.region && aliasArn[2] === ACCOUNT_ID ? rw.kmsKeys.find((k) => k.aliases.includes(aliasArn[3])) : undefined;
  if (keyArn) return keyArn[1] === rw.region ? rw.kmsKeys.find((k) => k.id === keyArn[3]) : undefined;
  if (ref.startsWith('alias/')) return rw.kmsKeys.find((k) => k.aliases.includes(ref));
  return rw.kmsKeys.find((k) => k.id === ref);
}

function listAliases(ctx: Ctx, input: unknown): ListAliasesResponse {
  const i = input as ListAliasesRequest;
  if (i.Limit !== undefined && (i.Limit < 1 || i.Limit > 100)) throw awsError('kms', 'ValidationException', `1 validation error detected: Value '${i.Limit}' at 'limit' failed to satisfy constraint: Member must have value between 1 and 100`);
  let keys = ctx.rw.kmsKeys;
  if (i.KeyId) {
    const k = resolveKmsKey(ctx.rw, i.KeyId);
    if (!k) throw awsError('kms', 'NotFoundException', `Key '${i.KeyId}' does not exist`);
    keys = [k];
  }
  const rows = keys.flatMap((k) => k.aliases.map((a) => ({ k, a }))).map((r, n) => ({ ...r, seq: n + 1 }));
  const page = paginate('kms', 'ListAliases', rows, i.Limit ?? 50, i.Marker);
  return {
    Aliases: page.items.map(({ k, a }) => ({ AliasName: a, AliasArn: `arn:aws:kms:${ctx.region}:${ACCOUNT_ID}:${a}`, TargetKeyId: k.id, CreationDate: new Date(k.createdAt), LastUpdatedDate: new Date(k.createdAt) })),
    NextMarker: page.next,
    Truncated: page.next !== undefined,
  };
}

function describeKey(ctx: Ctx, input: unknown): DescribeKeyResponse {
  const i = input as DescribeKeyRequest;
  if (!i.KeyId) throw awsError('kms', 'ValidationException', "1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null");
  const k = resolveKmsKey(ctx.rw, i.KeyId);
  if (!k) {
    const what = i.KeyId.includes('alias/') ? `Alias ${i.KeyId.startsWith('arn:') ? i.KeyId : `arn:aws:kms:${ctx.region}:${ACCOUNT_ID}:${i.KeyId}`} is not found.` : `Key '${i.KeyId.startsWith('arn:') ? i.KeyId : `arn:aws:kms:${ctx.region}:${ACCOUNT_ID}:key/${i.KeyId}`}' does not exist`;
    throw awsError('kms', 'NotFoundException', what);
  }
  return {
    KeyMetadata: {
      AWSAccountId: ACCOUNT_ID,
      KeyId: k.id,
      Arn: k.arn,
      CreationDate: new Date(k.createdAt),
      Enabled: true,
      Description: k.description,
      KeyUsage: 'ENCRYPT_DECRYPT',
      KeyState: 'Enabled',
      Origin: 'AWS_KMS',
      KeyManager: k.manager,
      CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
      KeySpec: 'SYMMETRIC_DEFAULT',
      EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
      MultiRegion: false,
    },
  };
}

export const kmsHandlers: HandlerTable = { ListAliases: listAliases, DescribeKey: describeKey };
