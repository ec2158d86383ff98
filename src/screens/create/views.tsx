// The wizard's four views. Each draws exactly `height` lines or fewer, every
// line truncated to `width`: the wizard never makes the terminal scroll.
import React from 'react';
import { Box, Text } from 'ink';
import { scrollOffset } from '../../components/WindowedTable.js';
import { optionLabel, SecretInput, SelectList, TextInput, toggleText, wrapText, type FormColors, type SelectOption } from '../../components/form/index.js';
import type { EstimateResult } from '../../services/pricing/index.js';
import { pad, sanitize, truncate } from '../../services/sanitize.js';
import type { AccountContext } from '../../services/wizard/index.js';
import { KIND_NAME, needsOf, purposeFields, recommendationOf, WORKLOADS, type PurposeField } from './purpose.js';
import type { ReviewLine } from './review.js';
import { fieldOptions, fieldValue, type SettingsField, type SettingsValues } from './settings.js';
import { purposeLayout, purposeOptions, purposeText, reviewLayout, settingsLayout, type RunView, type WizardState } from './state.js';

export interface ViewProps {
  colors: FormColors;
  width: number;
  height: number;
}

type Tone = 'accent' | 'dim' | 'warn' | 'error' | 'ok' | undefined;

function Line({ text, width, tone, colors, bold }: { text: string; width: number; tone?: Tone; colors: FormColors; bold?: boolean }): React.ReactElement {
  return (
    <Text wrap="truncate" color={tone && tone !== 'dim' ? colors[tone] : undefined} dimColor={tone === 'dim'} bold={bold}>
      {truncate(text, Math.max(1, width)) || ' '}
    </Text>
  );
}

const STEP_TITLE = { purpose: '1/4 Purpose', settings: '2/4 Settings', review: '3/4 Review', progress: '4/4 Creating' } as const;

function Title({ s, extra, colors, width }: { s: WizardState; extra?: string; colors: FormColors; width: number }): React.ReactElement {
  return <Line text={`New storage · ${STEP_TITLE[s.step]}${extra ? ` · ${extra}` : ''}`} width={width} tone="accent" bold colors={colors} />;
}

function labelWidth(width: number): number {
  return Math.max(8, Math.min(26, Math.floor(width * 0.34)));
}

/** Pads a list of lines to exactly n (blank lines), cutting what does not fit. */
function exactly(lines: React.ReactElement[], n: number, keyPrefix: string): React.ReactElement[] {
  const out = lines.slice(0, Math.max(0, n));
  while (out.length < n) out.push(<Text key={`${keyPrefix}${out.length}`}> </Text>);
  return out;
}

// ---------------------------------------------------------------------------
// Step 1

function purposeValueNode(s: WizardState, f: PurposeField, focused: boolean, width: number, regions: readonly string[]): React.ReactElement {
  const unit = f.unit ? ` ${f.unit}` : '';
  if (f.kind === 'number') {
    const editing = focused && s.edit?.key === `p:${f.key}`;
    const value = editing ? s.edit!.text.value : purposeText(s, f.key);
    const cursor = editing ? s.edit!.text.cursor : Array.from(value).length;
    const shownUnit = value === '' && !focused ? '' : unit;
    return (
      <Text>
        <TextInput value={value} cursor={cursor} focused={focused} width={Math.max(1, width - shownUnit.length)} placeholder={f.key === 'throughput' ? '(not known)' : ''} />
        {shownUnit}
      </Text>
    );
  }
  if (f.kind === 'toggle') return <Text>{toggleText(purposeText(s, f.key) === 'yes')}</Text>;
  if (f.key === 'kind') {
    const rec = recommendationOf(s.purpose);
    return <Text>{truncate(`${KIND_NAME[s.purpose.kind]}${rec?.type === s.purpose.kind ? '  ★ recommended' : ''}`, width)}</Text>;
  }
  if (f.key === 'workload') return <Text>{truncate(WORKLOADS.find((w) => w.value === s.purpose.workload)?.label ?? s.purpose.workload, width)}</Text>;
  return <Text>{truncate(optionLabel(purposeOptions(f.key, s, { regions }), purposeText(s, f.key)), width)}</Text>;
}

