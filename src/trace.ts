// Start-up timeline for `npm run bench`: with PRISM_TRACE=<file>, named marks
// (milliseconds since the process started) are written there as JSON on exit.
// Costs one environment lookup when unset.
import { writeFileSync } from 'node:fs';

const file = process.env.PRISM_TRACE;
const marks: [string, number][] = [];

export function mark(name: string): void {
  if (!file) return;
  if (marks.length === 0) process.once('exit', () => writeFileSync(file, JSON.stringify(Object.fromEntries(marks))));
  marks.push([name, Math.round(performance.now())]);
}
