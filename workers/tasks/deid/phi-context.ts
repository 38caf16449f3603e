// The words around a candidate identifier that decide whether it is one: relations before a
// relative's name, titles and roles, facility and place words, and the measures that make "n/m" a
// score or ventilator setting rather than a date. Used by the patterns in phi.ts.

export const RELATIONS = (
  'son daughter dtr wife husband sister sis brother bro mother mom father dad girlfriend boyfriend friend ' +
  'niece nephew grandson granddaughter grandaughter aunt uncle cousin fiance fiancee partner spouse neighbor ' +
  'hcp proxy guardian grandmother grandma grandfather grandpa stepson stepdaughter stepmother stepfather ' +
  'husb dau'
).split(' ');

// Words after "lives in" that are not the name of a place.
const NOT_A_PLACE_NAME =
  'a|an|the|his|her|their|our|my|own|same|this|that|with|and|or|by|for|alone|home|house|apartment|apt|condo|' +
  'nursing|assisted|group|senior|shelter|facility|nh|snf|alf|rehab|area|town|city|country|state|county|' +
  'community|neighborhood|building|basement|trailer|car|street|streets|there|here|another|other|ltc|long|' +
  'independent|independently|retirement|boarding|halfway|homeless|[0-9]+';
export const PLACE_NAME_WORD = `(?!(?:${NOT_A_PLACE_NAME})(?![\\p{L}\\p{N}]))\\p{L}[\\p{L}'’]*`;

// Facility nouns, and words that can stand before one without being its name.
export const FACILITY =
  '(?:hospital|hosp|medical\\s+(?:center|centre|ctr)|med\\s+(?:center|ctr)|health\\s+center|nursing\\s+home|rehab(?:ilitation)?(?:\\s+(?:center|hospital))?|hospice|infirmary|clinic)';
const NOT_A_FACILITY_NAME =
  'the|a|an|this|that|his|her|their|our|your|its|my|another|other|same|outside|osh|local|nearby|previous|prior|' +
  'icu|ccu|micu|sicu|csru|nicu|picu|pmicu|cvicu|tsicu|ed|er|or|pacu|cath|ep|ct|mri|ir|gi|floor|unit|' +
  'cardiac|cardiology|pulmonary|pulm|medical|surgical|psych|psychiatric|rehab|rehabilitation|acute|subacute|' +
  'chronic|inpatient|outpatient|day|private|state|county|city|teaching|nursing|mental|home|long|term|care|' +
  'medicine|family|primary|urgent|walk|dialysis|oncology|cancer|pain|wound|anticoagulation|coumadin|infusion|' +
  'methadone|diabetes|sleep|eye|dental|free|specialty|' +
  'hospital|hosp|clinic|transfer|transferred|admitted|discharged|back|pt|patient|him|her|them|us|me|for|of|to|from|' +
  'at|in|and|or|with|by|if|will|need|needs|had|has|poss|possible|prev|basic|go|went';
export const FACILITY_NAME_WORD = `(?!(?:${NOT_A_FACILITY_NAME})(?![\\p{L}]))\\p{L}+(?:\\s?['’]\\s?s)?`;

/** Words that follow "Dr" without being a name ("dr aware", "dr and nurse", "Dr. office"). */
export const NOT_A_NAME = new Set(
  (
    'a an and are as at aware by called came dcd for from has here in is made md note notes notified of ' +
    'office on or orders order paged per re regarding rn said saw says team that the this to told updated ' +
    'was were will with'
  ).split(' '),
);

/** People and teams who are "aware" without being named: "MD aware", "Team aware", "Pt aware". */
export const ROLES = new Set(
  (
    'all attending attendings cardiology ccu covering doctor doctors ep everyone family fellow fellows ho house pa ' +
    'intern interns md mds micu midlevel midlevels neuro np nurse nurses nursing patient physician physicians ' +
    'pt provider providers renal resident residents rn rns staff surgery surgical team vascular wife husband ' +
    'son daughter daughters sons children friend mother father she he they we i'
  ).split(' '),
);

