// The classify view's automatic model choice and its sentence about what a model read.
import { describe, expect, it } from 'vitest';
import { automaticModels, describeReading } from '../../../src/views/classify/classify-plan.ts';

const installed = ['ade', 'deid', 'note-specialty'];

describe('automaticModels', () => {
  it('a note of several sentences gets the whole-note model and the sentence model', () => {
    const note = 'HPI: Rash after amoxicillin.\n\nPlan: Stop amoxicillin. Review in a week.';
    expect(automaticModels(note, installed)).toEqual(['note-specialty', 'ade']);
  });

  it('one sentence gets the sentence model only', () => {
    expect(automaticModels('Rash after amoxicillin in a 5-year-old boy.', installed)).toEqual(['ade']);
  });

  it('leaves out models that are not installed, and falls back to the engine default', () => {
    expect(automaticModels('One. Two.', ['ade'])).toEqual(['ade']);
    expect(automaticModels('One. Two.', [])).toEqual([undefined]);
  });
});

describe('describeReading', () => {
  it('says how far a whole-text model reads and whether the text was cut', () => {
    expect(describeReading({ unit: 'text', maxSubwords: 2048, sequences: 1, truncated: 0 })).toBe(
      'Reads the text as one piece, up to its first 2,048 sub-words. This text was read to its end.',
    );
    expect(describeReading({ unit: 'text', maxSubwords: 128, sequences: 1, truncated: 1 })).toContain(
      'its end was not read',
    );
  });

  it('says a sentence model reads each sentence and counts the cut ones', () => {
    const words = describeReading({ unit: 'sentences', maxSubwords: 128, sequences: 12, truncated: 2 });
    expect(words).toContain("each of the text's 12 sentences on its own (up to 128 sub-words each)");
    expect(words).toContain('2 sentences were longer and cut.');
    expect(describeReading({ unit: 'sentences', maxSubwords: 128, sequences: 1, truncated: 0 })).not.toContain('cut');
  });
});