export function PurposeView({ s, regions, accountState, colors, width, height }: ViewProps & { s: WizardState; regions: readonly string[]; accountState: string }): React.ReactElement {
  const fields = purposeFields(regions);
  const { fields: fh } = purposeLayout(height, fields.length);
  const lw = labelWidth(width);
  const { errors } = needsOf(s.purpose);
  const rows: React.ReactElement[] = [<Title key="title" s={s} extra={accountState} colors={colors} width={width} />];
  if (s.picker) {
    const key = s.picker.key as PurposeField['key'];
    const f = fields.find((x) => x.key === key);
    rows.push(<SelectList key="picker" title={`Choose ${f?.label ?? key}: ↑↓ move, Enter picks, Esc cancels`} options={purposeOptions(key, s, { regions })} state={s.picker.state} height={settingsLayout(height).picker} width={width} colors={colors} />);
    return (
      <Box flexDirection="column" height={height} overflow="hidden">
        {rows}
      </Box>
    );
  }
  // After a resize the window may be smaller than when the focus last moved: keep the focus visible.
  const offset = scrollOffset(Math.min(s.pFocus, fields.length - 1), s.pOffset, fh, fields.length);
  const window = fields.slice(offset, offset + fh);
  for (const [j, f] of window.entries()) {
    const i = offset + j;
    const focused = i === s.pFocus;
    const bad = errors.some((e) => e.field === f.key);
    rows.push(
      <Text key={`f-${f.key}`} wrap="truncate">
        <Text color={focused ? colors.accent : undefined}>{focused ? '›' : ' '}</Text>
        <Text color={colors.error}>{bad ? '✗' : ' '}</Text>
        <Text bold={focused}>{` ${pad(f.label, lw)} `}</Text>
        {purposeValueNode(s, f, focused, Math.max(1, width - lw - 4), regions)}
      </Text>,
    );
  }
  // The recommendation, then its alternatives, in the room left.
  const room = Math.max(0, height - 1 - window.length - 3);
  const rec = recommendationOf(s.purpose);
  const recLines: React.ReactElement[] = [];
  if (rec) {
    for (const l of wrapText(`Recommended: ${rec.reason}`, width)) recLines.push(<Line key={`r${recLines.length}`} text={l} width={width} tone="ok" colors={colors} />);
    for (const a of rec.alternatives) for (const l of wrapText(`  or ${KIND_NAME[a.type]}: ${a.why}`, width)) recLines.push(<Line key={`r${recLines.length}`} text={l} width={width} tone="dim" colors={colors} />);
  } else recLines.push(<Line key="r0" text="Recommendation: fill in the needs above." width={width} tone="dim" colors={colors} />);
  rows.push(...exactly([<Text key="gap"> </Text>, ...recLines], room, 'rp'));
  // Message area: an error of the needs, a one-off message, or the focused field's help.
  const focusedField = fields[s.pFocus];
  const err = errors.find((e) => e.field === focusedField?.key);
  const msg = s.message ?? (err ? { text: err.message, level: 'error' as const } : { text: focusedField?.help ?? '', level: 'info' as const });
  const msgLines = wrapText(msg.text, width).map((l, i) => <Line key={`m${i}`} text={l} width={width} tone={msg.level === 'info' ? 'dim' : msg.level} colors={colors} />);
  rows.push(...exactly(msgLines, 2, 'pm'));
  rows.push(<Line key="keys" text="↑↓ field  ←→/Space choose  Enter settings  Esc close" width={width} tone="dim" colors={colors} />);
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      {rows.slice(0, height)}
    </Box>
  );
}

// ---------------------------------------------------------------------------
// Step 2

function settingsValueNode(s: WizardState, v: SettingsValues, f: SettingsField, focused: boolean, width: number, options: SelectOption[]): React.ReactElement {
  const unit = f.unit ? ` ${f.unit}` : '';
  const raw = fieldValue(v, f.key);
  if (f.kind === 'secret') {
    // Only the length reaches the view.
    const length = Array.from(focused && s.edit?.key === f.key ? s.edit.text.value : raw).length;
    return <SecretInput length={length} focused={focused} width={width} />;
  }
  if (f.kind === 'text' || f.kind === 'number') {
    const editing = focused && s.edit?.key === f.key;
    const value = editing ? s.edit!.text.value : raw;
    const cursor = editing ? s.edit!.text.cursor : Array.from(value).length;
    return (
      <Text>
        <TextInput value={value} cursor={cursor} focused={focused} width={Math.max(1, width - unit.length)} placeholder={f.common ? '' : '(empty)'} />
        {unit}
      </Text>
    );
  }
  if (f.kind === 'bool') return <Text>{toggleText(raw === 'yes')}</Text>;
  if (f.kind === 'multi') {
    const ids = raw.split(/[\s,]+/).filter(Boolean);
    return <Text dimColor={ids.length === 0}>{truncate(ids.length === 0 ? '(none: Space to choose)' : `${ids.length}: ${ids.join(', ')}`, width)}</Text>;
  }
  const label = options.length || raw ? optionLabel(options, raw) : '';
  return <Text dimColor={!label}>{truncate(sanitize(label || '(none available)'), width)}</Text>;
}

