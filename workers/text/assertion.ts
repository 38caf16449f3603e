// ConText-style assertion (Harkema et al. 2009): is a condition negated, possible, historical,
// hypothetical or experienced by someone else? Trigger lexicon lives in assertion-rules.json.
import type { Assertion, Span } from '../api.ts';
import rulesFile from './assertion-rules.json';
import { splitSentences } from './sentences.ts';
import { phrasePattern } from './regex.ts';
import { findSections, sectionAt } from './sections.ts';
import { firstEndingAfter } from './span-set.ts';

export type TriggerCategory =
  'NEGATED_EXISTENCE' | 'POSSIBLE_EXISTENCE' | 'HISTORICAL' | 'HYPOTHETICAL' | 'FAMILY' | 'PSEUDO' | 'TERMINATE';

export type TriggerDirection = 'forward' | 'backward' | 'bidirectional' | 'terminate' | 'pseudo';

export interface TriggerRule {
  literal: string;
  category: TriggerCategory;
  direction: TriggerDirection;
  /** Most words allowed between trigger and target; default: up to the sentence end or a terminator. */
  max_scope?: number;
  /** Regex source used instead of the literal (matched case-insensitively). */
  pattern?: string;
}

export interface AssertionOptions {
  /** Canonical section type (see sections.ts); detected from the text when absent. */
  section?: string;
}

/** A trigger found in the text (absolute offsets). */
export interface TriggerMatch extends Span {
  rule: TriggerRule;
}

/** A compiled rule and its place in the rule file: among rules matching one span, the earlier is kept. */
interface CompiledRule {
  rule: TriggerRule;
  order: number;
  regex: RegExp;
}

const CATEGORY_TO_ASSERTION: Partial<Record<TriggerCategory, Assertion>> = {
  NEGATED_EXISTENCE: 'negated',
  POSSIBLE_EXISTENCE: 'possible',
  HISTORICAL: 'historical',
  HYPOTHETICAL: 'hypothetical',
  FAMILY: 'family',
};

/** Highest first: family > negated > possible > hypothetical > historical > affirmed. */
export const ASSERTION_PRECEDENCE: Assertion[] = [
  'family',
  'negated',
  'possible',
  'hypothetical',
  'historical',
  'affirmed',
];

// Sections whose content is asserted by default (the weakest evidence; any trigger outranks it
// unless it has lower precedence).
const SECTION_DEFAULTS: Record<string, Assertion> = {
  family_history: 'family',
  past_medical_history: 'historical',
  past_surgical_history: 'historical',
};

/** Word-boundary, case-insensitive regex for a rule; spaces in literals match any whitespace. */
export function compileRule(rule: TriggerRule): RegExp {
  const body = rule.pattern ?? phrasePattern(rule.literal);
  const before = /^[\p{L}\p{N}]/u.test(rule.literal) && !rule.pattern ? '(?<![\\p{L}\\p{N}])' : '';
  const after = /[\p{L}\p{N}]$/u.test(rule.literal) && !rule.pattern ? '(?![\\p{L}\\p{N}])' : '';
  return new RegExp(`${before}(?:${body})${after}`, 'giu');
}

const firstWord = (s: string): string | undefined => /[\p{L}\p{N}]+/u.exec(s)?.[0].toLowerCase();

/**
 * Rules indexed by the first word of their literal. A sentence runs only the rules of the words it
 * contains, and each of those only at that word's positions (a sticky match), instead of scanning
 * the whole sentence once per rule (measured: assertion was ~30% of Node-side entity time).
 * Patterns, and literals that do not start with a letter or digit, are scanned the old way.
 */
export class RuleIndex {
  /** Rules tried where their first word occurs; `regex` is a sticky copy. */
  private readonly byFirstWord = new Map<string, CompiledRule[]>();
  /** Rules scanned over the whole text; `regex` is global. */
  private readonly scanned: CompiledRule[] = [];

  constructor(rules: TriggerRule[]) {
    rules.forEach((rule, order) => {
      const regex = compileRule(rule);
      const word = rule.pattern || !/^[\p{L}\p{N}]/u.test(rule.literal.trim()) ? undefined : firstWord(rule.literal);
      if (word === undefined) this.scanned.push({ rule, order, regex });
      else {
        const anchored = { rule, order, regex: new RegExp(regex.source, 'iuy') };
        this.byFirstWord.set(word, [...(this.byFirstWord.get(word) ?? []), anchored]);
      }
    });
  }

