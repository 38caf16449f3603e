// Node side: the same engine code and model files on onnxruntime-node, with a fixed thread count.
import { AutoModel } from '@huggingface/transformers';
import { nodeEngine } from '../node-engine.ts';
import { engineJob, prepare, type JobResult } from './jobs.ts';
import type { BenchModel } from './sizes.ts';

type FromPretrained = typeof AutoModel.from_pretrained;

/**
 * workers/runtime/models.ts has no way to pass ONNX session options, so while `body` runs every
 * AutoModel.from_pretrained call gets intraOpNumThreads (onnxruntime-node otherwise takes every core).
 * A `sessionOptions` field in LoadOptions would make this patch unnecessary (see the bench report).
 */
async function withThreads<T>(threads: number, body: () => Promise<T>): Promise<T> {
  const original: FromPretrained = AutoModel.from_pretrained;
  AutoModel.from_pretrained = ((name: string, options: Record<string, unknown> = {}) =>
    original.call(AutoModel, name, {
      ...options,
      session_options: {
        ...(options.session_options as object | undefined),
        intraOpNumThreads: threads,
        interOpNumThreads: 1,
      },
    })) as FromPretrained;
  try {
    return await body();
  } finally {
    AutoModel.from_pretrained = original;
  }
}

/** One Node engine whose sessions all run on `threads` intra-op threads. */
export class NativeRunner {
  private readonly engine = nodeEngine();

  constructor(readonly threads: number) {}

  /** Loads and warms `model` (untimed by the jobs); returns load ms. */
  async prepare(model: BenchModel, warmup: string[]): Promise<number> {
    const t0 = performance.now();
    await withThreads(this.threads, () => prepare(this.engine, model.task, model.name));
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
