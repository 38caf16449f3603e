import { describe, expect, it } from 'vitest';
import type { Assertion } from '../../../workers/api.ts';
import { ASSERTION_STYLES, assertionLabel } from '../../../src/ui/assertion-words.ts';

describe('assertionLabel', () => {
  it('calls affirmed and missing assertions present', () => {
    expect(assertionLabel('affirmed')).toBe('Present');
    expect(assertionLabel(undefined)).toBe('Present');
  });

  it('gives every other assertion its own word, none of them the engine name "negated"', () => {
    const others: Assertion[] = ['negated', 'possible', 'historical', 'hypothetical', 'family'];
    const labels = others.map(assertionLabel);
    expect(new Set(labels).size).toBe(others.length);
    expect(labels).not.toContain('Present');
    expect(assertionLabel('negated')).toBe('Absent');
  });

  it('has one legend entry per non-affirmed assertion', () => {
    expect(ASSERTION_STYLES.map((s) => s.assertion).sort()).toEqual(
      ['family', 'historical', 'hypothetical', 'negated', 'possible'].sort(),
    );
  });
});
