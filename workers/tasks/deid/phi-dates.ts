// Dates in every common format ("03/14/2024", "3/14/24", "2024-03-14", "March 14, 2024", "14 Mar 2024",
// "14-MAR-2024", "17.10.1996", "Mar-23", "06/2021", "the 14th", "in October"; only the date part of
// an ISO timestamp) and ages over 89 ("Age 93", "a 91 yo", "93-year-old", "ninety-two"). Times of
// day are not PHI (phi-protected.ts keeps them).
import { MONTH, monthCaseOk, notMeasure } from './phi-context.ts';
import {
  L,
  NO_DIGIT_AROUND_L,
  NO_DIGIT_AROUND_R,
  notBeforeUnit,
  R,
  SPACED_L,
  SPACED_R,
  type PhiPattern,
} from './phi-pattern.ts';

const DAY = '(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?';
const YEAR = '(?:1[89]\\d{2}|2[01]\\d{2})';
const MONTH_DAY = '(?:0?[1-9]|1[0-2]) ?/ ?(?:0?[1-9]|[12]\\d|3[01])';

export const DATE_PATTERNS: PhiPattern[] = [
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
      `${NO_DIGIT_AROUND_L}${YEAR}([\\-/.])(?:0?[1-9]|1[0-2])\\1(?:0?[1-9]|[12]\\d|3[01])(?:(?=T\\d)|${NO_DIGIT_AROUND_R})`,
      'gu',
    ),
  },
  { type: 'DATE', regex: new RegExp(`${NO_DIGIT_AROUND_L}(?:0?[1-9]|1[0-2])/${YEAR}${NO_DIGIT_AROUND_R}`, 'gu') },
  // Compact year-month-day as systems stamp it ("signed 20240612 1422"): a plausible year, month and day.
  {
    type: 'DATE',
    regex: new RegExp(
      `${NO_DIGIT_AROUND_L}(?:19[5-9]\\d|20[0-4]\\d)(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])(?:(?=T\\d)|${NO_DIGIT_AROUND_R})`,
      'gu',
    ),
  },
  // Holidays name a day: "Christmas Eve", "New Year's Day"; a bare "Christmas" or "Thanksgiving" only
  // after a time word ("over Thanksgiving", not "Christmas tree lights").
  {
    type: 'DATE',
    regex:
      /(?<![\p{L}\p{N}])(?:Christmas (?:Eve|Day)|Thanksgiving Day|New Year['’]s (?:Eve|Day)|Easter Sunday|Independence Day|Memorial Day|Labor Day|Veterans Day|Valentine['’]s Day|Mother['’]s Day|Father['’]s Day|(?<=(?:on|over|since|before|after|until|till|by|around|for|during|last|this|next|from|through)[^\S\n]+)(?:Christmas|Thanksgiving|Easter|Halloween|New Year['’]s))(?![\p{L}\p{N}])/gu,
  },
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
  // A month abbreviation and a two-digit year or day, dashed as systems print them: "Mar-23", "JAN-05".
  {
    type: 'DATE',
    regex: new RegExp(`${L}(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)-\\d{2}${NO_DIGIT_AROUND_R}`, 'giu'),
    accept: (v) => /^[A-Z]/.test(v),
  },
  // A day of the month on its own: "on the 14th", "since the 27th" (not "the 5th metacarpal": a
  // preposition before it, nothing but punctuation or a joining word after it).
  {
    type: 'DATE',
    regex: new RegExp(
      `${L}(?:on|since|from|until|till|by|before|after|through|starting|of)\\s+the\\s+((?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th))(?=\\s*(?:[,.;:)]|$|(?:and|at|or|through|to|until|when|which|we|I|he|she)\\s))`,
      'giu',
    ),
    group: 1,
  },
  // A month on its own after a preposition or a time word: "in December", "since October", "last March".
  {
    type: 'DATE',
    regex: new RegExp(
      `${L}(?:in|since|until|till|by|during|early|late|mid|last|next|this|from|through|of|before|after)[\\s-]+((?:January|February|March|April|May|June|July|August|September|October|November|December))${R}`,
      'gu',
    ),
    group: 1,
  },
];

// Ages over 89 written out: "ninety-two", "Ninety Seven", "one hundred and one".
const AGE_WORDS =
  '(?:ninety(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|one\\s+hundred(?:\\s+(?:and\\s+)?(?:one|two|three|four|five|six|seven|eight|nine|ten))?)';

export const AGE_PATTERNS: PhiPattern[] = [
  // Ages over 89: "92 years old", "age 95", "aged 101", "93 y/o", "94-year-old".
  {
    type: 'AGE',
    regex:
      /(?<![\p{L}\p{N}.])(9\d|1[0-2]\d)(?=\s*-?\s*(?:years?|yrs?|yo|y\/o|y\.o\.|year-old|-year-old)(?![\p{L}]))/giu,
    group: 1,
  },
  { type: 'AGE', regex: /(?<![\p{L}\p{N}])(?:age|aged)\s*:?\s*(9\d|1[0-2]\d)(?!\p{N}|\.\d)/giu, group: 1 },
  // The age-and-sex shorthand that opens a presentation: "98F with CHF", "91 M s/p fall", "94yoF".
  {
    type: 'AGE',
    regex:
      /(?<![\p{L}\p{N}.])(9\d|1[0-2]\d)(?=[^\S\n]?(?:yo|y\/o)?[^\S\n]?[FM](?![\p{L}\p{N}])[^\S\n]*(?:with|w\/|s\/p|presents|presenting|who|admitted|here|c\/o|transferred|pmh|hx|h\/o))/gu,
    group: 1,
  },
  // In words, where the words around it make it an age: "who is ninety-seven", "aged ninety",
  // "ninety-two years old", "a ninety-one-year-old".
  {
    type: 'AGE',
    regex: new RegExp(`${L}(?:is|was|aged?|turned|turns|now)\\s+(${AGE_WORDS})${R}`, 'giu'),
    group: 1,
  },
  {
    type: 'AGE',
    regex: new RegExp(`${L}(${AGE_WORDS})(?=[\\s-]+(?:years?|yrs?|yo|y/o|year-old)(?![\\p{L}]))`, 'giu'),
    group: 1,
  },
];
