// The Collections view's state: the stored collections, the open one's notes, its jobs and the
// results of the job on show, and the one job running (on a pool of workers: jobs take turns). A job
// that was running when the page closed (reload, crash) resumes when the view opens its store.
import { EngineClient, engineWorker, explainError } from '../../client/engine.ts';
import { deviceLimits, EnginePool, fixedPoolSize, poolSize, workerMemoryBytes } from '../../client/engine-pool.ts';
import {
  CollectionsDb,
  StorageFullError,
  type CollectionMeta,
  type JobRecord,
  type StoredNote,
} from '../../storage/collections-db.ts';
import { wipeAllLocalData, type WipeReport } from '../../storage/wipe.ts';
import type { ImportedNote, SkippedItem } from './import-notes.ts';
import { JobRunner, type JobProgress } from './job-runner.ts';
import { jobModelBytes, type NoteResult } from './job-tasks.ts';

class CollectionsState {
  db: CollectionsDb | null = null;
  ready = $state(false);
  collections = $state<CollectionMeta[]>([]);
  selectedId = $state<string | null>(null);
  notes = $state.raw<StoredNote[]>([]);
  jobs = $state<JobRecord[]>([]);
  /** The job whose results are shown (the running one while it runs). */
  shownJobId = $state<string | null>(null);
  results = $state.raw<ReadonlyMap<number, NoteResult>>(new Map());
  progress = $state<JobProgress | null>(null);
  runningJobId = $state<string | null>(null);
  /** Workers the running job uses. */
  poolSize = $state(1);
  error = $state<string | null>(null);
  /** The run in progress, so that a wipe can wait for it to stop before deleting its store. */
  private run: Promise<unknown> | null = null;
  // The store is looked up per call: a wipe replaces it.
  private readonly jobStore = {
    doneIndices: (id: string) => this.store.doneIndices(id),
    saveResults: (id: string, r: ReadonlyMap<number, NoteResult>) => this.store.saveResults(id, r),
    setJobStatus: (id: string, status: JobRecord['status'], error?: string) =>
      this.store.setJobStatus(id, status, error),
  };
  // Batch workers of their own: a job never waits for, or cancels, a single-text view's call.
  private pool = new EnginePool((maxThreads) => new EngineClient((choice) => engineWorker(choice, maxThreads)));
  private runner = new JobRunner(this.jobStore, this.pool, {
    // A full disk is said as it is (what was kept, what to do); engine failures in the engine's words.
    explain: (err: unknown) => (err instanceof StorageFullError ? err.message : explainError(err)),
    onResults: (batch) => {
      if (this.shownJobId !== this.runningJobId) return;
      // `results` is $state.raw and replaced whole, so a plain Map is what makes the update visible.
      // eslint-disable-next-line svelte/prefer-svelte-reactivity
      const next = new Map(this.results);
      for (const [i, r] of batch) next.set(i, r);
      this.results = next;
    },
    onProgress: (progress) => {
      this.progress = progress;
      this.jobs = this.jobs.map((j) => (j.id === progress.job.id ? progress.job : j));
    },
  });

  get selected(): CollectionMeta | undefined {
    return this.collections.find((c) => c.id === this.selectedId);
  }

  get shownJob(): JobRecord | undefined {
    return this.jobs.find((j) => j.id === this.shownJobId);
  }

  private get store(): CollectionsDb {
    if (!this.db) throw new Error('Local storage is not open.');
    return this.db;
  }

  async open(): Promise<void> {
    if (this.db) return;
    try {
      this.db = await CollectionsDb.open();
      this.collections = await this.db.collections();
      this.ready = true;
      const interrupted = (await this.db.jobs()).find((j) => j.status === 'running');
      if (interrupted) {
        await this.select(interrupted.collectionId);
        void this.start(interrupted);
      } else if (this.collections[0]) await this.select(this.collections[0].id);
    } catch (err) {
      this.error = `Local storage could not be opened (${(err as Error).message}). Private windows of some browsers do not allow it.`;
    }
  }

  async addCollection(name: string, notes: ImportedNote[], skipped: SkippedItem[]): Promise<void> {
    this.error = null;
    try {
      await this.open();
      const meta = await this.store.addCollection(name, notes, skipped);
      this.collections = [meta, ...this.collections];
      await this.select(meta.id);
    } catch (err) {
      this.error = (err as Error).message;
      // A full disk keeps the notes saved so far as a collection: list it.
      if (err instanceof StorageFullError && this.db) this.collections = await this.db.collections();
    }
  }

  async select(id: string): Promise<void> {
    this.selectedId = id;
    this.notes = await this.store.notes(id);
    this.jobs = await this.store.jobs(id);
    const latest = this.jobs.find((j) => j.id === this.runningJobId) ?? this.jobs.at(-1);
    await this.showJob(latest?.id ?? null);
  }

  async showJob(jobId: string | null): Promise<void> {
    this.shownJobId = jobId;
    this.results = jobId ? await this.store.results<NoteResult>(jobId) : new Map();
  }

  async newJob(tasks: string[]): Promise<void> {
    if (!this.selectedId || this.runningJobId) return;
    const job = await this.store.addJob(this.selectedId, tasks, this.notes.length);
    this.jobs = [...this.jobs, job];
    await this.start(job);
  }

  /** Runs or resumes `job` (its collection must be the open one). */
  async start(job: JobRecord): Promise<void> {
    if (this.runningJobId) return;
    this.error = null;
    // Sized before the panel shows the job as running, so that it never shows a stale count.
    this.poolSize = fixedPoolSize() ?? poolSize(deviceLimits(), workerMemoryBytes(jobModelBytes(job.tasks)));
    this.pool.resize(this.poolSize);
    this.runningJobId = job.id;
    await this.showJob(job.id);
    this.progress = { job };
    this.run = this.runner.run(job, this.notes).catch((err) => (this.error = explainError(err)));
    await this.run;
    this.run = null;
    this.runningJobId = null;
  }

  pause(): void {
    this.runner.pause();
  }

  cancel(): void {
    this.runner.cancel();
  }

  async deleteJob(jobId: string): Promise<void> {
    if (jobId === this.runningJobId) return;
    await this.store.deleteJob(jobId);
    this.jobs = this.jobs.filter((j) => j.id !== jobId);
    if (this.shownJobId === jobId) await this.showJob(this.jobs.at(-1)?.id ?? null);
  }

  async deleteCollection(id: string): Promise<void> {
    if (this.runningJobId && this.jobs.some((j) => j.id === this.runningJobId)) this.runner.cancel();
    await this.store.deleteCollection(id);
    this.collections = this.collections.filter((c) => c.id !== id);
    if (this.selectedId === id) {
      this.selectedId = null;
      this.notes = [];
      this.jobs = [];
      await this.showJob(null);
    }
  }

  /** Stops any job, then removes every store holding patient text; the view starts empty again. */
  async wipe(): Promise<WipeReport> {
    this.runner.cancel();
    await this.run;
    const report = await wipeAllLocalData(this.db);
    this.db = null;
    this.ready = false;
    this.collections = [];
    this.selectedId = null;
    this.notes = [];
    this.jobs = [];
    this.shownJobId = null;
    this.results = new Map();
    this.progress = null;
    this.error = null;
    // The store opens again (with a new key) only when something is imported.
    return report;
  }
}

export const collections = new CollectionsState();
