import { describe, expect, it } from 'vitest';
import { MATCH, WordNet } from '../../../workers/tasks/similarity/wordnet.ts';

// Synsets: 0 {car, automobile}, 1 {vehicle} (hypernym of 0), 2 {play}, 3 {man}, 4 {boat} (hypernym 1),
// 5 {child}, 6 {woman} (antonym of 3).
const wn = new WordNet({
  lemmas: { car: [0], automobile: [0], vehicle: [1], play: [2], man: [3], boat: [4], child: [5], woman: [6] },
  related: { '0': [1], '4': [1] },
  antonyms: { '3': [6], '6': [3] },
  exceptions: { men: 'man', children: 'child' },
});

describe('WordNet', () => {
  it('matches base forms through suffix rules and exception lists', () => {
    expect(wn.match('playing', 'played')).toBe(MATCH.same);
    expect(wn.match('men', 'man')).toBe(MATCH.same);
    expect(wn.match('children', 'child')).toBe(MATCH.same);
    expect(wn.match('cars', 'car')).toBe(MATCH.same);
  });

  it('grades synonyms, hypernyms and shared hypernyms below identity', () => {
    expect(wn.match('car', 'automobiles')).toBe(MATCH.synonym);
    expect(wn.match('vehicle', 'car')).toBe(MATCH.related);
    expect(wn.match('car', 'boat')).toBe(MATCH.related); // both are vehicles
    expect(wn.match('car', 'man')).toBe(0);
    expect(wn.match('zzz', 'car')).toBe(0);
  });

  it('averages each word’s best match as coverage', () => {
    expect(wn.compare(['man', 'playing'], ['men', 'play']).coverageA).toBe(1);
    expect(wn.compare(['man', 'car'], ['men', 'boat']).coverageA).toBeCloseTo((1 + MATCH.related) / 2);
    expect(wn.compare([], ['x']).coverageA).toBe(1);
  });

  it('counts antonyms and siblings among the words left without a full or synonym match', () => {
    const contrast = (a: string[], b: string[]) => {
      const { antonyms, siblings } = wn.compare(a, b);
      return { antonyms, siblings };
    };
    expect(contrast(['man', 'car'], ['woman', 'boat'])).toEqual({ antonyms: 1, siblings: 1 });
    expect(contrast(['man', 'car'], ['men', 'automobile'])).toEqual({ antonyms: 0, siblings: 0 });
    // "man" is matched by "man" on the other side, so "woman" there does not contrast with it.
    expect(contrast(['man'], ['man', 'woman'])).toEqual({ antonyms: 0, siblings: 0 });
    expect(contrast(['vehicle'], ['car'])).toEqual({ antonyms: 0, siblings: 0 }); // hypernym, not sibling
  });
});