  /** Every match in `text` as [start, end, rule], unordered. */
  matches(text: string): [number, number, CompiledRule][] {
    const found: [number, number, CompiledRule][] = [];
    for (const rule of this.scanned) {
      rule.regex.lastIndex = 0;
      for (const m of text.matchAll(rule.regex))
        if (m[0].length > 0) found.push([m.index, m.index + m[0].length, rule]);
    }
    for (const w of text.matchAll(/[\p{L}\p{N}]+/gu)) {
      for (const rule of this.byFirstWord.get(w[0].toLowerCase()) ?? []) {
        rule.regex.lastIndex = w.index;
        const m = rule.regex.exec(text);
        if (m && m[0].length > 0) found.push([w.index, w.index + m[0].length, rule]);
      }
    }
    return found;
  }
}

const DEFAULT_RULES = new RuleIndex(rulesFile.rules as TriggerRule[]);

/** All trigger matches inside [start, end) of `text`, absolute offsets, unresolved (may overlap). */
export function findTriggers(
  text: string,
  start = 0,
  end = text.length,
  rules: RuleIndex = DEFAULT_RULES,
): TriggerMatch[] {
  return rules
    .matches(text.slice(start, end))
    .sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2].order - b[2].order)
    .map(([s, e, { rule }]) => ({ start: start + s, end: start + e, rule }));
}

