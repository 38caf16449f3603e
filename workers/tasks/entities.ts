// Entities: sentence-aligned windows → sub-words (+ lexicon features) → token logits →
// constrained BIO decoding per word → character spans in the caller's original text,
// then concept linking, sections and ConText assertion.
import type { Entity } from '../api.ts';
import { softmaxRow, runSequences, type BatchOptions } from '../runtime/batch.ts';
import { encodeWords, piecesOf, type EncodedSequence } from '../runtime/encode.ts';
import type { LoadedModel } from '../runtime/models.ts';
import { annotateEntities } from '../text/assertion.ts';
import { spansFromPath, viterbi } from '../text/bio.ts';
import { mergeWindowEntities, planWindows } from '../text/chunking.ts';
import { linkConcept, type ConceptIndex } from '../text/concepts.ts';
import { splitSentences } from '../text/sentences.ts';
import { splitWords, type Word } from '../text/words.ts';
import type { Span } from '../api.ts';

/** Sub-words kept free at each window edge so that context overlaps. */
const OVERLAP_PIECES = 24;

export interface EntityOptions extends BatchOptions {
  /** Skip ConText assertion and sections (the NER eval scores spans only). */
  spansOnly?: boolean;
}

interface Window {
  span: Span;
  from: number;
  to: number;
}

/** Word index range covered by a character span (words are sorted by offset). */
function wordRange(words: Word[], span: Span): [number, number] {
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (words[mid].end <= span.start) lo = mid + 1;
    else hi = mid;
  }
  let to = lo;
  while (to < words.length && words[to].start < span.end) to++;
  return [lo, to];
}

export function planEntityWindows(text: string, words: Word[], pieces: number[][], maxLength: number): Window[] {
  const budget = maxLength - 2;
  const count = (span: Span) => {
    const [a, b] = wordRange(words, span);
    let n = 0;
    for (let w = a; w < b; w++) n += pieces[w].length;
    return n;
  };
  const spans = planWindows(text, splitSentences(text), count, budget, OVERLAP_PIECES, { words });
  return spans.map((span) => {
    const [from, to] = wordRange(words, span);
    return { span, from, to };
  });
}

/** Token classification of any length of text: spans with type and score, no annotations. */
export async function tagText(model: LoadedModel, text: string, opts: BatchOptions = {}): Promise<Entity[]> {
  const words = splitWords(text);
  if (words.length === 0) return [];
  const pieces = piecesOf(words, model.wordpiece);
  const maxLength = model.config.medtext.max_length;
  const windows = planEntityWindows(text, words, pieces, maxLength);
  // Lexicon features are matched per window, as training matched them per sentence.
  const seqs: EncodedSequence[] = windows.map((w) =>
    encodeWords(pieces, w.from, w.to, maxLength, model.lexicon?.features(words.slice(w.from, w.to))),
  );
  const outputs = await runSequences(model, seqs, 'logits', opts);
  const perWindow: Entity[][] = windows.map((w, k) => {
    const out = outputs[k];
    const probs = seqs[k].firstPiece.map((pos) => softmaxRow(out.data, pos * out.width, out.width));
    const path = viterbi(probs, model.labels);
    return spansFromPath(path, probs, model.labels).map((s) => {
      const first = words[w.from + s.from];
      const last = words[w.from + s.to - 1];
      return {
        type: s.type,
        start: first.start,
        end: last.end,
        text: text.slice(first.start, last.end),
        score: s.score,
      };
    });
  });
  return mergeWindowEntities(
    windows.map((w) => w.span),
    perWindow,
  );
}

export async function findEntities(model: LoadedModel, text: string, opts: EntityOptions = {}): Promise<Entity[]> {
  const entities = await tagText(model, text, opts);
  const concepts = model.extras.concepts as ConceptIndex | undefined;
  if (concepts) {
    for (const e of entities) {
      const concept = linkConcept(concepts, e.type, e.text);
      if (concept) e.concept = concept;
    }
  }
  // Sections and ConText assertion (negated, possible, historical, hypothetical, family).
  return opts.spansOnly ? entities : annotateEntities(text, entities);
}
