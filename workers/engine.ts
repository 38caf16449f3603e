// The engine: every task behind one object. The worker exposes it with comlink; tests, eval
// and bench construct it directly in Node, so what is measured is what ships.
import type {
  BackendChoice,
  CallOptions,
  Classification,
  ClassifyOptions,
  DeidOptions,
  DeidResult,
  Dtype,
  EngineApi,
  Entity,
  ModelInfo,
  OnEntityPart,
  OnProgress,
  RuntimeInfo,
  SimilarityHit,
} from './api.ts';
import { chooseBackend, type BackendProbe } from './runtime/backend.ts';
import { runSequences, type BatchOptions } from './runtime/batch.ts';
import type { ModelFiles } from './runtime/files.ts';
import { ModelRegistry, type LoadedModel } from './runtime/models.ts';
import { encodeText } from './runtime/encode.ts';
import { findEntities, findEntitiesInParts, findEntitiesMany } from './tasks/entities/entities.ts';
import { isTaskName, TASK_CATALOGUE, TASKS, type TaskInput, type TaskName, type TaskOutput } from './tasks/registry.ts';
import { embedTexts } from './tasks/similarity/similarity.ts';
import type { ModelKind, TaskDefinition } from './tasks/task.ts';

export interface EngineOptions {
  files: ModelFiles;
  /** Browser only; in Node the backend is always onnxruntime-node. */
  probe?: Omit<BackendProbe, 'compare'>;
  dtype?: Dtype;
  /** ONNX Runtime session options for every model (Node: thread counts). */
  sessionOptions?: Record<string, unknown>;
}

export type RunOptions = CallOptions & { signal?: AbortSignal; onProgress?: OnProgress };

const CHECK_SENTENCE = 'The patient was given aspirin for chest pain and denies shortness of breath.';

export class Engine implements EngineApi {
  readonly registry: ModelRegistry;
  private info: RuntimeInfo | null = null;
  private choice: BackendChoice = 'auto';
  private readonly dtype: Dtype;

  constructor(private readonly opts: EngineOptions) {
    this.registry = new ModelRegistry(opts.files);
    this.dtype = opts.dtype ?? 'q8';
  }

  async configure(choice: BackendChoice): Promise<RuntimeInfo> {
    if (choice !== this.choice || !this.info) {
      this.choice = choice;
      this.info = null;
      await this.registry.clear();
    }
    return this.runtime();
  }

  async runtime(): Promise<RuntimeInfo> {
    if (this.info) return this.info;
    const probe = this.opts.probe;
    this.info = probe
      ? await chooseBackend(this.choice, { ...probe, compare: () => this.compareBackends() })
      : { backend: 'native', reason: 'Node.js: native ONNX Runtime.', threads: 0, crossOriginIsolated: false };
    return this.info;
  }

  models(): Promise<ModelInfo[]> {
    return this.registry.list();
  }

  async model(task: ModelKind, opts: RunOptions = {}): Promise<LoadedModel> {
    const name = await this.registry.forTask(task, opts.model);
    const { backend } = await this.runtime();
    return this.registry.get(name, {
      backend: backend === 'native' ? 'cpu' : backend,
      dtype: this.dtype,
      onProgress: opts.onProgress,
      sessionOptions: this.opts.sessionOptions,
    });
  }

  /** Any registered task (workers/tasks/registry.ts) on its input, with its model loaded when it has one. */
  async run<T extends TaskName>(
    task: T,
    input: TaskInput<T>,
    opts: RunOptions = {},
    onProgress?: OnProgress,
  ): Promise<TaskOutput<T>> {
    const definition: TaskDefinition<TaskInput<T>, TaskOutput<T>> | undefined = isTaskName(task)
      ? (TASKS[task] as unknown as TaskDefinition<TaskInput<T>, TaskOutput<T>>)
      : undefined;
    if (!definition) throw new Error(`Unknown task "${task}".`);
    const o = withProgress(opts, onProgress);
    const { model: kind, modelOptional } = TASK_CATALOGUE[task];
    const load = kind !== null && (!modelOptional || (await this.hasModel(kind, opts)));
    return definition.run(load ? await this.model(kind, o) : null, input, o);
  }

