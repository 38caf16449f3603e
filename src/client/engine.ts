// The typed client of the model worker: starts it lazily, terminates it when idle, restarts it
// after a crash or when it stops answering its heartbeat. ONNX Runtime cannot interrupt a running
// session, so cancelling a call terminates the worker; the other calls in flight on it are re-run
// on a fresh worker, so that cancelling one view's run never stops another's.
import { proxy, type Remote } from 'comlink';
import { workerName } from '../../workers/runtime/worker-name.ts';
import type {
  BackendChoice,
  Classification,
  DeidOptions,
  DeidResult,
  EngineWorkerApi,
  Entity,
  EntityPart,
  ModelInfo,
  OnProgress,
  ProgressEvent,
  RuntimeInfo,
  SimilarityHit,
} from '../../workers/api.ts';
import type { TaskInput, TaskName, TaskOutput } from '../../workers/tasks/registry.ts';
import { CancelledError, explainError } from './errors.ts';
import { EngineStoppedError, WorkerSession, type HeartbeatOptions } from './worker-session.ts';

export { CancelledError, explainError, recoveryFor, type Recovery } from './errors.ts';
export { EngineStoppedError } from './worker-session.ts';

export interface ClientCallOptions {
  signal?: AbortSignal;
  onProgress?: (e: ProgressEvent) => void;
  model?: string;
}

export interface EngineClientOptions {
  idleMs?: number;
  heartbeat?: HeartbeatOptions;
}

const BACKEND_KEY = 'medtext.backend';
/** A call re-runs at most this many times because other calls' cancels stopped its worker. */
const MAX_RERUNS = 8;
/** Long enough for the longest blocking step (one batch on one thread); short enough to beat "Starting…" forever. */
const HEARTBEAT: HeartbeatOptions = { intervalMs: 5_000, timeoutMs: 45_000 };

/** Failures after which the worker cannot serve again: its start-up or ONNX Runtime broke, or a file was bad. */
const WORKER_BROKEN =
  /dynamically imported module|Importing a module script failed|no available backend|magic word|WebAssembly|\.wasm|The file "|not found locally/i;

export class EngineClient {
  private session: WorkerSession | null = null;
  private inFlight = 0;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  /** `auto`'s outcome once WebGPU failed its check: later workers start on WASM and show this reason. */
  private webgpuFailure: RuntimeInfo | null = null;
  private listeners = new Set<(info: RuntimeInfo | null) => void>();
  private failureListeners = new Set<(message: string) => void>();
  private readonly idleMs: number;
  private readonly heartbeat: HeartbeatOptions;

  /** `createWorker(choice)`: a worker for that backend choice (it loads the ONNX Runtime build for it). */
  constructor(
    private readonly createWorker: (choice: BackendChoice) => Worker,
    options: EngineClientOptions = {},
  ) {
    this.idleMs = options.idleMs ?? 5 * 60 * 1000;
    this.heartbeat = options.heartbeat ?? HEARTBEAT;
  }

  get backendChoice(): BackendChoice {
    return (globalThis.localStorage?.getItem(BACKEND_KEY) as BackendChoice | null) ?? 'auto';
  }

  /** Switches backend; takes effect on a fresh worker (calls in flight re-run on it). */
  async setBackend(choice: BackendChoice): Promise<RuntimeInfo> {
    globalThis.localStorage?.setItem(BACKEND_KEY, choice);
    this.webgpuFailure = null;
    this.restart();
    return this.runtime();
  }

