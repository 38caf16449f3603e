import { describe, expect, it } from 'vitest';
import { tabIndexForKey, viewFromHash } from '../../../src/ui/views.ts';

describe('viewFromHash', () => {
  it('maps known hashes and falls back to classify', () => {
    expect(viewFromHash('#similarity')).toBe('similarity');
    expect(viewFromHash('#/entities')).toBe('entities');
    expect(viewFromHash('#SETTINGS')).toBe('settings');
    expect(viewFromHash('#entities?x=1')).toBe('entities');
    expect(viewFromHash('')).toBe('classify');
    expect(viewFromHash('#unknown')).toBe('classify');
    expect(viewFromHash('#<img src=x>')).toBe('classify');
  });
});

describe('tabIndexForKey', () => {
  it('moves with arrows (wrapping), Home and End', () => {
    expect(tabIndexForKey('ArrowRight', 0, 4)).toBe(1);
    expect(tabIndexForKey('ArrowRight', 3, 4)).toBe(0);
    expect(tabIndexForKey('ArrowLeft', 0, 4)).toBe(3);
    expect(tabIndexForKey('Home', 2, 4)).toBe(0);
    expect(tabIndexForKey('End', 0, 4)).toBe(3);
    expect(tabIndexForKey('Enter', 0, 4)).toBeNull();
  });
});
