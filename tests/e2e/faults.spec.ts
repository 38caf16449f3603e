// Files that are wrong on a first visit (nothing stored yet): ONNX Runtime's wasm or a model served
// as garbage with HTTP 200, a model missing (404). The error names the file in words, nothing
// damaged is stored in any cache, and once the file is right again the one offered action
// (Re-download) recovers without clearing site data. Then a worker that dies silently mid-run.
import type { Page } from '@playwright/test';
import { NOTE, expect, openView, runClassify, test } from './fixtures.ts';

/** Bytes that are neither wasm nor ONNX nor HTML (a truncated or corrupted download). */
const GARBAGE = Buffer.from(Array.from({ length: 64 * 1024 }, (_, i) => (i * 7919 + 13) % 251));
const ADE_ONNX = 'models/ade/onnx/model_quantized.onnx';

interface FileFault {
  what: string;
  glob: string;
  /** The file as the error must name it. */
  file: RegExp;
  fulfill: { status: number; contentType: string; body: Buffer | string };
  says: RegExp;
}

const FILE_FAULTS: FileFault[] = [
  {
    what: "ONNX Runtime's wasm served as garbage with HTTP 200",
    glob: '**/assets/ort-wasm-simd-threaded*.wasm',
    file: /"assets\/ort-wasm-simd-threaded[^"]*\.wasm"/,
    fulfill: { status: 200, contentType: 'application/wasm', body: GARBAGE },
    says: /is damaged or not the expected file/,
  },
  {
    what: 'a model served as garbage with HTTP 200',
    glob: `**/${ADE_ONNX}`,
    file: /"models\/ade\/onnx\/model_quantized\.onnx"/,
    fulfill: { status: 200, contentType: 'application/octet-stream', body: GARBAGE },
    says: /is damaged or not the expected file/,
  },
  {
    what: 'a model missing on the server (HTTP 404)',
    glob: `**/${ADE_ONNX}`,
    file: /"models\/ade\/onnx\/model_quantized\.onnx"/,
    fulfill: { status: 404, contentType: 'text/plain', body: 'Not found' },
    says: /is missing on the server/,
  },
];

/**
 * Every Cache Storage entry (service worker precache, hand-off copies, anything) of a file that
 * must be verified whose bytes are not the ones integrity.json lists.
 */
function unverifiedCached(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const base = new URL('./', location.href);
    const list = (await (await fetch(new URL('integrity.json', base), { cache: 'no-store' })).json()) as {
      files: Record<string, string>;
      decoded?: Record<string, string>;
    };
    const hex = (b: ArrayBuffer) => Array.from(new Uint8Array(b), (x) => x.toString(16).padStart(2, '0')).join('');
    const bad: string[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        const path = decodeURIComponent(new URL(request.url).pathname.slice(base.pathname.length));
        if (!path.startsWith('models/') && !/\.(onnx|wasm)$/.test(path)) continue;
        const digest = hex(await crypto.subtle.digest('SHA-256', await (await cache.match(request))!.arrayBuffer()));
        if (digest !== list.files[path] && digest !== list.decoded?.[path]) bad.push(`${name}: ${path}`);
      }
    }
    return bad;
  });
}

for (const fault of FILE_FAULTS) {
  test(`${fault.what}: named, never stored, and Re-download recovers`, async ({ page, context }) => {
    await context.route(fault.glob, (route) => route.fulfill(fault.fulfill));
    await page.goto('./');
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
    await openView(page, 'classify');
    await page.getByTestId('classify-input').fill(NOTE);
    await page.getByTestId('classify-run').click();
    const error = page.locator('#panel-classify').getByTestId('error');
    await expect(error).toContainText(fault.file);
    await expect(error).toContainText(fault.says);
    await expect(error).not.toContainText(/local_files_only|magic word|protobuf/);
    await expect(error.getByTestId('error-action')).toHaveText('Re-download');
    console.log(`[faults] ${fault.what}: ${await error.locator('p').textContent()}`);
    expect(await unverifiedCached(page)).toEqual([]);

    await context.unroute(fault.glob);
    await error.getByTestId('error-action').click();
    await expect(error).toBeHidden();
    expect((await runClassify(page, NOTE)).length).toBeGreaterThan(1);
    await expect(page.getByTestId('backend-status')).toContainText('Analysis runs on');
    expect(await unverifiedCached(page)).toEqual([]);
    // Recovered in the same page: no reload, no site data cleared.
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
  });
}

test('a worker that dies without an error event is noticed, named, and Retry runs again', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto('./');
  await openView(page, 'entities');
  const long = Array.from({ length: 400 }, () => NOTE).join('\n');
  await page.getByTestId('entities-input').fill(long);
  await page.getByTestId('entities-run').click();
  await expect(page.locator('#panel-entities').getByTestId('cancel')).toBeVisible();
  const engineWorker = page.workers().find((w) => /engine\.worker/.test(w.url()));
  expect(engineWorker, 'the view runs on an engine worker').toBeTruthy();
  // close() from inside: the worker is gone and its Worker object hears nothing.
  await engineWorker!.evaluate(() => self.close());
  const error = page.locator('#panel-entities').getByTestId('error');
  await expect(error).toContainText('stopped responding', { timeout: 120_000 });
  await expect(error.getByTestId('error-action')).toHaveText('Retry');
  await error.getByTestId('error-action').click();
  await page.getByTestId('entities-input').fill(NOTE);
  await page.getByTestId('entities-run').click();
  await expect(page.getByTestId('entities-result').getByTestId('entity').first()).toBeVisible();
});
