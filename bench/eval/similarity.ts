// Similarity evaluation (score<TAB>sentence1<TAB>sentence2) with the model's own scores, as the app
// computes them: `sts` correlates the graded similarity with graded gold scores, `pair` thresholds
// the pair score (threshold stored with the model).
import type { Engine } from '../../workers/engine.ts';
import { embedSides, gradedSimilarity, pairScore } from '../../workers/tasks/similarity.ts';
import type { PairSide } from '../../workers/text/pair-features.ts';
import { pearson, prf, round, spearman } from './metrics.ts';
import { readTsv } from './tsv.ts';

type Scorer = (loaded: Awaited<ReturnType<Engine['model']>>, a: PairSide, b: PairSide) => number;

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

async function scorePairs(engine: Engine, model: string, file: string, score: Scorer, limit?: number) {
  const { rows, loaded, pairs } = await embedPairs(engine, model, file, limit);
  return { rows, loaded, scores: pairs.map(([a, b]) => score(loaded, a, b)) };
}

export async function evalSts(engine: Engine, model: string, file: string, limit?: number) {
  const { rows, scores } = await scorePairs(engine, model, file, gradedSimilarity, limit);
  const gold = rows.map((r) => Number(r.score));
  return {
    task: 'sts',
    n: rows.length,
    pearson: round(pearson(scores, gold)),
    spearman: round(spearman(scores, gold)),
  };
}

export async function evalPair(engine: Engine, model: string, file: string, limit?: number) {
  const { rows, scores, loaded } = await scorePairs(
    engine,
    model,
    file,
    (m, a, b) => pairScore(m, a.text, b.text, a.embedding, b.embedding),
    limit,
  );
  const threshold = loaded.config.medtext.pair_threshold;
  if (threshold === undefined) throw new Error(`Model "${model}" stores no pair_threshold in config.json.`);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let correct = 0;
  rows.forEach((r, i) => {
    const gold = Number(r.score) >= 0.5;
    const pred = scores[i] >= threshold;
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
    threshold,
  };
}
