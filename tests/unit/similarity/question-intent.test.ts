import { describe, expect, it } from 'vitest';
import { intentFeatures, questionIntents } from '../../../workers/tasks/similarity/question-intent.ts';

describe('question intents', () => {
  it('reads what a health question asks about from its cue words', () => {
    expect([...questionIntents('What is the treatment of chronic fatigue syndrome?')].sort()).toEqual([
      'define',
      'treat',
    ]);
    expect([...questionIntents('How can a person know if they have chronic fatigue syndrome?')]).toEqual(['symptom']);
    // "What is" counts as asking for a definition only where the question opens with it.
    expect([...questionIntents('Is malignant meningioma curable? What is the survival rate?')].sort()).toEqual([
      'prognosis',
      'treat',
    ]);
    expect(questionIntents('My knee hurts.').size).toBe(0);
  });

  it('marks per intent whether both questions ask it or only one', () => {
    const f = intentFeatures('What causes migraines?', 'How do I treat migraines and what causes them?');
    expect(f.intent_both_cause).toBe(1);
    expect(f.intent_one_cause).toBe(0);
    expect(f.intent_both_treat).toBe(0);
    expect(f.intent_one_treat).toBe(1);
    expect(f.intent_one_dose).toBe(0);
  });
});
