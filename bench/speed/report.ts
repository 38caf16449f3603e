// Turns the measurements into the headline JSON and the markdown tables. Pure, so it is unit-tested.
import type { CliThroughput } from './cli.ts';
import type { ColdStart } from './browser.ts';
import type { CollectionsBench } from './collections-app.ts';
import type { JobResult } from './jobs.ts';
import type { LongNoteResult } from './long-note-app.ts';
import type { BenchModel, PrecacheSummary } from './sizes.ts';
import type { LikeForLikeCheck } from './stock-windows.ts';
import { percentile, perSecond, ratio, round } from './stats.ts';
import { formatBytes, markdownTable, type Cell } from './table.ts';

/**
 * browser-spans and browser-stock-windows are the like-for-like pair (stock-windows.ts): the same
 * windows, model and spans, the engine's vs stock transformers.js's tokenizer and model calls.
 */
export type Runtime =
  'browser-wasm' | 'browser-webgpu' | 'browser-stock' | 'browser-spans' | 'browser-stock-windows' | 'node-native';

/** Which fixed inputs a row ran on: PubMed sentences, or the clinical-note + ADE-sentence mix. */
export type Inputs = 'sentences' | 'mixed';

export interface ThroughputRow {
  model: string;
  task: string;
  runtime: Runtime;
  inputs: Inputs;
  threads: number;
  load_ms: number;
  job: JobResult;
  /** Wall ms of each chunk, in run order; every row of a throughput run has the same chunks. */
  chunk_ms?: number[];
}

export interface BatchResult {
  ms: number;
  items: number;
  longtasks_supported: boolean;
  longtasks_over_50ms: number | null;
  longtasks_over_200ms: number | null;
  longtask_max_ms: number;
  /** measureUserAgentSpecificMemory() after the batch (page + workers); null in --quick runs. */
  memory: { bytes: number | null; source: string };
  /** Peak resident memory of the bench page's renderer process (Linux /proc VmHWM). */
  renderer_peak_rss_bytes: number | null;
}

export interface BenchResults {
  date: string;
  quick: boolean;
  items: number;
  machine: Record<string, unknown>;
  models: BenchModel[];
  skipped: string[];
  notes: string[];
  precache: PrecacheSummary | null;
  throughput: ThroughputRow[];
  /** Thread count the app itself picks in this browser ("all threads"). */
  app_threads: number | null;
  /** Times each throughput run went over its items (chunk_ms holds every round's chunks in turn). */
  rounds?: number;
  latency: { model: string; note_words: number; threads: number; browser_ms: number[]; native_ms: number[] } | null;
  batch: BatchResult | null;
  cold_start: ColdStart | null;
  webgpu: { requested: boolean; adapter: string | null; measured: boolean; note: string };
  /** The command line over MTSamples notes (entities + note-specialty), bench/speed/cli.ts. */
  cli: CliThroughput | null;
  /** A batch job over MTSamples notes in the app's Collections view, bench/speed/collections-app.ts. */
  collections?: CollectionsBench | null;
  /** A ~200 KB note in the real app's Find entities (bench/speed/long-note-app.ts). */
  long_note?: LongNoteResult | null;
  /** The same with a 2 MB note (no typing). */
  long_note_2mb?: LongNoteResult | null;
  /** Whether the like-for-like pair gives the same spans (bench/speed/stock-windows.ts). */
  like_for_like?: LikeForLikeCheck | null;
}

