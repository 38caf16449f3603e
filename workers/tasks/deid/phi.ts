// Pattern-based finder of PHI in clinical text. Structured identifiers have files of their own:
// e-mail, URLs, IPs, phones and ZIP codes in phi-contact.ts, identifier numbers in phi-ids.ts, dates
// and ages over 89 in phi-dates.ts. Here: names and places where the context gives them away: after a
// title ("Dr Smith", "Mrs. Brucer"), before "aware", on signature lines, facility names ("from
// Calvert Hospital"), "lives in Hagerstown"; relatives and staff by phi-names.ts.
// Other names and places need a model; see deid models.
import { DisjointSpans } from '../../text/span-set.ts';
import { ADDRESS_PATTERNS, findAddresses, findEmails, PHONE_PATTERNS, ZIP_PATTERNS } from './phi-contact.ts';
import { AGE_PATTERNS, DATE_PATTERNS } from './phi-dates.ts';
import { ID_PATTERNS } from './phi-ids.ts';
import { findNames, type Gazetteer } from './phi-names.ts';
import { PARTICLES } from './whole-names.ts';
import { L, R, type PatternSpan, type PhiPattern } from './phi-pattern.ts';
import { PLACE_NAME_WORD, FACILITY, FACILITY_NAME_WORD, NOT_A_NAME, ROLES } from './phi-context.ts';

export type { PatternSpan, PhiType } from './phi-pattern.ts';

// One word of a name in a name field ("O'Neil", "ANNE-MARIE", "R.", "Jr.") and the particles between words.
const FIELD_NAME_WORD = "\\p{Lu}[\\p{L}'’-]*\\.?";
const NAME_PARTICLE = `(?:${[...PARTICLES].flatMap((p) => [p, p.toUpperCase()]).join('|')})`;

const NAME_AND_PLACE_PATTERNS: PhiPattern[] = [
  // A name after a doctor's title: "Dr Smith", "DR. JONES", "dr . o'halloran", "DR HANLEY - MCCUE", and
  // "Dr." at the end of a wrapped line (a second capitalised word is kept in mixed-case text: "Dr. John Smith").
  {
    type: 'NAME',
    regex:
      /(?<![\p{L}\p{N}])(?:[Dd][Rr]|Doctor|DOCTOR)(?: ?\.[^\S\n]?(?:\n[^\S\n]*)?| )((?:\p{L} ?' ?)?\p{L}[\p{L}'-]*\p{L}(?: ?- ?\p{Lu}[\p{L}'-]*\p{L}| \p{Lu}\p{Ll}+(?=[\s,.;:)]|$))?)(?![\p{L}\p{N}])/gu,
    group: 1,
    accept: (v) =>
      !NOT_A_NAME.has(v.split(/[\s-]+/)[0].toLowerCase()) &&
      (!/ \p{L}/u.test(v) || /^\p{Lu}\p{Ll}/u.test(v) || /-/.test(v)),
  },
  // A name after Mr / Mrs / Ms / Miss / Mx / Prof / Rev: "Mrs. Brucer", "Prof. Ng", "MRS BRUCER" (not "MS"
  // alone: morphine, mental status).
  {
    type: 'NAME',
    regex: /(?<![\p{L}\p{N}])(?:Mr|Mrs|Ms|Miss|Mx|Prof|Professor|Rev)(?: ?\. ?| )(\p{Lu}[\p{Ll}'-]+)(?![\p{L}\p{N}])/gu,
    group: 1,
    accept: (v) => !NOT_A_NAME.has(v.toLowerCase()),
  },
  {
    type: 'NAME',
    regex: /(?<![\p{L}\p{N}])MRS\.? (\p{Lu}[\p{Lu}'-]+)(?![\p{L}\p{N}])/gu,
    group: 1,
    accept: (v) => !NOT_A_NAME.has(v.toLowerCase()),
  },
  // The value of a name field, whole up to the field's end (two spaces, a tab or the line end):
  // "Patient: Hope Marie Castillo    MRN:", "PATIENT: PATEL, ANJALI R", "Name: Whitfield, Margaret A."
  // (two words or more, capitalised, particles between; a one-word value may be anything).
  {
    type: 'NAME',
    regex: new RegExp(
      `(?<![\\p{L}])(?:[Pp]atient(?: [Nn]ame)?|PATIENT(?: NAME)?|[Pp]t [Nn]ame|PT NAME|Name|NAME)[^\\S\\n]*:[^\\S\\n]*` +
        `(${FIELD_NAME_WORD}(?:(?:,[^\\S\\n]*|[^\\S\\n])(?:${NAME_PARTICLE}[^\\S\\n])*${FIELD_NAME_WORD}){1,4})` +
        `(?=[^\\S\\n]{2,}|\\t|[^\\S\\n]*$|[^\\S\\n]*[;|])`,
      'gmu',
    ),
    group: 1,
    accept: (v) => !v.split(/[\s,]+/).some((w) => NOT_A_NAME.has(w.replace(/\.$/, '').toLowerCase())),
  },
  // A name that opens a sentence and is made aware of something: "Sparkes aware.", "RIDLON AWARE".
  {
    type: 'NAME',
    regex: /(?:^|(?<=[.;!?]\s))[^\S\n]*(\p{L}[\p{L}'-]+)[^\S\n]+(?:is[^\S\n]+)?(?:aware|AWARE)(?![\p{L}\p{N}])/gmu,
    group: 1,
    accept: (v) => !NOT_A_NAME.has(v.toLowerCase()) && !ROLES.has(v.toLowerCase()),
  },
  // "Drs Smith and Jones", "Drs ' Ballou and Dutter", "DR ' S CAMARDA AND CLIFFORD": the plural title.
  {
    type: 'NAME',
    regex:
      /(?<![\p{L}\p{N}])(?:Drs|DRS|drs|Dr ?['’] ?s|DR ?['’] ?S)\.?(?:[^\S\n]*['’])?[^\S\n]+(\p{L}[\p{L}'-]+(?:[^\S\n]+(?:and|AND|&)[^\S\n]+\p{L}[\p{L}'-]+)?)(?![\p{L}\p{N}])/gu,
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
];

// Order is priority when matches overlap: earlier patterns win.
const PATTERNS: PhiPattern[] = [
  ...ADDRESS_PATTERNS,
  ...ID_PATTERNS,
  ...PHONE_PATTERNS,
  ...DATE_PATTERNS,
  ...NAME_AND_PLACE_PATTERNS,
  ...AGE_PATTERNS,
  ...ZIP_PATTERNS,
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
