// What the browser offers: WebGPU (as checked when the worker chose its ONNX Runtime build),
// cross-origin isolation and therefore WASM threads.
import { env } from '@huggingface/transformers';
import type { BackendProbe } from './backend.ts';
import type { BrowserRuntime } from './ort-build.ts';
import { maxThreadsFromWorkerName } from './worker-name.ts';

export function browserProbe(runtime: BrowserRuntime): Omit<BackendProbe, 'compare'> {
  const isolated = self.crossOriginIsolated === true;
  // Threads need SharedArrayBuffer, which only a cross-origin isolated page has; a pool's workers
  // are capped (their name says so) so that the pool does not oversubscribe the cores.
  const cap = Math.min(4, maxThreadsFromWorkerName(self.name) ?? 4);
  const threads = isolated ? Math.max(1, Math.min(cap, navigator.hardwareConcurrency || 1)) : 1;
  const onnx = env.backends.onnx as { wasm?: { numThreads?: number } };
  if (onnx.wasm) onnx.wasm.numThreads = threads;
  return {
    threads,
    crossOriginIsolated: isolated,
    webgpuAdapter: async () => runtime.webgpu,
  };
}
