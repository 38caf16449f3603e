// Splits the caller's original text into plain and entity segments using the entities'
// own character offsets. Never re-tokenises: concatenating the segments gives back the text.
import type { Entity } from '../../workers/api.ts';

export interface TextSegment {
  text: string;
  start: number;
  end: number;
  /** Present when this segment is exactly one entity's span. */
  entity?: Entity;
}

export interface Segmentation {
  segments: TextSegment[];
  /** Entities that could not be highlighted: overlapping another, empty or out of range. */
  skipped: Entity[];
}

function isUsable(e: Entity, length: number): boolean {
  return Number.isInteger(e.start) && Number.isInteger(e.end) && e.start >= 0 && e.end <= length && e.start < e.end;
}

/**
 * Entities may arrive unsorted, overlapping or (from a stale run) out of range. A highlight
 * must show exactly text.slice(start, end), so overlapping spans are not clipped: the
 * earliest (then longest) wins and the others are reported as skipped; they still appear
 * in the results table.
 */
export function segmentText(text: string, entities: readonly Entity[]): Segmentation {
  const skipped: Entity[] = [];
  const usable: Entity[] = [];
  for (const e of entities) (isUsable(e, text.length) ? usable : skipped).push(e);
  usable.sort((a, b) => a.start - b.start || b.end - a.end);

  const segments: TextSegment[] = [];
  let cursor = 0;
  for (const e of usable) {
    if (e.start < cursor) {
      skipped.push(e);
      continue;
    }
    if (e.start > cursor) segments.push({ text: text.slice(cursor, e.start), start: cursor, end: e.start });
    segments.push({ text: text.slice(e.start, e.end), start: e.start, end: e.end, entity: e });
    cursor = e.end;
  }
  if (cursor < text.length) segments.push({ text: text.slice(cursor), start: cursor, end: text.length });
  return { segments, skipped };
}

/** Entities a highlight can show (in range, non-overlapping, sorted by start) and those it cannot. */
export function highlightable(text: string, entities: readonly Entity[]): { shown: Entity[]; skipped: Entity[] } {
  // segmentText's choice (earliest, then longest, wins), without slicing the whole text.
  const skipped: Entity[] = [];
  const usable: Entity[] = [];
  for (const e of entities) (isUsable(e, text.length) ? usable : skipped).push(e);
  usable.sort((a, b) => a.start - b.start || b.end - a.end);
  const shown: Entity[] = [];
  let cursor = 0;
  for (const e of usable) {
    if (e.start < cursor) skipped.push(e);
    else {
      shown.push(e);
      cursor = e.end;
    }
  }
  return { shown, skipped };
}

/** Index of the first entity (sorted by start, non-overlapping) that ends after `offset`. */
function firstEndingAfter(entities: readonly Entity[], offset: number): number {
  let lo = 0;
  let hi = entities.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (entities[mid].end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Segments of text.slice(range.start, range.end) only, with absolute offsets, from entities already
 * sorted and non-overlapping (highlightable's `shown`): a windowed view segments just the blocks on
 * screen. An entity crossing the range's edge is cut there (its segment keeps the whole entity).
 */
export function segmentRange(
  text: string,
  shown: readonly Entity[],
  range: { start: number; end: number },
): TextSegment[] {
  const segments: TextSegment[] = [];
  let cursor = range.start;
  for (let i = firstEndingAfter(shown, range.start); i < shown.length && shown[i].start < range.end; i++) {
    const e = shown[i];
    const start = Math.max(e.start, range.start);
    const end = Math.min(e.end, range.end);
    if (start > cursor) segments.push({ text: text.slice(cursor, start), start: cursor, end: start });
    segments.push({ text: text.slice(start, end), start, end, entity: e });
    cursor = end;
  }
  if (cursor < range.end) segments.push({ text: text.slice(cursor, range.end), start: cursor, end: range.end });
  return segments;
}

/** About this many characters per block of a windowed text view (a few lines on screen). */
export const BLOCK_CHARS = 1200;

/**
 * Cuts text into consecutive blocks that a windowed view renders one by one: at line ends, and a
 * line longer than `maxChars` after a sentence end (". " before a capital) or else a space, near the
 * limit, so blocks read as paragraphs. Blocks cover the text exactly, in order.
 */
export function textBlocks(text: string, maxChars = BLOCK_CHARS): { start: number; end: number }[] {
  const blocks: { start: number; end: number }[] = [];
  let start = 0;
  while (start < text.length) {
    const limit = Math.min(text.length, start + maxChars);
    let end = limit;
    if (limit < text.length) {
      const chunk = text.slice(start, limit);
      const newline = chunk.lastIndexOf('\n');
      // The last sentence end: punctuation and spaces before a capital, no sentence end after it.
      const sentence = /[.!?:] +(?=[A-Z][^.!?]*$)/.exec(chunk);
      const space = chunk.lastIndexOf(' ');
      // The latest natural cut in the block's second half, else any.
      const half = maxChars / 2;
      if (newline >= half) end = start + newline + 1;
      else if (sentence && sentence.index >= half) end = start + sentence.index + sentence[0].length;
      else if (space > 0) end = start + space + 1;
    } else end = text.length;
    blocks.push({ start, end });
    start = end;
  }
  return blocks;
}
