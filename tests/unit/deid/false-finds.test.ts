// Tagger finds that are no name or place: judged on hand-made spans (standing in for the tagger's)
// with the shipped keep-words list and gazetteer of models/deid.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { PhiSpan } from '../../../workers/api.ts';
import { Lexicon, type LexiconJson } from '../../../workers/text/lexicon.ts';
import { isFalseFind, isNeverName } from '../../../workers/tasks/deid/false-finds.ts';
import { KeepWords, type KeepWordsJson } from '../../../workers/tasks/deid/keep-words.ts';

const readGz = (file: string): unknown => JSON.parse(gunzipSync(readFileSync(file)).toString('utf8'));
const evidence = {
  keep: new KeepWords(readGz('models/deid/keep-words.json.gz') as KeepWordsJson),
  gazetteer: new Lexicon(readGz('models/deid/lexicon.json.gz') as LexiconJson),
};

function span(text: string, part: string, type = 'NAME'): PhiSpan {
  const start = text.indexOf(part);
  if (start < 0) throw new Error(`${part} not in ${text}`);
  return { type, start, end: start + part.length, text: part, source: 'model', score: 0.99 };
}

const judged = (text: string, part: string, type = 'NAME', related = false) =>
  isFalseFind(text, span(text, part, type), evidence, { related, confident: false });

describe('false finds of the tagger', () => {
  it.each<[string, string, string]>([
    ['Dear Mrs. Abernathy-Cole,', 'Dear', 'NAME'],
    ['Login at 07:10 by the charge nurse', 'Login', 'NAME'],
    ['Prescriber DEA AB1234563', 'Prescriber DEA', 'NAME'],
    ['License #: MD-0048213 (Ohio).', 'Ohio', 'NAME'],
    ['Patient from Dorchester, born in Haiti.', 'Haiti', 'LOCATION'],
    ['Billing note: JCB card flagged by the processor.', 'JCB', 'NAME'],
    ['Zip code 98103 on the insurance card.', 'insurance', 'LOCATION'],
    ['He presented passport C03005988 as identification.', 'identification', 'NAME'],
    ['He works at the mill as a welder.', 'a welder', 'NAME'],
    ['She works at Walmart as a cashier.', 'cashier', 'NAME'],
    ['Fascia iliaca block performed for hip fracture pain.', 'Fascia iliaca', 'NAME'],
    ['Fascia iliaca block performed for hip fracture pain.', 'Fascia', 'NAME'],
  ])('%s: %s', (text, part, type) => {
    expect(judged(text, part, type)).toBe(true);
  });

  it.each<[string, string, string]>([
    ['Seen with Virginia Holt today.', 'Virginia', 'NAME'],
    ['Pt transferred to GH for cath.', 'GH', 'LOCATION'],
    ['PT TRANSFERRED FROM GH, WIFE AT BEDSIDE', 'GH', 'LOCATION'],
    ['Juan Carlos de la Cruz presented with chest pain.', 'Juan Carlos de la Cruz', 'NAME'],
    ['pt edward mcallister called about his refill', 'edward mcallister', 'NAME'],
    ['Dr. Mary Healey examined her.', 'Mary Healey', 'NAME'],
    ['Halvorsen called back about the vent.', 'Halvorsen', 'NAME'],
  ])('keeps %s: %s', (text, part, type) => {
    expect(judged(text, part, type)).toBe(false);
  });

  it('keeps a lower-case common word as a name after a relation word only', () => {
    expect(judged('wife rose left her number', 'rose', 'NAME', true)).toBe(false);
    expect(judged('the rose left her number', 'rose', 'NAME', false)).toBe(true);
  });

  it('takes no listed lower-case common word for a name in a sentence-case line', () => {
    expect(judged('Refund approved by billing today.', 'billing', 'NAME')).toBe(true);
    expect(judged('social : daughter peggy staying overnight', 'peggy', 'NAME')).toBe(false);
  });

  it('never takes a salutation or an identifier name for a name, whatever found it', () => {
    const t = 'Dear Dr. Patel, the DEA number is on file.';
    expect(isNeverName(t, { ...span(t, 'Dear'), source: 'pattern' })).toBe(true);
    expect(isNeverName(t, { ...span(t, 'Patel'), source: 'pattern' })).toBe(false);
  });
});
