// scripts/serve.mjs: every response carries the headers of scripts/headers.ts, each file its
// Content-Type, and nothing outside the site, no listing and no index.html for a missing file.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECURITY_HEADERS } from '../../scripts/headers.ts';
import { createStaticServer } from '../../scripts/serve.mjs';
import { GZ_CONTENT, makeStaticSite, rawGet, SITE_TYPES, TRAVERSALS } from './hosting/static-site.ts';

let server: Server;
let port = 0;

beforeAll(async () => {
  server = await createStaticServer(makeStaticSite().root);
  // Port 0: the system picks a free one.
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function expectSecurityHeaders(headers: Record<string, unknown>) {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(headers[name.toLowerCase()], name).toBe(value);
}

describe('scripts/serve.mjs', () => {
  it.each(Object.entries(SITE_TYPES))('%s: 200, its Content-Type and every security header', async (file, type) => {
    const res = await rawGet(port, file);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(type);
    expect(res.headers['content-encoding']).toBeUndefined();
    expectSecurityHeaders(res.headers);
  });

  it('sends .gz files as they are, which the app un-gzips itself', async () => {
    const res = await rawGet(port, '/models/entities/concepts.json.gz');
    expect(gunzipSync(res.body).toString()).toBe(GZ_CONTENT);
  });

  it('serves index.html for / and a folder only through its index.html', async () => {
    const root = await rawGet(port, '/');
    expect(root.status).toBe(200);
    expect(root.body.toString()).toBe('content of /index.html\n');
    expect((await rawGet(port, '/?v=2')).status).toBe(200);
    // No listing of a folder without index.html.
    const folder = await rawGet(port, '/models/');
    expect(folder.status).toBe(404);
    expect(folder.body.toString()).not.toContain('entities');
  });

  it('answers 404 (with the headers, never index.html) for a missing file or model', async () => {
    for (const missing of ['/models/ade/onnx/model_quantized.onnx', '/nope.js', '/models/entities/x.json']) {
      const res = await rawGet(port, missing);
      expect(res.status, missing).toBe(404);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      expect(res.body.toString()).not.toContain('index.html');
      expectSecurityHeaders(res.headers);
    }
  });

  it.each(TRAVERSALS)('refuses %s', async (attempt) => {
    const res = await rawGet(port, attempt);
    expect(res.status).toBe(404);
    expect(res.body.toString()).not.toContain('SECRET');
  });

  it('does not serve the host files', async () => {
    expect((await rawGet(port, '/_headers')).status).toBe(404);
  });

  it('refuses to start without a _headers file', async () => {
    await expect(createStaticServer(makeStaticSite().secret.replace('secret.txt', ''))).rejects.toThrow(/_headers/);
  });
});
