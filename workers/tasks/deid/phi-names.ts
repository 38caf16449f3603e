// Names of people and places that their context gives away, found word by word: a relative's name
// after the relation ("son Nick", "Sons David and Theodore", "DAUGHTER LISA ROSSETTI"), before it in
// brackets ("URSLA MORETTI ( DAUGHTER )"), a name before a credential ("JON DEVAUX RRT", "Andersen,
// RN"), a listed name before what the person did ("Powell notified", "Radu Crosson does not wish"),
// a listed name alone on its line (a signature), and a listed place after a preposition ("from Rome",
// "IN PIKESVILLE"), a listed name after whom someone spoke with or reached ("spoke with suzette", "PER
// DAVID"). A word counts as a name when it is capitalised in
// mixed-case text ("Nick") or, in any case, when the deid model's gazetteer (census names, places)
// lists it, which is what makes all-capitals notes workable.
import { RELATIONS, NOT_A_NAME, ROLES } from './phi-context.ts';

/** The deid model's gazetteer (its Lexicon): the type ("FirstName", "Surname", "OtherName", "Place") of a lower-cased word or phrase, if listed. */
export interface Gazetteer {
  typeOf(lowerTerm: string): string | undefined;
}

export interface NameSpan {
  type: 'NAME' | 'LOCATION';
  start: number;
  end: number;
}

interface Word {
  text: string;
  lower: string;
  start: number;
  end: number;
}

// Relations in the plural and people who speak for the patient, besides RELATIONS.
const PLURAL_RELATIONS = (
  'sons daughters sisters brothers nieces nephews grandsons granddaughters cousins parents wives husbands ' +
  'aunts uncles grandchildren'
).split(' ');
const RELATION_PHRASES = [
  ['significant', 'other'],
  ['contact', 'person'],
  ['spokesperson'],
  ['spokesman'],
  ['spokeswoman'],
];
const RELATION_WORDS = new Set([...RELATIONS, ...PLURAL_RELATIONS]);
// Credentials written after a name ("Marie Munroe, RN", "JON DEVAUX RRT").
const CREDENTIALS = new Set('rn rrt crt lpn np pa md msw lcsw cna'.split(' '));
// What a named person does, said right after the name: "Powell notified", "Radu does not wish".
const ACTS = new Set(
  (
    'notified called spoke paged ordered aware came saw examined updated informed states stated said visited ' +
    'phoned placed placing wants verbalizes performed is was has had will would does did wishes wished ' +
    'arrived met pronounced returned continues looked agrees agreed requested asked understands expressed ' +
    'feels brought left decided made'
  ).split(' '),
);
// Whose relation someone is, between a name and the relation ("Mary, pt's wife", "JOE , HIS SON").
const POSSESSORS = new Set("his her their the pt pts pt's patient patients patient's s".split(' '));
// Whom someone spoke with or reached: "spoke with suzette", "TALK WITH THOMAS", "reach Rob", "PER DAVID".
const SPOKE_WITH = new Set('spoke speak speaking spoken talked talk talking discussed met'.split(' '));
const REACHED = new Set('reach reached page paged per called contacted phoned updated'.split(' '));
// Staff named after their role: "CASEWORKER LEONA LABOWICH", "wound nurse, Florence Garvey", "RN ( Edward )".
const STAFF_ROLES = new Set(
  'caseworker nurse rn np pa resident fellow intern attending therapist rt rrt sw chaplain pharmacist dietitian ho'.split(
    ' ',
  ),
);
// Words that are never part of a name here, whatever their case (besides NOT_A_NAME and ROLES).
const NOT_NAME_WORDS = new Set([
  ...NOT_A_NAME,
  ...ROLES,
  ...RELATION_WORDS,
  'pts',
  'social',
  'phone',
  'cell',
  'home',
  'work',
  'number',
  'contact',
  'present',
  'bedside',
  'visiting',
  'visited',
  'pastor',
  'chaplain',
  'priest',
  'rabbi',
]);

// Before a place: "from Rome", "lives in San Diego", "transferred TO BALTIMORE".
const PLACE_PREPOSITIONS = new Set(['from', 'in', 'to', 'near', 'at']);
const MAX_PLACE_WORDS = 3;

