// medtext on the command line: `medtext <task> [options] FILE...` runs the app's engine in Node
// (onnxruntime-node) over text files, CSV/TSV rows or JSON Lines on stdin, and writes one JSON line
// per record, in input order. Records go through in bounded batches, so an endless stream runs in
// bounded memory and the command can be a stage of a larger pipeline (Spark RDD.pipe, Hadoop Streaming).
import { parseArgs } from 'node:util';
import type { Engine } from '../workers/engine.ts';
import { nodeEngine } from '../workers/runtime/node-engine.ts';
import { openForeignModel } from '../workers/runtime/node-foreign-model.ts';
import { TASK_CATALOGUE } from '../workers/tasks/catalogue.ts';
import type { DeidMode } from '../workers/api.ts';
import { readInputs, type BadRecord, type InputRecord } from './inputs.ts';
import { CsvWriter, Progress } from './output.ts';
import { COMMANDS, commandOf, runTask, type CliTask, type Result } from './tasks.ts';

const USAGE = `Usage: medtext <task> [options] FILE...   (FILE "-": JSON Lines on stdin, one {"id", "text"} per line)

Tasks:
${Object.entries(COMMANDS)
  .map(([task, command]) => `  ${task.padEnd(11)} ${command.describe}`)
  .join('\n')}

Options:
  --json               deid: print JSON Lines (the default for every other task and for stdin/CSV input)
  --mode MODE          deid: tags (default) or surrogates
  --model NAME|DIR     a model name in the models folder, or a model folder in Hugging Face layout
                       (checked first; docs/own-models.md)
  --models DIR         the models folder (default: the package's models/)
  --text-column NAME   CSV/TSV: the column holding the text (default "text")
  --id-column NAME     CSV/TSV: the column holding the record id (default: file:row)
  --pair-column NAME   CSV/TSV, similarity: the column holding the second text
  --csv FILE           also write a flat CSV (one row per entity/span, formula-safe)
  --batch N            records per batch (default 32)
  --threads N          ONNX Runtime threads (default: all cores)
  -h, --help           this text

Output: one JSON object per input record on stdout, in input order, with "id" and character offsets
(UTF-16 code units, end exclusive) into that record's original text. A record that cannot be read is
reported on stderr and skipped; the exit status is then 3. Bad usage or an unreadable file: status 2.`;

class UsageError extends Error {}

interface CliArgs {
  task: CliTask;
  inputs: string[];
  json: boolean;
  mode: DeidMode;
  model?: string;
  modelsRoot?: string;
  textColumn?: string;
  idColumn?: string;
  pairColumn?: string;
  csv?: string;
  batch: number;
  threads?: number;
}

function parse(argv: string[]): CliArgs | null {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      mode: { type: 'string', default: 'tags' },
      model: { type: 'string' },
      models: { type: 'string' },
      'text-column': { type: 'string' },
      'id-column': { type: 'string' },
      'pair-column': { type: 'string' },
      csv: { type: 'string' },
      batch: { type: 'string', default: '32' },
      threads: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return null;
  const [task, ...inputs] = positionals;
  if (!task) throw new UsageError('Name a task.');
  if (!commandOf(task)) throw new UsageError(`Unknown task "${task}"; tasks: ${Object.keys(COMMANDS).join(', ')}.`);
  if (inputs.length === 0) throw new UsageError('Give at least one input file, or "-" to read JSON Lines from stdin.');
  if (values.mode !== 'tags' && values.mode !== 'surrogates')
    throw new UsageError(`--mode must be "tags" or "surrogates", not "${values.mode}".`);
  const batch = Number(values.batch);
  if (!Number.isInteger(batch) || batch < 1) throw new UsageError('--batch must be a positive whole number.');
  const threads = values.threads === undefined ? undefined : Number(values.threads);
  if (threads !== undefined && (!Number.isInteger(threads) || threads < 1))
    throw new UsageError('--threads must be a positive whole number.');
  return {
    task: task as CliTask,
    inputs,
    json: values.json,
    mode: values.mode,
    model: values.model,
    modelsRoot: values.models,
    textColumn: values['text-column'],
    idColumn: values['id-column'],
    pairColumn: values['pair-column'],
    csv: values.csv,
    batch,
    threads,
  };
}

