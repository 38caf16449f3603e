// search_10k_p50_ms: the Collections search's matching step (search-index.ts topK, the code the
// page runs) over 10,000 sentence vectors of the embeddings model's width, top 10, median of 50
// queries. Random unit vectors: matching time depends on the count and width, not on the values.
// The query's own embedding (one short sentence through the worker) is not included.
import { buildIndex, topK } from '../../src/views/collections/search-index.ts';
import { percentile, round } from './stats.ts';

function randomUnit(dim: number): Float32Array {
  const v = Float32Array.from({ length: dim }, () => Math.random() * 2 - 1);
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

export function searchMatchP50Ms(sentences = 10_000, dim = 256, queries = 50): number {
  const vectors = Array.from({ length: sentences }, () => randomUnit(dim));
  const index = buildIndex(
    vectors.map((_, i) => ({ note: i, start: 0, end: 1 })),
    vectors,
  );
  const times: number[] = [];
  // Five untimed queries first, so the JIT has compiled the loop.
  for (let q = 0; q < queries + 5; q++) {
    const query = randomUnit(dim);
    const t0 = performance.now();
    topK(index, query, 10);
    if (q >= 5) times.push(performance.now() - t0);
  }
  return round(percentile(times, 50), 2)!;
}
