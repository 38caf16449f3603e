// Faults a user cannot see until they hurt: a wrong model file on a first visit, a cancel in one
// view while another view runs (each prints the time it took to recover), and a host without
// the isolation headers (a visible notice; the CSP still holds from the page's meta tag).
import { MAX_CANDIDATES, MAX_SOURCE_CHARS } from '../../workers/tasks/similarity/limits.ts';
import type { Page } from '@playwright/test';
import { NOTE, expect, openView, runClassify, test } from './fixtures.ts';

const ADE_ONNX = '**/models/ade/onnx/*.onnx';

test('a model file served as an HTML page is named, never stored, and Re-download recovers', async ({
  page,
  context,
}) => {
  const indexHtml = await (await page.request.get('./')).text();
  // What a static host answers for a missing path: index.html, HTTP 200.
  await context.route(ADE_ONNX, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: indexHtml }));
  await page.goto('./');
  await openView(page, 'classify');
  await page.getByTestId('classify-input').fill(NOTE);
  const started = Date.now();
  await page.getByTestId('classify-run').click();
  const error = page.locator('#panel-classify').getByTestId('error');
  await expect(error).toContainText('models/ade/onnx/model_quantized.onnx');
  console.log(`[hardening] HTML as model: named in ${Date.now() - started} ms: ${await error.textContent()}`);
  await expect(error.getByTestId('error-action')).toHaveText('Re-download');

  await context.unroute(ADE_ONNX);
  const recovering = Date.now();
  await error.getByTestId('error-action').click();
  await expect(error).toBeHidden();
  expect((await runClassify(page, NOTE)).length).toBeGreaterThan(1);
  console.log(`[hardening] Re-download to a classification: ${Date.now() - recovering} ms`);

  // Nothing HTML was stored under a model path by the service worker.
  const htmlStored = await page.evaluate(async () => {
    const found: string[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        const response = await cache.match(request);
        if (/\/models\//.test(request.url) && /text\/html/.test(response?.headers.get('Content-Type') ?? ''))
          found.push(request.url);
      }
    }
    return found;
  });
  expect(htmlStored).toEqual([]);
});

test('cancelling Find entities does not stop De-identify', async ({ page }) => {
  await page.goto('./');
  const long = Array.from({ length: 30 }, () => NOTE).join('\n');
  await openView(page, 'deid');
  await page.getByTestId('deid-input').fill(long);
  await page.getByTestId('deid-run').click();
  await openView(page, 'entities');
  await page.getByTestId('entities-input').fill(long);
  await page.getByTestId('entities-run').click();
  const started = Date.now();
  await page.locator('#panel-entities').getByTestId('cancel').click();
  await expect(page.locator('#panel-entities')).toContainText('Stopped');
  await openView(page, 'deid');
  await expect(page.getByTestId('deid-output')).toBeVisible();
  await expect(page.locator('#panel-deid').getByTestId('error')).toHaveCount(0);
  await expect(page.locator('#panel-deid')).not.toContainText('Stopped');
  console.log(`[hardening] De-identify finished ${Date.now() - started} ms after Find entities was cancelled`);
});

test('the built page carries its CSP in a meta tag, for hosts that send no headers', async ({ page }) => {
  await page.goto('./');
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(meta).toContain("default-src 'self'");
  expect(meta).not.toContain('frame-ancestors');
  await expect(page.getByTestId('isolation-notice')).toHaveCount(0);
});

test('a host that sends no isolation headers gets a visible notice, and the app still runs', async ({
  page,
  context,
}) => {
  // The page as a plain static host serves it: the same file without COOP/COEP.
  await context.route(
    (url) => url.pathname === '/',
    async (route) => {
      const response = await route.fetch();
      const headers = Object.fromEntries(
        Object.entries(response.headers()).filter(([name]) => !/^cross-origin-(opener|embedder)-policy$/i.test(name)),
      );
      await route.fulfill({ response, headers });
    },
  );
  await page.goto('./');
  expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(false);
  await expect(page.getByTestId('isolation-notice')).toBeVisible();
  await expect(page.getByTestId('isolation-notice')).toContainText('one thread');
  // The CSP still holds: it travels in the page itself.
  expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toContain(
    "default-src 'self'",
  );
  expect((await runClassify(page, NOTE)).length).toBeGreaterThan(1);
});

/**
 * Sets a text box's value in one input event, as a paste does. Playwright's fill() of 5,000 lines
 * was one main-thread task of 54 s here; this takes none of note (docs/hardening.md).
 */
async function setText(page: Page, testId: string, text: string) {
  await page.getByTestId(testId).evaluate((el, value) => {
    (el as HTMLTextAreaElement).value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, text);
}

test('Compare sentences states its limits before the run: a long source is cut, a long list refused', async ({
  page,
}) => {
  test.setTimeout(600_000);
  await page.goto('./');
  await openView(page, 'similarity');
  const source = 'Patient denies chest pain on exertion and at rest. '.repeat(2000);
  await setText(page, 'similarity-source', source);
  await expect(page.getByTestId('similarity-source-limit')).toContainText(
    `The source is ${source.trim().length.toLocaleString('en')} characters; only its first ${MAX_SOURCE_CHARS.toLocaleString('en')} are compared.`,
  );
  const line = (i: number) => `Line ${i}: ${['shortness of breath', 'chest pain at rest', 'a broken leg'][i % 3]}.`;
  await setText(page, 'similarity-candidates', Array.from({ length: 12_800 }, (_, i) => line(i)).join('\n'));
  const refusal = `The list has 12,800 sentences; one comparison takes up to ${MAX_CANDIDATES.toLocaleString('en')}.`;
  await expect(page.getByTestId('similarity-limit')).toContainText(refusal);
  await page.getByTestId('similarity-run').click();
  await expect(page.locator('#panel-similarity').getByTestId('error')).toContainText(refusal);
  await expect(page.getByTestId('similarity-result')).toHaveCount(0);
  await page.getByTestId('matrix-run').click();
  await expect(page.locator('#panel-similarity').getByTestId('error').last()).toContainText(
    'The table compares up to 40 sentences; the list has 12800.',
  );

  // The longest list it takes, against the 100,000-character source, finishes.
  await setText(page, 'similarity-candidates', Array.from({ length: MAX_CANDIDATES }, (_, i) => line(i)).join('\n'));
  await expect(page.getByTestId('similarity-limit')).toHaveCount(0);
  const started = Date.now();
  await page.getByTestId('similarity-run').click();
  await expect(page.getByTestId('similarity-result').getByTestId('hit-row')).toHaveCount(10, { timeout: 540_000 });
  await expect(page.getByTestId('similarity-result')).toContainText(/chest pain at rest/);
  console.log(
    `[hardening] Compare sentences, 100k-character source x ${MAX_CANDIDATES} lines: ${Date.now() - started} ms`,
  );
});
