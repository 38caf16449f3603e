// Models of your own in the browser: the files of a checked folder (foreign-model.ts) kept in Cache
// Storage under the app's origin, at <models root>own/<name>/<file>. The page writes them (Settings);
// the model worker reads them from there and never from the network (files.ts answers those URLs).
export const OWN_MODELS_CACHE = 'medtext-own-models';
/** Folder of the own models under the models root; their names are `own/<name>`. */
export const OWN_PREFIX = 'own/';

export interface OwnModelFile {
  /** Path inside the model folder, e.g. "onnx/model_quantized.onnx". */
  path: string;
  body: Blob | string;
}

/** A name that is safe as one URL path segment (the folder's name, tidied). */
export function ownModelName(folderName: string): string {
  const tidy = folderName
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-.]+|-+$/g, '');
  return OWN_PREFIX + (tidy || 'model');
}

const available = (): boolean => typeof caches !== 'undefined';
const JSON_TYPE = { 'Content-Type': 'application/json' };

/** The stored file at `url`, or a 404: never a network request. */
export async function ownModelResponse(url: string): Promise<Response> {
  const stored = available() ? await caches.match(url, { cacheName: OWN_MODELS_CACHE }) : undefined;
  return stored ?? new Response(null, { status: 404, statusText: 'Not stored' });
}

/** Names (`own/<name>`) of the stored models. */
export async function ownModelNames(root: string): Promise<string[]> {
  if (!available()) return [];
  const keys = await (await caches.open(OWN_MODELS_CACHE)).keys();
  const names = keys.flatMap((request) => {
    const url = request.url;
    return url.startsWith(root) && url.endsWith('/config.json') ? [url.slice(root.length, -'/config.json'.length)] : [];
  });
  return names.filter((n) => n.startsWith(OWN_PREFIX)).sort();
}

export interface OwnModelSummary {
  name: string;
  task: string;
  /** Chosen over the built-in model of its kind. */
  preferred: boolean;
}

type StoredConfig = { medtext: { task: string; preferred?: boolean } };

async function storedConfig(cache: Cache, root: string, name: string): Promise<StoredConfig> {
  const res = await cache.match(`${root}${name}/config.json`);
  if (!res) throw new Error(`${name} is not stored.`);
  return (await res.json()) as StoredConfig;
}

/** The stored models with their kind and whether each is preferred. */
export async function ownModels(root: string): Promise<OwnModelSummary[]> {
  if (!available()) return [];
  const cache = await caches.open(OWN_MODELS_CACHE);
  const summaries = [];
  for (const name of await ownModelNames(root)) {
    const { medtext } = await storedConfig(cache, root, name);
    summaries.push({ name, task: medtext.task, preferred: Boolean(medtext.preferred) });
  }
  return summaries;
}

/** Makes `name` the model of its kind the engine picks (or not); at most one own model per kind is. */
export async function setPreferred(root: string, name: string, preferred: boolean): Promise<void> {
  const cache = await caches.open(OWN_MODELS_CACHE);
  const { task } = (await storedConfig(cache, root, name)).medtext;
  for (const other of await ownModels(root)) {
    const want = other.name === name ? preferred : other.task === task ? false : other.preferred;
    if (want === other.preferred) continue;
    const config = await storedConfig(cache, root, other.name);
    config.medtext.preferred = want;
    await cache.put(`${root}${other.name}/config.json`, new Response(JSON.stringify(config), { headers: JSON_TYPE }));
  }
}

/** Removes a stored model's files. */
export async function removeOwnModel(root: string, name: string): Promise<void> {
  if (!available()) return;
  const cache = await caches.open(OWN_MODELS_CACHE);
  for (const request of await cache.keys()) if (request.url.startsWith(`${root}${name}/`)) await cache.delete(request);
}

/** Stores a model's files (replacing a model of the same name); config.json last, as it makes the model listed. */
export async function storeOwnModel(root: string, name: string, files: OwnModelFile[]): Promise<void> {
  if (!available()) throw new Error('This browser cannot store files for the app (Cache Storage is unavailable).');
  await removeOwnModel(root, name);
  const cache = await caches.open(OWN_MODELS_CACHE);
  const ordered = [...files.filter((f) => f.path !== 'config.json'), ...files.filter((f) => f.path === 'config.json')];
  for (const file of ordered) {
    const headers = file.path.endsWith('.json') ? JSON_TYPE : { 'Content-Type': 'application/octet-stream' };
    await cache.put(`${root}${name}/${file.path}`, new Response(file.body, { headers }));
  }
}
