import { describe, expect, it } from 'vitest';
import {
  checkText,
  formatBytes,
  LONG_TEXT_CHARS,
  MAX_TEXT_BYTES,
  splitLines,
  textWarning,
  utf8Length,
} from '../../../src/ui/input-checks.ts';

describe('checkText', () => {
  it('asks for text when empty or only whitespace', () => {
    for (const text of ['', '   ', '\n\t\n']) {
      const result = checkText(text, 'a clinical note');
      expect(result).toEqual({ ok: false, message: 'Please paste or type a clinical note first.' });
    }
  });

  it('accepts ordinary text silently', () => {
    expect(checkText('Pt stable, discharged home.')).toEqual({ ok: true });
  });

  it('warns about long text but still allows it', () => {
    const result = checkText('a'.repeat(LONG_TEXT_CHARS + 1));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.warning).toMatch(/long text/);
  });

  it('rejects text over 2 MB of UTF-8', () => {
    expect(checkText('a'.repeat(MAX_TEXT_BYTES)).ok).toBe(true);
    const result = checkText('a'.repeat(MAX_TEXT_BYTES + 1));
    expect(result.ok).toBe(false);
    // 700k characters of 3-byte text is over 2 MB although under 2M characters.
    expect(checkText('é'.repeat(MAX_TEXT_BYTES / 2 + 1)).ok).toBe(false);
  });

  it('treats HTML and script as plain text', () => {
    expect(checkText('<script>alert(1)</script>')).toEqual({ ok: true });
  });
});

describe('utf8Length', () => {
  it('matches TextEncoder, including surrogate pairs and lone surrogates', () => {
    for (const s of ['', 'abc', 'é', '€', '🤒', 'a🤒b€', '\ud800', 'x\udc00y']) {
      expect(utf8Length(s)).toBe(new TextEncoder().encode(s).length);
    }
  });
});

describe('formatBytes', () => {
  it('uses readable units', () => {
    expect(formatBytes(500)).toBe('500 bytes');
    expect(formatBytes(2048)).toBe('2 KB');
    expect(formatBytes(MAX_TEXT_BYTES)).toBe('2.0 MB');
  });
});

describe('splitLines', () => {
  it('splits on any newline, trims and drops blank lines', () => {
    expect(splitLines(' a \r\nb\n\n  \rc\n')).toEqual(['a', 'b', 'c']);
    expect(splitLines('')).toEqual([]);
  });
});

describe('textWarning', () => {
  it('warns only about long text that is still allowed', () => {
    expect(textWarning('Pt stable.')).toBeUndefined();
    expect(textWarning('')).toBeUndefined();
    expect(textWarning('a'.repeat(LONG_TEXT_CHARS + 1))).toMatch(/long text/);
    expect(textWarning('a'.repeat(MAX_TEXT_BYTES + 1))).toBeUndefined();
  });
});