  classify(
    texts: string[],
    opts: RunOptions & ClassifyOptions = {},
    onProgress?: OnProgress,
  ): Promise<Classification[]> {
    return this.run('classify', { texts, reads: opts.reads }, opts, onProgress);
  }

  async embed(texts: string[], opts: RunOptions = {}, onProgress?: OnProgress): Promise<Float32Array[]> {
    const o = withProgress(opts, onProgress);
    return embedTexts(await this.model('embeddings', o), texts, o);
  }

  similarity(
    source: string,
    candidates: string[],
    opts: RunOptions = {},
    onProgress?: OnProgress,
  ): Promise<SimilarityHit[]> {
    return this.run('similarity', { source, candidates }, opts, onProgress);
  }

  async entitiesMany(
    texts: string[],
    opts: RunOptions & { spansOnly?: boolean } = {},
    onProgress?: OnProgress,
  ): Promise<Entity[][]> {
    const o = withProgress(opts, onProgress);
    return findEntitiesMany(await this.model('entities', o), texts, o);
  }

  async entities(
    text: string,
    opts: RunOptions & { spansOnly?: boolean } = {},
    onProgress?: OnProgress,
  ): Promise<Entity[]> {
    const o = withProgress(opts, onProgress);
    return findEntities(await this.model('entities', o), text, o);
  }

  async entitiesInParts(
    text: string,
    opts: RunOptions & { spansOnly?: boolean } = {},
    onProgress?: OnProgress,
    onPart?: OnEntityPart,
  ): Promise<Entity[]> {
    const o = withProgress(opts, onProgress);
    return findEntitiesInParts(await this.model('entities', o), text, (part) => onPart?.(part), o);
  }

  deid(text: string, opts: RunOptions & DeidOptions = {}, onProgress?: OnProgress): Promise<DeidResult> {
    const { mode, alsoRedact, neverRedact } = opts;
    return this.run('deid', { text, options: { mode, alsoRedact, neverRedact } }, opts, onProgress);
  }

  async prepare(task: ModelKind, opts: RunOptions = {}): Promise<void> {
    // Without a PHI model, de-identification runs on patterns alone: nothing to load.
    if (await this.hasModel(task, opts)) await this.model(task, opts);
  }

  /** A model was named, or one for `task` is installed. */
  private async hasModel(task: ModelKind, opts: CallOptions): Promise<boolean> {
    return Boolean(opts.model || (await this.registry.find(task)));
  }

  /** Same input through WebGPU and WASM sessions of the first model; used by `auto`. */
  private async compareBackends(): Promise<{ maxDiff: number; sameTop: boolean }> {
    const [first] = await this.registry.list();
    if (!first) throw new Error('no model installed');
    const outputs = [];
    for (const backend of ['webgpu', 'wasm'] as const) {
      const m = await this.registry.get(first.name, { backend, dtype: this.dtype });
      const output = m.config.medtext.task === 'embeddings' ? 'last_hidden_state' : 'logits';
      outputs.push((await runSequences(m, [encodeText(m, CHECK_SENTENCE)], output))[0]);
    }
    const [gpu, cpu] = outputs;
    let maxDiff = 0;
    for (let i = 0; i < cpu.data.length; i++) maxDiff = Math.max(maxDiff, Math.abs(cpu.data[i] - gpu.data[i]));
    const argmaxRows = (d: Float32Array, w: number) =>
      Array.from({ length: d.length / w }, (_, r) => {
        const row = Array.from(d.subarray(r * w, (r + 1) * w));
        return row.indexOf(Math.max(...row));
      }).join(',');
    return { maxDiff, sameTop: argmaxRows(cpu.data, cpu.width) === argmaxRows(gpu.data, gpu.width) };
  }
}

function withProgress<T extends RunOptions>(opts: T, onProgress?: OnProgress): T & BatchOptions {
  return { ...opts, onProgress: onProgress ?? opts.onProgress };
}
