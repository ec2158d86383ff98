// Step 3 as lines: the monthly estimate broken into its components, then the
// exact API calls (planCreate, secrets masked by maskSecrets), wrapped to the
// width so nothing is cut off; the screen scrolls them. Pure.
import { wrapPreformatted, wrapText } from '../../components/form/index.js';
import { expectedWait, maskSecrets, planCreate, PLAN_REF, type CreatePlan } from '../../services/aws/mutations.js';
import type { EstimateResult } from '../../services/pricing/index.js';
import { sanitize } from '../../services/sanitize.js';
import type { StorageRequest } from '../../services/types.js';
import { groupDigits } from '../../services/format.js';

export interface ReviewLine {
  text: string;
  tone?: 'accent' | 'dim' | 'warn' | 'error' | 'ok';
  bold?: boolean;
}

const usd = (v: number) => `$${v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const qty = (v: number) => v.toLocaleString('en-US', { maximumFractionDigits: 2 });
const rate = (v: number) => (v >= 0.01 ? usd(v) : `$${v.toPrecision(3)}`);

/** The estimate as lines (also used for the one-line summary on step 2). */
export function estimateLines(est: EstimateResult, width: number): ReviewLine[] {
  if (!est.ok) return wrapText(`Estimated monthly cost: ${sanitize(est.reason)}`, width).map((text) => ({ text, tone: 'warn' as const }));
  const e = est.estimate;
  const out: ReviewLine[] = [{ text: `Estimated monthly cost: ${usd(e.totalUsd)}  (${e.region}, rates of ${e.asOf})`, bold: true, tone: 'accent' }];
  for (const c of e.components) {
    const right = `${usd(c.usd)}`;
    const left = `  ${sanitize(c.label)}: ${qty(c.quantity)} ${c.unit} × ${rate(c.rate)}`;
    const gap = Math.max(1, width - Array.from(left).length - right.length);
    if (Array.from(left).length + 1 + right.length <= width) out.push({ text: `${left}${' '.repeat(gap)}${right}` });
    else for (const l of wrapText(`${left} = ${right}`, width)) out.push({ text: l });
  }
  for (const n of e.notes ?? []) for (const l of wrapText(`  not included: ${sanitize(n)}`, width)) out.push({ text: l, tone: 'dim' });
  return out;
}

/** The plan the review shows and Enter sends (masked). Throws only for a request without a token (never from the wizard). */
export function reviewPlan(req: StorageRequest): CreatePlan {
  return maskSecrets(planCreate(req));
}

/** EFS and S3 bill what is stored, not a provisioned size: the estimate prices what step 1 said. */
export function costBasis(req: StorageRequest, expectedStoredGiB: number | undefined): string | undefined {
  if ((req.config.type === 'efs' || req.config.type === 's3') && expectedStoredGiB !== undefined) return `for ${groupDigits(expectedStoredGiB)} GiB stored`;
  return undefined;
}

export function reviewLines(req: StorageRequest, est: EstimateResult, plan: CreatePlan, width: number, basis?: string): ReviewLine[] {
  const w = Math.max(20, width);
  const out: ReviewLine[] = [...estimateLines(est, w)];
  if (basis && est.ok) for (const l of wrapText(`  priced ${basis} (the capacity of step 1): ${req.config.type.toUpperCase()} bills what is stored each month.`, w)) out.push({ text: l, tone: 'dim' });
  out.push({ text: '' });
  out.push({ text: `Creating can take up to ${expectedWait(req.config.type)}; the wizard follows it until it is available.`, tone: 'dim' });
  out.push({ text: '' });
  out.push({ text: `API request${plan.steps.length > 1 ? `s (${plan.steps.length} calls, in order)` : ''} to ${plan.service.toUpperCase()} in ${req.region}, secrets masked:`, bold: true, tone: 'accent' });
  const refs = Object.values(PLAN_REF);
  plan.steps.forEach((s, i) => {
    out.push({ text: `${i + 1}. ${s.command}`, bold: true });
    const json = JSON.stringify(s.input, null, 2);
    for (const line of json.split('\n')) for (const l of wrapPreformatted(sanitize(line), w)) out.push({ text: l });
  });
  if (plan.steps.some((s) => refs.some((r) => JSON.stringify(s.input).includes(r)))) {
    for (const l of wrapText(`${refs.filter((r) => plan.steps.some((s) => JSON.stringify(s.input).includes(r))).join(', ')}: filled in from the earlier call's answer.`, w)) out.push({ text: l, tone: 'dim' });
  }
  return out;
}
