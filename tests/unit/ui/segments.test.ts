import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Entity } from '../../../workers/api.ts';
import { segmentText } from '../../../src/ui/segments.ts';

function entity(start: number, end: number, type = 'Disease', text = ''): Entity {
  return { type, start, end, text, score: 0.9 };
}

const joined = (text: string, entities: Entity[]) =>
  segmentText(text, entities)
    .segments.map((s) => s.text)
    .join('');

describe('segmentText', () => {
  const note = 'Pt denies chest pain. Started aspirin 81 mg.';

  it('splits the text at entity offsets and keeps every character', () => {
    const { segments, skipped } = segmentText(note, [entity(10, 20), entity(30, 37, 'Chemical')]);
    expect(skipped).toEqual([]);
    expect(segments.map((s) => [s.text, s.entity?.type])).toEqual([
      ['Pt denies ', undefined],
      ['chest pain', 'Disease'],
      ['. Started ', undefined],
      ['aspirin', 'Chemical'],
      [' 81 mg.', undefined],
    ]);
    expect(segments.map((s) => s.text).join('')).toBe(note);
  });

  it('sorts unsorted entities by offset', () => {
    const { segments } = segmentText(note, [entity(30, 37, 'Chemical'), entity(10, 20)]);
    expect(segments.filter((s) => s.entity).map((s) => s.start)).toEqual([10, 30]);
  });

  it('keeps the earliest, longest of overlapping entities and reports the rest', () => {
    const outer = entity(10, 20);
    const inner = entity(16, 20, 'Symptom');
    const crossing = entity(18, 25, 'Other');
    const { segments, skipped } = segmentText(note, [inner, crossing, outer]);
    expect(segments.filter((s) => s.entity).map((s) => s.entity)).toEqual([outer]);
    expect(skipped).toHaveLength(2);
    expect(skipped).toContain(inner);
    expect(skipped).toContain(crossing);
  });

  it('skips out-of-range, empty, inverted and non-integer spans', () => {
    const bad = [entity(-1, 3), entity(40, 99), entity(5, 5), entity(8, 4), entity(1.5, 3), entity(NaN, 2)];
    const { segments, skipped } = segmentText(note, bad);
    expect(skipped).toHaveLength(bad.length);
    expect(segments).toEqual([{ text: note, start: 0, end: note.length }]);
  });

  it('handles entities at the very start and end, adjacent entities, and empty text', () => {
    const { segments } = segmentText('abcdef', [entity(0, 2), entity(2, 4), entity(4, 6)]);
    expect(segments.map((s) => s.text)).toEqual(['ab', 'cd', 'ef']);
    expect(segments.every((s) => s.entity)).toBe(true);
    expect(segmentText('', [entity(0, 1)])).toEqual({ segments: [], skipped: [entity(0, 1)] });
  });

  it('uses UTF-16 offsets as given, without re-tokenising', () => {
    const text = 'Fièvre 🤒 et toux';
    const start = text.indexOf('🤒');
    const { segments } = segmentText(text, [entity(start, start + 2, 'Symptom')]);
    expect(segments.find((s) => s.entity)?.text).toBe('🤒');
    expect(joined(text, [entity(start, start + 2)])).toBe(text);
  });

  it('never loses or reorders text, and highlights exactly text.slice(start, end) (property)', () => {
    const arb = fc.string({ maxLength: 80 }).chain((text) =>
      fc.tuple(
        fc.constant(text),
        fc.array(fc.record({ start: fc.integer({ min: -5, max: 90 }), end: fc.integer({ min: -5, max: 90 }) }), {
          maxLength: 12,
        }),
      ),
    );
    fc.assert(
      fc.property(arb, ([text, spans]) => {
        const entities = spans.map((s) => entity(s.start, s.end));
        const { segments, skipped } = segmentText(text, entities);
        expect(segments.map((s) => s.text).join('')).toBe(text);
        let cursor = 0;
        for (const s of segments) {
          expect(s.start).toBe(cursor);
          expect(s.end).toBeGreaterThan(s.start);
          expect(s.text).toBe(text.slice(s.start, s.end));
          if (s.entity) expect([s.entity.start, s.entity.end]).toEqual([s.start, s.end]);
          cursor = s.end;
        }
        const highlighted = segments.filter((s) => s.entity).length;
        expect(highlighted + skipped.length).toBe(entities.length);
      }),
    );
  });
});
