import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyHeader, findSections, sectionAt } from '../../../workers/text/sections.ts';
import { sharedFile } from './shared-data.ts';

const summary = (text: string) =>
  findSections(text).map((s) => [s.type, s.header, text.slice(s.headerEnd, s.end).trim()]);

describe('findSections', () => {
  it('finds own-line headers with colons and maps them', () => {
    const note = [
      'CHIEF COMPLAINT: Chest pain.',
      'HISTORY OF PRESENT ILLNESS:',
      'A 60-year-old man with chest pain.',
      'PAST MEDICAL HISTORY: Diabetes.',
      'Medications: aspirin.',
      'ALLERGIES: NKDA.',
      'FAMILY HISTORY: Mother with CAD.',
      'SOCIAL HISTORY: Nonsmoker.',
      'REVIEW OF SYSTEMS: Negative.',
      'PHYSICAL EXAMINATION:',
      'HEENT: Normal.',
      'LUNGS: Clear.',
      'BP: 120/80.',
      'LABS',
      'Troponin negative.',
      'ASSESSMENT/PLAN',
      'Admit.',
    ].join('\n');
    expect(summary(note)).toEqual([
      ['chief_complaint', 'CHIEF COMPLAINT', 'Chest pain.'],
      ['history_present_illness', 'HISTORY OF PRESENT ILLNESS', 'A 60-year-old man with chest pain.'],
      ['past_medical_history', 'PAST MEDICAL HISTORY', 'Diabetes.'],
      ['medications', 'Medications', 'aspirin.'],
      ['allergies', 'ALLERGIES', 'NKDA.'],
      ['family_history', 'FAMILY HISTORY', 'Mother with CAD.'],
      ['social_history', 'SOCIAL HISTORY', 'Nonsmoker.'],
      ['review_of_systems', 'REVIEW OF SYSTEMS', 'Negative.'],
      ['physical_exam', 'PHYSICAL EXAMINATION', ''],
      ['physical_exam', 'HEENT', 'Normal.'],
      ['physical_exam', 'LUNGS', 'Clear.'],
      ['physical_exam', 'BP', '120/80.'],
      ['labs_imaging', 'LABS', 'Troponin negative.'],
      ['assessment_plan', 'ASSESSMENT/PLAN', 'Admit.'],
    ]);
  });

  it('finds mtsamples-style inline headers', () => {
    const note =
      'SUBJECTIVE:, This 23-year-old white female presents with allergies.,MEDICATIONS: , Ortho Tri-Cyclen.,' +
      'FAMILY HISTORY: ,Noncontributory.,PREOPERATIVE DIAGNOSES:,1. Cataract.,HOSPITAL COURSE: , Uneventful.';
    expect(summary(note).map(([type, header]) => [type, header])).toEqual([
      ['history_present_illness', 'SUBJECTIVE'],
      ['medications', 'MEDICATIONS'],
      ['family_history', 'FAMILY HISTORY'],
      ['diagnoses', 'PREOPERATIVE DIAGNOSES'],
      ['hospital_course', 'HOSPITAL COURSE'],
    ]);
  });

  it('does not take times, URLs, ratios or mixed-case prose for headers', () => {
    expect(findSections('Seen at 10:30 today. See http://example.org. Ratio 2:1. The patient said: fine.')).toEqual([]);
  });

  it('gives sections that tile the text from the first header on', () => {
    const note = 'Intro line.\nDIAGNOSIS: Flu.\nPLAN: Rest.\n';
    const sections = findSections(note);
    expect(sections[0].start).toBe(note.indexOf('DIAGNOSIS'));
    expect(sections[0].end).toBe(sections[1].start);
    expect(sections.at(-1)!.end).toBe(note.length);
    expect(sectionAt(sections, 0)).toBeUndefined();
    expect(sectionAt(sections, note.indexOf('Flu'))?.type).toBe('diagnoses');
    expect(sectionAt(sections, note.indexOf('Rest'))?.type).toBe('assessment_plan');
    expect(sectionAt(sections, note.length)).toBeUndefined();
  });

  it('classifies unlisted headers by keyword', () => {
    expect(classifyHeader('PERTINENT FAMILY MEDICAL HISTORY')).toBe('family_history');
    expect(classifyHeader('Discharge Medications')).toBe('medications');
    expect(classifyHeader('CT ABDOMEN AND PELVIS')).toBe('labs_imaging');
    expect(classifyHeader('ESTIMATED BLOOD LOSS')).toBe('procedures');
    expect(classifyHeader('SOMETHING ELSE')).toBeUndefined();
  });
});

const mtsamples = sharedFile('tc/mtsamples/test.tsv');

describe(`findSections on mtsamples test notes${mtsamples.reason}`, () => {
  it.skipIf(!mtsamples.present)(
    'finds FAMILY HISTORY, PAST MEDICAL HISTORY and ALLERGIES headers where written',
    () => {
      const notes = readFileSync(mtsamples.file, 'utf8')
        .split('\n')
        .slice(1)
        .filter(Boolean)
        .map((line) => line.split('\t')[1] ?? '');
      const rates: Record<string, number> = {};
      for (const [header, type] of [
        ['FAMILY HISTORY:', 'family_history'],
        ['PAST MEDICAL HISTORY:', 'past_medical_history'],
        ['ALLERGIES:', 'allergies'],
        ['REVIEW OF SYSTEMS:', 'review_of_systems'],
      ]) {
        let withHeader = 0;
        let found = 0;
        for (const note of notes) {
          const at = note.indexOf(header);
          if (at < 0) continue;
          withHeader++;
          if (findSections(note).some((s) => s.start === at && s.type === type)) found++;
        }
        rates[header] = found / withHeader;
        expect(withHeader).toBeGreaterThan(10);
      }
      console.log('[sections] mtsamples header recall', rates);
      for (const rate of Object.values(rates)) expect(rate).toBeGreaterThanOrEqual(0.8);
    },
  );
});
