// The assertion task (command line): ConText assertion of a named target phrase in each text, or of
// each entity the entities model finds there. The app shows assertion inside Find entities.
import type { Span } from '../../api.ts';
import { tagTexts } from '../../runtime/tagging.ts';
import { assertSpansDetailed } from '../../text/assertion.ts';
import { phrasePattern } from '../../text/regex.ts';
import { defineTask, type TaskDefinition, resultOf } from '../task.ts';

export interface AssertionInput {
  text: string;
  /** The phrase to assert; without one, the entities found. */
  target?: string;
}

export interface AssertedTarget extends Span {
  text: string;
  assertion: string;
  negated: boolean;
  temporality: string;
  experiencer: string;
}

/** Every occurrence of a target phrase (whitespace-tolerant, case-blind). */
function targetSpans(text: string, target: string): Span[] {
  return [...text.matchAll(new RegExp(phrasePattern(target), 'giu'))].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
  }));
}

function asserted(text: string, spans: Span[]): AssertedTarget[] {
  const details = assertSpansDetailed(text, spans);
  return spans.map((s, k) => ({
    start: s.start,
    end: s.end,
    text: text.slice(s.start, s.end),
    assertion: details[k].assertion,
    negated: details[k].negated,
    temporality: details[k].temporality,
    experiencer: details[k].experiencer,
  }));
}

export const assertionTask: TaskDefinition<AssertionInput[], AssertedTarget[][]> = defineTask({
  async run(model, inputs, opts) {
    const untargeted = inputs.filter((r) => r.target === undefined);
    if (untargeted.length && !model) throw new Error('Texts without a target need the entities model.');
    const found =
      untargeted.length && model
        ? await tagTexts(
            model,
            untargeted.map((r) => r.text),
            opts,
          )
        : [];
    return inputs.map((r) =>
      asserted(r.text, r.target !== undefined ? targetSpans(r.text, r.target) : found[untargeted.indexOf(r)]),
    );
  },
  cli: {
    describe: 'affirmed / negated / possible / historical / hypothetical / family of each target (or found entity)',
    csvColumns: ['id', 'start', 'end', 'text', 'assertion', 'negated', 'temporality', 'experiencer'],
    listField: 'targets',
    async run(engine, records, opts) {
      const inputs = records.map((r) => ({
        text: r.text,
        ...(typeof r.fields?.target === 'string' && { target: r.fields.target }),
      }));
      const all = await engine.run('assertion', inputs, opts);
      return records.map((r, i) => ({ ...resultOf(r), targets: all[i] }));
    },
  },
  eval: ['assertion'],
});
