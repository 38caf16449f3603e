// A text read sentence by sentence: which label scores the text gets from its sentences' scores,
// and which sentences are the evidence. Pure arithmetic, no model.
import type { ClassificationEvidence, Span } from '../../api.ts';

export interface SentenceDecisionRule {
  labels: string[];
  /** Sigmoid scores with per-label thresholds; otherwise softmax, one label per sentence. */
  multiLabel: boolean;
  thresholds: Record<string, number>;
  /** Single-label only: the label of a sentence that reports nothing (e.g. "noADE"). */
  background?: string;
}

export interface TextVotes {
  /** Per label, in `labels` order. */
  scores: number[];
  selected: boolean[];
  evidence: ClassificationEvidence[];
}

/** The labels one sentence selects (index into rule.labels). */
function sentenceSelects(rule: SentenceDecisionRule, scores: number[], background: number): number[] {
  if (rule.multiLabel) return scores.flatMap((s, i) => (s >= (rule.thresholds[rule.labels[i]] ?? 0.5) ? [i] : []));
  const best = scores.indexOf(Math.max(...scores));
  return best === background ? [] : [best];
}

/**
 * Multiple-instance reading: a text reports a finding when one of its sentences does. Each label's
 * score is its highest sentence score; a single-label model's background label gets its lowest, so
 * a two-label model's scores still sum to 1. The text selects what any sentence selects (the
 * background label only when no sentence selects another).
 */
export function voteOverSentences(
  rule: SentenceDecisionRule,
  text: string,
  spans: Span[],
  sentenceScores: number[][],
): TextVotes {
  const background = rule.multiLabel ? -1 : rule.labels.indexOf(rule.background ?? '');
  if (!rule.multiLabel && background < 0) {
    throw new Error(
      'A single-label model that reads sentence by sentence needs its background label (config "background_label").',
    );
  }
  const scores = rule.labels.map((_, i) => {
    const column = sentenceScores.map((row) => row[i]);
    return i === background ? Math.min(...column) : Math.max(...column);
  });
  const selected = rule.labels.map(() => false);
  const evidence: ClassificationEvidence[] = [];
  spans.forEach((span, s) => {
    for (const i of sentenceSelects(rule, sentenceScores[s], background)) {
      selected[i] = true;
      evidence.push({
        ...span,
        text: text.slice(span.start, span.end),
        label: rule.labels[i],
        score: sentenceScores[s][i],
      });
    }
  });
  if (background >= 0 && !selected.some(Boolean)) selected[background] = true;
  return { scores, selected, evidence };
}
