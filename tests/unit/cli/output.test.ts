import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CsvWriter, flatRows, formatProgress } from '../../../cli/output.ts';

describe('command-line output', () => {
  it('flattens list results to one row per item and label scores to columns', () => {
    const entity = { start: 0, end: 4, type: 'Chemical', text: 'aspirin', concept: { id: 'D001241', source: 'MeSH' } };
    expect(flatRows({ id: 'n1', file: 'n1.txt', entities: [entity] }, 'entities')).toEqual([
      { id: 'n1', start: 0, end: 4, type: 'Chemical', text: 'aspirin', concept: 'MeSH D001241' },
    ]);
    const labels = [
      { label: 'ADE', score: 0.9 },
      { label: 'noADE', score: 0.1 },
    ];
    expect(flatRows({ id: 'n2', labels, predicted: ['ADE'] })).toEqual([
      { id: 'n2', score_ADE: 0.9, score_noADE: 0.1, predicted: 'ADE' },
    ]);
  });

  it('writes a CSV whose formula-like cells cannot run in a spreadsheet', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'medtext-csv-')), 'out.csv');
    const csv = new CsvWriter(file, { csvColumns: ['id', 'start', 'end', 'type', 'text', 'note'], listField: 'spans' });
    csv.write([{ id: '=HYPERLINK("http://x")', spans: [{ start: 1, end: 2, type: 'NAME', text: '+1 555' }] }]);
    csv.write([{ id: '@SUM(A1)', spans: [{ start: 3, end: 4, type: 'ID', text: '-5', note: 'late column' }] }]);
    await csv.close();
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('id,start,end,type,text,note');
    expect(lines[1]).toBe(`"'=HYPERLINK(""http://x"")",1,2,NAME,"'+1 555",`);
    expect(lines[2]).toBe(`"'@SUM(A1)",3,4,ID,"'-5",late column`);
    const bare = new CsvWriter(path.join(path.dirname(file), 'bare.csv'), { csvColumns: ['id'], listField: 'spans' });
    expect(() => bare.write([{ id: 'x', spans: [{ start: 0 }] }])).toThrow(/no column/);
    await bare.close();
  });

  it('shows done, rate and time left', () => {
    expect(formatProgress(10, 40, 5)).toBe('10/40 records · 2.0/s · ETA 0:15');
    expect(formatProgress(10, null, 5)).toBe('10 records · 2.0/s');
    expect(formatProgress(40, 40, 5)).toBe('40/40 records · 8.0/s');
  });
});
