// Validation of creation requests against AWS's rules, before any AWS call.
// validateRequest never throws; assertValidRequest is what the mutations layer calls.
import { sanitize } from '../sanitize.js';
import { type StorageRequest, validationError } from '../types.js';
import { type FieldError, validateCommon, type ValidationContext } from './common.js';
import { validateEbs } from './ebs.js';
import { validateEfs } from './efs.js';
import { q } from './format.js';
import { validateLustre, validateOntap, validateOpenZfs, validateWindows } from './fsx.js';
import { rawInputs } from './raw-input.js';
import { validateS3 } from './s3.js';

export type { FieldError, ValidationContext } from './common.js';
export { nearestValid } from './nearest.js';
export { bucketNameWarnings, validateBucketName } from './s3.js';

/** Every problem with the request, in form order; [] when it is valid. Never throws. */
export function validateRequest(req: StorageRequest, ctx?: ValidationContext): FieldError[] {
  let errs: FieldError[];
  try {
    errs = [...validateCommon(req), ...validateConfig(req, ctx)];
  } catch {
    return [{ field: 'config', message: 'The request is incomplete or malformed: start the form again from a fresh configuration.' }];
  }
  // What was typed but could not be stored (e.g. "12x" for a number) replaces that field's other errors.
  const raw = req.config ? rawInputs(req.config) : new Map();
  if (raw.size === 0) return errs;
  const out = errs.filter((e) => !raw.has(e.field));
  for (const [field, r] of raw) {
    const message =
      r.expected === 'number'
        ? `${r.label} must be a number and ${q(r.text)} is not one: type digits only, such as 1200.`
        : `${r.label} must be yes or no, and ${q(r.text)} is neither: type yes or no.`;
    out.push({ field, message });
  }
  return out;
}

function validateConfig(req: StorageRequest, ctx?: ValidationContext): FieldError[] {
  const c = req.config;
  const region = typeof req.region === 'string' ? req.region : '';
  if (!c || typeof c !== 'object') return [{ field: 'config', message: 'Choose a storage kind and fill in its settings.' }];
  switch (c.type) {
    case 'ebs':
      return validateEbs(c.ebs, region, ctx);
    case 'efs':
      return validateEfs(c.efs, region, ctx);
    case 's3':
      return validateS3(c.s3, region);
    case 'fsx-lustre':
      return validateLustre(c.lustre, region, ctx);
    case 'fsx-openzfs':
      return validateOpenZfs(c.openzfs, region, ctx);
    case 'fsx-windows':
      return validateWindows(c.windows, region, ctx);
    case 'fsx-ontap':
      return validateOntap(c.ontap, region, ctx);
    default:
      return [{ field: 'config', message: `Storage kind ${q((c as { type?: unknown }).type ?? '')} is not one this tool creates: choose EBS, EFS, S3 or an FSx kind.` }];
  }
}

/**
 * Throws a StorageError (type "validation", service "local") naming the first problems, so that
 * nothing invalid reaches AWS. The mutations layer calls this before its first SDK call.
 */
export function assertValidRequest(req: StorageRequest, ctx?: ValidationContext): void {
  const errs = validateRequest(req, ctx);
  if (errs.length === 0) return;
  const shown = errs.slice(0, 3).map((e) => e.message);
  const more = errs.length > 3 ? ` (${errs.length - 3} more problem${errs.length - 3 > 1 ? 's' : ''}.)` : '';
  throw validationError(
    shown.join(' ') + more,
    'Correct the fields named above and try again; nothing was sent to AWS.',
    typeof req.name === 'string' && req.name.trim() ? sanitize(req.name) : undefined,
  );
}