export interface Headline {
  wasm_native_ratio: number | null;
  wasm_native_ratio_1_thread: number | null;
  /** Browser ÷ native on the note mix (longer sequences, batched windows), app threads. */
  wasm_native_ratio_notes: number | null;
  pipeline_vs_stock: number | null;
  /** The same on the note + sentence mix, where medtext windows long notes and stock truncates at 512 tokens. */
  pipeline_vs_stock_notes: number | null;
  /** The same texts with the same work on both sides: every window, same model, same spans (stock-windows.ts). */
  pipeline_vs_stock_notes_like_for_like: number | null;
  /** How far the two sides' spans agree (2 × shared ÷ both); the ratio is null below LIKE_FOR_LIKE_AGREEMENT. */
  like_for_like_span_agreement: number | null;
  models_total_bytes: number | null;
  pwa_first_visit_bytes: number | null;
  /** Bytes the first visit actually downloaded (page, worker and precache together): bar ≤ 1.05 × pwa_first_visit_bytes. */
  first_visit_network_bytes: number | null;
  cold_start_warm_ms: number | null;
  cold_start_empty_ms: number | null;
  latency_p50_ms: number | null;
  latency_p95_ms: number | null;
  native_latency_p50_ms: number | null;
  longtasks_over_50ms: number | null;
  longtasks_over_200ms: number | null;
  webgpu_wasm_ratio: number | null;
  /** Peak RSS of the bench page's renderer (page + worker + WASM heap) over the whole browser run. */
  peak_memory_bytes: number | null;
  /** measureUserAgentSpecificMemory() after the 1,000-note batch (full runs only). */
  ua_memory_bytes: number | null;
  /** Notes per second through `medtext entities` + `medtext classify` (child processes, start-up included). */
  cli_notes_per_s: number | null;
  /** Notes per second of a Collections batch job (classification + entities) in Chromium, model loading included. */
  batch_notes_per_s: number | null;
  /** Main-thread long tasks over 50 ms during that job. */
  collection_longtasks_over_50ms: number | null;
  /** Sealed IndexedDB bytes per note (note + results) after that job. */
  collection_bytes_per_note: number | null;
  /** Median ms to match a query against 10,000 sentence vectors (Node, the page's topK code). */
  search_10k_p50_ms: number | null;
  /** Run pressed → the last table row of a ~200 KB note's entities rendered (real app, WASM). */
  long_note_200kb_ms: number | null;
  /** Main-thread long tasks over 50 ms during that run and its rendering. */
  long_note_longtasks_over_50ms: number | null;
  /** Keydown → next frame, typing in the note while that result is shown (p95). */
  long_note_keystroke_p95_ms: number | null;
  /** Run pressed → the last table row of a 2 MB note's entities rendered (bar: no task over 200 ms, heap under 300 MB). */
  long_note_2mb_ms: number | null;
  /** The longest main-thread task during that run, ms. */
  long_note_2mb_longtask_max_ms: number | null;
  /** The page's largest used JS heap during that run, MiB. */
  long_note_2mb_heap_mb: number | null;
}

/** Below this span agreement the like-for-like pair is not doing the same work: no ratio is given. */
export const LIKE_FOR_LIKE_AGREEMENT = 0.99;

export const tokensPerSecond = (j: JobResult) => perSecond(j.tokens, j.ms);
export const itemsPerSecond = (j: JobResult) => perSecond(j.items, j.ms);

/** The model headline ratios are taken on: the entities model when shipped, else the first one. */
export function headlineModel(models: BenchModel[]): BenchModel | undefined {
  return models.find((m) => m.task === 'entities') ?? models[0];
}

function find(
  rows: ThroughputRow[],
  model: string,
  runtime: Runtime,
  threads?: number,
  inputs?: Inputs,
): ThroughputRow | undefined {
  return rows.find(
    (r) =>
      r.model === model &&
      r.runtime === runtime &&
      (threads === undefined || r.threads === threads) &&
      (inputs === undefined || r.inputs === inputs),
  );
}

/** The ratios the headline takes between throughput rows: [numerator, denominator, per item or per token]. */
type RatioKey =
  | 'wasm_native_ratio'
  | 'wasm_native_ratio_1_thread'
  | 'wasm_native_ratio_notes'
  | 'pipeline_vs_stock'
  | 'pipeline_vs_stock_notes'
  | 'pipeline_vs_stock_notes_like_for_like';
