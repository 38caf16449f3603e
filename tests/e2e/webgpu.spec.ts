// Chromium with --enable-unsafe-webgpu (SwiftShader): `auto` validates WebGPU against WASM and
// takes it; its entities must equal the WASM ones.
import { NOTE, expect, openView, ortBuildsFetched, runEntities, swControlled, test } from './fixtures.ts';

test('auto takes WebGPU and agrees with WASM on entities', async ({ page, requests }) => {
  await page.goto('./');
  const gpu = await runEntities(page, NOTE);
  await expect(page.getByTestId('backend-status')).toContainText('webgpu');
  expect(ortBuildsFetched(requests).webgpu).toBe(true);
  await openView(page, 'settings');
  await page.getByLabel(/wasm/i).check();
  await expect(page.getByTestId('backend-status')).toContainText('wasm');
  const cpu = await runEntities(page, NOTE);
  expect(gpu.map((e) => `${e.type}:${e.start}:${e.end}`)).toEqual(cpu.map((e) => `${e.type}:${e.start}:${e.end}`));
});

test('offline before WebGPU was ever used: WASM, with the reason', async ({ page, context }) => {
  // The WebGPU build is not part of the offline install; it is stored on first use online.
  await page.goto('./');
  await swControlled(page);
  await context.setOffline(true);
  await page.reload();
  expect((await runEntities(page, NOTE)).length).toBeGreaterThan(0);
  await expect(page.getByTestId('backend-status')).toContainText('wasm');
  await expect(page.getByTestId('backend-status')).toContainText(/not stored on this device/);
  await context.setOffline(false);
});
