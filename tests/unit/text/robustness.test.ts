// Every exported text function must survive empty, whitespace, 2 MB, binary junk, HTML, CRLF and
// Unicode inputs, with UTF-16 offsets that never split a surrogate pair.
import { describe, expect, it } from 'vitest';
import type { Span } from '../../../workers/api.ts';
import { assertSpans } from '../../../workers/text/assertion.ts';
import { mergeWindowEntities, planWindows } from '../../../workers/text/chunking.ts';
import { findPhi } from '../../../workers/tasks/deid/phi.ts';
import { redact } from '../../../workers/tasks/deid/redact.ts';
import { findSections, sectionAt } from '../../../workers/text/sections.ts';
import { splitSentences } from '../../../workers/text/sentences.ts';
import { NASTY_INPUTS } from './nasty-inputs.ts';
import { expectValidSentences } from './span-checks.ts';

/** An offset is safe when it does not fall between the two halves of a surrogate pair. */
function expectSafeOffset(text: string, offset: number): void {
  expect(offset).toBeGreaterThanOrEqual(0);
  expect(offset).toBeLessThanOrEqual(text.length);
  const before = text.charCodeAt(offset - 1);
  const at = text.charCodeAt(offset);
  const splitsPair = before >= 0xd800 && before <= 0xdbff && at >= 0xdc00 && at <= 0xdfff;
  expect(splitsPair).toBe(false);
}

const expectSafeSpans = (text: string, spans: Span[]): void => {
  for (const s of spans) {
    expect(s.end).toBeGreaterThanOrEqual(s.start);
    expectSafeOffset(text, s.start);
    expectSafeOffset(text, s.end);
  }
};

describe.each(Object.entries(NASTY_INPUTS))('robustness on %s input', (name, text) => {
  it('splitSentences', () => {
    const spans = splitSentences(text);
    expectValidSentences(text, spans);
    expectSafeSpans(text, spans);
  });

  it('findSections / sectionAt', () => {
    const sections = findSections(text);
    expectSafeSpans(text, sections);
    for (let i = 1; i < sections.length; i++) expect(sections[i].start).toBe(sections[i - 1].end);
    expect(() => sectionAt(sections, Math.floor(text.length / 2))).not.toThrow();
    if (name === 'crlf') expect(sections.map((s) => s.type)).toEqual(['history_present_illness', 'family_history']);
  });

  it('assertSpans', () => {
    const sentences = splitSentences(text);
    // All sentences on small inputs; a sample on the 2 MB one.
    const targets = sentences.length > 200 ? sentences.filter((_, i) => i % 97 === 0) : sentences;
    const result = assertSpans(text, targets);
    expect(result).toHaveLength(targets.length);
    if (name === 'crlf') {
      const at = (s: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length });
      expect(assertSpans(text, [at('fever'), at('diabetes')])).toEqual(['negated', 'family']);
    }
  });

  it('planWindows / mergeWindowEntities', () => {
    const sentences = splitSentences(text);
    const count = (s: Span) => Math.ceil((s.end - s.start) / 4);
    const windows = planWindows(text, sentences, count, 128, 16);
    expectSafeSpans(text, windows);
    for (const w of windows) expect(count(w)).toBeLessThanOrEqual(128);
    if (sentences.length) expect(windows.at(-1)!.end).toBe(sentences.at(-1)!.end);
    const perWindow = windows.map((w) => [
      { start: w.start, end: Math.min(w.end, w.start + 3), type: 'X', text: '', score: 1 },
    ]);
    const merged = mergeWindowEntities(windows, perWindow);
    for (let i = 1; i < merged.length; i++) expect(merged[i].start).toBeGreaterThanOrEqual(merged[i - 1].end);
  });

  it('findPhi / redact', () => {
    const phi = findPhi(text);
    expectSafeSpans(text, phi);
    for (const p of phi) expect(text.slice(p.start, p.end)).toBe(p.text);
    for (const mode of ['tags', 'surrogates'] as const) {
      const result = redact(text, phi, mode, 'seed');
      if (phi.length === 0) expect(result.text).toBe(text);
      expect(result.spans).toHaveLength(phi.length);
    }
    if (name === 'mega') expect(phi.length).toBe(70_000);
  });
});

describe('treats HTML as text', () => {
  it('keeps markup in offsets and never interprets it', () => {
    const text = NASTY_INPUTS.html;
    const joined = splitSentences(text)
      .map((s) => text.slice(s.start, s.end))
      .join(' ');
    expect(joined).toContain('<script>alert("no fever")</script>');
  });
});
