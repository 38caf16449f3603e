import { describe, expect, it } from 'vitest';
import type { JobRecord, JobStatus } from '../../../src/storage/collections-db.ts';
import { isQuotaError, saveWithinQuota, StorageFullError } from '../../../src/storage/storage-full.ts';
import { JobRunner, type JobStore } from '../../../src/views/collections/job-runner.ts';
import type { BatchEngine, NoteResult } from '../../../src/views/collections/job-tasks.ts';

/** An in-memory job store whose disk holds `capacity` results; past that, writes fail as a browser's do. */
class SmallDiskStore implements JobStore {
  results = new Map<number, NoteResult>();
  constructor(
    public job: JobRecord,
    public capacity: number,
  ) {}
  async doneIndices() {
    return new Set(this.results.keys());
  }
  saveResults(_: string, batch: ReadonlyMap<number, NoteResult>) {
    const write = async () => {
      // All or nothing, like the IndexedDB transaction it stands for.
      if (this.results.size + batch.size > this.capacity)
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      for (const [i, r] of batch) this.results.set(i, r);
      this.job = {
        ...this.job,
        done: this.results.size,
        status: this.results.size >= this.job.total ? 'done' : this.job.status,
      };
      return this.job;
    };
    return saveWithinQuota(write, async () => this.results.size);
  }
  async setJobStatus(_: string, status: JobStatus, error?: string) {
    this.job = { ...this.job, status, error };
    return this.job;
  }
}

const engine: BatchEngine = {
  async classify(texts, { model }) {
    return texts.map((t) => ({ labels: [{ label: `${model}:${t.length}`, score: 1, selected: true }] }));
  },
  async entitiesMany() {
    throw new Error('not used');
  },
  async deid() {
    throw new Error('not used');
  },
};

const notes = Array.from({ length: 20 }, (_, i) => ({ id: `n${i}`, text: `note ${'x'.repeat(i)}`, source: '' }));
const job: JobRecord = {
  id: 'j',
  collectionId: 'c',
  tasks: ['classify'],
  status: 'running',
  done: 0,
  total: 20,
  createdAt: 0,
};
const explain = (err: unknown) => (err as Error).message;

describe('a full disk during a job', () => {
  it('pauses the job, keeps what was saved, says how many notes are saved, and resumes once there is space', async () => {
    const store = new SmallDiskStore({ ...job }, 12);
    const runner = new JobRunner(store, engine, { explain });

    const paused = await runner.run(store.job, notes);
    expect(paused.status).toBe('paused');
    // Chunks of 8: the first fits, the second would pass 12 and is refused whole.
    expect([...store.results.keys()]).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(paused.error).toBe(
      "Your browser's storage for this site is full: 8 notes saved; free space or export, then resume.",
    );

    store.capacity = Infinity;
    const done = await runner.run(store.job, notes);
    expect(done.status).toBe('done');
    expect(done.error).toBeUndefined();
    expect(store.results.size).toBe(20);
  });

  it('leaves other failures as they are', async () => {
    await expect(
      saveWithinQuota(
        () => Promise.reject(new Error('disk on fire')),
        async () => 3,
      ),
    ).rejects.toThrow('disk on fire');
    const full = saveWithinQuota(
      () => Promise.reject(new DOMException('x', 'QuotaExceededError')),
      async () => 1,
    );
    await expect(full).rejects.toBeInstanceOf(StorageFullError);
    await expect(full).rejects.toThrow('storage for this site is full: 1 note saved');
    expect(isQuotaError(new DOMException('x', 'QuotaExceededError'))).toBe(true);
    expect(isQuotaError(new DOMException('x', 'AbortError'))).toBe(false);
  });
});
