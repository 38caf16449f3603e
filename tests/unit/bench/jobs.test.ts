import { describe, expect, it } from 'vitest';
import { chunkRanges, inputsFor, mergeJobs, type JobResult } from '../../../bench/speed/jobs.ts';

const job = (items: number, ms: number): JobResult => ({
  kind: 'entities',
  model: 'm',
  items,
  ms,
  inference_ms: ms / 2,
  runs: items,
  tokens: items * 10,
  padded_tokens: items * 12,
});

describe('chunkRanges', () => {
  it('covers every item exactly once, in order', () => {
    expect(chunkRanges(10, 3)).toEqual([
      [0, 4],
      [4, 8],
      [8, 10],
    ]);
    expect(chunkRanges(5, 10)).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 4],
      [4, 5],
    ]);
    expect(chunkRanges(0, 10)).toEqual([]);
  });
});

describe('mergeJobs', () => {
  it('sums the chunks of one job', () => {
    expect(mergeJobs(mergeJobs(undefined, job(2, 10)), job(3, 20))).toEqual({
      kind: 'entities',
      model: 'm',
      items: 5,
      ms: 30,
      inference_ms: 15,
      runs: 5,
      tokens: 50,
      padded_tokens: 60,
    });
  });
});

describe('inputsFor', () => {
  it('gives sentences to the tagger and the note mix to everything else', () => {
    const data = { sentences: ['s'], texts: ['t'] };
    expect(inputsFor('entities', data)).toBe(data.sentences);
    expect(inputsFor('classify', data)).toBe(data.texts);
  });
});
