// Token classification shared by the tagging tasks (entities, de-identification): sentence-aligned
// windows → sub-words (+ lexicon features, word shapes) → token logits → constrained BIO decoding per
// word → character spans in the caller's original text.
import type { Entity, Span } from '../api.ts';
import { mergeWindowEntities, planWindows, type WindowOptions } from '../text/chunking.ts';
import { spansFromPath, viterbi } from '../text/bio.ts';
import { splitSentences } from '../text/sentences.ts';
import { firstEndingAfter } from '../text/span-set.ts';
import { withShapes, wordShapes } from '../text/word-shape.ts';
import { splitWords, type Word } from '../text/words.ts';
import { softmaxRow, runSequences, type BatchOptions, type SequenceOutput } from './batch.ts';
import { encodeWords, piecesOf, type EncodedSequence } from './encode.ts';
import type { LoadedModel } from './models.ts';

/**
 * A full stop, comma, semicolon or colon at either end of a tagged span is no part of the entity
 * ("rectal dysfunction,", "MRN 00482913."): the tagger sometimes runs over it. Each is a word of its own.
 */
const EDGE_PUNCTUATION = /^[.,;:]$/;

/** Sub-words kept free at each window edge so that context overlaps. */
const OVERLAP_PIECES = 24;

interface Window {
  span: Span;
  from: number;
  to: number;
}

/** Word index range covered by a character span (words are sorted by offset). */
function wordRange(words: Word[], span: Span): [number, number] {
  const lo = firstEndingAfter(words, span.start);
  let to = lo;
  while (to < words.length && words[to].start < span.end) to++;
  return [lo, to];
}

export function planEntityWindows(
  text: string,
  words: Word[],
  pieces: number[][],
  maxLength: number,
  within?: WindowOptions['within'],
): Window[] {
  const budget = maxLength - 2;
  const count = (span: Span) => {
    const [a, b] = wordRange(words, span);
    let n = 0;
    for (let w = a; w < b; w++) n += pieces[w].length;
    return n;
  };
  const spans = planWindows(text, splitSentences(text), count, budget, OVERLAP_PIECES, { words, within });
  return spans.map((span) => {
    const [from, to] = wordRange(words, span);
    return { span, from, to };
  });
}

/** Token type ids of a window's words: lexicon features, with word shapes for models trained on them. */
function typeIds(model: LoadedModel, text: string, words: Word[]): number[] | undefined {
  const lexicon = model.lexicon?.features(words);
  if (!model.config.medtext.case_feature) return lexicon;
  const shapes = wordShapes(words.map((w) => text.slice(w.start, w.end)));
  return withShapes(lexicon, shapes, model.lexicon?.featureIds ?? 1);
}

export interface PreparedText {
  text: string;
  words: Word[];
  windows: Window[];
  seqs: EncodedSequence[];
}

export function prepareText(model: LoadedModel, text: string): PreparedText {
  const words = splitWords(text);
  if (words.length === 0) return { text, words, windows: [], seqs: [] };
  const pieces = piecesOf(words, model.wordpiece);
  const maxLength = model.config.medtext.max_length;
  const windows = planEntityWindows(text, words, pieces, maxLength, model.config.medtext.window);
  // Lexicon features (and word shapes) are matched per window, as training matched them per sentence.
  const seqs = windows.map((w) =>
    encodeWords(pieces, w.from, w.to, maxLength, typeIds(model, text, words.slice(w.from, w.to))),
  );
  return { text, words, windows, seqs };
}

/** Spans of windows [first, first + outputs.length), one list per window. */
function decodeWindows(model: LoadedModel, p: PreparedText, first: number, outputs: SequenceOutput[]): Entity[][] {
  return outputs.map((out, i) => {
    const k = first + i;
    const w = p.windows[k];
    const probs = p.seqs[k].firstPiece.map((pos) => softmaxRow(out.data, pos * out.width, out.width));
    const path = viterbi(probs, model.labels);
    const wordText = (i: number): string => p.text.slice(p.words[i].start, p.words[i].end);
    return spansFromPath(path, probs, model.labels).flatMap((s) => {
      let from = w.from + s.from;
      let to = w.from + s.to; // exclusive
      while (to > from && EDGE_PUNCTUATION.test(wordText(to - 1))) to--;
      while (from < to && EDGE_PUNCTUATION.test(wordText(from))) from++;
      if (from === to) return [];
      const first = p.words[from];
      const last = p.words[to - 1];
      const text = p.text.slice(first.start, last.end);
      return [{ type: s.type, start: first.start, end: last.end, text, score: s.score }];
    });
  });
}

