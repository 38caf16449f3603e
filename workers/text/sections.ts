// Section headers in clinical notes ("PAST MEDICAL HISTORY:", mtsamples-style "SUBJECTIVE:, ...",
// own-line "HOSPITAL COURSE") mapped to canonical types. Vocabulary lives in sections.json.
import vocabulary from './sections.json';
import { partitionPoint } from './span-set.ts';

export type SectionType =
  | 'chief_complaint'
  | 'history_present_illness'
  | 'past_medical_history'
  | 'past_surgical_history'
  | 'medications'
  | 'allergies'
  | 'family_history'
  | 'social_history'
  | 'review_of_systems'
  | 'physical_exam'
  | 'labs_imaging'
  | 'assessment_plan'
  | 'diagnoses'
  | 'procedures'
  | 'hospital_course'
  | 'instructions'
  | 'other';

export interface Section {
  type: SectionType;
  /** The header as written (without the colon). */
  header: string;
  /** Offset of the header's first character. */
  start: number;
  /** The section runs until the next header (or the end of the text). */
  end: number;
  /** Offset just after the header, its colon and filler (" ,"): where the body begins. */
  headerEnd: number;
}

const EXACT = new Map<string, SectionType>();
for (const [type, names] of Object.entries(vocabulary.types)) {
  for (const name of names) EXACT.set(name, type as SectionType);
}
const KEYWORDS: [SectionType, RegExp][] = vocabulary.keywords.map(([type, source]) => [
  type as SectionType,
  new RegExp(source),
]);
const SUBSECTIONS = new Set(vocabulary.subsections);
/** Sections whose sub-headers (HEENT:, LUNGS:, BP:) belong to them rather than starting anew. */
const CONTAINERS = new Set<SectionType>(['physical_exam', 'review_of_systems']);

const MAX_HEADER_CHARS = 64;
const MAX_UNKNOWN_HEADER_WORDS = 5;
const HEADER_CHAR = /[\p{L}\p{N} \t/&()'-]/u;

export const normaliseHeader = (header: string): string =>
  header
    .toUpperCase()
    .replace(/\s+/g, ' ')
    .replace(/\s*&\s*/g, ' & ')
    .trim();

const isAllCaps = (s: string): boolean => /\p{Lu}.*\p{Lu}|^\p{Lu}$/u.test(s) && !/\p{Ll}/u.test(s);

/** Canonical type of a header, or undefined when it is not recognised (caller decides). */
export function classifyHeader(header: string): SectionType | undefined {
  const norm = normaliseHeader(header);
  const exact = EXACT.get(norm);
  if (exact) return exact;
  for (const [type, regex] of KEYWORDS) if (regex.test(norm)) return type;
  return undefined;
}

interface HeaderHit {
  header: string;
  start: number;
  headerEnd: number;
}

/** Candidate header ending at the colon at `colon`, if the text before it looks like one. */
function headerBeforeColon(text: string, colon: number): HeaderHit | undefined {
  const after = text[colon + 1];
  if (after !== undefined && !/[\s,]/.test(after)) return undefined; // "10:30", "http://"
  let s = colon;
  while (s > 0 && colon - s < MAX_HEADER_CHARS && HEADER_CHAR.test(text[s - 1])) s--;
  if (s > 0 && HEADER_CHAR.test(text[s - 1])) return undefined; // ran past the length limit
  // A header starts a line or follows sentence punctuation (mtsamples: "...family.,PLAN:").
  let p = s - 1;
  while (p >= 0 && (text[p] === ' ' || text[p] === '\t')) p--;
  if (p >= 0 && !/[\n\r.,;!?]/.test(text[p])) return undefined;
  const lineStart = p < 0 || text[p] === '\n' || text[p] === '\r';
  while (s < colon && /\s/.test(text[s])) s++;
  let e = colon;
  while (e > s && /\s/.test(text[e - 1])) e--;
  const header = text.slice(s, e);
  if (!/^\p{L}/u.test(header) || (header.match(/\p{L}/gu) ?? []).length < 2) return undefined;
  const norm = normaliseHeader(header);
  const known = EXACT.has(norm) || SUBSECTIONS.has(norm);
  if (!isAllCaps(header)) {
    // Mixed-case headers only when they are known names at the start of a line ("Allergies: NKDA").
    if (!lineStart || !known) return undefined;
  } else if (!known && norm.split(' ').length > MAX_UNKNOWN_HEADER_WORDS && !classifyHeader(norm)) {
    return undefined;
  }
  let headerEnd = colon + 1;
  while (headerEnd < text.length && /[ \t,]/.test(text[headerEnd])) headerEnd++;
  return { header, start: s, headerEnd };
}

/** A known header alone on its line without a colon ("HOSPITAL COURSE", "Assessment/Plan"). */
function ownLineHeader(text: string, lineStart: number, lineEnd: number): HeaderHit | undefined {
  let s = lineStart;
  let e = lineEnd;
  while (s < e && /\s/.test(text[s])) s++;
  while (e > s && /\s/.test(text[e - 1])) e--;
  if (e - s < 2 || e - s > MAX_HEADER_CHARS) return undefined;
  const header = text.slice(s, e);
  if (header.endsWith(':')) return undefined; // handled by the colon path
  if (!EXACT.has(normaliseHeader(header))) return undefined;
  // Two-letter abbreviations (CC, SH, PE) on their own line are too ambiguous without a colon.
  if (header.length <= 3) return undefined;
  return { header, start: s, headerEnd: e };
}

/** Finds section headers; each section runs to the next header. Ordered by start, non-overlapping. */
export function findSections(text: string): Section[] {
  const hits: HeaderHit[] = [];
  for (let colon = text.indexOf(':'); colon !== -1; colon = text.indexOf(':', colon + 1)) {
    const hit = headerBeforeColon(text, colon);
    if (hit) hits.push(hit);
  }
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    if (lineEnd - lineStart <= MAX_HEADER_CHARS + 8) {
      const hit = ownLineHeader(text, lineStart, lineEnd);
      if (hit) hits.push(hit);
    }
    lineStart = lineEnd + 1;
  }
  hits.sort((a, b) => a.start - b.start);

  const sections: Section[] = [];
  let lastEnd = -1;
  for (const hit of hits) {
    if (hit.start < lastEnd) continue; // a header inside another header's span
    const parent = sections.at(-1)?.type;
    sections.push({ ...hit, type: typeFor(hit.header, parent), end: text.length });
    lastEnd = hit.headerEnd;
  }
  for (let i = 0; i + 1 < sections.length; i++) sections[i].end = sections[i + 1].start;
  return sections;
}

function typeFor(header: string, parent: SectionType | undefined): SectionType {
  const norm = normaliseHeader(header);
  const inContainer = parent !== undefined && CONTAINERS.has(parent);
  if (SUBSECTIONS.has(norm)) return inContainer ? parent : 'physical_exam';
  const known = classifyHeader(norm);
  if (known) return known;
  // Short unknown headers inside an exam are findings ("BP:", "TONSILS:"), not new sections.
  return inContainer && norm.split(' ').length <= 3 ? parent : 'other';
}

/** The section containing `offset` (header included), or undefined before the first header. */
export function sectionAt(sections: Section[], offset: number): Section | undefined {
  const found = sections[partitionPoint(sections.length, (i) => sections[i].start <= offset) - 1];
  return found && offset < found.end ? found : undefined;
}
