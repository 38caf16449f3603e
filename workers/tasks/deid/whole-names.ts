// Names whole and everywhere: a name the tagger or a pattern found grows to the whole name (first,
// middle initial, particles, surname, "Last, First M", a nickname in quotes) without the title or
// credential around it, staff initials are found ("J.K., RN", "MI/kls", "- JPW"), and every confirmed
// name is then looked for in the rest of the note ("Mr. Brennan" after "Harold T. Brennan", "pt
// edward mcallister" after "Edward McAllister").
import type { Span } from '../../api.ts';
import { LABEL_WORDS, type NameEvidence } from './keep-words.ts';
import { NOT_A_NAME, RELATIONS, ROLES } from './phi-context.ts';

export interface FoundName extends Span {
  type: 'NAME';
}

interface Word {
  text: string;
  lower: string;
  start: number;
  end: number;
}

// Particles inside multi-part names: "Juan Carlos de la Cruz", "VAN DER BERG", "bin Laden".
export const PARTICLES = new Set(
  'de la del della van der den von da di du le dos das ter ten bin ibn al el y'.split(' '),
);
const TITLES = new Set('dr mr mrs ms miss mx rev prof sr fr doctor'.split(' '));
const CREDENTIALS = new Set(
  'md do rn np pa lpn rrt crt phd pharmd dds dmd cnm crna msw lcsw rd ot pt slp aprn facp facc mph dnp bsn'.split(' '),
);
const MONTHS_AND_DAYS = new Set(
  (
    'january february march april may june july august september october november december jan feb mar apr jun jul ' +
    'aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday'
  ).split(' '),
);
/** Words that end a name or never start one: titles, credentials, labels, roles, relations, months. */
const NEVER_IN_NAME = new Set([
  ...TITLES,
  ...CREDENTIALS,
  ...LABEL_WORDS,
  ...ROLES,
  ...RELATIONS,
  ...NOT_A_NAME,
  ...MONTHS_AND_DAYS,
]);

