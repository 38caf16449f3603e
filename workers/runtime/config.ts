// The parts of a model's config.json that medtext reads (see training/CONTRACT.md).
import type { ModelKind } from '../tasks/task.ts';

export interface HybridConfig {
  /** score = sigmoid(w_embed * cosine + w_lexical * lexical + bias), fitted on dev data. */
  w_embed: number;
  w_lexical: number;
  bias: number;
  /** Character n-gram sizes of the lexical similarity. */
  char_ngrams: number[];
}

/** Logistic regression over named pair features (workers/tasks/similarity/pair-features.ts) for duplicate questions. */
export interface DuplicateClassifier {
  features: string[];
  weights: number[];
  bias: number;
  /** Probability at or above which two questions count as the same, chosen on dev. */
  threshold: number;
}

/** ONNX precisions a model folder may ship (workers/runtime/foreign-model.ts names their files). */
export type OnnxDtype = 'q8' | 'fp32' | 'fp16';

export interface MedtextConfig {
  task: ModelKind;
  max_length: number;
  description?: string;
  lexicon?: string;
  /** Token type ids also carry word shapes (workers/text/word-shape.ts): deid trained with --case_feature. */
  case_feature?: boolean;
  /**
   * "line": windows never span a line break (deid, trained on single lines); "sentence": one sentence
   * per window (classify: each sentence scored alone, the text gets its highest sentence); default
   * ("packed"): sentences packed into each window up to max_length (classify: the text as one sequence).
   */
  window?: 'line' | 'sentence' | 'packed';
  /** classify, single-label, window "sentence": the label a sentence has when it reports nothing (e.g. "noADE"). */
  background_label?: string;
  concepts?: string;
  /** deid: JSON file of words that are no names on their own (workers/tasks/deid/keep-words.ts). */
  keep_words?: string;
  /** JSON file of boosted trees giving the graded similarity of a pair from its features. */
  graded_scorer?: string;
  /** WordNet data (JSON, may be gzipped) for the graded scorer's word-alignment features. */
  wordnet?: string;
  /** Weight of the pair score in the graded similarity: (1 − w) · trees + w · pair score. */
  graded_pair_weight?: number;
  multi_label?: boolean;
  thresholds?: Record<string, number>;
  pooling?: 'mean' | 'cls';
  normalize?: boolean;
  hybrid?: HybridConfig;
  pair_threshold?: number;
  /** Duplicate-question classifier; without it, duplicates are pair score ≥ pair_threshold. */
  duplicate?: DuplicateClassifier;
  trained_on?: string[];
  /** The ONNX precisions the folder ships; without it, whichever the engine asks for (q8 for our models). */
  dtypes?: OnnxDtype[];
  /** A model of your own chosen in Settings over the built-in model of its kind (own-model-cache.ts). */
  preferred?: boolean;
}

/** medtext config keys that name an extra file of the model (read by the loader, served by the app). */
export const MODEL_FILE_KEYS = ['lexicon', 'concepts', 'graded_scorer', 'wordnet', 'keep_words'] as const;

/** The extra files a model's config names (lexicon, concepts, graded scorer, WordNet). */
export function namedFiles(config: Pick<ModelConfig, 'medtext'>): string[] {
  return MODEL_FILE_KEYS.map((key) => config.medtext[key]).filter((f): f is string => typeof f === 'string');
}

export interface ModelConfig {
  model_type: string;
  id2label?: Record<string, string>;
  type_vocab_size?: number;
  hidden_size?: number;
  medtext: MedtextConfig;
}

export function parseConfig(model: string, json: unknown): ModelConfig {
  const cfg = json as Partial<ModelConfig>;
  if (!cfg || typeof cfg !== 'object' || !cfg.medtext || !cfg.medtext.task) {
    throw new Error(
      `Model "${model}" has no medtext block in config.json, so medtext cannot tell what it does. ` +
        'A model folder of your own is checked and given defaults when named by its path (docs/own-models.md).',
    );
  }
  return {
    model_type: cfg.model_type ?? 'bert',
    ...cfg,
    medtext: { ...cfg.medtext, max_length: cfg.medtext.max_length ?? 128 },
  } as ModelConfig;
}

/** Labels in id order. */
export function labelsOf(cfg: ModelConfig): string[] {
  const map = cfg.id2label ?? {};
  return Object.keys(map)
    .map(Number)
    .sort((a, b) => a - b)
    .map((i) => map[String(i)]);
}
