// The create wizard (`c`): purpose -> settings -> review -> progress, then the
// new store's detail screen. The wizard's value lives in a ref-backed state
// (keys are reduced synchronously by state.ts); this component reads the
// account, runs the creation and draws the step.
import { randomUUID } from 'node:crypto';
import React, { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Text, type Key } from 'ink';
import { formKey, useRefState } from '../../components/form/index.js';
import { SECRET_MASK } from '../../services/audit.js';
import { secretsOf } from '../../services/aws/mutations.js';
import { sanitize } from '../../services/sanitize.js';
import { bucketNameWarnings } from '../../services/validation/index.js';
import { loadAccountContext, type AccountContext } from '../../services/wizard/index.js';
import type { ScreenContext } from '../../app/screens.js';
import { rowKey } from '../list.js';
import { auditFor } from './audit.js';
import { needsOf, KIND_NAME } from './purpose.js';
import { costBasis, estimateLines, reviewLines, reviewPlan } from './review.js';
import { describeFailure, pollIntervalMs, runCreate } from './run.js';
import { estimateOf, problemsOf, requestOf, settingsFields } from './settings.js';
import { initialWizard, settingsOffset, toSettings, valuesOf, wizardKey, type RunView, type WizardEnv, type WizardState } from './state.js';
import { ProgressView, PurposeView, ReviewView, SettingsView } from './views.js';
import { useScreenKeys, useScreenRun } from '../../app/hooks.js';

type AccountLoad = { status: 'loading' } | { status: 'ready'; ctx: AccountContext };

/** Options for tests and embedding: how the wizard waits (production uses the defaults). */
export interface CreateScreenOptions {
  /** Poll interval of the waits (default: fast in the simulated region, per kind against AWS). */
  intervalMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** The idempotency token of a wizard run (default: a random UUID). */
  token?: () => string;
  env?: NodeJS.ProcessEnv;
}

/** Every secret value typed so far replaced by the mask (AWS error messages can quote input). */
function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s) out = out.split(s).join(SECRET_MASK);
  return out;
}

