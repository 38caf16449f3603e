// The last step of finding identifiers: names, places and organisations whole, and nothing else
// touched. Spans are cut out of protected phrases (eponyms, drugs, organisms, form labels) and at
// sentence ends, false names are dropped, names grow to the whole name and are found again wherever
// they recur in the note, staff initials and facility/organisation names are added.
import type { PhiSpan, Span } from '../../api.ts';
import { isFalseFind, isNeverName } from './false-finds.ts';
import { isFalseName, protectedPhrases, type NameEvidence } from './keep-words.ts';
import { findOrganisations } from './organisations.ts';
import { RELATIONS } from './phi-context.ts';
import { findInitials, nameGrower, opensSentence, propagateNames } from './whole-names.ts';

/** One flag per character of the text: inside a protected phrase. */
function protectedMask(text: string, phrases: Span[]): Uint8Array {
  const mask = new Uint8Array(text.length);
  for (const p of phrases) mask.fill(1, p.start, p.end);
  return mask;
}

/** A full stop, "!" or "?" and a space end a sentence, unless the stop ends an initial or a title ("T. Brennan", "Dr. Ng"). */
const SENTENCE_END = /(?<!(?:^|[^\p{L}])(?:\p{Lu}|Dr|Mr|Mrs|Ms|Mx|St|Rev|Prof|Sr|Jr|Fr))[.!?](?=\s)/gu;

/** The pieces of a span outside protected characters and sentence ends, trimmed of spaces and punctuation. */
function pieces(text: string, span: PhiSpan, mask: Uint8Array): PhiSpan[] {
  const cuts: boolean[] = [];
  for (let i = span.start; i < span.end; i++) cuts.push(mask[i] === 1);
  const inside = text.slice(span.start, span.end);
  for (const m of inside.matchAll(SENTENCE_END)) {
    // A stop between numbers is part of a date or a number ("11 / 21 . 93"), not a sentence end.
    const betweenDigits = /\d\s*$/.test(inside.slice(0, m.index)) && /^\s*\d/.test(inside.slice(m.index + 1));
    if (!betweenDigits) cuts[m.index] = true;
  }
  const out: PhiSpan[] = [];
  let from = -1;
  for (let i = 0; i <= cuts.length; i++) {
    if (i < cuts.length && !cuts[i]) {
      if (from < 0) from = i;
      continue;
    }
    if (from >= 0) {
      let start = span.start + from;
      let end = span.start + i;
      while (start < end && /[\s,;:(]/u.test(text[start])) start++;
      while (end > start && /[\s,;:)]/u.test(text[end - 1])) end--;
      if (/[\p{L}\p{N}]/u.test(text.slice(start, end))) out.push({ ...span, start, end, text: text.slice(start, end) });
      from = -1;
    }
  }
  return out;
}

const NAMED_TYPES = new Set(['NAME', 'LOCATION', 'ORGANIZATION']);

/**
 * The tagger's score from which a name made of common words ("Art White", "PRICE", "rose") stays a
 * name: above every false name the tagger gave on the deid-notes dev notes (the highest common word,
 * "vesicles", scored 0.90; codes, labels and drugs are never names whatever the score).
 */
const CONFIDENT_NAME = 0.93;

/** A relation word just before a span ("son Nick", "wife, rose,", "Son, Ed,"): what follows is a name. */
const AFTER_RELATION = new RegExp(`(?<![\\p{L}])(?:${RELATIONS.join('|')})[^\\S\\n]*[,:]?[^\\S\\n]*$`, 'iu');

