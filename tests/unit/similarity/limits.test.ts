// Compare sentences' limits: a long source is cut to a prefix within MAX_SOURCE_CHARS (never inside
// a surrogate pair), a list over MAX_CANDIDATES is refused naming both numbers, and the task itself
// refuses such a list for callers other than the view.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_CANDIDATES,
  MAX_SOURCE_CHARS,
  candidateLimitMessage,
  capSource,
} from '../../../workers/tasks/similarity/limits.ts';
import { similarityTask } from '../../../workers/tasks/similarity/task.ts';

describe('similarity limits', () => {
  it('leaves a source within the limit as it is', () => {
    const source = 'a'.repeat(MAX_SOURCE_CHARS);
    expect(capSource(source)).toBe(source);
  });

  it('cuts a 100,000-character source at a word boundary within the limit', () => {
    const source = 'chest pain on exertion '.repeat(5000);
    const cut = capSource(source);
    expect(cut.length).toBeLessThanOrEqual(MAX_SOURCE_CHARS);
    expect(cut.length).toBeGreaterThan(MAX_SOURCE_CHARS * 0.8);
    expect(source.startsWith(cut)).toBe(true);
    expect(source[cut.length]).toBe(' ');
  });

  it('any source: the cut is a prefix within the limit that never ends on half a surrogate pair (property)', () => {
    const piece = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.constantFrom(' ', '😀', '\ud800'));
    const source = fc.array(piece, { maxLength: 400 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(source, (s) => {
        const cut = capSource(s);
        expect(cut.length).toBeLessThanOrEqual(MAX_SOURCE_CHARS);
        expect(s.startsWith(cut)).toBe(true);
        if (cut.length < s.trimEnd().length) {
          const last = cut.charCodeAt(cut.length - 1);
          const next = s.charCodeAt(cut.length);
          expect(last >= 0xd800 && last <= 0xdbff && next >= 0xdc00 && next <= 0xdfff).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a list over the limit, naming its size and the limit', () => {
    expect(candidateLimitMessage(MAX_CANDIDATES)).toBeNull();
    const message = candidateLimitMessage(12_800);
    expect(message).toContain('12,800');
    expect(message).toContain(MAX_CANDIDATES.toLocaleString('en'));
  });

  it('the task refuses such a list before it needs the model', async () => {
    const candidates = Array.from({ length: MAX_CANDIDATES + 1 }, (_, i) => `line ${i}`);
    await expect(async () => similarityTask.run(null, { source: 'chest pain', candidates }, {})).rejects.toThrow(
      /one comparison takes up to/,
    );
  });
});
