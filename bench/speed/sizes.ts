// What the models and the PWA cost in bytes: ONNX files per dtype, and everything the service
// worker precaches on the first visit (read from dist/sw.js's precache manifest).
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export interface BenchModel {
  name: string;
  task: string;
  max_length: number | null;
  bytes_fp32: number | null;
  bytes_q8: number | null;
}

const sizeOf = (file: string): number | null => (existsSync(file) ? statSync(file).size : null);

/** Every models/<name>/ with a config.json carrying a medtext block; others are listed as skipped. */
export function discoverModels(modelsDir: string): { models: BenchModel[]; skipped: string[] } {
  const models: BenchModel[] = [];
  const skipped: string[] = [];
  if (!existsSync(modelsDir)) return { models, skipped: [`${modelsDir} does not exist`] };
  for (const name of readdirSync(modelsDir).sort()) {
    const dir = path.join(modelsDir, name);
    if (!statSync(dir).isDirectory()) continue;
    const configFile = path.join(dir, 'config.json');
    if (!existsSync(configFile)) {
      skipped.push(`${name}: no config.json`);
      continue;
    }
    let medtext: { task?: string; max_length?: number } | undefined;
    try {
      medtext = (JSON.parse(readFileSync(configFile, 'utf8')) as { medtext?: typeof medtext }).medtext;
    } catch (err) {
      skipped.push(`${name}: config.json unreadable (${(err as Error).message})`);
      continue;
    }
    if (!medtext?.task) {
      skipped.push(`${name}: config.json has no medtext.task`);
      continue;
    }
    const q8 = sizeOf(path.join(dir, 'onnx/model_quantized.onnx'));
    if (q8 == null) {
      skipped.push(`${name}: no onnx/model_quantized.onnx (not shipped yet)`);
      continue;
    }
    models.push({
      name,
      task: medtext.task,
      max_length: medtext.max_length ?? null,
      bytes_fp32: sizeOf(path.join(dir, 'onnx/model.onnx')),
      bytes_q8: q8,
    });
  }
  return { models, skipped };
}

/** URLs in a workbox precache manifest, e.g. `{url:"assets/x.js",revision:null}` (minified or not). */
export function precacheUrls(swSource: string): string[] {
  const urls = new Set<string>();
  for (const m of swSource.matchAll(/["']?url["']?\s*:\s*"([^"]+)"\s*,\s*["']?revision["']?/g)) urls.add(m[1]);
  return [...urls];
}

/** Pages and chunks that exist only for the bench; the shipped app never loads them. */
export const isBenchOnly = (url: string): boolean => /^bench\.html$|^assets\/bench[-.]/.test(url);

export interface PrecacheSummary {
  /** Everything the service worker precaches, as built. */
  files: number;
  bytes: number;
  /** The same without the bench page and its chunks: what a user downloads on the first visit. */
  app_bytes: number;
  /** Every file under dist/models/, precached or not: what the models cost to download. */
  models_bytes: number;
  models_precached_bytes: number;
  /** Files the app serves under models/ that the service worker does not precache (not offline). */
  not_precached: string[];
  ort_bytes: number;
  /** sw.js and its workbox runtime, fetched on the first visit but not precached. */
  sw_bytes: number;
  bench_only_bytes: number;
}

export function summarisePrecache(distDir: string): PrecacheSummary {
  const swFile = path.join(distDir, 'sw.js');
  if (!existsSync(swFile)) throw new Error(`${swFile} is missing: was dist/ built with vite-plugin-pwa?`);
  const urls = precacheUrls(readFileSync(swFile, 'utf8'));
  if (urls.length === 0) throw new Error(`no precache manifest found in ${swFile}`);
  const s: PrecacheSummary = {
    files: urls.length,
    bytes: 0,
    app_bytes: 0,
    models_bytes: 0,
    models_precached_bytes: 0,
    not_precached: [],
    ort_bytes: 0,
    sw_bytes: 0,
    bench_only_bytes: 0,
  };
  for (const url of urls) {
    const size = sizeOf(path.join(distDir, decodeURIComponent(url))) ?? 0;
    s.bytes += size;
    if (isBenchOnly(url)) s.bench_only_bytes += size;
    else s.app_bytes += size;
    if (url.startsWith('models/')) s.models_precached_bytes += size;
    if (/(^|\/)ort-wasm[^/]*$/.test(url)) s.ort_bytes += size;
  }
  const precached = new Set(urls.map((u) => decodeURIComponent(u)));
  for (const rel of walk(path.join(distDir, 'models')).map((f) => `models/${f}`)) {
    s.models_bytes += sizeOf(path.join(distDir, rel)) ?? 0;
    if (!precached.has(rel)) s.not_precached.push(rel);
  }
  for (const f of readdirSync(distDir)) {
    if (f === 'sw.js' || /^workbox-.*\.js$/.test(f)) s.sw_bytes += statSync(path.join(distDir, f)).size;
  }
  return s;
}

/** Files under `dir`, relative, with forward slashes. */
function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(path.join(dir, e.name)).map((f) => `${e.name}/${f}`) : [e.name],
  );
}