const WORD = /\p{L}[\p{L}'’-]*/gu;

function wordsOf(text: string): Word[] {
  return [...text.matchAll(WORD)].map((m) => ({
    text: m[0],
    lower: m[0].toLowerCase(),
    start: m.index,
    end: m.index + m[0].length,
  }));
}

const capitalised = (w: Word): boolean => /^\p{Lu}\p{Ll}+$/u.test(w.text);

export function findNames(text: string, gazetteer?: Gazetteer): NameSpan[] {
  const words = wordsOf(text);
  const between = (i: number): string => text.slice(words[i - 1].end, words[i].start); // before word i
  const listed = (w: Word): string | undefined => gazetteer?.typeOf(w.lower);
  const usable = (w: Word): boolean => !NOT_NAME_WORDS.has(w.lower);
  // The first word of a name: capitalised in mixed-case text, or a listed first name in any case.
  const opensName = (w: Word): boolean => usable(w) && (capitalised(w) || listed(w) === 'FirstName');
  // Further words of the same name: capitalised or listed.
  const continuesName = (w: Word): boolean => usable(w) && (capitalised(w) || listed(w) !== undefined);
  const out: NameSpan[] = [];
  const take = (from: number, to: number, type: NameSpan['type'] = 'NAME'): void => {
    out.push({ type, start: words[from].start, end: words[to].end });
  };
  const spaceOnly = (i: number): boolean => /^[^\S\n]+$/.test(between(i));
  // Word i-1 is a one-letter prefix of word i's name: "O ' Connell", "D'Angelo".
  const namePrefix = (i: number): boolean =>
    /^[^\S\n]*['’][^\S\n]*$/.test(between(i)) && /^\p{Lu}$/u.test(words[i - 1].text);
  // Word i-1 belongs to the name word i is in: after spaces or a hyphen ("RETTERER - MOORE"), or a prefix.
  const joinsName = (i: number): boolean =>
    (/^[^\S\n]+$|^[^\S\n]*-[^\S\n]*$/.test(between(i)) && continuesName(words[i - 1])) || namePrefix(i);
  /** The word is all its line holds, but for a full stop or comma after it. */
  const aloneOnLine = (w: Word): boolean => {
    const lineEnd = text.indexOf('\n', w.end);
    return (
      /^[^\S\n]*$/.test(text.slice(text.lastIndexOf('\n', w.start - 1) + 1, w.start)) &&
      /^[^\S\n]*[.,]?[^\S\n]*$/.test(text.slice(w.end, lineEnd < 0 ? text.length : lineEnd))
    );
  };
  /** First word of the name that ends at word `last`: up to `max` words that continue a name. */
  const nameStart = (last: number, max: number): number => {
    let from = last;
    while (from > 0 && last - from < max - 1 && joinsName(from)) from--;
    return from;
  };

  /** Names from word i on: a name and its surname, and more after ", " / " and " / " & " ("X, Y and Z"). */
  function namesFrom(i: number): void {
    let k = i;
    for (let n = 0; n < 4 && k < words.length && opensName(words[k]); n++) {
      const last = k + 1 < words.length && spaceOnly(k + 1) && continuesName(words[k + 1]) ? k + 1 : k;
      take(k, last);
      k = last + 1;
      if (k >= words.length) return;
      if (words[k].lower === 'and' && /^[^\S\n]*,?[^\S\n]*$/.test(between(k))) k++;
      else if (!/^[^\S\n]*[,&][^\S\n]*$/.test(between(k))) return;
    }
  }

  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    // After a relation: "son Nick", "wife, Mary Smith", "HCP: Jane", "daughter \"sarah\"", "SIGNIFICANT OTHER CHARLIE".
    const phrase = RELATION_PHRASES.find((p) => p.every((part, j) => words[i + j]?.lower === part));
    const relationEnd = phrase ? i + phrase.length - 1 : RELATION_WORDS.has(w.lower) ? i : -1;
    if (relationEnd >= 0 && relationEnd + 1 < words.length) {
      let k = relationEnd + 1;
      if ((words[k].lower === 'is' || words[k].lower === 'named') && spaceOnly(k)) k++;
      if (k < words.length && /^[^\S\n]*[,:\-"(]?[^\S\n]*"?[^\S\n]*$/.test(between(k))) namesFrom(k);
    }
    // After whom someone spoke with or reached, a listed name: "spoke with suzette", "PER DAVID".
    const addressee =
      SPOKE_WITH.has(w.lower) && /^(?:with|to)$/.test(words[i + 1]?.lower ?? '')
        ? i + 2
        : REACHED.has(w.lower)
          ? i + 1
          : -1;
    if (
      addressee > 0 &&
      addressee < words.length &&
      spaceOnly(addressee) &&
      listed(words[addressee]) &&
      opensName(words[addressee])
    )
      namesFrom(addressee);
    // After a staff role, a listed name: "CASEWORKER LEONA LABOWICH", "wound nurse, Florence Garvey".
    if (
      STAFF_ROLES.has(w.lower) &&
      i + 1 < words.length &&
      /^[^\S\n]*[,:(]?[^\S\n]*$/.test(between(i + 1)) &&
      listed(words[i + 1]) &&
      opensName(words[i + 1])
    )
      namesFrom(i + 1);
    // After "name is" / "named": "name is Barbara Hosty", "a friend named Sue".
    if (
      (w.lower === 'named' || (w.lower === 'is' && words[i - 1]?.lower === 'name')) &&
      i + 1 < words.length &&
      spaceOnly(i + 1)
    )
      namesFrom(i + 1);
    // A listed name before a comma and the relation: "Jane, daughter", "MARY , PT ' S WIFE".
    if (RELATION_WORDS.has(w.lower)) {
      let j = i - 1;
      while (j >= 0 && i - j <= 3 && POSSESSORS.has(words[j].lower)) j--;
      if (j >= 0 && /^[^\S\n]*[,-][^\S\n]*$/.test(between(j + 1)) && listed(words[j]) && continuesName(words[j]))
        take(nameStart(j, 3), j);
    }
    // Before a relation or a staff role in brackets: "URSLA MORETTI ( DAUGHTER )", "Mary (wife)",
    // "DICK CUCCHIARA ( RESIDENT )".
    if (
      (RELATION_WORDS.has(w.lower) || STAFF_ROLES.has(w.lower)) &&
      i > 0 &&
      /^[^\S\n]*\([^\S\n]*$/.test(between(i)) &&
      continuesName(words[i - 1])
    ) {
      take(nameStart(i - 1, 2), i - 1);
    }
    // Before a credential: "David Murray RRT", "LEVINE , RRT", "VASQUEZ / RN" (the last word must be listed).
    if (CREDENTIALS.has(w.lower) && i > 0 && /^[^\S\n]*[,/]?[^\S\n]*$/.test(between(i))) {
      const last = words[i - 1];
      if (listed(last) && usable(last)) take(nameStart(i - 1, 3), i - 1);
    }
    // A listed name, then what the person did: "Powell notified", "HOLMES CALLED", "Radu Crosson does not".
    if (listed(w) && usable(w) && i + 1 < words.length && spaceOnly(i + 1) && ACTS.has(words[i + 1].lower))
      take(nameStart(i, 2), i);
    // A listed name alone on its line: a signature ("KARGAS .", "Wedgeworth").
    if (listed(w) && usable(w) && aloneOnLine(w)) take(i, i);
    // A signature of a first name and an initial alone on its line: "DAN A .", "HERMAN W".
    if (
      listed(w) === 'FirstName' &&
      usable(w) &&
      /^\p{Lu}$/u.test(words[i + 1]?.text ?? '') &&
      spaceOnly(i + 1) &&
      aloneOnLine({ ...w, end: words[i + 1].end })
    )
      take(i, i + 1);
    // A listed place after a preposition, the longest first: "in San Diego", "FROM ROME".
    if (gazetteer && PLACE_PREPOSITIONS.has(w.lower)) {
      for (let last = Math.min(i + MAX_PLACE_WORDS, words.length - 1); last > i; last--) {
        const span = words.slice(i + 1, last + 1);
        if (
          span.every((_, k) => spaceOnly(i + 1 + k)) &&
          gazetteer.typeOf(span.map((x) => x.lower).join(' ')) === 'Place'
        ) {
          take(i + 1, last, 'LOCATION');
          break;
        }
      }
    }
  }
  return out;
}
