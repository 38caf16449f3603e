// What is NOT PHI and must come through de-identification unchanged, found by patterns: times of day,
// lab values and vital signs, clinical scores (with their eponymous names: "Gleason score 3+4=7",
// "Bishop score 6"), ages of 89 or under, regulation citations ("45 CFR 164.524") and form labels
// ("DOB:", "MRN:"). deid.ts cuts these stretches out of every found span, the tagger's and the
// patterns', so neither can redact them. Each pattern is narrow: a value is protected only with the
// name that says what it is, and never where it could be part of a date ("Glucose 06/12" is not).
import type { Span } from '../../api.ts';
import { firstEndingAfter } from '../../text/span-set.ts';
import { RELATIONS } from './phi-context.ts';

// A whole number or decimal, not running on into a date or another number ("4.1", not "06" of "06/12").
const NUMBER = '\\d+(?:\\.\\d+)?';
const END = '(?![\\p{L}\\p{N}]|\\s?[./\\-:]\\s?\\d)';

// Times of day: "14:30", "07:05", "8:30 PM", "23:15:00", "07:58:12Z" (the time part of an ISO
// timestamp), "9 am"; four-digit clock times only with "hrs"/"h" ("0830 hrs"). HIPAA does not list
// times; the deid-physionet gold standard leaves every one untagged.
const TIME =
  /(?<![\p{N}:.])(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-][01]\d:?[0-5]\d)?(?:\s?(?:[ap]\.m\.|[ap]m)(?![\p{L}\p{N}]))?(?![\p{N}]|:\d)|(?<![\p{L}\p{N}:./-]|[/-]\s)(?:1[0-2]|0?[1-9])\s?(?:[ap]\.m\.|[ap]m)(?![\p{L}\p{N}])|(?<![\p{L}\p{N}:./-])(?:[01]\d|2[0-3])[0-5]\d\s?(?:hrs?|h)(?![\p{L}\p{N}])/giu;

// Lab tests and vital signs followed by their value: "Na 138", "K 4.1", "HbA1c 7.2%", "SpO2 98%",
// "Temp 38.6 C", "CR 1.4". Names that are also state codes or letters ("CA", "PR", "K", "T") only with
// a decimal value ("CA 8.9", never "CA 94110", a ZIP), in the capitals they are written in.
const LAB_NAMES =
  'sodium|potassium|chloride|bicarbonate|creatinine|glucose|calcium|magnesium|phosphorus|albumin|bilirubin|' +
  'hemoglobin(?:\\s+A1c)?|hematocrit|platelets?|lactate|troponin|procalcitonin|ferritin|lipase|' +
  'cholesterol|triglycerides|ldl|hdl|a1c|hba1c|tsh|bun|wbc|hgb|hct|plt|inr|ptt|alt|ast|alp|ck|crp|esr|' +
  'bnp|pth|ipth|psa|tsat|urr|kt/v|ebl|bmi|map|spo2|sao2|fio2|o2\\s+sat|sat|temp|weight|wt|ht|bfr|dfr|phos|alb|' +
  'hco3|co2|glu|creat|cr|mg|na|hb|hr|rr|lactate';
const DECIMAL_LAB_NAMES = 'K|T|Ca|CA|PR|PT|P';
const LAB_VALUE = `(?:[<>≤≥]\\s?)?${NUMBER}(?:\\s?(?:%|mmol/L|mg/dL|g/dL|ng/mL|mEq/L|U/L|C|F|kg|mL|bpm))?`;
const DECIMAL_VALUE = '\\d+\\.\\d+(?:\\s?(?:%|C|F))?';
const LAB = new RegExp(`(?<![\\p{L}\\p{N}])(?:${LAB_NAMES})(?:\\s*(?:of|was|is|=|:))?\\s*${LAB_VALUE}${END}`, 'giu');
const DECIMAL_LAB = new RegExp(`(?<![\\p{L}\\p{N}])(?:${DECIMAL_LAB_NAMES})\\s*:?\\s*${DECIMAL_VALUE}${END}`, 'gu');
// Blood pressure after its name: "BP 128/76", "blood pressure 152/86".
const BP = new RegExp(`(?<![\\p{L}\\p{N}])(?:BP|blood\\s+pressure)\\s*:?\\s*\\d{2,3}\\s?/\\s?\\d{2,3}${END}`, 'giu');

