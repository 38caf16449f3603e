// After one online visit the service worker has precached the app, ONNX Runtime and the
// models: with the network off, a reload still works in all three views.
import { NOTE, expect, runClassify, runEntities, runSimilarity, swControlled, test } from './fixtures.ts';

test('all views work offline after one visit', async ({ page, context }) => {
  await page.goto('./');
  await swControlled(page);
  await context.setOffline(true);
  await page.reload();
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);
  expect((await runEntities(page, NOTE)).length).toBeGreaterThan(0);
  expect((await runClassify(page, NOTE)).length).toBeGreaterThan(1);
  expect(await runSimilarity(page, 'chest pain', ['pain in the chest', 'broken leg'])).toHaveLength(2);
  await context.setOffline(false);
});
