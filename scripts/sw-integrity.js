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

  self.fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input), scope);
    if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return rawFetch(input, init);
    const path = decodeURIComponent(url.pathname.slice(scope.pathname.length));
    if (!mustBeVerified(path)) return rawFetch(input, init);
    const response = await rawFetch(input, init);
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
    return matches ? response : refuse(path, 'SHA-256 does not match integrity.json');
  };
})();
