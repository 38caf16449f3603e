// Offsets are exact for any input: every word span slices the original string, spans are
// sorted and disjoint, never split a surrogate pair, and re-normalise to the word itself.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeWord, splitWords } from '../../workers/text/words.ts';
import { awkwardText } from './property-text.ts';

const text = awkwardText();

describe('splitWords offsets (property)', () => {
  it('gives exact, ordered, disjoint spans for arbitrary text', () => {
    fc.assert(
      fc.property(text, (s) => {
        const words = splitWords(s);
        let prevEnd = 0;
        for (const w of words) {
          expect(w.start).toBeGreaterThanOrEqual(prevEnd);
          expect(w.end).toBeGreaterThan(w.start);
          const slice = s.slice(w.start, w.end);
          // No span starts on a low surrogate or ends on a high surrogate.
          expect(/^[\udc00-\udfff]/.test(slice) && w.start > 0 && /[\ud800-\udbff]/.test(s[w.start - 1])).toBe(false);
          expect(/[\ud800-\udbff]$/.test(slice) && /[\udc00-\udfff]/.test(s[w.end] ?? '')).toBe(false);
          expect(/^\s|\s$/u.test(slice)).toBe(false);
          const kept = Array.from(slice)
            .filter((ch) => !/^[\p{C}\ufffd]$/u.test(ch))
            .join('');
          expect(normalizeWord(kept)).toBe(w.norm);
          prevEnd = w.end;
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('handles an empty string, whitespace and a 2 MB note', () => {
    expect(splitWords('')).toEqual([]);
    expect(splitWords(' \n\t ')).toEqual([]);
    const big = 'Patient denies chest pain. '.repeat(80_000);
    const words = splitWords(big);
    expect(words.length).toBe(80_000 * 5);
    expect(big.slice(words.at(-1)!.start, words.at(-1)!.end)).toBe('.');
  });
});
