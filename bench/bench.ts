// npm run bench -- [--quick] [--no-build] [--webgpu] ...   (see bench/speed/args.ts)
// Speed and size of medtext: browser WASM (1 thread and the app's thread count) vs Node native,
// medtext vs stock transformers.js, cold start, latency, long tasks, memory, download size.
// Progress goes to stderr; stdout is a markdown report whose last line is one JSON object.
// Absolute timings on a shared machine are noisy: compare the ratios measured within one run.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DATA_ROOT, REPO_ROOT } from './node-engine.ts';
import { USAGE, parseBenchArgs, type BenchArgs } from './speed/args.ts';
import { BenchPageDriver, closeAllProfiles, coldStart, jobTimeout } from './speed/browser.ts';
import { COLD_NOTE, loadBenchData, type BenchData } from './speed/data.ts';
import { inputsFor } from './speed/jobs.ts';
import { nativeJob, nativeLatency } from './speed/native.ts';
import { headline, headlineModel, renderReport, type BenchResults } from './speed/report.ts';
import { buildApp, snapshotDist, staleReason, startPreview, type PreviewServer } from './speed/server.ts';
import { discoverModels, summarisePrecache, type BenchModel } from './speed/sizes.ts';

const log = (msg: string) => console.error(`[bench] ${msg}`);
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

async function ensureBuilt(args: BenchArgs): Promise<void> {
  const reason = staleReason(REPO_ROOT);
  if (!reason) return log('dist/ is up to date');
  if (!args.build) {
    if (reason.includes('missing')) throw new Error(`${reason}; run without --no-build (or npm run build) first`);
    return log(`warning: ${reason}, but --no-build given: measuring dist/ as it is`);
  }
  log(`building the app (${reason})…`);
  await buildApp(REPO_ROOT);
}

/** Browser WASM at 1 thread and at the app's thread count; stock pipeline, latency, batch at the latter. */
async function browserPhase(url: string, data: BenchData, r: BenchResults, args: BenchArgs) {
  const driver = await BenchPageDriver.open(args.webgpu, url);
  try {
    r.machine.chromium = await driver.browserVersion();
    const iso = await driver.isolation();
    Object.assign(r.machine, {
      browser_cross_origin_isolated: iso.crossOriginIsolated,
      browser_cores: iso.hardwareConcurrency,
    });
    if (!iso.crossOriginIsolated) r.notes.push('bench page is not cross-origin isolated: WASM runs on one thread only');
    const main = headlineModel(r.models);

    for (const threads of [1, null] as const) {
      const { runtime, numThreads } = await driver.start(threads, 'wasm');
      if (threads === null) r.app_threads = numThreads;
      log(`browser wasm, ${numThreads} thread(s): ${runtime.reason}`);
      for (const m of r.models) {
        const texts = inputsFor(m.task, data);
        const load_ms = await driver.call('prepare', [m.task, m.name, texts[0]], 300_000);
        const job = await driver.call('job', [m.task, m.name, texts], jobTimeout(texts.length));
        r.throughput.push({ model: m.name, task: m.task, runtime: 'browser-wasm', threads: numThreads, load_ms, job });
        log(`  ${m.name}: ${job.items} items in ${Math.round(job.ms)} ms`);
      }
      if (threads !== null || !main) continue;

      if (main.task === 'entities') {
        const load_ms = await driver.call('stockPrepare', [main.name, data.sentences[0]], 300_000);
        const job = await driver.call('stockJob', [main.name, data.sentences], jobTimeout(data.sentences.length));
        r.throughput.push({
          model: main.name,
          task: main.task,
          runtime: 'browser-stock',
          threads: numThreads,
          load_ms,
          job,
        });
        log(`  stock transformers.js pipeline: ${job.items} items in ${Math.round(job.ms)} ms`);
        const browser_ms = await driver.call(
          'latency',
          [data.note, main.name, args.latencyRuns],
          jobTimeout(args.latencyRuns * 5),
        );
        r.latency = { model: main.name, note_words: data.note_words, browser_ms, native_ms: [] };
        log(`  ${data.note_words}-word note latency: ${args.latencyRuns} runs`);
        r.batch = await driver.call('batch', [data.texts, main.name], jobTimeout(data.texts.length * 5));
        log(`  ${data.texts.length}-note batch from the main thread: ${r.batch.longtasks_over_50ms} long tasks`);
      } else {
        r.notes.push('no entities model: stock comparison, latency and long-task batch not measured');
      }
    }
    await driver.call('stop', [], 10_000);

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
      const load_ms = await driver.call('prepare', [m.task, m.name, texts[0]], 300_000);
      const job = await driver.call('job', [m.task, m.name, texts], jobTimeout(texts.length));
      r.throughput.push({ model: m.name, task: m.task, runtime: 'browser-webgpu', threads: 0, load_ms, job });
    }
    r.webgpu = { requested: true, adapter: gpu.description, measured: true, note: `measured on ${gpu.description}` };
  } finally {
    await driver.close();
  }
}

