// Text sparklines and line charts. Pure string functions: cheap enough to
// call for every visible row on every frame.
import asciichart from 'asciichart';

const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/** Resamples to `width` buckets (max per bucket, so short bursts stay visible). */
export function resample(values: readonly number[], width: number): number[] {
  if (width <= 0 || values.length === 0) return [];
  if (values.length <= width) return values.slice();
  const out: number[] = [];
  for (let i = 0; i < width; i++) {
    const a = Math.floor((i * values.length) / width);
    const b = Math.max(a + 1, Math.floor(((i + 1) * values.length) / width));
    let m = -Infinity;
    for (let j = a; j < b; j++) if (values[j] > m) m = values[j];
    out.push(m);
  }
  return out;
}

/** A one-line sparkline; flat zero shows as a baseline, missing data as blanks. */
export function sparkline(values: readonly number[], width: number, max?: number): string {
  const v = resample(values, width);
  if (v.length === 0) return '';
  const top = max ?? Math.max(...v);
  const s = v.map((x) => (!Number.isFinite(x) ? ' ' : top <= 0 ? BLOCKS[0] : BLOCKS[Math.min(7, Math.max(0, Math.round((x / top) * 7)))])).join('');
  return s.padStart(width, ' ');
}

/** A multi-line asciichart plot with a y-axis formatter; `series` share the axis. */
export function lineChart(series: readonly (readonly number[])[], opts: { width: number; height: number; format: (v: number) => string; colors?: (string | undefined)[] }): string[] {
  const labelW = 10;
  const plotW = Math.max(8, opts.width - labelW - 2);
  const data = series.map((s) => resample(s, plotW)).filter((s) => s.length > 0);
  if (data.length === 0) return ['(no data in this window)'];
  const max = Math.max(...data.flat(), 0);
  const min = Math.min(...data.flat(), 0);
  const cfg = {
    height: Math.max(1, opts.height - 1),
    min,
    max: max === min ? min + 1 : max,
    format: (x: number) => opts.format(x).padStart(labelW).slice(-labelW),
    colors: opts.colors?.map((c) => (c ? COLOR[c] : undefined)).filter((c): c is string => !!c),
  };
  return asciichart.plot(data.length === 1 ? data[0] : data, cfg).split('\n');
}

const COLOR: Record<string, string> = {
  cyan: asciichart.cyan,
  green: asciichart.green,
  yellow: asciichart.yellow,
  magenta: asciichart.magenta,
  red: asciichart.red,
  blue: asciichart.blue,
};