/** Keeps the longest of overlapping triggers (so "no increase" blocks "no"), earliest first on ties. */
function resolveOverlaps(matches: TriggerMatch[]): TriggerMatch[] {
  const byPriority = [...matches].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: TriggerMatch[] = [];
  for (const m of byPriority) {
    if (kept.every((k) => m.end <= k.start || m.start >= k.end)) kept.push(m);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** Start offsets of words in [start, end), used to measure scope in words. */
function wordStarts(text: string, start: number, end: number): number[] {
  const starts: number[] = [];
  const re = /[\p{L}\p{N}]+/gu;
  for (const m of text.slice(start, end).matchAll(re)) starts.push(start + m.index);
  return starts;
}

function countWordsBetween(words: number[], from: number, to: number): number {
  let count = 0;
  for (const w of words) if (w >= from && w < to) count++;
  return count;
}

function inScope(trigger: TriggerMatch, target: Span, terminators: TriggerMatch[], words: number[]): boolean {
  const { direction, max_scope: maxScope } = trigger.rule;
  const within = (from: number, to: number): boolean =>
    (maxScope === undefined || countWordsBetween(words, from, to) <= maxScope) &&
    !terminators.some((t) => t.start >= from && t.end <= to);
  const forward = trigger.end <= target.start && within(trigger.end, target.start);
  const backward = trigger.start >= target.end && within(target.end, trigger.start);
  if (direction === 'forward') return forward;
  if (direction === 'backward') return backward;
  if (direction === 'bidirectional') return forward || backward;
  return false;
}

/** The sentence range(s) containing the target: context never crosses a sentence boundary. */
function sentenceRangeFor(sentences: Span[], target: Span): Span {
  const lo = firstEndingAfter(sentences, target.start);
  let start = target.start;
  let end = target.end;
  const limit = Math.max(target.end, target.start + 1);
  for (let i = lo; i < sentences.length && sentences[i].start < limit; i++) {
    start = Math.min(start, sentences[i].start);
    end = Math.max(end, sentences[i].end);
  }
  return { start, end };
}

/** Strongest assertion among candidates, by ASSERTION_PRECEDENCE. */
export function strongestAssertion(candidates: Iterable<Assertion>): Assertion {
  let best = ASSERTION_PRECEDENCE.length - 1;
  for (const a of candidates) best = Math.min(best, ASSERTION_PRECEDENCE.indexOf(a));
  return ASSERTION_PRECEDENCE[best];
}

/** Every dimension ConText decides, before precedence folds them into one label. */
export interface AssertionDetail {
  assertion: Assertion;
  negated: boolean;
  possible: boolean;
  temporality: 'recent' | 'historical' | 'hypothetical';
  experiencer: 'patient' | 'family';
  /** The triggers that applied to the target (for explanations in the UI). */
  triggers: TriggerMatch[];
  /** The section the target lies in, if any. */
  section?: string;
}

/**
 * Assertion status of each target span (one result per target, same order). Triggers apply within the
 * target's sentence, limited by max_scope and terminators; a family-history section makes `family` the
 * default and a past-history section `historical`.
 */
export function assertSpans(text: string, targets: Span[], opts: AssertionOptions = {}): Assertion[] {
  return assertSpansDetailed(text, targets, opts).map((d) => d.assertion);
}

/** As assertSpans, with each dimension (negation, temporality, experiencer) reported separately. */
export function assertSpansDetailed(text: string, targets: Span[], opts: AssertionOptions = {}): AssertionDetail[] {
  if (targets.length === 0) return [];
  return new TextAssertions(text, opts).detail(targets);
}

/**
 * The per-text work of assertion (sentences, sections, the triggers of each sentence met), done once
 * for every call on the same text: a long note annotated part by part is split only once.
 */
export class TextAssertions {
  private readonly sentences: Span[];
  private readonly sections: ReturnType<typeof findSections>;
  private readonly triggersBySentence = new Map<string, { triggers: TriggerMatch[]; words: number[] }>();

  constructor(
    private readonly text: string,
    private readonly opts: AssertionOptions = {},
  ) {
    this.sentences = splitSentences(text);
    this.sections = opts.section === undefined ? findSections(text) : [];
  }

  /** One result per target, same order. */
  detail(targets: Span[]): AssertionDetail[] {
    return targets.map((target) => this.detailOf(target));
  }

  /** Copies of `entities` with `assertion` (and `section`, when one is found) filled in. */
  annotate<E extends Span>(entities: E[]): (E & { assertion: Assertion; section?: string })[] {
    return entities.map((entity) => {
      const detail = this.detailOf(entity);
      return { ...entity, assertion: detail.assertion, ...(detail.section ? { section: detail.section } : {}) };
    });
  }

  private detailOf(rawTarget: Span): AssertionDetail {
    const { text, opts } = this;
    const target = clampSpan(rawTarget, text.length);
    const range = sentenceRangeFor(this.sentences, target);
    const key = `${range.start}:${range.end}`;
    let cached = this.triggersBySentence.get(key);
    if (!cached) {
      cached = {
        triggers: findTriggers(text, range.start, range.end),
        words: wordStarts(text, range.start, range.end),
      };
      this.triggersBySentence.set(key, cached);
    }
    const outsideTarget = cached.triggers.filter((t) => t.end <= target.start || t.start >= target.end);
    const triggers = resolveOverlaps(outsideTarget);
    const terminators = triggers.filter((t) => t.rule.category === 'TERMINATE');
    const words = cached.words;
    const applied = triggers.filter(
      (t) => CATEGORY_TO_ASSERTION[t.rule.category] && inScope(t, target, terminators, words),
    );
    const found = new Set<Assertion>(applied.map((t) => CATEGORY_TO_ASSERTION[t.rule.category]!));
    const section = opts.section ?? sectionAt(this.sections, target.start)?.type;
    const sectionDefault = section ? SECTION_DEFAULTS[section] : undefined;
    if (sectionDefault) found.add(sectionDefault);
    return {
      assertion: strongestAssertion(found),
      negated: found.has('negated'),
      possible: found.has('possible'),
      temporality: found.has('hypothetical') ? 'hypothetical' : found.has('historical') ? 'historical' : 'recent',
      experiencer: found.has('family') ? 'family' : 'patient',
      triggers: applied,
      ...(section ? { section } : {}),
    };
  }
}

function clampSpan(span: Span, length: number): Span {
  const start = Math.max(0, Math.min(length, Math.floor(span.start) || 0));
  const end = Math.max(start, Math.min(length, Math.floor(span.end) || 0));
  return { start, end };
}

/** Copies of `entities` with `assertion` (and `section`, when one is found) filled in. */
export function annotateEntities<E extends Span>(
  text: string,
  entities: E[],
  opts: AssertionOptions = {},
): (E & { assertion: Assertion; section?: string })[] {
  // As before: a text without entities is not split into sentences.
  return entities.length === 0 ? [] : new TextAssertions(text, opts).annotate(entities);
}
