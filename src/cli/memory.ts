// A dashboard left open for days on a shared head node should stay small.
//
// V8 lets the heap grow to several times what is live before it collects the old
// generation again. At 10,000 stores about 60 MB is live, yet the first seconds
// after the first frame (every S3 bucket's settings, every bucket's size from
// CloudWatch: some 16,000 SDK calls whose objects outlive a young-generation
// collection) took the process to ~330 MB of RSS before V8 collected.
//
// --heap-growing-percent=20 makes V8 collect once the heap has grown 20% past what
// was live after the last collection. Measured on that 10-second session at
// --sim-scale 10000 (2 runs each, CPU counts every V8 thread):
//   no flag                      peak RSS 323-331 MB, CPU 7.4-8.3 s
//   --heap-growing-percent=20    peak RSS 194-197 MB, CPU 8.6-9.0 s
//   --heap-growing-percent=10    peak RSS 189-196 MB, CPU 7.5-7.9 s
//   --optimize-for-size          peak RSS 166-173 MB, CPU 12.3-12.7 s (rejected: GC thrash)
// The CPU figures differ by less than run-to-run noise; 20 is the milder of the two
// settings that bring the peak down without the CPU cost of --optimize-for-size.
// Set from the start, it slowed the first frame at 10,000 stores (0.99 -> 1.06 s)
// and did not lower the RSS at that frame, so it is set once the first frame is out.
//
// V8 reads this flag each time it sizes the heap after a collection, so it only
// counts from the next full collection: if the last one ran just before the first
// frame, its limit (sized for start-up, up to ~4x what was live) stood through the
// whole burst, and one run in five peaked at ~260 MB instead of ~195 MB. favourMemory
// therefore collects once, at once: a single pause (60-90 ms at 10,000 stores, 15-25 ms
// on the default world) just after the first frame is drawn, before anyone has read it.
//
// The young generation: V8 doubles it (1 MB semi-spaces up to 16 MB, so 2 -> 32 MB of
// committed memory) while start-up allocates fast, and keeps it for the whole run.
// keepYoungGenerationSmall (--semi-space-growth-factor=1) keeps it at the size it has
// then: 4 MB when the dashboard calls it, before its first list. Measured at
// --sim-scale 10000, medians of 9 interleaved runs: RSS at the first frame 150 -> 127
// MB, first frame 951 -> 924 ms (no slower: young collections of a small space are
// short); session peak, with the collection above, 153-157 MB (6 runs)
// against 190-207 MB. The price is CPU while the burst lasts: ~900 young collections
// instead of ~110, GC 1.0 -> 2.4 s over those 13 seconds. Over a 43-second session
// (one run each) total CPU was 11.2 s against 13.8 s, within noise, and after the burst
// (one 30-second refresh) GC took 0.44 s against 0.33 s.
// Growth is the only young-generation setting V8 reads while running
// (--max-semi-space-size is read once, when the process starts).
//
// Node documents v8.setFlagsFromString after start-up as unsupported in general;
// test/unit/memory.test.ts checks on every run that both flags still take effect.
// The forced collection uses the documented --expose-gc flag through a fresh context
// (the way Jest's leak detector does), and turns it off again.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** The V8 flag favourMemory sets. */
export const HEAP_FLAG = '--heap-growing-percent=20';
/** The V8 flag keepYoungGenerationSmall sets. */
export const YOUNG_FLAG = '--semi-space-growth-factor=1';

const flagsSet = new Set<string>();

/** Sets a V8 flag the first time it is asked for; whether this call set it. */
function setOnce(flag: string): boolean {
  if (flagsSet.has(flag)) return false;
  flagsSet.add(flag);
  setFlagsFromString(flag);
  return true;
}

/**
 * The young generation stays at the size it has now (4 MB when the dashboard calls
 * it). Call before the dashboard's start-up allocates: the first list, the simulated
 * region. Idempotent.
 */
export function keepYoungGenerationSmall(): void {
  setOnce(YOUNG_FLAG);
}

/**
 * One full collection now, so heap limits set since the last one apply at once.
 * Memory tuning must never stop the dashboard: if a later Node refuses, V8 collects
 * on its own schedule as before (and test/unit/memory.test.ts fails).
 */
function collectNow(): void {
  try {
    setFlagsFromString('--expose-gc');
    (runInNewContext('gc') as () => void)();
  } catch {
    // no forced collection available
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
}

/** From now on, V8 keeps the heap close to what is live. Idempotent. */
export function favourMemory(): void {
  if (setOnce(HEAP_FLAG)) collectNow();
}
