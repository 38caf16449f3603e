// Entity-level exact-match NER evaluation on CoNLL files, through the app's own entities code.
// Types the model predicts that the gold file never uses are ignored (so a Chemical+Disease
// model can be scored on a Disease-only set).
import type { Engine } from '../../workers/engine.ts';
import { prf, round } from './metrics.ts';
import { spansPerSentence } from './predictions.ts';
import { readConll, type ConllSentence } from './tsv.ts';

type Span = string; // `${type}:${startToken}:${endToken}`

export function goldSpans(tags: string[]): Set<Span> {
  const spans = new Set<Span>();
  let start = -1;
  let type = '';
  const close = (end: number) => {
    if (start >= 0) spans.add(`${type}:${start}:${end}`);
    start = -1;
  };
  tags.forEach((tag, i) => {
    const [prefix, t] = tag === 'O' ? ['O', ''] : [tag[0], tag.slice(2)];
    if (prefix === 'B' || (prefix === 'I' && (start < 0 || t !== type))) {
      close(i);
      start = i;
      type = t;
    } else if (prefix === 'O') close(i);
  });
  close(tags.length);
  return spans;
}

/** Joins tokens with single spaces and remembers each token's character range. */
export function sentenceText(s: ConllSentence): { text: string; starts: number[]; ends: number[] } {
  const starts: number[] = [];
  const ends: number[] = [];
  let text = '';
  for (const tok of s.tokens) {
    if (text.length) text += ' ';
    starts.push(text.length);
    text += tok;
    ends.push(text.length);
  }
  return { text, starts, ends };
}

export interface JoinedSentence {
  /** Index of the text the sentence went into. */
  text: number;
  /** Character ranges of its tokens in that text. */
  starts: number[];
  ends: number[];
}

/**
 * Consecutive sentences joined `perText` at a time by `separator`, as the app meets them in a whole
 * note or abstract: the eval's texts and where each sentence's tokens lie in them. perText 1 gives
 * the sentences alone.
 */
export function joinSentences(
  sentences: ConllSentence[],
  perText: number,
  separator: string,
): { texts: string[]; joined: JoinedSentence[] } {
  const texts: string[] = [];
  const joined: JoinedSentence[] = [];
  sentences.forEach((s, i) => {
    if (i % Math.max(1, perText) === 0) texts.push('');
    const { text, starts, ends } = sentenceText(s);
    const k = texts.length - 1;
    if (texts[k]) texts[k] += separator;
    const offset = texts[k].length;
    texts[k] += text;
    joined.push({ text: k, starts: starts.map((x) => x + offset), ends: ends.map((x) => x + offset) });
  });
  return { texts, joined };
}

export async function evalNer(engine: Engine, model: string, file: string, limit?: number, perText = 1) {
  const sentences = readConll(file).slice(0, limit);
  const goldTypes = new Set<string>();
  for (const s of sentences) for (const t of s.tags) if (t !== 'O') goldTypes.add(t.slice(2));
  const counts = new Map<string, { tp: number; fp: number; fn: number }>();
  const count = (type: string) => counts.get(type) ?? counts.set(type, { tp: 0, fp: 0, fn: 0 }).get(type)!;
  const started = performance.now();
  const { texts, joined } = joinSentences(sentences, perText, ' ');
  const predicted = await engine.entitiesMany(texts, { model, spansOnly: true });
  for (const [i, s] of sentences.entries()) {
    const { text, starts, ends } = joined[i];
    const gold = goldSpans(s.tags);
    const pred = new Set<Span>();
    for (const e of predicted[text]) {
      if (!goldTypes.has(e.type) || e.start < starts[0] || e.start >= ends.at(-1)!) continue;
      // Entities never cut a word; map them onto the gold tokens they cover.
      const first = ends.findIndex((end) => end > e.start);
      let last = first;
      while (last + 1 < starts.length && starts[last + 1] < e.end) last++;
      pred.add(`${e.type}:${first}:${last + 1}`);
    }
    for (const p of pred) {
      const c = count(p.split(':')[0]);
      if (gold.has(p)) c.tp++;
      else c.fp++;
    }
    for (const g of gold) if (!pred.has(g)) count(g.split(':')[0]).fn++;
  }
  const total = { tp: 0, fp: 0, fn: 0 };
  const perType: Record<string, unknown> = {};
  for (const [type, c] of [...counts].sort()) {
    total.tp += c.tp;
    total.fp += c.fp;
    total.fn += c.fn;
    const m = prf(c.tp, c.fp, c.fn);
    perType[type] = { precision: round(m.precision), recall: round(m.recall), f1: round(m.f1), support: m.support };
  }
  const micro = prf(total.tp, total.fp, total.fn);
  return {
    task: 'ner',
    n_sentences: sentences.length,
    ...(perText > 1 ? { sentences_per_text: perText } : {}),
    precision: round(micro.precision),
    recall: round(micro.recall),
    f1: round(micro.f1),
    per_type: perType,
    seconds: round((performance.now() - started) / 1000, 1),
    predictions: spansPerSentence(predicted, texts, joined),
  };
}
