// The classify task: labels of each text (note specialty; ADE sentence by sentence).
import type { Classification, ReadingUnit } from '../../api.ts';
import { defineTask, type TaskDefinition, needModel, resultOf, round4 } from '../task.ts';
import { classifyTexts } from './classify.ts';

export interface ClassifyInput {
  texts: string[];
  reads?: ReadingUnit;
}

export const classifyTask: TaskDefinition<ClassifyInput, Classification[]> = defineTask({
  run: (model, { texts, reads }, opts) => classifyTexts(needModel(model, 'classify'), texts, { ...opts, reads }),
  cli: {
    describe: 'labels and scores of each text (--model ade | note-specialty)',
    csvColumns: null,
    async run(engine, records, opts) {
      const all = await engine.classify(
        records.map((r) => r.text),
        opts,
      );
      return records.map((r, i) => ({
        ...resultOf(r),
        labels: all[i].labels.map((l) => ({ label: l.label, score: round4(l.score) })),
        predicted: all[i].labels.filter((l) => l.selected).map((l) => l.label),
      }));
    },
  },
  eval: ['classify'],
});
