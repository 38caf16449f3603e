// Semantic search over a collection: every sentence of every note embedded once (engine.embed,
// normalised vectors), kept as one flat Float32Array, and a query's top-k sentences by cosine
// (dot product of unit vectors) with a bounded min-heap, so 10,000 sentences take a few ms.
import { splitSentences } from '../../../workers/text/sentences.ts';
import type { StoredNote } from '../../storage/collections-db.ts';

export interface SentenceRef {
  note: number;
  start: number;
  end: number;
}

export interface SearchIndex {
  dim: number;
  sentences: SentenceRef[];
  /** sentences.length × dim, row i is sentence i's unit vector. */
  vectors: Float32Array;
}

export interface SearchHit extends SentenceRef {
  score: number;
}

/** Sentences worth indexing: at least two words (headings like "HPI:" alone match everything). */
export function indexableSentences(notes: readonly StoredNote[]): SentenceRef[] {
  const refs: SentenceRef[] = [];
  notes.forEach((n, note) => {
    for (const s of splitSentences(n.text)) {
      if (/\S+\s+\S+/.test(n.text.slice(s.start, s.end))) refs.push({ note, start: s.start, end: s.end });
    }
  });
  return refs;
}

export function buildIndex(sentences: SentenceRef[], vectors: readonly Float32Array[]): SearchIndex {
  const dim = vectors[0]?.length ?? 0;
  const flat = new Float32Array(sentences.length * dim);
  vectors.forEach((v, i) => flat.set(v, i * dim));
  return { dim, sentences, vectors: flat };
}

/** The k sentences closest to `query` (a unit vector), best first. */
export function topK(index: SearchIndex, query: Float32Array, k: number): SearchHit[] {
  const { dim, vectors } = index;
  const n = index.sentences.length;
  // Min-heap of (score, row) holding the best k so far; its root is the weakest of them.
  const scores = new Float32Array(k);
  const rows = new Int32Array(k);
  let size = 0;
  const swap = (a: number, b: number) => {
    [scores[a], scores[b]] = [scores[b], scores[a]];
    [rows[a], rows[b]] = [rows[b], rows[a]];
  };
  const siftDown = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < size && scores[l] < scores[m]) m = l;
      if (r < size && scores[r] < scores[m]) m = r;
      if (m === i) return;
      swap(i, m);
      i = m;
    }
  };
  for (let row = 0; row < n; row++) {
    let dot = 0;
    const base = row * dim;
    for (let d = 0; d < dim; d++) dot += vectors[base + d] * query[d];
    if (size < k) {
      scores[size] = dot;
      rows[size] = row;
      for (let i = size++; i > 0 && scores[(i - 1) >> 1] > scores[i]; i = (i - 1) >> 1) swap(i, (i - 1) >> 1);
    } else if (k > 0 && dot > scores[0]) {
      scores[0] = dot;
      rows[0] = row;
      siftDown(0);
    }
  }
  const hits: SearchHit[] = [];
  for (let i = 0; i < size; i++) hits.push({ ...index.sentences[rows[i]], score: scores[i] });
  return hits.sort((a, b) => b.score - a.score);
}
