// The eval's --per-text texts: every token of every sentence must be found at its recorded range.
import { describe, expect, it } from 'vitest';
import { joinSentences, sentenceText } from '../../../bench/eval/ner.ts';

const sentences = [
  { tokens: ['Pt', 'seen', 'by', 'Halvorsen', '.'], tags: ['O', 'O', 'O', 'B-HCPName', 'O'] },
  { tokens: ['BP', '110', '/', '60', '.'], tags: ['O', 'O', 'O', 'O', 'O'] },
  { tokens: ['Wife', 'Ingrid', 'at', 'bedside'], tags: ['O', 'B-RelativeProxyName', 'O', 'O'] },
];

describe('joinSentences', () => {
  it('puts perText sentences in each text and records where each token lies', () => {
    const { texts, joined } = joinSentences(sentences, 2, '\n');
    expect(texts).toEqual(['Pt seen by Halvorsen .\nBP 110 / 60 .', 'Wife Ingrid at bedside']);
    expect(joined.map((j) => j.text)).toEqual([0, 0, 1]);
    sentences.forEach((s, i) => {
      const { text, starts, ends } = joined[i];
      expect(starts.map((start, k) => texts[text].slice(start, ends[k]))).toEqual(s.tokens);
    });
  });

  it('with one sentence per text gives the sentences alone', () => {
    const { texts, joined } = joinSentences(sentences, 1, ' ');
    sentences.forEach((s, i) => {
      const alone = sentenceText(s);
      expect(texts[i]).toBe(alone.text);
      expect(joined[i]).toEqual({ text: i, starts: alone.starts, ends: alone.ends });
    });
  });
});
