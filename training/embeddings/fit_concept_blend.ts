// Fits the embeddings model's concept blend (config.json medtext.concept_blend): a logistic regression
// from the lexical graded score, the same score on the concept-named texts and the concept features
// (workers/tasks/similarity/concept-pairs.ts) to the gold similarity, on dev data only:
// bench/data/clinical-pairs/dev.tsv, STS-B dev and medical-question-pairs dev, each dataset weighted
// equally except STS-B (STSB_WEIGHT, default 3). Prints, per feature set (ablation), the dev figures: fitted in-sample for STS-B and MQP,
// and 5-fold cross-validated for the clinical pairs (each fold predicted by a blend fitted without it).
// usage: npx tsx training/embeddings/fit_concept_blend.ts models/embeddings [--write]
import fs from 'node:fs';
import path from 'node:path';
import { modelLocation, nodeEngine } from '../../workers/runtime/node-engine.ts';
import { conceptBlendInputs, embedSides } from '../../workers/tasks/similarity/similarity.ts';
import { kindMetrics } from '../../bench/eval/similarity.ts';
import { round, spearman } from '../../bench/eval/metrics.ts';
import { readTsv } from '../../bench/eval/tsv.ts';

const DATA = process.env.MEDTEXT_DATA ?? path.resolve('../shared/data');
// STS-B's ranking is a bar the blend must keep: its dev set weighs this many times the others.
const STSB_WEIGHT = Number(process.env.STSB_WEIGHT ?? 3);
const DATASETS = [
  { name: 'clinical-pairs dev', file: 'bench/data/clinical-pairs/dev.tsv', scale: 5, weight: 1 },
  { name: 'stsb dev', file: path.join(DATA, 'sts/stsb/dev.tsv'), scale: 5, weight: STSB_WEIGHT },
  { name: 'mqp dev', file: path.join(DATA, 'sts/medical-question-pairs/dev.tsv'), scale: 1, weight: 1 },
];
const CONCEPT = ['concept_share', 'concept_synonym', 'concept_unshared_min'];
const CONTRA = ['contra_negation', 'contra_experiencer', 'contra_certainty'];
const ABLATIONS: Record<string, string[]> = {
  graded: ['graded_logit'],
  '+canonical': ['graded_logit', 'canonical_gain'],
  '+concepts': ['graded_logit', 'canonical_gain', ...CONCEPT],
  '+contradictions (shipped)': ['graded_logit', 'canonical_gain', ...CONCEPT, ...CONTRA],
  'no canonical': ['graded_logit', ...CONCEPT, ...CONTRA],
};
const L2 = 1e-3;
const FOLDS = 5;

interface Row {
  set: number;
  target: number;
  weight: number;
  x: Record<string, number>;
  tsv: Record<string, string>;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Weighted logistic regression with soft targets, by Newton's method on the few features. */
function fit(rows: Row[], names: string[]): { weights: number[]; bias: number } {
  const d = names.length + 1;
  const w = new Array(d).fill(0);
  const xs = rows.map((r) => [...names.map((n) => r.x[n]), 1]);
  for (let iter = 0; iter < 50; iter++) {
    const grad = new Array(d).fill(0);
    const hess = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => (i === j && i < d - 1 ? L2 : 0)));
    rows.forEach((r, k) => {
      const p = sigmoid(xs[k].reduce((s, v, i) => s + v * w[i], 0));
      for (let i = 0; i < d; i++) {
        grad[i] += r.weight * (p - r.target) * xs[k][i];
        for (let j = 0; j < d; j++) hess[i][j] += r.weight * p * (1 - p) * xs[k][i] * xs[k][j];
      }
    });
    for (let i = 0; i < d - 1; i++) grad[i] += L2 * w[i];
    const step = solve(hess, grad);
    for (let i = 0; i < d; i++) w[i] -= step[i];
    if (Math.max(...step.map(Math.abs)) < 1e-8) break;
  }
  return { weights: w.slice(0, -1).map((v) => round(v, 6)), bias: round(w[d - 1], 6) };
}

