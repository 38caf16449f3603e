// The De-identify view's review step (src/views/deid/review.ts): keeping and adding spans, mapping a
// selection in the redacted text back to the original, and the CSV list of replacements.
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { PhiSpan } from '../../../workers/api.ts';
import { redact } from '../../../workers/tasks/deid/redact.ts';
import {
  alreadyRedacted,
  applyReview,
  guessType,
  originalOffset,
  replacementsCsv,
  reviewedSpans,
  trimRange,
  type ReviewEdit,
} from '../../../src/views/deid/review.ts';

const NOTE = 'Seen by Dr. Alice Morgan on 03/14/2021. Call (617) 555-0199. Morgan agreed. Bed by the window.';

function span(text: string, type: string, source: PhiSpan['source'] = 'model', from = 0): PhiSpan {
  const start = NOTE.indexOf(text, from);
  if (start < 0) throw new Error(`${text} not in the note`);
  return { type, start, end: start + text.length, text, source, score: 1 };
}

const FOUND: PhiSpan[] = [
  span('Alice Morgan', 'NAME'),
  span('03/14/2021', 'DATE', 'pattern'),
  span('(617) 555-0199', 'PHONE', 'pattern'),
  span('Morgan', 'NAME', 'model', NOTE.indexOf('Morgan agreed')),
];

let ids = 0;
function edit(kind: ReviewEdit['kind'], text: string, type = 'NAME'): ReviewEdit {
  const start = NOTE.indexOf(text);
  return { id: ids++, kind, type, start, end: start + text.length, text };
}

describe('applyReview', () => {
  it('without edits gives what the run gave (tags are deterministic)', () => {
    expect(applyReview(NOTE, FOUND, [], 'tags', 'seed').text).toBe(redact(NOTE, FOUND, 'tags').text);
  });

  it('keeping a replacement restores the original text there and nowhere else', () => {
    const out = applyReview(NOTE, FOUND, [edit('keep', '(617) 555-0199', 'PHONE')], 'tags', 'seed').text;
    expect(out).toBe('Seen by Dr. [NAME] on [DATE]. Call (617) 555-0199. [NAME] agreed. Bed by the window.');
  });

  it('redacting missed text adds a replacement of the chosen type', () => {
    const out = applyReview(NOTE, FOUND, [edit('add', 'window', 'LOCATION')], 'tags', 'seed');
    expect(out.text).toContain('Bed by the [LOCATION].');
    expect(out.spans.map((r) => r.type)).toEqual(['NAME', 'DATE', 'PHONE', 'NAME', 'LOCATION']);
  });

  it('applies edits in order: a later keep undoes an earlier add, a later add re-redacts a kept range', () => {
    const add = edit('add', 'window');
    const keep = edit('keep', 'window');
    expect(applyReview(NOTE, FOUND, [add, keep], 'tags', 's').text).toContain('by the window.');
    expect(applyReview(NOTE, FOUND, [keep, add], 'tags', 's').text).toContain('by the [NAME].');
  });

  it("in surrogate mode, one seed keeps each original's surrogate through every edit", () => {
    const before = applyReview(NOTE, FOUND, [], 'surrogates', 'run-1');
    const after = applyReview(
      NOTE,
      FOUND,
      [edit('keep', '03/14/2021', 'DATE'), edit('add', 'window')],
      'surrogates',
      'run-1',
    );
    const surrogateOf = (result: typeof before, original: string) =>
      result.spans.filter((r) => NOTE.slice(r.originalStart, r.originalEnd) === original).map((r) => r.replacement);
    expect(surrogateOf(after, 'Alice Morgan')).toEqual(surrogateOf(before, 'Alice Morgan'));
    expect(surrogateOf(after, 'Morgan')).toEqual(surrogateOf(before, 'Morgan'));
    expect(after.text).toContain('03/14/2021');
    for (const secret of ['Alice', 'Morgan', '555-0199', 'window']) expect(after.text).not.toContain(secret);
  });
});

describe('reviewedSpans', () => {
  it("marks the user's spans so that their type wins where they overlap the tool's", () => {
    const spans = reviewedSpans(FOUND, [edit('add', 'Dr. Alice Morgan', 'ID')]);
    expect(spans.at(-1)).toMatchObject({ type: 'ID', source: 'user' });
    expect(redact(NOTE, spans, 'tags').text).toMatch(/^Seen by \[ID\] on/);
  });

  it('a keep drops every span it overlaps, also when the replacement joined several', () => {
    const joined = [span('Alice', 'NAME'), span('Morgan', 'NAME')];
    const [replacement] = redact(NOTE, joined, 'tags').spans; // one [NAME] for both words
    const keep: ReviewEdit = {
      id: 0,
      kind: 'keep',
      type: 'NAME',
      start: replacement.originalStart,
      end: replacement.originalEnd,
      text: 'Alice Morgan',
    };
    expect(reviewedSpans(joined, [keep])).toEqual([]);
  });
});

