import { capsLine } from './false-finds.ts';
import type { NameEvidence } from './keep-words.ts';

// Names of facilities and organisations, whole: capitalised words ending in what the place is
// ("St. Mary's Medical Center", "Riverside Family Practice", "Oak Terrace Assisted Living", "Acushnet
// Tool & Die", "Hargrove, Stein & Abernathy, LLP", "TRI-RIVERS DIALYSIS - NORTH"). A name made only of
// generic words is a department or a kind of service, not an identifier ("Heart Failure Clinic",
// "Department of Pathology", "Emergency Department", "Urgent Care").

export interface OrganisationSpan {
  type: 'LOCATION' | 'ORGANIZATION';
  start: number;
  end: number;
  /** Only generic words: a department or kind of service ("Heart Failure Clinic"), which must survive. */
  generic: boolean;
}

// Places of care (LOCATION) and other organisations (ORGANIZATION), by the words that end their names.
const FACILITY_HEADS =
  'hospital|medical center|medical centre|health center|health centre|center|centre|clinic|clinics|practice|' +
  'associates|health|healthcare|health care|urgent care|primary care|pharmacy|drugstore|shelter|hospice|' +
  'nursing home|home health|assisted living|rehabilitation|rehab|dialysis|laboratory|laboratories|' +
  'imaging|radiology|infirmary|institute|medical group|physicians|partners|pediatrics|respite center|care center|' +
  'living|manor|terrace|residence|village';
const ORGANISATION_HEADS =
  'school|preschool|academy|college|university|elementary|library|cooperative|co-op|company|co|corp|' +
  'corporation|inc|llc|llp|ltd|pc|market|products|industries|insurance|mutual|bank|church|funeral home|' +
  'law group|law firm|group|foundation|die|works|electric|motors|foods|store|stores|shop|restaurant|bakery|' +
  'farms?|construction|trucking|logistics|daycare|day care|supply|supplies|authority|agency|credit union';
const HEADS = `${FACILITY_HEADS}|${ORGANISATION_HEADS}`;

/** A head as names write it: "Medical Center" or "MEDICAL CENTER" (a case-blind flag would also let \p{Lu} match lower case). */
const asWritten = (heads: string): string =>
  heads
    .split('|')
    .flatMap((h) => [h.replace(/(^|\s)(\p{L})/gu, (_, s: string, c: string) => s + c.toUpperCase()), h.toUpperCase()])
    .join('|');

// One word of a name: capitalised or in capitals, "St.", a possessive ("Women's"), hyphenated parts.
const NAME_WORD = `(?:St\\.|ST\\.|\\p{Lu}[\\p{L}'’]*(?:-\\p{Lu}[\\p{L}'’]*)*)`;
// Between words of a name: spaces, "of", "the", "and", "&", and a comma before "Name &" ("Hargrove, Stein & Abernathy").
const JOIN = `(?:[^\\S\\n]+(?:(?:of|the|and|&|OF|THE|AND)[^\\S\\n]+)?|,[^\\S\\n]+(?=${NAME_WORD}[^\\S\\n]*&))`;
const SUFFIX = `(?:[^\\S\\n]*[-–][^\\S\\n]*(?:North|South|East|West|Central|Downtown|NORTH|SOUTH|EAST|WEST|CENTRAL)(?![\\p{L}]))?`;
const ORGANISATION = new RegExp(
  `(?<![\\p{L}\\p{N}])(${NAME_WORD}(?:${JOIN}${NAME_WORD}){0,5})(?:,?[^\\S\\n]+|[^\\S\\n]+(?:&|and|AND)[^\\S\\n]+)(${asWritten(HEADS)}|Inc\\.|Co\\.|Corp\\.|Ltd\\.)(?![\\p{L}\\p{N}])${SUFFIX}`,
  'gu',
);
const HEAD_ALONE = new RegExp(`^(?:${HEADS})$`, 'i');
/**
 * Short heads in capitals are clinical abbreviations ("FICK CO" cardiac output, "PROPOFOL INC"
 * increased, "2 U PC" packed cells) unless a comma or a stop marks a company ("ACME, INC", "ACME CO.").
 */
const ABBREVIATED_HEAD = /^(?:CO|INC|PC|CORP|LTD|LLC|LLP)$/;
const FACILITY_ALONE = new RegExp(`^(?:${FACILITY_HEADS})$`, 'i');

