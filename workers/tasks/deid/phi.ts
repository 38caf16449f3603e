// Pattern-based finder for structured identifiers (PHI) in clinical text: phones and pagers, e-mail,
// URLs, IPs, IDs, dates and times, ages over 89, street addresses, ZIP codes; and names and places
// where the context gives them away: after a title ("Dr Smith", "Mrs. Brucer"), before "aware", on
// signature lines, facility names ("from Calvert Hospital"), "lives in Hagerstown"; relatives and
// staff by phi-names.ts; e-mail and street addresses by phi-contact.ts.
// Other names and places need a model; see deid models.
import type { PhiSpan } from '../../api.ts';
import { DisjointSpans } from '../../text/span-set.ts';
import { findAddresses, findEmails } from './phi-contact.ts';
import { findNames, type Gazetteer } from './phi-names.ts';
import {
  PLACE_NAME_WORD,
  FACILITY,
  FACILITY_NAME_WORD,
  NOT_A_NAME,
  RELATIONS,
  ROLES,
  notMeasure,
  monthCaseOk,
  MONTH,
} from './phi-context.ts';

export type PhiType = 'PHONE' | 'EMAIL' | 'URL' | 'IP' | 'ID' | 'DATE' | 'AGE' | 'ZIP' | 'NAME' | 'LOCATION';

/** What a pattern finds: a PhiSpan before its source and score are set. */
export type PatternSpan = Omit<PhiSpan, 'type' | 'source' | 'score'> & { type: PhiType };

interface PhiPattern {
  type: PhiType;
  regex: RegExp;
  /** Capture group holding the identifier itself (context words before it are not PHI). */
  group?: number;
  /** Extra check on the matched identifier text. */
  accept?: (value: string) => boolean;
  /** Extra check on the words around the match (text, start and end of the identifier, the match). */
  context?: (text: string, start: number, end: number, match: RegExpExecArray) => boolean;
}

const DAY = '(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?';
const YEAR = '(?:1[89]\\d{2}|2[01]\\d{2})';
const MONTH_DAY = '(?:0?[1-9]|1[0-2]) ?/ ?(?:0?[1-9]|[12]\\d|3[01])';
const US_STATES =
  'AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR';

// Boundaries: not glued to other letters/digits (so "A1234567B" and "12.5" parts are not picked).
const L = '(?<![\\p{L}\\p{N}])';
const R = '(?![\\p{L}\\p{N}])';
const NO_DIGIT_AROUND_L = '(?<![\\p{L}\\p{N}.\\-/])';
const NO_DIGIT_AROUND_R = '(?![\\p{L}\\p{N}]|[.\\-/]\\d)';

// For numbers in tokenised text ("8 / 16"): not part of a decimal ("5 . 5 / 2"), range
// ("4 - 6 / 2"), chain of ratios ("600 / 12 / 40") or percentage.
const SPACED_L = '(?<![\\p{L}\\p{N}]|\\p{N} ?[.\\-] ?|[/+] ?)';
const SPACED_R = '(?![\\p{L}\\p{N}]| ?[./] ?\\p{N}| ?%)';

// A number followed by a unit is an amount, not an identifier ("100 - 200 - 3000 mg", "1980 cc");
// `more` adds units for one pattern.
const DOSE_UNITS = 'mg|mcg|ml|cc|units?|kg|g';
const notBeforeUnit = (more = ''): string => `(?! ?(?:${DOSE_UNITS}${more})\\b)`;

// A phone extension: "x45", "ext. 1234".
const EXTENSION = '(?: ?(?:x|ext\\.?) ?\\d{1,5})?';

const countDigits = (s: string): number => (s.match(/\d/g) ?? []).length;

/** "0800 - 1200": a range of 24-hour clock times, not a phone number. */
function isTimeRange(s: string): boolean {
  const m = /^(\d{4}) ?- ?(\d{4})$/.exec(s);
  const isTime = (t: string) => Number(t.slice(0, 2)) < 24 && Number(t.slice(2)) < 60;
  return m !== null && isTime(m[1]) && isTime(m[2]);
}

