// Bring your own model: checks a folder in Hugging Face layout (config.json, a WordPiece tokenizer, an
// ONNX export) against what medtext's runtime runs, and derives the medtext block its config lacks.
// Pure: the callers read the folder (node-foreign-model.ts on disk, the Settings view from picked files).
// The layout and the defaults are documented in docs/own-models.md.
import { TASK_CATALOGUE, type TaskName } from '../tasks/catalogue.ts';
import type { ModelKind } from '../tasks/task.ts';
import { MODEL_FILE_KEYS, type MedtextConfig, type OnnxDtype } from './config.ts';
import { SPECIAL_TOKENS } from './special-ids.ts';

/** The ONNX file of each precision, as transformers.js names them. */
export const ONNX_FILES: Record<OnnxDtype, string> = {
  q8: 'onnx/model_quantized.onnx',
  fp32: 'onnx/model.onnx',
  fp16: 'onnx/model_fp16.onnx',
};

/**
 * Encoder families whose ONNX exports take input_ids / attention_mask (/ token_type_ids) and whose
 * tokenizer is WordPiece: what the runtime feeds and encodes. RoBERTa, ALBERT, XLM-R and others use
 * BPE or SentencePiece tokenizers medtext does not implement.
 */
export const SUPPORTED_MODEL_TYPES = ['bert', 'distilbert', 'electra'] as const;

/** The longest input medtext gives any model (BERT's position table). */
const MAX_LENGTH_CAP = 512;

/** What the caller read from the folder: every file's relative path ('/'-separated) and the small JSON files. */
export interface ForeignFolder {
  paths: string[];
  /** config.json parsed (undefined: missing; a string: why it could not be read). */
  config: unknown;
  tokenizer?: unknown;
  tokenizerConfig?: unknown;
  /** vocab.txt's text. */
  vocab?: string;
  /** 1_Pooling/config.json of a sentence-transformers export, parsed. */
  pooling?: unknown;
}

export interface ForeignModel {
  kind: ModelKind;
  architecture: string;
  modelType: string;
  /** Labels in id order (none for feature extraction). */
  labels: string[];
  /** ONNX precisions present, best first for the CPU (q8, fp32, fp16). */
  dtypes: OnnxDtype[];
  maxLength: number;
  /** The tasks (catalogue names) that run a model of this kind. */
  tasks: TaskName[];
  tokenizerFile: 'tokenizer.json' | 'vocab.txt';
  /** The medtext block: the folder's own, or derived defaults (docs/own-models.md). */
  medtext: MedtextConfig;
}

export type ForeignCheck = { ok: true; model: ForeignModel } | { ok: false; problems: string[] };

type Json = Record<string, unknown>;
const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);

/** The model kind an architecture runs as, or why medtext cannot run it. */
function kindOf(architecture: string): ModelKind | string {
  if (architecture.endsWith('ForTokenClassification')) return 'entities';
  if (architecture.endsWith('ForSequenceClassification')) return 'classify';
  if (/^[A-Za-z]+Model$/.test(architecture)) return 'embeddings';
  return (
    `its architecture ${architecture} is not one medtext runs: it runs token classification ` +
    '(…ForTokenClassification), sequence classification (…ForSequenceClassification) and feature ' +
    'extraction (…Model, e.g. BertModel).'
  );
}

/** Labels in id order from id2label, checked against label2id and num_labels. */
function checkLabels(config: Json, problems: string[]): string[] {
  const id2label = config.id2label;
  if (!isObject(id2label) || Object.keys(id2label).length === 0) {
    problems.push('config.json has no id2label: a classification model must name its labels.');
    return [];
  }
  const ids = Object.keys(id2label)
    .map(Number)
    .sort((a, b) => a - b);
  if (ids.some((id, i) => id !== i)) {
    problems.push(`id2label's ids must be 0, 1, 2… without gaps; they are ${ids.join(', ')}.`);
    return [];
  }
  const labels = ids.map((id) => id2label[String(id)]);
  if (labels.some((l) => typeof l !== 'string' || l.length === 0)) {
    problems.push('id2label has a label that is not a non-empty string.');
    return [];
  }
  const names = labels as string[];
  const repeated = names.filter((l, i) => names.indexOf(l) !== i);
  if (repeated.length > 0) problems.push(`id2label names ${repeated[0]} more than once.`);
  const label2id = config.label2id;
  if (label2id !== undefined) {
    const agrees =
      isObject(label2id) &&
      Object.keys(label2id).length === names.length &&
      names.every((label, id) => label2id[label] === id);
    if (!agrees) problems.push('label2id does not match id2label: every label must map back to its own id.');
  }
  if (typeof config.num_labels === 'number' && config.num_labels !== names.length)
    problems.push(`num_labels is ${config.num_labels} but id2label names ${names.length} labels.`);
  return names;
}

