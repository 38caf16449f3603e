// Checks every model, data and ONNX Runtime wasm file against integrity.json (SHA-256 digests
// written at build time by scripts/integrity.ts) before it is used. A wrong file — an HTML page
// served in its place, a truncated download, a damaged cache entry — is never run; the error
// names the file so that the UI can offer to download that file again.
import { baseFromWorkerName } from './worker-name.ts';

/** integrity.json: digests by path relative to the app's base URL. */
export interface IntegrityManifest {
  /** True in a build (every shipped file is listed); the dev server lists the models only. */
  complete: boolean;
  files: Record<string, string>;
  /**
   * For .gz files, the digest of their decompressed content: a host that sends them with
   * `Content-Encoding: gzip` (vite preview does) makes the browser hand over the decompressed bytes.
   */
  decoded?: Record<string, string>;
}

/** Whether `digest` is one the manifest accepts for `path`. */
export function digestMatches(list: IntegrityManifest, path: string, digest: string): boolean {
  return list.files[path] === digest || list.decoded?.[path] === digest;
}

/** The error's name survives comlink (message and name are copied); the UI keys its action on it. */
export const FILE_ERROR_NAME = 'MedtextFileError';

/** A file that failed to download or to verify; the message names it as `"<path>"`. */
export class FileCheckError extends Error {
  constructor(
    readonly path: string,
    readonly reason: 'damaged' | 'missing' | 'offline',
    detail: string,
  ) {
    const what =
      reason === 'damaged'
        ? 'is damaged or not the expected file'
        : reason === 'missing'
          ? 'is missing on the server'
          : 'could not be downloaded (no network connection)';
    super(`The file "${path}" ${what} (${detail}).`);
    this.name = FILE_ERROR_NAME;
  }
}

/** The path a FileCheckError's message names, for the UI's Re-download. */
export function failedFilePath(message: string): string | null {
  return /The file "([^"]+)"/.exec(message)?.[1] ?? null;
}

/** Which paths must be listed in a complete manifest: these are never served unverified. */
export function mustBeVerified(path: string): boolean {
  return path.startsWith('models/') || /\.(onnx|wasm)$/.test(path);
}

export async function sha256Hex(bytes: ArrayBuffer | Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as BufferSource);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The app's base URL in a browser: models/, integrity.json and the service worker live under it. */
export function appBaseUrl(): string {
  // An app embedding medtext names the base in the worker's name (src/lib/index.ts).
  const embedded = typeof self.name === 'string' ? baseFromWorkerName(self.name) : undefined;
  return embedded ?? new URL(import.meta.env.BASE_URL, self.location.origin).href;
}

let base: string | null = null;
let manifest: Promise<IntegrityManifest> | null = null;

/** Where the app is served from; integrity.json and every checked path are relative to it. */
export function configureIntegrity(baseUrl: string): void {
  base = baseUrl;
  manifest = null;
}

function loadManifest(fetchRaw: (url: string) => Promise<Response>): Promise<IntegrityManifest> {
  if (!manifest) {
    manifest = fetchRaw(`${base}integrity.json`).then(async (res) => {
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const parsed = (await res.json()) as IntegrityManifest;
      if (typeof parsed?.files !== 'object') throw new Error('no file list');
      return parsed;
    });
    // A failed read (offline on a first visit) must not stick.
    manifest.catch(() => (manifest = null));
  }
  return manifest;
}

/** The checked path of `url` relative to the base, or null when integrity is not configured or it is elsewhere. */
export function relativePath(url: string): string | null {
  if (!base || !url.startsWith(base)) return null;
  return decodeURIComponent(url.slice(base.length).split(/[?#]/)[0]);
}

/** The error each failingResponse carries: Chromium's arrayBuffer() reports it as "Failed to fetch". */
const failures = new WeakMap<Response, Error>();

/** A response whose body fails with `error` when read: transformers.js swallows errors thrown by fetch. */
export function failingResponse(error: Error): Response {
  const body = new ReadableStream({ start: (controller) => controller.error(error) });
  const res = new Response(body, { status: 200, headers: { 'Content-Type': 'application/octet-stream' } });
  failures.set(res, error);
  return res;
}

/** The bytes of a response from fetchVerified, or the error that names its file (never "Failed to fetch"). */
export async function responseBytes(res: Response): Promise<ArrayBuffer> {
  const failure = failures.get(res);
  if (failure) throw failure;
  return res.arrayBuffer();
}

/** Responses built here from bytes already checked against the manifest (see markVerified). */
const verified = new WeakSet<Response>();

/**
 * A Response of `bytes` that the caller has just checked against the manifest for its path: fetchVerified
 * takes it as it is instead of hashing the same bytes again (a warm start reads ~19 MB this way).
 */
export function markVerified(bytes: ArrayBuffer, headers: Headers): Response {
  const res = new Response(bytes, { status: 200, headers });
  verified.add(res);
  return res;
}

/**
 * Fetches `url` with `fetchRaw` and returns its bytes as a fresh Response once verified. Paths the
 * manifest does not list pass through (transformers.js probes optional files) unless they must be
 * verified and the manifest is complete. Failures come back as a Response whose body throws.
 */
export async function fetchVerified(url: string, fetchRaw: (url: string) => Promise<Response>): Promise<Response> {
  const path = relativePath(url);
  if (path === null || path === 'integrity.json') return fetchRaw(url);
  let list: IntegrityManifest;
  try {
    list = await loadManifest(fetchRaw);
  } catch (err) {
    const offline = globalThis.navigator?.onLine === false;
    const reason = offline ? 'offline' : 'damaged';
    return failingResponse(new FileCheckError('integrity.json', reason, (err as Error).message));
  }
  const expected = list.files[path];
  if (!expected && !(list.complete && mustBeVerified(path))) return fetchRaw(url);
  let res: Response;
  try {
    res = await fetchRaw(url);
  } catch (err) {
    const offline = globalThis.navigator?.onLine === false;
    return failingResponse(new FileCheckError(path, offline ? 'offline' : 'missing', (err as Error).message));
  }
  if (verified.has(res)) return res;
  if (!res.ok) {
    // The service worker's own check (scripts/sw-integrity.js) refused the file: say so.
    const refused = res.headers.get('X-Medtext-Integrity');
    return failingResponse(new FileCheckError(path, refused ? 'damaged' : 'missing', refused ?? `HTTP ${res.status}`));
  }
  if (!expected) return failingResponse(new FileCheckError(path, 'damaged', 'not listed in integrity.json'));
  const type = res.headers.get('Content-Type') ?? '';
  if (/text\/html/i.test(type)) return failingResponse(new FileCheckError(path, 'damaged', `served as ${type}`));
  const bytes = await res.arrayBuffer();
  const actual = await sha256Hex(bytes);
  if (!digestMatches(list, path, actual)) {
    return failingResponse(
      new FileCheckError(path, 'damaged', `SHA-256 ${actual.slice(0, 12)}… expected ${expected.slice(0, 12)}…`),
    );
  }
  return new Response(bytes, { status: 200, headers: res.headers });
}

/** Whether `bytes` are the listed content of `path` (false before integrity.json was read). */
export async function isListedContent(path: string, bytes: ArrayBuffer): Promise<boolean> {
  const list = await manifest?.catch(() => null);
  return !!list && digestMatches(list, path, await sha256Hex(bytes));
}

/** The verified bytes of `url`, or the FileCheckError that names it. */
export async function verifiedBytes(url: string, fetchRaw: (url: string) => Promise<Response>): Promise<ArrayBuffer> {
  return responseBytes(await fetchVerified(url, fetchRaw));
}
