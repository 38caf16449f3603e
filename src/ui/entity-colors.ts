// One stable, readable colour pair per entity type. Known types get fixed colours so a
// clinician learns them; unknown types get a colour derived from the name (stable across runs).
export interface TypeColour {
  background: string;
  border: string;
}

const KNOWN: Record<string, TypeColour> = {
  disease: { background: '#fde2e1', border: '#c0392b' },
  problem: { background: '#fde2e1', border: '#c0392b' },
  chemical: { background: '#dff3e4', border: '#1e8449' },
  drug: { background: '#dff3e4', border: '#1e8449' },
  medication: { background: '#dff3e4', border: '#1e8449' },
  test: { background: '#e1ecfb', border: '#2459a8' },
  procedure: { background: '#efe3fa', border: '#7b3fb0' },
  treatment: { background: '#efe3fa', border: '#7b3fb0' },
  anatomy: { background: '#fff1d6', border: '#b06f00' },
};

// Light backgrounds with dark borders: text on them stays above WCAG AA contrast.
const PALETTE: TypeColour[] = [
  { background: '#e0f2f1', border: '#00695c' },
  { background: '#fce4ec', border: '#ad1457' },
  { background: '#f3e5f5', border: '#6a1b9a' },
  { background: '#fff3e0', border: '#a84300' },
  { background: '#e8eaf6', border: '#283593' },
  { background: '#f1f8e9', border: '#33691e' },
];

export function colourForType(type: string): TypeColour {
  const known = KNOWN[type.toLowerCase()];
  if (known) return known;
  let hash = 0;
  for (let i = 0; i < type.length; i++) hash = (hash * 31 + type.charCodeAt(i)) >>> 0;
  return PALETTE[hash % PALETTE.length];
}

/** [type, count] pairs sorted by type name: the legend and the type filters. */
export function countTypes(entities: readonly { type: string }[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const e of entities) counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
  return [...counts].sort((a, b) => a[0].localeCompare(b[0]));
}
