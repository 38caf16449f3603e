// Reads a model card (models/<name>/README.md) and its config.json into the compact summary the
// About page shows: what the model does, its training data and their terms, its measured test
// scores and when the card was last dated. Pure (text in, object out): the Vite plugin in
// model-cards.ts does the file reading.

export interface TrainingSource {
  /** The data set or resource, e.g. "ner/bc5cdr train (BioCreative V CDR; …)". */
  source: string;
  /** Its licence or terms as the card states them; empty when the card gives none. */
  terms: string;
}

export interface TestScore {
  /** e.g. "BC5CDR test micro-F1". */
  metric: string;
  /** The card's headline figure, e.g. "0.8234". */
  value: string;
  /** The bar the issue set, e.g. "≥ 0.81", when the card gives one. */
  bar?: string;
  /** The rest of the card's cell (later figures, breakdowns), plain text, shortened. */
  note: string;
}

export interface ModelCardSummary {
  name: string;
  /** The card title's description, e.g. "Chemical + Disease entity recognition (BIO, lexicon features)". */
  summary: string;
  task: string;
  /** Output labels (BIO prefixes merged), when the model has any. */
  labels: string[];
  trainingData: TrainingSource[];
  /** Plain warnings drawn from the terms: non-commercial parts, no stated licence, GPL, share-alike. */
  termsWarnings: string[];
  scores: TestScore[];
  /** The latest date written in the card (YYYY-MM-DD or YYYY-MM): the figures are as of then. */
  datedAsOf: string | null;
  parameters: number | null;
  /** Size of the shipped ONNX file in bytes, when known. */
  onnxBytes: number | null;
}

interface ModelConfig {
  id2label?: Record<string, string>;
  medtext?: { task?: string; description?: string };
}

const NOTE_CHARS = 240;

/** Markdown inline syntax to plain text: code, bold, italics and links keep only their words. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\*\*([^*]*)\*\*/g, '$1')
    .replace(/(^|[\s(])\*([^*\s][^*]*)\*/g, '$1$2')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The body of each `## ` section, by heading text. */
function sections(markdown: string): { heading: string; body: string }[] {
  const parts = markdown.split(/^## +/m).slice(1);
  return parts.map((part) => {
    const newline = part.indexOf('\n');
    return { heading: part.slice(0, newline).trim(), body: part.slice(newline + 1) };
  });
}

/** Top-level bullets ("* " or "- " at the line start), each with its indented continuation lines. */
function bullets(body: string): string[] {
  const items: string[] = [];
  for (const line of body.split('\n')) {
    if (/^[*-] /.test(line)) items.push(line.slice(2));
    else if (/^\s+\S/.test(line) && items.length > 0) items[items.length - 1] += ` ${line.trim()}`;
    else if (line.trim() === '' || !/^\s/.test(line)) {
      if (items.length > 0 && line.trim() !== '') break;
    }
  }
  return items;
}

/** Splits "source (details): terms" at the first colon outside parentheses and code. */
export function splitSourceAndTerms(bullet: string): TrainingSource {
  let depth = 0;
  let code = false;
  for (let i = 0; i < bullet.length; i++) {
    const c = bullet[i];
    if (c === '`') code = !code;
    else if (!code && c === '(') depth++;
    else if (!code && c === ')') depth = Math.max(0, depth - 1);
    else if (!code && depth === 0 && c === ':' && /\s/.test(bullet[i + 1] ?? ' ')) {
      return { source: plainText(bullet.slice(0, i)), terms: plainText(bullet.slice(i + 1)) };
    }
  }
  return { source: plainText(bullet), terms: '' };
}

const WARNINGS: [RegExp, string][] = [
  [/non-commercial/i, 'Part of the training text is for non-commercial academic use only.'],
  [/no licen[cs]e stated/i, 'Some training data has no stated licence.'],
  [/\bGPL\b/, 'Derived from GPL-licensed data.'],
  [/share-alike/i, 'Share-alike terms apply to part of the training data.'],
];

function tableRows(body: string): string[][] {
  return body
    .split('\n')
    .filter((line) => line.trim().startsWith('|'))
    .map((line) =>
      line
        .trim()
        .replace(/^\||\|$/g, '')
        .split('|')
        .map((cell) => cell.trim()),
    )
    .filter((cells) => !cells.every((c) => /^:?-+:?$/.test(c)));
}

/**
 * One test-table row: the metric (its parenthetical dropped), the first bold figure, and the bar
 * (from the table's bar column, or written in the metric cell as "bar ≥ 0.85").
 */
export function parseScoreRow(metricCell: string, valueCell: string, barCell = ''): TestScore | null {
  const bold = /\*\*([^*]+)\*\*/.exec(valueCell);
  const figure = bold?.[1] ?? /\d+\.\d+/.exec(valueCell)?.[0];
  if (!figure) return null;
  const bar = /bar\s*([≥>]=?\s*[\d.]+)/.exec(metricCell)?.[1] ?? /^([≥>]=?\s*[\d.]+)/.exec(barCell)?.[1];
  const rest = plainText(bold ? valueCell.slice(bold.index + bold[0].length) : valueCell).replace(/^[;,]\s*/, '');
  return {
    metric: plainText(metricCell.replace(/\s*\([^)]*\)/g, '')),
    value: plainText(figure),
    ...(bar ? { bar: bar.replace(/\s+/g, ' ') } : {}),
    note: rest.length > NOTE_CHARS ? `${rest.slice(0, NOTE_CHARS).replace(/\s+\S*$/, '')} …` : rest,
  };
}

/** Labels without BIO prefixes and "O": the entity types of a tagger, the classes of a classifier. */
function labelsOf(config: ModelConfig): string[] {
  const raw = Object.values(config.id2label ?? {});
  return [...new Set(raw.filter((l) => l !== 'O').map((l) => l.replace(/^[BIES]-/, '')))];
}

export function parseModelCard(
  name: string,
  readme: string,
  config: ModelConfig,
  onnxBytes: number | null = null,
): ModelCardSummary {
  const title = /^# +(.+)$/m.exec(readme)?.[1] ?? name;
  const summary = plainText(title.includes(':') ? title.slice(title.indexOf(':') + 1) : title);
  const all = sections(readme);
  const training = all.find((s) => /^training data/i.test(s.heading));
  const trainingData = training ? bullets(training.body).map(splitSourceAndTerms) : [];
  const termsText = trainingData.map((t) => `${t.source} ${t.terms}`).join(' ');
  const test = all.find((s) => /^test (metrics|figures)/i.test(s.heading));
  const [header = [], ...rows] = test ? tableRows(test.body) : [];
  const barColumn = header.findIndex((cell) => /^bar\b/i.test(cell));
  const scores = rows.flatMap((cells) => {
    const score = cells.length >= 2 ? parseScoreRow(cells[0], cells[1], cells[barColumn] ?? '') : null;
    return score ? [score] : [];
  });
  const dates = [...readme.matchAll(/\b(20\d\d-[01]\d(?:-[0-3]\d)?)\b/g)].map((m) => m[1]).sort();
  const parameters = /parameters:?\s*([\d,]{4,})/.exec(readme)?.[1];
  return {
    name,
    summary,
    task: config.medtext?.task ?? '',
    labels: labelsOf(config),
    trainingData,
    termsWarnings: WARNINGS.filter(([pattern]) => pattern.test(termsText)).map(([, warning]) => warning),
    scores,
    datedAsOf: dates.at(-1) ?? null,
    parameters: parameters ? Number(parameters.replace(/,/g, '')) : null,
    onnxBytes,
  };
}
