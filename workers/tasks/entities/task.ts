// The entities task: chemicals and diseases with concept links, sections and ConText assertion.
import type { Entity } from '../../api.ts';
import { defineTask, type TaskDefinition, needModel, resultOf, round4 } from '../task.ts';
import { findEntities } from './entities.ts';

/** An entity as the command line writes it (score rounded, absent fields left out). */
export function entityRecord(e: Entity) {
  return {
    start: e.start,
    end: e.end,
    type: e.type,
    text: e.text,
    score: round4(e.score),
    ...(e.assertion && { assertion: e.assertion }),
    ...(e.section && { section: e.section }),
    ...(e.concept && { concept: e.concept }),
  };
}

export const entitiesTask: TaskDefinition<string, Entity[]> = defineTask({
  run: (model, text, opts) => findEntities(needModel(model, 'entities'), text, opts),
  cli: {
    describe: 'chemicals and diseases, with assertion, section and concept',
    csvColumns: ['id', 'start', 'end', 'type', 'text', 'score', 'assertion', 'section', 'concept'],
    listField: 'entities',
    async run(engine, records, opts) {
      const all = await engine.entitiesMany(
        records.map((r) => r.text),
        opts,
      );
      return records.map((r, i) => ({ ...resultOf(r), entities: all[i].map(entityRecord) }));
    },
  },
  eval: ['ner'],
});
