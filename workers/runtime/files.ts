// How the engine reads a model's small JSON files. The browser fetches them from the app's own
// origin; Node (tests, eval, bench) reads them from disk. The ONNX files are loaded by
// transformers.js itself from the same root.
import { fetchOnce } from './browser-handoff.ts';
import { fetchVerified, isListedContent, relativePath } from './browser-integrity.ts';
import { OWN_PREFIX, ownModelNames, ownModelResponse } from './own-model-cache.ts';

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

/**
 * Parses JSON bytes, gunzipping them first when they are gzip (large lookup tables such as the
 * concept index ship compressed: a fifth of the download and of the offline cache). Sniffing the
 * magic bytes rather than trusting the name: some servers send `.gz` files with
 * `Content-Encoding: gzip`, and then the browser has already decompressed them.
 */
export async function parseJsonBytes(body: ArrayBuffer | Uint8Array): Promise<unknown> {
  const bytes = body instanceof Uint8Array ? body : new Uint8Array(body);
  const gzipped = bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>]);
  const stream = gzipped
    ? blob
        .stream()
        .pipeThrough(new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>)
    : blob.stream();
  return new Response(stream).json() as Promise<unknown>;
}

/**
 * Fetch for model files. They bypass the HTTP cache: the service worker's precache is their
 * store, and a second writer for the same large entry makes Chromium fail the request
 * (ERR_CACHE_WRITE_FAILURE) while the service worker precaches it on the first visit.
 * One retry covers a dropped connection; browser-handoff.ts shares the download with the install. Once configureIntegrity() has run (in the browser), a
 * listed file is checked against its SHA-256 digest and a failure reads as a FileCheckError.
 */
export async function fetchModelFile(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  const options: RequestInit = { ...init, cache: 'no-store' };
  const fetchRaw = async (url: string) => {
    try {
      return await fetch(url, options);
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 500));
      return fetch(url, options);
    }
  };
  const url = input instanceof Request ? input.url : String(input);
  // Models of your own are in Cache Storage, put there by the page (own-model-cache.ts): never fetched.
  if (relativePath(url)?.startsWith(`models/${OWN_PREFIX}`)) return ownModelResponse(url);
  // On a first visit the service worker's install needs the same file: one download for both.
  return fetchVerified(url, (raw) => fetchOnce(raw, relativePath(raw), fetchRaw, isListedContent));
}

/** Browser variant: same-origin fetch; the model list comes from models/index.json, then your own models. */
export function fetchModelFiles(root: string): ModelFiles {
  const get = async (path: string) => {
    const res = await fetchModelFile(root + path);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return parseJsonBytes(await res.arrayBuffer());
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
      const [shipped, own] = await Promise.all([get('index.json') as Promise<string[]>, ownModelNames(root)]);
      return [...shipped, ...own];
    },
  };
}
