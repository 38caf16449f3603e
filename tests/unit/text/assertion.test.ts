import { describe, expect, it } from 'vitest';
import type { Assertion } from '../../../workers/api.ts';
import rulesFile from '../../../workers/text/assertion-rules.json';
import {
  annotateEntities,
  assertSpans,
  assertSpansDetailed,
  compileRule,
  strongestAssertion,
  type TriggerRule,
} from '../../../workers/text/assertion.ts';

/** Assertion of the first occurrence of `target` in `text`. */
function assertOne(text: string, target: string, section?: string): Assertion {
  const start = text.toLowerCase().indexOf(target.toLowerCase());
  if (start < 0) throw new Error(`"${target}" not in "${text}"`);
  return assertSpans(text, [{ start, end: start + target.length }], section ? { section } : {})[0];
}

describe('assertion rules file', () => {
  const rules = rulesFile.rules as TriggerRule[];
  it('is well formed', () => {
    const categories = [
      'NEGATED_EXISTENCE',
      'POSSIBLE_EXISTENCE',
      'HISTORICAL',
      'HYPOTHETICAL',
      'FAMILY',
      'PSEUDO',
      'TERMINATE',
    ];
    const directions = ['forward', 'backward', 'bidirectional', 'terminate', 'pseudo'];
    expect(rules.length).toBeGreaterThan(100);
    for (const rule of rules) {
      expect(rule.literal.trim()).not.toBe('');
      expect(categories).toContain(rule.category);
      expect(directions).toContain(rule.direction);
      expect(rule.category === 'TERMINATE').toBe(rule.direction === 'terminate');
      expect(rule.category === 'PSEUDO').toBe(rule.direction === 'pseudo');
      if (rule.max_scope !== undefined) expect(rule.max_scope).toBeGreaterThan(0);
      expect(() => compileRule(rule)).not.toThrow();
    }
  });
});

