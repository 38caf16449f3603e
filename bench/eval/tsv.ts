// Readers for the ../shared/data formats.
import { readFileSync } from 'node:fs';

export interface ConllSentence {
  tokens: string[];
  tags: string[];
}

export function readConll(file: string): ConllSentence[] {
  const sentences: ConllSentence[] = [];
  let cur: ConllSentence = { tokens: [], tags: [] };
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    if (line.trim() === '') {
      if (cur.tokens.length) sentences.push(cur);
      cur = { tokens: [], tags: [] };
      continue;
    }
    const [token, tag] = line.split('\t');
    cur.tokens.push(token);
    cur.tags.push(tag ?? 'O');
  }
  if (cur.tokens.length) sentences.push(cur);
  return sentences;
}

/** Rows of a headed TSV as objects keyed by the header's column names. */
export function readTsv(file: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.length > 0);
  const cols = header.split('\t');
  return lines.map((line) => {
    const cells = line.split('\t');
    return Object.fromEntries(cols.map((c, i) => [c, cells[i] ?? '']));
  });
}
