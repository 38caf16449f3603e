// De-identification evaluation on CoNLL files (deid-physionet): token-level PHI recall,
// precision and F1 — a gold token counts as found when any PHI span the app reports covers
// part of it, whatever type it was given (recall matters most for de-identification).
import type { Engine } from '../../workers/engine.ts';
import { prf, round } from './metrics.ts';
import { joinSentences } from './ner.ts';
import { spansPerSentence } from './predictions.ts';
import { readConll } from './tsv.ts';

/**
 * Which of a sentence's tokens (`starts`/`ends` from sentenceText) any span covers, even in part:
 * the eval's notion of a found PHI token, shared with deid-pattern-coverage.ts (the calibration input).
 */
export function coveredTokens(spans: { start: number; end: number }[], starts: number[], ends: number[]): boolean[] {
  return starts.map((start, i) => spans.some((p) => p.start < ends[i] && p.end > start));
}

export async function evalDeid(engine: Engine, model: string | undefined, file: string, limit?: number, perText = 1) {
  const sentences = readConll(file).slice(0, limit);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let warning: string | undefined;
  const perType: Record<string, { tokens: number; found: number }> = {};
  const started = performance.now();
  // Segments of a note are its lines: joined by line breaks, as a pasted note has them.
  const { texts, joined } = joinSentences(sentences, perText, '\n');
  const results = [];
  for (const text of texts) results.push(await engine.deid(text, { model, mode: 'tags' }));
  for (const [k, s] of sentences.entries()) {
    const { text, starts, ends } = joined[k];
    warning ??= results[text].warning;
    const covered = coveredTokens(results[text].spans, starts, ends);
    s.tags.forEach((tag, i) => {
      const gold = tag !== 'O';
      const pred = covered[i];
      if (gold) {
        const t = (perType[tag.replace(/^[BI]-/, '')] ??= { tokens: 0, found: 0 });
        t.tokens++;
        if (pred) t.found++;
      }
      if (gold && pred) tp++;
      else if (pred) fp++;
      else if (gold) fn++;
    });
  }
  const m = prf(tp, fp, fn);
  return {
    task: 'deid',
    n_sentences: sentences.length,
    ...(perText > 1 ? { sentences_per_text: perText } : {}),
    phi_tokens: tp + fn,
    recall: round(m.recall),
    precision: round(m.precision),
    f1: round(m.f1),
    recall_per_type: Object.fromEntries(
      Object.entries(perType)
        .sort((a, b) => b[1].tokens - a[1].tokens)
        .map(([type, t]) => [type, { tokens: t.tokens, recall: round(t.found / t.tokens) }]),
    ),
    ...(warning ? { note: 'no de-identification model installed: patterns only' } : {}),
    seconds: round((performance.now() - started) / 1000, 1),
    predictions: spansPerSentence(
      results.map((r) => r.spans),
      texts,
      joined,
    ),
  };
}
