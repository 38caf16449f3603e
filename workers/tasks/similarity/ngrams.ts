// Lexical similarity: cosine of character n-gram count vectors over normalised words.
// Part of the hybrid similarity score; shared by the app and the eval harness.
import { splitWords } from '../../text/words.ts';

function ngramCounts(text: string, sizes: number[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const w of splitWords(text)) {
    const padded = ` ${w.norm} `;
    for (const n of sizes) {
      for (let i = 0; i + n <= padded.length; i++) {
        const g = padded.slice(i, i + n);
        counts.set(g, (counts.get(g) ?? 0) + 1);
      }
    }
  }
  return counts;
}

export function charNgramCosine(a: string, b: string, sizes: number[] = [3, 4]): number {
  const ca = ngramCounts(a, sizes);
  const cb = ngramCounts(b, sizes);
  let dot = 0;
  for (const [g, x] of ca) dot += x * (cb.get(g) ?? 0);
  const norm = (c: Map<string, number>) => Math.sqrt([...c.values()].reduce((s, x) => s + x * x, 0));
  const d = norm(ca) * norm(cb);
  return d === 0 ? 0 : dot / d;
}
