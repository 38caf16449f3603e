// A model folder picked in Settings (<input webkitdirectory>): read into what the check needs
// (workers/runtime/foreign-model.ts), and the files kept for the engine when it passes.
import {
  ONNX_FILES,
  preparedJson,
  type ForeignFolder,
  type ForeignModel,
} from '../../../workers/runtime/foreign-model.ts';
import { namedFiles } from '../../../workers/runtime/config.ts';
import type { OwnModelFile } from '../../../workers/runtime/own-model-cache.ts';

export interface PickedFolder {
  /** The folder's own name (the first segment of each file's relative path). */
  name: string;
  files: Map<string, File>;
}

/** Files by their path inside the picked folder. */
export function pickedFolder(files: Iterable<File>): PickedFolder {
  const byPath = new Map<string, File>();
  let name = '';
  for (const file of files) {
    const relative = file.webkitRelativePath || file.name;
    const slash = relative.indexOf('/');
    name ||= slash > 0 ? relative.slice(0, slash) : '';
    byPath.set(slash > 0 ? relative.slice(slash + 1) : relative, file);
  }
  return { name: name || 'model', files: byPath };
}

async function readJson(file: File | undefined): Promise<unknown> {
  if (!file) return undefined;
  try {
    return JSON.parse(await file.text()) as unknown;
  } catch (err) {
    return `not valid JSON (${(err as Error).message})`;
  }
}

export async function readPickedFolder(picked: PickedFolder): Promise<ForeignFolder> {
  const get = (path: string) => picked.files.get(path);
  const [config, tokenizer, tokenizerConfig, pooling] = await Promise.all(
    ['config.json', 'tokenizer.json', 'tokenizer_config.json', '1_Pooling/config.json'].map((p) => readJson(get(p))),
  );
  return {
    paths: [...picked.files.keys()],
    config,
    // A tokenizer.json that is not JSON reads as no tokenizer object: the check then says so.
    tokenizer: typeof tokenizer === 'string' ? {} : tokenizer,
    tokenizerConfig,
    vocab: await get('vocab.txt')?.text(),
    pooling,
  };
}

/** What the engine needs of a checked folder: config and tokenizer made ready for medtext, and the ONNX files. */
export function filesToKeep(picked: PickedFolder, folder: ForeignFolder, model: ForeignModel): OwnModelFile[] {
  const { config, tokenizer } = preparedJson(folder, model);
  const onnx = model.dtypes.map((d) => ({ path: ONNX_FILES[d], body: picked.files.get(ONNX_FILES[d])! }));
  // Data files a medtext block names (lexicon, concepts…), for a model built by training/.
  const named = namedFiles(model).filter((path) => picked.files.has(path));
  return [
    ...onnx,
    ...named.map((path) => ({ path, body: picked.files.get(path)! })),
    { path: 'tokenizer.json', body: JSON.stringify(tokenizer) },
    { path: 'config.json', body: JSON.stringify(config) },
  ];
}
