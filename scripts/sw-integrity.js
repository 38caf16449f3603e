// Loaded into the service worker (workbox `importScripts`) before it precaches or stores anything.
// A model, data or wasm file that is an HTML page (a static host's fallback for a missing path)
// or does not match integrity.json is never stored: the service worker answers 502 with the header
// X-Medtext-Integrity instead, so workbox fails the install (retried on the next visit) or leaves
// the cache alone, and the page names the damaged file.
(() => {
  const rawFetch = self.fetch.bind(self);
  const scope = new URL(self.registration.scope);
  let manifest = null;

  const loadManifest = () => {
    if (!manifest) {
      manifest = rawFetch(new URL('integrity.json', scope).href, { cache: 'no-store' }).then((res) => {
        if (!res.ok) throw new TypeError(`integrity.json: HTTP ${res.status}`);
        return res.json();
      });
      manifest.catch(() => (manifest = null));
    }
    return manifest;
  };

  const mustBeVerified = (path) => path.startsWith('models/') || /\.(onnx|wasm)$/.test(path);

  const hex = (buffer) => Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');

  const refuse = (path, why) =>
    new Response(`${path}: ${why}`, {
      status: 502,
      statusText: 'Integrity check failed',
      headers: { 'Content-Type': 'text/plain', 'X-Medtext-Integrity': why },
    });

  // One download per file on a first visit (workers/runtime/browser-handoff.ts is the page
  // worker's side, with the same names): during the install, a model or wasm file is fetched under
  // the lock the worker also takes; a copy the worker left is used instead of the network, and a
  // file a worker is waiting for is left for it. The hand-off cache goes once the install is done.
  const HANDOFF_CACHE = 'medtext-first-visit';
  const downloadLock = (path) => `medtext-download:${path}`;
  const wantLock = (path) => `medtext-wants:${path}`;
  let installing = false;
  self.addEventListener('install', () => (installing = true));
  self.addEventListener('activate', (event) => {
    installing = false;
    event.waitUntil(caches.delete(HANDOFF_CACHE));
  });

  const wanted = async (path) => {
    const { held = [] } = await self.navigator.locks.query();
    return held.some((lock) => lock.name === wantLock(path));
  };

  // Workbox stores what this fetch returns only afterwards: the download lock is held until it
  // has (its Cache.put of that URL settles), so that a worker never finds the file in neither cache.
  const storing = new Map();
  const cachePut = Cache.prototype.put;
  Cache.prototype.put = function (request, response) {
    const done = cachePut.call(this, request, response);
    const settle = storing.get(new URL(request instanceof Request ? request.url : request, scope).href.split('?')[0]);
    if (settle) done.then(settle, settle);
    return done;
  };

  /** { response, release }: release() frees the download lock, also called once Workbox stored it. */
  const fetchShared = (path, input, init) => {
    const release = () => {};
    if (!installing || !self.navigator.locks) return rawFetch(input, init).then((response) => ({ response, release }));
    const url = input instanceof Request ? input.url : String(input);
    return new Promise((resolve, reject) => {
      self.navigator.locks
        .request(downloadLock(path), async () => {
          const handed = (await caches.has(HANDOFF_CACHE)) && (await caches.match(url, { cacheName: HANDOFF_CACHE }));
          if (handed) return resolve({ response: handed, release });
          const response = await rawFetch(input, init);
          if (response.ok && (await wanted(path))) {
            await (await caches.open(HANDOFF_CACHE)).put(url, response.clone()).catch(() => {});
          }
          let free;
          const stored = new Promise((r) => (free = r));
          storing.set(url.split('?')[0], free);
          resolve({ response, release: free });
          await Promise.race([stored, new Promise((r) => setTimeout(r, 30_000))]);
          storing.delete(url.split('?')[0]);
        })
        .catch(reject);
    });
  };

  self.fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input), scope);
    if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return rawFetch(input, init);
    const path = decodeURIComponent(url.pathname.slice(scope.pathname.length));
    if (!mustBeVerified(path)) return rawFetch(input, init);
    const { response, release } = await fetchShared(path, input, init);
    const checked = await check(path, response);
    if (checked !== response || !response.ok) release();
    return checked;
  };

  /** `response`, or a refusal when it is an HTML page or its bytes are not those integrity.json lists. */
  const check = async (path, response) => {
    if (!response.ok) return response;
    const type = response.headers.get('Content-Type') || '';
    if (/text\/html/i.test(type)) return refuse(path, `served as ${type}`);
    let list;
    try {
      list = await loadManifest();
    } catch (err) {
      return refuse(path, `integrity.json could not be read (${err.message})`);
    }
    if (!list.files[path]) return list.complete ? refuse(path, 'not listed in integrity.json') : response;
    const actual = hex(await crypto.subtle.digest('SHA-256', await response.clone().arrayBuffer()));
    // A .gz sent with Content-Encoding: gzip arrives decompressed: its decoded digest is listed too.
    const matches = actual === list.files[path] || actual === (list.decoded || {})[path];
    if (matches) return response;
    // A damaged hand-off copy must not fail every later install too.
    await caches.delete(HANDOFF_CACHE).catch(() => {});
    return refuse(path, 'SHA-256 does not match integrity.json');
  };
})();
