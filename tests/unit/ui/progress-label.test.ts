import { describe, expect, it } from 'vitest';
import { progressLabel, progressValue } from '../../../src/ui/progress-label.ts';

describe('progressLabel / progressValue', () => {
  it('describes each stage in words', () => {
    expect(progressLabel(null)).toBe('Starting…');
    expect(progressLabel({ stage: 'download', fraction: 0.423 })).toBe('Loading model… 42%');
    expect(progressLabel({ stage: 'download' })).toBe('Loading model…');
    expect(progressLabel({ stage: 'initialise', fraction: 1 })).toBe('Preparing model… 100%');
    expect(progressLabel({ stage: 'warmup' })).toBe('Warming up…');
    expect(progressLabel({ stage: 'items', done: 3, total: 10, fraction: 0.3 })).toBe('Analysing 3 of 10');
    expect(progressLabel({ stage: 'items', done: 12, total: 10 })).toBe('Analysing 10 of 10');
  });

  it('gives a 0..1 value, or undefined for an indeterminate bar', () => {
    expect(progressValue(null)).toBeUndefined();
    expect(progressValue({ stage: 'warmup' })).toBeUndefined();
    expect(progressValue({ stage: 'download', fraction: 1.7 })).toBe(1);
    expect(progressValue({ stage: 'download', fraction: -1 })).toBe(0);
    expect(progressValue({ stage: 'items', done: 1, total: 4 })).toBe(0.25);
    expect(progressValue({ stage: 'items', done: 1, total: 0 })).toBeUndefined();
  });
});
