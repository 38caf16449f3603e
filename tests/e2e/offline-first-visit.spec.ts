// Offline on a first visit, before the engine's code and the models are stored: the app says so in
// words (not "Failed to fetch dynamically imported module"), offers no button that cannot work,
// and starts the engine again by itself when the network returns, in the same page.
import type { Route } from '@playwright/test';
import { NOTE, expect, openView, runClassify, test } from './fixtures.ts';

/** The engine's code, imported by the worker once ONNX Runtime is in (not engine.worker-*.js). */
const ENGINE_CHUNK = '**/assets/engine-*.js';

test('offline on a first visit is said in words, and the app recovers when the network returns', async ({
  page,
  context,
}) => {
  let network: 'holding' | 'offline' | 'online' = 'holding';
  const held: Route[] = [];
  let firstHeld = () => {};
  const engineRequested = new Promise<void>((resolve) => (firstHeld = resolve));
  await context.route(ENGINE_CHUNK, async (route) => {
    if (network === 'holding') {
      held.push(route);
      firstHeld();
    } else if (network === 'offline') await route.abort('internetdisconnected');
    else await route.continue();
  });

  await page.goto('./');
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
  await engineRequested;
  network = 'offline';
  await context.setOffline(true);
  for (const route of held) await route.abort('internetdisconnected');

  const status = page.getByTestId('backend-status');
  await expect(status).toContainText('You are offline');
  await expect(status).not.toContainText(/dynamically imported module|Failed to fetch/);
  await openView(page, 'classify');
  await page.getByTestId('classify-input').fill(NOTE);
  await page.getByTestId('classify-run').click();
  const error = page.locator('#panel-classify').getByTestId('error');
  await expect(error).toContainText('You are offline');
  await expect(error.getByTestId('error-action')).toHaveCount(0);
  console.log(`[offline first visit] ${await error.locator('p').textContent()}`);

  network = 'online';
  await context.setOffline(false);
  await expect(status).toContainText('Analysis runs on');
  expect((await runClassify(page, NOTE)).length).toBeGreaterThan(1);
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
});
