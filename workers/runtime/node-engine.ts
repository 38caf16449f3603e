// The engine as eval, bench and model tests use it in Node: same code as the worker, with
// onnxruntime-node underneath and models read from disk.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Dtype } from '../api.ts';
import { Engine } from '../engine.ts';
import type { ModelFiles } from './files.ts';
import { diskModelFiles } from './node-files.ts';
import { configureLocalOnly } from './models.ts';

/** The package's root: the nearest folder above this module whose package.json is medtext's (source or bundle). */
function packageRoot(from: string): string {
  for (let dir = from; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'medtext') return dir;
  }
  return path.resolve(from, '../..');
}

export const REPO_ROOT = packageRoot(import.meta.dirname);

/** The models: models/ in a checkout; dist-lib/models/ (the same q8 files) in the installed package. */
export const MODELS_ROOT =
  [path.join(REPO_ROOT, 'models'), path.join(REPO_ROOT, 'dist-lib/models')].find((dir) => existsSync(dir)) ??
  path.join(REPO_ROOT, 'models');
export const DATA_ROOT = process.env.MEDTEXT_DATA ?? path.resolve(REPO_ROOT, '../shared/data');

/** The models under `modelsRoot` (default: the package's), or the given `files` (a folder of your own). */
export function nodeEngine(
  opts: { modelsRoot?: string; files?: ModelFiles; dtype?: Dtype; threads?: number } = {},
): Engine {
  const files = opts.files ?? diskModelFiles(opts.modelsRoot ?? MODELS_ROOT);
  configureLocalOnly(files);
  const sessionOptions = opts.threads ? { intraOpNumThreads: opts.threads, interOpNumThreads: 1 } : undefined;
  return new Engine({ files, dtype: opts.dtype ?? 'q8', sessionOptions });
}

/** Splits `models/entities` into its root and name, so any folder in HF layout can be evaluated. */
export function modelLocation(modelPath: string): { root: string; name: string } {
  const abs = path.resolve(modelPath);
  return { root: path.dirname(abs), name: path.basename(abs) };
}