  onRuntime(fn: (info: RuntimeInfo | null) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  runtime(): Promise<RuntimeInfo> {
    return this.call((_, session) => this.ensureRuntime(session));
  }

  models(): Promise<ModelInfo[]> {
    return this.call((api) => api.models());
  }

  /** Any registered task (workers/tasks/registry.ts) on its input. */
  run<T extends TaskName>(task: T, input: TaskInput<T>, opts: ClientCallOptions = {}): Promise<TaskOutput<T>> {
    return this.call((api) => api.run(task, input, ...this.remoteOpts(opts)) as Promise<TaskOutput<T>>, opts.signal);
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
    // A call re-run on a fresh worker reads the text again from the start: parts already passed on are skipped.
    let through = 0;
    const onNewPart = (part: EntityPart) => {
      if (part.through <= through) return;
      through = part.through;
      onPart(part);
    };
    return this.call((api) => api.entitiesInParts(text, ...this.remoteOpts(opts), proxy(onNewPart)), opts.signal);
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

  /** Stops the worker now; every call in flight fails with `reason` (default: stopped). */
  terminate(reason = 'The analysis engine was stopped.'): void {
    this.endSession(new EngineStoppedError(reason));
  }

  /** A fresh worker for the calls in flight (they re-run on it) and the next ones. */
  restart(): void {
    this.endSession(new EngineStoppedError('The analysis engine was restarted.', true));
  }

  /** Hears engine-level failures (the worker died or cannot start), explained, for a status line. */
  onFailure(fn: (message: string) => void): () => void {
    this.failureListeners.add(fn);
    return () => this.failureListeners.delete(fn);
  }

  private endSession(reason: EngineStoppedError): void {
    const session = this.session;
    this.session = null;
    session?.end(reason);
    this.emit(null);
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

  private ensureSession(): WorkerSession {
    if (!this.session?.alive || this.session.broken) {
      const old = this.session;
      this.session = new WorkerSession(this.createWorker(this.workerChoice), this.heartbeat);
      // A broken worker still finishing calls is left to them; an idle one goes now.
      if (old?.alive && old.calls === 0) old.end(new EngineStoppedError('Replaced by a fresh worker.'));
    }
    return this.session;
  }

  private ensureRuntime(session: WorkerSession): Promise<RuntimeInfo> {
    if (!session.info) {
      session.info = session.api.configure(this.workerChoice).then((info) => {
        if (info.recycle) {
          // This worker's ONNX Runtime may be broken by the failed WebGPU run: swap it quietly
          // (calls in flight re-run on the fresh one) and go on with WASM.
          this.webgpuFailure = { ...info, recycle: false };
          if (this.session === session) this.restart();
          throw new EngineStoppedError('Moving to WASM.', true);
        }
        const shown = this.webgpuFailure ?? info;
        if (this.session === session) this.emit(shown);
        return shown;
      });
      // A failed start must not stick to a worker that is replaced anyway.
      session.info.catch(() => {
        if (session.alive) session.broken = true;
      });
    }
    return session.info;
  }

  private async call<T>(
    fn: (api: Remote<EngineWorkerApi>, session: WorkerSession) => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T> {
    if (signal?.aborted) throw new CancelledError();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.inFlight++;
    let onAbort = () => {};
    const cancelled = new Promise<never>((_, reject) => (onAbort = () => reject(new CancelledError())));
    cancelled.catch(() => undefined);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      for (let rerun = 0; ; rerun++) {
        const session = this.ensureSession();
        session.calls++;
        session.startHeartbeat();
        let sent = false;
        try {
          await Promise.race([this.ensureRuntime(session), session.ended, cancelled]);
          sent = true;
          return await Promise.race([fn(session.api, session), session.ended, cancelled]);
        } catch (err) {
          if (err instanceof CancelledError) {
            // Only a call the worker is running needs the worker stopped; the others on it re-run.
            if (sent && session.alive) session.end(new EngineStoppedError('Stopped for a cancelled call.', true));
            if (this.session === session && !session.alive) this.emit(null);
            throw err;
          }
          if (err instanceof EngineStoppedError && err.rerun && rerun < MAX_RERUNS) continue;
          this.noteFailure(session, err);
          throw err;
        } finally {
          session.calls--;
          if (session.calls === 0) session.stopHeartbeat();
          if (session.calls === 0 && session.broken && this.session !== session) {
            session.end(new EngineStoppedError('Replaced by a fresh worker.'));
          }
        }
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
      this.inFlight--;
      if (this.inFlight === 0 && this.session) {
        this.idleTimer = setTimeout(() => this.terminate('The analysis engine was idle.'), this.idleMs);
      }
    }
  }

  /** A failure that leaves the worker unusable: the next call gets a fresh one, and the status line hears of it. */
  private noteFailure(session: WorkerSession, err: unknown): void {
    const message = (err as Error)?.message ?? String(err);
    const dead = err instanceof EngineStoppedError;
    if (!dead && !WORKER_BROKEN.test(message)) return;
    session.broken = true;
    if (this.session === session) this.emit(null);
    const explained = explainError(err);
    for (const fn of this.failureListeners) fn(explained);
  }
}

/** A model worker for `choice`; `maxThreads` caps its WASM threads (a pool's workers share the cores). */
export function engineWorker(choice: BackendChoice, maxThreads?: number): Worker {
  return new Worker(new URL('../../workers/engine.worker.ts', import.meta.url), {
    type: 'module',
    name: workerName(choice, undefined, maxThreads),
  });
}

export const engine = new EngineClient((choice) => engineWorker(choice));
