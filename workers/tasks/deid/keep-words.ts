// Words and phrases that are not people's names, whatever the tagger thinks: eponyms in their medical
// use ("Hunter syndrome", "Clark level", "Crohn's", "Babinski"), drugs ("Hydroxychloroquine", "Lasix
// 40 mg", "(Gadavist)"), organisms ("E. coli"), form labels ("DOB:", "Attending:", "Contact") and
// common English words on their own ("Hello", "My", "credit"). The word lists come from the deid
// model's keep-words file (training/deid_keep_words.py: a dictionary, DrugBank, Disease Ontology, MeSH).
import type { Span } from '../../api.ts';
import type { Gazetteer } from './phi-names.ts';
import { anyCase } from './phi-pattern.ts';

export interface KeepWordsJson {
  common: string[];
  drugs: string[];
  eponyms: string[];
}

export class KeepWords {
  private readonly common: Set<string>;
  private readonly drugs: Set<string>;
  private readonly eponyms: Set<string>;

  constructor(json: KeepWordsJson) {
    this.common = new Set(json.common);
    this.drugs = new Set(json.drugs);
    this.eponyms = new Set(json.eponyms);
  }

  /** A common English word (the list leaves out plurals of listed singulars). */
  isCommon(lower: string): boolean {
    return this.common.has(lower) || (lower.endsWith('s') && this.common.has(lower.slice(0, -1)));
  }

  isDrug(lower: string): boolean {
    return this.drugs.has(lower);
  }

