// Deletion for the scripting faces: the refusal both faces give when the
// services' inspection finds something that blocks a delete.
import { StorageError, type StorageInfo } from '../../services/types.js';

/** What blocks the delete (from previewDelete's refusals), and what to do: nothing was changed. */
export function deleteBlockedError(store: StorageInfo, refusals: readonly string[], emptyFlag: string): StorageError {
  const emptiable = store.type === 's3' || store.type === 'efs';
  return new StorageError({
    type: 'conflict',
    service: 'local',
    resource: store.id,
    code: 'DeleteBlocked',
    message: `${store.name} cannot be deleted now: ${refusals.join('; ')}`,
    hint: emptiable ? `nothing was changed; ${emptyFlag} removes what blocks it (${store.type === 's3' ? 'every object version' : 'its mount targets and access points'}; this cannot be undone)` : 'nothing was changed; resolve what blocks it and delete again',
    recoverable: false,
  });
}
