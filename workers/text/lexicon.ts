// Dictionary-match features fed to the entities model through token_type_ids
// (training/CONTRACT.md): longest match over normalised words, first listed type wins.
import type { Word } from './words.ts';

export interface LexiconJson {
  types: string[];
  max_words: number;
  terms: Record<string, string[]>;
}

export interface LexiconMatch {
  /** Index of the first and one past the last matched word. */
  from: number;
  to: number;
  type: string;
}

export class Lexicon {
  readonly types: string[];
  private readonly maxWords: number;
  /** Normalised term (words joined by one space) → index of its type. */
  private readonly termType = new Map<string, number>();
  /** Every proper word prefix of a term ("type 2" of "type 2 diabetes"): where a match can still grow. */
  private readonly prefixes = new Set<string>();

  constructor(json: LexiconJson) {
    this.types = json.types;
    this.maxWords = json.max_words;
    // Iterate types in reverse so that the first listed type wins on shared terms.
    for (let t = json.types.length - 1; t >= 0; t--) {
      for (const term of json.terms[json.types[t]] ?? []) {
        this.termType.set(term, t);
        for (let k = term.indexOf(' '); k !== -1; k = term.indexOf(' ', k + 1)) this.prefixes.add(term.slice(0, k));
      }
    }
  }

  /** The type of a normalised term, if listed. */
  typeOf(term: string): string | undefined {
    const t = this.termType.get(term);
    return t === undefined ? undefined : this.types[t];
  }

  match(words: Pick<Word, 'norm'>[]): LexiconMatch[] {
    const matches: LexiconMatch[] = [];
    let i = 0;
    while (i < words.length) {
      let best = -1;
      let bestType = -1;
      let key = '';
      const limit = Math.min(words.length, i + this.maxWords);
      for (let j = i; j < limit; j++) {
        key = j === i ? words[j].norm : `${key} ${words[j].norm}`;
        const t = this.termType.get(key);
        if (t !== undefined) {
          best = j + 1;
          bestType = t;
        }
        if (!this.prefixes.has(key)) break; // no longer term starts with these words
      }
      if (best > 0) {
        matches.push({ from: i, to: best, type: this.types[bestType] });
        i = best;
      } else {
        i += 1;
      }
    }
    return matches;
  }

  /** How many feature ids `features` uses: 0, and 1 + 2t / 2 + 2t for each type t. */
  get featureIds(): number {
    return 1 + 2 * this.types.length;
  }

  /** One feature id per word: 0 none, 1 + 2t first word of a type-t match, 2 + 2t the rest. */
  features(words: Pick<Word, 'norm'>[]): number[] {
    const feats = new Array<number>(words.length).fill(0);
    for (const m of this.match(words)) {
      const t = this.types.indexOf(m.type);
      for (let k = m.from; k < m.to; k++) feats[k] = k === m.from ? 1 + 2 * t : 2 + 2 * t;
    }
    return feats;
  }
}