/** Node (onnxruntime-node): same models, same inputs, same thread counts as the browser runs. */
async function nativePhase(data: BenchData, r: BenchResults, args: BenchArgs) {
  const counts = [...new Set([1, r.app_threads ?? os.availableParallelism()])];
  for (const threads of counts) {
    for (const m of r.models) {
      const run = await nativeJob(m, threads, data);
      r.throughput.push({
        model: m.name,
        task: m.task,
        runtime: 'node-native',
        threads,
        load_ms: run.load_ms,
        job: run.job,
      });
      log(`node native, ${threads} thread(s), ${m.name}: ${run.job.items} items in ${Math.round(run.job.ms)} ms`);
    }
  }
  const main = headlineModel(r.models);
  if (r.latency && main) {
    r.latency.native_ms = await nativeLatency(main, counts[counts.length - 1], data.note, args.latencyRuns);
  }
}

function writeResults(r: BenchResults, outDir: string): string {
  const dir = path.resolve(REPO_ROOT, outDir);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${r.date}${r.quick ? '-quick' : ''}.json`);
  // Written next to the target and renamed, so a killed run never leaves half a file.
  writeFileSync(`${file}.tmp`, JSON.stringify({ ...r, headline: headline(r) }, null, 2) + '\n');
  renameSync(`${file}.tmp`, file);
  return file;
}

async function main(args: BenchArgs): Promise<void> {
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
  };

  await ensureBuilt(args);
  snapshot = await snapshotDist(REPO_ROOT);
  r.precache = summarisePrecache(snapshot.dir);
  server = await startPreview(REPO_ROOT, snapshot.dir);
  log(`serving dist/ at ${server.url}`);
  await browserPhase(server.url, data, r, args);
  log('cold start: real app, empty cache then warm service worker cache…');
  r.cold_start = await coldStart(args.webgpu, server.url, COLD_NOTE);
  await cleanup();

  await nativePhase(data, r, args);
  r.machine.loadavg_end = os.loadavg().map((x) => +x.toFixed(2));
  r.machine.wall_s = Math.round((Date.now() - started) / 1000);
  const file = writeResults(r, args.outDir);
  log(`results written to ${path.relative(REPO_ROOT, file)}`);
  const h = headline(r);
  console.log(renderReport(r, h));
  console.log(JSON.stringify({ ...h, quick: args.quick, items: args.items, results: path.relative(REPO_ROOT, file) }));
}

let args: BenchArgs;
try {
  args = parseBenchArgs(process.argv.slice(2));
} catch (err) {
  console.error((err as Error).message);
  process.exit(2);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const fail = (err: unknown) => {
  console.error(`bench failed: ${err instanceof Error ? err.message : String(err)}`);
  void cleanup().finally(() => process.exit(1));
};
const watchdog = setTimeout(
  () => fail(new Error(`gave up after ${args.timeoutS} s (--timeout)`)),
  args.timeoutS * 1000,
);
watchdog.unref();
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => fail(new Error(`interrupted (${sig})`)));
main(args).then(async () => {
  await cleanup();
  // onnxruntime-node and Playwright may keep handles open; the run is complete.
  process.exit(0);
}, fail);
