// Browser set-up shared by every worker that runs the engine (the app's and the bench's):
// models and the ONNX Runtime wasm come from the app's own origin, never a hub or a CDN.
// The wasm is the one of the onnxruntime-web version transformers.js uses (pinned in
// package.json), so Vite emits exactly that file with the app (ort-build.ts imports its URL).
import { appBaseUrl } from './browser-integrity.ts';
import { fetchModelFiles, type ModelFiles } from './files.ts';
import { configureLocalOnly } from './models.ts';
import type { BrowserRuntime } from './ort-build.ts';

export function localBrowserModelFiles(runtime: BrowserRuntime): ModelFiles {
  const files = fetchModelFiles(`${appBaseUrl()}models/`);
  configureLocalOnly(files, { wasm: runtime.wasmUrl });
  return files;
}
