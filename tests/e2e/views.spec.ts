// Each view gives a result from the real model in Debian Chromium (WASM backend).
import { NOTE, expect, openView, ortBuildsFetched, runClassify, runEntities, runSimilarity, test } from './fixtures.ts';

test('the page is cross-origin isolated and served with a strict CSP', async ({ page }) => {
  const response = await page.goto('./');
  const csp = response!.headers()['content-security-policy'];
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("connect-src 'self'");
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
});

test('Find entities highlights the model output at exact offsets', async ({ page, requests }) => {
  await page.goto('./');
  const entities = await runEntities(page, NOTE);
  for (const e of entities) expect(NOTE.slice(e.start, e.end)).toBe(e.text);
  expect(entities.map((e) => e.type)).toContain('Chemical');
  // ConText assertion reaches the UI: "denies chest pain" is shown as negated.
  const pain = page.getByTestId('entities-result').locator('[data-testid="entity"][data-assertion="negated"]');
  await expect(pain.first()).toHaveText(/chest pain/i);
  await expect(page.getByTestId('backend-status')).toContainText('wasm');
  // No WebGPU here: the WebGPU build of ONNX Runtime is never fetched (the plain one is installed).
  expect(ortBuildsFetched(requests)).toEqual({ wasm: true, webgpu: false });
});

test('Classify a note lists labels with scores', async ({ page }) => {
  await page.goto('./');
  const labels = await runClassify(page, NOTE);
  expect(labels.length).toBeGreaterThan(1);
});

test('Compare sentences ranks the paraphrase first', async ({ page }) => {
  await page.goto('./');
  const rows = await runSimilarity(page, 'How do I treat a migraine headache?', [
    'The patient fractured his left wrist.',
    'What is the treatment for migraine headaches?',
    'Metformin is taken twice daily.',
  ]);
  expect(rows[0]).toContain('migraine');
  const hits = page.getByTestId('similarity-result').getByTestId('hit-row');
  await expect(hits.first().getByTestId('duplicate-badge')).toHaveText('same question');
  await expect(hits.getByTestId('duplicate-badge')).toHaveCount(1);
});

test('bad input gets a clear message and loses nothing', async ({ page }) => {
  await page.goto('./');
  await openView(page, 'entities');
  await page.getByTestId('entities-input').fill('   ');
  await page.getByTestId('entities-run').click();
  await expect(page.getByTestId('error')).toBeVisible();
  const payload = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script> aspirin overdose';
  await page.getByTestId('entities-input').fill(payload);
  await page.getByTestId('entities-run').click();
  await expect(page.getByTestId('entities-result')).toContainText('<script>');
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(page.getByTestId('entities-input')).toHaveValue(payload);
});
