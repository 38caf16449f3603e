// The bench's engine worker: engine.worker.ts plus two knobs the bench needs — the WASM thread
// count, and the stock transformers.js pipeline for comparison. Everything else is the shipped code.
import { expose } from 'comlink';
import type { BackendChoice, Dtype, RuntimeInfo } from '../../workers/api.ts';
import type { Engine } from '../../workers/engine.ts';
import type { BackendProbe } from '../../workers/runtime/backend.ts';
import { startBrowserRuntime } from '../../workers/runtime/browser-start.ts';
import type { JobResult } from '../speed/jobs.ts';
import type { LikeForLikeCheck, StockParts } from '../speed/stock-windows.ts';

type Stock = ((text: string) => Promise<unknown>) & {
  model: StockParts['model'] & { forward: (f: never) => Promise<unknown> };
  tokenizer: StockParts['tokenizer'];
};

/** What setup() loads: the engine's browser start-up as the app's worker has it, then transformers.js itself. */
async function loadLibraries(backend: BackendChoice) {
  const { Engine, files, probe } = await startBrowserRuntime(backend);
  const [transformers, jobs, stockWindows] = await Promise.all([
    import('@huggingface/transformers'),
    import('../speed/jobs.ts'),
    import('../speed/stock-windows.ts'),
  ]);
  return { ...transformers, ...jobs, ...stockWindows, Engine, files, probe };
}

let lib: Awaited<ReturnType<typeof loadLibraries>> | null = null;

function libraries() {
  if (!lib) throw new Error('bench worker: setup() first');
  return lib;
}

let settings: { probe: Omit<BackendProbe, 'compare'>; backend: BackendChoice } | null = null;
const engines = new Map<Dtype, Engine>();
const stock = new Map<string, Stock>();

/** One engine per dtype, all on the backend and thread count chosen in setup(). */
async function engineFor(dtype: Dtype = 'q8'): Promise<Engine> {
  if (!settings) throw new Error('bench worker: setup() first');
  const { Engine, files } = libraries();
  let engine = engines.get(dtype);
  if (!engine) {
    engine = new Engine({ files, probe: settings.probe, dtype });
    await engine.configure(settings.backend);
    engines.set(dtype, engine);
  }
  return engine;
}

function stockPipeline(model: string): Stock {
  const pipe = stock.get(model);
  if (!pipe) throw new Error(`bench worker: stockPrepare("${model}") first`);
  return pipe;
}

const loadedEntities = async (model: string) => (await engineFor('q8')).model('entities', { model });

const api = {
  /** threads: null keeps the app's own choice (browserProbe); ORT reads it when the first session starts. */
  async setup(threads: number | null, backend: BackendChoice): Promise<{ runtime: RuntimeInfo; numThreads: number }> {
    lib ??= await loadLibraries(backend);
    const probe = lib.probe;
    const wasm = (lib.env.backends.onnx as { wasm: { numThreads?: number } }).wasm;
    if (threads != null) {
      wasm.numThreads = threads;
      probe.threads = threads;
    }
    settings = { probe, backend };
    const runtime = await (await engineFor('q8')).runtime();
    return { runtime, numThreads: wasm.numThreads ?? 0 };
  },

  /** Loads and warms a model so that load time stays out of the timed job; returns load ms. */
  async prepare(task: string, model: string, warmup: string[], dtype?: Dtype): Promise<number> {
    const t0 = performance.now();
    const engine = await engineFor(dtype);
    await libraries().prepare(engine, task, model);
    await libraries().engineJob(engine, task, model, warmup);
    return performance.now() - t0;
  },

  async job(task: string, model: string, texts: string[], dtype?: Dtype): Promise<JobResult> {
    return libraries().engineJob(await engineFor(dtype), task, model, texts);
  },

  /**
   * Stock transformers.js: pipeline('token-classification', model, { dtype: 'q8' }), default settings
   * on the same ONNX Runtime build as the engine (handed in, transformers.js knows no device names:
   * the provider is named instead).
   */
  async stockPrepare(model: string, warmup: string[]): Promise<number> {
    const t0 = performance.now();
    const { env, pipeline, files, instrument } = libraries();
    if (!stock.has(model)) {
      // transformers.js 4.3 pipeline() looks for tokenizer files only under a *path* localModelPath
      // (an absolute URL counts as remote, which is off): give it its default form, '/models/'.
      const root = env.localModelPath;
      env.localModelPath = new URL(files.root).pathname;
      const options = { dtype: 'q8', device: 'auto', session_options: { executionProviders: ['wasm'] } } as const;
      const pipe = (await pipeline('token-classification', model, options).finally(
        () => (env.localModelPath = root),
      )) as unknown as Stock;
      instrument(pipe.model, 'forward');
      stock.set(model, pipe);
    }
    for (const t of warmup) await stock.get(model)!(t);
    return performance.now() - t0;
  },

  stockJob(model: string, texts: string[]): Promise<JobResult> {
    const pipe = stockPipeline(model);
    return libraries().timed('stock-entities', model, texts.length, async () => {
      for (const t of texts) await pipe(t);
    });
  },

  /** Like for like (bench/speed/stock-windows.ts): the stock tokenizer and model on the engine's windows. */
  async stockWindowsJob(model: string, texts: string[]): Promise<JobResult> {
    const { stockWindowsJob } = libraries();
    return stockWindowsJob(stockPipeline(model), await loadedEntities(model), texts);
  },

  /** Like for like, the engine's side: entities with concept links, no assertion or sections. */
  async spansJob(model: string, texts: string[]): Promise<JobResult> {
    return libraries().engineSpansJob(await engineFor('q8'), model, texts);
  },

  /** Both like-for-like sides on `texts`, untimed: how far their spans agree. */
  async likeForLikeCheck(model: string, texts: string[]): Promise<LikeForLikeCheck> {
    const { likeForLikeCheck } = libraries();
    return likeForLikeCheck(await engineFor('q8'), stockPipeline(model), await loadedEntities(model), texts);
  },

  /** One entities call, as the UI makes it; the page times it end to end. */
  async entities(text: string, model: string): Promise<number> {
    return (await (await engineFor('q8')).entities(text, { model })).length;
  },
};

export type BenchWorkerApi = typeof api;

expose(api);
