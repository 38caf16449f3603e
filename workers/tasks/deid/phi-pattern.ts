// The shape of a PHI pattern and the pieces the pattern files share: word boundaries that keep a
// match from being part of a longer number or word, and case-insensitive labels for patterns that
// must stay case-sensitive elsewhere (an ID's letters are capitals; "was" is no prefix of one).
import type { PhiSpan } from '../../api.ts';

export type PhiType = 'PHONE' | 'EMAIL' | 'URL' | 'IP' | 'ID' | 'DATE' | 'AGE' | 'ZIP' | 'NAME' | 'LOCATION';

/** What a pattern finds: a PhiSpan before its source and score are set. */
export type PatternSpan = Omit<PhiSpan, 'type' | 'source' | 'score'> & { type: PhiType };

export interface PhiPattern {
  type: PhiType;
  regex: RegExp;
  /** Capture group holding the identifier itself (context words before it are not PHI). */
  group?: number;
  /** Extra check on the matched identifier text. */
  accept?: (value: string) => boolean;
  /** Extra check on the words around the match (text, start and end of the identifier, the match). */
  context?: (text: string, start: number, end: number, match: RegExpExecArray) => boolean;
}

// Boundaries: not glued to other letters/digits (so "A1234567B" and "12.5" parts are not picked).
export const L = '(?<![\\p{L}\\p{N}])';
export const R = '(?![\\p{L}\\p{N}])';
export const NO_DIGIT_AROUND_L = '(?<![\\p{L}\\p{N}.\\-/])';
export const NO_DIGIT_AROUND_R = '(?![\\p{L}\\p{N}]|[.\\-/]\\d)';

// For numbers in tokenised text ("8 / 16"): not part of a decimal ("5 . 5 / 2"), range
// ("4 - 6 / 2"), chain of ratios ("600 / 12 / 40") or percentage.
export const SPACED_L = '(?<![\\p{L}\\p{N}]|\\p{N} ?[.\\-] ?|[/+] ?)';
export const SPACED_R = '(?![\\p{L}\\p{N}]| ?[./] ?\\p{N}| ?%)';

// A number followed by a unit is an amount, not an identifier ("100 - 200 - 3000 mg", "1980 cc");
// `more` adds units for one pattern.
const DOSE_UNITS = 'mg|mcg|ml|cc|units?|kg|g';
export const notBeforeUnit = (more = ''): string => `(?! ?(?:${DOSE_UNITS}${more})\\b)`;

export const countDigits = (s: string): number => (s.match(/\d/g) ?? []).length;

/** A case-insensitive regex source for a label of letters, spaces and punctuation ("mrn" → "[Mm][Rr][Nn]"). */
export const anyCase = (label: string): string =>
  label.replace(/\p{L}/gu, (c) => (c.toLowerCase() === c.toUpperCase() ? c : `[${c.toUpperCase()}${c.toLowerCase()}]`));
