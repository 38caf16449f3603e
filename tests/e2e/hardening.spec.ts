// Faults a user cannot see until they hurt: a wrong model file on a first visit, and a cancel in
// one view while another view runs. Each prints the time it took to recover.
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
