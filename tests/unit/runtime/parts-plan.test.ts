import { describe, expect, it } from 'vitest';
import { planParts } from '../../../workers/runtime/tagging.ts';

/** Windows of `n` words each, one after the other (no shared words). */
const disjoint = (count: number, n = 10) => Array.from({ length: count }, (_, k) => ({ from: k * n, to: (k + 1) * n }));

describe('planParts', () => {
  it('starts small and doubles up to the cap', () => {
    const windows = disjoint(40);
    const ends = planParts(
      windows,
      windows.map(() => 100),
      200,
      800,
    );
    const sizes = ends.map((e, i) => e - (i ? ends[i - 1] : 0));
    expect(sizes.slice(0, 4)).toEqual([2, 4, 8, 8]);
    expect(ends[ends.length - 1]).toBe(40);
  });

  it('never ends a part where the next window shares words with an earlier one', () => {
    // Every window re-reads the last 3 words of the one before: no cut is allowed.
    const windows = Array.from({ length: 12 }, (_, k) => ({ from: k * 7, to: k * 7 + 10 }));
    expect(
      planParts(
        windows,
        windows.map(() => 100),
        100,
        100,
      ),
    ).toEqual([12]);
    // Once a window starts after all earlier words, the part ends there.
    windows.push({ from: 200, to: 210 });
    expect(
      planParts(
        windows,
        windows.map(() => 100),
        100,
        100,
      ),
    ).toEqual([12, 13]);
  });

  it('plans nothing for no windows', () => {
    expect(planParts([], [])).toEqual([]);
  });
});
