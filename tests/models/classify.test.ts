// The shipped classifiers through the engine: well-formed outputs and quick regression floors on
// test subsets (full figures in each model card, from npm run eval).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA_ROOT, nodeEngine } from '../../workers/runtime/node-engine.ts';
import { evalClassify } from '../../bench/eval/classify.ts';

const engine = nodeEngine();

describe.each([
  ['ade', 'tc/ade-classification/test.tsv', 'macro_f1', 0.7],
  ['note-specialty', 'tc/mtsamples/test.tsv', 'micro_f1', 0.6],
] as const)('%s model (q8, onnxruntime-node)', (model, data, metric, floor) => {
  it('scores every label with a probability', async () => {
    const [result] = await engine.classify(['Intravenous azithromycin-induced ototoxicity in a 45-year-old woman.'], {
      model,
    });
    const info = (await engine.models()).find((m) => m.name === model)!;
    expect(result.labels.map((l) => l.label).sort()).toEqual([...info.labels].sort());
    for (const l of result.labels) expect(l.score).toBeGreaterThanOrEqual(0);
    for (const l of result.labels) expect(l.score).toBeLessThanOrEqual(1);
    // Sorted by score, best first.
    expect(result.labels.map((l) => l.score)).toEqual([...result.labels.map((l) => l.score)].sort((a, b) => b - a));
  });

  const file = path.join(DATA_ROOT, data);
  it.skipIf(!existsSync(file))(`quick ${data} subset stays above its floor`, async () => {
    const r = await evalClassify(engine, model, file, 200);
    expect(r[metric]).toBeGreaterThan(floor);
  });
});
