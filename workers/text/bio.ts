// Constrained BIO decoding: Viterbi over word-level log-probabilities where I-X may only
// follow B-X or I-X. Fixes the broken spans that plain argmax produces.

export interface BioSpan {
  type: string;
  /** Word indices, end exclusive. */
  from: number;
  to: number;
  /** Mean probability of the chosen labels over the span. */
  score: number;
}

function parse(label: string): { prefix: 'B' | 'I' | 'O'; type: string } {
  if (label === 'O' || label.length < 2 || label[1] !== '-') return { prefix: 'O', type: '' };
  const prefix = label[0] === 'B' || label[0] === 'I' ? label[0] : 'O';
  return { prefix, type: label.slice(2) };
}

function allowed(prev: string | null, next: string): boolean {
  const n = parse(next);
  if (n.prefix !== 'I') return true;
  if (prev === null) return false;
  const p = parse(prev);
  return p.prefix !== 'O' && p.type === n.type;
}

/** probs: one row of label probabilities per word. Returns the best label index per word. */
export function viterbi(probs: ArrayLike<number>[], labels: string[]): number[] {
  const n = probs.length;
  const k = labels.length;
  if (n === 0) return [];
  const logp = probs.map((row) => Array.from({ length: k }, (_, j) => Math.log(Math.max(row[j], 1e-12))));
  const score: number[][] = [];
  const back: number[][] = [];
  score.push(logp[0].map((lp, j) => (allowed(null, labels[j]) ? lp : -Infinity)));
  back.push(new Array<number>(k).fill(-1));
  for (let i = 1; i < n; i++) {
    const row: number[] = [];
    const from: number[] = [];
    for (let j = 0; j < k; j++) {
      let best = -Infinity;
      let arg = 0;
      for (let p = 0; p < k; p++) {
        if (!allowed(labels[p], labels[j])) continue;
        const s = score[i - 1][p];
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      row.push(best + logp[i][j]);
      from.push(arg);
    }
    score.push(row);
    back.push(from);
  }
  const path = new Array<number>(n);
  let last = 0;
  for (let j = 1; j < k; j++) if (score[n - 1][j] > score[n - 1][last]) last = j;
  path[n - 1] = last;
  for (let i = n - 1; i > 0; i--) path[i - 1] = back[i][path[i]];
  return path;
}

/** Turns a label path into spans; score = mean probability of the path labels in the span. */
export function spansFromPath(path: number[], probs: ArrayLike<number>[], labels: string[]): BioSpan[] {
  const spans: BioSpan[] = [];
  let cur: { type: string; from: number; sum: number } | null = null;
  const close = (to: number) => {
    if (cur) spans.push({ type: cur.type, from: cur.from, to, score: cur.sum / (to - cur.from) });
    cur = null;
  };
  path.forEach((j, i) => {
    const { prefix, type } = parse(labels[j]);
    if (prefix === 'B' || (prefix === 'I' && (!cur || cur.type !== type))) {
      close(i);
      cur = { type, from: i, sum: probs[i][j] };
    } else if (prefix === 'I' && cur) {
      cur.sum += probs[i][j];
    } else {
      close(i);
    }
  });
  close(path.length);
  return spans;
}
