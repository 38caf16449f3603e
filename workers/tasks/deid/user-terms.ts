// Terms the user adds to or takes out of a de-identification: the model misses some identifiers
// (an unusual name, a local MRN format), and the clinician often knows them ("the patient is Jane
// Roe"), so every whole-word occurrence of a listed term is removed, whatever the model says.
import { phrasePattern } from '../../text/regex.ts';

/** At most this many terms, each at most this long, are used; the rest are ignored. */
export const MAX_TERMS = 200;
export const MAX_TERM_CHARS = 200;

/** A term as typed, spaces collapsed: what the user sees and what matching reads. */
const tidy = (s: string): string => s.trim().replace(/\s+/g, ' ');
/** Two terms are the same when they differ only in letter case and spacing. */
const termKey = (s: string): string => tidy(s).toLocaleLowerCase();

// A term must hold a letter or digit: "-" alone would take every dash of the note.
const usableTerm = (t: string): boolean => t.length <= MAX_TERM_CHARS && /[\p{L}\p{N}]/u.test(t);

/** Splits what the user typed (one term per line or comma-separated) into at most `limit` distinct terms. */
export function parseTerms(input: string, limit = MAX_TERMS): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of input.split(/[\n,;]/)) {
    const term = tidy(raw);
    const key = termKey(term);
    if (usableTerm(term) && !seen.has(key)) {
      seen.add(key);
      out.push(term);
    }
    if (out.length === limit) break;
  }
  return out;
}

/**
 * Every occurrence of each term in `text`, in any letter case, not inside a longer word or number;
 * spaces in a term match any run of spaces. Type: ID when the term holds a digit, else NAME (what
 * users add most).
 */
export function findTerms(text: string, terms: string[]): { type: string; start: number; end: number }[] {
  const out: { type: string; start: number; end: number }[] = [];
  for (const term of terms.slice(0, MAX_TERMS)) {
    const t = term.trim();
    if (!usableTerm(t)) continue;
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${phrasePattern(t)}(?![\\p{L}\\p{N}])`, 'giu');
    const type = /\p{N}/u.test(t) ? 'ID' : 'NAME';
    for (const m of text.matchAll(pattern)) out.push({ type, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** Drops spans whose text is one of `keep` (any letter case, spaces normalised). */
export function withoutKept<S extends { text: string }>(spans: S[], keep: string[]): S[] {
  if (keep.length === 0) return spans;
  const kept = new Set(keep.map(termKey));
  return spans.filter((s) => !kept.has(termKey(s.text)));
}
