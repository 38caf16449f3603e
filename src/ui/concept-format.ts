// Concept IDs as a reader expects them: the vocabulary's name once ("MeSH D003924"), not the
// source and the ID's own prefix both ("MeSH:MESH:D003924"). The engine's IDs stay as they are
// (CURIEs such as "MESH:D003924", "DOID:9352"): exports keep them, and add this display form.
import type { Concept } from '../../workers/api.ts';

const letters = (s: string) => s.replace(/[^\p{L}\p{N}]/gu, '').toUpperCase();

/**
 * The ID without a prefix that only repeats the source's name (MESH: for MeSH, DRUGBANK: for
 * DrugBank, MEDTEXT: for "medtext curated"); a prefix that says more than the source ("DOID:" for
 * Disease Ontology, the ontology's own ID form) stays.
 */
export function conceptLocalId(concept: Pick<Concept, 'id' | 'source'>): string {
  const match = /^([A-Za-z][\w.-]*):(.+)$/.exec(concept.id);
  if (!match) return concept.id;
  const [, prefix, rest] = match;
  return letters(concept.source).startsWith(letters(prefix)) ? rest : concept.id;
}

/** "MeSH D003924", "DrugBank DB00945", "Disease Ontology DOID:9352". */
export function formatConceptId(concept: Pick<Concept, 'id' | 'source'>): string {
  const local = conceptLocalId(concept);
  return concept.source ? `${concept.source} ${local}` : local;
}
