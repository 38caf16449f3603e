// Text classification evaluation: label<TAB>text, several labels joined by "|"; or JSON Lines of
// {"label","text"} for texts with line breaks (whole notes).
import { readFileSync } from 'node:fs';
import type { ReadingUnit } from '../../workers/api.ts';
import type { Engine } from '../../workers/engine.ts';
import { prf, round } from './metrics.ts';
import { readTsv } from './tsv.ts';

export function readLabelledTexts(file: string): { label: string; text: string }[] {
  if (!file.endsWith('.jsonl')) return readTsv(file).map((r) => ({ label: r.label, text: r.text }));
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const { label, text } = JSON.parse(line) as { label?: unknown; text?: unknown };
      if (typeof label !== 'string' || typeof text !== 'string') throw new Error(`${file}: a line lacks label or text`);
      return { label, text };
    });
}

/** `reads` overrides how the model reads each text (default: its config's window). */
export async function evalClassify(engine: Engine, model: string, file: string, limit?: number, reads?: ReadingUnit) {
  const rows = readLabelledTexts(file).slice(0, limit);
  const gold = rows.map((r) => new Set(r.label.split('|').filter(Boolean)));
  const started = performance.now();
  const results = await engine.classify(
    rows.map((r) => r.text),
    { model, reads },
  );
  const pred = results.map((r) => new Set(r.labels.filter((l) => l.selected).map((l) => l.label)));
  const labels = new Set<string>();
  gold.forEach((g) => g.forEach((l) => labels.add(l)));
  const perLabel: Record<string, number> = {};
  const total = { tp: 0, fp: 0, fn: 0 };
  let exact = 0;
  for (const label of labels) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    gold.forEach((g, i) => {
      const p = pred[i].has(label);
      if (p && g.has(label)) tp++;
      else if (p) fp++;
      else if (g.has(label)) fn++;
    });
    total.tp += tp;
    total.fp += fp;
    total.fn += fn;
    perLabel[label] = round(prf(tp, fp, fn).f1);
  }
  // Predictions of labels absent from the gold file still count as false positives.
  pred.forEach((p, i) => p.forEach((l) => !labels.has(l) && !gold[i].has(l) && total.fp++));
  gold.forEach((g, i) => (g.size === pred[i].size && [...g].every((l) => pred[i].has(l)) ? exact++ : 0));
  const f1s = Object.values(perLabel);
  return {
    task: 'classify',
    n: rows.length,
    reads: results[0]?.reads?.unit,
    ...(results.some((r) => r.reads?.truncated)
      ? { texts_truncated: results.filter((r) => r.reads?.truncated).length }
      : {}),
    accuracy: round(exact / rows.length),
    micro_f1: round(prf(total.tp, total.fp, total.fn).f1),
    macro_f1: round(f1s.reduce((a, b) => a + b, 0) / f1s.length),
    per_label_f1: perLabel,
    seconds: round((performance.now() - started) / 1000, 1),
    predictions: results.map((r, index) => ({
      index,
      predicted: r.labels.filter((l) => l.selected).map((l) => l.label),
      labels: r.labels.map(({ label, score }) => ({ label, score })),
    })),
  };
}
