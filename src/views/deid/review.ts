// The review step of de-identification: the user keeps replacements the tool got wrong and redacts
// text it missed. Pure functions over the original text and spans: the result is redacted again at
// once (redact() is cheap and deterministic for a seed), without running the model again.
import Papa from 'papaparse';
import type { PhiSpan, Redaction } from '../../../workers/api.ts';
import { redact, type RedactionInput, type RedactionMode } from '../../../workers/tasks/deid/redact.ts';
import { FORMULA_START } from '../../ui/export-entities.ts';

export interface ReviewEdit {
  id: number;
  /** 'keep' restores the original text over the range; 'add' redacts the range. */
  kind: 'keep' | 'add';
  type: string;
  /** Offsets into the original text. */
  start: number;
  end: number;
  /** The original text over the range, for the list of changes. */
  text: string;
}

/** The types a user can give to text they redact; the tool's own types first. */
export const ADD_TYPES = ['NAME', 'DATE', 'LOCATION', 'ID', 'PHONE', 'EMAIL', 'AGE', 'URL'] as const;

/** The type of text the user marked: an e-mail, a number (ID) or, most often, a name. */
export function guessType(text: string): string {
  if (/^\S+@\S+\.\S+$/u.test(text.trim())) return 'EMAIL';
  return /\p{N}/u.test(text) ? 'ID' : 'NAME';
}

/**
 * The spans to redact after the user's edits, applied in the order they were made: a keep drops
 * every span that overlaps its range (a replacement's range covers all the spans merged into it),
 * an add is a span of the user's, whose type wins where it overlaps the tool's.
 */
export function reviewedSpans(
  found: readonly Pick<PhiSpan, 'type' | 'start' | 'end' | 'source'>[],
  edits: readonly ReviewEdit[],
): RedactionInput[] {
  let spans: RedactionInput[] = found.map(({ type, start, end, source }) => ({ type, start, end, source }));
  for (const edit of edits) {
    if (edit.kind === 'keep') spans = spans.filter((s) => s.end <= edit.start || s.start >= edit.end);
    else spans.push({ type: edit.type, start: edit.start, end: edit.end, source: 'user' });
  }
  return spans;
}

/** The de-identified text after the user's edits; `seed` keeps each surrogate the same across edits. */
export function applyReview(
  original: string,
  found: readonly PhiSpan[],
  edits: readonly ReviewEdit[],
  mode: RedactionMode,
  seed: string,
) {
  return redact(original, reviewedSpans(found, edits), mode, seed);
}

/**
 * Maps an offset in the redacted text to one in the original. Inside a replacement, a selection's
 * start goes to the replacement's original start and its end to the original end, so selecting
 * part of "[NAME]" selects the whole name.
 */
export function originalOffset(offset: number, replacements: readonly Redaction[], edge: 'start' | 'end'): number {
  let shift = 0;
  for (const r of replacements) {
    if (offset <= r.start) return offset + shift;
    if (offset < r.end) return edge === 'start' ? r.originalStart : r.originalEnd;
    shift = r.originalEnd - r.end;
  }
  return offset + shift;
}

/** Narrows [start, end) of `text` to exclude white space at either end (a double-click takes a space). */
export function trimRange(text: string, start: number, end: number): { start: number; end: number } {
  let s = Math.max(0, Math.min(start, end));
  let e = Math.min(text.length, Math.max(start, end));
  while (s < e && /\s/u.test(text[s])) s++;
  while (e > s && /\s/u.test(text[e - 1])) e--;
  return { start: s, end: e };
}

/** True when every character of [start, end) is already inside a replacement. */
export function alreadyRedacted(start: number, end: number, replacements: readonly Redaction[]): boolean {
  let cursor = start;
  for (const r of replacements) {
    if (r.originalEnd <= cursor) continue;
    if (r.originalStart > cursor) return false;
    cursor = r.originalEnd;
    if (cursor >= end) return true;
  }
  return cursor >= end;
}

/**
 * The list of replacements as CSV (type, original, replacement, offsets into the original). Cells a
 * spreadsheet would run as a formula (=, +, -, @, tab, CR) get a leading apostrophe: papaparse's
 * escapeFormulae.
 */
export function replacementsCsv(original: string, replacements: readonly Redaction[]): string {
  const data = replacements.map((r) => [
    r.type,
    original.slice(r.originalStart, r.originalEnd),
    r.replacement,
    r.originalStart,
    r.originalEnd,
  ]);
  const csv = Papa.unparse(
    { fields: ['type', 'original', 'replacement', 'start', 'end'], data },
    { escapeFormulae: FORMULA_START, newline: '\r\n' },
  );
  return `${csv}\r\n`;
}
