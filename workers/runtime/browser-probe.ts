// What the browser offers: WebGPU (as checked when the worker chose its ONNX Runtime build),
// cross-origin isolation and therefore WASM threads.
import { env } from '@huggingface/transformers';
import type { BackendProbe } from './backend.ts';
import type { BrowserRuntime } from './ort-build.ts';

export function browserProbe(runtime: BrowserRuntime): Omit<BackendProbe, 'compare'> {
  const isolated = self.crossOriginIsolated === true;
  // Threads need SharedArrayBuffer, which only a cross-origin isolated page has.
  const threads = isolated ? Math.max(1, Math.min(4, navigator.hardwareConcurrency || 1)) : 1;
  const onnx = env.backends.onnx as { wasm?: { numThreads?: number } };
  if (onnx.wasm) onnx.wasm.numThreads = threads;
  return {
    threads,
    crossOriginIsolated: isolated,
    webgpuAdapter: async () => runtime.webgpu,
  };
}
