// The de-identification task: identifiers found by the PHI tagger and the recognizers, replaced by
// tags or consistent surrogates. Without a PHI model it still runs the recognizers, and says so.
import type { DeidOptions, DeidResult } from '../../api.ts';
import { defineTask, type TaskDefinition, resultOf, type TaskResult } from '../task.ts';
import { deidentify } from './deid.ts';

export interface DeidInput {
  text: string;
  options?: DeidOptions;
}

const NO_MODEL_WARNING =
  'No de-identification model is installed: only phone numbers, e-mail and web addresses, IDs, dates, ages and ZIP codes were replaced. Names and places were NOT looked for — check the text before sharing it.';

export const deidTask: TaskDefinition<DeidInput, DeidResult> = defineTask({
  async run(model, { text, options = {} }, opts) {
    const result = await deidentify(model, text, options, opts);
    return model ? result : { ...result, warning: NO_MODEL_WARNING };
  },
  cli: {
    describe: 'de-identified text and the identifier spans found (--mode tags | surrogates)',
    csvColumns: ['id', 'start', 'end', 'type', 'text'],
    listField: 'spans',
    async run(engine, records, opts) {
      const results: TaskResult[] = [];
      for (const r of records) {
        const out = await engine.deid(r.text, { model: opts.model, signal: opts.signal, mode: opts.mode ?? 'tags' });
        results.push({
          ...resultOf(r),
          // What was replaced (overlapping finds merged), as offsets into the original text.
          spans: out.replacements.map((s) => ({
            start: s.originalStart,
            end: s.originalEnd,
            type: s.type,
            text: r.text.slice(s.originalStart, s.originalEnd),
          })),
          text: out.text,
          ...(out.warning && { warning: out.warning }),
        });
      }
      return results;
    },
  },
  eval: ['deid'],
});
