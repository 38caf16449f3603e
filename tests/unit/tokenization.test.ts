// The runtime must compute exactly the inputs the Python training computed
// (training/CONTRACT.md): words with offsets, WordPiece ids and lexicon features.
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeWords, piecesOf } from '../../workers/runtime/encode.ts';
import { Lexicon, type LexiconJson } from '../../workers/text/lexicon.ts';
import { WordPiece } from '../../workers/text/wordpiece.ts';
import { wordPieceOf } from '../../workers/runtime/models.ts';
import { splitWords } from '../../workers/text/words.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const fixture = JSON.parse(readFileSync(path.join(ROOT, 'training/fixtures/tokenization.json'), 'utf8')) as {
  lexicon: LexiconJson;
  cases: {
    text: string;
    words: { norm: string; start: number; end: number }[];
    input_ids: number[];
    token_type_ids?: number[];
    lexicon_features?: number[];
  }[];
};

/** Python offsets count code points; JS strings count UTF-16 units. */
function utf16Offset(text: string, codePoints: number): number {
  return Array.from(text).slice(0, codePoints).join('').length;
}

function findTokenizer(): string | null {
  const models = path.join(ROOT, 'models');
  if (!existsSync(models)) return null;
  for (const name of ['entities', 'ade', 'note-specialty', 'embeddings']) {
    const p = path.join(models, name, 'tokenizer.json');
    if (existsSync(p)) return p;
  }
  return null;
}

describe('words (BERT BasicTokenizer with offsets)', () => {
  it.each(fixture.cases.map((c) => [c.text.slice(0, 40), c] as const))('matches Python on %s', (_, c) => {
    const words = splitWords(c.text);
    expect(words.map((w) => w.norm)).toEqual(c.words.map((w) => w.norm));
    expect(words.map((w) => [w.start, w.end])).toEqual(
      c.words.map((w) => [utf16Offset(c.text, w.start), utf16Offset(c.text, w.end)]),
    );
  });
});

describe('WordPiece ids and lexicon features', () => {
  const lexicon = new Lexicon(fixture.lexicon);
  let wordpiece: WordPiece | null = null;
  const load = () => {
    const p = findTokenizer();
    if (!p) throw new Error('no shipped model with a tokenizer.json under models/');
    return (wordpiece ??= wordPieceOf(JSON.parse(readFileSync(p, 'utf8'))).wordpiece);
  };

  it.each(fixture.cases.map((c) => [c.text.slice(0, 40), c] as const))('matches Python on %s', (_, c) => {
    const wordpiece = load();
    const words = splitWords(c.text);
    const pieces = piecesOf(words, wordpiece);
    const features = lexicon.features(words);
    const seq = encodeWords(pieces, 0, words.length, 512, features);
    expect(seq.ids).toEqual(c.input_ids);
    if (c.token_type_ids) expect(seq.types).toEqual(c.token_type_ids);
  });
});
