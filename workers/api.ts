// The typed contract between the UI (src/) and the model worker (workers/).
// src/ imports this file type-only; everything here is structured-clone safe.

import type { TaskInput, TaskName, TaskOutput } from './tasks/registry.ts';
import type { ModelKind } from './tasks/task.ts';

export type Backend = 'wasm' | 'webgpu' | 'native';
export type BackendChoice = 'auto' | 'wasm' | 'webgpu';
export type Dtype = 'q8' | 'fp32';

export type Assertion = 'affirmed' | 'negated' | 'possible' | 'historical' | 'hypothetical' | 'family';

/** A character span into the caller's original string (UTF-16 offsets, end exclusive). */
export interface Span {
  start: number;
  end: number;
}

export interface Concept {
  id: string;
  name: string;
  source: string;
}

export interface Entity extends Span {
  type: string;
  text: string;
  score: number;
  assertion?: Assertion;
  section?: string;
  concept?: Concept;
}

export interface LabelScore {
  label: string;
  score: number;
  /** True when the score passes the model's decision threshold. */
  selected: boolean;
}

/** How a classifier reads its input: the whole text as one sequence, or every sentence on its own. */
export type ReadingUnit = 'text' | 'sentences';

export interface ClassificationReading {
  /** 'sentences': each sentence is scored alone and the text gets, per label, its highest sentence. */
  unit: ReadingUnit;
  /** Sub-words the model reads of each sequence, [CLS] and [SEP] included (its max_length). */
  maxSubwords: number;
  /** Sequences that ran: 1 for 'text', the text's sentences for 'sentences'. */
  sequences: number;
  /** Sequences longer than maxSubwords: their end was not read. */
  truncated: number;
}

/** A sentence that selected a label of a text read sentence by sentence (offsets into that text). */
export interface ClassificationEvidence extends Span {
  text: string;
  label: string;
  score: number;
}

export interface Classification {
  labels: LabelScore[];
  /** The model that ran. */
  model?: string;
  /** What the model read. */
  reads?: ClassificationReading;
  /** unit 'sentences': the sentences that selected a label, in text order (empty when none did). */
  evidence?: ClassificationEvidence[];
}

export interface ClassifyOptions extends CallOptions {
  /** Overrides how the model reads (default: its config's window), e.g. to compare the two. */
  reads?: ReadingUnit;
}

/** A concept both sentences name, in each one's words ("heart attack" / "myocardial infarction"). */
export interface SimilarityMatch {
  concept: string;
  a: string;
  b: string;
}

/** How one concept's two mentions disagree: affirmed/negated, patient/family, possible/asserted. */
export type ContradictionKind = 'negation' | 'experiencer' | 'certainty';

export interface SimilarityContradiction extends SimilarityMatch {
  kind: ContradictionKind;
}

export interface SimilarityHit {
  index: number;
  text: string;
  /** Graded similarity, 0–1. */
  score: number;
  /** Whether the model takes the two for the same question (its duplicate decision). */
  duplicate: boolean;
  /** Both texts are questions and the duplicate decision holds (what the "same question" badge shows). */
  sameQuestion?: boolean;
  /** Concepts both texts name (models with a concept table). */
  matched?: SimilarityMatch[];
  /** Concepts asserted differently on the two sides. */
  contradictions?: SimilarityContradiction[];
}

export type DeidMode = 'tags' | 'surrogates';

export interface DeidOptions {
  mode?: DeidMode;
  /** Terms the user wants removed wherever they occur (e.g. the patient's name), besides what is found. */
  alsoRedact?: string[];
  /** Terms never to remove (e.g. a drug or eponym the model takes for a name). */
  neverRedact?: string[];
}

export interface PhiSpan extends Span {
  type: string;
  text: string;
  /** 'model' for the neural PHI tagger, 'pattern' for structured identifiers, 'user' for a listed term. */
  source: 'model' | 'pattern' | 'user';
  score: number;
}

