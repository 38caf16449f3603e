// Which ONNX Runtime build a browser worker runs. onnxruntime-web ships a plain WASM build and a
// WebGPU-capable one (asyncify); measured in Chromium here, the WebGPU build takes about 2 s longer
// to create its first session (4.2 vs 2.0 s) and runs WASM slower, and its wasm is twice the size
// (26.8 vs 14.3 MB). So a worker that will not use WebGPU loads the plain build. transformers.js
// takes a build from globalThis[Symbol.for('onnxruntime')] when it loads, so this runs first and
// must not import transformers.js itself.
import type { BackendChoice } from '../api.ts';
import plainWasm from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import webgpuWasm from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';

export type OrtBuild = 'wasm' | 'webgpu';

export interface WebgpuCheck {
  ok: boolean;
  reason: string;
}

type OrtModule = typeof import('onnxruntime-web/wasm');

/** What a worker settled on before the engine starts. */
export interface BrowserRuntime {
  build: OrtBuild;
  ort: OrtModule;
  /** Absolute URL of that build's .wasm, on the app's own origin. */
  wasmUrl: string;
  /** Whether WebGPU can be used in this worker, and if not, why (shown in the UI). */
  webgpu: WebgpuCheck;
}

/** The WebGPU build only where WebGPU may actually be used; WASM alone runs better on the plain one. */
export function ortBuildFor(choice: BackendChoice, webgpu: WebgpuCheck): OrtBuild {
  return choice !== 'wasm' && webgpu.ok ? 'webgpu' : 'wasm';
}

/**
 * Can this worker use WebGPU: an adapter, and the WebGPU build's wasm at hand. That wasm is not
 * part of the offline install (only devices with WebGPU need it); the service worker stores it the
 * first time it is fetched, so offline it is usable only once stored.
 */
export async function checkWebgpu(): Promise<WebgpuCheck> {
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  if (!gpu) return { ok: false, reason: 'This browser does not offer WebGPU.' };
  try {
    if (!(await gpu.requestAdapter())) return { ok: false, reason: 'WebGPU is present but found no GPU adapter.' };
  } catch (err) {
    return { ok: false, reason: `WebGPU adapter request failed (${(err as Error).message}).` };
  }
  if (!navigator.onLine && !(await globalThis.caches?.match(absolute(webgpuWasm)))) {
    return {
      ok: false,
      reason:
        'WebGPU is present, but its runtime is not stored on this device yet (it is fetched on first use online).',
    };
  }
  return { ok: true, reason: 'WebGPU adapter found.' };
}

/** Decides the build for `choice` and hands it to transformers.js (which must not be loaded yet). */
export async function installOrt(choice: BackendChoice): Promise<BrowserRuntime> {
  const webgpu = choice === 'wasm' ? { ok: false, reason: 'WASM chosen in settings.' } : await checkWebgpu();
  const build = ortBuildFor(choice, webgpu);
  const ort = build === 'webgpu' ? await import('onnxruntime-web/webgpu') : await import('onnxruntime-web/wasm');
  (globalThis as Record<symbol, unknown>)[Symbol.for('onnxruntime')] = ort;
  return { build, ort, webgpu, wasmUrl: absolute(build === 'webgpu' ? webgpuWasm : plainWasm) };
}

// A one-node ONNX graph (Identity, float[1]), 79 bytes: its session starts ONNX Runtime.
const TINY_MODEL =
  'CAgSB21lZHRleHQ6PAoQCgF4EgF5IghJZGVudGl0eRIGd2FybXVwWg8KAXgSCgoICAESBAoCCAFiDwoBeRIKCggIARIECgIIAUIECgAQDQ==';

/**
 * Starts ONNX Runtime (fetch and compile its wasm, set up its threads: about 2 s here) as soon as
 * the worker exists, so a model's first session does not wait for it. Call after the wasm path
 * and thread count are set. A failure is left to the model's own load to report.
 */
export async function warmUpOrt(runtime: BrowserRuntime): Promise<void> {
  try {
    const bytes = Uint8Array.from(atob(TINY_MODEL), (c) => c.charCodeAt(0));
    const session = await runtime.ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
    await session.release();
  } catch {
    // The model's own load reports what went wrong.
  }
}

function absolute(url: string): string {
  return new URL(url, self.location.href).href;
}
