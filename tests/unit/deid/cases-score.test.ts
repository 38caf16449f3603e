// The scorer of bench/data/deid-cases: identifiers fully redacted, protected words surviving and
// false-positive spans per type, from spans a de-identifier replaced.
import { describe, expect, it } from 'vitest';
import { locate, scoreCases, type DeidCase } from '../../../bench/deid-cases-score.ts';

const at = (text: string, part: string, type: string, from = 0) => {
  const start = text.indexOf(part, from);
  return { start, end: start + part.length, type };
};

describe('deid test-case scorer', () => {
  it('finds repeated texts at their next occurrence and refuses a text that is not there', () => {
    expect(locate('x', 'Ann met Ann', ['Ann', 'Ann'])).toEqual([
      { start: 0, end: 3 },
      { start: 8, end: 11 },
    ]);
    expect(() => locate('x', 'Ann', ['Bob'])).toThrow(/case x/);
  });

  it('counts an identifier only when every non-space character is covered', () => {
    const text = 'Call 617 555 0101 or 617-555-0102. Lasix 40 mg. Hello Bob.';
    const cases: DeidCase[] = [
      {
        id: 'c1',
        text,
        phi: [
          ['PHONE/PHONE', '617 555 0101'],
          ['PHONE/PHONE', '617-555-0102'],
          ['NAME/PATIENT', 'Bob'],
        ],
        keep: ['Lasix', 'Hello'],
      },
    ];
    const predicted = [
      // Two spans that leave only the spaces of the first phone uncovered: redacted.
      at(text, '617', 'PHONE'),
      at(text, '555 0101', 'PHONE'),
      // Half of the second phone: a miss.
      at(text, '617-555', 'PHONE'),
      at(text, 'Hello', 'NAME'),
    ];
    const report = scoreCases(cases, [predicted]);
    expect(report.identifiers).toBe(3);
    expect(report.redacted).toBe(1);
    expect(report.byKind['PHONE/PHONE']).toEqual({ total: 2, redacted: 1 });
    expect(report.missed.map((m) => m.text)).toEqual(['617-555-0102', 'Bob']);
    expect(report.survived).toBe(1);
    expect(report.damaged).toEqual([{ id: 'c1', text: 'Hello' }]);
    expect(report.falsePositivesByType).toEqual({ NAME: 1 });
  });
});
