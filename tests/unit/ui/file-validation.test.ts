import { describe, expect, it } from 'vitest';
import { checkFileFacts, decodeText, looksBinary } from '../../../src/ui/file-validation.ts';
import { MAX_TEXT_BYTES } from '../../../src/ui/input-checks.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('checkFileFacts', () => {
  it('accepts a small .txt file, with or without a MIME type', () => {
    expect(checkFileFacts({ name: 'note.txt', size: 1200, type: 'text/plain' })).toEqual({ ok: true });
    expect(checkFileFacts({ name: 'NOTE.TXT', size: 1200, type: '' })).toEqual({ ok: true });
  });

  it('rejects documents, images and executables even when small', () => {
    for (const f of [
      {
        name: 'letter.docx',
        size: 10,
        type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      },
      { name: 'scan.pdf', size: 10, type: 'application/pdf' },
      { name: 'xray.png', size: 10, type: 'image/png' },
      { name: 'note.txt', size: 10, type: 'application/octet-stream' },
    ]) {
      const result = checkFileFacts(f);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toContain(f.name);
    }
  });

  it('rejects files over 2 MB and empty files', () => {
    const big = checkFileFacts({ name: 'big.txt', size: MAX_TEXT_BYTES + 1, type: 'text/plain' });
    expect(big.ok).toBe(false);
    if (!big.ok) expect(big.message).toMatch(/2\.0 MB/);
    expect(checkFileFacts({ name: 'limit.txt', size: MAX_TEXT_BYTES, type: 'text/plain' }).ok).toBe(true);
    expect(checkFileFacts({ name: 'empty.txt', size: 0, type: 'text/plain' }).ok).toBe(false);
  });
});

describe('looksBinary / decodeText', () => {
  it('accepts ordinary clinical text, including accents, tabs and CRLF', () => {
    const bytes = utf8('Dx:\tPneumonie\r\nTempérature 39,2 °C.\n');
    expect(looksBinary(bytes)).toBe(false);
    expect(decodeText(bytes)).toEqual({ ok: true, text: 'Dx:\tPneumonie\r\nTempérature 39,2 °C.\n' });
  });

  it('strips a UTF-8 byte order mark', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('BP 120/80')]);
    expect(decodeText(bytes)).toEqual({ ok: true, text: 'BP 120/80' });
  });

  it('rejects NUL bytes, control-heavy data and invalid UTF-8', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    expect(looksBinary(png)).toBe(true);
    expect(decodeText(png).ok).toBe(false);
    const controls = new Uint8Array(100).fill(0x41);
    for (let i = 0; i < 10; i++) controls[i * 10] = 0x01;
    expect(looksBinary(controls)).toBe(true);
    const latin1 = new Uint8Array([0x66, 0x69, 0xe8, 0x76, 0x72, 0x65]); // "fièvre" in Latin-1
    expect(looksBinary(latin1)).toBe(false);
    expect(decodeText(latin1).ok).toBe(false);
  });

  it('treats an empty buffer as (empty) text', () => {
    expect(looksBinary(new Uint8Array())).toBe(false);
    expect(decodeText(new Uint8Array())).toEqual({ ok: true, text: '' });
  });
});
