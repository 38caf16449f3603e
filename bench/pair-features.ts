// Features of every pair of similarity TSVs (workers/tasks/similarity/pair-features.ts, computed with the shipped
// embeddings model), one JSON line per pair with its gold score: the input of
// training/embeddings/graded_scorer.py, which fits the graded scorer on them.
// usage: npx tsx bench/pair-features.ts models/embeddings <in.tsv>=<out.jsonl> ...
import fs from 'node:fs';
import { embedPairs } from './eval/similarity.ts';
import { modelLocation, nodeEngine } from '../workers/runtime/node-engine.ts';
import { pairFeatures } from '../workers/tasks/similarity/pair-features.ts';
import type { WordNet } from '../workers/tasks/similarity/wordnet.ts';

const [modelPath, ...specs] = process.argv.slice(2);
if (!modelPath || specs.length === 0 || specs.some((s) => !s.includes('=')))
  throw new Error('usage: npx tsx bench/pair-features.ts <model folder> <in.tsv>=<out.jsonl> ...');
const { root, name } = modelLocation(modelPath);
const engine = nodeEngine({ modelsRoot: root, threads: 1 });
for (const spec of specs) {
  const [file, out] = spec.split('=');
  const { rows, pairs, loaded } = await embedPairs(engine, name, file);
  const wordnet = loaded.extras.wordnet as WordNet | undefined;
  const lines = pairs.map(([a, b], i) =>
    JSON.stringify({ score: Number(rows[i].score), ...pairFeatures(a, b, wordnet) }),
  );
  fs.writeFileSync(out, lines.join('\n') + '\n');
  console.error(`${out}: ${rows.length} pairs`);
}
