import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { decodeText, parseJsonLine, readInputs, type BadRecord, type InputRecord } from '../../../cli/inputs.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'medtext-cli-'));
const file = (name: string, content: string | Uint8Array) => {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
};
async function all(inputs: string[], opts = {}): Promise<(InputRecord | BadRecord)[]> {
  const out = [];
  for await (const r of readInputs(inputs, opts)) out.push(r);
  return out;
}

describe('command-line inputs', () => {
  it('reads a text file whole, keeping its BOM and CRLF so offsets are the file’s own', async () => {
    const p = file('note.txt', '\uFEFFLine one\r\nLine two');
    const [record] = (await all([p])) as InputRecord[];
    expect(record).toEqual({ id: p, text: '\uFEFFLine one\r\nLine two', file: p });
  });

  it('decodes Windows-1252 when the bytes are not UTF-8, and refuses binary', () => {
    expect(decodeText(Uint8Array.from([0x63, 0x61, 0x66, 0xe9]), 'x.txt')).toEqual({
      text: 'café',
      encoding: 'windows-1252',
    });
    expect(() => decodeText(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]), 'x.zip')).toThrow(/binary/);
  });

  it('reads CSV rows with quoting, a BOM and CRLF, by the named text and id columns', async () => {
    const p = file('notes.csv', '\uFEFFnote_id,body\r\n7,"Denies pain, ""no"" fever"\r\n8,"two\r\nlines"\r\n');
    const records = await all([p], { textColumn: 'body', idColumn: 'note_id' });
    expect(records).toEqual([
      { id: '7', text: 'Denies pain, "no" fever' },
      { id: '8', text: 'two\r\nlines' },
    ]);
  });

  it('reads TSV, and names the columns when the text column is missing', async () => {
    const p = file('pairs.tsv', 'a\tb\nfirst\tsecond\n');
    expect(await all([p], { textColumn: 'a', pairColumn: 'b' })).toEqual([
      { id: 'pairs.tsv:1', text: 'first', textPair: 'second' },
    ]);
    await expect(all([p], { textColumn: 'body' })).rejects.toThrow(/no text column "body".*columns are: a, b/);
  });

  it('says which file is missing', async () => {
    await expect(all([path.join(dir, 'nope.txt')])).rejects.toThrow(/nope\.txt: no such file/);
  });

  it('reads JSON Lines from stdin and reports bad lines by number instead of dropping them', async () => {
    const stdin = Readable.from([
      '{"id": "a", "text": "one"}\n',
      'not json\n',
      '\n',
      '[1]\n',
      '{"text": 5}\n',
      '{"text": "x", "target": "y"}\n',
    ]);
    expect(await all(['-'], { stdin })).toEqual([
      { id: 'a', text: 'one' },
      { bad: 'not valid JSON', where: 'stdin line 2' },
      { bad: 'not a JSON object', where: 'stdin line 4' },
      { bad: 'no "text" string', where: 'stdin line 5' },
      { id: '6', text: 'x', fields: { target: 'y' } },
    ]);
    expect(parseJsonLine('{"id": 3, "text": "t", "text_pair": 4}', 1)).toEqual({
      bad: '"text_pair" is not a string',
      where: 'stdin line 1',
    });
  });
});
