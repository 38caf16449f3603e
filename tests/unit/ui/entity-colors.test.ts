import { describe, expect, it } from 'vitest';
import { colourForType } from '../../../src/ui/entity-colors.ts';

describe('colourForType', () => {
  it('is stable, case-insensitive for known types, and defined for any type', () => {
    expect(colourForType('Disease')).toEqual(colourForType('disease'));
    expect(colourForType('Chemical')).not.toEqual(colourForType('Disease'));
    for (const type of ['', 'X', 'Some_New-Type', '🤒']) {
      expect(colourForType(type)).toEqual(colourForType(type));
      expect(colourForType(type).background).toMatch(/^#[0-9a-f]{6}$/);
    }
  });
});
