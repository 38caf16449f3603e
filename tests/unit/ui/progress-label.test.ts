import { describe, expect, it } from 'vitest';
import { progressLabel, progressValue } from '../../../src/ui/progress-label.ts';

describe('progressLabel / progressValue', () => {
  it('describes each stage in words', () => {
    expect(progressLabel(null)).toBe('Starting…');
    expect(progressLabel({ stage: 'download', fraction: 0.423 })).toBe('Downloading the model… 42%');
    expect(progressLabel({ stage: 'download' })).toBe('Downloading the model…');
    expect(progressLabel({ stage: 'initialise', fraction: 1 })).toBe('Preparing the model (session ready)…');
    expect(progressLabel({ stage: 'warmup' })).toBe('Warming up (a first test run)…');
    expect(progressLabel({ stage: 'items', done: 3, total: 10, fraction: 0.3 })).toBe('Analysing 3 of 10');
    expect(progressLabel({ stage: 'items', done: 12, total: 10 })).toBe('Analysing 10 of 10');
  });

  it('says the session is being created once the last byte is in, not "100%"', () => {
    expect(progressLabel({ stage: 'download', fraction: 1 })).toBe('Preparing the model (creating the session)…');
    expect(progressLabel({ stage: 'download', fraction: 0.999 })).toBe('Downloading the model… 100%');
  });

  it('keeps the loading bar moving through session creation and warm-up', () => {
    const stages = [
      progressValue({ stage: 'download', fraction: 0 }),
      progressValue({ stage: 'download', fraction: 0.5 }),
      progressValue({ stage: 'download', fraction: 1 }),
      progressValue({ stage: 'initialise', fraction: 1 }),
      progressValue({ stage: 'warmup' }),
    ];
    for (let i = 1; i < stages.length; i++) expect(stages[i]!).toBeGreaterThan(stages[i - 1]!);
    expect(stages.at(-1)!).toBeLessThan(1);
  });

  it('gives a 0..1 value, or undefined for an indeterminate bar', () => {
    expect(progressValue(null)).toBeUndefined();
    expect(progressValue({ stage: 'download' })).toBeUndefined();
    expect(progressValue({ stage: 'download', fraction: 1.7 })).toBe(0.7);
    expect(progressValue({ stage: 'download', fraction: -1 })).toBe(0);
    expect(progressValue({ stage: 'items', done: 1, total: 4 })).toBe(0.25);
    expect(progressValue({ stage: 'items', done: 1, total: 0 })).toBeUndefined();
  });
});
