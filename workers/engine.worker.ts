// The model worker: builds the engine for the browser and exposes it with comlink. Nothing else.
import { expose } from 'comlink';
import { Engine } from './engine.ts';
import { fetchModelFiles } from './runtime/files.ts';
import { configureLocalOnly } from './runtime/models.ts';
import { browserProbe } from './runtime/browser-probe.ts';

const base = new URL(import.meta.env.BASE_URL, self.location.origin).href;
const files = fetchModelFiles(`${base}models/`);
configureLocalOnly(files, {
  mjs: `${base}ort/ort-wasm-simd-threaded.asyncify.mjs`,
  wasm: `${base}ort/ort-wasm-simd-threaded.asyncify.wasm`,
});

expose(new Engine({ files, probe: browserProbe() }));
