// Word splitting exactly as BERT's BasicTokenizer (see training/CONTRACT.md), but keeping
// character offsets into the caller's original string, which the tokenizer itself throws away.
import type { Span } from '../api.ts';

export interface Word extends Span {
  /** Lower-cased, accent-stripped form used for vocabulary and lexicon lookup. */
  norm: string;
}

function isAsciiPunct(code: number): boolean {
  return (
    (code >= 33 && code <= 47) ||
    (code >= 58 && code <= 64) ||
    (code >= 91 && code <= 96) ||
    (code >= 123 && code <= 126)
  );
}

const UNICODE_PUNCT = /^\p{P}$/u;
const SPACE_SEPARATOR = /^[\s\p{Zs}]$/u;
// Control, format, private-use and unassigned characters BERT drops (tab, newline and carriage
// return count as whitespace). Checked before whitespace, as training/textproc.py does.
const OTHER = /^\p{C}$/u;
const COMBINING_MARK = /\p{Mn}/gu;

function isCjk(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x20000 && code <= 0x2a6df) ||
    (code >= 0x2a700 && code <= 0x2b73f) ||
    (code >= 0x2b740 && code <= 0x2b81f) ||
    (code >= 0x2b820 && code <= 0x2ceaf) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0x2f800 && code <= 0x2fa1f)
  );
}

type CharClass = 'space' | 'drop' | 'single' | 'word';

function classify(ch: string, code: number): CharClass {
  if (ch === '\t' || ch === '\n' || ch === '\r') return 'space';
  // Lone surrogates (category Cs) fall in here too.
  if (code === 0 || code === 0xfffd || OTHER.test(ch)) return 'drop';
  if (SPACE_SEPARATOR.test(ch)) return 'space';
  if (isAsciiPunct(code) || UNICODE_PUNCT.test(ch) || isCjk(code)) return 'single';
  return 'word';
}

export function normalizeWord(raw: string): string {
  return raw.toLowerCase().normalize('NFD').replace(COMBINING_MARK, '');
}

/** Splits text into words with UTF-16 offsets; never cuts a surrogate pair. */
export function splitWords(text: string): Word[] {
  const words: Word[] = [];
  let start = -1;
  let raw = '';
  const flush = (end: number) => {
    if (start >= 0 && raw.length > 0) {
      const norm = normalizeWord(raw);
      if (norm.length > 0) words.push({ start, end, norm });
    }
    start = -1;
    raw = '';
  };
  let i = 0;
  while (i < text.length) {
    const code = text.codePointAt(i)!;
    const width = code > 0xffff ? 2 : 1;
    const ch = text.slice(i, i + width);
    const cls = classify(ch, code);
    if (cls === 'word') {
      if (start < 0) start = i;
      raw += ch;
    } else if (cls !== 'drop') {
      // Dropped characters neither split a word nor become part of its normalised form.
      flush(i);
      if (cls === 'single') {
        const norm = normalizeWord(ch);
        if (norm.length > 0) words.push({ start: i, end: i + width, norm });
      }
    }
    i += width;
  }
  flush(text.length);
  return trimDropped(text, words);
}

// A word that ended on dropped characters should not include them in its span.
function trimDropped(text: string, words: Word[]): Word[] {
  for (const w of words) {
    while (w.end > w.start + 1) {
      const code = text.charCodeAt(w.end - 1);
      const lowSurrogate = code >= 0xdc00 && code <= 0xdfff;
      const pairedLow = lowSurrogate && w.end - 2 >= w.start && isHighSurrogate(text.charCodeAt(w.end - 2));
      if (pairedLow) break;
      const cls = classify(text[w.end - 1], code);
      if (cls !== 'drop') break;
      w.end -= 1;
    }
  }
  return words;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
