import { unzipSync, strFromU8 } from 'fflate';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  deidentifiedZip,
  exportRows,
  perNoteJsonZip,
  resultsCsv,
  resultsJsonl,
  zipPath,
} from '../../../src/views/collections/export-results.ts';
import type { NoteResult } from '../../../src/views/collections/job-tasks.ts';

const notes = [
  { id: 'dir/a.txt', text: '=HYPERLINK("x") no aspirin.', source: 'dir/a.txt' },
  { id: 'dir/b.txt', text: 'Cisplatin nephrotoxicity.', source: 'dir/b.txt' },
  { id: 'c', text: 'pending', source: 'c' },
];
const results = new Map<number, NoteResult>([
  [
    1,
    {
      specialty: [{ label: 'Nephrology', score: 0.9 }],
      ade: {
        label: 'ADE',
        score: 0.8,
        evidence: [{ start: 0, end: 25, text: 'Cisplatin nephrotoxicity.', label: 'ADE', score: 0.8 }],
      },
      entities: [
        {
          start: 0,
          end: 9,
          type: 'Chemical',
          text: 'Cisplatin',
          score: 0.99,
          assertion: 'affirmed',
          concept: { id: 'D002945', name: 'Cisplatin', source: 'MeSH' },
        },
      ],
      deid: { text: '[NAME] nephrotoxicity.', spans: [] },
    },
  ],
  [
    0,
    {
      entities: [{ start: 18, end: 25, type: 'Chemical', text: 'aspirin', score: 0.9, assertion: 'negated' }],
      specialty: [],
      ade: { label: 'noADE', score: 0.7, evidence: [] },
    },
  ],
]);

describe('exports', () => {
  const rows = exportRows(notes, results);

  it('lists notes with results in note order', () => {
    expect(rows.map((r) => r.note.id)).toEqual(['dir/a.txt', 'dir/b.txt']);
  });

  it('writes CSV a spreadsheet cannot run as a formula', () => {
    const evil = exportRows([{ id: '=cmd|calc', text: 't', source: 's' }], new Map([[0, { specialty: [] }]]));
    const csv = resultsCsv(evil, ['classify']);
    expect(csv.split('\r\n')[1].startsWith('"\'=cmd|calc"')).toBe(true);
    const parsed = Papa.parse<Record<string, string>>(resultsCsv(rows, ['classify', 'entities']), {
      header: true,
    }).data;
    expect(parsed[0]).toMatchObject({ id: 'dir/a.txt', ade: 'noADE', negated: 'aspirin', chemicals: '' });
    expect(parsed[1]).toMatchObject({ specialty: 'Nephrology', ade: 'ADE', chemicals: 'Cisplatin', entities: '1' });
  });

  it('writes one JSON object per line with offsets, assertions and concepts', () => {
    const lines = resultsJsonl(rows)
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[1].entities[0]).toMatchObject({ start: 0, end: 9, assertion: 'affirmed', concept: { id: 'D002945' } });
  });

  it('zips per-note JSON and de-identified text in the notes folder layout', () => {
    const json = unzipSync(perNoteJsonZip(rows));
    expect(Object.keys(json).sort()).toEqual(['dir/a.json', 'dir/b.json']);
    expect(JSON.parse(strFromU8(json['dir/b.json'])).id).toBe('dir/b.txt');
    const txt = unzipSync(deidentifiedZip(rows));
    expect(Object.keys(txt)).toEqual(['dir/b.txt']);
    expect(strFromU8(txt['dir/b.txt'])).toBe('[NAME] nephrotoxicity.');
  });

  it('makes zip paths safe and unique', () => {
    expect(zipPath('..\\x:y?.txt', '.txt')).toBe('_/x_y_.txt');
    const twice = exportRows(
      [
        { id: 'a.txt', text: '', source: '' },
        { id: 'a', text: '', source: '' },
      ],
      new Map([
        [0, { deid: { text: '1', spans: [] } }],
        [1, { deid: { text: '2', spans: [] } }],
      ]),
    );
    expect(Object.keys(unzipSync(deidentifiedZip(twice))).sort()).toEqual(['a (2).txt', 'a.txt']);
  });
});