export interface SettingsViewProps extends ViewProps {
  s: WizardState;
  values: SettingsValues;
  fields: readonly SettingsField[];
  account: AccountContext;
  byField: ReadonlyMap<string, string[]>;
  general: readonly { field: string; message: string }[];
  problemCount: number;
  estimate: EstimateResult;
  /** What the estimate assumes, e.g. "for 500 GiB stored" (EFS and S3 bill what is stored). */
  costBasis?: string;
  warnings: readonly string[];
}

export function SettingsView(p: SettingsViewProps): React.ReactElement {
  const { s, values, fields, account, byField, colors, width, height } = p;
  const lay = settingsLayout(height);
  const lw = labelWidth(width);
  const kind = KIND_NAME[values.config.type];
  const rows: React.ReactElement[] = [<Title key="title" s={s} extra={`${kind} in ${s.purpose.region}`} colors={colors} width={width} />];
  const cost = p.estimate.ok
    ? `Estimated $${p.estimate.estimate.totalUsd.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}/month${p.costBasis ? ` ${p.costBasis}` : ''}`
    : sanitize(p.estimate.reason.replace(/^estimate/i, 'Estimate'));
  const problems = p.problemCount ? ` · ${p.problemCount} problem${p.problemCount === 1 ? '' : 's'} ✗` : ' · ready to review';
  rows.push(<Line key="cost" text={`${cost}${problems}`} width={width} tone={p.problemCount ? 'warn' : 'ok'} colors={colors} />);

  if (s.picker) {
    const f = fields.find((x) => x.key === s.picker?.key);
    const how = s.picker.multi ? 'Space ticks, Enter keeps the ticked' : 'Enter picks';
    rows.push(
      <SelectList key="picker" title={`${f?.label ?? ''}: ${how}, Esc cancels`} options={f ? fieldOptions(f, account, values.config) : []} state={s.picker.state} height={lay.picker} width={width} multi={s.picker.multi} colors={colors} />,
    );
    rows.push(<Line key="keys" text="↑↓ move  type to filter  Enter done  Esc cancel" width={width} tone="dim" colors={colors} />);
    return (
      <Box flexDirection="column" height={height} overflow="hidden">
        {rows}
      </Box>
    );
  }

  const list: React.ReactElement[] = [];
  for (const [j, f] of fields.slice(s.sOffset, s.sOffset + lay.list).entries()) {
    const focused = s.sOffset + j === fields.findIndex((x) => x.key === s.sFocus);
    const bad = byField.has(f.key);
    const options = f.kind === 'enum' || f.kind === 'multi' ? fieldOptions(f, account, values.config) : [];
    list.push(
      <Text key={`f-${f.key}`} wrap="truncate">
        <Text color={focused ? colors.accent : undefined}>{focused ? '›' : ' '}</Text>
        <Text color={colors.error}>{bad ? '✗' : ' '}</Text>
        <Text bold={focused}>{` ${pad(f.label, lw)} `}</Text>
        {settingsValueNode(s, values, f, focused, Math.max(1, width - lw - 4), options)}
      </Text>,
    );
  }
  rows.push(...exactly(list, lay.list, 'sl'));

  // Message area: the focused field's problem, else a one-off message, else problems elsewhere, else its help.
  const focused = fields.find((f) => f.key === s.sFocus);
  const own = focused ? (byField.get(focused.key) ?? []) : [];
  const msg: { text: string; tone: Tone }[] = [];
  if (s.message) msg.push({ text: s.message.text, tone: s.message.level === 'info' ? 'dim' : s.message.level });
  for (const e of own) msg.push({ text: e, tone: 'error' });
  if (!own.length && focused) {
    const empty = (focused.kind === 'enum' || focused.kind === 'multi') && fieldOptions(focused, account, values.config).length === 0;
    const failure = empty ? account.failures?.[0] : undefined;
    if (failure) msg.push({ text: `Nothing to choose: could not read ${failure.part} (${failure.message}).`, tone: 'warn' });
    msg.push({ text: focused.help, tone: 'dim' });
    if (focused.key === 'bucketName') for (const w of p.warnings) msg.push({ text: w, tone: 'warn' });
  }
  for (const g of p.general) msg.push({ text: g.message, tone: 'error' });
  const msgLines: React.ReactElement[] = [];
  for (const m of msg) for (const l of wrapText(m.text, width)) msgLines.push(<Line key={`m${msgLines.length}`} text={l} width={width} tone={m.tone} colors={colors} />);
  rows.push(...exactly(msgLines, lay.message, 'sm'));

  const fk = focused?.kind;
  const how = fk === 'enum' ? '←→/Space choose' : fk === 'multi' ? 'Space choose' : fk === 'bool' ? 'Space toggle' : fk === 'number' ? 'type digits, +/- step' : 'type';
  rows.push(<Line key="keys" text={`↑↓ field  ${how}  Enter review  Esc purpose`} width={width} tone="dim" colors={colors} />);
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      {rows.slice(0, height)}
    </Box>
  );
}