/** Token classification labels must be BIO tags (O, B-X, I-X), as medtext's decoder reads them. */
function checkTagScheme(labels: string[], problems: string[]): void {
  const bad = labels.filter((l) => l !== 'O' && !/^[BI]-.+/.test(l));
  if (bad.length > 0) {
    problems.push(
      `Token labels must be BIO tags (O, B-Type, I-Type); ${bad.slice(0, 3).join(', ')} ` +
        `${bad.length === 1 ? 'is' : 'are'} not.`,
    );
    return;
  }
  if (!labels.includes('O')) problems.push('Token labels need an O label (outside any entity).');
  const orphans = labels.filter((l) => l.startsWith('I-') && !labels.includes(`B-${l.slice(2)}`));
  if (orphans.length > 0) problems.push(`${orphans[0]} has no matching B-${orphans[0].slice(2)} label.`);
  if (!labels.some((l) => l.startsWith('B-'))) problems.push('Token labels name no entity type (no B- label).');
}

/** The vocabulary (token → id) of a WordPiece tokenizer.json or vocab.txt, or why it is unusable. */
export function vocabularyOf(folder: Pick<ForeignFolder, 'tokenizer' | 'vocab'>): Map<string, number> | string {
  if (folder.tokenizer !== undefined) {
    const model = isObject(folder.tokenizer) ? folder.tokenizer.model : undefined;
    if (!isObject(model)) return 'tokenizer.json could not be read as a tokenizer.';
    if (model.type !== 'WordPiece')
      return (
        `tokenizer.json holds a ${String(model.type)} tokenizer; medtext tokenizes with WordPiece ` +
        '(BERT-style vocabularies) only.'
      );
    const prefix = model.continuing_subword_prefix;
    if (prefix !== undefined && prefix !== '##')
      return `tokenizer.json marks word pieces with "${String(prefix)}"; medtext expects "##".`;
    if (!isObject(model.vocab)) return 'tokenizer.json has no vocabulary.';
    return new Map(Object.entries(model.vocab as Record<string, number>));
  }
  if (folder.vocab !== undefined) {
    const lines = folder.vocab.split(/\r?\n/);
    if (lines.at(-1) === '') lines.pop();
    return new Map(lines.map((token, id) => [token, id]));
  }
  return 'There is no tokenizer: medtext needs tokenizer.json (WordPiece) or vocab.txt.';
}

/** medtext lowercases and strips accents before WordPiece: a cased vocabulary would see other words. */
function isCased(folder: ForeignFolder): boolean {
  const normalizer = isObject(folder.tokenizer) ? folder.tokenizer.normalizer : undefined;
  if (isObject(normalizer) && normalizer.lowercase === false) return true;
  const tokConfig = isObject(folder.tokenizerConfig) ? folder.tokenizerConfig : {};
  return tokConfig.do_lower_case === false;
}

function checkTokenizer(folder: ForeignFolder, config: Json, problems: string[]): void {
  const vocab = vocabularyOf(folder);
  if (typeof vocab === 'string') {
    problems.push(vocab);
    return;
  }
  const missing = SPECIAL_TOKENS.filter((t) => t !== '[MASK]' && !vocab.has(t));
  if (missing.length > 0)
    problems.push(`The vocabulary lacks ${missing.join(', ')}, which medtext puts around and inside every input.`);
  if (isCased(folder))
    problems.push(
      'The tokenizer is cased; medtext lowercases every word and strips accents before looking it up, ' +
        'so it runs uncased (lowercase) vocabularies only.',
    );
  const largest = Math.max(...vocab.values());
  if (typeof config.vocab_size === 'number' && largest >= config.vocab_size)
    problems.push(`The vocabulary has ids up to ${largest}, beyond the model's vocab_size of ${config.vocab_size}.`);
}

function checkOnnx(paths: Set<string>, problems: string[]): OnnxDtype[] {
  const dtypes = (Object.keys(ONNX_FILES) as OnnxDtype[]).filter((d) => paths.has(ONNX_FILES[d]));
  if (dtypes.length === 0) {
    const others = [...paths].filter((p) => p.endsWith('.onnx'));
    const topLevel = others.find((p) => !p.includes('/'));
    problems.push(
      `There is no ONNX model: medtext looks for ${Object.values(ONNX_FILES).join(', ')}` +
        (others.length > 0 ? ` (found ${others.join(', ')}, which it does not load).` : '.') +
        (topLevel ? ` Move ${topLevel} into onnx/ under one of those names.` : ''),
    );
  }
  return dtypes;
}

/** The longest input: the position table, the tokenizer's limit and 512, whichever is least. */
function maxLengthOf(config: Json, tokenizerConfig: unknown): number {
  const limits = [MAX_LENGTH_CAP, config.max_position_embeddings];
  if (isObject(tokenizerConfig)) limits.push(tokenizerConfig.model_max_length);
  return Math.min(...limits.filter((n): n is number => typeof n === 'number' && Number.isInteger(n) && n > 2));
}

