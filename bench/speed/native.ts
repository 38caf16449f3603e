// Node side: the same engine code and model file on onnxruntime-node, with a fixed thread count.
import { AutoModel } from '@huggingface/transformers';
import { nodeEngine } from '../node-engine.ts';
import { engineJob, inputsFor, prepare, type JobResult } from './jobs.ts';
import type { BenchModel } from './sizes.ts';

type FromPretrained = typeof AutoModel.from_pretrained;

/**
 * workers/runtime/models.ts has no way to pass ONNX session options, so while `body` runs every
 * AutoModel.from_pretrained call gets intraOpNumThreads (onnxruntime-node otherwise takes every core).
 * A `sessionOptions` field in LoadOptions would make this patch unnecessary (see the bench report).
 */
async function withThreads<T>(threads: number, body: () => Promise<T>): Promise<T> {
  const original: FromPretrained = AutoModel.from_pretrained;
  const patched = ((name: string, options: Record<string, unknown> = {}) =>
    original.call(AutoModel, name, {
      ...options,
      session_options: {
        ...(options.session_options as object | undefined),
        intraOpNumThreads: threads,
        interOpNumThreads: 1,
      },
    })) as FromPretrained;
  AutoModel.from_pretrained = patched;
  try {
    return await body();
  } finally {
    AutoModel.from_pretrained = original;
  }
}

export interface NativeRun {
  threads: number;
  load_ms: number;
  job: JobResult;
}

/** One model at one thread count: load + warm up (untimed), then the timed job. */
export async function nativeJob(
  model: BenchModel,
  threads: number,
  data: { sentences: string[]; texts: string[] },
): Promise<NativeRun> {
  const engine = nodeEngine();
  try {
    const texts = inputsFor(model.task, data);
    const t0 = performance.now();
    await withThreads(threads, async () => {
      await prepare(engine, model.task, model.name);
      await engineJob(engine, model.task, model.name, texts.slice(0, 1));
    });
    const load_ms = performance.now() - t0;
    const job = await engineJob(engine, model.task, model.name, texts);
    return { threads, load_ms, job };
  } finally {
    await engine.registry.clear();
  }
}

/** Single-note latency in Node at `threads`, for comparison with the browser figure. */
export async function nativeLatency(model: BenchModel, threads: number, note: string, runs: number): Promise<number[]> {
  const engine = nodeEngine();
  try {
    await withThreads(threads, () => engine.entities(note, { model: model.name }));
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await engine.entities(note, { model: model.name });
      samples.push(performance.now() - t0);
    }
    return samples;
  } finally {
    await engine.registry.clear();
  }
}
