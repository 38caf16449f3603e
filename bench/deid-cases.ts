// De-identification on short test cases in the style of other projects' suites (bench/data/deid-cases):
// every identifier format (cards, licences, MBI, passports, IPs, NPI/DEA, SSN forms, timestamps,
// domains, ZIPs, phones, ages over 89, names, facilities) and negatives that must survive (greetings,
// drugs, times, doses, labs, vitals). Runs the command line's deid task (the app's engine) and reports
// identifiers fully redacted per format, protected words that survive, and false-positive spans per type.
// Usage: npx tsx bench/deid-cases.ts [CASES_DIR] [--details]
import { parseArgs } from 'node:util';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { runTask } from '../cli/tasks.ts';
import { nodeEngine } from '../workers/runtime/node-engine.ts';
import { scoreCases, type DeidCase } from './deid-cases-score.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { details: { type: 'boolean' } },
});
const dir = positionals[0] ?? path.join(import.meta.dirname, 'data/deid-cases');
const cases: DeidCase[] = readdirSync(dir)
  .filter((f) => f.endsWith('.jsonl'))
  .sort()
  .flatMap((f) =>
    readFileSync(path.join(dir, f), 'utf8')
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line) as DeidCase),
  );
const engine = nodeEngine();
const results = await runTask(
  engine,
  'deid',
  cases.map((c) => ({ id: c.id, text: c.text })),
  { mode: 'tags' },
);
const report = scoreCases(
  cases,
  results.map((r) => (r as unknown as { spans: { start: number; end: number; type: string }[] }).spans),
);

const pct = (n: number, d: number) => (d ? `${n}/${d} (${((100 * n) / d).toFixed(1)}%)` : '0/0');
console.log(`cases: ${cases.length}`);
console.log(`identifiers fully redacted: ${pct(report.redacted, report.identifiers)}`);
for (const [kind, t] of Object.entries(report.byKind)) console.log(`  ${kind.padEnd(24)} ${pct(t.redacted, t.total)}`);
console.log(`protected words surviving: ${pct(report.survived, report.keep)}`);
console.log(`false-positive spans: ${report.falsePositives.length}`);
for (const [type, n] of Object.entries(report.falsePositivesByType)) console.log(`  ${type.padEnd(24)} ${n}`);
if (values.details) {
  for (const m of report.missed) console.log(`MISSED ${m.id} ${m.kind} ${JSON.stringify(m.text)}`);
  for (const d of report.damaged) console.log(`DAMAGED ${d.id} ${JSON.stringify(d.text)}`);
  for (const f of report.falsePositives) console.log(`FP ${f.id} ${f.type} ${JSON.stringify(f.text)}`);
}
console.log(
  JSON.stringify({
    cases: cases.length,
    identifiers: report.identifiers,
    fully_redacted: +(report.redacted / report.identifiers).toFixed(4),
    keep_survival: +(report.survived / report.keep).toFixed(4),
    false_positive_spans: report.falsePositives.length,
  }),
);
