import { describe, expect, it } from 'vitest';
import { planBatches } from '../../../workers/runtime/batch.ts';

/** Estimated cost of a plan: what planBatches minimises. */
function cost(lengths: number[], ends: number[], overhead: number): number {
  let start = 0;
  let total = 0;
  for (const end of ends) {
    total += overhead + (end - start) * lengths[end - 1];
    start = end;
  }
  return total;
}

/** All ways to cut n sorted items into consecutive batches (n small). */
function allPlans(n: number): number[][] {
  if (n === 0) return [[]];
  const plans: number[][] = [];
  for (let last = 0; last < n; last++) for (const p of allPlans(last)) plans.push([...p, n]);
  return plans;
}

describe('planBatches', () => {
  it('covers every item once, in order, within the limits', () => {
    const lengths = Array.from({ length: 200 }, (_, i) => 5 + ((i * 37) % 120)).sort((a, b) => a - b);
    const ends = planBatches(lengths, { maxBatchTokens: 1000, maxBatchSize: 8 });
    expect(ends.at(-1)).toBe(lengths.length);
    let start = 0;
    for (const end of ends) {
      expect(end).toBeGreaterThan(start);
      expect(end - start).toBeLessThanOrEqual(8);
      if (end - start > 1) expect((end - start) * lengths[end - 1]).toBeLessThanOrEqual(1000);
      start = end;
    }
  });

  it('finds the cheapest plan (checked against brute force)', () => {
    const lengths = [3, 4, 9, 10, 11, 30, 31, 60, 61];
    for (const overhead of [0, 5, 16, 100]) {
      const best = Math.min(...allPlans(lengths.length).map((p) => cost(lengths, p, overhead)));
      expect(cost(lengths, planBatches(lengths, { runOverhead: overhead }), overhead)).toBe(best);
    }
  });

  it('splits a batch when padding would cost more than a run, and merges equal lengths', () => {
    expect(planBatches([10, 10, 10, 10], { runOverhead: 16 })).toEqual([4]);
    expect(planBatches([5, 5, 100, 100], { runOverhead: 16 })).toEqual([2, 4]);
  });

  it('lets one over-long sequence run alone and handles no input', () => {
    expect(planBatches([5000], { maxBatchTokens: 4096 })).toEqual([1]);
    expect(planBatches([])).toEqual([]);
  });
});
