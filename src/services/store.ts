// State outside React (DESIGN.md "State and polling"): resources by chunk,
// per-service errors, last-updated times. Subscribers (the TUI through
// useSyncExternalStore, the CLI's --watch) are told only of real changes.
import { chunkKey, type ChunkResult } from './inventory.js';
import type { InventoryService, StorageErrorShape, StorageInfo, StorageMetrics } from './types.js';

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

const TYPE_ORDER = ['fsx-lustre', 'fsx-openzfs', 'fsx-ontap', 'fsx-windows', 'efs', 'ebs', 's3'];

function fingerprint(resources: StorageInfo[]): string {
  return JSON.stringify(resources);
}

export class Store {
  private listeners = new Set<Listener>();
  private chunks = new Map<string, ChunkState>();
  private prints = new Map<string, string>();
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
    const key = chunkKey(c.service, c.region);
    const prev = this.chunks.get(key);
    if (c.resources) {
      const print = fingerprint(c.resources);
      const same = prev && this.prints.get(key) === print && !prev.error;
      // The data age moves on even when nothing else changed.
      const next: ChunkState = { service: c.service, region: c.region, resources: same ? prev.resources : c.resources, okAt: c.at };
      this.chunks.set(key, next);
      this.prints.set(key, print);
      this.commit(!same);
      return !same;
    }
    // A failure keeps the last good data, marked with its age.
    const err = c.error ? (typeof (c.error as { toJSON?: unknown }).toJSON === 'function' ? (c.error as unknown as { toJSON(): StorageErrorShape }).toJSON() : c.error) : undefined;
    const next: ChunkState = { service: c.service, region: c.region, resources: prev?.resources ?? [], okAt: prev?.okAt, error: err, errorAt: c.at };
    const changed = !prev || prev.error?.code !== err?.code || prev.error?.message !== err?.message;
    this.chunks.set(key, next);
    this.commit(changed);
    return changed;
  }

  /** Forget every chunk (region or profile switched: old results must not mix in). */
  clear(): void {
    this.chunks.clear();
    this.patches.clear();
    this.prints.clear();
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
        this.prints.delete(key);
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
      all.sort((a, b) => TYPE_ORDER.indexOf(a.type) - TYPE_ORDER.indexOf(b.type) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
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