export interface Redaction {
  type: string;
  /** Offsets of the replacement in the output text. */
  start: number;
  end: number;
  replacement: string;
  /** Offsets of the redacted text in the input. */
  originalStart: number;
  originalEnd: number;
}

export interface DeidResult {
  /** The note with every PHI span replaced. */
  text: string;
  /** PHI found in the original note. */
  spans: PhiSpan[];
  /** Set when only part of the PHI could be looked for (e.g. no de-identification model installed). */
  warning?: string;
  /** Where each replacement sits in the output text. */
  replacements: Redaction[];
}

export interface ProgressEvent {
  /** What is happening, in words a user understands. */
  stage: 'download' | 'initialise' | 'warmup' | 'items';
  /** 0..1 where known. */
  fraction?: number;
  done?: number;
  total?: number;
  file?: string;
}

export interface CallOptions {
  model?: string;
}

/**
 * Progress callback. It is a separate, top-level argument of every call because comlink only
 * turns top-level arguments into proxies; a function inside an options object cannot cross.
 */
export type OnProgress = (event: ProgressEvent) => void;

/** Entities of a long text sent while it is still being read: final, in text order, after the previous part's. */
export interface EntityPart {
  entities: Entity[];
  /** Character offset up to which the text has been read. */
  through: number;
  /** The text's length, for "read so far" displays. */
  length: number;
}

/** Streaming callback of entitiesInParts; top-level like OnProgress so that comlink proxies it. */
export type OnEntityPart = (part: EntityPart) => void;

export interface ModelInfo {
  name: string;
  task: ModelKind;
  labels: string[];
  description?: string;
}

export interface RuntimeInfo {
  backend: Backend;
  /** Why this backend was chosen, in plain words. */
  reason: string;
  threads: number;
  crossOriginIsolated: boolean;
  /**
   * The WebGPU check failed inside ONNX Runtime, which can leave this worker's runtime unusable for
   * WASM too (measured: later WASM runs repeat the WebGPU error): the client starts a fresh worker.
   */
  recycle?: boolean;
}

/** The engine worker's API. Cancellation is by the client: abort() terminates the worker. */
export interface EngineApi {
  configure(choice: BackendChoice): Promise<RuntimeInfo>;
  runtime(): Promise<RuntimeInfo>;
  models(): Promise<ModelInfo[]>;
  classify(texts: string[], opts?: ClassifyOptions, onProgress?: OnProgress): Promise<Classification[]>;
  embed(texts: string[], opts?: CallOptions, onProgress?: OnProgress): Promise<Float32Array[]>;
  similarity(
    source: string,
    candidates: string[],
    opts?: CallOptions,
    onProgress?: OnProgress,
  ): Promise<SimilarityHit[]>;
  entities(text: string, opts?: CallOptions, onProgress?: OnProgress): Promise<Entity[]>;
  /**
   * entities() for a long text, part by part in text order: each part's entities go to `onPart` as it
   * is read (a page shows them while the rest runs); resolves with them all, as entities() would.
   */
  entitiesInParts(text: string, opts?: CallOptions, onProgress?: OnProgress, onPart?: OnEntityPart): Promise<Entity[]>;
  /** Entities of many texts in one call: their windows share batches, so it is faster than a loop. */
  entitiesMany(texts: string[], opts?: CallOptions, onProgress?: OnProgress): Promise<Entity[][]>;
  deid(text: string, opts?: CallOptions & DeidOptions, onProgress?: OnProgress): Promise<DeidResult>;
  /** Any registered task (workers/tasks/registry.ts) on its input: the one entry point a new task needs. */
  run<T extends TaskName>(
    task: T,
    input: TaskInput<T>,
    opts?: CallOptions,
    onProgress?: OnProgress,
  ): Promise<TaskOutput<T>>;
  /** Loads (and warms up) the model a task would use, so that the first run does not wait for it. */
  prepare(task: ModelKind, opts?: CallOptions): Promise<void>;
}

/** What the app's worker exposes: the engine, plus a ping answered at once (the client's heartbeat). */
export interface EngineWorkerApi extends EngineApi {
  ping(): Promise<true>;
}
