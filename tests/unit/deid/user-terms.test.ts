import { describe, expect, it } from 'vitest';
import { MAX_TERMS, findTerms, parseTerms, withoutKept } from '../../../workers/tasks/deid/user-terms.ts';

describe('parseTerms', () => {
  it('splits on lines, commas and semicolons, trims, drops empty and repeated terms', () => {
    expect(parseTerms(' Jane  Roe ,\n\nMRN 0042;jane roe\n, ')).toEqual(['Jane Roe', 'MRN 0042']);
  });

  it('keeps at most MAX_TERMS terms and drops overlong ones', () => {
    const many = Array.from({ length: 500 }, (_, i) => `t${i}`).join(',');
    expect(parseTerms(many)).toHaveLength(MAX_TERMS);
    expect(parseTerms(many, MAX_TERMS + 1)).toHaveLength(MAX_TERMS + 1);
    expect(parseTerms('x'.repeat(201))).toEqual([]);
    expect(parseTerms('-, ., "')).toEqual([]);
  });
});

describe('findTerms', () => {
  it('finds whole words in any case, spaces matching any run of spaces, typed by their digits', () => {
    const text = 'Jane  Roe (MRN 00482913) saw janet; JANE ROE again. 00482913x';
    const spans = findTerms(text, ['jane roe', '00482913', 'jan']);
    expect(spans.map((s) => [s.type, text.slice(s.start, s.end)])).toEqual([
      ['NAME', 'Jane  Roe'],
      ['NAME', 'JANE ROE'],
      ['ID', '00482913'],
    ]);
  });

  it('treats regex characters in a term literally', () => {
    expect(findTerms('a.b and axb', ['a.b'])).toEqual([{ type: 'NAME', start: 0, end: 3 }]);
    expect(findTerms('anything - (x)', ['.*', '(', '', '-'])).toEqual([]);
  });
});

describe('withoutKept', () => {
  it('drops spans whose whole text is a kept term, in any case', () => {
    const spans = [{ text: 'Parkinson' }, { text: 'Dr Parkinson' }, { text: 'Lasix' }];
    expect(withoutKept(spans, ['parkinson', 'LASIX'])).toEqual([{ text: 'Dr Parkinson' }]);
  });
});
