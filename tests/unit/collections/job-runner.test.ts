import { describe, expect, it } from 'vitest';
import { EnginePool, type PooledEngine } from '../../../src/client/engine-pool.ts';
import type { JobRecord, JobStatus } from '../../../src/storage/collections-db.ts';
import { CHUNK_NOTES, JobRunner, pendingChunks, type JobStore } from '../../../src/views/collections/job-runner.ts';
import type { BatchEngine, NoteResult } from '../../../src/views/collections/job-tasks.ts';
import type { Classification, Entity } from '../../../workers/api.ts';

/** An in-memory JobStore that, like CollectionsDb, saves results and progress together. */
class MemoryStore implements JobStore {
  results = new Map<number, NoteResult>();
  writes: number[][] = [];
  constructor(public job: JobRecord) {}
  async doneIndices() {
    return new Set(this.results.keys());
  }
  async saveResults(_: string, batch: ReadonlyMap<number, NoteResult>) {
    for (const [i, r] of batch) this.results.set(i, r);
    this.writes.push([...batch.keys()]);
    this.job = { ...this.job, done: this.results.size };
    if (this.job.done >= this.job.total) this.job.status = 'done';
    return this.job;
  }
  async setJobStatus(_: string, status: JobStatus, error?: string) {
    this.job = { ...this.job, status, error };
    return this.job;
  }
}

class StoppedError extends Error {
  override name = 'EngineStoppedError';
}

/** A fake engine whose output depends only on the text; it can die once before a given call. */
function fakeEngine(opts: { dieOnCall?: number; onCall?: (n: number) => void } = {}): BatchEngine & { calls: number } {
  const engine = {
    calls: 0,
    async classify(texts: string[], { model }: { model?: string }): Promise<Classification[]> {
      return texts.map((t) => ({ labels: [{ label: `${model}:${t.length % 3}`, score: 0.5, selected: true }] }));
    },
    async entitiesMany(texts: string[], { signal }: { signal?: AbortSignal }): Promise<Entity[][]> {
      engine.calls++;
      opts.onCall?.(engine.calls);
      await Promise.resolve();
      if (signal?.aborted) throw Object.assign(new Error('Cancelled.'), { name: 'AbortError' });
      if (engine.calls === opts.dieOnCall) throw new StoppedError('The analysis engine stopped answering.');
      return texts.map((t) => [{ start: 0, end: 1, type: 'Chemical', text: t[0], score: 1 }]);
    },
    async deid() {
      throw new Error('not used');
    },
  };
  return engine;
}

const notes = Array.from({ length: 21 }, (_, i) => ({ id: `n${i}`, text: `note number ${i}`, source: '' }));
const newJob = (): JobRecord => ({
  id: 'j',
  collectionId: 'c',
  tasks: ['classify', 'entities'],
  status: 'running',
  done: 0,
  total: notes.length,
  createdAt: 0,
});

describe('JobRunner', () => {
  it('cuts the notes into fixed chunks and skips saved ones', () => {
    expect(pendingChunks(10, new Set(), 4)).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
      [8, 9],
    ]);
    expect(pendingChunks(10, new Set([0, 1, 2, 3, 5]), 4)).toEqual([
      [4, 6, 7],
      [8, 9],
    ]);
  });

  it('re-runs a chunk whose worker died, and saves every note exactly once', async () => {
    const straight = new MemoryStore(newJob());
    await new JobRunner(straight, fakeEngine()).run(newJob(), notes);
    const store = new MemoryStore(newJob());
    const engine = fakeEngine({ dieOnCall: 2 });
    const final = await new JobRunner(store, engine).run(newJob(), notes);
    expect(final.status).toBe('done');
    expect(engine.calls).toBe(Math.ceil(notes.length / CHUNK_NOTES) + 1);
    expect(store.writes.flat().sort((a, b) => a - b)).toEqual(notes.map((_, i) => i));
    expect([...store.results].sort()).toEqual([...straight.results].sort());
  });

  it('pauses without saving the chunk in progress, then resumes where it stopped', async () => {
    const store = new MemoryStore(newJob());
    let runner: JobRunner | null = null;
    const engine = fakeEngine({ onCall: (n) => n === 2 && runner?.pause() });
    runner = new JobRunner(store, engine);
    const paused = await runner.run(newJob(), notes);
    expect(paused).toMatchObject({ status: 'paused', done: CHUNK_NOTES });
    const resumed = await new JobRunner(store, fakeEngine()).run(paused, notes);
    expect(resumed).toMatchObject({ status: 'done', done: notes.length });
    expect(store.writes.flat()).toHaveLength(notes.length);
  });

  it('stops with the reason when a chunk fails for another cause, keeping what was saved', async () => {
    const store = new MemoryStore(newJob());
    const engine = fakeEngine();
    engine.entitiesMany = async () => {
      if (store.results.size > 0) throw new Error('model file damaged');
      return notes.slice(0, CHUNK_NOTES).map(() => []);
    };
    const final = await new JobRunner(store, engine, { explain: (e) => `Explained: ${(e as Error).message}` }).run(
      newJob(),
      notes,
    );
    expect(final).toMatchObject({ status: 'failed', done: CHUNK_NOTES, error: 'Explained: model file damaged' });
  });

  it('reports rate and time left from its own clock', async () => {
    const store = new MemoryStore(newJob());
    let t = 0;
    const seen: (number | undefined)[] = [];
    await new JobRunner(store, fakeEngine({ onCall: () => (t += 2000) }), {
      now: () => t,
      onProgress: (p) => p.rate !== undefined && seen.push(p.etaSeconds),
    }).run(newJob(), notes);
    // 8 notes per 2 s: after the first chunk 13 notes are left, at 4 notes/s.
    expect(seen[0]).toBeCloseTo(13 / 4);
  });
});

