// Gradient-boosted regression trees exported from scikit-learn (training/embeddings/graded_scorer.py):
// prediction = base + Σ leaf values (learning rate folded into the leaves). Node i of a tree goes
// left when x[feature[i]] <= threshold[i]; leaves have feature -1. Inputs are rounded to float32,
// as scikit-learn compares them.

export interface BoostedTrees {
  /** Names of the inputs, in the order `feature` indices refer to. */
  features: string[];
  base: number;
  trees: { feature: number[]; threshold: number[]; left: number[]; right: number[]; value: number[] }[];
  /** Output range of the target (predictions are clipped to it). */
  range?: [number, number];
}

export function parseBoostedTrees(json: unknown, source: string): BoostedTrees {
  const m = json as Partial<BoostedTrees>;
  if (!m || !Array.isArray(m.features) || typeof m.base !== 'number' || !Array.isArray(m.trees))
    throw new Error(`${source} is not a boosted-tree model (needs features, base and trees).`);
  return m as BoostedTrees;
}

export function predictTrees(model: BoostedTrees, inputs: Record<string, number>): number {
  const x = model.features.map((name) => {
    const v = inputs[name];
    if (v === undefined) throw new Error(`Boosted trees need input "${name}".`);
    return Math.fround(v);
  });
  let y = model.base;
  for (const t of model.trees) {
    let i = 0;
    while (t.feature[i] >= 0) i = x[t.feature[i]] <= t.threshold[i] ? t.left[i] : t.right[i];
    y += t.value[i];
  }
  const [lo, hi] = model.range ?? [-Infinity, Infinity];
  return Math.min(hi, Math.max(lo, y));
}
