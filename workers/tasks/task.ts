// What a task is, for the registry (registry.ts): one name used everywhere — its worker-side function,
// the model kind it runs, its view's tab, its command-line command, the eval tasks that measure it.
import type { DeidMode } from '../api.ts';
import type { Engine } from '../engine.ts';
import type { BatchOptions } from '../runtime/batch.ts';
import type { LoadedModel } from '../runtime/models.ts';

export type { ModelKind } from './catalogue.ts';

/** One command-line input record (cli/inputs.ts reads them from files, CSV rows or JSON Lines). */
export interface TaskRecord {
  id: string;
  text: string;
  /** Second text of a pair (similarity). */
  textPair?: string;
  /** The text file it came from, if any. */
  file?: string;
  /** Any other fields of a JSON Lines record (e.g. the assertion task's `target`). */
  fields?: Record<string, unknown>;
}

/** One command-line result: JSON-able, with the record's id and offsets into its own text. */
export type TaskResult = Record<string, unknown> & { id: string };

export interface CliOptions {
  model?: string;
  mode?: DeidMode;
  signal?: AbortSignal;
}

export interface TaskCommand {
  /** One line for `medtext --help`. */
  describe: string;
  /** The flat CSV's columns (null: from the first result, e.g. one per label). */
  csvColumns: readonly string[] | null;
  /** The field holding the list the flat CSV has one row per item of (entities, spans…), if any. */
  listField?: string;
  run(engine: Engine, records: TaskRecord[], opts: CliOptions): Promise<TaskResult[]>;
}

/** A task's implementation; its tab and model kind are in catalogue.ts. */
export interface TaskDefinition<I, O> {
  /**
   * The worker-side function (Engine.run): `model` is the catalogue's model kind, loaded; null when the
   * task needs none, or its model is optional and none is installed.
   */
  run(model: LoadedModel | null, input: I, opts: BatchOptions): Promise<O>;
  cli: TaskCommand | null;
  /** `npm run eval -- --task …` names that measure it. */
  eval: readonly string[];
}

export const defineTask = <I, O>(task: TaskDefinition<I, O>): TaskDefinition<I, O> => task;

/** The model a task needs, or an error saying so (for tasks whose model is not optional). */
export function needModel(model: LoadedModel | null, task: string): LoadedModel {
  if (!model) throw new Error(`No model for "${task}" is installed.`);
  return model;
}

export const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;

/** The id (and file) every command-line result starts with. */
export const resultOf = (r: TaskRecord): TaskResult => ({ id: r.id, ...(r.file && { file: r.file }) });
