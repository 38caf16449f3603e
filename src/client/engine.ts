// The typed client of the model worker: starts it lazily, terminates it when idle or when a
// call is cancelled (the only way to stop a running inference), and restarts it after a crash.
import { proxy, wrap, type Remote } from 'comlink';
import { workerName } from '../../workers/runtime/worker-name.ts';
import type {
  BackendChoice,
  Classification,
  DeidOptions,
  DeidResult,
  EngineApi,
  Entity,
  EntityPart,
  ModelInfo,
  OnProgress,
  ProgressEvent,
  RuntimeInfo,
  SimilarityHit,
} from '../../workers/api.ts';

export interface ClientCallOptions {
  signal?: AbortSignal;
  onProgress?: (e: ProgressEvent) => void;
  model?: string;
}

const IDLE_MS = 5 * 60 * 1000;
const BACKEND_KEY = 'medtext.backend';

export class CancelledError extends Error {
  constructor() {
    super('Cancelled.');
    this.name = 'AbortError';
  }
}

/** Turns low-level failures into sentences a clinician can act on. */
export function explainError(err: unknown): string {
  const e = err as Error;
  if (e?.name === 'AbortError') return 'Stopped. Nothing was lost — you can run it again.';
  const msg = e?.message ?? String(err);
  if (/missing or damaged|404|Failed to fetch|NetworkError/i.test(msg)) {
    return `A model file could not be loaded. Reload the page while online once so it can be stored for offline use. (${msg})`;
  }
  if (/memory|allocation/i.test(msg)) return 'The device ran out of memory. Try a shorter text or close other tabs.';
  if (/WebGPU/i.test(msg)) return `${msg} Choose "WASM" in Settings to continue.`;
  return `Something went wrong while analysing the text: ${msg}`;
}

export class EngineClient {
  private worker: Worker | null = null;
  private api: Remote<EngineApi> | null = null;
  private inFlight = 0;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  private crashReject = new Set<(e: Error) => void>();
  private info: Promise<RuntimeInfo> | null = null;
  /** `auto`'s outcome once WebGPU failed its check: later workers start on WASM and show this reason. */
  private webgpuFailure: RuntimeInfo | null = null;
  private listeners = new Set<(info: RuntimeInfo | null) => void>();

  /** `createWorker(choice)`: a worker for that backend choice (it loads the ONNX Runtime build for it). */
  constructor(private readonly createWorker: (choice: BackendChoice) => Worker) {}

  get backendChoice(): BackendChoice {
    return (globalThis.localStorage?.getItem(BACKEND_KEY) as BackendChoice | null) ?? 'auto';
  }

  /** Switches backend; takes effect on a fresh worker. */
  async setBackend(choice: BackendChoice): Promise<RuntimeInfo> {
    globalThis.localStorage?.setItem(BACKEND_KEY, choice);
    this.webgpuFailure = null;
    this.terminate();
    return this.runtime();
  }

