// The sections task: where each section of a note begins and ends (chief complaint, history of present
// illness, medications…), found by header rules (workers/text/sections.ts, which assertion also uses).
import { findSections, type Section } from '../../text/sections.ts';
import { defineTask, type TaskDefinition, resultOf } from '../task.ts';

export const sectionsTask: TaskDefinition<string, Section[]> = defineTask({
  run: async (_model, text) => findSections(text),
  cli: {
    describe: 'the sections of each note: type, header as written, start and end',
    csvColumns: ['id', 'start', 'end', 'type', 'header', 'headerEnd'],
    listField: 'sections',
    async run(engine, records, opts) {
      const results = [];
      for (const r of records) results.push({ ...resultOf(r), sections: await engine.run('sections', r.text, opts) });
      return results;
    },
  },
  eval: [],
});
