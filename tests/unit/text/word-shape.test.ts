import { describe, expect, it } from 'vitest';
import { withShapes, wordShapes } from '../../../workers/text/word-shape.ts';

// Expected values printed by training/textproc.py word_shapes / with_shapes (the training side).
describe('word shapes', () => {
  it('marks capitalised and all-capitals words in mixed-case text only', () => {
    expect(wordShapes(['Pt', 'seen', 'by', 'Halvorsen', 'and', 'RIZZO', 'this', 'am', '.'])).toEqual([
      1, 0, 0, 1, 0, 2, 0, 0, 0,
    ]);
    expect(wordShapes(['PT', 'SEEN', 'BY', 'HALVORSEN'])).toEqual([0, 0, 0, 0]);
    expect(wordShapes(['Éloïse', 'était', 'là', "O'Connell", 'x'])).toEqual([1, 0, 0, 0, 0]);
    expect(wordShapes([])).toEqual([]);
  });

  it('folds shapes into the lexicon feature ids', () => {
    expect(withShapes([0, 1, 0, 3], [0, 1, 2, 1], 7)).toEqual([0, 8, 14, 10]);
    expect(withShapes(undefined, [0, 2, 1], 1)).toEqual([0, 2, 1]);
  });
});
