// Offsets are exact for any input: every word span slices the original string, spans are
// sorted and disjoint, never split a surrogate pair, and re-normalise to the word itself.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeWord, splitWords } from '../../workers/text/words.ts';

const clinicalPieces = fc.constantFrom(
  'aspirin',
  'Ménière',
  'b.i.d.',
  'Dr.',
  '5-FU',
  '\u00a0',
  '\t',
  '\r\n',
  '😀',
  '🩺',
  '中文',
  '\u0000',
  '\ufffd',
  '\u200b',
  '\u00ad',
  'ﬁ',
  'İ',
  '<script>',
  '&amp;',
  '  ',
  '\ud800',
  '\udc00',
  'x²',
  'α-β',
);
const text = fc
  .array(fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), clinicalPieces), { maxLength: 40 })
  .map((parts) => parts.join(''));

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
