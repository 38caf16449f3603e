import { expect, it } from 'vitest';
import { spanAgreement } from '../../../bench/speed/stock-windows.ts';

const span = (start: number, end: number, type = 'Chemical') => ({ start, end, type });

it('agreement is 1 for the same spans and for texts where neither side finds any', () => {
  expect(spanAgreement([[span(0, 4), span(10, 12)], []], [[span(10, 12), span(0, 4)], []])).toBe(1);
  expect(spanAgreement([[]], [[]])).toBe(1);
});

it('counts a span as shared only with the same start, end and type', () => {
  // 2 × 1 shared ÷ (3 + 3) spans.
  const ours = [[span(0, 4), span(5, 9), span(10, 12)]];
  const theirs = [[span(0, 4), span(5, 8), span(10, 12, 'Disease')]];
  expect(spanAgreement(ours, theirs)).toBeCloseTo(1 / 3);
  expect(spanAgreement([[span(0, 4)]], [[]])).toBe(0);
});

it('refuses runs over different numbers of texts', () => {
  expect(() => spanAgreement([[]], [[], []])).toThrow(/1 vs 2 texts/);
});
