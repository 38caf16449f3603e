// How to reach someone: e-mail addresses and street addresses (scanners of their own), and patterns
// for URLs and bare domains, IPv4 and IPv6 addresses, phone, fax and pager numbers with extensions,
// and ZIP codes.
import { isIpv6 } from './phi-checks.ts';
import { RELATIONS } from './phi-context.ts';
import {
  anyCase,
  countDigits,
  NO_DIGIT_AROUND_L,
  NO_DIGIT_AROUND_R,
  notBeforeUnit,
  R,
  SPACED_L,
  SPACED_R,
  type PhiPattern,
} from './phi-pattern.ts';

const EMAIL_LOCAL_CHAR = /[\p{L}\p{N}._%+-]/u;
const EMAIL_DOMAIN = /[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63})*\.\p{L}{2,24}(?![\p{L}\p{N}])/uy;

/** E-mail addresses, found from each "@" outwards (a regex scan from every position is slow on 2 MB). */
export function findEmails(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && at - start < 64 && EMAIL_LOCAL_CHAR.test(text[start - 1])) start--;
    while (start < at && /[.-]/.test(text[start])) start++; // "...x.@" / leading dots are not the address
    if (start === at || (start > 0 && EMAIL_LOCAL_CHAR.test(text[start - 1]))) continue;
    EMAIL_DOMAIN.lastIndex = at + 1;
    const domain = EMAIL_DOMAIN.exec(text);
    if (!domain) continue;
    const end = at + 1 + domain[0].length;
    out.push({ start, end });
  }
  return out;
}

// Street addresses ("42 Elm Street, Apt 3B", "1200 N. Lake Shore Drive", "221B BAKER STREET"): a house
// number, one to three capitalised words and a street type, with an optional unit. HIPAA's Safe Harbor
// lists street addresses among the identifiers; the deid model, trained on nursing notes that have
// none, tags their words as names and leaves the number. Street types that are also clinical
// abbreviations or titles are left out ("CT" as in "2 Head CT", "Dr" as in "2 Tylenol Dr. Smith").

// Title case: every street type. Capitals (nursing notes are written in them): only the full words
// that say nothing else there ("ST" is a sinus tachycardia or an ST segment, "IN PLACE" a line).
const STREET_TYPES =
  'Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Court|Place|Pl|Terrace|Circle|Highway|Hwy|Parkway|Pkwy|Square|Way';
const STREET_TYPES_CAPS =
  'STREET|AVENUE|AVE|ROAD|BOULEVARD|BLVD|LANE|DRIVE|COURT|TERRACE|CIRCLE|HIGHWAY|PARKWAY|SQUARE';
const UNITS = 'Apt|Apartment|Suite|Ste|Unit|Room|Rm|Floor|Fl|APT|APARTMENT|SUITE|STE|UNIT|ROOM|RM|FLOOR|FL';

const SPACE = '[ \\t]+'; // an address does not run across lines
const NUMBER = '\\d{1,6}[A-Z]?(?:-\\d{1,6})?';
const DIRECTION = '(?:[NSEW]\\.?|North|South|East|West|NORTH|SOUTH|EAST|WEST)';
// A capitalised word that is not a little word of a sentence ("3 WAY FOLEY IN PLACE"), or "5th".
const LITTLE = '(?:In|To|On|At|Of|The|And|With|For|By|From|IN|TO|ON|AT|OF|THE|AND|WITH|FOR|BY|FROM)(?![\\p{L}])';
const NAME_WORD = `(?!${LITTLE})(?:\\p{Lu}[\\p{L}'’-]*|\\d{1,3}(?:st|nd|rd|th|ST|ND|RD|TH))`;
// "Apt 3B", "Suite 1540", "#2", "8th Floor".
const UNIT = `(?:,?[ \\t]*(?:(?:(?:${UNITS})\\.?[ \\t]*#?|#)[ \\t]*[\\p{L}\\p{N}-]{1,6}|\\d{1,3}(?:st|nd|rd|th)[ \\t]+(?:Floor|FLOOR))(?![\\p{L}\\p{N}]))?`;

const ADDRESS = new RegExp(
  `(?<![\\p{L}\\p{N}.,/-])${NUMBER}${SPACE}(?:${DIRECTION}${SPACE})?${NAME_WORD}(?:${SPACE}${NAME_WORD}){0,2}` +
    `${SPACE}(?:(?:${STREET_TYPES})\\.?|${STREET_TYPES_CAPS})(?![\\p{L}\\p{N}])${UNIT}`,
  'gu',
);

// A post-office box: "PO Box 118", "P.O. BOX 4471".
const PO_BOX =
  /(?<![\p{L}\p{N}])(?:P\.?[^\S\n]?O\.?|Post[^\S\n]+Office)[^\S\n]+Box[^\S\n]+#?\d{1,6}(?![\p{L}\p{N}])/giu;

// A street named without a house number, after a preposition: "on Main Street", "off Route 9" is not one.
const STREET_NAME = new RegExp(
  `(?<=(?:on|at|off|near|along|down)[^\\S\\n]+)(?:\\p{Lu}\\p{Ll}+[^\\S\\n]+){1,3}(?:Street|Avenue|Road|Boulevard|Lane|Drive|Court|Terrace|Highway|Parkway)(?![\\p{L}\\p{N}])`,
  'gu',
);

/** Street addresses, streets named after a preposition and post-office boxes in `text`, as [start, end) offsets. */
export function findAddresses(text: string): { start: number; end: number }[] {
  return [...text.matchAll(ADDRESS), ...text.matchAll(STREET_NAME), ...text.matchAll(PO_BOX)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
  }));
}

