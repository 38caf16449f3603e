// Redaction of PHI spans: "[TYPE]" tags or realistic, consistent, seed-deterministic surrogates.
import { isHighSurrogate, isLowSurrogate } from '../../text/sentences.ts';
import { shiftDates } from './surrogate-dates.ts';
import { scramble, surrogateIdentifier } from './surrogate-ids.ts';
import type { Redaction } from '../../api.ts';

export interface RedactionInput {
  type: string;
  start: number;
  end: number;
  /** Where the span came from; a pattern's (or the user's) type is more exact than the tagger's. */
  source?: string;
}

export type { Redaction } from '../../api.ts';

export interface RedactionResult {
  text: string;
  spans: Redaction[];
}

export type RedactionMode = 'tags' | 'surrogates';

const FIRST_NAMES = [
  'James',
  'Mary',
  'Robert',
  'Linda',
  'Michael',
  'Susan',
  'David',
  'Karen',
  'Thomas',
  'Nancy',
  'Daniel',
  'Laura',
  'Paul',
  'Helen',
  'Mark',
  'Sandra',
  'Kevin',
  'Donna',
  'Brian',
  'Carol',
  'Aisha',
  'Wei',
  'Priya',
  'Carlos',
  'Elena',
  'Omar',
  'Yuki',
  'Fatima',
  'Lars',
  'Ingrid',
];
const LAST_NAMES = [
  'Walker',
  'Bennett',
  'Hughes',
  'Foster',
  'Reyes',
  'Morgan',
  'Price',
  'Sanders',
  'Ross',
  'Jenkins',
  'Perry',
  'Powell',
  'Long',
  'Patterson',
  'Flores',
  'Butler',
  'Barnes',
  'Fisher',
  'Henderson',
  'Coleman',
  'Nakamura',
  'Okafor',
  'Lindqvist',
  'Kowalski',
  'Haddad',
  'Moreau',
  'Castillo',
  'Chen',
  'Singh',
  'Novak',
];
const PLACES = [
  'Riverside',
  'Maplewood',
  'Fairview',
  'Lakeside',
  'Oakridge',
  'Cedar Falls',
  'Springfield',
  'Greenville',
  'Brookhaven',
  'Westfield',
  'Ashford',
  'Millbrook',
];

/** FNV-1a 32-bit: a small, stable string hash for seeding. */
function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: deterministic PRNG in [0, 1). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const matchCase = (surrogate: string, original: string): string =>
  original === original.toUpperCase() && /\p{Lu}/u.test(original)
    ? surrogate.toUpperCase()
    : original === original.toLowerCase() && /\p{Ll}/u.test(original)
      ? surrogate.toLowerCase()
      : surrogate;

const pick = <T>(items: T[], random: () => number): T => items[Math.floor(random() * items.length)];

/** Same shape as the original: initials stay initials, "Last, First" keeps its comma. */
function surrogateName(original: string, random: () => number): string {
  const words = original.trim().split(/\s+/);
  const parts = words.map((word, i) => {
    if (/^\p{L}\.?$/u.test(word)) return `${pick(FIRST_NAMES, random)[0]}${word.endsWith('.') ? '.' : ''}`;
    const isLast = word.endsWith(',') || i === words.length - 1;
    const name = isLast ? pick(LAST_NAMES, random) : pick(FIRST_NAMES, random);
    return word.endsWith(',') ? `${name},` : name;
  });
  return matchCase(parts.join(' '), original);
}

const STREET_NAMES = ['Elm', 'Maple', 'Cedar', 'Birch', 'Willow', 'Chestnut', 'Hillcrest', 'Orchard'];
// The words of an address that say what kind of street or unit it is, kept as written.
const STREET_WORDS =
  /^(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|place|pl|terrace|circle|highway|hwy|parkway|pkwy|square|way|apt|apartment|suite|ste|unit|room|rm|floor|fl|po|p\.o|box|n|s|e|w|north|south|east|west)\.?,?$/i;

