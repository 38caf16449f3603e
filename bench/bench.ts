// npm run bench -- [--quick] [--no-build] [--webgpu] ...   (see bench/speed/args.ts)
// Speed and size of medtext: browser WASM (1 thread and the app's thread count) vs Node native,
// medtext vs stock transformers.js, cold start, latency, long tasks, memory, download size.
// Progress goes to stderr; stdout is a markdown report whose last line is one JSON object.
// Absolute timings on a shared machine are noisy: compare the ratios measured within one run.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DATA_ROOT, REPO_ROOT } from '../workers/runtime/node-engine.ts';
import { USAGE, parseBenchArgs, type BenchArgs } from './speed/args.ts';
import { BenchPageDriver, closeAllProfiles, coldStart, jobTimeout } from './speed/browser.ts';
import { collectionJobInApp } from './speed/collections-app.ts';
import { searchMatchP50Ms } from './speed/collections-search.ts';
import { longNoteInApp } from './speed/long-note-app.ts';
import { LARGE_NOTE_CHARS, LONG_NOTE_CHARS, longNoteFromFile } from './speed/long-note.ts';
import { COLD_NOTE, loadBenchData, NOTES_FILE, type BenchData } from './speed/data.ts';
import { cliThroughput } from './speed/cli.ts';
import { spreadSample } from './speed/stats.ts';
import { chunkRanges, inputsFor, mergeJobs, type JobResult } from './speed/jobs.ts';
import { NativeRunner } from './speed/native.ts';
import {
  headline,
  headlineModel,
  ratioSpreads,
  renderReport,
  type BenchResults,
  type Inputs,
  type ThroughputRow,
} from './speed/report.ts';
import { buildApp, snapshotDist, staleReason, startPreview, type PreviewServer } from './speed/server.ts';
import { discoverModels, summarisePrecache, type BenchModel } from './speed/sizes.ts';

const log = (msg: string) => console.error(`[bench] ${msg}`);

