// De-identification under WebGPU (SwiftShader): the PHI model is two taggers in one graph, one of
// which reads its token type ids through an int64 Mod; `auto` must run it and redact exactly as WASM.
import { expect, openView, test } from './fixtures.ts';

const NOTE =
  'Pt seen by Halvorsen this am; daughter Lisa Rossetti called from Baltimore at 410 392 0780 on 03/14/2021.';

async function redact(page: import('@playwright/test').Page): Promise<string> {
  await openView(page, 'deid');
  await page.getByTestId('deid-input').fill(NOTE);
  await page.getByTestId('deid-run').click();
  const output = page.getByTestId('deid-output');
  await expect(output).toContainText('[');
  return (await output.textContent()) ?? '';
}

test('De-identify runs on WebGPU and redacts as WASM does', async ({ page }) => {
  await page.goto('./');
  const gpu = await redact(page);
  await expect(page.getByTestId('backend-status')).toContainText('webgpu');
  for (const secret of ['Halvorsen', 'Rossetti', '0780', '03/14/2021']) expect(gpu).not.toContain(secret);
  await openView(page, 'settings');
  await page.getByLabel(/wasm/i).check();
  await expect(page.getByTestId('backend-status')).toContainText('wasm');
  expect(await redact(page)).toEqual(gpu);
});