  isEponym(lower: string): boolean {
    return this.eponyms.has(lower.replace(/['’]s$/, ''));
  }
}

const built = new WeakMap<object, KeepWords>();

/** The keep-words data a model's config named (model.extras.keepWords), if any; built once per model. */
export function keepWordsOf(extras: Record<string, unknown> | undefined): KeepWords | undefined {
  const json = extras?.keepWords as KeepWordsJson | undefined;
  if (!json || !Array.isArray(json.common)) return undefined;
  let keep = built.get(json);
  if (!keep) built.set(json, (keep = new KeepWords(json)));
  return keep;
}

// What follows a person's name when the name is an eponym: "Parkinson disease", "Foley catheter",
// "Clark level", "Spitz nevus", "Dawson fingers", "McDonald criteria", "Beers list", "Canadian C-spine rule".
const EPONYM_HEADS =
  'syndromes?|disease|disorder|sign|signs|score|scale|criteria|criterion|reflex|reflexes|catheter|test|tests|' +
  'maneuver|manoeuvre|procedure|operation|repair|classification|stage|staging|level|levels|thickness|depth|' +
  'nevus|naevus|fingers|list|rule|rules|index|phenomenon|palsy|fracture|tumou?r|lymphoma|sarcoma|anemia|' +
  'anaemia|ulcer|esophagus|oesophagus|node|nodes|body|bodies|cells?|tube|triad|ratio|equation|formula|' +
  'position|incision|hernia|cyst|block|lesion|gland|duct|canal|space|sphincter|murmur|angle|grade|' +
  'questionnaire|inventory|protocol|method|technique|stain|agar|virus|effect|contracture|deformity|' +
  'dystrophy|dementia|encephalopathy|thyroiditis|colitis|ileitis|neuralgia|neuroma|ligament|valve|shunt|' +
  'pouch|classification|system|approach|guidelines?|bundle|assessment|pathway|mask|splint|cast|line|bag'; // prettier-ignore

// Heads that are everyday words in capitals notes ("WILL MONITOR", "ORDERED LINES"): an eponym before them
// only in title case, one or two words ("Holter monitor", "Kerley B lines", "Good Samaritan law").
const TITLE_CASE_EPONYM_HEADS = 'monitor|pattern|respirations?|breathing|law|point|tear|waves?|loop|curve|lines';

/**
 * Up to five capitalised words (a scale's full name) before an eponym head, a year of edition before them.
 * Only the head is case-blind: with a case-blind flag \p{Lu} would match any word, and "Dr Vasquez team
 * is coordinating the lab test" would be protected as an eponym. A head before "#" or a phone number is a
 * field of its own ("Lopie Certusi cell # 410 …").
 */
const EPONYM_PHRASE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:(?:19|20)\\d{2}\\s+)?(?:\\p{Lu}[\\p{L}'’]*(?:-\\p{Lu}[\\p{L}'’]*)?[^\\S\\n]+){1,5}` +
    `(?:\\p{Lu}[\\p{L}-]*[^\\S\\n]+)?(?:${anyCase(EPONYM_HEADS)})(?![\\p{L}\\p{N}])(?![^\\S\\n]*(?:#|\\(?\\d{3}))`,
  'gu',
);

const TITLE_CASE_EPONYM_PHRASE = new RegExp(
  `(?<![\\p{L}\\p{N}])\\p{Lu}\\p{Ll}[\\p{L}'’-]*(?:[^\\S\\n]+(?:\\p{Lu}\\p{Ll}[\\p{L}'’-]*|\\p{Lu}))?[^\\S\\n]+(?:${TITLE_CASE_EPONYM_HEADS})(?![\\p{L}\\p{N}])`,
  'gu',
);

/** Exam and scoring eponyms written alone ("Babinski downgoing", "Foley in place", "Romberg negative"). */
const EXAM_EPONYMS = new Set(
  (
    'babinski romberg kernig brudzinski mcburney homan homans tinel phalen hoffmann hoffman chvostek trousseau ' +
    'lachman mcmurray spurling gowers glasgow apgar gleason breslow mallampati killip ranson foley valsalva ' +
    'trendelenburg heimlich epley dix-hallpike finkelstein allen roux-en-y whipple'
  ).split(' '),
);

/** Genus abbreviations before a species: "E. coli", "S. aureus", "H. pylori", "C. diff". */
const ORGANISM = /(?<![\p{L}\p{N}])\p{Lu}\.[^\S\n]?\p{Ll}{3,}(?![\p{L}])/gu;

/** Words that are never an identifier nor part of one, wherever they stand ("Contact daughter", "DOB"). */
export const NEVER_PHI_WORDS = new Set(
  (
    'dob mrn ssn contact attending pcp cc re acct fax phone tel telephone email e-mail pager patient name ' +
    'date age sex provider physician nurse signed dictated transcribed referring admitting discharging ' +
    'consultant nephrologist surgeon pathologist radiologist guardian mother father spouse husband wife'
  ).split(' '),
);

/** Words that head a field of a form or a letter, not someone's name. */
export const LABEL_WORDS = new Set(
  (
    'dob mrn ssn contact attending pcp cc re acct fax phone tel telephone email e-mail pager address patient ' +
    'name date age sex provider physician nurse signed dictated transcribed referring admitting discharging ' +
    'consultant consultants from to subject sent unit room bed chair shift access account encounter nephrologist ' +
    'surgeon pathologist radiologist resident fellow author guardian emergency mother father spouse husband wife ' +
    'insurance member policy group employer school pharmacy follow-up'
  ).split(' '),
);

// A field name of one to four words, each starting with a letter ("NEPHROLOGIST", "Date of birth",
// "Phone / Fax"): no longer, so a clause before a colon ("Pt transfered to GH for cath :") or a date
// ("MVA 12 / 07 :") is no label.
const LABEL_TERM = "\\p{L}[\\p{L}\\p{N}'’/-]*";
const LABEL_PHRASE = `${LABEL_TERM}(?:(?:[^\\S\\n]+|[^\\S\\n]*[/&][^\\S\\n]*)${LABEL_TERM}){0,3}`;

/**
 * Form labels: a label word followed by a colon ("DOB:", "Attending:"), any word ending in a colon at the
 * start of a line or after a run of spaces ("NEPHROLOGIST:", "Acct #:"), and "Contact"/"cc"/"RE" at the
 * start of a line.
 */
const LABEL = new RegExp(
  `(?:(?<![\\p{L}\\p{N}])(?:${[...LABEL_WORDS].join('|')})(?:[^\\S\\n]*#)?[^\\S\\n]*:)|` +
    `(?:(?:^[^\\S\\n]*|(?<=\\S[^\\S\\n]{2,}))${LABEL_PHRASE}(?:[^\\S\\n]*#)?:(?=\\s))|` +
    `(?:(?<=^[^\\S\\n]*)(?:contact|cc|re)(?![\\p{L}\\p{N}]))`,
  'gimu',
);

/** A word is a drug by its use: before a dose ("Lasix 40 mg") or as a brand in brackets after a drug. */
const BEFORE_DOSE =
  /(?<![\p{L}\p{N}])(\p{L}[\p{L}-]{3,})[^\S\n]+\d+(?:\.\d+)?[^\S\n]*(?:mg|mcg|g|ml|mL|units?|meq|mEq)\b/gu;
const BRAND_IN_BRACKETS = /(?<![\p{L}\p{N}])(\p{Ll}{5,})[^\S\n]*\([^\S\n]*(\p{Lu}[\p{L}-]{3,})[^\S\n]*\)/gu;

/**
 * A list of single words after a medication or allergy label ("Meds: Eliquis, Coreg, Jardiance."): drugs,
 * three or more, whether the drug list knows them or not.
 */
const MEDICATION_LIST = new RegExp(
  `(?<=(?:^|\\n)[^\\S\\n]*(?:${['meds', 'medications', 'current medications', 'home medications', 'allergies', 'rx'].map(anyCase).join('|')})[^\\S\\n]*:[^\\S\\n]*)` +
    `(?:\\p{L}[\\p{L}-]*[^\\S\\n]*[,;][^\\S\\n]*){2,}\\p{L}[\\p{L}-]*(?=[^\\S\\n]*[.;]?[^\\S\\n]*$)`,
  'gmu',
);

const WORD = /\p{L}[\p{L}'’-]*/gu;
const TITLE_BEFORE = /(?:\b(?:Dr|Mr|Mrs|Ms|Miss|Mx|Rev|Prof|Sr|Fr)\.?|\bDoctor)[^\S\n]*$/i;

/** A capitalised first name just before `at` ("Bernard Foley", "Woody Allen"): the word there is a surname. */
function afterFirstName(text: string, at: number, gazetteer?: Gazetteer): boolean {
  const before = /(\p{Lu}\p{Ll}+)[^\S\n]+$/u.exec(text.slice(Math.max(0, at - 24), at));
  return before !== null && gazetteer?.typeOf(before[1].toLowerCase()) === 'FirstName';
}

/** Stretches of text that are never a name, an organisation or a place, sorted by start. */
export function protectedPhrases(text: string, keep?: KeepWords, gazetteer?: Gazetteer): Span[] {
  const out: Span[] = [];
  const add = (start: number, end: number): void => {
    out.push({ start, end });
  };
  for (const m of text.matchAll(EPONYM_PHRASE)) add(m.index, m.index + m[0].length);
  for (const m of text.matchAll(TITLE_CASE_EPONYM_PHRASE)) add(m.index, m.index + m[0].length);
  for (const m of text.matchAll(ORGANISM)) add(m.index, m.index + m[0].length);
  for (const m of text.matchAll(MEDICATION_LIST)) add(m.index, m.index + m[0].length);
  for (const m of text.matchAll(LABEL)) add(m.index, m.index + m[0].length);
  for (const m of text.matchAll(WORD)) if (NEVER_PHI_WORDS.has(m[0].toLowerCase())) add(m.index, m.index + m[0].length);
  for (const m of text.matchAll(BEFORE_DOSE)) {
    const lower = m[1].toLowerCase();
    if (!LABEL_WORDS.has(lower)) add(m.index, m.index + m[1].length);
  }
  for (const m of text.matchAll(BRAND_IN_BRACKETS)) {
    if (keep?.isDrug(m[1]) || /(?:ine|ol|am|il|in|one|ide|ate|cin|mab|pril|sartan)$/.test(m[1])) {
      const at = m.index + m[0].lastIndexOf(m[2]);
      add(m.index, m.index + m[1].length);
      add(at, at + m[2].length);
    }
  }
  for (const m of text.matchAll(WORD)) {
    const lower = m[0].toLowerCase();
    const bare = lower.replace(/['’]s$/, '');
    // A drug name, or an eponym in the possessive ("Crohn's flare") or an exam sign ("Babinski").
    if (keep?.isDrug(lower)) add(m.index, m.index + m[0].length);
    // After a title or a first name it is a person: "Dr. Allen's office", "Mr. Foley", "Bernard Foley".
    if (TITLE_BEFORE.test(text.slice(Math.max(0, m.index - 12), m.index))) continue;
    if (afterFirstName(text, m.index, gazetteer)) continue;
    const possessiveEponym =
      bare !== lower && keep?.isEponym(bare) && !/^[^\S\n]+\p{Lu}/u.test(text.slice(m.index + m[0].length));
    if (possessiveEponym || EXAM_EPONYMS.has(bare)) add(m.index, m.index + m[0].length);
  }
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}

export interface NameEvidence {
  keep?: KeepWords;
  gazetteer?: Gazetteer;
}

/**
 * A name found without a title before it whose every word is a common English word ("Hello", "My",
 * "credit") or a drug: not a name; one a pattern found by its context, or one the tagger is sure of
 * (`contextual`), only if all are drugs, labels or codes.
 * A capitalised common word the gazetteer lists as a name stays one ("Park ate…", "seen by Smith"). A common word counts as a possible name only where it is written
 * as one mid-sentence and the gazetteer lists it as a first name or surname ("seen by Smith").
 */
export function isFalseName(text: string, span: Span, evidence: NameEvidence, contextual = false): boolean {
  const { keep, gazetteer } = evidence;
  if (TITLE_BEFORE.test(text.slice(Math.max(0, span.start - 12), span.start))) return false;
  const words = text.slice(span.start, span.end).match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [];
  if (words.length === 0) return true;
  return words.every((w) => {
    if (/\p{N}/u.test(w)) return true; // "M1", "C5": a code, no name
    const lower = w.toLowerCase().replace(/['’]s$/, '');
    if (LABEL_WORDS.has(lower) || keep?.isDrug(lower)) return true;
    // A name its context gave away ("husband, Mark", "Dr Page") may be a common word.
    if (contextual || lower.length < 2 || !keep?.isCommon(lower)) return false; // a letter is an initial
    // Any listing counts: the first listed type wins in the gazetteer ("smith" is also a place).
    const listed = gazetteer?.typeOf(lower) !== undefined;
    return !(listed && /^\p{Lu}/u.test(w));
  });
}
