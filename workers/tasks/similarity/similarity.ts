// Sentence embeddings and similarity. Scores, all the model's: `pairScore` (the embedding cosine, or
// a fitted logistic blend of it with a character n-gram similarity), the graded similarity (how
// similar, 0–1, from boosted trees over pair features blended with the pair score) and the
// duplicate decision (is b the same question as a? a logistic classifier over pair features, or the
// pair score against pair_threshold). The eval harness calls these same functions.
import type { SimilarityHit } from '../../api.ts';
import { runSequences, sigmoid, type BatchOptions } from '../../runtime/batch.ts';
import type { DuplicateClassifier } from '../../runtime/config.ts';
import type { LoadedModel } from '../../runtime/models.ts';
import { predictTrees, type BoostedTrees } from './boosted-trees.ts';
import { charNgramCosine } from './ngrams.ts';
import { cosine, pairFeatures, type PairSide } from './pair-features.ts';
import type { WordNet } from './wordnet.ts';
import { encodeText } from '../../runtime/encode.ts';

/** Embedding and token vectors of each text ([CLS]/[SEP] rows left out of `tokens`). */
export async function embedSides(model: LoadedModel, texts: string[], opts: BatchOptions = {}): Promise<PairSide[]> {
  const seqs = texts.map((t) => encodeText(model, t));
  const { pooling = 'mean', normalize = true } = model.config.medtext;
  const outputs = await runSequences(model, seqs, 'last_hidden_state', opts);
  return outputs.map((out, i) => {
    const row = (r: number) => out.data.subarray(r * out.width, (r + 1) * out.width);
    const vec = new Float32Array(out.width);
    if (pooling === 'cls') vec.set(row(0));
    else {
      for (let r = 0; r < out.rows; r++)
        for (let c = 0; c < out.width; c++) vec[c] += out.data[r * out.width + c] / out.rows;
    }
    if (normalize) {
      const norm = Math.hypot(...vec) || 1;
      for (let c = 0; c < vec.length; c++) vec[c] /= norm;
    }
    const tokens = Array.from({ length: Math.max(0, out.rows - 2) }, (_, r) => row(r + 1));
    return { text: texts[i], embedding: vec, tokens };
  });
}

export async function embedTexts(
  model: LoadedModel,
  texts: string[],
  opts: BatchOptions = {},
): Promise<Float32Array[]> {
  return (await embedSides(model, texts, opts)).map((s) => s.embedding);
}

/**
 * The model's pair score: sigmoid(w_embed · cosine + w_lexical · character n-gram cosine + bias), or
 * the embedding cosine alone. With the pair's features (pairFeatures) given, their cosine and
 * character 3/4-gram cosine are reused instead of computed again.
 */
export function pairScore(model: LoadedModel, a: PairSide, b: PairSide, features?: Record<string, number>): number {
  const cos = features?.cosine ?? cosine(a.embedding, b.embedding);
  const h = model.config.medtext.hybrid;
  if (!h) return cos;
  // pairFeatures names its n-gram cosines by their orders: [3, 4] is "char34".
  const lexical = features?.[`char${h.char_ngrams.join('')}`] ?? charNgramCosine(a.text, b.text, h.char_ngrams);
  return sigmoid(h.w_embed * cos + h.w_lexical * lexical + h.bias);
}

/** How two texts compare: graded similarity (0–1) and the duplicate decision with its score. */
export interface PairComparison {
  score: number;
  duplicateScore: number;
  duplicate: boolean;
}

function duplicateProbability(clf: DuplicateClassifier, features: Record<string, number>): number {
  let z = clf.bias;
  clf.features.forEach((name, i) => {
    const value = features[name];
    if (value === undefined)
      throw new Error(`The duplicate classifier needs pair feature "${name}", which is missing.`);
    z += clf.weights[i] * value;
  });
  return sigmoid(z);
}

/**
 * Graded similarity: boosted trees over pair features (fitted on general-English STS) blended with
 * the pair score (better on medical questions), or the pair score alone for models without trees.
 * Duplicate decision: the model's duplicate classifier (fitted on medical question pairs) when it
 * ships one, else the pair score against pair_threshold. The features are computed once for both.
 */
export function comparePair(model: LoadedModel, a: PairSide, b: PairSide): PairComparison {
  const { medtext } = model.config;
  const scorer = model.extras.gradedScorer as BoostedTrees | undefined;
  const features =
    scorer || medtext.duplicate ? pairFeatures(a, b, model.extras.wordnet as WordNet | undefined) : undefined;
  const pair = pairScore(model, a, b, features);
  const w = medtext.graded_pair_weight ?? 0;
  const score = scorer && features ? (1 - w) * predictTrees(scorer, features) + w * pair : pair;
  const duplicateScore = medtext.duplicate && features ? duplicateProbability(medtext.duplicate, features) : pair;
  const threshold = medtext.duplicate?.threshold ?? medtext.pair_threshold;
  if (threshold === undefined) throw new Error('This embeddings model stores no duplicate threshold in config.json.');
  return { score, duplicateScore, duplicate: duplicateScore >= threshold };
}

/** How similar two texts are, 0–1 (comparePair's graded similarity). */
export function gradedSimilarity(model: LoadedModel, a: PairSide, b: PairSide): number {
  return comparePair(model, a, b).score;
}

export async function rankBySimilarity(
  model: LoadedModel,
  source: string,
  candidates: string[],
  opts: BatchOptions = {},
): Promise<SimilarityHit[]> {
  const [src, ...cands] = await embedSides(model, [source, ...candidates], opts);
  return candidates
    .map((text, index) => {
      const { score, duplicate } = comparePair(model, src, cands[index]);
      return { index, text, score, duplicate };
    })
    .sort((a, b) => b.score - a.score);
}
