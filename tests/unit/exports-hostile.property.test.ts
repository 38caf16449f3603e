// Hostile text through every export: script and markup payloads, spreadsheet formulas, quotes,
// line breaks (CR, LF, U+2028), path tricks and random Unicode. Each export must give the text back
// exactly when read by its format's parser (a formula only behind its leading apostrophe), keep its
// rows and columns, and name zip entries with nothing a file system would act on.
import fc from 'fast-check';
import { strFromU8, unzipSync } from 'fflate';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Entity, Redaction } from '../../workers/api.ts';
import { entitiesToCsv, entitiesToJson } from '../../src/ui/export-entities.ts';
import {
  deidentifiedZip,
  perNoteJsonZip,
  resultsCsv,
  resultsJsonl,
  type ExportRow,
} from '../../src/views/collections/export-results.ts';
import { replacementsCsv } from '../../src/views/deid/review.ts';

/** The table of payloads every export is tried with (random Unicode is added below). */
const HOSTILE = [
  '<script>window.__pwned=1</script>',
  '<img src=x onerror="window.__pwned=1">',
  '"><svg onload=alert(1)>',
  "javascript:alert('x')",
  '=HYPERLINK("http://evil.example","click")',
  '+SUM(A1:A9)',
  '-2+3',
  '@cmd',
  '\t=1+1',
  '\r\n=1',
  'a,"b"\r\nc',
  'line\u2028sep\u2029para',
  '../../etc/passwd',
  '/abs\\..\\x:y*?"<>|',
  '..',
  '\u0000\u001f\u007f',
  '\u202eevil\u202c',
  '\ud800 lone',
  '😀🩺 中文',
  '   ',
];

const payload = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1 }) },
);

/** What a CSV cell of `text` reads back as: formulas keep the apostrophe that disarms them. */
const csvReadBack = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);
const parseCsv = (csv: string) =>
  Papa.parse<string[]>(csv, { delimiter: ',', skipEmptyLines: false }).data.filter((r) => r.join('') !== '');
const startsAsFormula = (cell: string) => /^[=+\-@\t\r]/.test(cell);

const entity = (text: string, name: string): Entity => ({
  type: 'Disease',
  text,
  start: 0,
  end: text.length,
  score: 0.9,
  concept: { id: 'D003924', name, source: 'MeSH' },
});

function exportRow(index: number, id: string, text: string): ExportRow {
  return {
    index,
    note: { id, text, source: id },
    result: {
      entities: [entity(text, text)],
      deid: { text, spans: [] },
      ade: { label: text, score: 0.5, evidence: [{ text, label: 'ade', start: 0, end: text.length, score: 0.5 }] },
    },
  };
}

describe('every export with hostile text (property)', () => {
  it('entity CSV and JSON give every payload back', () => {
    fc.assert(
      fc.property(fc.array(payload, { minLength: 1, maxLength: 6 }), (texts) => {
        const entities = texts.map((t) => entity(t, t));
        const rows = parseCsv(entitiesToCsv(entities));
        expect(rows).toHaveLength(texts.length + 1);
        const header = rows[0];
        for (const [i, t] of texts.entries()) {
          const row = rows[i + 1];
          expect(row).toHaveLength(header.length);
          expect(row[header.indexOf('text')]).toBe(csvReadBack(t));
          expect(row[header.indexOf('concept_name')]).toBe(csvReadBack(t));
          expect(row.some(startsAsFormula)).toBe(false);
        }
        expect((JSON.parse(entitiesToJson(entities)) as Entity[]).map((e) => e.text)).toEqual(texts);
      }),
      { numRuns: 300 },
    );
  });

  it('the de-identify replacement list gives every original and replacement back', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(payload, payload), { minLength: 1, maxLength: 6 }), (pairs) => {
        let original = '';
        const replacements: Redaction[] = pairs.map(([found, replacement]) => {
          const originalStart = original.length;
          original += `${found} `;
          return {
            type: 'NAME',
            start: 0,
            end: 0,
            replacement,
            originalStart,
            originalEnd: originalStart + found.length,
          };
        });
        const rows = parseCsv(replacementsCsv(original, replacements));
        expect(rows).toHaveLength(pairs.length + 1);
        for (const [i, [found, replacement]] of pairs.entries()) {
          expect(rows[i + 1].slice(1, 3)).toEqual([csvReadBack(found), csvReadBack(replacement)]);
          expect(rows[i + 1].some(startsAsFormula)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('collection CSV, JSON Lines and both zips keep rows, text and safe entry names', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(payload, payload), { minLength: 1, maxLength: 6 }), (notes) => {
        const rows = notes.map(([id, text], i) => exportRow(i, id, text));
        const csv = parseCsv(resultsCsv(rows, ['classify', 'entities', 'deid']));
        expect(csv).toHaveLength(rows.length + 1);
        const header = csv[0];
        for (const [i, [id, text]] of notes.entries()) {
          expect(csv[i + 1]).toHaveLength(header.length);
          expect(csv[i + 1][header.indexOf('id')]).toBe(csvReadBack(id));
          expect(csv[i + 1][header.indexOf('deidentified_text')]).toBe(csvReadBack(text));
          expect(csv[i + 1].some(startsAsFormula)).toBe(false);
        }

        const lines = resultsJsonl(rows).split('\n').slice(0, -1);
        expect(lines).toHaveLength(rows.length);
        expect(lines.map((l) => (JSON.parse(l) as { id: string }).id)).toEqual(notes.map(([id]) => id));

        for (const zip of [perNoteJsonZip(rows), deidentifiedZip(rows)]) {
          const entries = unzipSync(zip);
          const names = Object.keys(entries);
          expect(names).toHaveLength(rows.length);
          for (const name of names) {
            expect(name.startsWith('/')).toBe(false);
            for (const part of name.split('/')) {
              expect(part).not.toMatch(/^\.{1,2}$/);
              expect([...part].some((c) => c < ' ' || '<>:"|?*\\'.includes(c))).toBe(false);
            }
          }
        }
        const texts = Object.values(unzipSync(deidentifiedZip(rows))).map((bytes) => strFromU8(bytes));
        // A zip stores UTF-8: a lone surrogate half becomes U+FFFD, as in any text file.
        const asUtf8 = (text: string) => new TextDecoder().decode(new TextEncoder().encode(text));
        expect(texts.sort()).toEqual(notes.map(([, text]) => asUtf8(text)).sort());
      }),
      { numRuns: 200 },
    );
  });
});
