// One line per note for the collection's list: what its results say, in few words.
import type { NoteResult } from './job-tasks.ts';

export function resultSummary(result: NoteResult | undefined): string {
  if (!result) return '';
  const parts: string[] = [];
  if (result.specialty) parts.push(result.specialty.map((l) => l.label).join(', ') || 'no specialty');
  if (result.ade) parts.push(result.ade.label === 'ADE' ? 'ADE' : 'no ADE');
  if (result.entities) parts.push(`${result.entities.length} ${result.entities.length === 1 ? 'entity' : 'entities'}`);
  if (result.deid) parts.push(`${result.deid.spans.length} PHI`);
  return parts.join(' · ');
}

/** The rows a fixed-row-height list shows for a scroll position, with a few spare ones either side. */
export function visibleRange(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  count: number,
  overscan = 5,
): { start: number; end: number } {
  const start = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const end = Math.min(count, Math.ceil((scrollTop + viewportHeight) / rowHeight) + overscan);
  return { start, end: Math.max(start, end) };
}