function poolingOf(pooling: unknown): 'mean' | 'cls' {
  return isObject(pooling) && pooling.pooling_mode_cls_token === true ? 'cls' : 'mean';
}

/** Defaults for a folder without a medtext block (docs/own-models.md, "Defaults"). */
function derivedBlock(kind: ModelKind, config: Json, folder: ForeignFolder, maxLength: number): MedtextConfig {
  const architecture = String((config.architectures as string[])[0]);
  const base = { task: kind, max_length: maxLength, description: `Your own model (${architecture}).` };
  if (kind === 'classify') return { ...base, multi_label: config.problem_type === 'multi_label_classification' };
  if (kind === 'embeddings') return { ...base, pooling: poolingOf(folder.pooling), normalize: true };
  return base;
}

/** A medtext block the folder ships (a model built by training/): its kind must fit the architecture. */
function ownBlock(block: Json, kind: ModelKind, paths: Set<string>, problems: string[]): MedtextConfig {
  const fits = block.task === kind || (kind === 'entities' && block.task === 'deid');
  if (!fits) problems.push(`Its medtext block says task "${String(block.task)}", but the architecture is for ${kind}.`);
  for (const key of MODEL_FILE_KEYS) {
    const file = block[key];
    if (typeof file === 'string' && !paths.has(file))
      problems.push(`Its medtext block names ${file}, which is missing.`);
  }
  return block as unknown as MedtextConfig;
}

/** Checks a folder in Hugging Face layout; returns what the model is, or every problem found, in words. */
export function checkForeignModel(folder: ForeignFolder): ForeignCheck {
  const problems: string[] = [];
  const paths = new Set(folder.paths);
  if (folder.config === undefined) return { ok: false, problems: ['There is no config.json.'] };
  if (typeof folder.config === 'string') return { ok: false, problems: [`config.json: ${folder.config}`] };
  if (!isObject(folder.config)) return { ok: false, problems: ['config.json does not hold a JSON object.'] };
  const config = folder.config;

  const modelType = typeof config.model_type === 'string' ? config.model_type : '';
  if (!(SUPPORTED_MODEL_TYPES as readonly string[]).includes(modelType))
    problems.push(
      `model_type is ${modelType ? `"${modelType}"` : 'missing'}; medtext runs BERT-family encoders with ` +
        `WordPiece vocabularies (${SUPPORTED_MODEL_TYPES.join(', ')}).`,
    );
  const architectures = Array.isArray(config.architectures) ? config.architectures : [];
  const architecture = typeof architectures[0] === 'string' ? architectures[0] : '';
  const kind = architecture ? kindOf(architecture) : 'config.json names no architectures.';
  const known = kind === 'entities' || kind === 'classify' || kind === 'embeddings';
  if (!known) problems.push(`The model cannot be used: ${kind}`);

  let labels: string[] = [];
  if (kind === 'entities' || kind === 'classify') labels = checkLabels(config, problems);
  if (kind === 'entities' && labels.length > 0) checkTagScheme(labels, problems);
  if (kind === 'classify' && labels.length === 1)
    problems.push('It has a single output (a regression score); a classifier needs two labels or more.');
  if (kind === 'classify' && config.problem_type === 'regression')
    problems.push('Its problem_type is regression; medtext runs classifiers only.');
  checkTokenizer(folder, config, problems);
  const dtypes = checkOnnx(paths, problems);
  if (!known) return { ok: false, problems };

  const maxLength = maxLengthOf(config, folder.tokenizerConfig);
  const given = config.medtext;
  const block = isObject(given)
    ? ownBlock(given, kind, paths, problems)
    : derivedBlock(kind, config, folder, maxLength);
  if (problems.length > 0) return { ok: false, problems };
  const medtext: MedtextConfig = { ...block, max_length: block.max_length ?? maxLength, dtypes };
  return {
    ok: true,
    model: {
      kind: medtext.task,
      architecture,
      modelType,
      labels,
      dtypes,
      maxLength: medtext.max_length,
      tasks: (Object.keys(TASK_CATALOGUE) as TaskName[]).filter((t) => TASK_CATALOGUE[t].model === medtext.task),
      tokenizerFile: folder.tokenizer !== undefined ? 'tokenizer.json' : 'vocab.txt',
      medtext,
    },
  };
}

/**
 * The two JSON files medtext reads, made ready for it: config.json with its medtext block, and a
 * tokenizer.json holding the WordPiece vocabulary (built from vocab.txt where the folder has no tokenizer.json).
 */
export function preparedJson(folder: ForeignFolder, model: ForeignModel): { config: Json; tokenizer: Json } {
  const config = { ...(folder.config as Json), medtext: model.medtext };
  if (folder.tokenizer !== undefined) return { config, tokenizer: folder.tokenizer as Json };
  const vocab = Object.fromEntries(vocabularyOf(folder) as Map<string, number>);
  return { config, tokenizer: { model: { type: 'WordPiece', continuing_subword_prefix: '##', vocab } } };
}
