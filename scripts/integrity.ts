// Build-time integrity manifest: dist/integrity.json holds the SHA-256 of every model, data and
// ONNX Runtime wasm file, and dist/sw-integrity.js is the service worker's check against it
// (workers/runtime/browser-integrity.ts is the page's). The dev server lists the models only.
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';
import { mustBeVerified, type IntegrityManifest } from '../workers/runtime/browser-integrity.ts';
import { localAssetMap } from './local-assets.ts';

export const INTEGRITY_FILE = 'integrity.json';
export const SW_INTEGRITY_SCRIPT = 'sw-integrity.js';

export function sha256(bytes: string | Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The manifest of `files` (bundle path → content): those that must be verified, sorted. */
export function integrityManifest(
  files: Iterable<[string, string | Uint8Array]>,
  complete: boolean,
): IntegrityManifest {
  const listed = [...files].filter(([name]) => mustBeVerified(name)).sort(([a], [b]) => a.localeCompare(b));
  const gzipped = listed.filter(([name]) => name.endsWith('.gz'));
  return {
    complete,
    files: Object.fromEntries(listed.map(([name, source]) => [name, sha256(source)])),
    decoded: Object.fromEntries(gzipped.map(([name, source]) => [name, sha256(gunzipSync(source))])),
  };
}

export function integrity(): Plugin {
  let base = '/';
  return {
    name: 'medtext-integrity',
    configResolved(config) {
      base = config.base;
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = (req.url ?? '').split('?')[0];
        if (url !== `${base}${INTEGRITY_FILE}` && url !== `/${INTEGRITY_FILE}`) return next();
        const models = [...localAssetMap()].map(([rel, file]): [string, Uint8Array] => [rel, readFileSync(file)]);
        res.setHeader('Content-Type', 'application/json');
        res.end(JSON.stringify(integrityManifest(models, false)));
      });
    },
    // After every other plugin (the models, the workers' wasm) has added its files.
    generateBundle: {
      order: 'post',
      handler(_, bundle) {
        const files = Object.values(bundle).map((out): [string, string | Uint8Array] => [
          out.fileName,
          out.type === 'asset' ? out.source : out.code,
        ]);
        const manifest = integrityManifest(files, true);
        if (!Object.keys(manifest.files).some((name) => name.endsWith('.wasm')))
          this.error('integrity: no ONNX Runtime .wasm in the bundle');
        this.emitFile({ type: 'asset', fileName: INTEGRITY_FILE, source: JSON.stringify(manifest, null, 1) });
        const guard = readFileSync(path.join(import.meta.dirname, SW_INTEGRITY_SCRIPT), 'utf8');
        this.emitFile({ type: 'asset', fileName: SW_INTEGRITY_SCRIPT, source: guard });
      },
    },
  };
}
