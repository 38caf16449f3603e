// Diagnostic: de-identification on pseudo-notes — blocks of N consecutive segments of a CoNLL file
// joined by newlines, as the app sees a whole note (windows packed with sentences) — against the
// eval's one segment at a time. Token-level PHI recall and precision as in bench/eval/deid.ts.
// usage: npx tsx bench/deid-notes.ts <model folder> <file.tsv> [segments per note, default 20]
import { coveredTokens } from './eval/deid.ts';
import { prf } from './eval/metrics.ts';
import { sentenceText } from './eval/ner.ts';
import { readConll } from './eval/tsv.ts';
import { modelLocation, nodeEngine } from './node-engine.ts';

const [modelPath, file, perNote = '20'] = process.argv.slice(2);
if (!modelPath || !file) throw new Error('usage: npx tsx bench/deid-notes.ts <model folder> <file.tsv> [segments]');
const location = modelLocation(modelPath);
const engine = nodeEngine({ modelsRoot: location.root });
const segments = readConll(file);
const size = Number(perNote);
let [tp, fp, fn] = [0, 0, 0];
for (let first = 0; first < segments.length; first += size) {
  let text = '';
  const tokens: { start: number; end: number; gold: boolean }[] = [];
  for (const s of segments.slice(first, first + size)) {
    const { text: line, starts, ends } = sentenceText(s);
    const offset = text.length;
    s.tags.forEach((t, i) => tokens.push({ start: offset + starts[i], end: offset + ends[i], gold: t !== 'O' }));
    text += `${line}\n`;
  }
  const { spans } = await engine.deid(text, { model: location.name, mode: 'tags' });
  const covered = coveredTokens(
    spans,
    tokens.map((t) => t.start),
    tokens.map((t) => t.end),
  );
  tokens.forEach((t, i) => {
    if (t.gold && covered[i]) tp++;
    else if (covered[i]) fp++;
    else if (t.gold) fn++;
  });
}
const { recall, precision } = prf(tp, fp, fn);
console.log(JSON.stringify({ notes: Math.ceil(segments.length / size), segments_per_note: size, recall, precision }));
process.exit(0);
