// Similarity evaluation (score<TAB>sentence1<TAB>sentence2) with the model's own scores, as the app
// computes them: `sts` correlates the graded similarity with graded gold scores, `pair` scores the
// model's duplicate decisions (its duplicate classifier, or the pair score against pair_threshold).
import type { Engine } from '../../workers/engine.ts';
import { comparePair, embedSides, gradedSimilarity } from '../../workers/tasks/similarity/similarity.ts';
import { pearson, prf, round, spearman } from './metrics.ts';
import { readTsv } from './tsv.ts';

// Pairs that say the same thing in other words, and pairs that use the same words for opposite things.
const SYNONYM_KIND = 'synonym';
const FLIPPED_KINDS = new Set(['negation', 'experiencer', 'certainty']);

/** Share of (synonym, flipped) pairs in which the synonym pair scores higher (ties count half). */
function synonymAuc(synonym: number[], flipped: number[]): number {
  let wins = 0;
  for (const s of synonym) for (const f of flipped) wins += s > f ? 1 : s === f ? 0.5 : 0;
  return synonym.length && flipped.length ? wins / (synonym.length * flipped.length) : NaN;
}

/**
 * For a TSV with a `kind` column (bench/data/clinical-pairs): AUC of synonym pairs above
 * negation / experiencer / certainty pairs, and the mean score and count of each kind.
 */
export function kindMetrics(rows: Record<string, string>[], scores: number[]) {
  const byKind = new Map<string, number[]>();
  rows.forEach((r, i) => byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), scores[i]]));
  const flipped = [...byKind].filter(([k]) => FLIPPED_KINDS.has(k)).flatMap(([, v]) => v);
  const mean = (v: number[]) => v.reduce((x, y) => x + y, 0) / v.length;
  return {
    auc_synonym_vs_flipped: round(synonymAuc(byKind.get(SYNONYM_KIND) ?? [], flipped)),
    per_kind: Object.fromEntries([...byKind].map(([k, v]) => [k, { n: v.length, mean: round(mean(v)) }])),
  };
}

/** Both sides of every pair of a TSV, embedded by the model (also the input of bench/pair-features.ts). */
export async function embedPairs(engine: Engine, model: string, file: string, limit?: number) {
  const rows = readTsv(file).slice(0, limit);
  const loaded = await engine.model('embeddings', { model });
  const sides = await embedSides(
    loaded,
    rows.flatMap((r) => [r.sentence1, r.sentence2]),
  );
  return { rows, loaded, pairs: rows.map((_, i) => [sides[2 * i], sides[2 * i + 1]] as const) };
}

export async function evalSts(engine: Engine, model: string, file: string, limit?: number) {
  const { rows, loaded, pairs } = await embedPairs(engine, model, file, limit);
  const scores = pairs.map(([a, b]) => gradedSimilarity(loaded, a, b));
  const gold = rows.map((r) => Number(r.score));
  return {
    task: 'sts',
    n: rows.length,
    pearson: round(pearson(scores, gold)),
    spearman: round(spearman(scores, gold)),
    ...(rows.some((r) => r.kind) ? kindMetrics(rows, scores) : {}),
    // --predictions: one graded score per input pair, in input order.
    predictions: scores.map((score, index) => ({ index, score })),
  };
}

export async function evalPair(engine: Engine, model: string, file: string, limit?: number) {
  const { rows, loaded, pairs } = await embedPairs(engine, model, file, limit);
  const compared = pairs.map(([a, b]) => comparePair(loaded, a, b));
  const decisions = compared.map((c) => c.duplicate);
  const { medtext } = loaded.config;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let correct = 0;
  rows.forEach((r, i) => {
    const gold = Number(r.score) >= 0.5;
    const pred = decisions[i];
    if (gold === pred) correct++;
    if (pred && gold) tp++;
    else if (pred) fp++;
    else if (gold) fn++;
  });
  return {
    task: 'pair',
    n: rows.length,
    accuracy: round(correct / rows.length),
    f1: round(prf(tp, fp, fn).f1),
    decision: medtext.duplicate ? 'duplicate classifier' : 'pair score',
    threshold: medtext.duplicate?.threshold ?? medtext.pair_threshold,
    // --predictions: the graded score and the duplicate decision per input pair, in input order.
    predictions: compared.map(({ score, duplicate }, index) => ({ index, score, duplicate })),
  };
}
