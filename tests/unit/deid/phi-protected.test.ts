import { describe, expect, it } from 'vitest';
import { findProtected, outsideProtected } from '../../../workers/tasks/deid/phi-protected.ts';

const protectedIn = (text: string): string[] => findProtected(text).map((s) => text.slice(s.start, s.end));

describe('findProtected', () => {
  it.each<[string, string[]]>([
    ['Seen at 14:30, again 07:05 and 8:30 PM; 0830 hrs.', ['14:30', '07:05', '8:30 PM', '0830 hrs']],
    ['at 2024-05-01T07:58:12Z from', ['07:58:12Z']],
    ['Na 138, K 4.1, HbA1c 7.2%, SpO2 98%, Temp 38.6 C.', ['Na 138', 'K 4.1', 'HbA1c 7.2%', 'SpO2 98%', 'Temp 38.6 C']],
    ['BP 128/76, blood pressure 152/86.', ['BP 128/76', 'blood pressure 152/86']],
    ['GCS 15, APGAR 8/9, APGAR 8 and 9, NIHSS 14.', ['GCS 15', 'APGAR 8/9', 'APGAR 8 and 9', 'NIHSS 14']],
    ['Neuro: Glasgow 15, Glasgow Coma Scale 14.', ['Glasgow 15', 'Glasgow Coma Scale 14']],
    [
      'GLEASON SCORE 3+4=7; Bishop score 6; NYHA class III.',
      ['GLEASON SCORE 3+4=7', 'Bishop score 6', 'NYHA class III'],
    ],
    ['Breslow thickness and Clark level: n/a', ['Breslow thickness', 'Clark level']],
    ['Age: 71, aged 64, a 27-year-old, 64 YO, 12 y/o.', ['Age: 71', 'aged 64', '27-year-old', '64 YO', '12 y/o']],
    ['limits in 45 CFR 164.524 and 42 CFR Part 2.', ['45 CFR 164.524', '42 CFR Part 2']],
    ['MRN: 1234567    DOB: 07/22/1956\nDate of birth: 1/5/57', ['MRN:', 'DOB:', 'Date of birth:']],
    ['Acct #: 55 and Accession #: S24', ['Acct #:', 'Accession #:']],
    ['Contact daughter Keisha.', ['Contact']],
    ['REF 5510-F-501 implanted; taxonomy 207Q00000X', ['REF 5510-F-501', '207Q00000X']],
    ['in 4th grade; 5th metacarpal; 2nd trimester', ['4th grade', '5th metacarpal', '2nd trimester']],
  ])('%s', (text, expected) => {
    expect(protectedIn(text)).toEqual(expected);
  });

  it('leaves identifiers, dates, ages over 89 and surnames alone', () => {
    for (const text of [
      'Seen 03/14/2024 and 3/14/24; DOB 07/22/1956.',
      'Glucose 06/12 recheck', // a date after a lab name is no lab value
      'WT 10 / 8 59.2kg; follow 8 / 12 AM', // dates written with spaces
      'Boston, CA 94110', // a state code is no calcium
      'Age 93, aged 95, a 91 yo, 93-year-old.',
      'Dr. Wells and Mrs. Clark saw Mr. Fisher 555-0101.', // eponyms of scores are surnames too
      'Call 413-555-0120 ext. 215.',
      'SSN 123-45-6789',
    ]) {
      expect(protectedIn(text), text).toEqual([]);
    }
  });
});

describe('outsideProtected', () => {
  const cut = (text: string, start: number, end: number): string[] =>
    outsideProtected(text, { start, end }, findProtected(text)).map((s) => text.slice(s.start, s.end));

  it('cuts protected stretches out of a span and trims what is left', () => {
    const text = 'MRN: 4829113    DOB: 07/22/1956';
    expect(cut(text, 5, text.length)).toEqual(['4829113', '07/22/1956']);
    expect(cut('APGAR 8/9 at birth', 0, 9)).toEqual([]);
  });

  it('leaves an ISO timestamp its date without the T that joins it to the (protected) time', () => {
    const text = 'Login at 2024-03-15T14:30:00Z from home';
    expect(cut(text, 9, 29)).toEqual(['2024-03-15']);
    expect(cut('Room 4T 14:30', 5, 13)).toEqual(['4T']);
  });

  it('keeps a span that touches nothing protected exactly as it is', () => {
    expect(cut('(Jane Roe) at 14:30', 0, 10)).toEqual(['(Jane Roe)']);
  });
});
