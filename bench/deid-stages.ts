// Where de-identification finds and loses PHI on a CoNLL file (deid-physionet train or devel; never
// the test split, which is measured once with `npm run eval`): token recall and precision of the
// tagger alone, the recognizers alone, both united as found, and the app's full path (deid.ts: name,
// place and protection rules), per gold type; then the gold tokens the full path misses, those it
// loses against tagger ∪ recognizers first, each with its line.
// Usage: npx tsx bench/deid-stages.ts FILE.tsv [--per-text N] [--limit N] [--list N]
import { parseArgs } from 'node:util';
import path from 'node:path';
import type { Span } from '../workers/api.ts';
import { nodeEngine } from '../workers/runtime/node-engine.ts';
import { tagText } from '../workers/runtime/tagging.ts';
import { deidentify } from '../workers/tasks/deid/deid.ts';
import { findPhi } from '../workers/tasks/deid/phi.ts';
import { coveredTokens } from './eval/deid.ts';
import { prf, round } from './eval/metrics.ts';
import { joinSentences } from './eval/ner.ts';
import { readConll } from './eval/tsv.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'per-text': { type: 'string', default: '20' }, limit: { type: 'string' }, list: { type: 'string' } },
});
if (!positionals[0]) throw new Error('usage: npx tsx bench/deid-stages.ts FILE.tsv [--per-text N] [--limit N]');
const sentences = readConll(path.resolve(positionals[0])).slice(0, values.limit ? Number(values.limit) : undefined);
const { texts, joined } = joinSentences(sentences, Number(values['per-text']), '\n');
const model = await nodeEngine().model('deid');

const STAGES = ['tagger', 'recognizers', 'tagger+recognizers', 'app'] as const;
type Stage = (typeof STAGES)[number];
const found: Record<Stage, Span[][]> = { tagger: [], recognizers: [], 'tagger+recognizers': [], app: [] };
for (const text of texts) {
  const tagged = await tagText(model, text);
  const recognized = findPhi(text, { gazetteer: model.lexicon });
  found.tagger.push(tagged);
  found.recognizers.push(recognized);
  found['tagger+recognizers'].push([...tagged, ...recognized]);
  found.app.push((await deidentify(model, text)).spans);
}

const counts = Object.fromEntries(
  STAGES.map((s) => [s, { tp: 0, fp: 0, fn: 0, byType: {} as Record<string, number> }]),
);
const goldByType: Record<string, number> = {};
const missed: { lost: boolean; type: string; token: string; line: string }[] = [];
sentences.forEach((s, i) => {
  const { text: k, starts, ends } = joined[i];
  const covered = Object.fromEntries(STAGES.map((st) => [st, coveredTokens(found[st][k], starts, ends)]));
  const line = texts[k].slice(starts[0], ends.at(-1));
  s.tags.forEach((tag, t) => {
    const type = tag === 'O' ? 'O' : tag.slice(2);
    if (type !== 'O') goldByType[type] = (goldByType[type] ?? 0) + 1;
    for (const st of STAGES) {
      const c = counts[st];
      if (type !== 'O' && covered[st][t]) {
        c.tp++;
        c.byType[type] = (c.byType[type] ?? 0) + 1;
      } else if (type !== 'O') c.fn++;
      else if (covered[st][t]) c.fp++;
    }
    if (type !== 'O' && !covered.app[t])
      missed.push({ lost: covered['tagger+recognizers'][t], type, token: s.tokens[t], line });
  });
});

for (const st of STAGES) {
  const { tp, fp, fn, byType } = counts[st];
  const m = prf(tp, fp, fn);
  const perType = Object.entries(goldByType)
    .sort((a, b) => b[1] - a[1])
    .map(([type, n]) => `${type} ${round((byType[type] ?? 0) / n)}`)
    .join(', ');
  console.log(`${st.padEnd(20)} recall ${round(m.recall)} precision ${round(m.precision)} (fp ${fp}) | ${perType}`);
}
const list = Number(values.list ?? 200);
missed.sort((a, b) => Number(b.lost) - Number(a.lost) || a.type.localeCompare(b.type));
console.log(
  `\nmissed by the app: ${missed.length} (lost against tagger+recognizers: ${missed.filter((m) => m.lost).length})`,
);
for (const m of missed.slice(0, list))
  console.log(`${m.lost ? 'LOST' : 'MISS'} ${m.type.padEnd(18)} ${JSON.stringify(m.token)}\t${m.line}`);
