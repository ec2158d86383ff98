// The analytics screen's definition (`a`, `:analytics`); src/screens/register.ts loads it.
import React from 'react';
import type { ScreenContext, ScreenDef } from '../../app/screens.js';
import type { Hint } from '../../components/KeyHints.js';
import { analyticsFor } from '../../services/analytics-session.js';
import { AnalyticsScreen, analyticsMode, type AnalyticsScreenOptions } from './AnalyticsScreen.js';
import { apiHelpLines } from './sections.js';

export function analyticsHints(ctx: ScreenContext): Hint[] {
  const mode = analyticsMode(ctx.session);
  if (mode === 'dialog') return [{ keys: 'y', label: 'apply' }, { keys: 'n/Esc', label: 'cancel' }, { keys: '^C', label: 'quit' }];
  if (mode === 'dialog-typed') return [{ keys: 'Enter', label: 'apply once the name matches' }, { keys: 'Esc', label: 'cancel' }, { keys: '^C', label: 'quit' }];
  if (mode === 'help') return [{ keys: 'j/k', label: 'scroll' }, { keys: 'Esc/?', label: 'close help' }];
  return [
    { keys: 'Tab/1-5', label: 'section' },
    { keys: 'j/k', label: 'move' },
    ...(ctx.session.readOnly ? [] : [{ keys: 'Enter', label: 'apply' }]),
    { keys: 'r', label: 'refresh costs' },
    { keys: '?', label: 'help' },
    { keys: 'Esc', label: 'back' },
  ];
}

/**
 * Lines about the API cost meter for the shell's `?` help (the shell can show them with
 * helpLines(..., extra)): calls made, metrics requested, what leaving the dashboard running costs.
 */
export function analyticsHelpExtra(ctx: Pick<ScreenContext, 'session'>): string[] {
  const s = ctx.session;
  const a = analyticsFor(s).getSnapshot();
  return apiHelpLines({ live: s.meter.snapshot(), analysis: a.analysisMeter, analysisMetricsPerRun: a.analysisMeter.lastRefreshMetrics, region: s.backend.region });
}

/** The screen definition; tests register one with their own options (cache directory, clock). */
export function analyticsScreenDef(options: AnalyticsScreenOptions = {}): ScreenDef & { helpExtra: typeof analyticsHelpExtra } {
  return {
    render: (ctx) => <AnalyticsScreen ctx={ctx} options={options} />,
    hints: analyticsHints,
    helpExtra: analyticsHelpExtra,
  };
}

