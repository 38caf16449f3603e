// Where the command line's records come from: text files (one record each), CSV/TSV files (one
// record per row) and JSON Lines on stdin. Records stream in input order, so memory stays bounded.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import Papa from 'papaparse';
import { decodeText } from '../workers/text/decode.ts';

export { decodeText };

/** One input item: its id, its text and, for pair tasks, a second text. */
export interface InputRecord {
  id: string;
  text: string;
  /** Second text of a pair (similarity). */
  textPair?: string;
  /** The text file it came from, if any. */
  file?: string;
  /** Any other fields of a JSON Lines record, passed through to tasks that read them (e.g. `target`). */
  fields?: Record<string, unknown>;
}

/** A record that could not be read: reported on stderr and skipped, never dropped silently. */
export interface BadRecord {
  bad: string;
  where: string;
}

export interface InputOptions {
  textColumn?: string;
  idColumn?: string;
  pairColumn?: string;
  stdin?: NodeJS.ReadableStream;
}

function isTable(file: string): boolean {
  return /\.(csv|tsv)$/i.test(file);
}

function readTable(file: string, text: string, opts: InputOptions): (InputRecord | BadRecord)[] {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    delimiter: /\.tsv$/i.test(file) ? '\t' : '',
  });
  const columns = parsed.meta.fields ?? [];
  const textColumn = opts.textColumn ?? (columns.includes('text') ? 'text' : undefined);
  if (!textColumn || !columns.includes(textColumn))
    throw new Error(
      `${file}: no text column ${opts.textColumn ? `"${opts.textColumn}"` : '(use --text-column NAME)'}; ` +
        `its columns are: ${columns.join(', ') || '(none)'}.`,
    );
  if (opts.idColumn && !columns.includes(opts.idColumn))
    throw new Error(`${file}: no id column "${opts.idColumn}"; its columns are: ${columns.join(', ')}.`);
  const base = path.basename(file);
  return parsed.data.map((row, i) => {
    const where = `${file} row ${i + 2}`;
    const value = row[textColumn];
    if (typeof value !== 'string') return { bad: `no "${textColumn}" value`, where };
    const id = opts.idColumn ? String(row[opts.idColumn] ?? '') : `${base}:${i + 1}`;
    const pair = opts.pairColumn ? row[opts.pairColumn] : undefined;
    return { id, text: value, ...(pair !== undefined && { textPair: pair }) };
  });
}

/** A JSON Lines record `{"id", "text"}` (optionally `text_pair` and other fields), or why it is bad. */
export function parseJsonLine(line: string, lineNo: number): InputRecord | BadRecord {
  const where = `stdin line ${lineNo}`;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { bad: 'not valid JSON', where };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { bad: 'not a JSON object', where };
  const { id, text, text_pair: textPair, ...fields } = value as Record<string, unknown>;
  if (typeof text !== 'string') return { bad: 'no "text" string', where };
  if (textPair !== undefined && typeof textPair !== 'string') return { bad: '"text_pair" is not a string', where };
  return {
    id: id === undefined || id === null ? String(lineNo) : String(id),
    text,
    ...(textPair !== undefined && { textPair }),
    ...(Object.keys(fields).length > 0 && { fields }),
  };
}

/** Every record of every input, in order. `-` reads JSON Lines from stdin. */
export async function* readInputs(inputs: string[], opts: InputOptions = {}): AsyncGenerator<InputRecord | BadRecord> {
  for (const input of inputs) {
    if (input === '-') {
      const lines = createInterface({ input: opts.stdin ?? process.stdin, crlfDelay: Infinity });
      let lineNo = 0;
      for await (const line of lines) {
        lineNo++;
        if (line.trim()) yield parseJsonLine(line, lineNo);
      }
      continue;
    }
    const bytes = await readFile(input).catch((err: NodeJS.ErrnoException) => {
      throw new Error(err.code === 'ENOENT' ? `${input}: no such file.` : `${input}: cannot be read (${err.code}).`);
    });
    const { text } = decodeText(bytes, input);
    if (isTable(input)) yield* readTable(input, text, opts);
    else yield { id: input, text, file: input };
  }
}
