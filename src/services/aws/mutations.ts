// Everything that changes AWS resources, in one import: guided creation
// (create-plan.ts: the plan; create.ts: running it; wait.ts: waiting), safe deletion (delete.ts), modifications and EBS attach/detach
// (modify.ts). Every mutating call is audited (services/audit.ts) and never
// logs a secret; the shared machinery lives in mutation-support.ts.
export { PLAN_REF, maskSecrets, newRequest, planCreate, s3PresetRules, secretsOf, type CreatePlan, type PreparedRequest } from './create-plan.js';
export { CreateFailedError, createStorage, expectedWait, type CreateOptions } from './create.js';
export { POLL_INTERVAL_MS, waitUntilAvailable, type WaitOptions } from './wait.js';
export { deleteStorage, previewDelete, type DeleteOptions, type DeletePreview, type DeleteResult, type DeleteRunOptions } from './delete.js';
export {
  attachEbsVolume,
  detachEbsVolume,
  mergeLifecycleRules,
  modifyEbsVolume,
  putEfsLifecycle,
  putS3LifecycleRule,
  s3RuleOf,
  updateEfsThroughput,
  updateFsxThroughput,
  type EbsChange,
  type EfsLifecyclePolicies,
  type S3LifecycleRuleChange,
} from './modify.js';
export type { MutationOptions } from './mutation-support.js';
