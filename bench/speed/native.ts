// Node side: the same engine code and model files on onnxruntime-node, with a fixed thread count.
import { nodeEngine } from '../../workers/runtime/node-engine.ts';
import { engineJob, prepare, type JobResult } from './jobs.ts';
import type { BenchModel } from './sizes.ts';

/** One Node engine whose sessions all run on `threads` intra-op threads. */
export class NativeRunner {
  private readonly engine: ReturnType<typeof nodeEngine>;

  constructor(readonly threads: number) {
    this.engine = nodeEngine({ threads });
  }

  /** Loads and warms `model` (untimed by the jobs); returns load ms. */
  async prepare(model: BenchModel, warmup: string[]): Promise<number> {
    const t0 = performance.now();
    await prepare(this.engine, model.task, model.name);
    await engineJob(this.engine, model.task, model.name, warmup);
    return performance.now() - t0;
  }

  job(model: BenchModel, texts: string[]): Promise<JobResult> {
    return engineJob(this.engine, model.task, model.name, texts);
  }

  /** One entities call, timed like the browser's single-note latency. */
  async entitiesMs(model: BenchModel, text: string): Promise<number> {
    const t0 = performance.now();
    await this.engine.entities(text, { model: model.name });
    return performance.now() - t0;
  }

  close(): Promise<void> {
    return this.engine.registry.clear();
  }
}
