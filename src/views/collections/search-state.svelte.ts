// Semantic search of the open collection: its sentences are embedded once (on request, through the
// engine's embeddings model) and the index is stored sealed beside the collection; a query is
// embedded and matched against it in the page.
import { engine, explainError } from '../../client/engine.ts';
import { collections } from './collections-state.svelte.ts';
import {
  buildIndex,
  indexableSentences,
  topK,
  type SearchHit,
  type SearchIndex,
  type SentenceRef,
} from './search-index.ts';

/** Sentences per embed call: progress stays fresh and a cancel loses little. */
const EMBED_BATCH = 256;

class SearchState {
  index = $state.raw<SearchIndex | null>(null);
  /** The collection the index belongs to. */
  forCollection = $state<string | null>(null);
  building = $state<{ done: number; total: number } | null>(null);
  hits = $state.raw<SearchHit[]>([]);
  /** Time of the last query: embedding it, and matching it against the index. */
  timing = $state<{ embedMs: number; matchMs: number } | null>(null);
  error = $state<string | null>(null);
  private controller: AbortController | null = null;

  /** Loads the stored index of the open collection, if it was built before. */
  async load(): Promise<void> {
    const id = collections.selectedId;
    this.hits = [];
    this.timing = null;
    if (this.forCollection === id) return;
    this.index = null;
    this.forCollection = id;
    if (!id || !collections.db) return;
    const stored = await collections.db.embeddings<SentenceRef[]>(id);
    if (stored && this.forCollection === id) {
      const dim = stored.refs.length ? stored.vectors.length / stored.refs.length : 0;
      this.index = { dim, sentences: stored.refs, vectors: stored.vectors };
    }
  }

  async build(): Promise<void> {
    const id = collections.selectedId;
    if (!id || !collections.db || this.building) return;
    const refs = indexableSentences(collections.notes);
    const notes = collections.notes;
    this.controller = new AbortController();
    this.building = { done: 0, total: refs.length };
    this.error = null;
    try {
      const vectors: Float32Array[] = [];
      for (let from = 0; from < refs.length; from += EMBED_BATCH) {
        const texts = refs.slice(from, from + EMBED_BATCH).map((r) => notes[r.note].text.slice(r.start, r.end));
        vectors.push(...(await engine.embed(texts, { signal: this.controller.signal })));
        this.building = { done: vectors.length, total: refs.length };
      }
      const index = buildIndex(refs, vectors);
      await collections.db.saveEmbeddings(id, refs, index.vectors);
      if (collections.selectedId === id) {
        this.index = index;
        this.forCollection = id;
      }
    } catch (err) {
      this.error = explainError(err);
    } finally {
      this.building = null;
      this.controller = null;
    }
  }

  cancel(): void {
    this.controller?.abort();
  }

  async search(query: string, k = 10): Promise<void> {
    if (!this.index || !query.trim()) return;
    this.error = null;
    try {
      const t0 = performance.now();
      const [vector] = await engine.embed([query.trim()]);
      const t1 = performance.now();
      this.hits = topK(this.index, vector, k);
      this.timing = { embedMs: t1 - t0, matchMs: performance.now() - t1 };
    } catch (err) {
      this.error = explainError(err);
    }
  }

  clear(): void {
    this.cancel();
    this.index = null;
    this.forCollection = null;
    this.hits = [];
    this.timing = null;
  }
}

export const search = new SearchState();