/** Some word of the span is no common English word ("rixford", "reid"): a surname. */
function hasUncommonWord(text: string, span: Span, evidence: NameEvidence): boolean {
  const words = text.slice(span.start, span.end).match(/\p{L}[\p{L}'’-]*/gu) ?? [];
  return words.some((w) => !evidence.keep?.isCommon(w.toLowerCase()));
}

/**
 * Tagger spans of `type` with only spaces between them, joined where `joins(first, next)` allows.
 * Spans sorted by start.
 */
function withAdjacentJoined(
  text: string,
  spans: PhiSpan[],
  type: string,
  joins: (first: PhiSpan, next: PhiSpan) => boolean = () => true,
): PhiSpan[] {
  const out: PhiSpan[] = [];
  for (const span of spans) {
    const last = out.at(-1);
    const adjacent =
      last?.source === 'model' &&
      span.source === 'model' &&
      last.type === type &&
      span.type === type &&
      span.start >= last.end &&
      /^[^\S\n]+$/.test(text.slice(last.end, span.start));
    if (adjacent && joins(last, span))
      out[out.length - 1] = { ...last, end: span.end, score: Math.max(last.score, span.score) };
    else out.push(span);
  }
  return out;
}

/**
 * The tagger's name spans side by side are one name where the first stands where a first name does,
 * before a surname that is no common word and not opening a sentence or a line ("pat" + "rixford",
 * "don" + "reid"), so a common first name is judged with its surname; a word beside a name that is no
 * name ("Hi" + "Aaliyah", "Marchetti" + "concurs") stays apart. The tagger's place spans side by side
 * are one place ("general" + "hospital", "holy" + "cross"): deid-physionet tags each word of a
 * lower-case facility name apart, and a word alone would be judged as a lone common word (false-finds.ts).
 */
function withAdjacentJoinedWhole(text: string, spans: PhiSpan[], evidence: NameEvidence): PhiSpan[] {
  const names = withAdjacentJoined(
    text,
    spans,
    'NAME',
    (first, next) => !opensSentence(text, first.start) && hasUncommonWord(text, next, evidence),
  );
  return withAdjacentJoined(text, names, 'LOCATION');
}

const PARTICLE = /^(?:de|la|del|della|van|der|den|von|da|di|du|le|dos|das|ter|ten|bin|ibn|al|el|y)$/i;

/**
 * A comma inside a name joins "Last, First" only: after two or more words of a name it separates two
 * names ("Harold Brennan, Eileen Brennan"), and the comma stays.
 */
function splitNameList(text: string, span: PhiSpan): PhiSpan[] {
  if (span.type !== 'NAME') return [span];
  const out: PhiSpan[] = [];
  let start = span.start;
  for (const m of text.slice(span.start, span.end).matchAll(/[^\S\n]*,[^\S\n]*/g)) {
    const at = span.start + m.index;
    const before = text.slice(start, at).match(/\p{L}[\p{L}'’-]+/gu) ?? [];
    if (before.filter((w) => !PARTICLE.test(w)).length >= 2) {
      out.push({ ...span, start, end: at, text: text.slice(start, at) });
      start = at + m[0].length;
    }
  }
  out.push({ ...span, start, end: span.end, text: text.slice(start, span.end) });
  return out.filter((s) => s.end > s.start);
}

export function refineNames(text: string, spans: PhiSpan[], evidence: NameEvidence): PhiSpan[] {
  const facilities = findOrganisations(text, evidence);
  const departments = facilities.filter((f) => f.generic);
  const mask = protectedMask(text, [...protectedPhrases(text, evidence.keep, evidence.gazetteer), ...departments]);
  const blocked = (at: number): boolean => mask[at] === 1;
  const ordered = withAdjacentJoinedWhole(
    text,
    [...spans].sort((a, b) => a.start - b.start || b.end - a.end),
    evidence,
  );
  // Structured identifiers from patterns are exact; the tagger's spans and context names are cut.
  const cut = ordered.flatMap((s) => (s.source === 'model' || NAMED_TYPES.has(s.type) ? pieces(text, s, mask) : [s]));
  // A name its context gives away, or one the tagger is sure of, may be a common word.
  const related = (s: PhiSpan): boolean => AFTER_RELATION.test(text.slice(Math.max(0, s.start - 24), s.start));
  const sure = (s: PhiSpan): boolean => s.source !== 'model' || s.score >= CONFIDENT_NAME || related(s);
  // A tagger's find is judged both as found and as grown to the whole name ("Fascia" → "Fascia iliaca").
  const falseFind = (s: PhiSpan): boolean =>
    isNeverName(text, s) ||
    (s.source === 'model' &&
      isFalseFind(text, s, evidence, { related: related(s), confident: s.score >= CONFIDENT_NAME }));
  const kept = cut.filter((s) => (s.type !== 'NAME' || !isFalseName(text, s, evidence, sure(s))) && !falseFind(s));
  const made = (s: Span & { type: string }): PhiSpan => ({
    ...s,
    text: text.slice(s.start, s.end),
    source: 'pattern',
    score: 1,
  });
  const initials = findInitials(text)
    .filter((s) => !blocked(s.start))
    .map(made);
  const grow = nameGrower(text, evidence, blocked);
  const grown = [...kept, ...initials]
    .map((s) => (s.type === 'NAME' ? { ...s, ...grow(s) } : s))
    .filter((s) => !falseFind(s));
  const names = grown.filter((s) => s.type === 'NAME');
  const again = propagateNames(text, names, evidence, blocked).map((s) => made({ ...s, ...grow(s) }));
  const organisations = facilities.filter((f) => !f.generic).map(({ type, start, end }) => made({ type, start, end }));
  return [...grown, ...again, ...organisations]
    .flatMap((s) => splitNameList(text, s))
    .map((s) => ({ ...s, text: text.slice(s.start, s.end) }));
}
