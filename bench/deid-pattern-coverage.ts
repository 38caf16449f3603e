// Per-token coverage of the app's PHI patterns on a CoNLL file, one 0/1 line per sentence: the input
// of training/deid_calibrate.py (which picks the model's O-logit offset for model ∪ patterns).
// With the run's name list (lexicon.json[.gz]) the patterns see it as the app does (deid.ts).
// usage: npx tsx bench/deid-pattern-coverage.ts <file.tsv> [<lexicon.json[.gz]>] > training/work/runs/deid_patcov.txt
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseJsonBytes } from '../workers/runtime/files.ts';
import { Lexicon, type LexiconJson } from '../workers/text/lexicon.ts';
import { findPhi } from '../workers/tasks/deid/phi.ts';
import { coveredTokens } from './eval/deid.ts';
import { sentenceText } from './eval/ner.ts';
import { readConll } from './eval/tsv.ts';

const [file, lexiconFile] = process.argv.slice(2);
if (!file) throw new Error('usage: npx tsx bench/deid-pattern-coverage.ts <file.tsv> [<lexicon.json[.gz]>]');
const lexicon = lexiconFile ? new Lexicon((await parseJsonBytes(readFileSync(lexiconFile))) as LexiconJson) : undefined;

for (const s of readConll(path.resolve(file))) {
  const { text, starts, ends } = sentenceText(s);
  console.log(
    coveredTokens(findPhi(text, { gazetteer: lexicon }), starts, ends)
      .map((c) => (c ? 1 : 0))
      .join(''),
  );
}
