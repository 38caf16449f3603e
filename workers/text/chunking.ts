// Long notes: pack sentences into model windows with overlap, and merge per-window entities.
import type { Entity, Span } from '../api.ts';
import { isHighSurrogate, isLowSurrogate } from './sentences.ts';
import { DisjointSpans, partitionPoint } from './span-set.ts';

export interface WindowOptions {
  /**
   * Word spans, sorted by start, used to cut a sentence that alone exceeds maxTokens (e.g. from the
   * tokenizer's pre-tokenizer). Default: whitespace-separated runs of the sentence.
   */
  words?: Span[];
  /**
   * Never pack sentences from different lines ('line') or several sentences ('sentence') into one
   * window, nor re-read the one before: for taggers trained on single lines or sentences, the text
   * around them changes what they read. A unit over maxTokens is still cut, with overlap inside it.
   * Default 'packed': sentences packed up to the budget (a model config's `window` values).
   */
  within?: 'line' | 'sentence' | 'packed';
}

interface Piece extends Span {
  tokens: number;
}

interface Unit extends Piece {
  /** Index of the sentence the unit belongs to. */
  sentence: number;
}

/**
 * Packs whole sentences into windows of at most `maxTokens` tokens, each window starting about
 * `overlapTokens` before the previous one ended (sentence-aligned). A sentence longer than
 * `maxTokens` is cut at word boundaries (or, for a single huge word, at characters).
 * Token counts are assumed additive over the pieces (true for WordPiece over whitespace words).
 * Returned spans are character ranges from a unit's start to a unit's end.
 */
export function planWindows(
  text: string,
  sentences: Span[],
  tokenCount: (span: Span) => number,
  maxTokens: number,
  overlapTokens: number,
  opts: WindowOptions = {},
): Span[] {
  const max = Math.max(1, Math.floor(maxTokens));
  const overlap = Math.max(0, Math.min(Math.floor(overlapTokens), max - 1));
  // Pieces of a cut sentence stay small so consecutive windows can still overlap inside it.
  const pieceTokens = overlap > 1 ? Math.floor(overlap / 2) : max;
  const units: Unit[] = [];
  sentences.forEach((sentence, index) => {
    if (sentence.end <= sentence.start) return;
    const tokens = tokenCount(sentence);
    const pieces =
      tokens <= max
        ? [{ ...sentence, tokens }]
        : splitLongSpan(text, sentence, tokenCount, max, pieceTokens, opts.words);
    for (const { start, end, tokens } of pieces) units.push({ start, end, tokens, sentence: index });
  });
  // A header or label ending in a colon ("DIAGNOSIS:") stays with the sentence after it: it is that
  // sentence's context ("Chronic venous hypertension" is tagged whole only after it).
  const isLabel = (u: Unit) => /:[\s,]*$/.test(text.slice(u.start, u.end));
  const joins = (a: Unit, b: Unit): boolean =>
    opts.within === 'sentence'
      ? a.sentence === b.sentence || (isLabel(a) && b.sentence === a.sentence + 1)
      : opts.within !== 'line' || !text.slice(a.end, b.start).includes('\n');
  const windows: Span[] = [];
  let first = 0;
  while (first < units.length) {
    let last = first;
    let total = units[first].tokens;
    while (last + 1 < units.length && joins(units[last], units[last + 1]) && total + units[last + 1].tokens <= max)
      total += units[++last].tokens;
    windows.push({ start: units[first].start, end: units[last].end });
    if (last === units.length - 1) break;
    // Next window re-reads the trailing units of this one, up to `overlap` tokens, but must advance.
    let next = last + 1;
    let carried = 0;
    while (next - 1 > first && joins(units[next - 1], units[next]) && carried + units[next - 1].tokens <= overlap)
      carried += units[--next].tokens;
    first = next;
  }
  return windows;
}

