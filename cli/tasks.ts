// What each command-line task does with a batch of records, through the same Engine as the app:
// one JSON-able result per record, in order, with character offsets into the record's own text
// (UTF-16 code units, end exclusive, as JavaScript strings count them).
import type { DeidMode, Entity } from '../workers/api.ts';
import type { Engine } from '../workers/engine.ts';
import { assertSpansDetailed } from '../workers/text/assertion.ts';
import { phrasePattern } from '../workers/text/regex.ts';
import type { InputRecord } from './inputs.ts';

export type CliTask = 'entities' | 'classify' | 'similarity' | 'deid' | 'assertion';

export const CLI_TASKS: Record<CliTask, string> = {
  entities: 'chemicals and diseases, with assertion, section and concept',
  classify: 'labels and scores of each text (--model ade | note-specialty)',
  similarity: 'graded similarity and duplicate decision of text and text_pair',
  deid: 'de-identified text and the identifier spans found (--mode tags | surrogates)',
  assertion: 'affirmed / negated / possible / historical / hypothetical / family of each target (or found entity)',
};

/** The flat CSV's columns per task (classify: one per label, from its first result). */
export const CSV_COLUMNS: Record<CliTask, string[] | null> = {
  entities: ['id', 'start', 'end', 'type', 'text', 'score', 'assertion', 'section', 'concept'],
  classify: null,
  similarity: ['id', 'score', 'duplicate'],
  deid: ['id', 'start', 'end', 'type', 'text'],
  assertion: ['id', 'start', 'end', 'text', 'assertion', 'negated', 'temporality', 'experiencer'],
};

export interface TaskOptions {
  model?: string;
  mode?: DeidMode;
}

export type Result = Record<string, unknown> & { id: string };

function entityRecord(e: Entity) {
  return {
    start: e.start,
    end: e.end,
    type: e.type,
    text: e.text,
    score: round(e.score),
    ...(e.assertion && { assertion: e.assertion }),
    ...(e.section && { section: e.section }),
    ...(e.concept && { concept: e.concept }),
  };
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;
const meta = (r: InputRecord) => ({ id: r.id, ...(r.file && { file: r.file }) });

/** Every occurrence of a target phrase (the assertion task's `target` field), or none. */
function targetSpans(text: string, target: string) {
  const found = [...text.matchAll(new RegExp(phrasePattern(target), 'giu'))];
  return found.map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

export async function runTask(
  engine: Engine,
  task: CliTask,
  records: InputRecord[],
  opts: TaskOptions,
  signal?: AbortSignal,
): Promise<Result[]> {
  const texts = records.map((r) => r.text);
  const run = { model: opts.model, signal };
  switch (task) {
    case 'entities': {
      const all = await engine.entitiesMany(texts, run);
      return records.map((r, i) => ({ ...meta(r), entities: all[i].map(entityRecord) }));
    }
    case 'classify': {
      const all = await engine.classify(texts, run);
      return records.map((r, i) => ({
        ...meta(r),
        labels: all[i].labels.map((l) => ({ label: l.label, score: round(l.score) })),
        predicted: all[i].labels.filter((l) => l.selected).map((l) => l.label),
      }));
    }
    case 'similarity': {
      const results: Result[] = [];
      for (const r of records) {
        if (r.textPair === undefined) throw new Error(`${r.id}: similarity needs a second text (text_pair).`);
        const [hit] = await engine.similarity(r.text, [r.textPair], run);
        results.push({ ...meta(r), score: round(hit.score), duplicate: hit.duplicate });
      }
      return results;
    }
    case 'deid': {
      const results: Result[] = [];
      for (const r of records) {
        const out = await engine.deid(r.text, { ...run, mode: opts.mode ?? 'tags' });
        results.push({
          ...meta(r),
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
    }
    case 'assertion': {
      // A record's `target` field names the phrase to assert; records without one get the entities found.
      const untargeted = records.filter((r) => typeof r.fields?.target !== 'string');
      const found = untargeted.length
        ? await engine.entitiesMany(
            untargeted.map((r) => r.text),
            run,
          )
        : [];
      return records.map((r) => {
        const target = r.fields?.target;
        const spans = typeof target === 'string' ? targetSpans(r.text, target) : found[untargeted.indexOf(r)];
        const details = assertSpansDetailed(r.text, spans);
        return {
          ...meta(r),
          targets: spans.map((s, k) => ({
            start: s.start,
            end: s.end,
            text: r.text.slice(s.start, s.end),
            assertion: details[k].assertion,
            negated: details[k].negated,
            temporality: details[k].temporality,
            experiencer: details[k].experiencer,
          })),
        };
      });
    }
  }
}
