// Tokenizer alignment over random Unicode: every word gets at least one sub-word, and a window of
// words encodes as [CLS], then each word's sub-words in order starting at its firstPiece, then
// [SEP], within the length limit, taking the longest prefix of words that fits. The taggers read a
// word's label at its firstPiece and report the word's offsets, so any slip here moves an entity.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeWords, piecesOf } from '../../workers/runtime/encode.ts';
import { SPECIAL } from '../../workers/text/wordpiece.ts';
import { wordPieceOf } from '../../workers/runtime/models.ts';
import { splitWords } from '../../workers/text/words.ts';
import { awkwardText } from './property-text.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const wordpiece = wordPieceOf(
  JSON.parse(readFileSync(path.join(ROOT, 'models/entities/tokenizer.json'), 'utf8')),
).wordpiece;

const text = awkwardText();

describe('sub-words stay aligned with words (property)', () => {
  it('every word has at least one sub-word id from the vocabulary', () => {
    fc.assert(
      fc.property(text, (s) => {
        for (const pieces of piecesOf(splitWords(s), wordpiece)) {
          expect(pieces.length).toBeGreaterThan(0);
          for (const id of pieces) expect(id >= 0 && id < wordpiece.size).toBe(true);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('a window encodes its words in order, each at its firstPiece, within the limit', () => {
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), fc.integer({ min: 3, max: 40 }), (s, a, b, maxLength) => {
        const words = splitWords(s);
        const pieces = piecesOf(words, wordpiece);
        const from = words.length ? a % words.length : 0;
        const to = from + (words.length ? b % (words.length - from + 1) : 0);
        const seq = encodeWords(pieces, from, to, maxLength);
        expect(seq.ids[0]).toBe(SPECIAL.cls);
        expect(seq.ids.at(-1)).toBe(SPECIAL.sep);
        expect(seq.types).toHaveLength(seq.ids.length);
        expect(seq.ids.length).toBeLessThanOrEqual(Math.max(maxLength, 2));
        // The longest prefix of the window's words whose sub-words fit between [CLS] and [SEP].
        let fit = 0;
        for (let used = 0; from + fit < to && used + pieces[from + fit].length <= maxLength - 2; fit++)
          used += pieces[from + fit].length;
        expect(seq.firstPiece).toHaveLength(fit);
        for (let k = 0; k < fit; k++) {
          const end = k + 1 < fit ? seq.firstPiece[k + 1] : seq.ids.length - 1;
          expect(seq.ids.slice(seq.firstPiece[k], end)).toEqual(pieces[from + k]);
        }
        expect(seq.firstPiece[0] ?? 1).toBe(1);
      }),
      { numRuns: 1500 },
    );
  });
});
