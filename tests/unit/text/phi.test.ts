import { describe, expect, it } from 'vitest';
import { findPhi, type PhiType } from '../../../workers/text/phi.ts';

const found = (text: string): [PhiType, string][] => findPhi(text).map((p) => [p.type, p.text]);

describe('findPhi', () => {
  it.each<[string, [PhiType, string][]]>([
    [
      'Call (555) 123-4567 or 555.987.6543.',
      [
        ['PHONE', '(555) 123-4567'],
        ['PHONE', '555.987.6543'],
      ],
    ],
    [
      'Cell +1 617 555 0199, office +44 20 7946 0958.',
      [
        ['PHONE', '+1 617 555 0199'],
        ['PHONE', '+44 20 7946 0958'],
      ],
    ],
    ['Phone: 6175550199', [['PHONE', '6175550199']]],
    ['Mail jane.doe+x@mail.example.co.uk.', [['EMAIL', 'jane.doe+x@mail.example.co.uk']]],
    [
      'See https://portal.example.org/p?id=5). Or www.example.com.',
      [
        ['URL', 'https://portal.example.org/p?id=5'],
        ['URL', 'www.example.com'],
      ],
    ],
    ['Host 192.168.10.254 logged.', [['IP', '192.168.10.254']]],
    ['SSN 123-45-6789.', [['ID', '123-45-6789']]],
    [
      'MRN: 0012345, Record # A-55123, acct no. 8812345',
      [
        ['ID', '0012345'],
        ['ID', 'A-55123'],
        ['ID', '8812345'],
      ],
    ],
    [
      'Admitted 1/2/2020, discharged 2020-01-05.',
      [
        ['DATE', '1/2/2020'],
        ['DATE', '2020-01-05'],
      ],
    ],
    [
      'On Jan 2 2020, 2 January 2020, March 5th, 2019 and in January 2020.',
      [
        ['DATE', 'Jan 2 2020'],
        ['DATE', '2 January 2020'],
        ['DATE', 'March 5th, 2019'],
        ['DATE', 'January 2020'],
      ],
    ],
    [
      'Seen at 10:30 and 9:05 pm.',
      [
        ['DATE', '10:30'],
        ['DATE', '9:05 pm'],
      ],
    ],
    [
      'A 92-year-old woman, aged 95; her son is 45 years old.',
      [
        ['AGE', '92'],
        ['AGE', '95'],
      ],
    ],
    [
      '12 Main St, Boston, MA 02115. Zip code: 90210.',
      [
        ['ZIP', '02115'],
        ['ZIP', '90210'],
      ],
    ],
  ])('%s', (text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  it('ignores clinical numbers that are not identifiers', () => {
    expect(
      found('BP 120/80, HR 72, 2.5 mg, Na 140, WBC 12.3, 5 mg/kg, 10 units, grade 3/6 murmur, may be 5 days.'),
    ).toEqual([]);
    expect(found('He is 45 years old and 89 years is not over 89.')).toEqual([]);
  });

  it('returns sorted, non-overlapping spans whose text matches the offsets', () => {
    const text = 'Email a@b.org on 1/2/2020 at 10:30, MRN 1234567, phone 555-123-4567, http://x.org/1/2/2020';
    const spans = findPhi(text);
    for (let i = 0; i < spans.length; i++) {
      expect(text.slice(spans[i].start, spans[i].end)).toBe(spans[i].text);
      if (i > 0) expect(spans[i].start).toBeGreaterThanOrEqual(spans[i - 1].end);
    }
    expect(spans.find((s) => s.text.startsWith('http'))?.type).toBe('URL');
  });
});