const WORD = /\p{L}[\p{L}'’-]*/gu;
// Function words written in capitals are no names ("DAUGHTER VERONICA WHO IS PROXY").
const FUNCTION_WORDS = new Set(
  (
    'who whom whose which that this these those is are was were be been being has have had will would can could ' +
    'may might should must not no yes and or but if then than as at by for from in into of on to with without ' +
    'per via all any some each also here there when where while'
  ).split(' '),
);

function wordsOf(text: string): Word[] {
  return [...text.matchAll(WORD)].map((m) => {
    // A possessive is no part of the name: "Brennan's" → "Brennan".
    const bare = m[0].replace(/['’]s$/, '');
    return { text: bare, lower: bare.toLowerCase(), start: m.index, end: m.index + bare.length };
  });
}

/** The line around `offset` is written in capitals (an all-caps note or block). */
function inCapsLine(text: string, offset: number): boolean {
  const from = text.lastIndexOf('\n', offset - 1) + 1;
  const to = text.indexOf('\n', offset);
  const letters = text.slice(from, to < 0 ? text.length : to).replace(/[^\p{L}]/gu, '');
  const upper = letters.replace(/[^\p{Lu}]/gu, '').length;
  return letters.length >= 12 && upper / letters.length > 0.8;
}

/**
 * A word that can be part of a name: capitalised ("Brennan", "O'Neil", "Anne-Marie", "McAllister"),
 * or in capitals on a capitals line; not a title, credential, label, role or month, and not a common
 * English word unless the gazetteer lists it as a first name or surname.
 */
function nameWord(text: string, w: Word, evidence: NameEvidence): boolean {
  if (NEVER_IN_NAME.has(w.lower) || w.text.length < 2) return false;
  const capitalised = /^\p{Lu}[\p{Ll}'’-]*\p{Ll}[\p{L}'’-]*$/u.test(w.text);
  const type = evidence.gazetteer?.typeOf(w.lower);
  const listed = type === 'FirstName' || type === 'Surname';
  // In capitals: on a capitals line, or a listed name on any line ("Ordering: GREENBERG, DAVID MD").
  const capitals = /^\p{Lu}[\p{Lu}'’-]+$/u.test(w.text) && (listed || inCapsLine(text, w.start));
  if (!capitalised && !capitals) return false;
  if (evidence.keep?.isDrug(w.lower)) return false;
  return listed || !evidence.keep?.isCommon(w.lower);
}

const INITIAL = /^[^\S\n]*\p{Lu}\.?(?=[^\S\n]|,|$)/u;

/** The word at `at` opens a sentence or a line (after a title's full stop it does not). */
export function opensSentence(text: string, at: number): boolean {
  const before = text.slice(Math.max(0, at - 8), at);
  return (
    /(?:^|[.!?:]\s*|\n\s*)$/.test(before) && !/(?:^|[^\p{L}])(?:dr|mr|mrs|ms|mx|rev|prof|sr|fr|st)\.\s*$/iu.test(before)
  );
}

/**
 * Grows name spans to the whole name around each; `blocked` says whether an offset lies in a
 * protected phrase (an eponym, a label) that no name may enter.
 */
export function nameGrower(
  text: string,
  evidence: NameEvidence,
  blocked: (at: number) => boolean,
): (span: Span) => Span {
  const words = wordsOf(text);
  return (span) => growName(text, words, span, evidence, blocked);
}

function growName(
  text: string,
  words: Word[],
  span: Span,
  evidence: NameEvidence,
  blocked: (at: number) => boolean,
): Span {
  const isName = (i: number): boolean =>
    i >= 0 && i < words.length && nameWord(text, words[i], evidence) && !blocked(words[i].start);
  // A capitalised common word beside a first name or between name words is part of the name
  // ("Colleen Brown", "Hope Castellanos", "Dorothy Faith Whitlock"), unless it opens a sentence.
  const looseName = (i: number): boolean =>
    i >= 0 &&
    i < words.length &&
    !blocked(words[i].start) &&
    !NEVER_IN_NAME.has(words[i].lower) &&
    !evidence.keep?.isDrug(words[i].lower) &&
    (/^\p{Lu}\p{Ll}+$/u.test(words[i].text) ||
      (/^\p{Lu}{2,}$/u.test(words[i].text) &&
        inCapsLine(text, words[i].start) &&
        !FUNCTION_WORDS.has(words[i].lower))) &&
    !opensSentence(text, words[i].start);
  // A first name, or a hyphenated one with a listed part ("ANNE-MARIE").
  const firstName = (i: number): boolean =>
    (words[i]?.lower ?? '').split('-').some((part) => evidence.gazetteer?.typeOf(part) === 'FirstName');
  const gap = (a: number, b: number): string => text.slice(words[a].end, words[b].start);
  let first = words.findIndex((w) => w.end > span.start);
  if (first < 0) return span;
  let last = first;
  while (last + 1 < words.length && words[last + 1].start < span.end) last++;
  // A name never starts or ends inside a word ("ji" of "Min-ji"); a possessive "'s" stays outside.
  let start = Math.min(span.start, words[first].start);
  let end = Math.max(Math.min(span.end, text.length), words[last].end);
  if (/['’]s$/.test(text.slice(start, end))) end -= 2;
  // Trim a title or credential the span ran over.
  while (first < last && (TITLES.has(words[first].lower) || CREDENTIALS.has(words[first].lower)))
    start = words[++first].start;
  while (last > first && CREDENTIALS.has(words[last].lower)) end = words[--last].end;

  // Left: initials ("J. Smith"), particles before a name word, and further name words on one line.
  for (;;) {
    const before = text.slice(0, start);
    const initial = /(?<![\p{L}\p{N}.])\p{Lu}\.[^\S\n]*$/u.exec(before);
    if (initial && !TITLES.has(before.slice(initial.index, initial.index + 1).toLowerCase())) {
      start = initial.index;
      while (first > 0 && words[first - 1].start >= start) first--;
      continue;
    }
    const prev = first - 1;
    if (prev < 0) break;
    // "YOUNG, MARCUS A" / "BROWN, BRIANNA": a surname, a comma, then the first name the span holds.
    if (
      /^[^\S\n]*,[^\S\n]*$/.test(gap(prev, first)) &&
      firstName(first) &&
      !NEVER_IN_NAME.has(words[prev].lower) &&
      /^\p{Lu}(?:\p{Ll}+|\p{Lu}+)$/u.test(words[prev].text) &&
      !/,[^\S\n]*$/.test(text.slice(0, words[prev].start))
    ) {
      first = prev;
      start = words[prev].start;
      continue;
    }
    if (!/^[^\S\n]+$|^[^\S\n]*"[^\S\n]*$/.test(gap(prev, first))) break;
    const nameHere = /\p{Lu}/u.test(text.slice(start, end));
    if (
      isName(prev) ||
      (firstName(prev) && looseName(first)) ||
      (looseName(prev) && !evidence.keep?.isCommon(words[first].lower)) ||
      (PARTICLES.has(words[prev].lower) && words[prev].text.length <= 4 && isName(prev - 1)) ||
      (PARTICLES.has(words[prev].lower) && nameHere) // "de la Cruz": particles before the surname belong to it
    ) {
      first = prev;
      start = words[prev].start;
      continue;
    }
    break;
  }
  // Right: middle initials, particles, a nickname in quotes, further name words, "Last, First M".
  let commaTaken = false;
  for (;;) {
    const after = text.slice(end);
    const initial = INITIAL.exec(after);
    if (
      initial &&
      !/^[^\S\n]*[AI][^\S\n]\S/.test(after.slice(0, initial[0].length + 2)) &&
      /\p{L}/u.test(text.slice(start, end))
    ) {
      end += initial[0].length;
      while (last + 1 < words.length && words[last + 1].end <= end) last++;
      continue;
    }
    const quoted = /^[^\S\n]+["“](\p{Lu}\p{Ll}+)["”](?=[^\S\n])/u.exec(after);
    if (quoted) {
      end += quoted[0].length;
      while (last + 1 < words.length && words[last + 1].end <= end) last++;
      continue;
    }
    const next = last + 1;
    if (next >= words.length) break;
    const between = text.slice(end, words[next].start);
    if (
      /^[^\S\n]+$/.test(between) &&
      (isName(next) ||
        (firstName(last) && looseName(next)) ||
        (isName(next + 1) && looseName(next) && /^[^\S\n]+$/.test(gap(next, next + 1))) ||
        (PARTICLES.has(words[next].lower) && (isName(next + 1) || PARTICLES.has(words[next + 1]?.lower ?? ''))))
    ) {
      last = next;
      end = words[next].end;
      continue;
    }
    // "BROWN, BRIANNA" / "Yoshida, Kenji": one surname (with its particles), a comma, then first names.
    const surnameOnly = words.slice(first, last + 1).filter((w) => !PARTICLES.has(w.lower)).length === 1;
    if (!commaTaken && surnameOnly && /^[^\S\n]*,[^\S\n]*$/.test(between) && isName(next)) {
      commaTaken = true;
      last = next;
      end = words[next].end;
      continue;
    }
    break;
  }
  // A name never ends in a particle: "PIETER VAN DER" takes its "BERG".
  const next = last + 1;
  if (PARTICLES.has(words[last].lower) && next < words.length && /^[^\S\n]+$/.test(gap(last, next))) {
    if (/^\p{Lu}/u.test(words[next].text) && !NEVER_IN_NAME.has(words[next].lower) && !blocked(words[next].start))
      end = words[next].end;
  }
  return { start, end };
}

// Staff initials: dotted ("J.K.", "T.W.") before or after a credential or role word, a dictation
// mark ("MI/kls"), and capitals signing off a message ("- JPW" at the end of a line).
const DOTTED_INITIALS = /(?<![\p{L}\p{N}.])(?:\p{Lu}\.){2,3}(?![\p{L}\p{N}])/gu;
const NOT_INITIALS = new Set(['U.S.', 'A.M.', 'P.M.', 'M.D.', 'D.O.', 'R.N.', 'N.P.', 'P.A.', 'B.S.', 'M.S.', 'U.K.', 'E.R.', 'O.R.', 'I.V.']); // prettier-ignore
const INITIAL_SURNAME_CREDENTIAL =
  /(?<![\p{L}\p{N}.])(\p{Lu}\.[^\S\n]?\p{Lu}[\p{L}'’-]+),?[^\S\n]+(\p{L}{2,6})(?![\p{L}\p{N}])/gu;
const DICTATION = /(?<![\p{L}\p{N}/])(\p{Lu}{2,3})\/\p{Ll}{2,4}(?![\p{L}\p{N}])/gu;
// A transcriptionist's initials in lower case after the words that introduce them ("Transcribed by: kls").
const TRANSCRIBER =
  /(?<=(?:[Tt]ranscribed|[Tt]yped|[Dd]ictated|[Ee]ntered|[Kk]eyed)[^\S\n]+[Bb][Yy][^\S\n]*:?[^\S\n]*)(?!(?:me|us|him|her|the|an|and|pt)(?![\p{L}]))\p{Ll}{2,4}(?![\p{L}\p{N}])/gu;
const SIGN_OFF = /(?<=(?:^|[^\S\n])[-–—][^\S\n]?)\p{Lu}{2,3}(?=[^\S\n]*$)/gmu;
const STAFF_CONTEXT = new RegExp(`(?:${[...CREDENTIALS, 'by', 'lpn', 'rn', 'per'].join('|')})`, 'i');

export function findInitials(text: string): FoundName[] {
  const out: FoundName[] = [];
  for (const m of text.matchAll(DOTTED_INITIALS)) {
    if (NOT_INITIALS.has(m[0])) continue;
    const before = /(\p{L}+)[^\p{L}\n]{0,3}$/u.exec(text.slice(Math.max(0, m.index - 12), m.index))?.[1] ?? '';
    const after =
      /^[^\p{L}\n]{0,3}(\p{L}+)/u.exec(text.slice(m.index + m[0].length, m.index + m[0].length + 12))?.[1] ?? '';
    if (
      (STAFF_CONTEXT.test(before) && before.length <= 5) ||
      CREDENTIALS.has(after.toLowerCase()) ||
      before.toLowerCase() === 'by'
    )
      out.push({ type: 'NAME', start: m.index, end: m.index + m[0].length });
  }
  // An initial and a surname before a credential: "R. Young, RN", "H. FINCH, MD".
  for (const m of text.matchAll(INITIAL_SURNAME_CREDENTIAL)) {
    if (CREDENTIALS.has(m[2].toLowerCase())) out.push({ type: 'NAME', start: m.index, end: m.index + m[1].length });
  }
  for (const m of text.matchAll(DICTATION)) out.push({ type: 'NAME', start: m.index, end: m.index + m[0].length });
  for (const m of text.matchAll(TRANSCRIBER)) out.push({ type: 'NAME', start: m.index, end: m.index + m[0].length });
  for (const m of text.matchAll(SIGN_OFF)) out.push({ type: 'NAME', start: m.index, end: m.index + m[0].length });
  return out;
}

/**
 * Every other occurrence of a confirmed name's words (2+ letters, no particles): any letter case for
 * words that are not common English words; a common one ("Page", "Young") only where it is written
 * as a name (capitalised, not opening a sentence, or in capitals on a capitals line).
 */
export function propagateNames(
  text: string,
  names: Span[],
  evidence: NameEvidence,
  blocked: (at: number) => boolean,
): FoundName[] {
  const tokens = new Map<string, boolean>(); // lower-cased word → whether it is a common word
  for (const n of names) {
    for (const w of wordsOf(text.slice(n.start, n.end))) {
      if (w.text.length < 2 || PARTICLES.has(w.lower) || NEVER_IN_NAME.has(w.lower)) continue;
      if (/^\p{Lu}{2,3}$/u.test(w.text) && n.end - n.start <= 3) continue; // initials "JPW" are not words
      if (evidence.keep?.isDrug(w.lower)) continue;
      tokens.set(w.lower, evidence.keep?.isCommon(w.lower) ?? false);
    }
  }
  if (tokens.size === 0) return [];
  const out: FoundName[] = [];
  for (const w of wordsOf(text)) {
    const common = tokens.get(w.lower);
    if (common === undefined || blocked(w.start)) continue;
    if (common) {
      const sentenceStart = opensSentence(text, w.start);
      const capitalised = /^\p{Lu}\p{Ll}/u.test(w.text);
      // On a capitals line a common word is a name only beside another ("NURSING TO PAGE ICU TEAM" is no name).
      const beside = (offset: number): string =>
        (/\p{L}+/u.exec(
          offset < 0
            ? (text
                .slice(Math.max(0, w.start - 20), w.start)
                .split(/\s+/)
                .filter(Boolean)
                .at(-1) ?? '')
            : text.slice(w.end, w.end + 20),
        ) ?? [''])[0].toLowerCase();
      const nameBeside = [beside(-1), beside(1)].some(
        (n) => (tokens.has(n) && !tokens.get(n)) || TITLES.has(n) || RELATIONS.includes(n),
      );
      const asName = capitalised || (/^\p{Lu}+$/u.test(w.text) && inCapsLine(text, w.start) && nameBeside);
      if (!asName || sentenceStart) continue;
    }
    out.push({ type: 'NAME', start: w.start, end: w.end });
  }
  return out;
}
