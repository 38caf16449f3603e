import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discoverModels, isBenchOnly, precacheUrls, summarisePrecache } from '../../../bench/speed/sizes.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'bench-sizes-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function file(rel: string, bytes: number | string) {
  const abs = path.join(tmp, rel);
  mkdirSync(path.dirname(abs), { recursive: true });
  writeFileSync(abs, typeof bytes === 'string' ? bytes : Buffer.alloc(bytes));
}

describe('precacheUrls', () => {
  it('reads minified and plain workbox manifests, once per URL', () => {
    const sw =
      'e.precacheAndRoute([{url:"index.html",revision:"abc"},{url:"assets/main-x.js",revision:null},' +
      '{"url": "models/m/onnx/model_quantized.onnx", "revision": "1"},{url:"index.html",revision:"abc"}],{})';
    expect(precacheUrls(sw)).toEqual(['index.html', 'assets/main-x.js', 'models/m/onnx/model_quantized.onnx']);
  });

  it('tells bench-only files from the app', () => {
    expect(isBenchOnly('bench.html')).toBe(true);
    expect(isBenchOnly('assets/bench-a1.js')).toBe(true);
    expect(isBenchOnly('assets/bench.worker-a1.js')).toBe(true);
    expect(isBenchOnly('assets/engine.worker-a1.js')).toBe(false);
    expect(isBenchOnly('models/bench/config.json')).toBe(false);
  });
});

describe('summarisePrecache', () => {
  it('sums precached files by kind and leaves the bench page out of the app total', () => {
    file(
      'dist/sw.js',
      'precacheAndRoute([{url:"index.html",revision:"1"},{url:"bench.html",revision:"1"},' +
        '{url:"assets/ort-wasm-simd-threaded.asyncify-H.wasm",revision:null},' +
        '{url:"models/entities/onnx/model_quantized.onnx",revision:"1"}])',
    );
    file('dist/workbox-1.js', 100);
    file('dist/index.html', 10);
    file('dist/bench.html', 20);
    file('dist/assets/ort-wasm-simd-threaded.asyncify-H.wasm', 1000);
    file('dist/models/entities/onnx/model_quantized.onnx', 500);
    file('dist/models/entities/concepts.json.gz', 50);
    const s = summarisePrecache(path.join(tmp, 'dist'));
    expect(s.files).toBe(4);
    expect(s.bytes).toBe(1530);
    expect(s.app_bytes).toBe(1510);
    expect(s.bench_only_bytes).toBe(20);
    expect(s.models_bytes).toBe(550);
    expect(s.models_precached_bytes).toBe(500);
    expect(s.not_precached).toEqual(['models/entities/concepts.json.gz']);
    expect(s.ort_bytes).toBe(1000);
    expect(s.sw_bytes).toBeGreaterThan(100);
  });

  it('says so when there is no service worker', () => {
    expect(() => summarisePrecache(path.join(tmp, 'nothing'))).toThrow(/sw\.js is missing/);
  });
});

describe('discoverModels', () => {
  it('lists shipped models with their sizes and says why others are skipped', () => {
    const cfg = (task?: string) =>
      JSON.stringify(task ? { medtext: { task, max_length: 128 } } : { model_type: 'bert' });
    file('models/entities/config.json', cfg('entities'));
    file('models/entities/onnx/model.onnx', 400);
    file('models/entities/onnx/model_quantized.onnx', 100);
    file('models/ade/config.json', cfg('classify'));
    file('models/plain/config.json', cfg());
    file('models/plain/onnx/model_quantized.onnx', 1);
    mkdirSync(path.join(tmp, 'models/empty'), { recursive: true });
    const { models, skipped } = discoverModels(path.join(tmp, 'models'));
    expect(models).toEqual([{ name: 'entities', task: 'entities', max_length: 128, bytes_fp32: 400, bytes_q8: 100 }]);
    expect(skipped).toEqual([
      'ade: no onnx/model_quantized.onnx (not shipped yet)',
      'empty: no config.json',
      'plain: config.json has no medtext.task',
    ]);
  });

  it('copes with a missing models folder', () => {
    expect(discoverModels(path.join(tmp, 'none')).models).toEqual([]);
  });
});
