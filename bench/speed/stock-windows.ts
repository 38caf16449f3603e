// Like-for-like comparison with stock transformers.js on notes (issue 26). Both sides do the same
// work and give the same output: every sentence window of every text (the engine's window plan),
// the same model, the same decoding to entity spans with concept links; neither adds assertion or
// sections. The stock side is transformers.js's own tokenizer and model call, fed one padded batch
// per text as pipeline(texts) does; what it cannot do alone (the lexicon features this model reads
// as token type ids, Viterbi decoding) it takes from our pure functions, and pays for them.
// No Node or DOM globals here: the bench worker loads it.
import { Tensor } from '@huggingface/transformers';
import type { Entity } from '../../workers/api.ts';
import type { Engine } from '../../workers/engine.ts';
import type { SequenceOutput } from '../../workers/runtime/batch.ts';
import type { LoadedModel } from '../../workers/runtime/models.ts';
import { decodeText, prepareText, type PreparedText } from '../../workers/runtime/tagging.ts';
import { linkConcept, type ConceptIndex } from '../../workers/text/concepts.ts';
import { timed, type JobResult } from './jobs.ts';

type Ids = { dims: readonly number[]; data: ArrayLike<number | bigint> };
/** transformers.js's tokenizer and model as pipeline('token-classification') holds them. */
export interface StockParts {
  tokenizer: (texts: string[], o: { padding: boolean; truncation: boolean }) => Record<string, Ids>;
  model: (feeds: Record<string, Tensor>) => Promise<{ logits: { dims: readonly number[]; data: Float32Array } }>;
}

/** Window texts: from a window's first word to its last, as the engine encodes them. */
function windowTexts(p: PreparedText): string[] {
  return p.windows.map((w) => p.text.slice(p.words[w.from].start, p.words[w.to - 1].end));
}

export interface StockTally {
  windows: number;
  /** Windows whose stock token ids equal the engine's: their type ids and decoding line up. */
  same_ids: number;
}

/** Entities of one text through the stock tokenizer and model on the engine's windows. */
export async function stockWindowEntities(stock: StockParts, model: LoadedModel, text: string, tally?: StockTally) {
  const p = prepareText(model, text);
  if (p.seqs.length === 0) return [];
  const enc = stock.tokenizer(windowTexts(p), { padding: true, truncation: true });
  const [rows, length] = enc.input_ids.dims;
  // The lexicon features, in the engine's positions (they line up where the ids are the same).
  const types = new BigInt64Array(rows * length);
  p.seqs.forEach((s, b) => s.types.slice(0, length).forEach((t, i) => (types[b * length + i] = BigInt(t))));
  if (tally) {
    const all = Array.from(enc.input_ids.data, Number);
    tally.windows += rows;
    p.seqs.forEach((s, b) => {
      const ids = all.slice(b * length, (b + 1) * length);
      const padded = ids.slice(s.ids.length).every((id) => id === 0);
      if (padded && s.ids.every((id, i) => id === ids[i])) tally.same_ids++;
    });
  }
  const feeds = {
    input_ids: enc.input_ids as Tensor,
    attention_mask: enc.attention_mask as Tensor,
    token_type_ids: new Tensor('int64', types, [rows, length]),
  };
  const { logits } = await stock.model(feeds);
  const width = logits.dims[2];
  const outputs: SequenceOutput[] = p.seqs.map((s, b) => {
    const at = b * length * width;
    return { rows: s.ids.length, width, data: logits.data.slice(at, at + Math.min(s.ids.length, length) * width) };
  });
  const entities = decodeText(model, p, outputs);
  const concepts = model.extras.concepts as ConceptIndex | undefined;
  for (const e of entities) {
    const concept = concepts && linkConcept(concepts, e.type, e.text);
    if (concept) e.concept = concept;
  }
  return entities;
}

/** The stock side, timed like every bench job: one text after another, as a pipeline user would. */
export function stockWindowsJob(stock: StockParts, model: LoadedModel, texts: string[]): Promise<JobResult> {
  return timed('stock-entities', model.name, texts.length, async () => {
    for (const t of texts) await stockWindowEntities(stock, model, t);
  });
}

/** The engine side: its entities with concept links, no assertion or sections. */
export function engineSpansJob(engine: Engine, model: string, texts: string[]): Promise<JobResult> {
  return timed('entities', model, texts.length, async () => {
    await engine.entitiesMany(texts, { model, spansOnly: true });
  });
}

const key = (e: Pick<Entity, 'start' | 'end' | 'type'>) => `${e.start}:${e.end}:${e.type}`;

/**
 * How far two runs over the same texts agree: 2 × shared spans ÷ (spans of one + spans of the
 * other), spans being (start, end, type) per text. 1 when both find the same; 1 when neither finds any.
 */
export function spanAgreement(a: Pick<Entity, 'start' | 'end' | 'type'>[][], b: typeof a): number {
  if (a.length !== b.length) throw new Error(`span agreement: ${a.length} vs ${b.length} texts`);
  let shared = 0;
  let total = 0;
  a.forEach((spans, i) => {
    const other = new Set(b[i].map(key));
    shared += new Set(spans.map(key).filter((k) => other.has(k))).size;
    total += spans.length + b[i].length;
  });
  return total === 0 ? 1 : (2 * shared) / total;
}

export interface LikeForLikeCheck {
  texts: number;
  /** Entities the engine found in them. */
  spans: number;
  /** spanAgreement of the engine's entities and the stock side's. */
  agreement: number;
  /** Fraction of windows whose stock token ids equal the engine's. */
  same_ids: number;
}

/** Both sides on `texts`, untimed: do they give the same spans? */
export async function likeForLikeCheck(
  engine: Engine,
  stock: StockParts,
  model: LoadedModel,
  texts: string[],
): Promise<LikeForLikeCheck> {
  const ours = await engine.entitiesMany(texts, { model: model.name, spansOnly: true });
  const tally: StockTally = { windows: 0, same_ids: 0 };
  const theirs: Entity[][] = [];
  for (const t of texts) theirs.push(await stockWindowEntities(stock, model, t, tally));
  return {
    texts: texts.length,
    spans: ours.reduce((n, e) => n + e.length, 0),
    agreement: spanAgreement(ours, theirs),
    same_ids: tally.windows ? tally.same_ids / tally.windows : 1,
  };
}
