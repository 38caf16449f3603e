// The bench page (bench.html): starts the bench worker with a chosen thread count and exposes a
// small API on window for the Playwright driver (bench/speed/browser.ts). Main-thread effects —
// long tasks and end-to-end latency through comlink — are measured here, as the UI would see them.
import { wrap, type Remote } from 'comlink';
import type { BackendChoice, Dtype } from '../../workers/api.ts';
import type { BenchWorkerApi } from './bench.worker.ts';

const longTasks: { start: number; duration: number }[] = [];
try {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
} catch {
  // No Long Tasks API: counts come back null.
}
const longTasksSupported = PerformanceObserver.supportedEntryTypes?.includes('longtask') ?? false;

let worker: Worker | null = null;
let remote: Remote<BenchWorkerApi> | null = null;

function need(): Remote<BenchWorkerApi> {
  if (!remote) throw new Error('bench page: start() first');
  return remote;
}

async function memory(): Promise<{ bytes: number | null; source: string }> {
  const perf = performance as Performance & {
    measureUserAgentSpecificMemory?: () => Promise<{ bytes: number }>;
    memory?: { usedJSHeapSize: number };
  };
  if (self.crossOriginIsolated && perf.measureUserAgentSpecificMemory) {
    // It waits for every worker, and ORT's WASM threads answer late (about 60 s); do not hang on it.
    const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), 90_000));
    const m = await Promise.race([perf.measureUserAgentSpecificMemory(), timeout]);
    if (m) return { bytes: m.bytes, source: 'measureUserAgentSpecificMemory (page + workers)' };
  }
  if (perf.memory)
    return { bytes: perf.memory.usedJSHeapSize, source: 'performance.memory (main thread JS heap only)' };
  return { bytes: null, source: 'not available' };
}

const bench = {
  crossOriginIsolated: self.crossOriginIsolated,
  hardwareConcurrency: navigator.hardwareConcurrency,

  async start(threads: number | null, backend: BackendChoice) {
    worker?.terminate();
    worker = new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module', name: 'medtext-bench' });
    remote = wrap<BenchWorkerApi>(worker);
    return remote.setup(threads, backend);
  },

  stop() {
    worker?.terminate();
    worker = null;
    remote = null;
  },

  prepare: (task: string, model: string, warmup: string[], dtype?: Dtype) => need().prepare(task, model, warmup, dtype),
  job: (task: string, model: string, texts: string[], dtype?: Dtype) => need().job(task, model, texts, dtype),
  stockPrepare: (model: string, warmup: string[]) => need().stockPrepare(model, warmup),
  stockJob: (model: string, texts: string[]) => need().stockJob(model, texts),
  stockWindowsJob: (model: string, texts: string[]) => need().stockWindowsJob(model, texts),
  spansJob: (model: string, texts: string[]) => need().spansJob(model, texts),
  likeForLikeCheck: (model: string, texts: string[]) => need().likeForLikeCheck(model, texts),

  /** End-to-end latency of single entities calls from the main thread, in ms. */
  async latency(text: string, model: string, runs: number): Promise<number[]> {
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await need().entities(text, model);
      samples.push(performance.now() - t0);
    }
    return samples;
  },

  /**
   * A batch driven from the main thread, one call per note as the UI does; long tasks during it.
   * uaMemory: also measureUserAgentSpecificMemory(), which waits about a minute while WASM threads run.
   */
  async batch(texts: string[], model: string, uaMemory: boolean) {
    const t0 = performance.now();
    for (const t of texts) await need().entities(t, model);
    const t1 = performance.now();
    // Allow the observer to deliver the last entries.
    await new Promise((r) => setTimeout(r, 100));
    const during = longTasks.filter((e) => e.start >= t0 && e.start <= t1);
    return {
      ms: t1 - t0,
      items: texts.length,
      longtasks_supported: longTasksSupported,
      longtasks_over_50ms: longTasksSupported ? during.length : null,
      longtasks_over_200ms: longTasksSupported ? during.filter((e) => e.duration > 200).length : null,
      longtask_max_ms: during.reduce((m, e) => Math.max(m, e.duration), 0),
      // WASM memory only grows, so a measurement right after the batch is close to its peak.
      memory: uaMemory ? await memory() : { bytes: null, source: 'skipped (--quick)' },
    };
  },

  memory,

  /** The WebGPU adapter, if any, and whether it is a software (SwiftShader/CPU) one. */
  async gpu() {
    const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<GpuAdapterLike | null> } }).gpu;
    if (!gpu) return { available: false, software: null, description: 'navigator.gpu is absent' };
    const adapter = await gpu.requestAdapter().catch(() => null);
    if (!adapter) return { available: false, software: null, description: 'no WebGPU adapter' };
    const info = adapter.info ?? {};
    const description = [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' / ');
    const software =
      Boolean(adapter.isFallbackAdapter || info.isFallbackAdapter) || /swiftshader|llvmpipe|cpu/i.test(description);
    return { available: true, software, description: description || 'unknown adapter' };
  },
};

interface GpuAdapterLike {
  info?: { vendor?: string; architecture?: string; device?: string; description?: string; isFallbackAdapter?: boolean };
  isFallbackAdapter?: boolean;
}

export type BenchPage = typeof bench;
(globalThis as unknown as { medtextBench: BenchPage }).medtextBench = bench;
document.getElementById('status')!.textContent = 'ready';
document.body.dataset.ready = 'true';