type RatioRows = Record<RatioKey, [ThroughputRow | undefined, ThroughputRow | undefined, 'items' | 'tokens']>;

function ratioRows(r: BenchResults): RatioRows {
  const m = headlineModel(r.models);
  const all = r.app_threads ?? undefined;
  const at = (runtime: Runtime, threads: number | undefined, inputs: Inputs | undefined) =>
    m && threads !== undefined ? find(r.throughput, m.name, runtime, threads, inputs) : undefined;
  const own: Inputs | undefined = m ? (m.task === 'entities' ? 'sentences' : 'mixed') : undefined;
  const agreement = r.like_for_like?.agreement ?? null;
  const sameWork = agreement !== null && agreement >= LIKE_FOR_LIKE_AGREEMENT;
  return {
    wasm_native_ratio: [at('browser-wasm', all, own), at('node-native', all, own), 'tokens'],
    wasm_native_ratio_1_thread: [at('browser-wasm', 1, own), at('node-native', 1, own), 'tokens'],
    wasm_native_ratio_notes: [at('browser-wasm', all, 'mixed'), at('node-native', all, 'mixed'), 'tokens'],
    pipeline_vs_stock: [at('browser-wasm', all, own), at('browser-stock', all, 'sentences'), 'items'],
    pipeline_vs_stock_notes: [at('browser-wasm', all, 'mixed'), at('browser-stock', all, 'mixed'), 'items'],
    pipeline_vs_stock_notes_like_for_like: sameWork
      ? [at('browser-spans', all, 'mixed'), at('browser-stock-windows', all, 'mixed'), 'items']
      : [undefined, undefined, 'items'],
  };
}

/**
 * a's rate ÷ b's. When the items were gone over several times (rounds), the median of the rounds'
 * ratios: one round that met a busy machine does not move it (two --quick runs of the same code gave
 * pipeline_vs_stock 0.92 and 1.08 over all rounds, 1.06 and 1.08 as the median). In a round both rows
 * ran the same items (and tokens), so its ratio is b's ms ÷ a's.
 */
export function rowRatio([a, b, per]: RatioRows[RatioKey], rounds = 1): number | null {
  if (!a || !b) return null;
  const ours = a.chunk_ms ?? [];
  const theirs = b.chunk_ms ?? [];
  const size = ours.length / rounds;
  if (rounds > 1 && Number.isInteger(size) && ours.length === theirs.length) {
    const sum = (xs: number[], k: number) => xs.slice(k * size, (k + 1) * size).reduce((x, y) => x + y, 0);
    const perRound = Array.from({ length: rounds }, (_, k) => ratio(sum(theirs, k), sum(ours, k)));
    return round(
      percentile(
        perRound.filter((x) => x !== null),
        50,
      ),
      3,
    );
  }
  const rate = per === 'items' ? itemsPerSecond : tokensPerSecond;
  return round(ratio(rate(a.job), rate(b.job)), 3);
}

/**
 * Each headline ratio taken chunk by chunk ([lowest, highest]): how much it moved within the run.
 * The two rows of a ratio ran the same items in each chunk, so their rates' ratio is b's ms ÷ a's.
 */
export function ratioSpreads(r: BenchResults): Partial<Record<RatioKey, [number, number]>> {
  const spreads: Partial<Record<RatioKey, [number, number]>> = {};
  for (const [key, [a, b]] of Object.entries(ratioRows(r)) as [RatioKey, RatioRows[RatioKey]][]) {
    const ours = a?.chunk_ms ?? [];
    const theirs = b?.chunk_ms ?? [];
    if (ours.length === 0 || ours.length !== theirs.length) continue;
    const per = ours.map((ms, k) => theirs[k] / ms);
    spreads[key] = [round(Math.min(...per), 3)!, round(Math.max(...per), 3)!];
  }
  return spreads;
}

