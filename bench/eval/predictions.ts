// Per-item predictions of an eval run (--predictions FILE), one JSON object per input item in input
// order, so that an independent check can recompute its own metrics from the file alone.
import { writeFileSync } from 'node:fs';

export interface PredictedSpan {
  start: number;
  end: number;
  type: string;
  text: string;
}

/** One line of the file; `index` is the item's 0-based position in the input (after --limit). */
export type Prediction =
  | { index: number; score: number } // sts: the graded score
  | { index: number; score: number; duplicate: boolean } // pair
  | { index: number; predicted: string[]; labels: { label: string; score: number }[] } // classify
  | { index: number; spans: PredictedSpan[] } // ner, deid
  | { index: number; predicted: string }; // assertion

/** What every eval function returns besides its metrics. */
export interface WithPredictions {
  predictions: Prediction[];
}

/** JSON Lines; refuses a list whose indices are not exactly 0..n-1 in order, or whose length is not `expected`. */
export function formatPredictions(predictions: Prediction[], expected: number): string {
  if (predictions.length !== expected)
    throw new Error(`predictions: ${predictions.length} items for ${expected} inputs`);
  predictions.forEach((p, i) => {
    if (p.index !== i) throw new Error(`predictions: item ${i} has index ${p.index}`);
  });
  return predictions.map((p) => JSON.stringify(p) + '\n').join('');
}

export function writePredictions(file: string, predictions: Prediction[], expected: number): void {
  writeFileSync(file, formatPredictions(predictions, expected));
}

/**
 * Spans found in joined texts, regrouped per input sentence with offsets into that sentence's own
 * text (its tokens joined by single spaces): a span belongs to the sentence it starts in and is cut
 * at that sentence's end.
 */
export function spansPerSentence(
  spansPerText: { start: number; end: number; type: string }[][],
  texts: string[],
  sentences: { text: number; starts: number[]; ends: number[] }[],
): Prediction[] {
  return sentences.map((s, index) => {
    const from = s.starts[0];
    const to = s.ends.at(-1)!;
    const spans = spansPerText[s.text]
      .filter((p) => p.start >= from && p.start < to)
      .map((p) => {
        const end = Math.min(p.end, to);
        return { start: p.start - from, end: end - from, type: p.type, text: texts[s.text].slice(p.start, end) };
      });
    return { index, spans };
  });
}
