// What the browser offers: WebGPU adapter, cross-origin isolation and therefore WASM threads.
import { env } from '@huggingface/transformers';
import type { BackendProbe } from './backend.ts';

export function browserProbe(): Omit<BackendProbe, 'compare'> {
  const isolated = self.crossOriginIsolated === true;
  // Threads need SharedArrayBuffer, which only a cross-origin isolated page has.
  const threads = isolated ? Math.max(1, Math.min(4, navigator.hardwareConcurrency || 1)) : 1;
  const onnx = env.backends.onnx as { wasm?: { numThreads?: number } };
  if (onnx.wasm) onnx.wasm.numThreads = threads;
  return {
    threads,
    crossOriginIsolated: isolated,
    async webgpuAdapter() {
      const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
      if (!gpu) return { ok: false, reason: 'This browser does not offer WebGPU.' };
      try {
        const adapter = await gpu.requestAdapter();
        return adapter
          ? { ok: true, reason: 'WebGPU adapter found.' }
          : { ok: false, reason: 'WebGPU is present but found no GPU adapter.' };
      } catch (err) {
        return { ok: false, reason: `WebGPU adapter request failed (${(err as Error).message}).` };
      }
    },
  };
}