describe('originalOffset', () => {
  const result = redact(NOTE, FOUND, 'tags');

  it('maps offsets in unchanged text to the same character of the original', () => {
    for (const word of ['Seen', 'on', 'Call', 'agreed', 'window']) {
      const at = result.text.indexOf(word);
      const start = originalOffset(at, result.spans, 'start');
      const end = originalOffset(at + word.length, result.spans, 'end');
      expect(NOTE.slice(start, end)).toBe(word);
    }
  });

  it('widens a selection that starts or ends inside a replacement to the whole original', () => {
    const tag = result.text.indexOf('[DATE]');
    const start = originalOffset(tag + 2, result.spans, 'start');
    const end = originalOffset(result.text.indexOf('Call') + 4, result.spans, 'end');
    expect(NOTE.slice(start, end)).toBe('03/14/2021. Call');
    expect(NOTE.slice(originalOffset(0, result.spans, 'start'), originalOffset(tag + 1, result.spans, 'end'))).toBe(
      'Seen by Dr. Alice Morgan on 03/14/2021',
    );
  });
});

describe('selection helpers', () => {
  it('trimRange drops white space at either end, and orders reversed ranges', () => {
    expect(trimRange('  Jane Roe \n', 0, 12)).toEqual({ start: 2, end: 10 });
    expect(trimRange('abc', 3, 1)).toEqual({ start: 1, end: 3 });
    expect(trimRange('a   b', 1, 4)).toEqual({ start: 4, end: 4 });
  });

  it('alreadyRedacted is true only when replacements cover every character', () => {
    const { spans } = redact(NOTE, FOUND, 'tags');
    const at = (text: string) => [NOTE.indexOf(text), NOTE.indexOf(text) + text.length] as const;
    expect(alreadyRedacted(...at('Alice'), spans)).toBe(true);
    expect(alreadyRedacted(...at('Dr. Alice'), spans)).toBe(false);
    expect(alreadyRedacted(...at('Morgan on 03'), spans)).toBe(false);
    expect(alreadyRedacted(...at('window'), spans)).toBe(false);
  });

  it('guessType: e-mail, identifier with digits, else name', () => {
    expect(guessType('jane.roe@example.org')).toBe('EMAIL');
    expect(guessType('A-88213')).toBe('ID');
    expect(guessType('Halvorsen')).toBe('NAME');
  });
});

describe('replacementsCsv', () => {
  it('lists type, original and replacement of each replacement, without kept ones', () => {
    const { spans } = applyReview(
      NOTE,
      FOUND,
      [edit('keep', '(617) 555-0199', 'PHONE'), edit('add', 'window')],
      'tags',
      's',
    );
    const rows = Papa.parse<string[]>(replacementsCsv(NOTE, spans).trim()).data;
    expect(rows[0]).toEqual(['type', 'original', 'replacement', 'start', 'end']);
    expect(rows.slice(1).map((r) => r.slice(0, 3))).toEqual([
      ['NAME', 'Alice Morgan', '[NAME]'],
      ['DATE', '03/14/2021', '[DATE]'],
      ['NAME', 'Morgan', '[NAME]'],
      ['NAME', 'window', '[NAME]'],
    ]);
  });

  it('neutralises cells a spreadsheet would run as a formula, and quotes commas and line breaks', () => {
    const text = '=HYPERLINK("x") and -2+3 and @SUM and Roe,\nJane';
    const spans = redact(
      text,
      [
        { type: 'NAME', start: 0, end: 15 },
        { type: 'ID', start: 20, end: 24 },
        { type: 'ID', start: 29, end: 33 },
        { type: 'NAME', start: 38, end: text.length },
      ],
      'tags',
    ).spans;
    const csv = replacementsCsv(text, spans);
    const originals = Papa.parse<string[]>(csv.trim())
      .data.slice(1)
      .map((r) => r[1]);
    expect(originals).toEqual([`'=HYPERLINK("x")`, "'-2+3", "'@SUM", 'Roe,\nJane']);
    expect(csv.endsWith('\r\n')).toBe(true);
  });
});
