// Per-token coverage of the app's PHI patterns on a CoNLL file, one 0/1 line per sentence: the input
// of training/deid_calibrate.py (which picks the model's O-logit offset for model ∪ patterns).
// usage: npx tsx bench/deid-pattern-coverage.ts ../shared/data/ner/deid-physionet/devel.tsv > training/work/runs/deid_patcov_devel.txt
import path from 'node:path';
import { findPhi } from '../workers/text/phi.ts';
import { coveredTokens } from './eval/deid.ts';
import { sentenceText } from './eval/ner.ts';
import { readConll } from './eval/tsv.ts';

const [file] = process.argv.slice(2);
if (!file) throw new Error('usage: npx tsx bench/deid-pattern-coverage.ts <file.tsv>');
for (const s of readConll(path.resolve(file))) {
  const { text, starts, ends } = sentenceText(s);
  console.log(
    coveredTokens(findPhi(text), starts, ends)
      .map((c) => (c ? 1 : 0))
      .join(''),
  );
}
