// The static-hosting headers file must say what the dev/preview servers send.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { CSP, SECURITY_HEADERS } from '../../scripts/headers.ts';

it('public/_headers matches SECURITY_HEADERS', () => {
  const file = readFileSync(path.resolve(import.meta.dirname, '../../public/_headers'), 'utf8');
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(file).toContain(`${name}: ${value}`);
});

it('the CSP allows only the app origin and no inline script', () => {
  expect(CSP).toContain("default-src 'self'");
  expect(CSP).toContain("connect-src 'self'");
  expect(CSP).toMatch(/script-src 'self' 'wasm-unsafe-eval'(;|$)/);
  expect(CSP).not.toMatch(/script-src[^;]*unsafe-inline/);
});

it('the meta CSP is the header CSP minus what a meta tag cannot carry', async () => {
  const { META_CSP } = await import('../../scripts/headers.ts');
  expect(META_CSP).not.toContain('frame-ancestors');
  for (const directive of CSP.split('; ').filter((d) => !d.startsWith('frame-ancestors')))
    expect(META_CSP).toContain(directive);
});
