// Runs many sequences through one model with length bucketing: sequences are sorted by length
// and cut into batches where padding costs less than an extra run, then results are returned in
// the caller's order.
import { Tensor } from '@huggingface/transformers';
import type { ProgressEvent } from '../api.ts';
import type { EncodedSequence } from './encode.ts';
import type { LoadedModel } from './models.ts';

export interface BatchOptions {
  signal?: AbortSignal;
  onProgress?: (e: ProgressEvent) => void;
  /** Upper bound on padded tokens per batch (batch size × longest sequence). */
  maxBatchTokens?: number;
  maxBatchSize?: number;
  /** Cost of one forward call, in padded tokens (default 16, from the bench: ~1.6 ms per run vs ~0.1 ms per token on WASM). */
  runOverhead?: number;
}

/** Per sequence: rows of the output for its own (unpadded) length, or one row for pooled outputs. */
export type SequenceOutput = { rows: number; width: number; data: Float32Array };

export function abortError(): Error {
  const err = new Error('The request was cancelled.');
  err.name = 'AbortError';
  return err;
}

function int64(values: number[][], length: number): Tensor {
  const data = new BigInt64Array(values.length * length);
  values.forEach((v, b) => v.forEach((x, i) => (data[b * length + i] = BigInt(x))));
  return new Tensor('int64', data, [values.length, length]);
}

/** The three int64 inputs of every medtext model, right-padded to the longest sequence. */
export function modelInputs(seqs: Pick<EncodedSequence, 'ids' | 'types'>[]): Record<string, Tensor> {
  const length = Math.max(...seqs.map((s) => s.ids.length));
  return {
    input_ids: int64(
      seqs.map((s) => s.ids),
      length,
    ),
    attention_mask: int64(
      seqs.map((s) => s.ids.map(() => 1)),
      length,
    ),
    token_type_ids: int64(
      seqs.map((s) => s.types),
      length,
    ),
  };
}

/**
 * Cuts length-sorted sequences into batches by dynamic programming, minimising the estimated cost
 * Σ (runOverhead + batch size × longest length): greedy filling pads short sequences up to long
 * ones (measured: half the computed tokens were padding on mixed sentences), while one run per
 * sequence pays the per-run overhead every time. Returns the end index of each batch.
 */
export function planBatches(
  sortedLengths: readonly number[],
  { maxBatchTokens = 4096, maxBatchSize = 32, runOverhead = 16 }: BatchOptions = {},
): number[] {
  const n = sortedLengths.length;
  const best = new Float64Array(n + 1).fill(Infinity);
  const cut = new Int32Array(n + 1);
  best[0] = 0;
  for (let end = 1; end <= n; end++) {
    const longest = sortedLengths[end - 1];
    for (let start = end - 1; start >= 0 && end - start <= maxBatchSize; start--) {
      const size = end - start;
      // A single sequence always fits, however long; otherwise keep within the token budget.
      if (size > 1 && size * longest > maxBatchTokens) break;
      const cost = best[start] + runOverhead + size * longest;
      if (cost < best[end]) {
        best[end] = cost;
        cut[end] = start;
      }
    }
  }
  const ends: number[] = [];
  for (let end = n; end > 0; end = cut[end]) ends.push(end);
  return ends.reverse();
}

export async function runSequences(
  model: LoadedModel,
  seqs: EncodedSequence[],
  output: string,
  opts: BatchOptions = {},
): Promise<SequenceOutput[]> {
  const order = seqs.map((_, i) => i).sort((a, b) => seqs[a].ids.length - seqs[b].ids.length);
  const ends = planBatches(
    order.map((k) => seqs[k].ids.length),
    opts,
  );
  const results = new Array<SequenceOutput>(seqs.length);
  let done = 0;
  let i = 0;
  for (const j of ends) {
    if (opts.signal?.aborted) throw abortError();
    const batch = order.slice(i, j);
    const out = (await model.run(modelInputs(batch.map((k) => seqs[k]))))[output];
    if (!out) throw new Error(`Model "${model.name}" gave no "${output}" output.`);
    const data = out.data as Float32Array;
    const dims = out.dims as number[];
    batch.forEach((k, b) => {
      if (dims.length === 3) {
        const [, seqLen, width] = dims;
        const rows = seqs[k].ids.length;
        const offset = b * seqLen * width;
        results[k] = { rows, width, data: data.slice(offset, offset + rows * width) };
      } else {
        const width = dims[1];
        results[k] = { rows: 1, width, data: data.slice(b * width, (b + 1) * width) };
      }
    });
    done += batch.length;
    opts.onProgress?.({ stage: 'items', done, total: seqs.length, fraction: done / seqs.length });
    i = j;
  }
  return results;
}

export function softmaxRow(data: Float32Array, offset: number, width: number): number[] {
  let max = -Infinity;
  for (let c = 0; c < width; c++) max = Math.max(max, data[offset + c]);
  const exps = Array.from({ length: width }, (_, c) => Math.exp(data[offset + c] - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
