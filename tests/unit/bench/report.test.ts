import { describe, expect, it } from 'vitest';
import type { JobResult } from '../../../bench/speed/jobs.ts';
import {
  headline,
  ratioSpreads,
  renderReport,
  type BenchResults,
  type ThroughputRow,
} from '../../../bench/speed/report.ts';
import { noteOfWords } from '../../../bench/speed/data.ts';

const job = (ms: number, items = 100, tokens = 3000): JobResult => ({
  kind: 'entities',
  model: 'entities',
  items,
  ms,
  inference_ms: ms / 2,
  runs: items,
  tokens,
  padded_tokens: tokens,
});

const row = (runtime: ThroughputRow['runtime'], threads: number, ms: number): ThroughputRow => ({
  model: 'entities',
  task: 'entities',
  runtime,
  inputs: 'sentences',
  threads,
  load_ms: 10,
  job: job(ms),
});

function results(): BenchResults {
  return {
    date: '2026-11-26',
    quick: true,
    items: 100,
    machine: {},
    models: [{ name: 'entities', task: 'entities', max_length: 128, bytes_fp32: 4000, bytes_q8: 1000 }],
    skipped: [],
    notes: ['no GPU on this machine — WebGPU figures not measured'],
    precache: null,
    throughput: [
      row('browser-wasm', 1, 2000),
      row('browser-wasm', 2, 1000),
      row('browser-stock', 2, 4000),
      row('node-native', 1, 1000),
      row('node-native', 2, 500),
    ],
    app_threads: 2,
    latency: { model: 'entities', note_words: 200, threads: 2, browser_ms: [10, 20, 30, 40], native_ms: [] },
    batch: null,
    cold_start: null,
    webgpu: { requested: true, adapter: 'SwiftShader', measured: false, note: 'x' },
    cli: { notes: 10, entities_ms: 3000, classify_ms: 2000, notes_per_s: 2 },
  };
}

describe('headline', () => {
  it('takes ratios within the run at the same thread count', () => {
    const h = headline(results());
    expect(h.wasm_native_ratio).toBe(0.5);
    expect(h.wasm_native_ratio_1_thread).toBe(0.5);
    expect(h.pipeline_vs_stock).toBe(4);
    expect(h.latency_p50_ms).toBe(25);
    expect(h.latency_p95_ms).toBe(38.5);
    // Without dist/ the models cost their q8 files.
    expect(h.models_total_bytes).toBe(1000);
    expect(h.cli_notes_per_s).toBe(2);
  });

  it('gives null for everything not measured, never NaN', () => {
    const h = headline(results());
    for (const k of ['webgpu_wasm_ratio', 'cold_start_warm_ms', 'cold_start_empty_ms', 'longtasks_over_50ms'] as const)
      expect(h[k]).toBeNull();
    expect(headline({ ...results(), cli: null }).cli_notes_per_s).toBeNull();
    expect(JSON.stringify(h)).not.toContain('NaN');
  });

  it('renders tables and notes', () => {
    const r = results();
    const text = renderReport(r, headline(r));
    expect(text).toContain('| entities | browser-stock |');
    expect(text).toContain('| wasm_native_ratio');
    expect(text).toContain('- no GPU on this machine');
  });
});

describe('like for like and spreads', () => {
  const mixed = (runtime: ThroughputRow['runtime'], chunks: number[]): ThroughputRow => ({
    ...row(
      runtime,
      2,
      chunks.reduce((x, y) => x + y, 0),
    ),
    inputs: 'mixed',
    chunk_ms: chunks,
  });
  const withPair = (agreement: number): BenchResults => ({
    ...results(),
    throughput: [
      ...results().throughput,
      mixed('browser-spans', [100, 300]),
      mixed('browser-stock-windows', [200, 300]),
    ],
    like_for_like: { texts: 10, spans: 20, agreement, same_ids: 1 },
  });

  it('gives the like-for-like ratio only when both sides find the same spans', () => {
    expect(headline(withPair(1)).pipeline_vs_stock_notes_like_for_like).toBe(1.25);
    expect(headline(withPair(1)).like_for_like_span_agreement).toBe(1);
    expect(headline(withPair(0.9)).pipeline_vs_stock_notes_like_for_like).toBeNull();
    expect(renderReport(withPair(0.9), headline(withPair(0.9)))).toContain('agree only 0.9000');
    expect(headline(results()).pipeline_vs_stock_notes_like_for_like).toBeNull();
  });

  it('takes the median of the rounds when the items were gone over more than once', () => {
    // Round 1: 200 ÷ 100 ms = 2; round 2: 300 ÷ 300 ms = 1. All rounds together: 500 ÷ 400 ms.
    expect(headline({ ...withPair(1), rounds: 2 }).pipeline_vs_stock_notes_like_for_like).toBe(1.5);
    expect(headline({ ...withPair(1), rounds: 1 }).pipeline_vs_stock_notes_like_for_like).toBe(1.25);
  });

  it('spreads each ratio over its chunks', () => {
    expect(ratioSpreads(withPair(1)).pipeline_vs_stock_notes_like_for_like).toEqual([1, 2]);
    // Rows without chunk times (older results) give no spread.
    expect(ratioSpreads(withPair(1)).wasm_native_ratio).toBeUndefined();
    expect(renderReport(withPair(1), headline(withPair(1)))).toContain('pipeline_vs_stock_notes_like_for_like 1–2');
  });
});

describe('noteOfWords', () => {
  it('cuts the first long-enough note to the word count', () => {
    expect(noteOfWords(['a b', 'one two three four'], 3)).toBe('one two three');
    expect(noteOfWords(['a b', 'a b c'], 10)).toBe('a b c');
  });
});
