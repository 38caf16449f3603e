// The task catalogue: each task's name, its tab (if it has one) and the model kind it runs. Plain data
// with no imports, so the app's shell (src/ui/views.ts) can read it without loading any task's code;
// registry.ts pairs every entry with its implementation and fails to compile if one is missing.
export const TASK_CATALOGUE = {
  classify: { view: 'Classify a note', model: 'classify', modelOptional: false },
  similarity: { view: 'Compare sentences', model: 'embeddings', modelOptional: false },
  similarityMatrix: { view: null, model: 'embeddings', modelOptional: false },
  entities: { view: 'Find entities', model: 'entities', modelOptional: false },
  deid: { view: 'De-identify', model: 'deid', modelOptional: true },
  sections: { view: 'Sections', model: null, modelOptional: false },
  assertion: { view: null, model: 'entities', modelOptional: true },
} as const;

export type TaskName = keyof typeof TASK_CATALOGUE;

/** The kinds of model medtext runs: a model's config.json names its kind (`medtext.task`). */
export type ModelKind = 'entities' | 'classify' | 'embeddings' | 'deid';

/** Checked: every catalogue entry names a known model kind (or none). */
export const CATALOGUE_CHECK: Record<TaskName, { view: string | null; model: ModelKind | null }> = TASK_CATALOGUE;
