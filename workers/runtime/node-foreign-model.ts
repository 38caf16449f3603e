// Bring your own model in Node (the command line): reads a folder in Hugging Face layout from disk,
// checks it (foreign-model.ts), and serves it to the engine with its medtext-ready config and tokenizer.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { checkForeignModel, preparedJson, type ForeignCheck, type ForeignFolder } from './foreign-model.ts';
import { diskModelFiles } from './node-files.ts';
import type { ModelFiles } from './files.ts';

/** Folders below the model's that are looked into (onnx/, 1_Pooling/): enough for every layout we read. */
const MAX_DEPTH = 2;

async function listFiles(dir: string, depth = 0): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(async (e) => {
      if (e.isFile()) return [e.name];
      if (!e.isDirectory() || depth >= MAX_DEPTH) return [];
      return (await listFiles(path.join(dir, e.name), depth + 1)).map((p) => `${e.name}/${p}`);
    }),
  );
  return nested.flat();
}

/** A JSON file's content; undefined when absent, the reason (a string) when it is not JSON. */
async function readJsonFile(file: string): Promise<unknown> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    return `not valid JSON (${(err as Error).message})`;
  }
}

export async function readForeignFolder(dir: string): Promise<ForeignFolder> {
  const paths = await listFiles(dir);
  const json = (file: string) => (paths.includes(file) ? readJsonFile(path.join(dir, file)) : undefined);
  const [config, tokenizer, tokenizerConfig, pooling] = await Promise.all(
    ['config.json', 'tokenizer.json', 'tokenizer_config.json', '1_Pooling/config.json'].map(json),
  );
  const vocab = paths.includes('vocab.txt') ? await readFile(path.join(dir, 'vocab.txt'), 'utf8') : undefined;
  // A tokenizer.json that is not JSON reads as no tokenizer object: the check then says what it holds.
  return { paths, config, tokenizer: typeof tokenizer === 'string' ? {} : tokenizer, tokenizerConfig, vocab, pooling };
}

export interface ForeignModelFolder {
  check: ForeignCheck;
  /** The folder's model for the engine (its name is the folder's); only when the check passed. */
  files?: ModelFiles;
  name: string;
}

/** Checks the folder and, when it fits, gives the engine its files with the prepared config and tokenizer. */
export async function openForeignModel(dir: string): Promise<ForeignModelFolder> {
  const abs = path.resolve(dir);
  const name = path.basename(abs);
  const folder = await readForeignFolder(abs).catch((err: Error) => err);
  if (folder instanceof Error)
    return { name, check: { ok: false, problems: [`The folder cannot be read (${folder.message}).`] } };
  const check = checkForeignModel(folder);
  if (!check.ok) return { name, check };
  const prepared = preparedJson(folder, check.model);
  const disk = diskModelFiles(path.dirname(abs));
  const files: ModelFiles = {
    root: disk.root,
    async readJson(model, file) {
      if (model === name && file === 'config.json') return prepared.config;
      if (model === name && file === 'tokenizer.json') return prepared.tokenizer;
      return disk.readJson(model, file);
    },
    // Only this model: its siblings need not be models medtext can read.
    list: async () => [name],
  };
  return { name, check, files };
}
