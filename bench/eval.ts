// npm run eval -- --task <ner|classify|sts|pair|assertion|deid> --model models/<name> --data <file> [--dtype q8|fp32] [--limit N]
//   [--per-text N]: ner and deid on texts of N consecutive sentences (how the app meets a whole abstract or
//   note: deid joins them by line breaks, ner by spaces), scored per sentence as without it.
// [--reads text|sentences]: classify: how the model reads each text (default: its config's window).
// [--predictions FILE]: also writes one prediction per input item (per sentence for ner and deid), in
//   input order, as JSON Lines (format in bench/eval/predictions.ts and README.md).
// Prints progress on stderr and one JSON object as the last line of stdout.
import { parseArgs } from 'node:util';
import path from 'node:path';
import type { Dtype, ReadingUnit } from '../workers/api.ts';
import { evalClassify } from './eval/classify.ts';
import { evalNer } from './eval/ner.ts';
import { evalPair, evalSts } from './eval/similarity.ts';
import { writePredictions, type Prediction } from './eval/predictions.ts';
import { modelLocation, nodeEngine } from '../workers/runtime/node-engine.ts';

const { values } = parseArgs({
  options: {
    task: { type: 'string' },
    model: { type: 'string' },
    data: { type: 'string' },
    dtype: { type: 'string', default: 'q8' },
    limit: { type: 'string' },
    'per-text': { type: 'string', default: '1' },
    predictions: { type: 'string' },
    reads: { type: 'string' },
  },
});

async function main() {
  const { predictions, ...summary } = await evaluate();
  if (values.predictions) {
    // ner and deid count sentences, the other tasks items: the file must have one line per input item.
    const items = Number(summary.n_sentences ?? summary.n);
    writePredictions(path.resolve(values.predictions), predictions as Prediction[], items);
    console.error(`wrote ${items} predictions to ${values.predictions}`);
  }
  return summary;
}

async function evaluate(): Promise<Record<string, unknown>> {
  const { task, data } = values;
  if (!task || !data)
    throw new Error(
      'usage: npm run eval -- --task <ner|classify|sts|pair|assertion|deid> --model models/<name> --data <file.tsv>',
    );
  const limit = values.limit ? Number(values.limit) : undefined;
  const perText = Number(values['per-text']);
  if (!Number.isInteger(perText) || perText < 1)
    throw new Error('--per-text takes a whole number of sentences (1 or more)');
  const dataPath = path.resolve(data);
  if (task === 'assertion') {
    const { evalAssertion } = await import('./eval/assertion.ts');
    return evalAssertion(dataPath);
  }
  if (task === 'deid') {
    // Without --model (or without models/deid) the app's pattern-only path is evaluated.
    const { evalDeid } = await import('./eval/deid.ts');
    const loc = values.model ? modelLocation(values.model) : undefined;
    const engine = nodeEngine({ modelsRoot: loc?.root, dtype: values.dtype as Dtype });
    return {
      model: values.model ?? null,
      data: dataPath,
      ...(await evalDeid(engine, loc?.name, dataPath, limit, perText)),
    };
  }
  if (!values.model) throw new Error('--model is required for this task');
  const { root, name } = modelLocation(values.model);
  const engine = nodeEngine({ modelsRoot: root, dtype: values.dtype as Dtype });
  const base = { model: values.model, data: dataPath, dtype: values.dtype };
  switch (task) {
    case 'ner':
      return { ...base, ...(await evalNer(engine, name, dataPath, limit, perText)) };
    case 'classify':
      return { ...base, ...(await evalClassify(engine, name, dataPath, limit, readsOption())) };
    case 'sts':
      return { ...base, ...(await evalSts(engine, name, dataPath, limit)) };
    case 'pair':
      return { ...base, ...(await evalPair(engine, name, dataPath, limit)) };
    default:
      throw new Error(`unknown task "${task}"`);
  }
}

function readsOption(): ReadingUnit | undefined {
  const { reads } = values;
  if (reads !== undefined && reads !== 'text' && reads !== 'sentences')
    throw new Error('--reads takes "text" or "sentences"');
  return reads;
}

main().then(
  (result) => console.log(JSON.stringify(result)),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
