#!/usr/bin/env node
// A dependency-free static server for the built app: `node scripts/serve.mjs [dir] [--port N] [--host H]`.
// It sends the headers of `<dir>/_headers` (generated from scripts/headers.ts, so it cannot drift)
// with every response, gives each file its Content-Type, lists no directories, refuses paths
// outside <dir> and answers 404 for a missing file (never index.html in its place: a model path
// answered with HTML is exactly the fault the integrity checks exist to catch).
import { createReadStream } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Content-Type by extension. `.gz` files are sent as they are (the app sniffs the gzip bytes). */
export const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
  '.gz': 'application/gzip',
};

export const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

/** Files of the site that describe the host, not the app: never served. */
const HOST_FILES = new Set(['/_headers', '/_redirects', '/.htaccess']);

/** The headers of the `/*` block of a Netlify/Cloudflare `_headers` file. */
export function parseHeadersFile(text) {
  const headers = {};
  let inAll = false;
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      inAll = line.trim() === '/*';
      continue;
    }
    const colon = line.indexOf(':');
    if (inAll && colon > 0) headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return headers;
}

export function contentTypeOf(file) {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? DEFAULT_CONTENT_TYPE;
}

/**
 * The file a request path names inside `root`, or null. The path is decoded once (so `%2e%2e`
 * is `..`), must stay inside root once resolved, and may not reach outside it through a link.
 */
export async function resolveInside(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  if (decoded.split('/').some((part) => part === '..')) return null;
  if (HOST_FILES.has(decoded)) return null;
  let file = path.resolve(root, `.${decoded}`);
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  try {
    let info = await stat(file);
    // A folder is served only through its index.html: no listings.
    if (info.isDirectory()) {
      file = path.join(file, 'index.html');
      info = await stat(file);
    }
    if (!info.isFile()) return null;
    const real = await realpath(file);
    return real.startsWith(root + path.sep) ? { file: real, size: info.size } : null;
  } catch {
    return null;
  }
}

/** An http.Server for `dir`; call `.listen(port, host)` on it. */
export async function createStaticServer(dir) {
  const root = await realpath(path.resolve(dir));
  let headersText;
  try {
    headersText = await readFile(path.join(root, '_headers'), 'utf8');
  } catch {
    throw new Error(`${root}/_headers is missing: build the app first (npx vite build).`);
  }
  const headers = parseHeadersFile(headersText);
  if (!headers['Content-Security-Policy']) throw new Error(`${root}/_headers has no Content-Security-Policy for /*`);

  return http.createServer(async (req, res) => {
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    const fail = (status, text) => {
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
      res.end(req.method === 'HEAD' ? undefined : text);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return fail(405, 'Method not allowed\n');
    }
    const rawPath = (req.url ?? '/').split(/[?#]/)[0];
    const found = rawPath.startsWith('/') ? await resolveInside(root, rawPath) : null;
    if (!found) return fail(404, 'Not found\n');
    res.writeHead(200, {
      'Content-Type': contentTypeOf(found.file),
      'Content-Length': found.size,
      // The service worker is the app's store; the HTTP cache must not hand back stale pages.
      'Cache-Control': 'no-cache',
    });
    if (req.method === 'HEAD') return res.end();
    createReadStream(found.file)
      .on('error', () => res.destroy())
      .pipe(res);
  });
}

function parseArgs(argv) {
  const args = { dir: 'dist', port: 4173, host: '127.0.0.1' };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--port') args.port = Number(argv[++i]);
    else if (argv[i] === '--host') args.host = argv[++i];
    else args.dir = argv[i];
  }
  return args;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { dir, port, host } = parseArgs(process.argv.slice(2));
  // No top-level await: tools that load this file as CommonJS (tsx) can import it too.
  createStaticServer(dir).then(
    (server) =>
      server.listen(port, host, () => {
        const { port: bound } = server.address();
        console.log(`medtext: serving ${path.resolve(dir)} at http://${host}:${bound}/`);
      }),
    (err) => {
      console.error(err.message);
      process.exit(1);
    },
  );
}