function parseArgsOrExit(): BenchArgs {
  try {
    const parsed = parseBenchArgs(process.argv.slice(2));
    if (parsed.help) {
      console.log(USAGE);
      process.exit(0);
    }
    return parsed;
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
}

const args = parseArgsOrExit();
const NO_GPU = 'no GPU on this machine — WebGPU figures not measured';

/** The preview server and its dist/ copy; Chromium profiles are tracked by bench/speed/browser.ts. */
let server: PreviewServer | null = null;
let snapshot: { dir: string; remove(): Promise<void> } | null = null;

async function cleanup(): Promise<void> {
  await closeAllProfiles();
  await server?.stop().catch(() => {});
  await snapshot?.remove().catch(() => {});
  server = null;
  snapshot = null;
}

async function ensureBuilt(): Promise<void> {
  const reason = staleReason(REPO_ROOT);
  if (!reason) return log('dist/ is up to date');
  if (!args.build) {
    if (reason.includes('missing')) throw new Error(`${reason}; run without --no-build (or npm run build) first`);
    return log(`warning: ${reason}, but --no-build given: measuring dist/ as it is`);
  }
  log(`building the app (${reason})…`);
  await buildApp(REPO_ROOT);
}

/**
 * Chunks per throughput run: compared runs take turns chunk by chunk (see chunkRanges). At least
 * ~100 items a chunk where possible, so a --quick run batches like the full one (with 10-item
 * chunks the quick pipeline_vs_stock swung 0.87-1.22 between runs of the same code).
 */
const chunksFor = (items: number): number => Math.min(10, Math.max(2, Math.round(items / 100)));
const WARMUP_ITEMS = 5;
/** Times a --quick run goes over its items in each throughput run. */
const QUICK_ROUNDS = 3;
const PREPARE_MS = 300_000;

type Acc = Map<string, ThroughputRow>;

function add(acc: Acc, row: Lane['row'], job: JobResult): void {
  const key = `${row.model}|${row.runtime}|${row.inputs}|${row.threads}`;
  const prev = acc.get(key);
  acc.set(key, { ...row, job: mergeJobs(prev?.job, job), chunk_ms: [...(prev?.chunk_ms ?? []), job.ms] });
}

/** Texts the like-for-like agreement check reads (both sides, untimed). */
const AGREEMENT_TEXTS = 200;

/** One series of timed jobs in a throughput run; series take turns chunk by chunk. */
interface Lane {
  row: Omit<ThroughputRow, 'job'>;
  run(from: number, to: number): Promise<JobResult>;
}

/** Loads a model in the page; a failed load is retried once in a fresh worker, and noted. */
async function preparePage(
  driver: BenchPageDriver,
  threads: number | null,
  m: BenchModel,
  warm: string[],
  r: BenchResults,
) {
  try {
    return await driver.call('prepare', [m.task, m.name, warm], PREPARE_MS);
  } catch (err) {
    const msg = (err as Error).message;
    log(`warning: loading ${m.name} in the browser failed, retrying once: ${msg}`);
    r.notes.push(`browser load of ${m.name} failed once and was retried: ${msg}`);
    await driver.start(threads, 'wasm');
    return driver.call('prepare', [m.task, m.name, warm], PREPARE_MS);
  }
}

/**
 * Throughput at one thread count: every model in the browser (WASM) and in Node (native) on its
 * own inputs; the entities model also on the note mix; at the app's thread count also stock
 * transformers.js. All series take turns chunk by chunk so that machine noise hits them alike.
 */
async function throughputAt(driver: BenchPageDriver, threads: number | null, data: BenchData, r: BenchResults) {
  const { runtime, numThreads } = await driver.start(threads, 'wasm');
  if (threads === null) r.app_threads = numThreads;
  log(`${numThreads} thread(s): browser ${runtime.reason}`);
  const native = new NativeRunner(numThreads);
  const main = headlineModel(r.models);
  try {
    const lanes: Lane[] = [];
    for (const m of r.models) {
      const own = inputsFor(m.task, data);
      const warm = own.slice(0, WARMUP_ITEMS);
      const page = await preparePage(driver, threads, m, warm, r);
      const node = await native.prepare(m, warm);
      const stockLoad =
        threads === null && m === main && m.task === 'entities'
          ? await driver.call('stockPrepare', [m.name, warm], PREPARE_MS)
          : null;
      const inputs: Inputs = m.task === 'entities' ? 'sentences' : 'mixed';
      const base = { model: m.name, task: m.task, threads: numThreads };
      const sets: [Inputs, string[]][] =
        m.task === 'entities'
          ? [
              [inputs, own],
              ['mixed', data.texts],
            ]
          : [[inputs, own]];
      for (const [set, texts] of sets) {
        const t = jobTimeout(texts.length * (set === 'mixed' ? 5 : 1));
        lanes.push(
          {
            row: { ...base, inputs: set, runtime: 'browser-wasm', load_ms: page },
            run: (a, b) => driver.call('job', [m.task, m.name, texts.slice(a, b)], t),
          },
          {
            row: { ...base, inputs: set, runtime: 'node-native', load_ms: node },
            run: (a, b) => native.job(m, texts.slice(a, b)),
          },
        );
        if (stockLoad !== null) {
          // Stock transformers.js: same texts, one pipeline call each; it truncates past 512 tokens.
          lanes.push({
            row: { ...base, inputs: set, runtime: 'browser-stock', load_ms: stockLoad },
            run: (a, b) => driver.call('stockJob', [m.name, texts.slice(a, b)], t),
          });
        }
        if (stockLoad !== null && set === 'mixed') {
          // Like for like (bench/speed/stock-windows.ts): the same windows, model and spans on both sides.
          const sample = spreadSample(texts, AGREEMENT_TEXTS);
          r.like_for_like = await driver.call('likeForLikeCheck', [m.name, sample], jobTimeout(sample.length * 10));
          log(`like for like: spans agree ${r.like_for_like.agreement.toFixed(4)} on ${sample.length} texts`);
          lanes.push(
            {
              row: { ...base, inputs: set, runtime: 'browser-spans', load_ms: page },
              run: (a, b) => driver.call('spansJob', [m.name, texts.slice(a, b)], t),
            },
            {
              row: { ...base, inputs: set, runtime: 'browser-stock-windows', load_ms: stockLoad },
              run: (a, b) => driver.call('stockWindowsJob', [m.name, texts.slice(a, b)], t),
            },
          );
        }
      }
    }
    const acc: Acc = new Map();
    // A quick run repeats its few chunks: more samples of each ratio, so less noise between runs.
    const chunks = chunkRanges(args.items, chunksFor(args.items));
    r.rounds = args.quick ? QUICK_ROUNDS : 1;
    const ranges = Array.from({ length: r.rounds }, () => chunks).flat();
    for (const [k, [from, to]] of ranges.entries()) {
      // Alternate who goes first so that no series always meets a freshly idle machine.
      for (const lane of k % 2 ? [...lanes].reverse() : lanes) add(acc, lane.row, await lane.run(from, to));
      log(`  chunk ${k + 1}/${ranges.length} done`);
    }
    r.throughput.push(...acc.values());
  } finally {
    await native.close();
  }
}

/**
 * Single-note latency (browser and Node taking turns), then a batch from the main thread, in a
 * fresh Chromium whose renderer then holds only what the app would: one engine, one session.
 */
async function latencyAndBatch(url: string, main: BenchModel, data: BenchData, r: BenchResults) {
  const driver = await BenchPageDriver.open(args.webgpu, url);
  const { numThreads } = await driver.start(null, 'wasm');
  const native = new NativeRunner(numThreads);
  try {
    await driver.call('prepare', [main.task, main.name, data.sentences.slice(0, WARMUP_ITEMS)], PREPARE_MS);
    await native.prepare(main, data.sentences.slice(0, WARMUP_ITEMS));
    const lat = {
      model: main.name,
      note_words: data.note_words,
      threads: numThreads,
      browser_ms: [] as number[],
      native_ms: [] as number[],
    };
    for (let i = 0; i < args.latencyRuns; i++) {
      lat.browser_ms.push(...(await driver.call('latency', [data.note, main.name, 1], 60_000)));
      lat.native_ms.push(await native.entitiesMs(main, data.note));
    }
    r.latency = lat;
    log(`${data.note_words}-word note latency: ${args.latencyRuns} runs`);
    const batch = await driver.call('batch', [data.texts, main.name, !args.quick], jobTimeout(data.texts.length * 5));
    r.batch = { ...batch, renderer_peak_rss_bytes: driver.rendererPeakBytes() };
    log(`${data.texts.length}-note batch from the main thread: ${batch.longtasks_over_50ms} long tasks over 50 ms`);
  } finally {
    await native.close();
    await driver.close();
  }
}

/** WebGPU where a real adapter exists; otherwise say why not. */
async function webgpuPhase(driver: BenchPageDriver, data: BenchData, r: BenchResults) {
  if (!args.webgpu) {
    r.webgpu = { requested: false, adapter: null, measured: false, note: 'WebGPU not requested (--webgpu)' };
    return;
  }
  const gpu = await driver.call('gpu', [], 30_000);
  r.webgpu = { requested: true, adapter: gpu.description, measured: false, note: NO_GPU };
  if (!gpu.available || gpu.software) {
    log(`${NO_GPU} (adapter: ${gpu.description})`);
    console.log(NO_GPU);
    r.notes.push(`${NO_GPU} (adapter: ${gpu.description})`);
    return;
  }
  const { runtime } = await driver.start(null, 'webgpu');
  log(`browser webgpu: ${runtime.reason}`);
  for (const m of r.models) {
    const texts = inputsFor(m.task, data);
    const load_ms = await driver.call('prepare', [m.task, m.name, texts.slice(0, WARMUP_ITEMS)], PREPARE_MS);
    const job = await driver.call('job', [m.task, m.name, texts], jobTimeout(texts.length));
    const inputs: Inputs = m.task === 'entities' ? 'sentences' : 'mixed';
    r.throughput.push({ model: m.name, task: m.task, runtime: 'browser-webgpu', inputs, threads: 0, load_ms, job });
  }
  r.webgpu = { requested: true, adapter: gpu.description, measured: true, note: `measured on ${gpu.description}` };
}

async function browserAndNative(url: string, data: BenchData, r: BenchResults) {
  const driver = await BenchPageDriver.open(args.webgpu, url);
  try {
    r.machine.chromium = await driver.browserVersion();
    const iso = await driver.isolation();
    Object.assign(r.machine, {
      browser_cross_origin_isolated: iso.crossOriginIsolated,
      browser_cores: iso.hardwareConcurrency,
    });
    if (!iso.crossOriginIsolated) r.notes.push('bench page is not cross-origin isolated: WASM runs on one thread only');
    if (!headlineModel(r.models) || headlineModel(r.models)?.task !== 'entities') {
      r.notes.push('no entities model: stock comparison, latency and long-task batch not measured');
    }
    await throughputAt(driver, 1, data, r);
    await throughputAt(driver, null, data, r);
    await driver.call('stop', [], 10_000);
    await webgpuPhase(driver, data, r);
  } finally {
    await driver.close();
  }
  const main = headlineModel(r.models);
  if (main?.task === 'entities') await latencyAndBatch(url, main, data, r);
}

/** What has been measured so far: a run that fails or times out still writes it, as -partial. */
let measured: BenchResults | null = null;

function writeResults(r: BenchResults, outDir: string, partial = false): string {
  const dir = path.resolve(REPO_ROOT, outDir);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${r.date}${r.quick ? '-quick' : ''}${partial ? '-partial' : ''}.json`);
  // Written next to the target and renamed, so a killed run never leaves half a file.
  writeFileSync(`${file}.tmp`, JSON.stringify({ ...r, headline: headline(r) }, null, 2) + '\n');
  renameSync(`${file}.tmp`, file);
  return file;
}

async function main(): Promise<void> {
  const started = Date.now();
  const { models, skipped } = discoverModels(path.join(REPO_ROOT, 'models'));
  for (const s of skipped) log(`skipping model ${s}`);
  if (models.length === 0)
    throw new Error('no shipped model in models/ (config.json + onnx/model_quantized.onnx): nothing to measure');
  log(`models: ${models.map((m: BenchModel) => `${m.name} (${m.task})`).join(', ')}`);
  const data = loadBenchData(DATA_ROOT, args.items);

  const r: BenchResults = {
    date: new Date().toISOString().slice(0, 10),
    quick: args.quick,
    items: args.items,
    machine: { cpus: os.cpus().length, node: process.version, loadavg_start: os.loadavg().map((x) => +x.toFixed(2)) },
    models,
    skipped,
    notes: skipped.map((s) => `skipped model ${s}`),
    precache: null,
    throughput: [],
    app_threads: null,
    latency: null,
    batch: null,
    cold_start: null,
    webgpu: { requested: args.webgpu, adapter: null, measured: false, note: 'not measured' },
    cli: null,
  };
  measured = r;

  await ensureBuilt();
  snapshot = await snapshotDist(REPO_ROOT);
  r.precache = summarisePrecache(snapshot.dir);
  server = await startPreview(REPO_ROOT, snapshot.dir);
  log(`serving dist/ at ${server.url}`);
  await browserAndNative(server.url, data, r);
  log('cold start: real app, empty cache then warm service worker cache…');
  r.cold_start = await coldStart(args.webgpu, server.url, COLD_NOTE);
  log(`long note: ${LONG_NOTE_CHARS.toLocaleString('en')} characters in Find entities, then typing…`);
  r.long_note = await longNoteInApp(
    args.webgpu,
    server.url,
    longNoteFromFile(path.join(DATA_ROOT, NOTES_FILE), LONG_NOTE_CHARS),
    COLD_NOTE,
  );
  log(`large note: ${LARGE_NOTE_CHARS.toLocaleString('en')} characters in Find entities…`);
  r.long_note_2mb = await longNoteInApp(
    args.webgpu,
    server.url,
    longNoteFromFile(path.join(DATA_ROOT, NOTES_FILE), LARGE_NOTE_CHARS),
    COLD_NOTE,
    0,
  );
  const collectionNotes = args.quick ? 50 : 1000;
  log(`collections: a ${collectionNotes}-note batch job (classification + entities) in the app…`);
  r.collections = {
    ...(await collectionJobInApp(server.url, path.join(DATA_ROOT, NOTES_FILE), collectionNotes)),
    search_10k_p50_ms: searchMatchP50Ms(),
  };
  await cleanup();
  const cliNotes = args.quick ? 50 : 1000;
  log(`command line: ${cliNotes} MTSamples notes through medtext entities and classify…`);
  r.cli = await cliThroughput(REPO_ROOT, DATA_ROOT, cliNotes);

  r.machine.loadavg_end = os.loadavg().map((x) => +x.toFixed(2));
  r.machine.wall_s = Math.round((Date.now() - started) / 1000);
  const file = writeResults(r, args.outDir);
  log(`results written to ${path.relative(REPO_ROOT, file)}`);
  const h = headline(r);
  console.log(renderReport(r, h));
  const spreads = ratioSpreads(r);
  console.log(
    JSON.stringify({ ...h, spreads, quick: args.quick, items: args.items, results: path.relative(REPO_ROOT, file) }),
  );
}

let failing = false;
const fail = (err: unknown) => {
  // Only the first failure is reported: what follows is usually the cleanup it triggered.
  if (failing) return;
  failing = true;
  const message = err instanceof Error ? err.message : String(err);
  console.error(`bench failed: ${message}`);
  try {
    if (measured) {
      measured.notes.push(`the run stopped early (${message}): what follows that phase was not measured`);
      console.error(`[bench] partial results written to ${writeResults(measured, args.outDir, true)}`);
    }
  } catch (writeErr) {
    console.error(`[bench] partial results not written: ${(writeErr as Error).message}`);
  }
  void cleanup().finally(() => process.exit(1));
};
const watchdog = setTimeout(
  () => fail(new Error(`gave up after ${args.timeoutS} s (--timeout)`)),
  args.timeoutS * 1000,
);
watchdog.unref();
process.on('unhandledRejection', fail);
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => fail(new Error(`interrupted (${sig})`)));
main().then(async () => {
  await cleanup();
  // onnxruntime-node and Playwright may keep handles open; the run is complete.
  process.exit(0);
}, fail);
