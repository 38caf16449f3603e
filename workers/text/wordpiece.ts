// Greedy longest-match-first WordPiece over one normalised word (training/CONTRACT.md).
// Our own implementation, because we need to know which sub-words belong to which word.

export const SPECIAL = { pad: 0, unk: 1, cls: 2, sep: 3, mask: 4 } as const;
const MAX_WORD_CHARS = 100;

export class WordPiece {
  private readonly vocab: Map<string, number>;
  private readonly cache = new Map<string, number[]>();

  constructor(vocab: Map<string, number>) {
    this.vocab = vocab;
  }

  get size(): number {
    return this.vocab.size;
  }

  encodeWord(norm: string): number[] {
    const cached = this.cache.get(norm);
    if (cached) return cached;
    const ids = this.encodeUncached(norm);
    if (this.cache.size > 50_000) this.cache.clear();
    this.cache.set(norm, ids);
    return ids;
  }

  private encodeUncached(norm: string): number[] {
    const chars = Array.from(norm);
    if (chars.length > MAX_WORD_CHARS) return [SPECIAL.unk];
    const ids: number[] = [];
    let start = 0;
    while (start < chars.length) {
      let end = chars.length;
      let found = -1;
      while (start < end) {
        const piece = (start > 0 ? '##' : '') + chars.slice(start, end).join('');
        const id = this.vocab.get(piece);
        if (id !== undefined) {
          found = id;
          break;
        }
        end -= 1;
      }
      if (found < 0) return [SPECIAL.unk];
      ids.push(found);
      start = end;
    }
    return ids;
  }
}
