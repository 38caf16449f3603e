// The About page's card parser, on the committed model cards and on small made-up ones.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScoreRow, plainText, splitSourceAndTerms } from '../../../scripts/model-card-parser.ts';
import { readModelCards } from '../../../scripts/model-cards.ts';

const shipped = readdirSync('models', { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
const cards = readModelCards('models');

describe('readModelCards on the real cards', () => {
  it('summarises every shipped model', () => {
    expect(cards.map((c) => c.name)).toEqual(shipped);
  });

  it.each(cards.map((c) => [c.name, c] as const))('%s: what it does, its data and terms, scores, date', (_, card) => {
    expect(card.summary.length).toBeGreaterThan(10);
    expect(card.summary).not.toMatch(/[`*]/);
    expect(['classify', 'entities', 'embeddings', 'deid']).toContain(card.task);
    expect(card.trainingData.length).toBeGreaterThan(0);
    expect(card.trainingData.some((t) => /CC|licen[cs]e|terms|public domain/i.test(t.terms))).toBe(true);
    expect(card.scores.length).toBeGreaterThan(0);
    for (const score of card.scores) expect(score.value).toMatch(/^0\.\d{3,4}\b/);
    expect(card.datedAsOf).toMatch(/^20\d\d-\d\d/);
    expect(card.onnxBytes).toBeGreaterThan(100_000);
  });

  it('reads the headline figures and bars the cards give', () => {
    const byName = new Map(cards.map((c) => [c.name, c]));
    expect(byName.get('entities')?.scores[0]).toMatchObject({
      metric: 'BC5CDR test micro-F1',
      value: '0.8234',
      bar: '≥ 0.81',
    });
    // deid's bar is a column of its own.
    expect(byName.get('deid')?.scores[0]).toMatchObject({ metric: 'PHI-token recall', value: '0.8704', bar: '≥ 0.90' });
    expect(byName.get('deid')?.termsWarnings).toContain('Derived from GPL-licensed data.');
    expect(byName.get('entities')?.labels).toEqual(['Chemical', 'Disease']);
  });
});

describe('card pieces', () => {
  it('splits a data bullet at the first colon outside parentheses', () => {
    expect(splitSourceAndTerms('`qa/medquad` train (MedQuAD; BMC Bioinformatics 2019: x): CC BY 4.0.')).toEqual({
      source: 'qa/medquad train (MedQuAD; BMC Bioinformatics 2019: x)',
      terms: 'CC BY 4.0.',
    });
    expect(splitSourceAndTerms('a source without terms')).toEqual({ source: 'a source without terms', terms: '' });
  });

  it('takes the first bold figure of a row, the bar from the metric cell, and no figure from words', () => {
    expect(parseScoreRow('X test F1 (bar ≥ 0.80; baseline 0.7)', '**0.8123** (P 0.8); **0.8130** later')).toEqual({
      metric: 'X test F1',
      value: '0.8123',
      bar: '≥ 0.80',
      note: '(P 0.8); 0.8130 later',
    });
    expect(parseScoreRow('Y accuracy', 'not measured')).toBeNull();
  });

  it('turns markdown into plain words', () => {
    expect(plainText('**bold** `code` [link](http://x) *it*')).toBe('bold code link it');
  });
});
