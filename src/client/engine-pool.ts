// A pool of model workers for batch jobs: each worker is its own EngineClient (crash detection,
// heartbeat, a dead worker replaced on the next call), and each call goes to an idle one. The pool
// is sized to the device: its cores (each pooled worker runs ONNX Runtime on one WASM thread, so N
// workers never oversubscribe N cores) and its memory (each worker loads its own copy of the models).
import type { Classification, DeidOptions, DeidResult, Entity } from '../../workers/api.ts';
import { CancelledError } from './errors.ts';

/** What the pool needs of one worker's client (EngineClient has it; tests pass fakes). */
export interface PooledEngine {
  classify(texts: string[], opts: { signal?: AbortSignal; model?: string }): Promise<Classification[]>;
  entitiesMany(texts: string[], opts: { signal?: AbortSignal }): Promise<Entity[][]>;
  deid(text: string, opts: { signal?: AbortSignal } & DeidOptions): Promise<DeidResult>;
  terminate(reason?: string): void;
}

/** `maxThreads`: the most WASM threads the new worker may use. */
export type PooledEngineFactory = (maxThreads: number) => PooledEngine;

export interface DeviceLimits {
  cores: number;
  /** Device memory in bytes, where the browser tells it (navigator.deviceMemory, Chromium only). */
  memoryBytes?: number;
}

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;
/** More workers than this gain nothing on the models' sizes and only multiply model loading. */
export const MAX_POOL_WORKERS = 8;
/** The share of device memory the pool may take: the page, the browser and other tabs need the rest. */
const MEMORY_SHARE = 0.25;
/** Assumed where the browser does not say (Firefox, Safari): a modest laptop. */
const UNKNOWN_DEVICE_MEMORY = 4 * GiB;
/**
 * One worker without its models: ONNX Runtime's WASM heap, transformers.js, tokenizers and the
 * activations of one batch. Each model adds a few times its ONNX file: the fetched bytes, the
 * session's weights and its optimised graph.
 */
const WORKER_RUNTIME_BYTES = 160 * MiB;
const MODEL_FILE_FACTOR = 3;
/** The cap a worker's own probe applies (workers/runtime/browser-probe.ts). */
const SOLO_WORKER_THREADS = 4;
/** localStorage key fixing the pool size, for measurements (the bench compares the pool with one worker). */
export const POOL_SIZE_KEY = 'medtext.batchWorkers';

export function deviceLimits(): DeviceLimits {
  const nav = globalThis.navigator as (Navigator & { deviceMemory?: number }) | undefined;
  const gib = nav?.deviceMemory;
  return { cores: nav?.hardwareConcurrency || 1, memoryBytes: gib ? gib * GiB : undefined };
}

/** The memory one pooled worker is expected to hold, from the sizes of the model files it loads. */
export function workerMemoryBytes(modelFileBytes: number): number {
  return WORKER_RUNTIME_BYTES + MODEL_FILE_FACTOR * modelFileBytes;
}

/** Workers for a batch: one per core, as many as the memory share holds, at least one. */
export function poolSize(limits: DeviceLimits, workerBytes: number): number {
  const byMemory = Math.floor(((limits.memoryBytes ?? UNKNOWN_DEVICE_MEMORY) * MEMORY_SHARE) / workerBytes);
  return Math.max(1, Math.min(limits.cores, byMemory, MAX_POOL_WORKERS));
}

/** The size fixed in localStorage (POOL_SIZE_KEY), if any. */
export function fixedPoolSize(): number | undefined {
  const value = Number(globalThis.localStorage?.getItem(POOL_SIZE_KEY));
  return Number.isInteger(value) && value > 0 ? Math.min(value, MAX_POOL_WORKERS) : undefined;
}

interface Slot {
  engine: PooledEngine;
  busy: boolean;
}

export class EnginePool {
  private slots: Slot[] = [];
  private waiting: { take: (slot: Slot) => void }[] = [];
  private target: number;

  constructor(
    private readonly createEngine: PooledEngineFactory,
    size = 1,
  ) {
    this.target = Math.max(1, size);
  }

  /** The most workers it runs at once: a batch runner keeps this many chunks in flight. */
  get concurrency(): number {
    return this.target;
  }

  /** Workers running now. */
  get workers(): number {
    return this.slots.length;
  }

  /** Sets the number of workers; takes effect on workers started after release(). */
  resize(size: number): void {
    this.target = Math.max(1, Math.min(size, MAX_POOL_WORKERS));
  }

  classify(texts: string[], opts: { signal?: AbortSignal; model?: string }): Promise<Classification[]> {
    return this.use((e) => e.classify(texts, opts), opts.signal);
  }

  entitiesMany(texts: string[], opts: { signal?: AbortSignal }): Promise<Entity[][]> {
    return this.use((e) => e.entitiesMany(texts, opts), opts.signal);
  }

  deid(text: string, opts: { signal?: AbortSignal } & DeidOptions): Promise<DeidResult> {
    return this.use((e) => e.deid(text, opts), opts.signal);
  }

  /** Terminates every worker (the job ended or was stopped); the next call starts fresh ones. */
  release(): void {
    const slots = this.slots;
    this.slots = [];
    for (const slot of slots) slot.engine.terminate('The batch job ended.');
  }

  /** Runs `fn` on an idle worker, starting one while fewer than `concurrency` run, else waiting for one. */
  private async use<T>(fn: (engine: PooledEngine) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const slot = await this.acquire(signal);
    try {
      return await fn(slot.engine);
    } finally {
      this.give(slot);
    }
  }

  private acquire(signal?: AbortSignal): Promise<Slot> {
    if (signal?.aborted) return Promise.reject(new CancelledError());
    const idle = this.slots.find((s) => !s.busy);
    if (idle) {
      idle.busy = true;
      return Promise.resolve(idle);
    }
    if (this.slots.length < this.target) {
      // Several workers take one core each; one alone may use as many threads as a single-text worker.
      const slot = { engine: this.createEngine(this.target > 1 ? 1 : SOLO_WORKER_THREADS), busy: true };
      this.slots.push(slot);
      return Promise.resolve(slot);
    }
    return new Promise<Slot>((resolve, reject) => {
      const waiter = {
        take: (slot: Slot) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(slot);
        },
      };
      const onAbort = () => {
        this.waiting = this.waiting.filter((w) => w !== waiter);
        reject(new CancelledError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiter);
    });
  }

  private give(slot: Slot): void {
    // A slot of workers already released is dropped with them.
    if (!this.slots.includes(slot)) return;
    const next = this.waiting.shift();
    if (next) next.take(slot);
    else slot.busy = false;
  }
}