/** Cuts an over-long span into word-aligned units of about `pieceTokens` (never over `max`) tokens. */
function splitLongSpan(
  text: string,
  span: Span,
  tokenCount: (span: Span) => number,
  max: number,
  pieceTokens: number,
  words: Span[] | undefined,
): Piece[] {
  const pieces = words ? wordsWithin(words, span) : whitespaceWords(text, span);
  const units: Piece[] = [];
  let current: Piece | undefined;
  for (const word of pieces) {
    const tokens = tokenCount(word);
    if (tokens > max) {
      if (current) units.push(current);
      current = undefined;
      units.push(...splitByCharacters(text, word, tokens, tokenCount, max));
    } else if (current && current.tokens + tokens <= pieceTokens) {
      current = { start: current.start, end: word.end, tokens: current.tokens + tokens };
    } else {
      if (current) units.push(current);
      current = { ...word, tokens };
    }
  }
  if (current) units.push(current);
  return units;
}

/** Words (sorted by start) lying inside `span`, found by binary search. */
function wordsWithin(words: Span[], span: Span): Span[] {
  const lo = partitionPoint(words.length, (i) => words[i].start < span.start);
  const out: Span[] = [];
  for (let i = lo; i < words.length && words[i].start < span.end; i++) if (words[i].end <= span.end) out.push(words[i]);
  return out;
}

function whitespaceWords(text: string, span: Span): Span[] {
  const out: Span[] = [];
  for (const m of text.slice(span.start, span.end).matchAll(/\S+/g)) {
    out.push({ start: span.start + m.index, end: span.start + m.index + m[0].length });
  }
  return out;
}

/** Last resort for a single word longer than a window: proportional character cuts. */
function splitByCharacters(
  text: string,
  word: Span,
  tokens: number,
  tokenCount: (span: Span) => number,
  max: number,
): Piece[] {
  const out: Piece[] = [];
  let chunk = Math.max(1, Math.floor(((word.end - word.start) * max) / tokens));
  let start = word.start;
  while (start < word.end) {
    let end = Math.min(word.end, start + chunk);
    if (end < word.end && isLowSurrogate(text.charCodeAt(end)) && isHighSurrogate(text.charCodeAt(end - 1))) {
      end = end - 1 > start ? end - 1 : end + 1;
    }
    const count = tokenCount({ start, end });
    if (count > max && chunk > 1) {
      chunk = Math.max(1, Math.floor(chunk / 2)); // counter is not proportional here; retry smaller
      continue;
    }
    out.push({ start, end, tokens: Math.min(count, max) });
    start = end;
  }
  return out;
}

interface Candidate {
  entity: Entity;
  /** Distance in characters from the nearer edge of the window that produced it. */
  edgeDistance: number;
}

/**
 * Merges entities found in overlapping windows (entities carry absolute offsets). Exact duplicates
 * (same span and type) keep the highest score; among overlapping spans the one lying further from its
 * window's edge wins (the model saw more context), then the longer, then the higher-scoring.
 * Returns entities sorted by start, non-overlapping.
 */
export function mergeWindowEntities(windows: Span[], perWindow: Entity[][]): Entity[] {
  const byKey = new Map<string, Candidate>();
  perWindow.forEach((entities, w) => {
    const window = windows[w] ?? { start: -Infinity, end: Infinity };
    for (const entity of entities ?? []) {
      if (!(entity.end > entity.start)) continue;
      const edgeDistance = Math.min(entity.start - window.start, window.end - entity.end);
      const key = `${entity.start}:${entity.end}:${entity.type}`;
      const seen = byKey.get(key);
      if (!seen) {
        byKey.set(key, { entity, edgeDistance });
        continue;
      }
      const entityWins = entity.score > seen.entity.score;
      byKey.set(key, {
        entity: entityWins ? entity : seen.entity,
        edgeDistance: Math.max(edgeDistance, seen.edgeDistance),
      });
    }
  });
  const ranked = [...byKey.values()].sort(
    (a, b) =>
      b.edgeDistance - a.edgeDistance ||
      b.entity.end - b.entity.start - (a.entity.end - a.entity.start) ||
      b.entity.score - a.entity.score ||
      a.entity.start - b.entity.start,
  );
  const kept = new DisjointSpans<Entity>();
  for (const { entity } of ranked) kept.addIfFree(entity);
  return kept.items;
}
