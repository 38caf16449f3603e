// Turns picked or dropped files into a collection's notes: one note per .txt file, one per row of a
// CSV/TSV (the user picks the text and ID columns). Pure apart from reading File bytes, so the
// rules (decoding, quoting, duplicate IDs, skipped rows and why) are unit-tested without a DOM.
import Papa from 'papaparse';
import { decodeText } from '../../../workers/text/decode.ts';
import { looksBinary } from '../../ui/file-validation.ts';
import { formatBytes, MAX_TEXT_BYTES } from '../../ui/input-checks.ts';

export interface ImportedNote {
  /** Unique within the collection: the file's path, or the ID column's value. */
  id: string;
  text: string;
  /** File (and row) it came from, for messages. */
  source: string;
}

/** Something that was not imported, and why, shown to the user (never dropped silently). */
export interface SkippedItem {
  where: string;
  reason: string;
}

export interface ParsedTable {
  fileName: string;
  columns: string[];
  rows: Record<string, string>[];
  encoding: string;
  /** Rows papaparse could not split cleanly (e.g. an unclosed quote), 1-based data row numbers. */
  problems: SkippedItem[];
}

/** Tables can hold a whole collection; a single note file keeps the app's per-note limit. */
export const MAX_TABLE_BYTES = 200 * 1024 * 1024;

export function isTableFile(name: string): boolean {
  return /\.(csv|tsv|tab)$/i.test(name);
}

function isNoteFile(name: string): boolean {
  return /\.(txt|text)$/i.test(name);
}

/** Decodes bytes, or says why not, naming the file. UTF-8, else Windows-1252 (the shared decoder). */
export function decodeFile(bytes: Uint8Array, name: string): { text: string; encoding: string } | SkippedItem {
  if (bytes.length === 0) return { where: name, reason: 'the file is empty' };
  if (looksBinary(bytes)) {
    return { where: name, reason: 'not plain text (a binary, UTF-16, Word or PDF file?); save it as UTF-8 text' };
  }
  try {
    const { text, encoding } = decodeText(bytes, name);
    return { text: text.replace(/^\uFEFF/, ''), encoding };
  } catch (err) {
    return { where: name, reason: (err as Error).message.replace(`${name}: `, '') };
  }
}

/** One note from a text file's bytes. */
export function noteFromFile(path: string, bytes: Uint8Array): ImportedNote | SkippedItem {
  if (!isNoteFile(path)) return { where: path, reason: 'not a .txt file' };
  if (bytes.length > MAX_TEXT_BYTES) {
    return { where: path, reason: `${formatBytes(bytes.length)}, over the ${formatBytes(MAX_TEXT_BYTES)} limit` };
  }
  const decoded = decodeFile(bytes, path);
  if ('reason' in decoded) return decoded;
  if (!decoded.text.trim()) return { where: path, reason: 'the file holds only blank space' };
  return { id: path, text: decoded.text, source: path };
}

/** Splits a CSV/TSV (quotes, CRLF and a BOM tolerated; the delimiter guessed for .csv). */
export function parseTable(fileName: string, bytes: Uint8Array): ParsedTable | SkippedItem {
  if (bytes.length > MAX_TABLE_BYTES) {
    return { where: fileName, reason: `${formatBytes(bytes.length)}, over the ${formatBytes(MAX_TABLE_BYTES)} limit` };
  }
  const decoded = decodeFile(bytes, fileName);
  if ('reason' in decoded) return decoded;
  const parsed = Papa.parse<Record<string, string>>(decoded.text, {
    header: true,
    skipEmptyLines: 'greedy',
    delimiter: /\.(tsv|tab)$/i.test(fileName) ? '\t' : '',
  });
  const columns = (parsed.meta.fields ?? []).filter((c) => c !== '');
  if (columns.length === 0) return { where: fileName, reason: 'no header row with column names' };
  const problems = parsed.errors
    .filter((e) => e.code !== 'UndetectableDelimiter')
    .map((e) => ({ where: `${fileName} row ${(e.row ?? 0) + 2}`, reason: e.message }));
  return { fileName, columns, rows: parsed.data, encoding: decoded.encoding, problems };
}

/** The column most likely to hold the note: named like text/note, else the longest on average. */
export function guessTextColumn(table: ParsedTable): string {
  const named = table.columns.find((c) => /^(text|note|notes|transcription|report|body)$/i.test(c.trim()));
  if (named) return named;
  const sample = table.rows.slice(0, 50);
  const meanLength = (c: string) => sample.reduce((sum, row) => sum + (row[c]?.length ?? 0), 0);
  return table.columns.reduce((best, c) => (meanLength(c) > meanLength(best) ? c : best), table.columns[0]);
}

export function guessIdColumn(table: ParsedTable): string | null {
  return table.columns.find((c) => /^(id|note_?id|record_?id|mrn|document_?id)$/i.test(c.trim())) ?? null;
}

/** The table's notes; rows without text are skipped, each with its row number and reason. */
export function notesFromTable(
  table: ParsedTable,
  textColumn: string,
  idColumn: string | null,
): { notes: ImportedNote[]; skipped: SkippedItem[] } {
  const notes: ImportedNote[] = [];
  const skipped: SkippedItem[] = [...table.problems];
  table.rows.forEach((row, i) => {
    // Row numbers as a spreadsheet shows them: the header is row 1.
    const where = `${table.fileName} row ${i + 2}`;
    const text = row[textColumn];
    if (typeof text !== 'string') return skipped.push({ where, reason: `no "${textColumn}" value` });
    if (!text.trim()) return skipped.push({ where, reason: `"${textColumn}" is empty` });
    const id = idColumn ? (row[idColumn] ?? '').trim() : `${table.fileName}:${i + 2}`;
    if (!id) return skipped.push({ where, reason: `"${idColumn}" (the ID) is empty` });
    notes.push({ id, text, source: where });
  });
  return { notes, skipped };
}

/** Drops notes whose ID was already taken (the first one stays), saying which. */
export function uniqueById(notes: ImportedNote[]): { notes: ImportedNote[]; skipped: SkippedItem[] } {
  const seen = new Map<string, string>();
  const kept: ImportedNote[] = [];
  const skipped: SkippedItem[] = [];
  for (const note of notes) {
    const first = seen.get(note.id);
    if (first !== undefined) skipped.push({ where: note.source, reason: `ID "${note.id}" already used by ${first}` });
    else {
      seen.set(note.id, note.source);
      kept.push(note);
    }
  }
  return { notes: kept, skipped };
}

export interface ReadFiles {
  notes: ImportedNote[];
  tables: ParsedTable[];
  skipped: SkippedItem[];
}

/** Reads picked or dropped files: text files become notes, tables wait for their column choice. */
export async function readFiles(files: readonly { file: Blob; path: string }[]): Promise<ReadFiles> {
  const out: ReadFiles = { notes: [], tables: [], skipped: [] };
  for (const { file, path } of files) {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch {
      out.skipped.push({ where: path, reason: 'could not be read (moved or deleted?)' });
      continue;
    }
    if (isTableFile(path)) {
      const table = parseTable(path, bytes);
      if ('reason' in table) out.skipped.push(table);
      else out.tables.push(table);
    } else {
      const note = noteFromFile(path, bytes);
      if ('reason' in note) out.skipped.push(note);
      else out.notes.push(note);
    }
  }
  return out;
}
