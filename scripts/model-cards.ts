// Vite plugin: `import cards from 'virtual:model-cards'` gives the About page a compact summary of
// every shipped model (a folder of models/ with a config.json), read from its card and config at
// build time, so the page always says what the committed cards say.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { parseModelCard, type ModelCardSummary } from './model-card-parser.ts';

const VIRTUAL_ID = 'virtual:model-cards';
const RESOLVED_ID = `\0${VIRTUAL_ID}`;
const ONNX_FILE = join('onnx', 'model_quantized.onnx');

/** Every model folder that ships (has a config.json and a card), by name. */
export function readModelCards(modelsDir: string): ModelCardSummary[] {
  return readdirSync(modelsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(modelsDir, entry.name))
    .filter((dir) => existsSync(join(dir, 'config.json')) && existsSync(join(dir, 'README.md')))
    .sort()
    .map((dir) => {
      const name = dir.split(/[\\/]/).at(-1) ?? dir;
      const onnx = join(dir, ONNX_FILE);
      return parseModelCard(
        name,
        readFileSync(join(dir, 'README.md'), 'utf8'),
        JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')),
        existsSync(onnx) ? statSync(onnx).size : null,
      );
    });
}

export function modelCards(modelsDir = 'models'): Plugin {
  let dir = resolve(modelsDir);
  return {
    name: 'medtext-model-cards',
    configResolved(config) {
      dir = resolve(config.root, modelsDir);
    },
    resolveId(id) {
      return id === VIRTUAL_ID ? RESOLVED_ID : null;
    },
    load(id) {
      if (id !== RESOLVED_ID) return null;
      const cards = readModelCards(dir);
      // A card edited during `vite dev` rebuilds the page.
      for (const card of cards) this.addWatchFile(join(dir, card.name, 'README.md'));
      return `export default ${JSON.stringify(cards)};`;
    },
  };
}
