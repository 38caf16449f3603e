// One download per file on a first visit. The page's worker (ONNX Runtime's wasm, the first model)
// and the service worker's precache install (everything) need the same files at the same time;
// the worker is not controlled by a service worker that installs after it started, so both used
// to download them (57.4 MiB for a 43 MiB app). Now whoever needs a file first downloads it under
// a Web Lock named after it and leaves a copy in a hand-off cache; the other waits for the lock
// and takes the copy. scripts/sw-integrity.js is the service worker's side (same names, checked
// by tests/unit/runtime/browser-handoff.test.ts); it deletes the hand-off cache once it activates.
import { markVerified, mustBeVerified } from './browser-integrity.ts';

export const HANDOFF_CACHE = 'medtext-first-visit';
/** Held by whoever downloads `path` (the worker or the service worker's install). */
export const downloadLock = (path: string) => `medtext-download:${path}`;
/** Held (shared) by a worker waiting for `path`: the service worker then leaves it a copy. */
export const wantLock = (path: string) => `medtext-wants:${path}`;
/** Workbox's precache: a file already in it is not handed off (warm visits, updates). */
export const PRECACHE_PREFIX = 'workbox-precache';

type Fetch = (url: string) => Promise<Response>;
/** Whether `bytes` are what integrity.json lists for `path`. */
type Expected = (path: string, bytes: ArrayBuffer) => Promise<boolean>;

/** Only built apps register a service worker; elsewhere a hand-off copy would never be collected. */
function handoffApplies(path: string | null): path is string {
  const env = (import.meta as ImportMeta & { env?: { PROD?: boolean } }).env;
  return (
    path !== null &&
    mustBeVerified(path) &&
    env?.PROD === true &&
    globalThis.isSecureContext === true &&
    typeof globalThis.caches !== 'undefined' &&
    typeof globalThis.navigator?.locks !== 'undefined'
  );
}

/** Workbox's copies of `url` (keys carry a revision query, ?__WB_REVISION__=…; an update adds a second). */
async function precachedCopies(url: string): Promise<Response[]> {
  const copies: Response[] = [];
  for (const name of await caches.keys()) {
    if (name.startsWith(PRECACHE_PREFIX))
      copies.push(...(await (await caches.open(name)).matchAll(url, { ignoreSearch: true })));
  }
  return copies;
}

/** A precached copy whose bytes are the expected ones (never a previous version's), or null. */
async function expectedCopy(copies: Response[], path: string, isExpected: Expected): Promise<Response | null> {
  for (const copy of copies) {
    const bytes = await copy.arrayBuffer();
    if (await isExpected(path, bytes)) return markVerified(bytes, copy.headers);
  }
  return null;
}

/**
 * `fetchRaw(url)`, except on a first visit: a copy the service worker's install left is used
 * instead, and a file the install has not stored yet is left for it. `path` is `url` relative to
 * the app's base (null: not the app's file, fetched as usual).
 */
export async function fetchOnce(url: string, path: string | null, fetchRaw: Fetch, isExpected: Expected) {
  if (!handoffApplies(path)) return fetchRaw(url);
  // Already stored by the install (this worker started before the service worker controlled it).
  const stored = await expectedCopy(await precachedCopies(url), path, isExpected);
  if (stored) return stored;
  const locks = navigator.locks;
  return locks.request(wantLock(path), { mode: 'shared' }, () =>
    locks.request(downloadLock(path), async (): Promise<Response> => {
      if (await caches.has(HANDOFF_CACHE)) {
        const handed = await caches.match(url, { cacheName: HANDOFF_CACHE });
        if (handed) return handed;
      }
      // The install may have downloaded it while this worker waited for the lock, before it asked
      // for the file (so it left no hand-off copy): it holds the lock until Workbox has stored it.
      const storedMeanwhile = await expectedCopy(await precachedCopies(url), path, isExpected);
      if (storedMeanwhile) return storedMeanwhile;
      const response = await fetchRaw(url);
      if (!response.ok || (await precachedCopies(url)).length > 0) return response;
      // Only the listed bytes are handed on: a damaged download is never stored (the caller's
      // check then names the file).
      const bytes = await response.arrayBuffer();
      if (!(await isExpected(path, bytes))) return new Response(bytes, { status: 200, headers: response.headers });
      // Stored before the lock is released, so that the service worker's install, waiting on it,
      // finds the copy. A full disk costs only the saving: the file itself is still returned.
      const handoff = await caches.open(HANDOFF_CACHE);
      await handoff.put(url, new Response(bytes, { headers: response.headers })).catch(() => {});
      return markVerified(bytes, response.headers);
    }),
  );
}