// ---------------------------------------------------------------------------
// Step 3

export function ReviewView({ s, lines, title, colors, width, height }: ViewProps & { s: WizardState; lines: readonly ReviewLine[]; title: string }): React.ReactElement {
  const { body } = reviewLayout(height);
  const max = Math.max(0, lines.length - body);
  const scroll = Math.min(s.reviewScroll, max);
  const shown = lines.slice(scroll, scroll + body).map((l, i) => <Line key={`l${scroll + i}`} text={l.text} width={width} tone={l.tone} bold={l.bold} colors={colors} />);
  const where = lines.length > body ? `  (${scroll + 1}-${scroll + shown.length} of ${lines.length}, ↑↓ PgUp PgDn scroll)` : '';
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      <Title s={s} extra={title} colors={colors} width={width} />
      {exactly(shown, body, 'rv')}
      <Line text={`Enter create  Esc settings${where}`} width={width} tone="dim" colors={colors} />
    </Box>
  );
}

// ---------------------------------------------------------------------------
// Step 4

export const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export function progressLines(run: RunView, what: string, frame: number, now: number, width: number): { text: string; tone?: Tone; bold?: boolean }[] {
  const out: { text: string; tone?: Tone; bold?: boolean }[] = [];
  const spin = SPINNER[frame % SPINNER.length];
  const secs = Math.max(0, Math.round((now - run.startedAt) / 1000));
  const attempt = run.attempt > 1 ? ` (attempt ${run.attempt}, same request token)` : '';
  if (run.status === 'running') out.push({ text: `${spin} Creating ${what}… ${secs}s${attempt}`, tone: 'accent', bold: true });
  else if (run.status === 'created') out.push({ text: `✓ ${what} is available: ${run.createdId ?? ''}`, tone: 'ok', bold: true });
  else out.push({ text: `✗ Creating ${what} failed${attempt}`, tone: 'error', bold: true });
  run.steps.forEach((st, i) => {
    const mark = st.state === 'done' ? '✓' : st.state === 'running' ? spin : st.state === 'failed' ? '✗' : '·';
    out.push({ text: `  ${mark} ${i + 1}. ${st.command}`, tone: st.state === 'failed' ? 'error' : st.state === 'done' ? 'ok' : undefined });
  });
  for (const st of run.states) {
    const tone: Tone = st.state === 'available' || st.state === 'in-use' ? 'ok' : st.state === 'failed' || st.state === 'misconfigured' ? 'error' : 'warn';
    out.push({ text: `  ${sanitize(st.id)}: ${sanitize(st.raw)}`, tone });
  }
  if (run.status === 'failed' && run.error) {
    const e = run.error;
    const where = e.step !== undefined && e.command ? `Step ${e.step + 1}${e.total ? ` of ${e.total}` : ''} (${e.command}) failed. ` : '';
    for (const l of wrapText(`${where}${sanitize(e.message)}`, width)) out.push({ text: l, tone: 'error' });
    for (const l of wrapText(`What to do: ${sanitize(e.hint)}`, width)) out.push({ text: l, tone: 'warn' });
  }
  return out;
}

export function ProgressView({ s, what, frame, now, colors, width, height }: ViewProps & { s: WizardState; what: string; frame: number; now: number }): React.ReactElement {
  const run = s.run;
  const body = Math.max(1, height - 2);
  const lines = run ? progressLines(run, what, frame, now, width) : [];
  // The newest lines matter most (the failure reason, the last state): keep the head line and the tail.
  const shown = lines.length > body ? [lines[0], ...lines.slice(lines.length - body + 1)] : lines;
  let keys = '';
  if (run?.status === 'running') keys = run.leaveConfirm ? 'Esc again: stop following (AWS keeps what it created; later steps are not run)  any key: stay' : 'Esc leave (asks first)';
  else if (run?.status === 'failed') keys = 'Enter retry (same request: nothing is created twice)  Esc back to the settings';
  else if (run?.status === 'created') keys = 'Enter open it now  Esc back to the list';
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      <Title s={s} extra={what} colors={colors} width={width} />
      {exactly(
        shown.map((l, i) => <Line key={`p${i}`} text={l.text} width={width} tone={l.tone} bold={l.bold} colors={colors} />),
        body,
        'pv',
      )}
      <Line text={keys} width={width} tone={run?.leaveConfirm ? 'warn' : 'dim'} colors={colors} />
    </Box>
  );
}