/**
 * A street line stays a street line ("42 Elm Street, Apt 3B" → "87 Maple Street, Apt 5K"), a post-office
 * box a box: digits and unit letters drawn anew, the street's name words replaced by one surrogate name.
 */
function surrogateStreet(original: string, random: () => number): string {
  let named = false;
  const words = original.split(/(\s+)/).flatMap((word) => {
    if (/^\s+$/.test(word) || STREET_WORDS.test(word)) return [word];
    if (/\d/.test(word)) return [word.replace(/\d/g, () => String(1 + Math.floor(random() * 9)))];
    if (named) return [];
    named = true;
    return [matchCase(pick(STREET_NAMES, random), word) + (word.endsWith(',') ? ',' : '')];
  });
  return words.join('').replace(/\s{2,}/g, ' ');
}

const AGE_ONES = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

function surrogateFor(type: string, original: string, random: () => number, dayShift: number): string {
  const t = type.toUpperCase();
  if (t === 'EMAIL') {
    return `${pick(FIRST_NAMES, random).toLowerCase()}.${pick(LAST_NAMES, random).toLowerCase()}@example.org`;
  }
  // A bare domain stays a bare domain ("portal.example.com"), a URL a URL.
  if (t === 'URL') {
    const name = scramble('x'.repeat(6), random);
    return /^(?:[a-z]+:\/\/|www\.)/i.test(original) ? `https://www.example.org/${name}` : `${name}.example.org`;
  }
  if (t === 'DATE' || t === 'DATEYEAR') return shiftDates(original, dayShift) ?? scramble(original, random);
  // Still "over 89", not the real age, and in words where it was written in words.
  if (t === 'AGE') {
    return /\p{L}/u.test(original)
      ? matchCase(`ninety-${pick(AGE_ONES, random)}`, original)
      : String(90 + Math.floor(random() * 10));
  }
  if (/NAME|PERSON|PATIENT|DOCTOR|HCP|STAFF|RELATIVE|PROXY/.test(t)) return surrogateName(original, random);
  const street = /^\d|^P\.?\s?O\.?\s|\s(?:Street|Avenue|Road|Boulevard|Lane|Drive|Court|Terrace|Highway|Parkway)$/i;
  if (t === 'LOCATION' && street.test(original)) return surrogateStreet(original, random);
  if (/LOCATION|CITY|HOSPITAL|PLACE|ORGANIZATION|ORG/.test(t)) return matchCase(pick(PLACES, random), original);
  return surrogateIdentifier(t, original, random) ?? scramble(original, random); // ID, PHONE, IP, ZIP, unknown
}

/**
 * Whether `value` gives away `original`: contains it (in any letter case); an original of under four
 * characters only as a whole word or number, since an age "95" inside a shifted year "1957" or a
 * scrambled ID gives nothing away, and retrying for it ends in "[REDACTED]".
 */
function leaks(value: string, original: string): boolean {
  const o = original.trim().toLowerCase();
  if (o === '') return false;
  if (o.length >= 4) return value.toLowerCase().includes(o);
  const escaped = o.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'iu').test(value);
}

/** Snaps an offset so it never lies between the halves of a surrogate pair. */
function snap(text: string, offset: number, direction: -1 | 1): number {
  if (
    offset > 0 &&
    offset < text.length &&
    isLowSurrogate(text.charCodeAt(offset)) &&
    isHighSurrogate(text.charCodeAt(offset - 1))
  ) {
    return offset + (direction < 0 ? -1 : 1);
  }
  return offset;
}

/**
 * Clamps, snaps and merges overlapping spans. The merged span takes the type of a pattern's or the
 * user's span over the tagger's (a date the tagger ran into a time as "PHONE" stays a DATE), else
 * of the longer span.
 */
