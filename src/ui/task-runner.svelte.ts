// The one place that runs a model task for a view: progress, cancel, errors and stale
// results. Every view holds a TaskRunner instead of its own copy of this logic.
import type { ProgressEvent } from '../../workers/api.ts';
import { explainError } from '../client/engine.ts';

export interface TaskContext {
  signal: AbortSignal;
  onProgress: (event: ProgressEvent) => void;
}

export class TaskRunner<T> {
  running = $state(false);
  progress = $state<ProgressEvent | null>(null);
  /** A clinician-readable failure, shown with role="alert". */
  error = $state<string | null>(null);
  /** A calm note, e.g. after the user pressed Cancel. */
  notice = $state<string | null>(null);
  /** Results are replaced wholesale, never mutated: no deep proxy needed. */
  result = $state.raw<T | null>(null);

  #controller: AbortController | null = null;
  #runId = 0;

  readonly #explain: (err: unknown) => string;

  constructor(explain: (err: unknown) => string = explainError) {
    this.#explain = explain;
  }

  /** Runs `task`; a run started while another is going cancels the older one. */
  async run(task: (ctx: TaskContext) => Promise<T>): Promise<T | undefined> {
    this.#controller?.abort();
    const controller = new AbortController();
    const id = ++this.#runId;
    this.#controller = controller;
    this.running = true;
    this.progress = null;
    // A result on screen must always belong to the latest run (and tests wait for it to appear).
    this.result = null;
    this.error = null;
    this.notice = null;
    const isCurrent = () => id === this.#runId;
    try {
      const value = await task({
        signal: controller.signal,
        // Progress from a superseded run must not move the current bar.
        onProgress: (event) => {
          if (isCurrent()) this.progress = event;
        },
      });
      if (!isCurrent()) return undefined;
      this.result = value;
      return value;
    } catch (err) {
      if (!isCurrent()) return undefined;
      if ((err as Error)?.name === 'AbortError' || controller.signal.aborted) this.notice = this.#explain(err);
      else this.error = this.#explain(err);
      return undefined;
    } finally {
      if (isCurrent()) {
        this.running = false;
        this.progress = null;
        this.#controller = null;
      }
    }
  }

  cancel(): void {
    this.#controller?.abort();
  }

  /** Shows a message without running anything (e.g. "Please paste a note first"). */
  fail(message: string): void {
    this.error = message;
    this.notice = null;
  }

  clearMessages(): void {
    this.error = null;
    this.notice = null;
  }

  reset(): void {
    this.cancel();
    this.#runId++;
    this.running = false;
    this.progress = null;
    this.result = null;
    this.clearMessages();
  }
}
