// Runs a batch job over a collection's notes in fixed chunks of note indices, as many chunks at
// once as the engine serves (a pool's workers). Each chunk's results are saved with the job's
// progress in one transaction (CollectionsDb.saveResults), in whatever order chunks finish, so a
// job that stops anywhere (pause, reload, crashed or killed worker) resumes with the unsaved chunks:
// no note is lost or done twice, and the chunks (hence the batches the models see) are the same
// as in an uninterrupted run whichever worker runs them, so the results are too.
import type { JobRecord, JobStatus, StoredNote } from '../../storage/collections-db.ts';
import { analyseNotes, type BatchEngine, type NoteResult } from './job-tasks.ts';

/** Notes per saved step: small enough that a pause or crash loses little work, large enough to batch. */
export const CHUNK_NOTES = 8;
/** A chunk whose worker died is retried on a fresh worker this many times before the job stops. */
const WORKER_RETRIES = 3;

/** The storage calls the runner needs (CollectionsDb has them; tests pass an in-memory one). */
export interface JobStore {
  doneIndices(jobId: string): Promise<Set<number>>;
  saveResults(jobId: string, results: ReadonlyMap<number, NoteResult>): Promise<JobRecord>;
  setJobStatus(jobId: string, status: JobStatus, error?: string): Promise<JobRecord | undefined>;
}

export interface JobProgress {
  job: JobRecord;
  /** Notes per second in this run (since start or resume), once measurable. */
  rate?: number;
  /** Seconds left at that rate. */
  etaSeconds?: number;
}

export interface RunnerHooks {
  onResults?: (results: ReadonlyMap<number, NoteResult>) => void;
  onProgress?: (progress: JobProgress) => void;
  /** Turns an error into the sentence stored with a failed job. */
  explain?: (err: unknown) => string;
  /** Monotonic clock in ms (tests pass their own). */
  now?: () => number;
}

/** Chunks of unsaved note indices; the chunk grid is fixed by index, so resuming keeps it. */
export function pendingChunks(total: number, done: ReadonlySet<number>, size = CHUNK_NOTES): number[][] {
  const chunks: number[][] = [];
  for (let start = 0; start < total; start += size) {
    const chunk: number[] = [];
    for (let i = start; i < Math.min(total, start + size); i++) if (!done.has(i)) chunk.push(i);
    if (chunk.length > 0) chunks.push(chunk);
  }
  return chunks;
}

function isWorkerDeath(err: unknown): boolean {
  return (err as Error)?.name === 'EngineStoppedError';
}

export class JobRunner {
  private controller: AbortController | null = null;
  /** Why the current run is stopping, when the user asked it to. */
  private stopAs: 'paused' | 'cancelled' | null = null;

  constructor(
    private readonly store: JobStore,
    private readonly engine: BatchEngine,
    private readonly hooks: RunnerHooks = {},
  ) {}

  get running(): boolean {
    return this.controller !== null;
  }

  /** Runs (or resumes) `job` until it is done, paused, cancelled or fails; resolves with its final record. */
  async run(job: JobRecord, notes: readonly StoredNote[]): Promise<JobRecord> {
    if (this.controller) throw new Error('This job is already running.');
    const controller = new AbortController();
    this.controller = controller;
    this.stopAs = null;
    const now = this.hooks.now ?? (() => performance.now());
    let current = (await this.store.setJobStatus(job.id, 'running')) ?? job;
    try {
      const queue = pendingChunks(job.total, await this.store.doneIndices(job.id));
      const started = now();
      let doneHere = 0;
      // Saves one at a time, so progress only grows and each record follows the one before.
      let saving: Promise<unknown> = Promise.resolve();
      const save = (chunk: number[], results: Map<number, NoteResult>) =>
        (saving = saving.then(async () => {
          current = await this.store.saveResults(job.id, results);
          doneHere += chunk.length;
          this.hooks.onResults?.(results);
          const seconds = (now() - started) / 1000;
          const rate = seconds > 0 ? doneHere / seconds : undefined;
          const etaSeconds = rate ? (current.total - current.done) / rate : undefined;
          this.hooks.onProgress?.({ job: current, rate, etaSeconds });
        }));
      const failures: unknown[] = [];
      // Each lane takes the next chunk when its last one is saved; the first failure stops them all.
      const lane = async () => {
        for (let chunk = queue.shift(); chunk && !controller.signal.aborted; chunk = queue.shift()) {
          const results = await this.runChunk(job, notes, chunk, controller.signal);
          if (!results) return;
          await save(chunk, results);
        }
      };
      const lanes = Math.max(1, Math.min(this.engine.concurrency ?? 1, queue.length));
      await Promise.all(
        Array.from({ length: lanes }, () =>
          lane().catch((err) => {
            failures.push(err);
            controller.abort();
          }),
        ),
      );
      await saving;
      if (failures.length > 0) throw failures[0];
      if (this.stopAs) current = (await this.store.setJobStatus(job.id, this.stopAs)) ?? current;
    } catch (err) {
      const message = this.hooks.explain?.(err) ?? (err as Error)?.message ?? String(err);
      // A full disk pauses the job (its saved results stay; it resumes once there is space).
      const status = (err as Error)?.name === 'StorageFullError' ? 'paused' : 'failed';
      const stored = await this.store.setJobStatus(job.id, status, message).catch(() => undefined);
      current = stored ?? { ...current, status, error: message };
    } finally {
      this.controller = null;
      this.engine.release?.();
    }
    this.hooks.onProgress?.({ job: current });
    return current;
  }

  /** Stops at once; the chunk in progress is not saved and runs again on resume. */
  pause(): void {
    this.stop('paused');
  }

  cancel(): void {
    this.stop('cancelled');
  }

  private stop(as: 'paused' | 'cancelled'): void {
    if (!this.controller) return;
    this.stopAs = as;
    this.controller.abort();
  }

  /** The chunk's results, or null when the job is stopping; a dead worker is replaced and the chunk re-run. */
  private async runChunk(
    job: JobRecord,
    notes: readonly StoredNote[],
    chunk: number[],
    signal: AbortSignal,
  ): Promise<Map<number, NoteResult> | null> {
    const texts = chunk.map((i) => notes[i].text);
    for (let attempt = 0; ; attempt++) {
      try {
        const out = await analyseNotes(this.engine, job.tasks, texts, signal);
        return new Map(chunk.map((index, k) => [index, out[k]]));
      } catch (err) {
        if (signal.aborted) return null;
        if (isWorkerDeath(err) && attempt < WORKER_RETRIES) continue;
        throw err;
      }
    }
  }
}
