// Letter case as a model feature (deid models trained with --case_feature; training/CONTRACT.md,
// "Word-shape feature"; the same rule as word_shapes in training/textproc.py). The vocabulary is
// uncased, so without it the tagger cannot see that "Halvorsen" is capitalised in a lower-case note.
// In mixed-case text (more lower- than upper-case letters) a capitalised word gets 1 and an
// all-capitals one 2; everything else, and every word of all-capitals text, gets 0.

const UPPER = /\p{Lu}/gu;
const LOWER = /\p{Ll}/gu;
const count = (re: RegExp, s: string): number => s.match(re)?.length ?? 0;

export function wordShapes(raw: string[]): number[] {
  const lower = raw.reduce((n, w) => n + count(LOWER, w), 0);
  const upper = raw.reduce((n, w) => n + count(UPPER, w), 0);
  if (lower <= upper) return raw.map(() => 0);
  return raw.map((w) => {
    const [lo, up] = [count(LOWER, w), count(UPPER, w)];
    if (up === 1 && /^\p{Lu}/u.test(w) && lo >= 1) return 1;
    return up >= 2 && lo === 0 ? 2 : 0;
  });
}

/** Token type id = lexicon feature + nLex · shape (nLex = 1 + 2 · the number of lexicon types). */
export function withShapes(lexicon: number[] | undefined, shapes: number[], nLex: number): number[] {
  return shapes.map((s, k) => (lexicon ? lexicon[k] : 0) + nLex * s);
}
