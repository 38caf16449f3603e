// How to reach someone, found by scanners of their own: e-mail addresses, and street addresses.

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

/** Street addresses in `text`, as [start, end) offsets. */
export function findAddresses(text: string): { start: number; end: number }[] {
  return [...text.matchAll(ADDRESS)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}