/**
 * Pooled fake workers: outputs depend only on the text, and each call takes a number of ticks that
 * depends on its texts, so chunks finish out of order. `dieOnCall` kills the worker running that
 * call (counted over the pool); `busy` tracks calls in flight.
 */
function fakeWorkers(opts: { dieOnCall?: number; onCall?: (n: number) => void } = {}) {
  const state = { calls: 0, busy: 0, maxBusy: 0, terminated: 0 };
  const make = (): PooledEngine => {
    const base = fakeEngine();
    const timed =
      <A extends unknown[], R>(fn: (texts: string[], ...rest: A) => Promise<R>) =>
      async (texts: string[], ...rest: A): Promise<R> => {
        const n = ++state.calls;
        opts.onCall?.(n);
        state.maxBusy = Math.max(state.maxBusy, ++state.busy);
        try {
          for (let t = 0; t < (texts[0].length * 7) % 5; t++) await new Promise((r) => setTimeout(r, 0));
          if (n === opts.dieOnCall) throw new StoppedError('The analysis engine stopped answering.');
          return await fn(texts, ...rest);
        } finally {
          state.busy--;
        }
      };
    return {
      classify: timed(base.classify),
      entitiesMany: timed(base.entitiesMany),
      deid: base.deid,
      terminate: () => state.terminated++,
    };
  };
  return { state, make };
}

describe('JobRunner on a pool of workers', () => {
  const many = Array.from({ length: 61 }, (_, i) => ({
    id: `n${i}`,
    text: `note ${'x'.repeat(i % 11)} ${i}`,
    source: '',
  }));
  const manyJob = (): JobRecord => ({ ...newJob(), total: many.length });

  async function oneWorkerResults() {
    const store = new MemoryStore(manyJob());
    await new JobRunner(store, fakeEngine()).run(manyJob(), many);
    return store.results;
  }

  it('keeps one chunk per worker in flight and saves each note once, with the one-worker results', async () => {
    const store = new MemoryStore(manyJob());
    const workers = fakeWorkers();
    const pool = new EnginePool(workers.make, 3);
    const final = await new JobRunner(store, pool).run(manyJob(), many);
    expect(final).toMatchObject({ status: 'done', done: many.length });
    expect(workers.state.maxBusy).toBe(3);
    // Chunks finished out of order, each whole, each once.
    const firsts = store.writes.map((w) => w[0]);
    expect(firsts).not.toEqual([...firsts].sort((a, b) => a - b));
    expect(store.writes.map((w) => w.length).filter((n) => n !== CHUNK_NOTES)).toEqual([many.length % CHUNK_NOTES]);
    expect(store.writes.flat().sort((a, b) => a - b)).toEqual(many.map((_, i) => i));
    expect(store.results).toEqual(await oneWorkerResults());
    // The job ended: its workers are gone.
    expect(workers.state.terminated).toBe(3);
    expect(pool.workers).toBe(0);
  });

  it('re-runs the chunk of a worker that died mid-chunk, losing and repeating no note', async () => {
    const store = new MemoryStore(manyJob());
    const workers = fakeWorkers({ dieOnCall: 8 });
    const final = await new JobRunner(store, new EnginePool(workers.make, 3)).run(manyJob(), many);
    expect(final.status).toBe('done');
    expect(store.writes.flat().sort((a, b) => a - b)).toEqual(many.map((_, i) => i));
    expect(store.results).toEqual(await oneWorkerResults());
  });

  it('pauses every worker, then resumes to the same results', async () => {
    const store = new MemoryStore(manyJob());
    let runner: JobRunner | null = null;
    const workers = fakeWorkers({ onCall: (n) => n === 12 && runner?.pause() });
    const pool = new EnginePool(workers.make, 3);
    runner = new JobRunner(store, pool);
    const paused = await runner.run(manyJob(), many);
    expect(paused.status).toBe('paused');
    expect(paused.done).toBeLessThan(many.length);
    expect(paused.done % CHUNK_NOTES).toBe(0);
    expect(pool.workers).toBe(0);
    const resumed = await new JobRunner(store, new EnginePool(fakeWorkers().make, 2)).run(paused, many);
    expect(resumed).toMatchObject({ status: 'done', done: many.length });
    expect(store.writes.flat().sort((a, b) => a - b)).toEqual(many.map((_, i) => i));
    expect(store.results).toEqual(await oneWorkerResults());
  });

  it('cancels: no chunk is saved after it, and the workers are terminated', async () => {
    const store = new MemoryStore(manyJob());
    let runner: JobRunner | null = null;
    let savedAtCancel = -1;
    const workers = fakeWorkers({
      onCall: (n) => {
        if (n !== 9) return;
        savedAtCancel = store.writes.length;
        runner?.cancel();
      },
    });
    runner = new JobRunner(store, new EnginePool(workers.make, 3));
    const final = await runner.run(manyJob(), many);
    expect(final.status).toBe('cancelled');
    expect(store.writes).toHaveLength(savedAtCancel);
    expect(workers.state.terminated).toBe(3);
  });
});
