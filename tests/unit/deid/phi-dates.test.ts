import { describe, expect, it } from 'vitest';
import { findPhi, type PhiType } from '../../../workers/tasks/deid/phi.ts';

const ofType = (type: PhiType) => (text: string) =>
  findPhi(text)
    .filter((p) => p.type === type)
    .map((p) => p.text);
const dates = ofType('DATE');
const ages = ofType('AGE');

describe('date patterns', () => {
  it.each<[string, string[]]>([
    ['03/14/2024, 3/14/24 and 2024-03-14', ['03/14/2024', '3/14/24', '2024-03-14']],
    ['March 14, 2024; 14 Mar 2024; 14-MAR-2024', ['March 14, 2024', '14 Mar 2024', '14-MAR-2024']],
    ['DOB: 17.10.1996; DOB: 02 JAN 1955; 1977/08/29', ['17.10.1996', '02 JAN 1955', '1977/08/29']],
    ['Recheck INR in 5 days (Mar-23). Created 06/2021.', ['Mar-23', '06/2021']],
    ['urgent care on the 14th, which; since the 27th and now', ['14th', '27th']],
    ['applied in December. Seen in January 2024.', ['December', 'January 2024']],
    // Only the date part of an ISO timestamp: the time of day is not PHI.
    ['at 2024-05-01T07:58:12Z; by', ['2024-05-01']],
    // Compact stamps, holidays, and an equal month/day after a date word.
    ['Signed 20240612 1422; around Christmas Eve; since Thanksgiving', ['20240612', 'Christmas Eve', 'Thanksgiving']],
    ['bed available 2/2; seen on 3/3', ['2/2', '3/3']],
  ])('%s', (text, expected) => {
    expect(dates(text)).toEqual(expected);
  });

  it('leaves times, ordinals of things and month words that are no date', () => {
    for (const text of [
      'Seen at 14:30 and 8:30 PM.',
      'fracture of the 5th metacarpal; the 3rd dose',
      'she may call; he will march; Mark is here',
      'APGAR 8/9',
      'strength 5/5 and pupils 3/3; 2/2 bottles',
      'pain 7/10, improved to 3/10 after morphine',
      'code 20241399 and 20243612 are no dates', // month 13, day 36
      'Christmas tree lights were the trigger',
    ]) {
      expect(dates(text), text).toEqual([]);
    }
  });
});

describe('age patterns', () => {
  it.each<[string, string[]]>([
    ['Age 93. Age: 94, a 91 yo man, aged 95.', ['93', '94', '91', '95']],
    ['a 93-year-old woman; 101 years old', ['93', '101']],
    ['her sister, who is ninety-seven and lives; ninety-two years old', ['ninety-seven', 'ninety-two']],
    ['HPI: 98F with CHF; 91 yo M s/p fall; 94 M presents', ['98', '91', '94']],
  ])('%s', (text, expected) => {
    expect(ages(text)).toEqual(expected);
  });

  it('leaves ages of 89 or under', () => {
    for (const text of ['Age: 71', 'a 27-year-old', '89 yo', 'aged eighty-nine', 'K 93.5 mmol', 'T 98F, HR 72']) {
      expect(ages(text), text).toEqual([]);
    }
  });
});
