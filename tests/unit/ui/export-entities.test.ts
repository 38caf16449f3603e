import { describe, expect, it } from 'vitest';
import type { Entity } from '../../../workers/api.ts';
import { csvCell, entitiesToCsv, entitiesToJson } from '../../../src/ui/export-entities.ts';

/** Minimal RFC 4180 parser, to check that what we write reads back the same. */
function parseCsv(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i];
    if (quoted) {
      if (c === '"' && csv[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && csv[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

describe('csvCell', () => {
  it('leaves plain values alone and empties missing ones', () => {
    expect(csvCell('fever')).toBe('fever');
    expect(csvCell(0.5)).toBe('0.5');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(null)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
  });

  it('quotes commas, quotes, newlines and edge spaces', () => {
    expect(csvCell('pain, chest')).toBe('"pain, chest"');
    expect(csvCell('the "worst" headache')).toBe('"the ""worst"" headache"');
    expect(csvCell('line1\nline2')).toBe('"line1\nline2"');
    expect(csvCell(' padded ')).toBe('" padded "');
  });

  it('neutralises spreadsheet formulas in text but not negative numbers', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('-2 mg')).toBe("'-2 mg");
    expect(csvCell(-2)).toBe('-2');
  });
});

describe('entitiesToCsv', () => {
  const entities: Entity[] = [
    {
      type: 'Disease',
      text: 'chest pain, "crushing"',
      start: 10,
      end: 32,
      score: 0.98765,
      assertion: 'negated',
      section: 'history_present_illness',
      concept: { id: 'MESH:D002637', name: 'Chest Pain', source: 'MeSH' },
    },
    { type: 'Chemical', text: 'aspirin\n81', start: 40, end: 50, score: 0.5 },
  ];

  it('writes a header and one row per entity that parse back to the same values', () => {
    const csv = entitiesToCsv(entities);
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual([
      'type',
      'text',
      'score',
      'start',
      'end',
      'assertion',
      'section',
      'concept_id',
      'concept_name',
      'concept_source',
      'section_name',
      'concept',
    ]);
    expect(rows[1]).toEqual([
      'Disease',
      'chest pain, "crushing"',
      '0.9877',
      '10',
      '32',
      'negated',
      'history_present_illness',
      'MESH:D002637',
      'Chest Pain',
      'MeSH',
      'History of present illness',
      'MeSH D002637',
    ]);
    expect(rows[2]).toEqual(['Chemical', 'aspirin\n81', '0.5', '40', '50', '', '', '', '', '', '', '']);
    expect(rows).toHaveLength(3);
  });

  it('writes only the header for no entities', () => {
    expect(parseCsv(entitiesToCsv([]))).toHaveLength(1);
  });
});

describe('entitiesToJson', () => {
  it('round-trips', () => {
    const entities: Entity[] = [{ type: 'Disease', text: '<script>x</script>', start: 0, end: 18, score: 1 }];
    expect(JSON.parse(entitiesToJson(entities))).toEqual(entities);
  });
});
