// Similarity evaluation (score<TAB>sentence1<TAB>sentence2) with the model's own pair score:
// `sts` correlates it with graded gold scores, `pair` thresholds it (threshold stored with the model).
import type { Engine } from '../../workers/engine.ts';
import { pairScore } from '../../workers/tasks/similarity.ts';
import { pearson, prf, round, spearman } from './metrics.ts';
import { readTsv } from './tsv.ts';

async function scorePairs(engine: Engine, model: string, file: string, limit?: number) {
  const rows = readTsv(file).slice(0, limit);
  const loaded = await engine.model('embeddings', { model });
  const texts = rows.flatMap((r) => [r.sentence1, r.sentence2]);
  const emb = await engine.embed(texts, { model });
  const scores = rows.map((r, i) => pairScore(loaded, r.sentence1, r.sentence2, emb[2 * i], emb[2 * i + 1]));
  return { rows, scores, loaded };
}

export async function evalSts(engine: Engine, model: string, file: string, limit?: number) {
  const { rows, scores } = await scorePairs(engine, model, file, limit);
  const gold = rows.map((r) => Number(r.score));
  return {
    task: 'sts',
    n: rows.length,
    pearson: round(pearson(scores, gold)),
    spearman: round(spearman(scores, gold)),
  };
}

export async function evalPair(engine: Engine, model: string, file: string, limit?: number) {
  const { rows, scores, loaded } = await scorePairs(engine, model, file, limit);
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
