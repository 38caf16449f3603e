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

// A discharge summary whose only adverse drug event is in its fourth paragraph, past the first
// 128 sub-words that the ade model would read of the note as one sequence.
const NOTE = [
  'DISCHARGE SUMMARY\n\nAdmission diagnosis: Cellulitis of the right forearm.',
  'HISTORY: 46-year-old man with type 2 diabetes and hypertension who presented with three days of spreading redness, swelling and pain of the right forearm after a cat scratch. He had a temperature of 38.4 C and a white count of 14,000.',
  'HOSPITAL COURSE: He was started on intravenous cefazolin and the arm was elevated. Blood cultures stayed negative. The redness receded over the first 48 hours and his fever resolved.',
  'On day 3 he was changed to oral amoxicillin-clavulanate. The next morning he developed a diffuse itchy hive-like rash over the chest and back after the first doses of amoxicillin-clavulanate, which was stopped; the rash faded with oral cetirizine.',
  'DISCHARGE MEDICATIONS: Doxycycline 100 mg twice daily for 5 days, metformin 1000 mg twice daily, amlodipine 5 mg daily.\n\nFOLLOW-UP: Primary care in one week.',
].join('\n\n');

describe('ade model on a whole note (sentence by sentence)', () => {
  it('finds the adverse drug event in the fourth paragraph and lists its sentence', async () => {
    const [result] = await engine.classify([NOTE], { model: 'ade' });
    expect(result.model).toBe('ade');
    expect(result.reads?.unit).toBe('sentences');
    expect(result.reads?.sequences).toBeGreaterThan(8);
    expect(result.labels.find((l) => l.selected)?.label).toBe('ADE');
    const fourth = NOTE.indexOf('On day 3');
    const evidence = result.evidence ?? [];
    expect(evidence.length).toBeGreaterThan(0);
    for (const e of evidence) expect(NOTE.slice(e.start, e.end)).toBe(e.text);
    const rash = evidence.find((e) => e.text.includes('itchy hive-like rash'));
    expect(rash?.start).toBeGreaterThan(fourth);
    expect(rash?.label).toBe('ADE');
    // The note's ADE score is its highest sentence's.
    expect(result.labels.find((l) => l.label === 'ADE')?.score).toBe(Math.max(...evidence.map((e) => e.score)));
  });

  it('read as one sequence, the note is cut before the event (what the app did before)', async () => {
    const [result] = await engine.classify([NOTE], { model: 'ade', reads: 'text' });
    expect(result.reads).toEqual({ unit: 'text', maxSubwords: 128, sequences: 1, truncated: 1 });
    expect(result.labels.find((l) => l.selected)?.label).toBe('noADE');
    expect(result.evidence).toBeUndefined();
  });

  it('a single sentence gets the same scores either way', async () => {
    const sentence = 'Intravenous azithromycin-induced ototoxicity in a 45-year-old woman.';
    const [bySentence] = await engine.classify([sentence], { model: 'ade' });
    const [whole] = await engine.classify([sentence], { model: 'ade', reads: 'text' });
    expect(bySentence.labels).toEqual(whole.labels);
    expect(bySentence.evidence?.map((e) => e.text)).toEqual([sentence]);
  });

  it('note-specialty reads the whole note as one sequence of up to 2048 sub-words', async () => {
    const [result] = await engine.classify([NOTE], { model: 'note-specialty' });
    expect(result.reads).toEqual({ unit: 'text', maxSubwords: 2048, sequences: 1, truncated: 0 });
  });
});