/** Entities of a prepared text from its windows' logits (also the bench's stock side, bench/speed/stock-windows.ts). */
export function decodeText(model: LoadedModel, p: PreparedText, outputs: SequenceOutput[]): Entity[] {
  return mergeWindowEntities(
    p.windows.map((w) => w.span),
    decodeWindows(model, p, 0, outputs),
  );
}

/**
 * Token classification of any number of texts of any length: spans with type and score, no
 * annotations. All windows of all texts go through the model together, length-bucketed.
 */
export async function tagTexts(model: LoadedModel, texts: string[], opts: BatchOptions = {}): Promise<Entity[][]> {
  const prepared = texts.map((t) => prepareText(model, t));
  const outputs = await runSequences(
    model,
    prepared.flatMap((p) => p.seqs),
    'logits',
    opts,
  );
  let next = 0;
  return prepared.map((p) => decodeText(model, p, outputs.slice(next, (next += p.seqs.length))));
}

export async function tagText(model: LoadedModel, text: string, opts: BatchOptions = {}): Promise<Entity[]> {
  return (await tagTexts(model, [text], opts))[0];
}

/** Tokens in the first part of a long text (its entities come back early), then doubling up to PART_TOKENS. */
const FIRST_PART_TOKENS = 1024;
const PART_TOKENS = 8192;

/**
 * Cuts windows, in text order, into parts of about `firstTokens` tokens, then twice as many each time up
 * to `maxTokens`. A part ends only where the next window's words all follow every earlier window's, so
 * no entity of one part can overlap one of another and merging part by part equals merging the whole.
 * Returns the end index of each part.
 */
export function planParts(
  windows: readonly { from: number; to: number }[],
  lengths: readonly number[],
  firstTokens = FIRST_PART_TOKENS,
  maxTokens = PART_TOKENS,
): number[] {
  const ends: number[] = [];
  let budget = firstTokens;
  let tokens = 0;
  let reach = 0;
  windows.forEach((w, k) => {
    if (tokens >= budget && w.from >= reach) {
      ends.push(k);
      tokens = 0;
      budget = Math.min(maxTokens, budget * 2);
    }
    tokens += lengths[k];
    reach = Math.max(reach, w.to);
  });
  if (windows.length > 0) ends.push(windows.length);
  return ends;
}

/** What a part of a long text covers: its entities are final, in text order, up to `through`. */
export interface TaggedPart {
  entities: Entity[];
  /** Character offset up to which the text has been read (the last window's end). */
  through: number;
}

/**
 * tagText for one long text, part by part in text order, calling `onPart` as each part is decoded.
 * Returns what tagText returns (the parts' entities concatenated); batching is per part.
 */
export async function tagTextInParts(
  model: LoadedModel,
  text: string,
  onPart: (part: TaggedPart) => void | Promise<void>,
  opts: BatchOptions = {},
): Promise<Entity[]> {
  const p = prepareText(model, text);
  const total = p.seqs.length;
  const all: Entity[] = [];
  let first = 0;
  for (const end of planParts(
    p.windows,
    p.seqs.map((s) => s.ids.length),
  )) {
    const offset = first;
    const outputs = await runSequences(model, p.seqs.slice(first, end), 'logits', {
      ...opts,
      // Progress over the whole text, not the part.
      onProgress: (e) =>
        opts.onProgress?.({ ...e, done: offset + (e.done ?? 0), total, fraction: (offset + (e.done ?? 0)) / total }),
    });
    const windows = p.windows.slice(first, end);
    const entities = mergeWindowEntities(
      windows.map((w) => w.span),
      decodeWindows(model, p, first, outputs),
    );
    await onPart({ entities, through: windows[windows.length - 1].span.end });
    for (const e of entities) all.push(e);
    first = end;
  }
  return all;
}
