// Text outside identifiers is never changed: over random notes built from clinical fragments, form
// labels and random identifiers, the output equals the input with exactly the reported spans replaced
// (byte for byte between them), and no replaced stretch reaches into a fragment or a label. Runs the
// full engine (tagger + patterns + name rules), in tags and in surrogate mode.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DeidResult } from '../../../workers/api.ts';
import { nodeEngine } from '../../../workers/runtime/node-engine.ts';

const engine = nodeEngine();

const FRAGMENTS = [
  'Patient seen for follow-up.',
  'BP 128/76, HR 72, RR 16.',
  'Na 138, K 4.1 on the day of discharge.',
  'Continue Lasix 40 mg daily.',
  'History of Parkinson disease and Crohn’s disease.',
  'Babinski downgoing bilaterally.',
  'Older brother has Hunter syndrome.',
  'Urine culture grew E. coli.',
  'Foley catheter removed.',
  'Started hydroxychloroquine 200 mg twice daily.',
  'No acute distress.',
  'Plan discussed with the patient at 14:30.',
  'Seen in the Heart Failure Clinic.',
  'Breslow thickness 0.8 mm, Clark level III.',
];
const LABELS = ['DOB:', 'MRN:', 'Contact', 'Attending:', 'SSN', 'Phone:', 'cc:', 'RE:'];
const FIRST = ['Harold', 'Priya', 'Marcus', 'Eileen', 'Juan Carlos', 'Anne-Marie', 'Kenji'];
const LAST = ['Brennan', 'Raghunathan', "O'Neil", 'de la Cruz', 'Okonkwo', 'Lindqvist', 'Castellanos'];

const identifier = fc.oneof(
  fc.tuple(fc.constantFrom(...FIRST), fc.constantFrom(...LAST)).map(([f, l]) => `${f} ${l}`),
  fc
    .tuple(fc.constantFrom(...LAST), fc.constantFrom(...FIRST))
    .map(([l, f]) => `${l.toUpperCase()}, ${f.toUpperCase()}`),
  fc
    .tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 1930, max: 2024 }))
    .map(([m, d, y]) => `${String(m).padStart(2, '0')}/${String(d).padStart(2, '0')}/${y}`),
  fc.integer({ min: 100, max: 199 }).map((n) => `(508) 555-0${n}`),
  fc.integer({ min: 1_000_000, max: 99_999_999 }).map(String),
);

type Part = { text: string; phi: boolean };
const part = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...FRAGMENTS).map((text): Part => ({ text, phi: false })) },
  { weight: 2, arbitrary: fc.constantFrom(...LABELS).map((text): Part => ({ text, phi: false })) },
  { weight: 3, arbitrary: identifier.map((text): Part => ({ text, phi: true })) },
);
const note = fc
  .array(fc.tuple(part, fc.constantFrom(' ', '\n', '    ', ', ')), { minLength: 3, maxLength: 14 })
  .map((parts) => {
    let text = '';
    const phi: [number, number][] = [];
    for (const [p, sep] of parts) {
      if (p.phi) phi.push([text.length, text.length + p.text.length]);
      text += p.text + sep;
    }
    return { text, phi };
  });

/** The pieces between replacements are the input's; replaced stretches lie within identifiers. */
function checkOutside(input: string, phi: [number, number][], result: DeidResult): void {
  const reps = [...result.replacements].sort((a, b) => a.start - b.start);
  let inAt = 0;
  let outAt = 0;
  for (const r of reps) {
    expect(result.text.slice(outAt, r.start)).toBe(input.slice(inAt, r.originalStart));
    expect(result.text.slice(r.start, r.end)).toBe(r.replacement);
    for (let i = r.originalStart; i < r.originalEnd; i++) {
      if (/\s/.test(input[i])) continue;
      const inside = phi.some(([a, b]) => i >= a && i < b);
      if (!inside)
        throw new Error(
          `replaced ${JSON.stringify(input.slice(r.originalStart, r.originalEnd))} reaches outside the identifiers at ${i} in ${JSON.stringify(input)}`,
        );
    }
    inAt = r.originalEnd;
    outAt = r.end;
  }
  expect(result.text.slice(outAt)).toBe(input.slice(inAt));
}

describe('deid changes nothing outside identifiers', () => {
  for (const mode of ['tags', 'surrogates'] as const) {
    it(`in ${mode} mode`, async () => {
      await fc.assert(
        fc.asyncProperty(note, async ({ text, phi }) => {
          checkOutside(text, phi, await engine.deid(text, { mode }));
        }),
        { numRuns: 60, seed: 20261207 },
      );
    });
  }
});
