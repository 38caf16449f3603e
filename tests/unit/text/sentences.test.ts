import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { splitSentences } from '../../../workers/text/sentences.ts';
import { expectValidSentences } from './span-checks.ts';

const texts = (text: string): string[] => splitSentences(text).map((s) => text.slice(s.start, s.end));

describe('splitSentences', () => {
  it('keeps clinical abbreviations inside sentences', () => {
    const text =
      'Mr. Smith was seen by Dr. J. Smith today. He takes metoprolol 2.5 mg p.o. b.i.d. and aspirin t.i.d. with meals. ' +
      'Mrs. Jones uses a No. 5 catheter, e.g. for drainage, i.e. nightly. Compare vs. prior, approx. 3 cm. ' +
      'Dose is 10 mg. Next visit q.d. as needed.';
    expect(texts(text)).toEqual([
      'Mr. Smith was seen by Dr. J. Smith today.',
      'He takes metoprolol 2.5 mg p.o. b.i.d. and aspirin t.i.d. with meals.',
      'Mrs. Jones uses a No. 5 catheter, e.g. for drainage, i.e. nightly.',
      'Compare vs. prior, approx. 3 cm.',
      'Dose is 10 mg.',
      'Next visit q.d. as needed.',
    ]);
  });

  it('ends a sentence after a dose abbreviation when a capitalised sentence follows', () => {
    expect(texts('Take aspirin 81 mg p.o. b.i.d. Follow up in 2 weeks.')).toEqual([
      'Take aspirin 81 mg p.o. b.i.d.',
      'Follow up in 2 weeks.',
    ]);
  });

  it('treats headers on their own line, newlines and blank lines as boundaries', () => {
    const text =
      'HISTORY OF PRESENT ILLNESS:\nChest pain for 2 days\n\nMEDICATIONS:\nAspirin 81 mg daily\nLisinopril 10 mg';
    expect(texts(text)).toEqual([
      'HISTORY OF PRESENT ILLNESS:',
      'Chest pain for 2 days',
      'MEDICATIONS:',
      'Aspirin 81 mg daily',
      'Lisinopril 10 mg',
    ]);
  });

  it('joins soft-wrapped prose lines', () => {
    expect(texts('The pain radiates\nto the back. It is sharp.')).toEqual([
      'The pain radiates\nto the back.',
      'It is sharp.',
    ]);
  });

  it('keeps numbered list markers with their item', () => {
    expect(texts('1. Left atrial enlargement. 2. Normal LV function.\n3. No effusion.')).toEqual([
      '1. Left atrial enlargement.',
      '2. Normal LV function.',
      '3. No effusion.',
    ]);
  });

  it('handles mtsamples artefacts ("HEADER: ," and ".,")', () => {
    const text = 'PROCEDURE: , Elective vasectomy.,PREOPERATIVE DIAGNOSIS: ,Fertile male.,1. Normal size.,2. Mild MR.';
    expect(texts(text)).toEqual([
      'PROCEDURE: ,',
      'Elective vasectomy.,',
      'PREOPERATIVE DIAGNOSIS: ,',
      'Fertile male.,',
      '1. Normal size.,',
      '2. Mild MR.',
    ]);
  });

  it('does not split "e.g.," or "i.e.," before a capitalised word', () => {
    expect(texts('Use analgesics, e.g., Tylenol, i.e., Acetaminophen.')).toEqual([
      'Use analgesics, e.g., Tylenol, i.e., Acetaminophen.',
    ]);
  });

  it('copes with ALL-CAPS notes', () => {
    expect(texts('PATIENT SEEN BY DR. SMITH. TAKE 1 TAB P.O. B.I.D. FOR 5 DAYS. RETURN IN 2 WEEKS.')).toEqual([
      'PATIENT SEEN BY DR. SMITH.',
      'TAKE 1 TAB P.O. B.I.D. FOR 5 DAYS.',
      'RETURN IN 2 WEEKS.',
    ]);
  });

  it('splits on ? and ! and CJK terminators, keeping closing quotes', () => {
    expect(texts('Is it painful? "Yes!" she said. 患者は元気です。次の文。')).toEqual([
      'Is it painful?',
      '"Yes!"',
      'she said.',
      '患者は元気です。',
      '次の文。',
    ]);
  });

  it('caps very long runs at whitespace', () => {
    const text = 'word '.repeat(3000).trim();
    const spans = splitSentences(text);
    expect(spans.length).toBeGreaterThanOrEqual(15);
    expectValidSentences(text, spans);
  });

  it('never splits a surrogate pair, even in a run without spaces', () => {
    const text = '😀'.repeat(1200);
    const spans = splitSentences(text);
    for (const s of spans) {
      expect(text.codePointAt(s.start)).toBe(0x1f600);
      expect(text.charCodeAt(s.end - 1)).toBe(0xde00);
    }
    expectValidSentences(text, spans);
  });

  it('produces valid spans for arbitrary text (property)', () => {
    const pieces = fc.constantFrom(
      'Dr.',
      'p.o.',
      'b.i.d.',
      'mg.',
      '2.5',
      '1.',
      'No.',
      'the',
      'PAIN',
      'HISTORY:',
      ' ',
      '\n',
      '\n\n',
      '\r\n',
      '. ',
      '? ',
      '!',
      ',',
      '.,',
      ': ,',
      '😀',
      '患者。',
      '\u0000',
      '\uD800',
      'x'.repeat(300),
      '"',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 60 }), (parts) => {
        const text = parts.join('');
        expectValidSentences(text, splitSentences(text));
      }),
      { numRuns: 300 },
    );
  });
});
