// Sentence splitting for clinical notes: rule-based, offset-preserving, no globals.
import type { Span } from '../api.ts';

/** Longest sentence we emit; longer runs are cut at whitespace so a model window always fits. */
export const MAX_SENTENCE_CHARS = 1000;

// Abbreviations after which a period never ends a sentence (titles, Latin, "vs.").
const NEVER_SPLIT = new Set([
  'dr',
  'mr',
  'mrs',
  'ms',
  'prof',
  'sr',
  'jr',
  'st',
  'e.g',
  'i.e',
  'eg',
  'ie',
  'vs',
  'approx',
  'cf',
  'fig',
  'figs',
  'ca',
  'dept',
  'univ',
  'inc',
  'ltd',
  'co',
  'mt',
  'ft',
  'pt',
  'pts',
  'wt',
  'ht',
  'temp',
  'apt',
  'resp',
  'est',
  'appt',
  'min',
  'max',
  'viz',
  'al',
  'et',
]);

// Abbreviations (doses, units, frequencies) that end a sentence only if a capitalised word follows.
const SPLIT_IF_CAPITAL = new Set([
  'mg',
  'mcg',
  'g',
  'kg',
  'ml',
  'cc',
  'l',
  'dl',
  'mmol',
  'meq',
  'units',
  'u',
  'iu',
  'oz',
  'lb',
  'lbs',
  'cm',
  'mm',
  'in',
  'hr',
  'hrs',
  'h',
  'sec',
  'wk',
  'wks',
  'mo',
  'mos',
  'yr',
  'yrs',
  'tab',
  'tabs',
  'cap',
  'caps',
  'b.i.d',
  'bid',
  't.i.d',
  'tid',
  'q.i.d',
  'qid',
  'q.d',
  'qd',
  'q.h.s',
  'qhs',
  'h.s',
  'hs',
  'p.o',
  'po',
  'p.r.n',
  'prn',
  'q.o.d',
  'qod',
  'a.m',
  'p.m',
  'i.v',
  'i.m',
  's.c',
  'sq',
  'etc',
  'a.c',
  'p.c',
  'u.s',
  'ph.d',
  'm.d',
  'd.o',
  'r.n',
]);

const CLOSERS = new Set(['"', "'", ')', ']', '}', '\u201D', '\u2019', '»']);
const CJK_TERMINATORS = new Set(['\u3002', '\uFF01', '\uFF1F']);

const isSpace = (c: string | undefined): boolean => c !== undefined && /\s/.test(c);
const isUpper = (c: string | undefined): boolean => c !== undefined && c !== c.toLowerCase() && c === c.toUpperCase();
const isLower = (c: string | undefined): boolean => c !== undefined && c !== c.toUpperCase() && c === c.toLowerCase();
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isLetter = (c: string | undefined): boolean => c !== undefined && /\p{L}/u.test(c);

/** Index of the first non-space character at or after i on the same line (or text.length). */
function nextVisible(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\u00A0')) i++;
  return i;
}

/** The word (letters, digits, inner periods) that ends just before position `dot`. */
function wordBefore(text: string, dot: number): { word: string; start: number } {
  let s = dot;
  while (s > 0 && /[\p{L}\p{N}.]/u.test(text[s - 1])) s--;
  while (s < dot && text[s] === '.') s++;
  return { word: text.slice(s, dot), start: s };
}

/** True when only whitespace, commas or list bullets lie between `from` and `to`. */
function onlyFillerBetween(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = text[k];
    if (!isSpace(c) && c !== ',' && c !== '-' && c !== '*' && c !== '\u2022') return false;
  }
  return true;
}

/** Does a period at `dot` (followed by whitespace, next visible char at `next`) end a sentence? */
function periodEndsSentence(text: string, dot: number, next: number, sentStart: number): boolean {
  const nextChar = text[next];
  if (next >= text.length || nextChar === '\n' || nextChar === '\r') return true;
  const { word, start } = wordBefore(text, dot);
  const lower = word.toLowerCase();
  // List enumerator "1. " at the start of a sentence.
  if (/^\d{1,2}$/.test(word) && onlyFillerBetween(text, sentStart, start)) return false;
  if (lower === 'no' && isDigit(nextChar)) return false; // "No. 5"
  if (NEVER_SPLIT.has(lower)) return false;
  if (isLower(nextChar)) return false; // "approx. five", "pt. was"
  // Initials: "J. Smith".
  if (/^\p{Lu}$/u.test(word) && isUpper(nextChar) && (start === 0 || !isLetter(text[start - 1]))) {
    return false;
  }
  if (SPLIT_IF_CAPITAL.has(lower)) {
    if (!isUpper(nextChar)) return false;
    // In ALL-CAPS text a capital letter after "P.O." says nothing; keep dotted abbreviations joined.
    const nextWord = /^[\p{L}.]+/u.exec(text.slice(next, next + 40))?.[0] ?? '';
    if (
      word.includes('.') &&
      word === word.toUpperCase() &&
      nextWord.length > 1 &&
      nextWord === nextWord.toUpperCase()
    ) {
      return false;
    }
  }
  return true;
}