// A phone extension: "x45", "ext. 1234".
const EXTENSION = '(?: ?(?:x|ext\\.?) ?\\d{1,5})?';

/** "0800 - 1200": a range of 24-hour clock times, not a phone number. */
function isTimeRange(s: string): boolean {
  const m = /^(\d{4}) ?- ?(\d{4})$/.exec(s);
  const isTime = (t: string) => Number(t.slice(0, 2)) < 24 && Number(t.slice(2)) < 60;
  return m !== null && isTime(m[1]) && isTime(m[2]);
}

// Top-level domains a bare domain may end in ("portal.example.com", "hsa-law.example"); file names
// ("report.pdf") and abbreviations ("e.g.") end in none of them.
const TLDS =
  'com|org|net|edu|gov|mil|int|info|biz|health|io|co|us|uk|ca|au|de|fr|nl|ie|in|me|app|ai|example|test|local|localhost';

/** Before the IDs and phones, which would take parts of these. */
export const ADDRESS_PATTERNS: PhiPattern[] = [
  {
    type: 'URL',
    regex: /(?<![\p{L}\p{N}])(?:(?:https?|ftp):\/\/|www\.)[^\s<>"'`]{2,2048}/giu,
  },
  {
    type: 'URL',
    regex: new RegExp(
      `(?<![\\p{L}\\p{N}@.\\-/])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+(?:${TLDS})(?![\\p{L}\\p{N}\\-@]|\\.[a-z0-9])(?:/[^\\s<>"'\x60]*)?`,
      'giu',
    ),
  },
  {
    type: 'IP',
    regex:
      /(?<![\p{L}\p{N}:.])(?:[0-9a-f]{1,4}(?::[0-9a-f]{0,4}){2,7}|::[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,6})(?![\p{L}\p{N}:])/giu,
    accept: isIpv6,
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
];

export const PHONE_PATTERNS: PhiPattern[] = [
  // Phones: US "(555) 123-4567", "555.123.4567", "+1 555 123 4567", "413-555-0120 ext. 215";
  // international "+44 20 7946 0958".
  {
    type: 'PHONE',
    regex: new RegExp(
      `${NO_DIGIT_AROUND_L}(?:\\+?1[\\s.\\-]?)?(?:\\(\\d{3}\\)[\\s\\-]?|\\d{3}[\\s.\\-])\\d{3}[\\s.\\-]\\d{4}(?:,?\\s?(?:x|ext\\.?|extension)\\s?\\d{1,5})?${NO_DIGIT_AROUND_R}`,
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
  // A seven-digit local number after a phone word, a line label or a relation ("Nurse line: 555-0143",
  // "call 555-0199", "wife 555 - 1234").
  {
    type: 'PHONE',
    regex: new RegExp(
      `(?<![\\p{L}\\p{N}])(?:phone|tel|telephone|cell|mobile|fax|call|line|number|reached\\s+at|${RELATIONS.join('|')})[^\\S\\n]*(?:#|no\\.?)?[^\\S\\n]*:?[^\\S\\n]*(?:at[^\\S\\n]+)?([2-9]\\d{2}(?: ?- ?|\\.)\\d{4})(?![\\p{L}\\p{N}]| ?[.\\-/] ?\\d)`,
      'giu',
    ),
    group: 1,
  },
  {
    type: 'PHONE',
    regex: /(?<![\p{L}\p{N}+])\+\d{1,3}(?:[\s.-]?\(?\d{1,4}\)?){2,5}(?![\p{L}\p{N}]|[.\-/]\d)/gu,
    accept: (v) => countDigits(v) >= 8 && countDigits(v) <= 15,
  },
  // UK numbers with their trunk 0, grouped: "020 7946 0958", "07700 900123".
  {
    type: 'PHONE',
    regex: /(?<![\p{L}\p{N}.\-/])0\d{2,4} \d{3,6}(?: \d{3,4})?(?![\p{L}\p{N}]|[.\-/]\d)/gu,
    accept: (v) => countDigits(v) >= 10 && countDigits(v) <= 11,
  },
  // A free-standing extension: "LCSW, ext. 5521", "extension 215" (the digits only).
  {
    type: 'PHONE',
    regex: /(?<![\p{L}\p{N}])(?:ext|extension)\.?\s*#?\s*(\d{2,6})(?![\p{L}\p{N}]|[.\-/]\d)/giu,
    group: 1,
  },
];

export const US_STATES =
  'AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR';

export const US_STATE_NAMES =
  'Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|' +
  'Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|' +
  'Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|' +
  'North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|' +
  'Utah|Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming|Puerto Rico|District of Columbia';

export const ZIP_PATTERNS: PhiPattern[] = [
  // ZIP codes next to a state, its code or its name ("MA 01103", "Texas 78701"), or a ZIP label.
  {
    type: 'ZIP',
    regex: new RegExp(
      `(?<![\\p{L}\\p{N}])(?:${US_STATES}|${anyCase(US_STATE_NAMES)}),?\\s+(\\d{5}(?:-\\d{4})?)${R}`,
      'gu',
    ),
    group: 1,
  },
  {
    type: 'ZIP',
    regex: /(?<![\p{L}\p{N}])(?:zip(?:\s*code)?|postal\s+code)\s*:?\s*(\d{5}(?:-\d{4})?)(?![\p{L}\p{N}])/giu,
    group: 1,
  },
  // UK postcodes, outward and inward part: "SW1A 1AA", "M1 1AE" (the inward letters leave out C I K M O V).
  {
    type: 'ZIP',
    regex: /(?<![\p{L}\p{N}])[A-Z]{1,2}\d[A-Z\d]? \d[ABD-HJLNP-UW-Z]{2}(?![\p{L}\p{N}])/gu,
  },
];
