// A tiny built site (one file of each kind the app serves, a secret beside it and a link out of
// it) and a raw HTTP client that sends paths verbatim (fetch would normalise `/../` away).
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { netlifyHeaders } from '../../../scripts/hosting.ts';

/** Path in the site → Content-Type every server must send for it. */
export const SITE_TYPES: Record<string, RegExp> = {
  '/index.html': /^text\/html\b/,
  '/assets/main-abc.js': /^text\/javascript\b/,
  '/assets/worker.mjs': /^text\/javascript\b/,
  '/assets/main-abc.css': /^text\/css\b/,
  '/integrity.json': /^application\/json\b/,
  '/manifest.webmanifest': /^application\/manifest\+json\b/,
  '/favicon.svg': /^image\/svg\+xml\b/,
  '/icons/icon-192.png': /^image\/png\b/,
  '/assets/ort-wasm-simd-threaded-x.wasm': /^application\/wasm$/,
  '/models/entities/onnx/model_quantized.onnx': /^application\/octet-stream$/,
  '/models/entities/concepts.json.gz': /^application\/gzip$/,
};

export const GZ_CONTENT = '{"concepts":[]}';

/** Writes the site into a fresh temporary folder: { root, outside } (a secret file beside root). */
export function makeStaticSite(): { root: string; secret: string } {
  const base = mkdtempSync(path.join(os.tmpdir(), 'medtext-site-'));
  const root = path.join(base, 'dist');
  for (const file of Object.keys(SITE_TYPES)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    const body = file.endsWith('.gz') ? gzipSync(GZ_CONTENT) : `content of ${file}\n`;
    writeFileSync(path.join(root, file), body);
  }
  writeFileSync(path.join(root, '_headers'), netlifyHeaders());
  const secret = path.join(base, 'secret.txt');
  writeFileSync(secret, 'SECRET outside the site\n');
  symlinkSync(secret, path.join(root, 'assets', 'link-out.txt'));
  return { root, secret };
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** GET `rawPath` exactly as written (no normalisation of `..` or percent escapes). */
export function rawGet(port: number, rawPath: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: rawPath, method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Paths that try to leave the site; a server must answer none of them with the secret. */
export const TRAVERSALS = [
  '/../secret.txt',
  '/assets/../../secret.txt',
  '/%2e%2e/secret.txt',
  '/%2E%2E/secret.txt',
  '/assets/%2e%2e/%2e%2e/secret.txt',
  '/..%2fsecret.txt',
  '/%2e%2e%2fsecret.txt',
  '/..%5csecret.txt',
  '/assets/link-out.txt',
];
