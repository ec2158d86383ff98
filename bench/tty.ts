// In-memory terminal streams for the in-process benchmarks: Ink renders into
// `Out` (which counts frames), keys are fed through `In`.
import { EventEmitter } from 'node:events';

export class Out extends EventEmitter {
  columns = 100;
  rows = 30;
  isTTY = true;
  writes = 0;
  last = '';
  write = (s: string) => {
    this.writes++;
    this.last = s;
    this.emit('wrote');
    return true;
  };
}

export class In extends EventEmitter {
  isTTY = true;
  data: string | null = null;
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
  read = () => {
    const d = this.data;
    this.data = null;
    return d;
  };
  send(s: string) {
    this.data = s;
    this.emit('readable');
    this.emit('data', s);
  }
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
