import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findPhi } from '../../../workers/tasks/deid/phi.ts';
import { mergeSpans, redact, type RedactionResult } from '../../../workers/tasks/deid/redact.ts';
import { shiftDates } from '../../../workers/tasks/deid/surrogate-dates.ts';

/** Output offsets point at the replacements; text between spans is copied unchanged. */
function expectOffsetsMap(input: string, result: RedactionResult): void {
  let inCursor = 0;
  let outCursor = 0;
  for (const s of result.spans) {
    expect(result.text.slice(s.start, s.end)).toBe(s.replacement);
    expect(result.text.slice(outCursor, s.start)).toBe(input.slice(inCursor, s.originalStart));
    inCursor = s.originalEnd;
    outCursor = s.end;
  }
  expect(result.text.slice(outCursor)).toBe(input.slice(inCursor));
}

const note =
  'Mr. John Smith (MRN 4455667) seen 03/14/2021 at 10:30. Call 555-123-4567 or john.smith@example.com. ' +
  'John Smith returns 2021-04-01. Dr. Alice Wong, BOSTON, MA 02115.';

function spansFor(text: string) {
  const names = ['John Smith', 'Alice Wong'].flatMap((name) =>
    [...text.matchAll(new RegExp(name, 'g'))].map((m) => ({
      type: 'NAME',
      start: m.index,
      end: m.index + name.length,
    })),
  );
  return [
    ...findPhi(text),
    ...names,
    { type: 'LOCATION', start: text.indexOf('BOSTON'), end: text.indexOf('BOSTON') + 6 },
  ];
}

