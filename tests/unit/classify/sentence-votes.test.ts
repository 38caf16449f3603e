// A text read sentence by sentence: label scores from its sentences, and the evidence sentences.
import { describe, expect, it } from 'vitest';
import { voteOverSentences, type SentenceDecisionRule } from '../../../workers/tasks/classify/sentence-votes.ts';

const ade: SentenceDecisionRule = { labels: ['ADE', 'noADE'], multiLabel: false, thresholds: {}, background: 'noADE' };
const text = 'Admitted with pneumonia. Rash after amoxicillin. Discharged home.';
const spans = [
  { start: 0, end: 24 },
  { start: 25, end: 48 },
  { start: 49, end: 65 },
];

describe('voteOverSentences', () => {
  it('a single-label text takes its highest sentence and names it as evidence', () => {
    const votes = voteOverSentences(ade, text, spans, [
      [0.1, 0.9],
      [0.8, 0.2],
      [0.3, 0.7],
    ]);
    expect(votes.scores).toEqual([0.8, 0.2]);
    expect(votes.selected).toEqual([true, false]);
    expect(votes.evidence).toEqual([{ start: 25, end: 48, text: 'Rash after amoxicillin.', label: 'ADE', score: 0.8 }]);
  });

  it('selects the background label, with no evidence, when no sentence selects another', () => {
    const votes = voteOverSentences(ade, text, spans, [
      [0.1, 0.9],
      [0.4, 0.6],
      [0.3, 0.7],
    ]);
    expect(votes.scores[0]).toBeCloseTo(0.4);
    expect(votes.scores[1]).toBeCloseTo(0.6);
    expect(votes.selected).toEqual([false, true]);
    expect(votes.evidence).toEqual([]);
  });

  it('multi-label: each label takes its highest sentence against its own threshold', () => {
    const rule: SentenceDecisionRule = { labels: ['A', 'B'], multiLabel: true, thresholds: { A: 0.5, B: 0.9 } };
    const votes = voteOverSentences(rule, text, spans.slice(0, 2), [
      [0.6, 0.2],
      [0.1, 0.85],
    ]);
    expect(votes.scores).toEqual([0.6, 0.85]);
    expect(votes.selected).toEqual([true, false]);
    expect(votes.evidence.map((e) => [e.label, e.start])).toEqual([['A', 0]]);
  });

  it('refuses a single-label model without a background label', () => {
    expect(() => voteOverSentences({ ...ade, background: undefined }, text, spans, [[0.5, 0.5]])).toThrow(
      /background_label/,
    );
  });
});
