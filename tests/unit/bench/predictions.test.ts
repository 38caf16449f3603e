// The eval's --predictions file: one JSON line per input item, in input order, with sentence-relative spans.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { joinSentences, sentenceText } from '../../../bench/eval/ner.ts';
import { formatPredictions, spansPerSentence, writePredictions } from '../../../bench/eval/predictions.ts';

const sentences = [
  { tokens: ['Pt', 'seen', 'by', 'Halvorsen', '.'], tags: [] },
  { tokens: ['Wife', 'Ingrid', 'at', 'bedside'], tags: [] },
];

describe('formatPredictions / writePredictions', () => {
  it('writes one parseable line per item, in order', () => {
    const items = [
      { index: 0, score: 0.25 },
      { index: 1, score: 0.75 },
    ];
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'medtext-pred-')), 'p.jsonl');
    writePredictions(file, items, 2);
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines.at(-1)).toBe(''); // ends with a newline
    expect(lines.slice(0, -1).map((l) => JSON.parse(l))).toEqual(items);
  });

  it('refuses a count that differs from the input', () => {
    expect(() => formatPredictions([{ index: 0, predicted: 'affirmed' }], 2)).toThrow(/1 items for 2 inputs/);
  });

  it('refuses items out of input order', () => {
    const items = [
      { index: 1, predicted: 'negated' },
      { index: 0, predicted: 'affirmed' },
    ];
    expect(() => formatPredictions(items, 2)).toThrow(/item 0 has index 1/);
  });
});

describe('spansPerSentence', () => {
  it('gives each sentence its own spans, with offsets into its own text', () => {
    const { texts, joined } = joinSentences(sentences, 2, '\n');
    const at = (word: string) => texts[0].indexOf(word);
    const found = [
      [
        { start: at('Halvorsen'), end: at('Halvorsen') + 9, type: 'NAME' },
        { start: at('Ingrid'), end: at('Ingrid') + 6, type: 'NAME' },
      ],
    ];
    const perSentence = spansPerSentence(found, texts, joined);
    expect(perSentence.map((p) => p.index)).toEqual([0, 1]);
    perSentence.forEach((p, i) => {
      const own = sentenceText(sentences[i]).text;
      for (const s of 'spans' in p ? p.spans : []) expect(own.slice(s.start, s.end)).toBe(s.text);
    });
    expect(perSentence).toEqual([
      { index: 0, spans: [{ start: 11, end: 20, type: 'NAME', text: 'Halvorsen' }] },
      { index: 1, spans: [{ start: 5, end: 11, type: 'NAME', text: 'Ingrid' }] },
    ]);
  });

  it('cuts a span that runs past its sentence at the sentence end', () => {
    const { texts, joined } = joinSentences(sentences, 2, '\n');
    const start = texts[0].indexOf('Halvorsen');
    const [first, second] = spansPerSentence([[{ start, end: texts[0].length, type: 'X' }]], texts, joined);
    expect(first).toEqual({ index: 0, spans: [{ start: 11, end: 22, type: 'X', text: 'Halvorsen .' }] });
    expect(second).toEqual({ index: 1, spans: [] });
  });
});
