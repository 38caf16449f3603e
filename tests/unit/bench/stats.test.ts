import { describe, expect, it } from 'vitest';
import { percentile, perSecond, ratio, round, spreadSample } from '../../../bench/speed/stats.ts';

describe('percentile', () => {
  it('interpolates between closest ranks and ignores input order', () => {
    const xs = [40, 10, 30, 20];
    expect(percentile(xs, 0)).toBe(10);
    expect(percentile(xs, 100)).toBe(40);
    expect(percentile(xs, 50)).toBe(25);
    expect(percentile(xs, 95)).toBeCloseTo(38.5);
    expect(xs).toEqual([40, 10, 30, 20]);
  });

  it('handles one sample, none, and rejects p outside 0..100', () => {
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNull();
    expect(() => percentile([1], 101)).toThrow();
    expect(() => percentile([1], Number.NaN)).toThrow();
  });
});

describe('ratio, perSecond, round', () => {
  it('gives null instead of dividing by nothing', () => {
    expect(ratio(3, 2)).toBe(1.5);
    expect(ratio(3, 0)).toBeNull();
    expect(ratio(null, 2)).toBeNull();
    expect(ratio(2, undefined)).toBeNull();
    expect(perSecond(50, 2000)).toBe(25);
    expect(perSecond(5, 0)).toBeNull();
    expect(round(1.23456, 2)).toBe(1.23);
    expect(round(null)).toBeNull();
    expect(round(Number.POSITIVE_INFINITY)).toBeNull();
  });
});

describe('spreadSample', () => {
  it('takes n items spread over the whole list, deterministically', () => {
    const xs = Array.from({ length: 10 }, (_, i) => i);
    expect(spreadSample(xs, 5)).toEqual([0, 2, 4, 6, 8]);
    expect(spreadSample(xs, 3)).toEqual([0, 3, 6]);
    expect(spreadSample(xs, 20)).toEqual(xs);
  });
});