describe('redact', () => {
  it('replaces spans with tags', () => {
    const result = redact(
      'Seen 1/2/2020 by John.',
      [
        { type: 'DATE', start: 5, end: 13 },
        { type: 'NAME', start: 17, end: 21 },
      ],
      'tags',
    );
    expect(result.text).toBe('Seen [DATE] by [NAME].');
    expectOffsetsMap('Seen 1/2/2020 by John.', result);
  });

  it('joins same-type neighbours on one line into one tag, and only in tags mode', () => {
    const text = 'Mr. John Carter\tJr seen 03/14 10:30 with Mary\nAnn, Boston MA.';
    const at = (word: string, type: string) => ({
      type,
      start: text.indexOf(word),
      end: text.indexOf(word) + word.length,
    });
    const spans = [
      at('John', 'NAME'),
      at('Carter', 'NAME'),
      at('Jr', 'NAME'),
      at('03/14', 'DATE'),
      at('10:30', 'DATE'),
      at('Mary', 'NAME'),
      at('Ann', 'NAME'),
      at('Boston', 'LOCATION'),
      at('MA', 'LOCATION'),
    ];
    const tags = redact(text, spans, 'tags');
    // Not across a line break (Mary / Ann) nor across a comma (Ann, Boston).
    expect(tags.text).toBe('Mr. [NAME] seen [DATE] with [NAME]\n[NAME], [LOCATION].');
    expectOffsetsMap(text, tags);
    expect(text.slice(tags.spans[0].originalStart, tags.spans[0].originalEnd)).toBe('John Carter\tJr');
    const surrogates = redact(text, spans, 'surrogates', 'seed-1');
    expect(surrogates.spans).toHaveLength(spans.length);
    expectOffsetsMap(text, surrogates);
  });

  it('gives consistent, deterministic, realistic surrogates', () => {
    const spans = spansFor(note);
    const a = redact(note, spans, 'surrogates', 'seed-1');
    const b = redact(note, spans, 'surrogates', 'seed-1');
    const c = redact(note, spans, 'surrogates', 'seed-2');
    expect(a).toEqual(b);
    expect(c.text).not.toBe(a.text);
    expectOffsetsMap(note, a);
    const johns = a.spans.filter((s) => note.slice(s.originalStart, s.originalEnd) === 'John Smith');
    expect(johns).toHaveLength(2);
    expect(johns[0].replacement).toBe(johns[1].replacement);
    expect(johns[0].replacement).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
    const replacementOf = (original: string) =>
      a.spans.find((s) => note.slice(s.originalStart, s.originalEnd) === original)!.replacement;
    expect(replacementOf('03/14/2021')).toMatch(/^\d{2}\/\d{2}\/2021$|^\d{2}\/\d{2}\/2022$/);
    expect(replacementOf('2021-04-01')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(replacementOf('555-123-4567')).toMatch(/^\d{3}-\d{3}-\d{4}$/);
    expect(replacementOf('4455667')).toMatch(/^\d{7}$/);
    expect(replacementOf('BOSTON')).toBe(replacementOf('BOSTON').toUpperCase());
    for (const original of [
      'John Smith',
      'Alice Wong',
      '4455667',
      '03/14/2021',
      '555-123-4567',
      'john.smith@example.com',
      '02115',
    ]) {
      expect(a.text).not.toContain(original);
    }
  });

  it('shifts all dates of a note by the same number of days, keeping format', () => {
    const shiftedA = shiftDates('03/14/2021', 10);
    const shiftedB = shiftDates('2021-03-24', 10);
    expect(shiftedA).toBe('03/24/2021');
    expect(shiftedB).toBe('2021-04-03');
    expect(shiftDates('Jan 2, 2020', 31)).toBe('Feb 2, 2020');
    expect(shiftDates('2ND JANUARY 2020', 1)).toBe('3RD JANUARY 2020');
    expect(shiftDates('January 2020', 40)).toBe('February 2020');
    expect(shiftDates('10:30 pm', 1)).toMatch(/^\d{2}:\d{2} [ap]m$/);
    expect(shiftDates('no date here', 5)).toBeUndefined();
  });

  it('merges overlapping spans and clamps bad ones', () => {
    expect(
      mergeSpans('abcdefghij', [
        { type: 'A', start: 2, end: 5 },
        { type: 'B', start: 4, end: 9 },
        { type: 'C', start: -3, end: 1 },
        { type: 'D', start: 20, end: 30 },
      ]),
    ).toEqual([
      { type: 'C', start: 0, end: 1 },
      { type: 'B', start: 2, end: 9 },
    ]);
    expect(mergeSpans('😀x', [{ type: 'A', start: 1, end: 2 }])).toEqual([{ type: 'A', start: 0, end: 2 }]);
  });

  it("takes a pattern's type over the tagger's longer span, and the longer span's among equals", () => {
    const text = 'signed on 2020-02-14 09:32.';
    const spans = [
      { type: 'DATE', start: 10, end: 20, source: 'pattern' },
      { type: 'PHONE', start: 10, end: 26, source: 'model' },
      { type: 'DATE', start: 21, end: 26, source: 'pattern' },
    ];
    expect(mergeSpans(text, spans)).toEqual([{ type: 'DATE', start: 10, end: 26 }]);
    expect(redact(text, spans, 'tags').text).toBe('signed on [DATE].');
    const models = spans.map((s) => ({ ...s, source: 'model' }));
    expect(mergeSpans(text, models)).toEqual([{ type: 'PHONE', start: 10, end: 26 }]);
  });

  it('maps offsets and leaks no original PHI string (property)', () => {
    // Filler uses letters only; PHI strings carry digits/@ so they cannot reappear by accident.
    const filler = fc.stringMatching(/^[a-z ,.\n]{0,12}$/);
    const phi = fc.oneof(
      fc.tuple(fc.constant('PHONE'), fc.stringMatching(/^\d{3}-\d{3}-\d{4}$/)),
      fc.tuple(fc.constant('ID'), fc.stringMatching(/^[A-Z]{0,2}\d{5,9}$/)),
      fc.tuple(fc.constant('DATE'), fc.stringMatching(/^(0[1-9]|1[0-2])\/(0[1-9]|1\d|2[0-8])\/(19|20)\d\d$/)),
      fc.tuple(fc.constant('EMAIL'), fc.stringMatching(/^[a-z]{2,8}\d@[a-z]{2,6}\.org$/)),
      fc.tuple(fc.constant('AGE'), fc.integer({ min: 90, max: 119 }).map(String)),
      fc.tuple(fc.constant('NAME'), fc.stringMatching(/^Q[a-z]{3,8}\d$/)),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(filler, phi), { maxLength: 12 }),
        filler,
        fc.constantFrom('tags', 'surrogates'),
        fc.string(),
        (parts, tail, mode, seed) => {
          let text = '';
          const spans: { type: string; start: number; end: number }[] = [];
          for (const [before, [type, value]] of parts) {
            text += before + ' ';
            spans.push({ type, start: text.length, end: text.length + value.length });
            text += value + ' ';
          }
          text += tail;
          const result = redact(text, spans, mode as 'tags' | 'surrogates', seed);
          expectOffsetsMap(text, result);
          // Tags mode may join same-type neighbours; every span still lies inside one replacement.
          if (mode === 'surrogates') expect(result.spans).toHaveLength(spans.length);
          for (const s of spans) {
            expect(result.spans.filter((r) => r.originalStart <= s.start && s.end <= r.originalEnd)).toHaveLength(1);
            // An original of under four characters (an age) may only appear inside a longer number.
            const original = text.slice(s.start, s.end);
            if (original.length >= 4) expect(result.text).not.toContain(original);
            else expect(result.text).not.toMatch(new RegExp(`(?<![\\p{L}\\p{N}])${original}(?![\\p{L}\\p{N}])`, 'u'));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