export function headline(r: BenchResults): Headline {
  const m = headlineModel(r.models);
  const tps = (row?: ThroughputRow) => (row ? tokensPerSecond(row.job) : null);
  const gpu = m ? find(r.throughput, m.name, 'browser-webgpu') : undefined;
  const ratios = ratioRows(r);
  const wasmAll = ratios.wasm_native_ratio[0];
  const lat = r.latency?.browser_ms ?? [];
  const modelsBytes =
    r.precache?.models_bytes ?? (r.models.length ? r.models.reduce((s, x) => s + (x.bytes_q8 ?? 0), 0) : null);
  return {
    wasm_native_ratio: rowRatio(ratios.wasm_native_ratio, r.rounds),
    wasm_native_ratio_1_thread: rowRatio(ratios.wasm_native_ratio_1_thread, r.rounds),
    wasm_native_ratio_notes: rowRatio(ratios.wasm_native_ratio_notes, r.rounds),
    pipeline_vs_stock: rowRatio(ratios.pipeline_vs_stock, r.rounds),
    pipeline_vs_stock_notes: rowRatio(ratios.pipeline_vs_stock_notes, r.rounds),
    pipeline_vs_stock_notes_like_for_like: rowRatio(ratios.pipeline_vs_stock_notes_like_for_like, r.rounds),
    like_for_like_span_agreement: round(r.like_for_like?.agreement, 4),
    models_total_bytes: modelsBytes,
    pwa_first_visit_bytes: r.precache ? r.precache.app_bytes + r.precache.sw_bytes : null,
    first_visit_network_bytes: r.cold_start?.first_visit_network_bytes ?? null,
    cold_start_warm_ms: round(r.cold_start?.warm_ms, 0),
    cold_start_empty_ms: round(r.cold_start?.empty_ms, 0),
    latency_p50_ms: round(percentile(lat, 50), 1),
    latency_p95_ms: round(percentile(lat, 95), 1),
    native_latency_p50_ms: round(percentile(r.latency?.native_ms ?? [], 50), 1),
    longtasks_over_50ms: r.batch?.longtasks_over_50ms ?? null,
    longtasks_over_200ms: r.batch?.longtasks_over_200ms ?? null,
    webgpu_wasm_ratio: round(ratio(tps(gpu), tps(wasmAll)), 3),
    peak_memory_bytes: r.batch?.renderer_peak_rss_bytes ?? null,
    ua_memory_bytes: r.batch?.memory.bytes ?? null,
    cli_notes_per_s: r.cli?.notes_per_s ?? null,
    long_note_200kb_ms: r.long_note?.ms ?? null,
    long_note_longtasks_over_50ms: r.long_note?.longtasks_over_50ms ?? null,
    long_note_keystroke_p95_ms: r.long_note?.keystroke_p95_ms ?? null,
    long_note_2mb_ms: r.long_note_2mb?.ms ?? null,
    long_note_2mb_longtask_max_ms: r.long_note_2mb?.longtask_max_ms ?? null,
    long_note_2mb_heap_mb: r.long_note_2mb?.heap_max_mb ?? null,
    batch_notes_per_s: r.collections?.batch_notes_per_s ?? null,
    collection_longtasks_over_50ms: r.collections?.longtasks_over_50ms ?? null,
    collection_bytes_per_note: r.collections?.collection_bytes_per_note ?? null,
    search_10k_p50_ms: r.collections?.search_10k_p50_ms ?? null,
  };
}

const pct = (a: number, b: number): number | null => (b > 0 ? round((100 * a) / b, 0) : null);