// Clinical scores, scales and grades: "GCS 15", "APGAR 8/9", "APGAR 8 and 9", "NIHSS 14", "mRS 0",
// "Gleason score 3+4=7", "PRAM score 7", "Bishop score 6", "Breslow thickness", "Clark level".
// Acronyms need a value or a score word after them; eponyms, which are also surnames ("Dr. Wells",
// "Mrs. Clark"), need the score word (a few unambiguous ones may take the value alone).
const SCORE_ACRONYMS =
  'GCS|APGARS?|NIHSS|ESI|mRS|ASPECTS|PRAM|AUDIT-C|PHQ-?[29]|GAD-?7|MMSE|MoCA|CHA2DS2-VASc|CHADS2|HAS-BLED|' +
  'MELD(?:-Na)?|ECOG|KPS|NYHA|EPDS|PI-RADS|BI-RADS|LI-RADS|TI-RADS|Ki-67|q?SOFA|CURB-65|TIMI|APACHE(?:\\s+II)?|' +
  'Gleason|Mallampati|Karnofsky|Child-Pugh|Spetzler-Martin|Grade\\s+Group|Glasgow(?:\\s+Coma\\s+Scale)?';
const SCORE_EPONYMS =
  'Glasgow(?:\\s+Coma)?|Bishop|Wells|Braden|Morse(?:\\s+Fall)?|Ranson|Hunt\\s+and\\s+Hess|Fisher|Killip|Tanner|' +
  'Breslow|Clark|Nottingham|Edinburgh\\s+Postnatal\\s+Depression|Canadian\\s+C-spine|Centor|Alvarado|Caprini|Beers';
const SCORE_WORD =
  '\\s+(?:score|scale|grade|class|level|stage|category|classification|thickness|depth|criteria|rule|list|sign)';
// "15", "3+4=7", "8 and 9", "III", "2a"; "8/9" only for Apgar (two scores of at most 10).
const SCORE_VALUE = `(?:\\s*(?:of|was|is|=|:))?\\s*(?:\\d+(?:\\.\\d+)?(?:\\s*\\+\\s*\\d+\\s*=\\s*\\d+|\\s+and\\s+\\d+)?|[IV]{1,4}[abc]?)${END}`;
const SCORE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:APGARS?\\s*:?\\s*(?:10|\\d)\\s?/\\s?(?:10|\\d)${END}` +
    `|(?:${SCORE_ACRONYMS})(?:${SCORE_WORD}(?:${SCORE_VALUE})?|${SCORE_VALUE})` +
    `|(?:${SCORE_EPONYMS})${SCORE_WORD}(?:${SCORE_VALUE})?)`,
  'giu',
);

// Ages of 89 or under with what makes them an age: "Age: 71", "aged 64", "64 YO", "27-year-old",
// "12 y/o" (Safe Harbor protects only ages over 89).
const AGE_UNDER_90 =
  /(?<![\p{L}\p{N}])(?:(?:age|aged)\s*:?\s*[1-8]?\d(?![\p{N}]|\.\d)|[1-8]?\d\s*-?\s*(?:years?[\s-]+old|year-old|yrs?\s+old|yo|y\/o|y\.o\.)(?![\p{L}\p{N}]))/giu;

// Regulation citations: "45 CFR 164.524", "42 CFR Part 2", "42 U.S.C. § 1320d", "§ 164.512(b)".
const CITATION =
  /(?<![\p{L}\p{N}])\d+\s+(?:CFR|C\.F\.R\.|U\.?S\.?C\.?)\s+(?:Part\s+|§+\s*)?\d+[a-z]?(?:\.\d+)*(?:\([a-z0-9]+\))*|§+\s*\d+(?:\.\d+)*(?:\([a-z0-9]+\))*/giu;

// Form labels followed by a colon: "DOB:", "MRN:", "Date of birth:", "Accession #:", "Member ID:",
// "Attending:", "cc:", "RE:", "Time of death:". Only the label and its colon; the value after it is
// whatever it is. "Contact" before a relation word ("Contact daughter Keisha") is a label too.
const LABELS =
  'DOB|D\\.O\\.B\\.|date\\s+of\\s+birth|birth\\s*date|MRN|medical\\s+record(?:\\s+number)?|SSN|social\\s+security(?:\\s+number)?|' +
  'acct|account|accession|member\\s+ID|group|policy|subscriber(?:\\s+ID)?|encounter|enc|visit|claim|authorization|case|' +
  'attending|PCP|referring(?:\\s+physician)?|ordering(?:\\s+physician)?|provider|physician|surgeon|pathologist|radiologist|' +
  'patient|pt\\s+name|name|contact|emergency\\s+contact|next\\s+of\\s+kin|guarantor|cc|RE|date|time|time\\s+of\\s+death|' +
  'phone|tel|telephone|cell|mobile|fax|pager|e-?mail|address|sex|age|admitted|admission\\s+date|discharge\\s+date|' +
  'dates?\\s+of\\s+service|collected|received|reported|signed|from|to|sent|subject|insurance|primary|secondary|' +
  'NPI|DEA|license|portal\\s+user|username|user|client\\s+IP|IP|URL|device|serial|lot|ID';
const LABEL = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${LABELS})(?:\\s*(?:#|no\\.?|number))?\\s*:|(?<![\\p{L}\\p{N}])contact(?=\\s+(?:${RELATIONS.join('|')})(?![\\p{L}]))`,
  'giu',
);

