// Node variant of ModelFiles for tests, eval and bench: reads models/ from disk.
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { ModelFileError, parseJsonBytes, type ModelFiles } from './files.ts';

export function diskModelFiles(root: string): ModelFiles {
  const abs = path.resolve(root);
  return {
    root: abs + path.sep,
    async readJson(model, file) {
      try {
        return await parseJsonBytes(await readFile(path.join(abs, model, file)));
      } catch (err) {
        throw new ModelFileError(model, file, (err as Error).message);
      }
    },
    async list() {
      const names: string[] = [];
      for (const name of await readdir(abs)) {
        const config = path.join(abs, name, 'config.json');
        if (
          await stat(config).then(
            () => true,
            () => false,
          )
        )
          names.push(name);
      }
      return names.sort();
    },
  };
}
