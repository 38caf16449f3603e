// A CSV collection made from MTSamples notes (note_id,text; BOM and CRLF as a spreadsheet writes
// them), shared by the collections bench and its end-to-end test.
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';

export function mtsamplesCsv(tsvFile: string, count: number): Buffer {
  // The TSV has no quoting: quotes inside notes are text.
  const rows = Papa.parse<{ text: string }>(readFileSync(tsvFile, 'utf8'), {
    header: true,
    delimiter: '\t',
    quoteChar: '\u0000',
    skipEmptyLines: true,
  }).data;
  if (rows.length < count) throw new Error(`${tsvFile} has ${rows.length} notes, fewer than ${count}`);
  const records = rows
    .slice(0, count)
    .map((r, i) => ({ note_id: `mts-${String(i + 1).padStart(4, '0')}`, text: r.text }));
  return Buffer.from('\uFEFF' + Papa.unparse(records, { newline: '\r\n' }), 'utf8');
}
