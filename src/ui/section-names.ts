// Section names as a clinician reads them ("History of present illness", not
// `history_present_illness`). Derived from the section vocabulary the engine uses (each type's first
// header name, in sentence case), so a new section type gets a readable name without a UI change;
// the overrides cover headers whose first name reads badly on its own.
import vocabulary from '../../workers/text/sections.json';

const OVERRIDES: Record<string, string> = {
  assessment_plan: 'Assessment and plan',
  labs_imaging: 'Labs and imaging',
  diagnoses: 'Diagnoses',
  procedures: 'Procedures',
  instructions: 'Instructions',
};

// Kept in capitals when a header name is put in sentence case.
const ACRONYMS = new Set(['HPI', 'ROS', 'ICU', 'ED', 'ER', 'HIV', 'EKG', 'ECG', 'CT', 'MRI']);

/** "HISTORY OF PRESENT ILLNESS" → "History of present illness"; "history_present_illness" → "History present illness". */
export function sentenceCase(words: string): string {
  const parts = words
    .replace(/_/g, ' ')
    .trim()
    .split(/\s+/)
    .map((w) => (ACRONYMS.has(w.toUpperCase()) ? w.toUpperCase() : w.toLowerCase()));
  const joined = parts.join(' ');
  return joined.charAt(0).toUpperCase() + joined.slice(1);
}

const types: Record<string, string[]> = vocabulary.types;

const DISPLAY_NAMES: Record<string, string> = Object.fromEntries(
  Object.entries(types).map(([type, headers]) => [type, OVERRIDES[type] ?? sentenceCase(headers[0] ?? type)]),
);

/** The readable name of a section type; an unknown type is shown in sentence case. */
export function sectionName(type: string | undefined | null): string {
  if (!type) return '';
  return DISPLAY_NAMES[type] ?? sentenceCase(type);
}
