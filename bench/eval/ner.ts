// Entity-level exact-match NER evaluation on CoNLL files, through the app's own entities code.
// Types the model predicts that the gold file never uses are ignored (so a Chemical+Disease
// model can be scored on a Disease-only set).
import type { Engine } from '../../workers/engine.ts';
import { prf, round } from './metrics.ts';
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

export async function evalNer(engine: Engine, model: string, file: string, limit?: number) {
  const sentences = readConll(file).slice(0, limit);
  const goldTypes = new Set<string>();
  for (const s of sentences) for (const t of s.tags) if (t !== 'O') goldTypes.add(t.slice(2));
  const counts = new Map<string, { tp: number; fp: number; fn: number }>();
  const count = (type: string) => counts.get(type) ?? counts.set(type, { tp: 0, fp: 0, fn: 0 }).get(type)!;
  const started = performance.now();
  const texts = sentences.map(sentenceText);
  const predicted = await engine.entitiesMany(
    texts.map((t) => t.text),
    { model, spansOnly: true },
  );
  for (const [i, s] of sentences.entries()) {
    const { starts, ends } = texts[i];
    const gold = goldSpans(s.tags);
    const pred = new Set<Span>();
    for (const e of predicted[i]) {
      if (!goldTypes.has(e.type)) continue;
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
    precision: round(micro.precision),
    recall: round(micro.recall),
    f1: round(micro.f1),
    per_type: perType,
    seconds: round((performance.now() - started) / 1000, 1),
  };
}