  onRuntime(fn: (info: RuntimeInfo | null) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  runtime(): Promise<RuntimeInfo> {
    return this.call(() => this.ensureRuntime());
  }

  models(): Promise<ModelInfo[]> {
    return this.call((api) => api.models());
  }

  classify(texts: string[], opts: ClientCallOptions = {}): Promise<Classification[]> {
    return this.call((api) => api.classify(texts, ...this.remoteOpts(opts)), opts.signal);
  }

  embed(texts: string[], opts: ClientCallOptions = {}): Promise<Float32Array[]> {
    return this.call((api) => api.embed(texts, ...this.remoteOpts(opts)), opts.signal);
  }

  similarity(source: string, candidates: string[], opts: ClientCallOptions = {}): Promise<SimilarityHit[]> {
    return this.call((api) => api.similarity(source, candidates, ...this.remoteOpts(opts)), opts.signal);
  }

  entities(text: string, opts: ClientCallOptions = {}): Promise<Entity[]> {
    return this.call((api) => api.entities(text, ...this.remoteOpts(opts)), opts.signal);
  }

  /** entities() with each part's entities passed to `onPart` as soon as the worker has read it. */
  entitiesInParts(text: string, onPart: (part: EntityPart) => void, opts: ClientCallOptions = {}): Promise<Entity[]> {
    return this.call((api) => api.entitiesInParts(text, ...this.remoteOpts(opts), proxy(onPart)), opts.signal);
  }

  entitiesMany(texts: string[], opts: ClientCallOptions = {}): Promise<Entity[][]> {
    return this.call((api) => api.entitiesMany(texts, ...this.remoteOpts(opts)), opts.signal);
  }

  deid(text: string, opts: ClientCallOptions & DeidOptions = {}): Promise<DeidResult> {
    const [remote, onProgress] = this.remoteOpts(opts);
    const { mode, alsoRedact, neverRedact } = opts;
    return this.call((api) => api.deid(text, { ...remote, mode, alsoRedact, neverRedact }, onProgress), opts.signal);
  }

  /**
   * Loads the model of `task` in the background while the user is still typing. A failure is left
   * for the view's own run to report, and a run started meanwhile waits for this load, with its progress.
   */
  prepare(task: ModelInfo['task']): Promise<void> {
    return this.call((api) => api.prepare(task)).catch(() => undefined);
  }

  /** Stops the worker now; in-flight calls reject. */
  terminate(): void {
    this.dropWorker();
    this.info = null;
    this.emit(null);
    for (const reject of this.crashReject) reject(new CancelledError());
    this.crashReject.clear();
  }

  private remoteOpts(opts: ClientCallOptions): [{ model?: string }, OnProgress | undefined] {
    return [{ model: opts.model }, opts.onProgress ? proxy(opts.onProgress) : undefined];
  }

  private emit(info: RuntimeInfo | null) {
    for (const fn of this.listeners) fn(info);
  }

  /** The choice a new worker starts with: WASM for good once WebGPU failed its check. */
  private get workerChoice(): BackendChoice {
    return this.webgpuFailure ? 'wasm' : this.backendChoice;
  }

  private ensureRuntime(): Promise<RuntimeInfo> {
    if (!this.info) {
      this.info = this.ensureApi()
        .configure(this.workerChoice)
        .then((info) => {
          if (info.recycle) {
            // This worker's ONNX Runtime may be broken by the failed WebGPU run: swap it quietly
            // (in-flight calls wait for the fresh one) and go on with WASM.
            this.webgpuFailure = { ...info, recycle: false };
            this.dropWorker();
            this.info = null;
            return this.ensureRuntime();
          }
          const shown = this.webgpuFailure ?? info;
          this.emit(shown);
          return shown;
        });
      this.info.catch(() => (this.info = null));
    }
    return this.info;
  }

  private dropWorker(): void {
    this.worker?.terminate();
    this.worker = null;
    this.api = null;
  }

  private ensureApi(): Remote<EngineApi> {
    if (!this.api) {
      this.worker = this.createWorker(this.workerChoice);
      this.worker.addEventListener('error', (ev) => {
        const err = new Error(`The analysis engine stopped unexpectedly (${ev.message || 'worker error'}).`);
        for (const reject of this.crashReject) reject(err);
        this.crashReject.clear();
        this.dropWorker();
        this.info = null;
      });
      this.api = wrap<EngineApi>(this.worker);
    }
    return this.api;
  }

  private async call<T>(fn: (api: Remote<EngineApi>) => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) throw new CancelledError();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.inFlight++;
    let rejectCall: (e: Error) => void = () => {};
    const stopped = new Promise<never>((_, reject) => {
      rejectCall = reject;
      this.crashReject.add(reject);
    });
    // Aborting kills the worker: ONNX Runtime cannot interrupt a running session otherwise.
    const onAbort = () => this.terminate();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      await Promise.race([this.ensureRuntime(), stopped]);
      return await Promise.race([fn(this.ensureApi()), stopped]);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      this.crashReject.delete(rejectCall);
      this.inFlight--;
      if (this.inFlight === 0 && this.worker) this.idleTimer = setTimeout(() => this.terminate(), IDLE_MS);
    }
  }
}

export const engine = new EngineClient(
  (choice) =>
    new Worker(new URL('../../workers/engine.worker.ts', import.meta.url), {
      type: 'module',
      name: workerName(choice),
    }),
);
