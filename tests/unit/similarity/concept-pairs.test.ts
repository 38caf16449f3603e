// Concept matching (workers/text/concepts.ts), contradiction detection (concept-pairs.ts) and the
// "same question" badge rule, on a small hand-made concept table.
import { describe, expect, it } from 'vitest';
import { findConceptMentions, type ConceptIndex } from '../../../workers/text/concepts.ts';
import { analyseSide, compareConcepts } from '../../../workers/tasks/similarity/concept-pairs.ts';
import { isQuestion, sameQuestion } from '../../../workers/tasks/similarity/question-intent.ts';

const index: ConceptIndex = {
  types: {
    concept: {
      terms: {
        'myocardial infarction': 0,
        'heart attack': 0,
        'chest pain': 1,
        pain: 2,
        diabetes: 3,
        'water pill': 4,
        diuretic: 4,
        pneumonia: 5,
      },
      cased: { MI: 0, HTN: 6 },
      concepts: [
        ['MESH:D009203', 'Myocardial Infarction', 'MeSH'],
        ['MESH:D002637', 'Chest Pain', 'MeSH'],
        ['MESH:D010146', 'Pain', 'MeSH'],
        ['MESH:D003920', 'Diabetes Mellitus', 'MeSH'],
        ['MESH:D004232', 'Diuretics', 'MeSH'],
        ['MESH:D011014', 'Pneumonia', 'MeSH'],
        ['MESH:D006973', 'Hypertension', 'MeSH'],
      ],
    },
  },
};

const ids = (text: string) => findConceptMentions(index, 'concept', text).map((m) => [m.text, m.concept.id]);

describe('findConceptMentions', () => {
  it('takes the longest term at each place and links different words to one concept', () => {
    expect(ids('Heart attack with chest pain')).toEqual([
      ['Heart attack', 'MESH:D009203'],
      ['chest pain', 'MESH:D002637'],
    ]);
    expect(ids('took two water pills')).toEqual([['water pills', 'MESH:D004232']]);
  });

  it('matches short abbreviations only with their case, and only whole words', () => {
    expect(ids('Prior MI, HTN.')).toEqual([
      ['MI', 'MESH:D009203'],
      ['HTN', 'MESH:D006973'],
    ]);
    expect(ids('mi htn')).toEqual([]);
    expect(ids('painting the mild wall')).toEqual([]);
  });
});

const compare = (a: string, b: string) => compareConcepts(analyseSide(index, a), analyseSide(index, b));

describe('compareConcepts', () => {
  it('reports a concept named in other words as shared, with no contradiction', () => {
    const c = compare('Myocardial infarction', 'Heart attack');
    expect(c.matched).toEqual([{ concept: 'myocardial infarction', a: 'Myocardial infarction', b: 'Heart attack' }]);
    expect(c.contradictions).toEqual([]);
    expect(c.features.concept_share).toBe(1);
    expect(c.features.concept_synonym).toBe(1);
  });

  it('finds negated, family and uncertain mentions of the same concept', () => {
    expect(compare('Patient denies chest pain.', 'Patient reports chest pain.').contradictions).toEqual([
      { concept: 'chest pain', a: 'chest pain', b: 'chest pain', kind: 'negation' },
    ]);
    expect(compare('Her mother has diabetes.', 'She has diabetes.').contradictions.map((c) => c.kind)).toEqual([
      'experiencer',
    ]);
    expect(compare('Possible pneumonia.', 'Pneumonia.').features.contra_certainty).toBe(1);
  });

  it('sees no contradiction where both sides assert alike', () => {
    const c = compare('No chest pain today.', 'Denies chest pain.');
    expect(c.contradictions).toEqual([]);
    expect(c.features.contra_negation).toBe(0);
  });

  it('puts each concept in its name in the concept-named text', () => {
    expect(analyseSide(index, 'He takes a water pill.').canonicalText).toBe('He takes a diuretics.');
  });
});

describe('same question badge', () => {
  it('needs two questions as well as the duplicate decision', () => {
    expect(isQuestion('How do I treat a migraine')).toBe(true);
    expect(isQuestion('Denies chest pain.')).toBe(false);
    expect(sameQuestion('Is HTN curable?', 'Can high blood pressure be cured?', true)).toBe(true);
    expect(sameQuestion('Denies chest pain.', 'Complains of severe chest pain.', true)).toBe(false);
    expect(sameQuestion('Is HTN curable?', 'Can high blood pressure be cured?', false)).toBe(false);
  });
});