export function CreateScreen({ ctx, options = {} }: { ctx: ScreenContext; options?: CreateScreenOptions }): React.ReactElement {
  const backend = ctx.session.backend;
  const [stateRef, setState] = useRefState<WizardState>(() => initialWizard(backend.region, (options.token ?? randomUUID)()));
  const [accounts, setAccounts] = useState<Record<string, AccountLoad>>({});
  const accountsRef = useRef(accounts);
  accountsRef.current = accounts;
  const [frame, setFrame] = useState(0);
  const [clock, setClock] = useState(() => Date.now());
  // Leaving the screen (q, a region switch) stops following; AWS keeps what it accepted.
  const { mounted, abort } = useScreenRun();
  const ctxRef = useRef(ctx);
  ctxRef.current = ctx;
  const s = stateRef.current;
  const region = s.purpose.region;
  const load = accounts[region];
  const account = load?.status === 'ready' ? load.ctx : undefined;

  const env = useCallback(
    (): WizardEnv => {
      const a = accountsRef.current[stateRef.current.purpose.region];
      return { account: a?.status === 'ready' ? a.ctx : undefined, regions: ctxRef.current.session.backend.regions, height: ctxRef.current.height, width: ctxRef.current.width, now: Date.now() };
    },
    [stateRef],
  );

  // The account of the chosen region: read once per region and wizard run.
  useEffect(() => {
    if (accounts[region]) return;
    setAccounts((a) => ({ ...a, [region]: { status: 'loading' } }));
    loadAccountContext(backend.pool, region).then(
      (c) => mounted.current && setAccounts((a) => ({ ...a, [region]: { status: 'ready', ctx: c } })),
      (e: unknown) =>
        mounted.current &&
        setAccounts((a) => ({
          ...a,
          [region]: { status: 'ready', ctx: { region, availabilityZones: [], subnets: [], securityGroups: [], kmsKeys: [], directories: [], instances: [], failures: [{ part: 'subnets', message: e instanceof Error ? e.message : String(e) }] } },
        })),
    );
  }, [region, accounts, backend.pool, mounted]);

  // Enter on step 1 while the account was still being read: continue once it is.
  useEffect(() => {
    const cur = stateRef.current;
    if (cur.step === 'purpose' && account && cur.waitingAccount) setState(toSettings(cur, env()).state);
  }, [account, env, setState, stateRef]);

  // ---- running the creation
  const start = useCallback(() => {
    const cur = stateRef.current;
    const values = valuesOf(cur);
    if (!values) return;
    const req = requestOf(values, cur.purpose.region, cur.purpose.workload, cur.token);
    const secrets = secretsOf(req);
    const controller = new AbortController();
    abort.current = controller;
    const update = (f: (r: RunView) => RunView) => {
      if (!mounted.current || abort.current !== controller) return;
      const st = stateRef.current;
      if (st.run) setState({ ...st, run: f(st.run) });
    };
    runCreate(
      {
        pool: ctxRef.current.session.backend.pool,
        audit: auditFor(ctxRef.current.session, options.env),
        signal: controller.signal,
        intervalMs: options.intervalMs ?? pollIntervalMs(ctxRef.current.session.backend.mode, req.config.type),
        sleep: options.sleep,
      },
      req,
      {
        onStep: (i, command) =>
          update((r) => {
            const steps = r.steps.slice();
            for (let j = 0; j < i; j++) if (steps[j]) steps[j] = { ...steps[j], state: 'done' };
            steps[i] = { command, state: 'running' };
            return { ...r, steps };
          }),
        onState: (id, state, raw) =>
          update((r) => {
            const states = r.states.filter((x) => x.id !== id);
            const at = r.states.findIndex((x) => x.id === id);
            states.splice(at < 0 ? states.length : at, 0, { id, state, raw });
            return { ...r, states };
          }),
      },
    ).then(
      (info) => {
        const key = rowKey(info);
        update((r) => ({ ...r, status: 'created', steps: r.steps.map((x) => ({ ...x, state: 'done' })), createdKey: key, createdId: info.id, leaveConfirm: false }));
        const session = ctxRef.current.session;
        session.store.upsert(info);
        session.refresh();
      },
      (e: unknown) => {
        const f = describeFailure(e);
        const failure = { ...f, message: scrub(f.message, secrets), hint: scrub(f.hint, secrets) };
        update((r) => ({
          ...r,
          status: 'failed',
          leaveConfirm: false,
          error: failure,
          steps: r.steps.map((x, i) => (x.state === 'running' || (failure.step !== undefined && i === failure.step) ? { ...x, state: i === failure.step || failure.step === undefined ? 'failed' : 'done' } : x)),
        }));
      },
    );
  }, [abort, mounted, options.env, options.intervalMs, options.sleep, setState, stateRef]);

  // Once the new store is in the list, show its detail screen.
  const created = s.run?.status === 'created' ? s.run.createdKey : undefined;
  const opened = useRef<string | null>(null);
  useEffect(() => {
    if (!created || opened.current === created || !ctx.resources.some((r) => rowKey(r) === created)) return;
    opened.current = created;
    ctx.openDetail(created);
  }, [created, ctx]);

  // ---- keys
  const handler = useCallback(
    (input: string, key: Key): boolean => {
      const cur = stateRef.current;
      const e = env();
      if (ctxRef.current.session.backend.readOnly) return false;
      const r = wizardKey(cur, formKey(input, key), e);
      setState(r.state);
      switch (r.effect) {
        case 'start':
        case 'retry':
          start();
          break;
        case 'abort':
          abort.current?.abort();
          abort.current = null;
          ctxRef.current.flash(`Stopped following the creation: what AWS already accepted keeps going; refresh the list (r) to see it.`, 'warn');
          ctxRef.current.session.refresh();
          ctxRef.current.back();
          break;
        case 'open': {
          const k = r.state.run?.createdKey;
          if (k && ctxRef.current.resources.some((x) => rowKey(x) === k)) ctxRef.current.openDetail(k);
          else {
            // Not listed yet (the refresh is slow or failing): say where it will show instead of an empty detail.
            ctxRef.current.flash(`${r.state.run?.createdId ?? 'The new store'} was created; it shows in the list with the next refresh (r refreshes now).`, 'info');
            ctxRef.current.session.refresh();
            ctxRef.current.back();
          }
          break;
        }
        case 'leave':
          ctxRef.current.back();
          break;
        default:
          break;
      }
      return r.consumed;
    },
    [abort, env, setState, start, stateRef],
  );

  useScreenKeys(ctx, handler);

  // The spinner: our own frames, only while something runs.
  const running = s.run?.status === 'running' && s.step === 'progress';
  useEffect(() => {
    if (!running) return;
    const id = setInterval(() => {
      setFrame((f) => f + 1);
      setClock(Date.now());
    }, 120);
    return () => clearInterval(id);
  }, [running]);

  // ---- derived values for the view (pure services, cheap)
  const config = s.configs[s.purpose.kind];
  const values = useMemo(() => (config ? { name: s.name, tags: s.tags, config } : undefined), [config, s.name, s.tags]);
  const derived = useMemo(() => {
    if (!values || !account) return undefined;
    const req = requestOf(values, s.purpose.region, s.purpose.workload, s.token);
    const fields = settingsFields(values.config);
    const problems = problemsOf(req, account, fields);
    const needs = needsOf(s.purpose).needs;
    const estimate = estimateOf(req, needs?.capacityGiB);
    return { req, fields, problems, estimate, basis: costBasis(req, needs?.capacityGiB) };
  }, [values, account, s.purpose, s.token]);

  const colors = ctx.theme;
  const { width, height } = ctx;
  if (backend.readOnly) return <Text color={colors.warn}>Read-only: creating is disabled. Esc goes back.</Text>;
  const accountState = load?.status === 'ready' ? (load.ctx.failures?.length ? `account read with gaps (${load.ctx.failures.map((f) => f.part).join(', ')})` : `account ${region} read`) : `reading account ${region}…`;

  switch (s.step) {
    case 'purpose':
      return <PurposeView s={s} regions={backend.regions} accountState={accountState} colors={colors} width={width} height={height} />;
    case 'settings': {
      if (!derived || !values || !account) return <Text>{`Reading the account of ${region}…`}</Text>;
      const sOffset = settingsOffset(s, derived.fields, height);
      const view = sOffset === s.sOffset ? s : { ...s, sOffset };
      const warnings = values.config.type === 's3' ? bucketNameWarnings(values.config.s3.bucketName) : [];
      return (
        <SettingsView
          s={view}
          values={values}
          fields={derived.fields}
          account={account}
          byField={derived.problems.byField}
          general={derived.problems.general}
          problemCount={derived.problems.all.length}
          estimate={derived.estimate}
          costBasis={derived.basis}
          warnings={warnings}
          colors={colors}
          width={width}
          height={height}
        />
      );
    }
    case 'review': {
      if (!derived || !values) return <Text>…</Text>;
      let lines;
      try {
        lines = reviewLines(derived.req, derived.estimate, reviewPlan(derived.req), width, derived.basis);
      } catch (e) {
        lines = [...estimateLines(derived.estimate, width), { text: `The request cannot be planned: ${sanitize(e instanceof Error ? e.message : String(e))}`, tone: 'error' as const }];
      }
      return <ReviewView s={s} lines={lines} title={`${KIND_NAME[values.config.type]} "${sanitize(values.name)}" in ${s.purpose.region}`} colors={colors} width={width} height={height} />;
    }
    case 'progress':
      return <ProgressView s={s} what={`${values ? KIND_NAME[values.config.type] : 'storage'} "${sanitize(s.name)}"`} frame={frame} now={clock} colors={colors} width={width} height={height} />;
  }
}