export function mergeSpans(text: string, spans: RedactionInput[]): RedactionInput[] {
  const cleaned = spans
    .map((s) => {
      const start = snap(text, Math.max(0, Math.min(text.length, Math.floor(s.start) || 0)), -1);
      const end = snap(text, Math.max(0, Math.min(text.length, Math.floor(s.end) || 0)), 1);
      return { type: String(s.type), start, end, exact: s.source !== undefined && s.source !== 'model' };
    })
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: (RedactionInput & { exact: boolean })[] = [];
  for (const s of cleaned) {
    const last = merged.at(-1);
    if (last && s.start < last.end) {
      if ((s.exact && !last.exact) || (s.exact === last.exact && s.end - s.start > last.end - last.start)) {
        Object.assign(last, { type: s.type, exact: s.exact });
      }
      last.end = Math.max(last.end, s.end);
    } else merged.push({ ...s });
  }
  return merged.map(({ type, start, end }) => ({ type, start, end }));
}

/**
 * Tags mode: neighbours of one type with only spaces or tabs between them become one tag ("Mr. [NAME]",
 * not "Mr. [NAME] [NAME]"): how many words a name had is not worth showing. Surrogates keep one per
 * span, so each word of a name keeps its own consistent surrogate.
 */
function joinNeighbours(text: string, spans: RedactionInput[]): RedactionInput[] {
  const joined: RedactionInput[] = [];
  for (const s of spans) {
    const last = joined.at(-1);
    if (last && last.type === s.type && /^[ \t]+$/.test(text.slice(last.end, s.start))) last.end = s.end;
    else joined.push({ ...s });
  }
  return joined;
}

/**
 * Replaces `spans` of `text`. Overlapping spans are merged first; in 'tags' mode same-type neighbours
 * on one line are joined too. In 'surrogates' mode the same original string always gets the same
 * surrogate within one call, surrogates depend only on `seed` (random seed when absent) and never
 * contain any redacted original.
 */
export function redact(text: string, spans: RedactionInput[], mode: RedactionMode, seed?: string): RedactionResult {
  const merged = mergeSpans(text, spans);
  const noteSeed = seed ?? String(Math.random());
  const dayShift = 1 + (hash32(`${noteSeed}|dates`) % 364); // one shift per note keeps intervals
  const originals = [...new Set(merged.map((s) => text.slice(s.start, s.end)))];
  const chosen = new Map<string, string>();

  const surrogate = (type: string, original: string): string => {
    const key = `${type}\u0000${original}`;
    const known = chosen.get(key);
    if (known !== undefined) return known;
    let value = '';
    for (let attempt = 0; ; attempt++) {
      const random = prng(hash32(`${noteSeed}|${type}|${original}|${attempt}`));
      // Retries move dates by whole months so a shifted date cannot contain another redacted date.
      value = attempt < 8 ? surrogateFor(type, original, random, dayShift + 31 * attempt) : scramble(original, random);
      if (attempt >= 8 && value === original) value = `[${type}]`;
      if (!originals.some((o) => leaks(value, o)) || attempt >= 16) break;
    }
    if (originals.some((o) => leaks(value, o))) value = '[REDACTED]';
    chosen.set(key, value);
    return value;
  };

  const out: string[] = [];
  const result: Redaction[] = [];
  let cursor = 0;
  let length = 0;
  for (const span of mode === 'tags' ? joinNeighbours(text, merged) : merged) {
    const before = text.slice(cursor, span.start);
    out.push(before);
    length += before.length;
    const original = text.slice(span.start, span.end);
    const replacement = mode === 'tags' ? `[${span.type}]` : surrogate(span.type, original);
    out.push(replacement);
    result.push({
      type: span.type,
      start: length,
      end: length + replacement.length,
      replacement,
      originalStart: span.start,
      originalEnd: span.end,
    });
    length += replacement.length;
    cursor = span.end;
  }
  out.push(text.slice(cursor));
  return { text: out.join(''), spans: result };
}
