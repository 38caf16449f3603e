// Scoring of the deid test cases (bench/data/deid-cases/*.jsonl; format in its README): expected
// identifiers and protected words are given as text, found in the case's text in order, and compared
// with the spans a de-identifier replaced.

export interface DeidCase {
  id: string;
  text: string;
  /** [TYPE/SUBTYPE, text] of every identifier, in text order (a repeated text is its next occurrence). */
  phi?: [string, string][];
  /** Text that must come through unchanged, in text order. */
  keep?: string[];
}

interface Span {
  start: number;
  end: number;
}

export interface CasesReport {
  identifiers: number;
  redacted: number;
  byKind: Record<string, { total: number; redacted: number }>;
  keep: number;
  survived: number;
  falsePositivesByType: Record<string, number>;
  missed: { id: string; kind: string; text: string }[];
  damaged: { id: string; text: string }[];
  falsePositives: { id: string; type: string; text: string }[];
}

/** Offsets of each of `items` in `text`, searched in order; each repeat starts after the previous one. */
export function locate(id: string, text: string, items: string[]): Span[] {
  const next = new Map<string, number>();
  return items.map((item) => {
    const start = text.indexOf(item, next.get(item) ?? 0);
    if (start < 0) throw new Error(`case ${id}: "${item}" is not in its text`);
    next.set(item, start + 1);
    return { start, end: start + item.length };
  });
}

/** Every non-space character of `span` lies inside some predicted span (deid-notes' entity rule). */
function fullyCovered(text: string, span: Span, predicted: Span[]): boolean {
  for (let i = span.start; i < span.end; i++) {
    if (/\s/u.test(text[i])) continue;
    if (!predicted.some((p) => p.start <= i && i < p.end)) return false;
  }
  return true;
}

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

export function scoreCases(cases: DeidCase[], predictions: (Span & { type: string })[][]): CasesReport {
  const report: CasesReport = {
    identifiers: 0,
    redacted: 0,
    byKind: {},
    keep: 0,
    survived: 0,
    falsePositivesByType: {},
    missed: [],
    damaged: [],
    falsePositives: [],
  };
  cases.forEach((c, i) => {
    const predicted = predictions[i];
    const phi = c.phi ?? [];
    const phiSpans = locate(
      c.id,
      c.text,
      phi.map(([, t]) => t),
    );
    phiSpans.forEach((span, k) => {
      const kind = phi[k][0];
      const t = (report.byKind[kind] ??= { total: 0, redacted: 0 });
      t.total++;
      report.identifiers++;
      if (fullyCovered(c.text, span, predicted)) {
        t.redacted++;
        report.redacted++;
      } else report.missed.push({ id: c.id, kind, text: phi[k][1] });
    });
    locate(c.id, c.text, c.keep ?? []).forEach((span) => {
      report.keep++;
      if (predicted.some((p) => overlaps(p, span)))
        report.damaged.push({ id: c.id, text: c.text.slice(span.start, span.end) });
      else report.survived++;
    });
    for (const p of predicted) {
      if (phiSpans.some((s) => overlaps(s, p))) continue;
      report.falsePositivesByType[p.type] = (report.falsePositivesByType[p.type] ?? 0) + 1;
      report.falsePositives.push({ id: c.id, type: p.type, text: c.text.slice(p.start, p.end) });
    }
  });
  report.byKind = Object.fromEntries(Object.entries(report.byKind).sort(([a], [b]) => a.localeCompare(b)));
  return report;
}
