// A set of non-negative integers stored as sorted, merged half-open ranges.
// S3 object deletions are recorded this way: emptying a bucket of millions of
// synthesised objects stays a handful of ranges in memory and on disk.

export type Range = [start: number, end: number];

export class Intervals {
  private ranges: Range[];

  constructor(ranges: Range[] = []) {
    this.ranges = [];
    for (const [a, b] of ranges) this.addRange(a, b);
  }

  toJSON(): Range[] {
    return this.ranges.map(([a, b]) => [a, b]);
  }

  get size(): number {
    let n = 0;
    for (const [a, b] of this.ranges) n += b - a;
    return n;
  }

  /** Number of members below `i`. */
  countBelow(i: number): number {
    let n = 0;
    for (const [a, b] of this.ranges) {
      if (a >= i) break;
      n += Math.min(b, i) - a;
    }
    return n;
  }

  private indexOf(i: number): number {
    // first range whose end > i
    let lo = 0;
    let hi = this.ranges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.ranges[mid][1] <= i) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  has(i: number): boolean {
    const k = this.indexOf(i);
    return k < this.ranges.length && this.ranges[k][0] <= i;
  }

  /** The smallest integer >= i that is not in the set. */
  nextAbsent(i: number): number {
    const k = this.indexOf(i);
    if (k < this.ranges.length && this.ranges[k][0] <= i) return this.ranges[k][1];
    return i;
  }

  remove(i: number): void {
    const k = this.indexOf(i);
    if (k >= this.ranges.length || this.ranges[k][0] > i) return;
    const [a, b] = this.ranges[k];
    const parts: Range[] = [];
    if (a < i) parts.push([a, i]);
    if (i + 1 < b) parts.push([i + 1, b]);
    this.ranges.splice(k, 1, ...parts);
  }

  add(i: number): void {
    this.addRange(i, i + 1);
  }

  addRange(a: number, b: number): void {
    if (b <= a) return;
    // ranges touching [a, b) (end >= a and start <= b) merge into one
    let lo = 0;
    while (lo < this.ranges.length && this.ranges[lo][1] < a) lo++;
    let hi = lo;
    let start = a;
    let end = b;
    while (hi < this.ranges.length && this.ranges[hi][0] <= b) {
      start = Math.min(start, this.ranges[hi][0]);
      end = Math.max(end, this.ranges[hi][1]);
      hi++;
    }
    this.ranges.splice(lo, hi - lo, [start, end]);
  }
}
