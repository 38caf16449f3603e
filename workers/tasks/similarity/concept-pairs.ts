// Concept- and assertion-aware evidence for a sentence pair. Each side's mentions are linked to
// concepts (workers/text/concepts.ts) and given their ConText assertion (workers/text/assertion.ts);
// a pair then has concepts both sides name (in the same or in different words: "heart attack" /
// "myocardial infarction") and contradictions: one concept affirmed on one side and negated on the
// other, experienced by the patient on one side and by a relative on the other, or possible on one
// side and asserted on the other. (Content words outside concepts, compared the same way, flipped
// in 82 of 1,500 general-English STS-B dev pairs and cost ranking there: concepts only.)
import type { ContradictionKind, SimilarityContradiction, SimilarityMatch } from '../../api.ts';
import { assertSpansDetailed, type AssertionDetail } from '../../text/assertion.ts';
import { findConceptMentions, type ConceptIndex } from '../../text/concepts.ts';

/** The concept table's one type (training/embeddings/build_concepts.py). */
const CONCEPT_TYPE = 'concept';
// Characters per side that concepts are looked for in (the model reads its first 128 sub-words).
const MAX_CHARS = 2000;

/** A concept mention, with what ConText says about it. */
export interface AssertedTerm {
  /** Concept ID. */
  key: string;
  /** What the UI calls it: the concept's name. */
  label: string;
  text: string;
  norm: string;
  status: { negated: boolean; possible: boolean; family: boolean };
}

/** One side's concepts, and its text with each mention put in its concept's name. */
export interface SideConcepts {
  terms: AssertedTerm[];
  canonicalText: string;
}

const statusOf = (d: AssertionDetail) => ({
  negated: d.negated,
  possible: d.possible,
  family: d.experiencer === 'family',
});

/** Concepts of a text, with their assertion, and the concept-named text. */
export function analyseSide(index: ConceptIndex, fullText: string): SideConcepts {
  const text = fullText.slice(0, MAX_CHARS);
  const mentions = findConceptMentions(index, CONCEPT_TYPE, text);
  const details = assertSpansDetailed(text, mentions);
  const terms: AssertedTerm[] = mentions.map((m, i) => ({
    key: m.concept.id,
    label: m.concept.name.toLowerCase(),
    text: m.text,
    norm: m.text.toLowerCase(),
    status: statusOf(details[i]),
  }));
  let canonicalText = '';
  let at = 0;
  for (const m of mentions) {
    canonicalText += text.slice(at, m.start) + m.concept.name.toLowerCase();
    at = m.end;
  }
  return { terms, canonicalText: canonicalText + fullText.slice(at) };
}

/** How the two mentions of one concept disagree, if they do. */
export function contradictionKind(a: AssertedTerm['status'], b: AssertedTerm['status']): ContradictionKind | undefined {
  if (a.family !== b.family) return 'experiencer';
  if (a.possible !== b.possible) return 'certainty';
  if (a.negated !== b.negated) return 'negation';
  return undefined;
}

export interface ConceptComparison {
  matched: SimilarityMatch[];
  contradictions: SimilarityContradiction[];
  /** Named features for the learned blend (similarity.ts). */
  features: Record<string, number>;
}

const firstByKey = (terms: AssertedTerm[]) => {
  const out = new Map<string, AssertedTerm>();
  for (const t of terms) if (!out.has(t.key)) out.set(t.key, t);
  return out;
};

/**
 * Shared concepts (in the same words or not), contradictions and the blend's features:
 * concept_share (shared / all concepts of the pair), concept_synonym (share of them named in
 * different words), concept_unshared_min (the smaller side's share of concepts the other lacks),
 * contra_negation / contra_experiencer / contra_certainty (concepts, at most 2 each).
 */
export function compareConcepts(a: SideConcepts, b: SideConcepts): ConceptComparison {
  const [ta, tb] = [firstByKey(a.terms), firstByKey(b.terms)];
  const conceptsA = [...ta.keys()];
  const conceptsB = [...tb.keys()];
  const matched: SimilarityMatch[] = [];
  const contradictions: SimilarityContradiction[] = [];
  const counts: Record<ContradictionKind, number> = { negation: 0, experiencer: 0, certainty: 0 };
  let synonyms = 0;
  for (const [key, x] of ta) {
    const y = tb.get(key);
    if (!y) continue;
    const kind = contradictionKind(x.status, y.status);
    matched.push({ concept: x.label, a: x.text, b: y.text });
    if (x.norm !== y.norm) synonyms++;
    if (kind) {
      counts[kind]++;
      contradictions.push({ concept: x.label, a: x.text, b: y.text, kind });
    }
  }
  const union = new Set([...conceptsA, ...conceptsB]).size;
  const unshared = (own: string[], other: Map<string, AssertedTerm>) =>
    own.length ? own.filter((k) => !other.has(k)).length / own.length : 0;
  const cap = (n: number) => Math.min(n, 2);
  return {
    matched,
    contradictions,
    features: {
      concept_share: union ? matched.length / union : 0,
      concept_synonym: matched.length ? synonyms / matched.length : 0,
      concept_unshared_min: Math.min(unshared(conceptsA, tb), unshared(conceptsB, ta)),
      contra_negation: cap(counts.negation),
      contra_experiencer: cap(counts.experiencer),
      contra_certainty: cap(counts.certainty),
    },
  };
}
