// Concept linking over the open vocabularies (MeSH, Disease Ontology, DrugBank) and curated lay
// terms: `linkConcept` links an entity the tagger found (entities task); `findConceptMentions` scans
// a whole text for vocabulary terms (similarity task: "heart attack" and "MI" are one concept).
import type { Concept, Span } from '../api.ts';
import { splitWords, type Word } from './words.ts';

/** One entity type's table: normalised term → index into `concepts`. */
export interface ConceptTable {
  terms: Record<string, number>;
  /** Short abbreviations matched with their exact case ("MS" links, "ms" does not). */
  cased?: Record<string, number>;
  concepts: [id: string, name: string, source: string][];
}

/** concepts.json: one table per entity type. */
export interface ConceptIndex {
  types: Record<string, ConceptTable>;
}

/** A vocabulary term found in a text. */
export interface ConceptMention extends Span {
  text: string;
  concept: Concept;
}

// Longest term tried, in words: longer vocabulary terms are left out of the similarity table.
const MAX_TERM_WORDS = 6;
const HAS_WORD_CHAR = /[\p{L}\p{N}]/u;

export function normalizeTerm(text: string): string {
  return splitWords(text)
    .map((w) => w.norm)
    .join(' ');
}

/**
 * The index of a normalised term, trying its singular or plural too: a plural is the commonest
 * mismatch between mention and vocabulary, either way round ("seizures" / "seizure", "penicillin" /
 * MeSH's "penicillins"), but an abbreviation plus "s" is another abbreviation ("MD" is not "MDS").
 */
function lookup(table: ConceptTable, key: string, raw: string): number | undefined {
  let hit = table.terms[key];
  if (hit === undefined && key.endsWith('s')) hit = table.terms[key.slice(0, -1)];
  if (hit === undefined && key.length >= 4 && /\p{Ll}/u.test(raw)) hit = table.terms[`${key}s`];
  return hit;
}

function conceptAt(table: ConceptTable, i: number): Concept {
  const [id, name, source] = table.concepts[i];
  return { id, name, source };
}

export function linkConcept(index: ConceptIndex, type: string, text: string): Concept | undefined {
  const table = index.types[type];
  if (!table) return undefined;
  const hit = table.cased?.[text.trim()] ?? lookup(table, normalizeTerm(text), text);
  return hit === undefined ? undefined : conceptAt(table, hit);
}

/**
 * Vocabulary terms in a text, left to right, longest match first, never overlapping. A term must
 * start and end on a word ("pain" is not found in "painting"), and a one-word plural fallback needs
 * four letters or more ("MDs" is not "MD").
 */
export function findConceptMentions(index: ConceptIndex, type: string, text: string): ConceptMention[] {
  const table = index.types[type];
  if (!table) return [];
  const words = splitWords(text);
  const mentions: ConceptMention[] = [];
  let i = 0;
  while (i < words.length) {
    const found = longestTermAt(table, text, words, i);
    if (found) {
      const { start } = words[i];
      const { end } = words[found.last];
      mentions.push({ start, end, text: text.slice(start, end), concept: conceptAt(table, found.index) });
      i = found.last + 1;
    } else i++;
  }
  return mentions;
}

function longestTermAt(
  table: ConceptTable,
  text: string,
  words: Word[],
  first: number,
): { index: number; last: number } | undefined {
  if (!HAS_WORD_CHAR.test(words[first].norm)) return undefined;
  const longest = Math.min(words.length, first + MAX_TERM_WORDS) - 1;
  for (let last = longest; last >= first; last--) {
    if (!HAS_WORD_CHAR.test(words[last].norm)) continue;
    const raw = text.slice(words[first].start, words[last].end);
    const key = words
      .slice(first, last + 1)
      .map((w) => w.norm)
      .join(' ');
    const hit = table.cased?.[raw] ?? (key.length >= 3 ? lookup(table, key, raw) : undefined);
    if (hit !== undefined) return { index: hit, last };
  }
  return undefined;
}
