// The similarity task: how close each candidate is to a source text, what they share and where they disagree.
import type { SimilarityHit } from '../../api.ts';
import { defineTask, type TaskDefinition, needModel, resultOf, round4, type TaskResult } from '../task.ts';
import { candidateLimitMessage } from './limits.ts';
import { rankBySimilarity, similarityMatrix } from './similarity.ts';

export interface SimilarityInput {
  source: string;
  candidates: string[];
}

export const similarityTask: TaskDefinition<SimilarityInput, SimilarityHit[]> = defineTask({
  run: (model, { source, candidates }, opts) => {
    // The list limit the view states before the run (limits.ts) holds for every caller. The source
    // is cut by the view, which says so; the command line compares whole pairs.
    const refused = candidateLimitMessage(candidates.length);
    if (refused) throw new Error(refused);
    return rankBySimilarity(needModel(model, 'similarity'), source, candidates, opts);
  },
  cli: {
    describe: 'graded similarity and duplicate decision of text and text_pair',
    csvColumns: ['id', 'score', 'duplicate', 'matched', 'contradictions'],
    async run(engine, records, opts) {
      const results: TaskResult[] = [];
      for (const r of records) {
        if (r.textPair === undefined) throw new Error(`${r.id}: similarity needs a second text (text_pair).`);
        const [hit] = await engine.similarity(r.text, [r.textPair], opts);
        results.push({
          ...resultOf(r),
          score: round4(hit.score),
          duplicate: hit.duplicate,
          ...(hit.matched?.length && { matched: hit.matched }),
          ...(hit.contradictions?.length && { contradictions: hit.contradictions }),
        });
      }
      return results;
    },
  },
  eval: ['sts', 'pair'],
});

/** Every pair of a list (the all-pairs table of Compare sentences); no command of its own. */
export const similarityMatrixTask: TaskDefinition<string[], number[][]> = defineTask({
  run: (model, texts, opts) => similarityMatrix(needModel(model, 'similarity'), texts, opts),
  cli: null,
  eval: [],
});
