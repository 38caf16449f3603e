// Serves and bundles what the app loads at run time from its own origin: the shipped models
// (q8 files only) and ONNX Runtime's wasm. Nothing is fetched from a CDN or the model hub.
import { createRequire } from 'node:module';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

const ROOT = path.resolve(import.meta.dirname, '..');
export const MODELS_DIR = path.join(ROOT, 'models');
/** Per model, the files the browser needs (fp32 ONNX stays out of the download). */
const MODEL_FILES = [
  'config.json',
  'tokenizer.json',
  'tokenizer_config.json',
  'lexicon.json',
  'concepts.json',
  'onnx/model_quantized.onnx',
];
export const ORT_FILES = ['ort-wasm-simd-threaded.asyncify.mjs', 'ort-wasm-simd-threaded.asyncify.wasm'];

export function ortDistDir(): string {
  // The onnxruntime-web that transformers.js itself depends on, so versions always match.
  const req = createRequire(createRequire(import.meta.url).resolve('@huggingface/transformers'));
  return path.dirname(req.resolve('onnxruntime-web/webgpu'));
}

export function shippedModels(): string[] {
  if (!existsSync(MODELS_DIR)) return [];
  return readdirSync(MODELS_DIR)
    .filter(
      (name) =>
        existsSync(path.join(MODELS_DIR, name, 'config.json')) &&
        existsSync(path.join(MODELS_DIR, name, 'onnx/model_quantized.onnx')),
    )
    .sort();
}

/** URL path (under base) → file on disk, for everything this plugin serves. */
export function localAssetMap(): Map<string, string> {
  const map = new Map<string, string>();
  for (const name of shippedModels()) {
    for (const file of MODEL_FILES) {
      const abs = path.join(MODELS_DIR, name, file);
      if (existsSync(abs)) map.set(`models/${name}/${file}`, abs);
    }
  }
  const ort = ortDistDir();
  for (const file of ORT_FILES) map.set(`ort/${file}`, path.join(ort, file));
  return map;
}

const TYPES: Record<string, string> = {
  '.json': 'application/json',
  '.onnx': 'application/octet-stream',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
};

export function localAssets(): Plugin {
  let base = '/';
  return {
    name: 'medtext-local-assets',
    configResolved(config) {
      base = config.base;
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = decodeURIComponent((req.url ?? '').split('?')[0]);
        if (!url.startsWith(base)) return next();
        const rel = url.slice(base.length);
        if (rel === 'models/index.json') {
          res.setHeader('Content-Type', 'application/json');
          return res.end(JSON.stringify(shippedModels()));
        }
        const file = localAssetMap().get(rel);
        if (!file) return next();
        res.setHeader('Content-Type', TYPES[path.extname(file)] ?? 'application/octet-stream');
        res.setHeader('Content-Length', statSync(file).size);
        res.end(readFileSync(file));
      });
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'models/index.json', source: JSON.stringify(shippedModels()) });
      for (const [rel, file] of localAssetMap())
        this.emitFile({ type: 'asset', fileName: rel, source: readFileSync(file) });
    },
  };
}
