import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Entity, Span } from '../../../workers/api.ts';
import { mergeWindowEntities, planWindows } from '../../../workers/text/chunking.ts';
import { splitSentences } from '../../../workers/text/sentences.ts';

/** Stand-in tokenizer: one token per whitespace-separated word. */
const wordCounter =
  (text: string) =>
  (span: Span): number =>
    (text.slice(span.start, span.end).match(/\S+/g) ?? []).length;

function noteOf(sentenceLengths: number[]): string {
  let i = 0;
  return sentenceLengths.map((n) => Array.from({ length: n }, () => `W${i++}`).join(' ') + '.').join(' ');
}

describe('planWindows', () => {
  it('packs whole sentences under the budget with overlap', () => {
    const text = noteOf([5, 5, 5, 5, 5, 5]);
    const windows = planWindows(text, splitSentences(text), wordCounter(text), 12, 5);
    const count = wordCounter(text);
    for (const w of windows) expect(count(w)).toBeLessThanOrEqual(12);
    expect(windows.map((w) => count(w))).toEqual([10, 10, 10, 10, 10]);
    for (let i = 1; i < windows.length; i++) expect(windows[i].start).toBeLessThan(windows[i - 1].end);
    expect(windows.at(-1)!.end).toBe(text.length);
  });

  it('cuts a sentence longer than the budget at word boundaries (caller words or whitespace)', () => {
    const text = noteOf([50]);
    const count = wordCounter(text);
    const windows = planWindows(text, splitSentences(text), count, 8, 2);
    for (const w of windows) {
      expect(count(w)).toBeLessThanOrEqual(8);
      expect(text[w.start - 1] ?? ' ').toBe(' ');
    }
    expect(windows.at(-1)!.end).toBe(text.length);
    // Pieces of the cut sentence are small, so consecutive windows still overlap by about 2 words.
    for (let i = 1; i < windows.length; i++)
      expect(count({ start: windows[i].start, end: windows[i - 1].end })).toBe(2);
    const words = [...text.matchAll(/\S+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
    expect(planWindows(text, splitSentences(text), count, 8, 2, { words })).toEqual(windows);
  });

  it('cuts a single huge word by characters without splitting surrogate pairs', () => {
    const text = '😀'.repeat(500);
    const perChar = (s: Span) => s.end - s.start; // one token per UTF-16 unit
    const windows = planWindows(text, [{ start: 0, end: text.length }], perChar, 101, 0);
    for (const w of windows) {
      expect(w.end - w.start).toBeLessThanOrEqual(101);
      expect(text.charCodeAt(w.start)).toBe(0xd83d);
    }
    expect(windows.map((w) => w.end - w.start).reduce((a, b) => a + b)).toBe(text.length);
  });

  it('within lines, packs sentences of one line only and re-reads nothing across a line break', () => {
    const text = 'A1 a2. A3 a4.\nB1 b2. B3 b4. B5 b6.\nC1 c2 c3 c4 c5 c6 c7 c8 c9 c10.';
    const count = wordCounter(text);
    const lines = planWindows(text, splitSentences(text), count, 6, 2, { within: 'line' });
    const slices = lines.map((w) => text.slice(w.start, w.end));
    for (const s of slices) expect(s).not.toContain('\n');
    expect(slices.slice(0, 2)).toEqual(['A1 a2. A3 a4.', 'B1 b2. B3 b4. B5 b6.']);
    // A line over the budget is still cut with overlap inside it.
    const cut = lines.slice(2);
    expect(cut.length).toBeGreaterThan(1);
    for (const w of cut) expect(count(w)).toBeLessThanOrEqual(6);
    expect(cut.at(-1)!.end).toBe(text.length);
    // Without the option the same budget packs across the first line break.
    const packed = planWindows(text, splitSentences(text), count, 6, 2).map((w) => text.slice(w.start, w.end));
    expect(packed[0]).toContain('\n');
  });

  it('within sentences, gives each sentence its window, a header ending in a colon staying with the next', () => {
    const text = 'Pain eased. Slept well.\nDIAGNOSIS:\nChronic venous hypertension. Plan: walk.';
    const slices = planWindows(text, splitSentences(text), wordCounter(text), 50, 5, { within: 'sentence' }).map((w) =>
      text.slice(w.start, w.end),
    );
    expect(slices).toEqual(['Pain eased.', 'Slept well.', 'DIAGNOSIS:\nChronic venous hypertension.', 'Plan: walk.']);
  });

  it('handles no sentences and degenerate budgets', () => {
    expect(planWindows('', [], () => 1, 10, 2)).toEqual([]);
    const text = 'a b c';
    expect(planWindows(text, splitSentences(text), wordCounter(text), 0, 5).length).toBe(3);
  });

  it('covers the last sentence of a 20,000-word note, every window within budget', () => {
    const lengths = Array.from({ length: 2000 }, (_, i) => 5 + ((i * 7) % 11));
    let text = noteOf(lengths);
    text = text + ' Final sentence here.';
    expect(text.split(' ').length).toBeGreaterThan(20_000);
    const sentences = splitSentences(text);
    expect(sentences.length).toBe(2001);
    const count = wordCounter(text);
    const windows = planWindows(text, sentences, count, 512, 64);
    for (const w of windows) expect(count(w)).toBeLessThanOrEqual(512);
    const last = sentences.at(-1)!;
    expect(windows.some((w) => w.start <= last.start && w.end >= last.end)).toBe(true);
    // Every sentence lies wholly inside some window.
    let wi = 0;
    for (const s of sentences) {
      while (wi < windows.length && windows[wi].end < s.end) wi++;
      expect(windows[wi].start).toBeLessThanOrEqual(s.start);
    }
  });
});

const entity = (start: number, end: number, type = 'X', score = 0.5): Entity => ({ start, end, type, text: '', score });

describe('mergeWindowEntities', () => {
  it('drops exact duplicates keeping the highest score', () => {
    const merged = mergeWindowEntities(
      [
        { start: 0, end: 100 },
        { start: 50, end: 150 },
      ],
      [[entity(60, 70, 'X', 0.4)], [entity(60, 70, 'X', 0.9)]],
    );
    expect(merged).toEqual([entity(60, 70, 'X', 0.9)]);
  });

  it('prefers the entity lying further from its window edge, then the longer one', () => {
    const windows = [
      { start: 0, end: 100 },
      { start: 80, end: 180 },
    ];
    // Window 0 sees a truncated entity near its end; window 1 sees the full one well inside.
    const merged = mergeWindowEntities(windows, [[entity(95, 100)], [entity(95, 105)]]);
    expect(merged).toEqual([entity(95, 105)]);
    const tie = mergeWindowEntities([{ start: 0, end: 100 }], [[entity(10, 20), entity(40, 60)]]);
    expect(tie).toHaveLength(2);
  });

  it('keeps entities only one window saw, drops nothing from non-overlap regions (property)', () => {
    const arb = fc
      .record({
        length: fc.integer({ min: 50, max: 2000 }),
        windowSize: fc.integer({ min: 20, max: 400 }),
        stride: fc.integer({ min: 5, max: 400 }),
        gold: fc.array(
          fc.tuple(fc.integer({ min: 0, max: 1999 }), fc.integer({ min: 1, max: 30 }), fc.constantFrom('A', 'B')),
          {
            maxLength: 80,
          },
        ),
        noise: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 40 }), fc.nat()), { maxLength: 30 }),
        scores: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 200, maxLength: 200 }),
      })
      .map((r) => ({ ...r, stride: Math.min(r.stride, r.windowSize) }));
    fc.assert(
      fc.property(arb, ({ length, windowSize, stride, gold, noise, scores }) => {
        const windows: Span[] = [];
        for (let s = 0; ; s += stride) {
          windows.push({ start: s, end: Math.min(length, s + windowSize) });
          if (s + windowSize >= length) break;
        }
        // Non-overlapping gold entities.
        const goldEntities: Entity[] = [];
        for (const [start, len, type] of [...gold].sort((a, b) => a[0] - b[0])) {
          const e = entity(start, Math.min(length, start + len), type);
          if (e.end > e.start && e.start < length && (goldEntities.at(-1)?.end ?? -1) <= e.start) goldEntities.push(e);
        }
        let si = 0;
        const perWindow = windows.map((w, wi) => {
          const seen = goldEntities
            .filter((e) => e.start >= w.start && e.end <= w.end)
            .map((e) => ({ ...e, score: scores[si++ % scores.length] }));
          // Noise: a truncated mention clipped at this window's edge, as models produce at boundaries.
          for (const [at, len, target] of noise) {
            if (target % windows.length !== wi) continue;
            const start = w.start + (at % Math.max(1, w.end - w.start));
            const clipped = entity(start, Math.min(w.end, start + len), 'A');
            if (clipped.end > clipped.start && seen.every((e) => e.end <= clipped.start || e.start >= clipped.end))
              seen.push(clipped);
          }
          return seen;
        });
        const merged = mergeWindowEntities(windows, perWindow);
        for (let i = 1; i < merged.length; i++) {
          expect(merged[i].start).toBeGreaterThanOrEqual(merged[i - 1].end); // sorted, non-overlapping
        }
        const keys = merged.map((e) => `${e.start}:${e.end}:${e.type}`);
        expect(new Set(keys).size).toBe(keys.length);
        const coveredBy = (e: Span) => windows.filter((w) => e.start < w.end && w.start < e.end);
        for (const windowEntities of perWindow) {
          for (const e of windowEntities) {
            const owners = coveredBy(e);
            if (owners.length === 1) expect(keys).toContain(`${e.start}:${e.end}:${e.type}`);
          }
        }
        // Without noise the merge reproduces exactly the gold entities some window saw whole.
        if (noise.length === 0) {
          const expected = goldEntities.filter((e) => windows.some((w) => e.start >= w.start && e.end <= w.end));
          expect(merged.map((e) => [e.start, e.end, e.type])).toEqual(expected.map((e) => [e.start, e.end, e.type]));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is robust to missing windows and empty spans', () => {
    expect(mergeWindowEntities([], [[entity(5, 5)], [entity(1, 3)]])).toEqual([entity(1, 3)]);
    expect(mergeWindowEntities([], [])).toEqual([]);
  });
});
