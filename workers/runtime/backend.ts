// Backend choice. `auto` takes WebGPU only when an adapter exists AND a validation inference on
// it agrees with WASM; otherwise WASM, with the reason in words for the UI.
import type { Backend, BackendChoice, RuntimeInfo } from '../api.ts';

export interface BackendProbe {
  /** Whether navigator.gpu gives an adapter, and if not, why. */
  webgpuAdapter(): Promise<{ ok: boolean; reason: string }>;
  /** Runs the same small input on both backends; max |difference| of the outputs and whether the top labels agree. */
  compare(): Promise<{ maxDiff: number; sameTop: boolean }>;
  threads: number;
  crossOriginIsolated: boolean;
}

/** q8 MatMulInteger results differ slightly between kernels; labels must still agree. */
export const WEBGPU_TOLERANCE = 0.05;

export async function chooseBackend(choice: BackendChoice, probe: BackendProbe): Promise<RuntimeInfo> {
  const base = { threads: probe.threads, crossOriginIsolated: probe.crossOriginIsolated };
  const threadNote =
    probe.threads > 1
      ? `${probe.threads} threads`
      : probe.crossOriginIsolated
        ? 'one thread (this device reports one core)'
        : 'one thread (page not cross-origin isolated)';
  const info = (backend: Backend, reason: string): RuntimeInfo => ({ ...base, backend, reason });
  if (choice === 'wasm') return info('wasm', `WASM chosen in settings, ${threadNote}.`);
  const adapter = await probe.webgpuAdapter();
  if (choice === 'webgpu') {
    if (!adapter.ok) throw new Error(`WebGPU was chosen in settings but is not available: ${adapter.reason}`);
    return info('webgpu', 'WebGPU chosen in settings.');
  }
  if (!adapter.ok) return info('wasm', `${adapter.reason} Using WASM, ${threadNote}.`);
  try {
    const { maxDiff, sameTop } = await probe.compare();
    if (sameTop && maxDiff <= WEBGPU_TOLERANCE) {
      return info('webgpu', `WebGPU passed a check against WASM (largest difference ${maxDiff.toFixed(4)}).`);
    }
    return info(
      'wasm',
      `WebGPU gave different answers from WASM (difference ${maxDiff.toFixed(3)}), so WASM is used, ${threadNote}.`,
    );
  } catch (err) {
    const failed = info('wasm', `WebGPU failed a test run (${(err as Error).message}); using WASM, ${threadNote}.`);
    return { ...failed, recycle: true };
  }
}
