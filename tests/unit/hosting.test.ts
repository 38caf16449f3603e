// The static-host configurations (scripts/hosting.ts) carry every header of scripts/headers.ts
// and are committed exactly as generated; where nginx is installed, its configuration is served
// for real and checked like scripts/serve.mjs.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECURITY_HEADERS } from '../../scripts/headers.ts';
import { apacheHtaccess, hostingFiles, netlifyHeaders, nginxServer } from '../../scripts/hosting.ts';
import { parseHeadersFile } from '../../scripts/serve.mjs';
import { makeStaticSite, rawGet, SITE_TYPES, TRAVERSALS } from './hosting/static-site.ts';

const repo = path.resolve(import.meta.dirname, '../..');

describe('generated host configurations', () => {
  it.each(Object.entries(hostingFiles()))('%s is committed exactly as scripts/hosting.ts writes it', (file, text) => {
    expect(readFileSync(path.join(repo, file), 'utf8')).toBe(text);
  });

  it('_headers gives every path every header, with its value', () => {
    expect(parseHeadersFile(netlifyHeaders())).toEqual(SECURITY_HEADERS);
  });

  it('nginx and Apache set every header on every response, errors included', () => {
    const nginx = nginxServer();
    const apache = apacheHtaccess();
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      expect(nginx).toContain(`add_header ${name} "${value}" always;`);
      expect(apache).toContain(`Header always set ${name} "${value}"`);
    }
    // nginx drops inherited add_header lines in any block that has its own.
    expect(nginx.match(/add_header/g)).toHaveLength(Object.keys(SECURITY_HEADERS).length);
  });

  it('nginx and Apache name the types the app needs and list no folders', () => {
    for (const [ext, type] of [
      ['wasm', 'application/wasm'],
      ['onnx', 'application/octet-stream'],
      ['webmanifest', 'application/manifest+json'],
    ]) {
      expect(nginxServer()).toMatch(new RegExp(`${type.replace('+', '\\+')} [^;]*\\b${ext}\\b`));
      expect(apacheHtaccess()).toContain(`AddType "${type}" .${ext}`);
    }
    expect(nginxServer()).toContain('autoindex off;');
    expect(nginxServer()).toContain('=404;');
    expect(apacheHtaccess()).toContain('Options -Indexes -FollowSymLinks');
  });
});

const nginxBinary = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((bin) => spawnSync(bin, ['-v']).status === 0);
if (!nginxBinary) console.warn('hosting.test.ts: nginx is not installed, the nginx serving check is skipped');

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe.skipIf(!nginxBinary)('nginx with docs/hosting/nginx.conf', () => {
  let nginx: ChildProcess;
  let port = 0;

  beforeAll(async () => {
    const { root } = makeStaticSite();
    const work = path.join(path.dirname(root), 'nginx');
    mkdirSync(work);
    port = await freePort();
    const server = nginxServer({ root, listen: `127.0.0.1:${port}` });
    // A whole nginx.conf around the documented server block; temp paths inside `work`.
    const conf = [
      'daemon off;',
      'worker_processes 1;',
      `pid ${work}/nginx.pid;`,
      `error_log ${work}/error.log;`,
      // Root may start nginx; its workers then read the site as root too (the site is in /tmp).
      ...(process.getuid?.() === 0 ? ['user root;'] : []),
      'events {}',
      'http {',
      '  access_log off;',
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${work}/${t};`),
      server,
      '}',
    ].join('\n');
    writeFileSync(path.join(work, 'nginx.conf'), conf);
    nginx = spawn(nginxBinary!, ['-p', work, '-c', path.join(work, 'nginx.conf')], { stdio: 'inherit' });
    for (let i = 0; i < 100; i++) {
      if (
        await rawGet(port, '/').then(
          () => true,
          () => false,
        )
      )
        return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`nginx did not start (see ${work}/error.log)`);
  });

  afterAll(() => {
    nginx?.kill('SIGQUIT');
  });

  it.each(Object.entries(SITE_TYPES))('%s: 200, its Content-Type and every security header', async (file, type) => {
    const res = await rawGet(port, file);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(type);
    expect(res.headers['content-encoding']).toBeUndefined();
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(res.headers[name.toLowerCase()]).toBe(value);
  });

  it('answers 404 with the headers for a missing model, never index.html; no listing', async () => {
    const res = await rawGet(port, '/models/ade/onnx/model_quantized.onnx');
    expect(res.status).toBe(404);
    expect(res.headers['content-security-policy']).toBe(SECURITY_HEADERS['Content-Security-Policy']);
    expect((await rawGet(port, '/models/')).status).toBe(404);
    expect((await rawGet(port, '/_headers')).status).toBe(404);
    expect((await rawGet(port, '/')).body.toString()).toBe('content of /index.html\n');
  });

  it.each(TRAVERSALS)('never serves the secret for %s', async (attempt) => {
    const res = await rawGet(port, attempt);
    expect(res.body.toString()).not.toContain('SECRET');
  });
});
