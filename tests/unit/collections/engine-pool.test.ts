import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  EnginePool,
  MAX_POOL_WORKERS,
  poolSize,
  workerMemoryBytes,
  type PooledEngine,
} from '../../../src/client/engine-pool.ts';
import { jobModelBytes, MODEL_FILE_BYTES } from '../../../src/views/collections/job-tasks.ts';
import {
  baseFromWorkerName,
  choiceFromWorkerName,
  maxThreadsFromWorkerName,
  workerName,
} from '../../../workers/runtime/worker-name.ts';
import type { Classification } from '../../../workers/api.ts';

const GiB = 1024 ** 3;

/** A fake worker client whose classify calls wait until the test lets them finish. */
function heldEngine(id: number, log: string[]) {
  const pending: (() => void)[] = [];
  const engine = {
    id,
    terminated: false,
    pending,
    async classify(texts: string[], { signal }: { signal?: AbortSignal }): Promise<Classification[]> {
      log.push(`${id}:${texts.join(',')}`);
      await new Promise<void>((resolve, reject) => {
        pending.push(resolve);
        signal?.addEventListener('abort', () => reject(Object.assign(new Error('Cancelled.'), { name: 'AbortError' })));
      });
      return texts.map((t) => ({ labels: [{ label: t, score: 1, selected: true }] }));
    },
    async entitiesMany(texts: string[]) {
      return texts.map(() => []);
    },
    async deid(): Promise<never> {
      throw new Error('not used');
    },
    terminate() {
      engine.terminated = true;
    },
  };
  return engine satisfies PooledEngine;
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('pool size', () => {
  const worker = workerMemoryBytes(jobModelBytes(['classify', 'entities']));

  it('takes one worker per core while memory allows', () => {
    expect(poolSize({ cores: 2, memoryBytes: 8 * GiB }, worker)).toBe(2);
    expect(poolSize({ cores: 6, memoryBytes: 8 * GiB }, worker)).toBe(6);
  });

  it('is bounded by the memory its workers need, by a ceiling, and never below one', () => {
    expect(poolSize({ cores: 16, memoryBytes: 1 * GiB }, worker)).toBe(Math.floor(GiB / 4 / worker));
    expect(poolSize({ cores: 16, memoryBytes: 0.5 * GiB }, worker)).toBe(1);
    expect(poolSize({ cores: 64, memoryBytes: 64 * GiB }, worker)).toBe(MAX_POOL_WORKERS);
    expect(poolSize({ cores: 0 }, worker)).toBe(1);
    // Bigger models, fewer workers on the same device.
    const deid = workerMemoryBytes(jobModelBytes(['classify', 'entities', 'deid']));
    expect(poolSize({ cores: 16, memoryBytes: 2 * GiB }, deid)).toBeLessThan(
      poolSize({ cores: 16, memoryBytes: 2 * GiB }, workerMemoryBytes(jobModelBytes(['entities']))),
    );
  });

  it('estimates from the model files as they are', () => {
    for (const [name, bytes] of Object.entries(MODEL_FILE_BYTES)) {
      const actual = statSync(`models/${name}/onnx/model_quantized.onnx`).size;
      expect(Math.abs(bytes - actual) / actual, name).toBeLessThan(0.1);
    }
    expect(jobModelBytes(['entities', 'entities'])).toBe(MODEL_FILE_BYTES.entities);
  });
});

describe('worker name', () => {
  it('carries a thread cap next to the choice and the base URL', () => {
    const name = workerName('wasm', 'https://host/medtext/', 1);
    expect(choiceFromWorkerName(name)).toBe('wasm');
    expect(baseFromWorkerName(name)).toBe('https://host/medtext/');
    expect(maxThreadsFromWorkerName(name)).toBe(1);
    const plain = workerName('auto', undefined, 2);
    expect(baseFromWorkerName(plain)).toBeUndefined();
    expect(maxThreadsFromWorkerName(plain)).toBe(2);
    expect(maxThreadsFromWorkerName(workerName('auto'))).toBeUndefined();
  });
});

describe('EnginePool', () => {
  it('starts workers up to its size, one thread each, and hands calls to idle ones', async () => {
    const log: string[] = [];
    const made: ReturnType<typeof heldEngine>[] = [];
    const threads: number[] = [];
    const pool = new EnginePool((maxThreads) => {
      threads.push(maxThreads);
      const e = heldEngine(made.length, log);
      made.push(e);
      return e;
    }, 2);
    const a = pool.classify(['a'], {});
    const b = pool.classify(['b'], {});
    const c = pool.classify(['c'], {});
    await tick();
    expect(pool.workers).toBe(2);
    expect(threads).toEqual([1, 1]);
    expect(log).toEqual(['0:a', '1:b']);
    // The second worker finishes first: the waiting call goes to it.
    made[1].pending[0]();
    expect((await b)[0].labels[0].label).toBe('b');
    await tick();
    expect(log).toEqual(['0:a', '1:b', '1:c']);
    made[0].pending[0]();
    made[1].pending[1]();
    expect((await Promise.all([a, c])).map((r) => r[0].labels[0].label)).toEqual(['a', 'c']);

    pool.release();
    expect(made.every((e) => e.terminated)).toBe(true);
    expect(pool.workers).toBe(0);
  });

  it('lets one worker alone use several threads', () => {
    const threads: number[] = [];
    const pool = new EnginePool((maxThreads) => {
      threads.push(maxThreads);
      return heldEngine(0, []);
    }, 1);
    void pool.classify(['x'], {});
    expect(threads).toHaveLength(1);
    expect(threads[0]).toBeGreaterThan(1);
  });

  it('drops a waiting call that is cancelled without taking a worker', async () => {
    const log: string[] = [];
    const made: ReturnType<typeof heldEngine>[] = [];
    const pool = new EnginePool(() => {
      const e = heldEngine(made.length, log);
      made.push(e);
      return e;
    }, 1);
    const first = pool.classify(['a'], {});
    const controller = new AbortController();
    const waiting = pool.classify(['b'], { signal: controller.signal });
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    made[0].pending[0]();
    await first;
    const next = pool.classify(['c'], {});
    await tick();
    made[0].pending[1]();
    await next;
    expect(log).toEqual(['0:a', '0:c']);
  });
});
