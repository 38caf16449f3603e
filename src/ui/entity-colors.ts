// One stable, readable colour pair per entity type. Known types get fixed colours so a
// clinician learns them; unknown types get a colour derived from the name (stable across runs).
// Each colour is a CSS light-dark() pair, so the highlights follow the dark theme wherever they
// are used (app.css sets color-scheme): pale backgrounds under dark text in the light theme, deep
// ones under light text in the dark theme (both ≥ 4.5:1, tests/unit/ui/entity-colors.test.ts).
export interface TypeColour {
  /** CSS value for the highlight's background. */
  background: string;
  /** CSS value for its border and marker (e.g. the "?" of a possible finding). */
  border: string;
}

/** Hex colours of one type in each theme. */
export interface ThemedColour {
  light: { background: string; border: string };
  dark: { background: string; border: string };
}

const pair = (lightBg: string, lightBorder: string, darkBg: string, darkBorder: string): ThemedColour => ({
  light: { background: lightBg, border: lightBorder },
  dark: { background: darkBg, border: darkBorder },
});

const DISEASE = pair('#fde2e1', '#c0392b', '#4a2020', '#ff8a80');
const CHEMICAL = pair('#dff3e4', '#1e8449', '#1c3b26', '#6fd08c');
const PROCEDURE = pair('#efe3fa', '#7b3fb0', '#3a2650', '#c79bf2');

export const KNOWN_COLOURS: Record<string, ThemedColour> = {
  disease: DISEASE,
  problem: DISEASE,
  chemical: CHEMICAL,
  drug: CHEMICAL,
  medication: CHEMICAL,
  test: pair('#e1ecfb', '#2459a8', '#1f3050', '#8ab4f8'),
  procedure: PROCEDURE,
  treatment: PROCEDURE,
  anatomy: pair('#fff1d6', '#b06f00', '#45340f', '#f0b44c'),
};

export const PALETTE: ThemedColour[] = [
  pair('#e0f2f1', '#00695c', '#123b38', '#4db6ac'),
  pair('#fce4ec', '#ad1457', '#4a1f30', '#f48fb1'),
  pair('#f3e5f5', '#6a1b9a', '#3d2145', '#ce93d8'),
  pair('#fff3e0', '#a84300', '#4a2e12', '#ffb74d'),
  pair('#e8eaf6', '#283593', '#252a4d', '#9fa8da'),
  pair('#f1f8e9', '#33691e', '#2a3a1a', '#aed581'),
];

export function themedColourForType(type: string): ThemedColour {
  const known = KNOWN_COLOURS[type.toLowerCase()];
  if (known) return known;
  let hash = 0;
  for (let i = 0; i < type.length; i++) hash = (hash * 31 + type.charCodeAt(i)) >>> 0;
  return PALETTE[hash % PALETTE.length];
}

export function colourForType(type: string): TypeColour {
  const { light, dark } = themedColourForType(type);
  return {
    background: `light-dark(${light.background}, ${dark.background})`,
    border: `light-dark(${light.border}, ${dark.border})`,
  };
}

/** [type, count] pairs sorted by type name: the legend and the type filters. */
export function countTypes(entities: readonly { type: string }[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const e of entities) counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
  return [...counts].sort((a, b) => a[0].localeCompare(b[0]));
}
