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
// V8 reads this flag each time it sizes the heap after a collection, which is why
// setting it while running works. Node documents v8.setFlagsFromString after
// start-up as unsupported in general; this is the only flag we set, and
// test/unit/memory.test.ts checks on every run that it still takes effect.
import { setFlagsFromString } from 'node:v8';

/** The V8 flag favourMemory sets. */
export const HEAP_FLAG = '--heap-growing-percent=20';

let done = false;

/** From now on, V8 keeps the heap close to what is live. Idempotent. */
export function favourMemory(): void {
  if (done) return;
  done = true;
  setFlagsFromString(HEAP_FLAG);
}
