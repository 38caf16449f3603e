// Sentence embeddings and similarity. Scores, all the model's: `pairScore` (the embedding cosine, or
// a fitted logistic blend of it with a character n-gram similarity), the graded similarity (how
// similar, 0–1, from boosted trees over pair features blended with the pair score) and the
// duplicate decision (is b the same question as a? a logistic classifier over pair features, or the
// pair score against pair_threshold). With a concept table, the graded similarity is a fitted
// logistic blend of that score, the same score on the concept-named texts and concept evidence
// (shared concepts, contradictions; concept-pairs.ts). The eval harness calls these same functions.
import type { SimilarityContradiction, SimilarityHit, SimilarityMatch } from '../../api.ts';
import { runSequences, sigmoid, type BatchOptions } from '../../runtime/batch.ts';
import type { DuplicateClassifier } from '../../runtime/config.ts';
import type { LoadedModel } from '../../runtime/models.ts';
import { predictTrees, type BoostedTrees } from './boosted-trees.ts';
import { charNgramCosine } from './ngrams.ts';
import { cosine, pairFeatures, type PairSide } from './pair-features.ts';
import type { WordNet } from './wordnet.ts';
import { encodeText } from '../../runtime/encode.ts';
import type { ConceptIndex } from '../../text/concepts.ts';
import { analyseSide, compareConcepts } from './concept-pairs.ts';
import { sameQuestion } from './question-intent.ts';

/** Embedding and token vectors of each text ([CLS]/[SEP] rows left out of `tokens`). */
async function embedPlain(model: LoadedModel, texts: string[], opts: BatchOptions): Promise<PairSide[]> {
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

/**
 * Each text embedded; with the model's concept table also its concepts (with assertion) and, where
 * naming its concepts changes the text, that concept-named text embedded too (in the same batch).
 */
export async function embedSides(model: LoadedModel, texts: string[], opts: BatchOptions = {}): Promise<PairSide[]> {
  const index = model.extras.concepts as ConceptIndex | undefined;
  if (!index) return embedPlain(model, texts, opts);
  const analysed = texts.map((t) => analyseSide(index, t));
  const renamed = texts.flatMap((t, i) => (analysed[i].canonicalText !== t ? [i] : []));
  const sides = await embedPlain(model, [...texts, ...renamed.map((i) => analysed[i].canonicalText)], opts);
  const canonical = new Map(renamed.map((i, k) => [i, sides[texts.length + k]]));
  return texts.map((_, i) => ({ ...sides[i], concepts: analysed[i], canonical: canonical.get(i) }));
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
  /** Concepts both texts name, and those asserted differently (models with a concept table). */
  matched?: SimilarityMatch[];
  contradictions?: SimilarityContradiction[];
}

/**
 * config.json medtext.concept_blend: logistic regression over the graded score's logit, the same
 * on the concept-named texts, and concept features (fitted by training/embeddings/fit_concept_blend.ts).
 */
export interface ConceptBlend {
  features: string[];
  weights: number[];
  bias: number;
}

const logit = (p: number) => {
  const q = Math.min(0.99, Math.max(0.01, p));
  return Math.log(q / (1 - q));
};

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
function lexicalComparison(model: LoadedModel, a: PairSide, b: PairSide): PairComparison {
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

/**
 * The blend's inputs: `graded_logit` (the lexical graded score), `canonical_gain` (how much higher
 * the same score is on the concept-named texts: "heart attack" and "myocardial infarction" both read
 * "myocardial infarction") and compareConcepts' features. Undefined for sides without concepts.
 */
export function conceptBlendInputs(model: LoadedModel, a: PairSide, b: PairSide) {
  const lexical = lexicalComparison(model, a, b);
  if (!a.concepts || !b.concepts) return { lexical };
  const renamed = a.canonical || b.canonical;
  const canonical = renamed ? lexicalComparison(model, a.canonical ?? a, b.canonical ?? b).score : lexical.score;
  const concepts = compareConcepts(a.concepts, b.concepts);
  const graded = logit(lexical.score);
  // Only what naming the concepts adds counts: where it changes nothing (most general-English
  // pairs) the blend stays a monotone function of the graded score, so their ranking is kept.
  const features = {
    graded_logit: graded,
    canonical_gain: Math.max(0, logit(canonical) - graded),
    ...concepts.features,
  };
  return { lexical, concepts, features };
}

/**
 * Graded similarity and duplicate decision (lexicalComparison); with a concept table and a fitted
 * concept_blend, the graded similarity is the blend, and the concepts shared and contradicted are
 * reported.
 */
export function comparePair(model: LoadedModel, a: PairSide, b: PairSide): PairComparison {
  const { lexical, concepts, features } = conceptBlendInputs(model, a, b);
  if (!concepts || !features) return lexical;
  const { matched, contradictions } = concepts;
  const blend = (model.config.medtext as { concept_blend?: ConceptBlend }).concept_blend;
  if (!blend) return { ...lexical, matched, contradictions };
  let z = blend.bias;
  blend.features.forEach((name, i) => {
    const value = (features as Record<string, number>)[name];
    if (value === undefined) throw new Error(`The concept blend needs feature "${name}", which is missing.`);
    z += blend.weights[i] * value;
  });
  return { ...lexical, score: sigmoid(z), matched, contradictions };
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
      const { score, duplicate, matched, contradictions } = comparePair(model, src, cands[index]);
      // The badge says "same question": it needs two questions, not two statements that overlap.
      const same = sameQuestion(source, text, duplicate);
      return { index, text, score, duplicate, sameQuestion: same, matched, contradictions };
    })
    .sort((a, b) => b.score - a.score);
}

/**
 * The graded similarity of every ordered pair of `texts` (rows: the text compared against; the
 * diagonal is 1): each text is embedded once, then every pair is compared as rankBySimilarity does.
 */
export async function similarityMatrix(
  model: LoadedModel,
  texts: string[],
  opts: BatchOptions = {},
): Promise<number[][]> {
  const sides = await embedSides(model, texts, opts);
  return sides.map((a, i) => sides.map((b, j) => (i === j ? 1 : comparePair(model, a, b).score)));
}
