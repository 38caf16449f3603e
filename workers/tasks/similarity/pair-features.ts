// Features of a sentence pair for the learned pair scorers (graded similarity, duplicate questions):
// the embedding cosine plus lexical and alignment evidence a bag of embeddings cannot see (numbers
// that differ, a negation on one side, words left unmatched, questions asking different things).
// Pure functions over texts and token vectors, shared by app and eval.
import type { SideConcepts } from './concept-pairs.ts';
import { charNgramCosine } from './ngrams.ts';
import { intentFeatures } from './question-intent.ts';
import type { WordNet } from './wordnet.ts';
import { splitWords } from '../../text/words.ts';

/** One side of a pair: its text, pooled embedding and the vectors of its own tokens. */
export interface PairSide {
  text: string;
  embedding: Float32Array;
  /** One vector per sub-word token ([CLS]/[SEP] left out); their norms act as token weights. */
  tokens: Float32Array[];
  /** Its concepts and their assertion (models with a concept table, see concept-pairs.ts). */
  concepts?: SideConcepts;
  /** The side with each concept mention put in its concept's name, when that changes the text. */
  canonical?: PairSide;
}

// Function words left out of the WordNet alignment (they would match each other in every pair).
const FUNCTION_WORDS = new Set(
  (
    'a an the of to in on at by for with and or is are was were be been being it its this that these those ' +
    'as from his her their he she they i you we'
  ).split(' '),
);

const NEGATION = /\b(?:no|not|never|none|nobody|nothing|neither|nor|without|cannot)\b|n't\b/i;
const HAS_DIGIT = /\d/;
const HAS_WORD_CHAR = /[\p{L}\p{N}]/u;

// Words per side that the word features look at: the model itself sees only its first 128
// sub-words, and the WordNet coverage is quadratic, so a pasted book must not stall the worker.
const MAX_WORDS = 128;
// Characters per side that the question-intent cues are looked for in (questions are short).
const MAX_INTENT_CHARS = 2000;

function contentWords(text: string): string[] {
  const out: string[] = [];
  for (const w of splitWords(text)) {
    if (out.length === MAX_WORDS) break;
    if (HAS_WORD_CHAR.test(w.norm)) out.push(w.norm);
  }
  return out;
}

function overlap<T>(a: T[], b: T[]) {
  const sa = new Set(a);
  const sb = new Set(b);
  let shared = 0;
  for (const x of sa) if (sb.has(x)) shared++;
  const union = sa.size + sb.size - shared;
  return {
    jaccard: union ? shared / union : 1,
    containMin: Math.min(sa.size ? shared / sa.size : 1, sb.size ? shared / sb.size : 1),
    containMax: Math.max(sa.size ? shared / sa.size : 1, sb.size ? shared / sb.size : 1),
  };
}

function bigrams(words: string[]): string[] {
  return words.slice(1).map((w, i) => `${words[i]} ${w}`);
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

const norm = (v: Float32Array): number => Math.sqrt(dot(v, v));

export function cosine(a: Float32Array, b: Float32Array): number {
  return dot(a, b) / (Math.sqrt(dot(a, a) * dot(b, b)) || 1);
}

/** Weighted share of a's tokens that have a close token in b (BERTScore-style greedy match). */
function alignment(a: Float32Array[], b: Float32Array[]): { soft: number; unmatched: number } {
  const nb = b.map(norm);
  let total = 0;
  let soft = 0;
  let unmatched = 0;
  for (const t of a) {
    const w = norm(t);
    if (w === 0) continue;
    let best = 0;
    b.forEach((s, j) => {
      if (nb[j] > 0) best = Math.max(best, dot(t, s) / (w * nb[j]));
    });
    total += w;
    soft += w * best;
    if (best < 0.5) unmatched += w;
  }
  return total ? { soft: soft / total, unmatched: unmatched / total } : { soft: 1, unmatched: 0 };
}

/**
 * WordNet coverage of each side's words by the other's (smaller, larger and harmonic mean), and
 * contrast: antonym pairs (at most 2) and the share of words facing a sibling ("man" / "woman").
 */
function wordnetFeatures(wordnet: WordNet, wa: string[], wb: string[]): Record<string, number> {
  const keep = (ws: string[]) => ws.filter((w) => !FUNCTION_WORDS.has(w));
  const [ca, cb] = [keep(wa), keep(wb)];
  const contrast = wordnet.compare(ca, cb);
  const [pa, pb] = ca.length && cb.length ? [contrast.coverageA, contrast.coverageB] : [1, 1];
  return {
    wordnet_min: Math.min(pa, pb),
    wordnet_max: Math.max(pa, pb),
    wordnet_f: (2 * pa * pb) / (pa + pb || 1),
    wordnet_antonyms: Math.min(contrast.antonyms, 2),
    wordnet_siblings: (2 * contrast.siblings) / (ca.length + cb.length || 1),
    wordnet_sibling_any: Number(contrast.siblings > 0),
  };
}

/**
 * Feature name → value; the scorer lists which ones it uses, in order. The WordNet features are
 * there only when WordNet is given.
 */
export function pairFeatures(a: PairSide, b: PairSide, wordnet?: WordNet): Record<string, number> {
  const wa = contentWords(a.text);
  const wb = contentWords(b.text);
  const words = overlap(wa, wb);
  const pairs = overlap(bigrams(wa), bigrams(wb));
  const na = wa.filter((w) => HAS_DIGIT.test(w));
  const nb = wb.filter((w) => HAS_DIGIT.test(w));
  const numbers = overlap(na, nb);
  const ab = alignment(a.tokens, b.tokens);
  const ba = alignment(b.tokens, a.tokens);
  return {
    cosine: cosine(a.embedding, b.embedding),
    char34: charNgramCosine(a.text, b.text, [3, 4]),
    char25: charNgramCosine(a.text, b.text, [2, 5]),
    word_jaccard: words.jaccard,
    word_contain_min: words.containMin,
    word_contain_max: words.containMax,
    bigram_jaccard: pairs.jaccard,
    align_min: Math.min(ab.soft, ba.soft),
    align_max: Math.max(ab.soft, ba.soft),
    unmatched_max: Math.max(ab.unmatched, ba.unmatched),
    unmatched_min: Math.min(ab.unmatched, ba.unmatched),
    length_ratio: Math.min(wa.length, wb.length) / (Math.max(wa.length, wb.length) || 1),
    length_log: Math.log1p(Math.min(wa.length, wb.length)),
    numbers_differ: na.length + nb.length ? 1 - numbers.jaccard : 0,
    negation_differs: Number(NEGATION.test(a.text) !== NEGATION.test(b.text)),
    ...(wordnet ? wordnetFeatures(wordnet, wa, wb) : {}),
    ...intentFeatures(a.text.slice(0, MAX_INTENT_CHARS), b.text.slice(0, MAX_INTENT_CHARS)),
  };
}
