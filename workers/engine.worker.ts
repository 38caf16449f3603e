// The model worker: builds the engine for the browser and exposes it with comlink. Nothing else.
import { expose } from 'comlink';
import { Engine } from './engine.ts';
import { fetchModelFiles } from './runtime/files.ts';
import { configureLocalOnly } from './runtime/models.ts';
import { browserProbe } from './runtime/browser-probe.ts';
// The same onnxruntime-web version transformers.js uses (pinned in package.json), so Vite emits
// this one wasm file with the app and ONNX Runtime never looks for it on a CDN.
import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';

const base = new URL(import.meta.env.BASE_URL, self.location.origin).href;
const files = fetchModelFiles(`${base}models/`);
configureLocalOnly(files, { wasm: new URL(ortWasmUrl, self.location.href).href });

expose(new Engine({ files, probe: browserProbe() }));
