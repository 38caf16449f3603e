// Start-up shared by every browser worker that runs the engine (the app's and the bench's): the
// ONNX Runtime build for the backend choice first, then what needs transformers.js (which picks up
// that build when it loads): the engine class, model files from our own origin, the browser probe.
// ONNX Runtime's wasm is fetched here and checked against integrity.json before ONNX Runtime gets
// its bytes (env.wasm.wasmBinary): a damaged wasm fails naming its file, not "expected magic word".
import type { BackendChoice } from '../api.ts';
import { appBaseUrl, configureIntegrity, responseBytes } from './browser-integrity.ts';
import { fetchModelFile } from './files.ts';
import { installOrt } from './ort-build.ts';

export async function startBrowserRuntime(choice: BackendChoice) {
  configureIntegrity(appBaseUrl());
  const runtime = await installOrt(choice);
  const [wasmBinary, { Engine }, { browserProbe }, { localBrowserModelFiles }] = await Promise.all([
    fetchModelFile(runtime.wasmUrl).then(responseBytes),
    import('../engine.ts'),
    import('./browser-probe.ts'),
    import('./browser-setup.ts'),
  ]);
  (runtime.ort.env.wasm as { wasmBinary?: ArrayBuffer }).wasmBinary = wasmBinary;
  return { runtime, Engine, files: localBrowserModelFiles(runtime), probe: browserProbe(runtime) };
}
