// Turning words into model inputs: sub-words per word, [CLS]/[SEP], lexicon features.
import { SPECIAL, type WordPiece } from '../text/wordpiece.ts';
import { splitWords, type Word } from '../text/words.ts';
import type { LoadedModel } from './models.ts';

export interface EncodedSequence {
  ids: number[];
  types: number[];
  /** Position (in ids) of the first sub-word of each encoded word. */
  firstPiece: number[];
}

/** Sub-word ids of every word, computed once per text. */
export function piecesOf(words: Pick<Word, 'norm'>[], wordpiece: WordPiece): number[][] {
  return words.map((w) => wordpiece.encodeWord(w.norm));
}

/**
 * Encodes words [from, to) into one sequence, truncating to maxLength sub-words.
 * Words that do not fit get no firstPiece entry, so callers can tell how far it reached.
 * `features` (lexicon ids) are indexed relative to `from`.
 */
export function encodeWords(
  pieces: number[][],
  from: number,
  to: number,
  maxLength: number,
  features?: number[],
): EncodedSequence {
  const ids = [SPECIAL.cls as number];
  const types = [0];
  const firstPiece: number[] = [];
  for (let w = from; w < to; w++) {
    const p = pieces[w];
    if (ids.length + p.length > maxLength - 1) break;
    firstPiece.push(ids.length);
    for (const id of p) {
      ids.push(id);
      types.push(features ? features[w - from] : 0);
    }
  }
  ids.push(SPECIAL.sep);
  types.push(0);
  return { ids, types, firstPiece };
}

/** A whole text as one sequence (classification, embeddings), truncated to the model's length. */
export function encodeText(model: LoadedModel, text: string): EncodedSequence {
  const pieces = piecesOf(splitWords(text), model.wordpiece);
  return encodeWords(pieces, 0, pieces.length, model.config.medtext.max_length);
}
