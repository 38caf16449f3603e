// What a batch job computes for each note, through the engine client: note specialty and note-level
// ADE (the ADE model reads every sentence and returns the deciding ones), entities with assertion
// and concepts (entitiesMany: the notes' windows share length-bucketed batches), and de-identification.
import type {
  Classification,
  DeidOptions,
  DeidResult,
  Entity,
  ClassificationEvidence,
  PhiSpan,
} from '../../../workers/api.ts';

export const JOB_TASKS = [
  { id: 'classify', label: 'Classify (specialty and adverse drug events)' },
  { id: 'entities', label: 'Entities with assertion and concepts' },
  { id: 'deid', label: 'De-identify (tags)' },
] as const;

export type JobTask = (typeof JOB_TASKS)[number]['id'];

export interface LabelResult {
  label: string;
  score: number;
}

export interface NoteResult {
  /** Specialties and note types the model selected. */
  specialty?: LabelResult[];
  /** Whether the note reports an adverse drug event, and the sentences that say so. */
  ade?: { label: string; score: number; evidence: ClassificationEvidence[] };
  entities?: Entity[];
  deid?: { text: string; spans: PhiSpan[] };
}

/** The engine calls a job uses (EnginePool and EngineClient have them; tests pass a fake). */
export interface BatchEngine {
  classify(texts: string[], opts: { signal?: AbortSignal; model?: string }): Promise<Classification[]>;
  entitiesMany(texts: string[], opts: { signal?: AbortSignal }): Promise<Entity[][]>;
  deid(text: string, opts: { signal?: AbortSignal } & DeidOptions): Promise<DeidResult>;
  /** Calls it serves at once (a pool's workers); the runner keeps this many chunks in flight. Default 1. */
  readonly concurrency?: number;
  /** Frees its workers once the job stops. */
  release?(): void;
}

export const SPECIALTY_MODEL = 'note-specialty';
export const ADE_MODEL = 'ade';

/** The models each task loads. */
const TASK_MODELS: Record<JobTask, string[]> = {
  classify: [SPECIALTY_MODEL, ADE_MODEL],
  entities: ['entities'],
  deid: ['deid'],
};

/**
 * Bytes of each model's ONNX file (models/<name>/onnx/model_quantized.onnx), for the pool's memory
 * estimate; tests/unit/collections/engine-pool.test.ts keeps them within 10% of the files.
 */
export const MODEL_FILE_BYTES: Record<string, number> = {
  [SPECIALTY_MODEL]: 6_477_459,
  [ADE_MODEL]: 5_760_808,
  entities: 3_421_147,
  deid: 6_889_510,
};

/** Bytes of the model files a job over `tasks` loads into each worker. */
export function jobModelBytes(tasks: readonly string[]): number {
  const models = new Set(tasks.flatMap((t) => TASK_MODELS[t as JobTask] ?? []));
  return [...models].reduce((sum, m) => sum + (MODEL_FILE_BYTES[m] ?? 0), 0);
}

/** Scores kept to 4 decimals: enough to rank, and stored results stay small. */
const round = (x: number) => Math.round(x * 1e4) / 1e4;

function selectedLabels(c: Classification): LabelResult[] {
  return c.labels.filter((l) => l.selected).map((l) => ({ label: l.label, score: round(l.score) }));
}

function adeOutcome(c: Classification): NoteResult['ade'] {
  const top = c.labels.find((l) => l.selected) ?? [...c.labels].sort((a, b) => b.score - a.score)[0];
  return {
    label: top?.label ?? '',
    score: round(top?.score ?? 0),
    evidence: (c.evidence ?? []).map((e) => ({ ...e, score: round(e.score) })),
  };
}

/** Results for `texts`, in order. Throws (nothing partial) when a call fails or is cancelled. */
export async function analyseNotes(
  engine: BatchEngine,
  tasks: readonly string[],
  texts: string[],
  signal?: AbortSignal,
): Promise<NoteResult[]> {
  const results: NoteResult[] = texts.map(() => ({}));
  if (tasks.includes('classify')) {
    const specialty = await engine.classify(texts, { signal, model: SPECIALTY_MODEL });
    const ade = await engine.classify(texts, { signal, model: ADE_MODEL });
    results.forEach((r, i) => {
      r.specialty = selectedLabels(specialty[i]);
      r.ade = adeOutcome(ade[i]);
    });
  }
  if (tasks.includes('entities')) {
    const entities = await engine.entitiesMany(texts, { signal });
    results.forEach((r, i) => (r.entities = entities[i].map((e) => ({ ...e, score: round(e.score) }))));
  }
  if (tasks.includes('deid')) {
    for (const [i, text] of texts.entries()) {
      const out = await engine.deid(text, { signal, mode: 'tags' });
      results[i].deid = { text: out.text, spans: out.spans.map((s) => ({ ...s, score: round(s.score) })) };
    }
  }
  return results;
}
