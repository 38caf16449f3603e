import { describe, expect, it } from 'vitest';
import vocabulary from '../../../workers/text/sections.json';
import { sectionName, sentenceCase } from '../../../src/ui/section-names.ts';

describe('sectionName', () => {
  it('names every section type of the vocabulary in words, without underscores or capitals', () => {
    for (const type of Object.keys(vocabulary.types)) {
      const name = sectionName(type);
      expect(name, type).not.toMatch(/_/);
      expect(name, type).toMatch(/^[A-Z][a-z]/);
      expect(name, type).not.toBe(name.toUpperCase());
    }
  });

  it('uses the header name the vocabulary lists first, and the overrides', () => {
    expect(sectionName('history_present_illness')).toBe('History of present illness');
    expect(sectionName('physical_exam')).toBe('Physical examination');
    expect(sectionName('assessment_plan')).toBe('Assessment and plan');
  });

  it('shows a type the vocabulary lacks in sentence case, and nothing for no section', () => {
    expect(sectionName('operative_findings')).toBe('Operative findings');
    expect(sectionName(undefined)).toBe('');
    expect(sectionName('')).toBe('');
  });

  it('keeps acronyms in capitals', () => {
    expect(sentenceCase('ICU COURSE')).toBe('ICU course');
    expect(sentenceCase('hpi')).toBe('HPI');
  });
});