// Order is priority when matches overlap: earlier patterns win.
const PATTERNS: PhiPattern[] = [
  {
    type: 'URL',
    regex: /(?<![\p{L}\p{N}])(?:(?:https?|ftp):\/\/|www\.)[^\s<>"'`]{2,2048}/giu,
  },
  {
    type: 'IP',
    regex: new RegExp(
      `${NO_DIGIT_AROUND_L}(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)${NO_DIGIT_AROUND_R}`,
      'gu',
    ),
  },
  // Pager numbers are short (before the IDs, which would take "# 12345"): "Pager # 12345", "PG 23456", "beeper number 55037".
  {
    type: 'PHONE',
    regex:
      /(?<![\p{L}\p{N}])(?:pager|pgr|pg|beeper|bpr)\s*(?:#|no\.?|number)?\s*:?\s*#?\s*(\d{4,6}|\d\s?-\s?\d{4})(?![\p{L}\p{N}]|\s?[.\-/]\s?\d)/giu,
    group: 1,
  },
  // SSN-like 123-45-6789.
  { type: 'ID', regex: new RegExp(`${NO_DIGIT_AROUND_L}\\d{3}-\\d{2}-\\d{4}${NO_DIGIT_AROUND_R}`, 'gu') },
  // Identifiers announced by a label: "MRN: 1234567", "Record # A-55123", "ID 99881".
  {
    type: 'ID',
    regex: new RegExp(
      `${L}(?:MRN|MR|med(?:ical)?\\s+rec(?:ord)?(?:\\s+(?:no\\.?|number|#))?|record(?:\\s+(?:no\\.?|number|#))?|acct|account(?:\\s+(?:no\\.?|number|#))?|ID|identifier|patient\\s+(?:id|no\\.?|number)|unit\\s+(?:no\\.?|number)|case\\s+(?:no\\.?|number)|accession(?:\\s+(?:no\\.?|number|#))?|SSN|social\\s+security(?:\\s+(?:no\\.?|number|#))?|encounter|visit\\s+(?:no\\.?|number|#)|policy(?:\\s+(?:no\\.?|number|#))?|member\\s+(?:id|no\\.?|number)|license(?:\\s+(?:no\\.?|number|#))?|serial(?:\\s+(?:no\\.?|number|#))?)\\s*(?:#|:|no\\.?|number)?\\s*[:#]?\\s*((?:[A-Z]{1,4}[-\\s]?)?\\d[\\d\\-]{3,}\\d[A-Z]?)${R}`,
      'giu',
    ),
    group: 1,
    accept: (v) => countDigits(v) >= 5,
  },
  {
    type: 'ID',
    regex: new RegExp(`#\\s?((?:[A-Z]{1,4}-?)?\\d[\\d\\-]{3,}\\d)${R}`, 'gu'),
    group: 1,
    accept: (v) => countDigits(v) >= 5,
  },
  // Phones: US "(555) 123-4567", "555.123.4567", "+1 555 123 4567"; international "+44 20 7946 0958".
  {
    type: 'PHONE',
    regex: new RegExp(
      `${NO_DIGIT_AROUND_L}(?:\\+?1[\\s.\\-]?)?(?:\\(\\d{3}\\)[\\s\\-]?|\\d{3}[\\s.\\-])\\d{3}[\\s.\\-]\\d{4}(?:\\s?(?:x|ext\\.?)\\s?\\d{1,5})?${NO_DIGIT_AROUND_R}`,
      'giu',
    ),
  },
  // The same with spaces around the separators, as typed or tokenised: "603 - 960 - 1419",
  // "301 944 - 5032", "202 2671093" (not before a unit: "100 - 200 - 3000 mg" is a dose).
  {
    type: 'PHONE',
    regex: new RegExp(
      `${SPACED_L}(?:\\( ?\\d{3} ?\\) ?|\\d{3}(?: ?[.\\-/] ?| ))\\d{3}(?: ?[.\\-] ?)?\\d{4}${EXTENSION}${SPACED_R}${notBeforeUnit()}`,
      'giu',
    ),
  },
  // Plain spaces only ("410 392 0780 x45"): area code and exchange start with 2-9, as US numbers do.
  {
    type: 'PHONE',
    regex: new RegExp(`${SPACED_L}[2-9]\\d{2} [2-9]\\d{2} \\d{4}${EXTENSION}${SPACED_R}${notBeforeUnit()}`, 'giu'),
  },
  {
    type: 'PHONE',
    regex: new RegExp(
      `(?<![\\p{L}\\p{N}])(?:phone|tel|telephone|cell|mobile|fax|pager|beeper|call|home|work|office|contact|reached\\s+at|number|#|${RELATIONS.join('|')})\\s*(?:#|no\\.?|number)?\\s*:?\\s*(?:at\\s+)?(\\+?\\d[\\d\\s.\\-()]{5,18}\\d)(?![\\p{L}\\p{N}])`,
      'giu',
    ),
    group: 1,
    accept: (v) => countDigits(v) >= 7 && countDigits(v) <= 15 && !isTimeRange(v),
  },
  {
    type: 'PHONE',
    regex: /(?<![\p{L}\p{N}+])\+\d{1,3}(?:[\s.-]?\(?\d{1,4}\)?){2,5}(?![\p{L}\p{N}]|[.\-/]\d)/gu,
    accept: (v) => countDigits(v) >= 8 && countDigits(v) <= 15,
  },
  // Dates.
  {
    type: 'DATE',
    regex: new RegExp(
      `${NO_DIGIT_AROUND_L}(?:0?[1-9]|1[0-2])([/\\-.])(?:0?[1-9]|[12]\\d|3[01])\\1(?:\\d{4}|\\d{2})${NO_DIGIT_AROUND_R}`,
      'gu',
    ),
  },
  // The same with spaces around the separators, as tokenised text has them: "10 / 14 / 87".
  {
    type: 'DATE',
    regex: new RegExp(
      `${SPACED_L}(?:0?[1-9]|1[0-2]) ?([/\\-]) ?(?:0?[1-9]|[12]\\d|3[01]) ?\\1 ?(?:${YEAR}|\\d{2})${SPACED_R}`,
      'gu',
    ),
  },
  // The second date of a range ("6 / 30 - 7 / 2"): alone, "- 7 / 2" would look like a chain of numbers.
  {
    type: 'DATE',
    // 'd': the first date's offsets come with the match (group 1, inside the lookbehind).
    regex: new RegExp(`(?<=${SPACED_L}(${MONTH_DAY}) ?- ?)${MONTH_DAY}${SPACED_R}`, 'gud'),
    context: (text, start, end, match) => {
      const first = match.indices?.[1];
      return !!first && notMeasure(text, first[0], first[1]) && notMeasure(text, start, end);
    },
  },
  // Month/day without a year ("8/16", "8 / 16"): only with "/", and not a fraction, score,
  // ratio or ventilator setting (checked on the words around it; see notMeasure).
  {
    type: 'DATE',
    regex: new RegExp(`${SPACED_L}(?:0?[1-9]|1[0-2]) ?/ ?(?:0?[1-9]|[12]\\d|3[01])${SPACED_R}`, 'gu'),
    context: notMeasure,
  },
  // Month/two-digit year ("12/93", "8 / 87"): the second number cannot be a day.
  {
    type: 'DATE',
    regex: new RegExp(`${SPACED_L}(?:0?[1-9]|1[0-2]) ?/ ?(?:3[2-9]|[4-9]\\d)${SPACED_R}`, 'gu'),
    context: notMeasure,
  },
  {
    type: 'DATE',
    regex: new RegExp(
      `${NO_DIGIT_AROUND_L}(?:0?[1-9]|[12]\\d|3[01])([/\\-.])(?:0?[1-9]|1[0-2])\\1\\d{4}${NO_DIGIT_AROUND_R}`,
      'gu',
    ),
  },
  {
    type: 'DATE',
    regex: new RegExp(
      `${NO_DIGIT_AROUND_L}${YEAR}([\\-/.])(?:0?[1-9]|1[0-2])\\1(?:0?[1-9]|[12]\\d|3[01])${NO_DIGIT_AROUND_R}`,
      'gu',
    ),
  },
  { type: 'DATE', regex: new RegExp(`${NO_DIGIT_AROUND_L}(?:0?[1-9]|1[0-2])/${YEAR}${NO_DIGIT_AROUND_R}`, 'gu') },
  { type: 'DATE', regex: new RegExp(`${L}${MONTH}\\s+${DAY}(?:,?\\s+${YEAR})?${R}`, 'giu'), accept: monthCaseOk },
  { type: 'DATE', regex: new RegExp(`${L}${DAY}\\s+(?:of\\s+)?${MONTH},?\\s+${YEAR}${R}`, 'giu'), accept: monthCaseOk },
  { type: 'DATE', regex: new RegExp(`${L}${MONTH},?\\s+(?:of\\s+)?${YEAR}${R}`, 'giu'), accept: monthCaseOk },
  // Day, month abbreviation and year run together or dashed, as record systems print them: "14-Mar-2021", "03MAR21".
  {
    type: 'DATE',
    regex: new RegExp(
      `${L}(?:[12]\\d|3[01]|0?[1-9])([-/]?)(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\1(?:${YEAR}|\\d{2})${R}`,
      'giu',
    ),
    accept: (v) => /[A-Z]/.test(v),
  },
  // A year after "in" / "since" ("lumpectomy in 1983"; not "at 2015", a time) and a two-digit year
  // after an apostrophe ("CABG '79", "CABGx4 ' 79"; not feet and inches: "5 ' 10").
  { type: 'DATE', regex: new RegExp(`${L}(?:in|since|IN|SINCE|In|Since)\\s+(${YEAR})${R}`, 'gu'), group: 1 },
  // A bare year 1960-1999 anywhere ("CABG 1971", "RENAL CELL CA 1977"): its last two digits cannot be
  // minutes, so it is no 24-hour time; not a signed amount ("los - 1963") nor before a unit ("1980 cc").
  {
    type: 'DATE',
    regex: new RegExp(
      `(?<![\\p{L}\\p{N}.,+\\-/])(?<![+\\-/] )19[6-9]\\d${NO_DIGIT_AROUND_R}${notBeforeUnit('|cal|kcal')}`,
      'giu',
    ),
  },
  {
    type: 'DATE',
    regex: /(?<!(?:^|[^\p{L}\p{N}])\p{N}{1,3} ?|['’] ?)['’] ?(\d{2})(?![\p{L}\p{N}]| ?["”'’])/gu,
    group: 1,
  },
  // With a two-digit year after a comma, as nursing-note headers give it: "28 Oct , 88" (not a dose: "20 mg").
  {
    type: 'DATE',
    regex: new RegExp(
      `${L}${DAY}\\s+${MONTH}(?: ?, ?\\d{2}${notBeforeUnit('|%|min(?:ute)?s?|h(?:ou)?rs?|h|days?|am|pm|y(?:ea)?rs?|y\\.?o')})?${R}`,
      'giu',
    ),
    accept: monthCaseOk,
  },
  // A name after a doctor's title: "Dr Smith", "DR. JONES", "dr . o'halloran" (a second capitalised
  // word is kept in mixed-case text: "Dr. John Smith").
  {
    type: 'NAME',
    regex:
      /(?<![\p{L}\p{N}])(?:[Dd][Rr]|Doctor|DOCTOR)(?: ?\. ?| )((?:\p{L} ?' ?)?\p{L}[\p{L}'-]*\p{L}(?: \p{Lu}\p{Ll}+(?=[\s,.;:)]|$))?)(?![\p{L}\p{N}])/gu,
    group: 1,
    accept: (v) => !NOT_A_NAME.has(v.split(' ')[0].toLowerCase()) && (!v.includes(' ') || /^\p{Lu}\p{Ll}/u.test(v)),
  },
  // A name after Mr / Mrs / Ms / Miss: "Mrs. Brucer", "MRS BRUCER" (not "MS" alone: morphine, mental status).
  {
    type: 'NAME',
    regex: /(?<![\p{L}\p{N}])(?:Mr|Mrs|Ms|Miss)(?: ?\. ?| )(\p{Lu}[\p{Ll}'-]+)(?![\p{L}\p{N}])/gu,
    group: 1,
    accept: (v) => !NOT_A_NAME.has(v.toLowerCase()),
  },
  {
    type: 'NAME',
    regex: /(?<![\p{L}\p{N}])MRS\.? (\p{Lu}[\p{Lu}'-]+)(?![\p{L}\p{N}])/gu,
    group: 1,
    accept: (v) => !NOT_A_NAME.has(v.toLowerCase()),
  },
  // A name that opens a sentence and is made aware of something: "Sparkes aware.", "RIDLON AWARE".
  {
    type: 'NAME',
    regex: /(?:^|(?<=[.;!?]\s))[^\S\n]*(\p{L}[\p{L}'-]+)[^\S\n]+(?:is[^\S\n]+)?(?:aware|AWARE)(?![\p{L}\p{N}])/gmu,
    group: 1,
    accept: (v) => !NOT_A_NAME.has(v.toLowerCase()) && !ROLES.has(v.toLowerCase()),
  },
  // "Drs Smith and Jones": the plural title.
  {
    type: 'NAME',
    regex:
      /(?<![\p{L}\p{N}])(?:Drs|DRS|drs)\.?[^\S\n]+(\p{L}[\p{L}'-]+(?:[^\S\n]+(?:and|AND|&)[^\S\n]+\p{L}[\p{L}'-]+)?)(?![\p{L}\p{N}])/gu,
    group: 1,
    accept: (v) => !NOT_A_NAME.has(v.split(/\s+/)[0].toLowerCase()),
  },
  // A signature line: one to three words and a credential alone on a line ("Marie Munroe, RN").
  {
    type: 'NAME',
    regex:
      /^[^\S\n]*(\p{L}[\p{L}'-]*(?:[^\S\n]+\p{L}[\p{L}'-]*){0,2})(?:[^\S\n]*,[^\S\n]*|[^\S\n]+)(?:RN|NP|MD|PA|rn|np)[^\S\n]*\.?[^\S\n]*$/gmu,
    group: 1,
    accept: (v) => !v.split(/\s+/).some((w) => NOT_A_NAME.has(w.toLowerCase())),
  },
  // The name of a facility: one to three words between a preposition and a facility noun
  // ("from Holy Cross Hospital", "at CALVERT HOSP", "to sacred heart hosp"), none of them a
  // determiner, unit or kind of care ("to the ICU rehab", "from outside hospital" are not names).
  {
    type: 'LOCATION',
    regex: new RegExp(
      `${L}(?:to|from|at|in|by|via)\\s+(?:the\\s+)?(${FACILITY_NAME_WORD}(?:(?:\\s*-\\s*|\\s+(?:of\\s+)?)${FACILITY_NAME_WORD}){0,2})\\s+${FACILITY}${R}`,
      'giu',
    ),
    group: 1,
  },
  {
    type: 'LOCATION',
    regex: /(?<![\p{L}\p{N}])(?:[Uu]niv(?:ersity)?|UNIV(?:ERSITY)?|U)\s+(?:of|OF)\s+\p{Lu}\p{L}+(?![\p{L}\p{N}])/gu,
  },
  // Where someone lives: "lives in Hagerstown", "LIVING IN ROME", "relocated to San Diego" (one or two
  // words, none of them a kind of home: "lives in a nursing home", "lives at home with wife").
  {
    type: 'LOCATION',
    regex: new RegExp(
      `${L}(?:lives|living|lived|resides|residing|reside|relocated)\\s+(?:in|at|near|to)\\s+(${PLACE_NAME_WORD}(?:\\s+${PLACE_NAME_WORD})?)${R}`,
      'giu',
    ),
    group: 1,
  },
  // Times: 10:30, 9:05 am, 23:15:00.
  {
    type: 'DATE',
    regex:
      /(?<![\p{L}\p{N}:.])(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?:\s?(?:[ap]\.m\.|[ap]m)(?![\p{L}\p{N}]))?(?![\p{N}]|:\d)/giu,
  },
  // Ages over 89: "92 years old", "age 95", "aged 101", "93 y/o", "94-year-old".
  {
    type: 'AGE',
    regex:
      /(?<![\p{L}\p{N}.])(9\d|1[0-2]\d)(?=\s*-?\s*(?:years?|yrs?|yo|y\/o|y\.o\.|year-old|-year-old)(?![\p{L}]))/giu,
    group: 1,
  },
  { type: 'AGE', regex: /(?<![\p{L}\p{N}])(?:age|aged)\s*:?\s*(9\d|1[0-2]\d)(?![\p{N}.])/giu, group: 1 },
  // ZIP codes next to a state or a ZIP label.
  {
    type: 'ZIP',
    regex: new RegExp(`(?<![\\p{L}\\p{N}])(?:${US_STATES}),?\\s+(\\d{5}(?:-\\d{4})?)${R}`, 'gu'),
    group: 1,
  },
  {
    type: 'ZIP',
    regex: /(?<![\p{L}\p{N}])(?:zip(?:\s*code)?|postal\s+code)\s*:?\s*(\d{5}(?:-\d{4})?)(?![\p{L}\p{N}])/giu,
    group: 1,
  },
];

/** Trailing punctuation after a URL belongs to the sentence. */
function trimUrl(text: string, start: number, end: number): number {
  while (end > start && /[.,;:!?)\]}'"]/.test(text[end - 1])) {
    if (text[end - 1] === ')' && text.slice(start, end).includes('(')) break;
    end--;
  }
  return end;
}

export interface PhiOptions {
  /**
   * The deid model's gazetteer ("FirstName", "Surname", "OtherName", "Place" or undefined for a
   * lower-cased word or phrase): enables names and places in any letter case where the context gives
   * them away ("SON ROBERT", "HOLMES CALLED", "FROM ROME"), where capitals say nothing (see phi-names.ts).
   */
  gazetteer?: Gazetteer;
}

/** Finds structured PHI; results sorted by start, non-overlapping (higher-priority type wins). */
export function findPhi(text: string, opts: PhiOptions = {}): PatternSpan[] {
  const candidates: (PatternSpan & { priority: number })[] = [
    ...findEmails(text).map((e) => ({ type: 'EMAIL' as const, ...e })),
    ...findAddresses(text).map((a) => ({ type: 'LOCATION' as const, ...a })),
  ].map((e) => ({ ...e, text: text.slice(e.start, e.end), priority: -1 }));
  PATTERNS.forEach((pattern, priority) => {
    pattern.regex.lastIndex = 0;
    for (const m of text.matchAll(pattern.regex)) {
      let value = m[0];
      let start = m.index;
      if (pattern.group !== undefined) {
        const inner = m[pattern.group];
        if (inner === undefined) continue;
        start = m.index + m[0].lastIndexOf(inner);
        value = inner;
      }
      let end = start + value.length;
      if (pattern.type === 'URL') end = trimUrl(text, start, end);
      if (end <= start) continue;
      value = text.slice(start, end);
      if (pattern.accept && !pattern.accept(value)) continue;
      if (pattern.context && !pattern.context(text, start, end, m)) continue;
      candidates.push({ type: pattern.type, start, end, text: value, priority });
    }
  });
  for (const n of findNames(text, opts.gazetteer)) {
    candidates.push({ ...n, text: text.slice(n.start, n.end), priority: PATTERNS.length });
  }
  candidates.sort((a, b) => a.priority - b.priority || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept = new DisjointSpans<PatternSpan>();
  for (const c of candidates) kept.addIfFree({ type: c.type, start: c.start, end: c.end, text: c.text });
  return kept.items;
}
