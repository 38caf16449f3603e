// Property tests over random Unicode: windows cover every word of any text within the budget, and
// any table of awkward cells survives a CSV round trip through the command line's reader.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Span } from '../../workers/api.ts';
import { readInputs, type InputRecord } from '../../cli/inputs.ts';
import { planWindows } from '../../workers/text/chunking.ts';
import { splitSentences } from '../../workers/text/sentences.ts';
import { splitWords } from '../../workers/text/words.ts';
import { awkwardText } from './property-text.ts';

const text = awkwardText(60);

describe('planWindows over random text (property)', () => {
  it('stays within the budget (or one word), in order, and covers every word', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 2, max: 30 }), fc.integer({ min: 0, max: 10 }), (s, budget, overlap) => {
        const words = splitWords(s);
        const count = (span: Span) => words.filter((w) => w.start >= span.start && w.end <= span.end).length;
        const windows = planWindows(s, splitSentences(s), count, budget, Math.min(overlap, budget - 1), { words });
        for (const [i, w] of windows.entries()) {
          expect(w.start).toBeGreaterThanOrEqual(0);
          expect(w.end).toBeLessThanOrEqual(s.length);
          expect(w.end).toBeGreaterThan(w.start);
          expect(count(w)).toBeLessThanOrEqual(Math.max(budget, 1));
          if (i > 0) expect(w.start).toBeGreaterThanOrEqual(windows[i - 1].start);
        }
        // Every word lies whole inside some window (a single word longer than the budget is cut
        // by characters, so only the words of at most budget tokens are required whole).
        for (const word of words) expect(windows.some((w) => w.start <= word.start && word.end <= w.end)).toBe(true);
      }),
      { numRuns: 1500 },
    );
  });
});

describe('CSV input over random cells (property)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'medtext-csv-prop-'));
  const cell = fc.oneof(
    fc.string({ unit: 'grapheme' }),
    fc.constantFrom('"quoted"', 'a,b', 'line\nbreak', 'cr\r\nlf', '=SUM(A1)', ' lead', '\t', '😀'),
  );
  it('reads back exactly what was written, id and text, row by row', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(cell, cell), { minLength: 1, maxLength: 12 }), async (rows) => {
        const file = path.join(dir, `t${run++}.csv`);
        const data = rows.map(([id, body]) => ({ id, body }));
        writeFileSync(file, Papa.unparse(data, { newline: '\r\n' }));
        const read: InputRecord[] = [];
        for await (const r of readInputs([file], { textColumn: 'body', idColumn: 'id' })) read.push(r as InputRecord);
        // Rows whose every cell is empty are skipped by design (skipEmptyLines: 'greedy').
        const expected = data.filter((r) => (r.id + r.body).trim() !== '');
        expect(read.map((r) => [r.id, r.text])).toEqual(expected.map((r) => [r.id, r.body]));
      }),
      { numRuns: 300 },
    );
  });
});
