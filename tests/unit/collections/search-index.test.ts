import { describe, expect, it } from 'vitest';
import { buildIndex, indexableSentences, topK } from '../../../src/views/collections/search-index.ts';

function unit(v: number[]): Float32Array {
  const n = Math.hypot(...v);
  return Float32Array.from(v.map((x) => x / n));
}

function seeded(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
}

describe('search index', () => {
  it('indexes sentences of two words or more, with offsets into their note', () => {
    const notes = [{ id: 'a', source: 'a', text: 'HPI: Chest pain for two days. Denies fever.' }];
    const refs = indexableSentences(notes);
    expect(refs.map((r) => notes[0].text.slice(r.start, r.end))).toContain('Denies fever.');
    expect(refs.every((r) => r.note === 0)).toBe(true);
  });

  it('returns the k best sentences in order, equal to a full sort', () => {
    const rand = seeded(7);
    const dim = 16;
    const vectors = Array.from({ length: 500 }, () => unit(Array.from({ length: dim }, rand)));
    const index = buildIndex(
      vectors.map((_, i) => ({ note: i % 7, start: i, end: i + 1 })),
      vectors,
    );
    const query = unit(Array.from({ length: dim }, rand));
    const dot = (v: Float32Array) => v.reduce((s, x, d) => s + x * query[d], 0);
    const expected = vectors
      .map((v, i) => ({ i, s: dot(v) }))
      .sort((a, b) => b.s - a.s)
      .slice(0, 10)
      .map((x) => x.i);
    expect(topK(index, query, 10).map((h) => h.start)).toEqual(expected);
    expect(topK(index, query, 0)).toEqual([]);
    expect(topK(buildIndex([], []), query, 5)).toEqual([]);
  });
});
