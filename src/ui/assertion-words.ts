// What each ConText assertion means, in a clinician's words: the entity table's Assertion column
// and the legend of highlight styles in the entities view.
import type { Assertion } from '../../workers/api.ts';

export interface AssertionStyle {
  assertion: Assertion;
  /** Shown in the table and as the legend's name. */
  label: string;
  /** How the highlighted text shows it. */
  look: string;
  /** An example of the wording that gives it. */
  example: string;
}

export const ASSERTION_STYLES: readonly AssertionStyle[] = [
  { assertion: 'negated', label: 'Absent', look: 'struck through', example: '“denies chest pain”' },
  { assertion: 'possible', label: 'Possible', look: 'dotted underline and “?”', example: '“possible pneumonia”' },
  { assertion: 'historical', label: 'In the past', look: 'tagged HISTORICAL', example: '“history of stroke”' },
  {
    assertion: 'hypothetical',
    label: 'Hypothetical',
    look: 'tagged HYPOTHETICAL',
    example: '“return if fever develops”',
  },
  { assertion: 'family', label: 'Family member', look: 'tagged FAMILY', example: '“mother had breast cancer”' },
];

const LABELS = new Map<string, string>(ASSERTION_STYLES.map((s) => [s.assertion, s.label]));

/** The table's wording: "Present" for affirmed (or none), the legend's label otherwise. */
export function assertionLabel(assertion: Assertion | undefined): string {
  if (!assertion || assertion === 'affirmed') return 'Present';
  return LABELS.get(assertion) ?? assertion;
}
