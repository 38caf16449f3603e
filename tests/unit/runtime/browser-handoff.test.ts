// The page's worker and the service worker (scripts/sw-integrity.js, plain JS) must use the same
// hand-off cache and lock names, or each downloads every file again on a first visit.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { downloadLock, fetchOnce, HANDOFF_CACHE, wantLock } from '../../../workers/runtime/browser-handoff.ts';

const sw = readFileSync(path.resolve(import.meta.dirname, '../../../scripts/sw-integrity.js'), 'utf8');

it('sw-integrity.js names the same cache and locks', () => {
  expect(sw).toContain(`const HANDOFF_CACHE = '${HANDOFF_CACHE}';`);
  expect(sw).toContain(`const downloadLock = (path) => \`${downloadLock('${path}')}\`;`);
  expect(sw).toContain(`const wantLock = (path) => \`${wantLock('${path}')}\`;`);
});

it('outside a built app in a browser the fetch is left alone', async () => {
  const seen: string[] = [];
  const fetchRaw = async (url: string) => (seen.push(url), new Response('x'));
  const res = await fetchOnce('/models/a/onnx/model.onnx', 'models/a/onnx/model.onnx', fetchRaw, async () => true);
  expect(await res.text()).toBe('x');
  expect(seen).toEqual(['/models/a/onnx/model.onnx']);
});
