import { describe, expect, it } from 'vitest';
import { conceptLocalId, formatConceptId } from '../../../src/ui/concept-format.ts';

describe('formatConceptId', () => {
  it('names the vocabulary once when the ID prefix repeats it', () => {
    expect(formatConceptId({ id: 'MESH:D003924', source: 'MeSH' })).toBe('MeSH D003924');
    expect(formatConceptId({ id: 'DRUGBANK:DB00945', source: 'DrugBank' })).toBe('DrugBank DB00945');
    expect(formatConceptId({ id: 'MEDTEXT:heart-attack', source: 'medtext curated' })).toBe(
      'medtext curated heart-attack',
    );
  });

  it("keeps a prefix that is the ontology's own ID form", () => {
    expect(formatConceptId({ id: 'DOID:9352', source: 'Disease Ontology' })).toBe('Disease Ontology DOID:9352');
  });

  it('leaves IDs without a prefix, and a missing source, alone', () => {
    expect(formatConceptId({ id: 'C0008031', source: 'UMLS' })).toBe('UMLS C0008031');
    expect(conceptLocalId({ id: 'MESH:D003924', source: '' })).toBe('MESH:D003924');
    expect(formatConceptId({ id: 'MESH:D003924', source: '' })).toBe('MESH:D003924');
  });

  it('never shows the source twice for the concepts the engine links', async () => {
    const { readFileSync } = await import('node:fs');
    const { gunzipSync } = await import('node:zlib');
    const index = JSON.parse(gunzipSync(readFileSync('models/entities/concepts.json.gz')).toString('utf8')) as {
      types: Record<string, { concepts: [string, string, string][] }>;
    };
    const doubled: string[] = [];
    for (const table of Object.values(index.types)) {
      for (const [id, , source] of table.concepts) {
        const shown = formatConceptId({ id, source }).toUpperCase();
        if (shown.split(source.toUpperCase()).length !== 2) doubled.push(shown);
      }
    }
    expect(doubled.slice(0, 5)).toEqual([]);
  });
});
