// A job's results as files: CSV (one row per note; cells that a spreadsheet would run as a formula
// are escaped), JSON Lines (one note per line), a zip of per-note JSON files (entities with
// assertions, concepts and offsets), and a de-identified collection as a zip of .txt files in the
// notes' own folder layout. Built in the page; nothing leaves the device.
import { strToU8, zipSync, type Zippable } from 'fflate';
import Papa from 'papaparse';
import type { StoredNote } from '../../storage/collections-db.ts';
import { FORMULA_START } from '../../ui/export-entities.ts';
import type { NoteResult } from './job-tasks.ts';

export interface ExportRow {
  index: number;
  note: StoredNote;
  result: NoteResult;
}

/** Rows in note order, for the notes that have a result. */
export function exportRows(notes: readonly StoredNote[], results: ReadonlyMap<number, NoteResult>): ExportRow[] {
  return [...results.keys()]
    .sort((a, b) => a - b)
    .map((index) => ({ index, note: notes[index], result: results.get(index)! }));
}

const labels = (list: { label: string }[] | undefined) => list?.map((l) => l.label).join('|') ?? '';

export function resultsCsv(rows: readonly ExportRow[], tasks: readonly string[]): string {
  const records = rows.map(({ note, result }) => {
    const record: Record<string, string | number> = { id: note.id };
    if (tasks.includes('classify')) {
      record.specialty = labels(result.specialty);
      record.ade = result.ade?.label ?? '';
      record.ade_score = result.ade?.score ?? '';
      record.ade_evidence = result.ade?.evidence.map((e) => e.text).join(' | ') ?? '';
    }
    if (tasks.includes('entities')) {
      const entities = result.entities ?? [];
      record.entities = entities.length;
      record.chemicals = entities
        .filter((e) => e.type === 'Chemical' && e.assertion !== 'negated')
        .map((e) => e.text)
        .join('|');
      record.diseases = entities
        .filter((e) => e.type === 'Disease' && e.assertion !== 'negated')
        .map((e) => e.text)
        .join('|');
      record.negated = entities
        .filter((e) => e.assertion === 'negated')
        .map((e) => e.text)
        .join('|');
    }
    if (tasks.includes('deid')) {
      record.phi_spans = result.deid?.spans.length ?? 0;
      record.deidentified_text = result.deid?.text ?? '';
    }
    return record;
  });
  // escapeFormulae: a cell starting with = + - @ (or tab/CR) gets a leading quote, so opening the
  // file in a spreadsheet never runs a note's text as a formula.
  return Papa.unparse(records, { escapeFormulae: FORMULA_START, newline: '\r\n' });
}

/** One note per line: its ID, source and every result with offsets into the note's text. */
export function noteJson(row: ExportRow): object {
  return { id: row.note.id, source: row.note.source, ...row.result };
}

export function resultsJsonl(rows: readonly ExportRow[]): string {
  return rows.map((row) => JSON.stringify(noteJson(row))).join('\n') + (rows.length ? '\n' : '');
}

/** A path inside a zip from a note ID: folders kept, characters no file system accepts replaced. */
export function zipPath(id: string, ext: string): string {
  const parts = id
    .split(/[\\/]+/)
    // Characters Windows refuses in names, and control characters, become '_'.
    .map((p) =>
      [...p]
        .map((c) => (/[<>:"|?*]/.test(c) || c < ' ' ? '_' : c))
        .join('')
        .replace(/^\.+$/, '_'),
    )
    .filter(Boolean);
  const path = parts.join('/') || 'note';
  return path.replace(/\.(txt|text)$/i, '') + ext;
}

/** Paths made unique (a second "a.txt" becomes "a (2).txt"). */
function addUnique(files: Zippable, path: string, data: Uint8Array): void {
  let candidate = path;
  for (let n = 2; candidate in files; n++) candidate = path.replace(/(\.[^./]+)?$/, ` (${n})$1`);
  files[candidate] = data;
}

function buildZip(entries: Iterable<[string, string]>): Uint8Array {
  const files: Zippable = {};
  for (const [path, text] of entries) addUnique(files, path, strToU8(text));
  return zipSync(files, { level: 6 });
}

export function perNoteJsonZip(rows: readonly ExportRow[]): Uint8Array {
  return buildZip(rows.map((row) => [zipPath(row.note.id, '.json'), JSON.stringify(noteJson(row), null, 2)]));
}

/** The de-identified notes as .txt files; notes without a de-identified text are left out. */
export function deidentifiedZip(rows: readonly ExportRow[]): Uint8Array {
  return buildZip(
    rows.filter((row) => row.result.deid).map((row) => [zipPath(row.note.id, '.txt'), row.result.deid!.text]),
  );
}
