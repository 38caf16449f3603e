// Model registry and loading: one lazily created, warmed-up session per (model, backend),
// shared by every task that uses the model.
import { AutoModel, Tensor, env } from '@huggingface/transformers';
import { Lexicon, type LexiconJson } from '../text/lexicon.ts';
import { SPECIAL, WordPiece } from '../text/wordpiece.ts';
import { modelInputs } from './batch.ts';
import type { Backend, Dtype, ModelInfo, ProgressEvent } from '../api.ts';
import { labelsOf, parseConfig, type ModelConfig, type OnnxDtype } from './config.ts';
import { readModelData, type ModelData } from '../tasks/model-data.ts';
import { fetchModelFile, type ModelFiles } from './files.ts';
import { vocabularyOf } from './foreign-model.ts';
import { alignSpecialIds, toModelIds } from './special-ids.ts';

export interface LoadedModel {
  name: string;
  config: ModelConfig;
  labels: string[];
  wordpiece: WordPiece;
  lexicon?: Lexicon;
  /** The data files named in the config (concepts, graded scorer, WordNet, keep-words), parsed. */
  extras: ModelData;
  run(feeds: Record<string, Tensor>): Promise<Record<string, Tensor>>;
}

export interface LoadOptions {
  backend: Exclude<Backend, 'native'> | 'cpu';
  dtype: Dtype;
  onProgress?: (e: ProgressEvent) => void;
  /** ONNX Runtime session options, e.g. intra-op threads for native benchmarks. */
  sessionOptions?: Record<string, unknown>;
}

/** Points transformers.js at our own files only: no hub, no CDN, no browser cache duplicate. */
export function configureLocalOnly(files: ModelFiles, wasmPaths?: { wasm: string }): void {
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = files.root;
  // The service worker already caches model files; a second copy in Cache Storage wastes disk.
  env.useBrowserCache = false;
  if (wasmPaths) {
    const onnx = env.backends.onnx as { wasm?: { wasmPaths?: unknown } };
    if (onnx.wasm) onnx.wasm.wasmPaths = { ...wasmPaths };
    env.fetch = (input: RequestInfo | URL, init?: RequestInit) => fetchModelFile(input, init);
    // ONNX Runtime's bundled build carries its JS glue; only the .wasm is fetched, from our origin.
    // (transformers.js's wasm cache wants a separate .mjs and would make a blob: URL for it.)
    env.useWasmCache = false;
  }
}

interface LoadWatch {
  last?: ProgressEvent;
  listeners: Set<(e: ProgressEvent) => void>;
}

export class ModelRegistry {
  private readonly loaded = new Map<string, Promise<LoadedModel>>();
  /**
   * Whoever waits for a load in progress hears its progress, not only the caller that started it
   * (a run that finds its model already being prepared shows "Preparing model…", not "Starting…").
   */
  private readonly watchers = new Map<string, LoadWatch>();
  /** The installed models do not change while the engine lives: read them once, not per call. */
  private installed: Promise<ModelInfo[]> | null = null;
  /** Models of your own chosen over the built-in ones of their kind (config.json medtext.preferred). */
  private readonly preferred = new Set<string>();

  constructor(private readonly files: ModelFiles) {}

  list(): Promise<ModelInfo[]> {
    if (!this.installed) {
      this.installed = this.readList();
      // A failed read (e.g. offline before the first visit finished) must not stick.
      this.installed.catch(() => (this.installed = null));
    }
    return this.installed;
  }

  private async readList(): Promise<ModelInfo[]> {
    const names = await this.files.list();
    const infos: ModelInfo[] = [];
    for (const name of names) {
      const cfg = parseConfig(name, await this.files.readJson(name, 'config.json'));
      if (cfg.medtext.preferred) this.preferred.add(name);
      infos.push({ name, task: cfg.medtext.task, labels: labelsOf(cfg), description: cfg.medtext.description });
    }
    return infos;
  }

  /** First model whose config says it does `task`: a preferred one, else the one named like the task. */
  async find(task: ModelInfo['task']): Promise<string | undefined> {
    const infos = await this.list();
    const of = (pick: (m: ModelInfo) => boolean) => infos.find((m) => m.task === task && pick(m));
    return (of((m) => this.preferred.has(m.name)) ?? of((m) => m.name === task) ?? of(() => true))?.name;
  }

  async forTask(task: ModelInfo['task'], preferred?: string): Promise<string> {
    const name = preferred ?? (await this.find(task));
    if (!name) throw new Error(`No model for "${task}" is installed.`);
    return name;
  }

  get(name: string, opts: LoadOptions): Promise<LoadedModel> {
    const key = `${name}|${opts.backend}|${opts.dtype}`;
    let p = this.loaded.get(key);
    if (!p) {
      const watch: LoadWatch = { listeners: new Set() };
      this.watchers.set(key, watch);
      const onProgress = (e: ProgressEvent) => {
        watch.last = e;
        for (const fn of watch.listeners) fn(e);
      };
      p = this.load(name, { ...opts, onProgress });
      // A failed load must not poison later attempts.
      p.catch(() => this.loaded.delete(key));
      p.finally(() => this.watchers.get(key) === watch && this.watchers.delete(key)).catch(() => {});
      this.loaded.set(key, p);
    }
    const watch = this.watchers.get(key);
    const listener = opts.onProgress;
    if (watch && listener) {
      if (watch.last) listener(watch.last);
      watch.listeners.add(listener);
      p.finally(() => watch.listeners.delete(listener)).catch(() => {});
    }
    return p;
  }

