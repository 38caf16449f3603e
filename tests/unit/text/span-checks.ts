// Shared assertions about span lists.
import { expect } from 'vitest';
import type { Span } from '../../../workers/api.ts';
import { MAX_SENTENCE_CHARS } from '../../../workers/text/sentences.ts';

/** Spans are trimmed, ordered, disjoint and cover every non-space character exactly once. */
export function expectValidSentences(text: string, spans: Span[]): void {
  let covered = 0;
  let previousEnd = 0;
  for (const s of spans) {
    expect(s.start).toBeGreaterThanOrEqual(previousEnd);
    expect(s.end).toBeGreaterThan(s.start);
    expect(/\s/.test(text[s.start])).toBe(false);
    expect(/\s/.test(text[s.end - 1])).toBe(false);
    expect(s.end - s.start).toBeLessThanOrEqual(MAX_SENTENCE_CHARS);
    covered += text.slice(s.start, s.end).replace(/\s/g, '').length;
    previousEnd = s.end;
  }
  expect(covered).toBe(text.replace(/\s/g, '').length);
}
