// Command-line throughput (`cli_notes_per_s`): MTSamples notes streamed as JSON Lines through
// `medtext entities` and `medtext classify` (note-specialty), each a child process as a pipeline
// stage would run it; notes per second for both tasks together, start-up included.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { readTsv } from '../eval/tsv.ts';

export interface CliThroughput {
  notes: number;
  /** Wall time of each command, model loading included. */
  entities_ms: number;
  classify_ms: number;
  notes_per_s: number;
}

function timeCommand(repoRoot: string, args: string[], input: string): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args, '-'], { cwd: repoRoot });
  let stderr = '';
  let lines = 0;
  child.stdout.on('data', (d: Buffer) => (lines += d.toString().split('\n').length - 1));
  child.stderr.on('data', (d) => (stderr += d));
  child.stdin.end(input);
  return new Promise((resolve, reject) =>
    child.on('close', (code) => {
      const expected = input.split('\n').length - 1;
      if (code !== 0 || lines !== expected)
        reject(new Error(`medtext ${args.join(' ')}: status ${code}, ${lines}/${expected} results. ${stderr.trim()}`));
      else resolve(performance.now() - started);
    }),
  );
}

export async function cliThroughput(repoRoot: string, dataRoot: string, notes: number): Promise<CliThroughput> {
  // 1,000 notes need more than the test split's 249: test first, then dev and train.
  const splits = ['test', 'dev', 'train'].map((s) => path.join(dataRoot, `tc/mtsamples/${s}.tsv`));
  const rows = splits.flatMap((f) => readTsv(f)).slice(0, notes);
  const input = rows.map((r, i) => JSON.stringify({ id: `mts-${i}`, text: r.text }) + '\n').join('');
  const entities_ms = await timeCommand(repoRoot, ['entities'], input);
  const classify_ms = await timeCommand(repoRoot, ['classify', '--model', 'note-specialty'], input);
  return {
    notes: rows.length,
    entities_ms: Math.round(entities_ms),
    classify_ms: Math.round(classify_ms),
    notes_per_s: Math.round((rows.length / ((entities_ms + classify_ms) / 1000)) * 10) / 10,
  };
}
