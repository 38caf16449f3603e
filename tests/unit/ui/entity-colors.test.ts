import { describe, expect, it } from 'vitest';
import { colourForType, KNOWN_COLOURS, PALETTE, themedColourForType } from '../../../src/ui/entity-colors.ts';

/** WCAG 2 relative luminance and contrast ratio of two #rrggbb colours. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

// The body text and page surfaces of app.css, light and dark.
const LIGHT = { text: '#1b2429', surface: '#ffffff' };
const DARK = { text: '#e3e9ec', surface: '#1a2226' };

describe('colourForType', () => {
  it('is stable, case-insensitive for known types, and defined for any type', () => {
    expect(colourForType('Disease')).toEqual(colourForType('disease'));
    expect(colourForType('Chemical')).not.toEqual(colourForType('Disease'));
    for (const type of ['', 'X', 'Some_New-Type', '🤒']) {
      expect(colourForType(type)).toEqual(colourForType(type));
      expect(colourForType(type).background).toMatch(/^light-dark\(#[0-9a-f]{6}, #[0-9a-f]{6}\)$/);
    }
  });

  it('gives each theme its own pair', () => {
    const { light, dark } = themedColourForType('Disease');
    expect(colourForType('Disease').background).toBe(`light-dark(${light.background}, ${dark.background})`);
    expect(colourForType('Disease').border).toBe(`light-dark(${light.border}, ${dark.border})`);
  });

  it.each([...Object.entries(KNOWN_COLOURS), ...PALETTE.map((c, i) => [`palette ${i}`, c] as const)])(
    '%s: text on the highlight ≥ 4.5:1 and the border ≥ 3:1 against the page, in both themes',
    (_, colour) => {
      expect(contrast(LIGHT.text, colour.light.background)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(DARK.text, colour.dark.background)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(colour.light.border, LIGHT.surface)).toBeGreaterThanOrEqual(3);
      expect(contrast(colour.dark.border, DARK.surface)).toBeGreaterThanOrEqual(3);
    },
  );

  it('measures contrast as WCAG does', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });
});
