// State outside React (DESIGN.md "State and polling"): resources by chunk,
// per-service errors, last-updated times. Subscribers (the TUI through
// useSyncExternalStore, the CLI's --watch) are told only of real changes.
import { compareText } from './collate.js';
import { chunkKey, type ChunkResult } from './inventory.js';
import { STORAGE_TYPES, type InventoryService, type StorageErrorShape, type StorageInfo, type StorageMetrics } from './types.js';

export interface ChunkState {
  service: InventoryService;
  region: string;
  resources: StorageInfo[];
  /** Last successful fetch (epoch ms); undefined = never succeeded. */
  okAt?: number;
  /** Current error; cleared by the next success. */
  error?: StorageErrorShape;
  errorAt?: number;
}

export interface StoreSnapshot {
  readonly version: number;
  readonly resources: readonly StorageInfo[];
  readonly chunks: readonly ChunkState[];
  /** Oldest successful fetch among chunks that have data (drives the "age" in the header). */
  readonly dataAt?: number;
  readonly loading: boolean;
  /** True until the first refresh completes. */
  readonly initial: boolean;
  readonly message?: { text: string; level: 'info' | 'warn' | 'error'; at: number };
  readonly metrics: ReadonlyMap<string, StorageMetrics>;
  /** Why live metrics are missing (CloudWatch denied, throttled...). */
  readonly metricsError?: StorageErrorShape;
}

type Listener = () => void;

// The list's default order (query.ts, sort by kind): every face sorts with applyQuery, and
// V8's sort takes one pass over input already in that order (each filter keystroke at 10,000 stores).
const TYPE_RANK: Record<string, number> = Object.fromEntries(STORAGE_TYPES.map((t, i) => [t, i]));

/**
 * Whether a refresh returned exactly what is shown (then nothing is redrawn). A
 * structural comparison that stops at the first difference: no serialised copy of
 * every store is built or kept (at 10,000 stores that was ~10 MB per refresh).
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k) || !sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

export class Store {
  private listeners = new Set<Listener>();
  private chunks = new Map<string, ChunkState>();
  /** Values learnt after listing (S3 size from CloudWatch, its cost): applied over every refresh. */
  private patches = new Map<string, Partial<StorageInfo>>();
  private snap: StoreSnapshot = { version: 0, resources: [], chunks: [], loading: false, initial: true, metrics: new Map() };

  subscribe = (l: Listener): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  getSnapshot = (): StoreSnapshot => this.snap;

  /** Applies one chunk's result. Returns whether anything visible changed. */
  applyChunk(c: ChunkResult): boolean {
    return this.applyChunks([c]);
  }

  /** Applies several chunk results as one change (subscribers see them together). */
  applyChunks(cs: readonly ChunkResult[]): boolean {
    let resourcesChanged = false;
    let changed = false;
    for (const c of cs) {
      const key = chunkKey(c.service, c.region);
      const prev = this.chunks.get(key);
      if (c.resources) {
        const same = prev !== undefined && !prev.error && prev.okAt !== undefined && sameData(prev.resources, c.resources);
        // The data age moves on even when nothing else changed.
        this.chunks.set(key, { service: c.service, region: c.region, resources: same ? prev.resources : c.resources, okAt: c.at });
        if (!same) resourcesChanged = changed = true;
        continue;
      }
      // A failure keeps the last good data, marked with its age.
      const err = c.error ? (typeof (c.error as { toJSON?: unknown }).toJSON === 'function' ? (c.error as unknown as { toJSON(): StorageErrorShape }).toJSON() : c.error) : undefined;
      this.chunks.set(key, { service: c.service, region: c.region, resources: prev?.resources ?? [], okAt: prev?.okAt, error: err, errorAt: c.at });
      if (!prev || prev.error?.code !== err?.code || prev.error?.message !== err?.message) changed = true;
    }
    if (cs.length) this.commit(resourcesChanged);
    return changed;
  }

  /** Forget every chunk (region or profile switched: old results must not mix in). */
  clear(): void {
    this.chunks.clear();
    this.patches.clear();
    this.snap = { ...this.snap, resources: [], chunks: [], dataAt: undefined, initial: true, metrics: new Map() };
    this.bump();
  }

  setLoading(loading: boolean): void {
    if (this.snap.loading === loading && !(this.snap.initial && !loading)) return;
    this.snap = { ...this.snap, loading, initial: this.snap.initial && loading };
    this.bump();
  }

  setMessage(text: string | undefined, level: 'info' | 'warn' | 'error' = 'info', at = Date.now()): void {
    if (this.snap.message?.text === text && this.snap.message?.level === level) return;
    this.snap = { ...this.snap, message: text === undefined ? undefined : { text, level, at } };
    this.bump();
  }

  setMetricsError(e: StorageErrorShape | undefined): void {
    if (this.snap.metricsError?.code === e?.code && this.snap.metricsError?.message === e?.message) return;
    this.snap = { ...this.snap, metricsError: e };
    this.bump();
  }

  setMetrics(metrics: ReadonlyMap<string, StorageMetrics>): void {
    this.snap = { ...this.snap, metrics };
    this.bump();
  }

  /**
   * Sets what was learnt about stores after listing (keyed by id). Only real changes
   * re-render; the patches survive refreshes until replaced.
   */
  patch(patches: ReadonlyMap<string, Partial<StorageInfo>>): void {
    let changed = false;
    for (const [id, p] of patches) {
      const prev = this.patches.get(id);
      if (!prev || JSON.stringify(prev) !== JSON.stringify(p)) {
        this.patches.set(id, p);
        changed = true;
      }
    }
    if (changed) this.commit(true);
  }

  /** Replaces one resource in place (after a create/modify) without waiting for the next poll. */
  upsert(info: StorageInfo): void {
    for (const [key, ch] of this.chunks) {
      const i = ch.resources.findIndex((r) => r.id === info.id && r.type === info.type);
      if (i >= 0) {
        const resources = ch.resources.slice();
        resources[i] = info;
        this.chunks.set(key, { ...ch, resources });
        this.commit(true);
        return;
      }
    }
  }

  private commit(resourcesChanged: boolean): void {
    const chunks = [...this.chunks.values()];
    let dataAt: number | undefined;
    for (const c of chunks) if (c.okAt !== undefined && c.resources.length >= 0) dataAt = dataAt === undefined ? c.okAt : Math.min(dataAt, c.okAt);
    let resources = this.snap.resources;
    if (resourcesChanged) {
      const all: StorageInfo[] = [];
      for (const c of chunks)
        for (const r of c.resources) {
          const p = this.patches.size ? this.patches.get(r.id) : undefined;
          all.push(p ? { ...r, ...p } : r);
        }
      all.sort((a, b) => TYPE_RANK[a.type] - TYPE_RANK[b.type] || compareText(a.name, b.name) || compareText(a.id, b.id));
      resources = all;
    }
    this.snap = { ...this.snap, resources, chunks, dataAt };
    this.bump();
  }

  private bump(): void {
    this.snap = { ...this.snap, version: this.snap.version + 1 };
    for (const l of this.listeners) l();
  }
}
