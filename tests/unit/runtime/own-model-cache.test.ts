// Models of your own in Cache Storage: stored, listed, preferred (one per kind), answered without the
// network, removed. Node has no Cache Storage: a small in-memory one stands in for it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ownModelName,
  ownModelNames,
  ownModelResponse,
  ownModels,
  removeOwnModel,
  setPreferred,
  storeOwnModel,
} from '../../../workers/runtime/own-model-cache.ts';

const ROOT = 'http://localhost:4173/models/';

/** Cache Storage with the calls own-model-cache.ts makes, keyed by URL. */
function memoryCaches() {
  const stores = new Map<string, Map<string, Response>>();
  const open = async (name: string) => {
    const store = stores.get(name) ?? new Map<string, Response>();
    stores.set(name, store);
    return {
      match: async (url: string) => store.get(url)?.clone(),
      put: async (url: string, res: Response) => void store.set(url, res),
      keys: async () => [...store.keys()].map((url) => new Request(url)),
      delete: async (req: Request) => store.delete(req.url),
    };
  };
  const match = async (url: string, opts: { cacheName: string }) => (await open(opts.cacheName)).match(url);
  return { open, match, stores };
}

const config = (task: string) => JSON.stringify({ model_type: 'bert', medtext: { task, max_length: 128 } });
const model = (task: string) => [
  { path: 'onnx/model.onnx', body: new Blob([new Uint8Array([1, 2, 3])]) },
  { path: 'config.json', body: config(task) },
];

describe('own models in Cache Storage', () => {
  let fake: ReturnType<typeof memoryCaches>;
  beforeEach(() => {
    fake = memoryCaches();
    vi.stubGlobal('caches', fake);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('names a model after its folder, safe in a URL', () => {
    expect(ownModelName('My NER (v2)')).toBe('own/my-ner-v2');
    expect(ownModelName('...')).toBe('own/model');
  });

  it('lists stored models and answers their files, and a 404 (never the network) for others', async () => {
    await storeOwnModel(ROOT, 'own/tagger', model('entities'));
    await storeOwnModel(ROOT, 'own/encoder', model('embeddings'));
    expect(await ownModelNames(ROOT)).toEqual(['own/encoder', 'own/tagger']);
    const onnx = await ownModelResponse(`${ROOT}own/tagger/onnx/model.onnx`);
    expect(new Uint8Array(await onnx.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
    expect((await ownModelResponse(`${ROOT}own/tagger/onnx/model_fp16.onnx`)).status).toBe(404);
  });

  it('keeps at most one preferred model per kind', async () => {
    await storeOwnModel(ROOT, 'own/a', model('entities'));
    await storeOwnModel(ROOT, 'own/b', model('entities'));
    await storeOwnModel(ROOT, 'own/c', model('embeddings'));
    await setPreferred(ROOT, 'own/c', true);
    await setPreferred(ROOT, 'own/a', true);
    await setPreferred(ROOT, 'own/b', true);
    const preferred = (await ownModels(ROOT)).filter((m) => m.preferred).map((m) => m.name);
    expect(preferred).toEqual(['own/b', 'own/c']);
    await setPreferred(ROOT, 'own/b', false);
    expect((await ownModels(ROOT)).filter((m) => m.preferred).map((m) => m.name)).toEqual(['own/c']);
  });

  it('removes one model and leaves the others; storing again replaces', async () => {
    await storeOwnModel(ROOT, 'own/a', model('entities'));
    await storeOwnModel(ROOT, 'own/ab', model('classify'));
    await removeOwnModel(ROOT, 'own/a');
    expect(await ownModelNames(ROOT)).toEqual(['own/ab']);
    await storeOwnModel(ROOT, 'own/ab', [{ path: 'config.json', body: config('embeddings') }]);
    expect(await ownModels(ROOT)).toEqual([{ name: 'own/ab', task: 'embeddings', preferred: false }]);
    expect((await ownModelResponse(`${ROOT}own/ab/onnx/model.onnx`)).status).toBe(404);
  });
});
