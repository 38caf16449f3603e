// WordNet word matching for the graded similarity (training/embeddings/wordnet_lexicon.py builds the
// data): two words match fully when they share a base form (morphy-style: exception lists, then
// suffix rules), as synonyms when they share a synset, and loosely when one synset is a hypernym,
// similar-to or verb-group neighbour of the other's (or both have such a neighbour in common).
// Words left without a full or synonym match can contrast: antonyms ("man" / "woman") or siblings
// under a shared neighbour ("guitar" / "piano") say the two sentences differ in that slot.

export interface WordNetJson {
  lemmas: Record<string, number[]>;
  related: Record<string, number[]>;
  antonyms: Record<string, number[]>;
  exceptions: Record<string, string>;
}

/** Two word lists against each other (WordNet.compare): coverage of each, contrasting word pairs. */
export interface Comparison {
  coverageA: number;
  coverageB: number;
  antonyms: number;
  siblings: number;
}

// Morphy's detachment rules (noun, verb and adjective suffixes), tried in order.
const SUFFIXES: [string, string][] = [
  ['s', ''],
  ['ses', 's'],
  ['xes', 'x'],
  ['zes', 'z'],
  ['ches', 'ch'],
  ['shes', 'sh'],
  ['men', 'man'],
  ['ies', 'y'],
  ['es', 'e'],
  ['es', ''],
  ['ed', 'e'],
  ['ed', ''],
  ['ing', 'e'],
  ['ing', ''],
  ['er', ''],
  ['est', ''],
  ['er', 'e'],
  ['est', 'e'],
];

/** Scores of a match: same base form, synonyms, related synsets. */
export const MATCH = { same: 1, synonym: 0.9, related: 0.6 } as const;

const touches = (p: Set<number>, q: Set<number>): boolean => [...p].some((s) => q.has(s));

export class WordNet {
  private readonly cache = new Map<
    string,
    { bases: Set<string>; synsets: Set<number>; near: Set<number>; opposite: Set<number> }
  >();

  constructor(private readonly data: WordNetJson) {}

  private entry(word: string) {
    let e = this.cache.get(word);
    if (e) return e;
    const bases = new Set([word]);
    const exception = this.data.exceptions[word];
    if (exception) bases.add(exception);
    for (const [suffix, repl] of SUFFIXES) {
      if (word.length > suffix.length + 1 && word.endsWith(suffix)) {
        const base = word.slice(0, -suffix.length) + repl;
        if (Object.hasOwn(this.data.lemmas, base)) bases.add(base);
      }
    }
    const synsets = new Set<number>();
    for (const b of bases) if (Object.hasOwn(this.data.lemmas, b)) for (const s of this.data.lemmas[b]) synsets.add(s);
    const near = new Set<number>();
    const opposite = new Set<number>();
    for (const s of synsets) {
      for (const r of this.data.related[s] ?? []) near.add(r);
      for (const r of this.data.antonyms[s] ?? []) opposite.add(r);
    }
    e = { bases, synsets, near, opposite };
    this.cache.set(word, e);
    return e;
  }

  /** How well two lower-case words match: MATCH.same, .synonym, .related or 0. */
  match(a: string, b: string): number {
    if (a === b) return MATCH.same;
    const x = this.entry(a);
    const y = this.entry(b);
    if ([...x.bases].some((w) => y.bases.has(w))) return MATCH.same;
    if ([...x.synsets].some((s) => y.synsets.has(s))) return MATCH.synonym;
    if (touches(x.near, y.synsets) || touches(y.near, x.synsets) || touches(x.near, y.near)) return MATCH.related;
    return 0;
  }

  /**
   * Both word lists against each other, every pair matched once: each side's coverage by the other
   * (mean of its words' best match; 1 when it has none), and among the words without a full or
   * synonym match on the other side, the antonym pairs and a's words that face a sibling.
   */
  compare(a: string[], b: string[]): Comparison {
    const m = a.map((x) => b.map((y) => this.match(x, y)));
    const bestOfA = m.map((row) => row.reduce((best, v) => Math.max(best, v), 0));
    const bestOfB = b.map((_, j) => m.reduce((best, row) => Math.max(best, row[j]), 0));
    const mean = (v: number[]) => (v.length ? v.reduce((sum, x) => sum + x, 0) / v.length : 1);
    const ua = a.filter((_, i) => bestOfA[i] < MATCH.synonym);
    const ub = b.filter((_, j) => bestOfB[j] < MATCH.synonym);
    let antonyms = 0;
    let siblings = 0;
    for (const x of ua) {
      const ex = this.entry(x);
      antonyms += ub.filter((y) => touches(ex.opposite, this.entry(y).synsets)).length;
      if (ub.some((y) => touches(ex.near, this.entry(y).near))) siblings++;
    }
    return { coverageA: mean(bestOfA), coverageB: mean(bestOfB), antonyms, siblings };
  }
}