/** Words that describe a service or a specialty, or say nothing of which place it is. */
const GENERIC = new Set(
  (
    'the of and for on at & department dept division service services section unit program center centre clinic ' +
    'office internal medicine medical family primary care urgent community regional general health healthcare ' +
    'university hospital public state national county city main outpatient inpatient ambulatory emergency ' +
    "women women’s women's children children’s children's men men's men’s adult adults pediatric pediatrics " +
    'geriatric senior heart failure cardiology cardiac cardiovascular vascular oncology cancer hematology ' +
    'neurology neuro stroke memory sleep pain wound transplant dialysis kidney renal liver lung pulmonary ' +
    'respiratory breast eye ear nose throat ent skin dermatology orthopedic orthopaedic orthopedics spine bone ' +
    'joint sports rheumatology endocrine endocrinology diabetes gastroenterology gi digestive urology ' +
    'gynecology obstetrics ob obgyn maternal fetal fertility behavioral mental psychiatry psychiatric addiction ' +
    'recovery rehabilitation rehab physical therapy occupational speech infusion anticoagulation coumadin ' +
    'infectious disease diseases travel imaging radiology pathology laboratory lab labs surgery surgical ' +
    'trauma burn critical intensive icu hospice palliative home nursing assisted living skilled long term ' +
    'short acute subacute specialty specialist specialists associates group practice allergy immunology ' +
    'audiology dental vision optometry podiatry foot hand plastic reconstructive bariatric weight nutrition ' +
    'lipid hypertension hepatology nephrology epilepsy headache movement disorders disorder interventional ' +
    'diagnostic diagnostics testing same day walk-in walk express quick my our your his her their this that ' +
    'a an new old private veterans va cath catheterization echo ekg ecg eeg emg ct mri pet monitor monitoring'
  ).split(' '),
);

/** Sentence words: a name starts after the last of them ("ACTIVE ON THE WAITLIST AT KEYSTONE TRANSPLANT CENTER"). */
const SENTENCE_WORDS = new Set(
  (
    'the a an this that his her their our your its my at in to from by via with or for is are was were be being ' +
    'been as on dr mr mrs ms per see call seen referred'
  ).split(' '),
);

/**
 * A word that tells which place it is. On a capitals line, where capitals say nothing, it must also be
 * no common English word unless the gazetteer lists it ("MERCY", "KEYSTONE"; not "MONTHLY LABS").
 */
function distinctive(word: string, caps: boolean, evidence: NameEvidence): boolean {
  const lower = word.toLowerCase();
  if (GENERIC.has(lower) || HEAD_ALONE.test(word) || word === '&') return false;
  // A letter or a drug names no place ("S / P DIALYSIS", "BEGIN PO LOPRESSOR ONCE DIALYSIS").
  if (word.length < 2 || evidence.keep?.isDrug(lower)) return false;
  if (caps && word.length < 3) return false; // "GH CATH LAB": an abbreviation says nothing on a capitals line
  if (!caps || !evidence.keep?.isCommon(lower.replace(/['’]s$/, ''))) return true;
  return evidence.gazetteer?.typeOf(lower) !== undefined;
}

export function findOrganisations(text: string, evidence: NameEvidence = {}): OrganisationSpan[] {
  const out: OrganisationSpan[] = [];
  for (const m of text.matchAll(ORGANISATION)) {
    const headAt = m[0].lastIndexOf(m[2]);
    const separator = m[0].slice(m[1].length, headAt);
    if (ABBREVIATED_HEAD.test(m[2]) && !separator.includes(',') && text[m.index + headAt + m[2].length] !== '.')
      continue;
    let start = m.index;
    let name = m[1];
    // Start after the last sentence word ("At Riverside…", "ACTIVE ON THE WAITLIST AT KEYSTONE…").
    for (const w of name.matchAll(/[^\s,]+/gu)) {
      if (SENTENCE_WORDS.has(w[0].toLowerCase())) {
        const cut = w.index + w[0].length + (/^\s*/u.exec(m[1].slice(w.index + w[0].length))?.[0].length ?? 0);
        start = m.index + cut;
        name = m[1].slice(cut);
      }
    }
    if (!name) continue;
    const caps = capsLine(text, m.index);
    const words = name.split(/[^\p{L}'’.&-]+/u).filter(Boolean);
    const type = FACILITY_ALONE.test(m[2]) ? 'LOCATION' : 'ORGANIZATION';
    if (!words.some((w) => distinctive(w, caps, evidence))) {
      if (words.every((w) => GENERIC.has(w.toLowerCase()) || HEAD_ALONE.test(w)))
        out.push({ type, start, end: m.index + m[0].length, generic: true });
      continue;
    }
    // "Department of …" and the like: a generic first word with "of" names a part of a place.
    if (/^(?:department|dept|division|section|school|college|university|office|board)\s+of\b/i.test(name)) {
      if (!/^(?:school|college|university)/i.test(name)) continue;
    }
    out.push({ type, start, end: m.index + m[0].length, generic: false });
  }
  return out;
}
