// Evaluates the ConText-style assertion engine on the NegEx/ConText test set (TSV:
// label, negation, temporality, experiencer, target, sentence).
import { readFile } from 'node:fs/promises';
import type { Span } from '../../workers/api.ts';
import { assertSpansDetailed } from '../../workers/text/assertion.ts';
import { escapeRegex } from '../../workers/text/regex.ts';

export interface AssertionRow {
  label: string;
  negation: string;
  temporality: string;
  experiencer: string;
  target: string;
  sentence: string;
}

export function parseAssertionTsv(tsv: string): AssertionRow[] {
  const lines = tsv.split(/\r?\n/).filter((line) => line.trim() !== '');
  const header = lines.shift()?.split('\t') ?? [];
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`assertion TSV lacks column "${name}"`);
    return i;
  };
  const idx = ['label', 'negation', 'temporality', 'experiencer', 'target', 'sentence'].map(col);
  return lines.map((line) => {
    const cells = line.split('\t');
    const [label, negation, temporality, experiencer, target, sentence] = idx.map((i) => cells[i] ?? '');
    return { label, negation, temporality, experiencer, target, sentence };
  });
}

/** Locates the target in its sentence: case-insensitive, then ignoring spacing/punctuation. */
export function locateTarget(sentence: string, target: string): Span | undefined {
  const at = sentence.toLowerCase().indexOf(target.toLowerCase());
  if (at >= 0 && target.length > 0) return { start: at, end: at + target.length };
  const words = target.match(/[\p{L}\p{N}]+/gu);
  if (!words) return undefined;
  const loose = new RegExp(words.map(escapeRegex).join('[^\\p{L}\\p{N}]+'), 'iu');
  const m = loose.exec(sentence);
  return m ? { start: m.index, end: m.index + m[0].length } : undefined;
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
  support: number;
}

const round = (x: number): number => Math.round(x * 10000) / 10000;

export async function evalAssertion(dataPath: string): Promise<Record<string, unknown>> {
  const rows = parseAssertionTsv(await readFile(dataPath, 'utf8'));
  let correct = 0;
  let negationCorrect = 0;
  let temporalityCorrect = 0;
  let experiencerCorrect = 0;
  let targetsNotFound = 0;
  const perLabel = new Map<string, Counts>();
  const counts = (label: string): Counts => {
    let c = perLabel.get(label);
    if (!c) perLabel.set(label, (c = { tp: 0, fp: 0, fn: 0, support: 0 }));
    return c;
  };
  const confusion: Record<string, Record<string, number>> = {};
  const predictions: { index: number; predicted: string }[] = [];

  for (const row of rows) {
    let span = locateTarget(row.sentence, row.target);
    if (!span) {
      targetsNotFound++;
      span = { start: 0, end: row.sentence.length }; // whole sentence, as documented
    }
    const detail = assertSpansDetailed(row.sentence, [span])[0];
    const predicted = detail.assertion;
    predictions.push({ index: predictions.length, predicted });
    if (predicted === row.label) correct++;
    // Negation is scored on the folded label (as specified); temporality and experiencer on their own
    // dimensions, so "denied in the past" can be both negated and historical.
    if ((predicted === 'negated') === (row.negation === 'negated')) negationCorrect++;
    if (detail.temporality === row.temporality) temporalityCorrect++;
    if (detail.experiencer === (row.experiencer === 'patient' ? 'patient' : 'family')) experiencerCorrect++;
    counts(row.label).support++;
    if (predicted === row.label) counts(row.label).tp++;
    else {
      counts(row.label).fn++;
      counts(predicted).fp++;
    }
    (confusion[row.label] ??= {})[predicted] = (confusion[row.label][predicted] ?? 0) + 1;
  }

  const n = rows.length;
  const per_label: Record<string, { precision: number; recall: number; f1: number; support: number }> = {};
  for (const [label, c] of [...perLabel].sort()) {
    const precision = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 0;
    const recall = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    per_label[label] = { precision: round(precision), recall: round(recall), f1: round(f1), support: c.support };
  }
  return {
    task: 'assertion',
    data: dataPath,
    n,
    accuracy: round(n ? correct / n : 0),
    negation_accuracy: round(n ? negationCorrect / n : 0),
    temporality_accuracy: round(n ? temporalityCorrect / n : 0),
    experiencer_accuracy: round(n ? experiencerCorrect / n : 0),
    per_label,
    confusion,
    targets_not_found: targetsNotFound,
    predictions,
  };
}
