// Tagger finds that are no person or place, judged by what names and places look like: salutations and
// identifier names ("Dear", "Login", "DEA"), a state or country on its own (Safe Harbor keeps them:
// "Ohio", "Haiti"), a lone lower-case common word taken for a place ("gateway", "referral"), a short
// acronym in mixed-case text ("ECMO", "JCB") and capitalised phrases with a lower-case word that no name
// has ("Fascia iliaca").
import type { PhiSpan } from '../../api.ts';
import type { NameEvidence } from './keep-words.ts';
import { opensSentence, PARTICLES } from './whole-names.ts';
import { US_STATE_NAMES, US_STATES } from './phi-contact.ts';

/** Words that open a letter or name an identifier or a field, never a person. */
const NOT_NAME_WORDS = new Set(
  (
    'dear hello hi hey greetings regards sincerely thanks thank madam sir login logon logged username ' +
    'password prescriber dea npi fin vin mbi medicare medicaid passport license licence taxonomy identifier ' +
    'iban skype twitter instagram bitcoin wallet routing national insurance'
  ).split(' '),
);

const COUNTRIES =
  'afghanistan albania algeria angola argentina armenia australia austria bangladesh belarus belgium bolivia ' +
  'bosnia brazil bulgaria cambodia cameroon canada chile china colombia congo croatia cuba czechia denmark ' +
  'dominican ecuador egypt england eritrea ethiopia finland france germany ghana greece guatemala guinea ' +
  'guyana haiti honduras hungary iceland india indonesia iran iraq ireland israel italy jamaica japan kenya ' +
  'korea laos lebanon liberia lithuania malaysia mexico morocco nepal netherlands nicaragua nigeria norway ' +
  'pakistan panama peru philippines poland portugal romania russia rwanda scotland senegal serbia sierra ' +
  'somalia spain sudan sweden switzerland syria taiwan tanzania thailand trinidad tunisia turkey uganda ' +
  'ukraine uruguay venezuela vietnam wales yemen zambia zimbabwe usa america';
const REGIONS = new Set([...COUNTRIES.split(' '), ...US_STATE_NAMES.toLowerCase().split('|')]);
const STATE_CODE = new RegExp(`^(?:${US_STATES})$`);
/** Little words that no name has; a lower-case span with one is a phrase ("a welder"). */
const FUNCTION_WORD = /^(?:a|an|the|as|of|to|his|her|my|our|their|this|that|is|was)$/;

/** The line around `offset`: its text. */
function lineAt(text: string, offset: number): string {
  const from = text.lastIndexOf('\n', offset - 1) + 1;
  const to = text.indexOf('\n', offset);
  return text.slice(from, to < 0 ? text.length : to);
}

/** The line is written in sentence case, where a lower-case word ("billing", "charity") is no name. */
function sentenceCaseLine(text: string, offset: number): boolean {
  return /(?:^|[^\p{L}])\p{Lu}\p{Ll}/u.test(lineAt(text, offset)) && !capsLine(text, offset);
}

/** The line around `offset` is written in capitals (nursing notes), where capitals say nothing. */
export function capsLine(text: string, offset: number): boolean {
  const letters = lineAt(text, offset).replace(/[^\p{L}]/gu, '');
  return letters.length >= 12 && letters.replace(/[^\p{Lu}]/gu, '').length / letters.length > 0.8;
}

/** A name or place made only of words that never are one ("Dear", "DEA", "Login"), whatever found it. */
export function isNeverName(text: string, span: PhiSpan): boolean {
  if (span.type !== 'NAME' && span.type !== 'LOCATION') return false;
  const words = text.slice(span.start, span.end).match(/\p{L}[\p{L}'’-]*/gu) ?? [];
  return words.length > 0 && words.every((w) => NOT_NAME_WORDS.has(w.toLowerCase()));
}

/** What vouches for a tagger's find besides its words: a relation word before it ("wife rose"), a high score. */
export interface FindContext {
  related: boolean;
  confident: boolean;
}

/** A NAME or LOCATION span from the tagger that is no identifier (see the file comment). */
export function isFalseFind(text: string, span: PhiSpan, evidence: NameEvidence, context: FindContext): boolean {
  const { related, confident } = context;
  if (span.type !== 'NAME' && span.type !== 'LOCATION') return false;
  const words = text.slice(span.start, span.end).match(/\p{L}[\p{L}'’-]*/gu) ?? [];
  if (words.length === 0) return false;
  const lower = words.map((w) => w.toLowerCase());
  const listed = (w: string) => evidence.gazetteer?.typeOf(w) !== undefined;
  if (isNeverName(text, span)) return true;
  if (words.every((w) => /^\p{Ll}+$/u.test(w)) && lower.some((w) => FUNCTION_WORD.test(w))) return true;
  if (words.length === 1) {
    const [word] = words;
    // "Georgia", "Virginia" are also first names.
    const firstName = span.type === 'NAME' && evidence.gazetteer?.typeOf(lower[0]) === 'FirstName';
    if ((REGIONS.has(lower[0]) || STATE_CODE.test(word)) && !firstName) return true;
    // A short acronym in mixed-case text is no name ("JCB"); as a place it may be a hospital's ("GH").
    const caps = capsLine(text, span.start);
    if (span.type === 'NAME' && /^\p{Lu}{2,4}$/u.test(word) && !caps && !listed(lower[0])) return true;
    // A lower-case word after "as a" is a job ("works as a welder"), which Safe Harbor does not list.
    if (/^\p{Ll}+$/u.test(word) && /(?:^|[^\p{L}])as[^\S\n]+an?[^\S\n]+$/iu.test(text.slice(0, span.start)))
      return true;
    // A lower-case common word in a sentence-case line ("the gateway", "as identification"): a place only
    // where the gazetteer lists it as one, a name only where the gazetteer or a relation word ("wife rose")
    // vouches for it. Lines all in lower case (deid-physionet: "to harbor", "daughter peggy") say nothing.
    if (/^\p{Ll}{2,}$/u.test(word) && evidence.keep?.isCommon(lower[0])) {
      if (span.type === 'LOCATION')
        return evidence.gazetteer?.typeOf(lower[0]) !== 'Place' && sentenceCaseLine(text, span.start);
      return !related && (!listed(lower[0]) || sentenceCaseLine(text, span.start));
    }
    // A capital that only opens a sentence, before a lower-case word ("Fascia iliaca block…"): a name
    // there needs the gazetteer, a relation word or a sure tagger.
    const lowerNext = /^[^\S\n]+\p{Ll}/u.test(text.slice(span.end, span.end + 2));
    return (
      span.type === 'NAME' &&
      opensSentence(text, span.start) &&
      lowerNext &&
      !listed(lower[0]) &&
      !related &&
      !confident
    );
  }
  // "Fascia iliaca": a capitalised phrase with a lower-case word of four letters or more that is no particle
  // and no listed name (shorter ones may be parts of a name: "Bweighou se").
  return (
    span.type === 'NAME' &&
    /^\p{Lu}/u.test(words[0] ?? '') &&
    words.some((w, i) => i > 0 && /^\p{Ll}{4,}$/u.test(w) && !PARTICLES.has(w) && !listed(w))
  );
}
