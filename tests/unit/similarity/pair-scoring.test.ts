import { describe, expect, it } from 'vitest';
import { parseBoostedTrees, predictTrees, type BoostedTrees } from '../../../workers/tasks/similarity/boosted-trees.ts';
import { pairFeatures, type PairSide } from '../../../workers/tasks/similarity/pair-features.ts';
import { MATCH, WordNet } from '../../../workers/tasks/similarity/wordnet.ts';

// Two stumps on "a" and one two-level tree on "b" (scikit-learn layout: node 0 is the root).
const trees: BoostedTrees = {
  features: ['a', 'b'],
  base: 0.5,
  range: [0, 1],
  trees: [
    { feature: [0, -1, -1], threshold: [0.3, 0, 0], left: [1, -1, -1], right: [2, -1, -1], value: [0, -0.1, 0.2] },
    {
      feature: [1, 0, -1, -1, -1],
      threshold: [1, 0.3, 0, 0, 0],
      left: [1, 2, -1, -1, -1],
      right: [4, 3, -1, -1, -1],
      value: [0, 0, 0.05, -0.05, 0.4],
    },
  ],
};

describe('predictTrees', () => {
  it('walks each tree to its leaf and adds the leaves to the base', () => {
    expect(predictTrees(trees, { a: 0.1, b: 0 })).toBeCloseTo(0.5 - 0.1 + 0.05);
    expect(predictTrees(trees, { a: 0.9, b: 0 })).toBeCloseTo(0.5 + 0.2 - 0.05);
    expect(predictTrees(trees, { a: 0.25, b: 1 })).toBeCloseTo(0.5 - 0.1 + 0.05); // b <= 1 goes left
  });

  it('clips to the target range and compares in float32 as scikit-learn does', () => {
    expect(predictTrees(trees, { a: 0.9, b: 2 })).toBe(1);
    // 0.30000000000000004 rounds to the float32 0.3, which is <= the threshold stored as Math.fround(0.3).
    const f32: BoostedTrees = { ...trees, trees: [{ ...trees.trees[0], threshold: [Math.fround(0.3), 0, 0] }] };
    expect(predictTrees(f32, { a: 0.1 + 0.2, b: 0 })).toBeCloseTo(0.4);
  });

  it('says which input is missing and rejects files that are not tree models', () => {
    expect(() => predictTrees(trees, { a: 1 })).toThrow(/"b"/);
    expect(() => parseBoostedTrees({ trees: [] }, 'x.json')).toThrow(/x\.json/);
  });
});

const side = (text: string, vectors: number[][]): PairSide => {
  const tokens = vectors.map((v) => Float32Array.from(v));
  const embedding = new Float32Array(tokens[0]?.length ?? 2);
  for (const t of tokens) t.forEach((x, i) => (embedding[i] += x / tokens.length));
  return { text, embedding, tokens };
};

describe('pairFeatures', () => {
  it('scores a text against itself as a perfect match', () => {
    const a = side('Chest pain since 2 days.', [
      [1, 0],
      [0, 1],
      [1, 1],
    ]);
    const f = pairFeatures(a, a);
    for (const k of ['cosine', 'char34', 'word_jaccard', 'bigram_jaccard', 'align_min', 'length_ratio'])
      expect(f[k], k).toBeCloseTo(1);
    expect(f.numbers_differ).toBe(0);
    expect(f.negation_differs).toBe(0);
    expect(f.unmatched_max).toBe(0);
  });

  it('sees a negation on one side, different numbers and words left unmatched', () => {
    const a = side('He has no chest pain at 5 mg', [
      [1, 0],
      [0, 1],
    ]);
    const b = side("He has chest pain at 10 mg, doesn't he", [
      [1, 0],
      [-1, 0],
    ]);
    const f = pairFeatures(a, b);
    expect(f.negation_differs).toBe(0); // "doesn't" negates b too
    expect(pairFeatures(a, side('He has chest pain', [[1, 0]])).negation_differs).toBe(1);
    expect(f.numbers_differ).toBe(1);
    expect(f.align_min).toBeCloseTo(0.5); // a's second token has no match in b (cosine 0)
    expect(f.unmatched_max).toBeCloseTo(0.5);
    expect(f.word_contain_max).toBeLessThan(1);
  });

  it('adds WordNet coverage when WordNet is given', () => {
    const wn = new WordNet({ lemmas: { car: [0], automobile: [0] }, related: {}, antonyms: {}, exceptions: {} });
    const a = side('the car', [[1, 0]]);
    const b = side('an automobile', [[0, 1]]);
    expect(pairFeatures(a, b)).not.toHaveProperty('wordnet_f');
    expect(pairFeatures(a, b, wn).wordnet_f).toBeCloseTo(MATCH.synonym);
  });

  it('looks at the first 128 words of each side only, so huge pastes stay cheap', () => {
    const wn = new WordNet({ lemmas: {}, related: {}, antonyms: {}, exceptions: {} });
    const long = (w: string) => side(Array.from({ length: 200_000 }, (_, i) => `${w}${i}`).join(' '), [[1, 0]]);
    const head = (w: string) => side(Array.from({ length: 128 }, (_, i) => `${w}${i}`).join(' '), [[1, 0]]);
    const f = pairFeatures(long('a'), long('b'), wn);
    const g = pairFeatures(head('a'), head('b'), wn);
    for (const k of ['word_jaccard', 'bigram_jaccard', 'wordnet_f', 'wordnet_siblings', 'length_log', 'numbers_differ'])
      expect(f[k], k).toBe(g[k]);
  });

  it('handles texts without tokens or words', () => {
    const empty = side('', []);
    const f = pairFeatures(empty, side('...', []));
    expect(Object.values(f).every(Number.isFinite)).toBe(true);
  });
});
