// Every e2e test runs with a recorder of all requests made by the page, its workers and the
// service worker; after each test we assert that none left the app's own origin.
import { test as base, expect, type Page } from '@playwright/test';

export const APP_ORIGIN = 'http://localhost:4173';

export const test = base.extend<{ requests: string[] }>({
  requests: [
    async ({ context }, use) => {
      const urls: string[] = [];
      context.on('request', (req) => urls.push(req.url()));
      await use(urls);
      const foreign = urls.filter(
        (u) => !u.startsWith(APP_ORIGIN + '/') && !u.startsWith('data:') && !u.startsWith('blob:'),
      );
      expect(foreign, 'requests to other origins').toEqual([]);
      expect(urls.length, 'the recorder saw the app load').toBeGreaterThan(3);
    },
    { auto: true },
  ],
});

export { expect };

/**
 * Which ONNX Runtime builds were fetched, by the page's workers or the service worker: the plain
 * WASM one (part of the offline install) and/or the WebGPU one (fetched only when used).
 */
export function ortBuildsFetched(requests: string[]) {
  return {
    wasm: requests.some((u) => /\/ort-wasm-simd-threaded-[^/.]*\.wasm$/.test(u)),
    webgpu: requests.some((u) => /\/ort-wasm-simd-threaded\.asyncify-[^/]*\.wasm$/.test(u)),
  };
}

/** Waits until the service worker controls the page (it has precached the app by then). */
export async function swControlled(page: Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) =>
        navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }),
      );
    }
  });
}

export const NOTE =
  'The patient is a 64-year-old man with type 2 diabetes mellitus and hypertension. He was started on metformin and lisinopril. ' +
  'He denies chest pain. Cisplatin-induced nephrotoxicity was noted.';

export async function openView(page: Page, view: 'classify' | 'similarity' | 'entities' | 'deid' | 'settings') {
  await page.getByTestId(`tab-${view}`).click();
}

export async function runEntities(page: Page, text: string) {
  await openView(page, 'entities');
  await page.getByTestId('entities-input').fill(text);
  await page.getByTestId('entities-run').click();
  await expect(page.getByTestId('entities-result').getByTestId('entity').first()).toBeVisible();
  return page
    .getByTestId('entities-result')
    .getByTestId('entity')
    .evaluateAll((els) =>
      els.map((el) => ({
        type: el.getAttribute('data-type'),
        start: Number(el.getAttribute('data-start')),
        end: Number(el.getAttribute('data-end')),
        text: el.textContent,
      })),
    );
}

export async function runClassify(page: Page, text: string) {
  await openView(page, 'classify');
  await page.getByTestId('classify-input').fill(text);
  await page.getByTestId('classify-run').click();
  const rows = page.getByTestId('classify-result').getByTestId('label-row');
  await expect(rows.first()).toBeVisible();
  return rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-label')));
}

export async function runSimilarity(page: Page, source: string, candidates: string[]) {
  await openView(page, 'similarity');
  await page.getByTestId('similarity-source').fill(source);
  await page.getByTestId('similarity-candidates').fill(candidates.join('\n'));
  await page.getByTestId('similarity-run').click();
  const rows = page.getByTestId('similarity-result').getByTestId('hit-row');
  await expect(rows).toHaveCount(candidates.length);
  return rows.allTextContents();
}
