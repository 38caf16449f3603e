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
