import { describe, expect, it } from 'vitest';
import {
  guessIdColumn,
  guessTextColumn,
  noteFromFile,
  notesFromTable,
  parseTable,
  readFiles,
  uniqueById,
  type ParsedTable,
} from '../../../src/views/collections/import-notes.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);

function table(name: string, text: string | Uint8Array): ParsedTable {
  const parsed = parseTable(name, typeof text === 'string' ? utf8(text) : text);
  if ('reason' in parsed) throw new Error(parsed.reason);
  return parsed;
}

describe('CSV/TSV import', () => {
  it('reads quoted multi-line cells, CRLF and a BOM, and picks the text and ID columns', () => {
    const t = table(
      'notes.csv',
      '\uFEFFid,specialty,text\r\n7,cardio,"Chest pain, ""crushing"".\r\nNo fever."\r\n8,gi,Nausea.\r\n',
    );
    expect(t.columns).toEqual(['id', 'specialty', 'text']);
    expect(guessTextColumn(t)).toBe('text');
    expect(guessIdColumn(t)).toBe('id');
    const { notes, skipped } = notesFromTable(t, 'text', 'id');
    expect(notes.map((n) => [n.id, n.text])).toEqual([
      ['7', 'Chest pain, "crushing".\r\nNo fever.'],
      ['8', 'Nausea.'],
    ]);
    expect(skipped).toEqual([]);
  });

  it('guesses the longest column when none is named like text, and reads TSV by its name', () => {
    const t = table('x.tsv', 'code\tbody_of_note\nA1\tThe patient has had a cough for three weeks.\n');
    expect(guessTextColumn(t)).toBe('body_of_note');
    expect(guessIdColumn(t)).toBeNull();
    expect(notesFromTable(t, 'body_of_note', null).notes[0].id).toBe('x.tsv:2');
  });

  it('skips empty texts and empty IDs with the row number as a spreadsheet shows it', () => {
    const t = table('n.csv', 'id,text\n1,First.\n2,\n,Third.\n');
    const { notes, skipped } = notesFromTable(t, 'text', 'id');
    expect(notes.map((n) => n.id)).toEqual(['1']);
    expect(skipped).toEqual([
      { where: 'n.csv row 3', reason: '"text" is empty' },
      { where: 'n.csv row 4', reason: '"id" (the ID) is empty' },
    ]);
  });

  it('decodes a Windows-1252 table', () => {
    const bytes = Uint8Array.from([...utf8('id,text\n1,Temp'), 0xe9, ...utf8('rature\n')]);
    const t = table('old.csv', bytes);
    expect(t.encoding).toBe('windows-1252');
    expect(notesFromTable(t, 'text', 'id').notes[0].text).toBe('Température');
  });

  it('keeps the first of two notes with one ID and says which was dropped', () => {
    const t = table('d.csv', 'id,text\n1,A.\n1,B.\n');
    const { notes, skipped } = uniqueById(notesFromTable(t, 'text', 'id').notes);
    expect(notes.map((n) => n.text)).toEqual(['A.']);
    expect(skipped).toEqual([{ where: 'd.csv row 3', reason: 'ID "1" already used by d.csv row 2' }]);
  });
});

describe('text files', () => {
  it('decodes UTF-8 and Windows-1252 notes and drops a BOM', () => {
    expect(noteFromFile('a/b.txt', utf8('\uFEFFDx: café'))).toEqual({
      id: 'a/b.txt',
      text: 'Dx: café',
      source: 'a/b.txt',
    });
    const note = noteFromFile('old.txt', Uint8Array.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0xb0]));
    expect(note).toMatchObject({ text: 'café °' });
  });

  it('names the file and the reason for what it cannot import', () => {
    expect(noteFromFile('scan.txt', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]))).toMatchObject({
      where: 'scan.txt',
      reason: expect.stringMatching(/^not plain text/),
    });
    expect(noteFromFile('empty.txt', new Uint8Array())).toEqual({ where: 'empty.txt', reason: 'the file is empty' });
    expect(noteFromFile('blank.txt', utf8(' \n '))).toMatchObject({ reason: 'the file holds only blank space' });
    expect(noteFromFile('report.pdf', utf8('%PDF'))).toEqual({ where: 'report.pdf', reason: 'not a .txt file' });
  });

  it('sorts picked files into notes, tables and skipped items', async () => {
    const read = await readFiles([
      { file: new Blob(['Cough.']), path: 'f/1.txt' },
      { file: new Blob(['id,text\n1,X.\n']), path: 'f/t.csv' },
      { file: new Blob(['x']), path: 'f/.DS_Store' },
    ]);
    expect(read.notes.map((n) => n.id)).toEqual(['f/1.txt']);
    expect(read.tables.map((t) => t.fileName)).toEqual(['f/t.csv']);
    expect(read.skipped).toEqual([{ where: 'f/.DS_Store', reason: 'not a .txt file' }]);
  });
});