  /** Forget every session, e.g. after the backend changed. */
  async clear(): Promise<void> {
    const all = [...this.loaded.values()];
    this.loaded.clear();
    for (const p of all) {
      const m = await p.catch(() => null);
      await (m as unknown as { dispose?: () => Promise<void> })?.dispose?.();
    }
  }

  private async load(name: string, opts: LoadOptions): Promise<LoadedModel> {
    const config = parseConfig(name, await this.files.readJson(name, 'config.json'));
    opts.onProgress?.({ stage: 'download', fraction: 0 });
    // The session (download, ONNX Runtime start-up) and the model's own data files load side by
    // side: the entities model's concept index alone takes about a second to read and parse.
    const dtype = dtypeFor(opts.dtype, config.medtext.dtypes);
    const [session, data] = await Promise.allSettled([
      this.session(name, { ...opts, dtype }),
      this.modelData(name, config),
    ]);
    if (session.status === 'rejected' || data.status === 'rejected') {
      if (session.status === 'fulfilled') await session.value.dispose().catch(() => {});
      throw session.status === 'rejected' ? session.reason : (data as PromiseRejectedResult).reason;
    }
    const model = session.value;
    const { wordpiece, toModel, lexicon, extras } = data.value;
    opts.onProgress?.({ stage: 'initialise', fraction: 1 });
    const run = (feeds: Record<string, Tensor>) => model(toModel ? toModelIds(feeds, toModel) : feeds);
    const loaded: LoadedModel = { name, config, labels: labelsOf(config), wordpiece, lexicon, extras, run };
    Object.assign(loaded, { dispose: () => model.dispose() });
    // One tiny inference now, so that kernel setup (and WebGPU shader compilation) is not paid
    // by the user's first real request.
    opts.onProgress?.({ stage: 'warmup' });
    await run(modelInputs([{ ids: [SPECIAL.cls, SPECIAL.sep], types: [0, 0] }]));
    return loaded;
  }

  /** The ONNX session of a model, through transformers.js, reporting download progress. */
  private async session(name: string, opts: Omit<LoadOptions, 'dtype'> & { dtype: OnnxDtype }) {
    const model = await AutoModel.from_pretrained(name, {
      dtype: opts.dtype,
      // The execution provider is named directly: with an ONNX Runtime build handed in by
      // ort-build.ts, transformers.js knows no device names (it would reject 'wasm').
      device: 'auto',
      session_options: { ...opts.sessionOptions, executionProviders: [opts.backend] },
      progress_callback: (p: { status: string; progress?: number; file?: string }) => {
        if (p.status === 'progress' && typeof p.progress === 'number') {
          opts.onProgress?.({ stage: 'download', fraction: p.progress / 100, file: p.file });
        }
      },
    });
    return model as unknown as ((feeds: Record<string, Tensor>) => Promise<Record<string, Tensor>>) & {
      dispose: () => Promise<void>;
    };
  }

  /** The files a model's config names besides the ONNX graph: tokenizer, lexicon, data files (model-data.ts). */
  private async modelData(name: string, config: ModelConfig) {
    const read = (file: string) => this.files.readJson(name, file);
    const { lexicon } = config.medtext;
    const [tokenizer, lexiconJson, extras] = await Promise.all([
      read('tokenizer.json'),
      lexicon ? read(lexicon) : undefined,
      readModelData(name, config.medtext as unknown as Record<string, unknown>, read),
    ]);
    return {
      ...wordPieceOf(tokenizer),
      lexicon: lexiconJson ? new Lexicon(lexiconJson as LexiconJson) : undefined,
      extras,
    };
  }
}

/**
 * The WordPiece encoder of a tokenizer.json, as every model is read: a vocabulary from elsewhere keeps
 * its special tokens at other ids than medtext's encoders use, so `toModel` maps them back (null when
 * they are the same, as in the shipped models).
 */
export function wordPieceOf(tokenizer: unknown): { wordpiece: WordPiece; toModel: Int32Array | null } {
  const vocabulary = vocabularyOf({ tokenizer });
  if (typeof vocabulary === 'string') throw new Error(vocabulary);
  const { vocab, toModel } = alignSpecialIds(vocabulary);
  return { wordpiece: new WordPiece(vocab), toModel };
}

/** The precision to load: the one asked for where the model ships it, else its first (q8, fp32, fp16). */
export function dtypeFor(wanted: OnnxDtype, shipped?: OnnxDtype[]): OnnxDtype {
  return !shipped || shipped.length === 0 || shipped.includes(wanted) ? wanted : shipped[0];
}