/** Is position i a newline that should end a sentence? Soft-wrapped prose lines are joined. */
function newlineEndsSentence(text: string, i: number): boolean {
  let p = i - 1;
  while (p >= 0 && (text[p] === ' ' || text[p] === '\t' || text[p] === '\r')) p--;
  let n = i + 1;
  while (n < text.length && (text[n] === ' ' || text[n] === '\t')) n++;
  if (p < 0 || n >= text.length) return true;
  const prev = text[p];
  const next = text[n];
  // Wrapped prose: line ends mid-clause and the next line continues in lower case.
  return !((isLetter(prev) || prev === ',') && isLower(next));
}

/** If a run of ALL-CAPS header text ends at the colon `colon` (e.g. "PROCEDURE: ,"), return true. */
function isInlineHeaderColon(text: string, sentStart: number, colon: number): boolean {
  const s = nextVisible(text, sentStart);
  if (colon - s < 2 || colon - s > 60) return false;
  const head = text.slice(s, colon);
  return /^[A-Z][A-Z0-9 /&()'-]*[A-Z)]$/.test(head);
}

/** Splits `text` into sentence spans (UTF-16 offsets, trimmed, in order, covering all non-space text). */
export function splitSentences(text: string): Span[] {
  const cuts: number[] = [];
  let sentStart = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text[i];
    if (c === '\n') {
      if (newlineEndsSentence(text, i)) {
        cuts.push(i);
        sentStart = i + 1;
      }
      continue;
    }
    if (CJK_TERMINATORS.has(c)) {
      let j = i + 1;
      while (j < n && (CJK_TERMINATORS.has(text[j]) || CLOSERS.has(text[j]))) j++;
      cuts.push(j);
      sentStart = j;
      i = j - 1;
      continue;
    }
    if (c === ':') {
      // mtsamples style "HISTORY OF PRESENT ILLNESS:, The patient ..." — header is its own sentence.
      const k = nextVisible(text, i + 1);
      if (text[k] === ',' && isInlineHeaderColon(text, sentStart, i)) {
        cuts.push(k + 1);
        sentStart = k + 1;
        i = k;
      }
      continue;
    }
    if (c !== '.' && c !== '!' && c !== '?') continue;
    let j = i + 1;
    while (j < n && (text[j] === '.' || text[j] === '!' || text[j] === '?')) j++;
    while (j < n && CLOSERS.has(text[j])) j++;
    // mtsamples uses ".," where the source had a line break: "...family.,POSTOPERATIVE".
    if (text[j] === ',' && c === '.') {
      const k = nextVisible(text, j + 1);
      const before = wordBefore(text, i).word;
      const abbreviation = NEVER_SPLIT.has(before.toLowerCase()) || before.length < 2; // "e.g., Lasix"
      if (k < n && (isUpper(text[k]) || isDigit(text[k])) && !abbreviation) {
        cuts.push(j + 1);
        sentStart = j + 1;
        i = j;
        continue;
      }
    }
    if (j < n && !isSpace(text[j])) {
      i = j - 1;
      continue; // "2.5", "e.g.x", "www.x.org"
    }
    const next = nextVisible(text, j);
    const single = j - i === 1 || (j - i > 1 && CLOSERS.has(text[i + 1]));
    if (c !== '.' || !single || periodEndsSentence(text, i, next, sentStart)) {
      cuts.push(j);
      sentStart = j;
    }
    i = j - 1;
  }
  cuts.push(n);

  const spans: Span[] = [];
  let from = 0;
  for (const cut of cuts) {
    if (cut <= from) continue;
    pushTrimmed(text, from, cut, spans);
    from = cut;
  }
  return spans;
}

/** Trims [from, to) and appends it, cut into pieces of at most MAX_SENTENCE_CHARS. */
function pushTrimmed(text: string, from: number, to: number, out: Span[]): void {
  let s = from;
  let e = to;
  while (s < e && isSpace(text[s])) s++;
  while (e > s && isSpace(text[e - 1])) e--;
  while (s < e) {
    if (e - s <= MAX_SENTENCE_CHARS) {
      out.push({ start: s, end: e });
      return;
    }
    let cut = s + MAX_SENTENCE_CHARS;
    let ws = cut;
    while (ws > s + 1 && !isSpace(text[ws])) ws--;
    if (ws > s + 1) cut = ws;
    else if (isLowSurrogate(text.charCodeAt(cut)) && isHighSurrogate(text.charCodeAt(cut - 1))) cut--;
    let pe = cut;
    while (pe > s && isSpace(text[pe - 1])) pe--;
    out.push({ start: s, end: pe });
    s = cut;
    while (s < e && isSpace(text[s])) s++;
  }
}

export const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
export const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;