/** The engine for the run: a --model that is a folder path is checked first (foreign-model.ts) and used alone. */
async function engineFor(args: CliArgs): Promise<{ engine: Engine; model?: string }> {
  if (!args.model || !/[/\\]/.test(args.model))
    return { engine: nodeEngine({ modelsRoot: args.modelsRoot, threads: args.threads }), model: args.model };
  const folder = await openForeignModel(args.model);
  if (!folder.check.ok)
    throw new UsageError(
      `${args.model} cannot be used as a model:\n${folder.check.problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  const { kind, tasks } = folder.check.model;
  if (!tasks.includes(args.task))
    throw new UsageError(
      `${args.model} is a model for ${kind}; "${args.task}" ` +
        (TASK_CATALOGUE[args.task].model ? `runs ${TASK_CATALOGUE[args.task].model} models.` : 'uses no model.') +
        (tasks.length > 0 ? ` It serves: ${tasks.join(', ')}.` : ''),
    );
  return { engine: nodeEngine({ files: folder.files, threads: args.threads }), model: folder.name };
}

function write(line: string): Promise<void> {
  // Respect back-pressure: a slow reader downstream must not make stdout buffer the whole archive.
  return new Promise((resolve) => (process.stdout.write(line) ? resolve() : process.stdout.once('drain', resolve)));
}

async function main(argv: string[]): Promise<number> {
  const args = parse(argv);
  if (!args) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  const { engine, model } = await engineFor(args);
  // Plain text out only where it is unambiguous: deid of text files without --json.
  const plainText =
    args.task === 'deid' && !args.json && args.inputs.every((f) => f !== '-' && !/\.(csv|tsv)$/i.test(f));
  const csv = args.csv ? new CsvWriter(args.csv, commandOf(args.task)!) : null;
  const total = args.inputs.every((f) => f !== '-' && !/\.(csv|tsv)$/i.test(f)) ? args.inputs.length : null;
  const progress = new Progress(total);
  let skipped = 0;

  const flush = async (batch: InputRecord[]) => {
    if (batch.length === 0) return;
    const results: Result[] = await runTask(engine, args.task, batch, { model, mode: args.mode });
    for (const result of results) {
      if (plainText) await write((args.inputs.length > 1 ? `==> ${result.id} <==\n` : '') + String(result.text));
      else await write(JSON.stringify(result) + '\n');
    }
    csv?.write(results);
    progress.advance(batch.length);
  };

  let batch: InputRecord[] = [];
  const opts = { textColumn: args.textColumn, idColumn: args.idColumn, pairColumn: args.pairColumn };
  for await (const record of readInputs(args.inputs, opts)) {
    if ('bad' in record) {
      skipped++;
      process.stderr.write(`medtext: skipped ${(record as BadRecord).where}: ${(record as BadRecord).bad}\n`);
      continue;
    }
    batch.push(record);
    if (batch.length >= args.batch) {
      await flush(batch);
      batch = [];
    }
  }
  await flush(batch);
  progress.finish();
  await csv?.close();
  if (skipped) process.stderr.write(`medtext: ${skipped} record(s) skipped (see above).\n`);
  // For tests and capacity planning: the peak resident memory of the whole run.
  if (process.env.MEDTEXT_REPORT_MEMORY)
    process.stderr.write(`medtext: peak memory ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB\n`);
  return skipped ? 3 : 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    const usage = err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(`medtext: ${err instanceof Error ? err.message : String(err)}\n`);
    if (usage) process.stderr.write('Run "medtext --help" for usage.\n');
    process.exitCode = 2;
  },
);
