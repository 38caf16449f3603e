// Serves and bundles the shipped models (q8 files only) from the app's own origin. ONNX
// Runtime's wasm is emitted by Vite itself (workers/engine.worker.ts imports its URL).
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';
import { namedFiles, type ModelConfig } from '../workers/runtime/config.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
export const MODELS_DIR = path.join(ROOT, 'models');
/** Per model, the files the browser needs besides those its config names (fp32 ONNX stays out). */
const MODEL_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model_quantized.onnx'];

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
    const config = JSON.parse(readFileSync(path.join(MODELS_DIR, name, 'config.json'), 'utf8')) as ModelConfig;
    for (const file of [...MODEL_FILES, ...namedFiles(config)]) {
      const abs = path.join(MODELS_DIR, name, file);
      if (existsSync(abs)) map.set(`models/${name}/${file}`, abs);
    }
  }
  return map;
}

const TYPES: Record<string, string> = {
  '.json': 'application/json',
  '.onnx': 'application/octet-stream',
  '.gz': 'application/gzip',
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
