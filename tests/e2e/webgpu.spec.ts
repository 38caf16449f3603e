// Chromium with --enable-unsafe-webgpu (SwiftShader): `auto` validates WebGPU against WASM and
// takes it; its entities must equal the WASM ones.
import { NOTE, expect, openView, runEntities, test } from './fixtures.ts';

test('auto takes WebGPU and agrees with WASM on entities', async ({ page }) => {
  await page.goto('./');
  const gpu = await runEntities(page, NOTE);
  await expect(page.getByTestId('backend-status')).toContainText('webgpu');
  await openView(page, 'settings');
  await page.getByLabel(/wasm/i).check();
  await expect(page.getByTestId('backend-status')).toContainText('wasm');
  const cpu = await runEntities(page, NOTE);
  expect(gpu.map((e) => `${e.type}:${e.start}:${e.end}`)).toEqual(cpu.map((e) => `${e.type}:${e.start}:${e.end}`));
});