describe('assertSpans', () => {
  it.each<[string, string, Assertion]>([
    ['Patient denies chest pain.', 'chest pain', 'negated'],
    ['No evidence of pneumonia.', 'pneumonia', 'negated'],
    ['He denies fever, chills, nausea, vomiting or abdominal pain.', 'abdominal pain', 'negated'],
    ['NEGATIVE FOR MALIGNANCY.', 'MALIGNANCY', 'negated'],
    ['Pulmonary embolism was ruled out.', 'Pulmonary embolism', 'negated'],
    ['Fracture is not seen.', 'Fracture', 'negated'],
    ['Chest pain.', 'Chest pain', 'affirmed'],
    ['No increase in the pleural effusion.', 'pleural effusion', 'affirmed'],
    ['Gram negative rods in the sputum.', 'rods', 'affirmed'],
    ['No fever but has a cough.', 'cough', 'affirmed'],
    ['No fever but has a cough.', 'fever', 'negated'],
    ['Denies chest pain, however reports dyspnea on exertion.', 'dyspnea', 'affirmed'],
    ['Possible pneumonia in the right lower lobe.', 'pneumonia', 'possible'],
    ['Rule out myocardial infarction.', 'myocardial infarction', 'possible'],
    ['Pneumonia cannot be excluded.', 'Pneumonia', 'possible'],
    ['History of diabetes mellitus.', 'diabetes mellitus', 'historical'],
    ['She is status post appendectomy.', 'appendectomy', 'historical'],
    ['Return to the ED if chest pain recurs.', 'chest pain', 'hypothetical'],
    ['Tylenol as needed for headache.', 'headache', 'hypothetical'],
    ['Mother had breast cancer.', 'breast cancer', 'family'],
    ['Family history of colon cancer.', 'colon cancer', 'family'],
    ['No family history of colon cancer.', 'colon cancer', 'family'],
    ['No history of asthma.', 'asthma', 'negated'],
    ['Cough for the past 3 days.', 'Cough', 'affirmed'],
    ['NO EVIDENCE OF DVT.', 'DVT', 'negated'],
    ['Call your doctor if there is any new chest pain or fainting.', 'fainting', 'hypothetical'],
    ['Call also for any fever, rash or vomiting.', 'vomiting', 'hypothetical'],
    ['Call the physician if any of the following are noted: bleeding, swelling.', 'swelling', 'hypothetical'],
    ['Her past medical history is significant for anxiety and depression.', 'depression', 'historical'],
    ['She has a two-day history of fever and nausea.', 'nausea', 'affirmed'],
    ['GI ROS is -ve for bleeding or weight loss.', 'weight loss', 'negated'],
    ['There were no further signs or symptoms of infection.', 'infection', 'negated'],
    ['Screws in position without change and the cysts have not changed in size.', 'cysts', 'affirmed'],
  ])('%s [%s] → %s', (text, target, expected) => {
    expect(assertOne(text, target)).toBe(expected);
  });

  it('does not carry context across sentences', () => {
    expect(assertOne('No fever. Cough for two days.', 'Cough')).toBe('affirmed');
  });

  it('respects max_scope for short-range triggers', () => {
    // "previous" reaches a few words only.
    expect(
      assertOne('Previous chest radiograph shows a new large right sided pleural effusion.', 'pleural effusion'),
    ).toBe('affirmed');
  });

  it('ignores triggers inside the target itself', () => {
    expect(assertOne('Findings: no acute distress noted.', 'acute distress')).toBe('negated');
    expect(assertOne('Non-healing ulcer of the foot.', 'Non-healing ulcer')).toBe('affirmed');
  });

  it('uses the section as default', () => {
    expect(assertOne('Diabetes and hypertension.', 'Diabetes', 'family_history')).toBe('family');
    expect(assertOne('Diabetes and hypertension.', 'Diabetes', 'past_medical_history')).toBe('historical');
    expect(assertOne('Denies diabetes.', 'diabetes', 'past_medical_history')).toBe('negated');
    expect(assertOne('Diabetes and hypertension.', 'Diabetes', 'history_present_illness')).toBe('affirmed');
  });

  it('detects the section from headers in the text when none is given', () => {
    const note =
      'HPI: Cough.\nFAMILY HISTORY:\nDiabetes in several relatives and hypertension.\nPAST MEDICAL HISTORY: Asthma.';
    expect(assertOne(note, 'hypertension')).toBe('family');
    expect(assertOne(note, 'Asthma')).toBe('historical');
    expect(assertOne(note, 'Cough')).toBe('affirmed');
  });

  it('returns one result per target in order, including several targets in one sentence', () => {
    const text = 'No fever, but productive cough and possible pneumonia.';
    const span = (s: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length });
    expect(assertSpans(text, [span('fever'), span('productive cough'), span('pneumonia')])).toEqual([
      'negated',
      'affirmed',
      'possible',
    ]);
    expect(assertSpans(text, [])).toEqual([]);
  });

  it('clamps out-of-range targets instead of throwing', () => {
    expect(
      assertSpans('No fever.', [
        { start: -5, end: 100 },
        { start: 50, end: 60 },
        { start: NaN, end: 3 },
      ]),
    ).toHaveLength(3);
  });

  it('applies the documented precedence', () => {
    expect(strongestAssertion(['historical', 'negated', 'possible'])).toBe('negated');
    expect(strongestAssertion(['negated', 'family'])).toBe('family');
    expect(strongestAssertion(['historical', 'hypothetical'])).toBe('hypothetical');
    expect(strongestAssertion([])).toBe('affirmed');
  });

  it('reports each dimension separately in assertSpansDetailed', () => {
    const text = 'SOCIAL HISTORY: She denies any history of tobacco use.';
    const start = text.indexOf('tobacco');
    const [detail] = assertSpansDetailed(text, [{ start, end: start + 7 }]);
    expect(detail).toMatchObject({
      assertion: 'negated',
      negated: true,
      temporality: 'historical',
      experiencer: 'patient',
      section: 'social_history',
    });
    expect(detail.triggers.map((t) => t.rule.category).sort()).toEqual(['HISTORICAL', 'NEGATED_EXISTENCE']);
  });

  it('annotates entities with assertion and section', () => {
    const text = 'FAMILY HISTORY: Mother with breast cancer.\nHPI: Denies chest pain.';
    const mk = (s: string) => ({
      start: text.indexOf(s),
      end: text.indexOf(s) + s.length,
      type: 'Disease',
      text: s,
      score: 1,
    });
    expect(
      annotateEntities(text, [mk('breast cancer'), mk('chest pain')]).map((e) => [e.assertion, e.section]),
    ).toEqual([
      ['family', 'family_history'],
      ['negated', 'history_present_illness'],
    ]);
  });
});
