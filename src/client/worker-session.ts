// One model worker and what the client knows about it: its comlink API, its runtime answer, the
// calls running on it, and a heartbeat. A worker can die without an 'error' event (killed for
// memory, a module that never evaluates); the heartbeat notices that it stopped answering.
import { wrap, type Remote } from 'comlink';
import type { EngineWorkerApi, RuntimeInfo } from '../../workers/api.ts';

/** The worker is gone: its calls fail with this (or re-run, when it was stopped for another call). */
export class EngineStoppedError extends Error {
  constructor(
    message: string,
    /** True when the worker was stopped on purpose to cancel another call: the calls on it re-run. */
    readonly rerun = false,
  ) {
    super(message);
    this.name = 'EngineStoppedError';
  }
}

export interface HeartbeatOptions {
  /** How often a busy worker is pinged. */
  intervalMs: number;
  /** No answer for this long (start-up included) and the worker counts as dead. */
  timeoutMs: number;
}

export class WorkerSession {
  readonly api: Remote<EngineWorkerApi>;
  info: Promise<RuntimeInfo> | null = null;
  /** Calls running on this worker. */
  calls = 0;
  /** Set once it is known this worker cannot serve more calls (its start-up failed, a file was bad). */
  broken = false;
  /** Rejects when the worker ends, with the reason; every call races against it. */
  readonly ended: Promise<never>;
  private endWith: (reason: EngineStoppedError) => void = () => {};
  private done = false;
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private lastAnswer = Date.now();
  private pinging = false;

  constructor(
    private readonly worker: Worker,
    private readonly beat: HeartbeatOptions,
  ) {
    this.ended = new Promise<never>((_, reject) => (this.endWith = reject));
    this.ended.catch(() => undefined);
    this.api = wrap<EngineWorkerApi>(worker);
    worker.addEventListener('error', (ev) => {
      const detail = (ev as ErrorEvent).message || 'its script failed to load or threw';
      this.end(new EngineStoppedError(`The analysis engine stopped unexpectedly (${detail}).`));
    });
    worker.addEventListener('messageerror', () =>
      this.end(new EngineStoppedError('The analysis engine sent a message that could not be read.')),
    );
  }

  get alive(): boolean {
    return !this.done;
  }

  /** Pings while calls run; silence for timeoutMs ends the session. */
  startHeartbeat(): void {
    if (this.heartbeat || this.done) return;
    this.lastAnswer = Date.now();
    this.heartbeat = setInterval(() => this.ping(), this.beat.intervalMs);
  }

  stopHeartbeat(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }

  private ping(): void {
    const silentMs = Date.now() - this.lastAnswer;
    if (silentMs > this.beat.timeoutMs) {
      const seconds = Math.round(silentMs / 1000);
      this.end(new EngineStoppedError(`The analysis engine stopped responding (no answer for ${seconds} s).`));
      return;
    }
    if (this.pinging) return;
    this.pinging = true;
    this.api.ping().then(
      () => {
        this.pinging = false;
        this.lastAnswer = Date.now();
      },
      () => (this.pinging = false),
    );
  }

  /** Terminates the worker; calls on it reject with `reason`. */
  end(reason: EngineStoppedError): void {
    if (this.done) return;
    this.done = true;
    this.stopHeartbeat();
    this.worker.terminate();
    this.endWith(reason);
  }
}
