// A CSV collection made from MTSamples notes (note_id,text; BOM and CRLF as a spreadsheet writes
// them), shared by the collections bench and its end-to-end test.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';

function notesOf(tsvFile: string): string[] {
  // The TSV has no quoting: quotes inside notes are text.
  return Papa.parse<{ text: string }>(readFileSync(tsvFile, 'utf8'), {
    header: true,
    delimiter: '\t',
    quoteChar: '\u0000',
    skipEmptyLines: true,
  }).data.map((r) => r.text);
}

/**
 * `count` notes from `tsvFile`, topped up from the other .tsv splits beside it (the test split alone
 * holds ~250 notes; a 1,000-note speed workload needs the others too — it measures speed, not quality).
 */
export function mtsamplesCsv(tsvFile: string, count: number): Buffer {
  const siblings = readdirSync(path.dirname(tsvFile))
    .filter((f) => f.endsWith('.tsv') && f !== path.basename(tsvFile))
    .sort()
    .map((f) => path.join(path.dirname(tsvFile), f));
  const notes: string[] = [];
  for (const file of [tsvFile, ...siblings]) {
    if (notes.length >= count) break;
    notes.push(...notesOf(file));
  }
  if (notes.length < count) throw new Error(`${path.dirname(tsvFile)} has ${notes.length} notes, fewer than ${count}`);
  const records = notes.slice(0, count).map((text, i) => ({ note_id: `mts-${String(i + 1).padStart(4, '0')}`, text }));
  return Buffer.from('\uFEFF' + Papa.unparse(records, { newline: '\r\n' }), 'utf8');
}