// Codes that name a product or a kind of provider, not a person: implant catalogue numbers after REF
// ("REF 5510-F-501") and provider taxonomy codes ("207Q00000X").
const CATALOGUE_CODE =
  /(?<![\p{L}\p{N}])(?:REF[^\S\n]*:?[^\S\n]*[A-Z0-9][A-Z0-9./-]{3,}|\d{3}[A-Z0-9]{6}X)(?![\p{L}\p{N}])/gu;

// Ordinals that count something other than days: "4th grade", "5th metacarpal", "2nd trimester".
const ORDINAL_COUNT =
  /(?<![\p{L}\p{N}])\d{1,2}(?:st|nd|rd|th)[^\S\n]+(?:grade|rib|ribs|metacarpal|metatarsal|toe|finger|digit|cranial|intercostal|percentile|trimester|degree|cycle|line|generation|dose|lumbar|cervical|thoracic)(?![\p{L}])/giu;

const PROTECTED = [TIME, LAB, DECIMAL_LAB, BP, SCORE, AGE_UNDER_90, CITATION, LABEL, CATALOGUE_CODE, ORDINAL_COUNT];

/** Stretches of `text` that must survive de-identification: sorted, overlaps merged. */
export function findProtected(text: string): Span[] {
  const spans: Span[] = [];
  for (const regex of PROTECTED) {
    for (const m of text.matchAll(regex)) {
      const value = m[0].replace(/\s+$/u, '');
      if (value) spans.push({ start: m.index, end: m.index + value.length });
    }
  }
  spans.sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const s of spans) {
    const last = merged.at(-1);
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  return merged;
}

/**
 * The parts of `span` outside the protected stretches (as findProtected gives them), each trimmed of
 * spaces and punctuation at its edges and kept only where a letter or digit is left.
 */
export function outsideProtected(text: string, span: Span, protectedSpans: readonly Span[]): Span[] {
  const pieces: Span[] = [];
  let start = span.start;
  for (let i = firstEndingAfter(protectedSpans, span.start); i < protectedSpans.length; i++) {
    const p = protectedSpans[i];
    if (p.start >= span.end) break;
    if (p.start > start) pieces.push({ start, end: p.start });
    start = Math.max(start, p.end);
  }
  if (start < span.end) pieces.push({ start, end: span.end });
  if (pieces.length === 1 && pieces[0].start === span.start && pieces[0].end === span.end) return pieces;
  return pieces.flatMap((piece) => {
    let { start: from, end: to } = piece;
    while (from < to && /[\s:,;.\-/(]/u.test(text[from])) from++;
    while (to > from && /[\s:,;\-/(]/u.test(text[to - 1])) to--;
    // An ISO timestamp's "T" belongs to its (protected) time: "2024-03-15T14:30" keeps "2024-03-15".
    if (to - from > 1 && text[to - 1] === 'T' && /\d/.test(text[to - 2]) && /\d/.test(text[to] ?? '')) to--;
    return /[\p{L}\p{N}]/u.test(text.slice(from, to)) ? [{ start: from, end: to }] : [];
  });
}
