// De-identification on realistic notes: runs the command line's deid task (the app's engine) over
// a folder of notes annotated as in ../shared/data/deid-notes (NN.txt + NN.json) and scores it with
// that set's own scorer: entity recall of identifiers (years neutral), survival of protected words.
// Usage: npx tsx bench/deid-notes.ts [NOTES_DIR] [--details FILE] [--per-note]
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runTask } from '../cli/tasks.ts';
import { DATA_ROOT, nodeEngine } from '../workers/runtime/node-engine.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { details: { type: 'string' }, 'per-note': { type: 'boolean' }, 'max-list': { type: 'string' } },
});
const dir = positionals[0] ?? path.join(DATA_ROOT, 'deid-notes/dev');
const scorer = path.join(DATA_ROOT, 'deid-notes/score.py');
const out = mkdtempSync(path.join(tmpdir(), 'deid-notes-'));
const engine = nodeEngine();
const notes = readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .sort();
const started = Date.now();
for (const file of notes) {
  const text = readFileSync(path.join(dir, file), 'utf8');
  const [result] = await runTask(engine, 'deid', [{ id: file, text }], { mode: 'tags' });
  writeFileSync(path.join(out, file.replace(/\.txt$/, '.json')), JSON.stringify({ spans: result.spans }));
}
const seconds = (Date.now() - started) / 1000;
const extra = [
  ...(values.details ? ['--details', values.details] : []),
  ...(values['per-note'] ? ['--per-note'] : []),
  '--max-list',
  values['max-list'] ?? '0',
];
// The scorer reads the gold annotations beside the notes; point it at this folder.
const report = execFileSync('python3', [scorer, out, '--exclude-years', '--gold', dir, ...extra], { encoding: 'utf8' });
process.stdout.write(report);
process.stderr.write(`${notes.length} notes in ${seconds.toFixed(1)} s; predictions in ${out}\n`);