export function throughputTable(rows: ThroughputRow[]): string {
  const body: Cell[][] = rows.map((r) => [
    r.model,
    r.runtime,
    r.inputs,
    r.threads,
    r.job.items,
    round(itemsPerSecond(r.job), 1),
    round(tokensPerSecond(r.job), 0),
    pct(r.job.inference_ms, r.job.ms),
    pct(r.job.tokens, r.job.padded_tokens),
    r.job.runs,
    round(r.load_ms, 0),
  ]);
  return markdownTable(
    [
      'model',
      'runtime',
      'inputs',
      'threads',
      'items',
      'items/s',
      'tokens/s',
      'inference %',
      'non-pad %',
      'batches',
      'load ms',
    ],
    body,
  );
}

export function sizesTable(models: BenchModel[], precache: PrecacheSummary | null): string {
  const rows: Cell[][] = models.map((m) => [m.name, m.task, formatBytes(m.bytes_fp32), formatBytes(m.bytes_q8)]);
  const table = markdownTable(['model', 'task', 'fp32 .onnx', 'q8 .onnx (shipped)'], rows);
  if (!precache) return table;
  const lines = [
    `PWA first visit (service worker precache, bench page excluded): ${formatBytes(precache.app_bytes + precache.sw_bytes)}`,
    `  models ${formatBytes(precache.models_bytes)} (precached ${formatBytes(precache.models_precached_bytes)}), ONNX Runtime wasm ${formatBytes(precache.ort_bytes)}, sw ${formatBytes(precache.sw_bytes)}; bench-only files ${formatBytes(precache.bench_only_bytes)}`,
  ];
  return `${table}\n\n${lines.join('\n')}`;
}

export function headlineTable(h: Headline): string {
  const unit: Partial<Record<keyof Headline, (v: number) => string>> = {
    models_total_bytes: formatBytes,
    pwa_first_visit_bytes: formatBytes,
    first_visit_network_bytes: formatBytes,
    peak_memory_bytes: formatBytes,
    ua_memory_bytes: formatBytes,
  };
  const rows: Cell[][] = (Object.keys(h) as (keyof Headline)[]).map((k) => {
    const v = h[k];
    return [k, v == null ? null : (unit[k]?.(v) ?? v)];
  });
  return markdownTable(['metric', 'value'], rows);
}

export function renderReport(r: BenchResults, h: Headline): string {
  const parts = [
    `## medtext bench ${r.date}${r.quick ? ' (quick)' : ''}: ${r.items} items`,
    sizesTable(r.models, r.precache),
    throughputTable(r.throughput),
    headlineTable(h),
  ];
  const spreads = Object.entries(ratioSpreads(r)).map(([k, [lo, hi]]) => `${k} ${lo}–${hi}`);
  if (spreads.length) parts.push(`Ratios chunk by chunk (lowest–highest): ${spreads.join('; ')}`);
  const notes = [...r.notes];
  const lfl = r.like_for_like;
  if (lfl && lfl.agreement < LIKE_FOR_LIKE_AGREEMENT)
    notes.push(
      `like for like: the two sides' spans agree only ${lfl.agreement.toFixed(4)} (token ids ${lfl.same_ids.toFixed(4)}): no ratio given`,
    );
  for (const f of r.precache?.not_precached ?? [])
    notes.push(`not precached by the service worker (so not offline): ${f}`);
  if (h.pwa_first_visit_bytes) {
    // localhost has no network cost; this is what the same bytes take on a modest link.
    const s = (h.pwa_first_visit_bytes * 8) / 20e6;
    notes.push(
      `first-visit download at 20 Mbit/s would add about ${Math.round(s)} s (not in cold_start_empty_ms, measured on localhost)`,
    );
  }
  const stages = r.cold_start?.warm_stages ?? [];
  if (stages.length)
    notes.push(
      `warm cold start, when each progress label first showed: ${stages.map((x) => `${x.label} ${x.at_ms} ms`).join(', ')}; first entity ${Math.round(r.cold_start!.warm_ms)} ms`,
    );
  if (notes.length) parts.push(notes.map((n) => `- ${n}`).join('\n'));
  return parts.join('\n\n');
}
