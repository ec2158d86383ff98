// Human-readable numbers for every face (TUI, CLI table).

// Digit grouping without ICU for whole numbers (nearly every call): the first Intl
// object a process makes loads ICU's data (~15 ms and ~9 MB of RSS here), which
// the first frame should not wait for. Other numbers go to one formatter, made on
// first need (Number.prototype.toLocaleString would build one per call).
// test/unit/collate.test.ts proves the answers equal Intl's.
let grouped: Intl.NumberFormat | undefined;

/** 12345 -> "12,345": the same text as `n.toLocaleString('en-US')`. */
export function groupDigits(n: number): string {
  if (!Number.isSafeInteger(n) || Object.is(n, -0)) {
    grouped ??= new Intl.NumberFormat('en-US');
    return grouped.format(n);
  }
  const digits = String(Math.abs(n));
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return n < 0 ? `-${out}` : out;
}

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

export function formatBytes(bytes: number | undefined | null): string {
  if (bytes === undefined || bytes === null || !Number.isFinite(bytes)) return '—';
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < UNITS.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v >= 100 || i === 0 ? Math.round(v) : v.toFixed(1)} ${UNITS[i]}`;
}

export function formatUsd(usd: number | undefined | null): string {
  if (usd === undefined) return '…';
  if (usd === null || !Number.isFinite(usd)) return 'n/a';
  if (usd >= 10_000) return `$${groupDigits(Math.round(usd))}`;
  return `$${usd.toFixed(2)}`;
}

export function formatAge(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${s % 60 ? ` ${s % 60}s` : ''}`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h ${m % 60}m`;
  return `${Math.floor(h / 24)}d`;
}

export function formatRate(bytesPerSec: number | undefined | null): string {
  if (bytesPerSec === undefined || bytesPerSec === null || !Number.isFinite(bytesPerSec)) return '—';
  const u = ['B/s', 'KB/s', 'MB/s', 'GB/s'];
  let v = bytesPerSec;
  let i = 0;
  while (v >= 1000 && i < u.length - 1) {
    v /= 1000;
    i++;
  }
  return `${v >= 100 || i === 0 ? Math.round(v) : v.toFixed(1)} ${u[i]}`;
}

export function formatCount(n: number | undefined | null): string {
  if (n === undefined || n === null || !Number.isFinite(n)) return '—';
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (n >= 1e4) return `${(n / 1e3).toFixed(1)}k`;
  return String(Math.round(n));
}
