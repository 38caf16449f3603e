// Entity linking by exact normalised match, with the plural either way round, but no "s" added to an
// abbreviation ("MD" is not "MDS").
import { describe, expect, it } from 'vitest';
import { linkConcept, type ConceptIndex } from '../../../workers/text/concepts.ts';

const index: ConceptIndex = {
  types: {
    Chemical: {
      terms: { penicillins: 0, aspirin: 1, mps: 2 },
      concepts: [
        ['MESH:D010406', 'Penicillins', 'MeSH'],
        ['MESH:D001241', 'Aspirin', 'MeSH'],
        ['DRUGBANK:X', 'Some MPS', 'DrugBank'],
      ],
    },
    Disease: {
      terms: { seizure: 0, mds: 1 },
      concepts: [
        ['MESH:D012640', 'Seizures', 'MeSH'],
        ['DOID:Y', 'MDS', 'DO'],
      ],
    },
  },
};

describe('linkConcept', () => {
  it('matches the normalised mention', () => {
    expect(linkConcept(index, 'Chemical', 'Aspirin')?.id).toBe('MESH:D001241');
  });

  it('takes a plural mention to a singular term and a singular mention to a plural term', () => {
    expect(linkConcept(index, 'Disease', 'seizures')?.id).toBe('MESH:D012640');
    expect(linkConcept(index, 'Chemical', 'penicillin')?.id).toBe('MESH:D010406');
    expect(linkConcept(index, 'Chemical', 'Penicillin')?.id).toBe('MESH:D010406');
  });

  it('adds no "s" to an abbreviation or a short word', () => {
    expect(linkConcept(index, 'Disease', 'MD')).toBeUndefined();
    expect(linkConcept(index, 'Chemical', 'MP')).toBeUndefined();
  });

  it('links nothing of an unknown type or term', () => {
    expect(linkConcept(index, 'Gene', 'aspirin')).toBeUndefined();
    expect(linkConcept(index, 'Chemical', 'ibuprofen')).toBeUndefined();
  });
});
