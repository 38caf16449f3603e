import { describe, expect, it } from 'vitest';
import type { Entity } from '../../../workers/api.ts';
import { highlightable, segmentRange, segmentText, textBlocks } from '../../../src/ui/segments.ts';

const entity = (start: number, end: number, text: string, type = 'Disease'): Entity => ({
  start,
  end,
  text: text.slice(start, end),
  type,
  score: 0.9,
});

describe('textBlocks', () => {
  it('covers the text exactly, in order, each block within the limit', () => {
    const text = 'First line.\n' + 'Word '.repeat(700) + 'End. Next sentence here.\n\nShort.';
    const blocks = textBlocks(text, 300);
    expect(blocks[0].start).toBe(0);
    expect(blocks[blocks.length - 1].end).toBe(text.length);
    for (let i = 1; i < blocks.length; i++) expect(blocks[i].start).toBe(blocks[i - 1].end);
    for (const b of blocks) expect(b.end - b.start).toBeLessThanOrEqual(300);
  });

  it('cuts a long line after a sentence end rather than mid-sentence', () => {
    const sentence = 'The patient denies chest pain and fever today. ';
    const text = sentence.repeat(40);
    for (const b of textBlocks(text, 500).slice(0, -1)) expect(text.slice(b.start, b.end)).toMatch(/\. $/);
  });

  it('cuts at a line end when there is one in the second half', () => {
    const text = 'a'.repeat(200) + '\n' + 'b'.repeat(200);
    expect(textBlocks(text, 300)[0]).toEqual({ start: 0, end: 201 });
  });

  it('gives no block for empty text', () => {
    expect(textBlocks('')).toEqual([]);
  });
});

describe('segmentRange', () => {
  const text = 'Cisplatin caused nephrotoxicity. He denies chest pain. Aspirin given.';
  const entities = [entity(17, 31, text), entity(0, 9, text, 'Chemical'), entity(43, 53, text), entity(55, 62, text)];

  it('joined over consecutive ranges, gives segmentText over the whole text', () => {
    const { shown } = highlightable(text, entities);
    const pieces = [0, 20, 45, text.length];
    const joined = pieces.slice(1).flatMap((end, i) => segmentRange(text, shown, { start: pieces[i], end }));
    expect(joined.map((s) => s.text).join('')).toBe(text);
    // Entities cut by a range edge keep their whole entity on both pieces.
    const marked = joined.filter((s) => s.entity).map((s) => [s.start, s.end, s.entity!.start]);
    expect(marked).toEqual([
      [0, 9, 0],
      [17, 20, 17],
      [20, 31, 17],
      [43, 45, 43],
      [45, 53, 43],
      [55, 62, 55],
    ]);
    const whole = segmentText(text, entities).segments.filter((s) => s.entity);
    expect(whole.map((s) => s.entity)).toEqual(shown);
  });

  it('leaves overlapping and out-of-range entities out, as segmentText does', () => {
    const overlapping = [...entities, entity(20, 40, text), { ...entity(60, 62, text), end: 500 }];
    const { shown, skipped } = highlightable(text, overlapping);
    expect(shown).toHaveLength(4);
    expect(skipped).toHaveLength(2);
    expect(new Set(skipped)).toEqual(new Set(segmentText(text, overlapping).skipped));
  });
});
