// Entity linking: an exact (normalised) match of the entity text against the open vocabularies
// (MeSH, Disease Ontology, DrugBank) gives a concept ID and its preferred name.
import type { Concept } from '../../api.ts';
import { splitWords } from '../../text/words.ts';

/** concepts.json: per entity type, normalised term → index into that type's concept list. */
export interface ConceptIndex {
  types: Record<string, { terms: Record<string, number>; concepts: [id: string, name: string, source: string][] }>;
}

export function normalizeTerm(text: string): string {
  return splitWords(text)
    .map((w) => w.norm)
    .join(' ');
}

export function linkConcept(index: ConceptIndex, type: string, text: string): Concept | undefined {
  const table = index.types[type];
  if (!table) return undefined;
  const key = normalizeTerm(text);
  let hit = table.terms[key];
  // A plural is the commonest mismatch between mention and vocabulary, either way round
  // ("seizures" / "seizure", "penicillin" / MeSH's "penicillins"), but an abbreviation plus "s" is
  // another abbreviation ("MD" is not "MDS").
  if (hit === undefined && key.endsWith('s')) hit = table.terms[key.slice(0, -1)];
  if (hit === undefined && key.length >= 4 && /\p{Ll}/u.test(text)) hit = table.terms[`${key}s`];
  if (hit === undefined) return undefined;
  const [id, name, source] = table.concepts[hit];
  return { id, name, source };
}
