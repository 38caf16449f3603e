// fetchVerified hashes what it fetched, except a Response that browser-handoff.ts built from bytes
// it had just checked (markVerified): a warm start would otherwise hash every file twice.
import { expect, it } from 'vitest';
import {
  configureIntegrity,
  fetchVerified,
  markVerified,
  sha256Hex,
} from '../../../workers/runtime/browser-integrity.ts';

const BASE = 'https://medtext.test/';
const bytes = (text: string) => new TextEncoder().encode(text).buffer as ArrayBuffer;

async function fetcher(body: () => Response) {
  const manifest = { complete: true, files: { 'models/a.onnx': await sha256Hex(bytes('good')) } };
  return async (url: string) => (url.endsWith('integrity.json') ? Response.json(manifest) : body());
}

it('checks a fetched file against the manifest', async () => {
  configureIntegrity(BASE);
  const good = await fetchVerified(`${BASE}models/a.onnx`, await fetcher(() => new Response('good')));
  expect(await good.text()).toBe('good');
  const bad = await fetchVerified(`${BASE}models/a.onnx`, await fetcher(() => new Response('bad')));
  await expect(bad.text()).rejects.toThrow(/"models\/a.onnx" is damaged/);
});

it('takes a response marked as verified without hashing it again', async () => {
  configureIntegrity(BASE);
  // Bytes that would fail the check: only the mark lets them through, so the hash was skipped.
  const marked = () => markVerified(bytes('bad'), new Headers());
  const res = await fetchVerified(`${BASE}models/a.onnx`, await fetcher(marked));
  expect(await res.text()).toBe('bad');
});