// Words before or after "n/m" that make it a fraction, score, ratio or setting, not a date:
// "pain 5/10", "grade 3/6 murmur", "1/2 NS", "D5 1/2", "1/2 tab", "PEEP 10/5", "rales 1/3 up",
// "blood cultures 2/4 bottles".
const MEASURE_BEFORE = new Set(
  (
    'abg ac apgar apgars as bipap bp cp cpap crackles cx d5 discomfort epap flowby gcs gr grade ipap imv ips level motor pain pap peep ' +
    'perrla power pressure ps psv rales rate rated rates rating ratio scale score settings simv strength vent ' +
    'ventilation x'
  ).split(' '),
);
const MEASURE_AFTER = new Set(
  (
    'abg amp amps angina assist bilat bipap bl bld blood bottles brisk cc chest cm cp cpap days discomfort ' +
    'dose fields fio2 hour hours hr hrs incisional ips l liters lung lungs mg min ml mm murmur murmurs normal ns of ' +
    'pain peep psv rate str strength syst systolic tab tablet tablets tabs up way weeks'
  ).split(' '),
);
const VENT_MODES = new Set('ac bipap cpap imv peep ps psv simv vent ventilator'.split(' '));
/** Common fractions ("1/2 amp") are not dates. */
const FRACTION = /^(?:1 ?\/ ?[234]|2 ?\/ ?3|3 ?\/ ?4)$/;
/** Equal pairs ("5/5" strength, "3/3" pupils) are no dates unless a date word precedes them ("available 2/2"). */
const EQUAL_PAIR = /^(\d+) ?\/ ?\1$/;
const DATE_WORD_BEFORE =
  /(?<![\p{L}])(?:on|since|until|till|by|from|through|thru|for|available|dated|due|scheduled|starting|started|began|effective|after|before|admitted|discharged|seen|born|dob|date|today|tomorrow|yesterday|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[^\p{L}\p{N}]{0,3}$/iu;
/** A pain score out of ten: "improved to 3/10" a few words after "pain" or another score out of ten. */
const OUT_OF_TEN = /^\d+ ?\/ ?10$/;
const PAIN_BEFORE = /(?:pain|\d ?\/ ?10)(?![\p{L}])/iu;

export function notMeasure(text: string, start: number, end: number): boolean {
  const value = text.slice(start, end);
  if (FRACTION.test(value)) return false;
  const left = text.slice(Math.max(0, start - 40), start);
  if (EQUAL_PAIR.test(value) && !DATE_WORD_BEFORE.test(left)) return false;
  if (OUT_OF_TEN.test(value) && PAIN_BEFORE.test(text.slice(Math.max(0, start - 60), start))) return false;
  if (/[%&] ?,? ?$/.test(left)) return false; // "50 % 5/5", "40 %, & 5/8": ventilator settings
  const before = /(\p{L}[\p{L}\p{N}]*)[^\p{L}\p{N}]*$/u.exec(left);
  const after = /^[^\p{L}\p{N}]*(\p{L}+)/u.exec(text.slice(end, end + 40));
  if (before && MEASURE_BEFORE.has(before[1].toLowerCase())) return false;
  // A ventilator mode a few words back: "PSV increased to 10 / 5", "CPAP of 12 / 5".
  const recent =
    left
      .toLowerCase()
      .match(/\p{L}[\p{L}\p{N}]*/gu)
      ?.slice(-3) ?? [];
  if (recent.some((w) => VENT_MODES.has(w))) return false;
  if (after && MEASURE_AFTER.has(after[1].toLowerCase())) return false;
  return true;
}

/** "may 5" in lower case is usually the verb; require a capital M for "May". */
export const MONTH =
  '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';

export function monthCaseOk(value: string): boolean {
  const m = /\bma(?:y|r)\b/i.exec(value);
  return !m || m[0][0] === 'M';
}