/** Gaussian elimination with partial pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    const p = m.reduce((best, _, r) => (r >= c && Math.abs(m[r][c]) > Math.abs(m[best][c]) ? r : best), c);
    [m[c], m[p]] = [m[p], m[c]];
    for (let r = 0; r < n; r++) {
      if (r === c || m[c][c] === 0) continue;
      const f = m[r][c] / m[c][c];
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  return m.map((row, i) => (row[i] === 0 ? 0 : row[n] / row[i]));
}

const predict = (model: { weights: number[]; bias: number }, names: string[], r: Row) =>
  sigmoid(names.reduce((z, n, i) => z + model.weights[i] * r.x[n], model.bias));

async function features(modelPath: string): Promise<Row[]> {
  const { root, name } = modelLocation(modelPath);
  const engine = nodeEngine({ modelsRoot: root, threads: 1 });
  const loaded = await engine.model('embeddings', { model: name });
  const rows: Row[] = [];
  for (const [set, { file, scale, weight }] of DATASETS.entries()) {
    const tsv = readTsv(file);
    const sides = await embedSides(
      loaded,
      tsv.flatMap((r) => [r.sentence1, r.sentence2]),
    );
    tsv.forEach((r, i) => {
      const { features: x } = conceptBlendInputs(loaded, sides[2 * i], sides[2 * i + 1]);
      if (!x) throw new Error(`${modelPath} has no concept table (config.json medtext.concepts)`);
      rows.push({ set, target: Number(r.score) / scale, weight: weight / tsv.length, x, tsv: r });
    });
    console.error(`${file}: ${tsv.length} pairs`);
  }
  return rows;
}

function report(rows: Row[], names: string[]) {
  const model = fit(rows, names);
  const out: Record<string, unknown> = {};
  DATASETS.forEach((d, set) => {
    const own = rows.filter((r) => r.set === set);
    const scores = own.map((r) => predict(model, names, r));
    out[d.name] = { spearman: round(spearman(scores, own.map((r) => r.target))) };
  });
  // The clinical pairs are few and fitted on: their figures here are cross-validated.
  const clinical = rows.map((r, i) => ({ r, i })).filter(({ r }) => r.set === 0);
  const cv: number[] = new Array(clinical.length);
  for (let f = 0; f < FOLDS; f++) {
    const held = new Set(clinical.filter((_, k) => k % FOLDS === f).map(({ i }) => i));
    const m = fit(
      rows.filter((_, i) => !held.has(i)),
      names,
    );
    clinical.forEach(({ r, i }, k) => {
      if (held.has(i)) cv[k] = predict(m, names, r);
    });
  }
  const gold = clinical.map(({ r }) => r.target);
  out['clinical-pairs dev (5-fold CV)'] = {
    spearman: round(spearman(cv, gold)),
    ...kindMetrics(
      clinical.map(({ r }) => r.tsv),
      cv,
    ),
  };
  return { model, out };
}

const [modelPath, flag] = process.argv.slice(2);
if (!modelPath) throw new Error('usage: npx tsx training/embeddings/fit_concept_blend.ts <model folder> [--write]');
const rows = await features(modelPath);
let shipped: { weights: number[]; bias: number } | undefined;
let shippedNames: string[] = [];
for (const [label, names] of Object.entries(ABLATIONS)) {
  const { model, out } = report(rows, names);
  console.log(JSON.stringify({ features: label, ...out }));
  if (label.includes('shipped')) [shipped, shippedNames] = [model, names];
}
if (flag === '--write' && shipped) {
  const file = path.join(modelPath, 'config.json');
  const config = JSON.parse(fs.readFileSync(file, 'utf8'));
  config.medtext.concept_blend = { features: shippedNames, ...shipped };
  fs.writeFileSync(file, JSON.stringify(config, null, 1) + '\n');
  console.error(`wrote concept_blend to ${file}: ${JSON.stringify(config.medtext.concept_blend)}`);
}
