// How the engine reads a model's small JSON files. The browser fetches them from the app's own
// origin; Node (tests, eval, bench) reads them from disk. The ONNX files are loaded by
// transformers.js itself from the same root.

export interface ModelFiles {
  /** Root given to transformers.js as env.localModelPath ('/models/' or an absolute folder). */
  root: string;
  readJson(model: string, file: string): Promise<unknown>;
  /** Names of the models available under root. */
  list(): Promise<string[]>;
}

export class ModelFileError extends Error {
  constructor(
    readonly model: string,
    readonly file: string,
    cause: string,
  ) {
    super(`Model "${model}" is missing or damaged (${file}: ${cause}).`);
  }
}

/** Browser variant: same-origin fetch; the model list comes from models/index.json. */
export function fetchModelFiles(root: string): ModelFiles {
  const get = async (path: string) => {
    const res = await fetch(root + path);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return res.json() as Promise<unknown>;
  };
  return {
    root,
    async readJson(model, file) {
      try {
        return await get(`${model}/${file}`);
      } catch (err) {
        throw new ModelFileError(model, file, (err as Error).message);
      }
    },
    async list() {
      return (await get('index.json')) as string[];
    },
  };
}
